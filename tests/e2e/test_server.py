"""`akg serve` for real: a server on 127.0.0.1, spoken to over HTTP (and its page in headless Chromium)."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from graph.errors import GraphNotFoundError
from graph.serve.server import make_server
from store_sample import build_store, extractions

pytestmark = pytest.mark.e2e

LIMIT = 5
LABELS = "SELECT ?label WHERE { ?org rdfs:label ?label } ORDER BY ?label"
PARTNERS = ("SELECT ?org ?partner WHERE { ?self rdfs:label ?org . ?rel a akg:Partnership ; akg:participant ?self, ?x ."
            " FILTER (?x != ?self) ?x rdfs:label ?partner } ORDER BY ?partner")
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h . ?i ?t ?j }"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "store"
    build_store(path)
    srv = make_server(path, port=0, timeout=1.0, limit=LIMIT, workers=2)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def call(server, path: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of one request to the server."""
    req = urllib.request.Request(server.url.rstrip("/") + path, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def get(server, query: str, **headers):
    return call(server, "/query?" + urllib.parse.urlencode({"query": query}), headers=headers)


def values(body: bytes, var: str) -> list[str]:
    return [b[var]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_binds_to_localhost_by_default(server):
    assert server.server_address[0] == "127.0.0.1"


@pytest.mark.parametrize("accept, media", [
    (None, "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
])
def test_content_negotiation(server, accept, media):
    status, headers, body = get(server, "SELECT ?label WHERE { ?o rdfs:label ?label FILTER (?label = 'BYD') }",
                                **({"Accept": accept} if accept else {}))
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    if media.endswith("json"):
        assert values(body, "label") == ["BYD"]
    elif media.endswith("xml"):
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        assert [s["label"].value for s in parsed] == ["BYD"]
    elif media == "text/csv":
        assert body.decode().splitlines() == ["label", "BYD"]
    else:
        assert body.decode().splitlines() == ["?label", '"BYD"']


def test_format_parameter_overrides_accept(server):
    status, headers, body = call(server, "/query?" + urllib.parse.urlencode({"query": LABELS, "format": "csv"}),
                                 headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")


def test_unacceptable_accept_is_406(server):
    status, _, body = get(server, LABELS, Accept="image/png")
    assert status == 406 and b"offered" in body


def test_get_and_both_posts_agree(server):
    by_get = get(server, PARTNERS)[2]
    by_post = call(server, "/query", data=PARTNERS.encode(), headers={"Content-Type": "application/sparql-query"})[2]
    form = urllib.parse.urlencode({"query": PARTNERS}).encode()
    by_form = call(server, "/query", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})[2]
    assert json.loads(by_get) == json.loads(by_post) == json.loads(by_form)
    assert values(by_get, "partner")  # the store is not empty


def test_parameters_are_bound_not_pasted(server):
    form = urllib.parse.urlencode({"query": PARTNERS, "$org": "Nissan"}).encode()
    status, _, body = call(server, "/query", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and values(body, "partner") == ["Baidu", "Honda"]
    hostile = urllib.parse.urlencode({"query": PARTNERS, "$org": 'Nissan" } } #'}).encode()
    status, _, body = call(server, "/query", data=hostile, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and values(body, "partner") == []


@pytest.mark.parametrize("path, data, ctype, method", [
    ("/query", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update", "POST"),
    ("/query", b"update=INSERT+DATA+%7B+%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E+%7D",
     "application/x-www-form-urlencoded", "POST"),
    ("/update", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update", "POST"),
    ("/query", b"<urn:a> <urn:b> <urn:c> .", "application/n-triples", "PUT"),
])
def test_updates_are_refused(server, path, data, ctype, method):
    before = get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[2]
    status, _, body = call(server, path, data=data, headers={"Content-Type": ctype}, method=method)
    assert status == 403 and b"read-only" in body
    assert get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[2] == before


def test_update_as_query_is_a_400(server):
    status, _, body = get(server, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert status == 400 and body.startswith(b"malformed SPARQL")


def test_malformed_query_is_400_with_a_message(server):
    status, headers, body = get(server, "SELEC ?x WHERE { ?x ?y }")
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    assert body.startswith(b"malformed SPARQL:") and len(body.splitlines()) == 1


def test_missing_query_and_unknown_path(server):
    assert call(server, "/query")[0] == 400
    assert call(server, "/nowhere")[0] == 404


def test_limit_cuts_the_result_and_says_so(server):
    status, headers, body = get(server, LABELS)
    assert status == 200 and len(values(body, "label")) == LIMIT
    assert headers["X-Akg-Truncated"] == "true" and headers["X-Akg-Result-Limit"] == str(LIMIT)
    status, headers, body = get(server, LABELS + " LIMIT 2")
    assert len(values(body, "label")) == 2 and headers["X-Akg-Truncated"] == "false"


def test_construct_gives_turtle(server):
    status, headers, body = get(server, "CONSTRUCT WHERE { ?o a akg:Organization }", Accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(Graph().parse(data=body, format="turtle")) == LIMIT


def test_timeout_gives_503_and_the_server_recovers(server):
    status, _, body = get(server, EXPENSIVE)
    assert status == 503 and b"timed out" in body
    assert get(server, "ASK { ?s ?p ?o }")[0] == 200


def test_the_page_is_offline(server):
    status, headers, body = call(server, "/")
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert not re.search(r"https?:", page, re.IGNORECASE)
    assert '"name": "partners"' in page


def test_missing_store_is_reported(tmp_path):
    with pytest.raises(GraphNotFoundError):
        make_server(tmp_path / "nothing", port=0)


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing")
def test_the_page_runs_a_named_query_in_chromium(server):
    sync_api = pytest.importorskip("playwright.sync_api")
    outside, errors = [], []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url)
                   else (outside.append(route.request.url), route.abort()))
        page.goto(server.url)
        page.select_option("#examples", label="partners")
        page.fill("#params input[data-param=org]", "Nissan")
        page.click("#run")
        page.wait_for_selector("#results:not([hidden]) tbody tr")
        cells = page.eval_on_selector_all("#results tbody tr", "rows => rows.map(r => r.textContent)")
        browser.close()
    assert cells and all("Nissan" in row for row in cells)
    assert outside == [] and errors == []


ARTICLE = "Toyota and Mazda agreed to form a partnership on software.\n"
MAZDA = "SELECT ?label WHERE { ?org rdfs:label ?label FILTER (?label = 'Mazda') }"


def _akg(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).with_name("akg")), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, check=True)


@pytest.fixture
def live(tmp_path):
    """A real `akg serve` process (two workers) over a store in tmp_path/out, in its own process group as a
    terminal's foreground job is; yields (process, base URL)."""
    (tmp_path / "out").mkdir()
    build_store(tmp_path / "out" / "store")  # dropped at once, which closes it: `akg ingest` must open it
    proc = subprocess.Popen([str(Path(sys.executable).with_name("akg")), "serve", "--store", "out/store",
                             "--port", "0", "--timeout", "10"], cwd=tmp_path, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    line = proc.stderr.readline()
    found = re.search(r"(http://127\.0\.0\.1:\d+/)query", line)
    if found is None:
        proc.kill()
        pytest.fail(f"akg serve did not start: {line}{proc.stderr.read()}")
    yield proc, found.group(1)
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def _mazda(url: str) -> list[list[str]]:
    """What each of several consecutive queries answers (enough to reach both workers)."""
    answers = []
    for _ in range(4):
        with urllib.request.urlopen(url + "query?" + urllib.parse.urlencode({"query": MAZDA}), timeout=30) as r:
            answers.append(values(r.read(), "label"))
    return answers


def test_serve_sees_ingest_and_remove_and_stops_cleanly_on_ctrl_c(live, tmp_path):
    proc, url = live
    assert _mazda(url) == [[]] * 4
    (tmp_path / "live.txt").write_text(ARTICLE, encoding="utf-8")
    _akg("ingest", "live.txt", "--outdir", "out", "--no-html", "-q", cwd=tmp_path)
    assert _mazda(url) == [["Mazda"]] * 4  # the next query, on every worker
    _akg("remove", "live.txt", "--outdir", "out", "--no-html", cwd=tmp_path)
    assert _mazda(url) == [[]] * 4
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "Traceback" not in err, err


def test_serve_sees_a_rebuilt_store(live, tmp_path):
    _, url = live
    from graph.store.store import rebuild

    ids = "SELECT DISTINCT ?id WHERE { ?doc dcterms:identifier ?id } ORDER BY ?id"

    def answers() -> list[list[str]]:
        out = []
        for _ in range(4):
            with urllib.request.urlopen(url + "query?" + urllib.parse.urlencode({"query": ids}), timeout=30) as r:
                out.append(values(r.read(), "id"))
        return out

    assert answers() == [["a.txt", "b.txt", "c.txt"]] * 4
    rebuild(tmp_path / "out" / "store", [e for e in extractions() if e.document.id != "a.txt"])
    assert answers() == [["b.txt", "c.txt"]] * 4


def test_serve_sees_a_load(live, tmp_path):
    _, url = live
    from graph.extract.facts import Extraction, Fact
    from graph.extract.registry import Organization
    from graph.extract.text import Document
    from graph.store.store import Store

    fact = Fact("d.txt", "Toyota", "partnership", "Mazda", "agreed", (), "2024-08", ARTICLE.strip(), 0.8)
    extraction = Extraction(Document("d.txt", "text", (), "2024-08-01"), (fact,),
                            (Organization("Mazda"), Organization("Toyota")))
    store = Store()
    store.ingest([extraction])
    store.export(tmp_path / "d.trig")
    assert _mazda(url) == [[]] * 4
    _akg("load", "d.trig", "--outdir", "out", "--no-html", "-q", cwd=tmp_path)
    assert _mazda(url) == [["Mazda"]] * 4
