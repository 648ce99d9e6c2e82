"""The graph page without a browser: offline, escaped, deterministic, focused views."""
import json
import re

import networkx as nx
import pytest

from graph.errors import InputError
from graph.views.viz import page_data, render_html

SCRIPT_BREAK = "</script><script>alert(1)</script>"
IMG_ONERROR = '<img src=x onerror="window.__pwned=1">'
NETWORK_REFERENCE = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*|url\(\s*["']?\s*|@import\s+["']?)(?:https?:)?//""",
    re.IGNORECASE)


def _org(g: nx.MultiDiGraph, label: str, kind: str = "Automaker") -> None:
    g.add_node(f"org/{label.lower()}", label=label, kind=kind, country=None, discovered=False)


def _rel(g, a, b, relation, status, sentence="They agreed.", fields=(), doc="001.txt"):
    g.add_edge(f"org/{a.lower()}", f"org/{b.lower()}", relation=relation, status=status, fields=list(fields),
               date="2024-03", evidence=[{"sentence": sentence, "doc": doc, "date": "2024-03", "status": status}])


@pytest.fixture
def small() -> nx.MultiDiGraph:
    """Nissan, Honda and Tencent; one evidence sentence tries to break out of the page."""
    g = nx.MultiDiGraph()
    for label, kind in (("Nissan", "Automaker"), ("Honda", "Automaker"), ("Tencent", "TechnologyCompany")):
        _org(g, label, kind)
    _rel(g, "Nissan", "Honda", "partnership", "considering", f"Talks {SCRIPT_BREAK} {IMG_ONERROR}\u2028end.")
    _rel(g, "Nissan", "Honda", "merger", "ended")
    _rel(g, "Tencent", "Nissan", "investment", "active", fields=["software"])
    return g


@pytest.fixture
def chain() -> nx.MultiDiGraph:
    """A - B - C - D, partnerships in a line."""
    g = nx.MultiDiGraph()
    for label in "ABCD":
        _org(g, label)
    for a, b in ("AB", "BC", "CD"):
        _rel(g, a, b, "partnership", "agreed")
    return g


def _embedded(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="akg-data">(.*?)</script>', html, re.DOTALL)
    return json.loads(match.group(1))


def test_page_references_no_network_resource(small):
    html = render_html(small)
    assert NETWORK_REFERENCE.findall(html) == []
    assert "default-src 'none'" in html.replace("&#39;", "'")


def test_network_reference_pattern_catches_remote_assets():
    remote = '<script src="https://cdn.example/vis.js"></script><link href=//cdn.example/a.css>' \
             '<style>@import "https://x/y.css"; a{background:url( http://x/i.png)}</style>'
    assert len(NETWORK_REFERENCE.findall(remote)) == 4


def test_injected_evidence_appears_only_escaped(small):
    html = render_html(small)
    assert SCRIPT_BREAK not in html and "<img" not in html and "\u2028" not in html
    assert html.count("</script") == 3  # the data, vis-network and the page's own script
    sentences = [ev["sentence"] for e in _embedded(html)["edges"] for ev in e["evidence"]]
    assert f"Talks {SCRIPT_BREAK} {IMG_ONERROR}\u2028end." in sentences


def test_title_is_escaped(small):
    html = render_html(small, title="<b>Alliances</b>")
    assert "<b>Alliances" not in html and "&lt;b&gt;Alliances&lt;/b&gt;" in html


def test_same_graph_gives_same_bytes(small):
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(small.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(small.edges(data=True))))
    assert render_html(small) == render_html(small) == render_html(shuffled)


def test_focus_keeps_only_the_ego_network(chain):
    one = page_data(chain, focus="b")
    assert sorted(n["label"] for n in one["nodes"]) == ["A", "B", "C"]
    assert one["focus"] == "org/b" and len(one["edges"]) == 2
    assert sorted(n["label"] for n in page_data(chain, focus="B", depth=2)["nodes"]) == ["A", "B", "C", "D"]
    html = render_html(chain, focus="A")
    assert sorted(n["label"] for n in _embedded(html)["nodes"]) == ["A", "B"]


def test_unknown_focus_is_an_input_error(chain):
    with pytest.raises(InputError, match="Zeekr"):
        page_data(chain, focus="Zeekr")


def test_edges_styled_by_relation_and_status(small):
    edges = {e["relation"]: e for e in page_data(small)["edges"]}
    assert edges["partnership"]["dashes"] and not edges["investment"]["dashes"]
    assert edges["merger"]["dashes"] and "0.55" in edges["merger"]["color"]["color"]
    assert edges["investment"]["arrows"]["to"]["enabled"] and not edges["partnership"]["arrows"]["to"]["enabled"]
    assert (edges["investment"]["from"], edges["investment"]["to"]) == ("org/tencent", "org/nissan")
    assert len({e["color"]["color"] for e in edges.values()}) == 3


def test_parallel_edges_get_distinct_curves(small):
    pair = [e for e in page_data(small)["edges"] if {e["from"], e["to"]} == {"org/nissan", "org/honda"}]
    assert len(pair) == 2
    assert {e["smooth"]["type"] for e in pair} == {"curvedCW", "curvedCCW"}


def test_nodes_sized_by_degree_coloured_by_type_and_placed(small):
    nodes = {n["label"]: n for n in page_data(small)["nodes"]}
    assert nodes["Nissan"]["size"] > nodes["Honda"]["size"] > nodes["Tencent"]["size"]
    assert nodes["Nissan"]["color"]["background"] == nodes["Honda"]["color"]["background"]
    assert nodes["Nissan"]["color"]["background"] != nodes["Tencent"]["color"]["background"]
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes.values())


def test_physics_off_unless_asked(small):
    assert page_data(small)["options"]["physics"]["enabled"] is False
    live = page_data(small, physics=True)
    assert live["options"]["physics"]["enabled"] is True and "x" not in live["nodes"][0]


def test_legend_counts_types_relations_and_statuses(small):
    legend = page_data(small)["legend"]
    assert {k["key"]: k["count"] for k in legend["kinds"]} == {"Automaker": 2, "TechnologyCompany": 1}
    assert [r["key"] for r in legend["relations"]][:2] == ["partnership", "merger"]
    assert {s["key"]: s["count"] for s in legend["statuses"]}["ended"] == 1


def test_legend_lists_fields_and_countries_sorted_the_missing_value_last(small):
    small.nodes["org/nissan"]["country"] = "JP"
    legend = page_data(small)["legend"]
    assert [(f["key"], f["count"]) for f in legend["fields"]] == [("software", 1), ("none", 2)]
    assert [(c["key"], c["label"], c["count"]) for c in legend["countries"]] == [
        ("JP", "JP", 1), ("unknown", "country unknown", 2)]


def test_search_names_hold_aliases_and_tickers_of_the_organizations_shown(small):
    names = page_data(small)["names"]
    assert names == sorted(names)
    assert ["Nissan Motor", "org/nissan"] in names and ["NSANY", "org/nissan"] in names
    assert ["Tencent", "org/tencent"] in names and ["0700.HK", "org/tencent"] in names
    assert not any(spelling == "TSLA" for spelling, _ in names)  # Tesla is not on this page


def test_date_range_reaches_the_page(small):
    edge = next(iter(small.edges(data=True)))[2]
    edge["first_date"] = "2023-11"
    rows = [e for e in page_data(small)["edges"] if e["first_date"]]
    assert [(r["first_date"], r["date"]) for r in rows] == [("2023-11", "2024-03")]


def test_write_html_takes_an_rdflib_graph(tmp_path):
    from graph.extract.facts import Extraction, Fact
    from graph.rdf.build import build_graph
    from graph.extract.text import Document
    from rdflib import Literal

    from graph import vocab
    from graph.views.viz import write_html

    fact = Fact("001.txt", "Nissan", "partnership", "Honda", "agreed", ("EV charging",), "2024-03",
                f"Nissan and Honda agreed {IMG_ONERROR}.", 0.9)
    doc = Document("001.txt", fact.evidence, (), date="2024-03-05")
    rdf = build_graph([Extraction(doc, (fact,))])
    rdf.add((vocab.org_iri("Honda"), vocab.SKOS.altLabel, Literal("Honda Giken")))  # an alias only this graph knows
    path = write_html(rdf, tmp_path / "out" / "graph.html", title="Two")
    data = _embedded(path.read_text(encoding="utf-8"))
    assert sorted(n["label"] for n in data["nodes"]) == ["Honda", "Nissan"]
    assert ["Honda Giken", str(vocab.org_iri("Honda"))] in data["names"]
    assert data["edges"][0]["evidence"][0]["sentence"] == fact.evidence
    assert [p.name for p in path.parent.iterdir()] == ["graph.html"]


def test_each_relationship_carries_its_dated_history_for_the_as_of_slider():
    g = nx.MultiDiGraph()
    for label in ("Nissan", "Honda", "BYD"):
        _org(g, label)
    g.add_edge("org/nissan", "org/honda", relation="partnership", status="active", fields=[], date="2024-09-02",
               first_date="2024", evidence=[
                   {"sentence": "Active.", "doc": "b.txt", "date": "2024-09-02", "status": "active"},
                   {"sentence": "Agreed.", "doc": "a.txt", "date": "2024-03", "status": "agreed"},
                   {"sentence": "Talks.", "doc": "c.txt", "date": "2024-03", "status": "considering"},
                   {"sentence": "Rumour.", "doc": "d.txt", "date": None, "status": "considering"}])
    g.add_edge("org/byd", "org/honda", relation="competition", status=None, fields=[], date="2023",
               first_date="2023", evidence=[{"sentence": "Rivals.", "doc": "e.txt", "date": None, "status": None}])
    data = page_data(g)
    history = {e["relation"]: e["history"] for e in data["edges"]}
    # same day: the more advanced status last, so it wins; undated statements leave no step
    assert history["partnership"] == [["2024-03-01", "considering"], ["2024-03-01", "agreed"],
                                      ["2024-09-02", "active"]]
    assert history["competition"] == [["2023-01-01", "none"]]  # no dated evidence: from the relationship's date
    assert data["dates"] == {"first": "2023-01-01", "last": "2024-09-02"}


def test_the_page_lists_hubs_brokers_and_blocs_and_colours_nodes_by_bloc(chain, small):
    data = page_data(chain)
    analysis = data["analysis"]
    assert [h["label"] for h in analysis["hubs"]][:2] == ["B", "C"]
    assert [b["label"] for b in analysis["brokers"]] == ["B", "C"]
    blocs = {n["label"]: n["bloc"] for n in data["nodes"]}
    assert set(blocs.values()) == {b["bloc"] for b in analysis["blocs"]}
    assert all(b["color"].startswith("#") for b in analysis["blocs"])
    rivals = nx.MultiDiGraph(small)
    _org(rivals, "BYD")
    _rel(rivals, "BYD", "Tencent", "competition", None)
    assert {n["label"]: n["bloc"] for n in page_data(rivals)["nodes"]}["BYD"] is None  # rivalry makes no bloc


def test_a_large_page_opens_on_each_blocs_best_connected_organizations(monkeypatch):
    g = nx.MultiDiGraph()
    for hub, leaves in (("A", 6), ("B", 3)):  # two blocs: a hub with its suppliers each; two rivals apart
        _org(g, hub)
        for i in range(leaves):
            _org(g, f"{hub}{i}", "Supplier")
            _rel(g, f"{hub}{i}", hub, "supply", "active")
    _org(g, "R1")
    _org(g, "R2")
    _rel(g, "R1", "R2", "competition", None)
    assert page_data(g)["overview"] is None  # small pages show everything
    monkeypatch.setattr("graph.views.viz.OVERVIEW_ABOVE", 5)
    monkeypatch.setattr("graph.views.viz.OVERVIEW_SIZE", 4)
    chosen = page_data(g)["overview"]
    assert len(chosen) == 4 and {"org/a", "org/b"} <= set(chosen)  # each bloc's hub, then its members
    assert page_data(g, focus="A")["overview"] is None  # a focused page is already a subset



def test_the_page_written_in_pieces_is_the_rendered_page(small, tmp_path):
    """write_html streams the page (the template around the data's JSON, written a key or an item at a time):
    the data's JSON is json.dumps' in one piece, and the file is render_html's text, also for a title that
    spells the data's slot."""
    from graph.views.viz import DATA_SLOT, _script_json, _script_json_pieces, write_html

    data = page_data(small)
    assert "".join(_script_json_pieces(data)) == _script_json(data)
    title = f"Odd {DATA_SLOT} title"
    path = write_html(small, tmp_path / "graph.html", title=title)
    assert path.read_text(encoding="utf-8") == render_html(small, title=title)
    assert _embedded(path.read_text(encoding="utf-8"))["edges"][0]["evidence"]
