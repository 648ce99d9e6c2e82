"""The persistent store: an on-disk Oxigraph database with one named graph per article.

Layout of the dataset:

* each article's document layer (``graph.rdf.build.document_graph``: the article, the
  organizations it names, its evidence and the links to it) lives in the named
  graph ``graph.vocab.doc_iri(doc_id)``, for provenance and replacement;
* the default graph holds the whole graph: the union of the article graphs
  plus the merged layer (``graph.rdf.build.merged_graph``: qualified relationships
  with their current status, evidence counts, direct edges, term labels), i.e.
  exactly what ``graph.rdf.build.build_graph`` gives for the articles in the store.
  Queries run over the default graph; Oxigraph's union-default-graph mode is a
  bag union (a triple stated by three articles would match three times), so the
  union is kept materialized instead.

Every change (ingest, remove, load) is one SPARQL update, so one transaction:
the article graphs are replaced and the merged layer of exactly the
relationships the change touches is recomputed from the evidence of *all*
articles; a triple leaves the default graph only when no graph states it any
more.  The invariant, tested: any sequence of ingests and removals gives the
dataset a from-scratch build of the remaining articles gives. A build fills a new,
empty store instead (``fill``): a batch of article graphs per bulk load as the
articles are extracted, then the merged layer ``graph.rdf.build.MergedLayer``
gathered on the way, so no step holds the whole corpus.

Example:
    >>> from graph.store.store import Store
    >>> store = Store()                      # in memory; Store("out/store") on disk
    >>> store.documents()
    []
"""
from __future__ import annotations

import io
import itertools
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from graph import vocab
from graph.errors import InputError, StoreError, one_line
from graph.extract.facts import Extraction, Fact
from graph.io import (STORE_FORMATS, atomic_file, from_oxigraph, graph_name, open_store_folder,
                      oxigraph_format, replacing_folder, to_oxigraph, to_rdflib)
from graph.rdf.build import MergedLayer, document_graph, facts_from_graph, merged_graph
from graph.store.marker import mark_changed
from graph.store.results import kept_export
from graph.store.oxigraph_io import (as_nquads, data_block, foreign_triples, merged_layer_complete, quads,
                                     sorted_statements, stage, stage_into, write_sorted_turtle)
from graph.vocab import prefix_table

__all__ = ["Store", "Filled", "EXPORT_FORMATS", "FILL_BATCH", "rebuild"]

log = logging.getLogger(__name__)

EXPORT_FORMATS = {ext: oxigraph_format(ext) for ext in STORE_FORMATS}
"""Extension -> format of ``Store.export``: TriG and N-Quads keep the named graphs, Turtle and N-Triples the union."""

_QUAD_FORMATS = {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}

FILL_BATCH = 200
"""Articles per bulk load when a build fills a new store: memory holds one batch's article graphs, not the corpus's."""

Triple = tuple


@dataclass(frozen=True)
class Filled:
    """What filling a new store wrote: articles, the facts they state, triples in the whole (default) graph."""

    documents: int
    facts: int
    triples: int


class Store:
    """A dataset of article graphs plus their merged layer, on disk (``path``) or in memory (``path=None``)."""

    def __init__(self, path: str | os.PathLike | None = None, *, create: bool = True) -> None:
        self.path = Path(path) if path is not None else None
        self.oxigraph = open_store_folder(self.path, create=create)

    def __len__(self) -> int:
        """Number of quads in the dataset (default graph and named graphs)."""
        return len(self.oxigraph)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.flush()

    def flush(self) -> None:
        """Write buffered changes to disk."""
        if self.path is not None:
            self.oxigraph.flush()

    def _changed(self) -> None:
        """Write the change to disk and tell the readers (``akg serve``) to reopen the store."""
        self.flush()
        if self.path is not None:
            try:
                mark_changed(self.path)
            except OSError as exc:
                raise StoreError(f"cannot write the change marker in {self.path}: {exc.strerror or exc}") from exc

    # --- reading --------------------------------------------------------------------------------------------

    def documents(self) -> list[str]:
        """The ids of the articles in the store, sorted."""
        found = self.oxigraph.query(f"SELECT ?id WHERE {{ GRAPH ?g {{ ?g {to_oxigraph(DCTERMS.identifier)} ?id }} }}")
        return sorted({row["id"].value for row in found})

    def dataset_quads(self) -> Iterator[tuple]:
        """Every quad as rdflib terms (s, p, o, graph IRI or None for the default graph)."""
        for quad in self.oxigraph:
            yield (*(from_oxigraph(t) for t in (quad.subject, quad.predicate, quad.object)), graph_name(quad))

    def graph(self, name: URIRef | None = None, *, source: ox.Store | None = None) -> Graph:
        """One graph as an rdflib Graph: an article's (by its IRI) or the default graph (the whole graph)."""
        return to_rdflib(source or self.oxigraph, name)

    def document_graph(self, doc_id: str) -> Graph:
        """The named graph of one article (empty if it is not in the store)."""
        return self.graph(vocab.doc_iri(doc_id))

    def triple_count(self) -> int:
        """Number of triples in the whole graph (the default graph)."""
        found = self.oxigraph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=ox.DefaultGraph())
        return int(next(iter(found))["n"].value)

    def to_rdflib(self) -> Graph:
        """The whole graph (the default graph) as an rdflib Graph with akg's prefixes (for viz, analytics, SHACL)."""
        return to_rdflib(self.oxigraph, into=vocab.bind_prefixes(Graph()))

    # --- writing --------------------------------------------------------------------------------------------

    def ingest(self, extractions: Iterable[Extraction]) -> list[str]:
        """Add or replace articles (one named graph each) and update the default graph; returns their ids.
        Of two extractions of the same article in one call, the last wins."""
        latest = {vocab.doc_iri(e.document.id): e for e in extractions}
        facts = [f for e in latest.values() for f in e.facts]
        dates = {e.document.id: e.document.date for e in latest.values()}
        self._replace({name: document_graph(e) for name, e in latest.items()}, set(latest), (facts, dates))
        return sorted(e.document.id for e in latest.values())

    def fill(self, extractions: Iterable[Extraction], batch: int = FILL_BATCH) -> Filled:
        """Fill an empty store with articles as they come, ``batch`` at a time by bulk load, then their merged layer
        (gathered as ``MergedLayer``): the same dataset ``ingest`` makes of them all at once, in memory that holds
        one batch of article graphs and a few values per relationship. An article id given twice: the first kept."""
        if not self._is_empty():
            raise StoreError("only an empty store can be filled; ingest adds to one that holds articles")
        merged, documents, facts = MergedLayer(), 0, 0
        for chunk in _batches(extractions, batch):
            kept = [e for e in chunk if merged.add_extraction(e)]
            self._bulk(itertools.chain.from_iterable(_article_quads(e) for e in kept))
            documents, facts = documents + len(kept), facts + sum(len(e.facts) for e in kept)
        self._bulk(quads(merged.triples()))
        self._respell(merged.respelled())
        self._changed()
        return Filled(documents, facts, self.triple_count())

    def _bulk(self, found: Iterable[ox.Quad]) -> None:
        """Bulk-load quads (no transaction: for a store no reader sees yet)."""
        try:
            self.oxigraph.bulk_extend(found)
        except (OSError, ValueError) as exc:
            raise StoreError(f"store update failed: {one_line(exc)}") from exc

    def _respell(self, respelled: Iterable[tuple[URIRef, str]]) -> None:
        """In the whole graph, make each (organization, spelling) an alias: another spelling is its label."""
        for org, spelling in respelled:
            label = ox.Quad(to_oxigraph(org), to_oxigraph(RDFS.label), to_oxigraph(Literal(spelling)))
            self.oxigraph.remove(label)
            self.oxigraph.add(ox.Quad(label.subject, to_oxigraph(SKOS.altLabel), label.object))

    def remove(self, doc_id: str) -> None:
        """Take one article out (its named graph, its evidence) and update the default graph."""
        name = vocab.doc_iri(doc_id)
        if not self.oxigraph.contains_named_graph(to_oxigraph(name)):
            raise StoreError(f"no article {doc_id!r} in the store")
        self._replace({}, {name})

    def load(self, path: str | os.PathLike) -> int:
        """Read a Turtle, N-Triples, TriG or N-Quads file (e.g. from ``export``) into the store: each article
        found replaces its named graph, the merged layer is recomputed; returns the number of articles read.
        Into an empty store, a file that carries its merged layer is copied as it is (bulk, no recomputation; a
        Turtle or N-Triples file's triples are loaded while its article graphs are staged: ``stage_into``)."""
        fresh = self._is_empty()
        staged, union_loaded = stage_into(path, self.oxigraph) if fresh else (stage(path), False)
        names = {from_oxigraph(n) for n in staged.named_graphs()}
        if fresh and merged_layer_complete(staged):
            if union_loaded:
                staged.clear_graph(ox.DefaultGraph())  # in the store already: only the article graphs to copy
            try:
                self.oxigraph.bulk_load(as_nquads(staged), format=ox.RdfFormat.N_QUADS)
            except (OSError, SyntaxError) as exc:
                raise StoreError(f"store load failed: {one_line(exc)}") from exc
            self._changed()
            return len(names)
        if union_loaded:
            self.oxigraph.clear()  # the merged layer is recomputed from the articles, into the empty store
        graphs = {name: self.graph(name, source=staged) for name in names}
        stated = _facts_and_dates(graphs.values())
        extra = set(foreign_triples(staged)) - set(merged_graph(*stated))
        self._replace(graphs, set(graphs), stated, extra)
        return len(names)

    def export(self, path: str | os.PathLike, fmt: str | None = None) -> Path:
        """Write the dataset: TriG / N-Quads keep the named graphs, Turtle / N-Triples write the union (sorted).
        Turtle is written as it is sorted, never whole in memory."""
        fmt_key = fmt or Path(path).suffix.lower().lstrip(".")
        if fmt_key not in EXPORT_FORMATS:
            raise InputError(f"unknown store export format {fmt_key!r}: use one of {', '.join(EXPORT_FORMATS)}")
        write = self._writer(fmt_key)
        if self.path is not None:  # written once per change of the store, copied after that
            return kept_export(self.path, path, fmt_key, write)
        with atomic_file(path) as out:
            write(out)
        return Path(path)

    def _writer(self, fmt: str) -> Callable[[BinaryIO], object]:
        """What writes the dataset as ``fmt`` into a binary file: Turtle as it is sorted, never whole in memory."""
        if EXPORT_FORMATS[fmt] == ox.RdfFormat.TURTLE:
            return partial(write_sorted_turtle, self.oxigraph)
        return lambda out: out.write(self.serialize(fmt))

    def serialize(self, fmt: str = "ttl") -> bytes:
        """The dataset in one format (see EXPORT_FORMATS), statements sorted so the bytes are stable. Oxigraph
        writes each graph as N-Triples, the lines are sorted as bytes; Turtle is written by Oxigraph from the
        sorted union (the bytes ``graph.io.turtle`` gives for the same triples), TriG from the sorted N-Quads."""
        rdf_format = EXPORT_FORMATS[fmt]
        if rdf_format == ox.RdfFormat.TURTLE:
            out = io.BytesIO()
            write_sorted_turtle(self.oxigraph, out)
            return out.getvalue()
        lines = sorted_statements(self._dump(None))  # the default graph is the union of all graphs
        if rdf_format in _QUAD_FORMATS:
            for name in sorted(self.oxigraph.named_graphs(), key=lambda n: n.value):
                tail = f" {name} .".encode()
                lines += [line[:-2] + tail for line in sorted_statements(self._dump(name))]
        data = b"\n".join(lines) + b"\n" if lines else b""
        if rdf_format in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
            return data
        return ox.serialize(ox.parse(data, format=ox.RdfFormat.N_QUADS), format=rdf_format, prefixes=prefix_table())

    def ntriples(self, name: URIRef | None = None) -> bytes:
        """One graph (an article's, by its IRI, or the default graph: the whole graph) as sorted N-Triples."""
        lines = sorted_statements(self._dump(to_oxigraph(name) if name is not None else None))
        return b"\n".join(lines) + b"\n" if lines else b""

    def _dump(self, name: ox.NamedNode | None) -> bytes:
        """One graph's statements as N-Triples written by Oxigraph (one a line, in the store's order)."""
        return self.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name or ox.DefaultGraph())

    # --- the incremental update -----------------------------------------------------------------------------

    def _replace(self, graphs: dict[URIRef, Graph], replaced: set[URIRef],
                 stated: tuple[list[Fact], dict[str, str | None]] | None = None, extra: Iterable[Triple] = ()) -> None:
        """Replace the article graphs ``replaced`` by ``graphs`` (stating the facts ``stated``, read from the
        graphs if not given) and fix the default graph: one transaction, or a bulk load into an empty store."""
        touched = self._relationships_in(replaced) | {rel for g in graphs.values() for rel in _relationships(g)}
        old = {name: _facts_and_dates([g], touched) for name, g in self._evidence_graphs(touched).items()}
        new_facts, new_dates = stated if stated is not None else _facts_and_dates(graphs.values())
        kept = [old[name] for name in old if name not in replaced]
        before = set(merged_graph(*_merge(old.values())))
        after = set(merged_graph(*_merge(kept + [(new_facts, new_dates)])))
        added = after.union(extra, *(set(g) for g in graphs.values()))
        gone = self._gone(before - after, self._old_triples(replaced) - added, touched, replaced, graphs)
        try:
            if self._is_empty():  # a fresh build: bulk loading, many times faster than a transaction
                self.oxigraph.bulk_extend(itertools.chain(quads(added), *(quads(g, n) for n, g in graphs.items())))
            else:
                self.oxigraph.update(_update_text(graphs, replaced, gone, added))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"store update failed: {one_line(exc)}") from exc
        self._changed()
        log.info("store: %d article graph(s) replaced, %d relationship(s) recomputed (-%d triples)",
                 len(replaced), len(touched), len(gone))

    def _gone(self, merged_gone: set[Triple], doc_gone: set[Triple], touched: set[URIRef], replaced: set[URIRef],
              graphs: dict[URIRef, Graph]) -> set[Triple]:
        """The default-graph triples no graph states any more once ``replaced`` become ``graphs``."""
        direct = {t.direct for t in vocab.relations().values()}
        owned = {t for t in merged_gone if t[0] in touched or t[1] in direct}
        shared = {t for t in merged_gone - owned if not self._still_used(t[0], replaced, graphs)}
        return owned | shared | {t for t in doc_gone if not self._in_other_graph(t, replaced)}

    def _is_empty(self) -> bool:
        return next(iter(self.oxigraph), None) is None

    def _old_triples(self, names: set[URIRef]) -> set[Triple]:
        """The union of the given article graphs as they are in the store now."""
        return {t for name in names for t in self.graph(name)}

    def _in_other_graph(self, triple: Triple, replaced: set[URIRef]) -> bool:
        """Whether an article graph other than ``replaced`` states the triple."""
        quads = self.oxigraph.quads_for_pattern(*(to_oxigraph(t) for t in triple), None)
        return any(graph_name(q) not in replaced | {None} for q in quads)

    def _relationships_in(self, names: set[URIRef]) -> set[URIRef]:
        """The relationships the evidence in the given article graphs belongs to."""
        evidence = to_oxigraph(vocab.akg().evidence)
        return {from_oxigraph(q.subject) for name in names
                for q in self.oxigraph.quads_for_pattern(None, evidence, None, to_oxigraph(name))}

    def _evidence_graphs(self, relationships: set[URIRef]) -> dict[URIRef, Graph]:
        """Per article graph, the triples that state the facts of the given relationships (all that
        ``facts_from_graph`` reads: evidence, its relationship's class, document id and date, organization labels)."""
        out: dict[URIRef, Graph] = {}
        evidence = to_oxigraph(vocab.akg().evidence)
        for rel in sorted(relationships):
            for link in self.oxigraph.quads_for_pattern(to_oxigraph(rel), evidence, None, None):
                if isinstance(link.graph_name, ox.DefaultGraph):
                    continue
                part = out.setdefault(from_oxigraph(link.graph_name), Graph())
                part += self._described(link.object, link.graph_name, depth=2)
                part += self._described(link.subject, link.graph_name, depth=0)
        return out

    def _described(self, subject, in_graph, depth: int) -> Iterator[tuple]:
        """The triples about ``subject`` in one graph, following IRIs ``depth`` levels (evidence -> doc, orgs)."""
        for q in self.oxigraph.quads_for_pattern(subject, None, None, in_graph):
            yield from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)
            if depth and isinstance(q.object, ox.NamedNode) and q.predicate.value != str(RDF.type):
                yield from self._described(q.object, in_graph, depth - 1)

    def _still_used(self, subject: URIRef, replaced: set[URIRef], graphs: dict[URIRef, Graph]) -> bool:
        """Whether a shared term (status, field, relation class) still appears in an article graph after the change."""
        if any((None, None, subject) in g for g in graphs.values()):
            return True
        others = ", ".join(str(to_oxigraph(name)) for name in sorted(replaced))
        ask = f"ASK {{ GRAPH ?g {{ ?s ?p {to_oxigraph(subject)} }} {f'FILTER (?g NOT IN ({others}))' if others else ''} }}"
        return bool(self.oxigraph.query(ask))


def rebuild(path: str | os.PathLike, extractions: Iterable[Extraction], batch: int = FILL_BATCH,
            then: Callable[[Store], None] | None = None) -> Filled:
    """A new store at ``path`` holding just these articles (what ``akg build`` does): filled beside the old one as
    the articles come (``Store.fill``), then swapped in with one rename, so a build killed at any moment leaves the
    old store or the new one, whole. ``then`` reads the new store (writes graph.ttl and the page) before the swap."""
    with replacing_folder(path) as new:
        return _fill(new, extractions, batch, then)


def _fill(folder: Path, extractions: Iterable[Extraction], batch: int,
          then: Callable[[Store], None] | None) -> Filled:
    """Fill a new store in ``folder``, closed on return (Oxigraph closes it when dropped)."""
    with Store(folder) as store:
        filled = store.fill(extractions, batch)
        if then is not None:
            then(store)
        return filled


def _batches(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last may be shorter), taken from the iterable only as each is needed."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _article_quads(extraction: Extraction) -> Iterator[ox.Quad]:
    """One article's graph in its named graph and in the default graph (the union)."""
    g = document_graph(extraction)
    return itertools.chain(quads(g, vocab.doc_iri(extraction.document.id)), quads(g))


def _relationships(g: Graph) -> set[URIRef]:
    return set(g.subjects(vocab.akg().evidence, None))


def _update_text(graphs: dict[URIRef, Graph], replaced: set[URIRef], gone: set[Triple], added: set[Triple]) -> str:
    """One SPARQL update (one transaction): drop the replaced article graphs, insert the new ones, fix the default."""
    update = [f"DROP SILENT GRAPH {to_oxigraph(name)}" for name in sorted(replaced)]
    update += [f"INSERT DATA {{ {data_block(g, name)} }}" for name, g in sorted(graphs.items()) if len(g)]
    if gone:
        update.append(f"DELETE DATA {{ {data_block(gone)} }}")
    if added:
        update.append(f"INSERT DATA {{ {data_block(added)} }}")
    return " ;\n".join(update)


def _merge(parts: Iterable[tuple[list[Fact], dict[str, str | None]]]) -> tuple[list[Fact], dict[str, str | None]]:
    """Facts and article dates of several graphs together."""
    facts: list[Fact] = []
    dates: dict[str, str | None] = {}
    for found, found_dates in parts:
        facts.extend(found)
        dates.update(found_dates)
    return facts, dates


def _facts_and_dates(graphs: Iterable[Graph], relationships: set[URIRef] | None = None
                     ) -> tuple[list[Fact], dict[str, str | None]]:
    """The facts the article graphs state (only those of ``relationships`` if given) and their articles' dates."""
    facts: list[Fact] = []
    dates: dict[str, str | None] = {}
    for g in graphs:
        for doc, doc_id in g.subject_objects(DCTERMS.identifier):
            date = g.value(doc, DCTERMS.date)
            dates[str(doc_id)] = str(date) if date is not None else None
        found = facts_from_graph(g)
        if relationships is not None:
            found = [f for f in found if vocab.relationship_iri(f.relation, f.subject, f.object) in relationships]
        facts.extend(found)
    return facts, dates
