"""A stand-in for Crossref and NCBI E-utilities on loopback, serving recorded real answers
(tests/references/fixtures/recorded/, see its README). The machine has no internet and
tests never call the real services."""

import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RECORDED = Path(__file__).parent / "fixtures" / "recorded"


def recorded(name):
    return (RECORDED / name).read_bytes()


def recorded_json(name):
    return json.loads(recorded(name))


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    delay: float = 0


@dataclass
class StandIn:
    """Routes: path (+ "?" + the sorted query without mailto/tool/email) -> Answer.
    Unknown routes answer 404 "Resource not found." as Crossref does."""

    routes: dict = field(default_factory=dict)
    requests: list = field(default_factory=list)
    url: str = ""

    def answer(self, path, body=b"", *, status=200, content_type="application/json", delay=0):
        if isinstance(body, dict | list):
            body = json.dumps(body).encode()
        self.routes[path] = Answer(status, body, content_type, delay)

    def crossref_work(self, doi, body, **kwargs):
        self.answer(f"/crossref/works/{doi}", body, **kwargs)

    def efetch(self, pmid, body, **kwargs):
        kwargs.setdefault("content_type", "text/xml")
        self.answer(f"/eutils/efetch.fcgi?db=pubmed&id={pmid}&retmode=xml", body, **kwargs)

    def esummary(self, pmids, body, **kwargs):
        self.answer(f"/eutils/esummary.fcgi?db=pubmed&id={','.join(pmids)}&retmode=json", body, **kwargs)


def _route(raw_path):
    parsed = urllib.parse.urlsplit(raw_path)
    path = urllib.parse.unquote(parsed.path)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parsed.query) if k not in ("mailto", "tool", "email")]
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "")


def start(standin):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            route = _route(self.path)
            standin.requests.append({"route": route, "headers": dict(self.headers), "path": self.path})
            answer = standin.routes.get(route) or Answer(404, b"Resource not found.", "text/plain")
            if answer.delay:
                time.sleep(answer.delay)
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    standin.url = f"http://127.0.0.1:{server.server_address[1]}"
    return server
