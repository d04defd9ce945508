"""Optimistic locking: two editors open the same article; nobody's text is overwritten silently."""

import re

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.editing import locking
from articles.files.importing import import_article_files
from articles.models import Article
from tests.factories import make_article

IMPORTED_EN = """---
slug: knee-injections
lang: en
title: How many injections help a painful knee?
summary: Two injections, four weeks apart.
status: published
topics: [orthopedics]
---
## Evidence

Two small trials compared one injection with two.

## Harms

Pain at the injection site for a day.

## Cost

Each injection costs about 300 euros.
"""
IMPORTED_ZH = """---
slug: knee-injections
lang: zh-hans
title: 膝盖疼痛需要注射几次？
summary: 注射两次，间隔四周。
---
## 证据

两项小型试验比较了注射一次和两次。

## 风险

注射部位疼痛一天。
"""


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data_from(response, **overrides):
    """What a browser would post back from an admin change form, with ``overrides``."""
    context = response.context
    forms = [context["adminform"].form]
    for inline in context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if bound.field.show_hidden_initial:  # the hidden "initial-" input browsers send too
                data[bound.html_initial_name] = bound.field.widget.format_value(value)
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = str(value)
    data.update(overrides)
    return data


def as_browser_sends(data):
    """Browsers send the text of a textarea with CRLF line endings."""
    return {name: value.replace("\n", "\r\n") if isinstance(value, str) else value for name, value in data.items()}


def second_editor(username="editor-b"):
    user = User.objects.create_user(username=username, password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def import_published_article(tmp_path, user):
    """The article of IMPORTED_EN / IMPORTED_ZH, published, as `import_article` creates it."""
    paths = []
    for name, text in (("knee.en.md", IMPORTED_EN), ("knee.zh-hans.md", IMPORTED_ZH)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    import_article_files(paths, user=user)
    return Article.objects.get(slug="knee-injections")


def two_editors_open(article, editor):
    """Two sessions (editor and editor-b), each having loaded the change form."""
    client_a, client_b = Client(), Client()
    client_a.force_login(editor)
    client_b.force_login(second_editor())
    return client_a, client_a.get(change_url(article)), client_b, client_b.get(change_url(article))


def overwrite_offered(response):
    """The value of the "overwrite their changes" checkbox the conflict screen offers, or None."""
    match = re.search(r'<input type="checkbox" name="_overwrite" value="([^"]+)"', response.content.decode())
    return match.group(1) if match else None


def newest_comment(article):
    return Version.objects.get_for_object(article).order_by("-revision_id").first().revision.get_comment()


@pytest.fixture
def article(editor):
    with reversion.create_revision():
        article = make_article(
            slug="knee",
            title="How many injections?",
            summary="Two injections.",
            title_zh_hans="注射几次？",
            summary_zh_hans="注射两次。",
            status="draft",
        )
        reversion.set_user(editor)
    return article


def test_edits_of_different_fields_are_combined_for_review_then_saved(editor, article):
    client_a, page_a, client_b, page_b = two_editors_open(article, editor)
    assert 'name="base_revision"' in page_a.content.decode()

    response = client_a.post(change_url(article), form_data_from(page_a, summary_en="Three injections."))
    assert response.status_code == 302
    assert Version.objects.get_for_object(article).count() == 2

    refused = client_b.post(change_url(article), form_data_from(page_b, summary_zh_hans="注射四次。"))
    assert refused.status_code == 200
    html = refused.content.decode()
    form = refused.context["adminform"].form
    errors = " ".join(form.non_field_errors())
    their_revision = locking.token_for(article)
    assert f"Someone else saved this article while you were editing (revision {their_revision} by editor," in errors
    assert "both were combined in the form below. Nothing is saved yet" in errors
    # A's change, per field and language, is shown ...
    assert [(row.field, row.lang) for row in form.lock_conflict.rows] == [("summary", "en")]
    assert 'id="edit-conflict"' in html and "[added: </span>Three" in html
    # ... the form holds both edits, nothing was saved, no overwrite is needed.
    assert form["summary_en"].value() == "Three injections." and form["summary_zh_hans"].value() == "注射四次。"
    article.refresh_from_db()
    assert article.summary_en == "Three injections." and article.summary_zh_hans == "注射两次。"
    assert Version.objects.get_for_object(article).count() == 2
    assert overwrite_offered(refused) is None
    # The form now carries the current revision: saving the combined text succeeds.
    assert f'name="base_revision" value="{their_revision}"' in html

    response = client_b.post(change_url(article), form_data_from(refused))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.summary_en == "Three injections." and article.summary_zh_hans == "注射四次。"
    assert Version.objects.get_for_object(article).count() == 3
    assert not newest_comment(article).startswith("Overwrote")


@pytest.fixture
def imported(tmp_path, editor):
    return import_published_article(tmp_path, editor)


def test_edits_of_different_paragraphs_of_a_published_imported_article_are_both_kept(editor, imported):
    client_a, page_a, client_b, page_b = two_editors_open(imported, editor)
    url, body = change_url(imported), imported.body_en
    theirs = body.replace("Two small trials", "Three small trials")
    mine = body.replace("about 300 euros", "about 250 euros")
    assert client_a.post(url, as_browser_sends(form_data_from(page_a, body_en=theirs))).status_code == 302

    combined = client_b.post(url, as_browser_sends(form_data_from(page_b, body_en=mine)))

    assert combined.status_code == 200
    form = combined.context["adminform"].form
    assert "both were combined" in " ".join(form.non_field_errors())
    shown = form["body_en"].value()
    assert "Three small trials" in shown and "about 250 euros" in shown
    assert "about 300 euros" in Article.objects.get(pk=imported.pk).body_en  # nothing saved yet
    assert client_b.post(url, form_data_from(combined)).status_code == 302
    stored = Article.objects.get(pk=imported.pk)
    assert "Three small trials" in stored.body_en and "about 250 euros" in stored.body_en
    assert stored.status == "published"


def test_saving_again_after_a_conflict_does_not_discard_their_change(editor, imported):
    """The same paragraph changed by both: pressing Save again is refused again; only an
    explicit overwrite replaces their text, and the revision comment says so."""
    client_a, page_a, client_b, page_b = two_editors_open(imported, editor)
    url, body = change_url(imported), imported.body_en
    theirs = body.replace("Pain at the injection site for a day.", "Pain at the injection site for one or two days.")
    mine = body.replace("Pain at the injection site for a day.", "Pain and swelling at the injection site.")
    assert client_a.post(url, as_browser_sends(form_data_from(page_a, body_en=theirs))).status_code == 302
    their_revision = locking.token_for(imported)

    refused = client_b.post(url, as_browser_sends(form_data_from(page_b, body_en=mine)))
    assert refused.status_code == 200
    again = client_b.post(url, form_data_from(refused))  # Save pressed again, nothing else done

    assert again.status_code == 200
    form = again.context["adminform"].form
    errors = " ".join(form.non_field_errors())
    assert f"(revision {their_revision} by editor," in errors and "You both changed the same parts" in errors
    assert [(row.field, row.lang) for row in form.lock_conflict.rows] == [("body", "en")]
    html = again.content.decode()
    assert 'id="edit-conflict"' in html and "[added: </span>or two days" in html
    assert "swelling" in form["body_en"].value()  # B's text is kept
    assert "one or two days" in Article.objects.get(pk=imported.pk).body_en  # A's text is still live
    assert overwrite_offered(again) == their_revision

    overwritten = client_b.post(url, {**form_data_from(again), "_overwrite": overwrite_offered(again)})

    assert overwritten.status_code == 302
    stored = Article.objects.get(pk=imported.pk)
    assert "swelling" in stored.body_en and "one or two days" not in stored.body_en
    assert newest_comment(imported).startswith(f"Overwrote changes of revision {their_revision} by editor.")
    assert Version.objects.get_for_object(imported).first().revision.user.username == "editor-b"


def test_an_overwrite_covers_only_the_changes_that_were_shown(editor, imported):
    """Someone saves again after the conflict screen was shown: the overwrite is refused."""
    client_a, page_a, client_b, page_b = two_editors_open(imported, editor)
    url, body = change_url(imported), imported.body_en
    assert client_a.post(url, form_data_from(page_a, body_en=body.replace("for a day", "for two days"))).status_code == 302
    refused = client_b.post(url, form_data_from(page_b, body_en=body.replace("for a day", "for an hour")))
    shown = overwrite_offered(refused)
    assert shown == locking.token_for(imported)
    page_a = client_a.get(url)
    assert client_a.post(url, form_data_from(page_a, summary_en="Two or three injections.")).status_code == 302

    late = client_b.post(url, {**form_data_from(refused), "_overwrite": shown})

    assert late.status_code == 200
    assert overwrite_offered(late) == locking.token_for(imported) != shown
    stored = Article.objects.get(pk=imported.pk)
    assert "for two days" in stored.body_en and stored.summary_en == "Two or three injections."


def test_an_article_without_revision_is_guarded_by_a_fingerprint(editor_client, editor, db):
    article = make_article(slug="no-history", summary="Rest.", status="draft")  # no revision
    page = editor_client.get(change_url(article))
    token = page.context["adminform"].form["base_revision"].value()
    assert token.startswith(locking.FINGERPRINT_PREFIX)

    # Changed behind the editor's back (a script, no revision).
    stored = Article.objects.get(pk=article.pk)
    stored.summary_en = "Rest and ice."
    stored.save()

    refused = editor_client.post(change_url(article), form_data_from(page, summary_en="Rest and heat."))
    assert refused.status_code == 200
    form = refused.context["adminform"].form
    assert form.lock_conflict is not None and not form.lock_conflict.compared_with_base
    assert "a change not recorded in the history" in " ".join(form.non_field_errors())
    assert Article.objects.get(pk=article.pk).summary_en == "Rest and ice."
    # Without a base revision nothing can be merged: saving again is refused again ...
    assert editor_client.post(change_url(article), form_data_from(refused)).status_code == 200
    assert Article.objects.get(pk=article.pk).summary_en == "Rest and ice."
    # ... until the editor ticks the overwrite box.
    overwrite = overwrite_offered(refused)
    assert overwrite == locking.token_for(Article.objects.get(pk=article.pk))
    accepted = editor_client.post(change_url(article), {**form_data_from(refused), "_overwrite": overwrite})
    assert accepted.status_code == 302
    assert Article.objects.get(pk=article.pk).summary_en == "Rest and heat."
    assert newest_comment(article).startswith("Overwrote a change not recorded in the history.")


def test_saving_twice_from_the_same_page_is_a_conflict(editor_client, article):
    """Two tabs of the same editor are two editors: the second tab must not overwrite the first."""
    page = editor_client.get(change_url(article))
    assert editor_client.post(change_url(article), form_data_from(page, summary_en="A.")).status_code == 302
    assert editor_client.post(change_url(article), form_data_from(page, summary_en="B.")).status_code == 200
    article.refresh_from_db()
    assert article.summary_en == "A."


def test_the_conflict_check_locks_the_row(article):
    """check() runs SELECT ... FOR UPDATE (a no-op on SQLite), so two saves cannot both pass."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert locking.check(article.pk, locking.token_for(article)) is None
    if connection.features.has_select_for_update:
        assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)


def test_an_overwrite_replaces_only_the_parts_both_changed(editor, imported):
    """A changes the key answer and a paragraph; B changes that paragraph too and overwrites:
    B's paragraph wins, A's key answer (which B did not touch) is kept."""
    client_a, page_a, client_b, page_b = two_editors_open(imported, editor)
    url, body = change_url(imported), imported.body_en
    theirs = body.replace("Pain at the injection site for a day.", "Pain at the injection site for one or two days.")
    mine = body.replace("Pain at the injection site for a day.", "Pain and swelling at the injection site.")
    posted = form_data_from(page_a, body_en=theirs, summary_en="Two injections, six weeks apart.")
    assert client_a.post(url, as_browser_sends(posted)).status_code == 302
    refused = client_b.post(url, as_browser_sends(form_data_from(page_b, body_en=mine)))
    assert refused.status_code == 200

    overwritten = client_b.post(url, {**form_data_from(refused), "_overwrite": overwrite_offered(refused)})

    assert overwritten.status_code == 302
    stored = Article.objects.get(pk=imported.pk)
    assert "swelling" in stored.body_en and "one or two days" not in stored.body_en
    assert stored.summary_en == "Two injections, six weeks apart."


def test_the_overwrite_comment_names_no_internal_field(editor, imported):
    client_a, page_a, client_b, page_b = two_editors_open(imported, editor)
    url, body = change_url(imported), imported.body_en
    assert client_a.post(url, form_data_from(page_a, body_en=body.replace("for a day", "for two days"))).status_code == 302
    refused = client_b.post(url, form_data_from(page_b, body_en=body.replace("for a day", "for an hour")))
    assert client_b.post(url, {**form_data_from(refused), "_overwrite": overwrite_offered(refused)}).status_code == 302
    comment = newest_comment(imported)
    assert "Body [en]" in comment and "base_revision" not in comment
