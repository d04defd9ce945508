"""The substring stage of the search is served by trigram indexes on PostgreSQL."""

import pytest
from django.db import connection

from articles.search import query as searching
from tests.factories import make_article


@pytest.mark.django_db
def test_every_column_the_substring_stage_reads_has_a_trigram_index():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite searches by substring without an index")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'articles_articlesearch'")
        definitions = [row[0] for row in cursor.fetchall()]
    for column, _weight in searching._FIELDS_WEIGHTS:
        assert any(f"gin ({column} gin_trgm_ops)" in d for d in definitions), column


@pytest.mark.django_db
def test_part_of_a_chinese_word_is_still_found(client):
    make_article("stem-cells", lang="zh-hans", title="间充质干细胞能治疗膝关节炎吗？", summary="证据有限。")
    response = client.get("/zh-hans/search/", {"q": "充质干"})
    html = response.content.decode()
    assert 'href="/zh-hans/articles/stem-cells/"' in html
    assert "<mark>充质干</mark>" in html
