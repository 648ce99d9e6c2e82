"""The quality gate: precision, recall and status accuracy of the extraction on the development corpus."""
from __future__ import annotations

import evaluate

from graph.extract.registry import load_registry
from phrasing import TESTS


def test_dev_corpus_precision_and_recall(dev_gold):
    registry = load_registry()
    seeds = TESTS.parent / "seeds"
    inputs = [p for p in sorted(seeds.iterdir()) if not p.name.startswith("000_")]
    run = evaluate.run_extraction(inputs, registry)
    gold = evaluate.load_facts(dev_gold.read_text(encoding="utf-8").splitlines(), registry)
    score = evaluate.score(gold, evaluate.load_facts(run.facts, registry))
    precision, recall, _ = score.prf()
    assert run.articles == 28
    assert precision >= 0.90 and recall >= 0.85, (precision, recall)
    assert score.status_accuracy() >= 0.85
