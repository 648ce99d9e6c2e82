"""graph.store.query: named queries on a known tiny graph, bound parameters, errors, result formats."""
from __future__ import annotations

import csv
import io
import json

import pyoxigraph
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Literal

from graph.errors import TERMINAL_CONTROLS, QueryError, UnknownValueError
from graph.store.query import (TABLE_CELL_WIDTH, QueryResult, format_result, get_query, named_queries, parse_query_text,
                         resolve_query, run_query)
from graph.extract.facts import Extraction
from graph.rdf.build import build_graph
from graph.extract.text import Document
from samples import fact

PARAMS = {"org": "Nissan", "status": "active", "field": "ev BATTERIES", "from": "2024-03", "to": "2024-08-31",
          "a": "Nissan", "b": "Honda"}

EXPECTED = {
    "partners": [("Nissan", "Baidu", "active", {"AI"}, "2024-07-03", "1"),
                 ("Nissan", "Honda", "active", {"automotive software", "EV charging", "EV batteries"},
                  "2024-09-01", "2")],
    "competitors": [("Nissan", "Tesla", "2024-07-03", "1")],
    "relationships": [
        ("competition", "Nissan", "Tesla", None, set(), "2024-07-03", "Nissan lags behind Tesla.", "a.txt"),
        ("investment", "Honda", "Baidu", "active", set(), "2024-09-01", "Honda holds a stake in Baidu.", "b.txt"),
        ("partnership", "Honda", "Nissan", "active", {"automotive software", "EV charging", "EV batteries"},
         "2024-09-01", "Honda and Nissan now run the alliance.", "b.txt"),
        ("partnership", "Nissan", "Baidu", "active", {"AI"}, "2024-07-03", "Nissan teamed up with Baidu.", "a.txt"),
        ("partnership", "Nissan", "Honda", "active", {"automotive software", "EV charging", "EV batteries"},
         "2024-03", "In March, Nissan and Honda signed an MOU.", "a.txt"),
        ("supply", "Acme Robotics", "Honda", "agreed", {"automotive components"}, "2024-08",
         "Acme Robotics will supply Honda.", "b.txt"),
    ],
    "ranking": [("Honda", "3", "3"), ("Nissan", "3", "3"), ("Baidu", "2", "2"), ("Acme Robotics", "1", "1"),
                ("Tesla", "1", "1")],
    "by-status": [("active", "investment", "Honda", "Baidu", "2024-09-01", "1"),
                  ("active", "partnership", "Baidu", "Nissan", "2024-07-03", "1"),
                  ("active", "partnership", "Honda", "Nissan", "2024-09-01", "2")],
    "by-field": [("EV batteries", "partnership", "Honda", "Nissan", "active", "2024-09-01")],
    "date-range": [
        ("2024-03", "2024-08-31", "2024-03", "partnership", "Nissan", "Honda", "agreed",
         "In March, Nissan and Honda signed an MOU.", "a.txt"),
        ("2024-03", "2024-08-31", "2024-07-03", "competition", "Nissan", "Tesla", None,
         "Nissan lags behind Tesla.", "a.txt"),
        ("2024-03", "2024-08-31", "2024-07-03", "partnership", "Nissan", "Baidu", "active",
         "Nissan teamed up with Baidu.", "a.txt"),
        ("2024-03", "2024-08-31", "2024-08", "supply", "Acme Robotics", "Honda", "agreed",
         "Acme Robotics will supply Honda.", "b.txt"),
    ],
    "timeline": [("Nissan", "Honda", "2024-03", "partnership", "Nissan", "Honda", "agreed",
                  "In March, Nissan and Honda signed an MOU.", "a.txt"),
                 ("Nissan", "Honda", "2024-09-01", "partnership", "Honda", "Nissan", "active",
                  "Honda and Nissan now run the alliance.", "b.txt")],
    "common-partners": [("Nissan", "Honda", "Baidu", "partnership", "investment")],
    "blocs": [("3", "Baidu, Honda, Nissan")],
}


def plain(result) -> list[tuple]:
    """Rows as text; the comma-joined fields as a set (GROUP_CONCAT's order is the engine's)."""
    def cell(var, term):
        if term is None:
            return None
        return {f for f in str(term).split(", ") if f} if var == "fields" else str(term)
    return [tuple(cell(v, t) for v, t in zip(result.variables, row)) for row in result.rows]


def bindings_for(name: str) -> dict[str, str]:
    return {p: PARAMS[p] for p in named_queries()[name].params}


def test_every_named_query_has_a_description_and_an_expected_answer():
    assert set(named_queries()) == set(EXPECTED)
    assert all(q.description for q in named_queries().values())
    assert all(len(q.param_help) == len(q.params) for q in named_queries().values())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_rows_with_rdflib(graph, name):
    result = run_query(graph, get_query(name), bindings_for(name))
    assert plain(result) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_rows_with_oxigraph(store, name):
    result = run_query(store, get_query(name), bindings_for(name))
    assert plain(result) == EXPECTED[name]


def test_store_queries_read_the_default_graph_only(graph):
    """graph.store.store keeps the whole graph in the default graph and each article in a named graph: no duplicates."""
    st = pyoxigraph.Store()
    data = graph.serialize(format="nt")
    st.load(data, pyoxigraph.RdfFormat.N_TRIPLES)
    st.load(data, pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode("urn:x:article"))
    assert plain(run_query(st, get_query("partners"), {"org": "Nissan"})) == EXPECTED["partners"]


def test_queries_carry_no_iri_and_get_the_prefix_header():
    for q in named_queries().values():
        assert "<http" not in q.body
        assert q.text.startswith("PREFIX ") and q.text.endswith(q.body)


def test_injection_attempt_is_a_plain_value(graph, store):
    before = len(graph)
    evil = 'Nissan" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o . FILTER("" = "'
    for target in (graph, store):
        with pytest.raises(UnknownValueError):  # an organization parameter: no such name
            run_query(target, get_query("partners"), {"org": evil})
        assert run_query(target, "SELECT ?org ?o WHERE { ?o rdfs:label ?org }", {"org": evil}).rows == ()
    assert len(graph) == before
    assert len(store) == before


def test_parameter_with_quotes_braces_and_newline_matches_exactly():
    label = 'Odd "Co" } Ltd\n\\'
    g = build_graph([Extraction(Document("x.txt", "", ()),
                                (fact("x.txt", label, "competition", "Tesla", None, evidence="Odd rivals Tesla."),))])
    st = pyoxigraph.Store()
    st.load(g.serialize(format="nt"), pyoxigraph.RdfFormat.N_TRIPLES)
    for target in (g, st):
        assert plain(run_query(target, get_query("competitors"), {"org": label})) == [(label, "Tesla", None, "1")]
        with pytest.raises(UnknownValueError, match="did you mean"):
            run_query(target, get_query("competitors"), {"org": label[:-1]})


@pytest.mark.parametrize("text", ["SELEC ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE { ?x nope:p ?o }",
                                  "DROP ALL", "SELECT ?x WHERE { ?x ?p ?o "])
def test_malformed_query_is_a_one_line_query_error(graph, store, text):
    for target in (graph, store):
        with pytest.raises(QueryError) as info:
            run_query(target, text)
        assert "\n" not in str(info.value)


def test_unknown_named_query(graph):
    with pytest.raises(QueryError, match="unknown named query 'partnerz'.*partners"):
        resolve_query("partnerz")


def test_missing_and_unknown_parameters(graph):
    with pytest.raises(QueryError, match="needs parameter.*org"):
        run_query(graph, get_query("partners"), {})
    with pytest.raises(QueryError, match="no parameter.*colour"):
        run_query(graph, get_query("partners"), {"org": "Nissan", "colour": "red"})
    with pytest.raises(QueryError, match="no variable \\?colour"):
        run_query(graph, "SELECT ?s WHERE { ?s ?p ?o }", {"colour": "red"})


def test_query_text_with_a_param_header_checks_its_parameters(graph):
    with pytest.raises(QueryError, match="the query needs parameter.*org"):
        run_query(graph, get_query("partners").text)
    assert run_query(graph, get_query("partners").text, {"org": "Nissan"}).rows


def test_resolve_query_from_name_text_and_file(tmp_path):
    assert resolve_query("ranking") is named_queries()["ranking"]
    text = "SELECT ?l WHERE { ?o rdfs:label ?l }"
    assert resolve_query(text) == text
    path = tmp_path / "mine.rq"
    path.write_text("# description: Labels of one kind.\n# param: kind  A class\nSELECT ?kind ?l WHERE { ?o a ?k }\n")
    q = resolve_query("ignored", path)
    assert (q.name, q.description, q.params, q.param_help) == ("mine", "Labels of one kind.", ("kind",), ("A class",))
    with pytest.raises(QueryError, match="cannot read"):
        resolve_query("x", tmp_path / "missing.rq")
    (tmp_path / "latin.rq").write_bytes(b"# caf\xe9\nASK {}")
    with pytest.raises(QueryError, match=r"latin.rq: not UTF-8 \(byte 0xe9 at offset 5\)"):
        resolve_query("x", tmp_path / "latin.rq")


def test_parse_header_ignores_ordinary_comments():
    q = parse_query_text("q", "# just a note\n# param: $x  the x\nSELECT ?x {}")
    assert q.params == ("x",) and q.description == ""


def test_inline_query_gets_the_prefixes(graph, store):
    text = "SELECT ?l WHERE { ?o a akg:TechnologyCompany ; rdfs:label ?l }"
    for target in (graph, store):
        assert [str(r[0]) for r in run_query(target, text).rows] == ["Baidu"]


def test_ask_and_construct(graph, store):
    for target in (graph, store):
        ask = run_query(target, "ASK { ?o rdfs:label 'Tesla' }")
        assert (ask.kind, ask.boolean) == ("ask", True)
        built = run_query(target, "CONSTRUCT { ?o rdfs:label ?l } WHERE { ?o a akg:Automaker ; rdfs:label ?l }")
        assert built.kind == "construct" and built.variables == ("subject", "predicate", "object")
        assert sorted(str(r[2]) for r in built.rows) == ["Honda", "Nissan", "Tesla"]


def sparql_json_is_valid(doc: dict) -> bool:
    """The shape of SPARQL 1.1 Query Results JSON for a SELECT."""
    variables = doc["head"]["vars"]
    assert all(isinstance(v, str) for v in variables)
    for binding in doc["results"]["bindings"]:
        for var, term in binding.items():
            assert var in variables
            assert term["type"] in ("uri", "literal", "bnode") and isinstance(term["value"], str)
            assert set(term) <= {"type", "value", "datatype", "xml:lang"}
            assert not ("datatype" in term and "xml:lang" in term)
    return True


def test_json_format_follows_the_sparql_results_shape(graph):
    result = run_query(graph, get_query("competitors"), {"org": "Nissan"})
    doc = json.loads(format_result(result, "json"))
    assert sparql_json_is_valid(doc)
    row = doc["results"]["bindings"][0]
    assert row["competitor"] == {"type": "literal", "value": "Tesla"}
    assert row["date"]["datatype"].endswith("#date")
    uri = json.loads(format_result(run_query(graph, "SELECT ?o WHERE { ?o rdfs:label 'Tesla' }"), "json"))
    assert uri["results"]["bindings"][0]["o"]["type"] == "uri"
    lang = json.loads(format_result(run_query(graph, "SELECT ?l WHERE { akg:Active rdfs:label ?l }"), "json"))
    assert lang["results"]["bindings"][0]["l"] == {"type": "literal", "value": "active", "xml:lang": "en"}


def test_unbound_values_are_left_out_of_json_and_blank_in_csv_and_table(graph):
    result = run_query(graph, get_query("relationships"))
    doc = json.loads(format_result(result, "json"))
    assert "status" not in doc["results"]["bindings"][0]  # competition
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert rows[0] == list(result.variables)
    assert rows[1][3] == "" and len(rows) == len(result.rows) + 1


def test_ask_formats(graph):
    result = run_query(graph, "ASK { ?o rdfs:label 'Nobody' }")
    assert json.loads(format_result(result, "json")) == {"head": {}, "boolean": False}
    assert format_result(result, "table") == "false\n"
    assert format_result(result, "csv").splitlines() == ["boolean", "false"]


def test_table_columns_are_aligned_and_iris_shortened(graph):
    text = format_result(run_query(graph, "SELECT ?o ?kind WHERE { ?o rdfs:label 'Baidu' ; a ?kind }"), "table")
    header, rule, row = text.splitlines()
    assert header.split() == ["o", "kind"]
    assert row.index("akg:TechnologyCompany") == header.index("kind") == rule.index(" -") + 1


def test_table_cuts_long_cells_but_csv_keeps_them():
    long = "x" * (TABLE_CELL_WIDTH + 20)
    result = QueryResult(("s",), ((Literal(long + "\nmore"),),))
    row = format_result(result, "table").splitlines()[2]
    assert len(row) == TABLE_CELL_WIDTH and row.endswith("…")
    assert long + "\nmore" in format_result(result, "csv")


def test_unknown_result_format(graph):
    with pytest.raises(QueryError, match="format"):
        format_result(run_query(graph, "ASK {}"), "xml")


def test_table_escapes_terminal_controls_but_csv_and_json_keep_the_values():
    value = "Nissan \x1b[2J\x1b]0;owned\x07 and \x9b31mHonda\u202e"
    result = QueryResult(("s",), ((Literal(value),),))
    row = format_result(result, "table").splitlines()[2]
    assert row == "Nissan \\x1b[2J\\x1b]0;owned\\x07 and \\x9b31mHonda\\u202e"
    assert list(csv.reader(io.StringIO(format_result(result, "csv")))) == [["s"], [value]]
    text = format_result(result, "json")
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
    assert json.loads(text)["results"]["bindings"][0]["s"]["value"] == value


@given(st.text(st.characters(min_codepoint=0) | st.characters(categories=["Cc", "Cf", "Zl", "Zp"])))
def test_no_table_cell_lets_a_terminal_control_through(value: str) -> None:
    assert not TERMINAL_CONTROLS.search(format_result(QueryResult(("s",), ((Literal(value),),)), "table"))


def test_a_kept_line_names_a_column_or_a_range_of_its_parameters():
    picked = parse_query_text("q", "# param: status <status>  S\n# kept: ?status\nSELECT ?status WHERE {}")
    ranged = parse_query_text("q", "# param: from <date>  F\n# param: to <date>  T\n# kept: ?from <= ?date <= ?to\n"
                                   "SELECT ?from ?to ?date WHERE {}")
    assert (picked.kept.column, picked.kept.params) == ("status", ("status",))
    assert (ranged.kept.column, ranged.kept.params) == ("date", ("from", "to"))


@pytest.mark.parametrize("header, message", [
    ("# param: status  S\n# kept: status", "is neither"),
    ("# param: status  S\n# kept: ?date", "must name each of its parameters"),
    ("# param: a  A\n# param: b  B\n# kept: ?a", "must name each of its parameters"),
])
def test_a_kept_line_that_does_not_fit_its_parameters_is_refused(header, message):
    with pytest.raises(QueryError, match=message):
        parse_query_text("q", header + "\nSELECT * WHERE {}")
