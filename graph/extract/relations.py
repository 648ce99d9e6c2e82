"""Relations read off a sentence's dependency tree: triggers from the rules, parties by syntactic role.

A rule's trigger (a token pattern) marks the word that states a relation
("stake", "acquire", "rival"); the rule's roles say where its parties stand
relative to that word in the parse (graph.extract.roles) and the words that
govern the trigger state its status (graph.extract.status). Named mentions
are masked as well-known one-word names before parsing (mask); proper names
the parse puts in a party's place may be companies missing from the registry
(proper_names).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import combinations, permutations, product, takewhile

from graph.extract import lexicon, rules as rulebook
from graph.extract.registry import name_patterns
from graph.extract.roles import (DISTRIBUTIVES, Sentence, Unit, bound_pronouns, description_owner, first, gapped,
                                 governor, infinitive, numbered_model, phrase, possessed_model, possessed_name,
                                 object_clauses, possessive_pronoun, pronoun_possessed, provisions, purposes,
                                 reporter, roles)
from graph.extract.status import read_status

__all__ = ["Unit", "MentionSpan", "Masked", "Reading", "Binding", "Parsed", "mask", "Reworded", "reworded", "read",
           "proper_names"]

PLACEHOLDERS = ("Toyota", "Honda", "Ford", "Nissan", "Renault", "Mazda", "Subaru", "Suzuki")
"""One-word company names the parser knows well; named mentions are parsed as these (see mask)."""
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True)
class MentionSpan:
    """One mention span of a sentence, by character offsets: the organizations it names (several for 'the two
    companies')."""

    start: int  # offset in the sentence text
    end: int
    orgs: tuple
    resolved: bool
    possessive: bool


@dataclass(frozen=True)
class Masked:
    """A sentence with its named mentions replaced by placeholders, and the way back to the original offsets."""

    text: str
    spans: tuple[tuple[int, int, tuple, bool], ...]  # (start, end, organizations, resolved) of each mention
    shifts: tuple[tuple[int, int], ...]  # (offset in ``text`` after a replacement, original minus masked)
    ties: tuple[str | None, ...] = ()  # for each span, the relational head of a description it replaced ('its
    # partner': 'partner'), else None

    def original(self, offset: int) -> int:
        """The offset in the original sentence of ``offset`` in the masked text."""
        k = bisect_right([at for at, _ in self.shifts], offset) - 1
        return offset + (self.shifts[k][1] if k >= 0 else 0)


_PRONOUNS = frozenset({"it", "its", "we", "our", "us"})
"""Coreferent mentions kept as they stand in the masked text: the parser reads a pronoun's grammar from it."""


def mask(text: str, units: list[MentionSpan]) -> Masked:
    """``text`` with each mention but a pronoun or a description apposed right after another mention replaced
    by a placeholder company name, so that the parser sees 'Toyota will buy Honda' rather than a rare or
    multi-word name, or a description ('as the firm races'), it may mis-tag; an apposed description keeps its
    words, which the parser reads there, and so does a description of several ('the two companies'), which a
    single name would let the parser coordinate with the name before it ('in X and the two companies will')."""
    lead = _dateline_end(text, units)
    pieces, spans, shifts, ties = [], [], [(0, lead)] if lead else [], []
    cursor, delta, k = lead, lead, 0
    for n, unit in enumerate(units):
        if unit.start < cursor:
            continue  # a ticker naming the company before it, dropped with its brackets
        apposed = bool(spans) and text[cursor:unit.start].strip() == ","  # 'Geely, the parent company of'
        kept = unit.resolved and (text[unit.start:unit.end].lower() in _PRONOUNS or apposed or len(unit.orgs) > 1)
        begin = unit.start if kept else _kind_word_from(text, cursor, unit.start)
        if not spans and name_patterns().wire_slug.search(text, 0, begin):
            begin = cursor  # 'UPDATE 2-Honda to buy ...': the wire's tag goes with the name, or the parser reads it
        pieces.append(text[cursor:begin])
        start = begin - delta
        surface = text[begin:unit.end]
        if kept:
            replacement = surface
        else:
            suffix = "'s" if unit.possessive and _POSSESSIVE.search(surface) else ""  # a placeholder is singular:
            # 'General Motors'' becomes 'Nissan's', not 'Nissan''
            replacement = PLACEHOLDERS[k % len(PLACEHOLDERS)] + suffix
            k += 1
        pieces.append(replacement)
        spans.append((start, start + len(replacement), unit.orgs, unit.resolved))
        ties.append(_described_tie(surface) if unit.resolved and not kept else None)
        ticker = _TICKER.match(text, unit.end)  # 'Tesla Inc (TSLA.O)': the parser reads the sentence without it
        inside = takewhile(lambda u: u.start < ticker.end(), units[n + 1:]) if ticker else ()
        cursor = ticker.end() if ticker and all(u.orgs == unit.orgs for u in inside) else unit.end
        delta += len(surface) - len(replacement) + cursor - unit.end
        shifts.append((start + len(replacement), delta))
    pieces.append(name_patterns().wire_attribution.sub("", text[cursor:]))  # 'X to buy Y - sources': no noun
    if _title_case(text, units):  # 'Sony And Honda Team Up On Cars': the parser reads the words as names
        pieces = [p if i % 2 else p.lower() for i, p in enumerate(pieces)]
    return Masked(_hyphenated("".join(pieces)), tuple(spans), tuple(shifts), tuple(ties))


def _hyphenated(text: str) -> str:
    """``text`` with each phrase of rules.hyphenated_phrases standing as whole words written with hyphens ('go
    head-to-head with X'), which keeps every offset."""
    lower = text.lower()
    for phrase in rulebook.hyphenated_phrases():
        at = lower.find(phrase)
        while at != -1:
            end = at + len(phrase)
            if (at == 0 or not lower[at - 1].isalnum()) and (end == len(lower) or not lower[end].isalnum()):
                text = text[:at] + text[at:end].replace(" ", "-") + text[end:]
            at = lower.find(phrase, end)
    return text


def _described_tie(surface: str) -> str | None:
    """The relational head of a description that points back at a company through 'its' ('its longtime
    *partner*'; entities.json 'relational_descriptions'), else None."""
    words = surface.lower().split()
    head = words[-1] if len(words) > 1 and words[0] == "its" else None
    return head if head in lexicon.entities()["relational_descriptions"] else None


def _dateline_end(text: str, units: list[MentionSpan]) -> int:
    """Where a wire dateline opening the sentence ends ('SEOUL, Jan 8 (Wire) - '), which the parser would take for
    the subject: the sentence is parsed without it (and without the agency it names); 0 when there is none."""
    dateline = name_patterns().dateline.match(text)
    if dateline is None or (units and units[0].start == 0):
        return 0
    end = dateline.end()
    return end if all(u.end <= end or u.start >= end for u in units) else 0


_JOINERS = frozenset({",", "and", "&"})
"""What joins the names a sentence opens with ('A, B and C')."""
_NEVER_VERBS = frozenset({"shares", "share", "stake", "stakes", "unit", "units"})
"""Words after a company's name that make a noun phrase with it, never its verb ('Toyota shares', 'the X unit')."""


@dataclass(frozen=True)
class Reworded:
    """A sentence reworded for the parser (see reworded), and where the word it should read as the verb now
    starts (None when only the names' comma was read as 'and')."""

    masked: Masked
    verb_at: int | None

    def accepted(self, parsed) -> bool:
        """Whether the parse of the reworded text is to replace the first: it reads the word as the verb."""
        return self.verb_at is None or any(t.idx == self.verb_at and t.pos_ == "VERB" for t in parsed)


def reworded(masked: Masked, parsed) -> Reworded | None:
    """A sentence reworded where the parser misread it: its opening names' verb (_opening_verb), or a plural
    'rivals' before a name read as a verb (_noun_rivals), a currency after a number read as a verb (_amounts);
    None for any other sentence."""
    return _opening_verb(masked, parsed) or _noun_rivals(masked, parsed) or _amounts(masked, parsed)


def _amounts(masked: Masked, parsed) -> Reworded | None:
    """For a currency that is also a verb form read as the verb after a number ('signed a 25 trillion *won*
    deal'), the text with a currency the parser reads as a noun there (rules.amount_nouns)."""
    currencies = rulebook.amount_nouns()
    edits = [(t.idx, t.idx + len(t), currencies[t.lower_]) for t in parsed if t.lower_ in currencies
             and t.pos_ == "VERB" and t.i > 0 and parsed[t.i - 1].like_num and parsed[t.i - 1].shape_ != "dddd"]
    # (not a year's: 'which in 2023 won the order')
    return Reworded(_edited(masked, edits), None) if edits else None


def _noun_rivals(masked: Masked, parsed) -> Reworded | None:
    """For 'rivals' right before a name that the parser read as a verb though no noun before it can be its subject
    ('undercut rivals X and Y', 'behind rivals X'; not 'the sedan rivals X'), the text with 'the' before it,
    which the parser reads as the noun the names are apposed to."""
    starts = {u.start for u in _token_units(parsed[:], masked)}
    edits = [_as_noun(parsed, t) for t in parsed if t.lower_ == "rivals" and t.pos_ == "VERB"
             and t.i + 1 in starts and t.i > 0 and parsed[t.i - 1].pos_ not in ("NOUN", "PROPN", "PRON", "DET")]
    return Reworded(_edited(masked, edits), None) if edits else None


def _as_noun(parsed, rivals) -> tuple[int, int, str]:
    """The edit that makes 'rivals' a noun: after a possessive, with adjectives between or not ('X's (Japanese)
    rivals A and B'), the word 'competitors' (a noun whatever the tagger does with it); else 'the' before it."""
    before = rivals.i - 1
    while before > 0 and parsed[before].pos_ == "ADJ":
        before -= 1
    if parsed[before].tag_ == "POS":
        return rivals.idx, rivals.idx + len(rivals), "competitors"
    return rivals.idx, rivals.idx, "the "


def _opening_verb(masked: Masked, parsed) -> Reworded | None:
    """For a sentence the parser read with no verb at its root though it opens with names and a word that can be
    their verb ('Honda partners with X', 'A, B scrap EV deal': a headline's, or one the tagger called a noun):
    the text with 'also' before that word (some replaced by a word of the same sense: rules.headline_verbs), the
    names' last comma read as 'and', which the parser reads as a clause; None for any other sentence."""
    units = {u.start: u for u in _token_units(parsed[:], masked) if not u.resolved}  # names, not 'the startup'
    k, joiner = 0, None
    while k in units:
        k = units[k].end
        if k + 1 < len(parsed) and parsed[k].lower_ in _JOINERS:
            det = parsed[k].text != "," and k + 2 in units and parsed[k + 1].lower_ == "the"  # 'A and *the* B
            # Group' (not 'A, the B venture': an apposition)
            if k + 1 in units or det:
                joiner, k = (parsed[k] if parsed[k].text == "," else None), k + 1 + det
    k = _past_aside(parsed, k) if k else k
    word = parsed[k] if 0 < k < len(parsed) - 1 else None
    if word is None or parsed[k - 1].tag_ == "POS" or not word.is_alpha or not word.text.islower():
        return None  # (not 'Honda's partners')
    if not (_verbless(parsed) or (joiner is not None and parsed[joiner.i + 1].dep_ != "conj")
            or (word.pos_ == "NOUN" and parsed[k + 1].dep_ == "ROOT" and not _goods_subject(word))):
        # 'A, B sign deal': 'deal' the root
        return None
    edits = [(joiner.idx, joiner.idx + 1, " and")] if joiner is not None else []
    verb_at = word.idx + sum(len(text) - (end - start) for start, end, text in edits) + len("also ")
    floated = word.pos_ == "ADJ" and parsed[k - 1].lower_ in DISTRIBUTIVES  # 'A and B each *own* half of X'
    if (word.pos_ not in ("NOUN", "VERB", "AUX") and not floated) or word.lower_ in _NEVER_VERBS:
        return Reworded(_edited(masked, edits), None) if edits else None  # 'A, B in merger talks'
    edits.append((word.idx, word.idx + len(word), "also " + rulebook.headline_verbs().get(word.lower_, word.text)))
    return Reworded(_edited(masked, edits), verb_at)


def _past_aside(parsed, k: int) -> int:
    """The token after the opening names' relative clause set off by commas ('A and B*, which compete for
    customers,* each own ...') and a floating quantifier ('*each*'), where their verb should stand."""
    if k + 1 < len(parsed) and parsed[k].text == "," and parsed[k + 1].lower_ in ("which", "who"):
        close = next((t.i for t in parsed[k + 2:] if t.text == ","), None)
        k = close + 1 if close is not None else k
    return k + 1 if k + 1 < len(parsed) and parsed[k].lower_ in DISTRIBUTIVES else k


def _goods_subject(word) -> bool:
    """Whether a noun after the opening names is goods they make, before the verb the parser reads ('X *cells*
    power Y cars'): the subject's head, no headline's verb."""
    return word.lemma_.lower() in rulebook.status_words()["goods"] and word.nbor(1).pos_ in ("VERB", "AUX")


def _verbless(parsed) -> bool:
    """Whether the parser found no verb at the root of any clause of a sentence."""
    return not any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") for t in parsed)


def _edited(masked: Masked, edits: list[tuple[int, int, str]]) -> Masked:
    """``masked`` with its text's ranges (start, end) replaced (in order, outside every mention), the way back to
    the original sentence's offsets kept."""
    def grown(at: int) -> int:  # what the edits ending at or before ``at`` added to the text
        return sum(len(text) - (end - start) for start, end, text in edits if end <= at)
    pieces, cursor = [], 0
    for start, end, text in edits:
        pieces += [masked.text[cursor:start], text]
        cursor = end
    points = sorted({at for at, _ in masked.shifts} | {end for _, end, _ in edits})
    shifts = tuple((at + grown(at), masked.original(at) - at - grown(at)) for at in points)
    spans = tuple((start + grown(start), end + grown(start), orgs, resolved)
                  for start, end, orgs, resolved in masked.spans)
    return Masked("".join(pieces) + masked.text[cursor:], spans, shifts, masked.ties)


_TICKER = re.compile(r"[ ]?\((?:[A-Z]{2,6}:[ ]?)?[A-Z0-9][A-Za-z0-9_]{0,9}(?:\.[A-Z]{1,3})?\)")
"""A stock ticker in brackets after a name ('(TSLA.O)', '(7203.T)', '(VOWG_p.DE)', '(NYSE: GM)')."""

_KIND_WORD = re.compile(r"(\b(?:the|a|an) )?([A-Za-z][\w-]*) $", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]*) $")
_GERUND = re.compile(r"(?<![\w-])(?<!\bthe )(?<!\ba )(?<!\ban )([a-z][\w-]*ing) $", re.IGNORECASE)


def _kind_word_from(text: str, cursor: int, start: int) -> int:
    """Where a word that only says what kind of company the name at ``start`` is begins, right before it
    ('robotics *startup* Boston Dynamics', status.json 'kinds'): masked with the name, so that the parser does not
    read the kind as a verb ('startup Honda'); else ``start``. Right after an article the word is a noun, and may
    head a clause the name opens ('X, *the startup* GM bought'): it stays. A gerund before the word goes with it
    ('*shipping* company X'), and so do words saying what the company makes (status.json 'kind_premodifiers':
    '*auto parts* maker X')."""
    m = _KIND_WORD.search(text, cursor, start)
    if m is None or m.end() != start or m.group(1) or m.group(2).lower() not in rulebook.status_words()["kinds"]:
        return start
    gerund = _GERUND.search(text, cursor, m.start(2))  # 'shipping company X': masked too, or read as a verb
    begin = gerund.start(1) if gerund is not None and gerund.end() == m.start(2) else m.start(2)
    modifiers, made = rulebook.status_words()["kind_premodifiers"], begin
    while (before := _WORD_BEFORE.search(text, cursor, made)) and before.group(1) in modifiers:
        made = before.start(1)  # 'auto parts maker X': the words saying what it makes go too
    article = _WORD_BEFORE.search(text, cursor, made)
    if made != begin and article and article.group(1).lower() in ("the", "a", "an"):
        return start  # 'X, the truck startup GM bought': a noun phrase, which the name's clause modifies
    return made


def _title_case(text: str, units) -> bool:
    """Whether a sentence outside its mentions is written in title case (a headline's style): most of its
    words, at least four, capitalised."""
    outside = text
    for unit in sorted(units, key=lambda u: u.start, reverse=True):
        outside = outside[:unit.start] + " " + outside[unit.end:]
    words = [w for w in outside.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


@dataclass(frozen=True)
class Reading:
    """One candidate fact: relation, parties, status, the rule that read it, where its trigger stands."""

    relation: str
    subject: object  # None: the article's main company (see _unheld)
    object: object
    status: str | None
    rule: str
    confidence: float
    anchor: int  # character offset of the trigger in the sentence text


def _pairs(rule: rulebook.Rule, subjects: list[Unit], objects: list[Unit], reciprocal: bool = False):
    """(subject org, object org) pairs: subject x object, or every pair of members when the rule's symmetric
    relation names one group only ('A and B agreed to merge'), or each member to each other one when the object
    is ``reciprocal`` ('A and B took stakes in each other'). An object among the subjects is no party to
    the others ('A and B will build cells for B's cars': B builds with A, A sells B nothing), nor is a group
    that holds a subject ('a venture of A to develop software for *both companies'* cars')."""
    subj = [o for u in subjects for o in u.orgs]
    obj = [o for u in objects if len(u.orgs) == 1 or not set(u.orgs) & set(subj) for o in u.orgs]
    if obj:
        return [(a, b) for a, b in product(subj, obj) if b not in subj]
    if reciprocal:
        return [(a, b) for a, b in permutations(dict.fromkeys(subj), 2)]
    if "members" in rule.object or ("members" in rule.subject):
        return [(a, b) for a, b in combinations(subj, 2) if a != b]
    return []


_RECIPROCALS = ({"each", "other"}, {"one", "another"}, {"the", "other"})
"""The words of a reciprocal pronoun, however the parser heads it ('each other', 'one another', 'each ... the
other')."""


def _reciprocal(trigger) -> bool:
    """Whether the trigger, or the verb it is the object of, relates its subject's members to each other
    through a preposition ('stakes *in each other*', 'shares *in one another*')."""
    heads = [trigger] + [verb for verb in (governor(trigger),) if verb is not None]
    objects = [o for head in heads for prep in head.children if prep.dep_ == "prep"
               for o in prep.children if o.dep_ == "pobj"]
    return any({o.lower_, *(d.lower_ for d in o.children)} in _RECIPROCALS for o in objects)


def _read_trigger(s: Sentence, rule: rulebook.Rule, trigger, masked: Masked,
                  triggered: dict[int, list[str]], receiving: dict[int, bool]) -> list[Reading]:
    """The readings one rule makes of one trigger (``triggered``: the relations the rules' triggers state,
    by token, for a rule that reads its relation from its topic; ``receiving``: whether the doer of those
    triggers is their relation's object, as a buyer of goods is)."""
    own = s.unit(trigger)
    if own is not None and (not own.resolved or len(own.orgs) > 1) and "self" not in rule.object:
        return []  # a name, or 'the two partners': a reference to what an earlier sentence told (unless the
        # rule makes the name a party: "GM's Cruise")
    subjects = first(s, trigger, rule.subject)
    objects = _objects(s, rule, trigger, triggered, subjects) if subjects else []  # no subject: no pair needs
    # an object (an unheld trigger, 'the partnership with X', reads its counterpart itself)
    subjects, objects = _reported_own(s, trigger, subjects, objects)
    unheld = not subjects and _unheld(rule, trigger)  # 'the partnership with X': the article's company holds it
    pairs = [(None, b) for b in dict.fromkeys(o for u in roles(s, trigger, "prep:with") for o in u.orgs)] \
        if unheld else _pairs(rule, subjects, objects, bool(rule.object) and not objects and _reciprocal(trigger))
    status = read_status(s, rule, trigger) if pairs else False  # read only where there are parties
    if status is False:
        return []
    anchor = masked.original(trigger.idx - s.span.start_char)
    if unheld:
        return [Reading(rule.relation, None, b, status, rule.id, rule.confidence - _UNHELD_DOUBT, anchor)
                for _, b in pairs]
    out = []
    for a, b in pairs:
        for relation, turned in _topic(s, trigger, rule, triggered, receiving, (a, b)) or ((rule.relation, False),):
            subject, object_ = (b, a) if turned else (a, b)
            stated = None if relation in rulebook.statusless() else status  # rivalry has no status, whatever talks
            # it is the topic of
            out.append(Reading(relation, subject, object_, stated, rule.id, rule.confidence, anchor))
        if rule.also and (status == "active" or (rule.holds and status != "ended")):  # a completed acquisition
            # is also a holding, and so is what a buyer of the rest holds already
            out.append(Reading(rule.also, a, b, "active", rule.id, rule.confidence, anchor))
    return out


def _objects(s: Sentence, rule: rulebook.Rule, trigger, triggered: dict[int, list[str]], subjects: list[Unit]) -> list:
    """The units of the rule's object roles, else the object a verb coordinated with the trigger names."""
    if not rule.object:
        return []
    return first(s, trigger, rule.object, subjects) or _gapped_objects(s, rule, trigger, triggered, subjects) or (
        _customer_in_clause(s, rule, trigger, subjects))


def _customer_in_clause(s: Sentence, rule: rulebook.Rule, trigger, subjects: list[Unit]) -> list[Unit]:
    """For a verb of supplying whose roles name no customer, the one carmaker its own clause names after it,
    however the parser hung it ('will ship modules for the new sedan of *X*'), when the supplier is a maker of
    goods (entities.json goods_kinds; supplied_kinds: the carmaker, the only party of its kind there)."""
    if rule.relation != "supply" or trigger.pos_ != "VERB" or rule.object[:1] == ("agent",):
        return []
    suppliers = {o for u in subjects for o in u.orgs}
    if not all(o.kind in lexicon.entities()["goods_kinds"] for o in suppliers):
        return []  # a carmaker building for another says whom in its roles, or the parse is not to be guessed
    if not any(c.dep_ in ("dobj", "nsubjpass") and _goods(c) for c in trigger.children):
        return []  # goods are what it supplies ('makes room for X's engineers' is no supply)
    kinds = lexicon.entities()["supplied_kinds"]
    found = []
    for token in trigger.subtree:
        unit = s.unit(token)
        if unit is None or token.i < trigger.i or unit in found or set(unit.orgs) & suppliers:
            continue
        if _clause_between(trigger, token) or not all(o.kind in kinds for o in unit.orgs):
            continue
        found.append(unit)
    return found if len(found) == 1 else []


def _goods(noun) -> bool:
    """Whether a noun (or the noun a relative 'which' stands for) names goods or products (status.json 'goods',
    'not_companies'), a model, or a deal for them ('supply_deals': 'won an order')."""
    if noun.tag_ == "WDT" and noun.head.dep_ == "relcl":
        noun = noun.head.head
    words = rulebook.status_words()
    lemma = noun.lemma_.lower()
    return lemma in words["goods"] or lemma in words["not_companies"] or lemma in words["supply_deals"] \
        or rulebook.product_word(noun.text) or numbered_model(noun)


def _clause_between(verb, token) -> bool:
    """Whether another verb stands on the path from ``token`` up to ``verb`` (the token is in a clause of its own)."""
    node = token.head
    while node.i != verb.i and node.head.i != node.i:
        if node.pos_ in ("VERB", "AUX"):
            return True
        node = node.head
    return False


def _reported_own(s: Sentence, trigger, subjects: list[Unit], objects: list[Unit]) -> tuple[list, list]:
    """The parties with a possessive pronoun that would relate a company to itself, or to the list it is one of,
    read as the company that reports the clause ('Panasonic said Mazda would use *its* batteries': Panasonic's,
    for Mazda's own would be no supply; 'The battery maker counts BMW, Mercedes and VW among *its* customers,
    CATL said': not BMW)."""
    one = {o for u in subjects for o in u.orgs}
    named = [u for u in objects if not u.resolved]
    if len(named) > 1 and all(possessive_pronoun(s, u) for u in subjects) and one & {o for u in named for o in u.orgs}:
        return reporter(s, trigger), objects
    if len(one) != 1 or one != {o for u in objects for o in u.orgs}:
        return subjects, objects
    if all(possessive_pronoun(s, u) for u in subjects):
        return _pronoun_owner(s, trigger, subjects, one), objects
    if all(possessive_pronoun(s, u) for u in objects):
        return subjects, _pronoun_owner(s, trigger, objects, one)
    return subjects, objects


def _pronoun_owner(s: Sentence, trigger, pronouns: list[Unit], one: set) -> list[Unit]:
    """Whom possessive ``pronouns`` that would relate ``one`` to itself mean: the company that reports the
    clause, else, in a sentence no company reports, the company named last before them ('Uber agreed to invest in
    Lucid and buy 20,000 of *its* cars': Lucid's), never for 'its own', which is the subject's."""
    reported = reporter(s, trigger)
    if reported:
        return reported
    start = min(u.start for u in pronouns)
    if start + 1 < len(s.span) and s.span[start + 1].lower_ == "own":
        return []
    pronoun = s.span[start]
    named = [u for u in s.units if u.start < start and not u.resolved and not set(u.orgs) & one
             and not _aside_of(s.span[u.start], pronoun)]
    return named[-1:]


def _aside_of(token, other) -> bool:
    """Whether ``token`` stands in a relative clause that ``other`` is outside of ('X, which is owned by *Y*, will
    build its cars': Y is background to what X does)."""
    return any(a.dep_ == "relcl" and not a.is_ancestor(other) for a in [token, *token.ancestors])


def _gapped_objects(s: Sentence, rule: rulebook.Rule, trigger, triggered: dict[int, list[str]], subjects) -> list:
    """The prepositional object a verb coordinated with the trigger names for the same relation, when the
    trigger names none ('A is stumping up $667 million and B will pour $333 million *into X*': A invests in X
    too; 'buy shares and sell the X business' shares no object); for a portion, the object of the portion
    beside it ('A will own 90% of X, while B will hold 5%')."""
    preps = tuple(role for role in rule.object if role.startswith("prep:"))  # a direct object is never shared
    if not preps:
        return []
    if trigger.pos_ == "VERB":
        siblings = _sibling_verbs(trigger, ("conj",))
    else:  # 'A will own 90% of X, while B will hold 5%', 'A will invest in X, and B is mulling a stake': of X too
        verb = governor(trigger)
        siblings = [w for v in _sibling_verbs(verb, ("conj", "advcl")) for w in [v, *v.children]
                    if w.i == v.i or w.dep_ in ("dobj", "attr")] \
            if verb is not None and trigger.dep_ == "dobj" and not any(c.dep_ == "prep" for c in trigger.children) else []
    for word in siblings:
        if word.pos_ in ("VERB", "NOUN") and rule.relation in triggered.get(word.i, ()):
            objects = first(s, word, preps, subjects)
            if objects:
                return objects
    return []


def _sibling_verbs(verb, deps: tuple[str, ...]) -> list:
    """The verbs joined to ``verb`` by one of ``deps``, either way ('A owns X and B keeps ...')."""
    return [c for c in verb.children if c.dep_ in deps] + ([verb.head] if verb.dep_ in deps else [])


def _topic(s: Sentence, trigger, rule: rulebook.Rule, triggered: dict[int, list[str]],
           receiving: dict[int, bool], pair: tuple) -> tuple[tuple[str, bool], ...]:
    """The relations other rules' trigger nouns state in the phrase a topic preposition of the trigger, or of
    the verb it is the object of, opens, or a noun before it names: 'held talks with X over an investment or an
    acquisition', 'merger talks' are about investment and merger, not any cooperation ('talks about a venture
    to build cars' are about a venture; 'merger talks' are only that, whatever prepositions follow); or the one
    relation a purpose infinitive naming no company but the ``pair`` states ('in talks with X to supply
    batteries', 'a deal with X to use its cells'), turned when its doer receives ('in talks with X to source
    batteries': X supplies) unless its object names the giver ('the companies will work to use *A's* fuel cells
    in B's trucks': A gives, whichever the pair names first). Each with whether it is turned."""
    preps = {role.removeprefix("prep:") for role in rule.topic}
    stack = [trigger] + [verb for verb in (governor(trigger),) if verb is not None]
    found = [(relation, False) for c in trigger.children if c.dep_ == "compound" and preps  # 'merger talks'
             for relation in triggered.get(c.i, ())]
    if found:  # 'merger talks ... after disputes over the deal' are merger talks only
        return tuple(dict.fromkeys(found))
    aims = [c for head in stack for c in head.children if preps and c.dep_ in ("acl", "advcl", "xcomp")
            and infinitive(c) and len(set(triggered.get(c.i, ()))) == 1
            and all(set(s.unit(t).orgs) <= set(pair) for t in c.subtree if s.unit(t) is not None)]
    found += [stated for aim in aims for stated in _stated(s, aim, triggered, receiving, pair)]  # 'in talks with
    # X to supply batteries'
    while stack:  # down prepositional phrases only: 'in the first half of 2020 over an acquisition' too
        head = stack.pop()
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                named = [(relation, _supplier_second(relation, pair)) for token in child.subtree
                         if token.pos_ in ("NOUN", "PROPN") and not _held_elsewhere(s, token, pair)
                         for relation in triggered.get(token.i, ())]
                found.extend(named or [goods for o in child.children if o.dep_ == "pobj" and _about_goods(o)
                                       for goods in _goods_supply(pair)])  # what the talks are about, not a
                # verb: a relation's noun, or goods ('a deal with X for battery cells')
                found.extend(stated for g in child.children if g.dep_ == "pcomp" and g.tag_ == "VBG"
                             and len(set(triggered.get(g.i, ()))) == 1
                             for stated in _stated(s, g, triggered, receiving, pair))  # and the one a gerund
                # states: 'on *supplying* parts'
            elif child.dep_ in ("prep", "pobj") and child.i > trigger.i:
                stack.append(child)
    return tuple(dict.fromkeys(found))


def _about_goods(noun) -> bool:
    """Whether a topic noun is goods, or a deal for goods or a supply of them ('talks about *a contract for battery
    cells*', 'about *a supply of lithium*'; status.json 'goods', 'supply_deals', 'supplies')."""
    words = rulebook.status_words()
    lemma = noun.lemma_.lower()
    preps = ("for",) if lemma in words["supply_deals"] else ("of", "for") if lemma in words["supplies"] else ()
    purposes = [o for p in noun.children if p.dep_ == "prep" and p.lower_ in preps for o in p.children
                if o.dep_ == "pobj"]
    return lemma in words["goods"] or any(o.lemma_.lower() in words["goods"] for o in purposes)


def _stated(s: Sentence, verb, triggered: dict[int, list[str]], receiving: dict[int, bool],
            pair: tuple) -> list[tuple[str, bool]]:
    """The relations a verb a deal is for or about states, each turned when its doer receives unless its object
    names the giver by name ('to use *its* chips' names none: its own chips would be no supply)."""
    named = {o for d in verb.children if d.dep_ == "dobj" for t in d.subtree if s.unit(t) is not None
             and not possessive_pronoun(s, s.unit(t)) for o in s.unit(t).orgs}  # whose goods it takes
    turned = receiving[verb.i] and named != {pair[0]}
    return [(relation, turned) for relation in triggered[verb.i]]


def _supplier_second(relation: str, pair: tuple) -> bool:
    """Whether a supply a noun names without a direction ('talks with X about a supply deal') runs from the
    pair's second company to its first, by what the two are (entities.json: a battery maker and a carmaker)."""
    return relation == "supply" and _supply_turned(pair, "supplying_kinds") is True


def _supply_turned(pair: tuple, makers: str) -> bool | None:
    """Whether a supply between the ``pair`` runs from its second company to its first (True) or the other way
    (False), by which is of entities.json's ``makers`` kinds and which a carmaker; None when that does not say."""
    kinds = lexicon.entities()
    if None in pair:
        return None
    for (maker, carmaker), turned in ((pair, False), (pair[::-1], True)):
        if maker.kind in kinds[makers] and carmaker.kind in kinds["supplied_kinds"]:
            return turned
    return None


def _held_elsewhere(s: Sentence, noun, pair: tuple) -> bool:
    """Whether a topic noun is put 'in' something besides the pair ('talks with X over a stake *in their
    venture*'): it is no relation between the two. 'The company' may be one of them."""
    return any(not set(s.unit(o).orgs) <= set(pair) if s.unit(o) is not None
               else not any(d.lower_ == "the" for d in o.children)
               for p in noun.children if p.dep_ == "prep" and p.lower_ in ("in", "into")
               for o in p.children if o.dep_ == "pobj")


def _goods_supply(pair: tuple) -> list[tuple[str, bool]]:
    """The supply a deal or talks about goods state between the ``pair``, run from its maker of goods to its
    carmaker, or none when what the two are does not say who supplies (entities.json goods_kinds)."""
    turned = _supply_turned(pair, "goods_kinds")
    return [] if turned is None else [("supply", turned)]


_UNHELD_DOUBT = 0.2
"""What a reading whose holder is the article's main company loses against one the sentence names."""


def _unheld(rule: rulebook.Rule, trigger) -> bool:
    """Whether a cooperation noun names its counterpart with 'with' but no holder ('maintained through
    partnerships with X and Y'): the holder is then the company the article is about."""
    if trigger.pos_ != "NOUN" or rule.relation != "partnership" or "prep:with" not in rule.object or any(
            c.dep_ in ("poss", "det") and c.lower_ not in ("the", "a", "an") for c in trigger.children):
        return False
    verb = governor(trigger)
    return verb is None or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)  # no doer named


def _blocked(rule: rulebook.Rule, trigger) -> bool:
    """Whether a word that depends on the trigger, the object of its 'with' ('provide X with *funding*'), the
    infinitive saying what the verb that takes a trigger noun is for ('signed an agreement with X *to secure*
    supplies'), or what an 'under which' clause on it provides (roles.provisions), matches one of the rule's
    "unless" patterns."""
    if not rule.unless or (rule.tried and _striven(trigger)):
        return False
    blockers = rulebook.blockers(trigger.vocab)
    name = trigger.vocab.strings[rule.id]
    given = [o for p in trigger.children if p.dep_ == "prep" and p.lower_ == "with" for o in p.children
             if o.dep_ == "pobj"]  # 'provide X *with funding*'
    return any(match_id == name for child in [*trigger.children, *purposes(trigger), *provisions(trigger), *given]
               for match_id, _, _ in blockers(trigger.doc[child.i:child.i + 1]))


def _striven(trigger) -> bool:
    """Whether the trigger is what a 'striving' word (status.json) tries for ('aims *to overtake* X', 'in a bid
    *to beat* X')."""
    return trigger.dep_ in ("xcomp", "acl") and trigger.head.lemma_.lower() in rulebook.status_words()["striving"]


def _token_units(span, masked: Masked) -> list[Unit]:
    """The masked mentions as token spans of the parse."""
    out = []
    for start, end, orgs, resolved in masked.spans:
        tokens = span.char_span(start, end, alignment_mode="expand")
        if tokens is not None and len(tokens):
            out.append(Unit(tokens.start - span.start, tokens.end - span.start, orgs, resolved))
    return out


_NAME_GLUE = frozenset({"&", "-"})
"""Tokens that may stand inside a proper name between two proper nouns ('Tank & Rast')."""


def proper_names(span, units: list[Unit]) -> list[tuple[int, int]]:
    """Token runs (sentence offsets) of proper nouns outside every unit: names the parse suggests; not a run
    glued to a mention's end ('SoftBank Vision Fund' is no 'Vision Fund'), one describing a noun, one a mention
    possesses, one in brackets after a mention, nor the name of a tie ('the X Alliance', entities.json
    'tie_heads')."""
    taken = {i for u in units for i in range(u.start, u.end)}
    headline = sum(t.text[:1].isupper() for t in span) * 2 > len(span)  # title case: every noun a capital
    runs, start = [], None
    for k, token in enumerate(span):
        inside = (token.pos_ == "PROPN" or (not headline and _listed_noun(span, k, taken))) and k not in taken \
            and token.text[:1].isupper()
        glue = (start is not None and token.text in _NAME_GLUE and k + 1 < len(span)
                and span[k + 1].pos_ == "PROPN" and k + 1 not in taken)
        if inside or glue:
            start = k if start is None else start
        elif start is not None:
            runs.append((start, k))
            start = None
    if start is not None:
        runs.append((start, len(span)))
    return [(a, b) for a, b in runs if a - 1 not in taken and not _describes(span[b - 1])
            and not _bracketed_after(span, a, taken) and not _glued_after(span, a, taken)
            and not _dateline(span, a, b) and not possessed_name(span[b - 1]) and not _person_described(span, a)
            and not _made(span[b - 1]) and not numbered_model(span[b - 1]) and not possessed_model(span[b - 1])
            and span[b - 1].lower_ not in lexicon.entities()["tie_heads"]]


def _listed_noun(span, k: int, taken: set) -> bool:
    """Whether a capitalised singular word the tagger read as a common noun is a name joined by 'and' to a name
    right beside it ('*Ouster* and Velodyne agreed to combine', 'Velodyne and *Ouster*'; not 'Members of X, A and
    B')."""
    token = span[k]
    if token.tag_ != "NN" or token.text.isupper():
        return False
    beside = [span[j] for j in (k - 2, k + 2) if 0 <= j < len(span) and span[(j + k) // 2].lower_ == "and"]
    return any((m.pos_ == "PROPN" or m.i - span.start in taken) and token.i in (_name_head(m).head.i, m.head.i)
               or token.head.i in (m.i, _name_head(m).i) for m in beside)


def _name_head(token):
    """The last word of the name a word is part of ('Velodyne' in 'Velodyne Lidar': 'Lidar')."""
    while token.dep_ == "compound" and token.head.i > token.i:
        token = token.head
    return token


def _made(name) -> bool:
    """Whether a name is the object of a verb of making ('will assemble *the G-Class* for X'): a product."""
    return name.dep_ == "dobj" and name.head.lemma_.lower() in rulebook.status_words()["making"]


def _person_described(span, start: int) -> bool:
    """A name a word for a person describes ('tycoon Masayoshi Son'): a person, no company (entities.json
    'person_nouns')."""
    return start > 0 and span[start - 1].lower_ in lexicon.entities()["person_nouns"]


def _dateline(span, start: int, end: int) -> bool:
    """A place in capitals opening a sentence before a comma or a bracket: a wire story's dateline ('BERLIN, May 2
    --', 'SEOUL (Wire) -')."""
    return start == 0 and end < len(span) and span[end].text in (",", "(") and span[start:end].text.isupper()


def _bracketed_after(span, start: int, taken: set[int]) -> bool:
    """A run in brackets right after a name: its ticker or short form ('Acme Corp (ACME.O)', '(VOWG_p.DE)'), no
    new party."""
    k = start - 1
    while k >= 1 and span[k].text not in ("(", ")") and start - k <= 4:
        k -= 1  # a ticker the tokenizer splits at its dot
    return k >= 1 and span[k].text == "(" and (k - 1 in taken or span[k - 1].pos_ == "PROPN")


def _glued_after(span, start: int, taken: set[int]) -> bool:
    """A run joined to a mention by '&': the rest of that company's name ('Acme Axle & Manufacturing')."""
    return start >= 2 and span[start - 1].text in _NAME_GLUE and start - 2 in taken


def _describes(token) -> bool:
    """Whether a proper noun modifies a common noun ('ADAS makers', 'Autopilot software', 'Acme SUVs' however the
    parse tags 'SUVs'), or is listed with one that does ('the *EQA* and EQB compact models'): no party then."""
    while token.dep_ == "conj":
        token = token.head
    return token.dep_ in ("compound", "amod", "nmod") and (
        token.head.pos_ == "NOUN" or rulebook.product_word(token.head.text))


def names_to_judge(span, masked: Masked, trial) -> bool:
    """Whether the sentence has a proper name outside its mentions that ``trial`` (text -> bool) says may be an
    organization: the names ``read`` will ask its namer about."""
    return any(trial(span[a:b].text) for a, b in proper_names(span, _token_units(span, masked)))


def _discovered_units(span, units: list[Unit], namer) -> list[Unit]:
    """Units for the proper names ``namer`` accepts as organizations (it returns None for the rest): see namer for
    a name the sentence describes as a company, or lists with one ('from *Vale Indonesia* and Huayou Cobalt')."""
    out = []
    taken = {span.start + i for u in units for i in range(u.start, u.end)}
    for start, end in proper_names(span, units):
        head = span[end - 1]
        if _determined(head) and not name_patterns().corporate_tail.search(" " + span[start:end].text):
            continue  # 'launches such as *the Thar*': a product or a place, no company's name
        mates = [c for c in head.children if c.dep_ == "conj"] + ([head.head] if head.dep_ == "conj" else [])
        org = namer(span[start:end].text, _described_as_company(head) or _company_position(head),
                    any(t.i in taken for t in mates))
        if org is not None:
            out.append(Unit(start, end, (org,), False))
    return out


def _determined(name) -> bool:
    """Whether an article opens a name's phrase ('the Thar', 'a Kona'): companies' names go without one."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in name.children)


def _described_as_company(name) -> bool:
    """Whether a name's own apposition is a word only companies are ('Acme Electric, *the Indian scooter maker*',
    'the chipmaker, Acme'; entities.json 'company_only_heads')."""
    heads = lexicon.entities()["company_only_heads"]
    return any(c.dep_ == "appos" and c.lemma_.lower() in heads for c in name.children) or (
        name.dep_ == "appos" and name.head.lemma_.lower() in heads)


def _company_position(name) -> bool:
    """Whether a name stands where only a company can ('agreed to buy *X*', 'a stake in *X*', 'its merger with *X*';
    entities.json 'company_positions'): people are not bought, held or merged with."""
    positions = lexicon.entities()["company_positions"]
    if name.dep_ == "dobj":
        return name.head.lemma_.lower() in positions["dobj"]
    if _owned_by_agent(name, positions["owned"]):
        return True
    prep = name.head
    return name.dep_ == "pobj" and prep.dep_ in ("prep", "dative") and prep.lower_ in positions \
        and prep.head.lemma_.lower() in positions[prep.lower_]


def _owned_by_agent(name, verbs: list[str]) -> bool:
    """Whether a passive verb of owning with its 'by' agent says the name is owned: its subject ('X was acquired
    by Y'), or a relative clause or an apposed description on it ('X, which is majority-owned by Y', 'X, a brand
    owned by Y')."""
    def owning(verb) -> bool:
        return verb.lemma_.lower() in verbs and any(c.dep_ == "agent" for c in verb.children)
    if name.dep_ == "nsubjpass" and owning(name.head):
        return True
    relative = [c for c in name.children if c.dep_ == "relcl" and any(
        g.dep_ in ("nsubj", "nsubjpass") and g.tag_ in ("WDT", "WP") for g in c.children)]
    clauses = [v for c in relative for v in [c, *c.children] if v is c or v.dep_ == "acomp"]  # 'is *owned*'
    clauses += [v for a in name.children if a.dep_ == "appos" for v in a.children if v.dep_ in ("acl", "amod")]
    return any(owning(v) for v in clauses)


@dataclass(frozen=True)
class Binding:
    """An 'its' or 'it' the parse binds in its sentence: where it stands in the sentence, what it means."""

    anchor: int
    orgs: tuple


@dataclass(frozen=True)
class Ending:
    """A rule's trigger naming no party said to have ended ('the talks fell apart', 'X ended that relationship',
    'X sold its stake'): it ends a tie the rule read before."""

    rule: str
    anchor: int  # offset of the trigger in the sentence
    enders: tuple = ()  # the organizations that end it ('X ended ...'): the tie is one of theirs (none: any)
    own: bool = False  # a tie the enders hold ('sold *its* stake'): they are its subject


@dataclass(frozen=True)
class Parsed:
    """What the parse of one sentence gives: the rules' readings, the pronouns it binds, the companies it
    describes as such ('Canoo is an electric-vehicle startup'), the subjects of its clauses and the anaphoric
    triggers it ends."""

    readings: tuple[Reading, ...]
    bindings: tuple[Binding, ...]
    described: tuple = ()
    subjects: tuple[tuple, ...] = ()  # the organizations of each clause subject, in order ('A and B': both)
    ended: tuple[Ending, ...] = ()  # 'the talks fell apart', 'X ended that relationship': what they end


def read(span, masked: Masked, namer=None) -> Parsed:
    """Every reading the rules make of one parsed sentence ``span`` (the parse of ``masked.text``), and its
    bound pronouns; with a ``namer``, proper names outside the mentions may be parties too (see proper_names)."""
    units = _token_units(span, masked)
    if namer is not None:
        units = sorted(units + _discovered_units(span, units, namer), key=lambda u: u.start)
    s = Sentence(span, units)
    bound = bound_pronouns(s)
    if bound:  # the rules read 'its' and 'it' as the parse binds them
        rebound = {s.tok(token): unit.orgs for token, unit in bound}
        s = Sentence(span, [replace(u, orgs=rebound[u.start]) if u.start in rebound else u for u in units])
    matches = _matches(span)
    triggered: dict[int, list[str]] = {}
    receiving: dict[int, bool] = {}
    for rule, trigger, blocked in matches:
        if not blocked:
            triggered.setdefault(trigger.i, []).append(rule.relation)
            receiving[trigger.i] = receiving.get(trigger.i, True) and rule.object[:1] in (("agent",), ("doer",))
    out: list[Reading] = []
    ended = []
    for rule, trigger, blocked in matches:
        if blocked:
            continue
        found = _read_trigger(s, rule, trigger, masked, triggered, receiving)
        out.extend(found)
        if not found and rule.anaphoric and _ended_reference(s, rule, trigger):
            ended.append(Ending(rule.id, masked.original(trigger.idx - span.start_char), *_enders(s, trigger)))
    out.extend(_gapped_holders(s, out))
    out.extend(_described_ties(s, masked))
    out = _supplies_over_ties(out)
    bindings = tuple(Binding(masked.original(token.idx - span.start_char), unit.orgs) for token, unit in bound)
    return Parsed(tuple(out), bindings, _described(s), _subjects(s), tuple(ended))


def _supplies_over_ties(readings: list[Reading]) -> list[Reading]:
    """The readings without a partnership one trigger also reads as a supply between the same pair ('signed a
    battery deal with X': X supplies, the deal is no alliance)."""
    supplied = {(r.anchor, frozenset((r.subject, r.object))) for r in readings if r.relation == "supply"}
    return [r for r in readings
            if r.relation != "partnership" or (r.anchor, frozenset((r.subject, r.object))) not in supplied]


def _gapped_holders(s: Sentence, readings: list[Reading]) -> list[Reading]:
    """'A will own 51% of X and B the remaining 49%': B opens a clause whose verb is left out, so it holds X as
    A does, at the status of A's holding. The parser coordinates B with X, or (after a relative clause: 'X, in
    which A holds 51% and B the remaining 49%') hangs it elsewhere; then B holds what the holders named before
    it hold."""
    out = []
    for unit in s.units:
        member = s.span[unit.end - 1]
        if not gapped(member):
            continue
        if member.dep_ == "conj" and s.unit(member.head) is not None:
            held = s.unit(member.head).orgs
        elif unit.start > 0 and s.span[unit.start - 1].lower_ == "and":
            held = {r.object for r in readings if r.relation == "investment" and _named_before(s, r.subject, unit)}
        else:
            continue
        out += [replace(r, subject=org) for r in readings if r.relation == "investment" and r.object in held
                for org in unit.orgs if org not in (r.object, r.subject)]
    return out


def _described_ties(s: Sentence, masked: Masked) -> list[Reading]:
    """The ties a description pointing back at a company states between it and the company its 'its' means
    ('The French carmaker sold a stake in *its longtime partner*': the carmaker and the partner are partners;
    entities.json 'relational_descriptions': the relation, and whether the company pointed at is its subject)."""
    table = lexicon.entities()["relational_descriptions"]
    out = []
    for (start, _, orgs, _), head in zip(masked.spans, masked.ties):
        if head is None or len(orgs) != 1:
            continue  # the usual case: no description of a tie, so no token to look up
        token = next((t for t in s.span if t.idx - s.span.start_char == start), None)
        if token is None:
            continue
        relation, subject_side = table[head]
        for owner in (o for u in description_owner(s, token) for o in u.orgs if o != orgs[0]):
            subject, object_ = (orgs[0], owner) if subject_side == "described" else (owner, orgs[0])
            status = None if relation == "competition" else "active"
            out.append(Reading(relation, subject, object_, status, "described-tie", _DESCRIBED_CONFIDENCE,
                               masked.original(start)))
    return out


_DESCRIBED_CONFIDENCE = 0.7
"""The confidence of a tie read from a description ('its partner'): a word, not a clause, states it."""


def _named_before(s: Sentence, org, unit: Unit) -> bool:
    """Whether a unit before ``unit`` in the sentence names ``org``."""
    return any(org in u.orgs for u in s.units if u.end <= unit.start)


def _matches(span) -> list[tuple]:
    """(rule, trigger token, whether its "unless" blocks it) for each rule's trigger in the sentence, once per
    rule and token."""
    matches = {}
    for rule, start, end in rulebook.trigger_matches(span):
        trigger = span[start] if end - start == 1 else span[start:end].root  # most triggers are one word
        matches.setdefault((rule.id, trigger.i), (rule, trigger, _blocked(rule, trigger)))
    return list(matches.values())


_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})
"""The dependencies of a verb's own subject and object."""


def _ended_reference(s: Sentence, rule: rulebook.Rule, trigger) -> bool:
    """Whether a definite trigger that names no party, the subject or object of its verb, is said to have ended
    ('the talks ultimately fell apart', 'sold the stake'): it points back at what the rule read before. Not a
    tie only named inside another noun's phrase ('the batteries *from the partnership* will be sold'), nor an end
    awaited ('until the shares are sold')."""
    definite = any(c.dep_ == "det" and c.lower_ in rulebook.POINTING for c in trigger.children) or (
        rule.anaphoric == "relation" and pronoun_possessed(trigger))
    return definite and trigger.dep_ in _ARGUMENTS and not _awaited(trigger.head) \
        and read_status(s, rule, trigger) == "ended"


def _awaited(verb) -> bool:
    """Whether a verb's clause is a condition or a limit, an end awaited rather than told ('keeps the benefit
    *until* the shares are sold'; status.json 'conditions' and 'limits')."""
    words = rulebook.status_words()
    return any(c.dep_ == "mark" and c.lower_ in words["conditions"] | words["limits"] for c in verb.children)


def _enders(s: Sentence, trigger) -> tuple[tuple, bool]:
    """Whose tie an ended trigger naming no party is, and whether they hold it: the trigger's doers ('X ended
    *that relationship*': one of X's), who hold it when 'its' or a relative clause says so ('X sold *its* stake',
    'buying back the holding *X* had taken': X's)."""
    enders = tuple(o for u in roles(s, trigger, "agent") for o in u.orgs)
    return enders, pronoun_possessed(trigger) or bool(object_clauses(trigger))


def _subjects(s: Sentence) -> tuple[tuple, ...]:
    """The organizations each clause subject of the sentence names, in order: a coordinated subject ('Toyota
    and Denso are investing') as one group, so a singular 'it' in the next sentence is known not to mean it."""
    out = []
    for token in s.span:
        if token.dep_ in ("nsubj", "nsubjpass") and s.unit(token) is not None:
            orgs = tuple(o for u in phrase(s, token) for o in u.orgs)
            if orgs and orgs not in out:
                out.append(orgs)
    return tuple(out)


def _described(s: Sentence) -> tuple:
    """The discovered companies the sentence says are companies: the subject of 'is a ... startup' ('maker',
    'supplier', ... : the rules' 'descriptions')."""
    kinds = rulebook.status_words()["descriptions"]
    out = []
    for unit in s.units:
        head = s.span[unit.end - 1]
        verb = head.head
        if head.dep_ == "nsubj" and verb.lemma_ == "be" and any(
                c.dep_ == "attr" and c.lemma_.lower() in kinds for c in verb.children):
            out.extend(org for org in unit.orgs if not org.reference)
    return tuple(out)
