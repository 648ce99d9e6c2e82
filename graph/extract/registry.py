"""The reference organizations, and the values names resolve to.

The registry holds the reference organizations of ontology/organizations.ttl
with a lookup from every label, alias and ticker; ``name_patterns`` compiles
the word lists of graph/extract/patterns/entities.json once; ``Organization``
and ``Mention`` are what stage 2 hands on.  This module sits below
graph.extract.spans, graph.extract.coref and graph.extract.mentions, which all
read it, so none of them needs to import another inside a function.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import ahocorasick
from rdflib import Graph

from graph import vocab
from graph.extract import lexicon

__all__ = ["Organization", "Mention", "Registry", "load_registry", "normalize_name", "strip_suffixes",
           "NamePatterns", "name_patterns"]


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

    @property
    def is_venture(self) -> bool:
        """Whether this is a joint venture (a company its founders hold)."""
        return self.kind == lexicon.entities()["joint_venture_kind"]


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
        wd = str(vocab.WD)
        same = sorted(str(o)[len(wd):] for o in g.objects(s, vocab.OWL.sameAs) if str(o).startswith(wd))
        country = g.value(s, A.country)
        yield Organization(
            label=str(label), kind=specific[0],
            aliases=tuple(sorted(str(a) for a in g.objects(s, vocab.SKOS.altLabel))),
            tickers=tuple(sorted(str(t) for t in g.objects(s, A.ticker))),
            country=str(country) if country is not None else None,
            wikidata=same[0] if same else None)


# ---------------------------------------------------------------- patterns


def _alternation(words) -> str:
    """A regex alternation of ``words``, escaped, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class NamePatterns:
    """Regular expressions compiled once from graph/extract/patterns/entities.json."""

    legal: re.Pattern
    legal_tail: re.Pattern
    descriptor_tail: re.Pattern
    corporate_tail: re.Pattern
    discovered: re.Pattern
    country_prefix: re.Pattern
    country_opening: re.Pattern
    country_after: re.Pattern
    ticker: re.Pattern
    possessive: re.Pattern
    jv_names: tuple[re.Pattern, ...]
    descriptor_names: re.Pattern
    person_titles: frozenset
    stopwords: frozenset
    not_orgs: frozenset
    title_words: frozenset
    exchange_prefix: re.Pattern
    institution_heads: re.Pattern
    brand_heads: re.Pattern
    hyphen_modifier: re.Pattern
    generic_words: frozenset
    wire_slug: re.Pattern
    wire_attribution: re.Pattern
    dateline: re.Pattern


_NAME_TOKEN = (r"(?:[A-ZÀ-ÖØ-Þ](?:[\w&'’.]|-(?=[A-Z0-9])){0,40}[\w.]|[A-ZÀ-ÖØ-Þ]"
               r"|[0-9][\w-]{0,40}[A-Za-z][\w-]{0,40}|e[A-Z][\w-]{0,40}|[a-z]-[A-Z][\w-]{0,40})")
"""One word of a name, capitalised in Latin-1 too ('Öhlins'). Bounded, so a 20,000-letter capitalised token costs
linear time, not quadratic."""


@lru_cache(maxsize=None)
def name_patterns() -> NamePatterns:
    """The regular expressions of graph/extract/patterns/entities.json, compiled once."""
    data = lexicon.entities()
    legal = _alternation(data["legal_suffixes"])
    groups = _alternation(data["group_suffixes"])
    corporate = _alternation(data["corporate_suffixes"] + data["legal_suffixes"])
    countries = [n for c in data["countries"].values() for n in c["names"]]
    name = rf"{_NAME_TOKEN}(?:[ ]+{_NAME_TOKEN}){{0,5}}"
    jv = tuple(re.compile(p.replace("NAME", rf"{name}(?:,?\s+(?:{legal})(?![\w]))*"))
               for p in data["joint_venture_names"])
    pats = NamePatterns(
        legal=re.compile(rf"^,?\s+(?:{legal}|{groups})(?![\w])"),
        legal_tail=re.compile(rf"(?:,?\s+(?:{legal}))+\s*$"),
        descriptor_tail=re.compile(rf"\s+(?:{groups}|{_alternation(data['lookup_descriptors'])})\s*$"),
        corporate_tail=re.compile(rf"(?:\s+(?:{corporate}|{_alternation(data['short_name_tails'])}))+\s*$"),
        discovered=re.compile(rf"(?<![\w.&-])(?P<name>{_NAME_TOKEN}(?:[ ]+{_NAME_TOKEN}){{0,5}}?)[ ]+"
                              rf"(?P<suffix>(?:{corporate})(?:,?[ ]+(?:{corporate}))*)(?![\w-])"),
        country_prefix=re.compile(rf"(?:{_alternation(countries)})(?:'s|’s)\s+$"),
        country_opening=re.compile(rf"(?:{_alternation(countries)})(?:'s|’s)\s+"),
        country_after=re.compile(rf" (?:(?:do|de|da|del) )?(?:{_alternation(countries)})(?![\w-])"),
        ticker=re.compile(r"^\s*\(([^()]{1,40})\)|^\s+([A-Z0-9][A-Z0-9]{0,5}(?:\.[A-Z]{1,2})?)(?![\w(])"),
        possessive=re.compile(r"^(?:'s|’s|'|’)(?![\w])"),
        jv_names=jv,
        descriptor_names=re.compile(data["descriptor_names"].replace("NAME", rf"{_NAME_TOKEN}(?:[ ]+{_NAME_TOKEN}){{0,3}}")),
        person_titles=frozenset(data["person_titles"]),
        stopwords=frozenset(data["name_stopwords"]),
        not_orgs=frozenset(data["not_organizations"]),
        title_words=frozenset(data["title_function_words"]),
        exchange_prefix=re.compile(data["exchange_prefix"]),
        wire_slug=re.compile(data["wire_slug"]),
        wire_attribution=re.compile(data["wire_attribution"]),
        dateline=re.compile(data["dateline"]),
        institution_heads=re.compile(data["institution_heads"]),
        brand_heads=re.compile(data["brand_heads"]),
        hyphen_modifier=re.compile(rf"-(?:{_alternation(data['org_hyphen_modifiers'])})\b"),
        generic_words=frozenset(data["generic_name_words"] + data["corporate_suffixes"] + data["lookup_descriptors"]),
    )
    return pats


def strip_suffixes(name: str, descriptors: bool = False, once: bool = False) -> str:
    """``name`` without legal suffixes ("Honda Motor Co., Ltd." -> "Honda Motor"), and descriptors if asked."""
    pats = name_patterns()
    stem = _unstripped(name, pats.legal_tail.sub("", name.strip().rstrip(",")).strip())
    while descriptors and pats.descriptor_tail.search(stem):
        stem = _unstripped(stem, pats.legal_tail.sub("", pats.descriptor_tail.sub("", stem)).strip())
        if once:
            break
    return stem


def _unstripped(name: str, stem: str) -> str:
    """``stem``, or ``name`` whole when stripping left an ampersand dangling ('Lynk & Co' is a name, not 'Lynk &')."""
    return name.strip().rstrip(",") if stem.endswith("&") else stem
