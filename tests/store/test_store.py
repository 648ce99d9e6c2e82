"""The persistent store: incremental ingest/remove equals a from-scratch build; load, export, queries."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from graph import vocab
from graph.errors import GraphNotFoundError, InputError, StoreError
from graph.extract.facts import Extraction, Fact
from graph.extract.registry import Organization
from graph.rdf.build import build_graph, document_graph
import pyoxigraph as ox

from graph.store.query import run_query
from graph.store.store import Store, rebuild
from graph.extract.text import Document

EV = "EV charging"


def _doc(doc_id: str, date: str | None, *facts: tuple, cited: tuple[str, ...] = ()) -> Extraction:
    """A hand-built extraction: facts given as (subject, relation, object, status, date, sentence)."""
    made = tuple(Fact(doc_id, s, r, o, status, (EV,) if r == "partnership" else (), d, sentence, 0.9)
                 for s, r, o, status, d, sentence in facts)
    labels = sorted({f.subject for f in made} | {f.object for f in made})
    return Extraction(Document(doc_id, "text", (), date, f"Title {doc_id}"), made,
                      tuple(Organization(label, "Automaker") for label in labels),
                      tuple(Organization(c, "MediaOrganization") for c in cited))


VERSIONS = [
    _doc("a.txt", "2024-03-01",
         ("Nissan", "partnership", "Honda", "agreed", "2024-03", "Nissan and Honda agreed."),
         ("Nissan", "competition", "Tesla", None, None, "Nissan competes with Tesla."), cited=("Nikkei",)),
    _doc("a.txt", "2024-03-02",
         ("Nissan", "partnership", "Honda", "considering", None, "Nissan and Honda may team up."),
         ("BYD", "supply", "Tesla", "active", "2024-01", "BYD supplies Tesla.")),
    _doc("b.txt", "2024-06-01",
         ("Honda", "partnership", "Nissan", "active", None, "Honda works with Nissan."),
         ("Tencent", "investment", "BYD", "agreed", "2024-05", "Tencent takes a stake in BYD.")),
    _doc("c.txt", "2024-07-03",
         ("Nissan", "partnership", "Honda", "ended", "2024-07", "Nissan and Honda ended talks."),
         ("BYD", "supply", "Tesla", "ended", None, "BYD stopped supplying Tesla."), cited=("Nikkei",)),
    _doc("d.txt", None,
         ("Tesla", "competition", "BYD", None, None, "Tesla and BYD are rivals.")),
    _doc("e.txt", "2024-08-01"),
]

OPS = st.lists(st.one_of(st.tuples(st.just("ingest"), st.integers(0, len(VERSIONS) - 1)),
                         st.tuples(st.just("remove"), st.sampled_from(sorted({v.document.id for v in VERSIONS})))),
               max_size=8)


def _union(store: Store) -> Graph:
    g = Graph()
    g += (q[:3] for q in store.dataset_quads())
    return g


def _assert_same_as_scratch(store: Store, remaining: dict[str, Extraction]) -> None:
    """Default graph and union isomorphic to build_graph, each named graph to its document_graph."""
    exs = [remaining[k] for k in sorted(remaining)]
    scratch = build_graph(exs)
    assert isomorphic(store.graph(), scratch)
    assert isomorphic(_union(store), scratch)
    assert store.documents() == sorted(remaining)
    for ex in exs:
        assert isomorphic(store.document_graph(ex.document.id), document_graph(ex))
    fresh = Store()
    fresh.ingest(exs)
    assert sorted(fresh.dataset_quads(), key=str) == sorted(store.dataset_quads(), key=str)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_any_sequence_of_ingests_and_removals_equals_a_build_from_scratch(ops):
    store, remaining = Store(), {}
    for op, arg in ops:
        if op == "ingest":
            store.ingest([VERSIONS[arg]])
            remaining[VERSIONS[arg].document.id] = VERSIONS[arg]
        elif arg in remaining:
            store.remove(arg)
            del remaining[arg]
    _assert_same_as_scratch(store, remaining)


def test_reingest_adds_nothing():
    store = Store()
    store.ingest(VERSIONS[:1] + VERSIONS[2:4])
    size = len(store)
    assert store.ingest([VERSIONS[2]]) == ["b.txt"]
    assert len(store) == size


def test_batch_ingest_of_several_versions_keeps_the_last():
    store = Store()
    store.ingest([VERSIONS[0], VERSIONS[1]])
    _assert_same_as_scratch(store, {"a.txt": VERSIONS[1]})


def test_merged_status_follows_the_newest_evidence_after_removal():
    store = Store()
    store.ingest(VERSIONS[:1] + VERSIONS[2:4])
    partners = run_query(store.oxigraph, "SELECT ?s WHERE { ?r a akg:Partnership ; akg:status/akg:statusKey ?s }")
    assert [str(r[0]) for r in partners.rows] == ["ended"]
    store.remove("c.txt")
    partners = run_query(store.oxigraph, "SELECT ?s WHERE { ?r a akg:Partnership ; akg:status/akg:statusKey ?s }")
    assert [str(r[0]) for r in partners.rows] == ["active"]


def test_remove_unknown_article_is_a_store_error():
    with pytest.raises(StoreError, match="no article 'zzz.txt'"):
        Store().remove("zzz.txt")


def test_store_persists_on_disk(tmp_path):
    with Store(tmp_path / "store") as store:
        store.ingest(VERSIONS[2:4])
    del store
    again = Store(tmp_path / "store", create=False)
    assert again.documents() == ["b.txt", "c.txt"]


def test_missing_store_without_create(tmp_path):
    with pytest.raises(GraphNotFoundError):
        Store(tmp_path / "nowhere", create=False)


def test_store_in_use_by_another_handle_is_a_store_error(tmp_path):
    first = Store(tmp_path / "s")
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(tmp_path / "s")
    assert first.documents() == []


@pytest.mark.parametrize("ext", ["trig", "nq"])
def test_quad_export_then_load_keeps_named_graphs(tmp_path, ext):
    store = Store()
    store.ingest(VERSIONS[:1] + VERSIONS[2:5])
    path = store.export(tmp_path / f"g.{ext}")
    loaded = Store()
    assert loaded.load(path) == 4
    assert sorted(loaded.dataset_quads(), key=str) == sorted(store.dataset_quads(), key=str)


@pytest.mark.parametrize("ext", ["ttl", "nt"])
def test_union_export_then_load_rebuilds_the_article_graphs(tmp_path, ext):
    store = Store()
    exs = VERSIONS[:1] + VERSIONS[2:5]
    store.ingest(exs)
    loaded = Store()
    loaded.load(store.export(tmp_path / f"g.{ext}"))
    _assert_same_as_scratch(loaded, {e.document.id: e for e in exs})
    loaded.remove("b.txt")
    _assert_same_as_scratch(loaded, {e.document.id: e for e in exs if e.document.id != "b.txt"})


def test_export_is_byte_stable_and_parses_in_rdflib(tmp_path):
    one, two = Store(), Store()
    one.ingest(VERSIONS[2:5])
    two.ingest(VERSIONS[4:1:-1])
    assert one.serialize("ttl") == two.serialize("ttl")
    assert one.serialize("trig") == two.serialize("trig")
    assert isomorphic(Graph().parse(data=one.serialize("ttl"), format="turtle"), one.to_rdflib())


def test_load_keeps_foreign_triples_in_the_default_graph(tmp_path):
    path = tmp_path / "extra.ttl"
    path.write_text(f"<{vocab.org_iri('Nissan')}> <{vocab.SCHEMA.url}> <http://nissan.example/> .\n")
    store = Store()
    store.load(path)
    assert len(store.graph()) == 1 and store.documents() == []


def test_load_errors(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    with pytest.raises(InputError, match="malformed graph"):
        Store().load(bad)
    with pytest.raises(GraphNotFoundError):
        Store().load(tmp_path / "missing.ttl")
    with pytest.raises(InputError, match="cannot load"):
        Store().load(tmp_path / "g.docx")


def test_load_into_a_store_that_has_articles_merges_them(tmp_path):
    other = Store()
    other.ingest(VERSIONS[3:5])
    store = Store()
    store.ingest(VERSIONS[:1] + VERSIONS[2:3])
    assert store.load(other.export(tmp_path / "other.ttl")) == 2
    _assert_same_as_scratch(store, {e.document.id: e for e in VERSIONS[:1] + VERSIONS[2:5]})


@pytest.mark.parametrize("ext", ["nq", "nt"])
def test_load_recomputes_a_missing_merged_layer(tmp_path, ext):
    """The article graphs alone, as N-Quads or their union as N-Triples (loaded into the store while staged,
    then recomputed): the merged layer is made again."""
    store = Store()
    store.ingest(VERSIONS[2:5])
    named_only = [q for q in ox.parse(store.serialize("nq"), format=ox.RdfFormat.N_QUADS)
                  if not isinstance(q.graph_name, ox.DefaultGraph)]
    path = tmp_path / f"articles.{ext}"
    if ext == "nq":
        path.write_bytes(ox.serialize(named_only, format=ox.RdfFormat.N_QUADS))
    else:
        path.write_bytes(ox.serialize({q.triple for q in named_only}, format=ox.RdfFormat.N_TRIPLES))
    loaded = Store(tmp_path / "store")
    assert loaded.load(path) == 3
    _assert_same_as_scratch(loaded, {e.document.id: e for e in VERSIONS[2:5]})


def test_a_failed_load_leaves_an_empty_store_empty(tmp_path, monkeypatch):
    """A Turtle file is bulk-loaded into the store while it is staged: when staging fails, the store is emptied."""
    from graph.store import oxigraph_io

    source = Store()
    source.ingest(VERSIONS[2:5])
    path = source.export(tmp_path / "g.ttl")

    def failing(found):
        raise InputError(f"cannot stage {found}")

    monkeypatch.setattr(oxigraph_io, "stage", failing)
    store = Store(tmp_path / "store")
    with pytest.raises(InputError, match="cannot stage"):
        store.load(path)
    assert len(store) == 0


def test_rebuild_replaces_everything(tmp_path):
    Store(tmp_path / "store").ingest(VERSIONS[:1] + VERSIONS[2:4])  # closed at once: nothing holds it
    filled = rebuild(tmp_path / "store", VERSIONS[4:6])
    assert (filled.documents, filled.facts, filled.triples) == (2, 1, len(build_graph(VERSIONS[4:6])))
    _assert_same_as_scratch(Store(tmp_path / "store"), {e.document.id: e for e in VERSIONS[4:6]})
    assert sorted(p.name for p in tmp_path.iterdir()) == [".store.lock", "store"]  # no folder left beside it


def test_load_keeps_ontology_statements_about_terms(tmp_path):
    store = Store()
    store.ingest(VERSIONS[2:3])
    path = tmp_path / "onto.ttl"
    path.write_text(vocab.ontology_text("alliance.ttl"), encoding="utf-8")
    store.load(path)
    A = vocab.akg()
    assert (A.Partnership, vocab.RDFS.comment, None) in store.graph()


def test_store_turtle_is_the_bytes_of_the_one_turtle_writer():
    """The store writes Turtle from Oxigraph's N-Triples without rdflib; the bytes are graph.io.turtle's, also for
    a sentence that spells rdf:type, a line separator and a blank node."""
    from graph.io import turtle

    store = Store()
    odd = f"Nissan <{vocab.RDF.type}> and Honda\u2028agreed \"here\"."
    store.ingest(VERSIONS[2:5] + [_doc("z.txt", "2024-05-01", ("Nissan", "partnership", "Honda", "active", None, odd))])
    store.oxigraph.add(ox.Quad(ox.BlankNode("b0"), ox.NamedNode(str(vocab.RDF.type)), ox.NamedNode(str(vocab.akg().Evidence))))
    assert store.serialize("ttl") == turtle(store.to_rdflib())
    assert store.ntriples() == b"".join(sorted(line + b"\n" for line in store.ntriples().split(b"\n") if line))


@pytest.mark.parametrize("batch", [1, 2, 100])
def test_fill_gives_the_dataset_ingest_gives(batch):
    articles = [VERSIONS[0], *VERSIONS[2:6]]
    filled, ingested = Store(), Store()
    filled.fill(articles, batch)
    ingested.ingest(articles)
    assert filled.serialize("nq") == ingested.serialize("nq")


def test_fill_takes_the_articles_a_batch_at_a_time(monkeypatch):
    """The store is filled as the articles come: each bulk load happens before the next batch is read."""
    taken, loads = [], []

    def articles():
        for ex in [VERSIONS[0], *VERSIONS[2:6]]:
            taken.append(ex.document.id)
            yield ex

    bulk = Store._bulk
    monkeypatch.setattr(Store, "_bulk", lambda self, found: (loads.append(len(taken)), bulk(self, found)))
    Store().fill(articles(), batch=2)
    assert loads == [2, 4, 5, 5]  # three batches of articles, then the merged layer


def test_fill_keeps_one_label_when_articles_spell_an_organization_two_ways():
    """Two articles spell one IRI two ways: the whole graph keeps the first spelling as its label, as build_graph."""
    first = _doc("x.txt", "2024-01-01", ("Zentrix-Drive", "partnership", "Honda", "agreed", None, "Z and H."))
    second = _doc("y.txt", "2024-02-01", ("Zentrix Drive", "partnership", "Honda", "active", None, "Z and H again."))
    store = Store()
    store.fill([first, second])
    assert isomorphic(store.graph(), build_graph([first, second]))
    assert [str(o) for o in store.graph().objects(vocab.org_iri("Zentrix Drive"), vocab.RDFS.label)] == [
        "Zentrix-Drive"]


def test_fill_refuses_a_store_that_holds_articles():
    store = Store()
    store.ingest(VERSIONS[:1])
    with pytest.raises(StoreError):
        store.fill(VERSIONS[2:3])


def test_turtle_sorted_in_many_runs_is_the_same_bytes(monkeypatch, tmp_path):
    """Turtle written in parts of a few hundred bytes (ranges of subjects) is the one Turtle writer's, file and bytes."""
    from graph.io import turtle
    from graph.store import oxigraph_io

    store = Store()
    store.ingest(VERSIONS[2:5])
    monkeypatch.setattr(oxigraph_io, "RUN_BYTES", 300)
    assert store.serialize("ttl") == turtle(store.to_rdflib())
    assert store.export(tmp_path / "graph.ttl").read_bytes() == turtle(store.to_rdflib())


def test_turtle_of_an_empty_store_is_one_line_feed():
    from graph.io import turtle

    assert Store().serialize("ttl") == turtle(Graph()) == b"\n"


def test_store_turtle_layout_byte_for_byte():
    """The Turtle layout pinned to its bytes (the other tests compare two writers that share it): prefixes sorted,
    a blank line before each subject, its types first as ``a``, then predicates by IRI; a literal ending in " ."."""
    from rdflib import BNode, Literal
    from graph.store.oxigraph_io import quads

    A, ID = vocab.akg(), vocab.data_ns()
    rel, ev = ID["relationship/a-b"], ID["evidence/e1"]
    store = Store()
    store.oxigraph.extend(quads([
        (ev, A.sentence, Literal("A and B agreed .")), (ev, vocab.RDF.type, A.Evidence),
        (rel, A.confidence, Literal("0.9", datatype=vocab.XSD.decimal)), (rel, vocab.RDF.type, A.Partnership),
        (rel, A.evidence, ev), (rel, vocab.RDFS.label, Literal("A \u2013 B")), (rel, vocab.RDF.type, A.Relationship),
        (BNode("b0"), vocab.RDFS.label, Literal("x"))]))
    assert store.serialize("ttl").decode() == f"""\
@prefix akg: <{A}> .
@prefix rdf: <{vocab.RDF}> .
@prefix rdfs: <{vocab.RDFS}> .
@prefix xsd: <{vocab.XSD}> .

<{ev}> a akg:Evidence ;
\takg:sentence "A and B agreed ." .

<{rel}> a akg:Partnership , akg:Relationship ;
\trdfs:label "A \u2013 B" ;
\takg:confidence 0.9 ;
\takg:evidence <{ev}> .

_:b0 rdfs:label "x" .
"""
