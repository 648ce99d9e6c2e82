"""Stage 2, mentions: Document -> organization mentions linked to the reference list.

Names are found in one pass of an Aho-Corasick automaton over every alias and
ticker of ontology/organizations.ttl (longest match wins, so "Mitsubishi
Motors" is never "Mitsubishi Corporation"); legal suffixes, tickers and
possessives are absorbed into the mention. Companies missing from the list
are discovered by their corporate suffix ("Keihin Corp.") or as named joint
ventures ("Mobile Drive, a 50-50 joint venture"). Nominals such as "the two
companies" are resolved by graph.coref. The word lists are data
(graph/patterns/entities.json).
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import ahocorasick
from rdflib import Graph

from graph import lexicon, vocab

__all__ = ["Organization", "Mention", "Registry", "load_registry", "find_mentions", "normalize_name"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Organization:
    """An organization: canonical short ``label`` plus what the text may call it.

    ``kind`` is the local name of its ontology class (e.g. 'Automaker',
    'TechnologyCompany', 'BatteryMaker', 'Supplier', 'MediaOrganization',
    'JointVenture', 'Organization'); ``reference`` is False for companies
    discovered in text rather than read from ontology/organizations.ttl.
    """

    label: str
    kind: str = "Organization"
    aliases: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    country: str | None = None
    wikidata: str | None = None  # a Q-id, only when listed in ontology/organizations.ttl
    reference: bool = True

    @property
    def is_media(self) -> bool:
        """Whether this is an outlet or data provider, which is cited but never a party."""
        return self.kind == lexicon.entities()["media_kind"]


@dataclass(frozen=True)
class Mention:
    """A span of a document's text that names (or points back at) an organization.

    ``resolved`` is True when the span is a nominal or pronoun ("the two
    companies", "its partner") read through coreference; a plural nominal
    gives one Mention per organization it points at, all with the same span.
    ``possessive`` is True when the span ends in "'s".
    """

    org: Organization
    start: int
    end: int
    surface: str
    sentence: int  # index into Document.sentences
    resolved: bool = False
    possessive: bool = False


def normalize_name(name: str) -> str:
    """Lower-case, straight apostrophes, single spaces: the key names are looked up by."""
    return re.sub(r"\s+", " ", name.replace("’", "'")).strip().lower()


class Registry:
    """The reference organizations, with a lookup from every alias and ticker."""

    def __init__(self, organizations) -> None:
        self.organizations: tuple[Organization, ...] = tuple(sorted(organizations, key=lambda o: o.label))
        self._by_name: dict[str, Organization] = {}
        self._by_ticker: dict[str, Organization] = {}
        for org in self.organizations:
            for ticker in org.tickers:
                self._by_ticker.setdefault(ticker, org)
            for name in (org.label, *org.aliases):
                self._by_name.setdefault(normalize_name(name), org)

    def __len__(self) -> int:
        return len(self.organizations)

    def __iter__(self):
        return iter(self.organizations)

    def by_ticker(self, ticker: str) -> Organization | None:
        """The organization trading under ``ticker`` (exact, upper case)."""
        return self._by_ticker.get(ticker)

    def by_name(self, name: str) -> Organization | None:
        """The organization whose label or alias is ``name`` (case-insensitive)."""
        return self._by_name.get(normalize_name(name))

    def lookup(self, name: str) -> Organization | None:
        """The organization ``name`` stands for: a ticker, a label, an alias, or one of those plus suffixes."""
        found = self.by_ticker(name.strip()) or self.by_name(name)
        stem = strip_suffixes(name)
        while found is None and stem:
            found = self.by_name(stem)
            shorter = strip_suffixes(stem, descriptors=True, once=True)
            if shorter == stem:
                break
            stem = shorter
        return found

    @cached_property
    def automaton(self) -> ahocorasick.Automaton:
        """Aho-Corasick automaton over lower-cased labels, aliases and tickers."""
        auto = ahocorasick.Automaton()
        entries: dict[str, list[tuple[str, Organization, bool]]] = {}
        for org in self.organizations:
            for name in {org.label, *org.aliases}:
                entries.setdefault(normalize_name(name), []).append((name, org, False))
            for ticker in org.tickers:
                if len(ticker) > 1:
                    entries.setdefault(ticker.lower(), []).append((ticker, org, True))
        for key, values in entries.items():
            auto.add_word(key, (key, tuple(values)))
        if entries:
            auto.make_automaton()
        return auto


def load_registry(path=None) -> Registry:
    """Read the reference organizations (default: the packaged ontology/organizations.ttl)."""
    if path is None:
        g = vocab.organizations_graph()
    else:
        g = Graph()
        g.parse(Path(path), format="turtle")
    return Registry(_organizations(g))


def _organizations(g: Graph):
    """Yield an Organization for every resource typed with an organization class."""
    kinds = {iri: name for name, iri in vocab.org_kinds().items()}
    A = vocab.akg()
    subjects = {s for s, cls in g.subject_objects(vocab.RDF.type) if cls in kinds}
    for s in sorted(subjects):
        label = g.value(s, vocab.RDFS.label)
        if label is None:
            continue
        classes = sorted(kinds[c] for c in g.objects(s, vocab.RDF.type) if c in kinds)
        specific = [k for k in classes if k != "Organization"] or classes
        same = sorted(str(o)[len(str(vocab.WD)):] for o in g.objects(s, vocab.OWL.sameAs) if str(o).startswith(str(vocab.WD)))
        country = g.value(s, A.country)
        yield Organization(
            label=str(label), kind=specific[0],
            aliases=tuple(sorted(str(a) for a in g.objects(s, vocab.SKOS.altLabel))),
            tickers=tuple(sorted(str(t) for t in g.objects(s, A.ticker))),
            country=str(country) if country is not None else None,
            wikidata=same[0] if same else None)


# ---------------------------------------------------------------- patterns


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    """Regular expressions compiled once from graph/patterns/entities.json."""

    legal: re.Pattern
    legal_tail: re.Pattern
    descriptor_tail: re.Pattern
    discovered: re.Pattern
    country_prefix: re.Pattern
    ticker: re.Pattern
    possessive: re.Pattern
    jv_names: tuple[re.Pattern, ...]
    stopwords: frozenset
    not_orgs: frozenset


_NAME_TOKEN = r"(?:[A-Z][\w&'’.-]*[\w.]|[A-Z]|[0-9][\w-]*[A-Za-z][\w-]*|e[A-Z][\w-]*)"


def _patterns() -> _Patterns:
    if _CACHE:
        return _CACHE[0]
    data = lexicon.entities()
    legal = _alternation(data["legal_suffixes"])
    groups = _alternation(data["group_suffixes"])
    corporate = _alternation(data["corporate_suffixes"] + data["legal_suffixes"])
    countries = [n for c in data["countries"].values() for n in c["names"]]
    name = rf"{_NAME_TOKEN}(?:[ ]+{_NAME_TOKEN}){{0,5}}"
    jv = tuple(re.compile(p.replace("NAME", rf"(?:smart\s+)?{name}(?:,?\s+(?:{legal})(?![\w]))*"))
               for p in data["joint_venture_names"])
    pats = _Patterns(
        legal=re.compile(rf"^,?\s+(?:{legal}|{groups})(?![\w])"),
        legal_tail=re.compile(rf"(?:,?\s+(?:{legal}))+\s*$"),
        descriptor_tail=re.compile(rf"\s+(?:{groups}|Global|International|Auto|Automobile|Automobiles|Technologies|Technology)\s*$"),
        discovered=re.compile(rf"(?<![\w.&-])(?P<name>{_NAME_TOKEN}(?:[ ]+{_NAME_TOKEN}){{0,5}}?)[ ]+"
                              rf"(?P<suffix>(?:{corporate})(?:,?[ ]+(?:{corporate}))*)(?![\w-])"),
        country_prefix=re.compile(rf"(?:{_alternation(countries)})(?:'s|’s)\s+$"),
        ticker=re.compile(r"^\s+\(?([A-Z0-9][A-Z0-9]{0,5}(?:\.[A-Z]{1,2})?)\)?(?![\w])|^\s*\(([^()]{1,40})\)"),
        possessive=re.compile(r"^(?:'s|’s|'|’)(?![\w])"),
        jv_names=jv,
        stopwords=frozenset(data["name_stopwords"]),
        not_orgs=frozenset(data["not_organizations"]),
    )
    _CACHE.append(pats)
    return pats


_CACHE: list[_Patterns] = []


def strip_suffixes(name: str, descriptors: bool = False, once: bool = False) -> str:
    """``name`` without legal suffixes ("Honda Motor Co., Ltd." -> "Honda Motor"), and descriptors if asked."""
    pats = _patterns()
    stem = pats.legal_tail.sub("", name.strip().rstrip(",")).strip()
    while descriptors and pats.descriptor_tail.search(stem):
        stem = pats.legal_tail.sub("", pats.descriptor_tail.sub("", stem)).strip()
        if once:
            break
    return stem


# ---------------------------------------------------------------- spans


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    org: Organization
    possessive: bool = False


def _lowered(text: str) -> str:
    """Lower-case ``text`` character by character, keeping every offset."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _case_ok(surface: str, alias: str, ticker: bool) -> bool:
    """Tickers match exactly; names need a capital wherever the alias has one at a word start."""
    if ticker:
        return surface == alias
    for have, want in zip(surface.split(), alias.split()):
        if want[:1].isupper() and not have[:1].isupper():
            return False
    return True


def _bounded(text: str, start: int, end: int) -> bool:
    """Whole-word match, not glued to a hyphenated modifier such as 'Renault-branded'."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-&"):
        return False
    after = text[end:end + 2]
    if after[:1].isalnum() or after[:1] == "&":
        return False
    return not re.match(r"-[a-z]", after)


def _named_spans(text: str, registry: Registry) -> list[_Span]:
    """Every registry alias or ticker occurring in ``text``, before choosing between overlaps."""
    if not len(registry.automaton):
        return []
    out = []
    for end, (key, entries) in registry.automaton.iter(_lowered(text)):
        start = end - len(key) + 1
        if not _bounded(text, start, end + 1):
            continue
        surface = text[start:end + 1]
        for alias, org, ticker in entries:
            if _case_ok(surface, alias, ticker):
                out.append(_Span(start, end + 1, org))
                break
    return out


def _extend(text: str, span: _Span, registry: Registry) -> _Span:
    """Absorb a country possessive before, and legal suffixes, tickers and a possessive after."""
    pats = _patterns()
    start, end = span.start, span.end
    prefix = pats.country_prefix.search(text, max(0, start - 30), start)
    if prefix and prefix.end() == start:
        start = prefix.start()
    after_suffix = bool(pats.legal_tail.search(text[start:end]))
    while True:
        rest = text[end:end + 60]
        m = pats.legal.match(rest)
        if m:
            end += m.end()
            after_suffix = True
            continue
        m = pats.ticker.match(rest)
        if m and _is_ticker(m.group(1) or m.group(2), span.org, registry, after_suffix):
            end += m.end()
            after_suffix = True
            continue
        break
    m = pats.possessive.match(text[end:end + 3])
    if m:
        return _Span(start, end + m.end(), span.org, True)
    return _Span(start, end, span.org)


def _is_ticker(token: str, org: Organization, registry: Registry, after_suffix: bool) -> bool:
    """Whether ``token`` right after a name is that company's ticker (or a parenthesised short name)."""
    token = token.strip()
    if token in org.tickers or registry.by_name(token) is org:
        return True
    other = registry.by_ticker(token) or registry.by_name(token)
    if other is not None:
        return False
    return after_suffix and bool(re.fullmatch(r"[A-Z]{1,6}|[0-9]{4}\.[A-Z]{1,2}", token))


def _discovered_spans(text: str, registry: Registry, found: dict[str, Organization]) -> list[_Span]:
    """Companies named with a corporate suffix or as a joint venture, linked to the registry when known."""
    pats = _patterns()
    out = []
    for m in pats.discovered.finditer(text):
        span = _candidate(text, m.start("name"), m.end(), registry, found, jv=False)
        if span:
            out.append(span)
    for pattern in pats.jv_names:
        for m in pattern.finditer(text):
            span = _candidate(text, m.start("name"), m.end("name"), registry, found, jv=True)
            if span:
                out.append(span)
    return out


def _candidate(text: str, start: int, end: int, registry: Registry, found: dict, jv: bool) -> _Span | None:
    """A discovered name's span and organization, after dropping leading stop-words."""
    pats = _patterns()
    while True:
        word = re.match(r"(\S+)\s+", text[start:end])
        if not word or not (word.group(1) in pats.stopwords or re.search(r"(?:'s|’s)$", word.group(1))):
            break
        start += word.end()
    name = text[start:end].rstrip(", ")
    end = start + len(name)
    if not name or name in pats.stopwords or any(bad in name for bad in pats.not_orgs):
        return None
    if not jv and " " not in name:
        return None  # a lone suffix word ("Group", "Motors")
    org = registry.lookup(name)
    if org is None:
        org = _discovered_org(name, jv, found)
    return _Span(start, end, org) if org else None


def _discovered_org(name: str, jv: bool, found: dict) -> Organization | None:
    """The per-document organization for a name missing from the registry (one object per label)."""
    label = strip_suffixes(name)
    if not label or label in _patterns().stopwords:
        return None
    data = lexicon.entities()
    kind = data["joint_venture_kind"] if jv else data["discovered_kind"]
    key = normalize_name(label)
    org = found.get(key) or Organization(label=label, kind=kind, aliases=(name,) if name != label else (), reference=False)
    if jv and org.kind != kind:
        org = replace(org, kind=kind)
    found[key] = org
    return org


def _choose(spans: list[_Span]) -> list[_Span]:
    """Non-overlapping spans, longest first, then earliest (so the longer name always wins)."""
    taken: list[_Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def _rediscover(text: str, found: dict[str, Organization]) -> list[_Span]:
    """Later bare mentions of companies discovered by suffix ("Hitachi Astemo" after "Hitachi Astemo Ltd.")."""
    out = []
    for org in found.values():
        for m in re.finditer(rf"(?<![\w-]){re.escape(org.label)}(?![\w-])", text):
            out.append(_Span(m.start(), m.end(), org))
    return out


def _refresh(spans: list[_Span], found: dict[str, Organization]) -> list[_Span]:
    """Point spans of discovered companies at their final Organization (a JV may be re-kinded later)."""
    out = []
    for s in spans:
        if not s.org.reference:
            s = replace(s, org=found.get(normalize_name(s.org.label), s.org))
        out.append(s)
    return out


def named_spans(text: str, registry: Registry) -> list[_Span]:
    """The chosen spans of named organizations (reference or discovered) in ``text``."""
    found: dict[str, Organization] = {}
    discovered = _discovered_spans(text, registry, found)
    spans = _named_spans(text, registry) + discovered + _rediscover(text, found)
    out: list[_Span] = []
    for span in (_extend(text, s, registry) for s in _refresh(_choose(spans), found)):
        if not out or span.start >= out[-1].end:
            out.append(span)
    return out


def find_mentions(doc, registry: Registry) -> tuple[Mention, ...]:
    """Every organization mention in ``doc``, in text order, nominals resolved to what they point at."""
    from graph import coref

    starts = [s.start for s in doc.sentences]
    mentions = []
    for span in named_spans(doc.text, registry):
        index = max(0, bisect.bisect_right(starts, span.start) - 1)
        mentions.append(Mention(span.org, span.start, span.end, doc.text[span.start:span.end], index,
                                possessive=span.possessive))
    return tuple(sorted(mentions + list(coref.resolve(doc, mentions)), key=lambda m: (m.start, m.end)))
