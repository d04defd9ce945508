"""The trust checklist of one language version (JAMA benchmarks, HON principles), computed from
the data, never ticked by hand:

- authorship: the article names its authors, each with credentials;
- attribution: every paragraph and bullet point of the body carries a citation (headings,
  code and tables are not paragraphs; a table passes when a cell or the paragraph just before
  it cites; a paragraph ending with a colon introduces what follows and needs none). Audience
  blocks count like any other text. The uncited ones are listed with their line in the body;
- disclosure: every author, and every board member whose approval is in force, has written a
  disclosure (a conflict-of-interest statement, "None" when there is nothing to declare);
- currency: the dates are there (last updated, literature reviewed through, and next review
  due once approved) and the periodic review is not overdue.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.public.page import localized
from articles.rendering.markdown import parse

from ..models import Review
from .people import board_profile, staff_name

LABELS = {
    "authorship": gettext_lazy("Authorship: named authors with credentials"),
    "attribution": gettext_lazy("Attribution: every paragraph and bullet point cites its source"),
    "disclosure": gettext_lazy("Disclosure: authors and approving reviewers have disclosed their interests"),
    "currency": gettext_lazy("Currency: dates given, review not overdue"),
}
EXCERPT_LENGTH = 60


@dataclass(frozen=True)
class Item:
    code: str
    problems: tuple = ()

    @property
    def passed(self):
        return not self.problems

    @property
    def label(self):
        return LABELS[self.code]


@dataclass
class Checklist:
    article: object
    lang: str
    items: list = field(default_factory=list)

    @property
    def passed(self):
        return all(item.passed for item in self.items)

    @property
    def failing(self):
        return [item for item in self.items if not item.passed]

    def problem_lines(self):
        """"attribution: Line 4: ..." one line per problem (the review command prints them)."""
        return [f"{item.code}: {problem}" for item in self.failing for problem in item.problems]


# --- attribution ----------------------------------------------------------------------------


def _cites(inline):
    return any(child.type == "citation" for child in inline.children or ())


def _excerpt(text):
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1].rstrip() + "…"


def uncited_blocks(body):
    """[(line, kind, excerpt)] of the body's paragraphs and bullet points ("paragraph") and
    tables ("table") without a citation (lines counted from 1, as in the body field)."""
    tokens = parse("", body or "")[1]
    uncited = []
    previous_paragraph_cites = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "paragraph_open":
            inline = tokens[index + 1]
            cites = _cites(inline)
            introduces = inline.content.rstrip().endswith((":", "："))
            if not cites and not introduces:
                uncited.append((token.map[0] + 1, "paragraph", _excerpt(inline.content)))
            previous_paragraph_cites = cites
            index += 3
            continue
        if token.type == "table_open":
            close = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
            cells = [t for t in tokens[index:close] if t.type == "inline"]
            if not (previous_paragraph_cites or any(_cites(cell) for cell in cells)):
                uncited.append((token.map[0] + 1, "table", _excerpt(" | ".join(cell.content for cell in cells))))
            previous_paragraph_cites = False
            index = close + 1
            continue
        if token.type in ("heading_open", "fence", "code_block", "html_block", "hr"):
            previous_paragraph_cites = False
        index += 1
    return uncited


def attribution(article, lang):
    messages = {
        "paragraph": _("Line %(line)s: “%(text)s” cites no source."),
        "table": _("Line %(line)s: the table “%(text)s” cites no source, nor does the paragraph before it."),
    }
    return Item("attribution", tuple(
        messages[kind] % {"line": line, "text": text} for line, kind, text in uncited_blocks(article.text("body", lang))
    ))


# --- the other items ------------------------------------------------------------------------


def _authors(article):
    return [authorship.author for authorship in article.authorships.select_related("author").order_by("position", "id")]


def authorship(article, lang):
    authors = _authors(article)
    if not authors:
        return Item("authorship", (_("The article names no author."),))
    return Item("authorship", tuple(
        _("Author %(name)s has no credentials.") % {"name": author.name}
        for author in authors if not localized(author, "credentials", lang).text
    ))


def disclosure(article, lang, approvers):
    problems = [
        _("Author %(name)s has no disclosure (write “None” if there is nothing to declare).") % {"name": author.name}
        for author in _authors(article) if not localized(author, "disclosure", lang).text.strip()
    ]
    for user in approvers:
        profile = board_profile(user)
        if profile is None or not localized(profile, "disclosure", lang).text.strip():
            problems.append(
                _("Reviewer %(name)s has no disclosure in a board profile.")
                % {"name": staff_name(user)}
            )
    return Item("disclosure", tuple(problems))


def currency(article, lang, review, approved, today):
    problems = []
    if not article.text_updated_at(lang):
        problems.append(_("No “last updated” date."))
    if not article.literature_reviewed_through:
        problems.append(_("No “literature reviewed through” date: enter the date of the evidence search."))
    if approved and review is not None:
        if review.next_review_due is None:
            problems.append(_("No “next review due” date."))
        elif review.is_overdue(today):
            problems.append(
                _("The periodic review was due %(date)s and is overdue.") % {"date": review.next_review_due.isoformat()}
            )
    return Item("currency", tuple(problems))


def check(article, lang, today=None):
    """The checklist of ``article``'s ``lang`` version as it is stored now."""
    from .rules import status  # workflow calls check() when submitting

    today = today or timezone.localdate()
    version = status(article, lang)
    review = version.review or Review.objects.filter(article=article, language=lang).first()
    approved = bool(version.approvers)
    return Checklist(article, lang, [
        authorship(article, lang),
        attribution(article, lang),
        disclosure(article, lang, version.approvers),
        currency(article, lang, review, approved, today),
    ])
