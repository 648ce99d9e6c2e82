"""Names in text: the spans of a document that name an organization, before coreference.

Names are found in one pass of an Aho-Corasick automaton over every alias and
ticker of the registry (longest match wins, so "Mitsubishi Motors" is never
"Mitsubishi Corporation"); legal suffixes, tickers, a country possessive
("China's BYD") and a possessive "'s" are absorbed into the span. Companies
missing from the list are discovered by their corporate suffix ("Keihin
Corp.") or as named joint ventures ("Mobile Drive, a 50-50 joint venture").
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, replace

from graph.extract import lexicon
from graph.extract import rules as rulebook
from graph.extract.registry import Organization, Registry, name_patterns, normalize_name, strip_suffixes

__all__ = ["Span", "named_spans", "name_organization"]


@dataclass(frozen=True)
class Span:
    """A stretch of text naming one organization; ``possessive`` when it ends in "'s"."""

    start: int
    end: int
    org: Organization
    possessive: bool = False


def _lowered(text: str) -> str:
    """Lower-case ``text`` character by character, keeping every offset (a character whose lower case is longer,
    such as 'İ', stays as it is)."""
    lowered = text.lower()
    if len(lowered) == len(text) and "Σ" not in text:  # no character changed length, and no final sigma
        return lowered  # (which str.lower() reads in context): the usual case, in one call
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _case_ok(surface: str, alias: str, ticker: bool) -> bool:
    """Tickers match exactly; names need a capital wherever the alias has one at a word start."""
    if ticker:
        return surface == alias
    for have, want in zip(surface.split(), alias.split()):
        if want[:1].isupper() and not have[:1].isupper():
            return False
    return True


def _paired(text: str, start: int) -> bool:
    """A name after a hyphen joining capitalised names ('the Toyota-Panasonic venture', 'the Renault-Nissan-
    Mitsubishi alliance') or after a wire tag ('UPDATE 2-Honda'), not a word's tail."""
    before = text[max(0, start - 30):start]
    return bool(re.search(r"(?:^|\s)(?:[A-Z][\w]*-){1,3}$", before) or name_patterns().wire_slug.search(before))


def _bounded(text: str, start: int, end: int) -> bool:
    """Whole-word match, not glued to a hyphenated word ('Renault-branded'), except 'GM-backed' and kin."""
    hyphen = text[start - 1] == "-" and text[start - 2:start] != "--"  # "(Wire)--Honda" is a dash, not a hyphen
    glued = text[start - 1].isalnum() or text[start - 1] == "&" or (hyphen and not _paired(text, start))
    if start > 0 and glued:
        return False
    after = text[end:end + 2]
    if after[:1].isalnum() or after[:1] == "&":
        return False
    return not re.match(r"-[a-z]", after) or bool(name_patterns().hyphen_modifier.match(text, end))


def _named_spans(text: str, registry: Registry) -> list[Span]:
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
                out.append(Span(start, end + 1, org))
                break
    return out


def _extend(text: str, span: Span, registry: Registry) -> Span:
    """Absorb a country possessive before, and legal suffixes, tickers and a possessive after."""
    pats = name_patterns()
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
        return Span(start, end + m.end(), span.org, True)
    return Span(start, end, span.org)


def _is_ticker(token: str, org: Organization, registry: Registry, after_suffix: bool) -> bool:
    """Whether ``token`` right after a name is that company's ticker (or a parenthesised short name)."""
    token = name_patterns().exchange_prefix.sub("", token.strip())
    if token in org.tickers or registry.by_name(token) is org:
        return True
    other = registry.by_ticker(token) or registry.by_name(token)
    if other is not None:
        return False
    return after_suffix and bool(re.fullmatch(r"[A-Z]{1,6}|[0-9]{4}\.[A-Z]{1,2}", token))


def _discovered_spans(text: str, registry: Registry, found: dict[str, Organization]) -> list[Span]:
    """Companies named with a corporate suffix, as a joint venture, or after a descriptor ("startup Fisker")."""
    pats = name_patterns()
    out = []
    for how, pattern, name_end in (("suffix", pats.discovered, False), ("descriptor", pats.descriptor_names, True),
                                   *(("venture", p, True) for p in pats.jv_names)):
        for m in pattern.finditer(text):
            span = _candidate(text, m.start("name"), m.end("name") if name_end else m.end(), registry, found, how)
            if span:
                out.append(span)
    return out


def _candidate(text: str, start: int, end: int, registry: Registry, found: dict, how: str) -> Span | None:
    """A discovered name's span and organization, after dropping leading stop-words.

    ``how`` says what showed it is a company: its corporate "suffix", a "descriptor" before it, or a
    "venture" apposition (then it is a joint venture).
    """
    pats = name_patterns()
    owner = None
    while True:
        word = re.match(r"(\S+)\s+", text[start:end])
        if not word or _month_opened(text[start:end].split()) or not (
                word.group(1) in pats.stopwords or _POSSESSIVE_END.search(word.group(1))
                or _describes_companies(word.group(1))) or (
                how == "descriptor" and _names_with_place(word.group(1), text[start + word.end():end], registry)):
            break  # 'May Mobility' keeps its month
        owner = _possessor(word.group(1), registry, found)
        start += word.end()
    broken = _sentence_break(text, start, end)
    if broken is not None:  # a descriptor's name ends at the break ("its unit Cariad. In China"); a name its
        # suffix shows starts after it ("on Monday. Mitsubishi Motors")
        start, end = (start, broken[0]) if how == "descriptor" else (broken[1], end)
    country = pats.country_opening.match(text, start, end)  # "Saudi Arabia's Public Investment Fund"
    start = country.end() if country else start
    possessor = _LEADING_POSSESSOR.match(text, start, end)  # "Abu Dhabi's CYVN Holdings": the possessed name
    if possessor:
        owner = owner or _possessor(possessor.group(1), registry, found)
        start = possessor.end()
    name = _POSSESSIVE_END.sub("", _trimmed(text[start:end]))  # "automaker Chery's platform": the possessor
    end = start + len(name)
    words = name.split()
    if not name or name in pats.stopwords or any(bad in name for bad in pats.not_orgs):
        return None
    if how == "suffix" and len(words) == 1:
        return None  # a lone suffix word ("Group", "Motors")
    if any(word in pats.title_words for word in words[1:]) or any(w in pats.person_titles for w in words[1:]) or (
            how == "descriptor" and words[0] in pats.person_titles):
        return None  # a title-case headline ("Honda Team Up On EV Software"), a person's title, a model
    if pats.institution_heads.match(text, end):
        return None  # "Japan Automobile Manufacturers Association" is no company
    jv = how == "venture"
    org = registry.lookup(name) if not jv else registry.by_name(name) or registry.by_name(strip_suffixes(name))
    if org is None and how == "descriptor" and _place_or_person(name) and len(words) == 1:
        return None
    if org is None and owner is not None and _names_goods(text, end):
        return None  # "Google's Android Automotive operating system": a product its owner makes
    if org is None and owner is not None and all(w in pats.generic_words for w in words):
        org = _discovered_org(f"{owner.label} {name}", jv, found, also=name)  # "Uber's Advanced Technologies Group"
    if org is None:
        org = _discovered_org(name, jv, found)
    return Span(start, end, org) if org else None


def _names_goods(text: str, end: int) -> bool:
    """Whether the words right after a name end in goods or products (status.json 'goods', 'not_companies'),
    which the name premodifies ("Android Automotive *operating system*", "Snapdragon *chips*")."""
    words = rulebook.status_words()
    after = re.match(r"(?:\s+[a-z][\w-]*){1,2}", text[end:])
    last = after.group(0).split()[-1].lower() if after else ""
    return last in words["goods"] or last.rstrip("s") in words["goods"] or last in words["not_companies"]


_POSSESSIVE_END = re.compile(r"(?:'s|’s)$")
"""A word's possessive ending ("Uber's")."""
_LEADING_POSSESSOR = re.compile(r"((?:\S+ ){1,3}?\S+(?:'s|’s)) (?=\S+ \S)")
"""Words of a possessor opening a discovered name, when at least two words follow ("Abu Dhabi's CYVN Holdings",
but "Macy's Inc" stays whole)."""


def _possessor(word: str, registry: Registry, found: dict) -> Organization | None:
    """The company a possessive word names ("Uber's"), known or discovered, else None."""
    bare = _POSSESSIVE_END.sub("", word)
    if bare == word:
        return None
    return registry.lookup(bare) or found.get(normalize_name(strip_suffixes(bare)))


def _names_with_place(word: str, rest: str, registry: Registry) -> bool:
    """Whether a demonym right after a descriptor opens the company's name ("parts maker American Axle"),
    rather than describing a company the registry knows by the rest ("carmaker American Honda")."""
    return _place_or_person(word) and registry.lookup(_trimmed(rest)) is None


def _describes_companies(word: str) -> bool:
    """A capitalised common noun for companies opening a sentence ("Automakers General Motors and ...")."""
    return word.lower() in lexicon.entities()["kind_heads"] and word.lower() != "group"


def _sentence_break(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a sentence break inside a discovered name's span ends the one sentence and opens the next ("on
    Monday*. *Mitsubishi Motors"), or None."""
    for m in re.finditer(r"\b([A-Za-z]*[a-z]{2}|\d+)\.\s+(?=[A-Z])", text[start:end]):
        if m.group(1) not in _ABBREVIATIONS:
            return start + m.end(1), start + m.end()
    return None


_ABBREVIATIONS = frozenset({"Corp", "Inc", "Ltd", "Bros", "Intl", "Mfg", "Hldgs", "Dept"})


def _trimmed(name: str) -> str:
    """A name without trailing commas, or a sentence's full stop (kept after 'Inc.', 'Co.' or an initial)."""
    name = name.rstrip(", ")
    last = name.split()[-1] if name.split() else ""
    if last.endswith(".") and not name_patterns().legal_tail.search(name) and not re.fullmatch(r"(?:[A-Z]\.)+", last):
        name = name[:-1]
    return name


def _place_or_person(name: str) -> bool:
    """Names a descriptor may precede that are no company: countries and demonyms, or two-word personal names."""
    countries = {w.lower() for c in lexicon.entities()["countries"].values() for w in c["names"] + c["demonyms"]}
    return name.lower() in countries or name.split()[0].lower() in countries


def _discovered_org(name: str, jv: bool, found: dict, also: str | None = None,
                    record: bool = True) -> Organization | None:
    """The per-document organization for a name missing from the registry (one object per label; ``also``, a
    shorter name the text uses for it, finds it too), kept in ``found`` unless ``record`` is false."""
    label = strip_suffixes(name)
    if not label or label in name_patterns().stopwords or not name_patterns().corporate_tail.sub("", " " + label).strip():
        return None  # nothing but suffixes ("Corp.", "Group") names no company
    data = lexicon.entities()
    kind = data["joint_venture_kind"] if jv else data["discovered_kind"]
    key = normalize_name(label)
    org = found.get(key) or Organization(label=label, kind=kind, aliases=(name,) if name != label else (), reference=False)
    if jv and org.kind != kind:
        org = replace(org, kind=kind)
    if not record:
        return org
    found[key] = org
    if also is not None:
        found[normalize_name(strip_suffixes(also))] = org
    return org


def _choose(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, longest first, then earliest (so the longer name always wins)."""
    starts: list[int] = []  # the taken spans, kept sorted by start (they never overlap)
    taken: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        k = bisect.bisect_left(starts, span.start)
        if (k == len(taken) or span.end <= taken[k].start) and (k == 0 or taken[k - 1].end <= span.start):
            starts.insert(k, span.start)
            taken.insert(k, span)
    return taken


def _rediscover(text: str, found: dict[str, Organization], short: dict[str, Organization] | None = None) -> list[Span]:
    """Later bare mentions of companies discovered by suffix ("Hitachi Astemo" after "Hitachi Astemo Ltd."),
    and of the ``short`` names that stand for a listed company ("LG" for LG Electronics)."""
    names = [(org.label, org) for org in found.values()] + list((short or {}).items())
    out = []
    for name, org in names:
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            out.append(Span(m.start(), m.end(), org))
    return out


def _shorten_labels(text: str, found: dict[str, Organization]) -> None:
    """Label a discovered company by the short name the article also uses alone ("Farasis" for "Farasis
    Energy", "Spyker" for "Spyker Cars NV", "Yinwang" for "Shenzhen Yinwang Intelligent Technology"): descriptor
    words and a leading place dropped, the long form kept as an alias."""
    for key, org in list(found.items()):
        stem = name_patterns().corporate_tail.sub("", org.label)
        if org.reference or not stem or stem == org.label:
            continue
        if normalize_name(stem) in found:  # discovered under both names: one company, the short one
            found[key] = found[normalize_name(stem)]
            continue
        short_name = next((name for name in (stem, *_unplaced(stem)) if _used_alone(name, text)), None)
        if short_name is not None:
            short = replace(org, label=short_name, aliases=tuple(dict.fromkeys((org.label, *org.aliases))))
            found[key] = found[normalize_name(short_name)] = short


def _used_alone(name: str, text: str) -> bool:
    """Whether the text uses ``name`` on its own, not as the start of a longer capitalised name."""
    return bool(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-]|\s+[A-Z])", text))


def _unplaced(stem: str) -> list[str]:
    """The names a stem opened by a city or region leaves without it, longest first ("Shenzhen Yinwang
    Intelligent": "Yinwang Intelligent", "Yinwang"); none when no place opens it."""
    first, *rest = stem.split()
    if not rest or first.lower() not in lexicon.place_names():
        return []
    return [" ".join(rest[:k]) for k in range(len(rest), 0, -1)]


def _to_full_names(found: dict[str, Organization], named: list[Organization]) -> dict[str, Organization]:
    """A discovered name that opens the name of a listed company the article uses, or of another company it
    discovered, is that company ("LG" after "LG Electronics", "Harley" after "Harley-Davidson"): the first such
    listed company the article names, else the discovered one. Returns short name -> that company."""
    listed = {normalize_name(o.label): o for o in named}
    discovered = {key: org for key, org in found.items() if not org.reference}
    short = {}
    for key, org in list(found.items()):
        full = None if org.reference else _shortened(org.label, listed) or _shortened(org.label, discovered)
        if full is not None:
            found[key] = short[org.label] = full
    return short


def _refresh(spans: list[Span], found: dict[str, Organization]) -> list[Span]:
    """Point spans of discovered companies at their final Organization (a JV may be re-kinded later)."""
    out = []
    for s in spans:
        if not s.org.reference:
            s = replace(s, org=found.get(normalize_name(s.org.label), s.org))
        out.append(s)
    return out


def _national_units(text: str, named: list[Span], found: dict[str, Organization]) -> list[Span]:
    """A listed company's name followed by a country's, a Romance 'of' between them or not ("Toyota Argentina",
    "Hyundai Motor India", "Renault do Brasil"): the company's unit in that country, a company of its own."""
    out = []
    for span in named:
        m = name_patterns().country_after.match(text, span.end)
        if m:
            org = _discovered_org(text[span.start:m.end()], False, found)
            out += [Span(span.start, m.end(), org)] if org else []
    return out


def named_spans(text: str, registry: Registry, known: tuple[Organization, ...] = ()) -> list[Span]:
    """The chosen spans of named organizations (reference or discovered) in ``text``; ``known`` are companies
    already discovered in it (by the parse), found wherever their name stands."""
    found: dict[str, Organization] = {normalize_name(org.label): org for org in known}
    discovered = _discovered_spans(text, registry, found)
    named = _named_spans(text, registry)
    _shorten_labels(text, found)
    short = _to_full_names(found, [span.org for span in sorted(named, key=lambda span: span.start)])
    spans = named + discovered + _national_units(text, named, found) + _rediscover(text, found, short)
    out: list[Span] = []
    brand = name_patterns().brand_heads
    for span in (_extend(text, s, registry) for s in _refresh(_choose(spans), found)):
        if (not out or span.start >= out[-1].end) and not brand.match(text, span.end):
            out.append(span)  # not "the Lynk & Co car brand": a name the text uses as a brand is no party there
    return out


def name_organization(name: str, registry: Registry, found: dict[str, Organization],
                      record: bool = True, place_opened: bool = False) -> Organization | None:
    """The organization a proper name the parse puts in a party's place stands for: a reference one, one the
    document named before (in full: "LG" after "LG Electronics"), or a new discovered one; None for places,
    titles, stop-words and several words in capitals (a dateline's "SAN JOSE"). ``found`` maps normalized
    labels to the document's organizations, in text order; a new one is added to it unless ``record`` is
    false (a trial). A name a country or demonym opens ("American Axle") is one only with ``place_opened``
    (the entity recognizer calls the whole name an organization's)."""
    org = registry.lookup(name) or _shortened(name, found)
    if org is not None:
        return org
    pats = name_patterns()
    words = name.split()
    opened = place_opened and len(words) > 1 and _place_or_person(words[0])  # 'American Axle'
    if (name in pats.stopwords or (words[0] in pats.stopwords and not _month_opened(words) and not opened)
            or any(w in pats.person_titles for w in words) or any(bad in name for bad in pats.not_orgs)
            or (_place_or_person(name) and not opened)
            or all(_describes_companies(word) for word in words)
            or (len(words) > 1 and name.isupper()) or rulebook.product_word(words[-1])):
        return None  # ... and a product ('its iX electric SUV')
    return _discovered_org(name, False, found, record=record)


_MONTHS = frozenset(calendar.month_name[1:])


def _month_opened(words: list[str]) -> bool:
    """Whether a name is a month and a corporate suffix ('May Mobility'): a company, where a month opening a
    longer name is a date ('in May Toyota Motor said')."""
    return len(words) == 2 and words[0] in _MONTHS and bool(name_patterns().corporate_tail.match(" " + words[1]))


def _shortened(name: str, found: dict[str, Organization]) -> Organization | None:
    """The first organization of the document whose label begins with ``name`` as whole words, a hyphen
    joining the next one or not ("Harley" in "Harley-Davidson")."""
    prefix = normalize_name(name)
    return next((org for key, org in found.items() if key.startswith((prefix + " ", prefix + "-"))), None)
