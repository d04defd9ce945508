"""The editor's workbench: what the article form shows about the text being typed.

Everything here works on text that is NOT saved: the values of the form's text fields as
posted (``posted_texts``). Nothing here writes the article or makes a revision.

- ``text_problems``: the Markdown problems of each language version, with their line.
- ``preview_page``: the article page as a reader of one persona and language would get it,
  built by ``page.build_article_page`` (a saved article) or from the same
  ``page.render_for_reader`` (a new one), never cached.
- ``readability_lines``: the lay readability of each language version (``editing/readability.py``).
- ``search_library``: the citation picker's search of the reference library.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language_info, gettext, override

from references.formatting import vancouver_html
from references.models import Reference

from ..models import LANGUAGE_CODES, Article, Autosave, Persona, field_suffix
from ..public import page as pages
from ..public.personas import PersonaChoice, all_personas
from ..rendering.citations import cited_keys
from ..rendering.markdown import check_article
from .textnorm import normalize_text

TEXT_FIELDS = Article.READER_VISIBLE_FIELDS  # title, summary, body, plain_summary
SEARCH_LIMIT = 20


def form_field_name(field, lang):
    return f"{field}_{field_suffix(lang)}"


def text_field_names():
    return [form_field_name(field, lang) for lang in LANGUAGE_CODES for field in TEXT_FIELDS]


def posted_texts(data, article=None):
    """{lang: {field: text}} from posted form data; a field not posted keeps the article's."""
    texts = {}
    for lang in LANGUAGE_CODES:
        texts[lang] = {}
        for field in TEXT_FIELDS:
            name = form_field_name(field, lang)
            if name in data:
                value = data.get(name)
            else:
                value = article.text(field, lang) if article is not None else ""
            texts[lang][field] = normalize_text(value or "")
    return texts


# --- problems ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TextProblem:
    lang: str
    field: str  # "summary" or "body"
    line: int
    message: str

    @property
    def field_name(self):
        return form_field_name(self.field, self.lang)

    @property
    def label(self):
        """"English, body": where the problem is, in the editor's words."""
        language = get_language_info(self.lang)["name_local"]
        return f"{language}, {Article._meta.get_field(self.field).verbose_name}"

    def as_json(self):
        return {
            "lang": self.lang,
            "field": self.field_name,
            "label": self.label,
            "line": self.line,
            "message": self.message,
        }


def _library_for(texts):
    """The referenced library entries every language version cites (one query)."""
    keys = set()
    for fields in texts.values():
        keys.update(cited_keys(fields["summary"], fields["body"]))
    return {ref.key: ref for ref in Reference.objects.filter(key__in=keys)} if keys else {}


def text_problems(texts, *, library=None, persona_codes=None):
    """Every Markdown problem (unknown citation key or persona, malformed block), per language."""
    library = _library_for(texts) if library is None else library
    codes = set(Persona.objects.values_list("code", flat=True)) if persona_codes is None else set(persona_codes)
    problems = []
    for lang, fields in texts.items():
        if not (fields["summary"] or fields["body"]):
            continue
        with override(lang):
            found = check_article(fields["summary"], fields["body"], library_keys=library, personas=codes)
        problems += [TextProblem(lang, p.field, p.line, str(p.message)) for p in found]
    return problems


# --- preview -----------------------------------------------------------------------------


def _unsaved_page(article, *, lang, persona_choice):
    """What build_article_page shows for an article that has no row yet (no authors, topics,
    notes or translation state): the same renderer, no cache."""
    content_lang = pages.content_language(article, lang)
    persona = persona_choice.persona
    lay_reader = persona is None or persona.is_lay
    text = pages.render_for_reader(
        article, content_lang, persona=persona, persona_codes=persona_choice.codes, use_cache=False
    )
    with override(lang):
        entries = [
            pages.ReferenceEntry(number, ref, pages.vancouver_html(ref), str(ref.get_evidence_display()))
            for number, ref in enumerate(text.references, start=1)
        ]
    plain = article.text("plain_summary", content_lang) if lay_reader else ""
    return pages.ArticlePage(
        article=article,
        lang=lang,
        content_lang=content_lang,
        title=article.text("title", content_lang) or article.slug,
        summary_html=text.summary_html,
        body_html=text.body_html,
        plain_summary_html=pages.plain_paragraphs_html(plain) if plain else pages.mark_safe(""),
        toc=text.toc,
        references=entries,
        authors=[],
        topics=[],
        persona_choice=persona_choice,
        personas=pages.persona_options(persona_choice, lang),
        disclaimer=pages.localized(persona, "disclaimer", lang) if persona else pages.Localized("", lang),
        updated=None,
        url="",
        render_failed=text.failed,
    )


def persona_choice_for(code):
    personas = all_personas()
    by_code = {p.code: p for p in personas}
    return PersonaChoice(by_code.get(code) or (personas[0] if personas else None), personas)


def preview_page(article, texts, *, lang, persona_code):
    """The page a ``persona_code`` reader of ``lang`` would see with ``texts`` (not saved).

    ``article``: the stored article (its authors, topics and notes are shown) or None.
    The instance passed is changed in memory only; never save it.
    """
    target = article if article is not None else Article(slug="preview")
    for code, fields in texts.items():
        for field, value in fields.items():
            target.set_text(field, code, value)
    choice = persona_choice_for(persona_code)
    if target.pk is None:
        return _unsaved_page(target, lang=lang, persona_choice=choice)
    return pages.build_article_page(
        target, lang=lang, persona_choice=choice, absolute_url="", use_cache=False, draft=True
    )


# --- readability -------------------------------------------------------------------------


def readability_lines(texts):
    """One line per language: the lay readability of the text as typed."""
    from ..admin.readability import measure_line  # the admin's wording of the figures

    personas = list(Persona.objects.order_by("order", "code"))
    codes = [p.code for p in personas] or ["patient"]
    lay = next((p.code for p in personas if p.is_lay), None) or "patient"
    library = _library_for(texts)
    return {
        lang: measure_line(lang, fields["summary"], fields["body"], fields["plain_summary"], library, codes, lay)
        for lang, fields in texts.items()
    }


# --- citation picker ---------------------------------------------------------------------


def search_library(query, limit=SEARCH_LIMIT):
    """References matching every word of ``query`` in title, authors, year, DOI, PMID or key.

    One query whatever the library holds; at most ``limit`` results, newest first.
    """
    if not (query or "").strip():
        return []
    found = Reference.objects.matching(query).order_by("-issued_year", "key")[:limit]
    return [reference_entry(ref) for ref in found]


def reference_entry(ref):
    """What the picker shows of a reference (a search result, a reference just added)."""
    return {
        "key": ref.key,
        "title": ref.title,
        "authors": _author_line(ref.authors, ref.authors_incomplete),
        "year": ref.issued_year,
        "doi": ref.doi,
        "pmid": ref.pmid,
        "retracted": ref.retracted,
    }


def new_reference_preview(found):
    """What the picker shows of a reference found by its DOI or PMID, before it is added:
    the reference as the reference list would print it, and the key it would get."""
    reference = Reference(**found.fields)
    reference.key = found.key
    return {
        **reference_entry(reference),
        "service": found.service,
        "citation_html": str(vancouver_html(reference)),
    }


def _author_line(authors, incomplete=False):
    """Family names: three at most, then "et al." (also after a list marked incomplete)."""
    names = []
    for author in authors or []:
        if isinstance(author, dict):
            names.append(author.get("family") or author.get("literal") or "")
    names = [name for name in names if name]
    if len(names) > 3 or (names and incomplete):
        return ", ".join(names[:3]) + " et al."
    return ", ".join(names)


# --- autosave ----------------------------------------------------------------------------


def _autosave_lookup(user, article):
    if article is None:
        return {"user": user, "article__isnull": True}
    return {"user": user, "article": article}


def autosave_for(user, article):
    """The user's unsaved text for ``article`` (None: the form of a new article), or None."""
    return Autosave.objects.filter(**_autosave_lookup(user, article)).first()


def store_autosave(user, article, values, language="", base_revision=""):
    """Keep the posted text fields (only those) for ``user`` and ``article``, with the
    revision the form was opened on (``base_revision``, its lock token). Never touches the
    article itself."""
    allowed = set(text_field_names())
    kept = {name: normalize_text(str(value)) for name, value in values.items() if name in allowed}
    fields = {
        "values": kept, "language": (language or "")[:10], "base_revision": (base_revision or "")[:64],
        "saved_at": timezone.now(),
    }
    autosave, _created = Autosave.objects.update_or_create(
        **_autosave_lookup(user, article), defaults=fields, create_defaults={**fields, "article": article}
    )
    return autosave


def differs_from(autosave, article):
    """Does the autosaved text differ from what is stored (or, new article, is it non-empty)?"""
    for name, value in autosave.values.items():
        stored = getattr(article, name, "") if article is not None else ""
        if normalize_text(value or "") != normalize_text(stored or ""):
            return True
    return False


def clear_autosave(user, article):
    Autosave.objects.filter(**_autosave_lookup(user, article)).delete()


def saved_at_label(autosave):
    return date_format(localtime(autosave.saved_at), "DATETIME_FORMAT")


def restore_message(autosave):
    return gettext("You have unsaved text from %(time)s.") % {"time": saved_at_label(autosave)}
