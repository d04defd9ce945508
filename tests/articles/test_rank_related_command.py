"""``manage.py rank_related`` ranks and keeps the related articles of every published article
that has none kept, so that their first readers do not wait for the ranking."""

import io

from django.core.management import call_command

from articles.models import RelatedList
from tests.factories import make_article, make_reference, make_topic


def test_fills_the_missing_lists_with_the_ranking_readers_get(client, db):
    knee = make_topic("knee", "Knee")
    make_reference("trial-a")
    main = make_article("main", summary="Yes [@trial-a].", topics=[knee])
    make_article("topic-only", title="Topic only?", topics=[knee])
    make_article("source-and-topic", title="Source and topic?", summary="So [@trial-a].", topics=[knee])
    make_article("draft", status="draft", topics=[knee])
    out = io.StringIO()
    call_command("rank_related", stdout=out)
    assert "3 article(s)" in out.getvalue()
    kept = RelatedList.objects.get(article=main).rankings
    html = client.get("/en/articles/main/").content.decode()
    assert html.index("Source and topic?") < html.index("Topic only?")
    assert RelatedList.objects.get(article=main).rankings == kept  # used as kept, not ranked again
    call_command("rank_related", stdout=out)
    assert "0 article(s)" in out.getvalue()
