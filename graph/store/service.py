"""SPARQL ``SERVICE``: found in a query's text and refused unless its endpoint is on the operator's allow-list.

Oxigraph runs ``SERVICE <url> { ... }`` by sending the query to ``url`` (and
rdflib does too), so a query given to ``akg serve`` or ``akg query`` could make
the machine call any address it can reach (SSRF). Neither engine can switch
SERVICE off from Python, so the text is checked before it runs, the way a
SPARQL lexer reads it: comments, strings and IRIs are skipped, and the keyword
is a bare word (``?service``, ``ex:service`` and ``"service"`` are not it).
The check errs on the side of refusing: the text is read as written and with
its ``\\uXXXX`` escapes decoded (SPARQL 1.1 section 19.2), and an endpoint
allowed must be written as a full IRI, never a variable or prefixed name.

Example:
    >>> service_endpoints('SELECT * { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }')
    ['http://example.org/sparql']
    >>> service_endpoints('SELECT ?service WHERE { ?service ex:service "SERVICE" } # SERVICE')
    []
"""
from __future__ import annotations

import re
from collections.abc import Collection

from graph.errors import QueryError

__all__ = ["service_endpoints", "check_service"]

_TOKEN = re.compile(r'''
      (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
                 |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<word>[?$]?(?:[\w.:%-]|\\.)+)
    | (?P<other>.)
''', re.VERBOSE | re.DOTALL)
"""SPARQL's tokens as far as SERVICE matters; a word holds prefixed names with their \\-escapes (``ex:a\\#b``),
so no '#', quote or '<' inside one starts a comment, string or IRI here that the engine would not see."""

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _decoded(text: str) -> str:
    """The text with its codepoint escapes (``\\u0053``) decoded, as SPARQL reads a query before parsing it."""
    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _ESCAPE.sub(char, text)


def _endpoints(text: str) -> list[str | None]:
    """The endpoint of each SERVICE in one reading of the text: the IRI, or None when it is not a full IRI."""
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text) if m.lastgroup not in ("space", "comment")]
    found = []
    for i, (kind, value) in enumerate(tokens):
        if kind == "word" and value.upper() == "SERVICE":
            rest = tokens[i + 1:i + 3]
            if rest and rest[0][0] == "word" and rest[0][1].upper() == "SILENT":
                rest = rest[1:]
            found.append(rest[0][1][1:-1] if rest and rest[0][0] == "iri" else None)
    return found


def service_endpoints(text: str) -> list[str | None]:
    """The endpoints the query's SERVICE clauses call, in order (None for one not written as a full IRI), read
    both as written and with codepoint escapes decoded."""
    found = _endpoints(text)
    decoded = _decoded(text)
    return found + _endpoints(decoded) if decoded != text else found


def check_service(text: str, allowed: Collection[str] = ()) -> None:
    """QueryError (one line) when the query has a SERVICE whose endpoint is not in ``allowed``."""
    for endpoint in service_endpoints(text):
        if endpoint is None:
            raise QueryError("SERVICE is refused unless its endpoint is a full IRI <...> allowed with"
                             " --allow-service URL (not a variable or prefixed name)")
        if endpoint not in allowed:
            raise QueryError(f"SERVICE <{endpoint}> is refused: queries do not call other endpoints"
                             " unless allowed with --allow-service URL")
