from articles.models import Article
from articles.public.freshness import freshness, translation_queue
from tests.factories import make_article


def _bilingual():
    return make_article(
        title="Question?", summary="Answer.", title_zh_hans="问题？", summary_zh_hans="答案。"
    )


def _reload(article):
    return Article.objects.prefetch_related("language_versions").get(pk=article.pk)


def test_first_complete_language_is_the_original(db):
    article = make_article(lang="zh-hans", title="问题？", summary="答案。")
    assert article.source_language == "zh-hans"


def test_translation_saved_with_the_original_is_current(db):
    article = _reload(_bilingual())
    assert not freshness(article, "zh-hans").stale


def test_editing_the_original_makes_the_translation_stale(db):
    article = _reload(_bilingual())
    article.body_en = "A new paragraph with a new finding."
    article.save()
    state = freshness(_reload(article), "zh-hans")
    assert state.stale
    assert state.source_changed_at == _reload(article).content_updated_at


def test_editing_the_translation_clears_stale(db):
    article = _reload(_bilingual())
    article.body_en = "A new paragraph."
    article.save()
    article = _reload(article)
    article.body_zh_hans = "新的一段。"
    article.save()
    assert not freshness(_reload(article), "zh-hans").stale


def test_original_is_never_stale(db):
    article = _reload(_bilingual())
    article.body_en = "Changed."
    article.save()
    assert not freshness(_reload(article), "en").stale


def test_metadata_only_save_does_not_make_a_translation_stale(db):
    article = _reload(_bilingual())
    article.status = Article.Status.ARCHIVED
    article.save()
    assert not freshness(_reload(article), "zh-hans").stale


def test_queue_lists_missing_and_stale_translations(db):
    english_only = make_article(slug="only-en")
    stale = _reload(_bilingual())
    stale.summary_en = "A different answer."
    stale.save()
    make_article(slug="current", title_zh_hans="问题？", summary_zh_hans="答案。")
    articles = Article.objects.prefetch_related("language_versions")
    queue = {(a.slug, s.language, s.missing, s.stale) for a, s in translation_queue(articles)}
    assert queue == {(english_only.slug, "zh-hans", True, False), (stale.slug, "zh-hans", False, True)}
