"""Benchmark: the persistent store (Oxigraph) against plain rdflib in memory, side by side in one run.

Generates a synthetic corpus shaped like akg's (organizations, articles, facts
with status, fields, dates and evidence sentences) through ``graph.rdf``, sized
to about ``--triples`` triples, then measures for both engines: building the
graph, writing Turtle, loading that Turtle back, and each named query's median
latency with parameters bound.  rdflib's queries run in a forked child that is
killed after ``--timeout`` seconds per query (reported as "> N s").  Finally it
times one incremental ingest and one removal on the large store.

Usage:
    python scripts/bench_store.py                   # about 1,000,000 triples
    python scripts/bench_store.py --triples 100000  # a quick run
    python scripts/bench_store.py --store /tmp/s1m --queries-only --before tests/store/before
        # keep the store in /tmp/s1m (built once, reused by the next runs with the same --triples), time
        # only the queries, and each rewritten query's earlier text beside it
"""
from __future__ import annotations

import _checkout  # noqa: F401  (first: the checkout's graph/, with .venv/bin/python if need be)

import argparse
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph import vocab
from graph.views.export import serialize
from graph.extract.facts import Extraction, Fact
from graph.extract.registry import Organization
from graph.store.query import NamedQuery, named_queries, parse_query_text, run_query
from graph.store.results import RESULTS_DIR, keep_answers, query_store
from graph.rdf.build import build_graph
from graph.store.store import Store
from graph.extract.text import Document

FACTS_PER_DOC = 8
RELATIONS = ["partnership"] * 4 + ["supply"] * 2 + ["investment", "competition", "merger"]
STATUSES = ["considering", "agreed", "active", "ended"]
KINDS = ["Automaker", "TechnologyCompany", "BatteryMaker", "Supplier", "SemiconductorCompany"]


def org_label(i: int) -> str:
    return f"Company {i:05d}"


def synthetic_corpus(n_docs: int, n_orgs: int, seed: int = 7) -> list[Extraction]:
    """``n_docs`` articles of FACTS_PER_DOC facts each; organizations drawn with a skew so a few are hubs."""
    rng = random.Random(seed)
    fields = sorted(vocab.fields())
    orgs = [Organization(org_label(i), KINDS[i % len(KINDS)]) for i in range(n_orgs)]
    weights = [1 / (i + 1) ** 0.8 for i in range(n_orgs)]
    corpus = []
    for d in range(n_docs):
        year, month = 2018 + d % 7, 1 + d % 12
        doc = Document(f"doc-{d:06d}.txt", "text", (), f"{year}-{month:02d}-{1 + d % 28:02d}", f"Article {d}")
        facts = []
        for k in range(FACTS_PER_DOC):
            a, b = rng.choices(range(n_orgs), weights, k=2)
            if a == b:
                b = (a + 1 + rng.randrange(n_orgs - 1)) % n_orgs
            relation = rng.choice(RELATIONS)
            status = None if relation == "competition" else rng.choice(STATUSES)
            facts.append(Fact(doc.id, org_label(a), relation, org_label(b), status,
                              tuple(rng.sample(fields, rng.randint(0, 2))) if relation != "competition" else (),
                              f"{year}-{month:02d}" if rng.random() < 0.6 else None,
                              f"{org_label(a)} and {org_label(b)}: {relation} sentence {k} of article {d}.",
                              round(rng.uniform(0.5, 1.0), 2)))
        facts = list({(f.relation, f.subject, f.object): f for f in facts}.values())
        parties = sorted({f.subject for f in facts} | {f.object for f in facts})
        corpus.append(Extraction(doc, tuple(facts), tuple(o for o in orgs if o.label in parties)))
    return corpus


def sized_corpus(target: int) -> list[Extraction]:
    """A corpus whose graph has about ``target`` triples (extrapolated from two small samples)."""
    n_orgs = max(60, target // 400)
    small, large = (len(build_graph(synthetic_corpus(n, n_orgs))) for n in (200, 400))
    per_doc = (large - small) / 200  # what one more article adds once the organizations are described
    return synthetic_corpus(max(200, 400 + round((target - large) / per_doc)), n_orgs)


def timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - start


def parameters(corpus: list[Extraction]) -> dict[str, dict[str, str]]:
    """Bindings for each named query: the busiest organizations and pair, a common field, a status, a year."""
    a, b = org_label(0), org_label(1)
    field = sorted(vocab.fields())[0]
    values = {"org": a, "a": a, "b": b, "field": field, "status": "active", "from": "2021-01", "to": "2021-06-30"}
    return {name: {p: values[p] for p in q.params} for name, q in named_queries().items()}


def _rdflib_runs(graph: Graph, query: NamedQuery, bindings: dict, runs: int, conn) -> None:
    """In a forked child: run one query ``runs`` times, sending each (seconds, rows) as it completes."""
    for _ in range(runs):
        result, seconds = timed(run_query, graph, query, bindings)
        conn.send((seconds, len(result.rows)))
    conn.close()


def enough(times: list[float], runs: int, budget: float) -> bool:
    """Stop after ``runs`` runs, or earlier once the runs so far took the whole time budget."""
    return len(times) >= runs or sum(times) >= budget


def rdflib_median(graph: Graph, name: str, bindings: dict, runs: int, timeout: float,
                  query: NamedQuery | None = None) -> tuple[float | None, int]:
    """Median latency of an rdflib query (the named query ``name`` unless ``query`` is given; None if not even one
    run finished within ``timeout`` s), and its rows."""
    ctx = multiprocessing.get_context("fork")
    mine, theirs = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_rdflib_runs, args=(graph, query or named_queries()[name], bindings, runs, theirs))
    child.start()
    theirs.close()
    deadline, times, rows = time.monotonic() + timeout, [], -1
    while not enough(times, runs, timeout) and mine.poll(max(0.0, deadline - time.monotonic())):
        try:
            seconds, rows = mine.recv()
        except EOFError:
            break
        times.append(seconds)
    child.kill()
    child.join()
    return (statistics.median(times) if times else None), rows


def store_median(store: Store, name: str, bindings: dict, runs: int, budget: float,
                 query: NamedQuery | None = None) -> tuple[float, float, int]:
    """Latency on the store as ``akg query`` answers (the named query ``name`` unless ``query`` is given): the
    first run, which computes and keeps a whole-graph query's answer (none kept before it), and the median of
    the runs (fewer when they exceed the budget); and the rows."""
    query = query or named_queries()[name]
    shutil.rmtree(store.path / RESULTS_DIR, ignore_errors=True)
    times, rows = [], 0
    while not enough(times, runs, budget):
        result, seconds = timed(query_store, store.path, lambda: store.oxigraph, query, bindings)
        times.append(seconds)
        rows = len(result.rows)
    return times[0], statistics.median(times), rows


def after_a_change(store: Store, corpus: list[Extraction]) -> tuple[float, dict[str, float]]:
    """What a change through the CLI adds besides graph.ttl and the page, timed alone: keeping every whole-graph
    answer (``keep_answers``, nothing kept before it); and each named query's first run after that."""
    shutil.rmtree(store.path / RESULTS_DIR, ignore_errors=True)
    _, kept = timed(keep_answers, store.path, lambda: store.oxigraph)
    first = {name: timed(query_store, store.path, lambda: store.oxigraph, named_queries()[name], bindings)[1]
             for name, bindings in parameters(corpus).items()}
    return kept, first


def cold_query(folder: Path, org: str, runs: int) -> float:
    """Median wall time of ``akg query partners -p org=ORG`` on the store folder, each in a new process (imports,
    opening the store, resolving the name, the query and printing), the store closed by this process."""
    command = [sys.executable, "-m", "graph", "query", "partners", "-p", f"org={org}", "--graph", str(folder)]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=Path(__file__).resolve().parent.parent)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fmt(seconds: float | None, timeout: float) -> str:
    if seconds is None:
        return f"> {timeout:g} s (skipped)"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def earlier_texts(folder: Path | None) -> dict[str, NamedQuery]:
    """Name -> the earlier text of each rewritten named query kept in ``folder`` (none without a folder)."""
    if folder is None:
        return {}
    return {p.stem: parse_query_text(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))}


def kept_store(path: Path | None, work: Path, corpus: list[Extraction]) -> tuple[Store, float | None]:
    """The store at ``path`` if an earlier run left one there (build time None), else a new one filled with the
    corpus (at ``path``, kept, or in the scratch folder ``work``) and its build time."""
    if path is not None and path.is_dir() and any(path.iterdir()):
        return Store(path, create=False), None
    store = Store(path or work / "store")
    _, seconds = timed(store.ingest, corpus)
    return store, seconds


def query_rows(store: Store, graph: Graph, corpus: list[Extraction], before: dict[str, NamedQuery],
               args: argparse.Namespace, say) -> list[tuple]:
    """Per named query: name, store median, its first run, earlier text's median (None if none kept), rdflib
    median, rdflib's median with the earlier text (None if none kept or timed out), rows."""
    rows = []
    for name, bindings in parameters(corpus).items():
        s_first, s_med, s_rows = store_median(store, name, bindings, args.runs, args.timeout)
        b_med = rb_med = None
        if name in before:
            _, b_med, _ = store_median(store, name, bindings, args.runs, args.timeout, before[name])
            rb_med, _ = rdflib_median(graph, name, bindings, args.runs, args.timeout, before[name])
        r_med, r_rows = rdflib_median(graph, name, bindings, args.runs, args.timeout)
        rows.append((name, s_med, s_first, b_med, r_med, rb_med, s_rows, r_rows))
        say(f"query {name}: store {fmt(s_med, args.timeout)} (first run {fmt(s_first, 0)})"
            + (f" (earlier text {fmt(b_med, 0)}, rdflib {fmt(rb_med, args.timeout)})" if b_med is not None else "")
            + f", rdflib {fmt(r_med, args.timeout)}")
    return rows


def speedup(store: float, rdflib: float | None, timeout: float) -> str:
    """How many times faster the store answers than rdflib ('> N x' when rdflib ran out of time)."""
    return f"{(rdflib or timeout) / store:.0f}x" if rdflib is not None else f"> {timeout / store:.0f}x"


def print_queries(rows: list[tuple], args: argparse.Namespace, changed: dict[str, float] | None = None) -> None:
    """The queries' table: store (median, and the first run: a whole-graph query computes and keeps its answer
    there; with ``changed``, also the first run after the answers a change through the CLI keeps), the earlier text
    where one is kept (on the store and on rdflib), rdflib, and the store's speed-up over rdflib's faster text."""
    before = any(b is not None for _, _, _, b, *_ in rows)
    print("\n| query (rows) | store | store, first run" + (" | first after a CLI change" if changed else "")
          + (" | store, earlier text" if before else "")
          + " | rdflib (memory)" + (" | rdflib, earlier text" if before else "") + " | speed-up |")
    print("| --- | --- | --- |" + (" --- |" if changed else "") + (" --- | --- |" if before else "") + " --- | --- |")
    for name, s_med, s_first, b_med, r_med, rb_med, s_rows, r_rows in rows:
        first = fmt(s_first, 0) + (f" | {fmt(changed[name], 0)}" if changed else "")
        agree = "" if r_med is None or s_rows == r_rows else f" (rows differ: {s_rows} vs {r_rows})"
        earlier = (f" {fmt(b_med, 0)} |" if b_med is not None else " (unchanged) |") if before else ""
        rdflib_earlier = ((f" {fmt(rb_med, args.timeout)} |" if b_med is not None else " |") if before else "")
        fastest = min((t for t in (r_med, rb_med) if t is not None), default=None)
        print(f"| `{name}` ({s_rows:,}) | {fmt(s_med, 0)} | {first} |{earlier} {fmt(r_med, args.timeout)}"
              f"{agree} |{rdflib_earlier} {speedup(s_med, fastest, args.timeout)} |")


def print_load(store: Store, work: Path) -> None:
    """Loading the store's Turtle into new stores on disk: Oxigraph's bulk load of the file alone (the floor: no
    article graphs), of the whole dataset as N-Quads (the same quads `akg load` writes), then `akg load`."""
    path, nquads = work / "graph.ttl", work / "graph.nq"
    path.write_bytes(store.serialize("ttl"))
    nquads.write_bytes(store.serialize("nq"))
    _, t_raw = timed(lambda: ox.Store(str(work / "raw")).bulk_load(path=str(path), format=ox.RdfFormat.TURTLE))
    _, t_quads = timed(lambda: ox.Store(str(work / "quads")).bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    _, t_load = timed(lambda: Store(work / "loaded").load(path))
    print(f"\nload {path.stat().st_size / 1e6:.0f} MB of Turtle ({len(store):,} quads once split); load average "
          f"{os.getloadavg()[0]:.1f} at the end\n")
    print("| step | seconds |\n| --- | --- |")
    print(f"| Oxigraph bulk load of the Turtle alone (the default graph only) | {fmt(t_raw, 0)} |")
    print(f"| Oxigraph bulk load of the dataset's N-Quads (every quad `akg load` writes) | {fmt(t_quads, 0)} |")
    print(f"| `akg load` of the Turtle (parse, split into article graphs, write) | {fmt(t_load, 0)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="approximate size of the graph")
    parser.add_argument("--runs", type=int, default=5, help="runs per query (median reported)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds allowed per query: rdflib is stopped there, both run fewer times past it")
    parser.add_argument("--store", type=Path, help="keep the store in this folder and reuse it when it exists "
                        "(same --triples: the corpus is seeded, so it is the same graph)")
    parser.add_argument("--queries-only", action="store_true",
                        help="time the named queries only (no Turtle, load, ingest or removal)")
    parser.add_argument("--load-only", action="store_true",
                        help="time only loading the store's Turtle: Oxigraph's bulk load alone, then `akg load`")
    parser.add_argument("--before", type=Path,
                        help="a folder of earlier query texts (tests/store/before): each timed on the store too")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="akg-bench-"))
    say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731 - progress on stderr

    corpus, t_gen = timed(sized_corpus, args.triples)
    say(f"generated {len(corpus)} articles in {t_gen:.1f} s")
    graph, t_rdflib_build = timed(build_graph, corpus)
    say(f"rdflib build_graph: {len(graph)} triples in {t_rdflib_build:.1f} s")
    store, t_store_build = kept_store(args.store, work, corpus)
    say(f"store: {len(store)} quads, " + ("reused" if t_store_build is None else f"built in {t_store_build:.1f} s"))
    if args.queries_only:
        rows = query_rows(store, graph, corpus, earlier_texts(args.before), args, say)
        t_keep, changed = after_a_change(store, corpus)
        say(f"keeping every whole-graph answer: {fmt(t_keep, 0)}")
        quads, folder = len(store), store.path
        del store  # closed: the cold queries open it in new processes
        t_cold = cold_query(folder, org_label(0), args.runs)
        print(f"\n{len(graph):,} triples ({len(corpus):,} articles); store: pyoxigraph {ox.__version__} on disk, "
              f"{quads:,} quads; rdflib in memory; median of {args.runs} runs; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f} at the end")
        print(f"\ncold `akg query partners` (a new process): {fmt(t_cold, 0)}")
        print(f"keeping every whole-graph answer (a change through the CLI does it beside writing graph.ttl): "
              f"{fmt(t_keep, 0)}")
        print_queries(rows, args, changed)
        return

    if args.load_only:
        print_load(store, work)
        shutil.rmtree(work, ignore_errors=True)
        return

    ttl_rdflib, t_ttl_rdflib = timed(serialize, graph, "turtle")
    ttl_store, t_ttl_store = timed(store.serialize, "ttl")
    path = work / "graph.ttl"
    path.write_bytes(ttl_store)
    say(f"Turtle: rdflib {t_ttl_rdflib:.1f} s, store {t_ttl_store:.1f} s ({len(ttl_store) / 1e6:.0f} MB)")
    nt_store, t_nt_store = timed(store.serialize, "nt")
    nq_store, t_nq_store = timed(store.serialize, "nq")
    say(f"N-Triples {t_nt_store:.1f} s, N-Quads {t_nq_store:.1f} s")

    _, t_load_rdflib = timed(lambda: Graph().parse(path, format="turtle"))
    raw = ox.Store(str(work / "raw"))
    _, t_load_raw = timed(lambda: raw.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE))
    _, t_load_store = timed(lambda: Store(work / "loaded").load(path))
    say(f"load: rdflib {t_load_rdflib:.1f} s, oxigraph bulk {t_load_raw:.1f} s, akg load {t_load_store:.1f} s")

    rows = query_rows(store, graph, corpus, earlier_texts(args.before), args, say)

    extra = synthetic_corpus(1, 60, seed=99)[0]
    extra = Extraction(Document("extra.txt", "text", (), "2025-01-01"), extra.facts, extra.organizations)
    _, t_ingest_one = timed(store.ingest, [extra])
    _, t_remove_one = timed(store.remove, "extra.txt")
    folder = store.path
    del store  # closed: the cold queries open it in new processes
    t_cold = cold_query(folder, org_label(0), args.runs)

    print(f"\n{len(graph):,} triples ({len(corpus):,} articles, {sum(len(e.facts) for e in corpus):,} facts); "
          f"store: pyoxigraph {ox.__version__} on disk; rdflib in memory; median of {args.runs} runs; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end\n")
    print("| step | store (Oxigraph) | rdflib (memory) |")
    print("| --- | --- | --- |")
    built = fmt(t_store_build, 0) if t_store_build is not None else "(reused)"
    print(f"| build the graph from the articles | {built} | {fmt(t_rdflib_build, 0)} |")
    print(f"| write Turtle ({len(ttl_store) / 1e6:.0f} MB) | {fmt(t_ttl_store, 0)} | {fmt(t_ttl_rdflib, 0)} |")
    print(f"| write N-Triples ({len(nt_store) / 1e6:.0f} MB), N-Quads ({len(nq_store) / 1e6:.0f} MB) |"
          f" {fmt(t_nt_store, 0)}, {fmt(t_nq_store, 0)} | |")
    print(f"| load that Turtle | {fmt(t_load_raw, 0)} (bulk load); {fmt(t_load_store, 0)} (`akg load`,"
          f" split into article graphs) | {fmt(t_load_rdflib, 0)} |")
    print(f"| ingest one more article (incremental) | {fmt(t_ingest_one, 0)} | n/a (rebuild) |")
    print(f"| remove that article | {fmt(t_remove_one, 0)} | n/a (rebuild) |")
    print(f"| cold `akg query partners` (a new process) | {fmt(t_cold, 0)} | |")
    print_queries(rows, args)


if __name__ == "__main__":
    main()
