"""The editorial policy is content: translated, edited in the admin, versioned."""

from django.urls import reverse
from reversion.models import Version

from articles.models import SitePage
from tests.articles.test_concurrent_edit import form_data_from


def test_every_installation_has_the_policy_in_both_languages(client, db):
    english = client.get("/en/editorial-policy/").content.decode()
    chinese = client.get("/zh-hans/editorial-policy/").content.decode()
    assert "<h1>Editorial policy</h1>" in english
    assert "<h2" in english and "Medical review" in english
    assert "<h1>编辑方针</h1>" in chinese


def test_an_editor_changes_the_policy_in_the_admin_and_readers_see_it(editor_client, client):
    policy = SitePage.objects.get(slug="editorial-policy")
    url = reverse("admin:articles_sitepage_change", args=[policy.pk])
    data = form_data_from(editor_client.get(url), body_en="## Reviews\n\nEvery article is reviewed twice.")
    assert editor_client.post(url, data).status_code == 302
    assert "Every article is reviewed twice." in client.get("/en/editorial-policy/").content.decode()
    assert Version.objects.get_for_object(policy).count() == 1


def test_a_missing_translation_shows_the_original_with_a_note(client, db):
    SitePage.objects.filter(slug="editorial-policy").update(title_zh_hans="", body_zh_hans="")
    html = client.get("/zh-hans/editorial-policy/").content.decode()
    assert '<article class="prose narrow" lang="en">' in html
    assert "Editorial policy" in html
    assert 'class="fallback-note"' in html


def test_markup_in_the_policy_is_sanitized(client, db):
    SitePage.objects.filter(slug="editorial-policy").update(body_en='<script>alert(1)</script> [x](javascript:alert(1))')
    html = client.get("/en/editorial-policy/").content.decode()
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html
