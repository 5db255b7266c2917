"""Direct and indirect quotes (placeholder until the extractor lands)."""

from __future__ import annotations

from talks.lexicon import Lexicon
from talks.models import Article, Quote


def extract_quotes(article: Article, *, lexicon: Lexicon) -> list[Quote]:
    """Every quote in `article`, in text order."""
    return []
