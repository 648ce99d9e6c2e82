"""graph.serve.sparql_worker without a server: content negotiation (the real endpoint: tests/e2e/test_server.py)."""
from __future__ import annotations

from graph.serve.sparql_worker import RESULT_TYPES, negotiate


def test_negotiate_prefers_quality_then_order():
    assert negotiate("text/csv;q=0.2, */*;q=0.1", RESULT_TYPES) == "csv"
    assert negotiate("application/*", RESULT_TYPES) == "json"
    assert negotiate("text/*;q=0.9, text/tab-separated-values", RESULT_TYPES) == "tsv"
    assert negotiate("image/png", RESULT_TYPES) is None


def test_a_store_that_cannot_be_opened_is_a_one_line_503(tmp_path):
    from graph.serve.sparql_worker import Request, _answer_fresh, _Reader

    reader = _Reader(str(tmp_path / "gone"))
    response = _answer_fresh(reader, Request("ASK { ?s ?p ?o }", {}, None, None, 10, {}))
    assert response.status == 503 and len(response.body.splitlines()) == 1
    assert b"IO error" not in response.body and b"try again" in response.body


def test_the_reader_reopens_when_the_marker_changes(tmp_path):
    import pyoxigraph as ox

    from graph.serve.sparql_worker import _Reader
    from graph.store.marker import mark_changed

    writer = ox.Store(str(tmp_path))
    reader = _Reader(str(tmp_path))
    assert len(reader.current()) == 0
    writer.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("c")))
    writer.flush()
    mark_changed(tmp_path)
    assert len(reader.current()) == 1
