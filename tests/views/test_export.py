"""graph.views.export: atomic writes, deterministic serializations that parse back, loading graph files."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.errors import AkgError, GraphNotFoundError, InputError
from graph.io import atomic_write, format_for, load_graph, load_store
from graph.views.export import export, serialize, write_graph
from graph.vocab import prefix_table
from samples import sample_graph

TESTS = Path(__file__).resolve().parent.parent


def test_atomic_write_replaces_the_file_and_leaves_no_temp(tmp_path):
    path = tmp_path / "sub" / "out.txt"
    atomic_write(path, "first")
    atomic_write(path, b"second")
    assert path.read_bytes() == b"second"
    assert sorted(p.name for p in path.parent.iterdir()) == ["out.txt"]
    assert path.stat().st_mode & 0o777 == 0o644


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old")
    with pytest.raises(TypeError):
        atomic_write(path, 42)  # not bytes or str: fails before anything is replaced
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_atomic_write_into_a_folder_it_cannot_create_is_an_akg_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(AkgError, match="cannot write"):
        atomic_write(tmp_path / "file" / "out.txt", "data")
    with pytest.raises(AkgError, match="cannot write"):
        atomic_write(tmp_path, "a folder is not a file")


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "xml", "trig", "nquads", "graphml"])
def test_serialization_is_the_same_twice(fmt):
    assert serialize(sample_graph(), fmt) == serialize(sample_graph(), fmt)


SERIALIZE_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from samples import sample_graph
from graph.views.export import serialize
sys.stdout.buffer.write(serialize(sample_graph(), {fmt!r}))
"""


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld"])
def test_serialization_does_not_depend_on_the_hash_seed(fmt):
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        script = SERIALIZE_SCRIPT.format(tests=str(TESTS), fmt=fmt)
        outputs.add(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=True).stdout)
    assert len(outputs) == 1
    assert outputs.pop() == serialize(sample_graph(), fmt)


def test_ntriples_lines_are_sorted():
    lines = serialize(sample_graph(), "nt").decode().splitlines()
    assert lines == sorted(lines) and len(lines) == len(sample_graph())


def test_jsonld_context_holds_the_prefixes():
    doc = json.loads(serialize(sample_graph(), "jsonld"))
    assert doc["@context"]["akg"] == prefix_table()["akg"]
    assert doc["@context"] == prefix_table()


def test_export_writes_files_that_parse_back(tmp_path):
    g = sample_graph()
    paths = export(g, tmp_path, ("ttl", "nt", "jsonld", "rdf", "trig", "nq", "graphml"))
    assert [p.name for p in paths] == ["graph.ttl", "graph.nt", "graph.jsonld", "graph.rdf", "graph.trig",
                                       "graph.nq", "graph.graphml"]
    for path in paths[:-1]:
        assert isomorphic(load_graph(path), g), path.name
    gml = nx.read_graphml(paths[-1])
    labels = {attrs["label"] for _, attrs in gml.nodes(data=True)}
    assert {"Nissan", "Honda", "Tesla", "Baidu", "Acme Robotics"} == labels  # outlets in no relationship are left out
    assert gml.number_of_edges() == 5
    edge = next(attrs for _, _, attrs in gml.edges(data=True) if attrs.get("evidence_count") == 2)
    assert edge["relation"] == "partnership" and edge["status"] == "active"
    assert set(edge["fields"].split("; ")) == {"automotive software", "EV charging", "EV batteries"}
    assert len(json.loads(edge["evidence"])) == 2


def test_oxigraph_reads_every_rdf_export_as_the_same_triples(tmp_path):
    formats = {"ttl": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
               "jsonld": pyoxigraph.RdfFormat.JSON_LD, "rdf": pyoxigraph.RdfFormat.RDF_XML}
    triples = [{str(t) for t in pyoxigraph.parse(path=str(path), format=formats[path.suffix[1:]])}
               for path in export(sample_graph(), tmp_path, tuple(formats))]
    assert len(triples[0]) == len(sample_graph())
    assert all(t == triples[0] for t in triples)


def test_write_graph_takes_the_format_from_the_extension(tmp_path):
    path = write_graph(sample_graph(), tmp_path / "g.nt")
    assert path.read_bytes() == serialize(sample_graph(), "nt")
    with pytest.raises(InputError, match="unknown graph format"):
        write_graph(sample_graph(), tmp_path / "g.docx")
    assert format_for("x.TTL") == "turtle"


def test_export_refuses_an_unknown_format(tmp_path):
    with pytest.raises(InputError, match="unknown export format"):
        export(sample_graph(), tmp_path, ("ttl", "pdf"))


def test_load_graph_errors(tmp_path):
    with pytest.raises(GraphNotFoundError, match="no graph"):
        load_graph(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix akg: <x> .\nthis is not turtle {\n")
    with pytest.raises(InputError, match="malformed graph") as info:
        load_graph(bad)
    assert "\n" not in str(info.value)
    gml = tmp_path / "g.graphml"
    gml.write_text("<graphml/>")
    with pytest.raises(InputError, match="cannot read"):
        load_graph(gml)


@pytest.mark.parametrize("ext", ["ttl", "nt", "jsonld", "rdf", "trig", "nq"])
def test_load_store_holds_the_same_triples_in_its_default_graph(tmp_path, ext):
    (path,) = export(sample_graph(), tmp_path, (ext,))
    store = load_store(path)
    assert {str(q.graph_name) for q in store} == {str(pyoxigraph.DefaultGraph())}
    assert {f"{q.subject} {q.predicate} {q.object} ." for q in store} == set(serialize(sample_graph(), "nt")
                                                                           .decode().splitlines())


def test_load_store_errors(tmp_path):
    with pytest.raises(GraphNotFoundError):
        load_store(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle {\n")
    with pytest.raises(InputError, match="malformed graph") as info:
        load_store(bad)
    assert "\n" not in str(info.value)


def test_loaded_graph_has_the_prefixes_bound(tmp_path):
    path = write_graph(sample_graph(), tmp_path / "g.ttl")
    namespaces = {p: str(ns) for p, ns in load_graph(path).namespaces()}
    assert namespaces["akg"] == prefix_table()["akg"]
    assert "org1" not in namespaces


def test_turtle_roundtrip_is_byte_stable(tmp_path):
    first = write_graph(sample_graph(), tmp_path / "a.ttl").read_bytes()
    second = write_graph(load_graph(tmp_path / "a.ttl"), tmp_path / "b.ttl").read_bytes()
    assert first == second
    assert isinstance(Graph().parse(data=first.decode(), format="turtle"), Graph)
