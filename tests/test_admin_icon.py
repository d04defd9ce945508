"""Admin pages carry the site's icon: without one, browsers asked for /favicon.ico (a 404)."""


def test_admin_pages_carry_the_sites_icon(editor_client):
    for url in ("/admin/", "/admin/articles/article/", "/admin/articles/article/add/", "/admin/reviews/reviewqueue/"):
        assert '<link rel="icon" href="data:image/svg+xml,' in editor_client.get(url).content.decode(), url
