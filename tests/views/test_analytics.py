"""graph.views.analytics: the networkx view and degree ranking."""
from __future__ import annotations

from graph import vocab
from graph.views.analytics import degree_ranking, to_networkx
from samples import sample_graph


def by_label(nxg):
    return {attrs["label"]: node for node, attrs in nxg.nodes(data=True)}


def test_nodes_are_organizations_with_their_attributes():
    nxg = to_networkx(sample_graph())
    ids = by_label(nxg)
    assert set(ids) == {"Nissan", "Honda", "Tesla", "Baidu", "Acme Robotics"}  # the cited outlet is no island
    assert ids["Nissan"] == str(vocab.org_iri("Nissan"))
    nissan = nxg.nodes[ids["Nissan"]]
    assert (nissan["kind"], nissan["country"], nissan["discovered"]) == ("Automaker", "JP", False)
    assert nxg.nodes[ids["Acme Robotics"]]["discovered"] is True


def test_one_edge_per_relationship_directed_ones_from_subject_to_object():
    nxg = to_networkx(sample_graph())
    ids = by_label(nxg)
    assert nxg.number_of_edges() == 5
    assert nxg.has_edge(ids["Honda"], ids["Baidu"]) and not nxg.has_edge(ids["Baidu"], ids["Honda"])
    assert nxg.has_edge(ids["Acme Robotics"], ids["Honda"])
    key = str(vocab.relationship_iri("partnership", "Nissan", "Honda"))
    (a, b), = [(u, v) for u, v, k in nxg.edges(keys=True) if k == key]
    edge = nxg.edges[a, b, key]
    assert {a, b} == {ids["Nissan"], ids["Honda"]}
    assert (edge["relation"], edge["status"], edge["evidence_count"]) == ("partnership", "active", 2)
    assert (edge["first_date"], edge["date"]) == ("2024-03", "2024-09-01")
    assert edge["fields"] == sorted(["automotive software", "EV charging", "EV batteries"])
    assert [e["doc"] for e in edge["evidence"]] == ["a.txt", "b.txt"]  # oldest first
    assert edge["evidence"][0] == {"sentence": "In March, Nissan and Honda signed an MOU.", "doc": "a.txt",
                                   "date": "2024-03", "status": "agreed"}
    assert edge["symmetric"] is True and edge["confidence"] == 0.9


def test_competition_edge_has_no_status():
    nxg = to_networkx(sample_graph())
    (edge,) = [e for _, _, e in nxg.edges(data=True) if e["relation"] == "competition"]
    assert edge["status"] is None and edge["evidence"][0]["status"] is None


def test_degree_ranking_counts_relationships():
    assert degree_ranking(sample_graph()) == [("Honda", 3), ("Nissan", 3), ("Baidu", 2), ("Acme Robotics", 1),
                                              ("Tesla", 1)]
    assert degree_ranking(sample_graph(), ["competition"]) == [("Nissan", 1), ("Tesla", 1)]
