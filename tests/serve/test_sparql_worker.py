"""graph.serve.sparql_worker without a server: content negotiation (the real endpoint: tests/e2e/test_server.py)."""
from __future__ import annotations

from graph.serve.sparql_worker import RESULT_TYPES, negotiate


def test_negotiate_prefers_quality_then_order():
    assert negotiate("text/csv;q=0.2, */*;q=0.1", RESULT_TYPES) == "csv"
    assert negotiate("application/*", RESULT_TYPES) == "json"
    assert negotiate("text/*;q=0.9, text/tab-separated-values", RESULT_TYPES) == "tsv"
    assert negotiate("image/png", RESULT_TYPES) is None
