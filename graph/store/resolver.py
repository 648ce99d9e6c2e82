"""Names however typed: organizations by label, alias, ticker, Wikidata id or suffix variant; enumerated values.

``NameResolver`` answers for the organizations of one graph (read with
``organizations_query()``, so a discovered company counts) and the reference
list of ontology/organizations.ttl; a name that matches nothing raises
``UnknownValueError`` with "did you mean ...?" suggestions. ``resolve_value``
does the same for the enumerated values of query parameters (status, field,
relation: read from the ontology through graph.vocab) and checks dates.

Example:
    >>> names = NameResolver.reference()
    >>> [names.resolve(n).label for n in ("nissan", "TSLA", "Nissan Motor Co., Ltd.", "Q20165")]
    ['Nissan', 'Tesla', 'Nissan', 'Nissan']
    >>> names.resolve("Nisan")
    Traceback (most recent call last):
    graph.errors.UnknownValueError: no organization named 'Nisan'; did you mean Nissan?
    >>> resolve_value("status", "Active")
    'active'
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date
from functools import cached_property, lru_cache

from rapidfuzz import fuzz, process

from graph import vocab
from graph.errors import UnknownValueError
from graph.extract.registry import Organization, Registry, load_registry, normalize_name

__all__ = ["NameResolver", "organizations_query", "VALUE_KINDS", "suggest", "allowed_values", "resolve_value",
           "resolve_params"]

SUGGESTIONS = 3
"""Most "did you mean" candidates an error names."""
SIMILARITY = 80
"""Lowest rapidfuzz WRatio score (0-100) of a candidate worth suggesting."""
CLOSE = 5
"""Candidates scoring more than this below the best one are left out ('Tesla Motors' suggests Tesla, not GM)."""


@lru_cache(maxsize=None)
def organizations_query() -> str:
    """SPARQL for every organization of a graph with its aliases, tickers and Wikidata link, one value a row."""
    kinds = " ".join(f"akg:{kind}" for kind in vocab.org_kinds())
    return ("SELECT DISTINCT ?label ?key ?value WHERE {\n"
            f"  VALUES ?kind {{ {kinds} }}\n"
            "  ?org a ?kind ; rdfs:label ?label .\n"
            "  OPTIONAL { VALUES ?key { skos:altLabel akg:ticker owl:sameAs } ?org ?key ?value }\n}")


_QID = re.compile(r"Q[1-9]\d*", re.IGNORECASE)
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _qid(text: str) -> str | None:
    """The Wikidata id in 'Q20165', 'wd:Q20165' or the entity's IRI, upper-cased; None for anything else."""
    for prefix in (str(vocab.WD), "wd:"):
        text = text.removeprefix(prefix)
    return text.upper() if _QID.fullmatch(text) else None


def suggest(value: str, choices: Mapping[str, str]) -> list[str]:
    """The names ``value`` is most like: ``choices`` maps each normalized spelling to the name it stands for."""
    found = process.extract(normalize_name(value), list(choices), scorer=fuzz.WRatio, processor=None,
                            limit=None, score_cutoff=SIMILARITY)
    best = max((score for _, score, _ in found), default=0)
    names = dict.fromkeys(choices[spelling] for spelling, score, _ in found if score >= best - CLOSE)
    return list(names)[:SUGGESTIONS]


def _did_you_mean(names: list[str]) -> str:
    """'; did you mean A?' or '; did you mean A, B or C?' ('' for no names)."""
    if not names:
        return ""
    return "; did you mean " + (names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}") + "?"


@lru_cache(maxsize=None)
def _reference() -> tuple[Organization, ...]:
    """The reference organizations, read once per process: every query naming an organization merges them in."""
    return tuple(load_registry())


class NameResolver:
    """Organization names however typed, for one graph and the reference list."""

    def __init__(self, organizations: Iterable[Organization]) -> None:
        self.registry = Registry(organizations)
        self._by_qid = {org.wikidata.upper(): org for org in self.registry if org.wikidata}

    @classmethod
    def reference(cls) -> NameResolver:
        """The reference organizations only (ontology/organizations.ttl)."""
        return cls(_reference())

    @classmethod
    def from_rows(cls, rows: Iterable[tuple]) -> NameResolver:
        """The organizations of ``organizations_query()``'s rows, with the reference list's names for the same labels."""
        found: dict[str, dict[str, list]] = {}
        for label, key, value in rows:
            values = found.setdefault(str(label), {})
            if key is not None:
                values.setdefault(str(key), []).append(value)
        orgs = {org.label: org for org in _reference()}
        for label, values in found.items():
            orgs[label] = _merged(orgs.get(label), _organization(label, values))
        return cls(orgs.values())

    def lookup(self, name: str) -> Organization | None:
        """The organization ``name`` stands for: label, alias or ticker in any case, Wikidata id, suffix variant."""
        text = name.strip()
        return (self.registry.lookup(text) or self.registry.by_ticker(text.upper())
                or self.registry.lookup(text.title())  # suffixes are matched as news writes them: 'Co., Ltd.'
                or self._by_qid.get(_qid(text)))

    def resolve(self, name: str) -> Organization:
        """The organization ``name`` stands for; UnknownValueError naming the closest names otherwise."""
        org = self.lookup(name)
        if org is None:
            suggestions = self.suggestions(name)
            hint = _did_you_mean(suggestions) or " (`akg query ranking` lists the organizations with relations)"
            raise UnknownValueError(f"no organization named {name!r}{hint}")
        return org

    def suggestions(self, name: str) -> list[str]:
        """Labels of the organizations whose label, alias or ticker is closest to ``name``."""
        return suggest(name, self.index)

    @cached_property
    def index(self) -> dict[str, str]:
        """Every normalized label, alias, ticker and Wikidata id -> canonical label (for suggestions and the page)."""
        out: dict[str, str] = {}
        for org in self.registry:
            for spelling in (org.label, *org.aliases, *org.tickers, *([org.wikidata] if org.wikidata else [])):
                out.setdefault(normalize_name(spelling), org.label)
        return out


def _merged(reference: Organization | None, seen: Organization) -> Organization:
    """``seen`` (from a graph) with the aliases, tickers and Wikidata id the reference list gives the same label."""
    if reference is None:
        return seen
    return replace(reference, aliases=tuple(sorted({*reference.aliases, *seen.aliases})),
                   tickers=tuple(sorted({*reference.tickers, *seen.tickers})),
                   wikidata=seen.wikidata or reference.wikidata)


def _organization(label: str, values: Mapping[str, list]) -> Organization:
    """An Organization from one graph's statements about it (predicate IRI -> objects)."""
    A = vocab.akg()
    same = [str(v)[len(str(vocab.WD)):] for v in values.get(str(vocab.OWL.sameAs), ())
            if str(v).startswith(str(vocab.WD))]
    return Organization(label=label, aliases=tuple(sorted(str(v) for v in values.get(str(vocab.SKOS.altLabel), ()))),
                        tickers=tuple(sorted(str(v) for v in values.get(str(A.ticker), ()))),
                        wikidata=min(same, default=None))


# --- enumerated values of query parameters ----------------------------------------------------------------------

ENUMERATED = ("status", "field", "relation")
VALUE_KINDS = ("text", "organization", *ENUMERATED, "date")
"""What a query parameter may hold (``# param: NAME <kind>  help``); text is bound as given."""


def _choices(kind: str) -> dict[str, str]:
    """Normalized spelling -> value to bind, for an enumerated kind (keys, labels and synonyms from the ontology)."""
    if kind == "status":
        terms = {t.key: (t.key, t.label) for t in vocab.statuses().values()}
    elif kind == "relation":
        terms = {t.key: (t.key, t.label) for t in vocab.relations().values()}
    else:
        terms = {t.label: (t.label, *t.synonyms) for t in vocab.fields().values()}
    return {normalize_name(spelling): value for value, spellings in terms.items() for spelling in spellings}


def allowed_values(kind: str) -> tuple[str, ...]:
    """The values a parameter of an enumerated kind (status, field, relation) takes; () for the other kinds."""
    return tuple(dict.fromkeys(_choices(kind).values())) if kind in ENUMERATED else ()


def _date(value: str) -> str:
    """``value`` when it is an ISO year, month or date (the forms the graph's dates take)."""
    try:
        if _DATE.fullmatch(value.strip()):
            date.fromisoformat((value.strip() + "-01-01")[:10])
            return value.strip()
    except ValueError:
        pass
    raise UnknownValueError(f"{value!r} is not a date: give a year, month or day such as 2024, 2024-03 or 2024-03-15")


def resolve_value(kind: str, value: str) -> str:
    """The value to bind for a parameter of an enumerated kind or a date; UnknownValueError listing the allowed ones."""
    if kind == "date":
        return _date(value)
    if kind not in ENUMERATED:
        return value
    choices = _choices(kind)
    found = choices.get(normalize_name(value))
    if found is None:
        raise UnknownValueError(f"unknown {kind} {value!r}{_did_you_mean(suggest(value, choices))} "
                                f"(allowed: {', '.join(allowed_values(kind))})")
    return found


def resolve_params(kinds: Mapping[str, str], bindings: Mapping[str, str],
                   names: Callable[[], NameResolver]) -> dict[str, str]:
    """The bindings with every value resolved by its parameter's kind; ``names`` is called once, if a name is given."""
    resolver: NameResolver | None = None
    out = {}
    for name, value in bindings.items():
        kind = kinds.get(name, "text")
        if kind == "organization":
            resolver = resolver or names()
            out[name] = resolver.resolve(value).label
        else:
            out[name] = resolve_value(kind, value)
    return out
