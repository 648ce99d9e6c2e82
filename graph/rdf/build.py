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

``MergedLayer`` gathers the merged layer article by article from a few values per
relationship (never the facts themselves), so a corpus of any size merges in memory
that grows with its relationships, not its articles. ``build_graph`` is the union of
both layers; ``facts_from_graph`` reads the facts back.
No blank nodes: every resource is minted by ``graph.vocab``, so re-running adds nothing.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from graph import vocab
from graph.errors import InputError
from graph.extract.facts import Extraction, Fact
from graph.extract.registry import Organization
from graph.vocab import SCHEMA, WD

__all__ = [
    "document_graph", "merged_graph", "build_graph", "MergedLayer",
    "facts_from_graph", "evidence_date", "newest_status",
]

Triple = tuple

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
    """Add one article's layer to ``g``."""
    _describe_document(g, extraction.document, extraction.cited_sources)
    for org in _document_orgs(extraction):
        _describe_org(g, org)
    for fact in _usable(extraction.facts):
        _add_evidence(g, fact)
    return g


def _document_orgs(extraction: Extraction) -> tuple[Organization, ...]:
    """The organizations one article describes, in the order it describes them; parties with no Organization
    record get a bare one (label only)."""
    described = {o.label for o in extraction.organizations} | {o.label for o in extraction.cited_sources}
    parties = sorted({label for f in extraction.facts for label in (f.subject, f.object)} - described)
    return (*extraction.organizations, *extraction.cited_sources, *(Organization(label) for label in parties))


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
    return _newest((evidence_date(f, doc_dates), f.status) for f in facts if f.status is not None)


def _newest(stated: Iterable[tuple[str | None, str]]) -> str | None:
    """The status of the newest (date, status) statement; on a tie the most advanced (see ``_compare_dates``).

    Statements equal in date and status count once: repeating one changes nothing.
    """
    ranks = {key: term.rank for key, term in vocab.statuses().items()}
    ordered = sorted(set(stated), key=lambda s: (s[0] or "", ranks[s[1]], s[0] is None))
    if not ordered:
        return None
    current = ordered[0]
    for date, status in ordered[1:]:
        order = _compare_dates(date, current[0])
        if order > 0 or (order == 0 and ranks[status] > ranks[current[1]]):
            current = (date, status)
    return current[1]


def merged_graph(facts: Iterable[Fact], doc_dates: Mapping[str, str | None] | None = None) -> Graph:
    """The merged layer from facts alone: qualified relationships, direct edges, labels of the terms used.

    ``doc_dates`` (document id -> ISO date) dates facts that carry no date of their own.
    """
    merged = MergedLayer()
    merged.add(facts, doc_dates)
    g = Graph()
    g += merged.triples()
    return g


@dataclass
class _Relationship:
    """What the merged layer states of one relationship, gathered fact by fact: a few values, not the facts."""

    relation: str
    subject: URIRef
    object: URIRef
    stated: set[tuple[str | None, str]] = field(default_factory=set)  # (evidence date, status)
    fields: set[str] = field(default_factory=set)
    evidence: int = 0
    confidence: float | None = None
    first: str | None = None
    last: str | None = None

    def add(self, fact: Fact, date: str | None) -> None:
        """Count one usable fact (one evidence resource), dated ``date``."""
        if fact.status is not None:
            self.stated.add((date, fact.status))
        self.fields.update(fact.fields)
        self.evidence += 1
        self.confidence = fact.confidence if self.confidence is None else max(self.confidence, fact.confidence)
        if vocab.literal_date(date) is not None:
            self.first = date if self.first is None else min(self.first, date)
            self.last = date if self.last is None else max(self.last, date)

    def triples(self, rel: URIRef) -> Iterator[Triple]:
        """The qualified relationship and its direct edge(s)."""
        A, term = vocab.akg(), vocab.relations()[self.relation]
        yield rel, RDF.type, term.cls
        yield rel, A.participant, self.subject
        yield rel, A.participant, self.object
        yield self.subject, term.direct, self.object
        if term.symmetric:
            yield self.object, term.direct, self.subject
        else:
            yield rel, A.subjectOrganization, self.subject
            yield rel, A.objectOrganization, self.object
        status = _newest(self.stated)
        if status is not None:
            yield rel, A.status, vocab.statuses()[status].iri
        for concept in _field_iris(sorted(self.fields)):
            yield rel, A.field, concept
        yield rel, A.evidenceCount, Literal(self.evidence)
        yield rel, A.confidence, _confidence(self.confidence)
        if self.first is not None:
            yield rel, A.firstDate, vocab.literal_date(self.first)
            yield rel, A.lastDate, vocab.literal_date(self.last)


class MergedLayer:
    """The merged layer gathered article by article, in memory that grows with the relationships, not the facts.

    Also keeps each organization's first spelling: when articles spell one IRI two ways, the whole graph keeps
    the first as its label and the others as aliases (``respelled``), as one graph built article by article does.

    Example:
        >>> merged = MergedLayer()
        >>> merged.add([Fact("a.txt", "Nissan", "partnership", "Honda", "agreed", (), "2024-03", "...", 0.9)])
        >>> (vocab.org_iri("Nissan"), vocab.akg().partnerOf, vocab.org_iri("Honda")) in set(merged.triples())
        True
    """

    def __init__(self) -> None:
        self._relationships: dict[URIRef, _Relationship] = {}
        self._terms: set[URIRef] = set()
        self._documents: set[str] = set()
        self._labels: dict[URIRef, str] = {}
        self._respelled: set[tuple[URIRef, str]] = set()

    def add_extraction(self, extraction: Extraction) -> bool:
        """Merge one article; False (logged, nothing merged) for an article id merged already."""
        doc = extraction.document
        if doc.id in self._documents:
            log.warning("%s: the same article given twice; the first kept", doc.id)
            return False
        self._documents.add(doc.id)
        for org in _document_orgs(extraction):
            label = self._labels.setdefault(vocab.org_iri(org.label), org.label)
            if label != org.label:
                self._respelled.add((vocab.org_iri(org.label), org.label))
        self.add(extraction.facts, {doc.id: doc.date})
        return True

    def add(self, facts: Iterable[Fact], doc_dates: Mapping[str, str | None] | None = None) -> None:
        """Merge facts (of articles not merged before), dated by ``doc_dates`` when they carry no date."""
        for fact in _usable(facts):
            rel = vocab.relationship_iri(fact.relation, fact.subject, fact.object)
            found = self._relationships.get(rel)
            if found is None:
                found = self._relationships[rel] = _Relationship(
                    fact.relation, vocab.org_iri(fact.subject), vocab.org_iri(fact.object))
            found.add(fact, evidence_date(fact, doc_dates))
            self._terms.add(vocab.relations()[fact.relation].cls)
            self._terms.update(_field_iris(fact.fields))
            if fact.status is not None:
                self._terms.add(vocab.statuses()[fact.status].iri)

    def triples(self) -> Iterator[Triple]:
        """The merged layer: every relationship (in IRI order), then the labels of the terms used."""
        for rel in sorted(self._relationships):
            yield from self._relationships[rel].triples(rel)
        yield from _term_labels(self._terms)

    def respelled(self) -> list[tuple[URIRef, str]]:
        """(organization, spelling) of the labels that are aliases in the whole graph (another came first)."""
        return sorted(self._respelled)


def _term_labels(terms: Iterable[URIRef]) -> Iterator[Triple]:
    """The keys and labels of statuses, fields and relation classes, so queries can name them."""
    A, onto = vocab.akg(), vocab.ontology_graph()
    for term in terms:
        for pred in (RDFS.label, SKOS.prefLabel, A.relationKey, A.statusKey):
            for value in onto.objects(term, pred):
                yield term, pred, value


def _fact_key(fact: Fact) -> tuple:
    """Sort key of facts (Fact itself is unordered: status and date may be None)."""
    return (fact.doc, fact.relation, fact.subject, fact.object, fact.evidence, fact.status or "", fact.date or "")


def build_graph(extractions: Iterable[Extraction]) -> Graph:
    """The whole graph: every article's document layer plus the merged layer, with akg's prefixes bound.

    An article given twice is taken once (the first; see ``MergedLayer.add_extraction``).
    """
    g = vocab.bind_prefixes(Graph())
    merged = MergedLayer()
    for extraction in extractions:
        if merged.add_extraction(extraction):
            _add_document(g, extraction)
    g += merged.triples()
    return g


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
