"""The analysis commands' text: ``akg stats`` and ``akg path`` results as an aligned table, CSV or JSON.

Takes the plain records :mod:`graph.views.analytics` returns and gives back strings (the CLI prints them);
terminal controls in labels are escaped. Imports point one way: this module reads analytics' records,
analytics knows nothing of text.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from graph.errors import InputError, json_escaped, printable

__all__ = ["format_stats", "format_chain", "REPORT_FORMATS"]

REPORT_FORMATS = ("table", "csv", "json")


def _format_rows(columns: Sequence[str], rows: list[Sequence], fmt: str) -> str:
    """Rows as an aligned table or CSV, terminal controls escaped."""
    cells = [[printable("" if v is None else str(v)) for v in row] for row in rows]
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([list(columns), *cells])
        return out.getvalue()
    widths = [max(len(c), *(len(r[i]) for r in cells)) if cells else len(c) for i, c in enumerate(columns)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in [list(columns), *cells]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _json(value) -> str:
    return json_escaped(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


def _check_format(fmt: str) -> None:
    if fmt not in REPORT_FORMATS:
        raise InputError(f"unknown format {fmt!r} (allowed: {', '.join(REPORT_FORMATS)})")


def format_stats(result: dict, fmt: str = "table") -> str:
    """:func:`graph.views.analytics.stats` as text: table or csv (section, rank, organization, value), or json (the record itself).

    Example:
        >>> import networkx as nx
        >>> from graph.views.analytics import stats
        >>> g = nx.MultiDiGraph()
        >>> _ = g.add_edge("n", "h", relation="partnership")
        >>> nx.set_node_attributes(g, {"n": "Nissan", "h": "Honda"}, "label")
        >>> print(format_stats(stats(g), "csv"), end="")
        section,rank,organization,value
        hub,1,Honda,1
        hub,2,Nissan,1
        bloc,1,Honda,2
        bloc,1,Nissan,2
    """
    _check_format(fmt)
    if fmt == "json":
        return _json(result)
    rows = [("hub", i, h["label"], h["degree"]) for i, h in enumerate(result["hubs"], 1)]
    rows += [("broker", i, b["label"], b["betweenness"]) for i, b in enumerate(result["brokers"], 1)]
    rows += [("bloc", b["bloc"], member, b["size"]) for b in result["blocs"] for member in b["members"]]
    return _format_rows(("section", "rank", "organization", "value"), rows, fmt)


def format_chain(chain: dict, fmt: str = "table") -> str:
    """:func:`graph.views.analytics.shortest_chain` as text: table (the chain on one line, then one row per relationship), csv, or json.

    Example:
        >>> chain = {"organizations": ["Tesla", "BYD"], "steps": [{"from": "Tesla", "to": "BYD", "relations": [
        ...     {"relation": "competition", "status": None, "date": "2024", "directed": False,
        ...      "subject": "BYD", "object": "Tesla"}]}]}
        >>> print(format_chain(chain, "csv"), end="")
        step,from,relation,to,status,date
        1,Tesla,competition,BYD,,2024
    """
    _check_format(fmt)
    if fmt == "json":
        return _json(chain)
    rows = [(i, step["from"], _relation_text(r, step["from"]), step["to"], r["status"], r["date"])
            for i, step in enumerate(chain["steps"], 1) for r in step["relations"]]
    text = _format_rows(("step", "from", "relation", "to", "status", "date"), rows, fmt)
    if fmt == "table":
        count = len(chain["steps"])
        text = (printable(" - ".join(chain["organizations"])) + f"  ({count} step{'' if count == 1 else 's'})\n\n"
                + text)
    return text


def _relation_text(relation: dict, walking_from: str) -> str:
    """'partnership'; 'supply ->' when the chain walks the way a directed relation points, 'supply <-' otherwise."""
    if not relation["directed"]:
        return relation["relation"]
    return relation["relation"] + (" ->" if relation["subject"] == walking_from else " <-")
