"""The trust checklist of a language version is computed from the data: authorship,
attribution (uncited paragraphs and bullet points listed with their line), disclosure and
currency."""

import datetime

import pytest
from django.utils import timezone

from reviews.models import BoardMember, Review
from reviews.workflow import checklist
from reviews.workflow import rules as workflow
from tests.factories import make_author, make_reference
from tests.reviews.conftest import make_article_with_history

CITED_BODY = "## Evidence\n\nIce eases pain for a day [@ice].\n\n- Less swelling [@ice]\n- Less pain [@ice]\n"


@pytest.fixture
def author(db):
    return make_author("Dr Ada Lane", credentials_en="MD", disclosure_en="None declared.")


@pytest.fixture
def ice(db):
    return make_reference("ice")


def article_with(editor, body=CITED_BODY, authors=None, lang="en", **fields):
    fields.setdefault("literature_reviewed_through", datetime.date(2025, 3, 1))
    return make_article_with_history(editor, slug=fields.pop("slug", "ice-article"), lang=lang,
                                     title=fields.pop("title", "Does ice help?"),
                                     summary=fields.pop("summary", "A little [@ice]."), body=body,
                                     authors=authors or [], **fields)


def item(article, code, lang="en"):
    return next(i for i in checklist.check(article, lang).items if i.code == code)


def test_a_complete_published_article_passes_every_item(editor, author, ice):
    result = checklist.check(article_with(editor, authors=[author]), "en")
    assert [(i.code, i.passed) for i in result.items] == [
        ("authorship", True), ("attribution", True), ("disclosure", True), ("currency", True)
    ]
    assert result.passed


def test_authorship_fails_without_authors_or_credentials(editor, ice):
    assert item(article_with(editor), "authorship").problems == ("The article names no author.",)
    nameless = make_author("Sam Roe", credentials_en="", disclosure_en="None.")
    article = article_with(editor, slug="other", authors=[nameless])
    assert item(article, "authorship").problems == ("Author Sam Roe has no credentials.",)


def test_an_uncited_paragraph_and_bullet_are_listed_with_their_line(editor, author, ice):
    body = (
        "## Evidence\n"  # 1
        "\n"
        "Ice eases pain for a day [@ice].\n"  # 3
        "\n"
        "Most people feel better within a week.\n"  # 5
        "\n"
        "What helps:\n"  # 7: introduces the list, needs no citation
        "\n"
        "- Less swelling [@ice]\n"  # 9
        "- Elevation of the leg\n"  # 10
        "\n"
        '::: {audience="patient"}\n'
        "Ask your doctor before icing.\n"  # 13
        ":::\n"
    )
    article = article_with(editor, body=body, authors=[author])
    assert item(article, "attribution").problems == (
        "Line 5: “Most people feel better within a week.” cites no source.",
        "Line 10: “Elevation of the leg” cites no source.",
        "Line 13: “Ask your doctor before icing.” cites no source.",
    )


def test_a_table_passes_when_it_or_the_paragraph_before_it_cites(editor, author, ice):
    body = (
        "Doses compared in the trial [@ice]:\n\n| Dose | Effect |\n|---|---|\n| Low | Small |\n\n"
        "Another table.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n"
    )
    problems = item(article_with(editor, body=body, authors=[author]), "attribution").problems
    assert problems == (
        "Line 7: “Another table.” cites no source.",
        "Line 9: the table “A | B | 1 | 2” cites no source, nor does the paragraph before it.",
    )


def test_a_chinese_only_article_is_checked_in_chinese(editor, ice):
    chinese_author = make_author("李医生", credentials_en="", credentials_zh_hans="医学博士",
                                 disclosure_zh_hans="无利益冲突。")
    article = article_with(editor, lang="zh-hans", slug="bing-fu", title="冰敷有用吗？", summary="有一点 [@ice]。",
                           body="## 证据\n\n冰敷可以减轻疼痛 [@ice]。\n\n大多数人一周内好转。\n", authors=[chinese_author])
    assert article.languages() == ["zh-hans"]
    result = checklist.check(article, "zh-hans")
    assert item(article, "authorship", "zh-hans").passed
    assert item(article, "disclosure", "zh-hans").passed
    assert result.failing == [item(article, "attribution", "zh-hans")]
    assert item(article, "attribution", "zh-hans").problems == ("Line 5: “大多数人一周内好转。” cites no source.",)


def test_disclosure_needs_the_authors_and_the_approving_reviewers(editor, reviewer, ice):
    silent = make_author("Dr Quiet", credentials_en="MD", disclosure_en="")
    article = article_with(editor, authors=[silent])
    assert item(article, "disclosure").problems == (
        "Author Dr Quiet has no disclosure (write “None” if there is nothing to declare).",
    )
    silent.disclosure_en = "None."
    silent.save()
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    assert item(article, "disclosure").problems == ("Reviewer Dr Mei Lin has no disclosure in a board profile.",)
    BoardMember.objects.filter(user=reviewer).update(disclosure_en="Speaker fees from a brace maker.")
    assert item(article, "disclosure").passed


def test_currency_needs_the_literature_date_and_a_review_not_overdue(editor, reviewer, author, ice):
    article = article_with(editor, authors=[author], literature_reviewed_through=None)
    assert item(article, "currency").problems == (
        "No “literature reviewed through” date: enter the date of the evidence search.",
    )
    article.literature_reviewed_through = datetime.date(2025, 3, 1)
    article.save()
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    BoardMember.objects.filter(user=reviewer).update(disclosure_en="None.")
    assert checklist.check(article, "en").passed
    due = timezone.localdate() - datetime.timedelta(days=3)
    Review.objects.filter(article=article).update(next_review_due=due)
    assert item(article, "currency").problems == (f"The periodic review was due {due.isoformat()} and is overdue.",)
