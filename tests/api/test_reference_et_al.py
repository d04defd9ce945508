"""The API's references say "et al." as the page's CSL-JSON download does."""

import json

import pytest

from tests.factories import make_article, make_reference

NAMES = [{"family": "Jo", "given": "Chris Hyunchul"}, {"family": "Lee", "given": "Young Gil"}]


@pytest.fixture
def article(db):
    make_reference("jo-2014", title="A proof-of-concept trial", authors=NAMES, authors_incomplete=True)
    make_reference("two-2019", title="A complete list", authors=NAMES)
    return make_article("knee", summary="It helped [@jo-2014; @two-2019].")


def test_the_api_gives_the_csl_json_of_the_downloads(api_get, client, article):
    body = api_get("/api/v1/articles/knee", lang="en")
    downloaded = json.loads(client.get("/en/articles/knee/references.json").content)
    assert body["references"] == downloaded
    assert body["references"][0]["author"] == [*NAMES, {"literal": "et al."}]
    assert body["references"][1]["author"] == NAMES
