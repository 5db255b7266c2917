"""talks: who said what, when, and which positions each party holds, from news
coverage of peace negotiations.

The command-line tool is `talks`; the same work is available from Python:

    >>> from talks import Store, ingest_paths, load_lexicon
    >>> lexicon = load_lexicon()
    >>> with Store("talks.db") as store:                     # doctest: +SKIP
    ...     ingest_paths(store, ["data/seeds"], lexicon=lexicon)
    ...     medinsky = store.quotes(speakers=["Vladimir Medinsky"])

Every record carries character spans into its article's text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The single source of the version (pyproject reads it from here): importing
# importlib.metadata to look it up would cost more than `talks --version` may.
__version__ = "0.1.0"

if TYPE_CHECKING:
    from talks.errors import InputError, LexiconError, StoreError, TalksError, UsageError
    from talks.extract import extract
    from talks.lexicon import Lexicon
    from talks.lexicon import load as load_lexicon
    from talks.models import Article, Position, PositionChange, Quote, Span, Speaker
    from talks.pipeline import IngestSummary, ingest_paths
    from talks.store import Store

# Public names, imported on first use (PEP 562) so that `import talks` is cheap.
_LAZY = {
    "InputError": ("talks.errors", "InputError"),
    "LexiconError": ("talks.errors", "LexiconError"),
    "StoreError": ("talks.errors", "StoreError"),
    "TalksError": ("talks.errors", "TalksError"),
    "UsageError": ("talks.errors", "UsageError"),
    "extract": ("talks.extract", "extract"),
    "Lexicon": ("talks.lexicon", "Lexicon"),
    "load_lexicon": ("talks.lexicon", "load"),
    "Article": ("talks.models", "Article"),
    "Position": ("talks.models", "Position"),
    "PositionChange": ("talks.models", "PositionChange"),
    "Quote": ("talks.models", "Quote"),
    "Span": ("talks.models", "Span"),
    "Speaker": ("talks.models", "Speaker"),
    "IngestSummary": ("talks.pipeline", "IngestSummary"),
    "ingest_paths": ("talks.pipeline", "ingest_paths"),
    "Store": ("talks.store", "Store"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        value = getattr(import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'talks' has no attribute {name!r}")


__all__ = [
    "Article",
    "IngestSummary",
    "InputError",
    "Lexicon",
    "LexiconError",
    "Position",
    "PositionChange",
    "Quote",
    "Span",
    "Speaker",
    "Store",
    "StoreError",
    "TalksError",
    "UsageError",
    "__version__",
    "extract",
    "ingest_paths",
    "load_lexicon",
]
