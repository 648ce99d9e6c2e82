"""The relation rules: plain data in rules/relations.jsonl (one rule a line), compiled into spaCy Matchers.

A rule names a relation, a trigger (a spaCy token pattern over lemmas and
parts of speech), the words that block it when they depend on the trigger
("unless": one-token patterns, e.g. "beat X *to become* the biggest"), the argument roles that give its subject and object (read
off the dependency tree by graph.extract.relations), the prepositions that
say what it is about ("topic": 'talks with X *over* a stake' read as the
relation the rules give 'stake'), the status it states when nothing governs
it, the most advanced status it can state short of ended ("cap": talks are
considered, whatever verb holds them), whether its status comes from the
trigger's tense alone ("tense": a seller holds what it sells until the sale
is done, whatever the buyer agreed), whether its "unless" words tell an
outcome that a trigger a striving word governs has not reached ("tried": 'aims
to overtake X *as* the biggest' is a race, 'overtook X as the biggest' a
league table), whether its trigger with "the" and no parties points back at
what it read before ("anaphoric": "readings", "the talks fell apart" ends the
talks the article told of) or at any tie of its relation told before ("relation":
"developed X together, but the collaboration ended"), how many sentences back
it looks ("anaphoric_reach": a generic 'the alliance' only at the sentence
before; none, any), and its own examples and counter-examples.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from graph.extract import attributes
from graph.extract.attributes import ATTRIBUTES

__all__ = ["POINTING", "Rule", "Example", "rules", "statusless", "status_words", "spellings", "verb_forms",
           "headline_verbs", "amount_nouns", "hyphenated_phrases", "trigger_matches", "blockers", "points_back",
           "sentence_pattern", "product_word", "funding_rules", "portion_rules", "ROLES"]

_PREPOSITIONS = ("in", "into", "with", "to", "for", "of", "between", "from", "by", "among", "behind", "against", "over",
                 "on", "inside", "at", "than", "about", "regarding", "like", "as", "including")
ROLES = frozenset({"agent", "patient", "poss", "compound", "apposed", "apposed-partner", "apposed-poss", "members",
                   "holder", "hyphen-left", "modified", "as-agent", "acl-head", "user", "portion-owner",
                   "product-owner", "product-possessor", "object-owner", "doer", "beneficiary", "part-of-object",
                   "listed", "leaders", "self", "clause-parties", "parallel-portion", "whole-owner", "examples",
                   "host-holder", "joined", "clause-agent", "supplying-party", "supplied-party", "goods-party",
                   "goods-owner", "goods-possessor", "goods-maker", "standing-owner", "cast-as", "deal-parties",
                   "speaker", "held-compound", "alliance-owner", "listed-members", "hub-leader", "joiners", "buyer",
                   "order-source"}
                  | {f"{kind}:{word}" for kind in ("prep", "owner", "maker", "purpose") for word in _PREPOSITIONS})
"""The argument roles a rule may name (see graph.extract.roles.roles)."""


@dataclass(frozen=True)
class Example:
    """A sentence of our own and the (subject, object, status, relation) facts the rule must read from it (an
    example's line may leave the relation out: the rule's own)."""

    text: str
    facts: tuple[tuple[str, str, str | None, str], ...]


@dataclass(frozen=True)
class Rule:
    """One relation rule (see the module docstring)."""

    id: str
    relation: str
    trigger: tuple[dict, ...]
    unless: tuple[dict, ...]
    subject: tuple[str, ...]
    object: tuple[str, ...]
    topic: tuple[str, ...]
    status: str | None
    past: str | None
    progressive: str | None
    cap: str | None
    tense: bool
    anaphoric: str  # "" (no), "readings" or "relation": what its trigger with "the" and no parties points back at
    anaphoric_reach: int | None  # how many sentences back it points (None: any)
    also: str | None
    holds: bool  # the subject holds part of the object already: "also" gives an active holding whatever the status
    tried: bool  # its "unless" words tell an outcome, which a trigger only striven for has not reached
    confidence: float
    examples: tuple[Example, ...]
    counter_examples: tuple[str, ...]


def _rule(record: dict) -> Rule:
    """A Rule from one JSON line, with its roles checked against ROLES."""
    for role in [*record["subject"], *record.get("object", []), *record.get("topic", [])]:
        if role not in ROLES:
            raise ValueError(f"rule {record['id']}: unknown role {role!r}")
    relation = record["relation"]
    examples = tuple(Example(e["text"], tuple((*f[:3], f[3] if len(f) > 3 else relation) for f in e["facts"]))
                     for e in record["examples"])
    return Rule(record["id"], relation, tuple(record["trigger"]), tuple(record.get("unless", ())),
                tuple(record["subject"]), tuple(record.get("object", ())), tuple(record.get("topic", ())),
                record.get("status"), record.get("past"), record.get("progressive"), record.get("cap"),
                bool(record.get("tense")), _anaphoric(record), record.get("anaphoric_reach"),
                record.get("also"),
                bool(record.get("holds")), bool(record.get("tried")),
                float(record.get("confidence", 0.8)), examples, tuple(record["counter_examples"]))


_ANAPHORIC_KINDS = ("readings", "relation")
"""What an anaphoric rule's trigger naming no party points back at: the rule's own readings, or any tie of its
relation."""


def _anaphoric(record: dict) -> str:
    """A rule's "anaphoric" value, checked: "" when it has none."""
    kind = record.get("anaphoric", "")
    if kind and kind not in _ANAPHORIC_KINDS:
        raise ValueError(f"rule {record['id']}: anaphoric must be one of {_ANAPHORIC_KINDS}, not {kind!r}")
    return kind


def _data(name: str):
    """A packaged file under graph/extract/rules/."""
    return resources.files("graph.extract").joinpath("rules", name)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """Every relation rule, in file order (rules/relations.jsonl)."""
    lines = _data("relations.jsonl").read_text(encoding="utf-8").splitlines()
    return tuple(_rule(json.loads(line)) for line in lines if line.strip())


@lru_cache(maxsize=1)
def statusless() -> frozenset[str]:
    """The relations no rule gives a status (competition): read as another rule's topic, they take none either."""
    given: dict[str, set] = {}
    for rule in rules():
        given.setdefault(rule.relation, set()).add(rule.status)
    return frozenset(relation for relation, statuses in given.items() if statuses == {None})


@lru_cache(maxsize=1)
def status_words() -> dict[str, frozenset[str]]:
    """Lemmas that set a governed relation's status, negate it or deny it (rules/status.json), each list as a set:
    the rules test membership for every word above every trigger."""
    data = json.loads(_data("status.json").read_text(encoding="utf-8"))
    return {key: frozenset(words) for key, words in data.items() if not key.startswith("_")}


@lru_cache(maxsize=1)
def product_word(word: str) -> bool:
    """Whether a word names a product or a brand, no company (status.json's not_companies), an acronym's plural
    too ('SUVs', which the lemmatizer leaves as it is), or a model's code ('EV9', sentences.json 'model_code')."""
    nouns = status_words()["not_companies"]
    lower = word.lower()
    return lower in nouns or (word.endswith("s") and word[:-1].isupper() and lower[:-1] in nouns) or bool(
        sentence_pattern("model_code").fullmatch(word))


def _sentences() -> dict:
    """The sentence-level patterns and lists of rules/sentences.json."""
    return json.loads(_data("sentences.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def sentence_pattern(key: str) -> re.Pattern:
    """A named pattern of rules/sentences.json ('clause_boundary', 'formed', ...), case-insensitive."""
    return re.compile(_sentences()[key], re.IGNORECASE)


@lru_cache(maxsize=1)
def funding_rules() -> frozenset[str]:
    """The ids of the rules whose readings are investors in one funding round (no partners for that)."""
    return frozenset(_sentences()["funding_rules"])


@lru_cache(maxsize=1)
def portion_rules() -> frozenset[str]:
    """The ids of the rules that read a holding as a portion of a company's shares (its holders of a company the
    registry knows are no partners for that)."""
    return frozenset(_sentences()["portion_rules"])


@lru_cache(maxsize=1)
def spellings() -> dict[str, str]:
    """Hyphenated spellings the tokenizer keeps as one word -> the spelling the parser knows (spellings.json)."""
    data = json.loads(_data("spellings.json").read_text(encoding="utf-8"))
    return {word: norm for word, norm in data.items() if not word.startswith("_")}


@lru_cache(maxsize=1)
def verb_forms() -> tuple[str, ...]:
    """Third-person verb forms that are never nouns, which the tagger sometimes calls plural nouns
    (rules/tags.json): tagged as verbs after the parse, so that the rules' triggers see them."""
    return tuple(_tags()["verbs"])


def verb_lemmas() -> dict[str, tuple[str, str]]:
    """One-word verb forms the tagger reads as adjectives -> the lemma and tag they have (rules/tags.json
    'lemmas': 'co-owned' -> 'own', VBN)."""
    return {form: tuple(value) for form, value in _tags()["lemmas"].items()}


def gerund_nouns() -> tuple[str, ...]:
    """Gerund forms that are nouns between a determiner, possessive, number or noun and 'in' (rules/tags.json
    'nouns_before_in': 'its 10 percent *holding* in X')."""
    return tuple(_tags()["nouns_before_in"])


def hyphenated_phrases() -> tuple[str, ...]:
    """Phrases the parser reads as one modifier only with hyphens (rules/tags.json 'hyphenated': 'head to head')."""
    return tuple(_tags()["hyphenated"])


def amount_nouns() -> dict[str, str]:
    """Currencies that are also verb forms, each with a currency the parser reads as a noun after a number
    (rules/tags.json 'amount_nouns': 'won' -> 'yen')."""
    return _tags()["amount_nouns"]


def headline_verbs() -> dict[str, str]:
    """Verb forms the parser misreads even where it is helped to see a clause, each with a word of the same sense
    it reads as a verb (rules/tags.json 'headline_verbs': 'eyes' -> 'weighs')."""
    return _tags()["headline_verbs"]


@lru_cache(maxsize=1)
def _tags() -> dict:
    """rules/tags.json, read once."""
    return json.loads(_data("tags.json").read_text(encoding="utf-8"))


def trigger_matches(span) -> list[tuple[Rule, int, int]]:
    """(rule, start, end) of every rule's trigger in ``span``, in text order. A trigger is tried only where a
    token is a word it must hold (its anchor: see _anchor) and over no more tokens than it can take (a spaCy
    Matcher call costs time in proportion to the tokens it reads, and most tokens are no such word), its leading
    tokens by their tests first (a trigger of plain tokens needs no Matcher at all); the few triggers with no
    anchor share one Matcher."""
    triggers = _triggers(span.vocab)
    found = [(start, end, triggers.loose_ids[key]) for key, start, end in triggers.loose(span)]
    for i, token in enumerate(span):
        opened = {e for word in (token.lemma_, token.lower_, token.text) for e in triggers.opening.get(word, ())}
        for k, least, most in opened:
            for start in range(max(0, i - most), i - least + 1):
                found.extend((start, end, k) for end in triggers.anchored[k].ends(span, start))
    everyone = rules()
    return [(everyone[k], start, end) for start, end, k in sorted(set(found))]


POINTING = frozenset({"the", "those", "these", "that", "this"})
"""Determiners with which an anaphoric rule's trigger naming no party points back at what was told before ('the
talks', 'that stake')."""


def points_back(text: str) -> bool:
    """Whether a sentence holds 'the' (or 'those', 'that') before a word an anaphoric rule's trigger opens with
    ('the talks', 'those stakes'), which may end what the rule read before: such a sentence is parsed though it
    names no two parties."""
    return bool(_anaphoric_words().search(text))


@lru_cache(maxsize=1)
def _anaphoric_words() -> re.Pattern:
    """'the' (or a demonstrative) and a word (or its plural) an anaphoric rule's trigger opens with."""
    words = sorted({w for rule in rules() if rule.anaphoric for w in _opener(rule.trigger[0]) or ()})
    if not words:
        return re.compile(r"(?!)")  # no anaphoric rule: nothing points back
    return re.compile(rf"\b(?:{'|'.join(sorted(POINTING))}) (?:{'|'.join(map(re.escape, words))})s?\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Anchored:
    """A trigger matched from a given token: its leading tokens that each take one word read by their tests
    (graph.extract.attributes), then, unless they are the whole trigger, a Matcher over the tokens it can take
    (``reach``: None for no limit)."""

    prefix: tuple[tuple, ...]
    reach: int | None
    matcher: object | None

    def ends(self, span, start: int) -> list[int]:
        """Where the trigger's matches that begin at token ``start`` of ``span`` end."""
        if start + len(self.prefix) > len(span):
            return []
        for k, tests in enumerate(self.prefix):
            token = span[start + k]
            if not attributes.passes(tests, lambda attr: getattr(token, ATTRIBUTES[attr])):
                return []
        if self.matcher is None:
            return [start + len(self.prefix)]
        end = len(span) if self.reach is None else min(start + self.reach, len(span))
        return [start + stop for _, begin, stop in self.matcher(span[start:end]) if begin == 0]


def _prefix(trigger: tuple[dict, ...]) -> tuple[tuple, ...]:
    """The tests of a trigger's leading tokens up to the first that may be left out or repeated (a repeated one
    included: it takes at least its own word), or whose tests are not read by graph.extract.attributes."""
    out = []
    for token in trigger:
        tests = attributes.token_tests({key: value for key, value in token.items() if key != "OP"})
        if tests is None or token.get("OP") not in (None, "+"):
            break
        out.append(tests)
        if "OP" in token:
            break
    return tuple(out)


@dataclass(frozen=True)
class _Triggers:
    """Every rule's trigger compiled for one spaCy vocab (see trigger_matches), rules named by file position."""

    anchored: dict  # position -> _Anchored, for the rules with an anchor
    opening: dict  # an anchor's word -> (rule position, fewest and most tokens before the anchor) of its rules
    loose: object  # one Matcher of the triggers with no anchor, each under its rule's id
    loose_ids: dict  # the loose Matcher's match id -> rule position


@lru_cache(maxsize=4)
def _triggers(vocab) -> _Triggers:
    """The rules' triggers compiled: those with an anchor as tests and, unless those are the whole trigger, a
    Matcher each; the rest as one Matcher."""
    from spacy.matcher import Matcher

    anchored, opening, loose, loose_ids = {}, {}, Matcher(vocab), {}
    for k, rule in enumerate(rules()):
        anchor = _anchor(rule.trigger)
        if anchor is None:
            loose.add(rule.id, [list(rule.trigger)])
            loose_ids[vocab.strings[rule.id]] = k
            continue
        prefix = _prefix(rule.trigger)
        whole = len(prefix) == len(rule.trigger) and not any("OP" in token for token in rule.trigger)
        matcher = None if whole else Matcher(vocab)
        if matcher is not None:
            matcher.add(rule.id, [list(rule.trigger)])
        anchored[k] = _Anchored(prefix, _reach(rule.trigger), matcher)
        words, least, most = anchor
        for word in words:
            opening.setdefault(word, []).append((k, least, most))
    return _Triggers(anchored, opening, loose, loose_ids)


def _anchor(trigger: tuple[dict, ...]) -> tuple[frozenset, int, int] | None:
    """The words of a trigger's first token that must be one of given words (see _opener), with the fewest and
    the most tokens before it; None when there is none, or no limit to the tokens before it."""
    least = most = 0
    for token in trigger:
        words = _opener(token)
        if words is not None:
            return words, least, most
        low, high = _width(token.get("OP"))
        if high is None:
            return None
        least, most = least + low, most + high
    return None


def _reach(trigger: tuple[dict, ...]) -> int | None:
    """The most tokens a trigger pattern can match, or None when an operator sets no limit."""
    widths = [_width(token.get("OP"))[1] for token in trigger]
    return None if None in widths else sum(widths)


def _width(op: str | None) -> tuple[int, int | None]:
    """The fewest and the most tokens a pattern token with operator ``op`` takes (None: no limit, or an operator
    not read here, such as '!')."""
    if op is None:
        return 1, 1
    if op == "?":
        return 0, 1
    if op.startswith("{") and op.endswith("}"):
        bounds = op[1:-1].split(",")
        low, high = bounds[0].strip(), bounds[-1].strip()
        return int(low or 0), int(high) if high else None
    return (1 if op == "+" else 0), None


def _opener(token: dict) -> frozenset | None:
    """The words a token pattern's LEMMA, LOWER or ORTH allows, or None when it names none of those or may
    be left out or negated."""
    if token.get("OP") not in (None, "+"):
        return None
    for key in ("LEMMA", "LOWER", "ORTH"):
        value = token.get(key)
        if isinstance(value, str):
            return frozenset({value})
        if isinstance(value, dict) and "IN" in value:
            return frozenset(value["IN"])
    return None


@lru_cache(maxsize=4)
def blockers(vocab):
    """A spaCy Matcher holding each rule's "unless" token patterns under the rule's id (one per spaCy vocab)."""
    from spacy.matcher import Matcher

    m = Matcher(vocab)
    for rule in rules():
        if rule.unless:
            m.add(rule.id, [[token] for token in rule.unless])
    return m
