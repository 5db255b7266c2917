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

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("talks")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

from talks.errors import InputError, LexiconError, StoreError, TalksError, UsageError
from talks.extract import extract
from talks.lexicon import Lexicon
from talks.lexicon import load as load_lexicon
from talks.models import Article, Position, PositionChange, Quote, Span, Speaker
from talks.pipeline import IngestSummary, ingest_paths
from talks.store import Store

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
