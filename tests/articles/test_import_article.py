"""manage.py import_article: what a successful import writes, and what it reports."""

from io import StringIO
from textwrap import dedent

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from reversion.models import Version

from articles.models import Article, Citation, Topic
from references.models import Reference
from tests.factories import make_article, make_reference, make_topic

pytestmark = pytest.mark.django_db


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def run_import(*paths, **options):
    out, err = StringIO(), StringIO()
    call_command("import_article", *[str(p) for p in paths], stdout=out, stderr=err, **options)
    return out.getvalue().splitlines(), err.getvalue()


def revisions(article):
    return Version.objects.get_for_object(article)


EN_FILE = """
    ---
    slug: msc-knee-dose
    lang: en
    title: What is the best dose of stem cells for knee injections?
    summary: >-
      Current evidence best supports 1.0×10^8 cells [@msc-dose-2025].
    topics: [orthopedics]
    references:
      - id: msc-dose-2025
        type: report
        evidence: guideline
        title: Mesenchymal stem cell therapy for knee osteoarthritis
        author: [{family: Smith, given: Anna}]
        container-title: Journal of Examples
        issued: {date-parts: [[2025, 3]]}
        DOI: https://doi.org/10.1000/example.123
        PMID: "12345678"
    ---

    ## Background

    A trial found a benefit [@msc-dose-2025].
    """


def test_import_creates_a_draft_article_in_the_file_language(tmp_path):
    out, err = run_import(write(tmp_path, "knee.md", EN_FILE))

    article = Article.objects.get(slug="msc-knee-dose")
    assert article.title_en == "What is the best dose of stem cells for knee injections?"
    assert article.summary_en == "Current evidence best supports 1.0×10^8 cells [@msc-dose-2025]."
    assert article.body_en == "## Background\n\nA trial found a benefit [@msc-dose-2025]."
    assert not article.title_zh_hans
    assert article.status == Article.Status.DRAFT
    assert f"{tmp_path / 'knee.md'}: created “msc-knee-dose” (en)" in out
    assert err == ""


def test_import_adds_the_file_references_to_the_library(tmp_path):
    out, _err = run_import(write(tmp_path, "knee.md", EN_FILE))

    reference = Reference.objects.get(key="msc-dose-2025")
    assert reference.evidence == "guideline"
    assert reference.doi == "10.1000/example.123"  # resolver prefix stripped
    assert reference.pmid == "12345678"
    assert (reference.issued_year, reference.issued_month) == (2025, 3)
    assert reference.authors == [{"family": "Smith", "given": "Anna"}]
    assert f"{tmp_path / 'knee.md'}: created reference “msc-dose-2025”" in out
    citation = Citation.objects.get(article__slug="msc-knee-dose")
    assert (citation.reference.key, citation.language, citation.number) == ("msc-dose-2025", "en", 1)


def test_reference_with_an_existing_key_is_updated_from_the_file(tmp_path):
    make_reference("msc-dose-2025", title="Old title", evidence="other", publisher="Old publisher")

    out, _err = run_import(write(tmp_path, "knee.md", EN_FILE))

    reference = Reference.objects.get(key="msc-dose-2025")
    assert reference.title == "Mesenchymal stem cell therapy for knee osteoarthritis"
    assert reference.evidence == "guideline"
    assert reference.publisher == ""  # the file's item is the whole truth
    assert f"{tmp_path / 'knee.md'}: updated reference “msc-dose-2025”" in out
    assert Reference.objects.count() == 1


def test_citation_key_already_in_the_library_needs_no_references_entry(tmp_path):
    make_reference("smith-2024")
    path = write(
        tmp_path,
        "a.md",
        """
        ---
        slug: a
        lang: en
        title: Q?
        summary: A [@smith-2024].
        ---
        Body.
        """,
    )
    run_import(path)
    assert Citation.objects.get(article__slug="a").reference.key == "smith-2024"


def test_importing_another_language_updates_only_that_language(tmp_path):
    topic = make_topic("pain")
    article = make_article(
        "msc-knee-dose", lang="en", title="English question?", summary="English answer.", body="English body.",
        status="published", topics=[topic],
    )
    path = write(
        tmp_path,
        "zh.md",
        """
        ---
        slug: msc-knee-dose
        lang: zh-hans
        title: 膝关节注射间充质干细胞的最佳剂量是多少？
        summary: 目前证据最支持 1.0×10^8 个细胞。
        ---
        ## 背景

        正文。
        """,
    )

    out, _err = run_import(path)

    article.refresh_from_db()
    assert article.title_zh_hans == "膝关节注射间充质干细胞的最佳剂量是多少？"
    assert article.body_zh_hans == "## 背景\n\n正文。"
    assert (article.title_en, article.summary_en, article.body_en) == (
        "English question?", "English answer.", "English body."
    )
    assert article.status == "published"  # status omitted: an existing article keeps it
    assert list(article.topics.all()) == [topic]  # topics omitted: left alone
    assert f"{path}: updated “msc-knee-dose” (zh-hans)" in out


def test_unknown_topics_are_created_named_after_their_slug_and_reported(tmp_path):
    make_topic("orthopedics", name_en="Orthopedics")
    make_topic("old-topic")
    article = make_article("msc-knee-dose", topics=Topic.objects.filter(slug="old-topic"))
    path = write(
        tmp_path,
        "a.md",
        """
        ---
        slug: msc-knee-dose
        lang: en
        title: Q?
        summary: A.
        topics: [orthopedics, regenerative-medicine]
        ---
        """,
    )

    out, _err = run_import(path)

    new_topic = Topic.objects.get(slug="regenerative-medicine")
    assert new_topic.name_en == "regenerative-medicine"
    assert Topic.objects.get(slug="orthopedics").name_en == "Orthopedics"
    assert sorted(article.topics.values_list("slug", flat=True)) == ["orthopedics", "regenerative-medicine"]
    assert (
        f"{path}: created topic “regenerative-medicine” (named after its slug; rename it in the admin)" in out
    )
    assert not any("“orthopedics”" in line and "created topic" in line for line in out)


@pytest.mark.parametrize("status", ["draft", "published", "archived"])
def test_status_in_the_file_is_applied(tmp_path, status):
    make_article("a", status="draft" if status != "draft" else "published")
    path = write(tmp_path, "a.md", f"---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\nstatus: {status}\n---\n")

    run_import(path)

    article = Article.objects.get(slug="a")
    assert article.status == status
    if status == "published":
        assert article.published_at is not None


def test_a_new_article_with_status_published_is_published(tmp_path):
    path = write(tmp_path, "a.md", "---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\nstatus: published\n---\n")
    run_import(path)
    assert Article.objects.published().filter(slug="a").exists()


def test_import_records_exactly_one_revision_with_user_and_comment(tmp_path):
    user = User.objects.create_user("importer")
    run_import(write(tmp_path, "knee.md", EN_FILE), user="importer")

    article = Article.objects.get(slug="msc-knee-dose")
    versions = revisions(article)
    assert versions.count() == 1
    revision = versions.get().revision
    assert revision.comment == "Imported from knee.md (en)"
    assert revision.user == user
    assert versions.get().field_dict["title_en"] == article.title_en
    assert [t.slug for t in Topic.objects.filter(pk__in=versions.get().field_dict["topics"])] == ["orthopedics"]


def test_identical_reimport_records_no_revision_and_keeps_last_updated(tmp_path):
    path = write(tmp_path, "knee.md", EN_FILE)
    run_import(path)
    article = Article.objects.get(slug="msc-knee-dose")
    before = (article.content_updated_at, article.updated_at)
    reference_saved = Reference.objects.get(key="msc-dose-2025").updated_at

    out, _err = run_import(path)

    article.refresh_from_db()
    assert revisions(article).count() == 1
    assert (article.content_updated_at, article.updated_at) == before
    assert Reference.objects.get(key="msc-dose-2025").updated_at == reference_saved
    assert out == [f"{path}: unchanged “msc-knee-dose” (en)"]


def test_changed_reimport_records_one_more_revision(tmp_path):
    path = write(tmp_path, "knee.md", EN_FILE)
    run_import(path)
    path.write_text(path.read_text(encoding="utf-8").replace("found a benefit", "found a small benefit"), "utf-8")

    out, _err = run_import(path)

    article = Article.objects.get(slug="msc-knee-dose")
    assert revisions(article).count() == 2
    assert article.body_en.endswith("found a small benefit [@msc-dose-2025].")
    assert f"{path}: updated “msc-knee-dose” (en)" in out


def test_topic_change_alone_is_a_change_with_a_revision(tmp_path):
    path = write(tmp_path, "a.md", "---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\ntopics: [pain]\n---\n")
    run_import(path)
    path.write_text("---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\ntopics: [pain, knee]\n---\n", "utf-8")

    run_import(path)

    article = Article.objects.get(slug="a")
    assert sorted(article.topics.values_list("slug", flat=True)) == ["knee", "pain"]
    assert revisions(article).count() == 2
    assert len(revisions(article).first().field_dict["topics"]) == 2


def test_chinese_file_with_literal_summary_and_audience_block(tmp_path):
    path = write(
        tmp_path,
        "zh.md",
        """
        ---
        slug: msc-knee-dose
        lang: zh-hans
        title: 膝关节注射间充质干细胞的最佳剂量是多少？
        summary: |
          目前证据最支持 1.0×10^8 个细胞 [@msc-dose-2025]。
          第二行。
        status: published
        topics: [骨科]
        references:
          - id: msc-dose-2025
            title: 间充质干细胞治疗膝骨关节炎
            author: [{literal: 中华医学会}]
            issued: {date-parts: [[2025]]}
        ---

        ## 背景

        ::: {audience="patient caregiver"}
        只有患者和照护者看到 [@msc-dose-2025]。
        :::
        """,
    )
    # A topic slug must be ASCII: fix the file, then it imports.
    with pytest.raises(SystemExit):
        run_import(path)
    path.write_text(path.read_text(encoding="utf-8").replace("[骨科]", "[orthopedics]"), "utf-8")

    out, _err = run_import(path)

    article = Article.objects.get(slug="msc-knee-dose")
    assert article.summary_zh_hans == "目前证据最支持 1.0×10^8 个细胞 [@msc-dose-2025]。\n第二行。"
    assert article.body_zh_hans.startswith("## 背景\n\n::: {audience=\"patient caregiver\"}")
    assert article.status == "published" and not article.title_en
    assert Reference.objects.get(key="msc-dose-2025").authors == [{"literal": "中华医学会"}]
    assert f"{path}: created “msc-knee-dose” (zh-hans)" in out


def test_two_files_of_one_article_make_one_revision(tmp_path):
    en = write(tmp_path, "en.md", "---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\n---\n")
    zh = write(tmp_path, "zh.md", "---\nslug: a\nlang: zh-hans\ntitle: 问？\nsummary: 答。\n---\n")

    out, _err = run_import(en, zh)

    article = Article.objects.get(slug="a")
    assert article.languages() == ["en", "zh-hans"]
    assert revisions(article).count() == 1
    assert revisions(article).get().revision.comment == "Imported from en.md (en), zh.md (zh-hans)"
    assert out == [f"{en}: created “a” (en)", f"{zh}: updated “a” (zh-hans)"]


def test_article_citing_a_key_defined_in_a_later_file_of_the_same_call_stores_the_citation(db, tmp_path):
    from articles.files.importing import import_article_files

    first = tmp_path / "a.md"
    first.write_text(
        "---\nslug: cites-later\nlang: en\ntitle: Q?\nsummary: Answer [@shared-ref].\n---\n", encoding="utf-8"
    )
    second = tmp_path / "b.md"
    second.write_text(
        "---\nslug: defines-it\nlang: en\ntitle: Q2?\nsummary: Answer [@shared-ref].\n"
        "references:\n  - id: shared-ref\n    title: Shared\n---\n",
        encoding="utf-8",
    )
    import_article_files([first, second])
    article = Article.objects.get(slug="cites-later")
    assert list(article.citations.values_list("reference__key", flat=True)) == ["shared-ref"]
