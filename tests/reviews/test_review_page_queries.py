"""The review data costs the article page one query, two once the text shown is approved,
however many reviewers and references there are."""

import pytest

from reviews.workflow import rules as workflow
from tests.factories import make_reference
from tests.page_costs import rebuilt_page_queries
from tests.reviews.conftest import make_article_with_history, make_board_member


def queries(client, url):
    """The page built again after a change elsewhere (a new content version)."""
    return len(rebuilt_page_queries(client, url))


def approved_article(slug, n, editor, settings):
    keys = [make_reference(f"{slug}-{i}").key for i in range(n)]
    article = make_article_with_history(editor, slug=slug, summary="Yes " + " ".join(f"[@{k}]" for k in keys) + ".")
    settings.REVIEW_QUORUM = n
    workflow.submit(article, "en", editor)
    for i in range(n):
        workflow.approve(article, "en", make_board_member(f"{slug}-reviewer-{i}"))
    return article


@pytest.mark.parametrize("persona", ["patient", "physician"])
def test_an_approved_page_costs_the_same_with_one_or_five_reviewers(client, editor, settings, persona):
    approved_article("one", 1, editor, settings)
    approved_article("five", 5, editor, settings)
    make_reference("pending-ref")
    pending = make_article_with_history(editor, slug="pending", summary="Maybe [@pending-ref].")
    one = queries(client, f"/en/articles/one/?persona={persona}")
    assert one == queries(client, f"/en/articles/five/?persona={persona}")
    assert one == queries(client, f"/en/articles/{pending.slug}/?persona={persona}") + 1
    assert "Medically reviewed by" in client.get("/en/articles/five/").content.decode()
