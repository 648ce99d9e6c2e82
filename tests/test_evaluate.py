"""scripts/evaluate.py: matching predicted to gold fact lines, on tiny literal facts."""
import json
from pathlib import Path

import pytest

from graph.extract.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def evaluate():
    """scripts/evaluate.py, imported as a module (scripts/ is on pytest's pythonpath, see setup.cfg)."""
    import evaluate as module

    return module


@pytest.fixture(scope="module")
def registry():
    return load_registry(ROOT / "tests" / "data" / "extraction_orgs.ttl")


def fact(subject, relation, obj, status="active", doc="a.txt"):
    return {"doc": doc, "subject": subject, "relation": relation, "object": obj, "status": status, "evidence": "e"}


def test_symmetric_pairs_match_in_either_order(evaluate, registry):
    gold = evaluate.load_facts([fact("Nissan", "partnership", "Honda")], registry)
    pred = evaluate.load_facts([fact("Honda", "partnership", "Nissan")], registry)
    assert evaluate.score(gold, pred).prf() == (1.0, 1.0, 1.0)


def test_directed_pairs_keep_their_order(evaluate, registry):
    gold = evaluate.load_facts([fact("Panasonic", "supply", "Tesla")], registry)
    pred = evaluate.load_facts([fact("Tesla", "supply", "Panasonic")], registry)
    s = evaluate.score(gold, pred)
    assert s.counts() == (0, 1, 1) and s.prf()[2] == 0.0


def test_names_are_normalised_through_the_registry(evaluate, registry):
    gold = evaluate.load_facts([fact("General Motors", "investment", "Rivian", doc="dir/a.txt")], registry)
    pred = evaluate.load_facts([fact("GM", "investment", "Rivian Automotive Inc.")], registry)
    assert evaluate.score(gold, pred).matched == set(gold)


def test_status_accuracy_and_wrong_statuses(evaluate, registry):
    gold = evaluate.load_facts([fact("Nissan", "partnership", "Honda", "agreed"), fact("BYD", "competition", "Tesla", None)], registry)
    pred = evaluate.load_facts([fact("Nissan", "partnership", "Honda", "considering"), fact("Tesla", "competition", "BYD", None)], registry)
    s = evaluate.score(gold, pred)
    assert s.status_accuracy() == 0.0 and len(s.wrong_statuses()) == 1
    assert s.status_accuracy("competition") is None


def test_first_line_wins_and_self_pairs_are_dropped(evaluate, registry):
    lines = [json.dumps(fact("Nissan", "partnership", "Honda")), "", json.dumps(fact("Honda", "partnership", "Nissan", "ended")),
             json.dumps(fact("NSANY", "partnership", "Nissan"))]
    loaded = evaluate.load_facts(lines, registry)
    assert list(loaded.values()) == [fact("Nissan", "partnership", "Honda")]


def test_report_lists_errors_per_relation(evaluate, registry, capsys):
    gold = evaluate.load_facts([fact("Nissan", "partnership", "Honda"), fact("Panasonic", "supply", "Tesla")], registry)
    pred = evaluate.load_facts([fact("Nissan", "partnership", "Honda"), fact("Tesla", "investment", "BYD")], registry)
    evaluate.report(evaluate.score(gold, pred), show_errors=True)
    out = capsys.readouterr().out
    assert out.startswith("overall      P=0.500 R=0.500")
    assert "FALSE POSITIVE: ('a.txt', 'investment', 'tesla', 'byd')" in out
    assert "FALSE NEGATIVE: ('a.txt', 'supply', 'panasonic', 'tesla')" in out


def test_main_extracts_scores_and_saves(evaluate, tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(" date 2024-07-03\n\nToyota teamed up with Tencent and Baidu on AI.\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(fact("Toyota", "partnership", "Tencent")) + "\n", encoding="utf-8")
    saved = tmp_path / "pred.jsonl"
    assert evaluate.main([str(gold), str(article), "--save", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "overall      P=0.500 R=1.000" in out and "articles/s" in out
    assert len(saved.read_text(encoding="utf-8").splitlines()) == 2


def test_by_rule_counts_distinct_facts_right_and_wrong_and_lists_silent_rules(evaluate, registry):
    gold = evaluate.load_facts([fact("Toyota", "partnership", "Tencent")], registry)
    readings = [
        {"doc": "a.txt", "relation": "partnership", "subject": "Toyota", "object": "Tencent", "rule": "team-up-verb"},
        {"doc": "a.txt", "relation": "partnership", "subject": "Tencent", "object": "Toyota", "rule": "team-up-verb"},
        {"doc": "a.txt", "relation": "partnership", "subject": "Toyota", "object": "Baidu", "rule": "team-up-verb"},
        {"doc": "a.txt", "relation": "partnership", "subject": "Toyota", "object": "Baidu", "rule": "co-owners"},
    ]
    rows = evaluate.by_rule(readings, gold, registry)
    assert ("parse", "team-up-verb", 1, 1) in rows
    assert ("merge", "co-owners", 0, 1) in rows
    assert ("parse", "lag-beat", 0, 0) in rows


def test_reliability_bands_count_facts_and_the_right_ones(evaluate, registry):
    gold = evaluate.load_facts([fact("Toyota", "partnership", "Tencent")], registry)
    right, wrong = fact("Toyota", "partnership", "Tencent"), fact("Toyota", "partnership", "Baidu")
    right["confidence"], wrong["confidence"] = 0.95, 0.85
    bands = evaluate.reliability(evaluate.load_facts([right, wrong], registry), gold)
    assert (0.9, 1, 1) in bands and (0.8, 1, 0) in bands


def test_main_prints_the_rule_and_reliability_tables(evaluate, tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(" date 2024-07-03\n\nToyota teamed up with Tencent on AI.\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(fact("Toyota", "partnership", "Tencent")) + "\n", encoding="utf-8")
    assert evaluate.main([str(gold), str(article), "--by-rule", "--reliability"]) == 0
    out = capsys.readouterr().out
    assert "parse  team-up-verb" in out and "confidence facts right  share" in out
