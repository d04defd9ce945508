"""The Chinese about page calls the site by the name the rest of the Chinese site uses."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_chinese_about_page_names_the_site_as_the_header_does(client):
    html = client.get("/zh-hans/about/").content.decode()
    assert "MedCMS 健康知识库为患者和照护者" in html
    assert "健康文库" not in html
