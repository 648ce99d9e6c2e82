#!/usr/bin/env python3
"""Extraction speed: articles/s, MB/s and peak memory of `extract_all`, beside spaCy alone on the same sentences.

usage: python scripts/bench_extract.py [--articles 1000 5000] [--workers 1 2] [--hostile]

Writes a synthetic corpus of ~2 KB articles (sentences of our own built from
the registry's company names, with the filler real news carries), extracts it
in a fresh process per run (model load included, as a user would run it) and,
in the same run, times spaCy parsing exactly the sentences extraction sends
it. Prints one table; figures go into the README. --hostile instead times
inputs that once took quadratic time: one long article against the same text
as separate articles, a 20,000-letter capitalised token, 60 KB of '['.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEMPLATES = (
    "{a} and {b} agreed to form a joint venture to build batteries in {place}.",
    "{a} will take a {n}% stake in {b}, the companies said on {day}.",
    "{a} is in talks to supply chips to {b} for its next electric models.",
    "{a}, which already owns a stake in {c}, said it would invest $1 billion in {b}.",
    "Analysts said {a} was racing {b} to bring cheaper cars to {place}.",
    "{a} ended its partnership with {b} after two years.",
    "{a} teamed up with {b} on software for driver assistance.",
    "The deal gives {a} access to {b}'s platform.",
)
FILLER = (
    "Shares rose 3% in early trading on {day}.",
    "The company did not give financial details.",
    "Demand for electric vehicles has slowed in recent months, according to industry data.",
    "The plant is expected to start production next year and employ about 2,000 people.",
    "Executives declined to comment on the timing of the announcement.",
    "The market has become more crowded as prices fall.",
)
PLACES = ("Europe", "China", "Mexico", "Texas", "India")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def article(rng: random.Random, names: list[str], size: int = 2000) -> str:
    """One synthetic article of about ``size`` characters: fact sentences and filler, shuffled."""
    lines: list[str] = []
    while sum(len(line) + 1 for line in lines) < size:
        a, b, c = rng.sample(names, 3)
        pool = TEMPLATES if rng.random() < 0.5 else FILLER
        lines.append(rng.choice(pool).format(a=a, b=b, c=c, n=rng.randint(2, 49),
                                             place=rng.choice(PLACES), day=rng.choice(DAYS)))
    return " ".join(lines)


def write_corpus(path: Path, count: int, seed: int = 5) -> int:
    """A JSON Lines corpus of ``count`` articles at ``path``; returns its size in bytes."""
    from graph.extract.registry import load_registry

    names = sorted({org.label for org in load_registry().organizations if not org.is_media})
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            record = {"id": f"synthetic-{i:05d}.txt", "date": "2024-07-03", "text": article(rng, names)}
            out.write(json.dumps(record) + "\n")
    return path.stat().st_size


def measure(corpus: str, workers: int, spacy_only: bool) -> dict:
    """In this (fresh) process: extract the corpus, or only parse its candidate sentences; time and memory."""
    from graph.extract import nlp
    from graph.extract.facts import _masked, extract_all
    from graph.extract.mentions import find_mentions
    from graph.extract.registry import load_registry
    from graph.extract.text import read_documents

    started = time.perf_counter()
    registry = load_registry()
    if spacy_only:
        docs = list(read_documents([corpus]))
        texts = [m.text for doc in docs for _, m in _masked(doc, find_mentions(doc, registry))]
        started = time.perf_counter()  # only the parse is timed: mention finding is extraction's own work
        for _ in nlp.parses(texts):
            pass
        facts = 0
    else:
        facts = sum(len(e.facts) for e in extract_all(read_documents([corpus]), registry, workers=workers))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "facts": facts, "peak_mb": max(peak, children)}


def run(corpus: Path, workers: int, spacy_only: bool = False) -> dict:
    """measure() in a fresh Python process, so model load and memory are a user's."""
    args = [sys.executable, __file__, "--measure", str(corpus), "--workers", str(workers)]
    if spacy_only:
        args.append("--spacy-only")
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def hostile(size: int = 200) -> list[tuple[str, int, float]]:
    """(input, characters, seconds) for the pathological inputs, in this process (spaCy loaded first)."""
    from graph.extract import nlp
    from graph.extract.facts import extract_all
    from graph.extract.registry import load_registry
    from graph.extract.text import Document, read_documents, split_sentences

    names = sorted({org.label for org in load_registry().organizations if not org.is_media})
    rng = random.Random(5)
    articles = [article(rng, names) for _ in range(size)]
    nlp.load()

    def timed(texts: list[str]) -> float:
        docs = [Document(id=f"{i}.txt", text=t, sentences=split_sentences(t), date="2024-07-03")
                for i, t in enumerate(texts)]
        started = time.perf_counter()
        for _ in extract_all(docs, batch=1):
            pass
        return time.perf_counter() - started

    def markdown(text: str) -> float:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "hostile.md"
            path.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            for _ in extract_all(read_documents([path])):
                pass
            return time.perf_counter() - started

    whole = "\n\n".join(articles)
    return [(f"{size} articles, one document", len(whole), timed([whole])),
            (f"{size} articles, {size} documents", len(whole), timed(articles)),
            ("a 20,000-letter capitalised token", 20_030, timed(["A" * 20_000 + " Corp teamed up with Honda."])),
            ("60 KB of '[' in a .md file", 60_000, markdown("[" * 60_000)),
            ("a 60 KB '# # # ...' heading, .md", 60_003, markdown("# " * 30_000 + "x"))]


def main(argv: list[str] | None = None) -> int:
    """Write corpora, run each configuration in a fresh process, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--spacy-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--hostile", action="store_true", help="time the once-quadratic inputs instead")
    args = parser.parse_args(argv)
    if args.hostile:
        for name, chars, seconds in hostile():
            print(f"{name:36s} {chars:9d} chars {seconds:7.2f} s")
        return 0
    if args.measure:
        print(json.dumps(measure(args.measure, args.workers[0], args.spacy_only)))
        return 0
    print(f"{'articles':>8s} {'MB':>6s} {'run':>16s} {'seconds':>8s} {'art/s':>7s} {'MB/s':>6s} {'peak MB':>8s} {'facts':>7s}")
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.articles:
            corpus = Path(tmp) / f"corpus-{count}.jsonl"
            size = write_corpus(corpus, count) / 1e6
            runs = [(f"extract, {w} proc", run(corpus, w)) for w in args.workers]
            runs.append(("spaCy parse only", run(corpus, 1, spacy_only=True)))
            for name, r in runs:
                print(f"{count:8d} {size:6.1f} {name:>16s} {r['seconds']:8.1f} {count / r['seconds']:7.1f} "
                      f"{size / r['seconds']:6.2f} {r['peak_mb']:8.0f} {r['facts']:7d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
