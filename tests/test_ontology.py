"""The ontology (ontology/alliance.ttl): parses, documents every term, aligns with W3C vocabularies."""
import json

import pyoxigraph
import pytest
from rdflib import URIRef

from graph import vocab
from graph.vocab import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS


@pytest.fixture(scope="module")
def onto():
    """The parsed ontology graph."""
    return vocab.ontology_graph()


def _akg_terms(g):
    base = str(vocab.akg())
    return sorted({s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(base)})


def test_parses_in_oxigraph_too():
    quads = list(pyoxigraph.parse(vocab.ontology_text("alliance.ttl").encode(), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(vocab.ontology_graph())


def test_every_term_has_label_and_comment(onto):
    terms = _akg_terms(onto)
    assert len(terms) > 60
    offenders = [t for t in terms if onto.value(t, RDFS.label) is None or onto.value(t, RDFS.comment) is None]
    assert offenders == []


def test_every_akg_term_used_is_defined(onto):
    base = str(vocab.akg())
    used = {o for o in onto.objects() if isinstance(o, URIRef) and str(o).startswith(base)}
    assert used - set(onto.subjects()) == set()


def test_relations_statuses_fields_counts():
    assert list(vocab.relations()) == ["competition", "investment", "merger", "partnership", "supply"]
    assert list(vocab.statuses()) == ["considering", "agreed", "active", "ended"]
    assert [s.rank for s in vocab.statuses().values()] == [1, 2, 3, 4]
    assert len(vocab.fields()) == 28


def test_direct_property_local_names_and_symmetry(onto):
    rels = vocab.relations()
    names = {k: str(r.direct).rsplit("#", 1)[-1] for k, r in rels.items()}
    assert names == {"partnership": "partnerOf", "merger": "mergesWith", "investment": "investsIn",
                     "supply": "suppliesTo", "competition": "competesWith"}
    assert {k for k, r in rels.items() if r.symmetric} == {"partnership", "merger", "competition"}
    for r in rels.values():
        assert (r.direct, RDF.type, OWL.ObjectProperty) in onto
        assert (r.direct, RDFS.domain, vocab.akg().Organization) in onto


@pytest.mark.parametrize("triple", [
    ("Partnership", RDFS.subClassOf, ORG.OrganizationalCollaboration),
    ("Organization", RDFS.subClassOf, SCHEMA.Organization),
    ("Organization", RDFS.subClassOf, ORG.FormalOrganization),
    ("Evidence", RDFS.subClassOf, PROV.Entity),
    ("Relationship", RDFS.subClassOf, PROV.Entity),
    ("MediaOrganization", RDFS.subClassOf, SCHEMA.NewsMediaOrganization),
    ("Field", RDFS.subClassOf, SKOS.Concept),
    ("Status", RDFS.subClassOf, SKOS.Concept),
    ("evidence", RDFS.subPropertyOf, PROV.wasDerivedFrom),
    ("field", RDFS.subPropertyOf, DCTERMS.subject),
    ("ticker", RDFS.subPropertyOf, SCHEMA.tickerSymbol),
    ("partnerOf", RDFS.subPropertyOf, ORG.linkedTo),
])
def test_alignment(onto, triple):
    local, pred, obj = triple
    assert (vocab.akg()[local], pred, obj) in onto


def test_organization_kinds():
    assert {"Organization", "Automaker", "TechnologyCompany", "BatteryMaker", "Supplier",
            "MediaOrganization", "JointVenture"} <= set(vocab.org_kinds())


def test_gold_fields_are_in_the_scheme(seed_gold, dev_gold):
    used = {f for path in (seed_gold, dev_gold) for line in path.read_text().splitlines() if line.strip()
            for f in json.loads(line)["fields"]}
    assert used and used <= set(vocab.fields())


def test_synonyms_name_one_field_each():
    owners = {}
    for term in vocab.fields().values():
        for word in (term.label, *term.synonyms):
            owners.setdefault(word.lower(), []).append(term.label)
    assert {w: o for w, o in owners.items() if len(o) > 1} == {}


def test_concepts_have_definitions_and_sit_in_the_hierarchy(onto):
    concepts = [t.iri for t in vocab.fields().values()] + [t.iri for t in vocab.statuses().values()]
    assert [c for c in concepts if onto.value(c, SKOS.definition) is None] == []
    scheme = vocab.akg().FieldScheme
    for term in vocab.fields().values():
        broader = set(onto.objects(term.iri, SKOS.broader))
        assert broader or (term.iri, SKOS.topConceptOf, scheme) in onto, term.label
        assert all((b, SKOS.inScheme, scheme) in onto for b in broader), term.label
