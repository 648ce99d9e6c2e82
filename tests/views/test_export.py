"""graph.views.export: deterministic serializations that parse back (writing and loading files: test_io.py)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graph.errors import FormatError, InputError
from graph.extract.facts import Extraction, Fact
from graph.extract.registry import Organization
from graph.extract.text import Document
from graph.io import FORMATS, format_for, from_oxigraph, load_graph, oxigraph_format
from graph.store.store import Store
from graph.views.export import export, serialize, write_graph
from graph.vocab import prefix_table
from samples import sample_graph

TESTS = Path(__file__).resolve().parent.parent


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


def test_turtle_roundtrip_is_byte_stable(tmp_path):
    first = write_graph(sample_graph(), tmp_path / "a.ttl").read_bytes()
    second = write_graph(load_graph(tmp_path / "a.ttl"), tmp_path / "b.ttl").read_bytes()
    assert first == second
    assert isinstance(Graph().parse(data=first.decode(), format="turtle"), Graph)


# --- any text: every format parses back, in rdflib and in Oxigraph, to the graph graph.ttl holds -------------------

RDF_EXTENSIONS = ("ttl", "nt", "jsonld", "rdf", "trig", "nq")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _extraction(text: str, doc_id: str = "any.txt", name: str = "Nissan") -> Extraction:
    """One article whose title and evidence sentence are ``text``, stating that ``name`` partners Honda."""
    fact = Fact(doc_id, name, "partnership", "Honda", "agreed", ("EV charging",), "2024-03", text, 0.9)
    return Extraction(Document(doc_id, text, (), "2024-03-01", text), (fact,),
                      (Organization(name, "Automaker"), Organization("Honda", "Automaker")))


def _parsed_back(data: bytes, ext: str) -> tuple[Graph, Graph]:
    """The triples of an export as read by rdflib and by Oxigraph (every graph of a dataset, merged)."""
    with_rdflib = Graph()
    if ext in ("trig", "nq"):
        ds = Dataset()
        ds.parse(data=data, format=FORMATS[ext])
        with_rdflib += ((s, p, o) for s, p, o, _ in ds.quads())
    else:
        with_rdflib.parse(data=data, format=FORMATS[ext])
    with_oxigraph = Graph()
    with_oxigraph += ((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object))
                      for q in pyoxigraph.parse(data, format=oxigraph_format(ext)))
    return with_rdflib, with_oxigraph


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12))
def test_every_export_of_any_text_parses_back_to_graph_ttl(text, doc_id, name):
    store = Store()
    store.ingest([_extraction(text, doc_id, name)])
    graph_ttl = Graph().parse(data=serialize(store.to_rdflib(), "ttl"), format="turtle")
    exports = {f"{ext} from the graph": (ext, lambda ext=ext: serialize(store.to_rdflib(), ext))
               for ext in RDF_EXTENSIONS}
    exports |= {f"{ext} from the store": (ext, lambda ext=ext: store.serialize(ext)) for ext in ("nt", "trig", "nq")}
    for export_name, (ext, write) in exports.items():
        if ext == "rdf" and _NOT_XML.search(text + doc_id + name):
            with pytest.raises(FormatError, match="RDF/XML cannot hold the character"):
                write()
            continue
        for parsed in _parsed_back(write(), ext):
            assert isomorphic(parsed, graph_ttl), export_name


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u0085", "\x0c", "\x1e"])
def test_ntriples_keep_a_statement_whole_around_line_separators(char):
    store = Store()
    store.ingest([_extraction(f"Nissan{char}and Honda")])
    lines = serialize(store.to_rdflib(), "nt").split(b"\n")
    assert any(f"Nissan{char}and Honda".encode() in line for line in lines)
    assert len(lines) - 1 == len(store.to_rdflib())


def test_rdf_xml_refuses_a_control_character_naming_the_format():
    store = Store()
    store.ingest([_extraction("Nissan\x01and Honda")])
    with pytest.raises(FormatError, match=r"RDF/XML cannot hold the character U\+0001"):
        serialize(store.to_rdflib(), "rdf")
