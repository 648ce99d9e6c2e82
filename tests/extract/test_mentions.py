"""Stage 2: the organization registry and mention finding, on tiny literal sentences."""
from pathlib import Path

import pytest

from graph.extract.mentions import _person_like, find_mentions
from graph.extract.registry import Organization, Registry, load_registry
from graph.extract.text import Document, split_sentences

REGISTRY_TTL = Path(__file__).resolve().parent.parent / "data" / "extraction_orgs.ttl"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REGISTRY_TTL)


def doc(text: str, date: str = "2024-07-03") -> Document:
    return Document(id="t.txt", text=text, sentences=split_sentences(text), date=date)


def named(text: str, registry: Registry) -> list[tuple[str, str]]:
    """(surface, label) of the mentions found in ``text`` that name an organization outright."""
    return [(m.surface, m.org.label) for m in find_mentions(doc(text), registry) if not m.resolved]


def resolved(text: str, registry: Registry) -> dict[str, list[str]]:
    """surface -> labels of the nominal and pronoun mentions found in ``text``."""
    out: dict[str, list[str]] = {}
    for m in find_mentions(doc(text), registry):
        if m.resolved:
            out.setdefault(m.surface, []).append(m.org.label)
    return out


def test_registry_reads_labels_kinds_tickers_and_countries(registry):
    nissan = registry.by_name("Nissan")
    assert nissan.kind == "Automaker" and nissan.country == "JP" and nissan.tickers == ("NSANY",)
    assert registry.by_name("nikkei").kind == "MediaOrganization"
    assert len(registry) == len(registry.organizations) == 19


def test_lookup_by_alias_ticker_and_legal_name(registry):
    assert registry.lookup("Nissan Motor Co., Ltd.").label == "Nissan"
    assert registry.lookup("NSANY").label == "Nissan"
    assert registry.lookup("nissan").label == "Nissan"
    assert registry.lookup("Honda Motor Co.").label == "Honda"
    assert registry.lookup("Sony Group Corp.").label == "Sony"
    assert registry.lookup("nsany") is None  # tickers match in upper case only
    assert registry.by_ticker("nsany") is None
    assert registry.lookup("Acme Robotics") is None


def test_legal_suffix_and_ticker_are_absorbed(registry):
    found = named("Nissan Motor Co., Ltd. NSANY and Honda Motor Co., Ltd. HMC are talking.", registry)
    assert found == [("Nissan Motor Co., Ltd. NSANY", "Nissan"), ("Honda Motor Co., Ltd. HMC", "Honda")]


def test_possessives_and_country_prefix_with_curly_apostrophe(registry):
    found = named("Toyota's rivals include China’s BYD Co Ltd BYDDF.", registry)
    assert found == [("Toyota's", "Toyota"), ("China’s BYD Co Ltd BYDDF", "BYD")]


def test_longest_match_wins(registry):
    found = named("Mitsubishi Motors and Mitsubishi Corporation met Sony Honda Mobility.", registry)
    assert [label for _, label in found] == ["Mitsubishi Motors", "Mitsubishi Corporation", "Sony Honda Mobility"]


def test_names_need_their_capitals_and_tickers_their_case(registry):
    assert named("He ate an apple and bought a gm tsla share.", registry) == []
    assert named("Apple sold TSLA shares.", registry) == [("Apple", "Apple"), ("TSLA", "Tesla")]


def test_company_with_corporate_suffix_is_discovered(registry):
    [(surface, label)] = named("Acme Robotics Inc. opened a plant.", registry)
    org = [m.org for m in find_mentions(doc("Acme Robotics Inc. opened a plant."), registry)][0]
    assert (surface, label) == ("Acme Robotics Inc.", "Acme Robotics")
    assert org.reference is False and org.kind == "Organization"


def test_a_discovered_name_never_spans_a_sentence_break(registry):
    assert named("Prices rose on Monday. Mitsubishi Motors said so.", registry) == [
        ("Mitsubishi Motors", "Mitsubishi Motors")]
    assert ("Keihin Corp.", "Keihin") in named("Shares fell. Keihin Corp. said so.", registry)


def test_descriptors_name_companies_but_not_people(registry):
    assert named("Ford signed a deal with battery maker Solidion.", registry) == [("Ford", "Ford"), ("Solidion", "Solidion")]
    assert named("Honda said chief executive Mary Barra left.", registry) == [("Honda", "Honda")]
    assert named("Panasonic will buy software company Blue Yonder.", registry)[-1] == ("Blue Yonder", "Blue Yonder")


def test_headline_words_and_institutions_are_not_names(registry):
    assert named("Nissan, Honda Team Up On EV Software", registry) == [("Nissan", "Nissan"), ("Honda", "Honda")]
    assert named("The Japan Automobile Manufacturers Association said.", registry) == []


def test_named_joint_venture_is_discovered_as_joint_venture(registry):
    text = "Toyota and Honda set up Blue Sky Mobility, a 50-50 joint venture."
    orgs = {m.org.label: m.org for m in find_mentions(doc(text), registry)}
    assert orgs["Blue Sky Mobility"].kind == "JointVenture" and not orgs["Blue Sky Mobility"].reference


def test_two_companies_resolve_to_the_last_two_named(registry):
    text = "Nissan and Honda met on Monday. The two companies signed a memorandum."
    assert sorted(resolved(text, registry)["The two companies"]) == ["Honda", "Nissan"]


def test_plural_prefers_the_coordinated_subject(registry):
    text = "Honda and Nissan said they would talk, as they face rivals such as BYD. The two companies signed a memorandum."
    assert sorted(resolved(text, registry)["The two companies"]) == ["Honda", "Nissan"]


def test_nationality_picks_the_antecedent(registry):
    text = "Volkswagen and Toyota met Tesla. Later the Japanese automaker raised its forecast."
    assert resolved(text, registry)["the Japanese automaker"] == ["Toyota"]


def test_its_partner_and_the_pair_as_objects(registry):
    text = "Volkswagen signed a deal with Rivian. The German group will invest in its partner. Toyota will work with the pair."
    found = resolved(text, registry)
    assert found["The German group"] == ["Volkswagen"] and found["its partner"] == ["Rivian"]
    assert sorted(found["the pair"]) == ["Rivian", "Volkswagen"]


def test_media_is_never_a_coreference_antecedent(registry):
    text = "Nissan and Honda are in talks, Nikkei reported. The two companies declined to comment."
    assert sorted(resolved(text, registry)["The two companies"]) == ["Honda", "Nissan"]


def test_sentence_opening_pronoun_is_the_previous_subject(registry):
    text = "Panasonic makes batteries. Its main customer is Tesla."
    assert resolved(text, registry)["Its"] == ["Panasonic"]


def test_registry_from_objects_without_turtle():
    reg = Registry([Organization("Acme", aliases=("Acme Corp",), tickers=("ACM",))])
    assert reg.lookup("ACM").label == reg.lookup("acme corp").label == "Acme"


@pytest.mark.parametrize("name, person", [("EcoPro BM", False), ("WeRide Inc", False), ("Mary McDonald", True),
                                          ("JB Straubel", True), ("Ola Electric", False),
                                          ("Samvardhana Motherson International", False), ("Anna Troksa", True)])
def test_names_the_recognizer_calls_persons(name, person):
    """Camel case, a later word in capitals or a company's word at the end ('Electric', 'International') is no
    person's name; 'Mc' and a first word in capitals may be."""
    assert _person_like(name) is person


def test_a_description_apposed_to_a_name_not_listed_means_no_listed_company(registry):
    text = "Sony, an Apple partner, is in talks to buy Kestrel, the Swedish sensor maker."
    resolved = {m.surface: m.org.label for m in find_mentions(doc(text), registry) if m.resolved}
    assert "the Swedish sensor maker" not in resolved
    text = "Apple is in talks to buy Sony, the Swedish sensor maker."  # a listed name keeps its description
    assert {m.surface: m.org.label for m in find_mentions(doc(text), registry) if m.resolved} == {
        "the Swedish sensor maker": "Sony"}
