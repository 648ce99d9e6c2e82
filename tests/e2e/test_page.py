"""The graph page in headless Chromium: offline, no errors, injection inert, search, filters, panel."""
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import sync_playwright

from graph.views.viz import render_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
IMG_ONERROR = '<img src=x onerror="window.__pwned=1">'
SCRIPT_BREAK = "</script><script>window.__pwned=2</script>"
SIX = {"Nissan": "Automaker", "Honda": "Automaker", "BYD": "Automaker", "Tesla": "Automaker",
       "Tencent": "TechnologyCompany", "Baidu": "TechnologyCompany"}

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)")]


def _seed_view() -> nx.MultiDiGraph:
    """The seed article's six organizations, by hand; the partnership's evidence is hostile."""
    g = nx.MultiDiGraph()
    for label, kind in SIX.items():
        g.add_node(label, label=label, kind=kind, country=None, discovered=False)

    def rel(a, b, relation, status, sentence):
        g.add_edge(a, b, relation=relation, status=status, fields=["automotive software"], date="2024-03",
                   evidence=[{"sentence": sentence, "doc": "000_seed.txt", "date": "2024-07-03", "status": status}])

    rel("Nissan", "Honda", "partnership", "agreed", f"Nissan and Honda agreed {IMG_ONERROR} {SCRIPT_BREAK}.")
    rel("Nissan", "Honda", "merger", "considering", "They are considering a merger.")
    rel("Tencent", "Nissan", "investment", "active", "Tencent holds a stake in Nissan.")
    rel("Baidu", "Honda", "supply", "ended", "Baidu supplied maps to Honda until 2023.")
    rel("BYD", "Tesla", "competition", None, "BYD competes with Tesla.")
    rel("Honda", "BYD", "competition", None, "Honda lags behind BYD.")
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


@pytest.fixture
def visit(browser, tmp_path):
    path = tmp_path / "graph.html"
    path.write_text(render_html(_seed_view(), title="Seed article"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 850})
    yield Visit(page, path.as_uri())
    page.screenshot(path=str(tmp_path / "graph.png"))  # kept under pytest's tmp dir for a look after a failure
    page.close()


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


def test_unticking_a_relation_hides_its_edges(visit):
    shown = "akg.edgeView.get().map(e => e.relation)"
    assert visit.page.evaluate(shown).count("competition") == 2
    visit.page.uncheck("input[data-filter=relation][data-key=competition]")
    assert "competition" not in visit.page.evaluate(shown)
    assert len(visit.page.evaluate(shown)) == 4
    visit.page.uncheck("input[data-filter=status][data-key=ended]")
    assert sorted(visit.page.evaluate(shown)) == ["investment", "merger", "partnership"]
    assert visit.page.evaluate("akg.nodeView.length") == 6


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
