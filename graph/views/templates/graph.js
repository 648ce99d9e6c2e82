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

  var hidden = { kind: new Set(), relation: new Set(), status: new Set() };
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hidden.kind.has(n.kind); } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      return !hidden.relation.has(e.relation) && !hidden.status.has(e.status) &&
        !hidden.kind.has(byId[e.from].kind) && !hidden.kind.has(byId[e.to].kind);
    }
  });
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
  function describeStatus(e) { return e.status === "none" ? "" : e.status; }
  function summary(e) {
    var arrow = e.directed ? " \u2192 " : " \u2194 ";
    return labelOf(e.from) + arrow + labelOf(e.to) + " (" + e.relation + ")";
  }
  function facts(e) {
    var parts = [];
    if (describeStatus(e)) { parts.push("status: " + e.status); }
    if (e.first_date && e.date && e.first_date !== e.date) { parts.push("dates: " + e.first_date + " \u2013 " + e.date); }
    else if (e.date) { parts.push("date: " + e.date); }
    if (e.fields.length) { parts.push("fields: " + e.fields.join(", ")); }
    return parts.join(" \u00b7 ");
  }
  function evidenceList(e, limit) {
    var list = el("ul", "evidence");
    e.evidence.slice(0, limit).forEach(function (ev) {
      var item = el("li");
      item.appendChild(el("q", null, ev.sentence));
      var source = [ev.doc, ev.date, ev.status].filter(function (x) { return x; }).join(", ");
      if (source) { item.appendChild(el("span", "source", " \u2014 " + source)); }
      list.appendChild(item);
    });
    if (e.evidence.length > limit) { list.appendChild(el("li", "more", "+" + (e.evidence.length - limit) + " more")); }
    return list;
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
    var meta = [n.kind, n.country, n.degree + " relation" + (n.degree === 1 ? "" : "s")];
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
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(id);
  }
  akg.selectNode = selectNode;

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
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

  /* ---- filters (legend checkboxes) ---- */
  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    box.addEventListener("change", function () {
      var set = hidden[box.dataset.filter];
      if (box.checked) { set.delete(box.dataset.key); } else { set.add(box.dataset.key); }
      nodeView.refresh();
      edgeView.refresh();
    });
  });

  /* ---- search ---- */
  var names = document.getElementById("org-names");
  data.nodes.forEach(function (n) { var option = el("option"); option.value = n.label; names.appendChild(option); });
  function findNode(text) {
    var q = text.trim().toLowerCase();
    if (!q) { return null; }
    var tests = [
      function (label) { return label === q; },
      function (label) { return label.indexOf(q) === 0; },
      function (label) { return label.indexOf(q) >= 0; }
    ];
    for (var i = 0; i < tests.length; i++) {
      var hit = data.nodes.find(function (n) { return !hidden.kind.has(n.kind) && tests[i](n.label.toLowerCase()); });
      if (hit) { return hit.id; }
    }
    return null;
  }
  function search(text) {
    var id = findNode(text);
    searchStatus.textContent = id === null ? "no organization matches" : "";
    if (id !== null) { selectNode(id); }
    return id;
  }
  akg.search = search;
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    search(searchInput.value);
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
  if (data.focus !== null) { selectNode(data.focus); }
})();
