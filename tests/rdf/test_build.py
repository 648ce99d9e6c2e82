"""graph.rdf.build: facts -> two-layer RDF graph (per-article evidence, merged relationships), and back."""
from __future__ import annotations

import logging

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from graph import vocab
from graph.vocab import prefix_table
from graph.errors import InputError
from graph.extract.facts import Extraction, Fact
from graph.extract.registry import Organization
from graph.rdf.build import (build_graph, document_graph, facts_from_graph, merged_graph, newest_status)
from graph.extract.text import Document

from samples import DOC_A, EX_A, EX_B, F_ACTIVE, F_AGREED, A, fact, org, rel, sample_extractions, sample_graph


def test_symmetric_edges_are_stated_both_ways_directed_ones_once():
    g = sample_graph()
    assert (org("Nissan"), A.partnerOf, org("Honda")) in g
    assert (org("Honda"), A.partnerOf, org("Nissan")) in g
    assert (org("Nissan"), A.competesWith, org("Tesla")) in g
    assert (org("Tesla"), A.competesWith, org("Nissan")) in g
    assert (org("Honda"), A.investsIn, org("Baidu")) in g
    assert (org("Baidu"), A.investsIn, org("Honda")) not in g
    assert (org("Acme Robotics"), A.suppliesTo, org("Honda")) in g
    assert (org("Honda"), A.suppliesTo, org("Acme Robotics")) not in g


def test_pair_from_two_documents_is_one_relationship_with_both_evidence():
    g = sample_graph()
    r = rel("partnership", "Nissan", "Honda")
    assert r == rel("partnership", "Honda", "Nissan")
    assert len(list(g.subjects(RDF.type, A.Partnership))) == 2  # Nissan-Honda, Nissan-Baidu
    evidence = set(g.objects(r, A.evidence))
    assert len(evidence) == 2
    assert {str(g.value(e, A.sentence)) for e in evidence} == {F_AGREED.evidence, F_ACTIVE.evidence}
    assert g.value(r, A.evidenceCount) == Literal(2)
    assert g.value(r, A.status) == vocab.statuses()["active"].iri  # the newest evidence (b.txt, 2024-09-01)
    assert set(g.objects(r, A.field)) == {vocab.field_iri(f) for f in
                                          ("automotive software", "EV charging", "EV batteries")}
    assert g.value(r, A.firstDate) == Literal("2024-03", datatype=vocab.XSD.gYearMonth)
    assert g.value(r, A.lastDate) == Literal("2024-09-01", datatype=vocab.XSD.date)
    assert g.value(r, A.confidence) == Literal("0.9", datatype=vocab.XSD.decimal)
    assert set(g.objects(r, A.participant)) == {org("Nissan"), org("Honda")}
    assert g.value(r, A.subjectOrganization) is None


def test_directed_relationship_names_subject_and_object():
    g = sample_graph()
    r = rel("investment", "Honda", "Baidu")
    assert g.value(r, A.subjectOrganization) == org("Honda")
    assert g.value(r, A.objectOrganization) == org("Baidu")


def test_competition_has_no_status():
    g = sample_graph()
    r = rel("competition", "Nissan", "Tesla")
    assert g.value(r, A.status) is None
    assert all(g.value(e, A.statusStated) is None for e in g.objects(r, A.evidence))


@pytest.mark.parametrize("older, newer, expected", [
    (("agreed", "2024-03"), ("considering", "2024-09-01"), "considering"),  # newest wins, even if less advanced
    (("active", "2024-09-01"), ("agreed", "2024-09-01"), "active"),  # same date: the most advanced
    (("ended", None), ("agreed", "2024"), "agreed"),  # undated evidence counts as oldest
    (("active", "2024"), ("agreed", "2024-03"), "active"),  # a year ties with a month inside it
    (("active", "2023"), ("agreed", "2024-03"), "agreed"),
    (("agreed", "2024-03-31"), ("considering", "2024-04"), "considering"),
])
def test_current_status_comes_from_the_newest_evidence(older, newer, expected):
    facts = [fact("x", "A", "partnership", "B", status, date=date, evidence=status) for status, date in (older, newer)]
    assert newest_status(facts) == expected


def test_undated_fact_takes_its_documents_date():
    facts = [fact("old", "A", "partnership", "B", "ended", evidence="1"),
             fact("new", "A", "partnership", "B", "agreed", date="2020", evidence="2")]
    assert newest_status(facts, {"old": "2024-01-01", "new": "2020-01-01"}) == "ended"


def test_organizations_are_described_once_with_their_names():
    g = sample_graph()
    n = org("Nissan")
    assert (n, RDF.type, A.Automaker) in g
    assert list(g.objects(n, RDFS.label)) == [Literal("Nissan")]
    assert (n, SKOS.altLabel, Literal("Nissan Motor Co., Ltd.")) in g
    assert (n, A.ticker, Literal("NSANY")) in g
    assert (n, A.country, Literal("JP")) in g
    assert (n, OWL.sameAs, vocab.WD["Q20165"]) in g
    assert g.value(org("Honda"), OWL.sameAs) is None  # no checked Wikidata id, no link
    assert g.value(org("Honda"), A.discovered) is None
    assert g.value(org("Acme Robotics"), A.discovered) == Literal(True)
    assert (org("Baidu"), RDF.type, A.TechnologyCompany) in g


def test_unknown_kind_falls_back_to_organization(caplog):
    with caplog.at_level(logging.WARNING):
        g = document_graph(Extraction(DOC_A, (), (Organization("Zed", "Spaceline"),)))
    assert (org("Zed"), RDF.type, A.Organization) in g
    assert "Spaceline" in caplog.text


def test_document_resource_and_its_evidence():
    g = document_graph(EX_A)
    d = vocab.doc_iri("a.txt")
    assert {vocab.SCHEMA.NewsArticle, vocab.PROV.Entity} <= set(g.objects(d, RDF.type))
    assert g.value(d, DCTERMS.identifier) == Literal("a.txt")
    assert g.value(d, DCTERMS.date) == Literal("2024-07-03", datatype=vocab.XSD.date)
    assert g.value(d, DCTERMS.title) == Literal("Nissan and Honda")
    assert g.value(d, vocab.SCHEMA.url) == Literal("https://news.test/a", datatype=vocab.XSD.anyURI)
    assert g.value(d, A.citesSource) == org("Reuters")
    ev = vocab.evidence_iri("a.txt", "partnership", "Nissan", "Honda", F_AGREED.evidence)
    assert (rel("partnership", "Nissan", "Honda"), A.evidence, ev) in g
    assert g.value(ev, vocab.PROV.wasDerivedFrom) == d
    assert g.value(ev, A.statedSubject) == org("Nissan")
    assert g.value(ev, A.statedObject) == org("Honda")
    assert g.value(ev, A.statusStated) == vocab.statuses()["agreed"].iri
    assert g.value(ev, DCTERMS.date) == Literal("2024-03", datatype=vocab.XSD.gYearMonth)
    assert g.value(ev, A.confidence) == Literal("0.9", datatype=vocab.XSD.decimal)
    # the merged layer is not the document's: no status, no direct edge
    assert g.value(rel("partnership", "Nissan", "Honda"), A.status) is None
    assert (org("Nissan"), A.partnerOf, org("Honda")) not in g


def test_graph_has_no_blank_nodes():
    g = sample_graph()
    assert not [t for triple in g for t in triple if isinstance(t, BNode)]


def test_reingesting_an_article_adds_nothing():
    once = sample_graph()
    twice = build_graph([EX_A, EX_B, EX_A, EX_B])
    assert set(twice) == set(once)


def test_turtle_is_byte_identical_on_rebuild_and_input_order():
    first = sample_graph().serialize(format="turtle")
    assert build_graph([EX_B, EX_A]).serialize(format="turtle") == first
    assert sample_graph().serialize(format="turtle") == first


def test_oxigraph_reads_the_same_triples_as_rdflib():
    g = sample_graph()
    data = g.serialize(format="turtle")
    oxi = {str(t) for t in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE)}
    back = Graph()
    back.parse(data="\n".join(f"{line} ." for line in oxi), format="nt")
    assert len(oxi) == len(g)
    assert isomorphic(back, g)


GOLDEN = """
@base <{data}> .
{prefixes}
<doc/d-txt-97e49c> a schema:NewsArticle, prov:Entity ;
    dcterms:identifier "d.txt" ;
    dcterms:date "2024-05-02"^^xsd:date .
<org/byd> a akg:Automaker ; rdfs:label "BYD" .
<org/tesla> a akg:Automaker ; rdfs:label "Tesla" .
<evidence/{ev}> a akg:Evidence ;
    akg:sentence "BYD supplies Tesla with batteries." ;
    akg:statusStated akg:Active ;
    akg:field akg:EVBatteries ;
    dcterms:date "2024-05"^^xsd:gYearMonth ;
    akg:confidence 0.75 ;
    prov:wasDerivedFrom <doc/d-txt-97e49c> ;
    akg:statedSubject <org/byd> ;
    akg:statedObject <org/tesla> .
<rel/supply/byd--tesla> a akg:Supply ;
    akg:evidence <evidence/{ev}> ;
    akg:participant <org/byd>, <org/tesla> ;
    akg:subjectOrganization <org/byd> ;
    akg:objectOrganization <org/tesla> ;
    akg:status akg:Active ;
    akg:field akg:EVBatteries ;
    akg:evidenceCount 1 ;
    akg:confidence 0.75 ;
    akg:firstDate "2024-05"^^xsd:gYearMonth ;
    akg:lastDate "2024-05"^^xsd:gYearMonth .
<org/byd> akg:suppliesTo <org/tesla> .
akg:Supply rdfs:label "supply"@en ; akg:relationKey "supply" .
akg:Active rdfs:label "active"@en ; skos:prefLabel "active"@en ; akg:statusKey "active" .
akg:EVBatteries rdfs:label "EV batteries"@en ; skos:prefLabel "EV batteries"@en .
"""


def test_golden_graph_for_one_supply_fact():
    f = fact("d.txt", "BYD", "supply", "Tesla", "active", ("EV batteries",), "2024-05",
             "BYD supplies Tesla with batteries.", 0.75)
    ex = Extraction(Document("d.txt", "", (), date="2024-05-02"), (f,),
                    (Organization("BYD", "Automaker"), Organization("Tesla", "Automaker")))
    ev = str(vocab.evidence_iri("d.txt", "supply", "BYD", "Tesla", f.evidence)).rsplit("/", 1)[1]
    prefixes = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefix_table().items())
    expected = Graph().parse(data=GOLDEN.format(data=vocab.data_ns(), prefixes=prefixes, ev=ev), format="turtle")
    assert isomorphic(build_graph([ex]), expected)


def normalized(facts) -> list[Fact]:
    """Facts with sorted fields, sorted: what facts_from_graph gives back."""
    out = [Fact(f.doc, f.subject, f.relation, f.object, f.status, tuple(sorted(f.fields)), f.date, f.evidence,
                f.confidence) for f in facts]
    return sorted(out, key=lambda f: (f.doc, f.relation, f.subject, f.object, f.evidence))


def test_facts_round_trip_through_the_graph():
    facts = [f for ex in sample_extractions() for f in ex.facts]
    assert facts_from_graph(sample_graph()) == normalized(facts)


def test_facts_round_trip_through_parsed_turtle():
    data = sample_graph().serialize(format="turtle")
    assert facts_from_graph(Graph().parse(data=data, format="turtle")) == facts_from_graph(sample_graph())


def test_one_articles_graph_reads_back_alone():
    assert facts_from_graph(document_graph(EX_B)) == normalized(EX_B.facts)


def test_merged_layer_recomputed_after_removing_an_article():
    """What the persistent store does: keep per-article graphs, drop one, recompute the merged layer from facts."""
    kept = document_graph(EX_A)
    recomputed = kept + merged_graph(facts_from_graph(kept), {"a.txt": DOC_A.date})
    assert set(recomputed) == set(build_graph([EX_A]))
    assert recomputed.value(rel("partnership", "Nissan", "Honda"), A.status) == vocab.statuses()["agreed"].iri


def test_unknown_field_is_left_out_with_a_warning(caplog):
    f = fact("x.txt", "Nissan", "partnership", "Honda", "agreed", ("EV charging", "teleportation"))
    with caplog.at_level(logging.WARNING):
        g = build_graph([Extraction(Document("x.txt", "", ()), (f,))])
    assert set(g.objects(rel("partnership", "Nissan", "Honda"), A.field)) == {vocab.field_iri("EV charging")}
    assert "teleportation" in caplog.text


def test_unknown_relation_or_status_is_an_input_error():
    doc = Document("x.txt", "", ())
    with pytest.raises(InputError, match="relation"):
        build_graph([Extraction(doc, (fact("x.txt", "A", "friendship", "B", None),))])
    with pytest.raises(InputError, match="status"):
        build_graph([Extraction(doc, (fact("x.txt", "A", "partnership", "B", "rumoured"),))])


def test_fact_of_an_organization_with_itself_is_left_out():
    f = fact("x.txt", "Nissan", "partnership", "Nissan", "agreed")
    g = build_graph([Extraction(Document("x.txt", "", ()), (f,))])
    assert not list(g.subjects(RDF.type, A.Evidence))
    assert not list(g.subjects(RDF.type, A.Partnership))


def test_one_sentence_stating_a_pair_twice_gives_one_evidence():
    """Both orders of a symmetric pair, or two statuses, from one sentence: one evidence, the most advanced status."""
    sentence = "Nissan and Honda are partners, having agreed last year."
    facts = (fact("x.txt", "Nissan", "partnership", "Honda", "agreed", evidence=sentence),
             fact("x.txt", "Honda", "partnership", "Nissan", "active", evidence=sentence))
    g = build_graph([Extraction(Document("x.txt", "", ()), facts)])
    (ev,) = g.subjects(RDF.type, A.Evidence)
    assert g.value(ev, A.statusStated) == vocab.statuses()["active"].iri
    assert len(set(g.objects(ev, A.statedSubject))) == 1
    assert g.value(rel("partnership", "Nissan", "Honda"), A.evidenceCount) == Literal(1)


def test_parties_without_an_organization_record_still_get_a_label():
    f = fact("x.txt", "Nissan", "partnership", "Honda", "agreed")
    g = build_graph([Extraction(Document("x.txt", "", ()), (f,))])
    assert g.value(org("Honda"), RDFS.label) == Literal("Honda")
    assert (org("Honda"), RDF.type, A.Organization) in g


def test_sample_graph_conforms_to_the_shapes():
    from graph.rdf.validate import validate

    report = validate(sample_graph())
    assert report.conforms, report.text



def test_two_spellings_of_one_iri_keep_one_label():
    """'Zentrix-Drive' and 'Zentrix Drive' share an IRI; the graph keeps one canonical label, the other as an alias."""
    spellings = (Organization("Zentrix-Drive", reference=False), Organization("Zentrix Drive", reference=False))
    g = document_graph(Extraction(DOC_A, (fact("a.txt", "Zentrix-Drive", "partnership", "Zentrix Drive", "active"),),
                                  spellings))
    iri = org("Zentrix Drive")
    assert len(list(g.objects(iri, RDFS.label))) == 1
    assert {str(o) for o in g.objects(iri, SKOS.altLabel)} | {str(g.value(iri, RDFS.label))} == {
        "Zentrix-Drive", "Zentrix Drive"}
