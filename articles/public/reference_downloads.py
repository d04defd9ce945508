"""The article's reference list as a file (CSL-JSON, BibTeX, RIS) for reference managers.

The file lists exactly the references of the list the reader sees on the page: the language
version shown at that address (the same fallback and review gate), the reader's persona, in
list order.
"""

from django.http import Http404
from django.utils.translation import get_language

from references.exports import export_response

from ..models import Article
from . import page as pages
from . import text_source
from .personas import resolve_persona


def cited_references(article, lang, persona_choice):
    """The references of the page's reference list, in its order (NotShown if none may be shown)."""
    content_lang, shown = pages.shown_version(article, lang)
    text = pages.render_for_reader(
        article,
        content_lang,
        persona=persona_choice.persona,
        persona_codes=persona_choice.codes,
        texts=shown.fields,
    )
    return content_lang, list(text.references)


def download_references(request, slug, fmt):
    lang = getattr(request, "LANGUAGE_CODE", None) or get_language()
    try:
        article = pages.published_article(slug)
        content_lang, references = cited_references(article, lang, resolve_persona(request))
    except (Article.DoesNotExist, text_source.NotShown):
        raise Http404("No published article with this address.") from None
    return export_response(references, fmt, f"{article.slug}-{content_lang}-references")
