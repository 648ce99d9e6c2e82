"""graph.pipeline: the whole job as library calls, on the seed article, outputs under tmp_path."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph import vocab
from graph.errors import CorruptStoreError, GraphNotFoundError, InputError
from graph.io import open_graph
from graph.pipeline import build, export_graph, extract_inputs, publish_source, remove
from graph.rdf.build import build_graph
from graph.store.query import get_query, run_query
from graph.store.results import query_store
from graph.store.store import Store


@pytest.fixture
def built(tmp_path, seed_article):
    return build([str(seed_article)], tmp_path / "out", html=False)


@pytest.fixture
def seed_extractions(seed_article):
    return list(extract_inputs([str(seed_article)]))


def test_build_writes_the_graph_and_the_store_and_counts_them(built, tmp_path, seed_extractions):
    out, whole = tmp_path / "out", build_graph(seed_extractions)
    assert built.files == (out / "graph.ttl",)
    assert (built.documents, built.fact_count, built.triple_count) == (
        1, sum(len(e.facts) for e in seed_extractions), len(whole))
    assert isomorphic(open_graph(out / "graph.ttl"), whole)
    assert isomorphic(open_graph(out / "store"), whole)


def test_a_streamed_build_writes_the_bytes_whatever_the_batch(tmp_path):
    """graph.ttl, the page and the store are the same bytes built one article at a time or all in one batch."""
    seeds = str(Path(__file__).resolve().parent.parent / "seeds")
    outputs = []
    for batch in (1, 1000):
        out = tmp_path / f"batch-{batch}"
        build([seeds], out, batch=batch)
        outputs.append([(out / name).read_bytes() for name in ("graph.ttl", "graph.html")]
                       + [Store(out / "store", create=False).serialize("nq")])
    assert outputs[0] == outputs[1]


def test_an_input_that_names_nothing_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        list(extract_inputs([str(tmp_path / "nothing-here")]))


def test_publish_source_is_the_store_or_the_graph_file(built, tmp_path):
    assert isinstance(publish_source(tmp_path / "out" / "store"), Store)
    assert isinstance(publish_source(tmp_path / "out" / "graph.ttl"), Graph)


def test_export_from_the_store_keeps_one_named_graph_per_article(built, tmp_path, seed_extractions):
    paths = export_graph(tmp_path / "out" / "store", tmp_path / "x", ["trig", "ttl"])
    assert sorted(p.name for p in paths) == ["graph.trig", "graph.ttl"]
    trig = pyoxigraph.parse(path=str(tmp_path / "x" / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    assert {q.graph_name.value for q in trig if not isinstance(q.graph_name, pyoxigraph.DefaultGraph)} == {
        str(vocab.doc_iri(e.document.id)) for e in seed_extractions}


def test_removing_the_only_article_leaves_no_relationship(built, tmp_path, seed_extractions):
    [doc] = [e.document.id for e in seed_extractions]
    (ttl,) = remove([doc], tmp_path / "out", html=False)
    assert set(open_graph(ttl).subjects(vocab.akg().evidence, None)) == set()
    assert set(open_graph(tmp_path / "out" / "store").subjects(vocab.akg().evidence, None)) == set()
    with pytest.raises(GraphNotFoundError):
        remove([doc], tmp_path / "elsewhere", html=False)


def test_build_replaces_a_damaged_store(built, tmp_path, seed_article, caplog):
    (tmp_path / "out" / "store" / "CURRENT").write_text("garbage\n")
    with pytest.raises(CorruptStoreError):
        open_graph(tmp_path / "out" / "store")
    build([str(seed_article)], tmp_path / "out", html=False)
    assert "replacing the damaged store at" in caplog.text
    assert isomorphic(open_graph(tmp_path / "out" / "store"), open_graph(tmp_path / "out" / "graph.ttl"))


def _unopened():
    raise AssertionError("the store was opened: no answer was kept for its generation")


@pytest.mark.parametrize("change", ["build", "remove"])
def test_a_change_keeps_the_answers_of_the_changed_store(built, tmp_path, seed_extractions, change):
    """The first query after ``build`` or ``remove`` reads answers kept for the store as it now is."""
    store = tmp_path / "out" / "store"
    if change == "remove":
        remove([seed_extractions[0].document.id], tmp_path / "out", html=False)
    answers = {name: query_store(store, _unopened, get_query(name), values) for name, values in
               (("relationships", {}), ("blocs", {}), ("by-status", {"status": "active"}))}
    evaluated = Store(store, create=False).oxigraph
    assert answers == {name: run_query(evaluated, get_query(name), values) for name, values in
                       (("relationships", {}), ("blocs", {}), ("by-status", {"status": "active"}))}
    assert bool(answers["relationships"].rows) == (change == "build")
