"""Reading one sentence: cue phrases (graph/patterns/cues.json) -> candidate facts between mentioned organizations.

The sentence is first abstracted: every mention becomes a placeholder
``⟨k⟩`` (``⟨k⟩'s`` when possessive), so a cue pattern can say where its
parties stand ("(?P<subj>ORG) took a stake in (?P<obj>ORG)") or leave it to
position: the nearest list of organizations before the cue is its subject,
the nearest list after it its object. Lists ("Tencent and Baidu") give one
candidate per member; a symmetric cue with a single list relates its members
pairwise. Relative clauses and appositives (", which ...,") are skipped when
looking for a cue's subject outside them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from graph.extract import cues
from graph.extract.registry import name_patterns

__all__ = ["Candidate", "Unit", "read_sentence", "abstract"]


@dataclass(frozen=True)
class Unit:
    """One mention span of a sentence: the organizations it names (several for 'the two companies')."""

    start: int  # offset in the sentence text
    end: int
    orgs: tuple
    resolved: bool
    possessive: bool


@dataclass(frozen=True)
class Candidate:
    """A fact read from one cue in one sentence, before the document's facts are merged."""

    relation: str
    subject: object  # graph.mentions.Organization
    object: object
    status: str | None
    sentence: int
    cue: str
    confidence: float
    anchor: int  # offset of the cue in the sentence text, for dates


def abstract(text: str, units: list[Unit]) -> str:
    """The sentence with every mention replaced by its placeholder."""
    pieces, cursor = [], 0
    for k, unit in enumerate(units):
        pieces.append(text[cursor:unit.start])
        pieces.append(f"⟨{k}⟩'s" if unit.possessive else f"⟨{k}⟩")
        cursor = unit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _lists(abstracted: str) -> list[tuple[int, int, tuple[int, ...]]]:
    """Every list of placeholders: (start, end, unit indexes), possessors of a following name left out.

    A run joined by bare commas only ("BAIC Group, Beijing Benz,") is an apposition, not a list, unless
    it opens a headline ("Nissan, Honda Team Up").
    """
    out = []
    for start, end in _list_runs(abstracted):
        run = abstracted[start:end]
        if not _apposition(run, abstracted[end:end + 8], start == 0):
            out.append((start, end, _indexes(run)))
            continue
        for single in cues.ELEM.finditer(run):
            out.append((start + single.start(), start + single.end(), _indexes(single.group(0))))
    return out


def _list_runs(abstracted: str):
    """(start, end) of every run of listed placeholders; "in X, and Y has ..." is two clauses, so two runs."""
    for m in cues.LIST.finditer(abstracted):
        joint = cues.compiled("new_clause").search(m.group(0))
        if joint and m.group(0).count("⟨") == 2 and cues.compiled("clause_verb").match(abstracted, m.end()):
            yield m.start(), m.start() + joint.start()
            yield m.start() + joint.end(), m.end()
        else:
            yield m.start(), m.end()


def _indexes(text: str) -> tuple[int, ...]:
    """The unit indexes of the placeholders in ``text``, possessors of a following name left out."""
    return tuple(int(u) for u in cues.UNIT.findall(text + " "))


def _asides(abstracted: str) -> list[tuple[int, int]]:
    """Spans of relative clauses and appositives (", which ...,", ", the ... unit of X,")."""
    return [(m.start(), m.end()) for m in cues.compiled("aside").finditer(abstracted)]


def _barrier_between(abstracted: str, a: int, b: int) -> bool:
    """Whether a clause boundary (';', 'while', 'but', ...) stands between offsets ``a`` and ``b``."""
    return bool(cues.compiled("barrier").search(abstracted, a, b)) if b > a else False


def _inside(pos: int, spans) -> tuple[int, int] | None:
    """The span holding ``pos``, if any."""
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return None


def _left(abstracted: str, lists, asides, pos: int):
    """The nearest list ending before ``pos``, skipping asides that do not hold ``pos``, within the clause."""
    own = _inside(pos, asides)
    for start, end, units in reversed(lists):
        if end > pos:
            continue
        aside = _inside(start, asides)
        if (aside and aside != own) or _premodifier(abstracted, start, end, pos):
            continue
        if _barrier_between(abstracted, end, pos):
            return None
        return start, end, units
    return None


def _premodifier(abstracted: str, start: int, end: int, pos: int) -> bool:
    """A name that modifies the cue's noun ("their BlueOval SK battery joint venture") is not its subject."""
    return bool(cues.compiled("premodifier_before").search(abstracted, max(0, start - 8), start)
                and cues.compiled("premodifier_gap").fullmatch(abstracted, end, pos))


def _right(abstracted: str, lists, pos: int, link: re.Pattern | None, cue_start: int | None = None):
    """The nearest list starting after ``pos`` within the clause (introduced by ``link`` when given)."""
    for start, end, units in lists:
        if start < pos:
            continue
        if _barrier_between(abstracted, pos, start) or start - pos > 90:
            return None
        if link is not None and not link.search(abstracted, pos if cue_start is None else cue_start, start):
            return None
        if cues.compiled("absolute_participle").match(abstracted, end):
            return None  # "with Hyundai contributing cash": not an object
        return start, end, units
    return None


def _group_units(m: re.Match, name: str) -> tuple[int, ...]:
    """The units a named group of a cue captured; a comma-only run is an apposition, so only its first."""
    if name not in m.re.groupindex or m.group(name) is None:
        return ()
    text = m.group(name)
    units = _indexes(text)
    if len(units) > 1 and _apposition(text, m.string[m.end(name):m.end(name) + 8], m.start(name) == 0):
        return units[:1]
    return units


def _apposition(run: str, after: str, opens_sentence: bool) -> bool:
    """Names joined by bare commas rename rather than list ("BAIC Group, Beijing Benz, builds"), except
    in a headline's opening "Nissan, Honda Team Up" or before a last item that is no name ("A, B and JAC")."""
    if "," not in run or cues.CONJUNCTION.search(run):
        return False
    if after.startswith(","):
        return not re.match(r",\s+and\s", after)
    return not (opens_sentence or re.match(r"\s+and\s", after))


_RANK = {"considering": 1, "agreed": 2, "active": 3, "ended": 4}


def _status(abstracted: str, cue: cues.Cue, region_start: int, m: re.Match, ended_start: int) -> str | None:
    """The cue's status: an ending word rules, else the status word nearest the cue, else the cue's own.

    Ending words count from ``ended_start`` (the clause start) only when they stand right before the cue
    ("pulled out of its venture with X"); other status words from ``region_start``.
    """
    if cue.relation == "competition":
        return None
    if cue.fixed:
        return cue.status
    if cue.purpose and cue.purpose[0].match(abstracted, m.end()):
        return cue.purpose[1]
    found = []
    for regex, status, scope in cues.status_words():
        if scope == "after":
            hits = list(regex.finditer(abstracted, m.end()))
        else:
            start = region_start if status != "ended" else min(region_start, max(ended_start, m.start() - 25))
            hits = list(regex.finditer(abstracted, start, m.end()))
        found.extend((h.start(), status) for h in hits)
    if any(status == "ended" for _, status in found):
        return "ended"
    if found:
        status = max(found)[1]
    elif cues.compiled("infinitive").search(abstracted, region_start, m.start() + 1):
        status = "agreed"  # "set up a company to jointly develop", "X to buy stake in Y": what is agreed to
    else:
        status = cue.status or "active"
    if cue.cap and _RANK[status] > _RANK[cue.cap]:
        return cue.cap
    return status


def _negated(abstracted: str, region_start: int, m: re.Match) -> bool:
    """A negator between the subject and the cue ("were not in talks", "not a merger")."""
    window = abstracted[max(region_start, m.start() - 40):m.start() + 1]
    return bool(cues.compiled("negators").search(window))


def _clause_start(abstracted: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins (after the last barrier)."""
    starts = [b.end() for b in cues.compiled("barrier").finditer(abstracted, 0, pos)]
    return starts[-1] if starts else 0


def _subject_list(lists, asides, abstracted: str, possessor: bool = True):
    """The first list of the sentence outside asides: its grammatical subject, most often. Without
    ``possessor``, a possessor is passed over ("Volkswagen's unit Cariad" is about Cariad)."""
    for item in lists:
        modifier = name_patterns().hyphen_modifier.match(abstracted, item[1])  # "Geely-owned Volvo Cars will"
        if not (_inside(item[0], asides) or modifier) and (possessor or not abstracted.startswith("'s", item[1])):
            return item
    return None


def _verb_subject(lists, asides, abstracted: str, pos: int):
    """Who does a clause's second verb: the name a ", which" clause hangs on, else the sentence's subject."""
    own = _inside(pos, asides)
    heads = [item for item in lists if own and abstracted.startswith(", which", own[0]) and item[1] == own[0]]
    return heads[-1] if heads else _subject_list(lists, asides, abstracted)


def _sentence_subject(lists, asides, abstracted: str) -> tuple[int, ...]:
    """The units of the sentence's subject list (see _subject_list)."""
    found = _subject_list(lists, asides, abstracted)
    return found[2] if found else ()


def read_sentence(sentence, units: list[Unit], memory: dict) -> list[Candidate]:
    """Every candidate fact the cues of one sentence give; ``memory`` carries the last stake's object."""
    if not units:
        return []  # every cue reading names at least one mention
    abstracted = abstract(sentence.text, units)
    if cues.compiled("denials").search(abstracted):
        return []
    lists, asides = _lists(abstracted), _asides(abstracted)
    chosen, taken = [], []
    for cue in cues.relation_cues():
        for m in cue.regex.finditer(abstracted):
            if cue.exclude_before and cue.exclude_before.search(abstracted[max(0, m.start() - 40):m.start()]):
                continue
            core = _core(m)
            if not cue.overlap and any(rel == cue.relation and core[0] < e and core[1] > s for rel, s, e in taken):
                continue
            if _productive(abstracted, cue, m, units, lists, asides):
                taken.append((cue.relation, *core))
                chosen.append((m.start(), cue, m))
    out: list[Candidate] = []
    for _, cue, m in sorted(chosen, key=lambda x: x[0]):
        out.extend(_read_cue(abstracted, cue, m, units, lists, asides, sentence, memory))
    return out


def _core(m: re.Match) -> tuple[int, int]:
    """The span of a cue match without the mentions at its edges (two cues may share a party, not a word)."""
    text = m.group(0)
    lead = re.match(r"(?:⟨\d+⟩(?:'s)?[\s,]*)+", text)
    trail = re.search(r"(?:[\s,]*⟨\d+⟩(?:'s)?)+$", text)
    start = m.start() + (lead.end() if lead else 0)
    end = m.start() + (trail.start() if trail else len(text))
    return (start, end) if end > start else (m.start(), m.end())


def _productive(abstracted, cue, m, units, lists, asides) -> bool:
    """Whether a cue match names two organizations (or a holder of a stake mentioned before)."""
    subj, obj, peers, _ = _roles(abstracted, cue, m, lists, asides)
    orgs = {o for i in subj + obj + peers for o in units[i].orgs}
    return len(orgs) >= 2 or (bool(subj) and cue.object in ("stake", "topic"))


def _groups(m: re.Match, *names: str) -> tuple[int, ...]:
    """The units captured by any of the named groups of a cue match."""
    out: tuple[int, ...] = ()
    for name in names:
        out += _group_units(m, name)
    return out


def _roles(abstracted, cue, m, lists, asides):
    """(subject units, object units, peer units, region start) of one cue match."""
    subj, obj, peers = _groups(m, "subj", "subj2"), _groups(m, "obj", "obj2"), _groups(m, "peers")
    left = right = None
    active = cue.direction == "active"
    if not subj and not peers and cue.subject != "sentence":
        left = _left(abstracted, lists, asides, m.start()) if active else _right(abstracted, lists, m.end(), None)
        if left and active and cues.compiled("object_of_earlier_verb").match(abstracted, left[1], m.start()):
            left = _verb_subject(lists, asides, abstracted, m.start())  # "bought X from Y and took a stake in Z"
    if not obj and not peers and cue.object not in ("sentence", "stake"):  # a stake's company is in the cue or before it
        right = (_right(abstracted, lists, m.end(), cue.link, m.start()) if active
                 else _left(abstracted, lists, asides, m.start()))
        if right and not active and cues.compiled("object_of_earlier_verb").match(abstracted, right[1], m.start()):
            right = _subject_list(lists, asides, abstracted)  # "worked with X and uses vans supplied by Y"
    subj = subj or (left[2] if left else ())
    obj = obj or (right[2] if right else ())
    if left and not obj and cue.relation in cues.symmetric() and cues.compiled("with_object").search(abstracted, 0, left[0]):
        subject = _subject_list(lists, asides, abstracted, possessor=False)
        if subject and subject[0] < left[0] and not cues.compiled("new_clause").search(abstracted, subject[1], left[0]):
            subj, obj = subject[2], left[2]  # "X signed a deal with A and B to jointly develop": X with each of A, B
            left = None  # statuses then count from the clause start ("held talks with A about a venture")
    if not subj and cue.subject == "sentence":
        subj = _sentence_subject(lists, asides, abstracted)
    if not obj and cue.object == "sentence":
        obj = _sentence_subject(lists, asides, abstracted)
    return subj, obj, peers, _region(abstracted, cue, m, left, right, asides)


def _region(abstracted, cue, m, left, right, asides) -> int:
    """Where the words that govern a cue's status and negation begin."""
    captured = lambda name: name in m.re.groupindex and m.group(name) is not None
    if captured("subj") and (captured("obj") or m.start("subj") == m.start()):
        region = m.start()  # the pattern holds its parties: status and negation are read inside it
    elif left and cue.direction == "active":
        region = left[1]
    elif right and cue.direction != "active":
        region = right[1]  # a passive cue: from the object before it ("X will source chips from Y")
    else:
        region = _clause_start(abstracted, m.start())
    inside = _inside(m.start(), asides)
    return max(region, inside[0] if inside else 0)


def _read_cue(abstracted, cue, m, units, lists, asides, sentence, memory):
    """The candidates of one cue match: its pairs, plus a seller's ended stake and a venture's founders."""
    subj, obj, peers, region = _roles(abstracted, cue, m, lists, asides)
    if _negated(abstracted, region, m):
        return []
    if _group_units(m, "jv") and all(units[i].resolved for i in _group_units(m, "jv")):
        return []  # "would create the world's third-largest automaker" forms no venture
    status = _status(abstracted, cue, region, m, _clause_start(abstracted, m.start()))
    orgs = lambda idx: [(o, units[i].resolved) for i in idx for o in units[i].orgs]
    subjects, objects = orgs(subj), _objects(cue, orgs(obj), memory, sentence.index)
    anchor = _original_offset(units, m.start())
    make = lambda rel, a, b, st, conf: Candidate(rel, a, b, st, sentence.index, cue.id, conf, anchor)
    out = []
    peer_objects = bool(cues.compiled("peer_link").search(abstracted, m.start(), m.end() + 12))
    for (a, ra), (b, rb) in _pairs(cue, subjects, objects, orgs(peers), peer_objects):
        conf = min(cue.confidence, 0.8) if (ra or rb) else cue.confidence
        out.append(make(cue.relation, a, b, status, conf))
        out.extend(make(x["relation"], a, b, x.get("status", status), conf)
                   for x in cue.also if status in x.get("when", [status]))
    for seller, _ in orgs(_groups(m, "seller")):
        out.extend(make("investment", seller, b, "ended", cue.confidence) for b, _ in objects)
    if _group_units(m, "jv") and cues.compiled("ownership_stated").search(abstracted):
        founders = [o for o, _ in (orgs(peers) or subjects)]
        ventures = [j for j, _ in orgs(_group_units(m, "jv"))]
        out.extend(make("investment", f, j, status, cue.confidence) for f in founders for j in ventures)
    return [c for c in out if c.subject != c.object and not c.subject.is_media and not c.object.is_media]


def _objects(cue, objects, memory: dict, index: int):
    """A cue's objects; when it names none, the article's main company or the last stake's company, if it says so.

    Remembers the company of every stake read, for "Mazda and Denso will each hold 5 percent".
    """
    if not objects and cue.object == "topic" and memory.get("topic") is not None:
        objects = [(memory["topic"], True)]
    if not objects and cue.object == "stake" and index - memory.get("stake_sentence", -99) <= cue.reach:
        objects = [(memory["stake"], True)]
    if cue.relation == "investment" and objects:
        memory["stake"], memory["stake_sentence"] = objects[-1][0], index
    return objects


def _pairs(cue, subjects, objects, peers, peer_objects: bool):
    """Subject x object, or every pair of peers: a symmetric cue's subject list ("X and Y signed"), or its
    object list when it follows "between", "among" or "of" (not "with": "working with A, B and C" pairs no two)."""
    if peers:
        return list(combinations(_unique(peers), 2))
    if subjects and objects:
        return [(s, o) for s in _unique(subjects) for o in _unique(objects)]
    if cue.relation in cues.symmetric() and (subjects or peer_objects):
        return list(combinations(_unique(subjects or objects), 2))
    return []


def _unique(items):
    """(organization, resolved) pairs with each organization once, in order."""
    seen, out = set(), []
    for org, resolved in items:
        if org not in seen:
            seen.add(org)
            out.append((org, resolved))
    return out


def _original_offset(units: list[Unit], pos: int) -> int:
    """Map an offset of the abstracted sentence back to the sentence text."""
    shift = 0
    for k, unit in enumerate(units):
        token = len(f"⟨{k}⟩'s" if unit.possessive else f"⟨{k}⟩")
        if unit.start + shift >= pos:
            break
        shift += token - (unit.end - unit.start)
    return max(0, pos - shift)
