"""The attribute_ruler's matches found through an index: the same matches as spaCy's Matcher, in less time.

A trained English pipeline's attribute_ruler holds about 180 patterns, nearly
all one token long (a tag and the part of speech it stands for, a word and
its morphology). spaCy's Matcher tries every pattern at every token, which
costs about as much as the tagger and parser together. Here each pattern
token's tests are plain data (a value, a list it must be in or out of, a regex), the
tokens are indexed by a test naming their word, tag or dependency, and a
token is checked only against the pattern tokens its own values can pass.
Patterns with operators or attributes outside ``ATTRIBUTES`` are left to spaCy.
The same tests read the relation rules' one-token triggers (graph.extract.rules).
"""
from __future__ import annotations

import re
from operator import attrgetter

__all__ = ["ATTRIBUTES", "IndexedMatcher", "index_ruler", "token_tests", "passes"]

ATTRIBUTES = {"LOWER": "lower_", "ORTH": "orth_", "NORM": "norm_", "LEMMA": "lemma_", "TAG": "tag_", "POS": "pos_",
              "DEP": "dep_", "IS_SPACE": "is_space", "IS_PUNCT": "is_punct"}
"""Pattern attributes whose tests are read here -> the Token attribute holding the value (in index order: the
first a pattern token tests for one value or a list of values is the one it is filed under)."""


SEEN_LIMIT = 100_000
"""The most token values an IndexedMatcher remembers what they pass (a few thousand in a corpus of articles)."""


def index_ruler(ruler) -> None:
    """Give a spaCy AttributeRuler an IndexedMatcher of its patterns, unless one pattern needs spaCy's own
    (an operator, an attribute the index does not read). Call it after the ruler's last ``add``."""
    tests = _compiled(ruler.patterns)
    if tests is not None:
        keys = [ruler.vocab.strings[str(group)] for group in range(len(tests))]  # the ruler's match ids
        ruler.matcher = IndexedMatcher(ruler.matcher, keys, tests)


class IndexedMatcher:
    """Stands for an AttributeRuler's Matcher: called on a Doc, the same (match id, start, end) tuples."""

    def __init__(self, matcher, keys: list[int], tests: list[list[tuple]]) -> None:
        self.matcher = matcher  # spaCy's, for what the ruler asks besides matches (its patterns, to save them)
        self.patterns = [(key, pattern) for key, group in zip(keys, tests) for pattern in group]
        used = {attr for _, pattern in self.patterns for token in pattern for attr, _, _ in token}
        self.attrs = tuple(attr for attr in ATTRIBUTES if attr in used) or ("ORTH",)
        self.read = attrgetter(*(ATTRIBUTES[attr] for attr in self.attrs))
        self.index: dict[tuple, list[tuple[int, int]]] = {}
        self.unfiled: list[tuple[int, int]] = []
        for p, (_, pattern) in enumerate(self.patterns):
            for j, token in enumerate(pattern):
                filed = next(((attr, value) for attr, kind, value in token if kind in ("is", "in")), None)
                if filed is None:
                    self.unfiled.append((p, j))
                    continue
                attr, value = filed
                for one in value if isinstance(value, frozenset) else (value,):
                    self.index.setdefault((attr, one), []).append((p, j))
        self.seen: dict = {}  # token values -> what _passing says of them (a few thousand in a corpus)

    def get(self, key, default=None):
        """The patterns under ``key``, as spaCy's Matcher has them."""
        return self.matcher.get(key, default)

    def __len__(self) -> int:
        return len(self.matcher)

    def __call__(self, doc, *, as_spans: bool = False, allow_missing: bool = False) -> list:
        """(match id, start, end) of every pattern in ``doc``, once each, as spaCy's Matcher gives them (which
        checks the annotation unless ``allow_missing`` and makes Spans when ``as_spans``: left to it)."""
        if as_spans or not allow_missing:
            return self.matcher(doc, as_spans=as_spans, allow_missing=allow_missing)
        passed = [self.seen.get(values) or self._passing(values) for values in map(self.read, doc)]
        found = []
        for start, (_, opening) in enumerate(passed):
            for key, p, length in opening:
                if start + length <= len(passed) and all((p, k) in passed[start + k][0] for k in range(1, length)):
                    found.append((key, start, start + length))
        return sorted(set(found), key=lambda m: (m[1], m[2], m[0]))

    def _passing(self, values) -> tuple[frozenset, tuple]:
        """For one token's values (read by ``self.read``): the (pattern, position) of every pattern token they
        pass, and (match id, pattern, length) of each pattern they open; remembered."""
        named = dict(zip(self.attrs, values if len(self.attrs) > 1 else (values,)))
        maybe = list(self.unfiled)
        for attr, value in named.items():
            maybe += self.index.get((attr, value), ())
        passed = frozenset((p, j) for p, j in maybe if passes(self.patterns[p][1][j], named.__getitem__))
        opening = tuple((self.patterns[p][0], p, len(self.patterns[p][1])) for p, j in sorted(passed) if j == 0)
        if len(self.seen) >= SEEN_LIMIT:
            self.seen.clear()  # a long stream of new words: memory stays bounded
        self.seen[values] = (passed, opening)
        return passed, opening


def passes(tests: tuple, read) -> bool:
    """Whether a token passes a pattern token's tests (see token_tests), ``read`` giving its value of an attribute:
    as spaCy's Matcher would find (one token, no operator)."""
    for attr, kind, value in tests:
        actual = read(attr)
        if kind == "is":
            passed = actual == value
        elif kind == "regex":
            passed = value.search(actual) is not None
        else:
            passed = (actual in value) == (kind == "in")
        if not passed:
            return False
    return True


def _compiled(groups: list[dict]) -> list[list[tuple]] | None:
    """Each pattern group's patterns as lists of token tests (see token_tests), or None when a test is not read
    here."""
    out = []
    for group in groups:
        patterns = [[token_tests(token) for token in pattern] for pattern in group["patterns"]]
        if any(tests is None for pattern in patterns for tests in pattern):
            return None
        out.append(patterns)
    return out


def token_tests(token: dict) -> tuple | None:
    """A spaCy token pattern's tests as data ((attribute, 'is' | 'in' | 'not_in' | 'regex', value), in ATTRIBUTES
    order), or None when it has an operator or a test not read here."""
    if set(token) - set(ATTRIBUTES):
        return None
    tests = []
    for attr in ATTRIBUTES:
        if attr not in token:
            continue
        spec = token[attr]
        flag = attr.startswith("IS_")
        if isinstance(spec, dict) and len(spec) == 1 and set(spec) <= {"IN", "NOT_IN", "REGEX"} and not flag:
            [(kind, values)] = spec.items()
            if kind == "REGEX" and isinstance(values, str):
                tests.append((attr, "regex", re.compile(values)))
            elif kind != "REGEX" and all(isinstance(v, str) for v in values):
                tests.append((attr, kind.lower(), frozenset(values)))
            else:
                return None
        elif isinstance(spec, bool) == flag and isinstance(spec, (str, bool)):
            tests.append((attr, "is", spec))
        else:
            return None
    return tuple(tests)
