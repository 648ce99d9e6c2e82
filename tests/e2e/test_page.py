"""The graph page in headless Chromium: offline, no errors, injection inert, search, filters, panel."""
import base64
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import sync_playwright

from graph.views.viz import OVERVIEW_SIZE, READABLE_PX, TOP_LABELS, render_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
IMG_ONERROR = '<img src=x onerror="window.__pwned=1">'
SCRIPT_BREAK = "</script><script>window.__pwned=2</script>"
SIX = {"Nissan": ("Automaker", "JP"), "Honda": ("Automaker", "JP"), "BYD": ("Automaker", "CN"),
       "Tesla": ("Automaker", "US"), "Tencent": ("TechnologyCompany", "CN"), "Baidu": ("TechnologyCompany", "CN")}
VIEWPORT = {"width": 1400, "height": 850}

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)")]


def _seed_view() -> nx.MultiDiGraph:
    """The seed article's six organizations, by hand; the partnership's evidence is hostile."""
    g = nx.MultiDiGraph()
    for label, (kind, country) in SIX.items():
        g.add_node(label, label=label, kind=kind, country=country, discovered=False)

    def rel(a, b, relation, status, sentence, fields=("automotive software",)):
        g.add_edge(a, b, relation=relation, status=status, fields=list(fields), date="2024-03",
                   evidence=[{"sentence": sentence, "doc": "000_seed.txt", "date": "2024-07-03", "status": status}])

    rel("Nissan", "Honda", "partnership", "agreed", f"Nissan and Honda agreed {IMG_ONERROR} {SCRIPT_BREAK}.")
    rel("Nissan", "Honda", "merger", "considering", "They are considering a merger.")
    rel("Tencent", "Nissan", "investment", "active", "Tencent holds a stake in Nissan.", fields=())
    rel("Baidu", "Honda", "supply", "ended", "Baidu supplied maps to Honda until 2023.",
        fields=("automotive software", "maps"))
    rel("BYD", "Tesla", "competition", None, "BYD competes with Tesla.", fields=("electric vehicles",))
    rel("Honda", "BYD", "competition", None, "Honda lags behind BYD.", fields=("electric vehicles",))
    return g


class Visit:
    """One page load: the page, and every outside request, failed request and error seen."""

    def __init__(self, page, url: str):
        self.page, self.outside, self.failed, self.errors = page, [], [], []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("requestfailed", lambda req: self.failed.append(req.url))
        page.route("**/*", self._only_local)
        page.goto(url)
        page.wait_for_function("() => window.akg && window.akg.drawn && window.akg.stabilized", timeout=30_000)

    def background_point(self) -> tuple[float, float]:
        """A point of the graph's canvas with no node under it (a corner)."""
        box = self.page.locator("#network").bounding_box()
        x, y = box["x"] + 8, box["y"] + 8
        assert self.page.evaluate("([x, y]) => akg.network.getNodeAt({x: x, y: y})", [8, 8]) is None
        return x, y

    def _only_local(self, route):
        url = route.request.url
        if url.startswith("file://") or url.startswith("http://127.0.0.1"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        return self.midpoint(node_id, node_id)

    def midpoint(self, a: str, b: str) -> tuple[float, float]:
        """The page point halfway between two nodes (on their edge if it is straight)."""
        xy = self.page.evaluate("""([a, b]) => {
            const n = akg.network, p = n.getPositions([a, b]);
            const d = n.canvasToDOM({x: (p[a].x + p[b].x) / 2, y: (p[a].y + p[b].y) / 2});
            const box = document.getElementById('network').getBoundingClientRect();
            return [box.left + d.x, box.top + d.y];
        }""", [a, b])
        return xy[0], xy[1]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def _visits(browser, path: Path, html: str, screenshot: Path | None = None):
    """Write ``html`` to ``path``, open it in a new page and yield the Visit; close the page after (with a
    screenshot kept under pytest's tmp dir for a look after a failure, when asked)."""
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport=VIEWPORT)
    yield Visit(page, path.as_uri())
    if screenshot is not None:
        page.screenshot(path=str(screenshot))
    page.close()


@pytest.fixture
def visit(browser, tmp_path):
    yield from _visits(browser, tmp_path / "graph.html", render_html(_seed_view(), title="Seed article"),
                       screenshot=tmp_path / "graph.png")


def test_page_draws_offline_without_errors(visit):
    labels = visit.page.evaluate("akg.nodes.get().map(n => n.label)")
    assert sorted(labels) == sorted(SIX)
    assert visit.page.evaluate("akg.edgeView.length") == 6
    assert visit.outside == [] and visit.failed == [] and visit.errors == []


def test_physics_is_off_and_positions_hold(visit):
    before = visit.page.evaluate("akg.network.getPositions()")
    visit.page.wait_for_timeout(300)
    assert visit.page.evaluate("akg.network.physics.physicsEnabled") is False
    assert visit.page.evaluate("akg.network.getPositions()") == before


def test_search_selects_the_organization(visit):
    visit.page.fill("#search", "honda")
    visit.page.press("#search", "Enter")
    assert visit.page.evaluate("akg.network.getSelectedNodes()") == ["Honda"]
    assert visit.page.inner_text("#panel h2") == "Honda"
    visit.page.fill("#search", "Zeekr")
    visit.page.press("#search", "Enter")
    assert visit.page.inner_text("#search-status") == "no organization matches"


def _shown_labels(visit) -> list[str]:
    return sorted(visit.page.evaluate("akg.nodeView.get().map(n => n.label)"))


def test_unticking_a_relation_hides_its_edges_and_the_organizations_left_alone(visit):
    shown = "akg.edgeView.get().map(e => e.relation)"
    assert visit.page.evaluate(shown).count("competition") == 2
    assert visit.page.inner_text("#counts") == "6 organizations · 6 relations"
    visit.page.uncheck("input[data-filter=relation][data-key=competition]")
    assert "competition" not in visit.page.evaluate(shown)
    assert len(visit.page.evaluate(shown)) == 4
    assert _shown_labels(visit) == ["Baidu", "Honda", "Nissan", "Tencent"]  # BYD and Tesla had competition only
    visit.page.uncheck("input[data-filter=status][data-key=ended]")
    assert sorted(visit.page.evaluate(shown)) == ["investment", "merger", "partnership"]
    assert _shown_labels(visit) == ["Honda", "Nissan", "Tencent"]
    assert visit.page.inner_text("#counts") == "3 of 6 organizations · 3 of 6 relations"
    visit.page.check("input[data-filter=relation][data-key=competition]")
    assert _shown_labels(visit) == ["BYD", "Honda", "Nissan", "Tencent", "Tesla"]


def test_clicking_a_node_shows_escaped_evidence(visit):
    visit.page.mouse.click(*visit.node_point("Nissan"))
    panel = visit.page.locator("#panel")
    assert panel.locator("h2").inner_text() == "Nissan"
    assert IMG_ONERROR in panel.inner_text() and SCRIPT_BREAK in panel.inner_text()
    assert panel.locator("img").count() == 0 and visit.page.locator("script").count() == 3
    assert visit.page.evaluate("window.__pwned") is None
    assert visit.errors == []


def test_hovering_an_edge_shows_its_evidence(visit):
    visit.page.mouse.move(*visit.midpoint("Tencent", "Nissan"))
    tooltip = visit.page.locator("#tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "Tencent holds a stake in Nissan." in tooltip.inner_text()
    assert "status: active" in tooltip.inner_text()


def _search_suggestions(visit, text: str) -> list[str]:
    visit.page.fill("#search", "")
    visit.page.type("#search", text)
    return visit.page.locator("#suggestions li").all_inner_texts()


def test_search_finds_a_ticker_or_an_alias_with_suggestions_as_you_type(visit):
    assert _search_suggestions(visit, "tsl") == ["Tesla TSLA"]
    visit.page.press("#search", "Enter")
    assert visit.page.evaluate("akg.network.getSelectedNodes()") == ["Tesla"]
    assert visit.page.inner_text("#panel h2") == "Tesla"
    assert _search_suggestions(visit, "NISSAN MOTOR")[0] == "Nissan Nissan Motor"
    visit.page.locator("#suggestions li").first.dispatch_event("mousedown")
    assert visit.page.evaluate("akg.network.getSelectedNodes()") == ["Nissan"]
    assert visit.page.locator("#suggestions").is_hidden()


def test_search_suggestions_by_keyboard_and_hidden_organizations_said_so(visit):
    assert _search_suggestions(visit, "te") == ["Tencent", "Tesla", "BYD BYD Company Limited"]  # prefixes first
    visit.page.press("#search", "ArrowDown")
    visit.page.press("#search", "ArrowDown")
    visit.page.press("#search", "Enter")
    assert visit.page.evaluate("akg.network.getSelectedNodes()") == ["Tesla"]
    visit.page.uncheck("input[data-filter=kind][data-key=TechnologyCompany]")
    visit.page.fill("#search", "BIDU")
    visit.page.press("#search", "Enter")
    assert visit.page.inner_text("#search-status") == "Baidu is hidden by the filters"


def test_field_and_country_filters_combine_and_the_counts_follow(visit):
    visit.page.uncheck("input[data-filter=field][data-key='automotive software']")
    shown = "akg.edgeView.get().map(e => e.relation).sort()"
    assert visit.page.evaluate(shown) == ["competition", "competition", "investment", "supply"]  # supply: also maps
    visit.page.uncheck("input[data-filter=field][data-key=none]")
    assert visit.page.evaluate(shown) == ["competition", "competition", "supply"]
    assert _shown_labels(visit) == ["BYD", "Baidu", "Honda", "Tesla"]
    assert visit.page.inner_text("#counts") == "4 of 6 organizations · 3 of 6 relations"
    visit.page.check("input[data-filter=field][data-key='automotive software']")
    visit.page.check("input[data-filter=field][data-key=none]")
    visit.page.uncheck("input[data-filter=country][data-key=CN]")
    visit.page.uncheck("input[data-filter=relation][data-key=merger]")
    assert visit.page.evaluate(shown) == ["partnership"]
    assert _shown_labels(visit) == ["Honda", "Nissan"]  # Tesla's one edge ran to BYD
    assert visit.page.inner_text("#counts") == "2 of 6 organizations · 1 of 6 relations"


def test_only_one_field_takes_none_then_its_box(visit):
    visit.page.click("button[data-bulk=field][data-show=false]")
    assert visit.page.evaluate("akg.edgeView.length") == 0 and visit.page.evaluate("akg.nodeView.length") == 0
    visit.page.check("input[data-filter=field][data-key=maps]")
    assert visit.page.evaluate("akg.edgeView.get().map(e => e.relation)") == ["supply"]
    assert _shown_labels(visit) == ["Baidu", "Honda"]
    visit.page.click("button[data-bulk=field][data-show=true]")
    assert visit.page.inner_text("#counts") == "6 organizations · 6 relations"


def _bright(visit) -> set[str]:
    """The organizations drawn bright: those kept over the veil, or every one shown when nothing is dimmed."""
    return set(visit.page.evaluate("akg.kept() ? akg.kept().nodes : akg.nodeView.getIds()"))


def _bright_relations(visit) -> list[str]:
    """The relations drawn bright (sorted), every one shown when nothing is dimmed."""
    return visit.page.evaluate("""(akg.kept() ? akg.kept().edges : akg.edgeView.getIds())
        .map(id => akg.edges.get(id).relation).sort()""")


def _pixel(visit, node_id: str) -> list[int]:
    """The canvas's colour (r, g, b) at a node's centre."""
    return visit.page.evaluate("""(id) => {
        const p = akg.network.canvasToDOM(akg.network.getPositions([id])[id]);
        const canvas = document.querySelector('#network canvas'), ratio = canvas.width / canvas.clientWidth;
        return Array.from(canvas.getContext('2d').getImageData(p.x * ratio, p.y * ratio, 1, 1).data.slice(0, 3));
    }""", node_id)


def test_clicking_a_node_dims_all_but_its_neighbours_until_the_background_is_clicked(visit):
    baidu = _pixel(visit, "Baidu")
    visit.page.mouse.click(*visit.node_point("Nissan"))
    assert _bright(visit) == {"Nissan", "Honda", "Tencent"}
    assert _bright_relations(visit) == ["investment", "merger", "partnership"]  # supply and rivalry dimmed
    visit.page.wait_for_timeout(100)
    assert min(_pixel(visit, "Baidu")) > min(baidu) + 100  # drawn faint: the veil lies over it
    visit.page.mouse.click(*visit.node_point("Tesla"))  # from one highlight straight to another
    assert _bright(visit) == {"Tesla", "BYD"}
    assert _bright_relations(visit) == ["competition"]
    visit.page.mouse.click(*visit.background_point())
    assert visit.page.evaluate("akg.kept()") is None
    visit.page.wait_for_timeout(100)
    assert _pixel(visit, "Baidu") == baidu
    assert visit.page.evaluate("akg.highlighted()") is None
    assert visit.page.evaluate("akg.network.getSelectedNodes()") == []


def test_a_shared_url_restores_the_filters_and_the_chosen_organization(visit, browser):
    visit.page.uncheck("input[data-filter=relation][data-key=competition]")
    visit.page.uncheck("input[data-filter=country][data-key=CN]")
    visit.page.mouse.click(*visit.node_point("Honda"))
    url = visit.page.evaluate("location.href")  # page.url follows history.replaceState only later
    assert "hide-relation=competition" in url and "node=Honda" in url
    shown = ("[akg.nodeView.get().map(n => n.id).sort(), akg.edgeView.get().map(e => e.id).sort(), akg.highlighted(),"
             " document.getElementById('counts').textContent]")
    before = visit.page.evaluate(shown)
    assert before[2] == "Honda"
    other = browser.new_page(viewport=VIEWPORT)
    try:
        restored = Visit(other, url)
        assert restored.page.evaluate(shown) == before
        assert not restored.page.is_checked("input[data-filter=country][data-key=CN]")
        assert restored.page.is_checked("input[data-filter=country][data-key=JP]")
        assert restored.page.inner_text("#panel h2") == "Honda"
        assert restored.errors == []
    finally:
        other.close()
    visit.page.reload()
    visit.page.wait_for_function("() => window.akg && window.akg.drawn")
    assert visit.page.evaluate(shown) == before


def test_png_export_downloads_the_graph_as_drawn(visit, tmp_path):
    with visit.page.expect_download() as event:
        visit.page.click("#export-png")
    download = event.value
    assert download.suggested_filename == "Seed_article.png"
    data = Path(download.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert [width, height] == visit.page.evaluate(
        "[document.querySelector('#network canvas').width, document.querySelector('#network canvas').height]")
    inked = visit.page.evaluate("""async (b64) => {
        const img = new Image();
        img.src = 'data:image/png;base64,' + b64;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width; c.height = img.height;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const px = ctx.getImageData(0, 0, c.width, c.height).data;
        let opaque = 0, inked = 0;
        for (let i = 0; i < px.length; i += 4) {
            opaque += px[i + 3] === 255;
            inked += px[i] + px[i + 1] + px[i + 2] < 600;
        }
        return [opaque === px.length / 4, inked];
    }""", base64.b64encode(data).decode())
    assert inked[0] and inked[1] > 1000  # on white, with the nodes and edges drawn


def _three_hubs() -> nx.MultiDiGraph:
    """Three hub automakers in a line, each with 30 suppliers of its own: 93 organizations."""
    g = nx.MultiDiGraph()
    for hub in ("Hub A", "Hub B", "Hub C"):
        g.add_node(hub, label=hub, kind="Automaker", country=None, discovered=False)
        for i in range(30):
            leaf = f"{hub} supplier {i:02d}"
            g.add_node(leaf, label=leaf, kind="Supplier", country=None, discovered=False)
            g.add_edge(leaf, hub, relation="supply", status="active", fields=[], date="2024", evidence=[])
    for a, b in (("Hub A", "Hub B"), ("Hub B", "Hub C")):
        g.add_edge(a, b, relation="partnership", status="agreed", fields=[], date="2024", evidence=[])
    return g


def test_the_overview_labels_the_hubs_readably_and_hides_the_small_labels(browser, tmp_path):
    path = tmp_path / "hubs.html"
    g = _three_hubs()
    path.write_text(render_html(g), encoding="utf-8")
    top = sorted(g.nodes, key=lambda n: (-g.degree(n), n))[:TOP_LABELS]
    labels = """() => Object.fromEntries(Object.values(akg.network.body.nodes).filter(n => n.labelModule.visible())
        .map(n => [n.id, n.labelModule.fontOptions.size * akg.network.getScale()]))"""
    page = browser.new_page(viewport=VIEWPORT)
    try:
        visit = Visit(page, path.as_uri())
        page.wait_for_timeout(200)
        assert page.evaluate("akg.network.getScale()") < 0.5  # the opening view is an overview
        shown = page.evaluate(labels)
        assert sorted(shown) == sorted(top)
        assert min(shown.values()) >= READABLE_PX - 0.5
        page.evaluate("akg.network.moveTo({scale: 1.5})")
        page.wait_for_timeout(200)
        assert len(page.evaluate(labels)) > 50  # zoomed in, the suppliers are named too
        assert visit.errors == []
    finally:
        page.close()


# --- as of a day, shortest chain, hubs and brokers, blocs, the article behind a sentence ---------------------------

def _dated_view() -> nx.MultiDiGraph:
    """Five relations stated on different days: a partnership agreed in March, active in September; an undated one."""
    g = nx.MultiDiGraph()
    for label, (kind, country) in SIX.items():
        g.add_node(label, label=label, kind=kind, country=country, discovered=False)

    def rel(a, b, relation, status, *stated):
        g.add_edge(a, b, relation=relation, status=status, fields=[], date=stated[-1][0] if stated else None,
                   first_date=stated[0][0] if stated else None,
                   evidence=[{"sentence": f"{a} and {b}, {when}.", "doc": f"{when}.txt", "date": when, "status": st}
                             for when, st in stated])

    rel("Nissan", "Honda", "partnership", "active", ("2024-03", "agreed"), ("2024-09-02", "active"))
    rel("Tencent", "Nissan", "investment", "active", ("2024-07-03", "active"))
    rel("BYD", "Tesla", "competition", None, ("2023-05-10", None))
    rel("Baidu", "Honda", "supply", "ended", ("2022", "active"), ("2024-01-15", "ended"))
    rel("Tesla", "Baidu", "partnership", None)  # undated: only "all dates" shows it
    return g


@pytest.fixture
def dated(browser, tmp_path):
    yield from _visits(browser, tmp_path / "dated.html", render_html(_dated_view(), title="Dated"))


def _slide_to(visit, day: str | None) -> None:
    """Move the "as of" slider (a range input, one step a day) to ``day``, or to its end ("all dates")."""
    index = visit.page.evaluate("""(day) => {
        const s = document.getElementById('asof');
        if (day === null) return Number(s.max);
        return Math.round((Date.parse(day + 'T00:00:00Z') - Date.parse(s.dataset.first + 'T00:00:00Z')) / 86400000);
    }""", day)
    visit.page.fill("#asof", str(index))


def test_the_as_of_slider_hides_what_was_not_yet_stated_and_the_counts_follow(dated):
    page = dated.page
    assert page.inner_text("#asof-label") == "all dates"
    assert page.inner_text("#counts") == "6 organizations · 5 relations"
    page.focus("#asof")
    page.keyboard.press("Home")  # the first dated statement: 2022 (read as 2022-01-01), Baidu supplies Honda
    assert page.inner_text("#asof-label") == "2022-01-01"
    assert _shown_labels(dated) == ["Baidu", "Honda"]
    assert page.inner_text("#counts") == "2 of 6 organizations · 1 of 5 relations · as of 2022-01-01"
    _slide_to(dated, "2024-06-01")
    assert page.inner_text("#asof-label") == "2024-06-01"
    assert _shown_labels(dated) == ["BYD", "Baidu", "Honda", "Nissan", "Tesla"]  # Tencent's stake comes in July
    assert page.inner_text("#counts") == "5 of 6 organizations · 3 of 5 relations · as of 2024-06-01"
    pair = "akg.edges.get().find(e => e.relation === 'partnership' && e.from === 'Honda')"
    assert page.evaluate(f"{pair}.dashes") == [16, 4]  # agreed in March, not yet active
    page.uncheck("input[data-filter=status][data-key=active]")  # the statuses of that day are what the filter sees
    assert page.inner_text("#counts") == "5 of 6 organizations · 3 of 5 relations · as of 2024-06-01"
    page.uncheck("input[data-filter=status][data-key=agreed]")
    assert _shown_labels(dated) == ["BYD", "Baidu", "Honda", "Tesla"]
    page.check("input[data-filter=status][data-key=agreed]")
    page.check("input[data-filter=status][data-key=active]")
    page.mouse.click(*dated.node_point("Honda"))
    assert "status on 2024-06-01: agreed" in page.inner_text("#panel")
    assert "asof=2024-06-01" in page.evaluate("location.href")
    _slide_to(dated, None)
    assert page.inner_text("#counts") == "6 organizations · 5 relations"
    assert page.evaluate(f"{pair}.dashes") is False  # active again
    assert dated.errors == []


def test_date_ranges_read_as_dates_and_merge_when_one_holds_the_other(dated):
    page = dated.page
    ranges = page.evaluate("""() => [['2024', '2024-03'], ['2024-03', '2024-03-05'], ['2024', '2024'],
        ['2022', '2024-01-15'], ['2024-03', '2024-09-02'], [null, '2024-03'], ['2024-03', null], [null, null],
        ['2024-13', '2024-13-01']].map(([a, b]) => akg.dateRange(a, b))""")
    assert ranges == ["Mar 2024", "5 Mar 2024", "2024", "2022 – 15 Jan 2024", "Mar 2024 – 2 Sep 2024",
                      "Mar 2024", "Mar 2024", "", "2024-13-01"]
    page.evaluate("akg.selectNode('Baidu')")
    assert "dates: 2022 – 15 Jan 2024" in page.inner_text("#panel")
    page.evaluate("akg.selectNode('Tencent')")
    assert "date: 3 Jul 2024" in page.inner_text("#panel")


def test_a_shared_url_restores_the_day_and_the_colours(dated, browser):
    _slide_to(dated, "2024-07-03")
    dated.page.select_option("#colour-by", "bloc")
    url = dated.page.evaluate("location.href")
    other = browser.new_page(viewport=VIEWPORT)
    try:
        restored = Visit(other, url)
        assert restored.page.inner_text("#asof-label") == "2024-07-03"
        assert restored.page.inner_text("#counts") == "6 of 6 organizations · 4 of 5 relations · as of 2024-07-03"
        assert restored.page.input_value("#colour-by") == "bloc"
    finally:
        other.close()


def test_the_shortest_chain_between_two_organizations_is_highlighted(visit):
    page = visit.page
    page.fill("#chain-from", "tsla")  # any spelling the search box knows
    page.fill("#chain-to", "baidu")
    page.click("#chain-form button[type=submit]")
    assert page.evaluate("akg.chainShown().nodes") == ["Tesla", "BYD", "Honda", "Baidu"]
    assert page.input_value("#chain-from") == "Tesla"
    assert page.inner_text("#chain-status") == "3 steps"
    assert page.inner_text("#panel h2") == "Tesla → BYD → Honda → Baidu"
    assert _bright(visit) == {"Tesla", "BYD", "Honda", "Baidu"}
    assert _bright_relations(visit) == ["competition", "competition", "supply"]
    assert "chain=Tesla&chain=Baidu" in page.evaluate("location.href")
    page.uncheck("input[data-filter=relation][data-key=competition]")  # the chain follows the filters
    assert page.evaluate("akg.chainShown()") is None
    assert page.inner_text("#chain-status") == "no chain joins Tesla and Baidu in the relations shown"
    assert page.evaluate("akg.kept()") is None
    assert visit.errors == []


def test_a_hub_or_broker_in_the_list_selects_its_organization(visit):
    page = visit.page
    hubs = page.locator("#hubs button").all_inner_texts()
    assert hubs[:2] == ["Honda", "Nissan"]  # two partners each; rivalry not counted; then by label
    assert page.locator("#brokers button").all_inner_texts() == ["Honda", "Nissan"]
    page.click("#hubs button >> nth=0")
    assert page.evaluate("akg.highlighted()") == "Honda"
    assert page.evaluate("akg.network.getSelectedNodes()") == ["Honda"]
    assert page.inner_text("#panel h2") == "Honda"
    page.click("#brokers button >> nth=1")
    assert page.evaluate("akg.highlighted()") == "Nissan"


def test_colour_by_bloc_paints_each_bloc_and_lists_them(visit):
    page = visit.page
    page.select_option("#colour-by", "bloc")
    colours = page.evaluate("Object.fromEntries(akg.nodes.get().map(n => [n.id, n.color.background]))")
    assert len({colours["Nissan"], colours["Honda"], colours["Tencent"], colours["Baidu"]}) <= 2
    assert colours["Tesla"] == colours["BYD"] == "#d1d5db"  # rivals only: in no bloc
    blocs = page.locator("#bloc-list li")
    assert blocs.count() == len(set(colours.values()) - {"#d1d5db"})
    page.select_option("#colour-by", "kind")
    assert page.evaluate("akg.nodes.get('Tencent').color.background") == "#f2b701"


def test_the_evidence_names_its_article_escaped(browser, tmp_path):
    g = _seed_view()
    for _, _, attrs in g.edges(data=True):
        attrs["evidence"] = [dict(ev, title=f"Deal {IMG_ONERROR}", outlet="Nikkei", published="2024-07-03",
                                  url="https://news.test/a?x=1&y=<2>") for ev in attrs["evidence"]]
    g.edges["Tencent", "Nissan", 0]["evidence"][0]["url"] = "javascript:window.__pwned=3"
    path = tmp_path / "articles.html"
    path.write_text(render_html(g), encoding="utf-8")
    page = browser.new_page(viewport=VIEWPORT)
    try:
        visit = Visit(page, path.as_uri())
        visit.page.evaluate("akg.selectNode('Nissan')")
        links = page.locator("#panel a.article-title")
        assert links.first.inner_text() == f"Deal {IMG_ONERROR}"
        assert links.first.get_attribute("href") == "https://news.test/a?x=1&y=<2>"
        assert "Nikkei, published 2024-07-03, 000_seed.txt" in page.inner_text("#panel")
        assert page.locator("#panel cite.article-title").count() == 1  # the javascript: URL is no link
        assert page.locator("#panel img").count() == 0 and page.evaluate("window.__pwned") is None
    finally:
        page.close()


# --- a large graph: an overview to open on, a click that adds partners, everything on demand ------------------------

def _large_view(n: int = 2000, m: int = 3) -> nx.MultiDiGraph:
    """A scale-free web of ``n`` organizations and about ``m * n`` relations (the size the page must handle)."""
    skeleton = nx.barabasi_albert_graph(n, m, seed=3)
    relations = ("partnership", "supply", "investment", "competition")
    g = nx.MultiDiGraph()
    g.add_nodes_from((f"o{i}", {"label": f"Org {i}", "kind": "Automaker", "country": "JP"}) for i in skeleton)
    for k, (a, b) in enumerate(skeleton.edges):
        relation = relations[k % len(relations)]
        g.add_edge(f"o{a}", f"o{b}", relation=relation, status=None if relation == "competition" else "active",
                   fields=[], date="2024-03", evidence=[{"sentence": f"Org {a} and Org {b}.", "doc": "d.txt"}])
    return g


@pytest.fixture(scope="module")
def large_page(tmp_path_factory):
    g = _large_view()
    path = tmp_path_factory.mktemp("large") / "large.html"
    path.write_text(render_html(g, title="Large"), encoding="utf-8")
    hub = max(g.nodes, key=lambda n: (g.degree(n), n))
    return path, hub, g.number_of_nodes(), g.number_of_edges()


def test_a_large_graph_opens_on_an_overview_and_a_click_adds_the_partners(browser, large_page):
    path, hub, n, m = large_page
    page = browser.new_page(viewport=VIEWPORT)
    try:
        visit = Visit(page, path.as_uri())
        shown = page.evaluate("akg.nodeView.length")
        assert 50 <= shown <= OVERVIEW_SIZE  # a readable subset, not a ball of 2,000
        assert page.inner_text("#counts").startswith(f"{shown} of {n} organizations")
        assert page.is_visible("#overview") and hub in page.evaluate("akg.overview()")
        page.mouse.click(*visit.node_point(hub))
        assert page.evaluate("akg.network.getSelectedNodes()") == [hub]
        assert page.inner_text("#panel h2") == page.evaluate(f"akg.nodes.get('{hub}').label")
        partners = page.evaluate(f"akg.network.getConnectedNodes('{hub}')")
        assert set(page.evaluate("akg.kept().nodes")) == {hub, *partners}
        assert page.evaluate("akg.nodeView.length") > shown  # the hub's partners joined the overview
        before = page.inner_text("#counts")
        page.uncheck("input[data-filter=relation][data-key=competition]")
        assert page.inner_text("#counts") != before and page.evaluate("akg.highlighted()") == hub
        page.check("input[data-filter=relation][data-key=competition]")
        page.fill("#search", "Org 1999")  # outside the overview: search brings it in, with its partners
        page.press("#search", "Enter")
        assert page.evaluate("akg.network.getSelectedNodes()") == ["o1999"]
        page.click("#show-all")
        assert page.evaluate("akg.nodeView.length") == n and page.evaluate("akg.edgeView.length") == m
        assert page.is_hidden("#overview") and "overview=all" in page.evaluate("location.href")
        assert visit.errors == []
    finally:
        page.close()
