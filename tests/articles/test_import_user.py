"""import_article --user USERNAME records who made the imported revision (separation of duties
in the medical review and the history rely on it)."""

import io

import pytest
from django.core.management import call_command
from reversion.models import Version

from articles.models import Article


def test_the_imported_revision_names_the_user(editor):
    call_command("import_article", "demo/articles/msc-knee-dose.en.md", "--user", "editor", stdout=io.StringIO())
    article = Article.objects.get(slug="msc-knee-dose")
    assert Version.objects.get_for_object(article).get().revision.user == editor


def test_without_user_the_revision_has_none(db):
    call_command("import_article", "demo/articles/msc-knee-dose.en.md", stdout=io.StringIO())
    article = Article.objects.get(slug="msc-knee-dose")
    assert Version.objects.get_for_object(article).get().revision.user is None


def test_an_unknown_user_is_refused_and_nothing_imported(db, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("import_article", "demo/articles/msc-knee-dose.en.md", "--user", "nobody")
    assert exit_.value.code != 0
    assert "no user “nobody”" in capsys.readouterr().err
    assert not Article.objects.exists()
