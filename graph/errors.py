"""Exceptions raised by the library; only ``cli.py`` turns them into exit codes."""

__all__ = ["one_line", "AkgError", "InputError", "QueryError", "GraphNotFoundError", "ValidationError", "StoreError",
           "UnknownValueError"]


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


class StoreError(AkgError):
    """The persistent store or a remote SPARQL endpoint failed."""


def one_line(exc: BaseException) -> str:
    """An exception's message on one line, at most 300 characters: what error messages quote of a cause."""
    return " ".join(str(exc).split())[:300] or type(exc).__name__
