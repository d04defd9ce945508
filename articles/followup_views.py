"""The follow-up question form of an article: ask (POST), then a confirmation page (GET)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from config.security import client_ip

from . import followups, text_source
from . import page as pages
from .followup_forms import FollowUpForm
from .models import Article, Persona
from .personas import resolve_persona


def _published(slug):
    try:
        return Article.objects.published().get(slug=slug)
    except Article.DoesNotExist:
        raise Http404("No published article with this address.") from None


def _persona(request, code):
    """The persona of the page the form was on, else the reader's (cookie, default)."""
    chosen = Persona.objects.filter(code=code).first() if code else None
    return chosen or resolve_persona(request).persona


def ask_follow_up(request, slug):
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
