"""talks: who said what, when, and which positions each party holds, from news
coverage of peace negotiations.

The command-line tool is `talks`; the same work is available from Python:

    >>> from talks import Store, ingest_paths, load_lexicon
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("talks")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
