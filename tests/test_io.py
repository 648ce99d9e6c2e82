"""graph.io: atomic writes, the format table, rdflib <-> Oxigraph terms, loading graph files, opening a graph."""
from __future__ import annotations

import os

import pyoxigraph
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.compare import isomorphic

from graph import vocab
from graph.errors import AkgError, CorruptStoreError, GraphNotFoundError, InputError
from graph.io import (atomic_write, format_for, from_oxigraph, load_graph, load_store, locate, open_dataset, open_graph,
                      oxigraph_format, plain_literal, to_oxigraph)
from graph.store.store import Store
from graph.views.export import export, serialize, write_graph
from graph.vocab import prefix_table
from samples import sample_extractions, sample_graph


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


@pytest.mark.parametrize("loader", [load_graph, load_store])
def test_loaders_report_missing_malformed_and_unreadable_files(tmp_path, loader):
    with pytest.raises(GraphNotFoundError, match="no graph"):
        loader(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix akg: <x> .\nthis is not turtle {\n")
    with pytest.raises(InputError, match="malformed graph") as info:
        loader(bad)
    assert "\n" not in str(info.value)
    gml = tmp_path / "g.graphml"
    gml.write_text("<graphml/>")
    with pytest.raises(InputError, match="cannot read"):
        loader(gml)


@pytest.mark.parametrize("ext", ["ttl", "nt", "jsonld", "rdf", "trig", "nq"])
def test_load_store_holds_the_same_triples_in_its_default_graph(tmp_path, ext):
    (path,) = export(sample_graph(), tmp_path, (ext,))
    store = load_store(path)
    assert {str(q.graph_name) for q in store} == {str(pyoxigraph.DefaultGraph())}
    assert {f"{q.subject} {q.predicate} {q.object} ." for q in store} == set(serialize(sample_graph(), "nt")
                                                                           .decode().splitlines())


def test_loaded_graph_has_the_prefixes_bound(tmp_path):
    path = write_graph(sample_graph(), tmp_path / "g.ttl")
    namespaces = {p: str(ns) for p, ns in load_graph(path).namespaces()}
    assert namespaces["akg"] == prefix_table()["akg"]
    assert "org1" not in namespaces


@pytest.mark.parametrize("term", [URIRef("http://x/a"), BNode("b1"), Literal("plain"), Literal("chat", lang="fr"),
                                  Literal("2024-03", datatype=vocab.XSD.gYearMonth), Literal("0.9", datatype=vocab.XSD.decimal)])
def test_terms_cross_between_rdflib_and_oxigraph_unchanged(term):
    assert from_oxigraph(to_oxigraph(term)) == term


def test_an_xsd_string_comes_back_as_a_plain_literal_and_none_as_none():
    assert from_oxigraph(pyoxigraph.Literal("x", datatype=pyoxigraph.NamedNode(str(vocab.XSD.string)))) == Literal("x")
    assert from_oxigraph(None) is None


@pytest.mark.parametrize("text", ["Nissan", "", "2024-03", "Toyota, Honda, Nissan", "é\u2028x"])
def test_a_plain_literal_is_the_literal_rdflib_makes(text):
    made, expected = plain_literal(text), Literal(text)
    assert type(made) is Literal and made == expected and hash(made) == hash(expected)
    assert (made.value, made.language, made.datatype, made.ill_typed, made.n3()) == (
        expected.value, expected.language, expected.datatype, expected.ill_typed, expected.n3())
    assert made.eq(expected) and not made.eq(Literal(text, lang="en"))


def test_format_table():
    assert format_for("x.TTL") == "turtle" and format_for("a/b.jsonld") == "json-ld"
    assert oxigraph_format("rdf") == pyoxigraph.RdfFormat.RDF_XML
    with pytest.raises(InputError, match="unknown graph format"):
        format_for("x.pdf")


def test_open_graph_and_open_dataset_read_a_store_folder_and_a_file_alike(tmp_path):
    Store(tmp_path / "store").ingest(sample_extractions())  # not kept: an open store holds its folder's lock
    path = write_graph(sample_graph(), tmp_path / "graph.ttl")
    assert isomorphic(open_graph(tmp_path / "store"), open_graph(path))
    assert isomorphic(open_graph(path), sample_graph())
    assert len(open_dataset(tmp_path / "store")) >= len(open_dataset(path)) == len(sample_graph())


def test_the_default_graph_is_the_store_when_there_is_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert locate() == tmp_path.joinpath("out", "graph.ttl").relative_to(tmp_path)
    with pytest.raises(GraphNotFoundError, match="run `akg build` first"):
        open_graph()
    (tmp_path / "out" / "store").mkdir(parents=True)
    assert str(locate()) == os.path.join("out", "store")
    with pytest.raises(GraphNotFoundError, match="no store"):
        open_dataset()


@pytest.mark.parametrize("damage", ["CURRENT", "MANIFEST", "sst"])
def test_a_damaged_store_folder_is_a_corrupt_store_error_naming_it(tmp_path, damage):
    Store(tmp_path / "store").ingest(sample_extractions())
    victims = {"CURRENT": ["CURRENT"], "MANIFEST": ["MANIFEST-*"], "sst": ["*.sst"]}[damage]
    for path in [p for pattern in victims for p in (tmp_path / "store").glob(pattern)]:
        path.write_bytes(b"garbage\n" * 8)
    with pytest.raises(CorruptStoreError, match=f"the store at {tmp_path / 'store'} is damaged .*Corruption"):
        open_dataset(tmp_path / "store")
