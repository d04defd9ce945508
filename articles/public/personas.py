"""Which persona ("Which best describes you?") a reader gets.

Order of precedence: ``?persona=<code>`` (and it is remembered in a cookie), else the
cookie, else ``settings.DEFAULT_PERSONA``. A code that does not exist is ignored, never
an error: links get shared, personas get renamed, cookies outlive both.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.cache import patch_vary_headers

from ..models import Persona
from .response_cache import memoized

QUERY_PARAM = "persona"


@dataclass(frozen=True)
class PersonaChoice:
    persona: Persona | None
    personas: list[Persona]
    # True when the reader chose it with ?persona= in this request: remember it.
    chosen_now: bool = False

    @property
    def code(self):
        return self.persona.code if self.persona else None

    @property
    def codes(self):
        return [p.code for p in self.personas]


def all_personas():
    """Every persona, in picker order (one query, once per content version for reader pages)."""
    return list(memoized("personas", lambda: list(Persona.objects.order_by("order", "code"))))


def resolve_persona(request, personas=None):
    """The reader's persona for this request; never raises for bad input."""
    personas = all_personas() if personas is None else list(personas)
    by_code = {p.code: p for p in personas}

    asked = (request.GET.get(QUERY_PARAM) or "").strip()
    if asked in by_code:
        return PersonaChoice(by_code[asked], personas, chosen_now=True)

    remembered = request.COOKIES.get(settings.PERSONA_COOKIE_NAME, "")
    if remembered in by_code:
        return PersonaChoice(by_code[remembered], personas)

    default = by_code.get(settings.DEFAULT_PERSONA) or (personas[0] if personas else None)
    return PersonaChoice(default, personas)


def remember_persona(response, choice):
    """Set the persona cookie when the reader chose now; the page varies by that cookie."""
    patch_vary_headers(response, ["Cookie"])
    if choice.chosen_now and choice.persona is not None:
        set_persona_cookie(response, choice.persona.code)
    return response


def set_persona_cookie(response, code):
    """The cookie that remembers the persona (also replayed by response_cache on a hit)."""
    response.set_cookie(
        settings.PERSONA_COOKIE_NAME,
        code,
        max_age=settings.PERSONA_COOKIE_AGE,
        samesite="Lax",
        httponly=True,
        secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
    )
