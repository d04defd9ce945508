"""The shapes of the read API's responses (pydantic, so the OpenAPI 3 schema follows from them)."""

import datetime

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field


class Error(Schema):
    detail: str = Field(description="What was wrong with the request, in one sentence.")


class TopicOut(Schema):
    slug: str
    name: str


class ArticleSummary(Schema):
    slug: str
    title: str
    lang: str = Field(description="The language of the title (the requested language, or another one if not shown in it).")
    is_fallback: bool = Field(description="True when the article is not shown in the requested language.")
    languages: list[str] = Field(description="The languages readers can read this article in.")
    topics: list[TopicOut]
    last_updated: datetime.datetime | None = Field(description="When the text of this language version last changed.")
    url: str = Field(description="The article page.")
    api_url: str = Field(description="This article in the API.")


class ArticlePageOut(Schema):
    count: int = Field(description="Articles matching the filters, on all pages.")
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    items: list[ArticleSummary]


class PersonaOut(Schema):
    code: str
    label: str


class AuthorOut(Schema):
    name: str
    credentials: str


class TocEntry(Schema):
    id: str = Field(description="The heading's id in body_html.")
    text: str
    level: int


class CslItem(BaseModel):
    """A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), as
    in the article file format; ``evidence`` and ``retracted`` are our extensions. An ``author``
    list that names only some of the authors ends in ``{"literal": "et al."}`` (or the marker
    the item was imported with: ``{"literal": "others"}``, Pandoc's reading of BibTeX's
    ``and others``), never counted as a person."""

    model_config = ConfigDict(extra="allow")

    id: str
    type: str
    title: str


class ReviewerOut(Schema):
    name: str
    credentials: str


class ReviewOut(Schema):
    state: str = Field(description="draft, submitted, under_review, changes_requested or approved: the state of "
                                   "the exact text returned.")
    label: str
    changed_since_approval: bool = Field(description="The text changed after the board last approved it.")
    reviewed_by: list[ReviewerOut] = Field(description="The board members whose approval covers this text.")


class DatesOut(Schema):
    last_updated: datetime.datetime | None = Field(description="When the text of this language version last changed.")
    last_reviewed: datetime.date | None = Field(description="When the board approved this text (null if not approved).")
    next_review_due: datetime.date | None
    literature_reviewed_through: datetime.date | None = Field(
        description="The literature was searched up to this date (null where not recorded)."
    )


class UpdateNoteOut(Schema):
    date: datetime.datetime
    note: str


class ArticleDetail(Schema):
    slug: str
    url: str = Field(description="The article page in the requested language.")
    lang: str = Field(description="The requested language.")
    content_lang: str = Field(description="The language of the text returned.")
    is_fallback: bool = Field(description="True when the text is in another language than the one requested, "
                                          "as the page shows it with a note.")
    translation_may_be_outdated: bool
    languages: list[str]
    persona: PersonaOut
    title: str
    key_answer_html: str = Field(description="The key answer, rendered (citations as numbered links).")
    plain_summary_html: str | None = Field(description="The plain-language summary (lay personas only).")
    body_html: str = Field(description="The body rendered for this persona, sanitised.")
    toc: list[TocEntry]
    references: list[CslItem] = Field(description="The cited sources as CSL-JSON, in citation-number order.")
    topics: list[TopicOut]
    authors: list[AuthorOut]
    review: ReviewOut
    dates: DatesOut
    update_notes: list[UpdateNoteOut] = Field(description="What changed, newest first.")
