"""Stage 3, facts: sentences + mentions -> Fact, the one currency downstream.

Each sentence that can hold a fact is parsed and read by the dependency rules
(graph.extract.relations, rules as data in graph/extract/rules/); the
readings are merged into one fact per document, relation and pair (unordered
for symmetric relations) at the most advanced status the document states,
with the fields named for that pair and the date of the sentence that stated
it.
"""
from __future__ import annotations

import collections
import itertools
import logging
import multiprocessing
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations

from graph import vocab
from graph.extract import lexicon, nlp, relations, rules
from graph.extract.dates import event_date
from graph.extract.mentions import could_name, find_mentions, namer
from graph.extract.registry import Registry, load_registry, normalize_name, strip_suffixes

__all__ = ["Fact", "Extraction", "Candidate", "extract", "extract_all"]

log = logging.getLogger(__name__)

FIELD_RELATIONS = frozenset({"partnership", "supply"})
"""Relations whose facts carry fields of cooperation (a stake or a rivalry has none)."""


@dataclass(frozen=True)
class Fact:
    """One fact as in CONTRACT.md's fact lines; symmetric relations keep the text's order."""

    doc: str
    subject: str
    relation: str  # partnership | merger | investment | supply | competition
    object: str
    status: str | None  # considering | agreed | active | ended; None for competition
    fields: tuple[str, ...]
    date: str | None
    evidence: str
    confidence: float

    def to_json(self) -> dict:
        """The contract's fact-line object."""
        return {
            "doc": self.doc, "subject": self.subject, "relation": self.relation,
            "object": self.object, "status": self.status, "fields": list(self.fields),
            "date": self.date, "evidence": self.evidence, "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Extraction:
    """What one document yields: its facts, the organizations they name, the outlets it cites."""

    document: object  # graph.text.Document
    facts: tuple[Fact, ...]
    organizations: tuple = ()  # graph.mentions.Organization, every party of a fact
    cited_sources: tuple = ()  # graph.mentions.Organization, outlets the article cites
    candidates: tuple = ()  # Candidate, every reading before the merge


@dataclass(frozen=True)
class Candidate:
    """A fact one rule read in one sentence (or the merge derived from such readings), before the document's
    facts are merged."""

    relation: str
    subject: object  # graph.extract.registry.Organization
    object: object
    status: str | None
    sentence: int
    rule: str  # the rule's id, or how the merge derived it ('co-owners', 'founders', 'rival-nominal')
    confidence: float
    anchor: int  # offset of the trigger in the sentence text, for dates


BATCH = 32
"""Documents whose sentences are parsed in one spaCy stream."""
CONFIDENCE_AGREEING = 0.1
"""What a fact gains when two rules read it (each from its own words)."""
CONFIDENCE_REPEATED = 0.05
"""What a fact gains when several sentences state it."""
_RULE_IDS = frozenset(r.id for r in rules.rules())
"""Ids of the dependency rules: a candidate whose rule is none of them the merge derived (co-owners, founders)."""
_RULES = {r.id: r for r in rules.rules()}
"""The dependency rules by id."""
_ANAPHORIC = frozenset(r.id for r in rules.rules() if r.anaphoric)
"""The rules whose trigger may point back at what was read before ('the talks')."""


@lru_cache(maxsize=1)
def _default_registry() -> Registry:
    """The packaged reference organizations, read once per process."""
    return load_registry()


def extract(doc, registry: Registry | None = None) -> Extraction:
    """Extract the facts of one document.

    Example:
        >>> from graph.extract.text import read_documents
        >>> [e] = [extract(d) for d in read_documents(["seeds/000_ce3b457f6051eda2.txt"])]
        >>> sorted({f.relation for f in e.facts})
        ['competition', 'partnership']
    """
    return next(extract_all([doc], registry))


def extract_all(docs, registry: Registry | None = None, batch: int = BATCH, workers: int = 1):
    """Yield an Extraction per document, in order (the registry is read once; the sentences of ``batch``
    documents at a time go through spaCy together, which parses a long stream faster than many short ones).

    With ``workers`` > 1 and more than one batch, batches are extracted in that many processes (each loads
    spaCy once); the output is the same as in one process, and at most two batches per worker are read ahead.
    """
    registry = registry or _default_registry()
    chunks = _chunks(docs, batch)
    if workers > 1:
        ahead = list(itertools.islice(chunks, 2))
        if len(ahead) == 2:  # more than one batch: worth starting processes
            yield from _in_workers(itertools.chain(ahead, chunks), registry, workers)
            return
        chunks = iter(ahead)
    for chunk in chunks:
        yield from _extract_chunk(chunk, registry)


def _extract_chunk(chunk: list, registry: Registry) -> list[Extraction]:
    """The extractions of a batch of documents, its sentences parsed in one spaCy stream."""
    mentions = [find_mentions(doc, registry) for doc in chunk]
    masked = [_masked(doc, found) for doc, found in zip(chunk, mentions)]
    flat, parsed = _parsed([pair for sentences in masked for pair in sentences])
    flat, parsed = iter(flat), iter(parsed)
    masked = [[next(flat) for _ in sentences] for sentences in masked]
    parses = [[next(parsed) for _ in sentences] for sentences in masked]
    nlp.recognize([p for sentences, found, docs in zip(masked, mentions, parses)
                   for p in _to_judge(sentences, docs, found, registry)])  # one stream for the whole batch
    out = []
    for doc, found, sentences, docs in zip(chunk, mentions, masked, parses):
        out.append(_extraction(doc, registry, found, _read(sentences, docs, found, registry)))
    return out


def _in_workers(chunks, registry: Registry, workers: int):
    """_extract_chunk over ``chunks`` in ``workers`` fresh processes, in order, a bounded number ahead."""
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited threads or locks
    with context.Pool(workers, initializer=_start_worker, initargs=(registry,)) as pool:
        pending: collections.deque = collections.deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_worker_chunk, (chunk,)))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


_WORKER_REGISTRY: Registry | None = None
"""The registry a worker process extracts with (set once by _start_worker)."""


def _start_worker(registry: Registry) -> None:
    """Worker initializer: keep the registry and load spaCy before the first batch."""
    global _WORKER_REGISTRY
    _WORKER_REGISTRY = registry
    nlp.load()


def _worker_chunk(chunk: list) -> list[Extraction]:
    """_extract_chunk in a worker process."""
    return _extract_chunk(chunk, _WORKER_REGISTRY)


def _chunks(items, size: int):
    """Lists of up to ``size`` items from any iterable, in order."""
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _extraction(doc, registry: Registry, mentions, readings: dict[int, relations.Parsed]) -> Extraction:
    """One document's facts from its mentions and what the dependency rules read."""
    described = [org for p in readings.values() for org in p.described]
    described += [org for p in readings.values() for group in p.subjects for org in group if not org.reference
                  and strip_suffixes(org.label, descriptors=True) != org.label]  # a clause's subject whose name
    # ends in a company's word ('X International said it had bought ...'): 'it' means X once coreference knows X
    discovered = _discovered(_as_candidates(readings), mentions, described)
    if discovered:  # coreference sees the companies the parse found, wherever they stand
        named = find_mentions(doc, registry, discovered)
        readings, mentions = _reread(doc, mentions, named, readings, registry), named
    continued = _continued(doc, mentions, readings)  # 'It' after 'A and B ... and C ...' is C
    readings, mentions = _reread(doc, mentions, continued, readings, registry), continued
    parsed = _relabelled(_as_candidates(readings), mentions)
    mentions = _rebound(doc, mentions, readings)
    candidates: list[Candidate] = []
    by_sentence = _by_sentence(mentions)
    topic = _Topic()
    for sentence in doc.sentences:
        here = by_sentence.get(sentence.index, [])
        units = _units(sentence, here)
        topic.count(here)
        found = _unconfirmed(sentence, _held(parsed.get(sentence.index, []), topic))
        found = _ended_topics(candidates, found)
        found += _ended_before(candidates + found, readings[sentence.index].ended if sentence.index in readings
                               else (), sentence.index)
        found += _rivals(sentence, here) + _founders(sentence, units, found, candidates, by_sentence)
        candidates = _without_denied(candidates, sentence, units)
        candidates.extend(found + _co_owners(found))
    facts = _merge(doc, candidates)
    return Extraction(doc, facts, _parties(facts, candidates), _cited(mentions), tuple(candidates))


def _reread(doc, before, after, readings: dict[int, relations.Parsed], registry) -> dict[int, relations.Parsed]:
    """The readings with each sentence whose coreference the discovered companies changed ('the company' now
    meaning a startup the parse found) parsed again with the new mentions."""
    def resolved(mentions) -> set:
        return {(m.sentence, m.start, m.end, m.org.label) for m in mentions if m.resolved}
    changed = {key[0] for key in resolved(before) ^ resolved(after)}
    if not changed:  # the usual case: no need to mask the document's sentences again
        return readings
    sentences = [(sentence, masked) for sentence, masked in _masked(doc, after) if sentence.index in changed]
    if not sentences:
        return readings
    return {**readings, **_read(*_parsed(sentences), after, registry)}


def _ended_before(candidates: list[Candidate], ended: tuple[relations.Ending, ...], index: int) -> list:
    """For 'the talks fell apart' (a rule's trigger read as ended, naming no party): the candidates that rule
    read in the latest sentence before that it read any (this one too, before the words: 'were in talks with X,
    but the negotiations fell through'), ended here; when it read none, for a rule pointing back at its relation
    the active ones of that relation, whichever rule read them ('put $1 billion into X. It sold the stake',
    'developed X together, but the collaboration ended'), else those being considered there ('was in talks to
    invest in X. The negotiations collapsed'); all within the rule's reach. A tie its ender ends is one of the
    ender's ('X ended that relationship'), and one it calls its own it holds ('X sold its shares')."""
    out = []
    for ending in ended:
        rule, anchor, enders = _RULES[ending.rule], ending.anchor, ending.enders
        before = [c for c in candidates if (c.sentence < index or (c.sentence == index and c.anchor < anchor))
                  and (not enders or c.subject in enders or (c.object in enders and not ending.own))]
        if rule.anaphoric_reach is not None:
            before = [c for c in before if c.sentence >= index - rule.anaphoric_reach]
        earlier = [c for c in before if c.relation == rule.relation and c.status == "active"] \
            if rule.anaphoric == "relation" else [c for c in before if c.rule == rule.id]
        earlier = earlier or [c for c in before if c.status == "considering"]
        latest = max((c.sentence for c in earlier), default=None)
        out += [replace(c, status="ended", sentence=index, anchor=anchor) for c in earlier if c.sentence == latest]
    return out


def _unconfirmed(sentence, found: list[Candidate]) -> list[Candidate]:
    """A sentence's candidates, a deal its unnamed sources report agreed read as considered ('X will take a stake
    in Y, people familiar with the matter said': FACTS.md 'reportedly set to')."""
    if not rules.sentence_pattern("anonymous_source").search(sentence.text):
        return found
    return [replace(c, status="considering") if c.status == "agreed" else c for c in found]


def _ended_topics(candidates: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """``found`` with each end of talks between a pair ('the talks were called off', read by an anaphoric rule
    as an ended partnership) turned into the end of what the pair was considering before it in another relation
    ('A and B discussed a merger, but the talks were called off': the merger ended, no partnership)."""
    out = []
    for c in found:
        if c.rule not in _ANAPHORIC or c.status != "ended":
            out.append(c)
            continue
        topics = [e for e in candidates + found if e.status == "considering" and e.relation != c.relation
                  and _pair(e) == _pair(c) and (e.sentence, e.anchor) < (c.sentence, c.anchor)]
        out += [replace(e, status="ended", sentence=c.sentence, anchor=c.anchor) for e in topics] or [c]
    return out


def _pair(c: Candidate) -> frozenset:
    """The two parties of a candidate, in no order."""
    return frozenset((c.subject, c.object))


def _held(parsed: list[Candidate], topic: "_Topic") -> list[Candidate]:
    """The parse's candidates with each one the sentence names no holder for held by the article's main
    company up to this sentence (dropped when there is none, or when it is the other party)."""
    if all(c.subject is not None for c in parsed):
        return parsed  # the usual case: no need to find the main company
    leader = topic.leader()
    return [c if c.subject is not None else replace(c, subject=leader) for c in parsed
            if c.subject is not None or (leader is not None and leader != c.object)]


def _units(sentence, mentions) -> list[relations.MentionSpan]:
    """The sentence's mentions (of ``mentions``, best only its own), one MentionSpan per span (a plural nominal
    holds several organizations)."""
    spans: dict[tuple[int, int], list] = {}
    for m in mentions:
        if m.sentence == sentence.index and sentence.start <= m.start and m.end <= sentence.end:
            spans.setdefault((m.start, m.end), []).append(m)
    units = []
    for (start, end), group in sorted(spans.items()):
        if units and start < units[-1].end + sentence.start:
            continue
        units.append(relations.MentionSpan(start - sentence.start, end - sentence.start, tuple(m.org for m in group),
                                           all(m.resolved for m in group), group[0].possessive))
    return units


def parse_readings(doc, mentions, registry) -> dict[int, relations.Parsed]:
    """Sentence index -> what the dependency rules read in each sentence of ``doc``.

    Each sentence is parsed with its named mentions masked as plain one-word company names, which the
    parser reads more reliably than rare or multi-word names; offsets are mapped back to the sentence.
    Proper names the rules put in a party's place become organizations too (graph.extract.mentions.namer)."""
    return _read(*_parsed(_masked(doc, mentions)), mentions, registry)


def _parsed(sentences: list[tuple]) -> tuple[list[tuple], list]:
    """The (sentence, masked text) pairs and the parses of the texts, in one spaCy stream; a sentence the parser
    read with no verb though its opening names have one (relations.reworded) parsed again reworded, in a second
    stream, and taken so when the parser then reads the verb."""
    parses = list(nlp.parses(m.text for _, m in sentences))
    retries = {i: r for i, ((_, m), parsed) in enumerate(zip(sentences, parses))
               if (r := relations.reworded(m, parsed)) is not None}
    if not retries:
        return sentences, parses
    sentences = list(sentences)
    for (i, retry), parsed in zip(retries.items(), nlp.parses(r.masked.text for r in retries.values())):
        if retry.accepted(parsed):
            sentences[i], parses[i] = (sentences[i][0], retry.masked), parsed
    return sentences, parses


def _masked(doc, mentions) -> list[tuple]:
    """(sentence, its masked text) for the sentences of ``doc`` that can hold a fact, or end one told before
    ('the talks fell apart')."""
    out = []
    by_sentence = _by_sentence(mentions)
    for sentence in doc.sentences:
        units = _units(sentence, by_sentence.get(sentence.index, []))
        if _two_parties(sentence.text, units) or rules.points_back(sentence.text):
            out.append((sentence, relations.mask(sentence.text, units)))
    return out


def _two_parties(text: str, units: list[relations.MentionSpan]) -> bool:
    """Whether a sentence names two possible parties: mentions, or capitalised words outside them (a company
    the parse may discover). The others are not parsed: no rule can read a fact there."""
    outside = text
    for unit in reversed(units):
        outside = outside[:unit.start] + " " + outside[unit.end:]
    capitalised = sum(1 for word in outside.split() if word[:1].isupper())
    return sum(len(unit.orgs) for unit in units) + min(capitalised, 2) >= 2  # 'the two companies' names two


def _read(sentences: list[tuple], parses: list, mentions, registry) -> dict[int, relations.Parsed]:
    """Sentence index -> the readings of each masked sentence's parse."""
    found = {normalize_name(m.org.label): m.org for m in mentions}
    return {sentence.index: relations.read(parsed[:], masked, namer(parsed, registry, found))
            for (sentence, masked), parsed in zip(sentences, parses)}


def _to_judge(sentences: list[tuple], parses: list, mentions, registry) -> list:
    """The parses of the masked sentences with proper names the entity recognizer must judge (the namer of _read
    runs it on any other it asks about, one sentence at a time)."""
    found = {normalize_name(m.org.label): m.org for m in mentions}
    return [parsed for (_, masked), parsed in zip(sentences, parses)
            if relations.names_to_judge(parsed[:], masked, lambda text: could_name(text, registry, found))]


def _rebound(doc, mentions, readings: dict[int, relations.Parsed]) -> tuple:
    """The mentions with each 'its' or 'it' the parse bound in its sentence pointing where the parse says."""
    bound = {(index, b.anchor): b.orgs for index, parsed in readings.items() for b in parsed.bindings}
    out = []
    for m in mentions:
        pronoun = m.resolved and m.surface.lower() in ("its", "it")
        orgs = bound.get((m.sentence, m.start - doc.sentences[m.sentence].start)) if pronoun else None
        out.append(replace(m, org=orgs[0]) if orgs and m.org not in orgs else m)
    return tuple(out)


def _continued(doc, mentions, readings: dict[int, relations.Parsed]) -> tuple:
    """The mentions with a singular 'it'/'its' opening a sentence re-pointed when coreference gave it a member
    of the previous sentence's coordinated subject ('Toyota and Denso are investing $667 million and SoftBank
    will pour $333 million. It is already ...': not Toyota): the last single company the parse read as a clause
    subject there."""
    out = list(mentions)
    for k, m in enumerate(mentions):
        previous = readings.get(m.sentence - 1)
        if not (m.resolved and m.surface.lower() in ("it", "its") and previous is not None
                and m.start == doc.sentences[m.sentence].start):
            continue
        groups = [orgs for orgs in previous.subjects if len(orgs) > 1]
        single = [orgs[0] for orgs in previous.subjects if len(orgs) == 1]
        if groups and m.org in groups[0] and single and single[-1] not in groups[0]:
            out[k] = replace(m, org=single[-1])
    return tuple(out)


def _as_candidates(readings: dict[int, relations.Parsed]) -> dict[int, list[Candidate]]:
    """Readings as the candidates the merge takes; a cited outlet is never a party (FACTS.md)."""
    return {index: [Candidate(r.relation, r.subject, r.object, r.status, index, r.rule, r.confidence, r.anchor)
                    for r in parsed.readings if not any(o is not None and o.is_media for o in (r.subject, r.object))]
            for index, parsed in readings.items()}


def _discovered(parsed: dict[int, list[Candidate]], mentions, described: list) -> tuple:
    """Companies the parse discovered (as parties, or described as companies) that no mention names yet."""
    named = {m.org for m in mentions}
    parties = [org for found in parsed.values() for c in found for org in (c.subject, c.object)]
    return tuple(dict.fromkeys(org for org in parties + described
                               if org is not None and not org.reference and org not in named))


def _relabelled(parsed: dict[int, list[Candidate]], mentions) -> dict[int, list[Candidate]]:
    """The candidates with each discovered company replaced by the mentions' one for the same name (mentions
    may have relabelled it by the short name the article uses, keeping the long one as an alias)."""
    final = {normalize_name(name): m.org for m in mentions if not m.org.reference
             for name in (m.org.label, *m.org.aliases)}

    def same(org):
        return org if org is None or org.reference else final.get(normalize_name(org.label), org)
    return {index: [replace(c, subject=same(c.subject), object=same(c.object)) for c in found]
            for index, found in parsed.items()}


def _co_owners(candidates: list[Candidate]) -> list[Candidate]:
    """Companies a sentence says each hold the same company are partners ("X and Y each own half of Z"); owners
    of a company other than a venture only when one reading names them as holding it now (not "X owns 80%, and
    Y keeps the rest", nor buyers who each agree to take a share), and, for a company the registry knows, only
    when they own it in a way other than by a portion of its shares ("X and Y jointly own Z"; but shareholders
    of Honda who "all hold Honda shares" are no partners)."""
    owners: dict = {}
    rounds = rules.funding_rules()  # investors in one funding round are not partners
    portions = rules.portion_rules()  # nor holders of a portion of a listed company's shares
    for c in candidates:
        if (c.relation == "investment" and c.status != "ended" and c.rule not in rounds
                and (c.object.is_venture or (c.status == "active" and not (
                    c.object.reference and c.rule in portions)))):
            key = c.object if c.object.is_venture else (c.object, c.anchor)  # a venture's owners, or one reading's
            owners.setdefault(key, []).append(c)
    out = []
    for held in owners.values():
        for a, b in combinations(held, 2):
            if a.subject != b.subject:
                out.append(Candidate("partnership", a.subject, b.subject, a.status, a.sentence,
                                     "co-owners", min(a.confidence, b.confidence) - 0.2, a.anchor))
    return out


def _without_denied(candidates: list[Candidate], sentence, units) -> list[Candidate]:
    """"Toyota denied the report." takes back what the sentence before reported about Toyota."""
    if not rules.sentence_pattern("denial_of_report").search(sentence.text):
        return candidates
    deniers = {org for u in units for org in u.orgs}
    return [c for c in candidates if c.sentence != sentence.index - 1 or c.status == "ended"
            or not ({c.subject, c.object} & deniers)]


class _Topic:
    """The article's main company so far: the party named most often (by name) in the sentences counted, the
    first named winning a tie (kept as running counts, so an article costs time in proportion to its length)."""

    def __init__(self) -> None:
        self.counts: dict = {}
        self.first: dict = {}

    def count(self, mentions) -> None:
        """Add one sentence's mentions."""
        for m in mentions:
            if not m.org.is_media and not m.resolved:  # named: 'the companies' repeats no name
                self.counts[m.org] = self.counts.get(m.org, 0) + 1
                self.first.setdefault(m.org, m.start)

    def leader(self):
        """The main company of the sentences counted so far, or None."""
        return max(self.counts, key=lambda org: (self.counts[org], -self.first[org])) if self.counts else None


def _by_sentence(mentions) -> dict[int, list]:
    """Sentence index -> its mentions, in text order."""
    out: dict[int, list] = {}
    for m in mentions:
        out.setdefault(m.sentence, []).append(m)
    return out


def _rivals(sentence, mentions) -> list[Candidate]:
    """A plural nominal that calls its members rivals ("the two German rivals") relates them as competitors."""
    spans: dict[tuple[int, int], list] = {}
    for m in mentions:
        if m.sentence == sentence.index and m.resolved and rules.sentence_pattern("rival_nominal").search(m.surface):
            spans.setdefault((m.start, m.end), []).append(m.org)
    return [Candidate("competition", a, b, None, sentence.index, "rival-nominal", 0.8, start - sentence.start)
            for (start, _), orgs in spans.items() for a, b in combinations(orgs, 2)]


def _founders(sentence, units: list[relations.MentionSpan], found: list[Candidate], earlier: list[Candidate],
              by_sentence: dict) -> list[Candidate]:
    """Partners who form a joint venture whose ownership the sentence states hold it ("a 50-50 joint venture"):
    partners read in a clause that names the venture, not in another ("X runs Y, a 50-50 venture with Z, and
    it agreed with W to ...": W holds no part of Y); for a venture the sentence reads no partners of, those read
    in the latest sentence before that named it ("A and B will form X. *The 50-50 venture* will ...")."""
    ventures = {org: [u.start for u in units if org in u.orgs] for u in units for org in u.orgs if org.is_venture}
    if not ventures or not rules.sentence_pattern("ownership_stated").search(sentence.text):
        return []
    out = []
    for c in found:
        if c.relation == "partnership" and c.subject not in ventures and c.object not in ventures:
            clause = _clause(sentence.text, c.anchor)[0]
            for venture, starts in ventures.items():
                if any(_clause(sentence.text, at)[0] == clause for at in starts):
                    out.extend(Candidate("investment", owner, venture, c.status, c.sentence, "founders",
                                         c.confidence - 0.1, c.anchor) for owner in (c.subject, c.object))
    held = {c.object for c in out}
    for venture in (v for v in ventures if v not in held):  # in the sentence's order: the output is the same
        out.extend(Candidate("investment", owner, venture, c.status, sentence.index, "founders",
                             c.confidence - 0.1, ventures[venture][0]) for c in _forming(venture, earlier, by_sentence)
                   for owner in (c.subject, c.object))
    return out


def _forming(venture, earlier: list[Candidate], by_sentence: dict) -> list[Candidate]:
    """The partnerships read in the latest earlier sentence that names ``venture`` and reads any: its founders."""
    named = {m.sentence for sentence_mentions in by_sentence.values() for m in sentence_mentions
             if m.org == venture}
    ties = [c for c in earlier if c.relation == "partnership" and c.sentence in named
            and venture not in (c.subject, c.object)]
    latest = max((c.sentence for c in ties), default=None)
    return [c for c in ties if c.sentence == latest]


def _key(c: Candidate) -> tuple[str, str, str]:
    """(relation, a, b): one fact per document, relation and pair (unordered for symmetric relations)."""
    a, b = c.subject.label, c.object.label
    if vocab.relations()[c.relation].symmetric:
        a, b = sorted((a, b))
    return c.relation, a, b


def _rank(status: str | None) -> int:
    """How advanced a status is, from the ontology's akg:rank (no status ranks lowest)."""
    return vocab.statuses()[status].rank if status is not None else 0


def _merge(doc, candidates: list[Candidate]) -> tuple[Fact, ...]:
    """One fact per relation and pair: the most advanced status, the first sentence stating it, fields unioned.
    A clause the dependency rules read states the status they read."""
    best: dict[tuple, Candidate] = {}
    fields: dict[tuple, list[str]] = {}
    support: dict[tuple, list[Candidate]] = {}
    candidates = [_settle_candidate(doc, c) for c in candidates]
    places = [_reading_place(doc, c) for c in candidates]
    parsed = {place for c, place in zip(candidates, places) if c.rule in _RULE_IDS}
    for c, place in zip(candidates, places):
        key = place[0]
        if c.subject.label == c.object.label:
            continue
        support.setdefault(key, []).append(c)
        if c.rule not in _RULE_IDS and c.status != "ended" and place in parsed:
            continue  # where a rule read the clause, its status stands over a derived one, unless that ends it
        if key not in best or _rank(c.status) > _rank(best[key].status):
            best[key] = c
        if c.relation in FIELD_RELATIONS:
            for f in _fields(_clause(doc.sentences[c.sentence].text, c.anchor)[1]):
                if f not in fields.setdefault(key, []):
                    fields[key].append(f)
    return tuple(_fact(doc, replace(c, confidence=_confidence(support[key])), fields.get(key, []))
                 for key, c in best.items())


def _reading_place(doc, c: Candidate) -> tuple:
    """(relation and pair, sentence, clause start) of a candidate: where a rule and the merge may read the same
    words."""
    return _key(c), c.sentence, _clause(doc.sentences[c.sentence].text, c.anchor)[0]


def _confidence(support: list[Candidate]) -> float:
    """How likely a fact is right, from its evidence: the strongest reading's own confidence, raised when two
    rules (or a rule and the merge's inferences) read it and when several sentences state it (measured with
    scripts/evaluate.py --reliability on every corpus; see the README)."""
    score = max(c.confidence for c in support)
    if len({c.rule for c in support}) > 1:
        score += CONFIDENCE_AGREEING
    if len({c.sentence for c in support}) > 1:
        score += CONFIDENCE_REPEATED
    return round(min(score, 0.99), 2)


@lru_cache(maxsize=4096)
def _clause(text: str, anchor: int) -> tuple[int, str]:
    """The clause of ``text`` holding offset ``anchor`` (clauses end at ';', 'while', 'but', ', and ...'),
    with its start offset (kept: a candidate's clause is asked for its date, place and fields)."""
    start, end = 0, len(text)
    for b in rules.sentence_pattern("clause_boundary").finditer(text):
        if b.end() <= anchor:
            start = b.end()
        elif b.start() > anchor:
            end = b.start()
            break
    return start, text[start:end]


def _settle_candidate(doc, c: Candidate) -> Candidate:
    """The candidate with its status settled by its date (see _settled)."""
    sentence = doc.sentences[c.sentence].text
    settled = _settled(c.status, sentence, _date(sentence, c.anchor, doc.date), doc.date)
    return c if settled == c.status else replace(c, status=settled)


def _fact(doc, c: Candidate, fields: list[str]) -> Fact:
    """The Fact a merged candidate becomes: its sentence is the evidence, the sentence's date its date."""
    sentence = doc.sentences[c.sentence].text
    return Fact(doc=doc.id, subject=c.subject.label, relation=c.relation, object=c.object.label, status=c.status,
                fields=tuple(fields), date=_date(sentence, c.anchor, doc.date), evidence=sentence,
                confidence=round(c.confidence, 2))


@lru_cache(maxsize=4096)
def _date(sentence: str, anchor: int, article_date: str | None) -> str | None:
    """The event's date: a date expression in the trigger's clause, else the article's date (kept: a candidate's
    date is asked when its status is settled and again for its fact)."""
    start, clause = _clause(sentence, anchor)
    return event_date(clause, anchor - start, article_date)


def _settled(status: str | None, sentence: str, when: str | None, article_date: str | None) -> str | None:
    """A company formed in a year before the article's, with nothing still to come, is up and running: active."""
    if status != "agreed" or not when or not article_date or when[:4] >= article_date[:4]:
        return status
    pattern = rules.sentence_pattern
    if not pattern("formed").search(sentence) or pattern("still_to_come").search(sentence):
        return status
    return "active"


@lru_cache(maxsize=None)
def _field_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """One whole-word, case-insensitive pattern per field: its preferred label and synonyms."""
    out = []
    for label, term in vocab.fields().items():
        words = sorted({label, *term.synonyms}, key=len, reverse=True)
        out.append((lexicon.words_regex(tuple(words), re.I), label))
    return tuple(out)


@lru_cache(maxsize=4096)
def _fields(text: str) -> tuple[str, ...]:
    """The fields of cooperation ``text`` names, as preferred labels, in text order (kept: the candidates of one
    clause ask for the same)."""
    found = []
    for regex, label in _field_patterns():
        m = regex.search(text)
        if m:
            found.append((m.start(), label))
    return tuple(label for _, label in sorted(found))


def _parties(facts: tuple[Fact, ...], candidates) -> tuple:
    """The Organization objects of every fact's subject and object, once each, in label order."""
    labels = {f.subject for f in facts} | {f.object for f in facts}
    orgs = {}
    for c in candidates:
        for org in (c.subject, c.object):
            if org.label in labels:
                orgs.setdefault(org.label, org)
    return tuple(orgs[label] for label in sorted(orgs))


def _cited(mentions) -> tuple:
    """The outlets and data providers the article names (cited sources, never parties)."""
    out = {}
    for m in mentions:
        if m.org.is_media:
            out.setdefault(m.org.label, m.org)
    return tuple(out[label] for label in sorted(out))
