"""The interactive graph page: one self-contained, offline HTML file drawn by vis-network.

pyvis supplies the option model, the template mechanism and the vis-network
library it ships; the node and edge lists are built here directly (pyvis's
``add_edge`` is quadratic) and positions are computed ahead
(:mod:`graph.views.layout`), so the browser draws at once without running physics.
Every string reaches the page as JSON inside a non-executable script element,
with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped; the page's own script puts
text into the DOM with ``textContent`` only.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path

import networkx as nx
from markupsafe import Markup

from graph import vocab
from graph.views.analytics import filter_view, names_of, stats, to_networkx
from graph.errors import InputError
from graph.io import atomic_file
from graph.store.resolver import NameResolver
from graph.views.layout import spring_positions

__all__ = ["render_html", "write_html", "ego_network", "page_data", "overview", "KIND_COLOURS", "RELATION_COLOURS",
           "OVERVIEW_ABOVE", "OVERVIEW_SIZE"]

TEMPLATE = "graph.html"
VIS_LIB = ("lib", "vis-9.1.2")  # inside the pyvis package

KIND_COLOURS = {
    "Automaker": "#2e6fdb", "TechnologyCompany": "#f2b701", "SemiconductorCompany": "#b5cf6b",
    "BatteryMaker": "#3aa655", "Supplier": "#e8743b", "MobilityCompany": "#19a7a8",
    "EnergyCompany": "#8c564b", "InvestmentFirm": "#7f5fc9", "MediaOrganization": "#e377c2",
    "JointVenture": "#9ecae1", "Organization": "#a0a0a0",
}
RELATION_COLOURS = {
    "partnership": "#0072b2", "merger": "#8e44ad", "investment": "#009e73",
    "supply": "#e69f00", "competition": "#d62728",
}
FALLBACK_COLOUR = "#a0a0a0"
BLOC_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                "#bcbd22", "#393b79", "#ad494a", "#637939")  # blocs past the twelfth are grey
HUBS_LISTED = 10  # hubs and brokers the page lists
STABILIZATION_ITERATIONS = 300  # bound on vis-network's physics run when physics=True
NO_STATUS = "none"  # competition carries no lifecycle status
NO_FIELD = "none"  # a relation whose field of cooperation no article names
NO_COUNTRY = "unknown"  # an organization whose country the graph does not state
STATUS_STYLES = {  # dashes (false = solid), width, opacity
    "considering": {"dashes": [8, 6], "width": 1.5, "opacity": 1.0},
    "agreed": {"dashes": [16, 4], "width": 2.5, "opacity": 1.0},
    "active": {"dashes": False, "width": 3.5, "opacity": 1.0},
    "ended": {"dashes": [2, 5], "width": 1.5, "opacity": 0.55},
    NO_STATUS: {"dashes": False, "width": 1.5, "opacity": 1.0},
}
LABEL_MIN_PX = 9  # labels smaller than this on screen are not drawn (the page overview shows hubs' labels only)
TOP_LABELS = 12  # organizations (most relations first) whose labels stay readable however far one zooms out
READABLE_PX = 13  # the smallest on-screen size of their labels
OVERVIEW_ABOVE = 400  # a page of more organizations opens on an overview of ...
OVERVIEW_SIZE = 150  # ... about this many: the best-connected of each bloc, in proportion to its size
STEPS = ("reading the graph", "layout", "hubs, brokers and blocs", "writing the page")
"""What write_html reports to its ``progress`` callback, in order: progress(done, len(STEPS), next step)."""
Progress = Callable[[int, int, str], None]
DATA_SLOT = "\x00akg-data\x00"
"""Where the page's data goes in the rendered template: its last occurrence (only our own scripts follow it; a
title, earlier, may hold anything)."""
JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def ego_network(g: nx.MultiDiGraph, focus: str, depth: int = 1) -> tuple[nx.MultiDiGraph, str]:
    """The organizations within ``depth`` relations of ``focus`` (label, case-insensitive, or node id), and its id."""
    wanted = focus.casefold()
    matches = sorted((n for n, label in g.nodes(data="label") if n == focus or str(label or n).casefold() == wanted),
                     key=lambda n: (n != focus, str(n)))
    if not matches:
        raise InputError(f"no organization labelled {focus!r} in the graph")
    centre = matches[0]
    return nx.ego_graph(g, centre, radius=depth, undirected=True), centre


def _rgba(hex_colour: str, opacity: float) -> str:
    """``#rrggbb`` with an alpha channel, as vis-network accepts it."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{opacity})"


def _status_key(status: str | None) -> str:
    """The status's key in the page (``none`` for competition)."""
    return status or NO_STATUS


def _edge_rows(g: nx.MultiDiGraph) -> list[dict]:
    """One row per relationship (edge), sorted; symmetric relations with their pair in sorted order."""
    terms = vocab.relations()
    rows = []
    for a, b, attrs in g.edges(data=True):
        relation = attrs["relation"]
        symmetric = relation not in terms or terms[relation].symmetric
        src, dst = (min(a, b), max(a, b)) if symmetric else (a, b)
        rows.append({"from": str(src), "to": str(dst), "relation": relation, "directed": not symmetric,
                     "status": _status_key(attrs.get("status")), "fields": sorted(attrs.get("fields") or []),
                     "date": attrs.get("date"), "first_date": attrs.get("first_date"),
                     "evidence": _evidence(attrs.get("evidence") or [])})
        rows[-1]["history"] = _history(rows[-1])
    return sorted(rows, key=_row_order)


def _day(date: str | None) -> str | None:
    """The first day of an ISO year, month or day ('2024-03' -> '2024-03-01'); None for no or another date."""
    if not date or len(date) not in (4, 7, 10):
        return None
    return date + "-01-01"[len(date) - 4:]


def _history(row: dict) -> list[list[str]]:
    """[day, status] of each dated statement about a relationship, in the order they took effect.

    The page's "as of" slider reads it: a relationship exists from its first day, with the status of its
    latest statement on or before the chosen day (the more advanced one on a tie, as the graph's own status).
    A relationship whose evidence is undated but which has a first date starts on that date.
    """
    ranks = {t.key: t.rank for t in vocab.statuses().values()}
    found = {(_day(ev["date"]), ev["status"] or NO_STATUS) for ev in row["evidence"] if _day(ev["date"])}
    if not found and _day(row["first_date"] or row["date"]):
        found = {(_day(row["first_date"] or row["date"]), row["status"])}
    return [list(step) for step in sorted(found, key=lambda step: (step[0], ranks.get(step[1], -1), step[1]))]


def _row_order(row: dict) -> tuple:
    """Sort key giving edges a stable order (and a stable id)."""
    return row["relation"], row["from"], row["to"], row["status"], json.dumps(row, sort_keys=True)


def _evidence(items: list) -> list[dict]:
    """Evidence items as plain sorted dicts: sentence, source document, date, status, and the article's title,
    outlet, publication date and URL (None when the graph does not hold them)."""
    keep = ("sentence", "doc", "date", "status", "title", "outlet", "published", "url")
    rows = [{k: (str(item[k]) if item.get(k) is not None else None) for k in keep} for item in items]
    return sorted(rows, key=lambda r: tuple(v or "" for v in r.values()))


def _curves(rows: list[dict]) -> None:
    """Give edges sharing a pair of nodes distinct curves so none hides another."""
    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        by_pair[tuple(sorted((row["from"], row["to"])))].append(row)
    for (low, _), group in by_pair.items():
        for i, row in enumerate(group):
            offset = i - (len(group) - 1) / 2
            if offset == 0:
                row["smooth"] = False
                continue
            clockwise = (offset > 0) == (row["from"] == low)
            row["smooth"] = {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                             "roundness": round(min(0.5 * abs(offset), 0.9), 2)}


def _styled_edges(rows: list[dict]) -> list[dict]:
    """vis-network edges: colour by relation, dashes/width/opacity by status, arrows on directed relations."""
    _curves(rows)
    for i, row in enumerate(rows):
        style = STATUS_STYLES.get(row["status"], STATUS_STYLES[NO_STATUS])
        colour = _rgba(RELATION_COLOURS.get(row["relation"], FALLBACK_COLOUR), style["opacity"])
        row.update(id=i, dashes=style["dashes"], width=style["width"],
                   color={"color": colour, "highlight": colour, "hover": colour},
                   arrows={"to": {"enabled": row["directed"], "scaleFactor": 0.6}})
    return rows


def _node_rows(g: nx.MultiDiGraph, positions: dict | None, focus: str | None,
               bloc_of: dict[str, int] | None = None) -> list[dict]:
    """vis-network nodes: colour by organization type, size by degree, precomputed position, alliance bloc."""
    rows, bloc_of = [], bloc_of or {}
    for node in sorted(g.nodes, key=str):
        attrs = g.nodes[node]
        kind = attrs.get("kind") or "Organization"
        degree = g.degree(node)
        colour = KIND_COLOURS.get(kind, FALLBACK_COLOUR)
        row = {"id": str(node), "label": str(attrs.get("label") or node), "kind": kind,
               "country": attrs.get("country"), "discovered": bool(attrs.get("discovered")), "degree": degree,
               "size": round(10 + 5 * math.sqrt(degree), 1),
               "color": {"background": colour, "border": "#1f2937" if node == focus else colour,
                         "highlight": {"background": colour, "border": "#111827"},
                         "hover": {"background": colour, "border": "#111827"}},
               "borderWidth": 4 if node == focus else 1,
               "font": {"size": round(14 + 5 * math.sqrt(degree))},  # hubs stay labelled when zoomed out
               "bloc": bloc_of.get(str(node))}
        if positions is not None:
            row["x"], row["y"] = positions[str(node)]
        rows.append(row)
    return rows


def _legend(nodes: list[dict], edges: list[dict]) -> dict:
    """Legend entries (key, label, colour, count): types present, every relation and status."""
    kind_labels = _kind_labels()
    kind_counts = Counter(n["kind"] for n in nodes)
    relation_counts = Counter(e["relation"] for e in edges)
    status_counts = Counter(e["status"] for e in edges)
    statuses = [(t.key, t.label) for t in vocab.statuses().values()] + [(NO_STATUS, "no status (competition)")]
    return {
        "kinds": [{"key": k, "label": kind_labels.get(k, k), "color": KIND_COLOURS.get(k, FALLBACK_COLOUR),
                   "count": kind_counts[k]} for k in sorted(kind_counts)],
        "fields": _tally((f for e in edges for f in (e["fields"] or [NO_FIELD])), NO_FIELD, "no field stated"),
        "countries": _tally((n["country"] or NO_COUNTRY for n in nodes), NO_COUNTRY, "country unknown"),
        "relations": [{"key": k, "label": t.label, "color": RELATION_COLOURS.get(k, FALLBACK_COLOUR),
                       "directed": not t.symmetric, "count": relation_counts.get(k, 0)}
                      for k, t in sorted(vocab.relations().items(), key=lambda kt: _legend_rank(kt[0]))],
        "statuses": [dict(key=k, label=label, count=status_counts.get(k, 0), **STATUS_STYLES[k])
                     for k, label in statuses],
    }


def _tally(keys, missing: str, missing_label: str) -> list[dict]:
    """Filter entries (key, label, count) for the keys seen, sorted, the entry for a missing value last."""
    counts = Counter(keys)
    ordered = sorted(k for k in counts if k != missing) + ([missing] if missing in counts else [])
    return [{"key": k, "label": missing_label if k == missing else k, "count": counts[k]} for k in ordered]


def _legend_rank(relation: str) -> tuple[int, str]:
    """Relations in the contract's order (partnership first), unknown ones last."""
    order = list(RELATION_COLOURS)
    return (order.index(relation) if relation in order else len(order), relation)


def _kind_labels() -> dict[str, str]:
    """Organization class local name -> its rdfs:label in the ontology."""
    g = vocab.ontology_graph()
    return {k: str(g.value(iri, vocab.RDFS.label) or k) for k, iri in vocab.org_kinds().items()}


def _network(physics: bool):
    """pyvis's Network as option model and template loader: our template, autoescaped; physics only if asked."""
    from pyvis.network import Network  # imported here: pyvis pulls in IPython (~0.4 s)

    net = Network(cdn_resources="in_line")
    net.set_template_dir(str(resources.files("graph.views.templates")), TEMPLATE)
    net.templateEnv.autoescape = True
    net.toggle_physics(physics)
    net.options.physics.stabilization.iterations = STABILIZATION_ITERATIONS
    net.options.edges.smooth.enabled = False
    net.options.edges.color.inherit = False
    net.options.interaction.hover = True
    return net


def _options(physics: bool) -> dict:
    """vis-network options: pyvis's, plus navigation buttons, keyboard, fixed layout seed and node style."""
    options = json.loads(_network(physics).options.to_json())
    options["interaction"].update(navigationButtons=True, keyboard={"enabled": True, "bindToWindow": False},
                                  tooltipDelay=150, multiselect=False)
    options["layout"] = {"improvedLayout": False, "randomSeed": 7}
    options["nodes"] = {"shape": "dot", "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3,
                                                 "strokeColor": "#ffffff", "color": "#111827"},
                        "scaling": {"label": {"drawThreshold": LABEL_MIN_PX}}}
    return options


def _analysis(g: nx.MultiDiGraph, top: int = HUBS_LISTED) -> dict:
    """Hubs, brokers and blocs of the page's organizations (the same measures as ``akg stats``), blocs coloured."""
    found = stats(g, top=top)
    for bloc in found["blocs"]:
        bloc["color"] = BLOC_COLOURS[bloc["bloc"] - 1] if bloc["bloc"] <= len(BLOC_COLOURS) else FALLBACK_COLOUR
    return {"hubs": [{k: h[k] for k in ("id", "label", "degree")} for h in found["hubs"]],
            "brokers": [{k: b[k] for k in ("id", "label", "betweenness")} for b in found["brokers"]],
            "blocs": found["blocs"]}


def overview(nodes: list[dict], blocs: list[dict], size: int = OVERVIEW_SIZE) -> list[str]:
    """The organizations a large page opens on: each bloc's best-connected members, about ``size`` in all.

    Each bloc (largest first) gives a share in proportion to its size, at least one, from the top of its
    member list (most partners first); organizations in no bloc (rivals only) fill what is left by degree.
    The page adds an organization's partners when it is chosen, and shows everything on "Show all".

    Example:
        >>> nodes = [{"id": i, "degree": d} for i, d in (("a", 3), ("b", 1), ("c", 2), ("d", 1), ("e", 5))]
        >>> overview(nodes, [{"ids": ["a", "b", "d"], "size": 3}, {"ids": ["c"], "size": 1}], size=3)
        ['a', 'b', 'c']
    """
    total = sum(b["size"] for b in blocs) or 1
    chosen: list[str] = []
    for bloc in blocs:
        share = max(1, round(size * bloc["size"] / total))
        chosen.extend(bloc["ids"][:min(share, size - len(chosen))])
        if len(chosen) >= size:
            break
    taken = set(chosen)
    rest = sorted((n for n in nodes if n["id"] not in taken), key=lambda n: (-n["degree"], n["id"]))
    chosen.extend(n["id"] for n in rest[:max(0, size - len(chosen))])
    return sorted(chosen)


def _dates(edges: list[dict]) -> dict:
    """The first and last day any relationship's history names (None when nothing is dated): the slider's range."""
    days = [step[0] for e in edges for step in e["history"]]
    return {"first": min(days, default=None), "last": max(days, default=None)}


def _spellings(names: NameResolver, nodes: list[dict]) -> list[list[str]]:
    """[spelling, node id] for every label, alias, ticker and Wikidata id of the page's organizations, sorted.

    The page's search box matches what is typed against these, so "TSLA" or "Nissan Motor" finds its node.
    """
    ids = {}
    for node in nodes:
        ids.setdefault(node["label"], node["id"])
    out = {(node["label"], node["id"]) for node in nodes}
    for org in names.registry:
        if org.label in ids:
            spellings = (*org.aliases, *org.tickers, *([org.wikidata] if org.wikidata else []))
            out.update((spelling, ids[org.label]) for spelling in spellings)
    return [list(pair) for pair in sorted(out)]


def page_data(g: nx.MultiDiGraph, focus: str | None = None, depth: int = 1, physics: bool = False,
              names: NameResolver | None = None, progress: Progress | None = None) -> dict:
    """Everything the page draws, as plain JSON-ready data (nodes, edges, legend, search names, options).

    ``names`` gives the aliases and tickers search accepts; by default the reference list's for the graph's labels.
    """
    centre = None
    if focus is not None:
        g, centre = ego_network(g, focus, depth)
    edges = _styled_edges(_edge_rows(g))
    _report(progress, 1)
    positions = None if physics else spring_positions(sorted(str(n) for n in g.nodes),
                                                      [(e["from"], e["to"]) for e in edges])
    _report(progress, 2)
    analysis = _analysis(g)
    nodes = _node_rows(g, positions, centre, {n: b["bloc"] for b in analysis["blocs"] for n in b["ids"]})
    large = centre is None and len(nodes) > OVERVIEW_ABOVE
    return {"focus": None if centre is None else str(centre), "physics": physics, "nodes": nodes, "edges": edges,
            "overview": overview(nodes, analysis["blocs"], OVERVIEW_SIZE) if large else None,
            "legend": _legend(nodes, edges), "names": _spellings(names or names_of(g), nodes),
            "analysis": analysis, "dates": _dates(edges),
            "missing": {"field": NO_FIELD, "country": NO_COUNTRY},
            "labels": {"top": TOP_LABELS, "readable_px": READABLE_PX},
            "options": _options(physics)}


def _script_json(value) -> str:
    """JSON safe inside a <script> element: no '</script>', no '<!--', no raw line separators."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(JSON_ESCAPES)


def _script_json_pieces(data: dict) -> Iterator[str]:
    """``_script_json(data)`` in pieces, one per key and per item of a list value: the text ``_script_json`` gives,
    never held whole (the page's data of a big graph is tens of megabytes of JSON)."""
    yield "{"
    for i, key in enumerate(sorted(data)):
        yield ("," if i else "") + _script_json(key) + ":"
        value = data[key]
        if isinstance(value, list):
            yield "["
            for j, item in enumerate(value):
                yield ("," if j else "") + _script_json(item)
            yield "]"
        else:
            yield _script_json(value)
    yield "}"


def _asset(*parts: str, package: str = "graph.views.templates") -> Markup:
    """The text of a packaged asset, marked safe for inlining."""
    return Markup(resources.files(package).joinpath(*parts).read_text(encoding="utf-8"))


def _report(progress: Progress | None, done: int) -> None:
    """Tell ``progress`` that ``done`` of the STEPS are done (and which comes next)."""
    if progress is not None:
        progress(done, len(STEPS), STEPS[done] if done < len(STEPS) else "done")


def render_html(g: nx.MultiDiGraph, title: str = "Automaker alliances", focus: str | None = None,
                depth: int = 1, physics: bool = False, names: NameResolver | None = None,
                progress: Progress | None = None) -> str:
    """The page for a networkx view of the graph (see graph.views.analytics.to_networkx); same graph, same text.

    ``focus`` limits the page to the organizations within ``depth`` relations of one organization.
    ``physics`` lets vis-network place the nodes in the browser instead (slow past a few hundred nodes).
    ``names`` (a graph's NameResolver) gives the aliases and tickers the search box knows.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("n", label="Nissan", kind="Automaker")
        >>> g.add_node("h", label="Honda", kind="Automaker")
        >>> g.add_edge("n", "h", relation="partnership", status="agreed", fields=[], date="2024-03", evidence=[])
        0
        >>> "Nissan" in render_html(g)
        True
    """
    return "".join(_page(page_data(g, focus, depth, physics, names, progress), title, progress))


def _page(data: dict, title: str, progress: Progress | None) -> Iterator[str]:
    """The page's text for ``data`` (see page_data) in pieces: the template around a slot, the data's JSON in it."""
    _report(progress, 3)
    scripts = {"vis_js": _asset(*VIS_LIB, "vis-network.min.js", package="pyvis"), "page_js": _asset("graph.js")}
    head, tail = _network(data["physics"]).templateEnv.get_template(TEMPLATE).render(
        title=title, data_json=Markup(DATA_SLOT), legend=data["legend"], csp=_csp(scripts.values()),
        node_count=len(data["nodes"]), edge_count=len(data["edges"]),
        vis_css=_asset(*VIS_LIB, "vis-network.css", package="pyvis"), page_css=_asset("graph.css"), **scripts
    ).rsplit(DATA_SLOT, 1)
    yield head
    yield from _script_json_pieces(data)
    yield tail


def _csp(scripts) -> str:
    """A Content-Security-Policy allowing exactly our inline scripts (by hash): no network, no injected code."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def write_html(graph, path: str | Path, title: str = "Automaker alliances", focus: str | None = None,
               depth: int = 1, since: str | None = None, relations: Sequence[str] = (),
               fields: Sequence[str] = (), progress: Progress | None = None) -> Path:
    """Write the page for an rdflib graph, an Oxigraph store or a networkx view to ``path``, atomically; return it.

    On an rdflib graph, ``focus`` may be any name of the organization (alias, ticker, Wikidata id, any case).
    ``since``, ``relations`` and ``fields`` keep only the relationships dated since a day, month or year, of
    those relations, in those fields (see graph.views.analytics.filter_view; a bad value lists the allowed ones).
    ``progress(done, total, next step)`` hears of each of the STEPS (the CLI draws a bar; the library never prints).
    The page is written as the template renders it, from its data alone (the networkx view is gone by then).
    """
    _report(progress, 0)
    data = _graph_data(graph, focus, depth, since, relations, fields, progress)
    with atomic_file(path) as out:
        for piece in _page(data, title, progress):
            out.write(piece.encode("utf-8"))
    _report(progress, len(STEPS))
    return Path(path)


def _graph_data(graph, focus: str | None, depth: int, since: str | None, relations: Sequence[str],
                fields: Sequence[str], progress: Progress | None) -> dict:
    """page_data for an rdflib graph, an Oxigraph store or a networkx view, filtered as ``write_html`` says."""
    names = None if isinstance(graph, nx.Graph) else names_of(graph)
    if names is not None and focus is not None:
        focus = names.resolve(focus).label
    g = graph if isinstance(graph, nx.Graph) else to_networkx(graph)
    if since is not None or relations or fields:
        g = filter_view(g, since, relations, fields)
        if g.number_of_nodes() == 0:
            raise InputError("no relationship passes the filters (--since, --relation, --field): nothing to draw")
    return page_data(g, focus, depth, names=names, progress=progress)
