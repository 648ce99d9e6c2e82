"""The relation cues of graph/patterns/cues.json, compiled: the data graph.frames reads sentences with.

Patterns are written over an abstracted sentence in which every mention is a
placeholder ``⟨k⟩``; in the data, ORG stands for one placeholder, LIST for a
list of them ("⟨1⟩, ⟨2⟩ and ⟨3⟩"), POSS for a possessive ("its", "⟨4⟩'s")
and GAP for one character of filler words (anything but a mention).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph import vocab
from graph.extract import lexicon

__all__ = ["Cue", "relation_cues", "yielding", "compiled", "status_words", "symmetric", "ELEM", "LIST", "UNIT", "CONJUNCTION"]

_ELEM_TEXT = r"(?:⟨\d+⟩'s )?⟨\d+⟩"
_DESC = (r"(?:(?!(?:its|their|the|a|an|in|of|with|to|for|by|on|at|from|whose|which|who|is|are|was|were|has|have|had"
         r"|while|whereas|but|although|though|and|or|as|after|before|when|since|because|if|said|says|then|also)\b)"
         r"(?:[a-z][\w-]*|EV|U\.S\.|US|[A-Z][a-z]+(?:ese|an|ish|ch|ian))\s)")
"""A descriptor word inside a list ("and parts maker Denso", "and Chinese rival Xpeng")."""
_REPEATED = r"(?:(?:to|with|from|in|for)\s)?"  # "to Renault, to Geely's brands"
_LEADER = r"(?:(?:led by|headed by|such as|including|like|notably)\s)?"  # "and with Chinese makers led by BYD"
_COMMA = rf",\s{_REPEATED}(?:{_DESC}{{0,3}}){_LEADER}"
_FINAL = rf"(?:,\s(?:and|or)\s|\s(?:and|or|as well as|&|plus)\s){_REPEATED}(?:{_DESC}{{0,3}}){_LEADER}"
"""What joins a list's elements: commas, then one conjunction before the last ('A, B and C'; not 'A and B, C')."""
CONJUNCTION = re.compile(r"\s(?:and|or|as well as|&|plus)\s|,\s(?:to|with|from|in|for)\s")
_POSS = r"(?:its|their|his|her|⟨\d+⟩'s)"
_GAP = r"(?:[^⟨;]|⟨\d+⟩'s)"
"""One character of the words between a cue's verb and its object: no mention, except a possessive ("its")."""
_LIST_TEXT = rf"{_ELEM_TEXT}(?:{_COMMA}{_ELEM_TEXT})*(?:{_FINAL}{_ELEM_TEXT})?"
ELEM = re.compile(_ELEM_TEXT)
"""One list element: a placeholder, or a possessor and its placeholder ("⟨1⟩'s ⟨2⟩")."""
LIST = re.compile(_LIST_TEXT)
"""A list of placeholders joined by commas and conjunctions, descriptors allowed ("and parts maker ⟨3⟩")."""
UNIT = re.compile(r"⟨(\d+)⟩(?!'s ⟨)")
"""A placeholder's index, possessors of a following name left out."""


@dataclass(frozen=True)
class Cue:
    """One relation cue: its pattern and how to read its parties and status."""

    id: str
    relation: str
    regex: re.Pattern
    status: str | None
    fixed: bool
    cap: str | None
    direction: str  # "active" (subject before the cue) or "passive" (subject after it)
    subject: str | None  # "sentence": the sentence's subject when the cue names none
    object: str | None  # "stake": the last stake's object; "sentence": the sentence's subject; "topic": the article's
    link: re.Pattern | None  # what must stand between a symmetric cue and its object list
    exclude_before: re.Pattern | None  # the cue does not count right after this ("with Korean partners")
    purpose: tuple[re.Pattern, str] | None  # a purpose right after the cue sets the status ("an MOU to explore")
    reach: int  # with object "stake": how many sentences back the stake's company may have been named
    also: tuple
    confidence: float
    overlap: bool = False  # reads a pair of its own even inside another cue's words ("unit of Google parent Alphabet")
    yields: bool = False  # in a clause the dependency rules read, only the pairs they read too count


def _regex(pattern: str | None) -> re.Pattern | None:
    """Compile a pattern of the data, its macros (GAP, POSS, LIST, ORG) expanded, case-insensitive."""
    if pattern is None:
        return None
    expanded = pattern.replace("GAP", _GAP).replace("POSS", _POSS).replace("LIST", _LIST_TEXT).replace("ORG", r"⟨\d+⟩")
    return re.compile(expanded, re.I)


@lru_cache(maxsize=None)
def relation_cues() -> tuple[Cue, ...]:
    """The relation cues of cues.json, in priority order."""
    default_link = lexicon.cues()["symmetric_link"]
    out = []
    for e in lexicon.cues()["relations"]:
        purpose = e.get("purpose")
        out.append(Cue(e["id"], e["relation"], _regex(e["pattern"]), e.get("status"), e.get("fixed", False),
                       e.get("cap"), e.get("direction", "active"), e.get("subject"), e.get("object"),
                       _regex(e.get("link", default_link if e["relation"] in symmetric() else None)),
                       _regex(e.get("exclude_before")),
                       (_regex(purpose["pattern"]), purpose["status"]) if purpose else None,
                       e.get("reach", 2), tuple(e.get("also", ())), e.get("confidence", 0.9),
                       e.get("overlap", False), e.get("yields", False)))
    return tuple(out)


@lru_cache(maxsize=None)
def yielding() -> frozenset:
    """The ids of the cues that yield to the dependency rules in a clause they read."""
    return frozenset(c.id for c in relation_cues() if c.yields)


@lru_cache(maxsize=None)
def compiled(key: str) -> re.Pattern:
    """A named pattern of cues.json (a string, or a list of alternatives), macros expanded, case-insensitive."""
    data = lexicon.cues()[key]
    return _regex(data if isinstance(data, str) else "|".join(f"(?:{p})" for p in data))


@lru_cache(maxsize=None)
def status_words() -> tuple[tuple[re.Pattern, str, str], ...]:
    """(pattern, status, scope) of every status word; scope "after" words govern the cues before them."""
    return tuple((_regex(w["pattern"]), w["status"], w.get("scope", "before")) for w in lexicon.cues()["status_words"])


@lru_cache(maxsize=None)
def symmetric() -> frozenset:
    """The keys of the symmetric relations (partnership, merger, competition), from the ontology."""
    return frozenset(k for k, t in vocab.relations().items() if t.symmetric)
