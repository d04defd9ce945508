"""A revert undoes the edits after the restored revision: the public update notes that told
readers of those edits are withdrawn (the rows and the history keep them), the revert form
says which, and a note written on that form is shown."""

import pytest
from reversion.models import Version

from articles.models import UpdateNote
from tests.articles.imported_article import import_bilingual_article
from tests.articles.test_concurrent_edit import form_data_from
from tests.articles.test_revert_and_recover import _admin_edit as _edit
from tests.articles.test_revert_and_recover import _notes_shown
from tests.articles.test_revert_and_recover import revert_url as _revert_url


@pytest.fixture
def edited_twice(client, editor, tmp_path):
    """A published, imported article edited twice in the admin, each edit with a public note."""
    article = import_bilingual_article(tmp_path, "editor")
    client.force_login(editor)
    article = _edit(client, article, summary_en="Two injections of 5.0×10^7 cells [@msc-dose-2025].",
                    update_note_en="The advice is now two smaller injections.")
    article = _edit(client, article, body_en="## Dose\n\nTwo injections, four weeks apart [@msc-dose-2025].",
                    update_note_en="We added the interval between injections.",
                    update_note_zh_hans="我们补充了两次注射的间隔。")
    versions = list(Version.objects.get_for_object(article).order_by("pk"))
    assert len(versions) == 3
    return article, versions


def test_reverting_withdraws_the_notes_of_the_edits_it_undoes(client, edited_twice):
    article, (imported, _first_edit, _second_edit) = edited_twice
    assert "We added the interval between injections." in _notes_shown(client, "en")

    page = client.get(_revert_url(article, imported))
    listed = page.content.decode()
    assert "The advice is now two smaller injections." in listed  # the form says which notes go
    assert "We added the interval between injections." in listed
    assert client.post(_revert_url(article, imported), form_data_from(page)).status_code == 302

    assert _notes_shown(client, "en") == ""
    assert _notes_shown(client, "zh-hans") == ""
    notes = UpdateNote.objects.filter(article=article)
    assert notes.count() == 2 and all(note.withdrawn_at for note in notes)  # kept, withdrawn
    newest = Version.objects.get_for_object(article).order_by("-pk").first()
    stored = Version.objects.get_for_model(UpdateNote).filter(revision=newest.revision)
    assert {v.field_dict["withdrawn_at"] is not None for v in stored} == {True}  # the history has it


def test_reverting_keeps_the_notes_of_the_restored_revision_and_before(client, edited_twice):
    article, (_imported, first_edit, _second_edit) = edited_twice
    page = client.get(_revert_url(article, first_edit))
    assert "We added the interval between injections." in page.content.decode()
    assert client.post(_revert_url(article, first_edit), form_data_from(page)).status_code == 302

    shown = _notes_shown(client, "en")
    assert "The advice is now two smaller injections." in shown  # its edit is still in the text
    assert "We added the interval between injections." not in shown


def test_a_note_written_on_the_revert_form_is_shown(client, edited_twice):
    article, (imported, *_edits) = edited_twice
    page = client.get(_revert_url(article, imported))
    data = form_data_from(page, update_note_en="We went back to a single injection while the trial is checked.")
    assert client.post(_revert_url(article, imported), data).status_code == 302

    shown = _notes_shown(client, "en")
    assert "We went back to a single injection while the trial is checked." in shown
    assert "The advice is now two smaller injections." not in shown


def test_opening_the_revert_form_withdraws_nothing(client, edited_twice):
    article, (imported, *_edits) = edited_twice
    assert client.get(_revert_url(article, imported)).status_code == 200
    assert not UpdateNote.objects.filter(article=article, withdrawn_at__isnull=False).exists()
    assert "The advice is now two smaller injections." in _notes_shown(client, "en")
