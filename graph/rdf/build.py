"""Stage 4, rdf: facts -> rdflib Graph (per-document evidence + the merged relationship layer).

The graph has two layers, so a persistent store can keep one named graph per
article and recompute the rest:

* the *document layer* (``document_graph``): what one article says — the
  article resource, the organizations it names or cites (described there, so
  each article's graph reads alone), one ``akg:Evidence`` per fact, and the
  typed link ``?relationship a akg:Partnership ; akg:evidence ?evidence``.
  Removing an article's graph removes its evidence and every link to it.
* the *merged layer* (``merged_graph``): computed from facts alone — one
  qualified relationship per relation and pair (current status from the newest
  evidence, union of fields, evidence count, dates, best confidence), the direct
  edges, and the labels of the statuses, fields and relation classes used.

``build_graph`` is the union of both; ``facts_from_graph`` reads the facts back.
No blank nodes: every resource is minted by ``graph.vocab``, so re-running adds nothing.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from graph import vocab
from graph.errors import InputError
from graph.extract.facts import Extraction, Fact
from graph.extract.registry import Organization
from graph.vocab import SCHEMA, WD

__all__ = [
    "document_graph", "merged_graph", "build_graph",
    "facts_from_graph", "evidence_date", "newest_status",
]

log = logging.getLogger(__name__)


def _describe_org(g: Graph, org: Organization) -> None:
    """Add one organization's description (an unknown kind is logged and typed akg:Organization)."""
    A, iri = vocab.akg(), vocab.org_iri(org.label)
    kind = vocab.org_kinds().get(org.kind)
    if kind is None:
        log.warning("organization %r has unknown kind %r; typed as Organization", org.label, org.kind)
        kind = A.Organization
    g.add((iri, RDF.type, kind))
    named = g.value(iri, RDFS.label)
    if named is None or str(named) == org.label:
        g.add((iri, RDFS.label, Literal(org.label)))
    else:  # two spellings with one IRI ("Foo-Bar", "Foo Bar"): one canonical label, the other an alias
        g.add((iri, SKOS.altLabel, Literal(org.label)))
    for alias in org.aliases:
        if alias != org.label:
            g.add((iri, SKOS.altLabel, Literal(alias)))
    for ticker in org.tickers:
        g.add((iri, A.ticker, Literal(ticker)))
    if org.country:
        g.add((iri, A.country, Literal(org.country)))
    if org.wikidata:
        g.add((iri, OWL.sameAs, WD[org.wikidata]))
    if not org.reference:
        g.add((iri, A.discovered, Literal(True)))


def document_graph(extraction: Extraction) -> Graph:
    """The triples that belong to one article: the article, its organizations, its evidence and evidence links."""
    return _add_document(Graph(), extraction)


def _add_document(g: Graph, extraction: Extraction) -> Graph:
    """Add one article's layer to ``g``; parties with no Organization record get a bare label and type."""
    _describe_document(g, extraction.document, extraction.cited_sources)
    described = {o.label for o in extraction.organizations} | {o.label for o in extraction.cited_sources}
    parties = sorted({label for f in extraction.facts for label in (f.subject, f.object)} - described)
    for org in (*extraction.organizations, *extraction.cited_sources, *(Organization(label) for label in parties)):
        _describe_org(g, org)
    for fact in _usable(extraction.facts):
        _add_evidence(g, fact)
    return g


def _usable(facts: Iterable[Fact]) -> list[Fact]:
    """The facts the graph can state: one per evidence resource, between two different organizations.

    InputError for a relation or status outside the ontology. Facts that would
    share an evidence resource (same document, relationship and sentence) keep
    the most advanced status, then the highest confidence; the rest are logged.
    """
    ranks = {key: term.rank for key, term in vocab.statuses().items()}
    kept: dict[URIRef, Fact] = {}
    for fact in sorted(set(facts), key=_fact_key):
        if fact.relation not in vocab.relations():
            raise InputError(f"{fact.doc}: unknown relation {fact.relation!r}")
        if fact.status is not None and fact.status not in ranks:
            raise InputError(f"{fact.doc}: unknown status {fact.status!r}")
        if fact.subject == fact.object:
            log.warning("%s: %s fact of %r with itself left out", fact.doc, fact.relation, fact.subject)
            continue
        ev = vocab.evidence_iri(fact.doc, fact.relation, fact.subject, fact.object, fact.evidence)
        other = kept.get(ev)
        if other is not None:
            log.warning("%s: two %s facts of one pair from one sentence; keeping one", fact.doc, fact.relation)
            if (ranks.get(other.status, 0), other.confidence) >= (ranks.get(fact.status, 0), fact.confidence):
                continue
        kept[ev] = fact
    return list(kept.values())


def _describe_document(g: Graph, doc, cited_sources: Iterable[Organization]) -> None:
    """Add the article resource: identifier, typed date, title, URL, the outlets it cites."""
    A, iri = vocab.akg(), vocab.doc_iri(doc.id)
    g.add((iri, RDF.type, SCHEMA.NewsArticle))
    g.add((iri, RDF.type, PROV.Entity))
    g.add((iri, DCTERMS.identifier, Literal(doc.id)))
    date = vocab.literal_date(doc.date)
    if date is not None:
        g.add((iri, DCTERMS.date, date))
    if doc.title:
        g.add((iri, DCTERMS.title, Literal(doc.title)))
    if doc.url:
        g.add((iri, SCHEMA.url, Literal(doc.url, datatype=XSD.anyURI)))
    for source in cited_sources:
        g.add((iri, A.citesSource, vocab.org_iri(source.label)))


def _status_iri(fact: Fact) -> URIRef | None:
    """The status individual a fact states (None for competition)."""
    return vocab.statuses()[fact.status].iri if fact.status is not None else None


def _field_iris(labels: Iterable[str]) -> list[URIRef]:
    """The concepts of the field labels the scheme knows (others are left out; _add_evidence warns about them)."""
    known = vocab.fields()
    return [known[label].iri for label in labels if label in known]


def _confidence(value: float) -> Literal:
    """A confidence as xsd:decimal, written as the float's shortest repr (0.9, not 0.90000000000000002)."""
    return Literal(Decimal(repr(float(value))), datatype=XSD.decimal)


def _add_evidence(g: Graph, fact: Fact) -> None:
    """One akg:Evidence for the fact, linked from its relationship (typed, so one article's graph reads alone)."""
    A = vocab.akg()
    rel = vocab.relationship_iri(fact.relation, fact.subject, fact.object)
    ev = vocab.evidence_iri(fact.doc, fact.relation, fact.subject, fact.object, fact.evidence)
    g.add((rel, RDF.type, vocab.relations()[fact.relation].cls))
    g.add((rel, A.evidence, ev))
    g.add((ev, RDF.type, A.Evidence))
    g.add((ev, A.sentence, Literal(fact.evidence)))
    g.add((ev, PROV.wasDerivedFrom, vocab.doc_iri(fact.doc)))
    g.add((ev, A.statedSubject, vocab.org_iri(fact.subject)))
    g.add((ev, A.statedObject, vocab.org_iri(fact.object)))
    g.add((ev, A.confidence, _confidence(fact.confidence)))
    status = _status_iri(fact)
    if status is not None:
        g.add((ev, A.statusStated, status))
    unknown = sorted(set(fact.fields) - vocab.fields().keys())
    if unknown:
        log.warning("%s: fields outside the ontology's scheme left out: %s", fact.doc, ", ".join(unknown))
    for field in _field_iris(fact.fields):
        g.add((ev, A.field, field))
    date = vocab.literal_date(fact.date)
    if date is not None:
        g.add((ev, DCTERMS.date, date))


def evidence_date(fact: Fact, doc_dates: Mapping[str, str | None] | None = None) -> str | None:
    """The date a fact speaks for: its own, else its article's (ISO text, so comparable as a string)."""
    return fact.date or (doc_dates or {}).get(fact.doc)


def _compare_dates(a: str | None, b: str | None) -> int:
    """-1, 0 or 1 as ``a`` is older than, as new as, or newer than ``b``, at the precision both have.

    '2024' ties with '2024-03' (a year does not say it came before March); no date is the oldest.
    """
    if not a or not b:
        return bool(a) - bool(b)
    n = min(len(a), len(b))
    return (a[:n] > b[:n]) - (a[:n] < b[:n])


def newest_status(facts: Iterable[Fact], doc_dates: Mapping[str, str | None] | None = None) -> str | None:
    """Current status of a relationship: that of the newest evidence; on a tie the most advanced."""
    ranks = {key: term.rank for key, term in vocab.statuses().items()}
    stated = sorted((f for f in facts if f.status is not None),
                    key=lambda f: (evidence_date(f, doc_dates) or "", ranks[f.status], _fact_key(f)))
    if not stated:
        return None
    current = stated[0]
    for fact in stated[1:]:
        order = _compare_dates(evidence_date(fact, doc_dates), evidence_date(current, doc_dates))
        if order > 0 or (order == 0 and ranks[fact.status] > ranks[current.status]):
            current = fact
    return current.status


def merged_graph(facts: Iterable[Fact], doc_dates: Mapping[str, str | None] | None = None) -> Graph:
    """The merged layer from facts alone: qualified relationships, direct edges, labels of the terms used.

    ``doc_dates`` (document id -> ISO date) dates facts that carry no date of their own.
    """
    return _add_merged(Graph(), facts, doc_dates)


def _add_merged(g: Graph, facts: Iterable[Fact], doc_dates: Mapping[str, str | None] | None) -> Graph:
    """Add the merged layer of ``facts`` to ``g``: group them by relationship IRI, describe each group."""
    groups: dict[URIRef, set[Fact]] = defaultdict(set)
    for fact in _usable(facts):
        groups[vocab.relationship_iri(fact.relation, fact.subject, fact.object)].add(fact)
    for rel in sorted(groups):
        _add_relationship(g, rel, sorted(groups[rel], key=_fact_key), doc_dates)
    _add_term_labels(g, [f for group in groups.values() for f in group])
    return g


def _add_relationship(g: Graph, rel: URIRef, facts: list[Fact], doc_dates: Mapping[str, str | None] | None) -> None:
    """Add one qualified relationship (from all its facts) and its direct edge(s)."""
    A, first = vocab.akg(), facts[0]
    term = vocab.relations()[first.relation]
    subject, obj = vocab.org_iri(first.subject), vocab.org_iri(first.object)
    g.add((rel, RDF.type, term.cls))
    g.add((rel, A.participant, subject))
    g.add((rel, A.participant, obj))
    g.add((subject, term.direct, obj))
    if term.symmetric:
        g.add((obj, term.direct, subject))
    else:
        g.add((rel, A.subjectOrganization, subject))
        g.add((rel, A.objectOrganization, obj))
    status = newest_status(facts, doc_dates)
    if status is not None:
        g.add((rel, A.status, vocab.statuses()[status].iri))
    for field in _field_iris(sorted({label for f in facts for label in f.fields})):
        g.add((rel, A.field, field))
    evidence = {vocab.evidence_iri(f.doc, f.relation, f.subject, f.object, f.evidence) for f in facts}
    g.add((rel, A.evidenceCount, Literal(len(evidence))))
    g.add((rel, A.confidence, _confidence(max(f.confidence for f in facts))))
    dates = sorted(d for d in (evidence_date(f, doc_dates) for f in facts) if vocab.literal_date(d) is not None)
    if dates:
        g.add((rel, A.firstDate, vocab.literal_date(dates[0])))
        g.add((rel, A.lastDate, vocab.literal_date(dates[-1])))


def _add_term_labels(g: Graph, facts: Iterable[Fact]) -> None:
    """Copy the keys and labels of the statuses, fields and relation classes used, so queries can name them."""
    A, onto = vocab.akg(), vocab.ontology_graph()
    facts = list(facts)
    used = {vocab.relations()[f.relation].cls for f in facts}
    used |= {vocab.statuses()[f.status].iri for f in facts if f.status is not None}
    used |= set(_field_iris({label for f in facts for label in f.fields}))
    for term in used:
        for pred in (RDFS.label, SKOS.prefLabel, A.relationKey, A.statusKey):
            for value in onto.objects(term, pred):
                g.add((term, pred, value))


def _fact_key(fact: Fact) -> tuple:
    """Sort key of facts (Fact itself is unordered: status and date may be None)."""
    return (fact.doc, fact.relation, fact.subject, fact.object, fact.evidence, fact.status or "", fact.date or "")


def build_graph(extractions: Iterable[Extraction]) -> Graph:
    """The whole graph: every article's document layer plus the merged layer, with akg's prefixes bound."""
    g = vocab.bind_prefixes(Graph())
    facts: set[Fact] = set()
    doc_dates: dict[str, str | None] = {}
    for extraction in extractions:
        _add_document(g, extraction)
        facts.update(extraction.facts)
        doc_dates[extraction.document.id] = extraction.document.date
    return _add_merged(g, facts, doc_dates)


def facts_from_graph(graph: Graph) -> list[Fact]:
    """The facts the evidence resources record, sorted; each fact's fields come back sorted."""
    A = vocab.akg()
    by_class = {term.cls: key for key, term in vocab.relations().items()}
    by_status = {term.iri: key for key, term in vocab.statuses().items()}
    field_labels = {term.iri: label for label, term in vocab.fields().items()}
    facts = []
    for ev in graph.subjects(RDF.type, A.Evidence):
        rel = graph.value(predicate=A.evidence, object=ev)
        relation = next(by_class[c] for c in graph.objects(rel, RDF.type) if c in by_class)
        status = graph.value(ev, A.statusStated)
        date = graph.value(ev, DCTERMS.date)
        fields = sorted(field_labels[f] for f in graph.objects(ev, A.field) if f in field_labels)
        facts.append(Fact(
            doc=str(graph.value(graph.value(ev, PROV.wasDerivedFrom), DCTERMS.identifier)),
            subject=str(graph.value(graph.value(ev, A.statedSubject), RDFS.label)),
            relation=relation,
            object=str(graph.value(graph.value(ev, A.statedObject), RDFS.label)),
            status=by_status[status] if status is not None else None,
            fields=tuple(fields),
            date=str(date) if date is not None else None,
            evidence=str(graph.value(ev, A.sentence)),
            confidence=float(graph.value(ev, A.confidence).toPython()),
        ))
    return sorted(facts, key=_fact_key)
