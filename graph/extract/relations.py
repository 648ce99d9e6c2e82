"""Relations read off a sentence's dependency tree: triggers from the rules, arguments by syntactic role.

A rule's trigger (a token pattern) marks the word that states a relation
("stake", "acquire", "rival"); the rule's roles say where its parties stand
relative to that word in the parse: the doer of the verb or of the verb that
governs the noun ("agent"), the verb's object ("patient"), a preposition's
object ("prep:in"), a possessor ("poss"), the name a descriptive noun is
apposed to ("apposed"). Each role's phrase is widened over coordination and
apposition to every organization mention it holds. Status comes from the
words that govern the trigger (graph.extract.rules.status_words).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import combinations, product

from graph.extract import rules as rulebook

__all__ = ["Unit", "Masked", "Reading", "mask", "read", "roles"]

_LIST_DEPS = frozenset({"conj", "appos"})
"""Dependencies that join members of one phrase ('A, B and C'; 'its partner, Honda')."""
_CLIMB_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "prep", "pobj", "dobj", "attr",
                         "oprd", "nsubj", "nsubjpass", "compound", "amod", "npadvmod", "dep", "appos"})
"""Dependencies through which a word's status is governed by its head ('agreed to buy', 'talks ... ended')."""
_EXAMPLE_WORDS = frozenset({"such", "including", "like", "include"})
PLACEHOLDERS = ("Toyota", "Honda", "Ford", "Nissan", "Renault", "Mazda", "Subaru", "Suzuki")
"""One-word company names the parser knows well; named mentions are parsed as these (see mask)."""
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True)
class Unit:
    """A mention as a token span of the parsed sentence, with the organizations it names."""

    start: int  # token index in the sentence span
    end: int
    orgs: tuple
    resolved: bool = False  # a description or pronoun read through coreference, not a name


@dataclass(frozen=True)
class Masked:
    """A sentence with its named mentions replaced by placeholders, and the way back to the original offsets."""

    text: str
    spans: tuple[tuple[int, int, tuple, bool], ...]  # (start, end, organizations, resolved) of each mention
    shifts: tuple[tuple[int, int], ...]  # (offset in ``text`` after a replacement, original minus masked)

    def original(self, offset: int) -> int:
        """The offset in the original sentence of ``offset`` in the masked text."""
        k = bisect_right([at for at, _ in self.shifts], offset) - 1
        return offset + (self.shifts[k][1] if k >= 0 else 0)


def mask(text: str, units) -> Masked:
    """``text`` with each named (not coreferent) mention replaced by a placeholder company name, so that the
    parser sees 'Toyota will buy Honda' rather than a rare or multi-word name it may mis-tag."""
    pieces, spans, shifts = [], [], []
    cursor, delta, k = 0, 0, 0
    for unit in units:
        pieces.append(text[cursor:unit.start])
        start = unit.start - delta
        surface = text[unit.start:unit.end]
        if unit.resolved:
            replacement = surface
        else:
            suffix = _POSSESSIVE.search(surface).group(0) if unit.possessive and _POSSESSIVE.search(surface) else ""
            replacement = PLACEHOLDERS[k % len(PLACEHOLDERS)] + suffix
            k += 1
        pieces.append(replacement)
        spans.append((start, start + len(replacement), unit.orgs, unit.resolved))
        delta += len(surface) - len(replacement)
        shifts.append((start + len(replacement), delta))
        cursor = unit.end
    pieces.append(text[cursor:])
    return Masked("".join(pieces), tuple(spans), tuple(shifts))


@dataclass(frozen=True)
class Reading:
    """One candidate fact: relation, parties, status, the rule that read it, where its trigger stands."""

    relation: str
    subject: object
    object: object
    status: str | None
    rule: str
    confidence: float
    anchor: int  # character offset of the trigger in the sentence text


class _Sentence:
    """A parsed sentence with its units indexed by token."""

    def __init__(self, span, units: list[Unit]) -> None:
        self.span = span
        self.units = units
        self.unit_of = {i: u for u in units for i in range(u.start, u.end)}

    def tok(self, token) -> int:
        """A token's index within the sentence."""
        return token.i - self.span.start

    def unit(self, token) -> Unit | None:
        """The unit a token belongs to, if any."""
        return self.unit_of.get(self.tok(token))

    def in_span(self, token) -> bool:
        """Whether a token lies in this sentence."""
        return self.span.start <= token.i < self.span.end


def _phrase(s: _Sentence, head) -> list[Unit]:
    """The units a phrase headed by ``head`` names: its own, its coordinated and apposed members, and the
    examples it lists ('stores such as A and B'); never what relative clauses or prepositions add, nor the
    members of a list of brands or products ('owns brands such as A and B': FACTS.md counts those only
    where the text calls them companies)."""
    if _names_products(head):
        return []
    out: list[Unit] = []
    stack = [head]
    seen = set()
    while stack:
        token = stack.pop()
        if token.i in seen or not s.in_span(token):
            continue
        seen.add(token.i)
        unit = s.unit(token)
        if unit is None:
            unit = _unit_inside(s, token)
        if unit is not None and unit not in out:
            out.append(unit)
        for child in token.children:
            if child.dep_ in _LIST_DEPS and not _gapped(child):
                stack.append(child)
            elif child.dep_ == "prep" and (child.lower_ in _EXAMPLE_WORDS or child.lemma_ == "as") and unit is None:
                stack.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "amod" and child.lower_ in _EXAMPLE_WORDS and unit is None:
                stack.extend(c for c in child.children if c.dep_ in ("pobj", "prep"))
    return out


def _gapped(member) -> bool:
    """Whether a coordinated name opens a clause whose verb is left out ('A will own 51% and B 49%'): a
    number follows it."""
    after = member.nbor(1) if member.i + 1 < len(member.doc) else None
    return after is not None and after.like_num


def _names_products(noun) -> bool:
    """Whether a common noun names brands or products, itself or through 'of' ('a number of brands')."""
    if noun.pos_ != "NOUN":
        return False
    nouns = [noun] + [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                      if o.dep_ == "pobj"]
    return any(n.lemma_.lower() in rulebook.status_words()["not_companies"] for n in nouns)


def _unit_inside(s: _Sentence, token):
    """The unit a nominal's own premodifiers hold ('the Toyota-Mazda venture' -> none; 'carmaker Geely' -> Geely
    when the parser made the name a compound of its description)."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i > token.i - 4:
            unit = s.unit(child)
            if unit is not None and token.lemma_ in rulebook.status_words()["descriptions"]:
                return unit
    return None


def _relative_head(token):
    """For a relative pronoun ('which', 'that', 'who'), the noun its clause modifies; else the token."""
    if token.tag_ in ("WDT", "WP", "WP$") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _verb_agent(s: _Sentence, verb, depth: int = 0) -> list[Unit]:
    """Who does ``verb``: its subject, the object of its 'by' agent, or the subject it inherits from the verb
    it complements ('agreed to buy'), is coordinated with, or relates to ('X, which bought Y')."""
    if depth > 4:
        return []
    subjects = [_phrase(s, _relative_head(c)) for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:  # the first that names a company: a dateline the parser made a second subject names none
        return next((units for units in subjects if units), [])
    for child in verb.children:
        if child.dep_ == "agent":
            return [u for c in child.children if c.dep_ == "pobj" for u in _phrase(s, c)]
    if verb.dep_ == "xcomp" and _controller(s, verb.head):
        return _controller(s, verb.head)  # 'enable ZF to catch up': the object does it
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.tag_ == "VB":
        return _noun_agent(s, verb.head, depth + 1)  # 'X's proposal to merge', 'withdrew a bid to buy'
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") or (verb.dep_ == "pobj" and verb.head.dep_ == "prep"):
        head = verb.head.head if verb.dep_ in ("pcomp", "pobj") else verb.head
        if head.pos_ in ("VERB", "AUX"):
            return _verb_agent(s, head, depth + 1)
        if head.pos_ == "NOUN" and verb.dep_ in ("pcomp",):
            return _noun_agent(s, head, depth + 1)
    if verb.dep_ == "relcl" and not _passive(verb):
        return _phrase(s, verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return _phrase(s, verb.head)
    return []


def _controller(s: _Sentence, verb) -> list[Unit]:
    """The object of a verb of enabling that does what the verb's complement says ('help *Honda* to build')."""
    if verb.lemma_.lower() not in rulebook.status_words()["object_control"]:
        return []
    return [u for c in verb.children if c.dep_ == "dobj" for u in _phrase(s, c)]


def _passive(verb) -> bool:
    """Whether a verb is passive ('was acquired', 'owned by')."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")


def _verb_patient(s: _Sentence, verb) -> list[Unit]:
    """What ``verb`` acts on: its direct object, or its subject when passive ('Y was acquired by X')."""
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return _phrase(s, _relative_head(child))
    if verb.dep_ in ("acl", "relcl") and _passive(verb):
        return _phrase(s, verb.head)
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            units = _phrase(s, child)
            if units:
                return units
    return []


def _governor(noun):
    """The verb a relation noun is the object or complement of ('took a stake', 'entered into a partnership',
    'is a supplier'), or None."""
    head, dep = noun.head, noun.dep_
    if dep == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if dep in ("dobj", "attr", "oprd", "nsubjpass", "appos", "conj") and head.pos_ in ("VERB", "AUX"):
        return head
    return None


def _noun_agent(s: _Sentence, noun, depth: int = 0) -> list[Unit]:
    """Who holds a relation noun: its possessor, the doer of the verb governing it, or the name it describes."""
    owner = _role_poss(s, noun)
    if owner:
        return owner
    verb = _governor(noun)
    if verb is not None:
        return _verb_agent(s, verb, depth + 1)
    if noun.dep_ in ("conj", "compound", "appos") and noun.head.pos_ == "NOUN" and depth < 4:
        return _noun_agent(s, noun.head, depth + 1)  # 'merger plans', 'alliance and partnership': the head's
    return []


def _role_poss(s: _Sentence, noun) -> list[Unit]:
    """The noun's possessor ('Toyota's stake', 'its partner')."""
    return [u for c in noun.children if c.dep_ == "poss" for u in _phrase(s, c)]


def _prep_objects(s: _Sentence, token, word: str) -> list[Unit]:
    """Units in the object of preposition ``word`` attached to ``token`` (for a noun, also to its verb)."""
    heads = [token] + [c for c in token.children if c.dep_ == "dobj" and token.pos_ == "VERB"]  # 'parted ways with'
    if token.dep_ == "compound" and token.head.pos_ == "NOUN":
        token = token.head  # 'a collaboration deal with X'
        heads.append(token)
    verb = _governor(token) if token.pos_ in ("NOUN", "PROPN") else None
    if verb is not None:
        heads.append(verb)
    out: list[Unit] = []
    for head in heads:
        for child in head.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ == word:
                for obj in child.children:
                    if obj.dep_ in ("pobj", "pcomp"):
                        out.extend(u for u in _phrase(s, obj) if u not in out)
        if out:
            return out
    return out


def _apposed(s: _Sentence, noun) -> list[Unit]:
    """The name a descriptive noun describes: 'Tesla rival Nio', 'rival BMW', 'Nio, a rival of Tesla', or
    the company a description read through coreference points at ('the parent company of Y')."""
    own = s.unit(noun)
    if own is not None and own.resolved:
        return [own]
    head = noun.head
    if noun.dep_ in ("compound", "amod", "nmod") and s.unit(head) is not None:
        return [s.unit(head)]
    if noun.dep_ == "appos" and s.unit(head) is not None:
        return [s.unit(head)]
    for child in noun.children:
        if child.dep_ == "appos" and s.unit(child) is not None:
            return [s.unit(child)]
    if noun.dep_ == "pobj" and head.lower_ in ("as", "among") and head.head.pos_ == "VERB":
        return _verb_patient(s, head.head) or _first_prep_object(s, head.head)  # 'chose X as supplier'
    if noun.dep_ == "pobj" and head.lower_ == "among" and head.head.pos_ == "AUX":  # 'X was among the backers'
        head, noun = head.head, head
    if noun.dep_ in ("attr", "prep") and head.pos_ == "AUX":
        return [u for c in head.children if c.dep_ == "nsubj" for u in _phrase(s, _relative_head(c))]
    return []


def _first_prep_object(s: _Sentence, verb) -> list[Unit]:
    """The units of a verb's first prepositional object ('relied *on X* as its supplier')."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ not in ("as", "among"):
            return [u for obj in child.children if obj.dep_ == "pobj" for u in _phrase(s, obj)]
    return []


def _apposed_poss(s: _Sentence, noun) -> list[Unit]:
    """For "X's subsidiary Y" (the description on Y), X: the possessor of the name described."""
    if noun.dep_ not in ("compound", "amod", "nmod") or s.unit(noun.head) is None:
        return []
    return [u for c in noun.head.children if c.dep_ == "poss" for u in _phrase(s, c)]


def _apposed_partner(s: _Sentence, noun) -> list[Unit]:
    """For 'A and rival B' (the description on B), A: the unit B is coordinated with."""
    apposed = _apposed(s, noun)
    if not apposed or noun.dep_ not in ("compound", "amod", "nmod"):
        return []
    head = noun.head
    return [s.unit(head.head)] if head.dep_ == "conj" and s.unit(head.head) is not None else []


def _compound(s: _Sentence, noun) -> list[Unit]:
    """Names premodifying the trigger noun ('the Renault-Nissan alliance', 'its Tesla stake')."""
    out = []
    own = s.unit(noun)  # "the joint venture" read as a company through coreference is no premodifier of itself
    for child in noun.children:
        if child.dep_ in ("compound", "nmod", "amod") and child.i < noun.i:
            out.extend(u for u in _phrase(s, child) if u not in out and u is not own)
    return out


def _as_agent(s: _Sentence, noun) -> list[Unit]:
    """Who takes a company as what ``noun`` says: the doer of the verb of 'as' ('Tesla chose X as its supplier')."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ == "VERB":
        return _verb_agent(s, head.head)
    return []


def _hyphen_left(s: _Sentence, word) -> list[Unit]:
    """The name joined to a word by a hyphen before it ('*Google*-owned')."""
    k = s.tok(word)
    if k < 2 or s.span[k - 1].text != "-":
        return []
    unit = s.unit(s.span[k - 2])
    return [unit] if unit is not None else []


def _modified(s: _Sentence, word) -> list[Unit]:
    """The name a premodifier qualifies ('Google-owned *Waymo*'), through a description ('-owned startup X')."""
    head = word.head
    while head.dep_ == "compound" and s.unit(head) is None and head.head.i > head.i:
        head = head.head
    return _phrase(s, head) if word.dep_ in ("amod", "compound", "nmod") else []


def roles(s: _Sentence, trigger, role: str) -> list[Unit]:
    """The units ``trigger`` relates to in ``role`` (see the module docstring)."""
    verbal = trigger.pos_ in ("VERB", "AUX")
    if role == "agent":
        return _verb_agent(s, trigger) if verbal else _noun_agent(s, trigger)
    if role == "patient":
        return _verb_patient(s, trigger) if verbal else []
    if role == "poss":
        return _role_poss(s, trigger)
    if role == "holder":
        return _role_poss(s, trigger) or _noun_agent(s, trigger)
    if role == "compound":
        return _compound(s, trigger)
    if role == "apposed":
        return _apposed(s, trigger)
    if role == "apposed-poss":
        return _apposed_poss(s, trigger)
    if role == "apposed-partner":
        return _apposed_partner(s, trigger)
    if role == "as-agent":
        return _as_agent(s, trigger)
    if role == "hyphen-left":
        return _hyphen_left(s, trigger)
    if role == "modified":
        return _modified(s, trigger)
    if role.startswith("prep:"):
        return _prep_objects(s, trigger, role[5:])
    return []


def _first(s: _Sentence, trigger, names: tuple[str, ...]) -> list[Unit]:
    """The units of the first role in ``names`` that finds any."""
    for name in names:
        if name == "members":
            continue
        units = roles(s, trigger, name)
        if units:
            return units
    return []


def _scope(s: _Sentence, trigger):
    """The trigger and the words governing it up to its clause's root (not across a relative clause, a
    preposition that opens another event, or into the clause another is coordinated with, nor past a name:
    a description apposed to a company is not governed by that company's verb)."""
    out = [trigger]
    token = trigger
    while token.dep_ in _CLIMB_DEPS and token.head is not token and len(out) < 8:
        if token.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            break  # a coordinated clause with its own subject states its own status
        if token.dep_ == "prep" and token.lower_ in rulebook.status_words()["barriers"]:
            break
        token = token.head
        if s.unit(token) is not None and s.unit(token) is not s.unit(trigger):
            break
        out.append(token)
    return out


_STATUS_DEPS = frozenset({"aux", "neg", "advmod", "amod", "prt", "auxpass", "prep"})
"""Dependents of the trigger and its governors whose words can state a status ('has *already*', 'put *on hold*')."""


def _prep_phrase(word) -> str:
    """'on hold' for a preposition and its object's lemma (status words may be such phrases), else ''."""
    if word.dep_ != "prep":
        return ""
    return next((f"{word.lower_} {c.lemma_.lower()}" for c in word.children if c.dep_ == "pobj"), "")


def _status(s: _Sentence, rule: rulebook.Rule, trigger) -> str | None | bool:
    """The status the words governing ``trigger`` state; False when they negate or deny it."""
    words = rulebook.status_words()
    scope = _scope(s, trigger)
    found: set[str] = set()
    for token in scope:
        around = ([] if token is trigger else [token]) + [c for c in token.children if c.dep_ in _STATUS_DEPS]
        for word in around:
            lemma = word.lemma_.lower()
            if word.dep_ == "neg" or lemma in words["deny"] or _denied_noun(word):
                return False
            if word.pos_ == "VERB" and lemma in words["complemented"] and not _complemented(word):
                continue
            for status in ("ended", "considering", "agreed", "active"):
                if lemma in words[status] or _prep_phrase(word) in words[status]:
                    found.add(_reported(word, words) if status == "considering" else _founded(word, words, status))
            if lemma in words["resizing"] and any(c.dep_ == "poss" for c in trigger.children):
                found.add("resized")
    if _purpose(trigger, words["exploring"]):
        found.add("considering")  # a memorandum to explore cooperation: its purpose is to consider
    if rule.relation == "competition":
        return None
    if "resized" in found and "ended" not in found:
        return "active"
    for status in ("ended", "considering", "agreed", "active"):
        if status in found:
            return status
    if rule.progressive and _progressive(trigger):
        return rule.progressive
    if rule.past and _past(trigger):
        return rule.past
    return rule.status


def _complemented(verb) -> bool:
    """Whether a verb takes an infinitive ('offered *to buy*')."""
    return any(c.dep_ == "xcomp" for c in verb.children)


def _denied_noun(word) -> bool:
    """Whether a noun is denied by its determiner ('*no* plans to merge')."""
    return word.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in word.children)


def _purpose(trigger, exploring) -> bool:
    """Whether the infinitive that says what a relation (or the verb taking it) is for is a word of
    considering ('signed a memorandum to explore cooperation')."""
    verb = _governor(trigger) if trigger.pos_ in ("NOUN", "PROPN") else None
    clauses = [c for c in trigger.children if c.dep_ == "acl"]
    clauses += [c for c in (verb.children if verb is not None else ()) if c.dep_ == "advcl" and c.tag_ == "VB"]
    return any(c.lemma_.lower() in exploring for c in clauses)


def _reported(word, words: dict) -> str:
    """'considering' for a hedge, but 'agreed' for the 'would' of a reported decision ('said it would form')."""
    verb = word.head
    if word.lower_ == "would" and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in words["reporting"]:
        return "agreed"
    return "considering"


def _founded(word, words: dict, status: str) -> str:
    """'active' for a founding verb in the past tense with nothing to come ('was created', 'formed'), else
    ``status``."""
    past = word.tag_ in ("VBD", "VBN") and not any(c.lower_ in ("will", "would", "to") for c in word.children)
    return "active" if past and word.lemma_.lower() in words["founding"] else status


def _past(verb) -> bool:
    """Whether a verb tells of the past: 'sold', 'has sold', 'was sold' (not 'is owned')."""
    if verb.tag_ not in ("VBD", "VBN"):
        return False
    passive = [c for c in verb.children if c.dep_ == "auxpass"]
    return not passive or any(c.tag_ == "VBD" or c.lower_ == "been" for c in passive)


def _progressive(verb) -> bool:
    """Whether a verb is in the present progressive ('is teaming up', 'are joining forces')."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _pairs(rule: rulebook.Rule, subjects: list[Unit], objects: list[Unit]):
    """(subject org, object org) pairs: subject x object, or every pair of members when the rule's symmetric
    relation names one group only ('A and B agreed to merge')."""
    subj = [o for u in subjects for o in u.orgs]
    obj = [o for u in objects for o in u.orgs]
    if obj:
        return [(a, b) for a, b in product(subj, obj) if a != b]
    if "members" in rule.object or ("members" in rule.subject):
        return [(a, b) for a, b in combinations(subj, 2) if a != b]
    return []


def _read_trigger(s: _Sentence, rule: rulebook.Rule, trigger, masked: Masked) -> list[Reading]:
    """The readings one rule makes of one trigger."""
    own = s.unit(trigger)
    if (own is not None and not own.resolved) or _blocked(rule, trigger):
        return []
    status = _status(s, rule, trigger)
    if status is False:
        return []
    subjects = _first(s, trigger, rule.subject)
    objects = _first(s, trigger, rule.object) if rule.object else []
    anchor = masked.original(trigger.idx - s.span.start_char)
    out = []
    for a, b in _pairs(rule, subjects, objects):
        out.append(Reading(rule.relation, a, b, status, rule.id, rule.confidence, anchor))
        if rule.also and status == "active":  # a completed acquisition is also a holding
            out.append(Reading(rule.also, a, b, status, rule.id, rule.confidence, anchor))
    return out


def _blocked(rule: rulebook.Rule, trigger) -> bool:
    """Whether a word that depends on the trigger matches one of the rule's "unless" patterns."""
    if not rule.unless:
        return False
    blockers = rulebook.blockers(trigger.vocab)
    name = trigger.vocab.strings[rule.id]
    return any(match_id == name for child in trigger.children
               for match_id, _, _ in blockers(trigger.doc[child.i:child.i + 1]))


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
    glued to a mention's end ('SoftBank Vision Fund' is no 'Vision Fund'), one describing a noun, nor one in
    brackets after a mention."""
    taken = {i for u in units for i in range(u.start, u.end)}
    runs, start = [], None
    for k, token in enumerate(span):
        inside = token.pos_ == "PROPN" and k not in taken and token.text[:1].isupper()
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
            and not _dateline(span, a, b)]


def _dateline(span, start: int, end: int) -> bool:
    """A place in capitals opening a sentence before a comma: a wire story's dateline ('BERLIN, May 2 --')."""
    return start == 0 and end < len(span) and span[end].text == "," and span[start:end].text.isupper()


def _bracketed_after(span, start: int, taken: set[int]) -> bool:
    """A run in brackets right after a name: its ticker or short form ('Acme Corp (ACME.O)'), no new party."""
    return start >= 2 and span[start - 1].text == "(" and (start - 2 in taken or span[start - 2].pos_ == "PROPN")


def _glued_after(span, start: int, taken: set[int]) -> bool:
    """A run joined to a mention by '&': the rest of that company's name ('Acme Axle & Manufacturing')."""
    return start >= 2 and span[start - 1].text in _NAME_GLUE and start - 2 in taken


def _describes(token) -> bool:
    """Whether a proper noun modifies a common noun ('ADAS makers', 'Autopilot software'): no party then."""
    return token.dep_ in ("compound", "amod") and token.head.pos_ == "NOUN"


def _discovered_units(span, units: list[Unit], namer) -> list[Unit]:
    """Units for the proper names ``namer`` accepts as organizations (it returns None for the rest)."""
    out = []
    for start, end in proper_names(span, units):
        org = namer(span[start:end].text)
        if org is not None:
            out.append(Unit(start, end, (org,), False))
    return out


def read(span, masked: Masked, namer=None) -> list[Reading]:
    """Every reading the rules make of one parsed sentence ``span`` (the parse of ``masked.text``); with a
    ``namer``, proper names outside the mentions may be parties too (see proper_names)."""
    units = _token_units(span, masked)
    if namer is not None:
        units = sorted(units + _discovered_units(span, units, namer), key=lambda u: u.start)
    s = _Sentence(span, units)
    by_id = {r.id: r for r in rulebook.rules()}
    out: list[Reading] = []
    seen = set()
    for match_id, start, end in rulebook.matcher(span.vocab)(span):
        rule = by_id[span.vocab.strings[match_id]]
        trigger = span[start:end].root
        if (rule.id, trigger.i) not in seen:
            seen.add((rule.id, trigger.i))
            out.extend(_read_trigger(s, rule, trigger, masked))
    return out
