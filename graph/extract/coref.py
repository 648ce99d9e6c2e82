"""Coreference: nominals and pronouns ("the two companies", "the German carmaker", "Its") -> organizations.

A nominal resolves to the most recent compatible organizations named before
it: its demonym must match the organization's country, its head noun the
organization's kind ("carmaker" -> Automaker, "venture" -> JointVenture),
and a plural takes as many distinct organizations as it counts ("the two",
"the three", "both"), preferring the latest coordinated subject ("Honda and
Nissan said ...") or the pair an earlier plural meant ("the pair ... Both
carmakers"). A nominal opening a sentence continues the previous
sentence's subject; "it"/"its" mean the latest clause subject. A singular
nominal never means its own clause's subject ("Ford owns 12% of the
company"). Word lists live in graph/patterns/entities.json.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from graph.extract import lexicon
from graph.extract.registry import Mention, name_patterns

__all__ = ["resolve"]


@dataclass(frozen=True)
class _Nominal:
    """A nominal found in text: where it is, how many organizations it means, and what they must be."""

    start: int
    end: int
    count: int  # 1 for singular nominals
    countries: frozenset
    kinds: frozenset
    possessive_det: bool  # "its ...": never the organization it belongs to
    head: str
    superlative: bool = False  # "Japan's biggest carmaker": the first such company its sentence names
    placed: bool = False  # its country comes from a place ("the Pittsburgh-based company"): a company whose
    # country is unknown (one the article names that the registry does not hold) may be it
    based: bool = False  # it says where the company is based ("the Charlotte-based company"): a variation on the
    # name of the company the text is about, not on the one named last
    apposed: bool = False  # it stands right after a name and a comma ("Argo, the startup"): it describes that name


def _venture_kind() -> str:
    """The organization kind of joint ventures (JointVenture), as graph/patterns/entities.json names it."""
    return lexicon.entities()["joint_venture_kind"]


@lru_cache(maxsize=None)
def _regexes() -> dict[str, re.Pattern]:
    """The coreference patterns of entities.json, compiled once."""
    data = lexicon.entities()
    keys = ("plural_nominal", "singular_nominal", "superlative_nominal", "pronoun", "clause_opener",
            "relative_opener", "relative_copula", "unknown_name_before", "predicate_position", "subsidiary_nominal",
            "subsidiary_head", "subsidiary_appositive", "person_title_after", "group_gap", "possessed_gap",
            "first_person", "speaker_after", "speaker_before", "reported_clause", "object_it_after",
            "premodifying_head", "membership_position")
    return {key: re.compile(data[key]) for key in keys}


@lru_cache(maxsize=None)
def _demonyms(places: bool = False) -> dict[str, str]:
    """Demonym or country name (lower case) -> ISO country code; with ``places``, the places of each country
    ("Stuttgart" -> DE) instead."""
    out = {}
    for code, entry in lexicon.entities()["countries"].items():
        for word in entry.get("places", []) if places else entry["names"] + entry["demonyms"]:
            out[word.lower()] = code
    return out


def _countries(modifier: str, places: bool = False) -> frozenset:
    """Country codes named by the modifier words of a nominal ("Japanese" -> JP; with ``places``, "Tokyo-based"
    -> JP)."""
    words = re.sub(r"-(?:based|headquartered|domiciled|listed|registered|area)\b", "",
                   modifier.replace("’", "'").strip())
    table = _demonyms(places)
    found = {table[w.lower()] for w in re.split(r"\s+", words) if w.lower() in table}
    if words.lower() in table:
        found.add(table[words.lower()])
    return frozenset(found)


def _kinds(head: str, modifier: str = "") -> frozenset:
    """The organization kinds a nominal's head noun can mean, else those its last modifier word names ('the chip
    company'); empty: any kind."""
    data = lexicon.entities()
    words = modifier.split()
    return frozenset(data["kind_heads"].get(head, ()) or (data["kind_modifiers"].get(words[-1], ()) if words else ()))


def _nominals(text: str, start: int, end: int, taken) -> list[_Nominal]:
    """Every nominal in text[start:end] that does not overlap a named mention."""
    rx, counts = _regexes(), lexicon.entities()["plural_counts"]
    out = []
    for m in rx["plural_nominal"].finditer(text, start, end):
        head = m.group("head") or m.group("head2") or (m.group("head5") and f"combined {m.group('head5')}") or (
            m.group("head6") and f"{m.group('head6')}s")  # 'each partner': the partners
        count = counts.get(m.group("num") or "", 2)
        if not m.group("num") and rx["membership_position"].search(text, max(start, m.start() - 12), m.start()):
            continue  # 'one of the startups battling X': a kind, no companies named before
        out.append(_Nominal(m.start(), m.end(), count, _countries(m.group("mod") or ""), _kinds(head), False, head))
    for m in rx["singular_nominal"].finditer(text, start, end):
        head = m.group("head")
        if m.group("det").lower() == "its" and _kinds(head) == {_venture_kind()}:
            continue  # "its joint venture with X": 'its' is the owner, read as a pronoun
        countries = _countries(m.group("mod"))
        placed = _countries(m.group("mod"), places=True) if not countries else frozenset()  # "the Tokyo company"
        if head in lexicon.entities()["country_only_heads"] and (
                not (countries or placed) or _apposed_to_name(text, m, taken)):
            continue  # "its main rival is Hyundai", "Honda, its Japanese rival": a relation to a name, no pointer
        owned = m.group("det").lower() == "its"
        if owned and _apposed_to_name(text, m, taken):
            continue  # "GM, its partner in X": a relation of the name to what 'its' means, no pointer
        out.append(_Nominal(m.start(), m.end(), 1, countries or placed, _kinds(head, m.group("mod")), owned, head,
                            placed=bool(placed), based=bool(_BASED.search(m.group("mod"))),
                            apposed=_apposed_to_name(text, m, taken)))
    for m in rx["superlative_nominal"].finditer(text, start, end):
        countries = _countries(m.group("country"))
        if countries or m.group("country").lower().startswith("world"):
            out.append(_Nominal(m.start(), m.end(), 1, countries, _kinds(m.group("head")), False, m.group("head"), True))
    out = [n for n in out if not any(n.start < t_end and n.end > t_start for t_start, t_end in taken)
           and not rx["predicate_position"].search(text, max(start, n.start - 12), n.start)]
    chosen: list[_Nominal] = []
    for n in sorted(out, key=lambda n: (n.start, -(n.end - n.start))):
        if not chosen or n.start >= chosen[-1].end:
            chosen.append(n)
    return chosen


_BASED = re.compile(r"\w-(?:based|headquartered|domiciled)\b")
"""A modifier saying where a company is based ('Charlotte-based')."""
_SUBJECT_SLOT = re.compile(r"(?:^|[,;:]|\b(?:[Ww]hich|[Tt]hat|[Ww]here|[Ww]hile|[Aa]nd|[Bb]ut|[Aa]s|[Ww]hen|said|says|added))"
                           r"\s*$")
"""What may stand right before a subject: a sentence's or a clause's opening, or a reporting verb."""


def _apposed_to_name(text: str, m: re.Match, taken) -> bool:
    """Whether a nominal stands in apposition right after a named mention ('Honda, its Japanese rival')."""
    before = text[:m.start()].rstrip()
    return before.endswith(",") and any(t_end == len(before) - 1 for _, t_end in taken)


def _compatible(org, nominal: _Nominal, ventures) -> bool:
    """Whether ``org`` can be what ``nominal`` means: not an outlet, right country, right kind."""
    if org.is_media:
        return False
    if nominal.count > 1 and (org in ventures or org.is_venture):
        return False  # "the two companies" are a venture's founders, not the venture
    if nominal.countries and org.country not in nominal.countries and not (nominal.placed and org.country is None):
        return False
    return not nominal.kinds or org.kind in nominal.kinds


def _antecedents(history, nominal: _Nominal, sentence, text: str, previous_subject, ventures, groups,
                 descriptions=None):
    """The organizations ``nominal`` points at: the latest the article has described by its head noun ("Argo, the
    startup ... *the startup*"; ``descriptions``: each organization's described heads), else the most recent
    compatible ones. A place ("the Tokyo-based company") only corrects the reading without it, where that reading
    is a company of another country."""
    if nominal.placed:
        loose = replace(nominal, countries=frozenset(), placed=False)
        found = _antecedents(history, loose, sentence, text, previous_subject, ventures, groups, descriptions)
        if all(org.country is None or org.country in nominal.countries for org in found):
            return found
    named_before = {org for pos, org in _since(history, sentence.start) if pos < nominal.start}
    same_sentence = {org for org in named_before if _compatible(org, nominal, ventures)}
    described = _described_before(history, nominal, descriptions or {}, ventures)
    if described and not same_sentence - _clause_mates(history, nominal, sentence, text):
        return described  # unless its own sentence names another company it may mean before it
    if nominal.count == 1 and _opens(text, sentence.start, nominal.start) and previous_subject is not None \
            and _compatible(previous_subject, nominal, ventures) and not same_sentence:
        return [previous_subject]  # a subject nominal continues the previous sentence's subject
    if nominal.count > len(same_sentence) or (nominal.head or "").startswith("combined"):  # the merging pair
        group = _recent_group(groups, nominal, sentence, ventures) or _protagonists(history, nominal, ventures)
        if group:
            return group  # "Honda and Nissan said ... The two companies signed": the pair that acted
    if nominal.superlative:
        first = [org for pos, org in history
                 if sentence.start <= pos < nominal.start and _compatible(org, nominal, ventures)]
        if first:
            return first[:1]
    excluded = _clause_mates(history, nominal, sentence, text) | _paired(groups, nominal, sentence, named_before) \
        | _possessed_description(history, nominal, text)
    if nominal.count > 1:
        aside = _aside(history, nominal, sentence, text)
        if len([org for org in same_sentence if org not in excluded | aside]) >= nominal.count:
            excluded |= aside  # 'X, which owns 5% of Y, will buy a stake in Z as the two companies ...': X and Z
    picked = []
    for pos, org in reversed(history):
        if pos > nominal.start or org in picked or org in excluded or not _compatible(org, nominal, ventures):
            continue
        picked.append(org)
        if len(picked) == nominal.count:
            return picked
    if nominal.count == 1 and nominal.kinds:
        discovered = _latest_discovered(history, nominal.start)
        if discovered or _venture_kind() in nominal.kinds:
            return discovered  # 'the Kyoto-based battery maker' with no battery maker listed: the unlisted one
    if not picked and nominal.count == 1 and nominal.countries:
        return _same_sentence_fallback(history, nominal, sentence, text, excluded, ventures)
    return picked if nominal.count == 1 else []


def _described_before(history, nominal: _Nominal, descriptions: dict, ventures) -> list:
    """The latest compatible organization the article described by ``nominal``'s head before it, for a singular
    nominal that is no apposition itself and whose head is not one of entities.json's 'generic_heads'."""
    if nominal.count != 1 or nominal.apposed or nominal.possessive_det \
            or nominal.head in lexicon.entities()["generic_heads"]:
        return []
    return next(([org] for pos, org in reversed(history) if pos < nominal.start
                 and nominal.head in descriptions.get(org, ()) and _compatible(org, nominal, ventures)), [])


def _possessed_description(history, nominal: _Nominal, text: str) -> set:
    """For a possessive nominal apposed to a name ("Audi, *the group's* subsidiary"), that name: no company is
    its own owner."""
    if not text.startswith(("'s", "’s"), nominal.end):
        return set()
    return {_name_before_comma(history, text, nominal.start)} - {None}


def _aside(history, nominal: _Nominal, sentence, text: str) -> set:
    """Organizations the sentence names before ``nominal`` only inside a relative clause set off by commas ('X,
    *which owns 5% of Y*, will ...'): background, not the companies a plural phrase later in it points back at."""
    opener = _regexes()["relative_opener"]
    asides = [(m.start(), text.find(",", m.end(), nominal.start)) for m in opener.finditer(text, sentence.start,
                                                                                          nominal.start)]
    named = [(org, any(start < pos < end for start, end in asides))
             for pos, org in _since(history, sentence.start) if pos < nominal.start]
    return {org for org, aside in named if aside} - {org for org, aside in named if not aside}


def _paired(groups, nominal: _Nominal, sentence, named_before: set) -> set:
    """For 'the company' in a sentence naming neither of a pair the sentence before opens with ('Renault and
    Geely outlined the project. Aramco will take a stake in the company'), the pair: one of them alone could not
    be told from the other, so the phrase means another company (the venture the article is about).
    ``named_before``: the companies the sentence names before the phrase."""
    if nominal.count != 1 or nominal.countries or nominal.possessive_det:
        return set()
    pair = set(groups.get(sentence.index - 1, (None, ()))[1])
    return pair if not pair & named_before else set()


def _since(history, start: int) -> list:
    """The (position, organization) entries of ``history`` (in text order) from offset ``start`` on."""
    k = len(history)
    while k and history[k - 1][0] >= start:
        k -= 1
    return history[k:]


def _recent_group(groups, nominal: _Nominal, sentence, ventures) -> list:
    """The organizations of the latest coordinated subject ("Honda and Nissan said") a plural can mean."""
    for index in range(sentence.index, max(-1, sentence.index - _GROUP_REACH), -1):
        start, orgs = groups.get(index, (None, ()))
        if start is None or (index == sentence.index and start >= nominal.start):
            continue
        fitting = [org for org in orgs if _compatible(org, nominal, ventures)]
        if len(fitting) >= nominal.count:
            return fitting[:nominal.count]
    return []


def _protagonists(history, nominal: _Nominal, ventures) -> list:
    """Far from any coordinated subject, a plural means the article's most named companies so far."""
    counts: dict = {}
    for pos, org in history:
        if pos < nominal.start and _compatible(org, nominal, ventures):
            counts[org] = counts.get(org, 0) + 1
    ranked = sorted(counts, key=lambda org: -counts[org])
    n = nominal.count
    if len(ranked) < n or (len(ranked) > n and counts[ranked[n]] == counts[ranked[n - 1]]):
        return []  # no clear leaders
    return ranked[:n]


_GROUP_REACH = 4
"""How many sentences back a plural nominal looks for a coordinated subject (or an earlier resolved plural)."""


def _opening_groups(text: str, sentences, named) -> dict:
    """Sentence index -> (offset, organizations) of a clause-opening list of two or more names."""
    gap = _regexes()["group_gap"]
    out = {}
    starts = [m.start for m in named]
    for sentence in sentences:
        here = named[bisect.bisect_left(starts, sentence.start):bisect.bisect_left(starts, sentence.end)]
        inside = [m for m in here if not m.org.is_media]
        for i, first in enumerate(inside):
            if not _opens(text, sentence.start, first.start):
                continue
            group, joined = [first], False
            for m in inside[i + 1:]:
                link = gap.fullmatch(text, group[-1].end, m.start)
                if not link:
                    break
                group.append(m)
                joined = joined or "and" in link.group(0)
            orgs = list(dict.fromkeys(m.org for m in group))
            if len(orgs) >= 2 and joined:  # "Audi, Volkswagen's unit," is an apposition
                out[sentence.index] = (first.start, orgs)
                break
    return out


def _same_sentence_fallback(history, nominal: _Nominal, sentence, text: str, excluded, ventures):
    """A demonym no company matches ("the Italian-American company" for a Dutch-registered one): the latest
    compatible company of the same sentence, whatever its country, unless it is apposed to a name the registry
    does not know."""
    name = _regexes()["unknown_name_before"].search(text, max(sentence.start, nominal.start - 60), nominal.start)
    if name and not any(name.start() <= pos < name.end() for pos, _ in history):
        return []  # "Leoni, the German cable maker": it describes a name the registry does not know
    loose = _Nominal(nominal.start, nominal.end, 1, frozenset(), nominal.kinds, nominal.possessive_det, nominal.head)
    for pos, org in reversed(history):
        if sentence.start <= pos < nominal.start and org not in excluded and _compatible(org, loose, ventures):
            return [org]
    return []


def _clause_mates(history, nominal: _Nominal, sentence, text: str) -> set:
    """Organizations a nominal cannot mean: its clause's subject ("Ford owns 12% of the company", "while Toyota
    holds stakes in both companies"); for a plural object ("Toyota will work with the pair"), whatever its
    sentence named before it."""
    cuts = [m.start() for m in re.finditer(r"[,;:](?=\s)", text[sentence.start:nominal.start])]
    cut = cuts[-1] if cuts else -1
    clause_start = sentence.start + cut if cut >= 0 else sentence.start
    if nominal.count > 1:
        if re.search(r"\b(?:with|to|from|against|by)\s+$", text[sentence.start:nominal.start]):
            return {org for pos, org in history if sentence.start <= pos < nominal.start}
        in_clause = [org for pos, org in history if clause_start <= pos < nominal.start]
        subject = set(in_clause[:1]) if not _regexes()["reported_clause"].search(text, clause_start, nominal.start) \
            and not _opens(text, sentence.start, nominal.start) else set()  # ('X bought Y as the two ...': a subject)
        named = {org for pos, org in history if sentence.start <= pos < nominal.start}
        return subject if len(named - subject) >= nominal.count else set()  # the others are enough to mean
    if nominal.countries and not nominal.placed and not nominal.possessive_det:
        return set()
    if nominal.possessive_det:  # "its partner" is not the owner 'its' means; a demonym may name the clause's object
        mates = {org for pos, org in history if sentence.start <= pos < nominal.start}
        return mates if not nominal.countries else {org for pos, org in history if clause_start <= pos < nominal.start}
    title = _regexes()["person_title_after"]
    named_at = [(pos, org) for pos, org in history if clause_start <= pos < nominal.start
                and not title.match(text, pos + _name_length(text, pos))]
    in_clause = [org for _, org in named_at]
    if _opens(text, sentence.start, nominal.start):  # "X invested in Y as the firm races Z": the firm is not X
        return set(in_clause[:1])
    reported = _regexes()["reported_clause"].search(text, clause_start, nominal.start)
    participial = re.match(r"[,;:]?\s*[a-z]+ing\b", text[clause_start:nominal.start])  # ", ending an investment
    # in X that dated back to the startup's rounds": the participle's subject is the sentence's, X is no subject
    opened = cut >= 0 and bool(_regexes()["relative_opener"].match(text, clause_start))  # its subject: the name
    # before ("X, which supplies Y and holds a stake in the company": X, Y the company)
    subject = in_clause[:1] if not reported and not participial and not opened else []  # "X said Y invested in
    # the company": X may be the company
    after_last = text[named_at[-1][0]:nominal.start] if named_at else ""
    relative = re.search(r"\b(?:that|which|who)\b", after_last)  # a clause about the last company may name it
    # again ("X that dated back to the startup's rounds")
    verbs = in_clause[-1:] if named_at and not relative and not re.search(r"\sand\s", after_last) else []
    mates = set(subject + verbs)  # the clause's subject and the nominal verb's (not "Stellantis" in "Stellantis
    # Chief Executive X"): "X agreed with Y to buy the robot firm" means neither; but "X will invest in Y *and*
    # buy the carmaker's vans": Y, named in the verb phrase before
    if opened:
        before = [org for pos, org in history if sentence.start <= pos < clause_start]
        mates.update(before[-1:])
    return mates


def _name_length(text: str, pos: int) -> int:
    """Length of the first word of the name at ``pos``: the title check allows one more name word after it."""
    m = re.match(r"\S+", text[pos:pos + 80])
    return len(m.group(0)) if m else 0


def _opens(text: str, sentence_start: int, pos: int) -> bool:
    """Whether ``pos`` opens a clause (sentence start, after a comma, 'but', a dateline ...), past a name that
    premodifies it ('Geely-backed *Polestar*')."""
    before = text[sentence_start:pos]
    return bool(_regexes()["clause_opener"].search(_premodifying_name().sub("", before)))


@lru_cache(maxsize=None)
def _premodifying_name() -> re.Pattern:
    """A name with a hyphened participle at the end of a text ('Geely-backed ', entities.json
    org_hyphen_modifiers): it describes the name after it."""
    return re.compile(rf"(?:[A-Z][\w&.]*[ ]+){{0,2}}[A-Z][\w&.]*{name_patterns().hyphen_modifier.pattern}\s+$")


def _premodifies(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` premodifies the next one ('*Geely*-backed Polestar'): no subject."""
    return bool(name_patterns().hyphen_modifier.match(text, end))


def _latest_discovered(history, before: int):
    """The fallback of a kind no listed company matches: the company discovered in the text (not on the reference
    list, so of no known kind) named most often."""
    counts: dict = {}
    for pos, org in history:
        if pos < before and not org.reference and not org.is_media:
            counts[org] = (counts.get(org, (0, 0))[0] + 1, pos)
    return [max(counts, key=counts.get)] if counts else []


def _pronouns(text: str, sentence, taken, kind: str) -> list[tuple[int, int, str]]:
    """The pronouns of a ``kind`` ('it' / 'its', or the 'first_person') in a sentence, where no mention or
    nominal already covers them."""
    out = []
    for m in _regexes()[kind].finditer(text, sentence.start, sentence.end):
        if not any(m.start() < e and m.end() > s for s, e in taken):
            out.append((m.start(), m.end(), m.group(0)))
    return out


def _reported_by(speaker, nominal: _Nominal, sentence, text: str, ventures) -> bool:
    """Whether a singular nominal that opens its sentence and points at no company named before means the
    company that the sentence then reports as speaking."""
    return speaker is not None and nominal.count == 1 and _opens(text, sentence.start, nominal.start) and \
        _compatible(speaker, nominal, ventures)


def _speaker(text: str, named):
    """The company a sentence reports as speaking ('..., Hawtai said.', 'said Hawtai'), whom 'we' and 'our'
    in its quoted words mean; None when no company speaks."""
    rx = _regexes()
    for m in named:
        if not m.org.is_media and (rx["speaker_after"].match(text, m.end)
                                   or rx["speaker_before"].search(text, max(0, m.start - 12), m.start)):
            return m.org
    return None


def _pronoun_antecedent(clause_subjects, pos: int, previous_subject, named_before):
    """A pronoun means the latest clause subject before it in its sentence, else the previous sentence's
    subject, else (in an article's first sentence) the first organization named before it."""
    before = [org for p, org in clause_subjects if p < pos]
    if before:
        return before[-1]
    if previous_subject is not None:
        return previous_subject
    return named_before[0] if named_before else None


def resolve(doc, mentions):
    """Yield a resolved Mention for every nominal or pronoun of ``doc`` that points at a named organization."""
    text = doc.text
    named = sorted(mentions, key=lambda m: m.start)
    history: list[tuple[int, object]] = []
    previous_subject = None
    ventures: set = set()
    children = _subsidiaries(text, named)
    groups = _opening_groups(text, doc.sentences, named)
    descriptions: dict = {}  # organization -> the head nouns the article described it by
    starts = [m.start for m in named]
    for sentence in doc.sentences:
        here = named[bisect.bisect_left(starts, sentence.start):bisect.bisect_left(starts, sentence.end)]
        in_sentence = [u for u in (_as_subsidiary(text, m, children, previous_subject) for m in here)
                       if u is not None]
        local = [(m.start, m.end) for m in here]
        nominals = _nominals(text, sentence.start, sentence.end, local)
        spans = local + [(n.start, n.end) for n in nominals]
        speaker = _speaker(text, in_sentence)
        events = sorted([(m.start, "m", m) for m in in_sentence] + [(n.start, "n", n) for n in nominals]
                        + [(p[0], "p", p) for p in _pronouns(text, sentence, spans, "pronoun")]
                        + [(p[0], "s", p) for p in _pronouns(text, sentence, spans, "first_person")],
                        key=lambda e: e[0])
        resolved, subjects = [], []
        for pos, kind, item in events:
            if kind == "s":
                found = [speaker] if speaker is not None else []
            else:
                barred = _possessed(text, item, in_sentence) if kind == "p" else None
                found = _event_orgs(kind, item, history, sentence, text, previous_subject, subjects, ventures,
                                    groups, barred, descriptions)
                if not found and kind == "n" and _reported_by(speaker, item, sentence, text, ventures):
                    found = [speaker]  # "The Japanese carmaker holds 20% of Subaru, Toyota said": who speaks
            end, possessive = _event_end(kind, item, text)
            if len(found) == 1:
                descriptions.setdefault(found[0], set()).update(_description_heads(kind, item, text))
            for org in found:
                if kind != "m" or item.resolved:
                    resolved.append(Mention(org, pos, end, text[pos:end], sentence.index,
                                            resolved=True, possessive=possessive))
                history.append((pos, org))
                if not org.is_media and _opens(text, sentence.start, pos) and not _premodifies(text, end):
                    subjects.append((pos, org))
        if subjects:
            previous_subject = subjects[0][1]
        elif in_sentence or resolved:
            first = [m.org for m in sorted(in_sentence + resolved, key=lambda m: m.start) if not m.org.is_media]
            previous_subject = first[0] if first else previous_subject
        yield from resolved


def _description_heads(kind, item, text: str) -> set[str]:
    """The head nouns an event describes its one organization by: an apposed nominal's ('Argo, *the startup*'),
    or a kind word right before a name ('self-driving *startup* Argo', 'tech *giant* Tencent': both words)."""
    if kind == "n":
        return {item.head} if item.apposed else set()
    if kind != "m":
        return set()
    m = _regexes()["premodifying_head"].search(text, max(0, item.start - 40), item.start)
    return {m.group("head"), m.group("head").split()[-1]} if m else set()


def _subsidiaries(text: str, named) -> dict:
    """Parent -> unit, from appositions such as "Waymo, the self-driving unit of Alphabet"."""
    rx = _regexes()["subsidiary_appositive"]
    return {b.org: a.org for a, b in zip(named, named[1:]) if rx.match(text[a.end:b.start])}


def _as_subsidiary(text: str, m, children, previous=None):
    """'the Alphabet unit' names the unit introduced before (Waymo), not Alphabet: the one an apposition made its
    unit, else the previous sentence's subject when that is another company; None when neither is known."""
    rx = _regexes()
    before = rx["subsidiary_nominal"].search(text, max(0, m.start - 4), m.start)
    after = rx["subsidiary_head"].match(text, m.end)
    if not (before and after):
        return m
    unit = children.get(m.org) or (previous if previous is not None and previous is not m.org
                                   and not previous.is_media else None)
    if unit is None:
        return None
    return Mention(unit, before.start(), after.end(), text[before.start():after.end()], m.sentence, resolved=True)


def _event_orgs(kind, item, history, sentence, text, previous_subject, subjects, ventures, groups, barred=None,
                descriptions=None):
    """The organizations one event (named mention, nominal, pronoun) stands for; a pronoun never means
    ``barred`` (the company its own noun phrase names: 'its Tesla stake')."""
    if kind == "m":
        return [item.org]
    if kind == "p":
        named_before = [org for pos, org in history if sentence.start <= pos < item[0] and not org.is_media]
        apposed = _apposed_owner(history, text, item)  # 'A said B ..., while C, *its* other customer, ...': A's
        opening = [o for _, o in subjects if o is not apposed][:1] if apposed is not None else []
        org = (_coordinated_owner(history, text, item) or _relative_owner(history, sentence, text, item)
               or (opening[0] if opening else None)
               or _pronoun_antecedent(subjects, item[0], previous_subject, named_before))
        if org is None:
            return []
        if barred is not None and org is barred and any(o is org for _, o in subjects):
            return []  # "Daimler ... its subsidiary Mercedes-Benz": two names the registry counts as one company
        bars = [o for o in (_own_clause_subject(history, sentence, text, item, subjects)
                            or _apposed_owner(history, text, item) or _described_name(history, text, item)
                            or _copula_subject(history, subjects, text, item), barred)
                if o is not None]
        if any(org is o for o in bars):  # "a pickup that Ford builds for it": 'it' is not Ford
            earlier = [previous_subject] if previous_subject is not None else []
            others = [o for o in earlier + [o for _, o in subjects] + named_before if not any(o is b for b in bars)]
            org = others[-1] if others else None
        return [org] if org is not None else []
    found = _topic_company(history, item, sentence, text, previous_subject, subjects, ventures) \
        or _antecedents(history, item, sentence, text, previous_subject, ventures, groups, descriptions)
    if _venture_kind() in item.kinds:
        ventures.update(found)
    if item.count > 1 and len(found) > 1:
        groups.setdefault(sentence.index, (item.start, list(found)))  # "the pair ... Both companies": one chain
    return found


def _topic_company(history, nominal: _Nominal, sentence, text: str, previous_subject, subjects, ventures) -> list:
    """For a nominal saying where a company is based, the company the text is about: its sentence's opening
    subject, else the previous sentence's, when that fits and is not in the nominal's own clause ('Albemarle ...
    to Ford. Its chief said *the Charlotte-based company* would ...': Albemarle, not Ford); else nothing. A place
    the registry's countries know leaves the sentence's own companies to the reading by country ('Toyota bought
    a stake in Panasonic, and *the Osaka-based company* ...': the latest Japanese one)."""
    if not nominal.based or nominal.count != 1:
        return []
    topic = subjects[0][1] if subjects else previous_subject
    if subjects and subjects[-1][1] is topic and not _SUBJECT_SLOT.search(text[sentence.start:nominal.start]):
        return []  # '*X*, which owns 24% of Y, relies on the Kariya-based company': the object of X's own clause
    if topic is None or not _compatible(topic, nominal, ventures) or topic in _clause_mates(
            history, nominal, sentence, text):
        return []
    return [topic]


def _possessed(text: str, pronoun, named):
    """For 'its' before a company's name inside its own noun phrase ('its entire Tesla stake'), that company,
    which 'its' cannot mean; else None."""
    start, end, surface = pronoun
    if surface.lower() != "its":
        return None
    after = next((m for m in named if m.start >= end), None)
    return after.org if after is not None and _regexes()["possessed_gap"].fullmatch(text, end, after.start) else None


def _coordinated_owner(history, text: str, pronoun):
    """For 'its' right after 'X and' ('As for Apple and its car plans'), X: the name it is coordinated with."""
    start, _, surface = pronoun
    last = [(pos, org) for pos, org in history if pos < start][-1:]
    if surface.lower() != "its" or not last or last[0][1].is_media:
        return None
    return last[0][1] if re.fullmatch(r"[^,;.()]{1,40}?\s+and\s+", text[last[0][0]:start]) else None


def _relative_owner(history, sentence, text: str, pronoun):
    """For 'its' in a relative clause still open ("X, which will deliver its sedan"), X: the name the clause
    hangs on, unless a copula makes 'its' describe X; else None."""
    start, _, surface = pronoun
    if surface.lower() != "its":
        return None
    opener = ([None] + list(_regexes()["relative_opener"].finditer(text, sentence.start, start)))[-1]  # the last
    if opener is None or re.search(r"[,;:]", text[opener.end():start]) or _regexes()["relative_copula"].search(
            text, opener.end(), start):  # "Renault, which remains its largest shareholder": not Renault's
        return None
    owner = [(pos, org) for pos, org in history if sentence.start <= pos < opener.start()][-1:]
    if not owner or owner[0][1].is_media or "," in text[owner[0][0]:opener.start()]:
        return None
    return owner[0][1]


def _apposed_owner(history, text: str, pronoun):
    """For 'its' opening an apposition ("Honda, its Japanese rival"), the company apposed, which 'its' is not."""
    start, _, surface = pronoun
    return _name_before_comma(history, text, start) if surface.lower() == "its" else None


def _name_before_comma(history, text: str, start: int):
    """The company named right before the comma that ``start`` follows ("*Honda*, its rival"), or None."""
    before = text[:start].rstrip()
    if not before.endswith(","):
        return None
    last = [(pos, org) for pos, org in history if pos < start][-1:]
    if not last:
        return None
    name = text[last[0][0]:len(before) - 1]
    return last[0][1] if name[:1].isupper() and "," not in name and len(name.split()) <= 4 else None


def _copula_subject(history, subjects, text: str, pronoun):
    """For 'its' right after a copula ("X remains *its* biggest customer"), the clause's subject, which 'its'
    cannot mean (entities.json predicate_position): the name a relative clause is on ("X, which is its
    shareholder"), else the latest clause subject."""
    start, _, surface = pronoun
    if surface.lower() != "its" or not _regexes()["predicate_position"].search(text, max(0, start - 12), start):
        return None
    relative = re.search(r",\s+(?:which|who)\s+(?:\w+\s+){1,3}$", text[:start])
    if relative:
        return _name_before_comma(history, text, relative.start() + 1)
    before = [org for pos, org in subjects if pos < start]
    return before[-1] if before else None


def _described_name(history, text: str, pronoun):
    """For 'it' opening a relative clause on a description apposed to a name ("Zeekr, the brand *it* set up"),
    the company named, which 'it' is not."""
    start, _, surface = pronoun
    m = re.search(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){1,4}$", text[:start])
    return _name_before_comma(history, text, m.start() + 1) if surface.lower() == "it" and m is not None else None


def _own_clause_subject(history, sentence, text: str, pronoun, subjects=()):
    """For an object 'it' ("builds for it"), the company opening its own clause, which 'it' cannot mean; for 'it'
    right after a verb ("since the group bought it from Ford"), the latest clause subject before it."""
    start, end, surface = pronoun
    if surface.lower() != "it":
        return None
    if not re.search(r"\b(?:for|with|to|from|by|into|against|of)\s+$", text[sentence.start:start]):
        verbal = _regexes()["object_it_after"].match(text, end) and not _opens(text, sentence.start, start)
        before = sorted([(pos, org) for pos, org in subjects if sentence.start <= pos < start]
                        + _reported_subjects(history, sentence, text, start), key=lambda e: e[0])
        return before[-1][1] if verbal and before else None
    cuts = list(re.finditer(r",\s|\b(?:that|which)\s", text[sentence.start:start]))
    clause_start = sentence.start + (cuts[-1].end() if cuts else 0)
    joined = re.match(r"(?:and|but)\s+", text[clause_start:start])
    subject = [org for pos, org in history if pos in (clause_start, clause_start + (joined.end() if joined else 0))]
    # "that Ford builds for it", ", and Ford builds for it"
    subject += [org for pos, org in _reported_subjects(history, sentence, text, start) if pos > clause_start]
    if not subject and re.match(r"(?:and|but)\s+(?:[a-z]+\s+)*?(?:with|for|to|from|into|against)\s+$",
                                text[clause_start:start]):
        subject = [org for pos, org in subjects if sentence.start <= pos < start][-1:]  # "X invested in Y, and has
        # partnered with it": a verb joined to the clause before shares its subject
    if not subject and cuts and text[sentence.start + cuts[-1].start():clause_start].startswith("which"):
        subject = [org for pos, org in history if pos < sentence.start + cuts[-1].start()][-1:]  # "Y, which owns
        # a third of it": the relative pronoun's name
    return subject[-1] if subject else None


def _reported_subjects(history, sentence, text: str, start: int) -> list[tuple[int, object]]:
    """The companies opening a reported clause before ``start`` ('X said *Y* had picked it'): a subject the
    clause openers do not mark, which an object 'it' after them cannot mean."""
    return [(pos, org) for pos, org in history if sentence.start <= pos < start and not org.is_media
            and _said_before().search(text, sentence.start, pos)]


@lru_cache(maxsize=1)
def _said_before() -> re.Pattern:
    """A reporting verb (entities.json reported_clause), and 'that', right before a position."""
    return re.compile(_regexes()["reported_clause"].pattern + r"\s+(?:that\s+)?$")


def _event_end(kind, item, text) -> tuple[int, bool]:
    """Where a resolved span ends, and whether it is possessive ("the company's", "its")."""
    if kind == "m":
        return item.end, item.possessive
    if kind in ("p", "s"):
        return item[1], item[2].lower() in ("its", "our")
    possessive = text[item.end:item.end + 2] in ("'s", "’s")
    return item.end + (2 if possessive else 0), possessive
