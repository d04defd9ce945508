"""A file exported from an older revision must not silently overwrite later edits."""

from io import StringIO

import pytest
import reversion
from django.core.management import call_command

from articles.models import Article
from tests.factories import make_article


def _export(slug, lang="en"):
    out = StringIO()
    call_command("export_article", slug, "--lang", lang, stdout=out)
    return out.getvalue()


def _import(path, *args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_article", str(path), *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def article(db):
    with reversion.create_revision():
        return make_article(slug="knee", title="Which dose?", summary="High dose.", body="First text.")


def _edit_in_admin(article, **fields):
    article = Article.objects.get(pk=article.pk)
    with reversion.create_revision():
        for name, value in fields.items():
            setattr(article, name, value)
        article.save()


def test_export_names_the_revision_it_came_from(article):
    assert "\nrevision: " in _export("knee")


def test_import_of_an_outdated_export_is_refused_and_names_what_changed(article, tmp_path):
    exported = _export("knee")
    _edit_in_admin(article, body_en="Someone else's new text.")
    path = tmp_path / "knee.en.md"
    path.write_text(exported.replace("First text.", "My edit."), encoding="utf-8")

    code, _out, err = _import(path)

    assert code == 1
    assert "was edited after revision" in err and "body changed" in err
    assert str(path) in err
    assert Article.objects.get(slug="knee").body_en == "Someone else's new text."


def test_force_imports_an_outdated_export(article, tmp_path):
    exported = _export("knee")
    _edit_in_admin(article, body_en="Someone else's new text.")
    path = tmp_path / "knee.en.md"
    path.write_text(exported.replace("First text.", "My edit."), encoding="utf-8")

    code, _out, _err = _import(path, "--force")

    assert code == 0
    assert Article.objects.get(slug="knee").body_en == "My edit."


def test_edits_to_another_language_do_not_block_the_import(article, tmp_path):
    exported = _export("knee")
    _edit_in_admin(article, title_zh_hans="哪个剂量？", summary_zh_hans="高剂量。")
    path = tmp_path / "knee.en.md"
    path.write_text(exported.replace("First text.", "My edit."), encoding="utf-8")

    code, _out, err = _import(path)

    assert code == 0, err
    assert Article.objects.get(slug="knee").body_en == "My edit."


def test_a_revision_number_that_is_not_in_the_history_is_an_error(article, tmp_path):
    exported = _export("knee")
    path = tmp_path / "knee.en.md"
    path.write_text(exported.replace("\nrevision: ", "\nrevision: 9999"), encoding="utf-8")

    code, _out, err = _import(path)

    assert code == 1
    assert "is not in the history" in err
