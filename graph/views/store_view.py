"""The networkx view of an Oxigraph store, read with a few SPARQL queries instead of through rdflib.

The same nodes, edges and attributes as :func:`graph.views.analytics.to_networkx` gives for the store's
rdflib copy (a test holds the two equal), without copying the store into rdflib first: at 2,000
organizations and ~150,000 triples the copy alone took ~7 s, these queries take about one.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import networkx as nx
import pyoxigraph as ox

from graph import vocab

__all__ = ["store_to_networkx"]

RELATIONSHIPS = """SELECT ?rel ?type ?status ?first ?last ?count ?conf ?s ?o WHERE {
  VALUES ?type { %s }
  ?rel a ?type .
  OPTIONAL { ?rel akg:status ?status } OPTIONAL { ?rel akg:firstDate ?first } OPTIONAL { ?rel akg:lastDate ?last }
  OPTIONAL { ?rel akg:evidenceCount ?count } OPTIONAL { ?rel akg:confidence ?conf }
  OPTIONAL { ?rel akg:subjectOrganization ?s } OPTIONAL { ?rel akg:objectOrganization ?o }
}"""
PARTICIPANTS = "SELECT ?rel ?org WHERE { ?rel akg:participant ?org }"
FIELDS = "SELECT ?rel ?field WHERE { ?rel akg:field ?field }"
EVIDENCE = """SELECT ?rel ?sentence ?doc ?id ?date ?status ?title ?url ?published WHERE {
  ?rel akg:evidence ?ev .
  OPTIONAL { ?ev akg:sentence ?sentence } OPTIONAL { ?ev dcterms:date ?date }
  OPTIONAL { ?ev akg:statusStated ?status }
  OPTIONAL { ?ev prov:wasDerivedFrom ?doc .
             OPTIONAL { ?doc dcterms:identifier ?id } OPTIONAL { ?doc dcterms:title ?title }
             OPTIONAL { ?doc schema:url ?url } OPTIONAL { ?doc dcterms:date ?published } }
}"""
OUTLETS = "SELECT ?doc ?outlet ?label WHERE { ?doc akg:citesSource ?outlet OPTIONAL { ?outlet rdfs:label ?label } }"
ORGANIZATIONS = """SELECT ?org ?type ?label ?country ?discovered WHERE {
  { SELECT DISTINCT ?org WHERE { { ?rel akg:participant ?org } UNION { ?rel akg:subjectOrganization ?org }
                                 UNION { ?rel akg:objectOrganization ?org } } }
  OPTIONAL { ?org a ?type } OPTIONAL { ?org rdfs:label ?label } OPTIONAL { ?org akg:country ?country }
  OPTIONAL { ?org akg:discovered ?discovered }
}"""


def _rows(store: ox.Store, text: str) -> Iterator[dict[str, str]]:
    """The solutions of a SELECT as {variable: lexical value} (unbound variables left out), one at a time: the
    evidence of a big store is never all held twice, as rows and as records."""
    result = store.query(text, prefixes=vocab.prefix_table(), default_graph=ox.DefaultGraph())
    names = [v.value for v in result.variables]
    for solution in result:
        yield {n: term.value for n in names if (term := solution[n]) is not None}


def _values(iris) -> str:
    return " ".join(f"<{iri}>" for iri in iris)


def _first(rows: list[dict], key: str) -> str | None:
    """The smallest value ``key`` takes over the rows (one value in a well-formed graph), or None."""
    return min((r[key] for r in rows if key in r), default=None)


def store_to_networkx(store: ox.Store) -> nx.MultiDiGraph:
    """Organizations that take part in a relationship, one edge per relationship (see ``to_networkx``)."""
    terms = vocab.relations()
    key_of = {str(t.cls): key for key, t in terms.items()}
    by_rel: dict[str, list[dict]] = defaultdict(list)
    for row in _rows(store, RELATIONSHIPS % _values(key_of)):
        by_rel[row["rel"]].append(row)
    participants = _grouped(store, PARTICIPANTS, "rel", "org")
    fields = _grouped(store, FIELDS, "rel", "field")
    evidence = _evidence(store)
    orgs = _organizations(store)
    out = nx.MultiDiGraph()
    order = sorted(by_rel, key=lambda rel: (key_of[_first(by_rel[rel], "type")], rel))
    for rel in order:
        rows, key = by_rel[rel], key_of[_first(by_rel[rel], "type")]
        ends = _ends(rows, sorted(set(participants.get(rel, ()))), terms[key].symmetric)
        if ends is None:
            continue
        for end in ends:
            if end not in out:
                out.add_node(end, **orgs.get(end, _unknown(end)))
        out.add_edge(ends[0], ends[1], key=rel, **_edge(rows, key, fields.get(rel, ()), evidence.get(rel, [])))
    return out


def _grouped(store: ox.Store, text: str, key: str, value: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for row in _rows(store, text):
        out[row[key]].append(row[value])
    return out


def _ends(rows: list[dict], participants: list[str], symmetric: bool) -> tuple[str, str] | None:
    """Subject and object of a directed relationship; the sorted participants of a symmetric one."""
    if not symmetric:
        s, o = _first(rows, "s"), _first(rows, "o")
        return (s, o) if s is not None and o is not None else None
    return (participants[0], participants[-1]) if participants else None


def _edge(rows: list[dict], key: str, field_iris, evidence: list[dict]) -> dict:
    status_keys = {str(t.iri): t.key for t in vocab.statuses().values()}
    field_labels = {str(t.iri): label for label, t in vocab.fields().items()}
    status, count, conf = (_first(rows, k) for k in ("status", "count", "conf"))
    return {
        "relation": key,
        "status": status_keys.get(status) if status is not None else None,
        "fields": sorted(field_labels.get(f, f) for f in set(field_iris)),
        "date": _first(rows, "last"),
        "first_date": _first(rows, "first"),
        "evidence_count": int(count) if count is not None else len(evidence),
        "confidence": float(conf) if conf is not None else None,
        "evidence": evidence,
        "symmetric": vocab.relations()[key].symmetric,
    }


def _evidence(store: ox.Store) -> dict[str, list[dict]]:
    """Each relationship's evidence records, oldest first (as analytics._evidence gives them)."""
    status_keys = {str(t.iri): t.key for t in vocab.statuses().values()}
    outlets: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, OUTLETS):
        outlets[row["doc"]].add(row.get("label", row["outlet"]))
    out: dict[str, list[dict]] = defaultdict(list)
    for row in _rows(store, EVIDENCE):
        doc = row.get("doc")
        out[row["rel"]].append({
            "sentence": row.get("sentence", ""), "doc": row.get("id", doc or ""), "date": row.get("date"),
            "status": status_keys.get(row["status"]) if "status" in row else None,
            "title": row.get("title") if doc else None, "outlet": ", ".join(sorted(outlets[doc])) or None if doc else None,
            "published": row.get("published") if doc else None, "url": row.get("url") if doc else None,
        })
    for records in out.values():
        records.sort(key=lambda e: (e["date"] or "", e["doc"], e["sentence"]))
    return out


def _organizations(store: ox.Store) -> dict[str, dict]:
    """Node attributes of every organization: label, most specific kind, country, discovered."""
    kinds = {str(cls): name for name, cls in vocab.org_kinds().items()}
    by_org: dict[str, list[dict]] = defaultdict(list)
    for row in _rows(store, ORGANIZATIONS):
        by_org[row["org"]].append(row)
    out = {}
    for org, rows in by_org.items():
        names = sorted({kinds[r["type"]] for r in rows if r.get("type") in kinds})
        specific = [n for n in names if n != "Organization"]
        discovered = _first(rows, "discovered")
        out[org] = {"label": _first(rows, "label") or org, "kind": (specific or names or ["Organization"])[0],
                    "country": _first(rows, "country"), "discovered": discovered in ("true", "1")}
    return out


def _unknown(iri: str) -> dict:
    """A party the graph types as no organization: its IRI for a label (as analytics does)."""
    return {"label": iri, "kind": "Organization", "country": None, "discovered": False}
