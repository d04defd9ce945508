"""The stand-in lookup server (tests/references/standin.py), with the settings pointing at it."""

import socket

import pytest

from tests.references.standin import StandIn, start


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
