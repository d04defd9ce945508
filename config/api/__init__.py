"""The read-only JSON API, /api/v1/ (django-ninja: pydantic schemas give the OpenAPI 3 schema
at /api/v1/openapi.json; Swagger UI at /api/v1/docs from ninja's bundled static files).

It lives in config because it shows data of every app (articles, references, reviews) and
config is the one place allowed to import them all; the apps stay unaware of it.
"""

import datetime
from typing import Annotated, Literal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import override
from ninja import NinjaAPI, Query, Swagger
from ninja.errors import ValidationError

from articles.models import LANGUAGE_CODES

from . import data
from .schemas import ArticleDetail, ArticlePageOut, Error

Language = Literal[tuple(LANGUAGE_CODES)]

api = NinjaAPI(
    title="MedCMS read API",
    version="1",
    description="Published medical articles, as readers see them: text per language and persona, "
    "cited sources as CSL-JSON, and the state of their medical review. Read-only.",
    urls_namespace="api-v1",
    # No validator badge: the docs page must not call out to swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error['loc'][1:]) or 'request'}: {error['msg']}" for error in exc.errors
    )
    return api.create_response(request, {"detail": problems}, status=400)


@api.exception_handler(data.BadRequest)
def bad_request(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(data.NotFound)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=404)


def _aware(moment):
    """A date or a time without a zone is read in the site's time zone."""
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


@api.get(
    "/articles",
    response={200: ArticlePageOut, 400: Error, 404: Error},
    url_name="articles",
    summary="List published articles",
)
def list_articles(
    request,
    lang: Annotated[Language | None, Query(description="Only articles readers can read in this language, titles in it.")] = None,
    topic: Annotated[str | None, Query(description="Only articles on this topic (its slug).")] = None,
    updated_since: Annotated[
        datetime.datetime | None,
        Query(description="Only articles whose text changed at or after this date or time (ISO 8601)."),
    ] = None,
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=data.MAX_PAGE_SIZE)] = 20,
):
    """Newest text first. Without `lang`, each article in the site's default language, or in
    another one (`is_fallback`) if it has no version in it."""
    with override(lang or settings.LANGUAGE_CODE):
        filters = data.Filters(lang=lang, topic=topic or None, updated_since=_aware(updated_since))
        return data.article_list(request, filters, default_lang=settings.LANGUAGE_CODE, page=page, page_size=page_size)


@api.get(
    "/articles/{slug}",
    response={200: ArticleDetail, 400: Error, 404: Error},
    url_name="article",
    summary="One published article, for one language and persona",
)
def get_article(
    request,
    slug: str,
    lang: Annotated[Language, Query(description="The language to read it in.")] = settings.LANGUAGE_CODE,
    persona: Annotated[
        str | None,
        Query(description=f"A persona code (default: {settings.DEFAULT_PERSONA}); an unknown code is an error."),
    ] = None,
):
    """As the article page shows it: a language the article is not shown in falls back to
    another one (`is_fallback`), the text is the one readers are shown (REVIEW_GATE), and the
    body keeps only what the persona sees."""
    with override(lang):
        return data.article_detail(
            request, slug, lang=lang, persona_code=persona, default_persona=settings.DEFAULT_PERSONA
        )
