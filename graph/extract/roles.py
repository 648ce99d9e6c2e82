"""Argument roles read off a sentence's dependency tree: where a relation's parties stand relative to its trigger.

The roles a rule names (graph/extract/rules/relations.jsonl): the doer of the
verb or of the verb that governs the noun ("agent"), the verb's object
("patient"), a preposition's object ("prep:in"), a possessor ("poss"), the name
a descriptive noun is apposed to ("apposed"), and a few more (see roles). Each
role's phrase is widened over coordination and apposition to every
organization mention it holds.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

from graph.extract import lexicon, rules as rulebook

__all__ = ["DISTRIBUTIVES", "Unit", "Sentence", "roles", "first", "gapped", "governor", "sum_host", "host",
           "possessed_name", "numbered_model", "possessed_model", "purposes", "provisions", "object_clauses",
           "infinitive", "infinitive_relative", "bound_pronouns", "phrase", "second_subject", "reporter",
           "possessive_pronoun", "pronoun_possessed", "name_before_comma", "description_owner"]

_LIST_DEPS = frozenset({"conj", "appos"})
"""Dependencies that join members of one phrase ('A, B and C'; 'its partner, Honda')."""
_EXAMPLE_WORDS = frozenset({"such", "including", "like", "include"})
_LEADING = frozenset({"lead", "head", "spearhead"})
"""Participles that name the foremost members of a group of companies ('Chinese carmakers *led by* A and B'):
members too (not of a funding round 'led by' its investors)."""
_FRAMING_PREPS = ("on", "under")
"""Prepositions of a verb whose object holds the verb's other prepositions ('works *on* X with Y', 'builds cars
*under* contract for Y')."""
_VALUE_WORDS = frozenset({"worth", "valued"})
"""Words saying what a deal or an order is worth, on which the parser hangs the deal's other prepositions."""
_ROLE_PREPS = frozenset({"as", "among", "into"})
"""Prepositions that give a verb's object a role: 'chose X as its supplier', 'counts X among its customers',
'turned X into a subsidiary'."""


@dataclass(frozen=True)
class Unit:
    """A mention as a token span of the parsed sentence, with the organizations it names."""

    start: int  # token index in the sentence span
    end: int
    orgs: tuple
    resolved: bool = False  # a description or pronoun read through coreference, not a name


class Sentence:
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

def phrase(s: Sentence, head) -> list[Unit]:
    """The units a phrase headed by ``head`` names: its own, its coordinated and apposed members, and the
    examples or leaders it lists ('stores such as A and B', 'rivals led by A'); never what relative clauses or
    prepositions add, nor the members of a list of brands or products ('owns brands such as A and B': FACTS.md
    counts those only where the text calls them companies)."""
    if _names_products(head):
        return []
    venture = _jointly_owned_venture(s, head)
    if venture is not None:
        return phrase(s, venture)  # 'A and B's joint venture X will supply Y': X supplies, not A
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
            if child.dep_ in _LIST_DEPS and not gapped(child) and not _reduced_relative_subject(child) \
                    and not _stray_apposition(token, child, token.head) and not _next_clause_subject(child):
                stack.append(child)
            elif child.dep_ == "prep" and (child.lower_ in _EXAMPLE_WORDS or child.lemma_ == "as") and unit is None:
                stack.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ in ("compound", "nmod") and s.unit(child) is not None and _listed_maker(token, unit):
                stack.append(child)  # 'power A, B and C cars', parsed as 'A, B and (C cars)'
            elif child.dep_ == "prep" and child.lower_ == "of" and unit is None and _counts_companies(token):
                stack.extend(c for c in child.children if c.dep_ == "pobj")  # 'dozens *of* carmakers'
            elif child.dep_ == "amod" and child.lower_ in _EXAMPLE_WORDS and unit is None:
                stack.extend(c for c in child.children if c.dep_ in ("pobj", "prep"))
            elif child.dep_ == "acl" and child.lemma_ in _LEADING and unit is None and _describes_companies(token):
                stack.extend(_led_by(child))
        stack.extend(_led_after(token) if unit is None else [])
    return out


def _led_after(noun) -> list:
    """The leaders of a participle of leading right after a word for companies that the parser hung on a noun
    further back ('a price fight with X and rivals *led by Y*', 'led' hung on 'fight')."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if after is None or after.dep_ != "acl" or after.lemma_ not in _LEADING or after.head.i == noun.i \
            or not _describes_companies(noun):
        return []
    return _led_by(after)


def _reduced_relative_subject(name) -> bool:
    """Whether a name the parser apposes to a noun is the subject of a relative clause without 'that' on it
    ('the battery unit *Honda* sold in 2020', read as 'the unit, Honda, sold'): no member of the noun's phrase."""
    after = name.doc[name.right_edge.i + 1] if name.right_edge.i + 1 < len(name.doc) else None
    return (name.dep_ == "appos" and name.pos_ == "PROPN" and after is not None and after.head.i == name.head.i
            and after.dep_ in ("acl", "relcl") and after.tag_ in ("VBD", "VBZ", "VBP")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in after.children))


def _next_clause_subject(name) -> bool:
    """Whether a name the parser coordinates with a noun is the subject of the next clause, whose verb it left
    without one ('A owns 51% of X and *B* sells ...', read as 'of X and B'): no member of the noun's list."""
    return name.dep_ == "conj" and name.pos_ == "PROPN" and _subjectless_clause_after(name) is not None


def _subjectless_clause_after(name):
    """The coordinated verb whose clause opens right after ``name`` (past its auxiliaries: 'B *will buy*') and
    has no subject of its own; else None."""
    after = name.doc[name.right_edge.i + 1] if name.right_edge.i + 1 < len(name.doc) else None
    verb = after.head if after is not None and after.dep_ in ("aux", "neg", "advmod") else after
    coordinated = verb is not None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX")
    if verb is None or not (coordinated or _opening_phrase_list(name, verb)):
        return None
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or after.tag_ == "MD"
    subjectless = not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
    return verb if finite and subjectless else None


def _opening_phrase_list(name, verb) -> bool:
    """Whether a listed name the parser hangs inside the phrase that opens a clause is that clause's subject,
    its root verb having none ('Under the plan announced on Monday, *A, B and C* will develop ...')."""
    phrase_head = next((a for a in name.ancestors if a.head.i == verb.i), None)
    return (verb.dep_ == "ROOT" and verb.pos_ in ("VERB", "AUX") and name.i < verb.i and phrase_head is not None
            and phrase_head.dep_ == "prep" and phrase_head.i < name.i)


def _orphaned_subject(s: Sentence, verb) -> list[Unit]:
    """The subject of a clause the parser left without one, having joined its name to the noun before ('A
    invested in X and *B* will buy ...', 'On Monday, *A and B* will ...'): the name right before the clause,
    with the names listed before it."""
    opener = min([verb, *(c for c in verb.children if c.dep_ in ("aux", "neg", "advmod") and c.i < verb.i)],
                 key=lambda t: t.i)
    name = verb.doc[opener.i - 1] if opener.i > 0 else None
    if name is None or s.unit(name) is None or not _next_clause_subject(name):
        return []
    if verb.dep_ != "ROOT":
        return phrase(s, name)
    listed = [name]
    while listed[-1].dep_ == "conj" and s.unit(listed[-1].head) is not None:
        listed.append(listed[-1].head)  # 'On Monday, A, B and *C* will ...': the whole list opens the clause
    return [s.unit(n) for n in reversed(listed)]


def _led_by(participle) -> list:
    """The objects of the 'by' of a participle of leading ('led *by* A and B')."""
    return [o for a in participle.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]


def _leaders(s: Sentence, noun) -> list[Unit]:
    """Who leads or backs what a noun names ('a funding round *led by* A', 'a round *backed by* B')."""
    return [u for c in noun.children if c.dep_ == "acl" and c.lemma_ in _FUNDING for o in _led_by(c)
            for u in phrase(s, o)]


def _hub_leader(s: Sentence, noun) -> list[Unit]:
    """The company that leads a tie a noun names ('the *X*-led alliance', 'an alliance *led by X*'): its hub, whom
    its members partner, not each other (FACTS.md)."""
    led = [c for c in noun.children if c.dep_ in ("amod", "acl") and c.lemma_ in _LEADING]
    return [u for c in led for u in _hyphen_left(s, c) + [u for o in _led_by(c) for u in phrase(s, o)]]


def _joiners(s: Sentence, noun) -> list[Unit]:
    """Who joins a tie a noun names: the doer of the 'joining' verb it is the object of ('A and B joined *the
    alliance*'); for the participle of leading that premodifies it, of that noun ('joined the X-*led* Y
    Alliance')."""
    if noun.dep_ in ("amod", "acl") and noun.lemma_ in _LEADING:
        noun = noun.head
    verb = governor(noun) if noun.dep_ == "dobj" else None
    return _verb_agent(s, verb) if verb is not None and verb.lemma_.lower() in rulebook.status_words()["joining"] \
        else []


def _listed_maker(token, unit) -> bool:
    """Whether a member of a list is a product noun that the parser took for the list's last member, with the
    last maker's name before it ('A, B and *C cars*')."""
    return unit is None and token.dep_ == "conj" and _names_products(token) and not any(
        c.dep_ in ("poss", "det") for c in token.children)  # not 'A and B's third C plant


def _counts_companies(noun) -> bool:
    """Whether a word only counts what its 'of' names ('dozens of carmakers': status.json 'quantities')."""
    return noun.lemma_.lower() in rulebook.status_words()["quantities"]


def _describes_companies(noun) -> bool:
    """Whether a common noun is a word for companies ('rivals', 'carmakers': status.json 'descriptions')."""
    return noun.lemma_.lower() in rulebook.status_words()["descriptions"]


def gapped(member) -> bool:
    """Whether a coordinated name opens a clause whose verb is left out ('A will own 51% and B 49%', '... and
    B the remaining 49%'): a share (a number and a portion) or a portion follows it, past determiners and
    adjectives."""
    portions = rulebook.status_words()["portions"]
    for after in member.doc[member.i + 1:]:
        if after.lower_ in portions:
            return True
        if after.like_num:  # a share: '49%', '49 percent', not '10 plants'
            return after.i + 1 < len(after.doc) and after.doc[after.i + 1].lower_ in portions
        if after.dep_ not in ("det", "amod") and after.pos_ not in ("DET", "ADJ"):
            return False
    return False


def _names_products(noun) -> bool:
    """Whether a common noun names brands or products, itself or through 'of' ('a number of brands'); an
    acronym the tagger calls a proper noun too ('Rivian's new *SUV*')."""
    if noun.pos_ != "NOUN" and not (noun.pos_ == "PROPN" and noun.is_upper):
        return False
    nouns = [noun, *_prep_objects_of(noun, "of")]
    return any(n.lemma_.lower() in rulebook.status_words()["not_companies"] for n in nouns)


def _jointly_owned_venture(s: Sentence, name):
    """The venture of 'A and B's joint venture X', which the parser reads as 'A' and 'B's joint venture X': a
    venture two companies own together, so the phrase names the venture (but 'Uber and GM's Cruise unit' lists
    Uber and Cruise); else None."""
    if s.unit(name) is None:
        return None
    ventures = rulebook.status_words()["ventures"]
    return next((c for c in name.children if c.dep_ == "conj" and c.lemma_.lower() in ventures and s.unit(c) is None
                 and any(p.dep_ == "poss" and s.unit(p) is not None for p in c.children)), None)


def _unit_inside(s: Sentence, token):
    """The unit a nominal's own premodifiers hold ('the Toyota-Mazda venture' -> none; 'carmaker Geely' -> Geely
    when the parser made the name a compound of its description; 'its Ampere unit' -> Ampere, but 'an Apple
    supplier' names no one: a name before a relational description is the other party)."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    words = rulebook.status_words()
    modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")] + nested_premodifiers(s, token)
    owned_venture = token.lemma_ in words["ventures"] and any(c.dep_ == "poss" for c in token.children)
    for child in modifiers:  # ('its *ACC* joint venture' names the venture; 'the Toyota venture' is Toyota's)
        if child.i > token.i - 5:
            unit = s.unit(child)
            if unit is not None and (token.lemma_ in words["descriptions"] or owned_venture) and not (
                    child.i < token.i and token.lemma_ in words["relational"]):  # 'an *Apple* supplier' is not Apple
                return unit
    return None


def nested_premodifiers(s: Sentence, noun) -> list:
    """The words premodifying a nameless compound of ``noun``, where the parser hangs a name that premodifies the
    whole phrase ('its *Ampere* electric-vehicle unit', the name hung on 'vehicle')."""
    return [g for c in noun.children if c.dep_ == "compound" and s.unit(c) is None for g in c.children
            if g.dep_ in ("compound", "nmod")]


def _relative_phrase(s: Sentence, token) -> list[Unit]:
    """The units a subject names, a relative pronoun standing for the noun its clause modifies (see
    _listed_last)."""
    return _listed_last(s, token) or phrase(s, _relative_head(s, token))


def _listed_last(s: Sentence, pronoun) -> list[Unit]:
    """For a relative pronoun of a singular verb's clause right after a list of names, the last name alone ('A,
    B and C, *which is* backed by X': C, wherever the parser hangs the clause); else none."""
    head = _relative_head(s, pronoun)
    if head is pronoun or not _singular_verb(pronoun.head):
        return []
    last = max([head, *head.conjuncts], key=lambda m: m.i)
    between = pronoun.doc[last.right_edge.i + 1:pronoun.head.left_edge.i]
    listed = last.i != head.i or head.dep_ == "conj"
    return [s.unit(last)] if listed and s.unit(last) is not None and all(w.is_punct for w in between) else []


def _singular_verb(verb) -> bool:
    """Whether a verb agrees with a singular subject ('is backed', 'owns', 'was founded')."""
    return verb.tag_ == "VBZ" or any(c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBZ" or c.lower_ == "was")
                                     for c in verb.children)


def _relative_head(s: Sentence, token):
    """For a relative pronoun ('which', 'that', 'who'), the noun its clause modifies; else the token."""
    if token.tag_ in ("WDT", "WP", "WP$") and token.head.dep_ == "relcl":
        return _modified_noun(token.head, s)
    return token


def _modified_noun(clause, s: Sentence):
    """The noun a relative clause modifies (see _clause_noun); with a plural verb, the first of the names it is
    listed with ('A and B, which compete for ...': the parser hangs the clause on B)."""
    noun = _clause_noun(clause, s)
    while noun.dep_ == "conj" and _plural_verb(clause):
        noun = noun.head
    return noun


def _clause_noun(clause, s: Sentence):
    """The noun a relative clause modifies; for a portion the parser hangs it on, what the portion is of ('43%
    of X, which itself holds ...': X holds); for a noun that names no company, the company right before the
    clause inside that noun's phrase, unless it is the noun's 'of' ('a boost for *the chipmaker* that split with X',
    but 'a *backer* of X that remains ...'); for a description apposed to a name, the name; for a person's word
    before 'which', the phrase the person is in."""
    noun = clause.head
    if noun.lemma_.lower() in rulebook.status_words()["portions"] or noun.like_num:
        return next((o for o in _prep_objects_of(noun, "of") if o.i < clause.i), noun)
    if _names_person(noun) and any(c.lower_ == "which" for c in clause.children):
        return _phrase_of_person(s, noun)  # 'X, the startup founded by a former Ford *executive, which* supplies
    if noun.dep_ == "appos" and s.unit(noun) is None and s.unit(noun.head) is not None and _describes_companies(noun):
        return noun.head  # 'X, the holding company that controls Y': X controls Y
    before = clause.doc[clause.left_edge.i - 1] if clause.left_edge.i > noun.i + 1 else None
    if before is not None and s.unit(noun) is None and s.unit(before) is not None and noun.is_ancestor(before) \
            and not (before.dep_ == "pobj" and before.head.lower_ == "of"):  # 'a backer of X that ...': the backer
        return before
    return noun


def _phrase_of_person(s: Sentence, person):
    """What a 'which' after a word for a person modifies: the phrase the person's word is inside (the
    description, or the name it is apposed to: 'X, the startup founded by a former executive, which ...')."""
    head = person
    while head.dep_ in ("pobj", "agent", "prep", "acl") and head.head.i != head.i:
        head = head.head
    before = name_before_comma(s, head) if s.unit(head) is None and _describes_companies(head) else None
    return before if before is not None else head


def infinitive(verb) -> bool:
    """Whether a verb is a 'to' infinitive ('agreed *to buy*')."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def infinitive_relative(verb) -> bool:
    """Whether a verb is an infinitive the parser hangs on a noun as a relative clause ('an agreement they signed
    *to work together*'): it tells what the noun is for, so the noun governs its status as an 'acl' would."""
    return verb.dep_ == "relcl" and infinitive(verb)


def _verb_agent(s: Sentence, verb, depth: int = 0) -> list[Unit]:
    """Who does ``verb``: its subject, the object of its 'by' agent, or the subject it inherits from the verb
    it complements ('agreed to buy'), is coordinated with, or relates to ('X, which bought Y')."""
    if depth > 4:
        return []
    owners = [phrase(s, _whose_antecedent(c)) for c in verb.children if c.dep_ == "poss"]  # 'whose Forester
    # competes', the verb taken for a noun: the owner of the thing named before it
    passive = _passive_with_agent(verb)  # 'X is 24% owned by Y' with X tagged a plain subject: no doer
    subjects = owners + [_subject_phrase(s, c) for c in verb.children if c.dep_ in ("nsubj", "csubj") and not passive
                         or (c.dep_ == "compound" and c.i < verb.i)]  # a 'compound' is a subject the parser mis-tagged
    if subjects:  # the first that names a company: a dateline the parser made a second subject names none
        they = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ == "they"]
        found = next((units for units in subjects if units), []) or (_governing_subject(s, they[0], plural=True)
                                                                      if they else [])
        return found + [u for u in _co_agents(s, verb) if u not in found] if found else []
    for child in verb.children:
        if child.dep_ == "agent":
            return [u for c in child.children if c.dep_ == "pobj" for u in phrase(s, c)] + _gapped_agents(s, verb)
    stranded = _stranded_subject(s, verb) or _orphaned_subject(s, verb)
    if stranded:
        return stranded
    if verb.lemma_.lower() in rulebook.status_words()["states"]:  # 'A and B are locked in a battle': they are in it
        return [u for c in verb.children if c.dep_ == "nsubjpass" for u in _relative_phrase(s, c)]
    if (verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and infinitive(verb))) and _controller(s, verb.head):
        return _controller(s, verb.head)  # 'enable ZF to catch up', 'tapped X to supply': the object does it
    raiser = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else verb.head
    controlled = verb.dep_ == "advcl" and infinitive(verb) and raiser.lemma_.lower() in rulebook.status_words()[
        "object_control"]  # 'X was chosen by Y to build ...': X builds
    if (verb.dep_ in ("xcomp", "pcomp") or controlled) and _passive(raiser):  # 'X was reported to be planning',
        # 'X is seen as lagging behind Y': X plans, X lags
        raised = [u for c in raiser.children if c.dep_ == "nsubjpass"  # ('X's new model was designed to take on
                  for u in _subject_phrase(s, _relative_head(s, c))]  # Y': X's)
        if raised:
            return raised
    if (verb.dep_ in ("acl", "xcomp") or infinitive_relative(verb)) and verb.head.pos_ == "NOUN" \
            and verb.tag_ == "VB":
        return _noun_agent(s, verb.head, depth + 1)  # 'X's proposal to merge', 'withdrew a bid to buy', 'signed
        # a deal to build' (an infinitive the parser takes for a relative clause)
    attempt = _copula_attribute(verb)
    if attempt is not None:
        return _noun_agent(s, attempt, depth + 1)  # 'the move is X's attempt to close the gap', the infinitive
        # hung on the copula
    open_clause = verb.dep_ == "ccomp" and infinitive(verb)  # 'has yet to decide *whether to invest*'
    reported = _reported_clause(verb)
    if reported is not None:
        return _verb_agent(s, reported, depth + 1)  # 'X will make it, Y said, *edging out* Z': X edges Z out
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") or open_clause or (
            verb.dep_ == "pobj" and verb.head.dep_ == "prep"):
        head = verb.head.head if verb.dep_ in ("pcomp", "pobj") else verb.head
        if head.pos_ == "ADJ" and head.dep_ == "acomp":
            head = head.head  # 'X is eager to partner with Y': the copula's subject
        if head.pos_ == "ADJ" and head.dep_ == "amod" and head.head.pos_ == "NOUN" and verb.dep_ == "xcomp":
            return _noun_agent(s, head.head, depth + 1)  # 'won a contract *worth* $1 billion to supply': the
            # infinitive says what the contract is for
        if head.pos_ in ("VERB", "AUX"):
            return _passive_subject_of_first(s, verb) or _verb_agent(s, head, depth + 1)
        if head.pos_ == "NOUN" and verb.dep_ in ("pcomp",):
            return _noun_agent(s, head, depth + 1)
    if verb.dep_ == "relcl" and not _passive(verb):
        return phrase(s, _modified_noun(verb, s))
    if verb.dep_ == "acl" and (verb.tag_ == "VBG" or any(c.dep_ == "dobj" for c in verb.children)):
        # 'X, already owning ...'; 'X, which ..., already owned 20% of Y' (a main verb the parser hung on the
        # name: a participle of a passive takes no object); 'operates as a supplier, bidding to ...'
        return phrase(s, verb.head) or _cast_as(s, verb.head) or _member_subject(s, verb.head)
    if verb.dep_ == "advcl" and infinitive(verb):
        return _verbless_subject(s, verb)  # 'X near deal to buy Y'
    root = verb.sent.root
    if verb.dep_ == "acl" and root.pos_ == "PROPN" and not any(c.dep_ == "agent" for c in verb.children):
        found = phrase(s, root)  # 'X, alongside Y, invested in Z', 'X, which backs Y, invested in Z' parsed with
        # the name as the root: the main verb hangs on a name, its subject is the root, its co-agent hangs there
        return found + [u for u in _co_agents(s, root) if u not in found] if found else []
    return []


def _copula_attribute(verb):
    """For an infinitive the parser hangs on a copula, the possessed noun the copula predicates, whose purpose it
    is ('the move is *X's attempt* to close the gap'), or None."""
    if verb.dep_ != "xcomp" or verb.tag_ != "VB" or verb.head.lemma_ != "be":
        return None
    return next((c for c in verb.head.children if c.dep_ == "attr" and c.pos_ == "NOUN" and c.i < verb.i
                 and any(g.dep_ == "poss" for g in c.children)), None)


def _gapped_agents(s: Sentence, verb) -> list[Unit]:
    """The 'by' of a portion coordinated with a passive whose verb is left out ('is 53% owned by A *and 34% by
    B*'), on the verb or, for a participle, on the noun it modifies ('a venture 51% owned by A and 49% by B'): a
    second doer."""
    portions = rulebook.status_words()["portions"]
    hosts = [verb, verb.head] if verb.dep_ == "acl" else [verb]
    return [u for h in hosts for c in h.children if c.dep_ == "conj" and c.lemma_.lower() in portions
            for p in c.children if p.dep_ in ("prep", "agent") and p.lower_ == "by"
            for o in p.children if o.dep_ == "pobj" for u in phrase(s, o)]


def _passive_subject_of_first(s: Sentence, verb) -> list[Unit]:
    """For an active verb coordinated with a passive one, the passive's subject ('X was bought by A and *builds*
    robotaxis for B': X builds them, not A)."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ == "VBN" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    return [u for c in head.children if c.dep_ == "nsubjpass" for u in _relative_phrase(s, c)]


def _reported_clause(verb):
    """For a participle the parser hangs on a reporting verb after the clause it reports ('X will make it, Y
    said, *edging out* Z'), that clause's verb; else None."""
    head = verb.head
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or head.lemma_.lower() not in rulebook.status_words()["reporting"]:
        return None
    return next((c for c in head.children if c.dep_ == "ccomp" and c.i < head.i), None)


def _stranded_subject(s: Sentence, verb) -> list[Unit]:
    """The subject of a reported clause the parser put in the date before it ('X said on Monday *Y* would ...',
    read as 'on Monday Y'): a name right before the clause, in a preposition of the reporting verb."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.lemma_.lower() not in rulebook.status_words()["reporting"]:
        return []
    return [u for p in head.children if p.dep_ == "prep" and p.i < verb.i for o in p.children
            if o.dep_ == "pobj" and o.i == verb.left_edge.i - 1 and s.unit(o) is not None
            and any(c.dep_ == "compound" and c.ent_type_ in ("DATE", "") and c.pos_ == "PROPN" and s.unit(c) is None
                    for c in o.children) for u in phrase(s, o)]


_BACKING = frozenset({"back", "fund", "anchor", "finance"})
"""Participles that name who puts money into what they describe ('a round *backed by* A'): no members of it."""

_FUNDING = _LEADING | _BACKING
"""Participles that name who leads or backs a round."""

_OPERATING = frozenset({"operate", "run", "own", "have"})
"""Verbs whose subject runs the plants they take ('operates two plants which make cells')."""


def _operator(s: Sentence, noun) -> list[Unit]:
    """Who runs a plant a relative clause tells of: the subject of a verb of running that takes it."""
    verb = governor(noun) if noun.lemma_.lower() in ("plant", "factory") else None
    return [u for c in verb.children if c.dep_ == "nsubj" for u in phrase(s, c)] \
        if verb is not None and verb.lemma_.lower() in _OPERATING else []


_ALONG = frozenset({"together", "along"})
"""Words that make a 'with' name a second doer ('X, together with Y, will buy Z')."""


def _co_agents(s: Sentence, verb) -> list[Unit]:
    """Companies that do ``verb`` beside its subject: 'X, together with Y, ...', 'along with Y', 'alongside Y',
    those it owns with (_co_owners), and a headline's first name the parser leaves out of the list ('*Nissan*,
    Mitsubishi to join ...')."""
    out = []
    for p in verb.children:
        known = s.unit(p) if p.dep_ == "npadvmod" and p.i < verb.i and p.nbor(1).text == "," else None
        if known is not None and all(org.reference for org in known.orgs):
            out.append(known)  # a reference company only: a dateline's city comes first too
        if p.dep_ != "prep":
            continue
        if p.lower_ == "alongside":
            withs = [p]
        elif p.lower_ in _ALONG:
            withs = [c for c in p.children if c.dep_ == "prep" and c.lower_ == "with"]
        elif p.lower_ == "with" and (any(c.lower_ in _ALONG for c in p.children)
                                     or (p.i > 0 and p.nbor(-1).lower_ in _ALONG)):
            withs = [p]
        else:
            withs = []
        out += [u for w in withs for o in w.children if o.dep_ == "pobj" for u in phrase(s, o)]
    return out + _co_owners(s, verb)


def _co_owners(s: Sentence, verb) -> list[Unit]:
    """Who owns what a verb of owning says its subject owns 'with' them, on the verb or on the share it owns
    ('owns X in equal thirds *with Y and Z*')."""
    if verb.lemma_.lower() != "own":
        return []
    shares = [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    return [u for h in (verb, *shares) for p in h.children if p.dep_ == "prep" and p.lower_ == "with"
            for o in p.children if o.dep_ == "pobj" for u in phrase(s, o)]


def _subject_phrase(s: Sentence, subject) -> list[Unit]:
    """The units a verb's subject names; for a thing, its maker or owner ('*Ford's* pickup uses cells from SK
    On', '*Ford* vans use ...', '*Panasonic's* cells power ...'), but not for a description ('Toyota's unit' is
    not Toyota)."""
    head = _relative_head(s, subject)  # ('X's software, *which* powers ...': the software)
    if _names_products(head) or _named_product(s, head):  # 'Ford's pickup', "Zeekr's 001 Wagon", 'Ford vans'
        makers = _role_poss(s, head) or _compound(s, head) or _prep_makers(s, head, "from")
        if makers or head is subject:
            return makers  # (but 'X operates plants *which* ...' names the plants' operator below)
    units = phrase(s, head) or _operator(s, head) or _distributed(s, head)  # 'X operates plants *which* make
    # cells for Y': X makes them
    nearest = name_before_comma(s, subject) if head is not subject and len(units) > 1 else None
    if nearest is not None and (subject.head.tag_ == "VBZ" or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ == "VBZ" for c in subject.head.children)):
        return [s.unit(nearest)]  # 'A and B, which *has* supplied ...': B alone
    if units or head.pos_ != "NOUN" or head.lemma_.lower() in rulebook.status_words()["descriptions"] \
            or _names_person(head):
        return units  # 'Geely's chairman holds a stake': a person's, not Geely's
    goods = head.lemma_.lower() in rulebook.status_words()["goods"]
    return _role_poss(s, head) or (_compound(s, head) if goods else [])  # '*Qualcomm* chips will power ...'


DISTRIBUTIVES = frozenset({"each", "both", "all"})
"""Words that stand for every member of a group ('in which *each* will hold a third', 'A and B *each* own
half of X')."""


def _distributed(s: Sentence, subject) -> list[Unit]:
    """For 'each' (or 'each of the three') as the subject of a relative clause on a company ('A and B will create
    X, a venture in which *each* will hold half'), the companies doing the verb that company is the object of;
    for 'each of which', the names the clause is on."""
    verb = subject.head
    if subject.lower_ not in DISTRIBUTIVES or verb.dep_ != "relcl":
        return []
    noun = _clause_noun(verb, s)
    if any(p.lower_ == "of" and any(o.tag_ in _RELATIVE_TAGS for o in p.children) for p in subject.children):
        return phrase(s, noun)  # 'A and B, *each of which* holds ...': the names the clause is on
    maker = governor(noun)
    return _verb_agent(s, maker) if maker is not None else []


def _names_person(noun) -> bool:
    """Whether a common noun is a word for a person ('chairman', 'chief executive', 'CEO'; entities.json)."""
    return noun.lemma_.lower() in lexicon.entities()["person_nouns"]


def _named(s: Sentence, noun) -> list[Unit]:
    """The units a noun names, or, for a description apposed to a name, that name's ('X, the unit ...'): the
    name right before its comma, wherever the parser hangs it ('A, which backs B, *the startup* C bought': B)."""
    apposed = _describes_companies(noun) or noun.lemma_.lower() in rulebook.status_words()["ventures"]
    described = (_name_before(s, noun) or _copula_subject(s, noun)) if apposed else []
    return phrase(s, noun) or described or (phrase(s, noun.head) if noun.dep_ == "appos" else [])


def _copula_subject(s: Sentence, noun) -> list[Unit]:
    """For a description a copula predicates of a name ('X is *a venture* in which ...'), that name."""
    if noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return []
    return [u for c in noun.head.children if c.dep_ == "nsubj" for u in phrase(s, c)]


def _member_subject(s: Sentence, noun) -> list[Unit]:
    """For a kind a copula says a name is, or is one of, that name ('X is *a startup* battling Y', 'X is one of
    *the startups* battling Y', 'one of a crop of *startups*')."""
    for _ in range(3):
        if noun.dep_ != "pobj" or noun.head.lower_ != "of":
            break
        noun = noun.head.head
    return _copula_subject(s, noun)


def _name_before(s: Sentence, noun) -> list[Unit]:
    """For a noun whose phrase follows a name and a comma ('Zoox, *the startup* ...', 'Zoox, once *part* of
    X'), that name."""
    before = name_before_comma(s, noun)
    return [s.unit(before)] if before is not None else []


def name_before_comma(s: Sentence, token):
    """The name right before the comma that opens ``token``'s phrase ('Zoox, *the startup* ...', 'X, *in
    which* ...'), or None."""
    left = token.left_edge.i
    before = token.doc[left - 2] if left >= 2 and token.doc[left - 1].text == "," else None
    return before if before is not None and s.in_span(before) and s.unit(before) is not None else None


def _controller(s: Sentence, verb) -> list[Unit]:
    """The object of a verb of enabling that does what the verb's complement says ('help *Honda* to build'; 'help
    *them* build', the companies of the clause subject above)."""
    if verb.lemma_.lower() not in rulebook.status_words()["object_control"]:
        return []
    return [u for c in verb.children if c.dep_ == "dobj"
            for u in (_governing_subject(s, c, plural=True) if c.lower_ == "them" else phrase(s, c))]


def _plural_verb(verb) -> bool:
    """Whether a present-tense verb agrees with a plural subject ('compete', 'have supplied', 'are')."""
    return verb.tag_ == "VBP" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBP" for c in verb.children)


def _passive(verb) -> bool:
    """Whether a verb is passive ('was acquired', 'owned by')."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (verb.dep_ == "acl" and (
        verb.tag_ == "VBN" or any(c.dep_ == "agent" for c in verb.children)))  # 'a venture owned (VBD) 51% by X'


def _passive_with_agent(verb) -> bool:
    """Whether a verb is a passive with its 'by' agent ('is 24% owned by Y', 'a venture owned 51% by Y' parsed as
    a clause of its own), whatever its subject is tagged."""
    auxiliary = any(c.dep_ == "auxpass" for c in verb.children) or (
        verb.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("dobj", "aux") for c in verb.children))
    return auxiliary and any(c.dep_ == "agent" for c in verb.children)


def _hung_subjects(verb) -> list:
    """The subject of a passive with its 'by' agent that the parser hangs on the auxiliary or on the copula ('X
    is about 24% owned by Y')."""
    if not any(c.dep_ == "agent" for c in verb.children):
        return []
    holders = [c for c in verb.children if c.dep_ == "auxpass"]
    holders += [verb.head] if verb.dep_ == "acomp" and verb.tag_ == "VBN" else []
    return [c for h in holders for c in h.children if c.dep_ == "nsubj"]


def _verb_patient(s: Sentence, verb) -> list[Unit]:
    """What ``verb`` acts on: its direct object, or its subject when passive ('Y was acquired by X')."""
    passive = _passive_with_agent(verb)
    for child in verb.children:
        if child.dep_ == "nsubjpass" or (child.dep_ == "nsubj" and passive):
            return _listed_last(s, child) or _named(s, _relative_head(s, child))  # 'X, a venture owned by Y': X
    subjects = [u for c in _hung_subjects(verb) for u in _relative_phrase(s, c)]
    if subjects:
        return subjects
    if verb.dep_ in ("acl", "relcl") and _passive(verb):
        head = verb.head
        if head.dep_ == "attr" and s.unit(head) is None:  # 'X is majority owned by Y', 'X is a firm backed by Y'
            return [u for c in head.head.children if c.dep_ == "nsubj" for u in _relative_phrase(s, c)]
        return _named(s, head)  # 'X, the maker backed by Y': the name the description is apposed to
    if verb.dep_ in ("xcomp", "conj") and _passive(verb):  # 'X agreed to be bought by Y': the subject it is raised
        # from; 'X dropped a deal and will be bought by Y': the subject the two verbs share
        return [u for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")
                for u in _relative_phrase(s, c)]
    if verb.dep_ == "relcl" and not any(c.dep_ in ("dobj", "dative") and c.tag_ not in ("WDT", "WP")
                                        for c in verb.children):
        return _named(s, verb.head)  # 'Cruise, the unit (that) GM bought': the clause's object is what it modifies
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and not gapped(c)]
    for child in objects[:1] + [c for c in objects[1:] if c.doc[c.left_edge.i - 1].text != ","]:  # (another
        # object after a comma is a misparse: 'delivered 1,000 cars, outselling rivals X and Y')
        units = phrase(s, child)
        if units:
            return units
    if verb.lemma_.lower() in rulebook.status_words()["object_control"]:  # 'help Tesla raise output': the parser
        return [u for c in verb.children if c.dep_ in ("ccomp", "xcomp")  # makes the object its complement's subject
                for g in c.children if g.dep_ == "nsubj" for u in phrase(s, g)]
    return []


def governor(noun):
    """The verb a relation noun is the object or complement of ('took a stake', 'entered into a partnership',
    'is a supplier'), or None."""
    head, dep = noun.head, noun.dep_
    if dep == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if dep == "pobj" and head.dep_ == "prep" and (head.head.dep_ in ("advmod", "prt") or (
            head.head.dep_ == "prep" and head.head.pos_ == "ADP")) and head.head.head.pos_ == "VERB":
        return head.head.head  # 'walked away from a plan', 'moved ahead with a deal', 'pulled out of a venture'
    if dep in ("dobj", "attr", "oprd", "nsubjpass", "appos", "conj") and head.pos_ in ("VERB", "AUX"):
        return head
    if dep == "pobj" and head.dep_ == "prep" and head.head.dep_ == "acomp" and head.head.head.pos_ in ("VERB", "AUX"):
        return head.head.head  # 'are close to a deal', 'is open to a merger'
    return None


def purposes(noun) -> list:
    """The infinitives saying what the verb that takes a relation noun is for ('signed a memorandum *to
    explore* ...'; 'an agreement with X *to secure* supplies', which the parser hangs on 'signed')."""
    verb = governor(noun) if noun.pos_ in ("NOUN", "PROPN") else None
    return [c for c in (verb.children if verb is not None else ()) if c.dep_ == "advcl" and c.tag_ == "VB"]


def provisions(noun) -> list:
    """The words of a relative clause opened by 'under which' on a deal noun (or on its 'of': 'memorandum of
    understanding'): what the deal provides ('the memorandum, under which they were to explore a *merger*')."""
    heads = [noun, *_prep_objects_of(noun, "of")]
    return [t for h in heads for c in h.children if c.dep_ == "relcl" and any(
        p.dep_ == "prep" and p.lower_ == "under" and any(o.tag_ == "WDT" for o in p.children) for p in c.children)
        for t in c.subtree]


def _noun_agent(s: Sentence, noun, depth: int = 0) -> list[Unit]:
    """Who holds a relation noun: the subject of a relative clause it is the object of ('a tie-up *that Toyota
    agreed* with X', 'matching the 15% *that X holds* in Y': X, not who matches it); else its possessor, the doer of
    the verb governing it, or the name it describes."""
    return _clause_subject(s, noun) or _holder(s, noun, depth)


def _clause_subject(s: Sentence, noun) -> list[Unit]:
    """The subject of a relative clause a noun is the object of ('a tie-up *that Toyota agreed*', 'the unit *Sony*
    plans to list')."""
    return [u for verb in object_clauses(noun) for c in verb.children if c.dep_ == "nsubj" for u in phrase(s, c)]


def _holder(s: Sentence, noun, depth: int) -> list[Unit]:
    """Who holds a relation noun by the phrase it stands in (see _noun_agent)."""
    owner = _role_poss(s, noun) or _noun_subject(s, noun)
    if owner:
        return owner  # 'Toyota's stake'; a subject the parser hung on a noun it took a verb for ('A and B team up')
    verb = governor(sum_host(noun))
    if verb is not None and noun.dep_ == "pobj" and verb.lemma_ in rulebook.status_words()["reporting"]:
        return []  # 'the companies said, in a deal that ...': who reports holds nothing
    if verb is not None and verb.lemma_ in _FUNDING and _passive(verb):
        return []  # 'was led by X *with participation* from Y': X and Y fund together; neither holds the other
    if verb is not None:
        receivers = [u for c in verb.children if noun.dep_ == "dobj" and (
            c.dep_ == "dative" or (c.dep_ == "nsubjpass" and _passive(verb))) for u in phrase(s, c)]
        return receivers or _verb_agent(s, verb, depth + 1) or _placed(s, noun, verb)  # 'would give *X* a stake',
        # '*X* was awarded a contract': the receiver holds it
    if noun.dep_ in ("conj", "compound", "appos", "nmod") and noun.head.pos_ == "NOUN" and depth < 4:
        return _noun_agent(s, noun.head, depth + 1)  # 'merger plans', 'alliance and partnership': the head's
    if noun.dep_ == "appos" and s.unit(noun.head) is not None and depth < 4:
        verb = governor(noun.head)  # 'A and B set up X, a joint venture': who set X up holds the venture
        return _verb_agent(s, verb, depth + 1) if verb is not None else []
    if noun.dep_ == "pobj" and noun.head.pos_ == "ADP" and noun.head.head.pos_ == "NOUN" and depth < 4 and (
            noun.head.lower_ == "of" or (noun.head.lower_ == "for" and _sought(noun.head.head))
            or _deliberated(noun.head)):
        return _noun_agent(s, noun.head.head, depth + 1)  # 'its analysis of partnership options with X', 'its bid
        # for a stake in X', 'held talks about a merger with X'
    return _verbless_subject(s, noun)  # 'X in talks to buy Y'


def _deliberated(prep) -> bool:
    """Whether a preposition gives the topic of talks ('talks *about* a merger', 'negotiations *over* a stake':
    status.json 'deliberations'), whose holder holds the topic too."""
    return prep.lower_ in ("about", "over", "on", "regarding") and \
        prep.head.lemma_.lower() in rulebook.status_words()["deliberations"]


def _verbless_subject(s: Sentence, word) -> list[Unit]:
    """The company a headline without a verb opens with, for a word that hangs on it or on its preposition ('*X*
    in talks to buy Y', '*X* near deal to buy Y'): the subject of the verb the headline leaves out."""
    root = word.sent.root
    head = word.head.head if word.dep_ == "pobj" else word.head
    return phrase(s, root) if head.i == root.i and root.pos_ == "PROPN" and root.i < word.i else []


def _placed(s: Sentence, noun, verb) -> list[Unit]:
    """The object a verb with no company for a doer puts 'in', 'into' or 'under' a relation noun ('the move puts
    *X* in direct competition with Y', 'a plan that could bring *A and B* under a single holding company'): who
    is in it."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("in", "into", "under") or noun.head.head.i != verb.i:
        return []
    return [u for c in verb.children if c.dep_ == "dobj" for u in phrase(s, c)]


def _sought(noun) -> bool:
    """Whether a noun says its holder seeks what its 'for' names ('a *bid* for a stake', 'talks for a stake')."""
    return noun.lemma_.lower() in rulebook.status_words()["considering"]


_RELATIVE_TAGS = frozenset({"WDT", "WP"})
"""Tags of relative pronouns ('which', 'who')."""


def object_clauses(noun) -> list:
    """The relative clauses whose object a noun (or the noun it is apposed to) is ('a tie-up *that Toyota agreed*
    with X', 'the alliance Mazda formed'): a subject of their own that is no relative pronoun, no other object,
    and no relative pronoun in a preposition ('under which X builds'), nor a subject 'whose' opens ('a venture
    *whose sales* collapsed': the noun owns the subject, it is no object)."""
    def takes_noun(clause) -> bool:
        kids = list(clause.children)
        return any(c.dep_ == "nsubj" and c.tag_ not in _RELATIVE_TAGS and not any(
            g.tag_ == "WP$" for g in c.children) for c in kids) and all(
            c.tag_ in _RELATIVE_TAGS or c.lower_ == "that" for c in kids if c.dep_ == "dobj") and not any(
            o.tag_ in _RELATIVE_TAGS for c in kids if c.dep_ == "prep" for o in c.children)
    heads = [noun, noun.head] if noun.dep_ == "appos" else [noun]
    return [c for h in heads for c in h.children if c.dep_ == "relcl" and takes_noun(c)]


def _whose_antecedent(possessor):
    """For 'whose', the noun its relative clause modifies ('Nio, whose backers include X': Nio); else the
    possessor."""
    if possessor.tag_ != "WP$":
        return possessor
    clause = next((t for t in possessor.ancestors if t.dep_ == "relcl"), None)
    return clause.head if clause is not None else possessor


def second_subject(s: Sentence, noun):
    """The unit of the name right after a subject noun that the parser made a second subject of the same verb
    ('its backer X agreed', read as 'backer' and 'X' agreeing), or None."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if after is None or not noun.dep_ == after.dep_ == "nsubj" or after.head.i != noun.head.i:
        return None
    return s.unit(after)


def _noun_subject(s: Sentence, noun) -> list[Unit]:
    """A subject the parse hangs on a noun: a small clause's ('makes *X* the biggest shareholder'), or a verb's
    the parser took for a noun ('*A and B* team up'), with a headline's second name it hangs there as a
    compound ('Nissan, *Honda* Team Up On ...')."""
    subjects = [u for c in noun.children if c.dep_ == "nsubj" for u in phrase(s, c)]
    listed = [u for c in noun.children if c.dep_ == "compound" and c.i > 0 and c.nbor(-1).text == ","
              for u in phrase(s, c)] if subjects else []
    return subjects + [u for u in listed if u not in subjects]


_POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
"""What the tokenizer leaves of a possessive ending ("GM's", "General Motors'")."""


def _role_poss(s: Sentence, noun) -> list[Unit]:
    """The noun's possessor ('Toyota's stake', 'its partner', 'X, *whose* backers include ...'), both names of
    'A and B's' ('Toyota and Mazda's joint team', which the parser reads as 'Toyota' and 'Mazda's joint team'),
    but one owner for a named unit ('with A and B's *Cruise* unit', 'with A and B's Cruise': B's)."""
    if s.unit(noun) is not None and noun.i >= 2 and noun.nbor(-1).lower_ in _POSSESSIVE_MARKS:
        owner = s.unit(noun.nbor(-2))  # "A and B's Cruise": the name right before the mark, however the parser
        # hangs the list; a reference company only ('Abu Dhabi's X' names a place the recognizer may call one)
        return [owner] if owner is not None and all(org.reference for org in owner.orgs) else []
    possessors = [_whose_antecedent(c) for c in noun.children if c.dep_ == "poss"]
    if not possessors and _coordinated_description(s, noun):
        return _role_poss(s, noun.head)  # 'X, its biggest customer and *a major shareholder*': its too
    units = [u for c in possessors for u in (phrase(s, c) or _their(s, c))]
    named = any(c.dep_ == "compound" and s.unit(c) is not None for c in noun.children)
    if units and noun.dep_ == "conj" and s.unit(noun.head) is not None and not named \
            and all(c.pos_ == "PROPN" for c in possessors):
        return [s.unit(noun.head)] + units
    return units


def _stray_apposition(subject, word, verb) -> bool:
    """Whether ``word`` hangs on ``subject`` through an apposition the parser put after the subject's verb ('A
    and B broke ground on a plant in Ohio, *their* joint factory'; 'X is exploring an investment in Y, *the
    venture* of A and B'): a phrase of the clause, not of the subject."""
    if subject.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return False
    return any(t.dep_ == "appos" and t.i > verb.i and t.head.i < verb.i for t in [word, *word.ancestors]
               if subject.is_ancestor(t))


def _their(s: Sentence, pronoun) -> list[Unit]:
    """What 'their' means: the companies of the nearest subject above it that names more than one ('A and B
    said *their* venture would ...', 'A and B expanded their alliance'); [] for any other word."""
    if pronoun.lower_ != "their":
        return []
    for verb in pronoun.ancestors:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < pronoun.i and (
                    not child.is_ancestor(pronoun) or _stray_apposition(child, pronoun, verb)):
                units = _relative_phrase(s, child)
                if sum(len(u.orgs) for u in units) > 1:
                    return units
    return []


def bound_pronouns(s: Sentence) -> list[tuple[object, Unit]]:
    """(token, unit) for each possessive 'its' or subject 'it' whose sentence structure names what it means
    otherwise than coreference said ('give Lyft an edge over its rival': Lyft, whoever was named first)."""
    out = []
    for token in s.span:
        own = s.unit(token)
        if own is None or not own.resolved:
            continue
        if token.lower_ == "its" and token.dep_ == "poss":
            bound = _clause_antecedent(s, token)
        elif token.lower_ == "it" and token.dep_ in ("nsubj", "nsubjpass"):
            bound = _governing_subject(s, token)
        else:
            continue
        if bound and bound[0].orgs != own.orgs:
            out.append((token, bound[0]))
        if bound:  # a later pronoun bound to this one ('it had completed its acquisition') means the same
            for k in range(own.start, own.end):
                s.unit_of[k] = replace(own, orgs=bound[0].orgs, resolved=False)
    return out


def _governing_subject(s: Sentence, pronoun, plural: bool = False) -> list[Unit]:
    """What a subject 'it' of a clause inside another means: that clause's subject ('Toyota said it would',
    'X sells cars at home, where it competes with Y'); for a ``plural`` 'they', every company that subject
    names ('A and B said they would'); [] when it names none (or one, for 'they'). Never the noun a relative
    clause holding the pronoun modifies ('X said Y, *in which it* holds a stake, ...': not Y)."""
    verb, modified = pronoun.head, set()
    while verb.dep_ in ("relcl", "advcl", "ccomp", "conj"):
        head = verb.head
        if verb.dep_ == "relcl":
            modified.update((head.i, head.head.i) if _apposed_after(head) else (head.i,))  # 'X, the brand *it* set
            # up': neither the brand nor X
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        for child in head.children:  # the first subject that names a company: a dateline the parser made one names none
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < pronoun.i and child.i not in modified:
                units = _relative_phrase(s, child)
                if plural and sum(len(u.orgs) for u in units) > 1:
                    return units  # 'A and B said ... as they', 'the partners said ... as they'
                named = [u for u in units if not u.resolved and not any(o.is_media for o in u.orgs)]
                if named:  # not the outlet of a dateline ('TOKYO (Reuters) - X said it would')
                    return [] if plural else named[:1]
        verb = head  # 'the partners said it would help as they try': the clause above's subject
    return []


def _apposed_after(noun) -> bool:
    """Whether a noun is apposed to the name right before its comma ('X, the brand'), not hung by the parser on a
    noun further back ('the companies ... through X, a venture')."""
    before = noun.left_edge.i - 2
    return noun.dep_ == "appos" and before >= 0 and noun.doc[before + 1].text == "," and (
        before == noun.head.i or noun.doc[before].head.i == noun.head.i)


def _clause_antecedent(s: Sentence, pronoun) -> list[Unit]:
    """What 'its' means by the clause it stands in: the subject of its verb, else the company the verb is given
    to ('give *Lyft* an edge over its rival'), else, when a thing does what the verb tells, the company it acts on
    ('the decision sets *Lyft* apart from its rivals'); [] when the clause names none (coreference decides)."""
    verb = pronoun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        if verb.dep_ == "appos":
            return []  # "Honda, its rival, ...": an apposition describes its name, which 'its' is not
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    while verb.dep_ == "xcomp" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head  # 'X continues to build Y's SUV on *its* platform': the subject of 'continues'
    copula = verb.lemma_.lower() in rulebook.status_words()["copulas"]  # 'X remains its shareholder': not X
    thing_does = any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and s.unit(c) is None and any(
        d.dep_ == "det" for d in c.children) and c.lemma_.lower() not in rulebook.status_words()["descriptions"]
                     for c in verb.children)  # 'the decision', 'this move'; no bare name, no 'the lidar maker'
    for deps in ((() if copula else ("nsubj", "nsubjpass")), ("dative",), ("dobj",) if thing_does else ()):
        for child in verb.children:
            if child.dep_ in deps and child.i < pronoun.i:
                units = [u for u in _relative_phrase(s, child) if not u.resolved]
                if units:
                    return units[:1]
    return _stranded_subject(s, verb)[:1] or _purpose_partner(s, verb) or _opening_participle_subject(s, verb)
    # 'X said on Monday *Y* would raise its stake'


def _opening_participle_subject(s: Sentence, verb) -> list[Unit]:
    """For a participle with no subject opening its sentence, the subject of the clause it leads into ('Counting
    X among its shareholders, *Y* is ...', 'Founded in 2014 and counting X among its shareholders, *Y* ...')."""
    while verb.dep_ == "conj" and verb.head.i < verb.i:
        verb = verb.head
    if verb.dep_ != "advcl" or verb.tag_ not in ("VBG", "VBN") or verb.i > verb.head.i or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    return [u for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")
            for u in _relative_phrase(s, c) if not u.resolved][:1]


def description_owner(s: Sentence, description) -> list[Unit]:
    """The company a description's 'its' means by the clauses it stands in ('*The French carmaker* sold a stake in
    its partner', '*X* said its partner would build ...'): the first subject before it, up from its own verb, that
    names one company other than the one it points at; [] in an apposition ('Honda, its partner, ...')."""
    pointed = s.unit(description)
    token = description
    while token.head.i != token.i:
        if token.dep_ == "appos":
            return []
        token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            continue
        for child in token.children:
            unit = s.unit(child) if child.dep_ in ("nsubj", "nsubjpass") and child.i < description.i else None
            if unit is not None and unit is not pointed and len(unit.orgs) == 1:
                return [unit]
    return []


def _purpose_partner(s: Sentence, verb) -> list[Unit]:
    """For an infinitive saying what a deal with a company is for, that company ('signed a deal with *X* to use
    its chips': X's chips; the signer would not need a deal to use its own)."""
    if verb.dep_ not in ("advcl", "acl") or not infinitive(verb):
        return []
    heads = [verb.head] + [c for c in verb.head.children if c.dep_ == "dobj"]
    return [u for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "with"
            for o in p.children if o.dep_ == "pobj" for u in phrase(s, o)][:1]


def _prep_objects(s: Sentence, token, word: str) -> list[Unit]:
    """Units in the object of preposition ``word`` attached to ``token`` (for a noun, also to its verb)."""
    heads = _prep_heads(s, token, word)
    if token.dep_ == "compound" and token.head.pos_ == "NOUN":
        token = token.head  # 'a collaboration deal with X'
        heads.append(token)
    verb = governor(host(token)) if token.pos_ in ("NOUN", "PROPN") else None
    if verb is not None:
        heads.append(verb)
    matrix = verb if verb is not None else token if token.pos_ == "VERB" else None
    if matrix is not None and matrix.dep_ == "xcomp" and matrix.head.lemma_.lower() in \
            rulebook.status_words()["agreeing"]:
        heads.append(matrix.head)  # 'agreed *with X* to form a venture': what is agreed is done with X
    out: list[Unit] = []
    for head in heads:
        for child in [*head.children, *_after_aside(head)]:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ == word:
                again = [c for c in child.children if c.dep_ == "conj" and c.lower_ == word]  # 'with X and with Y'
                for obj in [o for p in (child, *again) for o in p.children]:
                    if obj.dep_ == "pcomp" and head.pos_ == "NOUN":  # 'an agreement with *X* covering batteries',
                        # read as X covering them (but 'A will hold 51%, with B having 49%': B holds)
                        obj = next((c for c in obj.children if c.dep_ == "nsubj" and s.unit(c) is not None), obj)
                    if obj.dep_ in ("pobj", "pcomp", "nsubj"):
                        out.extend(u for u in _named(s, _antecedent(s, obj, head)) if u not in out)
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == word for m in child.children):
                out.extend(u for c in child.children if c.dep_ == "nsubj" for u in _named(s, c) if u not in out)
                # 'builds an SUV *for X* to sell': the subject of a clause the preposition opens
        if out:
            return out
    return out


def _prep_objects_of(token, word: str) -> list:
    """The objects of ``token``'s own preposition ``word`` (or dative: 'supply chargers *to* X dealers')."""
    return [o for p in token.children if p.dep_ in ("prep", "dative") and p.lower_ == word for o in p.children
            if o.dep_ == "pobj"]


def _adverbs(verb) -> list:
    """A verb's adverbs, which may carry its preposition ('is *up* against X', 'chip *away* at X')."""
    return [c for c in verb.children if c.dep_ == "advmod" and c.pos_ in ("ADV", "ADJ")]


def _adverbial_nouns(verb) -> list:
    """The nouns that modify a verb as adverbs ('going *toe*-to-toe with'), the prepositions of which are the
    verb's: hung as such, or as a preposition themselves ('goes *head*-to-head with X')."""
    return [c for c in verb.children if c.dep_ == "npadvmod" or (c.dep_ == "prep" and c.pos_ == "NOUN")]


def _prep_heads(s: Sentence, token, word: str) -> list:
    """The words a preposition that belongs to ``token`` may hang on: the token; for a verb, its objects
    ('parted ways with', 'going toe-to-toe with'), its adverbs ('is up against X'), the noun it modifies and what
    it works on or under ('works on X with Y', 'builds cars under contract for Y'); for a noun, the relative
    clauses it is the object of ('a tie-up that A agreed with X'); the word saying what a noun or a verb's object
    is worth ('won an order *worth* $1 billion from X'); the participle on a verb's object for 'to' ('supplies cells
    made in Hungary to X'); what a verb is 'for', for 'against' ('fights for contracts against X'); what its
    object is 'as' ('lost its place as the top brand to X'); the object of the 'of' of a noun ('supplier of parts
    to X') or of a verb's object ('buys most of its cells from X')."""
    verbal = token.pos_ in ("VERB", "AUX")
    objects = [c for c in token.children if c.dep_ == "dobj"] + _adverbial_nouns(token) if verbal else []
    particles = _adverbs(token) if verbal else []
    described = [token.head] if verbal and token.dep_ == "amod" else []  # 'has long *sourced* cells from X'
    framed = [o for word in _FRAMING_PREPS for o in _prep_objects_of(token, word)] if verbal else []
    valued = [c for h in ([token, *objects] if verbal else [token]) for c in h.children if c.lower_ in _VALUE_WORDS]
    valued += [n for v in valued for n in v.children if n.dep_ == "npadvmod"]  # 'worth *billions* of euros from X'
    recipients = [o for obj in objects for p in obj.children if word == "from" and p.dep_ == "prep"
                  and p.lower_ == "for" for o in p.children if o.dep_ == "pobj"]  # 'buys packs for its model
    # *from X*', the 'from' hung on the model
    each = [c for c in token.children if c.lower_ == "each" and c.dep_ in ("appos", "advmod", "det")]  # '5% *each*
    # of A and B'
    made = [p for o in objects for p in o.children if word == "to" and p.dep_ == "acl" and p.tag_ == "VBN"]  # 'supplies
    # cells made in Hungary *to X*', the 'to' hung on the participle
    contested = [o for p in token.children if verbal and word == "against" and p.dep_ == "prep" and p.lower_ == "for"
                 for o in p.children if o.dep_ == "pobj"]  # 'fights for contracts *against X*': what is fought for
    roles_of = [o for obj in objects for p in obj.children if word != "of" and p.dep_ == "prep" and p.lower_ == "as"
                for o in p.children if o.dep_ == "pobj"]  # 'lost its place as the top brand *to X*'
    heads = [token, *objects, *particles, *described, *framed, *valued, *recipients, *each, *made, *contested,
             *roles_of, *(object_clauses(token) if token.pos_ in ("NOUN", "PROPN") else [])]
    if word != "of":
        holders = objects if verbal else [token] if token.pos_ == "NOUN" else []
        heads += [o for h in holders for o in _prep_objects_of(h, "of") if s.unit(o) is None]
        heads += [g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "of"
                  for g in p.children if g.dep_ == "pcomp" and g.tag_ == "VBG"]  # 'supplier of *braking* systems
        # to X', the modifier read as a gerund
    return heads


def _antecedent(s: Sentence, pronoun, verb):
    """For 'which' opening the relative clause of ``verb`` from inside a preposition ('X, *in which* Y holds a
    stake'), the noun the clause modifies: the name right before the comma that opens the clause when the
    parser hangs the clause on a noun further back ('its ownership of X, in which ...') or on no noun at all (an
    adverbial clause: 'sold Y to X, in which ...'); else the token."""
    if pronoun.tag_ not in ("WDT", "WP"):
        return pronoun
    before = name_before_comma(s, pronoun.head if pronoun.dep_ == "pobj" else pronoun)
    while before is not None and before.dep_ == "conj" and s.unit(before.head) is not None:
        before = before.head  # 'A and B, in which X holds stakes': the whole list
    if verb.dep_ != "relcl":
        return before if before is not None else pronoun
    return before if s.unit(verb.head) is None and before is not None else verb.head


def _prep_owners(s: Sentence, token, word: str) -> list[Unit]:
    """The companies whose product or part is the object of preposition ``word`` attached to ``token``
    ('competes with *Rivian's* van', 'a partnership with *Honda's* dealer network', 'shares issued by *X*'); not
    of what was theirs ('at Nissan's *former* plant') nor of the place a venture the doer's pronoun owns is ('will
    build cars at *their* X joint venture': their own place; but 'cells from its X venture' come from X)."""
    return [u for obj in _prep_nouns(s, token, word) if not any(
        c.lower_ == "former" or (word == "at" and c.tag_ == "PRP$"
                                 and obj.lemma_.lower() in rulebook.status_words()["ventures"])
        for c in obj.children) for u in _makers(s, obj) + _standing_of(s, obj)]


def _standing_of(s: Sentence, noun) -> list[Unit]:
    """For one of the 'standings' a company holds (status.json), the company its 'of' names ('the dominance *of
    X*', 'chip away at the lead of X')."""
    if noun.lemma_.lower() not in rulebook.status_words()["standings"]:
        return []
    return [u for o in _prep_objects_of(noun, "of") for u in phrase(s, o)]


def _makers(s: Sentence, noun) -> list[Unit]:
    """The companies a product noun names as its maker: its possessor or premodifier, the 'by' of a participle
    on it, its 'from', or the subject of a relative clause on it ('*Rivian's* van', 'vans built by *X*', 'cars
    from *Nissan* and *Volkswagen*', 'the cars *Tesla* builds')."""
    models = [u for c in noun.children if c.dep_ in ("nmod", "compound") and s.unit(c) is None
              for u in _role_poss(s, c)]  # "*X's* Haval and Tank SUVs", the possessive hung on the model's name
    sources = [u for o in _prep_objects_of(noun, "from") for u in phrase(s, o)]
    return _role_poss(s, noun) + _compound(s, noun) + models + _made_by(s, noun) + sources \
        + _clause_subjects(s, noun) + _made_at(s, noun)


_WORKS = frozenset({"plant", "factory", "facility", "gigafactory", "works", "site"})
"""Nouns for the place where products are made."""


def _made_at(s: Sentence, noun) -> list[Unit]:
    """The owners of the plant a participle on ``noun`` says it is made at ('the Ioniq 5 *produced at X's plant*')."""
    return [u for participle in noun.children if participle.dep_ == "acl" and participle.tag_ == "VBN"
            and participle.lemma_.lower() in rulebook.status_words()["making"]
            for p in participle.children if p.dep_ == "prep" and p.lower_ in ("at", "in")
            for o in p.children if o.dep_ == "pobj" and o.lemma_.lower() in _WORKS for u in _role_poss(s, o)]


def _clause_subjects(s: Sentence, noun) -> list[Unit]:
    """The subjects of the relative clauses on a noun ('for trucks *Ford* builds')."""
    return [u for clause in noun.children if clause.dep_ == "relcl"
            for c in clause.children if c.dep_ == "nsubj" for u in phrase(s, c)]


def _made_by(s: Sentence, noun) -> list[Unit]:
    """The companies in the 'by' of a participle on ``noun`` ('vans *built by X*', 'shares *issued by X*'); not
    of what several made together ('a platform developed *jointly* by A and B')."""
    return [u for participle in noun.children if participle.dep_ == "acl" and participle.tag_ == "VBN"
            and not any(c.lower_ in _ALONG | {"jointly"} for c in participle.children)
            for agent in participle.children if agent.dep_ == "agent"
            for obj in agent.children if obj.dep_ == "pobj" for u in phrase(s, obj)]


def _prep_makers(s: Sentence, token, word: str) -> list[Unit]:
    """The makers of the products in the object of preposition ``word`` attached to ``token``: a product's
    possessor, or the subject of a relative clause on it ('batteries for *Rivian's* vans', 'for trucks
    *Ford* builds'); for a part, of the products it is in ('chips for the system *in Mercedes models*')."""
    out = []
    for obj in _prep_nouns(s, token, word):
        holders = [obj] if _names_products(obj) else [obj, *_prep_objects_of(obj, "in")]
        made = [u for h in holders for u in (_makers(s, h) if _names_products(h) or _model_of(s, h)
                                             or _named_product(s, h) or numbered_model(h)
                                             or h.lemma_.lower() in rulebook.status_words()["goods"] else [])]
        # ('chips for *X's* driver-assistance systems': goods X makes too)
        out += made or _clause_subjects(s, obj)
    return out


def _prep_nouns(s: Sentence, token, word: str) -> list:
    """The common nouns, not names, in the object of preposition ``word`` attached to ``token`` (or to a
    verb's object, a passive's subject, a noun's 'of': 'supplies cells *for* X's model'), and products' proper
    names ('assembler *of* X's iPhones')."""
    heads = [token] + [c for c in token.children if token.pos_ == "VERB" and (
        c.dep_ == "dobj" or (c.dep_ == "nsubjpass" and _passive_with_agent(token)))]  # a passive's subject is what
    # it acts on ('sensors *for X's SUV* will be provided by Y')
    heads += _adverbial_nouns(token) + _adverbs(token) if token.pos_ == "VERB" else []  # 'goes head-to-head *with
    # X's* SUV', 'chip away *at X's* lead'
    goods = rulebook.status_words()["goods"]
    heads += [p for h in heads[1:] if h.lemma_.lower() in goods for p in h.children
              if p.dep_ == "acl" and p.tag_ == "VBN"]  # 'supplies the cells *used in* X's SUV' (not 'delivers cars
    # *built on* X's platform': the platform's maker supplies)
    if token.pos_ == "NOUN":
        heads += _prep_objects_of(token, "of")  # 'a supplier *of cells* for X's SUVs'
    quantities = rulebook.status_words()["quantities"]
    objects = [o for head in heads for obj in _prep_objects_of(head, word) for o in (obj, *obj.conjuncts)]
    # ('with X's Dolphin *and Y's Model 3*')
    objects = [o for obj in objects for o in (_prep_objects_of(obj, "of") if obj.lower_ in quantities else [obj])]
    # ('cells for *all of* X's models')
    return [obj for obj in objects
            if (obj.pos_ == "NOUN" and s.unit(obj) is None) or _named_product(s, obj) or _model_of(s, obj)
            or (s.unit(obj) is None and numbered_model(obj))]


def _after_aside(verb) -> list:
    """Prepositions the parser hung inside a relative clause set off by commas in the verb's object, though
    they follow its closing comma ('bought 60% of X, which owns Y, *from* Z'): they belong to the verb."""
    if verb.pos_ != "VERB":
        return []
    asides = [r for c in verb.children if c.dep_ == "dobj" for r in c.subtree
              if r.dep_ == "relcl" and r.left_edge.i > 0 and r.doc[r.left_edge.i - 1].text == ","]
    return [p for r in asides for p in r.children if p.dep_ == "prep" and p.i > r.i and r.doc[p.i - 1].text == ","]
    # (not the clause's own opening 'X, *in* which Y holds 5%')


def _apposed(s: Sentence, noun) -> list[Unit]:
    """The name a descriptive noun describes: 'Tesla rival Nio', 'rival BMW', 'Nio, a rival of Tesla', or
    the company a description read through coreference points at ('the parent company of Y')."""
    own = s.unit(noun)
    if own is not None and own.resolved:
        return [own]
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "one":  # 'X, one of its backers'
        noun = head.head
        head = noun.head
    if noun.dep_ in ("compound", "amod", "nmod") and s.unit(head) is not None:
        return phrase(s, head) if _possessed_plural(noun) or _listed_object(s, noun) else [s.unit(head)]  # 'its
        # backers A and B', 'took share from rivals A and B': both
    if _coordinated_description(s, noun):
        return _apposed(s, head)  # 'X, its biggest customer and a major shareholder': X both
    if noun.dep_ == "appos" and s.unit(head) is not None:
        if noun.tag_ != "NNS" and not any(c.lower_ in DISTRIBUTIVES for c in noun.children):
            nearest = name_before_comma(s, noun)  # 'A and B, *the unit* of X': B, hung on A by the parser
            return [s.unit(nearest if nearest is not None and nearest in head.conjuncts else head)]  # (but 'A and
            # B, *both* part of X': both)
        while head.dep_ == "conj" and s.unit(head.head) is not None:
            head = head.head  # hung on the last of the list: 'A and B, long-time rivals' is still both
        return phrase(s, head)  # 'A and B, long-time rivals': both
    for child in noun.children:
        if child.dep_ == "appos" and s.unit(child) is not None:
            both = _possessed_plural(noun) or _listed_object(s, noun)
            return phrase(s, child) if both else [s.unit(child)]  # 'its backers, A and B
    for place in _prep_objects_of(noun, "in"):  # 'its biggest rival in China, BYD,', the name hung on the place
        named = [s.unit(c) for c in place.children if c.dep_ == "appos" and s.unit(c) is not None]
        if named and s.unit(place) is None:
            return named[:1]
    second = second_subject(s, noun)
    if second is not None:
        return [second]
    small = _noun_subject(s, noun)
    if small:
        return small  # 'makes Toyota the biggest shareholder': the subject of the small clause
    if noun.dep_ == "oprd":  # 'named X its supplier', 'X was named the first customer'
        return [u for c in head.children if c.dep_ in ("dobj", "nsubjpass") for u in phrase(s, c)]
    verb = _role_verb(noun)
    if verb is not None:
        return _cast(s, verb)[0]  # 'chose X as supplier'
    if noun.dep_ == "pobj" and head.lower_ == "among" and head.head.pos_ == "AUX":  # 'X was among the backers'
        head, noun = head.head, head
    copula = head.pos_ == "AUX" or head.lemma_.lower() in rulebook.status_words()["copulas"]
    if noun.dep_ == "nsubj" and copula:  # 'its biggest shareholder is X'
        named = [u for c in head.children if c.dep_ == "attr" for u in phrase(s, c)]
        if named:
            return named
    if noun.dep_ in ("attr", "prep", "acomp") and copula:  # 'remains its backer', 'is majority-owned by Y'; for
        # a product, its maker ('X's new SUV is a direct rival to ...')
        return [u for c in head.children if c.dep_ == "nsubj" for u in _subject_phrase(s, c)]
    return _listed(s, noun) or _name_before(s, noun)  # 'its investors include X'; 'X, once part of Y, ...'


def _coordinated_description(s: Sentence, noun) -> bool:
    """Whether a noun naming no company is coordinated with a description apposed to a name ('X, its biggest
    customer and *a major shareholder*'): it describes that name too."""
    head = noun.head
    return noun.dep_ == "conj" and noun.pos_ == "NOUN" and s.unit(noun) is None and head.dep_ == "appos" \
        and s.unit(head) is None and s.unit(head.head) is not None


def _possessed_plural(noun) -> bool:
    """Whether a plural description has an owner, so each name it lists relates to that owner ('Polestar's
    backers A and B'), not to one another as a bare list would ('local partners A and B')."""
    return noun.tag_ == "NNS" and any(c.dep_ == "poss" for c in (*noun.children, *noun.head.children))  # (the
    # parser may hang the owner on the name the description premodifies)


def _listed_object(s: Sentence, noun) -> bool:
    """Whether a plural description premodifies (or is apposed to) names that are the object of a verb a
    company does ('*X* took share from *rivals* A and B'): each name is what the description says, of that doer
    (with no doer, 'a lead over rivals A and B', they stay a list of their own)."""
    listed = noun if noun.dep_ in ("pobj", "dobj") else noun.head
    return noun.tag_ == "NNS" and listed.dep_ in ("pobj", "dobj") and bool(_doer(s, listed))


def _listed(s: Sentence, noun) -> list[Unit]:
    """The names a listing verb gives as what its subject ``noun`` holds ('its alliance *includes X and Y*', 'a
    customer list *that already includes X*')."""
    listing = rulebook.status_words()["listing"]
    verbs = [noun.head] if noun.dep_ == "nsubj" else []
    verbs += [c for c in noun.children if c.dep_ == "relcl" and any(
        g.dep_ == "nsubj" and g.tag_ in ("WDT", "WP") for g in c.children)]
    return [u for v in verbs if v.lemma_.lower() in listing for c in v.children if c.dep_ == "dobj"
            for u in phrase(s, c)]


def _first_prep_object(s: Sentence, verb) -> list[Unit]:
    """The units of a verb's first prepositional object ('relied *on X* as its supplier')."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ not in _ROLE_PREPS:
            return [u for obj in child.children if obj.dep_ == "pobj" for u in phrase(s, obj)]
    return []


def _apposed_poss(s: Sentence, noun) -> list[Unit]:
    """For "X's subsidiary Y" (the description on Y), X: the possessor of the name described."""
    if noun.dep_ not in ("compound", "amod", "nmod") or s.unit(noun.head) is None:
        return []
    return [u for c in noun.head.children if c.dep_ == "poss" for u in phrase(s, c)]


def _apposed_partner(s: Sentence, noun) -> list[Unit]:
    """For 'A and rival B' (the description on B), A: the unit B is coordinated with, or the name inside
    it ('between its Mercedes-Benz brand and rival BMW')."""
    apposed = _apposed(s, noun)
    if not apposed or noun.dep_ not in ("compound", "amod", "nmod") or noun.head.dep_ != "conj":
        return []
    first = noun.head.head
    own = s.unit(first) or _unit_inside(s, first)
    return [own] if own is not None else []


def _compound(s: Sentence, noun) -> list[Unit]:
    """Names premodifying the trigger noun ('the Renault-Nissan alliance', 'its Tesla stake')."""
    out = []
    own = s.unit(noun)  # "the joint venture" read as a company through coreference is no premodifier of itself
    for child in noun.children:
        if child.dep_ in ("compound", "nmod", "amod") and child.i < noun.i:
            paired = [g for g in child.children if g.dep_ == "compound" and g.i < child.i
                      and g.doc[g.i + 1].text == "-"]  # 'the Toyota-Panasonic venture': both names (or three)
            out.extend(u for c in [*paired, child] for u in phrase(s, c) if u not in out and u is not own)
    return out if len(out) > 1 else _premodifying_names(s, noun) or out


def _premodifying_names(s: Sentence, noun) -> list[Unit]:
    """The name, or the two names a hyphen joins, right before a noun and its word premodifiers, however the
    parser hangs them ('the planned *Honda-Nissan* holding company', with 'holding' read as a verb; 'its *Ampere*
    electric-vehicle unit')."""
    def word(t) -> bool:  # a word premodifier, an acronym the tagger calls a name too ('its X *EV* unit')
        return t.pos_ in ("NOUN", "ADJ") or t.text == "-" or (t.pos_ == "PROPN" and rulebook.product_word(t.text))
    k = noun.i - 1
    while k > noun.left_edge.i and (word(noun.doc[k]) or noun.doc[k].pos_ == "VERB") and s.unit(noun.doc[k]) is None:
        k -= 1
    last = s.unit(noun.doc[k]) if k < noun.i else None
    if last is None or last is s.unit(noun):
        return []
    first = s.unit(noun.doc[k - 2]) if k - 2 >= noun.left_edge.i and noun.doc[k - 1].text == "-" else None
    if first is not None and first is not last:
        return [first, last]
    nominal = all(word(t) for t in noun.doc[k + 1:noun.i])
    return [last] if nominal else []  # (not across a verb: '*X* hit parked emergency vehicles')


def _as_agent(s: Sentence, noun) -> list[Unit]:
    """Who takes a company as what ``noun`` says: the doer of the verb of 'as' ('Tesla chose X as its supplier'),
    or what a doer casting itself acts on ('Ford joined *X* as an investor')."""
    verb = _role_verb(noun)
    return _cast(s, verb)[1] if verb is not None else []


def _cast_as(s: Sentence, noun) -> list[Unit]:
    """Who a noun after 'as' stands for: what its verb acts on ('named *X* as a supplier, bidding to ...') or,
    with nothing, its doer ('*X* will operate as a supplier, bidding to ...')."""
    verb = _role_verb(noun)
    return (_cast(s, verb)[0] or _verb_agent(s, verb)) if verb is not None else []


def _cast(s: Sentence, verb) -> tuple[list[Unit], list[Unit]]:
    """Who the 'as' phrase of a verb describes and who gives that role: its object and its doer ('Tesla chose *X*
    as its supplier'), or, for a verb that casts its own doer (status.json 'self_casting'), the doer and its
    object ('*Ford* joined X as an investor', '*X* lost its position as supplier'), when a company does it (but
    'the deal leaves *X* as Y's biggest customer')."""
    patient = _verb_patient(s, verb) or _first_prep_object(s, verb)
    doer = _verb_agent(s, verb)
    words = rulebook.status_words()
    held = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in words["role_nouns"]]
    if held:  # 'lost *its position* as supplier to X'; 'the sale does not change *X's role* as supplier': X's
        return [u for r in held for u in _role_poss(s, r)] or doer, patient
    if verb.lemma_.lower() in words["self_casting"] and doer:
        return doer, patient
    return patient, doer


def _role_verb(noun):
    """The verb that gives its object the role ``noun`` names ('*chose* X as its supplier', 'counts X as its
    largest shareholder and *its biggest customer*', '*lost* its position as supplier'), or None."""
    while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        noun = noun.head
    head = noun.head
    if noun.dep_ != "pobj" or head.lower_ not in _ROLE_PREPS:
        return None
    held = head.head  # 'lost *its position* as supplier': the role noun's verb
    if held.dep_ == "dobj" and held.lemma_.lower() in rulebook.status_words()["role_nouns"]:
        held = held.head
    return held if held.pos_ == "VERB" else None


def _listed_members(s: Sentence, noun) -> list[Unit]:
    """The members of a tie listed after it, set off by a comma, which the parser coordinates with the tie's noun
    or with 'members' ('Members of X's platform, *A and B*, will ...'): the names are apposed to 'members'."""
    return [u for o in [noun, *_prep_objects_of(noun, "of")] for c in o.children
            if c.dep_ == "conj" and c.i > 0 and c.doc[c.left_edge.i - 1].text == "," for u in phrase(s, c)]


def _alliance_owner(s: Sentence, noun) -> list[Unit]:
    """The company that owns the tie a noun is a member of ('members of *its* alliance', 'a member of *Baidu's*
    platform'): the hub its members join, who are its partners, not each other's."""
    return [u for o in _prep_objects_of(noun, "of") for u in _role_poss(s, o)]


def _doer(s: Sentence, noun) -> list[Unit]:
    """Who does the verb a noun is the object of, never its possessor ('*Tencent* led Rivian's round'), through
    a noun the noun's phrase hangs on ('*Rivian* received $2 billion in funding from Ford'); no one when the
    verb makes an unnamed company the noun is for."""
    verb = governor(host(noun))
    if verb is None or any(c.dep_ == "dobj" and c.i != noun.i and s.unit(c) is None and _describes_companies(c)
                           for c in verb.children):
        return []  # 'set up a unit with investments from X': the money is the unit's, which has no name
    return _verb_agent(s, verb)


def _beneficiary(s: Sentence, noun) -> list[Unit]:
    """Who the verb a noun's phrase is the object of is for ('gives *Toyota* an edge over rivals like X'), also
    when the parser takes the receiver for a first object ('gives *A and B* more firepower against X')."""
    verb = governor(host(noun))
    if verb is None:
        return []
    held = host(noun)
    two_objects = held.dep_ == "dobj" and held.head.i == verb.i
    return [u for c in verb.children if c.dep_ == "dative" or (two_objects and c.dep_ == "dobj" and c.i < held.i)
            for u in phrase(s, c)]


def _self(s: Sentence, token) -> list[Unit]:
    """The company the trigger itself names ("GM's *Cruise*")."""
    unit = s.unit(token)
    return [unit] if unit is not None else []


def _part_of_object(s: Sentence, noun) -> list[Unit]:
    """For a tie 'as part of' or 'in' which a verb acts on a company ('invest in *X* as part of a joint venture',
    'take a stake in *X* as part of a tie-up', 'buy 5% of *X* in a capital tie-up'), that company: the verb's
    object or the company a portion it takes is of, else the object of its 'in' or 'with'."""
    verb = _framing_verb(noun)
    if verb is None:
        return []
    portions = rulebook.status_words()["portions"]
    owners = [u for o in verb.children if o.dep_ == "dobj" and o.lemma_.lower() in portions
              for u in _portion_owner(s, o)]
    places = _prep_objects(s, verb, "in")
    if noun.head.lower_ in ("through", "via"):  # 'build a plant *in Windsor* through a venture': a place
        places = [u for u in places if all(org.reference for org in u.orgs)]
    return _verb_patient(s, verb) or owners or places or _prep_objects(s, verb, "with")


def _clause_agent(s: Sentence, noun) -> list[Unit]:
    """For a word describing the name it premodifies ('*rival* Suzuki'), who does what that name is the object
    of: the doer of the verb or the holder of the noun ('Toyota bought a stake in rival Suzuki', 'as it chases
    rival Ferrari', 'Honda is in talks with rival Nissan', 'will use partner X's plants')."""
    name = noun.head
    if noun.dep_ not in ("amod", "compound", "nmod") or s.unit(name) is None:
        return []
    if name.dep_ == "poss":
        name = name.head  # 'will use Chinese *partner* Chery's factories': where the possessed noun stands
    if name.dep_ not in ("dobj", "pobj"):
        return []
    head = name.head.head if name.dep_ == "pobj" else name.head
    if head.pos_ in ("VERB", "AUX"):
        return _verb_agent(s, head)
    return _noun_agent(s, head) if head.pos_ == "NOUN" else []


def _deal_parties(s: Sentence, verb) -> list[Unit]:
    """For a verb in a relative clause that tells a deal's terms ('an agreement *under which* X will supply
    powertrains'), the deal's parties: who signed it and whom it is with."""
    if verb.dep_ != "relcl" or not any(o.tag_ == "WDT" for p in verb.children if p.dep_ == "prep"
                                       for o in p.children):
        return []
    deal = verb.head
    if s.unit(deal) is not None and deal.dep_ == "pobj" and deal.head.head.pos_ == "NOUN":
        deal = deal.head.head  # 'an agreement with *X* under which ...', the clause hung on the name
    return _signers(s, deal) if deal.lemma_.lower() in rulebook.status_words()["agreed"] else []


def _deal_party(s: Sentence, noun, kinds: str) -> list[Unit]:
    """The parties to a deal that names no direction ('a supply deal *with* X', 'between A and B') whose
    registry kind is one of entities.json's ``kinds`` list: who supplies and who is supplied is known from what
    they are (a battery maker and a carmaker), never from a carmaker and another."""
    wanted = frozenset(lexicon.entities()[kinds])
    return [u for u in _signers(s, noun) if all(org.kind in wanted for org in u.orgs)]


def _signers(s: Sentence, deal) -> list[Unit]:
    """The parties to a deal noun: its holder, whom it is 'with' or 'between', and a name before it ('its *X*
    battery contract')."""
    holders = _holders(s, deal)
    named = [u for m in [deal, *(c for c in deal.children if c.dep_ == "compound")] for u in _compound(s, m)]
    return [*holders, *_prep_objects(s, deal, "with"), *_prep_objects(s, deal, "between"),
            *(u for u in named if u not in holders)]


def _holders(s: Sentence, noun) -> list[Unit]:
    """Who holds a relation noun: its possessor, else the doer of what governs it (role "holder")."""
    return _role_poss(s, noun) or _noun_agent(s, noun)


def _joined(s: Sentence, noun) -> list[Unit]:
    """For a tie a 'joining' verb's subject enters, the companies it joins there: named as the verb's object ('X
    will join *A and B* in talks', 'joined *Y* in the venture') or before the tie ('joined the *A-B* alliance')."""
    entered = noun.dep_ == "dobj" and noun.head.dep_ != "pcomp"
    verb = governor(noun) if entered or (noun.dep_ == "pobj" and noun.head.lower_ == "in") else _joined_doing(noun)
    if verb is None or verb.lemma_.lower() not in rulebook.status_words()["joining"]:
        return []
    return _compound(s, noun) if entered else [u for c in verb.children if c.dep_ == "dobj" for u in phrase(s, c)]


def _joined_doing(noun):
    """The verb above a gerund 'in' that takes ``noun`` ('will join X *in studying* joint development'), or None."""
    gerund = noun.head if noun.dep_ == "dobj" else None
    if gerund is None or gerund.dep_ != "pcomp" or gerund.head.lower_ != "in":
        return None
    return gerund.head.head


def _framing_verb(noun):
    """The verb a tie frames: the one acting 'as part of' it, 'in' it or 'through' it, or None."""
    if noun.dep_ != "pobj":
        return None
    part = noun.head.head if noun.head.lower_ == "of" else None
    if part is not None and part.lower_ == "part" and part.dep_ == "pobj" and part.head.lower_ == "as":
        verb = part.head.head
    else:
        verb = noun.head.head if noun.head.lower_ in ("in", "through", "via") else None
    return verb if verb is not None and verb.pos_ == "VERB" else None


def sum_host(noun):
    """The sum a noun is what is put into ('$3 billion *in a venture*': 'billion'), or the exchange it is what
    is got in ('sold X *in exchange for* a stake'), whose verb governs the noun (who invests holds the venture,
    who sells gets the stake; a headline's 'to invest' sets its status); else ``noun``."""
    head = noun.head.head
    if noun.dep_ == "pobj" and governor(noun) is None and (
            head.pos_ == "NUM" or head.lemma_.lower() in rulebook.status_words()["exchanges"]):
        return head
    return noun


def host(noun):
    """The noun whose phrase holds ``noun`` as the object of a preposition, when no verb governs ``noun``
    itself ('$2 billion *in funding*': 'billion', '*all* of its stake': 'all'); else ``noun``."""
    while governor(noun) is None and noun.dep_ == "pobj" and noun.head.head.pos_ in ("NOUN", "NUM", "PRON"):
        noun = noun.head.head
    return noun


def _user(s: Sentence, participle) -> list[Unit]:
    """Who does something with what a participle describes ('Waymo uses minivans *supplied* by X', 'has long
    *sourced* cells from X', read as a modifier of 'cells': Waymo, the subject of 'has'), when that is a thing;
    no one when goods do it ('whose chips go into cars *built* by X': the chips' maker uses no car)."""
    noun = participle.head
    verb = governor(noun) if participle.dep_ in ("acl", "amod") and noun.pos_ == "NOUN" and s.unit(noun) is None \
        else None
    goods = rulebook.status_words()["goods"]
    if verb is None or any(c.dep_ == "nsubj" and (c.lemma_.lower() in goods or _names_products(c))
                           for c in verb.children):
        return []
    return _verb_agent(s, verb)


def _clause_parties(s: Sentence, noun) -> list[Unit]:
    """For a relation noun a participle adjunct takes, the companies its main clause acts on ('invests in *Y*,
    deepening ties'; 'raised its stake in *Y*, cementing an alliance'): the clause's object or the object of a
    preposition on the verb or on its object."""
    verb = governor(noun) if noun.pos_ == "NOUN" else None
    if verb is None or verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.i < verb.head.i:
        return []
    main = verb.head
    objects = [c for c in main.children if c.dep_ == "dobj"]
    return [u for obj in objects for u in phrase(s, obj)] + [
        u for head in (main, *objects) for p in head.children if p.dep_ == "prep" and p.lower_ in ("in", "into", "with")
        for o in p.children if o.dep_ == "pobj" for u in phrase(s, o)]


def _parallel_portion(s: Sentence, verb) -> list[Unit]:
    """For a verb whose object is a bare portion ('while B retains *the remaining 20%*'), the company a portion
    held in the clause it is joined to is of ('A will hold 80% of X, while B ...'): X; in a 'with' phrase, the
    company its clause's verb takes, or takes a portion of ('formed X, with A holding 60%', 'owns 54% of X, with
    B holding the rest'): X."""
    portions = rulebook.status_words()["portions"]

    def bare(noun) -> bool:
        return noun.lemma_.lower() in portions and not _prep_objects_of(noun, "of") + _prep_objects_of(noun, "in")
    if not any(c.dep_ == "dobj" and bare(c) for c in verb.children):
        return []
    if verb.dep_ == "pcomp" and verb.head.lower_ == "with" and verb.head.head.pos_ == "VERB":
        # 'set up X, *with* A holding 51%': what the clause the 'with' hangs on makes or buys, named before it
        return [u for c in verb.head.head.children if c.dep_ == "dobj" and c.i < verb.i
                for u in (_portion_owner(s, c) if c.lemma_.lower() in portions and not bare(c) else _named(s, c))]
    joined = ([verb.head] if verb.dep_ in ("advcl", "conj") else []) + [
        c for c in verb.children if c.dep_ in ("advcl", "conj")]
    return [u for other in joined if other.pos_ in ("VERB", "AUX") for c in other.children
            if c.dep_ == "dobj" and c.lemma_.lower() in portions and not bare(c) for u in _portion_owner(s, c)]


def _examples(s: Sentence, noun) -> list[Unit]:
    """The names a 'like' or 'such as' right after a noun lists, wherever the parser hangs it ('a leg up on
    competitors *like X and Y*', the 'like' hung on 'leg')."""
    k = noun.right_edge.i + 1
    if k + 1 >= s.span.end:
        return []
    word = noun.doc[k]
    prep = noun.doc[k + 1] if word.lower_ == "such" and noun.doc[k + 1].lower_ == "as" else word
    if prep.dep_ != "prep" or prep.lower_ not in ("like", "as"):
        return []
    return [u for o in prep.children if o.dep_ == "pobj" for u in phrase(s, o)]


def _host_holder(s: Sentence, noun) -> list[Unit]:
    """For a noun in a preposition's object on another noun, who holds that noun ('*its* stake in long-time
    partner X', '*Ford's* deal with partner Y')."""
    if noun.dep_ == "compound" and s.unit(noun.head) is not None:
        noun = noun.head  # 'partner *X*'
    host = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
    return _noun_agent(s, host) if host is not None and host.pos_ == "NOUN" and s.unit(host) is None else []


def _hyphen_left(s: Sentence, word) -> list[Unit]:
    """The name joined to a word by a hyphen before it ('*Google*-owned')."""
    k = s.tok(word)
    if k < 2 or s.span[k - 1].text != "-":
        return []
    unit = s.unit(s.span[k - 2])
    return [unit] if unit is not None else []


def _modified(s: Sentence, word) -> list[Unit]:
    """The name a premodifier qualifies ('Google-owned *Waymo*'), through a description ('-owned startup X', 'X,
    the Amazon-owned robotaxi company')."""
    head = word.head
    while head.dep_ == "compound" and s.unit(head) is None and head.head.i > head.i:
        head = head.head
    if word.dep_ not in ("amod", "compound", "nmod"):
        return []
    company = head.lemma_.lower() in lexicon.entities()["company_only_heads"]  # not 'a Toyota-led venture, X'
    described = head.dep_ == "appos" and s.unit(head.head) is not None and \
        head.lemma_.lower() not in rulebook.status_words()["ventures"]  # 'X, the Intel-controlled chip specialist'
    named = _named(s, head) if company else phrase(s, head) or (phrase(s, head.head) if described else [])
    nxt = word.doc[word.i + 1] if word.i + 1 < len(word.doc) and s.in_span(word.doc[word.i + 1]) else None
    after = s.unit(nxt) if nxt is not None and nxt.head.tag_.startswith("VB") else None
    return named or ([after] if after is not None else [])  # 'Amazon-backed *Zoox* competes', the name parsed as
    # a compound of the verb the parser took for a noun (not 'the Toyota-backed *Panasonic* venture')


def roles(s: Sentence, trigger, role: str) -> list[Unit]:
    """The units ``trigger`` relates to in ``role`` (see the module docstring); a noun that only says what a
    'rosters' noun lists ('its *customer* list', 'its list of *partners*') relates through that noun."""
    trigger = _roster(trigger)
    verbal = trigger.pos_ in ("VERB", "AUX")
    if role == "agent":
        return _verb_agent(s, trigger) if verbal else _noun_agent(s, trigger)
    if role == "holder":
        return _holders(s, trigger)
    if role == "acl-head":
        return phrase(s, trigger.head) if trigger.dep_ == "acl" else []
    if role in _VERB_ROLES:
        return _VERB_ROLES[role](s, trigger) if verbal else []
    if role in _ROLES:
        return _ROLES[role](s, trigger)
    kind, _, word = role.partition(":")  # 'prep:with', 'owner:with', 'maker:for'
    reader = _PREPOSITION_ROLES.get(kind)
    return reader(s, trigger, word) if reader is not None and word else []


def _buyer(s: Sentence, noun) -> list[Unit]:
    """Who places, cancels or resizes an order a noun names: the doer of the 'ordering' verb (status.json) that
    takes it ('Ford cancelled *an order* for packs from X'); none for one won or received ('X won an order')."""
    verb = governor(noun)
    return _verb_agent(s, verb) if verb is not None and verb.lemma_.lower() in rulebook.status_words()["ordering"] \
        else []


def _order_source(s: Sentence, noun) -> list[Unit]:
    """Whom an order is placed with: the 'from' or 'with' of the order noun or of what it is 'for' ('an order
    for battery casings *from X*')."""
    verb = governor(noun)
    heads = [noun, *_prep_objects_of(noun, "for"), *([verb] if verb is not None else [])]  # ('doubled its order
    # for sedans *from X*', the 'from' hung on the verb)
    return [u for n in heads for word in ("from", "with") for o in _prep_objects_of(n, word) for u in phrase(s, o)]


def _roster(noun):
    """The 'rosters' noun (status.json) whose members ``noun`` names ('customer *list*', '*list* of partners'),
    else ``noun``."""
    rosters = rulebook.status_words()["rosters"]
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in rosters:
        return noun.head
    of = noun.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    return of.head if of is not None and of.head.lemma_.lower() in rosters and noun.tag_ == "NNS" else noun


def _goods_possessor(s: Sentence, verb) -> list[Unit]:
    """The reference company whose goods a verb acts on by a possessive ('will manufacture *Hyundai's* chip'): a
    model possesses goods too ('the Prologue's cells'), and only the registry tells a company's name from a
    model's there."""
    return [u for u in _object_owner(s, verb, "goods", possessive=True) if all(o.reference for o in u.orgs)]


def _subject_maker(s: Sentence, verb) -> list[Unit]:
    """The maker of the goods a verb's subject names ('*Qualcomm's* chips will go into ...', 'its processors',
    status.json 'goods'); none for a subject that is no goods ('Toyota's profits')."""
    goods = rulebook.status_words()["goods"]
    return [u for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in goods
            for u in _makers(s, c)]


def _object_owner(s: Sentence, verb, kind: str | None, possessive: bool = False) -> list[Unit]:
    """The company whose shares or products (a ``kind`` of status.json; None: whatever the object is) a verb
    acts on ('bought *Cruise's* remaining shares', 'will power *Mercedes-Benz* cars', 'uses *Nvidia's* chips',
    'vans built by *X*'), or, for products, the products its object is of ('a fleet of *X* vans'); with
    ``possessive``, only the company that owns them by a possessive ('will build *Mazda's* pickup', where 'builds
    Volvo trucks' may tell of the builder's own brand)."""
    nouns = rulebook.status_words()[kind] if kind else None
    portions = kind == "portions"  # '59.9 per cent of X' too, but 'all shares of X' is X whole, no portion

    def named(c) -> bool:
        return nouns is None or c.lower_ in nouns or c.lemma_.lower() in nouns or (
            kind == "not_companies" and (_named_product(s, c) or _model_of(s, c) or rulebook.product_word(c.text)))
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and not _doers_own(c)]
    objects += [k for c in objects for k in c.conjuncts if k.i > c.i]  # 'selected X's system and *Y's chips*'
    if kind in ("not_companies", "goods"):  # 'a fleet *of X vans*', '$1 billion *of X chips*'
        objects += [o for c in objects if not named(c) for o in _prep_objects_of(c, "of")]
    owners = [u for c in objects if named(c) and not (portions and any(d.lower_ == "all" for d in c.children))
              for u in (_portion_owner(s, c) if portions else _role_poss(s, c) if possessive else _makers(s, c))]
    owners += [u for c in objects if named(c) for u in _standing_of(s, c) if u not in owners] \
        if kind == "standings" else []  # 'eroded the dominance *of X*'
    if kind == "not_companies" and not possessive and any(named(c) for c in objects):
        owners += [u for o in _prep_objects_of(verb, "from") for u in phrase(s, o) if u not in owners]  # 'will
        # power models from X', the 'from' hung on the verb
    return owners


def _doers_own(noun) -> bool:
    """Whether a pronoun and 'own' say a noun is the doer's own ('making *its own* batteries'): no other
    company's."""
    return any(c.lower_ == "own" for c in noun.children) and pronoun_possessed(noun)


def pronoun_possessed(noun) -> bool:
    """Whether a possessive pronoun says whose a noun is ('*its* remaining shares')."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


def possessed_name(token, by_name: bool = True) -> bool:
    """Whether a proper noun is another name's own ("Tesla's Model Y", "Nissan's new Leaf"; with ``by_name``
    false, any possessor's: "its Model Y"): a product's or a brand's name, no company (but "Slovakia's X" is a
    company in a country)."""
    return token.pos_ == "PROPN" and any(c.dep_ == "poss" and (c.pos_ == "PROPN" or not by_name)
                                         and not _country(c) for c in token.children)


def possessed_model(token) -> bool:
    """Whether a proper noun, or the first of the names coordinated with it, premodifies a possessed word for
    products or goods ("Toyota's *Camry and Prius* cars", "Google's *Android Automotive* system"): names of
    models, no companies."""
    while token.dep_ == "conj" and token.head.pos_ == "PROPN":
        token = token.head
    if token.pos_ != "PROPN":
        return False
    if token.i != token.head.i and possessed_name(token):
        return True  # "X's Haval and *Tank* SUVs", the possessive hung on the first name
    head = token.head
    goods = rulebook.status_words()["goods"]
    return token.dep_ in ("compound", "nmod") and head.pos_ == "NOUN" \
        and (_names_products(head) or head.lemma_.lower() in goods) and any(c.dep_ == "poss" for c in head.children)


def _country(token) -> bool:
    """Whether a proper noun and the words before it in its phrase name a country ('South Korea')."""
    return token.doc[token.left_edge.i:token.i + 1].text.lower() in lexicon.country_names()


def numbered_model(token) -> bool:
    """Whether a proper noun, or the number after it, names a car model ('the Ioniq 5', 'a Model 3'), no company:
    the number as the name's modifier or as the head the parser hangs the name on."""
    def model_number(t) -> bool:
        return t.text.isdigit() and len(t.text) <= 3
    if token.pos_ == "PROPN":
        return any(c.dep_ == "nummod" and c.i == token.i + 1 and model_number(c) for c in token.children) or (
            token.dep_ == "compound" and token.head.i == token.i + 1 and model_number(token.head))
    return model_number(token) and any(c.dep_ == "compound" and c.i == token.i - 1 and c.pos_ == "PROPN"
                                       for c in token.children)


def _named_product(s: Sentence, token) -> bool:
    """Whether a proper noun outside every mention names a company's product (see possessed_name)."""
    return s.unit(token) is None and possessed_name(token, by_name=False)


def _model_of(s: Sentence, token) -> bool:
    """Whether a proper noun outside every mention is a model a company's name premodifies ('the *Honda* Prologue',
    'the *Tesla* Model Y', where the name premodifies 'Model')."""
    def premodified(word, depth: int = 0) -> bool:
        return depth < 3 and any(c.dep_ in ("compound", "nmod") and (s.unit(c) is not None or premodified(c, depth + 1))
                                 for c in word.children)
    return token.pos_ == "PROPN" and s.unit(token) is None and premodified(token)


def _portion_owner(s: Sentence, portion) -> list[Unit]:
    """The company a portion is of: 'X's shares', '60% of X'; but a stake is *in* X, and 'Y's stake' is Y's to
    hold or sell ('bought out Y's stake in X')."""
    words = rulebook.status_words()
    if portion.lemma_.lower() in words["held_in"] or _held_in_something(s, portion):
        return _prep_objects(s, portion, "in")
    if any(o.pos_ == "NOUN" and not phrase(s, o) and o.lemma_.lower() not in words["portions"]
           for o in _prep_objects_of(portion, "of")):
        return []  # 'its share of a plant': a share of a thing, no company's (but 'of their venture X': X's)
    return _prep_objects(s, portion, "of") or _role_poss(s, portion) + _compound(s, portion) or _whole_owner(
        s, portion)  # 'Y's share of X' is of X


def _held_compound(s: Sentence, portion) -> list[Unit]:
    """The company named before a portion a verb acts on ('sold its remaining *X* shares'); none before one that
    is a subject ('*X* shares jumped': anyone's)."""
    held = portion.dep_ == "dobj" or (portion.dep_ == "pobj" and portion.head.lower_ in ("of", "for"))
    return _compound(s, portion) if held else []  # ('the sale *of its X shares*')


def _held_in_something(s: Sentence, portion) -> bool:
    """Whether a portion is said to be held in a company or venture ('Y's share *in* X', 'buying out Y's share
    *in* their venture' with the 'in' hung on the verb; not 'bought Y's shares in 2019')."""
    if _prep_objects_of(portion, "in"):
        return True
    ventures = rulebook.status_words()["ventures"]
    return portion.dep_ == "dobj" and any(s.unit(o) is not None or _describes_companies(o) or o.lemma_ in ventures
                                          for o in _prep_objects_of(portion.head, "in"))


def _whole_owner(s: Sentence, portion) -> list[Unit]:
    """The company whose shares a portion is of ('80 percent of *X's* shares')."""
    portions = rulebook.status_words()["portions"]
    return [u for whole in _prep_objects_of(portion, "of") if s.unit(whole) is None
            and whole.lemma_.lower() in portions for u in _portion_owner(s, whole)]


def first(s: Sentence, trigger, names: tuple[str, ...], besides: list[Unit] = ()) -> list[Unit]:
    """The units of the first role in ``names`` that finds any but the ``besides`` (the other party's: 'sticking
    to X as a supplier' gives X as the supplier, so 'to X' names no customer), or a pronoun meaning only what they
    name ('A signed a deal with B to supply chips for *its* cars': not A's own)."""
    taken = {org for u in besides for org in u.orgs}
    for name in names:
        if name == "members":
            continue
        found = [u for u in roles(s, trigger, name) if u not in besides]
        units = [u for u in found if not (u.resolved and set(u.orgs) <= taken)]
        if not units and taken and found and name != "product-possessor" and all(
                possessive_pronoun(s, u) for u in found):  # (but 'said Y would build its cars': Y's own)
            units = [u for u in reporter(s, trigger) if not set(u.orgs) & taken]  # 'Nikola said Bosch supplied
            # modules for its trucks': not Bosch's own, so the company that reports it
        if units:
            return units
    return []


def _speaker(s: Sentence, noun) -> list[Unit]:
    """For a holding noun that names nothing it is in, the company reporting it ('*X* said Y would raise its
    stake to 17%': Y's stake in X)."""
    if any(c.dep_ == "prep" and c.lower_ in ("in", "into", "of") for c in noun.children):
        return []
    return reporter(s, noun)


def reporter(s: Sentence, trigger) -> list[Unit]:
    """Who reports the clause a trigger stands in ('*Panasonic* said Mazda would use its batteries'), or []."""
    token = trigger
    while token.dep_ not in ("ccomp", "ROOT") and token.head.i != token.i:
        token = token.head
    verb = token.head
    if token.dep_ != "ccomp" or verb.lemma_.lower() not in rulebook.status_words()["reporting"]:
        return []
    return [u for c in verb.children if c.dep_ == "nsubj" for u in phrase(s, c)]


def possessive_pronoun(s: Sentence, unit: Unit) -> bool:
    """Whether a unit is a possessive pronoun read through coreference ('its', 'their')."""
    return unit.resolved and unit.end - unit.start == 1 and s.span[unit.start].tag_ == "PRP$"


_ROLES = {"poss": _role_poss, "compound": _compound, "apposed": _apposed, "listed": _listed,
          "apposed-poss": _apposed_poss, "apposed-partner": _apposed_partner, "as-agent": _as_agent,
          "user": _user, "doer": _doer, "beneficiary": _beneficiary, "part-of-object": _part_of_object,
          "hyphen-left": _hyphen_left, "modified": _modified, "leaders": _leaders, "self": _self,
          "whole-owner": _whole_owner, "examples": _examples, "host-holder": _host_holder,
          "clause-parties": _clause_parties, "joined": _joined, "clause-agent": _clause_agent,
          "supplying-party": partial(_deal_party, kinds="supplying_kinds"),
          "supplied-party": partial(_deal_party, kinds="supplied_kinds"),
          "goods-party": partial(_deal_party, kinds="goods_kinds"), "cast-as": _cast_as,
          "deal-parties": _deal_parties, "speaker": _speaker,
          "held-compound": _held_compound, "alliance-owner": _alliance_owner, "listed-members": _listed_members,
          "hub-leader": _hub_leader, "joiners": _joiners, "buyer": _buyer,
          "order-source": _order_source}
"""Roles read the same way off any trigger."""
_VERB_ROLES = {"patient": _verb_patient, "parallel-portion": _parallel_portion,
               "portion-owner": partial(_object_owner, kind="portions"),
               "product-owner": partial(_object_owner, kind="not_companies"),
               "product-possessor": partial(_object_owner, kind="not_companies", possessive=True),
               "object-owner": partial(_object_owner, kind=None),
               "goods-owner": partial(_object_owner, kind="goods"),
               "standing-owner": partial(_object_owner, kind="standings"),
               "goods-possessor": _goods_possessor, "goods-maker": _subject_maker}
"""Roles only a verb trigger has."""


def _purpose_prep(s: Sentence, verb, word: str) -> list[Unit]:
    """For an infinitive that says what its head verb is for ('signed an agreement with X *to secure* cells'),
    the objects of preposition ``word`` on that verb or its object."""
    purpose = verb.dep_ in ("advcl", "xcomp", "acl") and infinitive(verb)
    return _prep_objects(s, verb.head, word) if purpose and verb.head.pos_ in ("VERB", "AUX", "NOUN") else []


_PREPOSITION_ROLES = {"prep": _prep_objects, "owner": _prep_owners, "maker": _prep_makers, "purpose": _purpose_prep}
"""Roles named after a preposition ('prep:with'): its object, the owner of that object, its maker, or its object
on the verb an infinitive says the purpose of."""
