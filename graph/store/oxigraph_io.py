"""Oxigraph plumbing for the store: rdflib <-> Oxigraph terms, update blocks, and reading a file into akg's layout.

``stage(path)`` parses an RDF file natively into an in-memory Oxigraph store
shaped like akg's dataset: one named graph per article (a union graph such as
exported Turtle is split by provenance with SPARQL updates, never in Python),
and a default graph that holds the union of everything.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from graph import vocab
from graph.errors import GraphNotFoundError, InputError, one_line
from graph.vocab import SCHEMA

__all__ = ["to_oxigraph", "from_oxigraph", "graph_name", "data_block", "quads", "stage", "merged_layer_complete",
           "foreign_triples"]


@lru_cache(maxsize=1 << 16)
def _named_node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def to_oxigraph(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the Oxigraph term it stands for."""
    if isinstance(term, URIRef):
        return _named_node(str(term))
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


def graph_name(quad: ox.Quad) -> URIRef | None:
    """The quad's graph as an rdflib IRI, None for the default graph."""
    return None if isinstance(quad.graph_name, ox.DefaultGraph) else from_oxigraph(quad.graph_name)


def data_block(triples: Iterable[tuple], name: URIRef | None = None) -> str:
    """The body of an INSERT DATA / DELETE DATA block: N-Triples written by Oxigraph (never string pasting)."""
    lines = "\n".join(" ".join(str(to_oxigraph(t)) for t in triple) + " ." for triple in triples)
    return f"GRAPH {to_oxigraph(name)} {{\n{lines}\n}}" if name is not None else lines


def quads(triples: Iterable[tuple], name: URIRef | None = None) -> Iterator[ox.Quad]:
    """rdflib triples as Oxigraph quads in one graph (the default graph when ``name`` is None)."""
    target = to_oxigraph(name) if name is not None else ox.DefaultGraph()
    for s, p, o in triples:
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), target)



def _iri(term) -> str:
    return str(to_oxigraph(term))


def _values(terms: Iterable) -> str:
    return " ".join(_iri(t) for t in sorted(terms))


def _split_updates() -> list[str]:
    """SPARQL updates copying each article's document layer from the default graph into its named graph
    (the article and its evidence first, then the organizations that evidence names), then the union back."""
    A = vocab.akg()
    doc = f"?doc a {_iri(SCHEMA.NewsArticle)} ; {_iri(DCTERMS.identifier)} ?id ."
    derived = f"?ev {_iri(PROV.wasDerivedFrom)} ?doc"
    classes = _values(t.cls for t in vocab.relations().values())
    direct = ", ".join(_iri(t.direct) for t in vocab.relations().values())
    return [
        f"INSERT {{ GRAPH ?doc {{ ?doc ?p ?o }} }} WHERE {{ {doc} ?doc ?p ?o }}",
        f"INSERT {{ GRAPH ?doc {{ ?ev ?p ?o . ?rel {_iri(A.evidence)} ?ev . ?rel {_iri(RDF.type)} ?cls }} }}"
        f" WHERE {{ {doc} {derived} ; ?p ?o . ?rel {_iri(A.evidence)} ?ev ; {_iri(RDF.type)} ?cls ."
        f" VALUES ?cls {{ {classes} }} }}",
        f"INSERT {{ GRAPH ?doc {{ ?org ?p ?o }} }} WHERE {{ {{ SELECT DISTINCT ?doc ?org WHERE {{ GRAPH ?doc {{"
        f" {{ ?doc {_iri(A.citesSource)} ?org }} UNION {{ ?ev {_iri(A.statedSubject)} ?org }}"
        f" UNION {{ ?ev {_iri(A.statedObject)} ?org }} }} }} }} ?org ?p ?o . FILTER (?p NOT IN ({direct})) }}",
        "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
    ]


def stage(path: str | Path) -> ox.Store:
    """Parse a Turtle, N-Triples, TriG or N-Quads file into an in-memory store in akg's layout."""
    path = Path(path)
    fmt = ox.RdfFormat.from_extension(path.suffix.lower().lstrip("."))
    if fmt not in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        raise InputError(f"cannot load {path}: use Turtle (.ttl), N-Triples (.nt), TriG (.trig) or N-Quads (.nq)")
    if not path.is_file():
        raise GraphNotFoundError(f"no graph at {path}")
    staged = ox.Store()
    try:
        staged.load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"malformed graph {path}: {one_line(exc)}") from exc
    staged.update(" ;\n".join(_split_updates()))
    return staged


def merged_layer_complete(staged: ox.Store) -> bool:
    """Whether every relationship with evidence carries its merged layer (an evidence count) in the default graph."""
    A = vocab.akg()
    return not staged.query(f"ASK {{ GRAPH ?g {{ ?rel {_iri(A.evidence)} ?ev }}"
                            f" FILTER NOT EXISTS {{ ?rel {_iri(A.evidenceCount)} ?n }} }}")


def foreign_triples(staged: ox.Store) -> list[tuple]:
    """Default-graph triples in no article graph that are no relationship's and no direct edge (the merged
    layer's term labels still among them)."""
    A = vocab.akg()
    direct = ", ".join(_iri(t.direct) for t in vocab.relations().values())
    rows = staged.query(
        f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }}"
        f" FILTER NOT EXISTS {{ ?s {_iri(A.evidenceCount)} ?n }} FILTER (?p NOT IN ({direct})) }}")
    return [tuple(from_oxigraph(row[v]) for v in ("s", "p", "o")) for row in rows]
