"""What a sign-off approves: the fingerprint of one language version's reader-visible text
and of the references it cites (reviews/workflow/fingerprint.py)."""

import pytest
import reversion
from reversion.models import Version

from reviews.workflow.fingerprint import article_fingerprint, fingerprint_texts, texts_of_version
from tests.factories import make_article, make_reference, make_topic


@pytest.fixture
def article(db):
    make_reference("trial", title="A trial")
    make_reference("unused", title="Not cited")
    return make_article(
        "fp", title="Does it work?", summary="Yes [@trial].", body="## Evidence\n\nOne trial [@trial].\n",
        plain_summary="It helps.", title_zh_hans="有效吗？", summary_zh_hans="有效 [@trial]。",
    )


def test_line_endings_and_trailing_spaces_do_not_change_the_text_approved(article):
    before = article_fingerprint(article, "en")
    article.body_en = "## Evidence  \r\n\r\nOne trial [@trial].   \r\n\r\n"
    article.summary_en = "Yes [@trial]. "
    assert article_fingerprint(article, "en") == before


@pytest.mark.parametrize("field", ["title_en", "summary_en", "body_en", "plain_summary_en"])
def test_any_reader_visible_change_in_the_language_changes_it(article, field):
    before = article_fingerprint(article, "en")
    setattr(article, field, getattr(article, field) + " More.")
    assert article_fingerprint(article, "en") != before


def test_an_edit_of_the_other_language_does_not_change_it(article):
    english, chinese = article_fingerprint(article, "en"), article_fingerprint(article, "zh-hans")
    article.summary_zh_hans = "有效，但证据有限 [@trial]。"
    assert article_fingerprint(article, "en") == english
    assert article_fingerprint(article, "zh-hans") != chinese


def test_metadata_does_not_change_it(article):
    before = article_fingerprint(article, "en")
    article.slug, article.status = "renamed", "draft"
    article.save()
    article.topics.set([make_topic()])
    assert article_fingerprint(article, "en") == before


def test_retracting_or_editing_a_cited_reference_changes_it(article):
    from references.models import Reference

    before = article_fingerprint(article, "en")
    trial = Reference.objects.get(key="trial")
    trial.retracted = True
    trial.save()
    retracted = article_fingerprint(article, "en")
    assert retracted != before
    trial.title = "A trial (corrected)"
    trial.save()
    assert article_fingerprint(article, "en") != retracted


def test_an_uncited_reference_does_not_change_it(article):
    from references.models import Reference

    before = article_fingerprint(article, "en")
    Reference.objects.filter(key="unused").update(retracted=True, title="Changed")
    assert article_fingerprint(article, "en") == before


def test_a_history_version_has_the_fingerprint_of_the_text_saved_in_it(article):
    with reversion.create_revision():
        article.save()
    version = Version.objects.get_for_object(article).first()
    for lang in ("en", "zh-hans"):
        assert fingerprint_texts(texts_of_version(version.field_dict, lang)) == article_fingerprint(article, lang)
