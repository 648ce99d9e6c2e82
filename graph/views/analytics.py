"""Networkx views of the RDF graph: organizations as nodes, qualified relationships as edges.

Free functions that take an rdflib graph and return plain data, for drawing
(viz), GraphML export and simple network measures.

Example (``g`` built from the seed article by graph.rdf.build.build_graph):
    >>> from graph.views.analytics import to_networkx, degree_ranking
    >>> nxg = to_networkx(g)                           # doctest: +SKIP
    >>> nxg.nodes[str(vocab.org_iri("Nissan"))]["kind"]   # doctest: +SKIP
    'Automaker'
    >>> degree_ranking(g)[0]                           # doctest: +SKIP
    ('Nissan', 5)
"""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from graph import vocab

__all__ = ["to_networkx", "degree_ranking"]



def _label(graph: Graph, iri: URIRef) -> str:
    """The node's rdfs:label, else its IRI."""
    label = graph.value(iri, RDFS.label)
    return str(label) if label is not None else str(iri)


def _kind(graph: Graph, iri: URIRef) -> str:
    """The most specific organization class of a node ('Organization' when nothing narrower is stated)."""
    kinds = {cls: name for name, cls in vocab.org_kinds().items()}
    names = sorted(kinds[t] for t in graph.objects(iri, RDF.type) if t in kinds)
    specific = [n for n in names if n != "Organization"]
    return (specific or names or ["Organization"])[0]


def _org_node(graph: Graph, iri: URIRef) -> dict:
    """Node attributes of an organization."""
    A = vocab.akg()
    country = graph.value(iri, A.country)
    return {
        "label": _label(graph, iri),
        "kind": _kind(graph, iri),
        "country": str(country) if country is not None else None,
        "discovered": bool(graph.value(iri, A.discovered, default=Literal(False)).toPython()),
    }


def _endpoints(graph: Graph, rel: URIRef, term: vocab.RelationTerm) -> tuple[URIRef, URIRef] | None:
    """Subject and object of a directed relationship; the sorted participants of a symmetric one."""
    A = vocab.akg()
    if not term.symmetric:
        s, o = graph.value(rel, A.subjectOrganization), graph.value(rel, A.objectOrganization)
        return (s, o) if s is not None and o is not None else None
    parts = sorted(graph.objects(rel, A.participant))
    return (parts[0], parts[-1]) if parts else None


def _evidence(graph: Graph, rel: URIRef) -> list[dict]:
    """The evidence of a relationship as plain records, oldest first."""
    A, out = vocab.akg(), []
    for ev in graph.objects(rel, A.evidence):
        doc, date = graph.value(ev, PROV.wasDerivedFrom), graph.value(ev, DCTERMS.date)
        out.append({
            "sentence": str(graph.value(ev, A.sentence) or ""),
            "doc": str(graph.value(doc, DCTERMS.identifier) or doc or ""),
            "date": str(date) if date is not None else None,
            "status": _status_key(graph.value(ev, A.statusStated)),
        })
    return sorted(out, key=lambda e: (e["date"] or "", e["doc"], e["sentence"]))


def _status_key(iri: URIRef | None) -> str | None:
    """'agreed' for akg:Agreed; None for no status."""
    keys = {term.iri: key for key, term in vocab.statuses().items()}
    return keys.get(iri)


def _field_labels(graph: Graph, rel: URIRef) -> list[str]:
    """The sorted labels of a relationship's fields."""
    labels = {term.iri: label for label, term in vocab.fields().items()}
    return sorted(labels.get(f, str(f)) for f in graph.objects(rel, vocab.akg().field))


def _edge(graph: Graph, rel: URIRef, key: str) -> dict:
    """Edge attributes of a qualified relationship."""
    A = vocab.akg()
    first, last, count, conf = (graph.value(rel, p) for p in (A.firstDate, A.lastDate, A.evidenceCount, A.confidence))
    evidence = _evidence(graph, rel)
    return {
        "relation": key,
        "status": _status_key(graph.value(rel, A.status)),
        "fields": _field_labels(graph, rel),
        "date": str(last) if last is not None else None,
        "first_date": str(first) if first is not None else None,
        "evidence_count": int(count) if count is not None else len(evidence),
        "confidence": float(conf.toPython()) if conf is not None else None,
        "evidence": evidence,
        "symmetric": vocab.relations()[key].symmetric,
    }


def _relationships(graph: Graph, relations: Iterable[str] | None = None):
    """Yield (relationship IRI, relation key, term) for every qualified relationship, in IRI order."""
    terms = vocab.relations()
    wanted = set(terms) if relations is None else set(relations)
    for key in sorted(wanted & terms.keys()):
        for rel in sorted(graph.subjects(RDF.type, terms[key].cls)):
            yield rel, key, terms[key]


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Organizations that take part in a relationship (label, kind, country, discovered), one edge per relationship.

    Organizations in no relationship (the outlets an article cites) are left out: they would be islands.

    Edge keys are relationship IRIs; attributes: relation, status, fields (list),
    date (the latest evidence's), first_date, evidence_count, confidence,
    evidence (list of {sentence, doc, date, status}, oldest first), symmetric.
    Directed relationships run from subject to object, symmetric ones from the
    smaller to the larger IRI.
    """
    out = nx.MultiDiGraph()
    for rel, key, term in _relationships(graph):
        ends = _endpoints(graph, rel, term)
        if ends is None:
            continue
        for end in ends:
            if str(end) not in out:
                out.add_node(str(end), **_org_node(graph, end))
        out.add_edge(str(ends[0]), str(ends[1]), key=str(rel), **_edge(graph, rel, key))
    return out


def degree_ranking(graph: Graph, relations: Iterable[str] | None = None) -> list[tuple[str, int]]:
    """Organizations by number of relationships they take part in (most first, then by label)."""
    counts: dict[str, int] = {}
    A = vocab.akg()
    for rel, _key, _term in _relationships(graph, relations):
        for org in set(graph.objects(rel, A.participant)):
            label = _label(graph, org)
            counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
