"""Saved web pages → Articles, through trafilatura.

trafilatura finds a page's main text (dropping menus, footers, comment threads and
share bars) and reads its metadata: title, site name, canonical URL, and the
publication date through htmldate. We ask htmldate for the page's own date only
(`original_date`, no free-text guessing), so a date given by the page's markup or
URL becomes the `page` basis and anything vaguer is left to datelines in the text.

The stored text is the extracted text, so every span indexes into it; the
Article keeps the path of its HTML file (or of the web archive holding it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from talks.errors import InputError
from talks.ingest import Meta, build_article
from talks.lexicon import Lexicon
from talks.limits import current
from talks.models import Article

_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def decode_page(raw: bytes, source: str) -> tuple[str, str]:
    """(markup, encoding): the charset the page declares or trafilatura detects."""
    from trafilatura.utils import detect_encoding

    limit = current().file_bytes
    if len(raw) > limit:
        raise InputError(
            f"{source}: page of {len(raw):,} bytes, over the limit of {limit:,} "
            "(raise it with --limit file_bytes=…)"
        )
    if not raw.strip():
        raise InputError(f"{source}: empty page")
    for encoding in [*detect_encoding(raw), "utf-8"]:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("cp1252", errors="replace"), "cp1252"


def main_text(markup: str, *, url: str | None, source: str) -> Any:
    """trafilatura's Document for the page; InputError when no main text is found."""
    import trafilatura

    try:
        doc: Any = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, RecursionError) as exc:  # malformed markup deep in lxml
        raise InputError(f"{source}: cannot parse the page ({exc})") from None
    if doc is None or not (doc.text or "").strip():
        raise InputError(f"{source}: no article text found in the page")
    return doc


def _page_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def page_article(
    raw: bytes,
    *,
    name: str,
    path: str,
    lexicon: Lexicon,
    source: str | None = None,
    url: str | None = None,
    crawled: dt.datetime | None = None,
    index_meta: Meta | None = None,
    date_override: dt.date | None = None,
    markup: str | None = None,
    encoding: str | None = None,
) -> Article:
    """An Article from a page's bytes: extracted main text, title, site name,
    canonical URL (or `url`, the address a crawler fetched) and page date.
    `source` names the page in messages (default: `path`)."""
    where = source or path
    if markup is None or encoding is None:
        markup, encoding = decode_page(raw, where)
    doc = main_text(markup, url=url, source=where)
    text: str = doc.text
    meta = Meta(
        title=(doc.title or "").strip() or None,
        outlet=(doc.sitename or "").strip() or None,
        url=url or doc.url or None,
    )
    return build_article(
        text,
        name=name,
        path=path,
        lexicon=lexicon,
        meta=meta,
        index_meta=index_meta,
        encoding=encoding,
        date_override=date_override,
        page_date=_page_date(doc.date),
        crawled=crawled,
    )
