"""Stage 1, text in: files (txt, md, html, jsonl) -> Document with date, title and sentences."""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from graph.extract.dates import month_number
from graph.extract.files import ArticleFile, OnError, article_files, jsonl_lines, read_text, report
from graph.errors import InputError, one_line

__all__ = [
    "Sentence",
    "Document",
    "read_documents",
    "split_sentences",
    "ABBREVIATIONS",
    "SUFFIX_ABBREVIATIONS",
    "SENTENCE_OPENERS",
    "OnError",
]

ABBREVIATIONS = frozenset(
    """Mr Mrs Ms Dr Prof Sr Jr St Gen Col Lt Sgt Capt Gov Sen Rep Pres Rev Hon No Nos vs e.g i.e
    approx cf Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri""".split()
)
"""Abbreviations (as written, without the final period) after which a sentence never ends."""

SUFFIX_ABBREVIATIONS = frozenset(
    """inc corp co cos ltd llc plc bros mfg intl n.v s.a s.p.a a.g b.v k.k u.s u.k u.n e.u u.s.a
    etc a.m p.m""".split()
)
"""Abbreviations (lower case) that end a sentence only before a typical opener such as 'The'."""

SENTENCE_OPENERS = frozenset(
    """The This That These Those It Its He She They We His Her Their Our In On At By For From With
    As But And Or So Yet However Meanwhile Also A An If When While After Before Under Both Each
    Shares There""".split()
)
"""Words that, after 'Inc.', 'U.S.' or an initial, show that a new sentence has begun."""

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_CANDIDATE_END = re.compile(r"(?:\.{2,}|…|[.!?]+)['\"’”)\]]*(?=\s+(\S+))")
_WORD_BEFORE = re.compile(r"([\w.&'-]*\w)\.*$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_LOOKBEHIND = 40
_OPENING_CHARS = "\"'“‘([$£€¥"

_HEADER = re.compile(r"\A\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})\b[^\n]*(?:\n|\Z)", re.IGNORECASE)
_DATELINE = re.compile(
    r"\A[A-Z][A-Za-z .'-]*, ([A-Z][a-z]{2,8})\.? (\d{1,2})(?:, (\d{4}))?(?: \([^)\n]*\))? [-–—]"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document: its verbatim text and character span in ``Document.text``."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """One article: ``id`` is its path below the input folder, its file name when named itself, or the JSONL
    record id; ``date`` is ISO 'YYYY-MM-DD' or None."""

    id: str
    text: str
    sentences: tuple[Sentence, ...]
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None  # path of the file it was read from


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split text into sentences, surviving abbreviations such as 'Co., Ltd.' and 'Inc.'."""
    spans: list[tuple[int, int]] = []
    for para_start, para_end in _paragraph_spans(text):
        spans.extend(_sentence_spans(text, para_start, para_end))
    return tuple(Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans))


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each paragraph: blank-line separated, and each line of one that is not hard-wrapped
    (a headline over its lead, one paragraph a line); sentences never cross them."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        yield from _lines_if_unwrapped(text, start, match.start())
        start = match.end()
    yield from _lines_if_unwrapped(text, start, len(text))


_WRAP_WIDTH = 100
"""Longest line of hard-wrapped prose: a paragraph with a longer line writes one paragraph (or headline) a line."""


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")
"""How a line of prose that ends a sentence ends; a headline and the deck under it end otherwise."""


def _lines_if_unwrapped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The paragraph text[start:end] whole when its lines are hard-wrapped prose, else one span per line (also
    when no line ends a sentence: a headline over its deck)."""
    lines = text[start:end].split("\n")
    prose = any(_SENTENCE_END.search(line) for line in lines)
    if len(lines) == 1 or (prose and max(len(line) for line in lines) <= _WRAP_WIDTH):
        yield start, end
        return
    for line in lines:
        yield start, start + len(line)
        start += len(line) + 1


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield stripped (start, end) spans of the sentences in text[start:end]."""
    chunk = text[start:end]
    cut = 0
    for match in _CANDIDATE_END.finditer(chunk):
        before = chunk[max(0, match.start() - _LOOKBEHIND) : match.start()]
        if _ends_sentence(before, match.group(0), match.group(1)):
            yield from _stripped(text, start + cut, start + match.end())
            cut = match.end()
    yield from _stripped(text, start + cut, end)


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield the span with surrounding whitespace removed, unless nothing is left."""
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right > left:
        yield start + left, start + right


def _ends_sentence(before: str, punct: str, next_word: str) -> bool:
    """Decide whether the punctuation ``punct`` after ``before`` ends a sentence, given the next word."""
    if not _opens_sentence(next_word):
        return False
    if not punct.startswith(".") or punct.startswith(".."):
        return True
    word = _WORD_BEFORE.search(before)
    if word is None:
        return True
    token = word.group(1)
    if token in ABBREVIATIONS:
        return False
    if token.lower() in SUFFIX_ABBREVIATIONS or _DOTTED.fullmatch(token) or _is_initial(token):
        return next_word.lstrip(_OPENING_CHARS) in SENTENCE_OPENERS  # 'Inc. The', not 'J.D. Power'
    return True


def _is_initial(token: str) -> bool:
    """Whether a token is a single capital letter, as initials ('J. D. Power') are."""
    return len(token) == 1 and token.isupper()


def _opens_sentence(word: str) -> bool:
    """Whether a word can open a sentence: upper case letter or digit, possibly after a quote."""
    core = word.lstrip(_OPENING_CHARS)
    return bool(core) and (core[0].isupper() or core[0].isdigit())


def read_documents(
    inputs: Iterable[str | Path | ArticleFile] | str | Path, on_error: OnError | None = None
) -> Iterator[Document]:
    """Yield a Document for every article under ``inputs`` (files, folders, globs, .jsonl corpora).

    Ids are unique: an article whose id an earlier one already has is reported (naming
    both places) and skipped, never allowed to overwrite the first.
    """
    first_seen: dict[str, str] = {}
    for article in article_files(inputs, on_error):
        try:
            for where, doc in _file_documents(article, on_error):
                if doc.id in first_seen:
                    report(where, InputError(f"{where}: id {doc.id!r} is already the id of {first_seen[doc.id]}; "
                                             "skipped"), on_error)
                    continue
                first_seen[doc.id] = where
                yield doc
        except InputError as error:
            report(str(article.path), error, on_error)


def _file_documents(article: ArticleFile, on_error: OnError | None) -> Iterator[tuple[str, Document]]:
    """Yield (where it was read, Document) for each article in one file, by its suffix."""
    path, suffix = article.path, article.path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_documents(path, on_error)
    elif suffix in (".html", ".htm"):
        yield str(path), _html_document(article, read_text(path))
    else:
        yield str(path), _plain_document(article.id, read_text(path), str(path), markdown=suffix == ".md")


def _plain_document(
    doc_id: str, raw: str, source: str, *, markdown: bool = False, date: str | None = None,
    title: str | None = None, url: str | None = None,
) -> Document:
    """Build a Document from plain or Markdown text, reading the date from its header or dateline."""
    header = _HEADER.match(raw)
    body = raw[header.end() :] if header else raw
    if markdown:
        title = title or _markdown_title(body)
        body = _markdown_to_text(body)
    body = body.strip()
    if not body:
        raise InputError(f"{source}: has no text besides its header")
    date = date or (_valid_date(header.group(1)) if header else None) or _dateline_date(body, _url_year(url))
    return Document(doc_id, body, split_sentences(body), date, title, url, source)


def _valid_date(value: str) -> str | None:
    """The ISO 'YYYY-MM-DD' date at the start of ``value`` if it is a real calendar date."""
    try:
        return datetime.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _dateline_date(body: str, year: int | None) -> str | None:
    """The date of a wire dateline such as 'SEOUL, May 3 (wire) -', when its year is known."""
    match = _DATELINE.match(body)
    if match is None:
        return None
    month = month_number(match.group(1))
    year = int(match.group(3)) if match.group(3) else year
    if month is None or year is None:
        return None
    return _valid_date(f"{year:04d}-{month:02d}-{int(match.group(2)):02d}")


def _url_year(url: str | None) -> int | None:
    """A year written as a path segment of an article's URL ('/2024/05/03/...'), if any."""
    match = re.search(r"/((?:19|20)\d\d)/", url or "")
    return int(match.group(1)) if match else None


def _markdown_title(body: str) -> str | None:
    """The text of the first level-one '# ' heading."""
    match = re.search(r"^# +(.*\S)", body, re.MULTILINE)
    return (match.group(1).rstrip(" #") or None) if match else None


def _heading(m: re.Match) -> str:
    """A Markdown heading line as its text, without the closing '#' marks, on a line of its own."""
    return (m.group(1) or "").rstrip(" #") + "\n"


def _markdown_to_text(body: str) -> str:
    """Drop Markdown markup that is not text: heading marks, emphasis, link targets."""
    body = re.sub(r"^#{1,6} +(.*\S)?", _heading, body, flags=re.MULTILINE)
    body = re.sub(r"!?\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)", r"\1", body)  # bounded: linear on '[[[['
    return re.sub(r"(\*\*|__)(?=\S)(.{1,500}?)(?<=\S)\1", r"\2", body)


def _jsonl_documents(path: Path, on_error: OnError | None) -> Iterator[tuple[str, Document]]:
    """Yield ('file, line N', Document) per record of a JSON Lines corpus; a bad record is reported, not fatal."""
    for number, line in jsonl_lines(path, on_error):
        where = f"{path}, line {number}"
        try:
            yield where, _record_document(path, line)
        except InputError as error:
            report(str(path), InputError(f"{where}: {error}"), on_error)


def _record_document(path: Path, line: str) -> Document:
    """Build a Document from one JSONL record {id, text, date?, title?, url?}."""
    record = _json_object(line)
    doc_id, body = record.get("id"), record.get("text")
    if not isinstance(doc_id, (str, int)) or not isinstance(body, str) or not body.strip():
        raise InputError("needs a string 'id' and a non-empty string 'text'")
    date = _valid_date(str(record["date"])) if record.get("date") else None
    title, url = _optional(record, "title"), _optional(record, "url")
    for value in (str(doc_id), body, title, url):
        _check_encodable(value)
    return _plain_document(str(doc_id), body, str(path), date=date, title=title, url=url)


def _json_object(line: str) -> dict:
    """The JSON object a line holds; InputError for bad JSON, nesting too deep to parse, or another value."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg})") from error
    except ValueError as error:  # a number of more than 4,300 digits
        raise InputError(f"not readable JSON ({one_line(error)[:80]})") from error
    except RecursionError:
        raise InputError("JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise InputError("not a JSON object")
    return record


def _check_encodable(value: str | None) -> None:
    """Refuse a value holding a lone surrogate (an escape such as '\\ud800'): it is no text and no output takes it."""
    try:
        (value or "").encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(f"holds a lone surrogate escape (\\u{ord(error.object[error.start]):04x}), not text") from None


def _optional(record: dict, key: str) -> str | None:
    """A record's string value under ``key``, or None."""
    value = record.get(key)
    return value if isinstance(value, str) and value else None


def _html_document(article: ArticleFile, html: str) -> Document:
    """Build a Document from an HTML page: trafilatura's article body, title, URL and metadata date."""
    from graph.extract import html as pages  # trafilatura is slow to import: only pay for it when a page is read

    page = pages.read_page(html)
    if not page.paragraphs:
        raise InputError(f"{article.path}: has no article text")
    body = "\n\n".join(page.paragraphs)
    url = page.url
    date = (_valid_date(page.date) if page.date else None) or _dateline_date(body, _url_year(url))
    title = page.title
    return Document(article.id, body, split_sentences(body), date, title, url, str(article.path))
