"""HTML pages -> article paragraphs, title, URL and date (trafilatura, htmldate, stdlib fallback).

Kept apart from ``text`` because trafilatura takes a third of a second to import:
commands that never read a page never pay for it.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from html.parser import HTMLParser

import trafilatura
from htmldate import find_date

__all__ = ["Page", "read_page"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Page:
    """What a page yields: body paragraphs (boilerplate dropped), title, canonical URL, raw date string."""

    paragraphs: tuple[str, ...]
    title: str | None
    url: str | None
    date: str | None


def read_page(html: str) -> Page:
    """Read an HTML page; fall back to a plain parser when trafilatura finds no body or title."""
    paragraphs = _trafilatura_paragraphs(html)
    title, url = _html_metadata(html)
    if not paragraphs or not title:
        page = _PageText.of(html)
        paragraphs, title = paragraphs or page.paragraphs, title or page.title
    return Page(tuple(paragraphs), title, url, _html_date(html))


def _trafilatura_paragraphs(html: str) -> list[str]:
    """The article's paragraphs as trafilatura extracts them (boilerplate dropped), one per line."""
    try:
        extracted = trafilatura.extract(
            html, favor_precision=True, include_comments=False, include_tables=False
        )
    except Exception as error:  # noqa: BLE001 - a third-party parser failing means: use the fallback
        log.info("trafilatura failed (%s); using the plain HTML parser", error)
        return []
    return [line.strip() for line in (extracted or "").splitlines() if line.strip()]


def _html_metadata(html: str) -> tuple[str | None, str | None]:
    """The page's title (site name removed) and canonical URL, from trafilatura's metadata."""
    try:
        metadata = trafilatura.extract_metadata(html)
    except Exception:  # noqa: BLE001 - metadata is optional
        return None, None
    if metadata is None:
        return None, None
    return metadata.title or None, metadata.url or None


def _html_date(html: str) -> str | None:
    """The publication date stated in the page's markup (meta date, article:published_time, ...)."""
    try:
        return find_date(html, extensive_search=False, original_date=True) or None
    except Exception:  # noqa: BLE001 - a date is optional
        return None


class _PageText(HTMLParser):
    """Fallback extractor: text of <p>, <h1>-<h6> and <li> outside nav, footer, script and style."""

    _BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "title"})
    _SKIPPED = frozenset({"nav", "footer", "header", "aside", "script", "style", "noscript", "form"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.title: str | None = None
        self._skip_depth = 0
        self._block: str | None = None
        self._parts: list[str] = []

    @classmethod
    def of(cls, html: str) -> "_PageText":
        """Parse a page and return the filled parser."""
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser

    def handle_starttag(self, tag: str, attrs: list) -> None:
        """Enter a skipped region or start collecting a text block."""
        if tag in self._SKIPPED:
            self._skip_depth += 1
        elif tag in self._BLOCKS and not self._skip_depth:
            self._flush()
            self._block = tag

    def handle_endtag(self, tag: str) -> None:
        """Leave a skipped region or finish the current text block."""
        if tag in self._SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag == self._block:
            self._flush()

    def handle_data(self, data: str) -> None:
        """Collect text inside a block that is not in a skipped region."""
        if self._block and not self._skip_depth:
            self._parts.append(data)

    def _flush(self) -> None:
        """Store the collected block as the title or as one paragraph."""
        text = " ".join("".join(self._parts).split())
        if text and self._block == "title":
            self.title = self.title or text
        elif text:
            self.paragraphs.append(text)
        self._block, self._parts = None, []
