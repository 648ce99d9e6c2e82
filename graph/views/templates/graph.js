/* akg graph page: draws the embedded data with vis-network; all text goes in through textContent. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("akg-data").textContent);
  var container = document.getElementById("network");
  var panel = document.getElementById("panel");
  var tooltip = document.getElementById("tooltip");
  var searchInput = document.getElementById("search");
  var searchStatus = document.getElementById("search-status");

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  var incident = {};
  data.edges.forEach(function (e) {
    edgeById[e.id] = e;
    (incident[e.from] = incident[e.from] || []).push(e);
    if (e.to !== e.from) { (incident[e.to] = incident[e.to] || []).push(e); }
  });

  var relationRank = {};
  data.legend.relations.forEach(function (r, i) { relationRank[r.key] = i; });
  function other(e, id) { return e.from === id ? e.to : e.from; }
  Object.keys(incident).forEach(function (id) {
    incident[id].sort(function (a, b) {
      return (relationRank[a.relation] - relationRank[b.relation]) ||
        byId[other(a, id)].label.localeCompare(byId[other(b, id)].label);
    });
  });

  /* ---- "as of" a day: each relationship's status then (from its dated history), null before its first day ---- */
  var asOf = null;  /* "YYYY-MM-DD", or null for every relationship as the graph holds it now */
  var statusNow = {};
  function statusAt(e, day) {
    if (day === null) { return e.status; }
    var found = null;
    e.history.forEach(function (step) { if (step[0] <= day) { found = step[1]; } });
    return found;
  }
  function computeStatuses() { data.edges.forEach(function (e) { statusNow[e.id] = statusAt(e, asOf); }); }
  computeStatuses();

  /* ---- what the filters leave: edges passing every filter; organizations passing theirs that keep an edge ---- */
  var hidden = { kind: new Set(), country: new Set(), relation: new Set(), status: new Set(), field: new Set() };
  /* A large graph opens on an overview (data.overview: the best-connected organizations of each bloc); choosing
     an organization adds it and its partners, "show all" drops the overview. null: everything the filters pass. */
  var overview = data.overview === null ? null : new Set(data.overview);
  var passNodes = new Set();  /* what the filters alone leave (the overview aside): what search and chains reach */
  var passEdges = new Set();
  var shownNodes = new Set();  /* what is drawn: passing the filters and in the overview */
  var shownEdges = new Set();
  function inOverview(id) { return overview === null || overview.has(id); }
  function nodePasses(n) { return !hidden.kind.has(n.kind) && !hidden.country.has(n.country || data.missing.country); }
  function edgePasses(e) {
    var fields = e.fields.length ? e.fields : [data.missing.field];
    return statusNow[e.id] !== null && !hidden.relation.has(e.relation) && !hidden.status.has(statusNow[e.id]) &&
      fields.some(function (f) { return !hidden.field.has(f); }) &&
      nodePasses(byId[e.from]) && nodePasses(byId[e.to]);
  }
  function computeShown() {
    passNodes = new Set();
    passEdges = new Set();
    shownNodes = new Set();
    shownEdges = new Set();
    data.edges.forEach(function (e) {
      if (!edgePasses(e)) { return; }
      passEdges.add(e.id);
      passNodes.add(e.from);
      passNodes.add(e.to);
      if (inOverview(e.from) && inOverview(e.to)) { shownEdges.add(e.id); shownNodes.add(e.from); shownNodes.add(e.to); }
    });
    data.nodes.forEach(function (n) {
      if (!incident[n.id] && nodePasses(n)) { passNodes.add(n.id); if (inOverview(n.id)) { shownNodes.add(n.id); } }
    });
  }
  /* Add organizations (and, with partners true, their partners the filters pass) to the overview; true if it grew. */
  function expand(ids, partners) {
    if (overview === null) { return false; }
    var before = overview.size;
    ids.forEach(function (id) {
      overview.add(id);
      if (partners) {
        (incident[id] || []).forEach(function (e) { if (passEdges.has(e.id)) { overview.add(other(e, id)); } });
      }
    });
    return overview.size !== before;
  }
  computeShown();
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return shownNodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return shownEdges.has(e.id); } });
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);

  var akg = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
              stabilized: false, drawn: false, drawnAt: null };
  window.akg = akg;

  /* ---- small DOM helpers (text only, never HTML) ---- */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function labelOf(id) { return byId[id] ? byId[id].label : id; }
  function describeStatus(e) { var s = statusNow[e.id]; return s === "none" || s === null ? "" : s; }
  function summary(e) {
    var arrow = e.directed ? " \u2192 " : " \u2194 ";
    return labelOf(e.from) + arrow + labelOf(e.to) + " (" + e.relation + ")";
  }
  function facts(e) {
    var parts = [];
    if (asOf !== null && statusNow[e.id] === null) { parts.push("not yet stated on " + asOf); }
    if (describeStatus(e)) { parts.push("status" + (asOf === null ? "" : " on " + asOf) + ": " + statusNow[e.id]); }
    var when = dateRange(e.first_date, e.date);
    if (when) { parts.push((when.indexOf("\u2013") < 0 ? "date: " : "dates: ") + when); }
    if (e.fields.length) { parts.push("fields: " + e.fields.join(", ")); }
    return parts.join(" \u00b7 ");
  }
  /* "2024", "Mar 2024", "5 Mar 2024" for an ISO year, month or day; anything else as it is. */
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function readableDate(date) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date || "");
    if (!m || (m[2] && !MONTHS[Number(m[2]) - 1])) { return date || ""; }
    return (m[3] ? Number(m[3]) + " " : "") + (m[2] ? MONTHS[Number(m[2]) - 1] + " " : "") + m[1];
  }
  /* The span of a relationship's evidence: one date when both ends are the same or one lies within the other
     ("2024" and "2024-03" read "Mar 2024", the finer of the two), else "2023 \u2013 Mar 2024". */
  function dateRange(first, last) {
    if (!first || !last) { return readableDate(first || last); }
    if (last.indexOf(first) === 0) { return readableDate(last); }
    if (first.indexOf(last) === 0) { return readableDate(first); }
    return readableDate(first) + " \u2013 " + readableDate(last);
  }
  akg.dateRange = dateRange;
  function evidenceList(e, limit) {
    var list = el("ul", "evidence");
    e.evidence.slice(0, limit).forEach(function (ev) {
      var item = el("li");
      item.appendChild(el("q", null, ev.sentence));
      item.appendChild(source(ev));
      list.appendChild(item);
    });
    if (e.evidence.length > limit) { list.appendChild(el("li", "more", "+" + (e.evidence.length - limit) + " more")); }
    return list;
  }
  /* Where a sentence comes from: the article's title (a link when its URL is http or https), outlet,
     publication date, then the file, the date the sentence gives and the status it states. */
  function source(ev) {
    var box = el("span", "source", " \u2014 ");
    var url = ev.url && /^https?:\/\//i.test(ev.url) ? ev.url : null;
    var title = ev.title || (url ? url : null);
    if (title !== null) {
      var cite = el(url ? "a" : "cite", "article-title", title);
      if (url) { cite.href = url; cite.target = "_blank"; cite.rel = "noopener noreferrer"; }
      box.appendChild(cite);
    }
    var parts = [ev.outlet, ev.published ? "published " + ev.published : null, ev.doc,
                 ev.date && ev.date !== ev.published ? "dated " + ev.date : null, ev.status];
    var rest = parts.filter(function (x) { return x; }).join(", ");
    if (rest) { box.appendChild(document.createTextNode((title !== null ? ", " : "") + rest)); }
    return box;
  }
  function orgButton(id) {
    var button = el("button", "org-link", labelOf(id));
    button.type = "button";
    button.addEventListener("click", function () { selectNode(id); });
    return button;
  }

  /* ---- side panel ---- */
  function arrowFor(e, seenFrom) {
    if (!e.directed) { return " \u2194 "; }
    return seenFrom === e.to ? " \u2190 " : " \u2192 ";
  }
  /* One relation; seen from an organization, only the other party is named. */
  function showEdgeIn(target, e, seenFrom) {
    var box = el("div", "relation status-" + e.status);
    var head = el("div", "relation-head");
    if (seenFrom === undefined) { head.appendChild(orgButton(e.from)); }
    head.appendChild(el("span", "rel-name", (seenFrom === undefined ? " " : "") + e.relation + arrowFor(e, seenFrom)));
    head.appendChild(orgButton(seenFrom === undefined ? e.to : other(e, seenFrom)));
    box.appendChild(head);
    var meta = facts(e);
    if (meta) { box.appendChild(el("div", "meta", meta)); }
    box.appendChild(evidenceList(e, 20));
    target.appendChild(box);
  }
  function showNode(id) {
    var n = byId[id];
    clear(panel);
    panel.appendChild(el("h2", null, n.label));
    var meta = [n.kind, n.country, n.degree + " relation" + (n.degree === 1 ? "" : "s"),
                n.bloc ? "bloc " + n.bloc : null];
    if (n.discovered) { meta.push("discovered in text"); }
    panel.appendChild(el("div", "meta", meta.filter(function (x) { return x; }).join(" \u00b7 ")));
    (incident[id] || []).forEach(function (e) { showEdgeIn(panel, e, id); });
  }
  function showEdge(id) {
    clear(panel);
    panel.appendChild(el("h2", null, summary(edgeById[id])));
    showEdgeIn(panel, edgeById[id]);
  }
  function selectNode(id) {
    if (expand([id], true)) { applyFilters(); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(id);
    highlight(id);
    writeHash();
  }
  akg.selectNode = selectNode;

  /* A node shows its evidence and highlights its neighbours; the background clears the highlight. */
  network.on("click", function (params) {
    if (params.nodes.length) {
      if (expand(params.nodes, true)) { applyFilters(); }
      showNode(params.nodes[0]);
      highlight(params.nodes[0]);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
    } else {
      clearHighlight();
    }
    writeHash();
  });

  /* ---- hover tooltip ---- */
  function showTooltip(params, build) {
    clear(tooltip);
    build(tooltip);
    var box = container.getBoundingClientRect();
    tooltip.style.left = Math.min(box.left + params.pointer.DOM.x + 14, window.innerWidth - 380) + "px";
    tooltip.style.top = Math.min(box.top + params.pointer.DOM.y + 14, window.innerHeight - 160) + "px";
    tooltip.hidden = false;
  }
  function hideTooltip() { tooltip.hidden = true; }
  network.on("hoverNode", function (params) {
    showTooltip(params, function (t) {
      var n = byId[params.node];
      t.appendChild(el("strong", null, n.label));
      t.appendChild(el("div", "meta", [n.kind, n.country, n.degree + " relations"].filter(function (x) { return x; }).join(" \u00b7 ")));
    });
  });
  network.on("hoverEdge", function (params) {
    showTooltip(params, function (t) {
      var e = edgeById[params.edge];
      t.appendChild(el("strong", null, summary(e)));
      var meta = facts(e);
      if (meta) { t.appendChild(el("div", "meta", meta)); }
      t.appendChild(evidenceList(e, 2));
    });
  });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) { network.on(name, hideTooltip); });

  /* ---- neighbour highlight: the chosen organization and its visible neighbours stay, the rest dims ----
     Dimming is one veil drawn over the whole frame, then the kept organizations and relations drawn again on top:
     a click costs one frame whatever the graph's size, and the data sets are left alone. */
  var VEIL = "rgba(255,255,255,0.85)";
  var highlighted = null;
  var chain = null;  /* {ends: [from id, to id], nodes: [ids in order], edges: Set of edge ids} while a chain is shown */
  var kept = null;  /* {nodes: Set, edges: Set} drawn bright over the veil; null when nothing is dimmed */
  function paint(keepNodes, keepEdges) {
    kept = keepNodes === null ? null : { nodes: keepNodes, edges: keepEdges };
    network.redraw();
  }
  network.on("afterDrawing", function (ctx) {
    if (kept === null) { return; }
    var corner = network.DOMtoCanvas({ x: 0, y: 0 });
    var far = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    ctx.save();
    ctx.fillStyle = VEIL;
    ctx.fillRect(corner.x, corner.y, far.x - corner.x, far.y - corner.y);
    ctx.restore();
    var body = network.body, labels = [];
    function edgeOf(id) { var e = shownEdges.has(id) ? body.edges[id] : null; return e && e.connected ? e : null; }
    kept.edges.forEach(function (id) { var e = edgeOf(id); if (e) { e.draw(ctx); } });
    kept.nodes.forEach(function (id) {
      var n = shownNodes.has(id) ? body.nodes[id] : null;
      var drawn = n ? n.draw(ctx) : null;
      if (drawn && drawn.drawExternalLabel) { labels.push(drawn.drawExternalLabel); }
    });
    kept.edges.forEach(function (id) { var e = edgeOf(id); if (e) { e.drawArrows(ctx); } });
    labels.forEach(function (draw) { draw(); });
  });
  function highlight(id) {
    var keep = new Set([id]), links = new Set();
    (incident[id] || []).forEach(function (e) { if (shownEdges.has(e.id)) { keep.add(other(e, id)); links.add(e.id); } });
    highlighted = id;
    chain = null;
    paint(keep, links);
  }
  function clearHighlight() {
    if (highlighted === null && chain === null) { return; }
    highlighted = null;
    chain = null;
    paint(null);
    network.unselectAll();
  }
  akg.highlighted = function () { return highlighted; };
  /* What stays bright: {nodes, edges} (ids shown, sorted), or null when nothing is dimmed. */
  akg.kept = function () {
    if (kept === null) { return null; }
    return { nodes: Array.from(kept.nodes).filter(function (id) { return shownNodes.has(id); }).sort(),
             edges: Array.from(kept.edges).filter(function (id) { return shownEdges.has(id); }).sort() };
  };

  /* ---- filters (legend checkboxes) and the counts in the header ---- */
  var counts = document.getElementById("counts");
  function showCounts() {
    var n = nodeView.length, e = edgeView.length, whole = n === data.nodes.length && e === data.edges.length;
    counts.textContent = whole ? n + " organizations \u00b7 " + e + " relations"
      : n + " of " + data.nodes.length + " organizations \u00b7 " + e + " of " + data.edges.length + " relations";
    if (asOf !== null) { counts.textContent += " \u00b7 as of " + asOf; }
    overviewNote.hidden = overview === null;
  }
  var overviewNote = document.getElementById("overview");
  function showAll() {
    if (overview === null) { return; }
    overview = null;
    applyFilters();
    network.fit({ animation: false });
    writeHash();
  }
  akg.showAll = showAll;
  akg.overview = function () { return overview === null ? null : Array.from(overview).sort(); };
  document.getElementById("show-all").addEventListener("click", showAll);
  function applyFilters() {
    computeShown();
    nodeView.refresh();
    edgeView.refresh();
    showCounts();
    if (highlighted !== null) {
      if (shownNodes.has(highlighted)) { highlight(highlighted); } else { clearHighlight(); }
    } else if (chain !== null) {
      showChain(chain.ends[0], chain.ends[1]);
    }
  }
  function follow(box) {
    var set = hidden[box.dataset.filter];
    if (box.checked) { set.delete(box.dataset.key); } else { set.add(box.dataset.key); }
  }
  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    box.addEventListener("change", function () {
      follow(box);
      applyFilters();
      writeHash();
    });
  });
  /* "all" / "none" over one long list (fields, countries), so "only EV batteries" takes two clicks. */
  document.querySelectorAll("button[data-bulk]").forEach(function (button) {
    button.addEventListener("click", function () {
      document.querySelectorAll("input[data-filter='" + button.dataset.bulk + "']").forEach(function (box) {
        box.checked = button.dataset.show === "true";
        follow(box);
      });
      applyFilters();
      writeHash();
    });
  });

  /* ---- the view in the URL fragment (#hide-relation=merger&node=...), so a reload or a shared link restores it ---- */
  var FILTERS = Object.keys(hidden);
  function writeHash() {
    var params = new URLSearchParams();
    FILTERS.forEach(function (f) {
      Array.from(hidden[f]).sort().forEach(function (key) { params.append("hide-" + f, key); });
    });
    if (highlighted !== null) { params.set("node", highlighted); }
    if (chain !== null) { params.append("chain", chain.ends[0]); params.append("chain", chain.ends[1]); }
    if (asOf !== null) { params.set("asof", asOf); }
    if (colourMode !== "kind") { params.set("colour", colourMode); }
    if (overview === null && data.overview !== null) { params.set("overview", "all"); }
    var text = params.toString();
    history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
  }
  function readHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    FILTERS.forEach(function (f) { hidden[f] = new Set(params.getAll("hide-" + f)); });
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      box.checked = !hidden[box.dataset.filter].has(box.dataset.key);
    });
    colourBy(params.get("colour") === "bloc" ? "bloc" : "kind");
    overview = data.overview === null || params.get("overview") === "all" ? null : new Set(data.overview);
    setAsOf(params.get("asof"), true);
    var id = params.get("node");
    var ends = params.getAll("chain");
    if (id !== null && passNodes.has(id)) { selectNode(id); }
    else if (ends.length === 2 && byId[ends[0]] && byId[ends[1]]) { showChain(ends[0], ends[1]); }
    else { clearHighlight(); }
  }
  window.addEventListener("hashchange", readHash);

  /* ---- search by label, alias, ticker or Wikidata id, with suggestions as you type ---- */
  var suggestions = document.getElementById("suggestions");
  var SUGGESTIONS = 8;
  /* The same key as graph.extract.registry.normalize_name: lower case, straight apostrophes, single spaces. */
  function normalize(text) { return text.replace(/\u2019/g, "'").replace(/\s+/g, " ").trim().toLowerCase(); }
  var spellings = data.names.map(function (pair) { return { text: pair[0], key: normalize(pair[0]), id: pair[1] }; });
  /* 0 exact, 1 prefix, 2 a word's prefix, 3 inside a word; -1 no match. */
  function rank(key, q) {
    var at = key.indexOf(q);
    if (at < 0) { return -1; }
    if (key === q) { return 0; }
    return at === 0 ? 1 : (key.charAt(at - 1) === " " ? 2 : 3);
  }
  /* Organizations matching the text, best first (shown before hidden, hubs first), each with its best spelling. */
  function matches(text) {
    var q = normalize(text);
    if (!q) { return []; }
    var found = [];
    spellings.forEach(function (s) { var r = rank(s.key, q); if (r >= 0) { found.push({ rank: r, spelling: s }); } });
    found.sort(function (a, b) {
      var x = byId[a.spelling.id], y = byId[b.spelling.id];
      return (a.rank - b.rank) || (passNodes.has(y.id) - passNodes.has(x.id)) || (y.degree - x.degree) ||
        x.label.localeCompare(y.label) || a.spelling.text.localeCompare(b.spelling.text);
    });
    var seen = new Set();
    return found.filter(function (m) {
      if (seen.has(m.spelling.id)) { return false; }
      seen.add(m.spelling.id);
      return true;
    });
  }
  var active = -1;
  function closeSuggestions() {
    clear(suggestions);
    suggestions.hidden = true;
    searchInput.setAttribute("aria-expanded", "false");
    active = -1;
  }
  function showSuggestions() {
    closeSuggestions();
    matches(searchInput.value).slice(0, SUGGESTIONS).forEach(function (m, i) {
      var n = byId[m.spelling.id];
      var item = el("li", passNodes.has(n.id) ? "suggestion" : "suggestion hidden-org", n.label);
      item.id = "suggestion-" + i;
      item.setAttribute("role", "option");
      item.dataset.id = n.id;
      if (m.spelling.text !== n.label) { item.appendChild(el("span", "alias", " " + m.spelling.text)); }
      item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(n.id); });
      suggestions.appendChild(item);
    });
    suggestions.hidden = !suggestions.firstChild;
    searchInput.setAttribute("aria-expanded", String(!suggestions.hidden));
  }
  function moveActive(step) {
    var items = suggestions.children;
    if (!items.length) { return; }
    if (active >= 0) { items[active].classList.remove("active"); }
    active = (active + step + items.length) % items.length;
    items[active].classList.add("active");
    searchInput.setAttribute("aria-activedescendant", items[active].id);
  }
  function choose(id) {
    closeSuggestions();
    searchInput.value = byId[id].label;
    if (!passNodes.has(id)) {
      searchStatus.textContent = byId[id].label + " is hidden by the filters";
      return null;
    }
    searchStatus.textContent = "";
    selectNode(id);
    return id;
  }
  function search(text) {
    var found = matches(text);
    if (!found.length) {
      closeSuggestions();
      searchStatus.textContent = "no organization matches";
      return null;
    }
    return choose(found[0].spelling.id);
  }
  akg.search = search;
  searchInput.addEventListener("input", showSuggestions);
  searchInput.addEventListener("blur", closeSuggestions);
  searchInput.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      moveActive(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Escape") {
      closeSuggestions();
    }
  });
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (active >= 0) { choose(suggestions.children[active].dataset.id); } else { search(searchInput.value); }
  });

  /* ---- PNG export: the canvas as drawn now (filters, highlight, zoom), on white ---- */
  function png() {
    var drawn = container.querySelector("canvas");
    var out = document.createElement("canvas");
    out.width = drawn.width;
    out.height = drawn.height;
    var context = out.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, out.width, out.height);
    context.drawImage(drawn, 0, 0);
    return out.toDataURL("image/png");
  }
  akg.png = png;
  document.getElementById("export-png").addEventListener("click", function () {
    var link = el("a");
    link.href = png();
    link.download = (document.title || "graph").replace(/[^\w.-]+/g, "_") + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  /* ---- a readable overview: the hubs' labels never under readable_px on screen; the others drawn once zoomed in ---- */
  var fontSize = {};
  data.nodes.forEach(function (n) { fontSize[n.id] = n.font.size; });
  var topNodes = data.nodes.slice().sort(function (a, b) {
    return (b.degree - a.degree) || a.label.localeCompare(b.label);
  }).slice(0, data.labels.top);
  var labelScale = null;
  function readableTopLabels() {
    var scale = network.getScale();
    if (scale === labelScale) { return; }
    labelScale = scale;
    nodes.update(topNodes.map(function (n) {
      fontSize[n.id] = Math.max(n.font.size, Math.ceil(data.labels.readable_px / scale));
      return { id: n.id, font: { size: fontSize[n.id] } };
    }));
  }
  network.on("afterDrawing", readableTopLabels);

  /* ---- the "as of" slider: one step a day from the first dated statement to the last, then "all" ---- */
  var DAY_MS = 86400000;
  var slider = document.getElementById("asof");
  var sliderLabel = document.getElementById("asof-label");
  var firstDay = data.dates.first === null ? null : Date.parse(data.dates.first + "T00:00:00Z");
  var dayCount = firstDay === null ? 0 : Math.round((Date.parse(data.dates.last + "T00:00:00Z") - firstDay) / DAY_MS) + 1;
  function dayAt(i) { return new Date(firstDay + i * DAY_MS).toISOString().slice(0, 10); }
  var styleOf = {};
  data.legend.statuses.forEach(function (st) { styleOf[st.key] = st; });
  var relationColour = {};
  data.legend.relations.forEach(function (r) { relationColour[r.key] = r.color; });
  var drawnStatus = {};
  data.edges.forEach(function (e) { drawnStatus[e.id] = e.status; });
  function rgba(hex, opacity) {
    var v = [1, 3, 5].map(function (i) { return parseInt(hex.slice(i, i + 2), 16); });
    return "rgba(" + v.join(",") + "," + opacity + ")";
  }
  /* Edges whose status on the chosen day differs from the one drawn get that status's dashes, width and opacity. */
  function restyle() {
    var changes = [];
    data.edges.forEach(function (e) {
      var st = statusNow[e.id];
      if (st === null || st === drawnStatus[e.id]) { return; }
      drawnStatus[e.id] = st;
      var style = styleOf[st] || styleOf.none;
      var colour = rgba(relationColour[e.relation] || "#a0a0a0", style.opacity);
      changes.push({ id: e.id, dashes: style.dashes, width: style.width,
                     color: { color: colour, highlight: colour, hover: colour } });
    });
    if (changes.length) { edges.update(changes); }
  }
  /* day: "YYYY-MM-DD" (a month or year is read as its first day) or null for all; quiet: leave the URL alone. */
  function setAsOf(day, quiet) {
    if (day !== null && day !== undefined && firstDay !== null && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(day)) {
      day = (day + "-01-01".slice(day.length - 4)).slice(0, 10);
      var i = Math.round((Date.parse(day + "T00:00:00Z") - firstDay) / DAY_MS);
      if (isNaN(i)) { day = null; } else {
        slider.value = String(Math.max(0, Math.min(i, dayCount)));
        if (i >= dayCount) { day = null; }
      }
    } else {
      day = null;
      slider.value = String(dayCount);
    }
    asOf = day;
    sliderLabel.textContent = asOf === null ? "all dates" : asOf;
    computeStatuses();
    restyle();
    applyFilters();
    if (!quiet) { writeHash(); }
  }
  akg.setAsOf = setAsOf;
  akg.asOf = function () { return asOf; };
  if (firstDay === null) {
    document.getElementById("asof-section").hidden = true;
  } else {
    slider.max = String(dayCount);
    slider.dataset.first = data.dates.first;
    slider.value = String(dayCount);
    slider.addEventListener("input", function () {
      var i = Number(slider.value);
      setAsOf(i >= dayCount ? null : dayAt(i));
    });
  }

  /* ---- colour by organization type or by alliance bloc (the blocs of `akg stats`) ---- */
  var colourMode = "kind";
  var colourSelect = document.getElementById("colour-by");
  var blocColour = {};
  data.analysis.blocs.forEach(function (b) { blocColour[b.bloc] = b.color; });
  function colourBy(mode) {
    mode = mode === "bloc" ? "bloc" : "kind";
    if (mode === colourMode) { return; }  /* a reload or hash change with the same colours repaints nothing */
    colourMode = mode;
    colourSelect.value = colourMode;
    nodes.update(data.nodes.map(function (n) {
      var fill = colourMode === "bloc" ? (blocColour[n.bloc] || "#d1d5db") : n.color.background;
      var border = n.color.border === n.color.background ? fill : n.color.border;
      return { id: n.id, color: { background: fill, border: border, highlight: { background: fill, border: "#111827" },
                                  hover: { background: fill, border: "#111827" } } };
    }));
    document.getElementById("blocs").hidden = colourMode !== "bloc";
  }
  akg.colourBy = colourBy;
  colourSelect.addEventListener("change", function () { colourBy(colourSelect.value); writeHash(); });

  /* ---- hubs, brokers and blocs, each entry a button that selects its organization ---- */
  function chooseListed(id) {
    if (!passNodes.has(id)) { searchStatus.textContent = labelOf(id) + " is hidden by the filters"; return; }
    searchStatus.textContent = "";
    selectNode(id);
  }
  function listed(target, entries, value) {
    entries.forEach(function (entry) {
      var item = el("li");
      var button = el("button", "org-link", entry.label);
      button.type = "button";
      button.dataset.id = entry.id;
      button.addEventListener("click", function () { chooseListed(entry.id); });
      item.appendChild(button);
      item.appendChild(el("span", "count", " " + value(entry)));
      target.appendChild(item);
    });
  }
  listed(document.getElementById("hubs"), data.analysis.hubs, function (h) { return h.degree; });
  listed(document.getElementById("brokers"), data.analysis.brokers, function (b) { return b.betweenness.toFixed(2); });
  var blocList = document.getElementById("bloc-list");
  data.analysis.blocs.forEach(function (b) {
    var item = el("li", "bloc");
    var swatch = el("span", "bloc-swatch");
    swatch.style.background = b.color;
    item.appendChild(swatch);
    var names = b.members.slice(0, 3).join(", ") + (b.size > 3 ? ", \u2026" : "");
    var button = el("button", "org-link", names);
    button.type = "button";
    button.title = b.members.join(", ");
    button.addEventListener("click", function () { chooseListed(b.ids[0]); });
    item.appendChild(button);
    item.appendChild(el("span", "count", " " + b.size));
    blocList.appendChild(item);
  });

  /* ---- the shortest chain between two organizations, over the relations shown ---- */
  var chainStatus = document.getElementById("chain-status");
  var chainFrom = document.getElementById("chain-from");
  var chainTo = document.getElementById("chain-to");
  var labelList = document.getElementById("org-labels");
  data.nodes.slice().sort(function (a, b) { return a.label.localeCompare(b.label); }).forEach(function (n) {
    var option = el("option");
    option.value = n.label;
    labelList.appendChild(option);
  });
  /* Breadth-first over the shown edges, neighbours in the panel's order: the same graph gives the same chain. */
  function findChain(a, b) {
    if (!passNodes.has(a) || !passNodes.has(b)) { return null; }
    var before = {};
    before[a] = null;
    var queue = [a];
    while (queue.length) {
      var id = queue.shift();
      if (id === b) { break; }
      (incident[id] || []).forEach(function (e) {
        var next = other(e, id);
        if (passEdges.has(e.id) && !(next in before)) { before[next] = id; queue.push(next); }
      });
    }
    if (!(b in before)) { return null; }
    var path = [b];
    while (before[path[0]] !== null) { path.unshift(before[path[0]]); }
    return path;
  }
  function showChain(a, b) {
    var path = findChain(a, b);
    if (path === null) {
      clearHighlight();
      chainStatus.textContent = "no chain joins " + labelOf(a) + " and " + labelOf(b) + " in the relations shown";
      return null;
    }
    if (expand(path, false)) { chain = null; highlighted = null; applyFilters(); }
    var links = new Set();
    var steps = [];
    path.slice(1).forEach(function (id, i) {
      var prev = path[i];
      var step = (incident[prev] || []).filter(function (e) { return shownEdges.has(e.id) && other(e, prev) === id; });
      step.forEach(function (e) { links.add(e.id); });
      steps.push(step);
    });
    var keep = new Set(path);
    highlighted = null;
    chain = { ends: [a, b], nodes: path, edges: links };
    paint(keep, links);
    network.unselectAll();
    if (path.length > 1) { network.fit({ nodes: path, animation: false }); }
    chainStatus.textContent = (path.length - 1) + " step" + (path.length === 2 ? "" : "s");
    clear(panel);
    panel.appendChild(el("h2", null, path.map(labelOf).join(" \u2192 ")));
    panel.appendChild(el("div", "meta", "shortest chain, " + chainStatus.textContent));
    steps.forEach(function (step) { step.forEach(function (e) { showEdgeIn(panel, e); }); });
    return path;
  }
  /* Both names as the search box reads them (alias, ticker, any case); the chain's organization ids, or null. */
  function chainBetween(textA, textB) {
    var ends = [textA, textB].map(function (text) { var m = matches(text); return m.length ? m[0].spelling.id : null; });
    if (ends[0] === null || ends[1] === null) {
      chainStatus.textContent = "no organization matches \u201c" + (ends[0] === null ? textA : textB) + "\u201d";
      return null;
    }
    chainFrom.value = labelOf(ends[0]);
    chainTo.value = labelOf(ends[1]);
    var path = showChain(ends[0], ends[1]);
    writeHash();
    return path;
  }
  akg.chain = chainBetween;
  akg.chainShown = function () { return chain === null ? null : { nodes: chain.nodes.slice(), edges: Array.from(chain.edges) }; };
  document.getElementById("chain-form").addEventListener("submit", function (event) {
    event.preventDefault();
    chainBetween(chainFrom.value, chainTo.value);
  });

  /* ---- drawing and physics ---- */
  network.once("afterDrawing", function () { akg.drawn = true; akg.drawnAt = performance.now(); });
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      akg.stabilized = true;
    });
  } else {
    akg.stabilized = true;
  }
  showCounts();
  if (location.hash.length > 1) { readHash(); } else if (data.focus !== null) { selectNode(data.focus); }
})();
