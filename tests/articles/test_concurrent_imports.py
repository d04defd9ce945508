"""Two imports at once (two shells, each with its own database connection) creating the same
new article: the second waits for the first and then updates it. A writer outside the import
commands (the admin) saving the same slug at that moment makes the import fail with one line,
never an IntegrityError traceback."""

from io import StringIO

import pytest
from django.core.management import call_command
from reversion.models import Version

from articles.models import Article, Topic
from tests.concurrency import needs_postgres, run_at_once

EN = "---\nslug: knee-dose\nlang: en\ntitle: How many cells?\nsummary: One dose.\n---\n\nEnglish body.\n"
ZH = "---\nslug: knee-dose\nlang: zh-hans\ntitle: 需要多少细胞？\nsummary: 一剂。\n---\n\n中文正文。\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_imports_creating_the_same_article_at_once_both_succeed(tmp_path, monkeypatch):
    en, zh = write(tmp_path, "knee.en.md", EN), write(tmp_path, "knee.zh-hans.md", ZH)

    results = run_at_once(monkeypatch, Article, [("import_article", str(en)), ("import_article", str(zh))])

    assert [outcome for outcome, _out, _err in results] == [0, 0]
    assert all(err == "" for _outcome, _out, err in results)
    outputs = sorted(out.strip() for _outcome, out, _err in results)
    assert outputs == sorted([f"{en}: created “knee-dose” (en)", f"{zh}: updated “knee-dose” (zh-hans)"]) or (
        outputs == sorted([f"{en}: updated “knee-dose” (en)", f"{zh}: created “knee-dose” (zh-hans)"])
    )
    article = Article.objects.get(slug="knee-dose")
    assert article.text("body", "en") == "English body."
    assert article.text("body", "zh-hans") == "中文正文。"
    assert Version.objects.get_for_object(article).count() == 2


@pytest.mark.django_db
def test_an_article_saved_elsewhere_at_the_same_moment_is_one_line_and_nothing_imported(tmp_path, monkeypatch):
    """The admin (which does not wait for imports) creates the slug between the import's check
    and its insert."""
    path = write(tmp_path, "knee.en.md", EN.replace("summary: One dose.", "summary: One dose.\ntopics: [knees]"))
    original_save = Article.save

    def save(self, *args, **kwargs):
        if self.pk is None and not Article.objects.filter(slug=self.slug).exists():
            original_save(Article(slug=self.slug, title_en="Made in the admin"))
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Article, "save", save)
    out, err = StringIO(), StringIO()

    with pytest.raises(SystemExit) as exit_info:
        call_command("import_article", str(path), stdout=out, stderr=err)

    assert exit_info.value.code == 1
    assert "Traceback" not in err.getvalue()
    assert err.getvalue().splitlines() == [
        f"{path}: “knee-dose” (en) was saved by someone else at the same moment; nothing was imported: "
        "run the import again.",
        "import_article: nothing imported (1 problem).",
    ]
    assert not Topic.objects.filter(slug="knees").exists()
    assert not Article.objects.filter(title_en="How many cells?").exists()
