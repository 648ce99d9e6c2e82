"""graph.views.analytics: the networkx view and degree ranking."""
from __future__ import annotations

import json

import pyoxigraph as ox

from graph import vocab
from graph.io import to_oxigraph
from graph.views.analytics import degree_ranking, names_of, to_networkx
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
                                   "date": "2024-03", "status": "agreed", "title": "Nissan and Honda",
                                   "outlet": "Reuters", "published": "2024-07-03", "url": "https://news.test/a"}
    assert edge["evidence"][1]["title"] is None and edge["evidence"][1]["url"] is None  # b.txt has neither
    assert edge["symmetric"] is True and edge["confidence"] == 0.9


def test_a_store_gives_the_same_view_as_its_rdflib_graph():
    g = sample_graph()
    store = ox.Store()
    store.extend(ox.Quad(*map(to_oxigraph, triple)) for triple in g)
    expected, found = to_networkx(g), to_networkx(store)
    assert list(found.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(found.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert names_of(store).resolve("nissan").label == "Nissan"


def test_competition_edge_has_no_status():
    nxg = to_networkx(sample_graph())
    (edge,) = [e for _, _, e in nxg.edges(data=True) if e["relation"] == "competition"]
    assert edge["status"] is None and edge["evidence"][0]["status"] is None


def test_degree_ranking_counts_relationships():
    assert degree_ranking(sample_graph()) == [("Honda", 3), ("Nissan", 3), ("Baidu", 2), ("Acme Robotics", 1),
                                              ("Tesla", 1)]
    assert degree_ranking(sample_graph(), ["competition"]) == [("Nissan", 1), ("Tesla", 1)]


# --- hubs, brokers, blocs, chains, filters: tiny literal networkx views ------------------------------------------

import networkx as nx
import pytest

from graph.errors import AkgError, NoChainError, UnknownValueError
from graph.views.analytics import alliance_graph, blocs, brokers, filter_view, hubs, shortest_chain, stats
from graph.views.reports import format_chain, format_stats


def view(*edges) -> nx.MultiDiGraph:
    """A networkx view from (a, relation, b[, date[, fields]]) tuples; node ids are the labels."""
    g = nx.MultiDiGraph()
    for a, relation, b, *rest in edges:
        for n in (a, b):
            g.add_node(n, label=n)
        g.add_edge(a, b, relation=relation, status=None if relation == "competition" else "active",
                   date=rest[0] if rest else None, fields=list(rest[1]) if len(rest) > 1 else [],
                   symmetric=relation in ("partnership", "merger", "competition"))
    return g


TWO_TRIANGLES = view(("Nissan", "partnership", "Honda"), ("Honda", "partnership", "Mitsubishi"),
                     ("Mitsubishi", "merger", "Nissan"), ("Nissan", "investment", "Renault"),
                     ("BYD", "supply", "Tesla"), ("Tesla", "partnership", "Baidu"), ("Baidu", "partnership", "BYD"),
                     ("Renault", "partnership", "Baidu"), ("Tesla", "competition", "Honda"))


def test_alliance_graph_counts_a_pair_once_and_leaves_rivalry_out():
    g = view(("A", "partnership", "B"), ("B", "merger", "A"), ("A", "competition", "C"), ("A", "supply", "A"))
    a = alliance_graph(g)
    assert sorted(a.nodes) == ["A", "B"] and a.number_of_edges() == 1
    assert a.edges["A", "B"]["weight"] == 2
    assert sorted(alliance_graph(g, relations=None).nodes) == ["A", "B", "C"]


def test_hubs_rank_by_partners_then_relationships_then_label():
    g = view(("A", "partnership", "B"), ("A", "merger", "B"), ("C", "partnership", "D"), ("C", "supply", "E"),
             ("A", "investment", "E"))
    assert [(h["label"], h["degree"], h["relationships"]) for h in hubs(g)] == [
        ("A", 2, 3), ("C", 2, 2), ("E", 2, 2), ("B", 1, 2), ("D", 1, 1)]
    assert [h["label"] for h in hubs(g, top=2)] == ["A", "C"]


def test_brokers_are_the_organizations_between_others():
    g = view(("A", "partnership", "B"), ("B", "partnership", "C"), ("C", "partnership", "D"), ("C", "supply", "E"))
    found = brokers(g)
    assert [b["label"] for b in found] == ["C", "B"]  # C joins D and E to the rest; leaves join nothing
    assert found[0]["betweenness"] > found[1]["betweenness"] > 0


def test_blocs_split_two_triangles_joined_by_one_link_and_repeat():
    found = blocs(TWO_TRIANGLES)
    members = [set(b["members"]) for b in found]
    assert {"Nissan", "Honda", "Mitsubishi"} <= members[0] or {"Nissan", "Honda", "Mitsubishi"} <= members[1]
    assert any({"BYD", "Tesla", "Baidu"} <= m for m in members)
    assert not any({"Nissan", "Tesla"} <= m for m in members)  # rivalry does not join blocs
    assert [b["bloc"] for b in found] == list(range(1, len(found) + 1))
    assert sum(b["size"] for b in found) == 7
    assert blocs(TWO_TRIANGLES) == found  # seeded: the same split every time


def test_stats_gathers_the_three_with_counts():
    s = stats(TWO_TRIANGLES, top=3)
    assert (s["organizations"], s["relationships"]) == (7, 8)
    assert "competition" not in s["relations"] and len(s["hubs"]) == 3
    assert [h["label"] for h in s["hubs"]] == ["Baidu", "Nissan", "BYD"]  # 3, 3 (by label), then 2 partners
    assert s["blocs"] == blocs(TWO_TRIANGLES)


def test_shortest_chain_resolves_names_and_names_each_step():
    chain = shortest_chain(TWO_TRIANGLES, "honda", "BYD")
    assert chain["organizations"] in (["Honda", "Tesla", "BYD"],)  # via the rivalry: every relation is walked
    step = chain["steps"][1]
    assert (step["from"], step["to"]) == ("Tesla", "BYD")
    assert step["relations"] == [{"relation": "supply", "status": "active", "date": None, "directed": True,
                                  "subject": "BYD", "object": "Tesla"}]


def test_shortest_chain_limited_to_some_relations_takes_the_long_way():
    chain = shortest_chain(TWO_TRIANGLES, "Honda", "BYD", relations=["partnership", "merger", "investment"])
    assert chain["organizations"] == ["Honda", "Nissan", "Renault", "Baidu", "BYD"]


def test_shortest_chain_errors_say_what_went_wrong():
    with pytest.raises(UnknownValueError, match="did you mean Honda"):
        shortest_chain(TWO_TRIANGLES, "Hnda", "BYD")
    with pytest.raises(NoChainError, match="no chain of relations joins Honda and Zoox"):
        shortest_chain(view(("Honda", "partnership", "Sony"), ("Zoox", "partnership", "Amazon")), "Honda", "Zoox")
    with pytest.raises(NoChainError, match="Tesla takes part in no relation of those asked"):
        shortest_chain(TWO_TRIANGLES, "Nissan", "Tesla", relations=["merger"])
    assert issubclass(NoChainError, AkgError)  # the CLI turns it into one line and exit 1


def test_filter_view_since_relation_and_field_and_orphans_go():
    g = view(("A", "partnership", "B", "2024-03", ["EV batteries"]), ("A", "competition", "C", "2023-11"),
             ("B", "supply", "D", "2024", ["automotive components"]), ("D", "merger", "E"))
    assert sorted(filter_view(g, since="2024-03").nodes) == ["A", "B", "D"]  # 2024 may be March or later; undated out
    assert sorted(filter_view(g, since="2024-04").nodes) == ["B", "D"]
    assert sorted(filter_view(g, relations=["Competition", "merger"]).nodes) == ["A", "C", "D", "E"]
    assert sorted(filter_view(g, fields=["ev batteries"]).nodes) == ["A", "B"]
    with pytest.raises(UnknownValueError, match="allowed: .*partnership"):
        filter_view(g, relations=["alliance"])
    with pytest.raises(UnknownValueError, match="not a date"):
        filter_view(g, since="June")


def test_formats_table_csv_json():
    chain = shortest_chain(TWO_TRIANGLES, "Nissan", "Renault")
    assert format_chain(chain, "table").splitlines()[0] == "Nissan - Renault  (1 step)"
    assert format_chain(chain, "csv").splitlines()[1] == "1,Nissan,investment ->,Renault,active,"
    assert json.loads(format_chain(chain, "json"))["organizations"] == ["Nissan", "Renault"]
    lines = format_stats(stats(TWO_TRIANGLES, top=1), "csv").splitlines()
    assert lines[:2] == ["section,rank,organization,value", "hub,1,Baidu,3"]
    assert sum(line.startswith("bloc,") for line in lines) == 7
