"""`talks report`: one self-contained HTML file (inline CSS, SVG and script; no
network at view time) showing positions over time per topic, what changed between
two dates, each speaker's statements with how many outlets reported them, and the
evidence behind every mark and row.

`data` gathers what is shown from the store, `chart` draws the timelines, `page`
writes the HTML, escaping every piece of article text."""

from __future__ import annotations

from pathlib import Path

from talks.errors import TalksError
from talks.lexicon import Lexicon
from talks.report.data import ReportData, ReportOptions, collect
from talks.report.page import render
from talks.store import Store

__all__ = ["ReportData", "ReportOptions", "collect", "render", "write_report"]


def write_report(store: Store, lexicon: Lexicon, options: ReportOptions, out: Path) -> ReportData:
    """Build the report and write it to `out` (UTF-8); returns what it shows."""
    data = collect(store, lexicon, options)
    html = render(data)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise TalksError(f"{out}: cannot write the report: {exc}") from None
    return data
