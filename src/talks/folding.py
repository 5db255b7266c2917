"""Case- and accent-insensitive name forms (a module of its own so light commands
can fold names without importing the extractor)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive form, apostrophes unified, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(APOSTROPHES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())
