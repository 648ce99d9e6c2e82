"""Answers of the whole-graph named queries, kept in the store folder and computed once per store generation.

A named query without parameters (``blocs``, ``ranking``, ``relationships``) reads the whole graph: at a
million triples it takes a second or more (blocs are graph analytics computed in Python), and its answer
changes only when the store does. Its rows are kept in ``STORE/akg-results/NAME.json`` together with the
store's generation (``graph.store.marker``: rewritten by every change, a rebuild swaps in a new folder) and
the query's text; a query of the same generation and text reads the rows back instead of evaluating it.
Any change to the store makes the kept rows stale; they are computed again, once, by the next query, or at once
by ``keep_answers`` (what ``akg build``, ``ingest``, ``remove`` and ``load`` do as they write graph.ttl), so that
the first query after a change through the CLI reads them too.
A named query with a ``# kept:`` line (``by-status``, ``date-range``) is answered the same way from its whole
answer (every status, every date), kept once per generation, by picking the rows of the values given; and the
organizations that names given to queries resolve to are kept likewise (``kept_names``).
The store's exports are kept the same way (``kept_export``): written once per generation (``akg build``
and every change write graph.ttl anyway), an export of an unchanged store copies them.

Example:
    >>> from graph.store.results import query_store
    >>> query_store("out/store", lambda: store, get_query("blocs"))  # doctest: +SKIP
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache, partial
from pathlib import Path
from typing import BinaryIO

import pyoxigraph
from rdflib import BNode, Literal, URIRef

from graph.errors import AkgError, QueryError
from graph.io import atomic_file, atomic_write, plain_literal
from graph.store.marker import generation
from graph.store.query import (KeptBy, NamedQuery, QueryResult, check_bindings, named_queries, parse_query_text,
                               resolve_bindings, run_query, whole_answer)
from graph.store.resolver import NameResolver, organizations_query
from graph.store.service import check_service

__all__ = ["RESULTS_DIR", "query_store", "keep_answers", "kept_names", "kept_result", "kept_export"]

log = logging.getLogger(__name__)

RESULTS_DIR = "akg-results"
"""The folder, inside a store folder, of the kept answers (one JSON file per named query)."""

LAYOUT = 2
"""The layout of a kept answer's file (2: the distinct terms, then columns of indexes into them); a file of another
layout is not read."""


def query_store(folder: str | os.PathLike, store: Callable[[], pyoxigraph.Store], query: NamedQuery | str,
                bindings: dict[str, str] | None = None, allow_service: Collection[str] = ()) -> QueryResult:
    """``run_query`` over the store in ``folder`` (``store()`` opens it, only when the query is evaluated), with the
    answers kept per store generation: of named queries without parameters, the whole answers that queries with a
    ``# kept:`` line pick their rows from, and the organizations that names given to queries resolve to."""
    store = lru_cache(maxsize=None)(store)  # opened once, if at all: by the names or by the query
    names = partial(kept_names, folder, store)

    def evaluated() -> QueryResult:
        return run_query(store(), query, bindings, allow_service, names)

    if isinstance(query, str):
        return evaluated()
    if query.kept is not None:
        return _picked(folder, store, query, dict(bindings or {}), allow_service, names)
    if query.params or bindings:
        return evaluated()
    return kept_result(folder, query, evaluated)


def keep_answers(folder: str | os.PathLike, store: Callable[[], pyoxigraph.Store]) -> None:
    """Compute and keep, for the store's current generation, every answer kept per generation (the organizations,
    the named queries without parameters, the whole answers of those with a ``# kept:`` line), each unless already
    kept: a change pays for them once, not its first query (3 s for ``relationships`` at a million triples)."""
    kept_names(folder, store)
    for query in named_queries().values():
        if query.kept is not None:
            _whole(folder, store, query)
        elif not query.params:
            kept_result(folder, query, partial(_evaluated, store, query))


def _evaluated(store: Callable[[], pyoxigraph.Store], query: NamedQuery) -> QueryResult:
    """The answer of a query without parameters, the store opened (``store()``) only now."""
    return run_query(store(), query)


def kept_names(folder: str | os.PathLike, store: Callable[[], pyoxigraph.Store]) -> NameResolver:
    """The organizations of the store in ``folder`` (what names given to queries resolve to), from the answer of
    ``organizations_query()`` kept per generation: a tenth of a second saved on each query naming one at 1M triples."""
    query = _organizations()
    return NameResolver.from_rows(kept_result(folder, query, lambda: run_query(store(), query)).rows)


@lru_cache(maxsize=None)
def _organizations() -> NamedQuery:
    return parse_query_text("organizations", organizations_query())


def kept_result(folder: str | os.PathLike, query: NamedQuery, compute: Callable[[], QueryResult]) -> QueryResult:
    """The answer of ``query`` over the store in ``folder``: read back when kept for the store's current
    generation, else ``compute()``-d and kept (a store that cannot be written to is answered all the same)."""
    key, path = _key(folder, query), _path(folder, query)
    kept = _read(path, key)
    if kept is not None:
        return QueryResult(tuple(kept["variables"]), _decoded(kept), kept["kind"])
    result = compute()
    if result.kind == "select":
        _keep(path, key, result)
    return result


def _picked(folder: str | os.PathLike, store: Callable[[], pyoxigraph.Store], query: NamedQuery,
            bindings: dict[str, str], allow_service: Collection[str], names: Callable[[], NameResolver]) -> QueryResult:
    """The rows of ``query`` for the values bound, picked from its whole answer (``whole_answer``) kept per store
    generation: the values are checked and read as ``run_query`` reads them, the whole answer evaluated once."""
    check_service(check_bindings(query, bindings), allow_service)
    values = resolve_bindings(query, bindings, names)
    kept = _whole(folder, store, query, allow_service)
    variables = tuple(kept["variables"])
    rows = _decoded(kept, _picked_rows(kept, query.kept, values))
    if query.kept.low:  # the range's columns hold WIDEST in the whole answer
        rows = _with_values(variables, rows, {name: values[name] for name in query.kept.params})
    return QueryResult(variables, rows, "select")


def _whole(folder: str | os.PathLike, store: Callable[[], pyoxigraph.Store], query: NamedQuery,
           allow_service: Collection[str] = ()) -> dict:
    """The whole answer (``whole_answer``) of a query with a ``# kept:`` line as kept for the store's current
    generation: read back, else evaluated once and kept."""
    whole, widest = whole_answer(query)
    key, path = _key(folder, whole), _path(folder, whole)
    kept = _read(path, key)
    if kept is None:
        result = run_query(store(), whole, widest, allow_service)
        if result.kind != "select":
            raise QueryError(f"query {query.name!r}: a query with a '# kept:' line must be a SELECT")
        kept = _keep(path, key, result)
    return kept


def _picked_rows(kept: dict, by: KeptBy, values: dict[str, str]) -> list[int]:
    """The positions of the kept rows whose ``by.column`` is the value given (a plain literal: kept as its text), or
    whose text lies in the range given (SPARQL's STR: an IRI's or a literal's text; a blank node has none)."""
    try:
        column = kept["columns"][kept["variables"].index(by.column)]
    except ValueError:
        raise QueryError(f"'# kept: ?{by.column}': the query does not select ?{by.column}") from None
    cells = kept["terms"]
    if by.low:
        low, high = values[by.low], values[by.high]
        texts = ((i, cell if isinstance(cell, str) else None if cell[0] == "b" else cell[1])
                 for i, cell in enumerate(cells))
        wanted = {i for i, text in texts if text is not None and low <= text <= high}
    else:
        wanted = {i for i, cell in enumerate(cells) if cell == values[by.column]}
    return [row for row, i in enumerate(column) if i in wanted]


def _with_values(variables: tuple[str, ...], rows: tuple[tuple, ...], values: dict[str, str]) -> tuple[tuple, ...]:
    """The rows with each parameter's column holding the value given (as a binding would), not the whole answer's."""
    at = {variables.index(name): plain_literal(value) for name, value in values.items() if name in variables}
    return tuple(tuple(at.get(i, term) for i, term in enumerate(row)) for row in rows)


def _key(folder: str | os.PathLike, query: NamedQuery) -> list:
    """What kept rows must match: the store's generation (read before computing), the query's text and the layout
    of the file."""
    return [list(generation(folder) or ()), hashlib.sha256(query.text.encode("utf-8")).hexdigest(), LAYOUT]


def _path(folder: str | os.PathLike, query: NamedQuery) -> Path:
    """Where the answer of ``query`` is kept in the store folder."""
    return Path(folder) / RESULTS_DIR / f"{query.name}.json"


def _read(path: Path, key: list) -> dict | None:
    """The kept answer at ``path`` if it is there, readable and of ``key``; None otherwise."""
    try:
        kept = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return kept if isinstance(kept, dict) and kept.get("key") == key else None


def _keep(path: Path, key: list, result: QueryResult) -> dict:
    """Write the answer (atomically) and return what was written: each distinct term once, then each column as
    indexes into that list (unbound: -1), so reading it back parses flat lists of numbers. A failure is logged, not
    raised: the kept rows are only a shortcut."""
    index: dict[object, int] = {}
    columns = [[-1 if term is None else index.setdefault(term, len(index)) for term in column]
               for column in zip(*result.rows)] if result.rows else [[] for _ in result.variables]
    doc = {"key": key, "kind": result.kind, "variables": list(result.variables),
           "terms": [_encoded(term) for term in index], "columns": columns, "count": len(result.rows)}
    try:
        atomic_write(path, json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    except AkgError as exc:
        log.info("query answer not kept: %s", exc)
    return doc


def _encoded(term) -> str | list:
    """A term as JSON: a plain literal as its text (most cells: labels, sentences, blocs), [kind, text] for an IRI
    or blank node, [l, text, datatype, language] for any other literal."""
    if isinstance(term, Literal):
        if term.datatype is None and term.language is None:
            return str(term)
        return ["l", str(term), str(term.datatype) if term.datatype else None, term.language]
    return ["b" if isinstance(term, BNode) else "u", str(term)]


def _decoded(kept: dict, selected: Sequence[int] | None = None) -> tuple[tuple, ...]:
    """The kept rows (only those at the ``selected`` positions, if given) with rdflib terms again, each distinct
    term they use made once."""
    columns, cells = kept["columns"], kept["terms"]
    if not columns:  # a SELECT of no variables: empty rows
        return ((),) * (kept["count"] if selected is None else len(selected))
    if selected is None:
        terms = [_term(cell) for cell in cells] + [None]  # index -1: unbound
    else:
        columns = [[column[i] for i in selected] for column in columns]
        terms = {i: _term(cells[i]) for i in set().union(*columns) if i >= 0} | {-1: None}
    return tuple(zip(*(map(terms.__getitem__, column) for column in columns)))


def _term(cell: str | list):
    """One rdflib term from its JSON cell."""
    if isinstance(cell, str):
        return plain_literal(cell)
    kind, text, *typed = cell
    if kind == "l":
        datatype, language = typed
        return Literal(text, lang=language, datatype=URIRef(datatype) if datatype else None)
    return BNode(text) if kind == "b" else URIRef(text)


def kept_export(folder: str | os.PathLike, dest: str | os.PathLike, fmt: str,
                write: Callable[[BinaryIO], None]) -> Path:
    """``dest`` with the store in ``folder`` serialized as ``fmt``: copied from the file kept for the store's
    current generation, else written by ``write`` and then kept (a store that cannot be written to is
    exported all the same). The kept file is named after the generation, so a stale one is never read."""
    key = generation(folder)
    kept = Path(folder) / RESULTS_DIR / f"graph-{hashlib.sha256(repr(key).encode()).hexdigest()[:20]}.{fmt}"
    if key is not None and kept.is_file():
        _copy(kept, dest)
        return Path(dest)
    with atomic_file(dest) as out:
        write(out)
    if key is not None:
        try:
            for old in kept.parent.glob(f"graph-*.{fmt}"):
                old.unlink()
            _copy(Path(dest), kept)
        except (OSError, AkgError) as exc:
            log.info("%s export not kept: %s", fmt, exc)
    return Path(dest)


def _copy(source: Path, dest: str | os.PathLike) -> None:
    """Copy a file's bytes to ``dest`` atomically."""
    with open(source, "rb") as src, atomic_file(dest) as out:
        shutil.copyfileobj(src, out, 1 << 20)
