"""graph.store.service: SERVICE found as a SPARQL lexer reads it, never hidden by escapes, comments or strings."""
from __future__ import annotations

import pytest

from graph.errors import QueryError
from graph.store.service import check_service, service_endpoints


@pytest.mark.parametrize("text, endpoints", [
    ("SELECT * { SERVICE <http://a/> { ?s ?p ?o } }", ["http://a/"]),
    ("select * { service silent <http://a/> {} }", ["http://a/"]),
    ("SELECT * { FILTER (?x<?y) SERVICE<http://a/>{} }", ["http://a/"]),
    ("SELECT * { \\u0053ERVICE <http://a/> {} }", ["http://a/"]),  # SPARQL decodes \\u escapes before parsing
    ("SELECT * { ?s ex:p\\# SERVICE <http://a/> {} }", ["http://a/"]),  # '\\#' in a name starts no comment
    ("SELECT * { ?s ex:p\\' SERVICE <http://a/> {} } #'", ["http://a/"]),  # nor does '\\'' start a string
    ("SELECT * { SERVICE ?endpoint {} }", [None]),
    ("SELECT * { SERVICE ex:endpoint {} }", [None]),
    ("SELECT ?service { ?service ex:service 'SERVICE <http://a/>' } # SERVICE <http://b/>", []),
    ('SELECT * { ?s ?p """ "" SERVICE <http://a/> """ }', []),
])
def test_service_endpoints(text, endpoints):
    assert service_endpoints(text) == endpoints


def test_an_escape_that_would_open_a_string_hides_nothing():
    text = "SELECT * { ?s ?p <http://x\\u0022> . SERVICE <http://a/> { ?a ?b ?c } } #\""
    assert "http://a/" in service_endpoints(text)


def test_check_service_allows_only_listed_full_iris():
    check_service("SELECT * { SERVICE <http://a/> {} }", ["http://a/"])
    with pytest.raises(QueryError, match=r"SERVICE <http://b/> is refused"):
        check_service("SELECT * { SERVICE <http://b/> {} }", ["http://a/"])
    with pytest.raises(QueryError, match="full IRI"):
        check_service("SELECT * { SERVICE ?e {} }", ["http://a/"])
