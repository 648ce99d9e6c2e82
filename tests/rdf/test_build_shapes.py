"""Whatever the articles say, the graph akg builds passes the project's own SHACL shapes (a Hypothesis property)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.extract.facts import extract_all
from graph.extract.text import Document, split_sentences
from graph.rdf.build import build_graph
from graph.rdf.validate import validate

LISTED = ["Toyota", "Honda Motor Co.", "NSANY", "the two companies", "its partner", "Reuters"]
VERBS = ["teamed up with", "agreed to buy", "took a 5% stake in", "supplies batteries to", "competes with",
         "ended its partnership with", "is in talks with", "and"]
TAILS = [".", " on Monday.", " in 1899.", " in 2099.", ", Reuters said.", " in March 2024.", "!"]
WORD = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
NAME = st.one_of(st.sampled_from(LISTED),
                 st.builds(lambda w, s: w[:1].upper() + w[1:] + s, WORD, st.sampled_from([" Corp", " Motors", " Inc.", ""])))
SENTENCE = st.one_of(st.builds(lambda a, v, b, t: f"{a} {v} {b}{t}", NAME, st.sampled_from(VERBS), NAME,
                               st.sampled_from(TAILS)),
                     st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SENTENCE, min_size=1, max_size=5), st.sampled_from(["2024-07-03", None]),
       st.one_of(st.none(), WORD))
def test_any_article_builds_a_graph_that_passes_the_shapes(sentences, date, title):
    text = " ".join(sentences)
    doc = Document(id="fuzz.txt", text=text, sentences=split_sentences(text), date=date, title=title)
    report = validate(build_graph(list(extract_all([doc]))))
    assert report.conforms, report.text
