"""Tests of graph.extract.files: which files an input names and their ids, decoding, JSON Lines record by record."""
import json
import logging
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.errors import InputError
from graph.extract.files import MAX_FILE_BYTES, article_files, decode, jsonl_lines, read_text

CITROEN = "Citroën and Peugeot merged into PSA Groupe in 1976, the French state said. Où était la régie?"


def two_news_files(root: Path) -> None:
    """The same file name in two folders, as a scraper saving per-site folders makes them."""
    for site, text in (("a", "Toyota and Mazda agreed to form a partnership."),
                       ("b", "Nissan and Honda agreed to form a partnership.")):
        (root / "in" / site).mkdir(parents=True)
        (root / "in" / site / "news.txt").write_text(text, encoding="utf-8")


# --- ids (issue 12, point 2) ---------------------------------------------------------------------


def test_ids_are_paths_below_the_folder_or_glob_that_names_them(tmp_path: Path) -> None:
    two_news_files(tmp_path)
    by_folder = [a.id for a in article_files([tmp_path / "in"])]
    by_glob = [a.id for a in article_files([str(tmp_path / "in" / "*" / "news.txt")])]
    assert by_folder == by_glob == ["a/news.txt", "b/news.txt"]
    assert [a.id for a in article_files([tmp_path / "in" / "a" / "news.txt"])] == ["news.txt"]


def test_a_flat_folder_keeps_file_names_as_ids(tmp_path: Path) -> None:
    (tmp_path / "01_x.txt").write_text("One.")
    (tmp_path / "02_y.md").write_text("Two.")
    assert [a.id for a in article_files([tmp_path])] == ["01_x.txt", "02_y.md"]


# --- encodings (issue 12, point 11) --------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_byte_order_mark_is_honoured_and_named(tmp_path: Path, encoding: str, caplog) -> None:
    path = tmp_path / "wide.txt"
    bom = "\ufeff" if encoding == "utf-16-be" else ""  # utf-16 and utf-32 write their own mark
    path.write_bytes((bom + CITROEN).encode(encoding))
    with caplog.at_level(logging.WARNING, logger="graph"):
        assert read_text(path) == CITROEN
    assert [r.getMessage() for r in caplog.records] == [f"{path}: not UTF-8; read as {encoding[:6].upper()} "
                                                        "(byte order mark)"]


def test_utf8_with_one_bad_byte_stays_utf8_and_says_so(tmp_path: Path, caplog) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes(CITROEN.encode("utf-8").replace(b"Peugeot", b"Peu\xffgeot"))
    with caplog.at_level(logging.WARNING, logger="graph"):
        assert read_text(path) == CITROEN.replace("Peugeot", "Peu\ufffdgeot")
    assert caplog.messages == [f"{path}: 1 byte(s) are not UTF-8; read as UTF-8 with them replaced by U+FFFD"]


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_a_legacy_encoding_is_guessed_and_named(tmp_path: Path, encoding: str, caplog) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(CITROEN.encode(encoding))
    with caplog.at_level(logging.WARNING, logger="graph"):
        assert read_text(path) == CITROEN
    assert caplog.messages and caplog.messages[0].startswith(f"{path}: not UTF-8; read as ")


def test_plain_utf8_is_read_without_a_word(tmp_path: Path, caplog) -> None:
    path = tmp_path / "fine.txt"
    path.write_text(CITROEN, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="graph"):
        assert read_text(path) == CITROEN
    assert caplog.messages == []


WIDE_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=2).filter(
    lambda t: sum(ch > "\x7f" for ch in t) >= 2)
"""Text with at least two characters of several UTF-8 bytes (no NUL, which makes a file binary; no surrogates)."""


@given(WIDE_TEXT, st.data())
def test_one_bad_byte_between_characters_is_one_replacement(text: str, data) -> None:
    cut = data.draw(st.integers(0, len(text)))
    damaged = text[:cut].encode() + b"\xff" + text[cut:].encode()
    assert decode(Path("x.txt"), damaged) == text[:cut] + "\ufffd" + text[cut:]


@given(st.text().filter(lambda t: not t.startswith("\x00")), st.sampled_from(["utf-8-sig", "utf-16", "utf-32"]))
def test_any_text_with_a_byte_order_mark_decodes_back(text: str, encoding: str) -> None:
    """(A text opening with NUL is left out: in UTF-16 its mark and that NUL are UTF-32's mark, FF FE 00 00.)"""
    assert decode(Path("x.txt"), text.encode(encoding)) == text


# --- JSON Lines, record by record (issue 12, point 4) --------------------------------------------


def test_a_jsonl_file_over_the_file_limit_is_read_record_by_record(tmp_path: Path) -> None:
    path = tmp_path / "year.jsonl"
    padding = " " * (MAX_FILE_BYTES // 2)  # JSON allows whitespace between members: big records, cheap to parse
    with path.open("w", encoding="utf-8") as out:
        for n in range(3):
            out.write(f'{{"id": "r{n}", {padding} "text": "Record {n}."}}\n')
    assert path.stat().st_size > MAX_FILE_BYTES
    assert [json.loads(line)["id"] for _, line in jsonl_lines(path, None)] == ["r0", "r1", "r2"]


def test_a_record_over_the_limit_is_skipped_and_reported_and_reading_goes_on(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("graph.extract.files.MAX_RECORD_CHARS", 40)
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "A."}\n{"id": "b", "text": "' + "B" * 100 + '"}\n\n{"id": "c"}\n',
                    encoding="utf-8")
    errors: list[str] = []
    lines = list(jsonl_lines(path, lambda _, error: errors.append(str(error))))
    assert [number for number, _ in lines] == [1, 4]
    assert errors == [f"{path}, line 2: record longer than 40 characters, skipped"]
    with pytest.raises(InputError, match="line 2: record longer"):
        list(jsonl_lines(path, None))


def test_jsonl_lines_split_on_newline_only_and_repair_bad_bytes(tmp_path: Path, caplog) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"text": "a\xe2\x80\xa8b"}\r\n{"text": "caf\xe9 au lait, d\xc3\xa9j\xc3\xa0"}\n')
    with caplog.at_level(logging.WARNING, logger="graph"):
        lines = list(jsonl_lines(path, None))
    assert lines == [(1, '{"text": "a\u2028b"}'), (2, '{"text": "caf\ufffd au lait, déjà"}')]
    assert caplog.messages == [f"{path}, line 2: 1 byte(s) are not UTF-8; replaced by U+FFFD"]


@pytest.mark.parametrize(("content", "reason"), [(b"\n \n", "is empty"), (b'{"id": 1}\x00\x00\n', "is binary")])
def test_a_jsonl_file_without_records_is_an_input_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(content)
    with pytest.raises(InputError, match=f"c.jsonl: {reason}"):
        list(jsonl_lines(path, None))


def test_a_utf16_jsonl_corpus_is_read(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes('{"id": "a", "text": "Citroën."}\n'.encode("utf-16"))
    assert [line for _, line in jsonl_lines(path, None)] == ['{"id": "a", "text": "Citroën."}']
