"""The demo reference list never passes a partial author list off as complete.

How the test knows: a reference naming people either ends its list in "et al." (the demo file
says `- {literal: et al.}`) or is listed below as checked against the paper, with the number
of its authors. A new demo reference naming people fails here until one or the other is done.
Organisations (CSL `literal` names) are corporate authors, complete as they stand."""

from io import StringIO

import pytest
from django.core.management import call_command

from references.formatting import vancouver_html
from references.models import Reference

# Author lists checked to be the paper's whole list: key -> number of authors.
CHECKED_COMPLETE = {
    "knudsen-2008-glucosamine-warfarin": 2,
    "inzucchi-2014-metformin-ckd": 5,
    "salpeter-2010-cochrane-lactic-acidosis": 4,
}

# Multi-centre trials, guidelines and reviews listed by their first authors only.
KNOWN_TRUNCATED = {
    "kolasinski-2020-acr-oa": "Kolasinski SL, Neogi T, Hochberg MC, et al.",
    "jo-2014-adipose-msc-dose": "Jo CH, Lee YG, Shin WH, et al.",
    "lamo-espinosa-2016-bm-msc-rct": "Lamo-Espinosa JM, Mora G, et al.",
    "lamo-espinosa-2018-bm-msc-4y": "Lamo-Espinosa JM, Mora G, et al.",
    "hernigou-2021-subchondral-vs-ia": "Hernigou P, Bouthors C, Bastard C, et al.",
    "pas-2017-stem-cell-review": "Pas HIMFL, Winters M, et al.",
    "moll-2019-intravascular-msc": "Moll G, Ankrum JA, et al.",
    "dominici-2006-isct-criteria": "Dominici M, Le Blanc K, Mueller I, et al.",
    "pittenger-1999-multilineage": "Pittenger MF, Mackay AM, Beck SC, et al.",
    "clegg-2006-gait": "Clegg DO, Reda DJ, Harris CL, et al.",
    "wandel-2010-network-meta-analysis": "Wandel S, Jüni P, Tendal B, et al.",
    "bruyere-2019-esceo-algorithm": "Bruyère O, Honvo G, Veronese N, et al.",
    "van-der-molen-2018-esur-metformin": "van der Molen AJ, Reimer P, Dekkers IA, et al.",
}


@pytest.fixture
def demo_library(db):
    call_command("load_demo", "--no-accounts", stdout=StringIO(), stderr=StringIO())
    references = list(Reference.objects.order_by("key"))
    assert len(references) >= 20
    return references


def names_people(reference):
    return any(not name.get("literal") for name in reference.authors)


def test_every_demo_reference_naming_people_is_marked_or_checked_complete(demo_library):
    unaccounted = [
        ref.key for ref in demo_library
        if names_people(ref) and not ref.authors_incomplete and ref.key not in CHECKED_COMPLETE
    ]
    assert unaccounted == []


def test_the_lists_checked_complete_are_whole_and_unmarked(demo_library):
    library = {ref.key: ref for ref in demo_library}
    for key, count in CHECKED_COMPLETE.items():
        assert len(library[key].authors) == count, key
        assert not library[key].authors_incomplete, key


def test_the_demo_references_known_to_be_truncated_render_et_al(demo_library):
    library = {ref.key: ref for ref in demo_library}
    for key, authors in KNOWN_TRUNCATED.items():
        assert library[key].authors_incomplete, key
        assert str(vancouver_html(library[key])).startswith(authors + " "), key


def test_the_demo_page_shows_et_al_in_its_reference_list(client, demo_library):
    html = client.get("/en/articles/msc-knee-dose/").content.decode()
    assert "Jo CH, Lee YG, Shin WH, et al. Intra-articular injection of mesenchymal stem cells" in html
    assert "Kolasinski SL, Neogi T, Hochberg MC, et al." in html
