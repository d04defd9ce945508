"""A change of authors (the ordered byline) is a change like any other in the history:
compare, the history list and the conflict shown to a second editor name it, old → new."""

import re

from django.test import Client
from reversion.models import Version

from articles.models import Authorship
from tests.articles.imported_article import import_bilingual_article
from tests.articles.test_concurrent_edit import change_url, form_data_from, second_editor
from tests.factories import make_author


def with_authors(page, authors, **overrides):
    """The change form posted back with the byline set to ``authors``, in that order."""
    data = form_data_from(page, **overrides)
    formset = next(f.formset for f in page.context["inline_admin_formsets"] if f.formset.model is Authorship)
    prefix, wanted = formset.prefix, {author.pk: position for position, author in enumerate(authors)}
    rows = [form for form in formset.forms if form.instance.pk]
    for index, form in enumerate(rows):
        if form.instance.author_id in wanted:
            data[f"{prefix}-{index}-position"] = str(wanted.pop(form.instance.author_id))
        else:
            data[f"{prefix}-{index}-DELETE"] = "on"
    for index, (author_pk, position) in enumerate(wanted.items(), start=len(rows)):
        data[f"{prefix}-{index}-author"] = str(author_pk)
        data[f"{prefix}-{index}-position"] = str(position)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows) + len(wanted))
    return data


def set_authors(client, article, authors):
    page = client.get(change_url(article))
    response = client.post(change_url(article), with_authors(page, authors))
    assert response.status_code == 302
    assert [a.author for a in article.authorships.order_by("position", "id")] == list(authors)


def visible(html):
    """What a sighted reader sees: no tags, no visually hidden labels."""
    html = re.sub(r'<span class="visually-hidden">.*?</span>', "", html)
    return re.sub(r"<[^>]+>", "", html)


def authors_row(html):
    match = re.search(r'<tr class="diff-row" data-field="authors".*?</tr>', html, re.S)
    assert match, "no Authors row"
    row = match.group(0)
    assert re.search(r'<th scope="row">(.*?)</th>', row).group(1) == "Authors"
    old = re.search(r'<span class="list-old">(.*?)</span> → ', row, re.S).group(1)
    new = re.search(r' → <span class="list-new">(.*)</span></div>', row, re.S).group(1)
    return visible(old), visible(new)


def byline(editor_client, tmp_path):
    """An imported published article whose byline was set, then changed (only the byline)."""
    article = import_bilingual_article(tmp_path, "editor")
    smith, wang, chen = make_author("Anna Smith"), make_author("Li Wang"), make_author("陈美")
    set_authors(editor_client, article, [smith, wang])
    set_authors(editor_client, article, [wang, smith, chen])
    return article


def test_compare_shows_the_authors_before_and_after_in_order(editor_client, tmp_path):
    article = byline(editor_client, tmp_path)
    newer, older = Version.objects.get_for_object(article).order_by("-pk")[:2]
    html = editor_client.get(f"/admin/articles/article/{article.pk}/history/compare/?a={older.pk}&b={newer.pk}")
    html = html.content.decode()
    assert authors_row(html) == ("Anna Smith; Li Wang", "Li Wang; Anna Smith; 陈美")
    assert "[added: </span>陈美" in html
    assert html.count('class="diff-row"') == 1  # nothing else changed


def test_the_history_list_names_authors_as_changed(editor_client, tmp_path):
    article = byline(editor_client, tmp_path)
    html = editor_client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    changes = re.findall(r'<td class="revision-changes">(.*?)</td>', html, re.S)
    assert changes[:2] == ["Authors", "Authors"]  # newest first; the import row has none


def test_a_conflict_caused_only_by_authors_shows_them(editor, tmp_path):
    client_a, client_b = Client(), Client()
    client_a.force_login(editor)
    client_b.force_login(second_editor())
    article = import_bilingual_article(tmp_path, "editor")
    smith, wang = make_author("Anna Smith"), make_author("Li Wang")
    set_authors(client_a, article, [smith])
    page_a, page_b = client_a.get(change_url(article)), client_b.get(change_url(article))

    assert client_a.post(change_url(article), with_authors(page_a, [wang, smith])).status_code == 302
    refused = client_b.post(change_url(article), form_data_from(page_b, summary_en="One injection."))

    assert refused.status_code == 200
    html = refused.content.decode()
    conflict = re.search(r'<div class="module" id="edit-conflict">.*?</div>\s*\n', html, re.S).group(0)
    assert authors_row(conflict) == ("Anna Smith", "Li Wang; Anna Smith")
    assert "perhaps only the authors" not in html
