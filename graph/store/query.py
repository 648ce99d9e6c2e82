"""SPARQL over the graph: named queries shipped as .rq files, safe parameter binding, result formats.

Named queries live in ``graph/store/queries/*.rq`` without PREFIX lines; the prefix
header is generated from ``graph.vocab``'s table, so no IRI is spelled there.
A query file starts with comment lines::

    # description: Partners of an organization.
    # param: org <organization>  Organization (e.g. Nissan)

A parameter's ``<kind>`` (optional; see ``graph.store.resolver.VALUE_KINDS``) says
how its value is read before it is bound: an organization however typed (alias,
ticker, Wikidata id), a status, field or relation of the ontology, or a date;
a value that matches nothing is an error naming the closest or the allowed ones.
A ``# computed:`` line names a computation of ``graph.store.computed`` that makes the
rows from what the SPARQL selects (graph analytics that a SPARQL join answers slowly).
A ``# kept:`` line says how a query's answer for any value is read from its whole answer,
which a store keeps once per generation (``graph.store.results``): ``?status`` for the
rows whose ?status is the value given (the whole answer: the query with ?status unbound),
``?from <= ?date <= ?to`` for the rows whose ?date, as text, lies in the range given (the
whole answer: the query over the widest range, ``WIDEST``).

Parameters are bound as plain literals, never pasted into the query text:
rdflib gets them as ``initBindings``, Oxigraph as ``substitutions`` (which,
following SEP-0007, needs the variable in the SELECT projection, so every
shipped query projects its parameters).

Example:
    >>> from graph.store.query import named_queries, run_query, format_result
    >>> result = run_query(g, named_queries()["partners"], {"org": "Nissan"})  # doctest: +SKIP
    >>> print(format_result(result, "table"))                                # doctest: +SKIP
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph
from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import NamespaceManager
from rdflib.query import Result

from graph.errors import QueryError, json_escaped, one_line, printable
from graph.io import from_oxigraph
from graph.store.computed import COMPUTATIONS, compute
from graph.store.resolver import VALUE_KINDS, NameResolver, organizations_query, resolve_params
from graph.store.service import check_service
from graph.vocab import prefix_table

__all__ = [
    "NamedQuery", "QueryResult", "named_queries", "get_query", "resolve_query",
    "parse_query_text", "prefix_header", "run_query", "computed_rows", "check_bindings", "resolve_bindings",
    "names_in", "whole_answer",
    "format_result", "RESULT_FORMATS", "TABLE_CELL_WIDTH", "KeptBy", "WIDEST",
]

RESULT_FORMATS = ("table", "csv", "json")
TABLE_CELL_WIDTH = 80
"""Widest cell of the 'table' format; longer values (evidence sentences) are cut with an ellipsis."""

WIDEST = ("", "\U0010ffff")
"""The range every text lies in (but one that starts with the last code point, which no date does): the bounds a
``?from <= ?date <= ?to`` query's whole answer is evaluated with."""

_HEADER = re.compile(r"^#\s*(name|description|param|computed|kept)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_KEPT = re.compile(r"\?(?P<column>\w+)|\?(?P<low>\w+)\s*<=\s*\?(?P<ranged>\w+)\s*<=\s*\?(?P<high>\w+)")
_NAME = re.compile(r"[\w-]+")
_PARAM = re.compile(r"[?$]?(?P<name>\S+)(?:\s+<(?P<kind>[^>]*)>)?\s*(?P<help>.*)")


@dataclass(frozen=True)
class KeptBy:
    """How a named query's rows for given values are picked from its whole answer (a ``# kept:`` line): those whose
    ``column`` is the value of the parameter ``column`` (no ``low``), or whose ``column`` as text lies from the value
    of the parameter ``low`` to that of ``high``."""

    column: str
    low: str = ""
    high: str = ""

    @property
    def params(self) -> tuple[str, ...]:
        """The parameters that pick the rows."""
        return (self.low, self.high) if self.low else (self.column,)


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query with a name, a one-line description and declared parameters (variable names)."""

    name: str
    description: str
    params: tuple[str, ...]
    body: str  # the query as written, without PREFIX lines
    param_help: tuple[str, ...] = ()  # what to pass, one entry per parameter
    param_kinds: tuple[str, ...] = ()  # how each value is read (graph.store.resolver.VALUE_KINDS), default text
    computed: str = ""  # the graph.store.computed function that makes the rows from the SPARQL's, if any
    kept: KeptBy | None = None  # how the rows for given values are picked from the whole answer, if they can be

    @property
    def kinds(self) -> dict[str, str]:
        """Parameter name -> kind of value it takes."""
        return dict(zip(self.params, self.param_kinds or ("text",) * len(self.params)))

    @property
    def text(self) -> str:
        """The full, standalone query text: prefix header + body."""
        return prefix_header() + self.body


@dataclass(frozen=True)
class QueryResult:
    """Rows of a SELECT (terms or None), the triples of a CONSTRUCT/DESCRIBE, or the answer of an ASK."""

    variables: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    kind: str = "select"  # select | ask | construct
    boolean: bool | None = None  # the answer of an ASK


@lru_cache(maxsize=None)
def prefix_header() -> str:
    """PREFIX lines for every prefix akg writes with."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefix_table().items())


def parse_query_text(name: str, text: str) -> NamedQuery:
    """Read the header comments (# description:, # param: NAME <kind>  text) of a query file's text."""
    description, computed, kept, params, kinds, helps = "", "", None, [], [], []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2)
        if key == "name":
            name = value
        elif key == "description":
            description = value
        elif key == "computed":
            computed = value
            if computed not in COMPUTATIONS:
                raise QueryError(f"query {name!r}: unknown computation {computed!r} (known: {', '.join(COMPUTATIONS)})")
        elif key == "kept":
            kept = _kept_by(name, value)
        else:
            param = _PARAM.fullmatch(value)
            kind = param.group("kind") or "text"
            if kind not in VALUE_KINDS:
                raise QueryError(f"query {name!r}: parameter {param.group('name')} has unknown kind <{kind}>"
                                 f" (known: {', '.join(VALUE_KINDS)})")
            params.append(param.group("name"))
            kinds.append(kind)
            helps.append(param.group("help"))
    if kept is not None and set(kept.params) != set(params):
        raise QueryError(f"query {name!r}: '# kept:' must name each of its parameters ({', '.join(params) or 'none'})")
    return NamedQuery(name, description, tuple(params), text, tuple(helps), tuple(kinds), computed, kept)


def _kept_by(name: str, value: str) -> KeptBy:
    """A ``# kept:`` line's value read: ``?column`` or ``?low <= ?column <= ?high``."""
    match = _KEPT.fullmatch(value)
    if match is None:
        raise QueryError(f"query {name!r}: '# kept: {value}' is neither ?column nor ?low <= ?column <= ?high")
    if match.group("column"):
        return KeptBy(match.group("column"))
    return KeptBy(match.group("ranged"), match.group("low"), match.group("high"))


@lru_cache(maxsize=None)
def named_queries() -> dict[str, NamedQuery]:
    """Name -> query, for every .rq file shipped in graph/store/queries."""
    out = {}
    for entry in resources.files("graph.store.queries").iterdir():
        if entry.name.endswith(".rq"):
            query = parse_query_text(entry.name[:-3], entry.read_text(encoding="utf-8"))
            out[query.name] = query
    return dict(sorted(out.items()))


def get_query(name: str) -> NamedQuery:
    """The named query ``name`` (QueryError listing the known names otherwise)."""
    try:
        return named_queries()[name]
    except KeyError:
        raise QueryError(f"unknown named query {name!r}; known: {', '.join(named_queries())}") from None


def resolve_query(spec: str, path: str | Path | None = None) -> NamedQuery | str:
    """The query in ``path`` (a .rq file), the named query ``spec`` (a single word), or ``spec`` as SPARQL text."""
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"cannot read query file {path}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:  # SPARQL is UTF-8 by its specification
            raise QueryError(f"cannot read query file {path}: not UTF-8 (byte 0x{exc.object[exc.start]:02x} at "
                             f"offset {exc.start})") from exc
        return parse_query_text(Path(path).stem, text)
    if spec in named_queries() or _NAME.fullmatch(spec.strip()):
        return get_query(spec.strip())
    return spec



def check_bindings(query: NamedQuery | str, bindings: dict[str, str]) -> str:
    """The text to run, once every declared parameter is given and every binding names a parameter.

    Text with ``# param:`` header lines declares its parameters like a named query;
    otherwise every binding must name a variable of the text.
    """
    text = query.text if isinstance(query, NamedQuery) else query
    what = f"query {query.name!r}" if isinstance(query, NamedQuery) else "the query"
    if isinstance(query, str):
        query = parse_query_text("query", query)
    if not query.params:
        for name in sorted(bindings):
            if not re.search(rf"[?$]{re.escape(name)}\b", text):
                raise QueryError(f"the query has no variable ?{name} to bind")
        return text
    missing = sorted(set(query.params) - bindings.keys())
    if missing:
        raise QueryError(f"{what} needs parameter(s): {', '.join(missing)}")
    unknown = sorted(bindings.keys() - set(query.params))
    if unknown:
        raise QueryError(f"{what} has no parameter(s): {', '.join(unknown)}"
                         f" (it takes: {', '.join(query.params)})")
    return text


def run_query(target: Graph | pyoxigraph.Store, query: NamedQuery | str,
              bindings: dict[str, str] | None = None, allow_service: Collection[str] = (),
              names: Callable[[], NameResolver] | None = None) -> QueryResult:
    """Run a query over an rdflib graph or an Oxigraph store, binding each parameter as a plain literal.

    On a store the query sees its default graph (graph.store.store keeps the whole graph
    there; named graphs stay reachable through GRAPH). A SERVICE call is refused (QueryError)
    unless its endpoint is in ``allow_service`` (both engines would send it over the network).
    Organization names are resolved through ``names()`` (by default: the target's, ``names_in``).
    """
    bindings = dict(bindings or {})
    text = check_bindings(query, bindings)
    check_service(text, allow_service)
    bindings = resolve_bindings(query, bindings, names or (lambda: names_in(target)))
    if isinstance(target, pyoxigraph.Store):
        return computed_rows(query, _run_oxigraph(target, text, bindings))
    return computed_rows(query, _run_rdflib(target, text, bindings))


def whole_answer(query: NamedQuery) -> tuple[NamedQuery, dict[str, str]]:
    """The query (parameters read as text, no ``# kept:``) and bindings whose answer holds the rows of ``query`` for
    every value of its ``# kept:`` parameters: a picked column's parameter unbound, a range's bounds at WIDEST."""
    kept = query.kept
    if kept is None:
        raise QueryError(f"query {query.name!r} has no '# kept:' line")
    if not kept.low:
        return replace(query, params=(), param_help=(), param_kinds=(), kept=None), {}
    texts = ("text",) * len(query.params)
    return replace(query, param_kinds=texts, kept=None), dict(zip((kept.low, kept.high), WIDEST))


def computed_rows(query: NamedQuery | str, result: QueryResult) -> QueryResult:
    """The rows the query's computation (``# computed:``) makes from its SPARQL's rows; other results as they are."""
    if not isinstance(query, NamedQuery) or not query.computed or result.kind != "select":
        return result
    variables, rows = compute(query.computed, result.variables, result.rows)
    return QueryResult(variables, tuple(rows), "select")


def resolve_bindings(query: NamedQuery | str, bindings: dict[str, str],
                     names: Callable[[], NameResolver]) -> dict[str, str]:
    """The bindings read by their parameters' kinds (organization names resolved through ``names()``)."""
    declared = query if isinstance(query, NamedQuery) else parse_query_text("query", query)
    return resolve_params(declared.kinds, bindings, names)


def names_in(target: Graph | pyoxigraph.Store) -> NameResolver:
    """The organizations of a graph or store, over the reference list: what names given to queries resolve to."""
    return NameResolver.from_rows(run_query(target, organizations_query()).rows)


def _run_rdflib(graph: Graph, text: str, bindings: dict[str, str]) -> QueryResult:
    """Parse (QueryError when malformed), then evaluate with the parameters as initBindings."""
    from rdflib.plugins.sparql import prepareQuery  # a tenth of a second to import: not paid by queries on a store

    try:
        prepared = prepareQuery(text, initNs=prefix_table())
    except Exception as exc:  # pyparsing and rdflib raise several types for a bad query
        raise QueryError(f"malformed SPARQL: {one_line(exc)}") from exc
    try:
        result = graph.query(prepared, initBindings={Variable(k): Literal(v) for k, v in bindings.items()})
    except Exception as exc:  # evaluation errors (unsupported feature, bad function call...)
        raise QueryError(f"query failed: {one_line(exc)}") from exc
    if result.type == "ASK":
        return QueryResult((), (), "ask", bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult(("subject", "predicate", "object"), tuple(sorted(result.graph)), "construct")
    variables = tuple(str(v) for v in result.vars)
    return QueryResult(variables, tuple(tuple(row) for row in result), "select")


def _run_oxigraph(store: pyoxigraph.Store, text: str, bindings: dict[str, str]) -> QueryResult:
    """Evaluate on Oxigraph with the parameters as substitutions; terms come back as rdflib terms, each distinct
    term converted once (labels and keys repeat on every row; building rdflib terms is most of a big answer's time)."""
    subs = {pyoxigraph.Variable(k): pyoxigraph.Literal(v) for k, v in bindings.items()}
    convert = lru_cache(maxsize=None)(from_oxigraph)
    try:
        result = store.query(text, prefixes=prefix_table(), substitutions=subs)
        if isinstance(result, pyoxigraph.QueryBoolean):
            return QueryResult((), (), "ask", bool(result))
        if isinstance(result, pyoxigraph.QueryTriples):
            rows = sorted(tuple(convert(t) for t in (tr.subject, tr.predicate, tr.object)) for tr in result)
            return QueryResult(("subject", "predicate", "object"), tuple(rows), "construct")
        variables = tuple(v.value for v in result.variables)
        rows = tuple(tuple(convert(term) for term in sol) for sol in result)
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL: {one_line(exc)}") from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {one_line(exc)}") from exc
    return QueryResult(variables, rows, "select")


# --- formatting -------------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _namespaces() -> NamespaceManager:
    """akg's prefixes, for shortening IRIs in tables."""
    nm = NamespaceManager(Graph(bind_namespaces="none"), bind_namespaces="none")
    for prefix, ns in prefix_table().items():
        nm.bind(prefix, ns, override=True, replace=True)
    return nm


def _short(term) -> str:
    """A term for people: prefixed name where one fits, literal's text, '' when unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        short = term.n3(_namespaces())
        return short[1:-1] if short.startswith("<") else short
    return str(term)


def _as_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON written by rdflib's serializer, head first and indented for people; terminal
    controls in values escaped (same values parsed)."""
    if result.kind == "ask":
        out = Result("ASK")
        out.askAnswer = bool(result.boolean)
    else:
        out = Result("SELECT")
        out.vars = [Variable(v) for v in result.variables]
        out.bindings = [{Variable(v): t for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    doc = json.loads(out.serialize(format="json"))
    return json_escaped(json.dumps({"head": doc.pop("head"), **doc}, indent=2, ensure_ascii=False))


def _as_csv(result: QueryResult) -> str:
    """CSV with a header row; IRIs in full, literals as their text, unbound as empty."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
    else:
        writer.writerow(result.variables)
        writer.writerows([("" if t is None else str(t)) for t in row] for row in result.rows)
    return buf.getvalue().rstrip("\n")


def _cell(text: str) -> str:
    """One table cell: on one line, control characters escaped (no ANSI sequence reaches the terminal), cut to
    TABLE_CELL_WIDTH characters (csv and json keep everything as it is)."""
    text = printable(" ".join(text.split()))
    return text if len(text) <= TABLE_CELL_WIDTH else text[:TABLE_CELL_WIDTH - 1] + "…"


def _as_table(result: QueryResult) -> str:
    """Aligned columns under a header and a rule; IRIs shortened with akg's prefixes."""
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    cells = [list(result.variables)] + [[_cell(_short(t)) for t in row] for row in result.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(result.variables))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """The result as aligned columns ('table'), CSV, or SPARQL 1.1 Query Results JSON ('json'), newline-ended."""
    formatter = {"table": _as_table, "csv": _as_csv, "json": _as_json}.get(fmt)
    if formatter is None:
        raise QueryError(f"unknown result format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
    return formatter(result) + "\n"
