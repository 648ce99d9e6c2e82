"""scripts/bench_extract.py runs end to end at a tiny size (the figures themselves go in the README)."""
import random

import bench_extract


def test_the_benchmark_prints_a_row_per_run(capsys):
    assert bench_extract.main(["--articles", "20", "--workers", "1"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split()[:3] == ["articles", "MB", "run"]
    assert [r.split()[0] for r in rows[1:]] == ["20", "20"]  # one extraction run, one spaCy-only run
    assert int(rows[1].split()[-1]) > 0  # the extraction run found facts


def test_the_synthetic_articles_are_about_two_kilobytes():
    text = bench_extract.article(random.Random(1), ["Toyota", "Honda", "Mazda", "Nissan"])
    assert 2000 <= len(text) < 2400


def test_the_hostile_inputs_are_all_timed():
    names = [name for name, _, seconds in bench_extract.hostile(size=2) if seconds >= 0]
    assert len(names) == 5 and "60 KB of '[' in a .md file" in names
