"""graph.vocab: the closed ontology namespace, minted IRIs, the one prefix table (the ontology file: test_ontology.py)."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from graph import vocab


def test_the_ontology_namespace_is_closed():
    assert vocab.akg().partnerOf.endswith("partnerOf")
    with pytest.raises(AttributeError):
        vocab.akg().partnerof  # noqa: B018 (a typo fails fast)


def test_iris_are_minted_from_names_the_same_way_every_time():
    assert vocab.org_iri("Mercedes-Benz") == vocab.org_iri("Mercedes-Benz") == vocab.data_ns()["org/mercedes-benz"]
    assert vocab.slug("Citroën") == "citroen"
    assert vocab.doc_iri("a.txt") != vocab.doc_iri("a.TXT")


def test_symmetric_relationships_have_one_iri_for_both_orders():
    assert vocab.relationship_iri("partnership", "Nissan", "Honda") == vocab.relationship_iri("partnership", "Honda",
                                                                                               "Nissan")
    assert vocab.relationship_iri("supply", "Panasonic", "Tesla") != vocab.relationship_iri("supply", "Tesla",
                                                                                           "Panasonic")


def test_the_prefix_table_is_what_graphs_are_bound_with():
    table = vocab.prefix_table()
    bound = {p: str(ns) for p, ns in vocab.bind_prefixes(Graph(bind_namespaces="none")).namespaces()}
    assert table == {**bound, "rdf": str(vocab.RDF)}
    assert table["owl"] == "http://www.w3.org/2002/07/owl#"  # http, not https
    assert table["akg"] == str(vocab.akg())


@pytest.mark.parametrize("value, datatype", [("2024-07-03", vocab.XSD.date), ("2024-03", vocab.XSD.gYearMonth),
                                             ("2024", vocab.XSD.gYear)])
def test_dates_become_typed_literals(value, datatype):
    assert vocab.literal_date(value) == Literal(value, datatype=datatype)


def test_no_date_and_an_odd_date_give_none():
    assert vocab.literal_date(None) is None
    assert vocab.literal_date("March") is None
