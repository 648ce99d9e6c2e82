"""Stage 1, text in: files (txt, md, html, jsonl) -> Document with date, title and sentences."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Sentence", "Document", "read_documents", "split_sentences"]


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
    raise NotImplementedError


def read_documents(inputs):
    """Yield a Document for every article under ``inputs`` (files, folders, globs, .jsonl corpora)."""
    raise NotImplementedError
