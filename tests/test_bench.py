"""scripts/bench.py runs every step end to end at a tiny size and prints its one table (figures go in the README)."""
import bench

from graph.store.query import named_queries


def test_the_benchmark_prints_one_table_with_every_step_and_query(capsys):
    assert bench.main(["--sizes", "20", "--runs", "1", "--timeout", "30"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("|")]
    assert [c.strip() for c in lines[0].strip("|").split("|")] == list(bench.COLUMNS)
    table = [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]
    assert all(len(row) == len(bench.COLUMNS) and row[0] == "20" for row in table)
    steps = [row[1] for row in table]
    assert steps[0] == "extract" and table[0][4].endswith("articles/s")
    assert any(step.startswith("akg build") for step in steps)
    assert {"write Turtle", "load that Turtle", "write the page"} <= set(steps)
    for name in named_queries():
        row = next(row for row in table if row[1].startswith(f"query `{name}`"))
        assert row[2].endswith(("ms", " s")) and "rows differ" not in row[3]
    assert steps[-1].startswith("peak memory") and table[-1][2].endswith("MB") and table[-1][3].endswith("MB")
