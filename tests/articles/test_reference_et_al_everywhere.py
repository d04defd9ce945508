"""A reference whose author list is marked incomplete says so the same way everywhere: the
page ("et al." / "等"), the JSON-LD (the listed people only, nobody made up), the downloads
and the API (CSL-JSON ending in {"literal": "et al."})."""

import json

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import SeparateCoAuthors

from tests.articles.test_jsonld import jsonld
from tests.factories import make_article, make_reference

NAMES = [{"family": "Jo", "given": "Chris Hyunchul"}, {"family": "Lee", "given": "Young Gil"}]
EIGHT = [{"family": f"Author{n}", "given": "Anna"} for n in range(1, 9)]


@pytest.fixture
def article(db):
    make_reference("jo-2014", title="A proof-of-concept trial", authors=NAMES, authors_incomplete=True)
    make_reference("big-2020", title="A large trial", authors=EIGHT, authors_incomplete=True)
    make_reference("two-2019", title="A complete list", authors=NAMES)
    return make_article(
        "knee",
        summary="It helped [@jo-2014; @big-2020; @two-2019].",
        title_zh_hans="有用吗？",
        summary_zh_hans="有帮助 [@jo-2014]。",
        body_zh_hans="",
    )


def test_the_reference_list_ends_the_listed_authors_in_et_al(client, article):
    html = client.get("/en/articles/knee/").content.decode()
    assert "Jo CH, Lee YG, et al. A proof-of-concept trial." in html
    six = ", ".join(f"Author{n} A" for n in range(1, 7))
    assert f"{six}, et al. A large trial." in html
    assert "et al., et al." not in html
    assert "Jo CH, Lee YG. A complete list." in html


def test_the_chinese_page_ends_them_in_deng(client, article):
    html = client.get("/zh-hans/articles/knee/").content.decode()
    assert "Jo CH, Lee YG, 等. A proof-of-concept trial." in html


def test_json_ld_lists_the_people_named_and_no_et_al_person(client, article):
    citations = {work["name"]: work for work in jsonld(client, "/en/articles/knee/")["citation"]}
    assert citations["A proof-of-concept trial"]["author"] == [
        {"@type": "Person", "name": "Chris Hyunchul Jo", "familyName": "Jo", "givenName": "Chris Hyunchul"},
        {"@type": "Person", "name": "Young Gil Lee", "familyName": "Lee", "givenName": "Young Gil"},
    ]
    assert len(citations["A large trial"]["author"]) == 8
    assert "et al" not in json.dumps(citations).lower()


def test_the_downloads_say_et_al_each_in_its_own_way(client, article):
    items = json.loads(client.get("/en/articles/knee/references.json").content)
    assert items[0]["author"] == [*NAMES, {"literal": "et al."}]
    assert items[2]["author"] == NAMES
    bib = bibtexparser.parse_string(
        client.get("/en/articles/knee/references.bib").content.decode(), append_middleware=[SeparateCoAuthors()]
    )
    assert bib.entries[0].fields_dict["author"].value == ["Jo, Chris Hyunchul", "Lee, Young Gil", "others"]
    ris = rispy.loads(client.get("/en/articles/knee/references.ris").content.decode())
    assert ris[0]["authors"] == ["Jo, Chris Hyunchul", "Lee, Young Gil", "et al."]
    assert ris[2]["authors"] == ["Jo, Chris Hyunchul", "Lee, Young Gil"]

