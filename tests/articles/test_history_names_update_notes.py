"""The history page's "Changed" column names the public update notes a save wrote (they are not
fields of the article, so the field comparison alone left them out)."""

import re

from django.urls import reverse

from tests.articles.imported_article import import_bilingual_article
from tests.articles.test_revert_and_recover import _admin_edit as _edit


def _changes(client, article):
    html = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    return re.findall(r'class="revision-changes">([^<]*)</td>', html)


def test_the_history_names_the_notes_a_save_wrote(client, editor, tmp_path):
    article = import_bilingual_article(tmp_path, "editor")
    client.force_login(editor)
    article = _edit(client, article, summary_en="Two injections of 5.0×10^7 cells [@msc-dose-2025].",
                    update_note_en="The advice is now two smaller injections.",
                    update_note_zh_hans="建议改为两次较小剂量的注射。")
    article = _edit(client, article, title_en="How many cells for an arthritic knee?")

    newest, with_notes, imported = _changes(client, article)
    assert newest == "Title (the clinical question) (English)"
    assert with_notes == "Key answer (English), Public update note (English), Public update note (Simplified Chinese)"
    assert imported == ""


def test_a_save_of_a_note_alone_is_named_by_it(client, editor, tmp_path):
    article = import_bilingual_article(tmp_path, "editor")
    client.force_login(editor)
    article = _edit(client, article, update_note_en="We checked every source again; nothing changed.")
    assert _changes(client, article)[0] == "Public update note (English)"
