"""The glossary a text is rendered with is in the order of the text's language whatever the
language active: a render made at save (prerender, in the site's default language) has the
key a reader of the Chinese page computes, so that reader renders nothing."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from articles.models import GlossaryTerm
from articles.public.page import _glossary_entries
from tests.articles.stored_render_helpers import view
from tests.factories import make_article

pytestmark = pytest.mark.usefixtures("emptiable_cache")


@pytest.fixture
def terms(db):
    # Alphabetical in English: asthma, migraine; in Chinese (by code point): 偏头痛, 哮喘.
    GlossaryTerm.objects.create(term_en="asthma", term_zh_hans="哮喘", lay_explanation_en="swollen airways",
                                lay_explanation_zh_hans="气道发炎")
    GlossaryTerm.objects.create(term_en="migraine", term_zh_hans="偏头痛", lay_explanation_en="strong headaches",
                                lay_explanation_zh_hans="剧烈头痛")


def test_the_entries_of_a_language_do_not_depend_on_the_active_language(terms):
    with translation.override("en"):
        in_english = _glossary_entries("zh-hans")
    with translation.override("zh-hans"):
        in_chinese = _glossary_entries("zh-hans")
    assert in_english == in_chinese
    assert [entry.forms[0] for entry in in_english] == ["偏头痛", "哮喘"]


def test_a_chinese_reader_after_the_cache_is_emptied_gets_the_render_made_at_save(
    client, terms, django_capture_on_commit_callbacks, markdown_work
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic(), translation.override("en"):
        make_article("head", summary="Rest.", body="Text.", title_zh_hans="头痛？", summary_zh_hans="休息。",
                     body_zh_hans="哮喘和偏头痛。")
    cache.clear()
    markdown_work.clear()
    html = view(client, "patient", "/zh-hans/articles/head/")
    assert "气道发炎" in html and "剧烈头痛" in html
    assert markdown_work == []
