"""Publishing to and querying a real triple store: the Oxigraph server from PyPI, started on 127.0.0.1."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from graph import vocab
from graph.errors import QueryError, StoreError, UnknownValueError
from graph.pipeline import query_graph
from graph.store.query import named_queries, run_query
from graph.serve.remote import bind_values, publish, remote_query
from graph.serve.server import make_server
from store_sample import ARTICLES, build_store

pytestmark = pytest.mark.e2e

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    """Poll the server until it answers (or fail if it exits or takes over 30 s)."""
    for _ in range(300):
        if process.poll() is not None:
            pytest.fail(f"oxigraph serve exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    pytest.fail(f"oxigraph serve did not answer at {url}")


@pytest.fixture
def oxigraph(tmp_path):
    """A fresh Oxigraph server (empty store on disk); yields its base URL."""
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server (PyPI package `oxigraph`) is not installed")
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "remote"),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/query?query=ASK%7B%7D", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def store():
    return build_store()


def count(base: str, query: str = COUNT) -> int:
    return int(remote_query(base + "/query", query).rows[0][0])


def test_publish_query_back_and_republish_without_duplicates(oxigraph, store):
    sent = publish(store, oxigraph + "/store")
    assert sent == {None: len(store.graph())}
    assert count(oxigraph) == len(store.graph())
    publish(store, oxigraph + "/store")
    assert count(oxigraph) == len(store.graph())


def test_per_document_named_graphs(oxigraph, store):
    sent = publish(store, oxigraph + "/store", per_document=True)
    names = sorted(str(vocab.doc_iri(d)) for d in ARTICLES)
    assert sorted(k for k in sent if k) == names
    assert [str(row[0]) for row in remote_query(oxigraph + "/query", GRAPHS).rows] == names
    for doc_id in ARTICLES:
        name = vocab.doc_iri(doc_id)
        in_graph = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
        assert count(oxigraph, in_graph) == len(store.document_graph(doc_id)) > 0
    publish(store, oxigraph + "/store", per_document=True)
    assert count(oxigraph) == len(store.graph())


def test_publish_an_rdflib_graph_into_a_named_graph(oxigraph, store):
    union = store.to_rdflib()
    name = "urn:akg:test-graph"
    assert publish(union, oxigraph + "/store", graph_iri=name) == {name: len(union)}
    assert count(oxigraph, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}") == len(union)
    assert count(oxigraph) == 0  # the default graph is untouched


@pytest.mark.parametrize("name, bindings", [("partners", {"org": "Nissan"}), ("competitors", {"org": "Tesla"}),
                                            ("timeline", {"a": "Nissan", "b": "Honda"}), ("blocs", {})])
def test_named_query_remote_equals_local(oxigraph, store, name, bindings):
    publish(store, oxigraph + "/store")
    query = named_queries()[name]
    remote = remote_query(oxigraph + "/query", query, bindings)
    local = run_query(store.to_rdflib(), query, bindings)
    assert remote.variables == local.variables
    assert sorted(remote.rows, key=str) == sorted(local.rows, key=str)
    assert remote.rows


def test_query_graph_resolves_names_against_the_endpoint(oxigraph, store):
    publish(store, oxigraph + "/store")
    query = named_queries()["competitors"]
    expected = remote_query(oxigraph + "/query", query, {"org": "Tesla"})
    assert expected.rows
    assert query_graph(query, {"org": "tsla"}, endpoint=oxigraph + "/query") == expected
    with pytest.raises(UnknownValueError, match="did you mean Tesla"):
        query_graph(query, {"org": "Tesls"}, endpoint=oxigraph + "/query")


def test_hostile_parameter_is_only_a_value(oxigraph, store):
    publish(store, oxigraph + "/store")
    hostile = 'Nissan" } } ; DROP ALL ; SELECT * { "'
    result = remote_query(oxigraph + "/query", named_queries()["partners"], {"org": hostile})
    assert result.rows == ()
    assert count(oxigraph) == len(store.graph())


def test_server_down_is_a_clear_error():
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match="cannot reach .*is the server running"):
        remote_query(url + "/query", COUNT)
    with pytest.raises(StoreError, match="cannot reach"):
        publish(Graph(), url + "/store")


def test_server_refusal_is_a_clear_error(oxigraph, store):
    with pytest.raises(StoreError, match="HTTP 404"):
        publish(store, oxigraph + "/no-such-path")
    with pytest.raises(StoreError, match="HTTP 400"):
        remote_query(oxigraph + "/query", "SELEC nothing")


def test_missing_parameter_is_a_query_error():
    with pytest.raises(QueryError, match="needs parameter"):
        remote_query("http://127.0.0.1:1/query", named_queries()["partners"], {})


def test_remote_query_on_our_own_endpoint_and_its_timeout(tmp_path):
    build_store(tmp_path / "store")
    server = make_server(tmp_path / "store", port=0, timeout=30, limit=100)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = remote_query(server.url + "query", named_queries()["partners"], {"org": "Nissan"})
        assert sorted(str(r[result.variables.index("partner")]) for r in result.rows) == ["Baidu", "Honda"]
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h . ?i ?t ?j }"
        with pytest.raises(StoreError, match="did not answer within"):
            remote_query(server.url + "query", slow, timeout=0.5)
    finally:
        server.shutdown()
        server.server_close()


def test_bind_values_keeps_values_out_of_the_syntax():
    text = bind_values("SELECT ?org WHERE { ?o <urn:label> ?org }", {"org": 'a"b } DROP ALL'})
    assert text == 'SELECT ?org WHERE { VALUES (?org) { ("a\\"b } DROP ALL") }  ?o <urn:label> ?org }'
    assert bind_values("CONSTRUCT WHERE { ?s ?p ?x }", {"x": "1"}).endswith('VALUES (?x) { ("1") } ')
    with pytest.raises(QueryError, match="no variable"):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"x": "1"})
    with pytest.raises(QueryError, match="not a variable name"):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"x }": "1"})


def test_literal_results_come_back_as_rdflib_terms(oxigraph, store):
    publish(store, oxigraph + "/store")
    rows = remote_query(oxigraph + "/query", "SELECT ?l ?org WHERE { ?org rdfs:label ?l } ORDER BY ?l LIMIT 1").rows
    assert rows[0][0] == Literal("BYD") and isinstance(rows[0][1], URIRef)
