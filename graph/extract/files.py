"""Article files in: which files an input names and their ids, their bytes decoded, JSON Lines read record by record.

Text is decoded by what it shows of itself: a byte order mark (UTF-8, UTF-16, UTF-32)
is honoured; UTF-8 with a few bad bytes stays UTF-8 (bad bytes become U+FFFD);
anything else is guessed by charset-normalizer. Every file not read as plain UTF-8
is named in a logged warning with the encoding assumed.

Example:
    >>> bom_encoding("Citroën".encode("utf-16"))
    'utf-16'
    >>> decode(Path("a.txt"), "Où était la régie Citroën?".encode("utf-8") + b"\\xff")
    'Où était la régie Citroën?\\ufffd'
"""
from __future__ import annotations

import codecs
import io
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from graph.errors import InputError

__all__ = ["ArticleFile", "OnError", "MAX_FILE_BYTES", "MAX_RECORD_CHARS", "ARTICLE_SUFFIXES", "report",
           "article_files", "read_text", "decode", "bom_encoding", "jsonl_lines"]

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest article file read (txt, md, html); bigger files are refused as not being an article. A JSON Lines
corpus may be of any size: its records are read one at a time."""
MAX_RECORD_CHARS = MAX_FILE_BYTES
"""Longest JSON Lines record read, in characters; a longer one is skipped and reported."""

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
_GOLD_SUFFIX = ".gold.jsonl"
_GLOB_CHARS = frozenset("*?[")

OnError = Callable[[str, InputError], None]
"""Callback given the path and the error of an input that could not be read; reading goes on."""

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
"""Byte order marks and the codec that reads past them (UTF-32's before UTF-16's: FF FE starts both)."""
_PREFERRED_ENCODINGS = {"cp1252": 0, "latin_1": 1, "iso8859_15": 2}
"""Rank of encodings chosen when charset-normalizer finds several equally plausible ones (news is Western)."""
_BAD_BYTE = re.compile("[\udc80-\udcff]")
"""A byte that is not UTF-8, as the 'surrogateescape' error handler decodes it."""
_WIDE_CHAR = re.compile("[^\x00-\x7f\udc80-\udcff]")
"""A character that took several valid UTF-8 bytes."""
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class ArticleFile:
    """An article file and its id: its path below the folder (or glob) that named it, or its name if named itself."""

    path: Path
    id: str


def report(where: str, error: InputError, on_error: OnError | None) -> None:
    """Raise the error, or hand it to ``on_error`` so reading can go on (the callback is the one report)."""
    if on_error is None:
        raise error
    on_error(where, error)


# --- which files, and their ids --------------------------------------------------------------------------------

def article_files(inputs: Iterable[str | Path | ArticleFile] | str | Path,
                  on_error: OnError | None = None) -> Iterator[ArticleFile]:
    """Expand files, folders (recursive, sorted) and glob patterns into article files, each once (first naming
    wins); an ArticleFile passes through as it is."""
    seen: set[Path] = set()
    for item in [inputs] if isinstance(inputs, (str, Path)) else inputs:
        try:
            found = [item] if isinstance(item, ArticleFile) else _expand(Path(item))
        except InputError as error:
            report(str(item), error, on_error)
            continue
        for article in found:
            if article.path not in seen:
                seen.add(article.path)
                yield article


def _expand(path: Path) -> list[ArticleFile]:
    """The article files one input names: itself, the articles under a folder, or a glob's matches."""
    if path.is_dir():
        found = _articles_below(path, (p for p in path.rglob("*") if not _is_hidden(p.relative_to(path))))
        if not found:
            log.warning("%s: no article files (%s) in this folder", path, ", ".join(ARTICLE_SUFFIXES))
        return found
    if path.is_file():
        if not _is_article(path):
            raise InputError(f"{path}: not an article file (expected {', '.join(ARTICLE_SUFFIXES)})")
        return [ArticleFile(path, path.name)]
    if _GLOB_CHARS & set(str(path)):
        matches = _articles_below(_glob_base(path), _glob(path))
        if matches:
            return matches
        raise InputError(f"{path}: no article file matches this pattern")
    raise InputError(f"{path}: no such file or folder")


def _glob_base(pattern: Path) -> Path:
    """The folder a glob pattern starts from: its leading parts without a wildcard ('in' for 'in/*/news.txt')."""
    parts = pattern.parts
    literal = next((i for i, part in enumerate(parts) if _GLOB_CHARS & set(part)), len(parts))
    return Path(*parts[:literal]) if literal else Path()


def _glob(pattern: Path) -> Iterator[Path]:
    """Files matching a glob pattern, folders among the matches expanded recursively."""
    anchor = Path(pattern.anchor) if pattern.is_absolute() else Path()
    for match in anchor.glob(str(pattern.relative_to(anchor))):
        yield from match.rglob("*") if match.is_dir() else [match]


def _is_hidden(path: Path) -> bool:
    """Whether a path goes through a hidden file or folder ('.git', '._notes.txt'), which folders skip."""
    return any(part.startswith(".") for part in path.parts)


def _articles_below(base: Path, paths: Iterable[Path]) -> list[ArticleFile]:
    """The article files among ``paths``, sorted so output does not depend on the file system, each with its id:
    its path below ``base`` ('a/news.txt'), unique among them and the same whatever else the folder holds."""
    return [ArticleFile(p, p.relative_to(base).as_posix()) for p in sorted(paths) if p.is_file() and _is_article(p)]


def _is_article(path: Path) -> bool:
    """Whether a file is an article by its name; gold fact files (*.gold.jsonl) are not."""
    name = path.name.lower()
    return name.endswith(ARTICLE_SUFFIXES) and not name.endswith(_GOLD_SUFFIX)


# --- bytes to text ---------------------------------------------------------------------------------------------

def read_text(path: Path) -> str:
    """The text of an article file (newlines as '\\n'), refusing empty, huge and binary files."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{path}: too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from error
    if not data.strip():
        raise InputError(f"{path}: is empty")
    text = decode(path, data)
    if _looks_binary(text):
        raise InputError(f"{path}: is binary, not text")
    return text.replace("\r\n", "\n")


def bom_encoding(data: bytes) -> str | None:
    """The codec the byte order mark at the start of ``data`` calls for, or None when there is none."""
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def decode(path: Path, data: bytes) -> str:
    """Decode by the byte order mark, else as UTF-8 (a few bad bytes replaced), else by charset-normalizer's guess.

    Binary data (NUL bytes without a UTF-16/32 mark) is refused; every file not read
    as plain UTF-8 gets a logged warning naming the encoding assumed.
    """
    codec = bom_encoding(data)
    if codec is not None:
        _say_encoding(path, codec)
        return data.decode(codec, errors="replace")
    if b"\x00" in data:
        raise InputError(f"{path}: is binary, not text")
    loose = data.decode("utf-8", errors="surrogateescape")
    bad = len(_BAD_BYTE.findall(loose))
    if not bad:
        return loose
    if len(_WIDE_CHAR.findall(loose)) > bad:  # mostly good UTF-8: a few damaged bytes, not another encoding
        log.warning("%s: %d byte(s) are not UTF-8; read as UTF-8 with them replaced by U+FFFD", path, bad)
        return data.decode("utf-8", errors="replace")
    return _detected_text(path, data)


def _say_encoding(path: Path | str, codec: str) -> None:
    """Log which encoding a file that is not plain UTF-8 is read in (a UTF-8 mark is plain UTF-8)."""
    if codec != "utf-8-sig":
        log.warning("%s: not UTF-8; read as %s (byte order mark)", path, codec.upper())


def _detected_text(path: Path, data: bytes) -> str:
    """Decode with charset-normalizer's best guess; among equally good guesses, Western ones win."""
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(f"{path}: is not text in a known encoding")
    ties = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    chosen = min(ties, key=lambda m: _PREFERRED_ENCODINGS.get(m.encoding, len(_PREFERRED_ENCODINGS)))
    log.warning("%s: not UTF-8; read as %s (guessed)", path, chosen.encoding)
    return str(chosen)


def _looks_binary(text: str) -> bool:
    """Whether decoded text is mostly control characters, as binary data decoded by force is."""
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
    return controls > len(text) // 20


# --- JSON Lines, one record at a time --------------------------------------------------------------------------

def jsonl_lines(path: Path, on_error: OnError | None) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) of each non-blank line of a JSON Lines file, reading one line at a time.

    A line longer than MAX_RECORD_CHARS is reported and skipped; bad UTF-8 bytes are
    replaced (with a warning naming the line); a file without any record is an InputError.
    """
    try:
        with path.open("rb") as raw:
            codec = _stream_codec(path, raw)
            errors = "surrogateescape" if codec == "utf-8" else "replace"
            stream = io.TextIOWrapper(raw, encoding=codec, errors=errors, newline="\n")
            records = yield from _lines(path, stream, on_error)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from error
    if not records:
        raise InputError(f"{path}: is empty")


def _stream_codec(path: Path, raw: io.BufferedReader) -> str:
    """The codec of a JSON Lines file from its first bytes: its byte order mark, else UTF-8 (binary refused)."""
    head = raw.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    codec = bom_encoding(head)
    if codec is not None:
        _say_encoding(path, codec)
        return codec
    if b"\x00" in head:
        raise InputError(f"{path}: is binary, not text")
    return "utf-8"


def _lines(path: Path, stream: io.TextIOWrapper, on_error: OnError | None) -> Iterator[tuple[int, str]]:
    """The non-blank lines of ``stream`` with their numbers, long ones skipped; returns how many had content."""
    records = 0
    for number, line in enumerate(iter(lambda: stream.readline(MAX_RECORD_CHARS + 1), ""), start=1):
        if not line.endswith("\n") and len(line) > MAX_RECORD_CHARS:
            _skip_rest_of_line(stream)
            records += 1
            report(str(path), InputError(f"{path}, line {number}: record longer than {MAX_RECORD_CHARS} "
                                         "characters, skipped"), on_error)
            continue
        if line.strip():
            records += 1
            yield number, _repaired(path, number, line.rstrip("\n").removesuffix("\r"))
    return records


def _skip_rest_of_line(stream: io.TextIOWrapper) -> None:
    """Read on to the end of the current line, a block at a time (a huge line is never held whole)."""
    while True:
        block = stream.readline(1 << 20)
        if not block or block.endswith("\n"):
            return


def _repaired(path: Path, number: int, line: str) -> str:
    """The line with bytes that were not UTF-8 replaced by U+FFFD, saying so."""
    line, bad = _BAD_BYTE.subn("\ufffd", line)
    if bad:
        log.warning("%s, line %d: %d byte(s) are not UTF-8; replaced by U+FFFD", path, number, bad)
    return line
