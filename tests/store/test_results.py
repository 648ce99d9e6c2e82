"""Answers of the whole-graph named queries kept in the store folder: the same rows, stale after any change."""
from __future__ import annotations

import pytest

import bench_store
from graph.errors import QueryError, UnknownValueError
from graph.extract.facts import Extraction
from graph.extract.registry import Organization
from graph.extract.text import Document
from graph.store.query import NamedQuery, get_query, named_queries, run_query
from graph.store.results import RESULTS_DIR, keep_answers, kept_export, kept_names, query_store
from graph.store.store import Store
from samples import NISSAN, TESLA, fact, sample_extractions

WHOLE_GRAPH = [name for name, q in named_queries().items() if not q.params]
PICKED = {  # queries answered from their whole answer, and values to pick rows with (some pick none)
    "by-status": [{"status": s} for s in ("active", "Agreed", "considering", "ended")],
    "date-range": [{"from": a, "to": b} for a, b in (("2024-03", "2024-08-31"), ("2024", "2024"), ("2024-05-01",
                   "2024-05-31"), ("2019", "2030-12"), ("2025", "2024"), ("2019-03", "2021-06-30"), ("2018", "2019-12"))],
}


@pytest.fixture
def store(tmp_path):
    """A store folder holding the sample articles."""
    with Store(tmp_path / "store") as st:
        st.ingest(sample_extractions())
        yield st


def _unopened():
    raise AssertionError("the store was opened: the kept answer was not used")


def test_the_whole_graph_queries_are_kept():
    assert WHOLE_GRAPH == ["blocs", "ranking", "relationships"]


@pytest.mark.parametrize("name", WHOLE_GRAPH)
def test_kept_answer_is_the_evaluated_answer(store, name):
    query = get_query(name)
    first = query_store(store.path, lambda: store.oxigraph, query)
    assert (store.path / RESULTS_DIR / f"{name}.json").is_file()
    assert first.rows
    assert query_store(store.path, _unopened, query) == first == run_query(store.oxigraph, query)


def test_a_change_to_the_store_makes_the_kept_answer_stale(store):
    query = get_query("ranking")
    before = query_store(store.path, lambda: store.oxigraph, query)
    store.ingest([Extraction(Document("new.txt", "text", (), "2024-10-01"),
                             (fact("new.txt", "Nissan", "partnership", "Tesla", "agreed"),), (NISSAN, TESLA))])
    after = query_store(store.path, lambda: store.oxigraph, query)
    assert after != before
    assert after == run_query(store.oxigraph, query)


def test_another_query_text_is_not_answered_from_the_kept_rows(store):
    query = get_query("ranking")
    query_store(store.path, lambda: store.oxigraph, query)
    other = NamedQuery(query.name, query.description, (), query.body.replace("DESC(?relationships)", "?relationships"))
    assert query_store(store.path, lambda: store.oxigraph, other).rows == run_query(store.oxigraph, other).rows


def test_queries_with_parameters_are_not_kept_but_the_names_they_resolve_are(store):
    query_store(store.path, lambda: store.oxigraph, get_query("partners"), {"org": "Nissan"})
    assert sorted(p.name for p in (store.path / RESULTS_DIR).iterdir()) == ["organizations.json"]
    assert kept_names(store.path, _unopened).resolve("nissan motor co., ltd.").label == "Nissan"


def test_a_name_is_resolved_against_the_store_as_it_is_now(store):
    query = get_query("partners")
    query_store(store.path, lambda: store.oxigraph, query, {"org": "Nissan"})
    zeta = Organization("Zeta Cells", "BatteryMaker", reference=False)
    store.ingest([Extraction(Document("new.txt", "text", (), "2024-10-01"),
                             (fact("new.txt", "Nissan", "partnership", "Zeta Cells", "agreed"),), (NISSAN, zeta))])
    found = query_store(store.path, lambda: store.oxigraph, query, {"org": "zeta cells"})
    assert [str(row[1]) for row in found.rows] == ["Nissan"]


def test_the_picked_queries_are_those_with_a_kept_line():
    assert sorted(name for name, q in named_queries().items() if q.kept) == sorted(PICKED)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A store of a few dozen synthetic articles: hubs, every relation and status, dated and undated evidence."""
    with Store(tmp_path_factory.mktemp("synthetic") / "store") as st:
        st.fill(bench_store.synthetic_corpus(60, 12))
        yield st


@pytest.mark.parametrize("which", ["store", "synthetic"])
@pytest.mark.parametrize("name", sorted(PICKED))
def test_rows_picked_from_the_whole_answer_are_the_evaluated_rows(request, which, name):
    store, query = request.getfixturevalue(which), get_query(name)
    for bindings in PICKED[name]:
        picked = query_store(store.path, lambda: store.oxigraph, query, bindings)
        assert picked == run_query(store.oxigraph, query, bindings)
    assert (store.path / RESULTS_DIR / f"{name}.json").is_file()
    assert any(query_store(store.path, _unopened, query, bindings).rows for bindings in PICKED[name])


def test_rows_are_picked_from_the_whole_answer_of_the_store_as_it_is_now(store):
    query, bindings = get_query("by-status"), {"status": "agreed"}
    before = query_store(store.path, lambda: store.oxigraph, query, bindings)
    store.ingest([Extraction(Document("new.txt", "text", (), "2024-10-01"),
                             (fact("new.txt", "Nissan", "partnership", "Tesla", "agreed"),), (NISSAN, TESLA))])
    after = query_store(store.path, lambda: store.oxigraph, query, bindings)
    assert after != before and after == run_query(store.oxigraph, query, bindings)


def test_a_picked_query_checks_its_values_as_any_query_does(store):
    with pytest.raises(UnknownValueError, match="unknown status"):
        query_store(store.path, lambda: store.oxigraph, get_query("by-status"), {"status": "dormant"})
    with pytest.raises(QueryError, match="needs parameter"):
        query_store(store.path, lambda: store.oxigraph, get_query("date-range"), {"from": "2024"})


def test_a_store_that_cannot_keep_answers_is_answered(store):
    (store.path / RESULTS_DIR).write_text("not a folder")
    query = get_query("blocs")
    assert query_store(store.path, lambda: store.oxigraph, query) == run_query(store.oxigraph, query)


def _unwritten(out):
    raise AssertionError("the Turtle was serialized again: the kept export was not used")


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig"])
def test_an_unchanged_store_exports_its_kept_file(store, tmp_path, fmt):
    first = store.export(tmp_path / f"first.{fmt}")
    assert first.read_bytes() == store.serialize(fmt)
    again = kept_export(store.path, tmp_path / f"again.{fmt}", fmt, _unwritten)
    assert again.read_bytes() == first.read_bytes()


def test_a_change_to_the_store_makes_the_kept_turtle_stale(store, tmp_path):
    before = store.export(tmp_path / "before.ttl").read_bytes()
    store.ingest([Extraction(Document("new.txt", "text", (), "2024-10-01"),
                             (fact("new.txt", "Nissan", "partnership", "Tesla", "agreed"),), (NISSAN, TESLA))])
    after = store.export(tmp_path / "after.ttl").read_bytes()
    assert after != before and after == store.serialize("ttl")
    assert len(list((store.path / RESULTS_DIR).glob("graph-*.ttl"))) == 1


def test_a_store_that_cannot_keep_its_turtle_exports_it(store, tmp_path):
    (store.path / RESULTS_DIR).write_text("not a folder")
    assert store.export(tmp_path / "graph.ttl").read_bytes() == store.serialize("ttl")


def test_keep_answers_keeps_every_answer_the_queries_read(synthetic):
    keep_answers(synthetic.path, lambda: synthetic.oxigraph)
    for name in WHOLE_GRAPH:
        query = get_query(name)
        assert query_store(synthetic.path, _unopened, query) == run_query(synthetic.oxigraph, query)
    for name, values in PICKED.items():
        for bindings in values:
            query = get_query(name)
            assert query_store(synthetic.path, _unopened, query, bindings) == run_query(synthetic.oxigraph, query,
                                                                                        bindings)


def test_keep_answers_leaves_the_answers_kept_for_this_generation(store):
    keep_answers(store.path, lambda: store.oxigraph)
    keep_answers(store.path, _unopened)


def test_the_benchmark_times_each_query_after_the_answers_a_change_keeps(synthetic):
    corpus = bench_store.synthetic_corpus(60, 12)
    kept, first = bench_store.after_a_change(synthetic, corpus)
    assert kept > 0 and sorted(first) == sorted(named_queries())
    assert {p.stem for p in (synthetic.path / RESULTS_DIR).glob("*.json")} >= set(WHOLE_GRAPH) | set(PICKED)
