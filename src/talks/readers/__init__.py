"""Readers: the bytes of one input → Articles, one module per input kind.

Plain text, Markdown with front matter and JSON Lines are read by `talks.ingest`;
saved web pages (`html`) and web archives (`warc`) live here. Their libraries come
with the `web` extra: without it, asking for one of these kinds is a clear error
naming the install command, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from talks.errors import UsageError

Kind = Literal["text", "html", "warc"]

HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")


def kind_of(path: Path | str) -> Kind:
    """Which reader takes this file, by its name."""
    name = str(path).lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    return "text"


def require_web(what: str) -> None:
    """Raise UsageError unless the `web` extra (trafilatura, warcio) is installed."""
    try:
        import trafilatura  # noqa: F401
        import warcio  # noqa: F401
    except ImportError:
        raise UsageError(f"reading {what} needs the web extra: pip install 'talks[web]'") from None
