"""What `akg serve` and `akg query` refuse or cut, against real servers on 127.0.0.1: SERVICE calls (SSRF)."""
from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.serve.server import make_server
from store_sample import build_store
from test_server import get

pytestmark = pytest.mark.e2e

BAIT_ANSWER = {"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "literal", "value": "from the bait"}}]}}


class _Bait(BaseHTTPRequestHandler):
    """An endpoint that records every request it gets and answers one SPARQL result row."""

    def do_GET(self) -> None:
        self.server.calls.append(self.path)
        body = json.dumps(BAIT_ANSWER).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.do_GET()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def bait():
    """A real HTTP server on 127.0.0.1 that a SERVICE call would reach; ``bait.calls`` lists what it got."""
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Bait)
    srv.calls = []
    srv.url = f"http://127.0.0.1:{srv.server_address[1]}/sparql"
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "store"
    build_store(path)
    return path


def _serving(store_path, **options):
    srv = make_server(store_path, port=0, timeout=5.0, workers=1, **options)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


@pytest.fixture
def server(store_path):
    srv = _serving(store_path)
    yield srv
    srv.shutdown()
    srv.server_close()


SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select * { service silent <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "PREFIX bait: <{url}#> SELECT * WHERE { SERVICE bait: { ?s ?p ?o } }",
    "SELECT * WHERE { BIND (<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . ?s rdfs:label \"a\\#\" # \n SERVICE <{url}> { ?x ?y ?z } }",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_with_one_line_and_nothing_is_called(server, bait, template):
    status, _, body = get(server, template.replace("{url}", bait.url))
    assert status == 400
    assert body.decode().count("\n") == 1 and "SERVICE" in body.decode() and "--allow-service" in body.decode()
    assert bait.calls == []
    status, _, _ = get(server, "SELECT ?service WHERE { ?service rdfs:label 'SERVICE' } # SERVICE <x>")
    assert status == 200  # the word elsewhere is no SERVICE call


def test_an_allowed_service_endpoint_is_called(store_path, bait):
    srv = _serving(store_path, allow_service=[bait.url])
    try:
        status, _, body = get(srv, f"SELECT ?s WHERE {{ SERVICE <{bait.url}> {{ ?s ?p ?o }} }}")
        other, _, _ = get(srv, f"SELECT ?s WHERE {{ SERVICE <{bait.url}/other> {{ ?s ?p ?o }} }}")
    finally:
        srv.shutdown()
        srv.server_close()
    assert status == 200 and [b["s"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["from the bait"]
    assert other == 400 and len(bait.calls) == 1


def test_akg_query_refuses_service_unless_allowed(tmp_path, bait):
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(build_store().serialize("ttl"))
    query = f"SELECT ?s WHERE {{ SERVICE <{bait.url}> {{ ?s ?p ?o }} }}"
    refused = CliRunner().invoke(cli, ["query", query, "--graph", str(graph)])
    assert refused.exit_code == 1 and bait.calls == []
    assert refused.output.count("\n") == 1 and "SERVICE" in refused.output
    allowed = CliRunner().invoke(cli, ["query", query, "--graph", str(graph), "--allow-service", bait.url,
                                       "--format", "csv"])
    assert allowed.exit_code == 0, allowed.output
    assert allowed.output.splitlines() == ["s", "from the bait"] and len(bait.calls) == 1
