"""What `akg serve` and `akg query` refuse or cut, against real servers on 127.0.0.1: SERVICE calls (SSRF) and
queries over a worker's memory cap, clients that send too slowly."""
from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.errors import StoreError
from graph.serve.server import make_server
from store_sample import build_store
from test_server import get, values

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
    """A server running in a thread (stop it with shutdown and server_close)."""
    srv = make_server(store_path, port=0, **{"timeout": 5.0, "workers": 1, **options})
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


@pytest.fixture(scope="module")
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


# --- memory: each query worker runs under a cap the kernel enforces ------------------------------------------------

HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
"""The issue's query: sorting the square of the store grows a worker by hundreds of MB a second."""
MEMORY = 300


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """A store of 6,000 triples: HUNGRY sorts 36 million rows, gigabytes."""
    path = tmp_path_factory.mktemp("big") / "store"
    store = ox.Store(str(path))
    store.bulk_extend(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                              ox.Literal(f"value {i}")) for i in range(6000))
    store.flush()
    del store
    return path


def test_a_query_over_the_memory_cap_gets_503_and_the_server_keeps_serving(big_store):
    srv = _serving(big_store, memory=MEMORY, workers=2, timeout=60.0)
    answers = {}
    try:
        hog = threading.Thread(target=lambda: answers.setdefault("hungry", get(srv, HUNGRY)))
        hog.start()
        beside = get(srv, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        hog.join()
        after = get(srv, "SELECT ?o WHERE { <http://example.org/s7> ?p ?o }")
        again = get(srv, HUNGRY)
    finally:
        srv.shutdown()
        srv.server_close()
    status, _, body = answers["hungry"]
    assert status == 503 and b"used too much memory" in body and body.count(b"\n") == 1
    assert beside[0] == 200 and values(beside[2], "n") == ["6000"]
    assert after[0] == 200 and values(after[2], "o") == ["value 7"]
    assert again[0] == 503  # the restarted worker has the same cap


def test_the_memory_cap_must_leave_room_for_a_worker(store_path):
    with pytest.raises(StoreError, match="memory at least"):
        make_server(store_path, port=0, memory=50)


# --- slow clients: a request must arrive whole within the client timeout -----------------------------------------

def _closed_within(sock: socket.socket, seconds: float) -> float | None:
    """Seconds until the server closed the connection (None if it still held it after ``seconds``)."""
    start = time.monotonic()
    sock.settimeout(seconds)
    try:
        while sock.recv(1024):
            pass
    except TimeoutError:
        return None
    except ConnectionResetError:
        pass
    return time.monotonic() - start


def test_stalled_and_trickling_clients_are_dropped_and_the_others_answered(store_path):
    srv = _serving(store_path, client_timeout=1.0)
    assert get(srv, "ASK {}")[0] == 200  # the worker is up: what is timed below is the query alone
    stalled = [socket.create_connection(srv.server_address) for _ in range(20)]
    for sock in stalled:  # promises 100 bytes of body, sends 6
        sock.sendall(b"POST /query HTTP/1.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nSELECT")
    trickling = socket.create_connection(srv.server_address)

    def trickle() -> None:  # a byte every 0.2 s: never idle long, never done
        try:
            for byte in b"GET /query?query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D HTTP/1.1\r\n":
                trickling.send(bytes([byte]))
                time.sleep(0.2)
        except OSError:
            pass

    threading.Thread(target=trickle, daemon=True).start()
    try:
        start = time.monotonic()
        status, _, _ = get(srv, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
        answered = time.monotonic() - start
        waits = [_closed_within(sock, 5.0) for sock in stalled + [trickling]]
    finally:
        for sock in stalled + [trickling]:
            sock.close()
        srv.shutdown()
        srv.server_close()
    assert status == 200 and answered < 1.0
    assert None not in waits and max(waits) < 2.5
