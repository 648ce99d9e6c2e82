"""Stage 1, text in: files (txt, md, html, jsonl) -> Document with date, title and sentences."""
from __future__ import annotations

import datetime
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from charset_normalizer import from_bytes

from graph.extract.dates import month_number
from graph.errors import InputError

__all__ = [
    "Sentence",
    "Document",
    "read_documents",
    "split_sentences",
    "ABBREVIATIONS",
    "SUFFIX_ABBREVIATIONS",
    "SENTENCE_OPENERS",
    "OnError",
    "MAX_FILE_BYTES",
]

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest article file read; bigger files are refused as not being an article."""

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

OnError = Callable[[str, InputError], None]
"""Callback given the path and the error of an input that could not be read; reading goes on."""

_PREFERRED_ENCODINGS = {"cp1252": 0, "latin_1": 1, "iso8859_15": 2}
"""Rank of encodings chosen when charset-normalizer finds several equally plausible ones (news is Western)."""
_GLOB_CHARS = frozenset("*?[")
_ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
_GOLD_SUFFIX = ".gold.jsonl"
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
    """One article: ``id`` is the file name (or the JSONL record id); ``date`` is ISO 'YYYY-MM-DD' or None."""

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
    """Yield (start, end) of each blank-line separated paragraph; sentences never cross them."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


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
    inputs: Iterable[str | Path] | str | Path, on_error: OnError | None = None
) -> Iterator[Document]:
    """Yield a Document for every article under ``inputs`` (files, folders, globs, .jsonl corpora)."""
    for path in _article_paths(inputs, on_error):
        try:
            yield from _read_file(path, on_error)
        except InputError as error:
            _report(str(path), error, on_error)


def article_paths(inputs: Iterable[str | Path] | str | Path) -> list[Path]:
    """The article files ``inputs`` name, in reading order; InputError when an input names nothing readable."""
    return list(_article_paths(inputs, None))


def _report(path: str, error: InputError, on_error: OnError | None) -> None:
    """Raise the error, or hand it to ``on_error`` and log it so reading can go on."""
    if on_error is None:
        raise error
    log.warning("skipped: %s", error)
    on_error(path, error)


def _article_paths(inputs: Iterable[str | Path] | str | Path, on_error: OnError | None) -> Iterator[Path]:
    """Expand files, folders (recursive, sorted) and glob patterns into article paths, each once."""
    seen: set[Path] = set()
    for item in [inputs] if isinstance(inputs, (str, Path)) else inputs:
        try:
            paths = _expand(Path(item))
        except InputError as error:
            _report(str(item), error, on_error)
            continue
        for path in paths:
            if path not in seen:
                seen.add(path)
                yield path


def _expand(path: Path) -> list[Path]:
    """The article paths one input names: itself, the articles under a folder, or a glob's matches."""
    if path.is_dir():
        found = _articles_in(p for p in path.rglob("*") if not _is_hidden(p.relative_to(path)))
        if not found:
            log.warning("%s: no article files (%s) in this folder", path, ", ".join(_ARTICLE_SUFFIXES))
        return found
    if path.is_file():
        if not _is_article(path):
            raise InputError(f"{path}: not an article file (expected {', '.join(_ARTICLE_SUFFIXES)})")
        return [path]
    if _GLOB_CHARS & set(str(path)):
        matches = _articles_in(_glob(path))
        if matches:
            return matches
        raise InputError(f"{path}: no article file matches this pattern")
    raise InputError(f"{path}: no such file or folder")


def _glob(pattern: Path) -> Iterator[Path]:
    """Files matching a glob pattern, folders among the matches expanded recursively."""
    anchor = Path(pattern.anchor) if pattern.is_absolute() else Path()
    for match in anchor.glob(str(pattern.relative_to(anchor))):
        yield from match.rglob("*") if match.is_dir() else [match]


def _is_hidden(path: Path) -> bool:
    """Whether a path goes through a hidden file or folder ('.git', '._notes.txt'), which folders skip."""
    return any(part.startswith(".") for part in path.parts)


def _articles_in(paths: Iterable[Path]) -> list[Path]:
    """The article files among ``paths``, sorted so output does not depend on the file system."""
    return sorted(p for p in paths if p.is_file() and _is_article(p))


def _is_article(path: Path) -> bool:
    """Whether a file is an article by its name; gold fact files (*.gold.jsonl) are not."""
    name = path.name.lower()
    return name.endswith(_ARTICLE_SUFFIXES) and not name.endswith(_GOLD_SUFFIX)


def _read_file(path: Path, on_error: OnError | None) -> Iterator[Document]:
    """Yield the Document(s) of one article file, by its suffix."""
    text = _decode(path, _load(path)).replace("\r\n", "\n")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_documents(path, text, on_error)
    elif suffix in (".html", ".htm"):
        yield _html_document(path, text)
    else:
        yield _plain_document(path.name, text, str(path), markdown=suffix == ".md")


def _load(path: Path) -> bytes:
    """Read a file's bytes, refusing empty, huge and binary files."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{path}: too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from error
    if not data.strip():
        raise InputError(f"{path}: is empty")
    if b"\x00" in data:
        raise InputError(f"{path}: is binary, not text")
    return data


def _decode(path: Path, data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), else the encoding charset-normalizer detects."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detected_text(path, data)
    if _looks_binary(text):
        raise InputError(f"{path}: is binary, not text")
    return text


def _detected_text(path: Path, data: bytes) -> str:
    """Decode with charset-normalizer's best guess; among equally good guesses, Western ones win."""
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(f"{path}: is not text in a known encoding")
    ties = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    chosen = min(ties, key=lambda m: _PREFERRED_ENCODINGS.get(m.encoding, len(_PREFERRED_ENCODINGS)))
    log.info("%s: decoded as %s", path, chosen.encoding)
    return str(chosen)


def _looks_binary(text: str) -> bool:
    """Whether decoded text is mostly control characters, as binary data decoded by force is."""
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
    return controls > len(text) // 20


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
    match = re.search(r"^# +(.+?)[ #]*$", body, re.MULTILINE)
    return match.group(1) if match else None


def _markdown_to_text(body: str) -> str:
    """Drop Markdown markup that is not text: heading marks, emphasis, link targets."""
    body = re.sub(r"^#{1,6} +(.+?)[ #]*$", r"\1\n", body, flags=re.MULTILINE)
    body = re.sub(r"!?\[([^\]\n]*)\]\([^)\n]*\)", r"\1", body)
    return re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", body)


def _jsonl_documents(path: Path, text: str, on_error: OnError | None) -> Iterator[Document]:
    """Yield one Document per record of a JSON Lines corpus; a bad line is reported, not fatal."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield _record_document(path, line)
        except InputError as error:
            _report(str(path), InputError(f"{path}, line {number}: {error}"), on_error)


def _record_document(path: Path, line: str) -> Document:
    """Build a Document from one JSONL record {id, text, date?, title?, url?}."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg})") from error
    if not isinstance(record, dict):
        raise InputError("not a JSON object")
    doc_id, body = record.get("id"), record.get("text")
    if not isinstance(doc_id, (str, int)) or not isinstance(body, str) or not body.strip():
        raise InputError("needs a string 'id' and a non-empty string 'text'")
    date = _valid_date(str(record["date"])) if record.get("date") else None
    title, url = _optional(record, "title"), _optional(record, "url")
    return _plain_document(str(doc_id), body, str(path), date=date, title=title, url=url)


def _optional(record: dict, key: str) -> str | None:
    """A record's string value under ``key``, or None."""
    value = record.get(key)
    return value if isinstance(value, str) and value else None


def _html_document(path: Path, html: str) -> Document:
    """Build a Document from an HTML page: trafilatura's article body, title, URL and metadata date."""
    from graph.extract import html as pages  # trafilatura is slow to import: only pay for it when a page is read

    page = pages.read_page(html)
    if not page.paragraphs:
        raise InputError(f"{path}: has no article text")
    body = "\n\n".join(page.paragraphs)
    url = page.url
    date = (_valid_date(page.date) if page.date else None) or _dateline_date(body, _url_year(url))
    title = page.title
    return Document(path.name, body, split_sentences(body), date, title, url, str(path))
