"""The vocabulary: reads the packaged ontology once and mints every IRI akg writes.

No other module holds an IRI string: the ontology namespace and the data
namespace are read from ``ontology/alliance.ttl``; relation, status, field
and organization-type terms come from their annotations there.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, ClosedNamespace

__all__ = [
    "ORG", "SCHEMA", "PROV", "SKOS", "DCTERMS", "OWL", "RDF", "RDFS", "XSD", "WD",
    "akg", "data_ns", "ontology_graph", "shapes_graph", "organizations_graph",
    "RelationTerm", "StatusTerm", "FieldTerm", "relations", "statuses", "fields",
    "org_kinds", "org_iri", "doc_iri", "relationship_iri", "evidence_iri", "field_iri",
    "bind_prefixes", "prefix_table", "slug", "ontology_text", "literal_date",
]

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("http://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
VANN = Namespace("http://purl.org/vocab/vann/")

ONTOLOGY_FILE = "alliance.ttl"
SHAPES_FILE = "shapes.ttl"
ORGANIZATIONS_FILE = "organizations.ttl"


def _ontology_dir():
    """The packaged ontology files; in a source checkout run without installing, the top-level ontology/."""
    try:
        return resources.files("graph.ontology")
    except ModuleNotFoundError:  # `python -m graph` from the repository root imports the source tree
        return Path(__file__).resolve().parent.parent / "ontology"


def ontology_text(name: str) -> str:
    """The text of one packaged ontology file (alliance.ttl, shapes.ttl, organizations.ttl)."""
    return _ontology_dir().joinpath(name).read_text(encoding="utf-8")


def _parse(name: str) -> Graph:
    g = Graph()
    g.parse(data=ontology_text(name), format="turtle")
    return g


@lru_cache(maxsize=None)
def ontology_graph() -> Graph:
    """The OWL ontology (alliance.ttl), parsed once per process."""
    return _parse(ONTOLOGY_FILE)


@lru_cache(maxsize=None)
def shapes_graph() -> Graph:
    """The SHACL shapes (shapes.ttl), parsed once per process."""
    return _parse(SHAPES_FILE)


@lru_cache(maxsize=None)
def organizations_graph() -> Graph:
    """The reference organizations (organizations.ttl), parsed once per process."""
    return _parse(ORGANIZATIONS_FILE)


def _single(g: Graph, pred: URIRef) -> str:
    values = sorted(str(o) for o in g.objects(None, pred))
    if len(values) != 1:
        raise ValueError(f"ontology must state exactly one {pred}, found {values}")
    return values[0]


@lru_cache(maxsize=None)
def akg() -> ClosedNamespace:
    """The project's ontology namespace, closed over the terms alliance.ttl defines (typos fail fast)."""
    g = ontology_graph()
    base = _single(g, VANN.preferredNamespaceUri)
    terms = sorted({str(s)[len(base):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(base)})
    return ClosedNamespace(base, [t for t in terms if t])


@lru_cache(maxsize=None)
def data_ns() -> Namespace:
    """Namespace under which organizations, documents, relationships and evidence are minted."""
    return Namespace(_single(ontology_graph(), akg().dataNamespace))


@dataclass(frozen=True)
class RelationTerm:
    """A relation of the contract: its key, qualified class, direct property and symmetry."""

    key: str
    cls: URIRef
    direct: URIRef
    symmetric: bool
    label: str


@dataclass(frozen=True)
class StatusTerm:
    """A lifecycle status: key, individual, and rank (considering < agreed < active < ended)."""

    key: str
    iri: URIRef
    rank: int
    label: str


@dataclass(frozen=True)
class FieldTerm:
    """A field of cooperation: SKOS concept, preferred label and the synonyms text may use."""

    label: str
    iri: URIRef
    synonyms: tuple[str, ...]


@lru_cache(maxsize=None)
def relations() -> dict[str, RelationTerm]:
    """Relation key -> term, from the classes annotated with akg:relationKey."""
    g, A = ontology_graph(), akg()
    out = {}
    for cls, key in g.subject_objects(A.relationKey):
        direct = g.value(cls, A.directProperty)
        out[str(key)] = RelationTerm(str(key), cls, direct, (direct, RDF.type, OWL.SymmetricProperty) in g,
                                     str(g.value(cls, RDFS.label)))
    return dict(sorted(out.items()))


@lru_cache(maxsize=None)
def statuses() -> dict[str, StatusTerm]:
    """Status key -> term, ordered by rank."""
    g, A = ontology_graph(), akg()
    out = [StatusTerm(str(key), s, int(g.value(s, A.rank)), str(g.value(s, RDFS.label)))
           for s, key in g.subject_objects(A.statusKey)]
    return {t.key: t for t in sorted(out, key=lambda t: t.rank)}


@lru_cache(maxsize=None)
def fields() -> dict[str, FieldTerm]:
    """Preferred label -> field concept, for every concept in the fields scheme."""
    g, A = ontology_graph(), akg()
    out = {}
    for concept in g.subjects(SKOS.inScheme, A.FieldScheme):
        label = str(g.value(concept, SKOS.prefLabel))
        syn = tuple(sorted(str(s) for s in g.objects(concept, SKOS.altLabel)))
        out[label] = FieldTerm(label, concept, syn)
    return dict(sorted(out.items()))


@lru_cache(maxsize=None)
def org_kinds() -> dict[str, URIRef]:
    """Organization class local name -> class IRI, for every subclass of akg:Organization (itself included)."""
    g, A = ontology_graph(), akg()
    found = {A.Organization} | set(g.transitive_subjects(RDFS.subClassOf, A.Organization))
    base = str(A)
    return {str(c)[len(base):]: c for c in sorted(found) if str(c).startswith(base)}


def slug(text: str) -> str:
    """ASCII, lower-case, hyphenated form of a name, stable across runs ('Mercedes-Benz' -> 'mercedes-benz')."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return s or "x" + hashlib.sha1(text.encode()).hexdigest()[:10]


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def org_iri(label: str) -> URIRef:
    """The organization's IRI, minted from its canonical label."""
    return data_ns()[f"org/{slug(label)}"]


def doc_iri(doc_id: str) -> URIRef:
    """The source document's IRI, minted from its id (file name or record id)."""
    return data_ns()[f"doc/{slug(doc_id)}-{_digest(doc_id)[:6]}"]


def relationship_iri(relation: str, subject: str, obj: str) -> URIRef:
    """One qualified relationship per relation and pair (pair sorted for symmetric relations)."""
    a, b = slug(subject), slug(obj)
    if relations()[relation].symmetric:
        a, b = sorted((a, b))
    return data_ns()[f"rel/{relation}/{a}--{b}"]


def evidence_iri(doc_id: str, relation: str, subject: str, obj: str, sentence: str) -> URIRef:
    """One evidence resource per document, relationship and sentence."""
    return data_ns()[f"evidence/{_digest(doc_id, str(relationship_iri(relation, subject, obj)), sentence)}"]


def field_iri(label: str) -> URIRef:
    """The SKOS concept of a field label (KeyError for a label outside the scheme)."""
    return fields()[label].iri


@lru_cache(maxsize=None)
def _bound_prefixes() -> tuple[tuple[str, str], ...]:
    """The prefixes akg binds in the graphs it writes, in binding order (the one table; rdf is rdflib's own)."""
    return (("akg", str(akg())), ("id", str(data_ns())), ("org", str(ORG)), ("schema", str(SCHEMA)),
            ("prov", str(PROV)), ("skos", str(SKOS)), ("dcterms", str(DCTERMS)), ("owl", str(OWL)),
            ("xsd", str(XSD)), ("rdfs", str(RDFS)), ("wd", str(WD)))


def bind_prefixes(g: Graph) -> Graph:
    """Bind the prefixes akg writes with (override, so rdflib's defaults never turn into 'org1:')."""
    for prefix, ns in _bound_prefixes():
        g.bind(prefix, Namespace(ns), override=True, replace=True)
    return g


def prefix_table() -> dict[str, str]:
    """Prefix -> namespace IRI of every prefix akg writes with, rdf included, in prefix order.

    For SPARQL headers, JSON-LD contexts and Oxigraph's serializers:

    >>> prefix_table()["skos"]
    'http://www.w3.org/2004/02/skos/core#'
    >>> list(prefix_table())[:3]
    ['akg', 'dcterms', 'id']
    """
    return dict(sorted((*_bound_prefixes(), ("rdf", str(RDF)))))


def literal_date(value: str | None) -> Literal | None:
    """An ISO date ('2024-07-03'), month ('2024-03') or year ('2024') as a typed literal."""
    if not value:
        return None
    dtype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value))
    return Literal(value, datatype=dtype) if dtype else None
