"""Benchmark SHACL validation (graph.validate) on graphs built from the gold facts, replicated.

Each copy renames the documents, and every ``--groups``-th copy renames the
organizations too, so both evidence and relationships grow with the copies.
Prints one line per size: copies, facts, triples, wall and CPU seconds, conforms
(CPU time is the steadier figure on a busy machine).

Example:
    python scripts/bench_validate.py tests/gold/dev.gold.jsonl --copies 1 10 50
"""
from __future__ import annotations

import _checkout  # noqa: F401  (first: the checkout's graph/, with .venv/bin/python if need be)

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

from graph.rdf import build as rdf
from graph.extract.facts import Extraction, Fact
from graph.extract.text import Document
from graph.rdf.validate import validate


def _gold(path: Path) -> list[Fact]:
    """Fact lines of a gold file as Facts."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Fact(r["doc"], r["subject"], r["relation"], r["object"], r["status"], tuple(r["fields"]),
                 r.get("date"), r["evidence"], r.get("confidence", 0.9)) for r in rows]


def _copy(facts: list[Fact], k: int, groups: int) -> list[Extraction]:
    """Copy k of the facts: documents renamed, organizations renamed per group of copies."""
    tag = f" {k // groups}" if k >= groups else ""
    renamed = [replace(f, doc=f"{k:04d}_{f.doc}", subject=f.subject + tag, object=f.object + tag) for f in facts]
    by_doc: dict[str, list[Fact]] = {}
    for f in renamed:
        by_doc.setdefault(f.doc, []).append(f)
    return [Extraction(Document(doc, "", (), date="2024-07-03"), tuple(fs)) for doc, fs in sorted(by_doc.items())]


def main() -> None:
    """Build, validate and time each requested size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--groups", type=int, default=5, help="copies sharing one set of organization names")
    args = parser.parse_args()
    facts = _gold(args.gold)
    print("copies\tfacts\ttriples\twall_s\tcpu_s\tconforms")
    for n in args.copies:
        extractions = [e for k in range(n) for e in _copy(facts, k, args.groups)]
        g = rdf.build_graph(extractions)
        wall, cpu = time.perf_counter(), time.process_time()
        report = validate(g)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{n}\t{n * len(facts)}\t{len(g)}\t{wall:.2f}\t{cpu:.2f}\t{report.conforms}")
        if not report.conforms:
            print(report.text[:2000])


if __name__ == "__main__":
    main()
