"""A cached page is only ever served to readers of the same page: same persona (chosen with
?persona= or remembered in the cookie), same language, same address."""

import pytest

from tests.articles.response_cache_helpers import cached_now, fetch
from tests.factories import make_article

BODY = '::: {audience="patient"}\nWords for patients.\n:::\n\n::: {audience="physician"}\nWords for physicians.\n:::\n'


@pytest.fixture
def article(db):
    return make_article("knee", title="Do cells help knees?", body=BODY, title_zh_hans="细胞对膝盖有帮助吗？",
                        summary_zh_hans="也许。", body_zh_hans=BODY.replace("Words for", "中文给"))


def test_each_persona_chosen_in_the_address_gets_its_own_page(client, article):
    patient = cached_now(client, "/en/articles/knee/?persona=patient")
    physician = cached_now(client, "/en/articles/knee/?persona=physician")
    assert "Words for patients." in patient and "Words for physicians." not in patient
    assert "Words for physicians." in physician and "Words for patients." not in physician
    assert "Words for patients." in fetch(client, "/en/articles/knee/?persona=patient")[1]


def test_the_remembered_persona_gets_its_own_page(client, article):
    default = cached_now(client, "/en/articles/knee/")  # no cookie: the default persona (patient)
    assert "Words for patients." in default
    client.cookies["medcms_persona"] = "physician"
    response, html = fetch(client, "/en/articles/knee/")
    assert "Words for physicians." in html and "Words for patients." not in html
    assert "Cookie" in response["Vary"]
    del client.cookies["medcms_persona"]
    assert "Words for patients." in fetch(client, "/en/articles/knee/")[1]


def test_each_language_gets_its_own_page(client, article):
    english = cached_now(client, "/en/articles/knee/?persona=patient")
    chinese = cached_now(client, "/zh-hans/articles/knee/?persona=patient")
    assert "Do cells help knees?" in english and "细胞对膝盖有帮助吗？" not in english
    assert "细胞对膝盖有帮助吗？" in chinese and '<html lang="zh-hans">' in chinese


def test_each_host_gets_its_own_addresses(client, article):
    cached_now(client, "/en/articles/knee/")
    html = fetch(client, "/en/articles/knee/", host="localhost")[1]
    assert 'href="http://localhost/en/articles/knee/"' in html  # the canonical link of that host
    assert "http://testserver/" not in html
