"""At most one stored render per (article, language, persona): a new render of a variant
replaces its row, the database refuses a second one, and the rows go with the article."""

import pytest
from django.core.cache import cache
from django.db import IntegrityError, transaction

from articles.models import StoredRender
from tests.articles.stored_render_helpers import BODY, view

pytestmark = pytest.mark.usefixtures("emptiable_cache")


def test_rendering_a_variant_again_replaces_its_row(client, knee_article):
    view(client, "patient")
    view(client, "physician")
    assert sorted(StoredRender.objects.values_list("language", "persona")) == [("en", "patient"), ("en", "physician")]
    for n in range(2):
        knee_article.body_en = BODY + f"\n\nEdit number {n}."
        knee_article.save()
        cache.clear()
        view(client, "patient")
    rows = StoredRender.objects.filter(article=knee_article, language="en", persona="patient")
    assert rows.count() == 1
    assert "Edit number 1." in rows.get().data["body_html"]


def test_the_database_refuses_a_second_row_for_a_variant(client, knee_article):
    view(client, "patient")
    row = StoredRender.objects.get(persona="patient")
    with pytest.raises(IntegrityError), transaction.atomic():
        StoredRender.objects.create(article=knee_article, language="en", persona="patient", key="other",
                                    data=row.data, text_digest=row.text_digest)


def test_the_stored_renders_go_with_the_article(client, knee_article):
    view(client, "patient")
    view(client, "caregiver")
    assert StoredRender.objects.filter(article=knee_article).count() == 2
    knee_article.delete()
    assert not StoredRender.objects.exists()
