"""Exceptions raised by the library (only ``cli.py`` turns them into exit codes), and text made safe for terminals."""
import re

__all__ = ["one_line", "printable", "json_escaped", "TERMINAL_CONTROLS", "AkgError", "InputError", "QueryError",
           "GraphNotFoundError", "ValidationError", "StoreError", "CorruptStoreError", "UnknownValueError", "FormatError",
           "NoChainError"]

TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters a terminal acts on instead of showing: C0 controls but tab and newline (ESC starts ANSI sequences),
DEL, C1 controls, bidirectional marks and overrides, line and paragraph separators."""


class AkgError(Exception):
    """Base class of every error akg raises on purpose (one-line message)."""


class InputError(AkgError):
    """An input article is missing, unreadable, empty, binary or too large."""


class QueryError(AkgError):
    """A SPARQL query is malformed, unknown, or misses a parameter."""


class GraphNotFoundError(AkgError):
    """The graph file or store a command needs does not exist yet."""


class ValidationError(AkgError):
    """The graph does not conform to the SHACL shapes."""


class UnknownValueError(AkgError):
    """A name or parameter value matches nothing akg knows (the message suggests the closest, or lists the allowed)."""


class NoChainError(AkgError):
    """Two organizations are in the graph, but no chain of relations (of those asked) joins them."""


class StoreError(AkgError):
    """The persistent store or a remote SPARQL endpoint failed."""


class CorruptStoreError(StoreError):
    """The store's files are damaged; ``akg build`` replaces such a store."""


class FormatError(AkgError):
    """The graph cannot be written in the format asked for (RDF/XML cannot hold some characters)."""


def one_line(exc: BaseException) -> str:
    """An exception's message on one line, at most 300 characters: what error messages quote of a cause."""
    return printable(" ".join(str(exc).split()))[:300] or type(exc).__name__


def printable(text: str) -> str:
    """``text`` safe to show on a terminal: control characters escaped as Python writes them ('\\x1b', '\\u202e').

    >>> printable("red \\x1b[31mtext\\u202e")
    'red \\\\x1b[31mtext\\\\u202e'
    """
    return TERMINAL_CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)



def json_escaped(json_text: str) -> str:
    """JSON text with terminal controls written as \\u escapes: it parses to the same values, and shows safely.

    (Outside strings JSON is ASCII, so every such character sits in a string, where an escape means the same.)
    """
    return TERMINAL_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
