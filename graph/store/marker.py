"""The store's change marker: every change to a store folder rewrites a small file in it, so that the
readers of ``akg serve`` (which hold the store open read-only, a snapshot) know when to reopen it.

Light on purpose (no rdflib): the query workers import it.

Example:
    >>> from graph.store.marker import generation
    >>> generation("no/such/store") is None
    True
"""
from __future__ import annotations

import os
import time
from pathlib import Path

__all__ = ["MARKER", "mark_changed", "generation"]

MARKER = "akg-generation"
"""The marker's file name inside a store folder."""


def mark_changed(folder: str | os.PathLike) -> None:
    """Rewrite the marker (atomically: write a temporary file, then rename) after a change is on disk."""
    folder = Path(folder)
    tmp = folder / f".{MARKER}.{os.getpid()}.tmp"
    tmp.write_text(f"{time.time_ns()} {os.getpid()}\n", encoding="ascii")
    os.replace(tmp, folder / MARKER)


def generation(folder: str | os.PathLike) -> tuple | None:
    """What identifies the store's current state: the folder (a rebuild swaps in a new one) and the marker;
    None when there is no folder."""
    folder = Path(folder)
    try:
        ident = os.stat(folder).st_ino
    except OSError:
        return None
    try:
        mark = (folder / MARKER).read_text(encoding="ascii")
    except OSError:
        mark = None
    return ident, mark
