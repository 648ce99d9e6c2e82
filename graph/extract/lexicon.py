"""The extraction patterns: plain JSON data shipped in graph/extract/patterns/, read once per process."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

__all__ = ["entities", "country_names", "words_regex"]


@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    """Parse one packaged pattern file (graph/extract/patterns/NAME.json)."""
    text = resources.files("graph.extract").joinpath("patterns", f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)


def entities() -> dict:
    """Suffixes, stop-words, countries and nominals that stage 2 (mentions) reads names with."""
    return _load("entities")


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """The countries' names (entities.json 'countries'), lower case: 'China's X' is a company in a place."""
    return frozenset(name.lower() for entry in entities()["countries"].values() for name in entry["names"])


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """The cities and regions entities.json lists for its countries, lower case ('Shenzhen Yinwang ...')."""
    return frozenset(place.lower() for entry in entities()["countries"].values() for place in entry.get("places", ()))


@lru_cache(maxsize=None)
def words_regex(words: tuple[str, ...], flags: int = 0) -> re.Pattern:
    """One alternation matching any of ``words`` as whole words, longest first."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)
