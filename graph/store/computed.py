"""Named queries answered in two steps: SPARQL selects what is needed, Python computes the rows from it.

A query file names its computation in a header line (``# computed: blocs``); its SPARQL selects the
input the computation reads. Blocs are graph analytics (the triangles of the tie graph), which a
three-way SPARQL join answered in tens of seconds at a million triples; from the ~50,000 ties, set
intersections give the same rows in a fraction of a second, on Oxigraph and on rdflib alike.

Example:
    >>> from rdflib import Literal
    >>> ties = [(Literal(a), Literal(b)) for a, b in ("NH", "HN", "HB", "BH", "BN", "NB", "TX", "XT")]
    >>> columns, rows = compute("blocs", ("a", "b"), ties)
    >>> columns, [(int(size), str(bloc)) for size, bloc in rows]
    (('size', 'bloc'), [(3, 'B, H, N'), (2, 'T, X')])
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import Literal

from graph.errors import QueryError

__all__ = ["COMPUTATIONS", "compute", "blocs"]

Rows = list[tuple]


def blocs(ties: Iterable[tuple]) -> tuple[tuple[str, ...], Rows]:
    """Trios of organizations tied pairwise, then tied pairs in no trio; largest first, then by text.

    ``ties`` are (a, b) label pairs: a is tied to b (a partnership, merger or stake, either way). A bloc is
    its members' labels sorted and joined by ", "; organizations are their labels (one resource each).
    """
    out: dict[str, set[str]] = {}
    into: dict[str, set[str]] = {}
    for a, b in ties:
        out.setdefault(str(a), set()).add(str(b))
        into.setdefault(str(b), set()).add(str(a))
    trios = sorted(", ".join((a, b, c)) for a in out for b in out[a] if a < b
                   for c in out.get(b, set()) & into.get(a, set()) if b < c)
    pairs = sorted(f"{a}, {b}" for a in out for b in out[a] if a < b
                   and not (out[a] & out.get(b, set())) - {a, b})
    three, two = Literal(3), Literal(2)
    return ("size", "bloc"), [(three, Literal(t)) for t in trios] + [(two, Literal(p)) for p in pairs]


COMPUTATIONS: dict[str, Callable[[Iterable[tuple]], tuple[tuple[str, ...], Rows]]] = {"blocs": blocs}
"""Name (in a query file's ``# computed:`` line) -> function from the SPARQL rows to (columns, rows)."""


def compute(name: str, variables: tuple[str, ...], rows: Iterable[tuple]) -> tuple[tuple[str, ...], Rows]:
    """The rows of the computation ``name`` (one of COMPUTATIONS) from a SELECT's rows; QueryError for a non-pair."""
    if len(variables) != 2:
        raise QueryError(f"computation {name!r} reads two columns, the query selects {len(variables)}")
    return COMPUTATIONS[name](rows)
