"""Every command through click's CliRunner, including the bad inputs users will feed it."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import vocab
from graph.cli import SKIPPED_EXIT, cli
from graph.errors import TERMINAL_CONTROLS
from graph.extract.files import MAX_RECORD_CHARS
from graph.extract.nlp import MODEL_ENV

ROOT = Path(__file__).resolve().parent.parent

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


# --- hostile input (issue 12): real runs of `python -m graph` --------------------------------------


def akg(*args: str, cwd: Path) -> "subprocess.CompletedProcess[str]":
    """Run the real command line in ``cwd``; stdout and stderr as text."""
    return subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True, cwd=cwd,
                          encoding="utf-8", errors="backslashreplace", timeout=300)


def no_traceback(proc: "subprocess.CompletedProcess[str]") -> None:
    assert "Traceback" not in proc.stderr, proc.stderr


def store_ids(out: Path) -> list[str]:
    """The article ids the store under ``out`` holds."""
    query = "SELECT ?id WHERE { GRAPH ?g { ?g dcterms:identifier ?id } } ORDER BY ?id"
    proc = akg("query", query, "--graph", str(out / "store"), "--format", "csv", cwd=out.parent)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()[1:]


def test_same_file_name_in_two_folders_survives_build_store_and_ingest(tmp_path):
    for site, text in (("a", "Toyota and Mazda agreed to form a partnership."),
                       ("b", "Nissan and Honda agreed to form a partnership.")):
        (tmp_path / "in" / site).mkdir(parents=True)
        (tmp_path / "in" / site / "news.txt").write_text(text, encoding="utf-8")
    (tmp_path / "later.txt").write_text("Ford and Volkswagen agreed to form a partnership.", encoding="utf-8")
    assert akg("build", "in", "-o", "out", "-q", "--no-html", cwd=tmp_path).returncode == 0
    assert store_ids(tmp_path / "out") == ["a/news.txt", "b/news.txt"]
    assert akg("ingest", "later.txt", "-o", "out", "-q", "--no-html", cwd=tmp_path).returncode == 0
    assert store_ids(tmp_path / "out") == ["a/news.txt", "b/news.txt", "later.txt"]
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert all(f'"{label}"' in turtle for label in ("Mazda", "Toyota", "Honda", "Volkswagen"))


def test_two_records_with_one_id_name_both_lines_and_show_in_the_exit_code(tmp_path):
    records = [{"id": "x", "text": "Toyota and Mazda agreed to form a partnership."},
               {"id": "x", "text": "Nissan and Honda agreed to form a partnership."}]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    proc = akg("extract", "c.jsonl", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == SKIPPED_EXIT
    assert "warning: skipped c.jsonl, line 2: id 'x' is already the id of c.jsonl, line 1; skipped" in proc.stderr
    assert {json.loads(line)["object"] for line in proc.stdout.splitlines()} == {"Mazda"}


def big_corpus(path: Path) -> None:
    """A JSON Lines file over the file limit: an article, a record over the record limit, another article."""
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "one", "text": "Toyota and Mazda agreed to form a partnership."}) + "\n")
        out.write('{"id": "huge", "text": "' + "x" * (MAX_RECORD_CHARS + 1) + '"}\n')
        out.write(json.dumps({"id": "three", "text": "Nissan and Honda agreed to form a partnership."}) + "\n")


def test_a_big_corpus_is_read_record_by_record_and_a_skip_shows_in_the_exit_code(tmp_path):
    big_corpus(tmp_path / "year.jsonl")
    (tmp_path / "other.txt").write_text("Ford and Volkswagen agreed to form a partnership.", encoding="utf-8")
    proc = akg("build", "year.jsonl", "other.txt", "-o", "out", "-q", "--no-html", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == SKIPPED_EXIT
    skips = [line for line in proc.stderr.splitlines() if line.startswith("warning: skipped")]
    assert skips == [f"warning: skipped year.jsonl, line 2: record longer than {MAX_RECORD_CHARS} characters, skipped"]
    assert store_ids(tmp_path / "out") == ["one", "other.txt", "three"]
    strict = akg("build", "year.jsonl", "other.txt", "-o", "strict", "-q", "--no-html", "--strict", cwd=tmp_path)
    assert strict.returncode == 1 and strict.stderr.splitlines()[-1].startswith("Error: year.jsonl, line 2: record")
    assert not (tmp_path / "strict" / "graph.ttl").exists()


def test_skips_show_in_the_exit_code_and_strict_stops(runner, tmp_path, seed_article):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed_article.read_bytes())
    (folder / "b.txt").write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(cli, ["extract", str(folder)])
    assert result.exit_code == SKIPPED_EXIT
    assert [line for line in result.stderr.splitlines() if "b.txt" in line] == [
        f"warning: skipped {folder / 'b.txt'}: is binary, not text"]
    assert len(result.stdout.splitlines()) >= 7
    strict = runner.invoke(cli, ["extract", "--strict", str(folder)])
    assert strict.exit_code == 1 and strict.stderr.splitlines()[-1] == f"Error: {folder / 'b.txt'}: is binary, not text"


def test_hostile_records_are_one_line_each_and_the_build_goes_on(tmp_path):
    lines = ['{"id": "s", "text": "Nissan and Honda agreed to form a partnership. \\ud800"}',
             '{"id": "d", "text": "x", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}",
             json.dumps({"id": "ok", "text": "Toyota and Mazda agreed to form a partnership."})]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = akg("build", "c.jsonl", "-o", "out", "-q", "--no-html", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == SKIPPED_EXIT
    assert [line for line in proc.stderr.splitlines() if line.startswith("warning: skipped")] == [
        "warning: skipped c.jsonl, line 1: holds a lone surrogate escape (\\ud800), not text",
        "warning: skipped c.jsonl, line 2: JSON nested too deeply"]
    assert store_ids(tmp_path / "out") == ["ok"]


def test_a_query_file_that_is_not_utf8_is_a_one_line_error(runner, built, tmp_path):
    qfile = tmp_path / "latin.rq"
    qfile.write_bytes("# café\nASK { ?a ?b ?c }".encode("latin-1"))
    result = runner.invoke(cli, ["query", "-f", str(qfile), "--graph", str(built)])
    assert_one_line_error(result)
    assert f"cannot read query file {qfile}: not UTF-8 (byte 0xe9 at offset 5)" in result.output


def test_a_damaged_store_is_a_one_line_error_and_build_replaces_it(tmp_path, seed_article):
    article = tmp_path / "news.txt"
    article.write_text("Toyota and Mazda agreed to form a partnership.", encoding="utf-8")
    assert akg("build", "news.txt", "-o", "out", "-q", "--no-html", cwd=tmp_path).returncode == 0
    (tmp_path / "out" / "store" / "CURRENT").write_text("garbage\n")
    proc = akg("query", "partners", "-p", "org=Toyota", "--graph", "out/store", cwd=tmp_path)  # evaluated, not kept
    no_traceback(proc)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == ["Error: the store at out/store is damaged (Corruption: CURRENT file corrupted):"
                                        " `akg build` rebuilds it"]
    rebuilt = akg("build", "news.txt", "-o", "out", "-q", "--no-html", cwd=tmp_path)
    no_traceback(rebuilt)
    assert rebuilt.returncode == 0 and "replacing the damaged store at out/store" in rebuilt.stderr
    assert store_ids(tmp_path / "out") == ["news.txt"]


CONTROLS = "\x1b[2J\x9b31m\u202e"
"""An ANSI clear-screen, a one-byte CSI (C1) colour change and a right-to-left override."""


def test_extract_escapes_terminal_controls_and_keeps_the_values(tmp_path):
    (tmp_path / "a.txt").write_text(f"Nissan and Honda agreed to form a partnership {CONTROLS}on software.",
                                    encoding="utf-8")
    proc = akg("extract", "a.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert not TERMINAL_CONTROLS.search(proc.stdout)
    assert "\\u001b[2J\\u009b31m\\u202e" in proc.stdout
    assert CONTROLS in json.loads(proc.stdout.splitlines()[0])["evidence"]


def test_query_table_escapes_terminal_controls_csv_and_json_stay_exact(tmp_path):
    (tmp_path / "a.txt").write_text(f"Nissan and Honda agreed to form a partnership {CONTROLS}on software.",
                                    encoding="utf-8")
    assert akg("build", "a.txt", "-o", "out", "-q", "--no-html", cwd=tmp_path).returncode == 0
    query = "SELECT ?e WHERE { ?x akg:sentence ?e }"
    table, csv_, json_ = (akg("query", query, "--format", fmt, cwd=tmp_path).stdout for fmt in ("table", "csv", "json"))
    assert not TERMINAL_CONTROLS.search(table) and "\\x1b[2J\\x9b31m\\u202e" in table
    assert CONTROLS in csv_
    assert CONTROLS in json.loads(json_)["results"]["bindings"][0]["e"]["value"]


def test_a_utf16_article_is_read_and_its_encoding_named(tmp_path):
    (tmp_path / "wide.txt").write_bytes("Nissan and Honda agreed to form a partnership.".encode("utf-16"))
    proc = akg("extract", "wide.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "warning: wide.txt: not UTF-8; read as UTF-16 (byte order mark)" in proc.stderr.splitlines()
    assert {json.loads(line)["object"] for line in proc.stdout.splitlines()} == {"Honda"}


def test_a_utf8_article_with_one_bad_byte_stays_utf8(tmp_path):
    text = "Nissan and Honda agreed to form a partnership in Zürich, the Société said."
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8").replace("Zürich".encode(), b"Z\xffrich"))
    proc = akg("extract", "a.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "warning: a.txt: 1 byte(s) are not UTF-8; read as UTF-8 with them replaced by U+FFFD" in proc.stderr
    assert json.loads(proc.stdout)["evidence"] == text.replace("Zürich", "Z\ufffdrich")


def test_extract_in_two_processes_prints_the_same_lines_as_in_one(runner):
    corpus = [str(ROOT / "seeds"), str(ROOT / "tests" / "dev2" / "docs")]  # 45 articles: two batches
    one = runner.invoke(cli, ["extract", *corpus, "--workers", "1"])
    two = runner.invoke(cli, ["extract", *corpus, "--workers", "2"])
    assert one.exit_code == two.exit_code == 0
    assert two.output == one.output and one.output.count("\n") > 100


def test_stats_lists_hubs_brokers_and_blocs(runner, built):
    result = runner.invoke(cli, ["stats", "--graph", str(built), "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "section,rank,organization,value"
    assert lines[1] == "hub,1,Nissan,3"  # partners with Honda, Tencent and Baidu; rivalry not counted
    assert "broker,1,Nissan,1.0" in lines
    assert {line.split(",")[2] for line in lines if line.startswith("bloc,")} == {"Nissan", "Honda", "Tencent", "Baidu"}
    again = runner.invoke(cli, ["stats", "--graph", str(built), "--format", "json", "--top", "1"])
    data = json.loads(again.output)
    assert [h["label"] for h in data["hubs"]] == ["Nissan"] and data["blocs"][0]["size"] == 4


def test_path_takes_any_name_and_shows_the_chain(runner, built):
    result = runner.invoke(cli, ["path", "tsla", "tencent", "--graph", str(built)])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("Tesla - ") and first.endswith("Tencent  (2 steps)")
    data = json.loads(runner.invoke(cli, ["path", "Nissan Motor", "Baidu", "--graph", str(built),
                                          "--format", "json"]).output)
    assert data["organizations"] == ["Nissan", "Baidu"]
    assert data["steps"][0]["relations"][0]["relation"] == "partnership"


def test_path_unknown_name_or_no_chain_exits_1_with_a_hint(runner, built):
    result = runner.invoke(cli, ["path", "Tesl", "Tencent", "--graph", str(built)])
    assert_one_line_error(result)
    assert "did you mean Tesla?" in result.output
    result = runner.invoke(cli, ["path", "Tesla", "Tencent", "--relation", "partnership", "--graph", str(built)])
    assert_one_line_error(result)
    assert "Tesla takes part in no relation of those asked" in result.output
    result = runner.invoke(cli, ["path", "Tesla", "Tencent", "--relation", "alliance", "--graph", str(built)])
    assert_one_line_error(result)
    assert "allowed: competition, investment, merger, partnership, supply" in result.output


def test_viz_filters_on_the_command_line(runner, built, tmp_path):
    out = tmp_path / "partners.html"
    result = runner.invoke(cli, ["viz", "--graph", str(built), "-o", str(out), "--relation", "Partnership",
                                 "--field", "ai", "--since", "2024-07"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "3 organizations · 2 relations" in text  # Nissan with Tencent and Baidu; Honda's MOU is not in AI
    for bad, allowed in ((["--relation", "alliance"], "partnership"), (["--field", "EV battery"], "EV batteries"),
                         (["--since", "last june"], "2024-03")):
        result = runner.invoke(cli, ["viz", "--graph", str(built), "-o", str(out), *bad])
        assert_one_line_error(result)
        assert allowed in result.output
    result = runner.invoke(cli, ["viz", "--graph", str(built), "-o", str(out), "--since", "2030"])
    assert_one_line_error(result)
    assert "no relationship passes the filters" in result.output


# --- progress: a bar on a terminal, nothing in logs, pipes or under --quiet -----------------------------------------

def _stderr_on_a_terminal(*args: str) -> tuple[int, str]:
    """Run ``akg ARGS`` with stderr on a pseudo-terminal; its exit code and what it drew there."""
    import os
    import pty
    import select

    main, secondary = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "graph", *args], stdout=subprocess.DEVNULL, stderr=secondary)
    os.close(secondary)
    drawn = b""
    while True:
        ready, _, _ = select.select([main], [], [], 0.2)
        try:
            chunk = os.read(main, 4096) if ready else b""
        except OSError:  # the child closed the terminal
            break
        drawn += chunk
        if not chunk and proc.poll() is not None:
            break
    os.close(main)
    return proc.wait(timeout=60), drawn.decode(errors="replace")


def test_viz_draws_a_progress_bar_on_a_terminal_only(runner, built, tmp_path):
    page = tmp_path / "page.html"
    code, drawn = _stderr_on_a_terminal("viz", "--graph", str(built), "-o", str(page))
    assert code == 0
    assert "drawing the page" in drawn and "layout" in drawn and "4/4" in drawn
    code, drawn = _stderr_on_a_terminal("viz", "--graph", str(built), "-o", str(page), "--quiet")
    assert code == 0 and drawn == ""
    result = runner.invoke(cli, ["viz", "--graph", str(built), "-o", str(page)])  # stderr no terminal: silent
    assert result.exit_code == 0 and result.stderr == ""


def test_build_draws_a_bar_of_articles_on_a_terminal_and_writes_lines_elsewhere(runner, seed_article, tmp_path):
    code, drawn = _stderr_on_a_terminal("build", str(seed_article), "-o", str(tmp_path / "a"), "--no-html")
    assert code == 0 and "reading articles" in drawn and "1/1" in drawn
    result = runner.invoke(cli, ["build", str(seed_article), "-o", str(tmp_path / "b"), "--no-html"])
    assert result.exit_code == 0
    assert "\r" not in result.stderr and "[" not in result.stderr  # no bar in a log: a line per article
    assert result.stderr.splitlines()[0] == f"reading {seed_article.name}"
