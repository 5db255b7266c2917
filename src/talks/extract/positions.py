"""Positions of parties on topics (placeholder until the extractor lands)."""

from __future__ import annotations

from collections.abc import Sequence

from talks.lexicon import Lexicon
from talks.models import Article, Position, Quote


def extract_positions(
    article: Article, quotes: Sequence[Quote], *, lexicon: Lexicon
) -> list[Position]:
    """Every position stated in `article`."""
    return []
