"""Every command through click's CliRunner, including the bad inputs users will feed it."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import vocab
from graph.cli import cli
from graph.extract.nlp import MODEL_ENV

SEED_LABELS = {"Nissan", "Honda", "Tencent", "Baidu", "BYD", "Tesla"}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def built(runner, tmp_path, seed_article) -> Path:
    """The seed article built into tmp_path/out; returns the Turtle path."""
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(seed_article), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out / "graph.ttl"


def assert_one_line_error(result) -> None:
    """Non-zero exit, a one-line message, no traceback."""
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error:")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_example(runner, name):
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output, f"akg {name} --help lacks an Example block"


def test_build_writes_turtle_and_html(built):
    assert built.exists() and built.with_suffix(".html").exists()
    assert "partnerOf" in built.read_text(encoding="utf-8")


def test_build_is_byte_identical_on_rerun(runner, built, seed_article):
    first = built.read_bytes(), built.with_suffix(".html").read_bytes()
    result = runner.invoke(cli, ["build", str(seed_article), "-o", str(built.parent), "-q"])
    assert result.exit_code == 0
    assert (built.read_bytes(), built.with_suffix(".html").read_bytes()) == first


def test_extract_prints_only_fact_lines(runner, seed_article):
    result = runner.invoke(cli, ["extract", str(seed_article), "--format", "jsonl"])
    assert result.exit_code == 0
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    assert facts and all(f["doc"] == seed_article.name for f in facts)
    assert {f["subject"] for f in facts} | {f["object"] for f in facts} == SEED_LABELS


def test_query_named_with_param_json(runner, built):
    result = runner.invoke(cli, ["query", "partners", "--param", "org=Nissan", "--graph", str(built),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    values = {b[v]["value"] for b in data["results"]["bindings"] for v in b}
    assert {"Honda", "Tencent", "Baidu"} <= values


def test_query_inline_csv(runner, built):
    q = "SELECT ?label WHERE { ?o akg:competesWith ?x ; rdfs:label ?label } ORDER BY ?label"
    result = runner.invoke(cli, ["query", q, "--graph", str(built), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "label"
    assert {"BYD", "Honda", "Nissan", "Tesla"} <= set(result.stdout.splitlines()[1:])


def test_query_from_file_and_list(runner, built, tmp_path):
    qfile = tmp_path / "q.rq"
    qfile.write_text("ASK { ?a akg:partnerOf ?b }", encoding="utf-8")
    result = runner.invoke(cli, ["query", "-f", str(qfile), "--graph", str(built), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["boolean"] is True
    listing = runner.invoke(cli, ["query", "--list"])
    assert listing.exit_code == 0 and "partners" in listing.output


def test_export_writes_every_format(runner, built, tmp_path):
    result = runner.invoke(cli, ["export", "--graph", str(built), "-o", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    names = {Path(p).suffix for p in result.stdout.split()}
    assert {".ttl", ".nt", ".jsonld", ".graphml"} <= names


def test_viz_focus(runner, built, tmp_path):
    page = tmp_path / "nissan.html"
    result = runner.invoke(cli, ["viz", "--graph", str(built), "--focus", "Nissan", "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert "Nissan" in page.read_text(encoding="utf-8")


def test_validate_conforms(runner, built):
    result = runner.invoke(cli, ["validate", str(built)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_validate_reports_violation(runner, built, tmp_path):
    bad = tmp_path / "bad.ttl"
    text = built.read_text(encoding="utf-8")
    bad.write_text(text + '\n<https://example.org/akg/id/org/nissan> <http://www.w3.org/2000/01/rdf-schema#label> "Second label" .\n',
                   encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code != 0
    assert "violation" in result.output


def test_missing_input_file(runner, tmp_path):
    result = runner.invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert_one_line_error(result)
    assert "nope.txt" in result.output


def test_empty_input_file(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(empty), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "empty.txt" in result.output


def test_bad_file_in_folder_is_skipped_not_fatal(runner, tmp_path, seed_article):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed_article.read_bytes())
    (folder / "b.txt").write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(cli, ["extract", str(folder)])
    assert result.exit_code == 0
    assert "b.txt" in result.stderr
    assert len(result.stdout.splitlines()) >= 7


def test_broken_sparql(runner, built):
    result = runner.invoke(cli, ["query", "SELECT ?x WHERE { ?x ", "--graph", str(built)])
    assert_one_line_error(result)


def test_missing_graph(runner, tmp_path):
    result = runner.invoke(cli, ["query", "partners", "-p", "org=Nissan", "--graph", str(tmp_path / "none.ttl")])
    assert_one_line_error(result)
    assert "akg build" in result.output


def test_named_query_missing_param(runner, built):
    result = runner.invoke(cli, ["query", "partners", "--graph", str(built)])
    assert_one_line_error(result)


def test_python_m_graph_runs(tmp_path):
    import subprocess
    import sys
    proc = subprocess.run([sys.executable, "-m", "graph", "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0 and "build" in proc.stdout


def test_remove_then_ingest_gives_the_build_bytes(runner, built, seed_article, tmp_path):
    """The store's files after a removal and a re-ingest are those of a fresh build."""
    out = built.parent
    before = built.read_bytes(), (out / "graph.html").read_bytes()
    removed = runner.invoke(cli, ["remove", seed_article.name, "-o", str(out)])
    assert removed.exit_code == 0, removed.output
    assert "partnerOf" not in built.read_text(encoding="utf-8")
    ingested = runner.invoke(cli, ["ingest", str(seed_article), "-o", str(out), "-q"])
    assert ingested.exit_code == 0, ingested.output
    assert (built.read_bytes(), (out / "graph.html").read_bytes()) == before


def test_query_reads_the_store_folder(runner, built):
    result = runner.invoke(cli, ["query", "competitors", "-p", "org=Tesla", "--graph", str(built.parent / "store"),
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert {"Nissan", "Honda"} <= {line.split(",")[1] for line in result.stdout.splitlines()[1:]}


def test_export_trig_and_load_round_trip(runner, built, tmp_path):
    store = str(built.parent / "store")
    exported = runner.invoke(cli, ["export", "--graph", store, "-f", "trig", "-o", str(tmp_path / "x")])
    assert exported.exit_code == 0, exported.output
    restored = tmp_path / "restored"
    loaded = runner.invoke(cli, ["load", str(tmp_path / "x" / "graph.trig"), "-o", str(restored), "--no-html"])
    assert loaded.exit_code == 0, loaded.output
    assert (restored / "graph.ttl").read_bytes() == built.read_bytes()


def test_remove_unknown_article(runner, built):
    result = runner.invoke(cli, ["remove", "nosuch.txt", "-o", str(built.parent)])
    assert_one_line_error(result)
    assert "nosuch.txt" in result.output


def test_publish_to_a_closed_port_is_a_clear_error(runner, built):
    result = runner.invoke(cli, ["publish", "--endpoint", "http://127.0.0.1:9/store", "--store", str(built)])
    assert_one_line_error(result)


def test_a_missing_spacy_model_is_one_line_naming_the_fix(runner, seed_article, tmp_path):
    result = runner.invoke(cli, ["--model", "no_such_pipeline", "extract", str(seed_article)],
                           env={MODEL_ENV: None})  # click restores the variable the option sets
    assert_one_line_error(result)
    assert "pip install no-such-pipeline" in result.output


@pytest.mark.parametrize("typed", ["nissan", "Nissan Motor", "TSLA", "Q20165"])
def test_query_answers_any_name_like_the_label(runner, built, typed):
    label = "Tesla" if typed == "TSLA" else "Nissan"
    expected = runner.invoke(cli, ["query", "competitors", "-p", f"org={label}", "--graph", str(built)])
    result = runner.invoke(cli, ["query", "competitors", "-p", f"org={typed}", "--graph", str(built)])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected.stdout and len(result.stdout.splitlines()) > 2


def test_query_with_a_misspelt_name_suggests_and_fails(runner, built):
    result = runner.invoke(cli, ["query", "partners", "-p", "org=Nisan", "--graph", str(built)])
    assert_one_line_error(result)
    assert "did you mean Nissan?" in result.output


def test_query_list_shows_the_allowed_statuses(runner):
    result = runner.invoke(cli, ["query", "--list"])
    assert f"--param status=...  Lifecycle status (e.g. active); one of: {', '.join(vocab.statuses())}" in result.stdout


def test_query_with_a_bad_status_lists_the_statuses(runner, built):
    result = runner.invoke(cli, ["query", "by-status", "-p", "status=actve", "--graph", str(built)])
    assert_one_line_error(result)
    assert "considering, agreed, active, ended" in result.output


def test_viz_focus_takes_any_name(runner, built, tmp_path):
    page = tmp_path / "tesla.html"
    result = runner.invoke(cli, ["viz", "--graph", str(built), "--focus", "tsla", "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert f'"focus":"{vocab.org_iri("Tesla")}"' in page.read_text(encoding="utf-8")
    result = runner.invoke(cli, ["viz", "--graph", str(built), "--focus", "Tesls", "-o", str(page)])
    assert_one_line_error(result)
    assert "did you mean Tesla?" in result.output


def test_quiet_build_and_ingest_say_nothing_on_stderr(runner, built, seed_article):
    for command in ("build", "ingest"):
        result = runner.invoke(cli, [command, str(seed_article), "-o", str(built.parent), "-q"])
        assert result.exit_code == 0, result.output
        assert result.stderr == ""


def test_validate_names_a_missing_file_instead_of_asking_for_a_build(runner, tmp_path):
    missing = tmp_path / "nonexistent.ttl"
    result = runner.invoke(cli, ["validate", str(missing)])
    assert_one_line_error(result)
    assert str(missing) in result.output and "check the path" in result.output


def test_a_closed_pipe_ends_quietly(seed_article):
    import subprocess
    import sys
    proc = subprocess.run(["bash", "-c", f"'{sys.executable}' -m graph extract '{seed_article}' | head -n 1"],
                          capture_output=True, text=True)
    assert proc.stdout.startswith("{") and len(proc.stdout.splitlines()) == 1
    assert proc.stderr == ""
