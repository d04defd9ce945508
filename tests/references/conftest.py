"""The stand-in lookup server (tests/references/standin.py), with the settings pointing at it."""

import socket

import pytest

from tests.factories import make_article, make_reference
from tests.references.retraction_library import CLEAN_DOI, PMID, RETRACTED_DOI
from tests.references.standin import StandIn, recorded, start


@pytest.fixture
def standin(settings, monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    fake = StandIn()
    server = start(fake)
    settings.CROSSREF_API_URL = f"{fake.url}/crossref"
    settings.EUTILS_API_URL = f"{fake.url}/eutils"
    settings.REFERENCE_LOOKUP_TIMEOUT = 2
    settings.REFERENCE_LOOKUP_INTERVAL = 0
    settings.REFERENCE_LOOKUP_MAILTO = "editors@medcms.example"
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port(settings, monkeypatch):
    """Settings pointing at a loopback port nothing listens on (a machine offline)."""
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CROSSREF_API_URL = f"http://127.0.0.1:{port}/crossref"
    settings.EUTILS_API_URL = f"http://127.0.0.1:{port}/eutils"
    settings.REFERENCE_LOOKUP_TIMEOUT = 2
    settings.REFERENCE_LOOKUP_INTERVAL = 0
    return port


@pytest.fixture
def library(standin):
    """Four references (one retracted per Crossref, one corrected, one with a PMID, one with
    neither identifier) and a published article citing the retracted one."""
    standin.crossref_work(RETRACTED_DOI, recorded("crossref-work-10.5555-12345678.json"))
    standin.crossref_work(CLEAN_DOI, recorded("crossref-work-10.1371-journal.pone.0033693.json"))
    standin.esummary([PMID], recorded("pubmed-esummary-27933103.json"))
    carberry = make_reference("carberry2008", doi=RETRACTED_DOI)
    sadasivan = make_reference("sadasivan2012", doi=CLEAN_DOI)
    scalfani = make_reference("scalfani2016", pmid=PMID)
    no_identifier = make_reference("who-handbook")
    make_article("cites-carberry", summary="Silly strings help [@carberry2008].")  # published, cites it
    return carberry, sadasivan, scalfani, no_identifier
