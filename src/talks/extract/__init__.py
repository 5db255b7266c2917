"""Extraction: pure functions from an Article to quotes and positions.

One family per module (`quotes`, `speakers`, `dates`, `positions`); each takes
keyword-only options, does no I/O and returns records whose spans index into
`article.text`.
"""

from __future__ import annotations

import hashlib

from talks.lexicon import Lexicon
from talks.models import Article, Position, Quote


def record_id(prefix: str, *parts: object) -> str:
    """A stable id from the parts that identify a record (article id, spans, ...)."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:12]}"


def extract(article: Article, *, lexicon: Lexicon) -> tuple[list[Quote], list[Position]]:
    """Everything `talks` takes out of one article."""
    from talks.extract.positions import extract_positions
    from talks.extract.quotes import extract_quotes

    quotes = extract_quotes(article, lexicon=lexicon)
    positions = extract_positions(article, quotes, lexicon=lexicon)
    return quotes, positions
