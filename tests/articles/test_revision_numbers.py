"""One revision number everywhere: the history list, compare, preview, the revert and recover
comments, the conflict message and the ``revision:`` key of exported files all show the
reversion Revision id. Times in the history are shown to the second."""

import re
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from tests.articles.imported_article import import_bilingual_article
from tests.articles.test_concurrent_edit import change_url, form_data_from, second_editor


def history_rows(client, article):
    """(number, time, comment) of each row of the article's history list, newest first."""
    html = client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>", 1)[1], re.S):
        number = re.search(r'<td class="revision-number">(\d+)</td>', row).group(1)
        time = re.search(r'<th scope="row"><a href="[^"]+">(.*?)</a></th>', row).group(1)
        comment = re.search(r'<td class="revision-comment">(.*?)</td>', row, re.S).group(1)
        rows.append((int(number), time, comment))
    return rows


def edit(client, article, **changes):
    page = client.get(change_url(article))
    assert client.post(change_url(article), form_data_from(page, **changes)).status_code == 302


def test_a_restored_revision_is_found_by_its_number_in_the_history(editor_client, tmp_path):
    article = import_bilingual_article(tmp_path, "editor")
    imported = Version.objects.get_for_object(article).get()
    edit(editor_client, article, summary_en="Two injections [@msc-dose-2025].")
    edit(editor_client, article, summary_en="Three injections [@msc-dose-2025].")
    revert = f"/admin/articles/article/{article.pk}/history/{imported.pk}/"
    assert editor_client.post(revert, form_data_from(editor_client.get(revert))).status_code == 302

    rows = history_rows(editor_client, article)
    restored = int(re.match(r"Restored revision (\d+) of ", rows[0][2]).group(1))
    (row,) = [row for row in rows if row[0] == restored]
    assert row[2].startswith("Imported from knee-cells.en.md")
    assert len({number for number, *_rest in rows}) == 4  # every row has its own number


def test_the_export_names_the_newest_revision_shown_in_the_history(editor_client, tmp_path):
    article = import_bilingual_article(tmp_path, "editor")
    edit(editor_client, article, summary_en="Two injections [@msc-dose-2025].")
    out = StringIO()
    call_command("export_article", "knee-cells", "--lang", "en", stdout=out)
    exported = int(re.search(r"^revision: (\d+)$", out.getvalue(), re.M).group(1))
    assert exported == history_rows(editor_client, article)[0][0]


def test_history_times_are_shown_to_the_second(editor_client, tmp_path):
    """Two saves within one minute must not look alike."""
    article = import_bilingual_article(tmp_path, "editor")
    edit(editor_client, article, summary_en="Two injections [@msc-dose-2025].")
    versions = Version.objects.get_for_object(article).select_related("revision")
    for (_number, time, _comment), version in zip(history_rows(editor_client, article), versions, strict=True):
        assert time.endswith(timezone.localtime(version.revision.date_created).strftime(" %H:%M:%S"))


def test_compare_preview_and_revert_pages_name_the_revision_numbers(editor_client, tmp_path):
    article = import_bilingual_article(tmp_path, "editor")
    edit(editor_client, article, summary_en="Two injections [@msc-dose-2025].")
    newer, older = Version.objects.get_for_object(article)[:2]
    base = f"/admin/articles/article/{article.pk}/history/"
    compare = editor_client.get(f"{base}compare/?a={older.pk}&b={newer.pk}").content.decode()
    assert f"Revision {older.revision_id}, " in compare and f"Revision {newer.revision_id}, " in compare
    preview = editor_client.get(f"{base}{older.pk}/preview/").content.decode()
    assert f"Revision {older.revision_id} of " in preview
    revert = editor_client.get(f"{base}{older.pk}/").content.decode()
    assert f"You are restoring revision {older.revision_id} of " in revert


def test_the_conflict_message_names_the_revision_the_other_editor_saved(editor, tmp_path):
    article = import_bilingual_article(tmp_path, "editor")
    client_a, client_b = Client(), Client()
    client_a.force_login(editor)
    client_b.force_login(second_editor())
    page_a, page_b = client_a.get(change_url(article)), client_b.get(change_url(article))
    assert client_a.post(change_url(article), form_data_from(page_a, summary_en="Two.")).status_code == 302
    refused = client_b.post(change_url(article), form_data_from(page_b, summary_en="Three."))

    theirs = Version.objects.get_for_object(article).first().revision_id
    errors = " ".join(refused.context["adminform"].form.non_field_errors())
    assert f"(revision {theirs} by editor," in errors
    assert theirs == history_rows(client_b, article)[0][0]
