"""Shared by the sitemap tests: /sitemap.xml followed through its index, parsed as XML."""

from xml.etree import ElementTree

from tests.articles.test_sitemap_and_robots import NS


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own response, in a test


def index_entries(client):
    """The sitemap addresses /sitemap.xml lists, or None when it is a urlset."""
    root = parse(client.get("/sitemap.xml"))
    if root.tag != f"{{{NS['s']}}}sitemapindex":
        return None
    return [sitemap.findtext("s:loc", namespaces=NS) for sitemap in root.findall("s:sitemap", NS)]


def page_urls(client, address):
    """[(loc, {hreflang: href})] of one sitemap page, in its order."""
    root = parse(client.get(address.removeprefix("http://testserver")))
    return [
        (
            url.findtext("s:loc", namespaces=NS),
            {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)},
        )
        for url in root.findall("s:url", NS)
    ]
