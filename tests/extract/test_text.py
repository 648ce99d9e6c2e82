"""Tests of graph.text: reading articles into Documents and splitting them into sentences."""
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.errors import InputError
from graph.extract.files import MAX_FILE_BYTES
from graph.extract.text import Document, _markdown_title, _markdown_to_text, read_documents, split_sentences

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"


def texts(text: str) -> list[str]:
    """The sentence texts split_sentences finds in ``text``."""
    return [sentence.text for sentence in split_sentences(text)]


def read_one(path: Path) -> Document:
    """The single Document read from ``path``."""
    (document,) = read_documents([path])
    return document


# --- split_sentences ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Nissan Motor Co., Ltd. NSANY and Honda Motor Co., Ltd. HMC are contemplating a collaboration.",
        "Rivals include Tesla Inc TSLA and China's BYD Co Ltd BYDDF BYDDY.",
        "Stellantis N.V. and Samsung SDI Co. said on Tuesday they had signed an agreement.",
        "Renault S.A. and Apple Inc. are not partners.",
        "Sales in the U.S. and U.K. rose by $1.5 billion.",
        "Mr. Smith met Dr. Jones on Jan. 5 in St. Louis.",
        "The ranking by J. D. Power put Toyota at No. 2 in the survey.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(sentence: str) -> None:
    assert texts(f"{sentence} Then it ended.") == [sentence, "Then it ended."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Made by Apple Inc. The deal closed.", ["Made by Apple Inc.", "The deal closed."]),
        ("It grew in the U.S. The firm said so.", ["It grew in the U.S.", "The firm said so."]),
        ('He said "we agree." Then he left.', ['He said "we agree."', "Then he left."]),
        ('"Why?" he asked. Nobody knew!', ['"Why?" he asked.', "Nobody knew!"]),
        ("Loading... Loading...", ["Loading...", "Loading..."]),
        ("A title, no period\n\nThe body starts here", ["A title, no period", "The body starts here"]),
        ("one paragraph ends here with Inc.\n \nThe next", ["one paragraph ends here with Inc.", "The next"]),
        ("  \n\n ", []),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_sentence_spans_index_the_text() -> None:
    text = "First one.  Second one?\n\nThird."
    sentences = split_sentences(text)
    assert [(s.index, text[s.start : s.end]) for s in sentences] == [
        (0, "First one."),
        (1, "Second one?"),
        (2, "Third."),
    ]


TRICKY_CHARACTERS = st.sampled_from(list("aZ9 .!?\"'\n\t\u00a0…,()$I"))


@given(st.text(alphabet=TRICKY_CHARACTERS | st.characters(), max_size=300))
def test_spans_are_verbatim_stripped_and_ordered(text: str) -> None:
    previous_end = 0
    for number, sentence in enumerate(split_sentences(text)):
        assert sentence.index == number
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        assert sentence.start >= previous_end
        previous_end = sentence.end


# --- the seed article and the development corpus ------------------------------------------------


def test_seed_article_date_header_and_sentences(seed_article: Path) -> None:
    document = read_one(seed_article)
    assert (document.id, document.date, document.title) == ("000_ce3b457f6051eda2.txt", "2024-07-03", None)
    assert document.source == str(seed_article)
    assert "Loading" not in document.text and not document.text.startswith("date")
    first = document.sentences[0].text
    assert first.startswith("Nissan Motor Co., Ltd. NSANY and Honda Motor Co., Ltd. HMC are contemplating")
    assert first.endswith("in the electric vehicle market.")
    assert all(document.text[s.start : s.end] == s.text for s in document.sentences)


def test_html_article_body_title_and_date() -> None:
    document = read_one(SEEDS / "08_stellantis-samsung-sdi-kokomo.html")
    assert document.date == "2022-05-24"
    assert document.title == "Stellantis and Samsung SDI pick Indiana for U.S. battery venture"
    assert document.text.startswith("Stellantis N.V. and Samsung SDI Co. said on Tuesday")
    assert "Newsletter" not in document.text and "Copyright" not in document.text
    assert "The two companies signed a memorandum of understanding last October." in {
        s.text for s in document.sentences
    }


def test_jsonl_corpus_gives_one_document_per_record() -> None:
    documents = list(read_documents([SEEDS / "corpus.jsonl"]))
    assert [(d.id, d.date) for d in documents] == [
        ("26_hyundai-motional-aptiv", "2024-05-03"),
        ("27_honda-nissan-merger-off", "2025-02-13"),
        ("28_toyota-prius-unveiled", "2022-11-16"),
    ]
    assert documents[0].title == "Hyundai to pour more money into Motional as Aptiv steps back"
    assert documents[0].url and documents[0].source == str(SEEDS / "corpus.jsonl")


def test_every_gold_evidence_is_one_of_our_sentences(seed_gold: Path, dev_gold: Path) -> None:
    facts = [json.loads(line) for path in (seed_gold, dev_gold) for line in path.read_text().splitlines()]
    sentences = {d.id: {s.text for s in d.sentences} for d in read_documents([SEEDS])}
    missed = [(f["doc"], f["evidence"]) for f in facts if f["evidence"] not in sentences[f["doc"]]]
    assert len(facts) > 200 and missed == []


# --- dates and titles ---------------------------------------------------------------------------


def test_dateline_date_needs_a_year(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("SEOUL, May 3 (wire) - Hyundai said so.")
    (tmp_path / "b.txt").write_text("SEOUL, May 3, 2024 (wire) - Hyundai said so.")
    record = {"id": "c", "url": "https://example.com/2023/05/03/x", "text": "DETROIT, Sept. 3 - GM said so."}
    (tmp_path / "c.jsonl").write_text(json.dumps(record) + "\n")
    assert [d.date for d in read_documents([tmp_path])] == [None, "2024-05-03", "2023-09-03"]


def test_markdown_title_and_header_date(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(" date 2021-02-03 Loading...\n\n# Toyota and Mazda\nThey **agreed** on [a deal](/x).")
    document = read_one(path)
    assert (document.title, document.date) == ("Toyota and Mazda", "2021-02-03")
    assert texts(document.text) == ["Toyota and Mazda", "They agreed on a deal."]


def test_html_meta_published_time_and_fallback(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        '<html><head><title>Deal</title><meta property="article:published_time" content="2020-01-02T10:00Z">'
        "</head><body><nav><p>Home</p></nav><p>Ford and VW agreed.</p>"
        "<footer><p>Contact us</p></footer></body></html>"
    )
    document = read_one(path)
    assert (document.date, document.text) == ("2020-01-02", "Ford and VW agreed.")


# --- folders, globs, errors --------------------------------------------------------------------


def write_corpus(root: Path) -> None:
    """A tiny corpus: nested folders, a gold file and a file of another type."""
    (root / "b").mkdir(parents=True)
    (root / "b" / "2.txt").write_text("Two.")
    (root / "a.md").write_text("One.")
    (root / "c.txt").write_text("Three.")
    (root / "facts.gold.jsonl").write_text('{"doc": "c.txt"}\n')
    (root / "notes.csv").write_text("x,y\n")


def test_folder_is_read_recursively_sorted_without_gold_files(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    assert [d.id for d in read_documents([tmp_path])] == ["a.md", "b/2.txt", "c.txt"]


def test_glob_pattern_and_duplicates(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    found = read_documents([str(tmp_path / "*.txt"), tmp_path / "c.txt", str(tmp_path / "**" / "2.*")])
    assert [d.id for d in found] == ["c.txt", "b/2.txt"]


def write_bad_file(path: Path, kind: str) -> None:
    """Make a file that is not a readable article, of the given kind."""
    if kind == "empty":
        path.write_text("  \n")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    elif kind == "huge":
        with path.open("wb") as stream:
            stream.truncate(MAX_FILE_BYTES + 1)
    elif kind == "control":
        path.write_bytes(bytes(range(1, 32)) * 20)
    elif kind == "undecodable":
        path.write_bytes(bytes(range(128, 256)) * 4)


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("empty", "is empty"),
        ("binary", "is binary"),
        ("control", "is binary"),
        ("huge", "too large"),
        ("undecodable", "not text in a known encoding"),
        ("missing", "no such file"),
    ],
)
def test_unreadable_file_raises_input_error_naming_it(tmp_path: Path, kind: str, reason: str) -> None:
    path = tmp_path / f"{kind}.txt"
    write_bad_file(path, kind)
    with pytest.raises(InputError, match=f"{kind}.txt: .*{reason}") as raised:
        list(read_documents([path]))
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("kind", ["empty", "binary", "control", "huge", "undecodable"])
def test_on_error_reports_and_reading_goes_on(tmp_path: Path, kind: str) -> None:
    write_bad_file(tmp_path / f"a_{kind}.txt", kind)
    (tmp_path / "b.txt").write_text("Fine.")
    errors: list[tuple[str, InputError]] = []
    documents = list(read_documents([tmp_path], on_error=lambda path, error: errors.append((path, error))))
    assert [d.id for d in documents] == ["b.txt"]
    assert [Path(path).name for path, _ in errors] == [f"a_{kind}.txt"]


def test_missing_input_with_on_error(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Fine.")
    errors: list[str] = []
    inputs = [tmp_path / "nope.txt", tmp_path]
    documents = read_documents(inputs, on_error=lambda path, _: errors.append(path))
    assert [d.id for d in documents] == ["b.txt"]
    assert errors == [str(tmp_path / "nope.txt")]


def test_unmatched_glob_and_unsupported_file(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("x\n")
    with pytest.raises(InputError, match=r"\*\.txt"):
        list(read_documents([str(tmp_path / "*.txt")]))
    with pytest.raises(InputError, match="data.csv"):
        list(read_documents([tmp_path / "data.csv"]))


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig"])
def test_legacy_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "old.txt"
    text = "Citroën and Peugeot merged into PSA Groupe in 1976, the French state said. Où était la régie?"
    path.write_bytes(text.encode(encoding))
    assert read_one(path).text == text


def test_bad_jsonl_line_is_reported_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    records = [json.dumps({"id": "x", "text": "Fine."}), "{not json", "", json.dumps({"id": "y"}),
               json.dumps({"id": "z", "text": "Ok."})]
    path.write_text("\n".join(records))
    with pytest.raises(InputError, match="corpus.jsonl, line 2"):
        list(read_documents([path]))
    errors: list[str] = []
    documents = read_documents([path], on_error=lambda _, error: errors.append(str(error)))
    assert [d.id for d in documents] == ["x", "z"]
    assert [e.split(": ")[0].split(", ")[1] for e in errors] == ["line 2", "line 4"]


def test_hidden_files_are_skipped_and_header_only_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden.")
    (tmp_path / "._a.txt").write_bytes(b"\x00\x05\x16\x07")
    (tmp_path / "b.txt").write_text(" date 2024-01-01 Loading...\n\n")
    with pytest.raises(InputError, match="b.txt: has no text"):
        list(read_documents([tmp_path]))


def test_html_fallback_parser_when_trafilatura_finds_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("graph.extract.html.trafilatura.extract", lambda *args, **kwargs: None)
    monkeypatch.setattr("graph.extract.html.trafilatura.extract_metadata", lambda *args, **kwargs: None)
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Deal &amp; more</title><script>var x = 1;</script></head><body>"
        "<nav><li>Home</li></nav><h1>Ford teams up</h1><p>Ford and VW\nagreed.</p><ul><li>Vans</li></ul>"
        "<footer><p>Contact</p></footer></body></html>"
    )
    document = read_one(path)
    assert document.text == "Ford teams up\n\nFord and VW agreed.\n\nVans"
    assert document.title == "Deal & more"


# --- ids and hostile records (issue 12, points 2 and 8) ----------------------------------------


def test_same_file_name_in_two_folders_gives_two_documents(tmp_path: Path) -> None:
    for site in ("a", "b"):
        (tmp_path / site).mkdir()
        (tmp_path / site / "news.txt").write_text(f"Site {site}.")
    documents = read_documents([tmp_path])
    assert [(d.id, d.text) for d in documents] == [("a/news.txt", "Site a."), ("b/news.txt", "Site b.")]


def test_a_repeated_id_is_reported_naming_both_places_never_overwriting(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    records = [{"id": "x", "text": "First."}, {"id": "y", "text": "Other."}, {"id": "x", "text": "Second."}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    errors: list[str] = []
    documents = list(read_documents([path], on_error=lambda _, error: errors.append(str(error))))
    assert [(d.id, d.text) for d in documents] == [("x", "First."), ("y", "Other.")]
    assert errors == [f"{path}, line 3: id 'x' is already the id of {path}, line 1; skipped"]
    with pytest.raises(InputError, match="line 3: id 'x' is already the id of .*line 1"):
        list(read_documents([path]))


def test_a_file_and_a_record_with_one_id_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("From the file.")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "a.txt", "text": "From the record."}) + "\n")
    errors: list[str] = []
    documents = list(read_documents([tmp_path], on_error=lambda _, error: errors.append(str(error))))
    assert [d.text for d in documents] == ["From the file."]
    assert errors == [f"{tmp_path / 'b.jsonl'}, line 1: id 'a.txt' is already the id of {tmp_path / 'a.txt'}; skipped"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "s", "text": "Nissan and Honda agreed. \\ud800"}', r"lone surrogate escape \(\\ud800\)"),
        ('{"id": "\\udfff", "text": "Fine."}', r"lone surrogate escape \(\\udfff\)"),
        ('{"id": "d", "text": "x", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"id": ' + "1" * 5000 + ', "text": "x"}', r"not readable JSON \(Exceeds the limit"),
    ],
)
def test_hostile_records_are_one_line_errors_and_reading_goes_on(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(line + "\n" + json.dumps({"id": "ok", "text": "Fine."}) + "\n")
    errors: list[str] = []
    documents = list(read_documents([path], on_error=lambda _, error: errors.append(str(error))))
    assert [d.id for d in documents] == ["ok"]
    assert len(errors) == 1 and "\n" not in errors[0]
    assert re.match(rf"{re.escape(str(path))}, line 1: .*{reason}", errors[0]), errors[0]


ANY_TEXT = st.lists(st.characters(min_codepoint=0) | st.characters(categories=["Cs", "Cc"])).map("".join)
"""Strings of any code points, often lone surrogates (json.dumps writes them as '\\ud800' escapes) and controls
(built from lists: st.text leaves surrogates out)."""


@given(ANY_TEXT, ANY_TEXT)
def test_any_record_is_a_document_or_one_line_error_and_the_next_one_is_read(text: str, doc_id: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.jsonl"
        path.write_text(json.dumps({"id": doc_id, "text": text}) + "\n" + json.dumps({"id": "\x00last", "text": "Ok."}),
                        encoding="utf-8")
        errors: list[str] = []
        documents = list(read_documents([path], on_error=lambda _, error: errors.append(str(error))))
    assert documents[-1].id == "\x00last" and len(documents) + len(errors) == 2
    for document in documents:  # what is read can be written: no lone surrogate gets through
        (document.id + document.text).encode("utf-8")
    assert all("\n" not in error and ", line 1: " in error for error in errors)


def test_a_headline_line_over_its_lead_is_its_own_sentence():
    text = ("Carmakers to share plants after merger dropped\n"
            "Two carmakers said on Monday they would drop their merger plans but share three plants in Europe, "
            "in a move analysts had expected since the spring.")
    assert [s.text[:10] for s in split_sentences(text)] == ["Carmakers ", "Two carmak"]


def test_a_short_headline_and_its_deck_are_two_sentences():
    """No line of the block ends a sentence: a headline over a deck, not prose wrapped at 60 columns."""
    text = ("Toyota confirms talks with Honda over a venture\n"
            "Japanese carmaker could partner with Sony in a deal to make robots\n\n"
            "Toyota said on Monday it would work with\nHonda on batteries.")
    assert [s.text[:10] for s in split_sentences(text)] == ["Toyota con", "Japanese c", "Toyota sai"]


def test_hard_wrapped_prose_is_not_cut_at_its_line_breaks():
    text = "Toyota said on Monday it would work with\nHonda on batteries, a move analysts had\nexpected for months."
    assert len(split_sentences(text)) == 1


def test_markdown_headings_links_and_bold_become_plain_text():
    body = "# Honda and Nissan merge ##\nSome **bold** words and [a link](https://example.com/a).\n#tag"
    assert _markdown_title(body) == "Honda and Nissan merge"
    assert _markdown_to_text(body) == "Honda and Nissan merge\n\nSome bold words and a link.\n#tag"
