#!/usr/bin/env python3
"""The whole tool at several corpus sizes: extract, build, export, page and every named query, in one table.

usage: python scripts/bench.py [--sizes 1000 10000 50000] [--runs 3] [--timeout 60]

For each size, writes a synthetic corpus of ~2 KB articles (scripts/bench_extract.py's
generator) and measures, each in a fresh process (so peak memory is a user's run):
``akg build`` itself (extract, store, Turtle and page, streamed, one extraction
process), then, beside rdflib in memory on the same graph: extracting the facts
(articles/s), writing Turtle, loading it, writing the page, and each named query's
median latency on the store against rdflib's (rdflib's queries run in a forked child
stopped after --timeout seconds, shown as "> N s"). Peak memory is each process's
maximum resident size. Progress goes to stderr, the table (Markdown) to stdout.
"""
from __future__ import annotations

import _checkout  # noqa: F401  (first: the checkout's graph/, with .venv/bin/python if need be)

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLUMNS = ("articles", "step", "akg", "rdflib in memory", "rate")
"""The table's columns: the step's figure with akg (Oxigraph store), with rdflib in memory, and a throughput."""


def _timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - start


def _parameters(extractions, fields: list[str]) -> dict[str, dict[str, str]]:
    """Bindings for each named query: the pair of organizations stated together most often, a field in use,
    a status, the synthetic articles' year."""
    from collections import Counter

    from graph.store.query import named_queries

    pairs = Counter(tuple(sorted((f.subject, f.object))) for e in extractions for f in e.facts)
    a, b = pairs.most_common(1)[0][0] if pairs else ("Nissan", "Honda")
    values = {"org": a, "a": a, "b": b, "field": (fields or ["EV batteries"])[0], "status": "active",
              "from": "2024-01", "to": "2024-12-31"}
    return {name: {p: values[p] for p in q.params} for name, q in named_queries().items()}


def measure_build(corpus: str, outdir: str) -> dict:
    """In this (fresh) process: ``akg build`` of the corpus (one extraction process); seconds, counts, peak memory."""
    from graph.pipeline import build

    result, seconds = _timed(lambda: build([corpus], outdir))
    return {"seconds": seconds, "documents": result.documents, "facts": result.fact_count,
            "triples": result.triple_count, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure(corpus: str, store_path: str, runs: int, timeout: float) -> dict:
    """In this (fresh) process: every step on one corpus and its built store, rdflib in memory beside it; seconds,
    counts and peak memory as a dict."""
    import bench_store
    from rdflib import Graph

    from graph.pipeline import extract_inputs
    from graph.rdf.build import build_graph
    from graph.store.store import Store
    from graph.views.viz import write_html

    out: dict = {"steps": {}}
    steps = out["steps"]
    work = Path(tempfile.mkdtemp(prefix="akg-bench-"))
    extractions, steps["extract"] = _timed(lambda: list(extract_inputs([corpus])))
    graph, steps["build_rdflib"] = _timed(build_graph, extractions)
    store = Store(store_path, create=False)
    ttl, steps["turtle_store"] = _timed(store.serialize, "ttl")
    _, steps["turtle_rdflib"] = _timed(lambda: graph.serialize(format="turtle", encoding="utf-8"))
    (work / "graph.ttl").write_bytes(ttl)
    _, steps["load_store"] = _timed(lambda: Store(work / "loaded").load(work / "graph.ttl"))
    _, steps["load_rdflib"] = _timed(lambda: Graph().parse(work / "graph.ttl", format="turtle"))
    _, steps["page"] = _timed(write_html, store.oxigraph, work / "graph.html")
    fields = sorted({f for e in extractions for fact in e.facts for f in fact.fields})
    out["queries"] = {}
    for name, bindings in _parameters(extractions, fields).items():
        _, s_med, s_rows = bench_store.store_median(store, name, bindings, runs, timeout)
        r_med, r_rows = bench_store.rdflib_median(graph, name, bindings, runs, timeout)
        out["queries"][name] = {"store": s_med, "rdflib": r_med, "rows": s_rows, "rdflib_rows": r_rows}
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def run(corpus: Path, runs: int, timeout: float) -> dict:
    """measure_build(), then measure() on the store it built, each in a fresh Python process."""
    with tempfile.TemporaryDirectory(prefix="akg-bench-out-") as outdir:
        built = _child("--build", str(corpus), outdir)
        found = _child("--measure", str(corpus), "--store", str(Path(outdir) / "store"),
                       "--runs", str(runs), "--timeout", str(timeout))
    return {**found, "build": built}


def _child(*args: str) -> dict:
    """Run this script with ``args`` in a new process; its JSON answer."""
    done = subprocess.run([sys.executable, __file__, *args], check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout)


def _s(seconds: float | None, timeout: float = 0) -> str:
    if seconds is None:
        return f"> {timeout:g} s"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def rows(count: int, r: dict, timeout: float) -> list[tuple[str, ...]]:
    """The table's rows for one corpus size."""
    s, n, b = r["steps"], str(count), r["build"]
    out = [(n, "extract", _s(s["extract"]), "", f"{count / s['extract']:.1f} articles/s"),
           (n, f"akg build: extract, store, Turtle, page ({b['triples']:,} triples, {b['facts']:,} facts); "
               "rdflib: build_graph after extract", _s(b["seconds"]), _s(s["build_rdflib"]),
            f"{count / b['seconds']:.1f} articles/s"),
           (n, "write Turtle", _s(s["turtle_store"]), _s(s["turtle_rdflib"]),
            f"{b['triples'] / s['turtle_store']:,.0f} triples/s"),
           (n, "load that Turtle", _s(s["load_store"]), _s(s["load_rdflib"]),
            f"{b['triples'] / s['load_store']:,.0f} triples/s"),
           (n, "write the page", _s(s["page"]), "", "")]
    for name, q in r["queries"].items():
        ratio = f"{q['rdflib'] / q['store']:.0f}x rdflib" if q["rdflib"] else ""
        differ = "" if q["rdflib"] is None or q["rows"] == q["rdflib_rows"] else " (rows differ)"
        out.append((n, f"query `{name}` ({q['rows']} rows), median", _s(q["store"]), _s(q["rdflib"], timeout) + differ,
                    ratio))
    out.append((n, "peak memory: akg build; the steps above with rdflib (one process each)", f"{b['peak_mb']:,.0f} MB",
                f"{r['peak_mb']:,.0f} MB", ""))
    return out


def main(argv: list[str] | None = None) -> int:
    """Write a corpus per size, measure it in a fresh process, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000], help="articles per corpus")
    parser.add_argument("--runs", type=int, default=3, help="runs per query (median reported)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per rdflib query")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--build", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        print(json.dumps(measure_build(*args.build)))
        return 0
    if args.measure:
        print(json.dumps(measure(args.measure, args.store, args.runs, args.timeout)))
        return 0
    import bench_extract

    table = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.sizes:
            corpus = Path(tmp) / f"corpus-{count}.jsonl"
            bench_extract.write_corpus(corpus, count)
            print(f"measuring {count} articles ...", file=sys.stderr, flush=True)
            found = rows(count, run(corpus, args.runs, args.timeout), args.timeout)
            for row in found:  # as each size is done: a long run shows its figures early
                print("| " + " | ".join(row) + " |", file=sys.stderr, flush=True)
            table += found
    print(f"akg at {', '.join(map(str, args.sizes))} synthetic articles; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at the end\n")
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + " --- |" * len(COLUMNS))
    for row in table:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
