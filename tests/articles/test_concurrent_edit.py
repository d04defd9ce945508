"""Optimistic locking: two editors open the same article; nobody's text is overwritten silently."""

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles import locking
from articles.models import Article
from tests.factories import make_article


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


def second_editor():
    user = User.objects.create_user(username="editor-b", password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


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


def test_the_second_save_is_refused_shows_the_first_and_keeps_its_text_then_succeeds(editor, article):
    client_a, client_b = Client(), Client()
    client_a.force_login(editor)
    client_b.force_login(second_editor())
    page_a, page_b = client_a.get(change_url(article)), client_b.get(change_url(article))
    assert 'name="base_revision"' in page_a.content.decode()

    response = client_a.post(change_url(article), form_data_from(page_a, summary_en="Three injections."))
    assert response.status_code == 302
    assert Version.objects.get_for_object(article).count() == 2

    data_b = form_data_from(page_b, summary_zh_hans="注射四次。")
    refused = client_b.post(change_url(article), data_b)
    assert refused.status_code == 200
    html = refused.content.decode()
    form = refused.context["adminform"].form
    errors = " ".join(form.non_field_errors())
    assert "Someone else saved this article while you were editing (by editor," in errors
    assert "your text is still in the form" in errors
    # A's change, per field and language, is shown ...
    conflict = form.lock_conflict
    assert [(row.field, row.lang) for row in conflict.rows] == [("summary", "en")]
    assert 'id="edit-conflict"' in html and "[added: </span>Three" in html
    # ... B's text is still in the form, and nothing was saved.
    assert "注射四次。" in html
    article.refresh_from_db()
    assert article.summary_en == "Three injections." and article.summary_zh_hans == "注射两次。"
    assert Version.objects.get_for_object(article).count() == 2
    # The form now carries the current revision.
    assert f'name="base_revision" value="{locking.token_for(article)}"' in html

    # B merges (keeps A's English) and saves again: accepted.
    merged = form_data_from(refused, summary_en="Three injections.")
    assert merged["summary_zh_hans"] == "注射四次。"
    response = client_b.post(change_url(article), merged)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.summary_en == "Three injections." and article.summary_zh_hans == "注射四次。"
    assert Version.objects.get_for_object(article).count() == 3


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
    assert Article.objects.get(pk=article.pk).summary_en == "Rest and ice."
    accepted = editor_client.post(change_url(article), form_data_from(refused))
    assert accepted.status_code == 302
    assert Article.objects.get(pk=article.pk).summary_en == "Rest and heat."


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
