"""A relation's status from the words that govern its trigger in the parse (rules/status.json).

The trigger and the words above it up to its clause's root, with their
auxiliaries, adverbs, adjectives and particles, state whether a relation is
considered, agreed, active or ended ("agreed to buy", "has been supplying",
"put on hold"); a negation or a denial drops it.
"""
from __future__ import annotations

from graph.extract import rules as rulebook
from graph.extract.dates import month_number
from graph.extract.roles import (Sentence, governor, host, infinitive, infinitive_relative, name_before_comma,
                                  nested_premodifiers, object_clauses, purposes, second_subject, sum_host)

__all__ = ["read_status"]

_CLIMB_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "prep", "pobj", "dobj", "attr",
                         "oprd", "nsubj", "nsubjpass", "compound", "amod", "npadvmod", "dep", "appos", "advmod",
                         "nmod", "agent"})
"""Dependencies through which a word's status is governed by its head ('agreed to buy', 'talks ... ended')."""


def _scope(s: Sentence, trigger) -> list[tuple[object, bool]]:
    """The trigger and the words governing it up to its clause's root (not across a relative clause, a
    preposition that opens another event, or into the clause another is coordinated with, nor past a name:
    a description apposed to a company, or naming one, is not governed by that company's verb, though a noun
    the parser coordinates with a subject name is: 'A and B's talks collapsed' read as 'A and talks'), each with
    whether its own word counts: a verb coordinated with the trigger's lends its auxiliaries, not its sense
    ('is investigating X and will help Y': helping is not investigated)."""
    out = [(trigger, False)]
    verb = _standing_subject_verb(trigger)
    if verb is not None:  # 'BYD and Toyota's joint venture will launch a model': the venture stands; only its end
        # is told by its verb ('their joint venture will be dissolved')
        return out + [(verb, True)] if _verb_in(verb, "ended") else out
    if _named_description(s, trigger) and (trigger.dep_ == "pobj" or (
            trigger.dep_ == "dobj" and not _acts_on_holding(trigger.head))):
        return out  # 'will source motors from Toyota's Aisin unit', 'plans to list its Ampere unit': the verb
        # is about something else than whether the holding lasts
    token = trigger
    while (token.dep_ in _CLIMB_DEPS or infinitive_relative(token) or _content_clause(token)) \
            and token.head.i != token.i and len(out) < 8:
        if token.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            break  # a coordinated clause with its own subject states its own status
        if token.dep_ != "appos" and token.lemma_.lower() in rulebook.status_words()["descriptions"] and \
                name_before_comma(s, token) is not None:
            break  # 'sold X to Y, a company backed by Z' with the description hung on 'sold': it describes Y
        if token.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "but" for c in token.head.children):
            break  # 'not a merger *but* a partnership': what the negation sets the relation against
        if any(t.text == ";" for t in token.doc[min(token.i, token.head.i):max(token.i, token.head.i)]):
            break  # 'X is part of Y; Z will keep X': a clause past a semicolon is another sentence
        barriers = rulebook.status_words()["barriers"]
        if token.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children) and any(
                c.dep_ == "mark" and c.lower_ in barriers for c in token.children):
            break  # 'A will hold 80%, while B retains the rest': a clause of its own, set against the other
        if token.dep_ == "advcl" and any(o.tag_ in ("WDT", "WP") for p in token.children if p.dep_ == "prep"
                                         for o in p.children):
            break  # 'sold Y to X, in which Z will take a stake': a relative clause the parser hangs on the verb
        if token.dep_ == "prep" and (token.lower_ in barriers or _prep_phrase(token) in barriers):
            break  # 'before', 'in exchange for': another event
        if token.i != trigger.i and token.dep_ == "prep" and _situates(token):
            break  # 'will take a stake in X's unit Y', 'ending years of tension in their alliance', 'unveiled a car
            # from their venture': what happens to the stake, the tension or the car does not happen to the tie
            # they are in or from (but 'ended its participation in X', 'the end of talks')
        subject = token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "conj" and token.head.dep_ in (
            "nsubj", "nsubjpass"))  # 'A and B's joint venture X will supply', which the parser coordinates with A
        if subject and (_named_description(s, token) or second_subject(s, token)):
            break  # 'its partner Panasonic opened a plant': the verb tells what the company does
        gerund = _listed_gerund(token)
        if gerund is not None:  # 'signed a pact to explore co-developing cars and jointly *sourcing* steel'
            out.append((gerund, False))
            token = gerund
            continue
        coordinated = token.dep_ == "conj"
        apposed = token.i == trigger.i and token.dep_ == "appos"
        doer = token.i == trigger.i and token.dep_ == "nsubj"
        prep = token if token.dep_ == "prep" else None
        token = token.head
        if s.unit(token) is not None and s.unit(token) is not s.unit(trigger) and not (
                coordinated and token.dep_ in ("nsubj", "nsubjpass")):
            if not (apposed and _founds(token)):
                break
            token = governor(token)  # 'will set up X, a joint venture': the venture is what the verb founds
        acting = doer and any(c.dep_ == "dobj" for c in token.children) and _verb_in(token, "ended")  # 'the venture
        # sold fewer cars': what the relation ends for something else, not its own end (but 'the venture collapsed')
        aside = prep is not None and _acts_on_other(token, prep)  # 'ending years of tension *in* their alliance',
        # 'unveiled a car *from* their venture'
        if aside and _possessed(trigger, "standing"):
            break  # 'will build a plant *through their* venture': the tie exists whatever is still to be done in it
        out.append((token, not coordinated and not acting and not aside))
    described = _described(s, token)
    ending = _ending_verb(described, trigger) if described is not None else None
    if ending is not None:  # 'X, the startup backed by A, is shutting down': what describes X ends with X
        out.append((ending, True))
    frame = _ended_frame(token)
    if frame is not None:
        out.append((frame, True))
    return out


def _listed_gerund(verb):
    """For a bare gerund the parser coordinates with a finite verb ('signed a pact to explore co-developing cars
    and jointly *sourcing* steel', hung on 'signed'), the gerund before it it lists with; else None."""
    if verb.dep_ != "conj" or verb.tag_ != "VBG" or verb.head.tag_ == "VBG" or any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return None
    between = reversed(verb.doc[verb.head.i + 1:verb.i])
    return next((w for w in between if w.tag_ == "VBG" and w.dep_ not in ("conj", "prep")), None)


def _possessed(trigger, *kinds: str) -> bool:
    """Whether the trigger is a word of one of status.json's ``kinds`` lists with an owner: a standing tie ('their
    alliance', 'Volkswagen's joint venture', 'the Renault-Nissan alliance') or a holding ('Nissan's stake'), one
    that exists, not one a verb makes."""
    words = rulebook.status_words()
    return any(trigger.lemma_.lower() in words[kind] for kind in kinds) and any(
        c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN" and "-" in (c.doc[c.i - 1].text,
                                                                                  c.doc[c.i + 1].text))
        for c in trigger.children)  # (or named by its parties: 'the *Renault-Nissan* alliance')


def _standing_subject_verb(trigger):
    """For a possessed standing tie that is a verb's subject ('their alliance', 'Volkswagen's joint venture
    with Gotion', 'A and B's joint venture' read as coordinated with A), that verb; else None."""
    if not _possessed(trigger, "standing") and not _member_of_owned(trigger):
        return None
    subject = trigger.head if trigger.dep_ == "conj" and trigger.head.dep_ == "nsubj" else trigger
    return subject.head if subject.dep_ == "nsubj" and subject.head.pos_ in ("VERB", "AUX") else None


def _member_of_owned(trigger) -> bool:
    """Whether the trigger is a member of a tie a company owns ('Members of *X's* platform will adopt ...'): the
    membership exists; the verb tells what the members will do."""
    return trigger.lemma_.lower() in rulebook.status_words()["memberships"] and any(
        c.dep_ == "poss" for p in trigger.children if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children if o.dep_ == "pobj" for c in o.children)


def _content_clause(verb) -> bool:
    """Whether a clause the parser hangs on a noun as relative says what the noun holds ('a report *that X had
    approached Y*'): its 'that' marks it and its verb lacks no object (not 'a van *that X builds* for it'), or, on a
    'hearsay' noun, it has a subject of its own ('denied reports *it planned to buy Y*', 'a report that it was
    negotiating with Y'); the noun's verb governs it ('denied a report that ...')."""
    if verb.dep_ != "relcl":
        return False
    that = any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
    hearsay = verb.head.lemma_.lower() in rulebook.status_words()["hearsay"] and any(
        c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in verb.children)
    return (that or hearsay) and (hearsay or any(c.dep_ in ("dobj", "attr", "ccomp", "xcomp")
                                                 for c in verb.children))


def _acts_on_holding(verb) -> bool:
    """Whether a verb can make, change or end a holding ('sell', 'spin off', 'buy', 'set up'; status.json)."""
    return _verb_in(verb, "ended", "undoing", "disposals", "transacting", "founding", "agreed")


def _named_description(s: Sentence, noun) -> bool:
    """Whether a noun stands for the company a name beside it gives: an apposed name ('its partner, Panasonic'),
    or a premodifying name of a description ('Renault's *Ampere* unit'; not 'the *Renault-Nissan* alliance', whose
    names are its parties)."""
    described = noun.lemma_.lower() in rulebook.status_words()["descriptions"]
    modifiers = [*noun.children, *nested_premodifiers(s, noun)]  # 'its *Ampere* EV unit'
    return any(s.unit(c) is not None and (c.dep_ == "appos" or (described and c.dep_ == "compound"))
               for c in modifiers)


def _situates(prep) -> bool:
    """Whether a preposition only places a noun that states no status in or from a tie ('tension *in* their
    alliance', 'a prototype *from* their venture'; not 'participation in', 'the sale of')."""
    words = rulebook.status_words()
    head = prep.head
    lemma = head.lemma_.lower()
    return prep.lower_ in words["situating"] and head.pos_ == "NOUN" and lemma not in words["taking_part"] and not any(
        lemma in words[status] for status in ("ended", "considering", "agreed", "active", "disposal_nouns"))


def _acts_on_other(verb, prep) -> bool:
    """Whether a verb a tie hangs on through a 'situating' preposition acts on its own object, which is no tie
    ('ending years of tension in their alliance', 'unveiled a car from their venture'; not 'pulled out of the
    venture')."""
    words = rulebook.status_words()
    ties = words["standing"] | words["taking_part"]
    verb_lemma = verb.lemma_.lower()
    return prep.lower_ in words["situating"] and any(
        c.dep_ == "dobj" and c.lemma_.lower() not in ties and not _status_phrase(f"{verb_lemma} {c.lemma_.lower()}")
        for c in verb.children)  # (an idiom's noun is no object of its own: 'pulled the plug on X')


def _status_phrase(phrase: str) -> bool:
    """Whether status.json lists a phrase under any status ('pull plug')."""
    words = rulebook.status_words()
    return any(phrase in words[status] for status in _STATUSES)


def _ended_frame(root):
    """The verb that ends the deal whose terms a relative clause opened by a preposition tells ('terminated the
    agreement *under which* X supplied Y'), or the plan a clause says what it would have done ('scrapped a plan
    that *would have combined* them'), or None."""
    if root.dep_ != "relcl":
        return None
    framed = root.head.lemma_.lower() in rulebook.status_words()["frames"] and any(
        o.tag_ == "WDT" for p in root.children if p.dep_ == "prep" for o in p.children)
    unrealised = any(c.lower_ == "would" for c in root.children) and any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in root.children)
    if not (framed or unrealised):
        return None  # (not 'ending two decades *in which* X led their alliance')
    verb = governor(root.head)
    return verb if verb is not None and _verb_in(verb, "ended") else None


def _described(s: Sentence, token):
    """The company a description or relative clause that ends at ``token`` describes ('X, the startup backed
    by A', 'X, which A backed'), or None."""
    for _ in range(4):
        if s.unit(token) is not None:
            return token
        if token.dep_ not in ("acl", "appos", "relcl") or token.head.i == token.i:
            return None
        token = token.head
    return None


def _ending_verb(name, trigger):
    """The verb that ends what a description of the company ``name`` tells, or None: the company folds ('X is
    shutting down', status.json 'folding'; a description apposed to it stands for it: 'X, *the startup* ...'),
    sells the holding the description names ('X, which held stakes in A and B, *sold them*'), or ends its own
    part in it ('X, which was weighing whether to join Y, *ended its participation*', 'taking_part'; 'said it would
    *no longer* take part'), the company's own report of itself counting as its act."""
    words = rulebook.status_words()
    subject = name.head if name.dep_ == "appos" else name
    if subject.dep_ == "nsubj" and _verb_in(subject.head, "folding") and not any(
            c.dep_ == "dobj" for c in subject.head.children):
        return subject.head  # (not 'X, GM's unit, is shutting down *its robotaxi service*': it ends that)
    if name.dep_ != "nsubj":
        return None
    verb = _reported_own_clause(name.head)
    lemma = verb.lemma_.lower()
    if lemma in words["disposals"] and trigger.lemma_.lower() in words["portions"] and _pronoun_object(verb):
        return verb
    parts = any(c.dep_ == "dobj" and c.lemma_.lower() in words["taking_part"] for c in verb.children)
    if lemma in words["ended"] and lemma in words["undoing"] and (_pronoun_object(verb) or parts):
        return verb
    if parts and any(c.dep_ == "advmod" and c.lower_ in words["ended"] for c in verb.children):
        return verb  # 'said it would *no longer* take part in the talks'
    return None


def _reported_own_clause(verb):
    """For a reporting verb whose reported clause has a pronoun subject ('X said *it* would ...'), that clause's
    verb: what the company says of itself; else ``verb``."""
    if verb.lemma_.lower() not in rulebook.status_words()["reporting"]:
        return verb
    return next((c for c in verb.children if c.dep_ == "ccomp" and any(
        g.dep_ == "nsubj" and g.pos_ == "PRON" for g in c.children)), verb)


def _pronoun_object(verb) -> bool:
    """Whether a verb's object is a pronoun ('sold *it*'): the whole of what was told, however it was told."""
    return any(c.dep_ == "dobj" and c.lower_ in ("it", "them") for c in verb.children)


def _founds(name) -> bool:
    """Whether the verb a name is the object of founds, agrees or ends it ('will *set up* X', 'formed X', 'would
    *dissolve* X'): what is apposed to that name (a venture) comes into being, or ends, through that verb."""
    verb = governor(name) if name.dep_ in ("dobj", "nsubjpass") else None
    return verb is not None and _verb_in(verb, "founding", "agreed", "ended")  # 'split *up* X' too


_STATUS_DEPS = frozenset({"aux", "neg", "advmod", "amod", "prt", "auxpass", "prep"})
"""Dependents of the trigger and its governors whose words can state a status ('has *already*', 'put *on hold*')."""


def _prep_phrase(word) -> str:
    """'on hold' for a preposition and its object's lemma (status words may be such phrases), else ''."""
    if word.dep_ != "prep":
        return ""
    return next((f"{word.lower_} {c.lemma_.lower()}" for c in word.children if c.dep_ == "pobj"), "")


def _verb_in(verb, *keys: str, phrasal: list[str] | None = None) -> bool:
    """Whether a verb's lemma, or the lemma with a particle or preposition ('split up', 'rule out'), is in one of
    status.json's ``keys`` lists (``phrasal``: the verb's _phrasal forms, when the caller has them)."""
    forms = {verb.lemma_.lower(), *(_phrasal(verb) if phrasal is None else phrasal)}
    words = rulebook.status_words()
    return any(forms & words[key] for key in keys)


def _phrasal(verb) -> list[str]:
    """'call off', 'fall through' for a verb and each particle the parser hangs on it, or tags as a preposition
    before another ('pulled *out* of'), an adjective with its preposition ('close to'), and a verb with the noun
    it takes in an idiom ('pulled *the plug*': 'pull plug'): status words may be such phrases."""
    return [f"{verb.lemma_.lower()} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "advmod") or (
        c.dep_ == "prep" and (verb.pos_ == "ADJ" or any(g.dep_ == "prep" for g in c.children)))] + [
        f"{verb.lemma_.lower()} {c.lemma_.lower()}" for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]


_STATUSES = ("ended", "considering", "agreed", "active")
"""The statuses in the order their words win when several govern a trigger (an end first)."""
_ORDER = _STATUSES[1:]
"""The statuses short of ended, least advanced first (a rule's "cap" keeps a status at or below its own)."""


def read_status(s: Sentence, rule: rulebook.Rule, trigger) -> str | None | bool:
    """The status the words governing ``trigger`` state, no further than the rule's cap unless ended (or, for a
    rule read by tense, the trigger's tense); False when they negate or deny it."""
    status = _governed_status(s, rule, trigger)
    if rule.tense and status is not False:
        return rule.past if _done(trigger) else rule.status
    if rule.cap and status in _ORDER and _ORDER.index(status) > _ORDER.index(rule.cap):
        return rule.cap
    return status


def _governed_status(s: Sentence, rule: rulebook.Rule, trigger) -> str | None | bool:
    """The status the words governing ``trigger`` state, else the rule's own; False when they negate it."""
    words = rulebook.status_words()
    if _denied_noun(trigger):
        return False  # 'but *no* deal was reached'
    scope = _scope(s, trigger)
    sale = _disposal(scope, rule, trigger)
    found: dict[str, int] = {}  # each status stated, and where in the scope it first is
    partial = _portion_of_holding(trigger, words)  # 'sold *half of its stake*': the rest stays held
    for at, (token, own) in enumerate(scope):
        partial = partial or (at > 0 and own and token.lemma_.lower() in words["partial"])
        for word in _around(token, own, at == 0, words):
            stated = _word_statuses(word, trigger, words)
            if stated is None:
                return False
            disposing = word.lemma_.lower() in words["disposals"] or word.lemma_.lower() in words["disposal_nouns"]
            if "ended" in stated and disposing and (
                    (partial and not _pronoun_object(word)) or _resized_to(word, words)):
                stated = {"lasting"}  # 'sold half of its stake', 'sold a 5% stake, cutting its holding to 30%'
            if sale is not None and at > sale and "considering" in stated:
                return "active"  # 'in talks to sell its stake': the holding lasts while the sale is weighed
            for status in stated:
                found.setdefault(status, at)
    if _purpose(trigger, words["exploring"], rule.relation == "partnership"):
        found.setdefault("considering", len(scope))  # a memorandum to explore cooperation: to consider
    if rule.relation == "competition":
        return None
    if "ended" not in found and _begun(trigger, words):
        return "active"  # 'deepening a collaboration *that began last year*': it exists, whatever comes next
    if "lasting" in found and found["lasting"] < found.get("ended", len(scope)):
        return "active"  # 'will cut its stake', 'would keep cooperating': the relation exists, though a verb
        # further up ends something ('sold a 5% stake, *cutting* its holding to 30%')
    for status in _STATUSES:
        if status in found:
            return status
    if rule.progressive and _progressive(trigger):
        return rule.progressive
    noun = trigger.head if trigger.dep_ == "compound" and trigger.head.pos_ == "NOUN" else trigger  # '20% stake'
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governor(sum_host(noun))
    if verb is not None and (_headline_infinitive(verb) or (verb.i == trigger.i and _participle_of(verb))):
        return "agreed"  # a headline's 'X to help Y': what X will do
    frame = _purpose_frame(verb) if verb is not None and verb.i == trigger.i else None
    if frame is not None and not _past(frame):
        return "agreed"  # 'is building a plant *to supply* Y': what the plant is for, still to come
    if rule.past and verb is not None and _past(verb):
        return rule.past  # 'bought', and 'expanded with the acquisition of X'
    return rule.status


def _done(trigger) -> bool:
    """Whether what a trigger read by tense tells is done: a verb in the past ('sold'); a noun a past verb of
    completion governs or has as its subject ('completed its acquisition of X', 'the purchase of X closed';
    status.json 'completion'), where 'agreed its purchase of X' is not yet."""
    if trigger.pos_ in ("VERB", "AUX"):
        return _past(trigger)
    verb = governor(trigger) or (trigger.head if trigger.dep_ == "nsubj" else None)
    return verb is not None and verb.lemma_.lower() in rulebook.status_words()["completion"] and _past(verb)


def _begun(trigger, words: dict) -> bool:
    """Whether a relative clause or participle on a tie says when it began ('a collaboration *that began* last
    year', 'a partnership *dating* back to 2019'; status.json 'beginning')."""
    return any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in words["beginning"]
               and c.tag_ in ("VBD", "VBN", "VBG") for c in trigger.children)


def _purpose_frame(verb):
    """For a purpose infinitive, the verb whose action it is for ('is building a plant *to supply* Y', hung on the
    verb or on the plant), or None."""
    if not infinitive(verb):
        return None
    if verb.dep_ == "advcl":
        return verb.head
    return governor(verb.head) if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" else None


def _portion_of_holding(trigger, words: dict) -> bool:
    """Whether the trigger is a part of a holding ('*half* of its stake', '*part* of its shares'), a holding
    told with an indefinite article ('sold *a* 5% stake in X': some of what it holds, where 'its stake' is all),
    or a number of shares that are not all its own ('sold 38 million X shares', not 'all its 38 million shares')."""
    lemma = trigger.lemma_.lower()
    holding = trigger.head if trigger.dep_ == "compound" else trigger  # 'a 5 *%* stake'
    if holding.lemma_.lower() in words["portions"] and any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                                            for c in holding.children):
        return True
    kids = list(holding.children)
    if holding.lemma_.lower() == "share" and any(c.dep_ == "nummod" for c in kids) and not any(
            c.dep_ in ("poss", "predet") or c.lower_ == "all" for c in kids):
        return True
    return lemma in words["partial"] and any(
        o.lemma_.lower() in words["portions"] for p in trigger.children if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children if o.dep_ == "pobj")


def _around(token, own: bool, trigger: bool, words: dict) -> list:
    """The words of one token of the scope that can state a status: the token when its own word counts, its
    status dependents, for the trigger an ending phrase the parser hangs inside the trigger's own phrase
    ('put their joint development of X *on hold*') and the relative clauses it is the object of ('a tie-up
    *that X agreed* with Y'), and for a verb an ending phrase nested in its own prepositional phrases."""
    out = ([token] if own else []) + [c for c in token.children if c.dep_ in _STATUS_DEPS
                                      or (c.dep_ == "mark" and c.lower_ == "whether")  # 'decide *whether* to join'
                                      or (own and _undone_after(token, c, words))]
    if trigger:
        out += [w for w in token.subtree if w.dep_ == "prep" and w.head.i != token.i and w.i > token.i
                and _prep_phrase(w) in words["ended"]]
        out += object_clauses(token) if token.pos_ in ("NOUN", "PROPN") else []  # 'a tie-up *that X agreed*'
        out += [c for c in token.head.children if c.dep_ == "amod" and c.i < token.i] \
            if token.dep_ == "compound" else []  # 'its *former* supplier X', which the parser hangs on the name
    elif own and token.pos_ == "VERB":  # 'put their joint work on driving *on hold*': a phrase the parser hangs
        out += [w for w in _nested_preps(token) if _prep_phrase(w) in words["ended"]]  # on the verb's own phrase
    elif own and token.lemma_ == "be":  # 'is *in talks* to sell', where the parser hangs the verb on 'is'
        out += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "in" for o in p.children
                if o.dep_ == "pobj"]
    return out


def _nested_preps(verb) -> list:
    """The prepositions of a verb's prepositional phrases and of the phrases nested in them, clauses left out."""
    out, stack = [], [c for c in verb.children if c.dep_ == "prep"]
    while stack:
        prep = stack.pop()
        out.append(prep)
        stack += [p for o in prep.children if o.dep_ == "pobj" for p in o.children if p.dep_ == "prep"]
    return out


_POINTING = frozenset({"that", "this", "the", "those", "these", "their", "its"})
"""Determiners by which an object points back at what the sentence told ('*that* agreement', '*their* deal')."""


def _undone_after(verb, other, words: dict) -> bool:
    """Whether ``other`` is a verb coordinated after ``verb``, with no subject of its own, that ends what the clause
    told ('had agreed to be bought by X but *terminated* that agreement', '... but later *scrapped* it')."""
    if other.dep_ != "conj" or other.i < verb.i or other.lemma_.lower() not in words["undoing"] \
            or other.lemma_.lower() not in words["ended"] or any(c.dep_ in ("nsubj", "nsubjpass")
                                                                  for c in other.children):
        return False
    return _pronoun_object(other) or any(
        c.dep_ == "dobj" and not any(p.dep_ == "prep" for p in c.children)
        and any(d.dep_ in ("det", "poss") and d.lower_ in _POINTING for d in c.children) for c in other.children)


def _disposal(scope: list, rule: rulebook.Rule, trigger) -> int | None:
    """Where in ``scope`` a verb yet to come, or a noun, disposes of the holding the trigger names ('is in talks
    *to sell* its stake', 'will sell its stake', 'is weighing the *sale* of its stake', 'approached X about
    *buying* Y's stake'), or None. A sale agreed ends the holding, as a sale done does; a sale weighed does not
    (see _governed_status)."""
    if rule.relation != "investment" or trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    words = rulebook.status_words()
    disposing = words["disposals"] | (words["transacting"] if any(  # buying a named holder's stake ('X's stake')
        c.dep_ == "poss" and c.pos_ == "PROPN" for c in trigger.children) else frozenset())
    for at, (token, own) in enumerate(scope):
        lemma = token.lemma_.lower()
        if at and own and ((token.pos_ == "VERB" and lemma in disposing and _yet_to_come(token))
                           or (token.pos_ == "NOUN" and lemma in words["disposal_nouns"])):
            return at
    return None


def _resized_to(verb, words: dict) -> bool:
    """Whether a disposal goes on with a resizing verb that says what is left of the seller's holding ('sold a 5%
    stake, *cutting* its holding *to* 30%'; not '*lifting X's* holding to 10%'): the holding lasts."""
    return any(c.dep_ in ("advcl", "conj", "xcomp") and c.lemma_.lower() in words["resizing"]
               and any(p.dep_ == "prep" and p.lower_ == "to" for p in c.children)
               and not any(o.dep_ == "dobj" and _named_possessor(o) for o in c.children) for c in verb.children)


def _named_possessor(noun) -> bool:
    """Whether a name possesses a noun ('*Honda's* holding'): another company's, not the doer's own ('its')."""
    return any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in noun.children)


def _yet_to_come(verb) -> bool:
    """Whether a verb tells of what is still to be done: an infinitive, a modal's verb or a weighed gerund ('to
    sell', 'will sell', 'is considering *selling*')."""
    return any(c.dep_ == "aux" and (c.lower_ == "to" or c.tag_ == "MD") for c in verb.children) or (
        verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "pcomp"))


def _word_statuses(word, trigger, words: dict) -> set[str] | None:
    """The statuses one governing word states of ``trigger``'s relation ("lasting" for a resized holding or a
    relation said to go on); None when it negates or denies the relation."""
    lemma = word.lemma_.lower()
    if _undoing(word, words) or (word.dep_ == "neg" and _possessed(trigger, "held_in", "standing")
                                 and word.head.lemma_.lower() not in words["agreed"] | words["founding"]):
        return {"lasting"}  # 'does not replace its partnership with X', 'does not include *X's stake* in Y': a
        # negation over an owned holding denies what is done to it, not that it is held
    if lemma in words["undoing"] and any(_undoing(c, words) for c in word.children) or (
            word.dep_ in ("acl", "relcl") and _denied_noun(word.head)):
        return set()  # the verb's own sense is what the negation takes back ('not', 'no plans to sell')
    phrasal = _phrasal(word)
    denies = _verb_in(word, "deny", phrasal=phrasal)
    if denies and trigger.lemma_.lower() in words["taking_part"] and _governs(word, trigger):
        return {"ended"}  # 'rejected a takeover offer from X': the offer was made and turned down
    if word.dep_ == "neg" and _verb_in(word.head, "deny"):
        return set()  # 'did *not* rule out': the denial is what the negation takes back (below)
    if denies:
        return {"considering"} if any(c.dep_ == "neg" for c in word.children) else None  # 'did not rule out'
    if _denied_noun(word) and any(c.dep_ in ("acl", "relcl") and (c.lemma_.lower() in words["undoing"] or
                                                             c.lemma_.lower() in words["disposals"])
                                  for c in word.children):
        return {"lasting"}  # 'has *no plans* to sell its stake': the holding stays
    if word.dep_ == "neg" or _denied_noun(word):
        return None  # 'not', 'no plans'
    if word.pos_ == "VERB" and lemma in words["complemented"] and not _complemented(word, trigger):
        return set()
    if _bygone_limit(word, words):
        return {"ended"}  # 'had worked with X until 2019'
    if lemma in words["losing"] and _loses_tie(word, words):
        return {"ended"}  # 'lost its contract to build cars for X', 'lost X as a customer'
    if lemma in words["quantified_holdings"] and trigger.head.i == word.i:
        return set()  # 'a 10% interest in X': the holding's name, no hedge
    if lemma in words["market_moves"] and trigger.lemma_.lower() in words["securities"] and word.pos_ == "VERB":
        return None  # 'sending shares of X down 2%': a price, no holding
    if lemma in words["adverbial_only"] and word.dep_ != "advmod":
        return set()  # 'once its lines reach full output' opens a clause: no 'formerly'
    if word.dep_ == "aux" and lemma == "have" and _verb_in(word.head, "founding", "agreed"):
        return set()  # the perfect of founding or agreeing tells that the act is done, not that a tie lasts ('had
        # set up X'; but 'their arrangement has drawn criticism': the arrangement stands)
    forms = (lemma if word.dep_ != "prep" else "", word.lower_, _prep_phrase(word), *phrasal)  # 'longer'
    # in 'no longer': lemma 'long'; a preposition by its own form ('*according* to', whose lemma is 'accord')
    out = {_reported(word, words) if status == "considering" else _founded(word, words, status)
           for status in _STATUSES if not words[status].isdisjoint(forms)}
    verb = word.head if word.dep_ in ("prt", "advmod") else word  # 'fall *apart*'
    if "ended" in out and lemma in words["disposals"] and _sells_other(word, trigger):
        out.discard("ended")  # 'sells cars through its ventures with X': what is sold is no tie
    if "ended" in out and verb.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ in words["possibility"] for c in verb.children):
        out.discard("ended")  # 'the talks could still collapse': an end that may come
    if "considering" in out and any(c.dep_ == "auxpass" for c in word.children) and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in words["completion"] for c in word.children):
        out = (out - {"considering"}) | {"agreed"}  # 'is expected to close': agreed, its completion awaited (but
        # 'aims to complete' is a plan)
    if lemma in words["disposal_nouns"] and word.pos_ == "NOUN" and word.i != trigger.i:
        out.add("ended")  # 'completed the *sale* of its stake'
    resized = lemma in words["resizing"] and (any(c.dep_ == "poss" for c in trigger.children) or (
        trigger.dep_ == "dobj" and trigger.head.i == word.i))  # 'its stake will fall'; 'deepening a 14-year alliance'
    if resized or (lemma in words["continuing"] and word.pos_ == "VERB" and word.i != trigger.i
                    and word.dep_ != "amod"):
        out.add("lasting")  # but 'its *remaining* stake' says nothing of the holding going on
    if _transacts(word, _held(trigger, words), words):  # 'takes a stake', 'pays $1 billion for a stake': a new deal;
        # 'took': done; 'buys out Honda's stake': Honda's holding ends
        named_holder = any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in trigger.children)
        out.add("ended" if named_holder else "active" if _past(word) else "agreed")
    return out


def _bygone_limit(word, words: dict) -> bool:
    """Whether ``word`` is a 'limits' preposition on a past verb whose object is a time, not the present ('worked
    with X *until 2019*', '*until recently*'; not 'will supply X until 2030', 'until now', nor a term an
    agreeing, continuing or resizing verb sets: 'extended the agreement until 2040')."""
    verb = word.head
    if word.dep_ != "prep" or word.lower_ not in words["limits"] or not _past(verb) or _verb_in(
            verb, "agreed", "continuing", "resizing"):
        return False  # 'extended the agreement until 2040' sets a term, which ends nothing
    return any(c.dep_ in ("pobj", "pcomp") and c.lower_ not in words["present_times"] and (
        c.pos_ == "ADV" or c.lemma_.lower() in words["time_units"] or month_number(c.text) is not None
        or (c.like_num and len(c.text) == 4)) for c in word.children)  # 'recently', 'last year', 'March', '2019'


def _sells_other(verb, trigger) -> bool:
    """Whether a verb of disposal sells an object of its own, no pronoun, that holds no trigger ('sells *cars*
    through its ventures with X'; not 'sold *its stake*', 'sold *it*', 'disposed of its stake')."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return verb.pos_ == "VERB" and verb.i != trigger.i and bool(objects) and not any(
        c.pos_ == "PRON" or c.left_edge.i <= trigger.i <= c.right_edge.i for c in objects)


def _loses_tie(verb, words: dict) -> bool:
    """Whether a verb's object, or the object of its preposition, names a tie ('lost its *contract*', 'lost X as
    a *customer*'; status.json 'lost_ties'): not 'lost money on its stake'."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    return any(o.lemma_.lower() in words["lost_ties"] for o in objects)


def _transacts(verb, held, words: dict) -> bool:
    """Whether a verb buys or takes a holding: a 'transacting' verb with the holding its object ('*takes* a
    stake'), or with a preposition the entry names ('*pays* $1 billion *for* a stake')."""
    lemma = verb.lemma_.lower()
    if lemma in words["transacting"]:
        return _governs(verb, held)
    prep = held.head if held.dep_ == "pobj" else None
    return prep is not None and prep.head.i == verb.i and f"{lemma} {prep.lower_}" in words["transacting"]


def _held(trigger, words: dict):
    """The holding a portion trigger is part of ('a *5%* stake', 'a stake of *5%*': the stake); else the trigger."""
    if trigger.lemma_.lower() not in words["portions"]:
        return trigger
    if trigger.dep_ == "compound" and trigger.head.lemma_.lower() in words["portions"]:
        return trigger.head
    return host(trigger)


def _undoing(word, words: dict) -> bool:
    """Whether ``word`` negates a verb that would end or replace a relation ('does *not* affect the alliance')."""
    return word.dep_ == "neg" and word.head.lemma_.lower() in words["undoing"]


def _headline_infinitive(verb) -> bool:
    """Whether a verb is the infinitive of a headline with no finite verb ('Intel to help BMW ...'), which the
    parser hangs on the root or on the name before it."""
    if not infinitive(verb):
        return False
    return verb.dep_ == "ROOT" or (verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "ROOT"
                                   and verb.head.pos_ == "PROPN")


def _participle_of(verb) -> bool:
    """Whether a verb is a participle adjunct of a headline's infinitive, which tells what that will involve
    ('X to build a plant *using* Y's cells'; not a noun's governor: 'deepening ties' tells of ties that are)."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and _headline_infinitive(verb.head)


def _complemented(verb, trigger) -> bool:
    """Whether a verb takes an infinitive ('offered *to buy*') or the trigger as its object ('is seeking *a
    stake*')."""
    return any(c.dep_ == "xcomp" or (c.dep_ == "dobj" and c.i == trigger.i) for c in verb.children)


def _denied_noun(word) -> bool:
    """Whether a noun is denied by its determiner ('*no* plans to merge'; but 'made *no secret* of its aim', 'there
    is *no doubt* that': status.json 'affirming_no')."""
    return word.pos_ == "NOUN" and word.lemma_.lower() not in rulebook.status_words()["affirming_no"] and any(
        c.dep_ == "det" and c.lower_ == "no" for c in word.children)


def _purpose(trigger, exploring, cooperation: bool) -> bool:
    """Whether the infinitive that says what a relation (or the verb taking it) is for is a word of
    considering ('signed a memorandum to explore cooperation'), or opens talks ('to begin talks on a merger');
    for ``cooperation``, a verb's purpose too ('will partner with X *to explore* ...': working together to find
    out, where investing to explore still invests)."""
    clauses = [c for c in trigger.children if c.dep_ == "acl" or infinitive_relative(c)
               or (cooperation and trigger.pos_ == "VERB" and c.dep_ == "advcl" and c.tag_ == "VB")]
    clauses += purposes(trigger)
    considering = rulebook.status_words()["considering"]
    return any(c.lemma_.lower() in exploring or any(o.dep_ == "dobj" and o.lemma_.lower() in considering
                                                    for o in c.children) for c in clauses)


def _reported(word, words: dict) -> str:
    """'considering' for a hedge, but 'agreed' for a 'would' that tells a decision in the past ('said it would
    form', 'the chargers would be run through partnerships': news backshifts 'will'), unless a condition
    governs it ('would invest if ...')."""
    if word.lower_ == "would" and not _conditional(word.head, words):
        return "agreed"
    return "considering"


def _conditional(verb, words: dict) -> bool:
    """Whether a clause of condition depends on ``verb`` ('would buy X *if* regulators agree')."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in words["conditions"] for m in c.children)
               for c in verb.children)


def _founded(word, words: dict, status: str) -> str:
    """'active' for a founding verb in the past tense with nothing to come ('was created', 'formed'), else
    ``status``."""
    past = word.tag_ in ("VBD", "VBN") and word.dep_ != "amod" and not any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "to") for c in word.children)  # (not 'after the *completed*
    # deal, X could'; a preposition 'to' is no infinitive's: 'completed the sale of X *to* Y')
    return "active" if past and word.lemma_.lower() in words["founding"] else status


def _governs(verb, noun) -> bool:
    """Whether ``verb`` is the verb a relation noun is the object of ('*takes* a stake in X'; not 'buys cells
    *from* its unit')."""
    head = governor(noun) if noun.pos_ in ("NOUN", "PROPN") and noun.dep_ != "pobj" else None
    return head is not None and head.i == verb.i


def _past(verb) -> bool:
    """Whether a verb tells of the past: 'sold', 'has sold', 'was sold' (not 'is owned'), a gerund after a
    sequel preposition under such a verb ('grew after buying X'), or what a past payment was for ('paid $1
    billion to take control of X')."""
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in rulebook.status_words()["sequels"]:
        return verb.head.head.i != verb.i and _past(verb.head.head)
    if verb.dep_ == "advcl" and infinitive(verb) and verb.head.lemma_.lower() in rulebook.status_words()["paying"]:
        return _past(verb.head)  # 'paid $1 billion *to take* control of X': done
    if verb.tag_ not in ("VBD", "VBN"):
        return False
    passive = [c for c in verb.children if c.dep_ == "auxpass"]
    return not passive or any(c.tag_ == "VBD" or c.lower_ == "been" for c in passive)


def _progressive(verb) -> bool:
    """Whether a verb is in the present progressive ('is teaming up', 'are joining forces')."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
