"""SHACL shapes (ontology/shapes.ttl) through graph.validate: a valid graph conforms, each broken one does not."""
import pytest
from rdflib import Graph

from graph import vocab
from graph.errors import GraphNotFoundError, InputError
from graph.io import open_graph
from graph.rdf.validate import ValidationReport, validate

PREFIXES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in (
    ("akg", vocab.akg()), ("id", vocab.data_ns()), ("rdfs", vocab.RDFS), ("xsd", vocab.XSD),
    ("prov", vocab.PROV), ("schema", vocab.SCHEMA), ("dcterms", vocab.DCTERMS), ("owl", vocab.OWL),
    ("wd", vocab.WD)))

VALID = PREFIXES + """
id:nissan a akg:Automaker ; rdfs:label "Nissan" ; akg:ticker "NSANY" ; akg:country "JP" ;
    owl:sameAs wd:Q20165 ; akg:partnerOf id:honda .
id:honda a akg:Automaker ; rdfs:label "Honda" ; akg:partnerOf id:nissan .
id:nikkei a akg:MediaOrganization ; rdfs:label "Nikkei" .
id:rel a akg:Partnership ; akg:participant id:nissan, id:honda ; akg:status akg:Considering ;
    akg:field akg:AutomotiveSoftware ; akg:evidence id:ev ; akg:evidenceCount 1 ;
    akg:firstDate "2024-07-03"^^xsd:date ; akg:confidence 0.9 .
id:ev a akg:Evidence ; akg:sentence "The two Japanese automakers are considering a partnership." ;
    akg:statusStated akg:Considering ; akg:confidence 0.9 ; dcterms:date "2024-07"^^xsd:gYearMonth ;
    prov:wasDerivedFrom id:doc ; akg:statedSubject id:nissan ; akg:statedObject id:honda ;
    akg:field akg:AutomotiveSoftware .
id:doc a schema:NewsArticle, prov:Entity ; dcterms:identifier "000_ce3b457f6051eda2.txt" ;
    dcterms:date "2024-07-03"^^xsd:date ; dcterms:title "Nissan and Honda weigh software tie-up" ;
    akg:citesSource id:nikkei .
"""

# (case, text replaced in VALID, replacement, local name of the offending node the report must name:
#  the focus node, or the value node of the whole-graph checks whose focus is an ontology term)
BROKEN = [
    ("missing label", 'rdfs:label "Honda" ;', "", "honda"),
    ("language-tagged label", 'rdfs:label "Nissan" ;', 'rdfs:label "Nissan"@en ;', "nissan"),
    ("ticker with spaces", '"NSANY"', '"NSA NY"', "nissan"),
    ("country not a code", '"JP"', '"Japan"', "nissan"),
    ("sameAs outside Wikidata", "owl:sameAs wd:Q20165", "owl:sameAs id:nissan-elsewhere", "nissan"),
    ("one-way symmetric edge", "akg:partnerOf id:nissan .", ".", "honda"),
    ("edge without relationship", "id:nikkei a akg:MediaOrganization ;",
     "id:nikkei a akg:MediaOrganization ; akg:competesWith id:nikkei ;", "nikkei"),
    ("two statuses", "akg:status akg:Considering", "akg:status akg:Considering, akg:Agreed", "rel"),
    ("status outside the scheme", "akg:status akg:Considering", "akg:status akg:AutomotiveSoftware", "rel"),
    ("partnership without status", "akg:status akg:Considering ;", "", "rel"),
    ("competition with status", "a akg:Partnership", "a akg:Competition", "rel"),
    ("one participant", "akg:participant id:nissan, id:honda", "akg:participant id:nissan", "rel"),
    ("participant not an organization", "akg:participant id:nissan, id:honda",
     "akg:participant id:nissan, id:honda, id:doc", "rel"),
    ("two relation kinds", "a akg:Partnership", "a akg:Partnership, akg:Merger", "rel"),
    ("investment without direction", "a akg:Partnership", "a akg:Investment", "rel"),
    ("subject not a participant", "akg:evidenceCount 1 ;", "akg:evidenceCount 1 ; akg:subjectOrganization id:nikkei ;",
     "rel"),
    ("field outside the scheme", "akg:field akg:AutomotiveSoftware ; akg:evidence",
     "akg:field akg:Agreed ; akg:evidence", "rel"),
    ("no evidence", "akg:evidence id:ev ;", "", "rel"),
    ("evidence without sentence", 'akg:sentence "The two Japanese automakers are considering a partnership." ;',
     "", "ev"),
    ("blank sentence", '"The two Japanese automakers are considering a partnership."', '"  "', "ev"),
    ("evidence without document", "prov:wasDerivedFrom id:doc ;", "", "ev"),
    ("confidence above 1", "akg:confidence 0.9 ; dcterms:date", "akg:confidence 1.5 ; dcterms:date", "ev"),
    ("confidence as double", "akg:confidence 0.9 ; dcterms:date", "akg:confidence 9.0E-1 ; dcterms:date", "ev"),
    ("untyped date", '"2024-07"^^xsd:gYearMonth', '"2024-07"', "ev"),
    ("evidence of no relationship", "akg:evidence id:ev ;", "akg:evidence id:ev2 ;", "ev"),
    ("document without identifier", 'dcterms:identifier "000_ce3b457f6051eda2.txt" ;', "", "doc"),
    ("document date as string", 'dcterms:date "2024-07-03"^^xsd:date ; dcterms:title',
     'dcterms:date "July 3, 2024" ; dcterms:title', "doc"),
    ("two titles", '"Nissan and Honda weigh software tie-up"', '"a", "b"', "doc"),
    ("cites a non-media organization", "akg:citesSource id:nikkei", "akg:citesSource id:honda", "doc"),
]


def _graph(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def _n3(local: str) -> str:
    """The focus node as the report writes it (a prefixed name with akg's prefixes)."""
    return vocab.data_ns()[local].n3(vocab.bind_prefixes(Graph()).namespace_manager)


def test_valid_graph_conforms():
    report = validate(_graph(VALID))
    assert isinstance(report, ValidationReport)
    assert report.conforms, report.text
    assert report.violations == ()
    assert report.text.startswith("Conforms")


@pytest.mark.parametrize("case,old,new,focus", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_graph_names_the_offending_node(case, old, new, focus):
    assert old in VALID, case
    report = validate(_graph(VALID.replace(old, new, 1)))
    assert not report.conforms
    assert _n3(focus) in {v.focus for v in report.violations} | {v.value for v in report.violations}, report.text
    assert _n3(focus) in report.text
    assert all(v.message and v.severity == "Violation" for v in report.violations)


def test_report_is_deterministic():
    broken = _graph(VALID.replace('"NSANY"', '"NSA NY"').replace('rdfs:label "Honda" ;', ""))
    first, second = validate(broken), validate(broken)
    assert first == second
    assert len(first.violations) == 2


def test_validate_leaves_the_data_alone():
    g = _graph(VALID)
    before = len(g)
    validate(g)
    assert len(g) == before


def test_validate_a_graph_file(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text(VALID, encoding="utf-8")
    assert validate(open_graph(path)).conforms


def test_validate_a_missing_graph_file(tmp_path):
    with pytest.raises(GraphNotFoundError):
        validate(open_graph(tmp_path / "nope.ttl"))


def test_validate_an_unparsable_graph_file(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("this is not turtle .", encoding="utf-8")
    with pytest.raises(InputError):
        validate(open_graph(path))


def test_every_shape_is_documented():
    from rdflib.namespace import SH

    shapes = vocab.shapes_graph()
    node_shapes = set(shapes.subjects(vocab.RDF.type, SH.NodeShape))
    assert len(node_shapes) >= 10
    assert [s for s in node_shapes if shapes.value(s, vocab.RDFS.comment) is None] == []
    property_shapes = set(shapes.objects(None, SH.property)) - set(shapes.objects(None, SH.qualifiedValueShape))
    nested = {p for q in shapes.objects(None, SH.qualifiedValueShape) for p in shapes.objects(q, SH.property)}
    assert [p for p in property_shapes - nested if shapes.value(p, SH.message) is None] == []


def test_reference_organizations_conform():
    report = validate(vocab.organizations_graph())
    assert report.conforms, report.text
