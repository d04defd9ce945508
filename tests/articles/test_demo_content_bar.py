"""The demo articles meet our own bar: lay text within the readability target the admin
shows, a plain-language summary in both languages, evidence types from the allowed list."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.admin.readability import ReadabilityAdminMixin
from articles.editing.readability import lay_text, readability
from articles.files.fileformat import parse_article
from articles.models import LANGUAGE_CODES, Article, Persona
from articles.rendering.citations import cited_keys
from references.models import Reference

DEMO_FILES = sorted((Path(settings.BASE_DIR) / "demo" / "articles").glob("*.md"))
ALLOWED_EVIDENCE = {
    "guideline",
    "systematic-review",
    "rct",
    "cohort",
    "case-control",
    "case-series",
    "expert-opinion",
    "other",
}


@pytest.fixture
def demo_articles(db):
    call_command("load_demo", "--no-accounts", stdout=StringIO(), stderr=StringIO())
    articles = list(Article.objects.order_by("slug"))
    assert [article.slug for article in articles] == ["glucosamine-knee-oa", "metformin-contrast-ct", "msc-knee-dose"]
    return articles


def lay_figures(article, lang, persona):
    summary, body = article.text("summary", lang), article.text("body", lang)
    library = {ref.key: ref for ref in Reference.objects.filter(key__in=cited_keys(summary, body))}
    codes = list(Persona.objects.values_list("code", flat=True))
    blocks = lay_text(
        summary, body, article.text("plain_summary", lang), library=library, personas=codes, persona=persona
    )
    return readability(lang, blocks)


def test_every_lay_persona_reads_each_demo_article_within_the_target(demo_articles):
    lay_personas = list(Persona.objects.filter(is_lay=True).values_list("code", flat=True))
    assert {"patient", "caregiver"} <= set(lay_personas)
    for article in demo_articles:
        for lang in LANGUAGE_CODES:
            for persona in lay_personas:
                figures = lay_figures(article, lang, persona)
                assert figures is not None, (article.slug, lang, persona)
                assert figures.within_target, (article.slug, lang, persona, figures)
                if lang == "en":
                    assert 6 <= figures.grade <= 8, (article.slug, persona, figures.grade)


def test_admin_shows_every_demo_article_within_the_target_for_lay_readers(demo_articles):
    for article in demo_articles:
        lines = ReadabilityAdminMixin().readability_lines(article)
        assert len(lines) == len(LANGUAGE_CODES)
        assert all(line.endswith("within the target for lay readers") for line in lines), lines


def test_every_demo_article_has_a_plain_summary_in_both_languages(demo_articles):
    for article in demo_articles:
        for lang in LANGUAGE_CODES:
            assert article.text("plain_summary", lang).strip(), (article.slug, lang)


def test_every_demo_article_has_caregiver_and_nurse_pharmacist_text(demo_articles):
    for path in DEMO_FILES:
        text = path.read_text(encoding="utf-8")
        assert '::: {audience="caregiver"}' in text, path.name
        assert '::: {audience="nurse pharmacist"}' in text, path.name


def test_demo_reference_evidence_types_come_from_the_allowed_list(demo_articles):
    keys = set()
    for path in DEMO_FILES:
        parsed, problems = parse_article(path.read_text(encoding="utf-8"), path.name)
        assert not problems, [problem.format(path.name) for problem in problems]
        for item in parsed.references:
            assert item["evidence"] in ALLOWED_EVIDENCE, (path.name, item["id"], item["evidence"])
            keys.add(item["id"])
    stored = dict(Reference.objects.filter(key__in=keys).values_list("key", "evidence"))
    assert set(stored) == keys
    assert set(stored.values()) <= ALLOWED_EVIDENCE


def test_uncontrolled_dose_escalation_trial_is_not_labelled_a_cohort_study(demo_articles):
    assert Reference.objects.get(key="jo-2014-adipose-msc-dose").evidence == "case-series"
