"""Guards the reversion + modeltranslation pitfall: every language column is versioned."""

import reversion
from reversion.models import Version

from articles.models import LANGUAGE_CODES, Article, Author, Persona, Topic, field_suffix
from articles.translation import (
    ArticleTranslationOptions,
    AuthorTranslationOptions,
    PersonaTranslationOptions,
    TopicTranslationOptions,
)
from tests.factories import make_article


def test_every_translated_column_is_registered_with_reversion():
    for model, options in (
        (Article, ArticleTranslationOptions),
        (Topic, TopicTranslationOptions),
        (Persona, PersonaTranslationOptions),
        (Author, AuthorTranslationOptions),
    ):
        registered = reversion.revisions._get_options(model).fields
        for field in options.fields:
            for lang in LANGUAGE_CODES:
                assert f"{field}_{field_suffix(lang)}" in registered, (model, field, lang)


def test_a_saved_version_holds_both_languages(db):
    with reversion.create_revision():
        article = make_article(title="Question?", title_zh_hans="问题？", summary_zh_hans="答案。")
    field_dict = Version.objects.get_for_object(article).get().field_dict
    assert field_dict["title_en"] == "Question?"
    assert field_dict["title_zh_hans"] == "问题？"
    assert field_dict["summary_zh_hans"] == "答案。"
