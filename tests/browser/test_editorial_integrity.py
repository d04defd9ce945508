"""Editing a published, imported article in a real browser: a translator, two colliding
editors and a board member meet no 403 they should not meet and lose nothing."""

import pytest
from django.contrib.auth.models import Group, User
from reversion.models import Version

from articles.models import Article
from articles.staff.roles import ensure_roles
from tests.articles.imported_article import import_bilingual_article
from tests.browser.idle import close_when_idle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-browser-tests"


def _staff(username, group):
    ensure_roles()
    user = User.objects.create_user(username=username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def article(tmp_path):
    _staff("editor", "Editors")
    _staff("editor2", "Editors")
    _staff("translator", "Translators")
    _staff("board", "Medical Advisory Board")
    return import_bilingual_article(tmp_path, "editor")


def _login(browser, live_server, username):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def _change_url(live_server, article):
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


def _edit(page, field, lang, text):
    suffix = lang.replace("-", "_")
    page.click(f'li[aria-controls="tab_id_{field}_{suffix}"]')
    page.fill(f"#id_{field}_{suffix}", text)


def _save(page):
    with page.expect_navigation():
        page.click("input[name=_save]")
    return page


def _history_changes(article):
    """The changed-fields list of the newest history row, as the admin history shows it."""
    return Version.objects.get_for_object(article).first().revision.get_comment()


def test_translator_saves_the_chinese_title_of_a_published_imported_article(browser, live_server, article):
    body_before = Article.objects.get(pk=article.pk).body_en
    page = _login(browser, live_server, "translator")
    page.goto(_change_url(live_server, article))
    _edit(page, "title", "zh-hans", "膝关节骨关节炎应该注射多少个细胞？")
    response = _save(page)

    assert "403" not in response.title()
    assert page.locator(".messagelist .success").count() == 1
    stored = Article.objects.get(pk=article.pk)
    assert stored.title_zh_hans == "膝关节骨关节炎应该注射多少个细胞？"
    assert stored.status == Article.Status.PUBLISHED
    assert stored.body_en == body_before  # the browser's CRLF did not rewrite the body
    page.goto(f"{_change_url(live_server, article).removesuffix('change/')}history/")
    newest = page.locator("td.revision-changes").first.inner_text()
    assert "Title" in newest and "Body" not in newest
    close_when_idle(page.context)


def test_two_editors_colliding_in_different_fields_keep_both_edits(browser, live_server, article):
    page_a = _login(browser, live_server, "editor")
    page_b = _login(browser, live_server, "editor2")
    page_a.goto(_change_url(live_server, article))
    page_b.goto(_change_url(live_server, article))

    _edit(page_a, "summary", "en", "One injection of 1.0×10^8 cells is enough [@msc-dose-2025].")
    _save(page_a)
    _edit(page_b, "title", "en", "How many cells go into an arthritic knee?")
    _save(page_b)
    assert page_b.locator("ul.errorlist.nonfield").get_by_text("both were combined").count() == 1
    _save(page_b)  # the form now holds both edits: saving it keeps both

    stored = Article.objects.get(pk=article.pk)
    assert stored.summary_en.startswith("One injection of 1.0×10^8 cells is enough")
    assert stored.title_en == "How many cells go into an arthritic knee?"
    close_when_idle(page_a.context)
    close_when_idle(page_b.context)


def test_second_save_after_a_conflict_does_not_discard_the_other_edit(browser, live_server, article):
    page_a = _login(browser, live_server, "editor")
    page_b = _login(browser, live_server, "editor2")
    page_a.goto(_change_url(live_server, article))
    page_b.goto(_change_url(live_server, article))

    _edit(page_a, "summary", "en", "Editor A's key answer.")
    _save(page_a)
    _edit(page_b, "summary", "en", "Editor B's key answer.")
    _save(page_b)
    _save(page_b)  # pressing Save again is refused again
    assert Article.objects.get(pk=article.pk).summary_en == "Editor A's key answer."

    page_b.check("input[name=_overwrite]")
    _save(page_b)
    assert Article.objects.get(pk=article.pk).summary_en == "Editor B's key answer."
    assert "Overwrote" in _history_changes(article)
    close_when_idle(page_a.context)
    close_when_idle(page_b.context)


def test_board_member_follows_no_admin_link_into_a_403(browser, live_server, article):
    page = _login(browser, live_server, "board")
    visited = set()
    for start in (
        f"{live_server.url}/admin/articles/article/",
        _change_url(live_server, article),
        f"{_change_url(live_server, article).removesuffix('change/')}history/",
    ):
        page.goto(start)
        hrefs = page.eval_on_selector_all("#content a[href]", "links => links.map(a => a.href)")
        for href in hrefs:
            if not href.startswith(live_server.url) or href in visited or "logout" in href:
                continue
            visited.add(href)
            response = page.goto(href)
            assert response.status != 403, href
    assert visited
    close_when_idle(page.context)
