"""A printout names the persona version, its address and the day it was printed."""

import re

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from tests.factories import make_article


def print_meta(html):
    match = re.search(r'<p class="print-meta"[^>]*>(.*?)</p>', html, re.S)
    assert match
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1)))


def test_printout_names_persona_url_and_date(client, db):
    make_article("knee")
    html = client.get("/en/articles/knee/?persona=physician").content.decode()
    meta = print_meta(html)
    assert "Version for: Physician" in meta
    assert "http://testserver/en/articles/knee/?persona=physician" in meta
    with override("en"):
        assert f"Printed: {date_format(timezone.localdate(), 'DATE_FORMAT')}" in meta


def test_print_stylesheet_shows_what_the_screen_hides(client):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    screen = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    paper = Path(finders.find("css/print.css")).read_text(encoding="utf-8")
    assert re.search(r"\.print-meta\s*\{\s*display:\s*none", screen)
    assert re.search(r"\.print-meta\s*\{\s*display:\s*flex", paper)
