"""graph.store.resolver: organizations however typed, suggestions, enumerated parameter values read from the ontology."""
from __future__ import annotations

import pytest

from graph import vocab
from graph.errors import QueryError, UnknownValueError
from graph.store.resolver import NameResolver, resolve_value
from graph.store.query import get_query, names_in, parse_query_text, run_query


@pytest.fixture(scope="module")
def reference() -> NameResolver:
    return NameResolver.reference()


@pytest.mark.parametrize("typed", ["Nissan", "nissan", " NISSAN ", "Nissan Motor", "nissan motor co., ltd.",
                                   "NSANY", "nsany", "7201.T", "Q20165", "q20165", "wd:Q20165",
                                   "http://www.wikidata.org/entity/Q20165"])
def test_every_spelling_of_nissan_resolves_to_nissan(reference, typed):
    assert reference.resolve(typed).label == "Nissan"


def test_tickers_in_any_case(reference):
    assert reference.resolve("tsla").label == reference.resolve("TSLA").label == "Tesla"


def test_a_typo_suggests_the_closest_name(reference):
    with pytest.raises(UnknownValueError, match=r"^no organization named 'Nisan'; did you mean Nissan\?$"):
        reference.resolve("Nisan")


def test_far_candidates_are_not_suggested(reference):
    assert reference.suggestions("Tesla Motorz") == ["Tesla"]
    assert reference.suggestions("Volkswagon") == ["Volkswagen"]  # not FAW-Volkswagen, further away


def test_nothing_like_it_is_an_error_without_suggestion(reference):
    with pytest.raises(UnknownValueError, match=r"^no organization named 'xyzzy' \(`akg query ranking` lists"):
        reference.resolve("xyzzy")


@pytest.mark.parametrize("target", ["graph", "store"])
def test_a_discovered_organization_resolves_from_the_graph(request, reference, target):
    """Acme Robotics is not on the reference list; the graph's label is enough, in any case or with a suffix."""
    names = names_in(request.getfixturevalue(target))
    assert reference.lookup("Acme Robotics") is None
    assert names.resolve("acme robotics").label == "Acme Robotics"
    assert names.resolve("Acme Robotics Inc.").label == "Acme Robotics"
    assert names.resolve("Q20165").label == "Nissan"


@pytest.mark.parametrize("target", ["graph", "store"])
def test_a_named_query_answers_any_spelling_like_the_label(request, target):
    graph_or_store = request.getfixturevalue(target)
    expected = run_query(graph_or_store, get_query("partners"), {"org": "Nissan"})
    assert expected.rows
    for typed in ("nissan", "Nissan Motor", "Q20165", "NSANY"):
        assert run_query(graph_or_store, get_query("partners"), {"org": typed}) == expected


def test_the_page_index_maps_every_spelling_to_its_label(graph):
    index = names_in(graph).index
    assert index["nissan motor"] == index["nsany"] == index["q20165"] == "Nissan"
    assert index["acme robotics"] == "Acme Robotics"


@pytest.mark.parametrize("kind, typed, value", [
    ("status", "Active", "active"), ("relation", "Investment", "investment"),
    ("field", "ev batteries", "EV batteries"), ("field", "machine learning", "AI"),
    ("date", "2024", "2024"), ("date", "2024-03", "2024-03"), ("date", "2024-02-29", "2024-02-29"),
    ("text", "anything", "anything")])
def test_values_are_read_by_kind(kind, typed, value):
    assert resolve_value(kind, typed) == value


@pytest.mark.parametrize("kind, terms", [("status", vocab.statuses), ("relation", vocab.relations)])
def test_a_bad_enumerated_value_lists_the_ontology_values(kind, terms):
    with pytest.raises(UnknownValueError) as info:
        resolve_value(kind, "actve" if kind == "status" else "partnr")
    message = str(info.value)
    assert "did you mean" in message
    assert all(key in message for key in terms())


def test_a_bad_field_lists_every_field():
    with pytest.raises(UnknownValueError, match="did you mean EV charging") as info:
        resolve_value("field", "charging")
    assert all(label in str(info.value) for label in vocab.fields())


@pytest.mark.parametrize("typed", ["2024/01", "March 2024", "2024-13", "2023-02-29", ""])
def test_a_bad_date_says_which_forms_work(typed):
    with pytest.raises(UnknownValueError, match="2024-03-15"):
        resolve_value("date", typed)


def test_query_text_declares_kinds_and_unknown_kinds_fail():
    q = parse_query_text("q", "# param: who <organization>  Whom\n# param: note  Free text\nSELECT ?who ?note {}")
    assert q.kinds == {"who": "organization", "note": "text"} and q.param_help == ("Whom", "Free text")
    with pytest.raises(QueryError, match="unknown kind <colour>"):
        parse_query_text("q", "# param: x <colour>  X\nSELECT ?x {}")


def test_a_relation_parameter_of_a_query_file_is_checked(graph):
    text = ("# param: relation <relation>  Relation\n"
            "SELECT ?relation ?rel WHERE { ?rel rdf:type/akg:relationKey ?relation }")
    assert run_query(graph, text, {"relation": "Supply"}).rows
    with pytest.raises(UnknownValueError, match="allowed: competition, investment, merger, partnership, supply"):
        run_query(graph, text, {"relation": "alliance"})
