"""Networkx views of the RDF graph: organizations as nodes, qualified relationships as edges.

Free functions that take an rdflib graph and return plain data, for drawing
(viz), GraphML export and simple network measures; :mod:`graph.views.reports`
turns the measures and chains into text.

Example (``g`` built from the seed article by graph.rdf.build.build_graph):
    >>> from graph.views.analytics import to_networkx, degree_ranking
    >>> nxg = to_networkx(g)                           # doctest: +SKIP
    >>> nxg.nodes[str(vocab.org_iri("Nissan"))]["kind"]   # doctest: +SKIP
    'Automaker'
    >>> degree_ranking(g)[0]                           # doctest: +SKIP
    ('Nissan', 5)
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from graph import vocab
from graph.errors import NoChainError
from graph.io import to_oxigraph
from graph.store.query import names_in
from graph.store.resolver import NameResolver, resolve_value
from graph.views.store_view import store_to_networkx
from graph.vocab import SCHEMA

__all__ = ["to_networkx", "degree_ranking", "names_of", "alliance_graph", "hubs", "brokers", "blocs", "stats",
           "shortest_chain", "filter_view", "COOPERATION", "BLOC_SEED", "BETWEENNESS_EXACT", "BETWEENNESS_SAMPLE"]

COOPERATION = tuple(k for k in vocab.relations() if k != "competition")
"""The relations that tie organizations together: hubs, brokers and blocs count these (rivalry makes no bloc)."""
BLOC_SEED = 7
"""Seed of the Louvain community detection: the same graph always splits into the same blocs."""
BETWEENNESS_EXACT = 400
"""Up to this many organizations betweenness is exact; past it, estimated from BETWEENNESS_SAMPLE sources."""
BETWEENNESS_SAMPLE = 100
"""Sources of the estimate (seeded, so the same graph ranks the same): ~1 s at 2,000 organizations, not ~10 s."""


def _label(graph: Graph, iri: URIRef) -> str:
    """The node's rdfs:label, else its IRI."""
    label = graph.value(iri, RDFS.label)
    return str(label) if label is not None else str(iri)


def _kind(graph: Graph, iri: URIRef) -> str:
    """The most specific organization class of a node ('Organization' when nothing narrower is stated)."""
    kinds = {cls: name for name, cls in vocab.org_kinds().items()}
    names = sorted(kinds[t] for t in graph.objects(iri, RDF.type) if t in kinds)
    specific = [n for n in names if n != "Organization"]
    return (specific or names or ["Organization"])[0]


def _org_node(graph: Graph, iri: URIRef) -> dict:
    """Node attributes of an organization."""
    A = vocab.akg()
    country = graph.value(iri, A.country)
    return {
        "label": _label(graph, iri),
        "kind": _kind(graph, iri),
        "country": str(country) if country is not None else None,
        "discovered": bool(graph.value(iri, A.discovered, default=Literal(False)).toPython()),
    }


def _endpoints(graph: Graph, rel: URIRef, term: vocab.RelationTerm) -> tuple[URIRef, URIRef] | None:
    """Subject and object of a directed relationship; the sorted participants of a symmetric one."""
    A = vocab.akg()
    if not term.symmetric:
        s, o = graph.value(rel, A.subjectOrganization), graph.value(rel, A.objectOrganization)
        return (s, o) if s is not None and o is not None else None
    parts = sorted(graph.objects(rel, A.participant))
    return (parts[0], parts[-1]) if parts else None


def _evidence(graph: Graph, rel: URIRef) -> list[dict]:
    """The evidence of a relationship as plain records, oldest first."""
    A, out = vocab.akg(), []
    for ev in graph.objects(rel, A.evidence):
        doc, date = graph.value(ev, PROV.wasDerivedFrom), graph.value(ev, DCTERMS.date)
        out.append({
            "sentence": str(graph.value(ev, A.sentence) or ""),
            "doc": str(graph.value(doc, DCTERMS.identifier) or doc or ""),
            "date": str(date) if date is not None else None,
            "status": _status_key(graph.value(ev, A.statusStated)),
            **_article(graph, doc),
        })
    return sorted(out, key=lambda e: (e["date"] or "", e["doc"], e["sentence"]))


def _article(graph: Graph, doc: URIRef | None) -> dict:
    """What the graph holds about the article a piece of evidence comes from: title, outlet(s), date, URL (or None)."""
    if doc is None:
        return {"title": None, "outlet": None, "published": None, "url": None}
    title, url, published = (graph.value(doc, p) for p in (DCTERMS.title, SCHEMA.url, DCTERMS.date))
    outlets = sorted(_label(graph, o) for o in graph.objects(doc, vocab.akg().citesSource))
    return {"title": str(title) if title is not None else None, "outlet": ", ".join(outlets) or None,
            "published": str(published) if published is not None else None,
            "url": str(url) if url is not None else None}


def _status_key(iri: URIRef | None) -> str | None:
    """'agreed' for akg:Agreed; None for no status."""
    keys = {term.iri: key for key, term in vocab.statuses().items()}
    return keys.get(iri)


def _field_labels(graph: Graph, rel: URIRef) -> list[str]:
    """The sorted labels of a relationship's fields."""
    labels = {term.iri: label for label, term in vocab.fields().items()}
    return sorted(labels.get(f, str(f)) for f in graph.objects(rel, vocab.akg().field))


def _edge(graph: Graph, rel: URIRef, key: str) -> dict:
    """Edge attributes of a qualified relationship."""
    A = vocab.akg()
    first, last, count, conf = (graph.value(rel, p) for p in (A.firstDate, A.lastDate, A.evidenceCount, A.confidence))
    evidence = _evidence(graph, rel)
    return {
        "relation": key,
        "status": _status_key(graph.value(rel, A.status)),
        "fields": _field_labels(graph, rel),
        "date": str(last) if last is not None else None,
        "first_date": str(first) if first is not None else None,
        "evidence_count": int(count) if count is not None else len(evidence),
        "confidence": float(conf.toPython()) if conf is not None else None,
        "evidence": evidence,
        "symmetric": vocab.relations()[key].symmetric,
    }


def _relationships(graph: Graph, relations: Iterable[str] | None = None):
    """Yield (relationship IRI, relation key, term) for every qualified relationship, in IRI order."""
    terms = vocab.relations()
    wanted = set(terms) if relations is None else set(relations)
    for key in sorted(wanted & terms.keys()):
        for rel in sorted(graph.subjects(RDF.type, terms[key].cls)):
            yield rel, key, terms[key]


def to_networkx(graph: Graph | ox.Store) -> nx.MultiDiGraph:
    """Organizations that take part in a relationship (label, kind, country, discovered), one edge per relationship.

    ``graph`` is an rdflib graph or an Oxigraph store (its default graph, read by SPARQL: no rdflib copy).

    Organizations in no relationship (the outlets an article cites) are left out: they would be islands.

    Edge keys are relationship IRIs; attributes: relation, status, fields (list),
    date (the latest evidence's), first_date, evidence_count, confidence,
    evidence (list of {sentence, doc, date, status}, oldest first), symmetric.
    Directed relationships run from subject to object, symmetric ones from the
    smaller to the larger IRI.
    """
    if isinstance(graph, ox.Store):
        return store_to_networkx(graph)
    out = nx.MultiDiGraph()
    for rel, key, term in _relationships(graph):
        ends = _endpoints(graph, rel, term)
        if ends is None:
            continue
        for end in ends:
            if str(end) not in out:
                out.add_node(str(end), **_org_node(graph, end))
        out.add_edge(str(ends[0]), str(ends[1]), key=str(rel), **_edge(graph, rel, key))
    return out


def degree_ranking(graph: Graph, relations: Iterable[str] | None = None) -> list[tuple[str, int]]:
    """Organizations by number of relationships they take part in (most first, then by label)."""
    counts: dict[str, int] = {}
    A = vocab.akg()
    for rel, _key, _term in _relationships(graph, relations):
        for org in set(graph.objects(rel, A.participant)):
            label = _label(graph, org)
            counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


# --- names ----------------------------------------------------------------------------------------------------------

def names_of(graph) -> NameResolver:
    """The NameResolver of an rdflib graph or Oxigraph store (labels, aliases, tickers, Wikidata links), or of a
    networkx view's labels.

    Asked of an Oxigraph copy of the naming triples, not of the rdflib graph itself: rdflib's SPARQL parser keeps
    its callers' frames alive until the next garbage collection, and with them a store ``akg build`` still holds.
    """
    if isinstance(graph, nx.Graph):
        return NameResolver.from_rows((label, None, None) for _, label in sorted(graph.nodes(data="label"), key=str))
    if isinstance(graph, ox.Store):
        return names_in(graph)
    naming = (RDF.type, RDFS.label, vocab.SKOS.altLabel, vocab.akg().ticker, vocab.OWL.sameAs)
    copy = ox.Store()
    copy.extend(ox.Quad(*map(to_oxigraph, triple)) for p in naming for triple in graph.triples((None, p, None)))
    return names_in(copy)


def _view(graph) -> nx.MultiDiGraph:
    """The networkx view of an rdflib graph; a networkx view as it is."""
    return graph if isinstance(graph, nx.Graph) else to_networkx(graph)


# --- network measures -----------------------------------------------------------------------------------------------

def alliance_graph(graph, relations: Iterable[str] | None = COOPERATION) -> nx.Graph:
    """An undirected simple graph of the organizations joined by ``relations`` (None: every relation).

    Nodes keep their label; an edge's ``weight`` is the number of relationships between the pair and
    ``relations`` their sorted keys. Nodes and edges are added in sorted order, so every measure is repeatable.
    ``graph`` is an rdflib graph or its networkx view (:func:`to_networkx`).

    Example:
        >>> g = nx.MultiDiGraph()
        >>> g.add_nodes_from([("n", {"label": "Nissan"}), ("h", {"label": "Honda"}), ("t", {"label": "Tesla"})])
        >>> _ = g.add_edge("n", "h", relation="partnership"); _ = g.add_edge("h", "n", relation="merger")
        >>> _ = g.add_edge("n", "t", relation="competition")
        >>> a = alliance_graph(g)
        >>> sorted(a.nodes), a.edges["h", "n"]["weight"], a.edges["h", "n"]["relations"]
        (['h', 'n'], 2, ['merger', 'partnership'])
    """
    view, wanted = _view(graph), None if relations is None else set(relations)
    pairs: dict[tuple[str, str], list[str]] = {}
    for a, b, relation in view.edges(data="relation"):
        if a != b and (wanted is None or relation in wanted):
            pairs.setdefault((min(a, b), max(a, b)), []).append(relation)
    out = nx.Graph()
    for node in sorted({n for pair in pairs for n in pair}):
        out.add_node(node, label=str(view.nodes[node].get("label") or node))
    for (a, b), found in sorted(pairs.items()):
        out.add_edge(a, b, weight=len(found), relations=sorted(found))
    return out


def hubs(graph, top: int | None = 10, relations: Iterable[str] | None = COOPERATION) -> list[dict]:
    """Organizations with the most partners (distinct organizations they have a relation with), most first.

    Each entry: id, label, degree (partners), relationships (relations counted one by one).

    Example:
        >>> g = nx.MultiDiGraph()
        >>> _ = g.add_edges_from([("n", "h"), ("n", "b"), ("h", "b"), ("n", "t")], relation="partnership")
        >>> nx.set_node_attributes(g, {"n": "Nissan", "h": "Honda", "b": "Baidu", "t": "Tesla"}, "label")
        >>> [(h["label"], h["degree"]) for h in hubs(g, top=2)]
        [('Nissan', 3), ('Baidu', 2)]
    """
    return _hubs(alliance_graph(graph, relations), top)


def _hubs(a: nx.Graph, top: int | None) -> list[dict]:
    rows = [{"id": n, "label": a.nodes[n]["label"], "degree": a.degree(n), "relationships": a.degree(n, "weight")}
            for n in a.nodes]
    rows.sort(key=lambda r: (-r["degree"], -r["relationships"], r["label"], r["id"]))
    return rows[:top] if top is not None else rows


def brokers(graph, top: int | None = 10, relations: Iterable[str] | None = COOPERATION) -> list[dict]:
    """Organizations that sit on the most shortest chains between others (betweenness centrality), most first.

    Each entry: id, label, betweenness (0-1, rounded to 4 places). Organizations on no chain are left out.
    Past BETWEENNESS_EXACT organizations the value is estimated from BETWEENNESS_SAMPLE seeded sources.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> _ = g.add_edges_from([("a", "b"), ("b", "c"), ("c", "d")], relation="supply")
        >>> nx.set_node_attributes(g, {n: n.upper() for n in g}, "label")
        >>> [(b["label"], b["betweenness"]) for b in brokers(g)]
        [('B', 0.6667), ('C', 0.6667)]
    """
    return _brokers(alliance_graph(graph, relations), top)


def _brokers(a: nx.Graph, top: int | None) -> list[dict]:
    sample = BETWEENNESS_SAMPLE if a.number_of_nodes() > BETWEENNESS_EXACT else None
    scores = nx.betweenness_centrality(a, k=sample, seed=BLOC_SEED if sample else None)
    rows = [{"id": n, "label": a.nodes[n]["label"], "betweenness": round(score, 4)}
            for n, score in scores.items() if round(score, 4) > 0]
    rows.sort(key=lambda r: (-r["betweenness"], r["label"], r["id"]))
    return rows[:top] if top is not None else rows


def blocs(graph, relations: Iterable[str] | None = COOPERATION, seed: int = BLOC_SEED) -> list[dict]:
    """Alliance blocs: Louvain communities of the organizations joined by ``relations``, largest first.

    Each entry: bloc (1, 2, ...), size, members (labels, most partners first), ids (same order).
    The fixed ``seed`` makes the split repeatable.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> _ = g.add_edges_from([("n", "h"), ("h", "m"), ("m", "n"), ("b", "t")], relation="partnership")
        >>> nx.set_node_attributes(g, {"n": "Nissan", "h": "Honda", "m": "Mitsubishi", "b": "BYD", "t": "Tencent"},
        ...                        "label")
        >>> [(b["bloc"], b["members"]) for b in blocs(g)]
        [(1, ['Honda', 'Mitsubishi', 'Nissan']), (2, ['BYD', 'Tencent'])]
    """
    return _blocs(alliance_graph(graph, relations), seed)


def _blocs(a: nx.Graph, seed: int = BLOC_SEED) -> list[dict]:
    if a.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(a, weight="weight", seed=seed)
    order = {n: (-a.degree(n), a.nodes[n]["label"], n) for n in a.nodes}
    groups = sorted((sorted(group, key=order.get) for group in found),
                    key=lambda ids: (-len(ids), sorted(a.nodes[n]["label"] for n in ids)))
    return [{"bloc": i, "size": len(ids), "members": [a.nodes[n]["label"] for n in ids], "ids": ids}
            for i, ids in enumerate(groups, 1)]


def stats(graph, top: int = 10, relations: Iterable[str] | None = COOPERATION) -> dict:
    """Hubs, brokers and blocs of the graph in one record (see :func:`hubs`, :func:`brokers`, :func:`blocs`).

    Keys: organizations and relationships (counted over ``relations``), relations (the keys measured),
    hubs and brokers (the ``top`` of each), blocs (all).

    Example:
        >>> g = nx.MultiDiGraph()
        >>> _ = g.add_edges_from([("n", "h"), ("h", "b")], relation="partnership")
        >>> nx.set_node_attributes(g, {"n": "Nissan", "h": "Honda", "b": "Baidu"}, "label")
        >>> s = stats(g)
        >>> s["hubs"][0]["label"], s["brokers"][0]["label"], s["blocs"][0]["size"]
        ('Honda', 'Honda', 3)
    """
    a = alliance_graph(graph, relations)
    return {"organizations": a.number_of_nodes(), "relationships": int(a.size("weight")),
            "relations": sorted(vocab.relations() if relations is None else set(relations)),
            "hubs": _hubs(a, top), "brokers": _brokers(a, top), "blocs": _blocs(a)}


# --- chains ---------------------------------------------------------------------------------------------------------

def _node_of(view: nx.MultiDiGraph, label: str) -> str | None:
    """The node labelled ``label`` (the smallest id if several)."""
    return min((n for n, lab in view.nodes(data="label") if lab == label), default=None)


def _step(view: nx.MultiDiGraph, a: str, b: str, wanted: set[str] | None) -> dict:
    """The relationships between two neighbours of a chain, ``a`` first."""
    found = []
    for x, y in ((a, b), (b, a)):
        for attrs in (view.get_edge_data(x, y) or {}).values():
            if wanted is None or attrs.get("relation") in wanted:
                found.append({"relation": attrs.get("relation"), "status": attrs.get("status"),
                              "date": attrs.get("date"), "directed": not attrs.get("symmetric", True),
                              "subject": view.nodes[x]["label"], "object": view.nodes[y]["label"]})
    found.sort(key=lambda r: (r["relation"] or "", r["subject"], r["object"]))
    return {"from": view.nodes[a]["label"], "to": view.nodes[b]["label"], "relations": found}


def shortest_chain(graph, source: str, target: str, relations: Iterable[str] | None = None,
                   names: NameResolver | None = None) -> dict:
    """The shortest chain of relations between two organizations, named however typed ("tsla", "nissan motor").

    ``relations`` limits the relations walked (default: all, rivalry included). Returns source, target
    (canonical labels), organizations (the chain's labels in order), ids, and steps: one per link, each
    ``{"from", "to", "relations": [{relation, status, date, directed, subject, object}, ...]}``.
    Raises UnknownValueError ("did you mean ...?") for a name that matches nothing, NoChainError when
    nothing joins the two.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> g.add_nodes_from((n, {"label": n}) for n in ("Tesla", "BYD", "Tencent"))
        >>> _ = g.add_edge("BYD", "Tesla", relation="competition", symmetric=True)
        >>> _ = g.add_edge("Tencent", "BYD", relation="investment", symmetric=False)
        >>> chain = shortest_chain(g, "tesla", "Tencent")
        >>> chain["organizations"], [s["relations"][0]["relation"] for s in chain["steps"]]
        (['Tesla', 'BYD', 'Tencent'], ['competition', 'investment'])
    """
    view = _view(graph)
    names = names or names_of(graph)
    labels = [names.resolve(name).label for name in (source, target)]
    wanted = None if relations is None else {resolve_value("relation", r) for r in relations}
    a = alliance_graph(view, wanted)
    ends = [_node_of(view, label) for label in labels]
    for label, node in zip(labels, ends):
        if node is None or node not in a:
            raise NoChainError(f"{label} takes part in no relation{'' if wanted is None else ' of those asked'} "
                               "in this graph, so no chain reaches it")
    try:
        path = nx.shortest_path(a, ends[0], ends[1])
    except nx.NetworkXNoPath:
        raise NoChainError(f"no chain of relations joins {labels[0]} and {labels[1]} in this graph") from None
    return {"source": labels[0], "target": labels[1], "organizations": [a.nodes[n]["label"] for n in path],
            "ids": path, "steps": [_step(view, x, y, wanted) for x, y in zip(path, path[1:])]}


# --- command-line filters -------------------------------------------------------------------------------------------

def filter_view(graph, since: str | None = None, relations: Sequence[str] = (), fields: Sequence[str] = ()
                ) -> nx.MultiDiGraph:
    """The networkx view with only the relationships dated ``since`` or later, of ``relations``, in ``fields``.

    Values are read as ``akg query`` reads them (any case, labels or synonyms); a bad one raises
    UnknownValueError listing the allowed values. Empty ``relations``/``fields`` keep all; a relationship
    is kept for ``since`` when its latest evidence is on or after that day, month or year (undated ones
    are left out). Organizations left with no relationship are left out too.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> _ = g.add_edge("n", "h", relation="partnership", fields=["EV batteries"], date="2024-09-01")
        >>> _ = g.add_edge("n", "t", relation="competition", fields=[], date="2023-05")
        >>> sorted(filter_view(g, since="2024").nodes), sorted(filter_view(g, relations=["Competition"]).nodes)
        (['h', 'n'], ['n', 't'])
        >>> filter_view(g, fields=["EV battery"])
        Traceback (most recent call last):
        graph.errors.UnknownValueError: unknown field 'EV battery'; did you mean EV batteries? (allowed: AI, ...)
    """
    view = _view(graph)
    day = None if since is None else resolve_value("date", since)
    wanted = {resolve_value("relation", r) for r in relations}
    areas = {resolve_value("field", f) for f in fields}

    def keep(attrs: dict) -> bool:
        date = attrs.get("date")
        return ((not wanted or attrs.get("relation") in wanted)
                and (not areas or bool(areas & set(attrs.get("fields") or ())))
                and (day is None or (date is not None and date >= day[:len(date)])))

    out = nx.MultiDiGraph()
    for a, b, key, attrs in view.edges(keys=True, data=True):
        if keep(attrs):
            for node in (a, b):
                if node not in out:
                    out.add_node(node, **view.nodes[node])
            out.add_edge(a, b, key=key, **attrs)
    return out
