"""What the read API returns, built by the same code as the pages.

One article goes through ``articles.public.page.build_article_page`` (language choice and fallback,
the REVIEW_GATE text source, persona rendering, references) and ``reviews.public.reader`` (the
review of the exact text returned), so the API never says something the page does not.
"""

import math
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from articles.models import Article, Topic
from articles.public import page as pages
from articles.public import text_source
from articles.public.personas import PersonaChoice, all_personas
from references.csl import reference_to_item
from reviews.public.reader import review_for_page

MAX_PAGE_SIZE = 100


class BadRequest(Exception):
    """The request asks for something that cannot exist (HTTP 400), with a message saying what."""


class NotFound(Exception):
    """Nothing public at this address (HTTP 404)."""


def persona_choice(code, default_code):
    """The persona asked for; an unknown code is an error here, unlike on the page (where a
    shared link must still work), because an API client should learn it asked for nothing."""
    personas = all_personas()
    by_code = {p.code: p for p in personas}
    if code is None or code == "":
        persona = by_code.get(default_code) or (personas[0] if personas else None)
        return PersonaChoice(persona, personas)
    if code not in by_code:
        raise BadRequest(
            _("Unknown persona '%(code)s'; use one of: %(codes)s.") % {"code": code, "codes": ", ".join(by_code)}
        )
    return PersonaChoice(by_code[code], personas)


def _page_url(request, article, lang):
    with override(lang):
        return request.build_absolute_uri(article.get_absolute_url())


def _api_url(request, slug, lang=None):
    url = reverse("api-v1:article", kwargs={"slug": slug})
    return request.build_absolute_uri(url + (f"?lang={lang}" if lang else ""))


def _topics(article, lang):
    return [{"slug": t.slug, "name": pages.localized(t, "name", lang).text or t.slug} for t in article.topics.all()]


def reader_languages(article, versions):
    """The languages readers may read ``article`` in (versions: text_source.reader_versions())."""
    if versions is None:
        return article.languages()
    return [code for code in pages.LANGUAGE_CODES if code in versions.get(article.pk, {})]


def article_detail(request, slug, *, lang, persona_code, default_persona):
    try:
        article = pages.published_article(slug)
    except Article.DoesNotExist:
        raise NotFound(_("No published article with this address.")) from None
    choice = persona_choice(persona_code, default_persona)
    try:
        page = pages.build_article_page(
            article, lang=lang, persona_choice=choice, absolute_url=_page_url(request, article, lang)
        )
    except text_source.NotShown:
        raise NotFound(_("No version of this article may be shown yet.")) from None
    review = review_for_page(page, request)
    persona = choice.persona
    return {
        "slug": article.slug,
        "url": page.url,
        "lang": lang,
        "content_lang": page.content_lang,
        "is_fallback": page.is_fallback,
        "translation_may_be_outdated": bool(page.stale_note),
        "languages": reader_languages(article, text_source.reader_versions([article])),
        "persona": {
            "code": persona.code if persona else "",
            "label": pages.localized(persona, "label", lang).text if persona else "",
        },
        "title": page.title,
        "key_answer_html": str(page.summary_html),
        "plain_summary_html": str(page.plain_summary_html) or None,
        "body_html": str(page.body_html),
        "toc": [{"id": entry.id, "text": entry.text, "level": entry.level} for entry in page.toc],
        "references": [reference_to_item(entry.reference) for entry in page.references],
        "topics": [{"slug": topic.slug, "name": name.text or topic.slug} for topic, name in page.topics],
        "authors": [{"name": a.name, "credentials": a.credentials.text} for a in page.authors],
        "review": {
            "state": str(review.state),
            "label": str(review.label),
            "changed_since_approval": review.changed_since_approval,
            "reviewed_by": [{"name": r.name, "credentials": r.credentials.text} for r in review.reviewers],
        },
        "dates": {
            "last_updated": page.updated,
            "last_reviewed": review.last_reviewed,
            "next_review_due": review.next_review_due,
            "literature_reviewed_through": article.literature_reviewed_through,
        },
        "update_notes": [{"date": date, "note": note.text} for date, note in page.update_notes],
    }


@dataclass(frozen=True)
class Filters:
    lang: str | None
    topic: str | None
    updated_since: object  # aware datetime or None


def _summary(request, article, lang, versions, filters):
    """The list entry of an article, or None if it does not pass the filters."""
    languages = reader_languages(article, versions)
    if not languages or (filters.lang and filters.lang not in languages):
        return None
    try:
        code, shown = pages.shown_version(article, lang, versions=versions)
    except text_source.NotShown:
        return None
    updated = shown.updated or article.text_updated_at(code)
    if filters.updated_since and (updated is None or updated < filters.updated_since):
        return None
    return {
        "slug": article.slug,
        "title": shown.fields["title"] or article.slug,
        "lang": code,
        "is_fallback": code != lang,
        "languages": languages,
        "topics": _topics(article, lang),
        "last_updated": updated,
        "url": _page_url(request, article, code),
        "api_url": _api_url(request, article.slug, code),
    }


def article_list(request, filters, *, default_lang, page, page_size):
    """Published articles readers can see, newest text first, one page of them. A fixed
    number of queries: the articles with their text dates, their topics, and the text source."""
    lang = filters.lang or default_lang
    articles = Article.objects.published().with_text_dates().prefetch_related("topics").order_by("slug")
    if filters.topic:
        if not Topic.objects.filter(slug=filters.topic).exists():
            raise NotFound(_("No topic with the slug '%(slug)s'.") % {"slug": filters.topic})
        articles = articles.filter(topics__slug=filters.topic)
    articles = list(articles)
    versions = text_source.reader_versions(articles)
    items = [item for item in (_summary(request, a, lang, versions, filters) for a in articles) if item]
    items.sort(key=lambda item: (item["last_updated"] is not None, item["last_updated"]), reverse=True)

    count = len(items)
    pages_total = max(1, math.ceil(count / page_size))
    if page > pages_total:
        raise NotFound(_("There is no page %(page)s; the last page is %(last)s.") % {"page": page, "last": pages_total})
    start = (page - 1) * page_size

    def page_link(number):
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": pages_total,
        "next": page_link(page + 1) if page < pages_total else None,
        "previous": page_link(page - 1) if page > 1 else None,
        "items": items[start : start + page_size],
    }
