"""The admin offers each role only links it may open: no preview, compare or revert link that
ends in a 403 (board members read unpublished text but restore nothing; staff without the
permission to open unpublished text see no link to it)."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import reversion

from articles.staff.access import may_open_drafts
from tests.factories import make_article, make_author, make_topic
from tests.staff import make_staff_reader


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links_in(page_url, html):
    """Every address on this site an <a> of the page leads to."""
    parser = _Links()
    parser.feed(html)
    urls = []
    for href in parser.hrefs:
        url = urljoin(page_url, href)
        parts = urlsplit(url)
        if href.startswith(("#", "javascript:", "mailto:")) or parts.netloc not in ("", "testserver"):
            continue
        urls.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return sorted(set(urls))


def refused_links(client, page_url):
    response = client.get(page_url)
    assert response.status_code == 200, page_url
    return [url for url in links_in(page_url, response.content.decode()) if client.get(url).status_code == 403]


@pytest.fixture
def articles(editor):
    """A draft and a published article, each with two revisions, topics and an author."""
    topic, author = make_topic("knees"), make_author()
    made = []
    for slug, status in (("knee-draft", "draft"), ("knee-published", "published")):
        with reversion.create_revision():
            article = make_article(slug, status=status, topics=[topic], authors=[author], title_zh_hans="膝盖？")
            reversion.set_user(editor)
        with reversion.create_revision():
            article.summary_en = "Rest, then exercise."
            article.save()
            reversion.set_user(editor)
        made.append(article)
    return made


def admin_pages(articles):
    pages = ["/admin/", "/admin/articles/article/"]
    for article in articles:
        pages += [f"/admin/articles/article/{article.pk}/change/", f"/admin/articles/article/{article.pk}/history/"]
    return pages


def test_board_member_is_offered_no_link_that_is_refused(client, board_member, articles):
    assert may_open_drafts(board_member)
    client.force_login(board_member)
    for page in admin_pages(articles):
        assert refused_links(client, page) == [], page


def test_board_member_sees_preview_and_compare_but_no_revert_links(client, board_member, articles):
    draft, _published = articles
    client.force_login(board_member)
    assert "/en/articles/knee-draft/preview/" in client.get("/admin/articles/article/").content.decode()
    history_url = f"/admin/articles/article/{draft.pk}/history/"
    links = links_in(history_url, client.get(history_url).content.decode())
    revision_links = [url for url in links if url.startswith(history_url) and url != history_url]
    assert revision_links and all(url.endswith("/preview/") for url in revision_links)
    assert client.get(f"/admin/articles/article/{draft.pk}/change/").context["absolute_url"] == (
        "/en/articles/knee-draft/preview/"
    )


def test_staff_without_draft_permission_sees_no_preview_or_revert_links(client, articles):
    draft, published = articles
    reader = make_staff_reader()
    assert not may_open_drafts(reader)
    client.force_login(reader)
    listing = client.get("/admin/articles/article/").content.decode()
    assert "/preview/" not in listing
    assert "knee-draft" in listing  # the article itself is listed and readable
    history = client.get(f"/admin/articles/article/{draft.pk}/history/").content.decode()
    assert f"/admin/articles/article/{draft.pk}/history/" in history
    assert "/preview/" not in history and 'name="a"' not in history
    assert client.get(f"/admin/articles/article/{draft.pk}/change/").context["has_absolute_url"] is False
    # The published article's page is public: they are offered it.
    assert client.get(f"/admin/articles/article/{published.pk}/change/").context["absolute_url"] == (
        published.get_absolute_url()
    )
    for page in admin_pages(articles):
        assert refused_links(client, page) == [], page


@pytest.mark.parametrize("who", ["editor", "translator"])
def test_editors_and_translators_keep_their_preview_and_history_links(client, request, articles, who):
    draft, _published = articles
    client.force_login(request.getfixturevalue(who))
    listing = client.get("/admin/articles/article/").content.decode()
    assert "/en/articles/knee-draft/preview/" in listing
    history = client.get(f"/admin/articles/article/{draft.pk}/history/").content.decode()
    assert f"/admin/articles/article/{draft.pk}/history/" in history and "/preview/" in history
    change = client.get(f"/admin/articles/article/{draft.pk}/change/")
    assert change.context["absolute_url"] == "/en/articles/knee-draft/preview/"
    for page in admin_pages(articles):
        assert refused_links(client, page) == [], page
