"""Benchmark the graph page at scale: this checkout beside an older one (default: the branch ``main``), one run.

Generates a corpus shaped like akg's (organizations joined by a scale-free web of
partnerships, mergers, stakes, supplies and rivalries, each with status, fields,
dates and a sentence), writes it as Turtle once, then for each checkout:

- ``akg load`` of that Turtle into a fresh store (which also rewrites graph.ttl and the page),
- ``akg viz`` from that store,
- in headless Chromium: the page drawn (navigation to the first frame), a click on the biggest hub handled
  (its neighbours highlighted, drawn), a filter applied (rivalry unticked, drawn), the shortest chain
  between the hub and an outlying organization shown (drawn).
  A page that opens on an overview is measured again after "Show all" (the "all" rows: the show itself,
  then a click, a filter and a chain with every organization drawn).

Seconds, no assertions. The older checkout is taken with ``git archive`` into a temporary folder (the
repository is not touched) and run with this interpreter; ``--before ''`` measures this checkout only.

Example:
    python scripts/bench_viz.py                       # 2,000 organizations, ~6,000 relations, main vs this
    python scripts/bench_viz.py --orgs 500 --relations 1500 --before HEAD~3
"""
from __future__ import annotations

import _checkout  # noqa: F401  (first: the checkout's graph/, with .venv/bin/python if need be)

import argparse
import json
import random
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

import networkx as nx

from graph import vocab
from graph.extract.facts import Extraction, Fact
from graph.extract.registry import Organization
from graph.extract.text import Document
from graph.rdf.build import build_graph

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
RELATIONS = ["partnership"] * 4 + ["supply"] * 2 + ["investment", "competition", "merger"]
STATUSES = ["considering", "agreed", "active", "ended"]
KINDS = ["Automaker", "TechnologyCompany", "BatteryMaker", "Supplier", "SemiconductorCompany"]
COUNTRIES = ["JP", "CN", "US", "DE", "KR", "FR"]
FACTS_PER_DOC = 8
RUN_AKG = "import sys; sys.path.insert(0, sys.argv.pop(1)); from graph.cli import main; sys.argv[0] = 'akg'; main()"
FIGURES = ("load", "load cpu", "viz", "viz cpu", "draw", "click", "filter", "chain", "show all", "click all",
           "filter all", "chain all")
# Each browser figure: run the action, then wait until vis-network has drawn the frame it asked for.
ACTION = """async ([what, a, b]) => {
  const t0 = performance.now();
  if (what === 'click') { akg.selectNode(a); }
  else if (what === 'filter') { document.querySelector("input[data-filter=relation][data-key=competition]").click(); }
  else if (what === 'all') { akg.showAll(); }
  else { akg.chain(a, b); }
  await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  return (performance.now() - t0) / 1000;
}"""


def org_label(i: int) -> str:
    return f"Company {i:05d}"


def synthetic_corpus(orgs: int, relations: int, seed: int = 7) -> list[Extraction]:
    """Articles of FACTS_PER_DOC facts over a scale-free web of ``orgs`` organizations and ~``relations`` pairs.

    A fifth of the relationships are stated again in a later article (a status history for the as-of slider).
    """
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(orgs, max(1, round(relations / orgs)), seed=seed)
    fields = sorted(vocab.fields())
    facts = []
    for k, (a, b) in enumerate(sorted(skeleton.edges)):
        relation = rng.choice(RELATIONS)
        fact_fields = () if relation == "competition" else tuple(rng.sample(fields, rng.randint(0, 2)))
        for again in range(2 if rng.random() < 0.2 else 1):
            status = None if relation == "competition" else STATUSES[min(3, rng.randrange(3) + again)]
            facts.append((relation, org_label(b), org_label(a), status, fact_fields, k, again))
    rng.shuffle(facts)
    facts.sort(key=lambda f: f[-1])  # restatements come in later articles
    corpus = []
    for d in range(0, len(facts), FACTS_PER_DOC):
        year, month, day = 2018 + (d // FACTS_PER_DOC) % 7, 1 + d % 12, 1 + d % 28
        doc = Document(f"doc-{d // FACTS_PER_DOC:05d}.txt", "text", (), f"{year}-{month:02d}-{day:02d}",
                       f"Article {d // FACTS_PER_DOC}")
        batch = {}
        for relation, s, o, status, fact_fields, k, _ in facts[d:d + FACTS_PER_DOC]:
            batch[(relation, s, o)] = Fact(doc.id, s, relation, o, status, fact_fields,
                                           f"{year}-{month:02d}" if k % 3 else None,
                                           f"{s} and {o}: {relation}, sentence {k}.", 0.9)
        parties = sorted({f.subject for f in batch.values()} | {f.object for f in batch.values()})
        corpus.append(Extraction(doc, tuple(batch.values()),
                                 tuple(Organization(p, KINDS[int(p[-5:]) % len(KINDS)],
                                                    country=COUNTRIES[int(p[-5:]) % len(COUNTRIES)])
                                       for p in parties)))
    return corpus


def checkout(ref: str, into: Path) -> Path:
    """The files of ``ref`` (git archive) unpacked under ``into``; the repository itself is left alone."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref], check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def akg(code: Path, *args: str) -> tuple[float, float]:
    """Wall and CPU seconds of one ``akg`` command run with the graph/ package of ``code`` (output dropped).

    CPU seconds too, as this machine is shared: wall time there says as much about the neighbours as about akg.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", RUN_AKG, str(code), *args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def browser_figures(browser, page_path: Path, hub: str, far: str) -> dict[str, float]:
    """draw, click, filter and chain seconds on one page."""
    page = browser.new_page(viewport={"width": 1400, "height": 850})
    try:
        start = time.perf_counter()
        page.goto(page_path.as_uri())
        page.wait_for_function("() => window.akg && window.akg.drawn", timeout=120_000)
        out = {"draw": time.perf_counter() - start}
        ids = page.evaluate("([a, b]) => akg.nodes.get().filter(n => n.label === a || n.label === b)"
                            ".sort((x, y) => (x.label === a ? -1 : 1)).map(n => n.id)", [hub, far])
        # the second click ("click all") is on the outlying organization: ids[1]
        out["click"] = page.evaluate(ACTION, ["click", ids[0], None])
        out["filter"] = page.evaluate(ACTION, ["filter", None, None])
        page.evaluate(ACTION, ["filter", None, None])  # rivalry back, so the chain may use it
        out["chain"] = page.evaluate(ACTION, ["chain", hub, far])
        if page.evaluate("typeof akg.showAll === 'function' && akg.overview() !== null"):  # opened on an overview
            out["show all"] = page.evaluate(ACTION, ["all", None, None])
            out["click all"] = page.evaluate(ACTION, ["click", ids[1], None])
            out["filter all"] = page.evaluate(ACTION, ["filter", None, None])
            page.evaluate(ACTION, ["filter", None, None])
            out["chain all"] = page.evaluate(ACTION, ["chain", far, hub])
        return out
    finally:
        page.close()


def measure(name: str, code: Path, turtle: Path, work: Path, browser, hub: str, far: str) -> dict[str, float]:
    """Every figure for one checkout."""
    out = work / name
    figures = dict(zip(("load", "load cpu"), akg(code, "load", str(turtle), "-o", str(out))))
    figures.update(zip(("viz", "viz cpu"), akg(code, "viz", "--graph", str(out / "store"), "-o", str(out / "page.html"))))
    figures.update(browser_figures(browser, out / "page.html", hub, far))
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=2000, help="organizations")
    parser.add_argument("--relations", type=int, default=6000, help="relations (about)")
    parser.add_argument("--before", default="main", help="git ref to compare with ('' for none)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    corpus = synthetic_corpus(args.orgs, args.relations)
    g = build_graph(corpus)
    pairs = {(f.relation, *sorted((f.subject, f.object))) for e in corpus for f in e.facts}
    degree = nx.Graph((a, b) for _, a, b in pairs)
    hub = max(degree, key=lambda n: (degree.degree(n), n))
    far = max(nx.single_source_shortest_path_length(degree, hub).items(), key=lambda kv: (kv[1], kv[0]))[0]
    print(f"{degree.number_of_nodes()} organizations, {len(pairs)} relations, {len(g)} triples, "
          f"{len(corpus)} articles; hub {hub} ({degree.degree(hub)} partners), chain to {far}", flush=True)
    results = {}
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        turtle = work / "graph.ttl"
        g.serialize(turtle, format="turtle")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        codes = {"this": ROOT}
        if args.before:
            codes = {args.before: checkout(args.before, work / "before"), **codes}
        for name, code in codes.items():
            results[name] = measure(name.replace("/", "_"), code, turtle, work, browser, hub, far)
        browser.close()
    names = list(results)
    print(f"{'seconds':<11}" + "".join(f"{n:>12}" for n in names))
    for figure in FIGURES:
        print(f"{figure:<11}" + "".join(f"{results[n][figure]:>12.2f}" if figure in results[n] else f"{'-':>12}"
                                        for n in names))
    print("(all: after 'Show all' on a page that opened on an overview; '-': the page has no overview)")
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.exit(main())
