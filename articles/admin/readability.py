"""The readability of each language version, as a lay reader gets it, in the article form."""

from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from references.models import Reference

from ..editing.readability import lay_text, readability
from ..models import LANGUAGE_CODES, Persona
from ..rendering.citations import cited_keys
from ..rendering.markdown import MarkdownError

DEFAULT_LAY_PERSONA = "patient"


def _language_name(lang):
    return str(dict(settings.LANGUAGES).get(lang, lang))


def _grade(value):
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"


def describe(lang, figures):
    """One line for a language version: the figures, the target and the verdict."""
    name = _language_name(lang)
    if figures is None:
        return gettext("%(language)s: no text to measure") % {"language": name}
    if lang.startswith("zh"):
        text = gettext(
            "%(language)s: average sentence %(length)s characters (target ≤ %(target_length)s), "
            "uncommon characters %(rare)s%% (target ≤ %(target_rare)s%%)"
        ) % {
            "language": name,
            "length": f"{figures.average_sentence_length:.0f}",
            "target_length": figures.target_sentence_length,
            "rare": f"{figures.rare_share * 100:.1f}",
            "target_rare": f"{figures.target_rare_share * 100:.0f}",
        }
        if figures.within_target:
            verdict = gettext("within the target for lay readers")
        elif figures.sentences_too_long and figures.too_many_rare_characters:
            verdict = gettext("sentences too long and too many uncommon characters for lay readers")
        elif figures.sentences_too_long:
            verdict = gettext("sentences too long for lay readers")
        else:
            verdict = gettext("too many uncommon characters for lay readers")
    else:
        low, high = figures.target
        text = gettext("%(language)s: grade %(grade)s (target %(low)s–%(high)s)") % {
            "language": name,
            "grade": f"{figures.grade:.1f}",
            "low": _grade(low),
            "high": _grade(high),
        }
        if figures.within_target:
            verdict = gettext("within the target for lay readers")
        elif figures.too_hard:
            verdict = gettext("too hard for lay readers")
        else:
            verdict = gettext("easier than the target")
    return f"{text} — {verdict}"


def measure_line(lang, summary, body, plain_summary, library, persona_codes, persona):
    """The line for one language version's text (stored or as typed in the form)."""
    try:
        blocks = lay_text(summary, body, plain_summary, library=library, personas=persona_codes, persona=persona)
    except MarkdownError:
        return gettext("%(language)s: cannot be measured until the Markdown errors are fixed") % {
            "language": _language_name(lang)
        }
    return describe(lang, readability(lang, blocks))


class ReadabilityAdminMixin:
    """Adds the read-only field ``lay_readability`` to a ModelAdmin of articles.

    Put ``"lay_readability"`` in a fieldset; it is added to the read-only fields here.
    """

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields if "lay_readability" in fields else (*fields, "lay_readability")

    def _lay_persona_and_codes(self):
        personas = list(Persona.objects.order_by("order", "code"))
        codes = [persona.code for persona in personas]
        lay = next((persona.code for persona in personas if persona.is_lay), None)
        return lay or DEFAULT_LAY_PERSONA, codes or [DEFAULT_LAY_PERSONA]

    def readability_lines(self, obj):
        persona, codes = self._lay_persona_and_codes()
        lines = []
        for lang in LANGUAGE_CODES:
            summary, body = obj.text("summary", lang), obj.text("body", lang)
            keys = cited_keys(summary, body)
            library = {ref.key: ref for ref in Reference.objects.filter(key__in=keys)} if keys else {}
            lines.append(measure_line(lang, summary, body, obj.text("plain_summary", lang), library, codes, persona))
        return lines

    @admin.display(description=_("Readability for lay readers"))
    def lay_readability(self, obj):
        if obj is None or obj.pk is None:
            return gettext("Shown once the article is saved.")
        return format_html(
            '<ul class="readability">{}</ul>',
            format_html_join("", "<li>{}</li>", ((line,) for line in self.readability_lines(obj))),
        )
