#!/usr/bin/env python3
"""Measure extraction against gold fact lines: precision, recall, F1, status accuracy, speed.

usage: python scripts/evaluate.py GOLD.jsonl INPUT... [--show-errors] [--by-rule] [--reliability]
                                   [--registry ORGS.ttl] [--save PRED.jsonl]

Runs graph.facts.extract_all on the inputs (files, folders or JSON Lines
corpora), then matches predicted facts to gold ones on (doc, relation, pair):
the pair is unordered for symmetric relations, and names are compared after
normalisation through the organization registry (so "GM", "General Motors Co."
and "General Motors" are one name). Status accuracy counts the matched facts
of relations that have a status. --by-rule prints, for every dependency rule
(and each inference of the merge: co-owners, founders, rival nominals), how
many distinct facts it read that gold has and how many it has not;
--reliability prints, per confidence band, how many facts are right.

Example:
    python scripts/evaluate.py tests/gold/dev.gold.jsonl seeds/ --show-errors
"""
from __future__ import annotations

import _checkout  # noqa: F401  (first: the checkout's graph/, with .venv/bin/python if need be)

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from graph import vocab
from graph.extract import rules as rulebook
from graph.extract.facts import extract_all
from graph.extract.registry import Registry, load_registry, normalize_name, strip_suffixes
from graph.extract.text import read_documents

__all__ = ["Score", "Run", "load_facts", "fact_key", "score", "run_extraction", "report", "by_rule", "reliability",
           "main"]


@dataclass
class Score:
    """Matched, spurious and missed facts, plus the (gold, predicted) status of every matched fact."""

    gold: dict = field(default_factory=dict)
    predicted: dict = field(default_factory=dict)

    @property
    def matched(self) -> set:
        """Keys in both gold and predictions."""
        return self.gold.keys() & self.predicted.keys()

    @property
    def false_positives(self) -> set:
        """Predicted keys gold does not have."""
        return self.predicted.keys() - self.gold.keys()

    @property
    def false_negatives(self) -> set:
        """Gold keys nothing predicted."""
        return self.gold.keys() - self.predicted.keys()

    def counts(self, relation: str | None = None) -> tuple[int, int, int]:
        """(true positives, false positives, false negatives), overall or for one relation."""
        keep = lambda keys: {k for k in keys if relation is None or k[1] == relation}
        return len(keep(self.matched)), len(keep(self.false_positives)), len(keep(self.false_negatives))

    def prf(self, relation: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1, overall or for one relation."""
        tp, fp, fn = self.counts(relation)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def _judged(self, relation: str | None) -> list:
        """Matched keys (of one relation, if given) whose gold fact has a status."""
        return [k for k in self.matched if (relation is None or k[1] == relation) and self.gold[k].get("status") is not None]

    def wrong_statuses(self, relation: str | None = None) -> list:
        """Matched keys whose predicted status differs from the gold one (relations with a status only)."""
        return sorted(k for k in self._judged(relation) if self.gold[k].get("status") != self.predicted[k].get("status"))

    def status_accuracy(self, relation: str | None = None) -> float | None:
        """Share of matched facts with a gold status whose predicted status is the same."""
        judged = self._judged(relation)
        return 1 - len(self.wrong_statuses(relation)) / len(judged) if judged else None


def _canonical(name: str, registry: Registry) -> str:
    """The registry's label for ``name`` when it knows it, else the name without legal suffixes."""
    org = registry.lookup(name)
    return normalize_name(org.label if org else strip_suffixes(name))


def fact_key(fact: dict, registry: Registry) -> tuple[str, str, str, str]:
    """(doc, relation, a, b): the pair sorted for symmetric relations, names normalised."""
    a, b = _canonical(fact["subject"], registry), _canonical(fact["object"], registry)
    relation = fact["relation"]
    if relation in vocab.relations() and vocab.relations()[relation].symmetric:
        a, b = sorted((a, b))
    return Path(fact.get("doc", "")).name, relation, a, b


def load_facts(lines, registry: Registry) -> dict:
    """Key -> fact for JSON fact lines (first line wins; self-pairs dropped)."""
    out: dict = {}
    for line in lines:
        line = line.strip() if isinstance(line, str) else line
        if not line:
            continue
        fact = json.loads(line) if isinstance(line, str) else line
        key = fact_key(fact, registry)
        if key[2] != key[3]:
            out.setdefault(key, fact)
    return out


def score(gold: dict, predicted: dict) -> Score:
    """Compare keyed gold and predicted facts."""
    return Score(gold=gold, predicted=predicted)


@dataclass
class Run:
    """What one extraction run gave: fact lines, the readings behind them, articles and seconds."""

    facts: list[dict]
    readings: list[dict]  # {"doc", "relation", "subject", "object", "rule"} per candidate before the merge
    articles: int
    seconds: float


def run_extraction(inputs, registry: Registry) -> Run:
    """Extract every input and time it."""
    started = time.perf_counter()
    run = Run([], [], 0, 0.0)
    for extraction in extract_all(read_documents(inputs), registry):
        run.articles += 1
        run.facts.extend(f.to_json() for f in extraction.facts)
        run.readings.extend({"doc": extraction.document.id, "relation": c.relation, "subject": c.subject.label,
                             "object": c.object.label, "rule": c.rule} for c in extraction.candidates)
    run.seconds = time.perf_counter() - started
    return run


def by_rule(readings: list[dict], gold: dict, registry: Registry) -> list[tuple[str, str, int, int]]:
    """(source, rule, facts gold has, facts it has not) per rule ('parse') or inference of the merge ('merge'),
    counting distinct facts it read."""
    parse_rules = {r.id for r in rulebook.rules()}
    keys: dict[str, set] = {}
    for r in readings:
        key = fact_key(r, registry)
        if key[2] != key[3]:
            keys.setdefault(r["rule"], set()).add(key)
    rows = [("parse" if rule in parse_rules else "merge", rule, len(found & gold.keys()), len(found - gold.keys()))
            for rule, found in keys.items()]
    silent = [("parse", rule, 0, 0) for rule in sorted(parse_rules - keys.keys())]
    return sorted(rows) + silent


def reliability(predicted: dict, gold: dict, bands=(0.5, 0.6, 0.7, 0.8, 0.9)) -> list[tuple[float, int, int]]:
    """(band floor, facts in the band, facts gold has) for the predicted facts' confidence."""
    out = []
    for low, high in zip(bands, (*bands[1:], 1.01)):
        inside = [k for k, f in predicted.items() if low <= f.get("confidence", 0) < high]
        out.append((low, len(inside), len([k for k in inside if k in gold])))
    return out


def _line(label: str, s: Score, relation: str | None = None) -> str:
    """One report line: P, R, F1, status accuracy and counts."""
    tp, fp, fn = s.counts(relation)
    p, r, f1 = s.prf(relation)
    acc = s.status_accuracy(relation)
    acc_text = f"{acc:.3f}" if acc is not None else "  -  "
    return f"{label:12s} P={p:.3f} R={r:.3f} F1={f1:.3f} status={acc_text}  tp={tp:3d} fp={fp:3d} fn={fn:3d}"


def report(s: Score, show_errors: bool = False, out=None) -> None:
    """Print the figures overall and per relation, and the wrong facts when asked."""
    out = out or sys.stdout
    relations = sorted({k[1] for k in s.gold} | {k[1] for k in s.predicted})
    print(_line("overall", s), file=out)
    for relation in relations:
        print(_line(relation, s, relation), file=out)
    if not show_errors:
        return
    for title, keys, source in (("FALSE POSITIVE", s.false_positives, s.predicted),
                                ("FALSE NEGATIVE", s.false_negatives, s.gold)):
        for key in sorted(keys):
            print(f"{title}: {key} | {source[key].get('evidence', '')[:150]}", file=out)
    for key in s.wrong_statuses():
        print(f"WRONG STATUS: {key} gold={s.gold[key].get('status')} predicted={s.predicted[key].get('status')}"
              f" | {s.predicted[key].get('evidence', '')[:120]}", file=out)


def main(argv: list[str] | None = None) -> int:
    """Command line: extract, score, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", help="gold fact lines (JSON Lines)")
    parser.add_argument("inputs", nargs="+", help="articles: files, folders or JSON Lines corpora")
    parser.add_argument("--show-errors", action="store_true", help="list false positives, false negatives, wrong statuses")
    parser.add_argument("--by-rule", action="store_true", help="facts right and wrong per dependency rule")
    parser.add_argument("--reliability", action="store_true", help="facts right per confidence band")
    parser.add_argument("--registry", help="organizations Turtle file (default: the packaged one)")
    parser.add_argument("--save", help="also write the predicted fact lines to this file")
    args = parser.parse_args(argv)
    registry = load_registry(args.registry)
    run = run_extraction(args.inputs, registry)
    if args.save:
        Path(args.save).write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in run.facts), encoding="utf-8")
    gold = load_facts(Path(args.gold).read_text(encoding="utf-8").splitlines(), registry)
    predicted = load_facts(run.facts, registry)
    report(score(gold, predicted), args.show_errors)
    if args.by_rule:
        print(f"{'source':6s} {'rule':28s} {'right':>5s} {'wrong':>5s}")
        for source, rule, right, wrong in by_rule(run.readings, gold, registry):
            print(f"{source:6s} {rule:28s} {right:5d} {wrong:5d}")
    if args.reliability:
        print(f"{'confidence':10s} {'facts':>5s} {'right':>5s} {'share':>6s}")
        for low, n, right in reliability(predicted, gold):
            print(f">= {low:.1f}     {n:5d} {right:5d} " + (f"{right / n:6.2f}" if n else "     -"))
    rate = run.articles / run.seconds if run.seconds else float("inf")
    print(f"speed: {run.articles} articles in {run.seconds:.2f} s = {rate:.1f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
