"""Nothing comes before the question (H1) in the article page's heading order."""

import re

import pytest

from tests.factories import make_article, make_author


@pytest.mark.parametrize("persona", ["patient", "physician"])
@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_question_is_the_first_heading(client, db, lang, persona):
    make_article("knee", body="## Dose\n\nText.", plain_summary_en="Plain words.", authors=[make_author()])
    html = client.get(f"/{lang}/articles/knee/?persona={persona}").content.decode()
    main = html[html.index('<main'):]
    headings = re.findall(r"<h([1-6])\b", main)
    assert headings[0] == "1", headings
    assert headings.count("1") == 1
