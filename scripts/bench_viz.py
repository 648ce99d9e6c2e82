"""Benchmark the graph page: render time in Python, load and draw time in headless Chromium.

For generated graphs of 100, 1,000 and 5,000 organizations it prints, side by
side, the page built with positions computed ahead (the default) and the page
left to vis-network's physics (stabilization, then physics off), the latter
given at most --physics-timeout seconds. No assertions: figures only.

Example:
    python scripts/bench_viz.py --sizes 100 1000 --physics-timeout 60
"""
from __future__ import annotations

import _checkout  # noqa: F401  (first: the checkout's graph/, with .venv/bin/python if need be)

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from graph.views.layout import spring_positions
from graph.views.viz import KIND_COLOURS, RELATION_COLOURS, render_html

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STATUSES = ["considering", "agreed", "active", "ended"]


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A scale-free graph of ``n`` organizations (~2 relations each) shaped like to_networkx's output."""
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n, 2, seed=seed)
    g = nx.MultiDiGraph()
    kinds, relations = sorted(KIND_COLOURS), sorted(RELATION_COLOURS)
    for i in skeleton.nodes:
        g.add_node(f"org/{i}", label=f"Org {i}", kind=rng.choice(kinds), country=rng.choice(["JP", "CN", "US", "DE"]),
                   discovered=rng.random() < 0.3)
    for a, b in skeleton.edges:
        relation = rng.choice(relations)
        status = None if relation == "competition" else rng.choice(STATUSES)
        evidence = [{"sentence": f"Org {a} and Org {b} announced a {relation} deal.", "doc": f"{a:05d}.txt",
                     "date": "2024-03", "status": status}]
        g.add_edge(f"org/{a}", f"org/{b}", relation=relation, status=status, fields=["batteries"],
                   date="2024-03", evidence=evidence)
    return g


def time_render(g: nx.MultiDiGraph, physics: bool) -> tuple[str, float, float]:
    """The page, the seconds spent computing the layout alone, and the seconds for the whole render."""
    start = time.perf_counter()
    if not physics:
        spring_positions(sorted(g.nodes), [(a, b) for a, b in g.edges()])
    layout = time.perf_counter() - start
    start = time.perf_counter()
    html = render_html(g, title=f"bench {g.number_of_nodes()}", physics=physics)
    return html, layout, time.perf_counter() - start


def time_page(browser, path: Path, timeout: float) -> str:
    """Seconds from navigation to the first draw with physics settled, in Chromium ('>N s' on timeout)."""
    page = browser.new_page(viewport={"width": 1400, "height": 850})
    try:
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("() => window.akg && window.akg.drawn && window.akg.stabilized",
                               timeout=timeout * 1000)
        return f"{time.perf_counter() - start:.2f}"
    except Exception as exc:  # a timeout is a figure here, not a failure
        if "Timeout" not in type(exc).__name__ and "Timeout" not in str(exc):
            raise
        return f">{timeout:.0f}"
    finally:
        page.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--physics-timeout", type=float, default=120.0,
                        help="seconds allowed for vis-network's stabilization per page")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    print(f"{'nodes':>6} {'edges':>6} {'KiB':>6} | {'layout s':>8} {'render s':>8} {'load+draw s':>11} |"
          f" {'render s':>8} {'load+stabilize s':>16}")
    print(f"{'':>20} | {'precomputed positions':^30} | {'vis physics':^26}")
    print("(render includes the layout; physics: stabilization capped at 300 iterations, then switched off)")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in args.sizes:
            g = synthetic_graph(n)
            row = []
            for physics in (False, True):
                html, layout, render = time_render(g, physics)
                path = Path(tmp) / f"bench-{n}-{physics}.html"
                path.write_text(html, encoding="utf-8")
                row.append((len(html.encode()) / 1024, layout, render, time_page(browser, path, args.physics_timeout)))
            (kib, layout, render, draw), (_, _, prender, stabilize) = row
            print(f"{n:>6} {g.number_of_edges():>6} {kib:>6.0f} | {layout:>8.2f} {render:>8.2f} {draw:>11} |"
                  f" {prender:>8.2f} {stabilize:>16}", flush=True)
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
