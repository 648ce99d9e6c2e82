"""Answers of the whole-graph named queries, kept in the store folder and computed once per store generation.

A named query without parameters (``blocs``, ``ranking``, ``relationships``) reads the whole graph: at a
million triples it takes a second or more (blocs are graph analytics computed in Python), and its answer
changes only when the store does. Its rows are kept in ``STORE/akg-results/NAME.json`` together with the
store's generation (``graph.store.marker``: rewritten by every change, a rebuild swaps in a new folder) and
the query's text; a query of the same generation and text reads the rows back instead of evaluating it.
Any change to the store makes the kept rows stale; they are computed again, once, by the next query.
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
from collections.abc import Callable, Collection
from pathlib import Path
from typing import BinaryIO

import pyoxigraph
from rdflib import BNode, Literal, URIRef

from graph.errors import AkgError
from graph.io import atomic_file, atomic_write
from graph.store.marker import generation
from graph.store.query import NamedQuery, QueryResult, run_query

__all__ = ["RESULTS_DIR", "query_store", "kept_result", "kept_export"]

log = logging.getLogger(__name__)

RESULTS_DIR = "akg-results"
"""The folder, inside a store folder, of the kept answers (one JSON file per named query)."""


def query_store(folder: str | os.PathLike, store: Callable[[], pyoxigraph.Store], query: NamedQuery | str,
                bindings: dict[str, str] | None = None, allow_service: Collection[str] = ()) -> QueryResult:
    """``run_query`` over the store in ``folder`` (``store()`` opens it, only when the query is evaluated), the
    answers of named queries without parameters kept per store generation."""
    def evaluated() -> QueryResult:
        return run_query(store(), query, bindings, allow_service)

    if isinstance(query, str) or query.params or bindings:
        return evaluated()
    return kept_result(folder, query, evaluated)


def kept_result(folder: str | os.PathLike, query: NamedQuery, compute: Callable[[], QueryResult]) -> QueryResult:
    """The answer of ``query`` over the store in ``folder``: read back when kept for the store's current
    generation, else ``compute()``-d and kept (a store that cannot be written to is answered all the same)."""
    key = _key(folder, query)
    path = Path(folder) / RESULTS_DIR / f"{query.name}.json"
    kept = _read(path, key)
    if kept is not None:
        return QueryResult(tuple(kept["variables"]), _decoded(kept), kept["kind"])
    result = compute()
    if result.kind == "select":
        _keep(path, key, result)
    return result


def _key(folder: str | os.PathLike, query: NamedQuery) -> list:
    """What kept rows must match: the store's generation (read before computing) and the query's text."""
    return [list(generation(folder) or ()), hashlib.sha256(query.text.encode("utf-8")).hexdigest()]


def _read(path: Path, key: list) -> dict | None:
    """The kept answer at ``path`` if it is there, readable and of ``key``; None otherwise."""
    try:
        kept = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return kept if isinstance(kept, dict) and kept.get("key") == key else None


def _keep(path: Path, key: list, result: QueryResult) -> None:
    """Write the answer (atomically): each distinct term once, rows as indexes into that list (unbound: -1).
    A failure is logged, not raised: the kept rows are only a shortcut."""
    index: dict[object, int] = {}
    rows = [[-1 if term is None else index.setdefault(term, len(index)) for term in row] for row in result.rows]
    doc = {"key": key, "kind": result.kind, "variables": list(result.variables),
           "terms": [_encoded(term) for term in index], "rows": rows}
    try:
        atomic_write(path, json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    except AkgError as exc:
        log.info("query answer not kept: %s", exc)


def _encoded(term) -> list:
    """A term as JSON: [kind, text] for an IRI or blank node, [l, text, datatype, language] for a literal."""
    if isinstance(term, Literal):
        return ["l", str(term), str(term.datatype) if term.datatype else None, term.language]
    return ["b" if isinstance(term, BNode) else "u", str(term)]


def _decoded(kept: dict) -> tuple[tuple, ...]:
    """The kept rows with rdflib terms again, each distinct term made once."""
    terms = [_term(*cell) for cell in kept["terms"]] + [None]  # index -1: unbound
    return tuple(tuple(map(terms.__getitem__, row)) for row in kept["rows"])


def _term(kind: str, text: str, datatype: str | None = None, language: str | None = None):
    """One rdflib term from its JSON cell."""
    if kind == "l":
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
