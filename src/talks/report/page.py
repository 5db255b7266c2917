"""The report as one self-contained HTML page: inline CSS, inline SVG charts and a
small inline script (allowed by its hash in the page's Content-Security-Policy,
which also forbids every network fetch). Every piece of article or store text
goes through `html.escape`, so a quote holding `<script>` shows as text."""

from __future__ import annotations

import base64
import hashlib
from html import escape
from importlib import resources
from itertools import pairwise
from urllib.parse import urlsplit

from talks.diff import DiffResult
from talks.models import Position
from talks.report import chart
from talks.report.data import ReportData, Row, SpeakerSection, TopicSection
from talks.report.evidence import Evidence, Excerpt


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _asset(name: str) -> str:
    return resources.files("talks.report").joinpath(name).read_text(encoding="utf-8")


def safe_url(url: str | None) -> str | None:
    """`url` when it is a web address (http/https), else None: never a script link."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def marked(ex: Excerpt) -> str:
    """The excerpt's text, escaped, with its (possibly nested) marks as elements."""
    cuts = sorted({0, len(ex.text)} | {b for s, e, _ in ex.marks for b in (s, e)})
    out = ["… " if ex.clipped_before else ""]
    for a, b in pairwise(cuts):
        classes = [c for s, e, c in ex.marks if s <= a and b <= e]
        piece = _e(ex.text[a:b])
        if "span" in classes:
            out.append(f'<mark class="{" ".join(classes)}">{piece}</mark>')
        elif classes:
            out.append(f'<span class="{" ".join(classes)}">{piece}</span>')
        else:
            out.append(piece)
    out.append(" …" if ex.clipped_after else "")
    return "".join(out)


def _evidence_block(ev: Evidence) -> str:
    url = safe_url(ev.url)
    source = f'<a href="{_e(url)}" rel="noreferrer">{_e(url)}</a>' if url else "URL unknown"
    when = f"{ev.date} ({ev.date_basis})" if ev.date else "date unknown"
    meta = " · ".join(
        [
            f"{'holder' if ev.kind == 'position' else 'speaker'}: {_e(ev.who or 'none named')}",
            f"outlet: {_e(ev.outlet or 'unknown')}",
            f"published: {_e(ev.published or 'unknown')}",
            f"statement date: {_e(when)}",
        ]
    )
    return (
        f'<article class="evidence" id="{_e(ev.id)}" data-kind="{ev.kind}" '
        f'data-record="{_e(ev.record_id)}"><h4>{_e(ev.heading)}</h4>'
        f'<p class="meta">{meta}<br>article: {_e(ev.title or ev.article)} '
        f"[<code>{_e(ev.article)}</code>] · source: {source}</p>"
        f"<blockquote>{marked(ev.excerpt)}</blockquote></article>"
    )


def _stance(p: Position) -> str:
    symbol = "●" if p.stance == "support" else "■"
    if p.conditional:
        symbol = "○" if p.stance == "support" else "□"
    cond = " (conditional)" if p.conditional else ""
    return f'<span class="stance-{p.stance}">{symbol} {p.stance}{cond}</span>'


def _link(ev_id: str, text: str) -> str:
    return f'<a class="evlink" href="#{_e(ev_id)}" data-evidence="{_e(ev_id)}">{text}</a>'


def _row(row: Row) -> str:
    p = row.position
    return (
        f'<tr data-evidence-row="{_e(row.evidence)}"><td>{_e(p.date or "undated")}</td>'
        f"<td>{_e(p.actor)}</td><td>{_stance(p)}</td><td>{_e(p.holder or '')}</td>"
        f'<td class="num">{row.reports}</td><td>{_link(row.evidence, _e(p.evidence))}</td></tr>'
    )


def _topic(section: TopicSection, data: ReportData) -> str:
    head = (
        f'<section class="topic" id="topic-{_e(section.key)}" data-topic="{_e(section.key)}">'
        f'<h2>{_e(section.key)}</h2><p class="muted">{_e(section.proposition)}</p>'
    )
    if not section.rows:
        return head + "<p>No positions on this topic in the report's scope.</p></section>"
    note = (
        f'<p class="undated-note">{section.dated} dated position(s) on the chart; '
        f"{section.undated} undated position(s) cannot be placed in time and are counted "
        "beside their lane and listed below.</p>"
    )
    # Always drawn, so undated positions are counted beside their lane even when
    # none of the topic's positions can be placed on the axis.
    first, last = data.time_range or (data.generated.date(), data.generated.date())
    graphic = chart.svg(section, *chart.padded(first, last))
    rows = "".join(_row(r) for r in section.rows)
    if section.unlisted:
        rows += (
            f'<tr class="unlisted"><td colspan="6">{section.unlisted} more undated '
            "position(s) counted above but not listed (<code>--max-undated 0</code> lists "
            "all).</td></tr>"
        )
    return (
        head + note + graphic + '<table class="positions"><thead><tr><th>date</th><th>actor</th>'
        "<th>stance</th><th>holder</th><th>articles</th><th>evidence</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _side(p: Position | None) -> str:
    if p is None:
        return "—"
    return f"{_stance(p)} · {_e(p.date)} · " + _link(f"ev-{p.id}", _e(p.evidence))


def _changes(data: ReportData) -> str:
    head = '<section id="changes"><h2>What changed</h2>'
    result: DiffResult | None = data.changes
    o = data.options
    if result is None:
        return (
            head + "<p>Not asked for: give <code>--from</code> and <code>--to</code>.</p></section>"
        )
    rows = "".join(
        f'<tr class="status-{c.status}"><td>{_e(c.actor)}</td><td>{_e(c.topic)}</td>'
        f"<td>{c.status}</td><td>{_side(c.before)}</td><td>{_side(c.after)}</td></tr>"
        for c in result.changes
    )
    return (
        head + f"<p>Each actor's stance on each topic as of {_e(o.from_date)} and as of "
        f"{_e(o.to_date)} (the latest dated evidence on or before each date); "
        f"{result.undated} undated position(s) left out.</p>"
        '<table class="changes"><thead><tr><th>actor</th><th>topic</th><th>status</th>'
        f"<th>as of {_e(o.from_date)}</th><th>as of {_e(o.to_date)}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _speaker(sp: SpeakerSection) -> str:
    more = ""
    if len(sp.statements) < sp.total:
        more = (
            f'<p class="muted more">Showing the {len(sp.statements)} most reported of '
            f"{sp.total} statements (<code>--max-statements 0</code> shows all).</p>"
        )
    rows = []
    for s, ev_id in sp.statements:
        outlets = ", ".join(s.outlets) or "unknown"
        rows.append(
            f"<tr><td>{_e(s.first_seen or s.date or 'undated')}</td>"
            f'<td>{_link(ev_id, _e(s.text))}</td><td class="num">{s.reports}</td>'
            f'<td class="num">{len(s.outlets)}</td><td>{_e(outlets)}</td></tr>'
        )
    return (
        f'<section class="speaker" data-speaker="{_e(sp.name)}"><h3>{_e(sp.name)} '
        f'<span class="muted">({_e(sp.side)}) · {sp.total} statement(s), '
        f"{sp.reports} report(s)</span></h3>{more}"
        '<table class="statements"><thead><tr><th>first seen</th><th>statement</th>'
        "<th>reports</th><th>outlets</th><th>outlet names</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _header(data: ReportData) -> str:
    o = data.options
    filters = [
        f"topics: {', '.join(o.topics)}" if o.topics else "",
        f"actors: {', '.join(o.actors)}" if o.actors else "",
        f"since {o.since}" if o.since else "",
        f"until {o.until}" if o.until else "",
        f"changes from {o.from_date} to {o.to_date}" if o.from_date else "",
    ]
    shown = "; ".join(f for f in filters if f) or "none (the whole store)"
    c = data.store_counts
    dated = sum(t.dated for t in data.topics)
    span = (
        f"{data.time_range[0]} to {data.time_range[1]}" if data.time_range else "no dated positions"
    )
    nav = "".join(f'<a href="#topic-{_e(t.key)}">{_e(t.key)}</a>' for t in data.topics)
    return (
        "<header><h1>talks report</h1><dl>"
        f"<dt>store</dt><dd><code>{_e(data.store)}</code>: {c.get('articles', 0)} articles, "
        f"{c.get('quotes', 0)} quotes, {c.get('positions', 0)} positions</dd>"
        f"<dt>filters</dt><dd>{_e(shown)}</dd>"
        f'<dt>in this report</dt><dd id="counts" data-positions="{data.positions}" '
        f'data-dated="{dated}" data-statements="{data.statements}">'
        f"{data.positions} positions ({dated} dated, {data.positions - dated} undated) on "
        f"{len(data.topics)} topic(s), {span}; {data.statements} statements by "
        f"{len(data.speakers)} speaker(s)</dd>"
        f"<dt>lexicon fingerprint</dt><dd><code>{_e(data.fingerprint)}</code></dd>"
        f"<dt>generated</dt><dd>{_e(data.generated.isoformat())} by talks {_e(data.version)}</dd>"
        f'</dl><nav>{nav}<a href="#changes">what changed</a><a href="#speakers">speakers</a>'
        '<a href="#evidence">evidence</a></nav>' + chart.LEGEND + "</header>"
    )


def render(data: ReportData) -> str:
    """The whole page."""
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )
    topics = "".join(_topic(t, data) for t in data.topics)
    speakers = "".join(_speaker(s) for s in data.speakers) or "<p>No statements.</p>"
    evidence = "".join(_evidence_block(ev) for ev in data.evidence.values())
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>talks report</title><style>{_asset('report.css')}</style></head><body>"
        + _header(data)
        + f'<main><section id="topics">{topics}</section>'
        + _changes(data)
        + f'<section id="speakers"><h2>Speakers and their statements</h2>'
        '<p class="muted">Each statement once, however many articles reported it: '
        "reports = articles, outlets = distinct outlets named.</p>"
        f"{speakers}</section>"
        + f'<section id="evidence"><h2>Evidence</h2>{evidence}</section></main>'
        '<aside id="panel" hidden aria-live="polite"><button id="panel-close" type="button">'
        'close</button><div id="panel-body"></div></aside>'
        f"<script>{script}</script></body></html>\n"
    )
