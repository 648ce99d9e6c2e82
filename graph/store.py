"""The persistent store: an on-disk Oxigraph database with one named graph per article.

Layout of the dataset:

* each article's document layer (``graph.rdf.document_graph``: the article, the
  organizations it names, its evidence and the links to it) lives in the named
  graph ``graph.vocab.doc_iri(doc_id)``, for provenance and replacement;
* the default graph holds the whole graph: the union of the article graphs
  plus the merged layer (``graph.rdf.merged_graph``: qualified relationships
  with their current status, evidence counts, direct edges, term labels), i.e.
  exactly what ``graph.rdf.build_graph`` gives for the articles in the store.
  Queries run over the default graph; Oxigraph's union-default-graph mode is a
  bag union (a triple stated by three articles would match three times), so the
  union is kept materialized instead.

Every change (ingest, remove, load) is one SPARQL update, so one transaction:
the article graphs are replaced and the merged layer of exactly the
relationships the change touches is recomputed from the evidence of *all*
articles; a triple leaves the default graph only when no graph states it any
more.  The invariant, tested: any sequence of ingests and removals gives the
dataset a from-scratch build of the remaining articles gives.

Example:
    >>> from graph.store import Store
    >>> store = Store()                      # in memory; Store("out/store") on disk
    >>> store.documents()
    []
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from graph import vocab
from graph.errors import GraphNotFoundError, InputError, StoreError
from graph.export import atomic_write
from graph.facts import Extraction, Fact
from graph.rdf import document_graph, facts_from_graph, merged_graph, prefix_table
from graph.vocab import SCHEMA

__all__ = ["Store", "open_store", "to_oxigraph", "from_oxigraph", "split_documents", "EXPORT_FORMATS"]

log = logging.getLogger(__name__)

EXPORT_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                  "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
"""Extension -> format of ``Store.export``: TriG and N-Quads keep the named graphs, Turtle and N-Triples the union."""

_QUAD_FORMATS = {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}


def to_oxigraph(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the Oxigraph term it stands for."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


def from_oxigraph(term) -> URIRef | BNode | Literal:
    """An Oxigraph term as the rdflib term it stands for (a plain literal for xsd:string)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dtype = term.datatype.value
    return Literal(term.value) if dtype == str(XSD.string) else Literal(term.value, datatype=URIRef(dtype))


def _graph_name(quad: ox.Quad) -> URIRef | None:
    return None if isinstance(quad.graph_name, ox.DefaultGraph) else from_oxigraph(quad.graph_name)


def _triple_text(triple) -> str:
    """One triple in N-Triples syntax, escaped by Oxigraph (never by string pasting)."""
    s, p, o = (to_oxigraph(t) for t in triple)
    return f"{s} {p} {o} ."


def _data_block(graph: Graph, name: URIRef | None = None) -> str:
    """The body of an INSERT DATA / DELETE DATA block for one graph's triples."""
    lines = "\n".join(_triple_text(t) for t in graph)
    return f"GRAPH {to_oxigraph(name)} {{\n{lines}\n}}" if name is not None else lines


def split_documents(graph: Graph) -> tuple[dict[URIRef, Graph], Graph]:
    """Split a union graph (e.g. exported Turtle) into each article's document layer and the rest."""
    A, direct = vocab.akg(), {t.direct for t in vocab.relations().values()}
    classes = {t.cls for t in vocab.relations().values()}
    parts: dict[URIRef, Graph] = {}
    for doc in sorted(set(graph.subjects(RDF.type, SCHEMA.NewsArticle)) & set(graph.subjects(DCTERMS.identifier))):
        part = parts[doc] = Graph()
        part += graph.triples((doc, None, None))
        orgs = set(graph.objects(doc, A.citesSource))
        for ev in graph.subjects(PROV.wasDerivedFrom, doc):
            part += graph.triples((ev, None, None))
            orgs |= set(graph.objects(ev, A.statedSubject)) | set(graph.objects(ev, A.statedObject))
            for rel in graph.subjects(A.evidence, ev):
                part.add((rel, A.evidence, ev))
                part += ((rel, RDF.type, c) for c in graph.objects(rel, RDF.type) if c in classes)
        part += ((s, p, o) for org in orgs for s, p, o in graph.triples((org, None, None)) if p not in direct)
    rest = Graph()
    taken = set().union(*(set(part) for part in parts.values())) if parts else set()
    rest += (t for t in graph if t not in taken)
    return parts, rest


class Store:
    """A dataset of article graphs plus their merged layer, on disk (``path``) or in memory (``path=None``)."""

    def __init__(self, path: str | os.PathLike | None = None, *, create: bool = True) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is not None and not create and not (self.path / "CURRENT").is_file():
            raise GraphNotFoundError(f"no store at {self.path}: run `akg build` first")
        try:
            self.oxigraph = ox.Store(str(self.path)) if self.path is not None else ox.Store()
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {_one_line(exc)}"
                             " (is another akg process, e.g. `akg serve`, using it?)") from exc

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

    # --- reading --------------------------------------------------------------------------------------------

    def documents(self) -> list[str]:
        """The ids of the articles in the store, sorted."""
        found = self.oxigraph.query(f"SELECT ?id WHERE {{ GRAPH ?g {{ ?g {to_oxigraph(DCTERMS.identifier)} ?id }} }}")
        return sorted({row["id"].value for row in found})

    def dataset_quads(self) -> Iterator[tuple]:
        """Every quad as rdflib terms (s, p, o, graph IRI or None for the default graph)."""
        for quad in self.oxigraph:
            yield (*(from_oxigraph(t) for t in (quad.subject, quad.predicate, quad.object)), _graph_name(quad))

    def graph(self, name: URIRef | None = None) -> Graph:
        """One graph of the dataset as an rdflib Graph: an article's (by its IRI) or the default (merged) graph."""
        g = Graph()
        target = to_oxigraph(name) if name is not None else ox.DefaultGraph()
        g += ((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object))
              for q in self.oxigraph.quads_for_pattern(None, None, None, target))
        return g

    def document_graph(self, doc_id: str) -> Graph:
        """The named graph of one article (empty if it is not in the store)."""
        return self.graph(vocab.doc_iri(doc_id))

    def to_rdflib(self) -> Graph:
        """The whole graph (the default graph) as an rdflib Graph with akg's prefixes (for viz, analytics, SHACL)."""
        g = vocab.bind_prefixes(Graph())
        g += self.graph()
        return g

    def query(self, query, bindings: dict[str, str] | None = None):
        """Run a SPARQL query (text or graph.query.NamedQuery) over the union of the graphs."""
        from graph.query import run_query

        return run_query(self.oxigraph, query, bindings)

    # --- writing --------------------------------------------------------------------------------------------

    def ingest(self, extractions: Iterable[Extraction]) -> list[str]:
        """Add or replace articles (one named graph each) and update the default graph; returns their ids."""
        graphs = {vocab.doc_iri(e.document.id): (e.document.id, document_graph(e)) for e in extractions}
        self._replace({name: g for name, (_, g) in graphs.items()}, set(graphs))
        return sorted(doc_id for doc_id, _ in graphs.values())

    def remove(self, doc_id: str) -> None:
        """Take one article out (its named graph, its evidence) and update the default graph."""
        name = vocab.doc_iri(doc_id)
        if not self.oxigraph.contains_named_graph(to_oxigraph(name)):
            raise StoreError(f"no article {doc_id!r} in the store")
        self._replace({}, {name})

    def load(self, path: str | os.PathLike) -> int:
        """Read a Turtle, N-Triples, TriG or N-Quads file into the store; returns the number of articles read."""
        path = Path(path)
        fmt = _format_for(path)
        if not path.is_file():
            raise GraphNotFoundError(f"no graph at {path}")
        try:
            quads = list(ox.parse(path=str(path), format=fmt))
        except (SyntaxError, ValueError, OSError) as exc:
            raise InputError(f"malformed graph {path}: {_one_line(exc)}") from exc
        named: dict[URIRef, Graph] = {}
        default = Graph()
        for quad in quads:
            triple = tuple(from_oxigraph(t) for t in (quad.subject, quad.predicate, quad.object))
            name = _graph_name(quad)
            (default if name is None else named.setdefault(name, Graph())).add(triple)
        split, rest = split_documents(default)
        for name, part in split.items():
            named[name] = named.get(name, Graph()) + part
        rest -= merged_graph(*_facts_and_dates(named.values()))
        self._replace(named, set(named), extra=rest)
        return len(named)

    def clear(self) -> None:
        """Remove everything."""
        self.oxigraph.clear()

    def export(self, path: str | os.PathLike, fmt: str | None = None) -> Path:
        """Write the dataset: TriG / N-Quads keep the named graphs, Turtle / N-Triples write the union (sorted)."""
        fmt_key = fmt or Path(path).suffix.lower().lstrip(".")
        if fmt_key not in EXPORT_FORMATS:
            raise InputError(f"unknown store export format {fmt_key!r}: use one of {', '.join(EXPORT_FORMATS)}")
        return atomic_write(path, self.serialize(fmt_key))

    def serialize(self, fmt: str = "ttl") -> bytes:
        """The dataset in one format (see EXPORT_FORMATS), with sorted statements so the bytes are stable."""
        rdf_format = EXPORT_FORMATS[fmt]
        if rdf_format in _QUAD_FORMATS:
            items = sorted(self.oxigraph, key=_sort_key)
        else:
            items = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in self.oxigraph}, key=_sort_key)
        prefixes = None if rdf_format in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS) else prefix_table()
        return ox.serialize(items, format=rdf_format, prefixes=prefixes)

    # --- the incremental update -----------------------------------------------------------------------------

    def _replace(self, graphs: dict[URIRef, Graph], replaced: set[URIRef], extra: Graph | None = None) -> None:
        """Replace the article graphs ``replaced`` by ``graphs`` and fix the default graph, in one transaction."""
        touched = self._relationships_in(replaced) | {rel for g in graphs.values() for rel in _relationships(g)}
        old_layer = self._evidence_graphs(touched)
        new_layer = [g for name, g in old_layer.items() if name not in replaced] + list(graphs.values())
        before = merged_graph(*_facts_and_dates(old_layer.values(), touched))
        after = merged_graph(*_facts_and_dates(new_layer, touched))
        added = after + (extra or Graph())
        for g in graphs.values():
            added += g
        gone = self._gone(before - after, self._old_triples(replaced) - added, touched, replaced, graphs)
        update = [f"DROP SILENT GRAPH {to_oxigraph(name)}" for name in sorted(replaced)]
        update += [f"INSERT DATA {{ {_data_block(g, name)} }}" for name, g in sorted(graphs.items()) if len(g)]
        if len(gone):
            update.append(f"DELETE DATA {{ {_data_block(gone)} }}")
        if len(added):
            update.append(f"INSERT DATA {{ {_data_block(added)} }}")
        try:
            self.oxigraph.update(" ;\n".join(update))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"store update failed: {_one_line(exc)}") from exc
        self.flush()
        log.info("store: %d article graph(s) replaced, %d relationship(s) recomputed (-%d triples)",
                 len(replaced), len(touched), len(gone))

    def _gone(self, merged_gone: Graph, doc_gone: Graph, touched: set[URIRef], replaced: set[URIRef],
              graphs: dict[URIRef, Graph]) -> Graph:
        """The default-graph triples no graph states any more once ``replaced`` become ``graphs``."""
        direct = {t.direct for t in vocab.relations().values()}
        out = Graph()
        out += (t for t in merged_gone
                if t[0] in touched or t[1] in direct or not self._still_used(t[0], replaced, graphs))
        out += (t for t in doc_gone if not self._in_other_graph(t, replaced))
        return out

    def _old_triples(self, names: set[URIRef]) -> Graph:
        """The union of the given article graphs as they are in the store now."""
        g = Graph()
        for name in names:
            g += self.graph(name)
        return g

    def _in_other_graph(self, triple: tuple, replaced: set[URIRef]) -> bool:
        """Whether an article graph other than ``replaced`` states the triple."""
        quads = self.oxigraph.quads_for_pattern(*(to_oxigraph(t) for t in triple), None)
        return any(_graph_name(q) not in replaced | {None} for q in quads)

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

    def _described(self, subject, graph_name, depth: int) -> Iterator[tuple]:
        """The triples about ``subject`` in one graph, following IRIs ``depth`` levels (evidence -> doc, orgs)."""
        for q in self.oxigraph.quads_for_pattern(subject, None, None, graph_name):
            yield from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)
            if depth and isinstance(q.object, ox.NamedNode) and q.predicate.value != str(RDF.type):
                yield from self._described(q.object, graph_name, depth - 1)

    def _still_used(self, subject: URIRef, replaced: set[URIRef], graphs: dict[URIRef, Graph]) -> bool:
        """Whether a shared term (status, field, relation class) still appears in an article graph after the change."""
        if any((None, None, subject) in g for g in graphs.values()):
            return True
        others = ", ".join(str(to_oxigraph(name)) for name in sorted(replaced))
        ask = f"ASK {{ GRAPH ?g {{ ?s ?p {to_oxigraph(subject)} }} {f'FILTER (?g NOT IN ({others}))' if others else ''} }}"
        return bool(self.oxigraph.query(ask))


def open_store(path: str | os.PathLike | None, *, create: bool = True) -> Store:
    """The store at ``path`` (created if missing unless ``create=False``), or an in-memory one for None."""
    return Store(path, create=create)


def _relationships(g: Graph) -> set[URIRef]:
    return set(g.subjects(vocab.akg().evidence, None))


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


def _sort_key(item) -> tuple[str, ...]:
    graph = getattr(item, "graph_name", None)
    return ("" if graph is None or isinstance(graph, ox.DefaultGraph) else str(graph),
            str(item.subject), str(item.predicate), str(item.object))


def _format_for(path: Path) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_extension(path.suffix.lower().lstrip("."))
    if fmt is None:
        raise InputError(f"cannot load {path}: use Turtle (.ttl), N-Triples (.nt), TriG (.trig) or N-Quads (.nq)")
    return fmt


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__
