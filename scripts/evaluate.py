#!/usr/bin/env python3
"""Measure extraction against gold fact lines: precision, recall, F1, status accuracy, speed.

usage: python scripts/evaluate.py GOLD.jsonl INPUT... [--show-errors] [--registry ORGS.ttl]

Runs graph.facts.extract_all on the inputs (files, folders or JSON Lines
corpora), then matches predicted facts to gold ones on (doc, relation, pair):
the pair is unordered for symmetric relations, and names are compared after
normalisation through the organization registry (so "GM", "General Motors Co."
and "General Motors" are one name). Status accuracy counts the matched facts
of relations that have a status.

Example:
    python scripts/evaluate.py tests/gold/dev.gold.jsonl seeds/ --show-errors
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from graph import vocab
from graph.extract.facts import extract_all
from graph.extract.registry import Registry, load_registry, normalize_name, strip_suffixes
from graph.extract.text import read_documents

__all__ = ["Score", "load_facts", "fact_key", "score", "run_extraction", "report", "main"]


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


def run_extraction(inputs, registry: Registry) -> tuple[list[dict], int, float]:
    """Extract every input: (fact lines, number of articles, seconds spent)."""
    started = time.perf_counter()
    facts, articles = [], 0
    for extraction in extract_all(read_documents(inputs), registry):
        articles += 1
        facts.extend(f.to_json() for f in extraction.facts)
    return facts, articles, time.perf_counter() - started


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
    parser.add_argument("--registry", help="organizations Turtle file (default: the packaged one)")
    parser.add_argument("--save", help="also write the predicted fact lines to this file")
    args = parser.parse_args(argv)
    registry = load_registry(args.registry)
    facts, articles, seconds = run_extraction(args.inputs, registry)
    if args.save:
        Path(args.save).write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in facts), encoding="utf-8")
    gold = load_facts(Path(args.gold).read_text(encoding="utf-8").splitlines(), registry)
    report(score(gold, load_facts(facts, registry)), args.show_errors)
    rate = articles / seconds if seconds else float("inf")
    print(f"speed: {articles} articles in {seconds:.2f} s = {rate:.1f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
