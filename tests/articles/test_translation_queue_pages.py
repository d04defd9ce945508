"""The translation queue shows 50 translations a page, with the number of all of them."""

from django.urls import reverse

from tests.factories import make_article

QUEUE_URL = reverse("admin:articles_translationtask_changelist")


def test_queue_pages_through_every_translation_to_do(client, translator):
    for i in range(60):
        make_article(f"to-translate-{i:02d}")
    client.force_login(translator)
    first = client.get(QUEUE_URL)
    html = first.content.decode()
    assert len(first.context["rows"]) == 50
    assert "60 translations to do" in html
    assert "Page 1 of 2" in html
    assert 'href="?p=2" rel="next"' in html
    second = client.get(QUEUE_URL, {"p": "2"})
    assert [row["article"].slug for row in second.context["rows"]] == [f"to-translate-{i:02d}" for i in range(50, 60)]
    assert 'href="?p=1" rel="prev"' in second.content.decode()


def test_filters_are_kept_from_page_to_page(client, translator):
    for i in range(55):
        make_article(f"to-translate-{i:02d}")
    client.force_login(translator)
    response = client.get(QUEUE_URL, {"lang": "zh-hans", "state": "missing"})
    assert 'href="?lang=zh-hans&amp;state=missing&amp;p=2"' in response.content.decode()
    assert len(client.get(QUEUE_URL, {"lang": "zh-hans", "state": "missing", "p": "2"}).context["rows"]) == 5
