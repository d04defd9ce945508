"""The follow-up question form of an article: ask (POST), then a confirmation page (GET)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from config.security import client_ip

from ..models import Article, Persona
from ..public import page as pages
from ..public import text_source
from ..public.personas import resolve_persona
from . import rules as followups
from .forms import FollowUpForm


def _published(slug):
    try:
        return Article.objects.published().get(slug=slug)
    except Article.DoesNotExist:
        raise Http404("No published article with this address.") from None


def _persona(request, code):
    """The persona of the page the form was on, else the reader's (cookie, default)."""
    chosen = Persona.objects.filter(code=code).first() if code else None
    return chosen or resolve_persona(request).persona


def _from_another_site(request):
    """A browser names the page a POST comes from (Origin); one from another site is refused.
    Older browsers and non-browser clients send none: the honeypot and rate limit apply."""
    origin = request.META.get("HTTP_ORIGIN")
    if not origin:
        return False
    return origin != f"{request.scheme}://{request.get_host()}" and origin not in getattr(
        settings, "CSRF_TRUSTED_ORIGINS", []
    )


# No CSRF token: the form sits on the article page, which is cached whole and served to every
# reader (public/response_cache.py), so it may not carry a per-reader token. A forged post could do no
# more than a reader can do without one (ask a question: no account, no session, nothing
# changed for the victim); cross-site posts are still refused by their Origin, and the
# honeypot field and the per-client rate limit stay.
@csrf_exempt
def ask_follow_up(request, slug):
    if request.method == "POST" and _from_another_site(request):
        raise PermissionDenied(_("This form can only be sent from this site."))
    article = _published(slug)
    lang = getattr(request, "LANGUAGE_CODE", None) or get_language()
    status = 200
    if request.method == "POST":
        form = FollowUpForm(request.POST)
        if form.is_robot:
            return redirect("articles:follow_up_sent", slug=article.slug)  # tell a robot nothing
        if form.is_valid():
            if followups.take_rate_slot(client_ip(request) or "unknown"):
                followups.ask(
                    article,
                    question=form.cleaned_data["question"],
                    email=form.cleaned_data["email"],
                    language=lang,
                    persona=_persona(request, form.cleaned_data["persona"]),
                )
                return redirect("articles:follow_up_sent", slug=article.slug)
            form.add_error(None, _("You have sent several questions in a short time. Please try again later."))
            status = 429
        else:
            status = 400
    else:
        form = FollowUpForm(initial={"persona": resolve_persona(request).code or ""})
    try:
        title = pages.shown_version(article, lang)[1].fields["title"] or article.slug
    except text_source.NotShown:
        raise Http404("No version of this article may be shown yet.") from None
    return render(
        request, "articles/follow_up.html", {"article": article, "title": title, "form": form}, status=status
    )


def follow_up_sent(request, slug):
    article = _published(slug)
    return render(request, "articles/follow_up_sent.html", {"article": article})
