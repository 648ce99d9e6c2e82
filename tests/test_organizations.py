"""The reference organizations (ontology/organizations.ttl): well-formed, unambiguous, linked only where checked."""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
from rdflib import Graph, URIRef

from graph import vocab
from graph.vocab import OWL, RDF, RDFS, SKOS, WD

WIKIDATA_TSV = Path(__file__).parent / "data" / "wikidata-orgs.tsv"


@pytest.fixture(scope="module")
def g() -> Graph:
    """The packaged reference organizations, parsed."""
    return vocab.organizations_graph()


@pytest.fixture(scope="module")
def orgs(g: Graph) -> set[URIRef]:
    """Every resource the file types."""
    return set(g.subjects(RDF.type, None))


@pytest.fixture(scope="module")
def by_label(g: Graph) -> dict[str, URIRef]:
    """Canonical label -> organization IRI."""
    return {str(label): org for org, label in g.subject_objects(RDFS.label)}


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def _names(g: Graph, org: URIRef) -> set[str]:
    """Every string that names the organization: label, aliases and tickers, normalized."""
    values = [*g.objects(org, RDFS.label), *g.objects(org, SKOS.altLabel), *g.objects(org, vocab.akg().ticker)]
    return {_norm(str(v)) for v in values}


def _name_index(g: Graph, orgs: set[URIRef]) -> dict[str, set[URIRef]]:
    index: dict[str, set[URIRef]] = defaultdict(set)
    for org in orgs:
        for name in _names(g, org):
            index[name].add(org)
    return index


def _checked_qids() -> dict[str, str]:
    """QID -> the label the checked Wikidata list gives it (parenthetical notes dropped)."""
    with WIKIDATA_TSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return {row["qid"]: re.sub(r"\s*\(.*\)\s*$", "", row["label"]) for row in rows}


def test_the_file_lists_a_broad_reference_set(orgs):
    assert len(orgs) >= 180


def test_oxigraph_reads_the_same_triples(g):
    quads = pyoxigraph.parse(vocab.ontology_text(vocab.ORGANIZATIONS_FILE).encode("utf-8"),
                             format=pyoxigraph.RdfFormat.TURTLE)
    assert len(set(quads)) == len(g)


def test_the_file_conforms_to_the_shapes(g):
    conforms, _, report = pyshacl.validate(g + vocab.ontology_graph(), shacl_graph=vocab.shapes_graph(),
                                           inference="none")
    assert conforms, report


def test_every_subject_is_a_typed_organization(g, orgs):
    assert set(g.subjects()) == orgs


def test_every_org_has_one_label_and_one_known_kind(g, orgs):
    kinds = set(vocab.org_kinds().values())
    for org in orgs:
        assert len(list(g.objects(org, RDFS.label))) == 1, org
        types = list(g.objects(org, RDF.type))
        assert len(types) == 1 and types[0] in kinds, (org, types)


def test_iris_are_minted_from_labels(g, orgs):
    for org in orgs:
        assert org == vocab.org_iri(str(g.value(org, RDFS.label)))


def test_no_name_or_ticker_points_at_two_organizations(g, orgs):
    clashes = {name: sorted(o) for name, o in _name_index(g, orgs).items() if len(o) > 1}
    assert clashes == {}


@pytest.mark.parametrize("word", ["Mitsubishi", "Volvo", "Samsung", "Tata", "LG", "SK", "Sumitomo", "smart", "Total"])
def test_ambiguous_bare_names_belong_to_nobody(g, orgs, word):
    assert _norm(word) not in _name_index(g, orgs)


def test_tickers_are_symbols_not_words_or_years(g):
    for org, ticker in g.subject_objects(vocab.akg().ticker):
        t = str(ticker)
        assert len(t) > 1 and t == t.upper() and " " not in t, (org, t)
        assert not (t.isdigit() and 1800 <= int(t) <= 2100), (org, t)


def test_countries_are_single_iso_codes(g, orgs):
    for org in orgs:
        countries = [str(c) for c in g.objects(org, vocab.akg().country)]
        assert len(countries) <= 1 and all(re.fullmatch(r"[A-Z]{2}", c) for c in countries), (org, countries)


def test_wikidata_links_are_the_checked_ones(g, orgs):
    checked = _checked_qids()
    used = defaultdict(list)
    for org, target in g.subject_objects(OWL.sameAs):
        assert str(target).startswith(str(WD)), (org, target)
        qid = str(target)[len(str(WD)):]
        assert qid in checked, (org, qid)
        assert _norm(checked[qid]) in _names(g, org), (org, qid, checked[qid])
        used[qid].append(org)
    assert all(len(o) == 1 for o in used.values()), used
    assert all(len(list(g.objects(org, OWL.sameAs))) <= 1 for org in orgs)


@pytest.mark.parametrize("label, kind", [
    ("Nissan", "Automaker"), ("Honda", "Automaker"), ("BYD", "Automaker"), ("Tesla", "Automaker"),
    ("Tencent", "TechnologyCompany"), ("Baidu", "TechnologyCompany"), ("Nikkei", "MediaOrganization"),
])
def test_the_seed_organizations_are_present(g, by_label, label, kind):
    assert g.value(by_label[label], RDF.type) == vocab.org_kinds()[kind]


@pytest.mark.parametrize("alias, label", [
    ("Nissan Motor Co., Ltd.", "Nissan"), ("NSANY", "Nissan"), ("HMC", "Honda"), ("BYDDF", "BYD"),
    ("BYD Co Ltd", "BYD"), ("Tesla Inc", "Tesla"), ("GM", "General Motors"),
    ("Hon Hai Precision Industry", "Foxconn"), ("Daimler AG", "Mercedes-Benz"),
    ("Mercedes-Benz Group AG", "Mercedes-Benz"), ("Zhejiang Geely Holding Group", "Geely"),
    ("Contemporary Amperex Technology Co. Limited", "CATL"), ("Saudi Aramco", "Aramco"),
    ("Hyundai Motor Group", "Hyundai"), ("Fuji Heavy Industries", "Subaru"), ("LGES", "LG Energy Solution"),
    ("VW", "Volkswagen"), ("Stellantis N.V.", "Stellantis"), ("Groupe Renault", "Renault"),
    ("Toyota Motor Corp.", "Toyota"), ("7203.T", "Toyota"), ("Ford Motor Co.", "Ford"),
])
def test_aliases_and_tickers_lead_to_the_canonical_label(g, orgs, alias, label):
    assert {str(g.value(o, RDFS.label)) for o in _name_index(g, orgs)[_norm(alias)]} == {label}


def test_mitsubishi_motors_and_mitsubishi_corporation_are_distinct(g, by_label):
    motors, corporation = by_label["Mitsubishi Motors"], by_label["Mitsubishi Corporation"]
    assert motors != corporation
    assert g.value(motors, RDF.type) == vocab.org_kinds()["Automaker"]
    assert g.value(corporation, RDF.type) != vocab.org_kinds()["Automaker"]


def test_sony_honda_mobility_is_a_joint_venture_of_its_own(g, by_label):
    shm = by_label["Sony Honda Mobility"]
    assert shm not in (by_label["Sony"], by_label["Honda"])
    assert g.value(shm, RDF.type) == vocab.org_kinds()["JointVenture"]


def test_volvo_cars_and_ab_volvo_are_distinct(by_label):
    assert by_label["Volvo Cars"] != by_label["AB Volvo"]


def _sort_key(label: str) -> str:
    return unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().casefold()


def test_each_organization_is_written_once():
    subjects = re.findall(r"^(\S+)\s+a\s+akg:", vocab.ontology_text(vocab.ORGANIZATIONS_FILE), flags=re.M)
    assert sorted({s for s in subjects if subjects.count(s) > 1}) == []


def test_the_file_is_grouped_by_kind_and_sorted_by_label():
    text = vocab.ontology_text(vocab.ORGANIZATIONS_FILE)
    entries = re.findall(r"^\S+\s+a\s+akg:(\w+)\s*;\s*rdfs:label\s+\"([^\"]+)\"", text, flags=re.M)
    assert len(entries) == len(set(vocab.organizations_graph().subjects(RDF.type, None)))
    groups: dict[str, list[str]] = defaultdict(list)
    order = []
    for kind, label in entries:
        if not order or order[-1] != kind:
            assert kind not in order, f"kind {kind} appears in two places"
            order.append(kind)
        groups[kind].append(label)
    for kind, labels in groups.items():
        assert labels == sorted(labels, key=_sort_key), kind
