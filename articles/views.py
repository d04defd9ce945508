"""The public pages. Thin: look up, resolve the persona, build (public/page.py), render."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from .models import Article, SitePage, Topic
from .public import page as pages
from .public import text_source
from .public.personas import remember_persona, resolve_persona
from .public.response_cache import cached_page
from .public.sitemaps import SITEMAPS
from .search import query as searching
from .staff.access import DRAFTS_REFUSED, may_open_drafts


def _lang(request):
    return getattr(request, "LANGUAGE_CODE", None) or get_language()


def _article_response(request, article, *, preview=False):
    lang = _lang(request)
    choice = resolve_persona(request)
    try:
        page = pages.build_article_page(
            article,
            lang=lang,
            persona_choice=choice,
            absolute_url=request.build_absolute_uri(article.get_absolute_url()),
            use_cache=not preview,  # editors see what they are editing, rendered afresh
            draft=preview,
        )
    except text_source.NotShown:
        raise Http404("No version of this article may be shown yet.") from None
    response = render(
        request,
        "articles/article_detail.html",
        {
            "page": page,
            "article": article,
            "preview": preview,
            "editorial_policy_url": pages.editorial_policy_url(lang),
        },
    )
    response["Content-Language"] = lang if not page.is_fallback else f"{lang}, {page.content_lang}"
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return remember_persona(response, choice)


@cached_page
def article_detail(request, slug):
    try:
        article = pages.published_article(slug)
    except Article.DoesNotExist:
        raise Http404("No published article with this address.") from None
    return _article_response(request, article)


@never_cache
def article_preview(request, slug):
    """Any status, as readers would see it: for whoever access.may_open_drafts allows."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_open_drafts(user):
        raise PermissionDenied(DRAFTS_REFUSED)
    try:
        article = pages.any_article(slug)
    except Article.DoesNotExist:
        raise Http404("No article with this address.") from None
    if not may_open_drafts(user, article):
        raise PermissionDenied(DRAFTS_REFUSED)
    return _article_response(request, article, preview=True)


@cached_page
def article_index(request):
    lang = _lang(request)
    choice = resolve_persona(request)
    page, cards = pages.build_index(lang, request.GET.get("page"))
    response = render(
        request,
        "articles/article_index.html",
        {"page_obj": page, "cards": cards, "personas": pages.persona_options(choice, lang), "choice": choice},
    )
    return remember_persona(response, choice)


@cached_page(persona_cookie=False)
def topic_index(request):
    return render(request, "articles/topic_index.html", {"topics": pages.topic_entries(_lang(request))})


@cached_page
def topic_detail(request, slug):
    lang = _lang(request)
    topic = get_object_or_404(Topic, slug=slug)
    choice = resolve_persona(request)
    page, cards = pages.build_topic(topic, lang, request.GET.get("page"))
    response = render(
        request,
        "articles/topic_detail.html",
        {
            "topic": topic,
            "name": pages.localized(topic, "name", lang),
            "description": pages.localized(topic, "description", lang),
            "page_obj": page,
            "cards": cards,
            "personas": pages.persona_options(choice, lang),
            "choice": choice,
        },
    )
    return remember_persona(response, choice)


def language_home(request):
    """/<lang>/ leads to the article index in that language."""
    return redirect("articles:index")


@cached_page(persona_cookie=False)
def editorial_policy(request):
    site_page = get_object_or_404(SitePage, slug=SitePage.EDITORIAL_POLICY)
    return render(request, "editorial_policy.html", {"page": pages.build_site_page(site_page, _lang(request))})


@cached_page(persona_cookie=False)
def site_page(request, slug):
    """About, contact, privacy: a SitePage by slug; the contact page adds settings.CONTACT_EMAIL."""
    site_page = get_object_or_404(SitePage, slug=slug)
    contact_email = settings.CONTACT_EMAIL if slug == SitePage.CONTACT else ""
    return render(
        request,
        "site_page.html",
        {"page": pages.build_site_page(site_page, _lang(request)), "contact_email": contact_email},
    )


PAGE_SIZE = 20


# Results change with any content change (the version) and nothing else; kept briefly, since
# every query any reader types is another page.
@cached_page(persona_cookie=False, max_seconds="SEARCH_RESPONSE_CACHE_SECONDS")
def search(request):
    """/<lang>/search/?q=...: published articles, the reader's language first, 20 a page."""
    lang = _lang(request)
    query = request.GET.get("q", "").strip()[: searching.MAX_QUERY_LENGTH]
    concepts = searching.parse_query(query, searching.glossary_forms()) if query else []
    hits = searching.find(concepts, lang)
    page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
    shown, results = searching.rendered_results(page, lang, concepts) if hits else (0, "")
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "page_obj": page,
            "shown": shown,
            "results": results,
            "count": page.paginator.count,
            "more": hits.more,
            "bounded": hits.bounded,
            "search_query": query,
        },
    )


def sitemap_xml(request):
    """/sitemap.xml: the urlset of every section while each fits in one page (Sitemap.limit
    URLs); else the index of their pages (/sitemap-<section>.xml?p=N): every article is reachable."""
    sections = {name: sitemap() for name, sitemap in SITEMAPS.items()}
    if all(section.paginator.num_pages <= 1 for section in sections.values()):
        return sitemap_views.sitemap(request, sections)
    return sitemap_views.index(request, sections, sitemap_url_name="sitemap_section")


def robots_txt(request):
    """Crawlers: everything public except the admin, previews and search results; the sitemap."""
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /*/preview/"]
    lines += [f"Disallow: /{code}/search/" for code in pages.LANGUAGE_CODES]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
