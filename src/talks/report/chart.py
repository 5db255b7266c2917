"""The per-topic timeline as inline SVG: one lane per actor, one mark per dated
position on a real (linear) time axis shared by every topic of the report.

Stance is told by shape, not colour alone: support is a circle, oppose a square;
a conditional position is drawn hollow. Each mark is a link to its evidence.
Marks of one lane that would overlap are spread vertically within the lane."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from html import escape

from talks.report.data import Row, TopicSection

WIDTH = 960
LABEL = 150  # room for the actor names
RIGHT = 90  # room for the undated counts
LANE = 34
TOP = 8
AXIS = 30
R = 6  # mark radius


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def padded(lo: dt.date, hi: dt.date) -> tuple[dt.date, dt.date]:
    """The axis range: the data's range with a margin (at least two weeks wide)."""
    span = max((hi - lo).days, 14)
    pad = dt.timedelta(days=max(3, span // 30))
    return lo - pad, hi + pad


def ticks(lo: dt.date, hi: dt.date) -> list[tuple[dt.date, str]]:
    """Calendar ticks inside [lo, hi]: months, quarters or years as the span needs."""
    days = (hi - lo).days
    step = 1 if days <= 200 else 3 if days <= 3 * 366 else 12
    out: list[tuple[dt.date, str]] = []
    y, m = lo.year, lo.month
    while True:
        d = dt.date(y, m, 1)
        if d > hi:
            break
        if d >= lo and (m - 1) % step == 0:
            out.append((d, str(y) if step == 12 else d.strftime("%b %Y")))
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


def _x(d: dt.date, lo: dt.date, hi: dt.date) -> float:
    plot = WIDTH - LABEL - RIGHT
    return LABEL + plot * (d - lo).days / max(1, (hi - lo).days)


def _mark(row: Row, x: float, y: float) -> str:
    p = row.position
    hollow = p.conditional
    fill = "#fff" if hollow else ("#1b7a3a" if p.stance == "support" else "#b3261e")
    stroke = "#1b7a3a" if p.stance == "support" else "#b3261e"
    if p.stance == "support":
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{R}"'
    else:
        shape = f'<rect x="{x - R:.1f}" y="{y - R:.1f}" width="{2 * R}" height="{2 * R}"'
    shape += f' fill="{fill}" stroke="{stroke}" stroke-width="2"/>'
    label = (
        f"{p.actor}: {p.stance}{' (conditional)' if p.conditional else ''} on {p.topic}, "
        f"{p.date} — {p.holder or 'no holder'} — {row.reports} article(s)"
    )
    return (
        f'<a class="mark" href="#{_e(row.evidence)}" data-evidence="{_e(row.evidence)}" '
        f'data-stance="{_e(p.stance)}" data-conditional="{str(p.conditional).lower()}" '
        f'data-date="{p.date}" aria-label="{_e(label)}"><title>{_e(label)}</title>{shape}</a>'
    )


def svg(section: TopicSection, lo: dt.date, hi: dt.date) -> str:
    """The chart of one topic over the axis range [lo, hi]."""
    lanes = section.lanes
    height = TOP + LANE * len(lanes) + AXIS
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{_e(section.key)}: positions over time, one lane per actor" '
        f'xmlns="http://www.w3.org/2000/svg">'
    ]
    bottom = TOP + LANE * len(lanes)
    for d, label in ticks(lo, hi):
        x = _x(d, lo, hi)
        parts.append(
            f'<line class="tick" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{bottom}"/>'
            f'<text class="tick-label" x="{x:.1f}" y="{bottom + 18}" '
            f'text-anchor="middle">{_e(label)}</text>'
        )
    parts.append(
        f'<line class="axis" x1="{LABEL}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}"/>'
    )
    for i, lane in enumerate(lanes):
        mid = TOP + LANE * i + LANE / 2
        parts.append(
            f'<g class="lane" data-actor="{_e(lane.actor)}">'
            f'<line class="lane-line" x1="{LABEL}" y1="{mid}" x2="{WIDTH - RIGHT}" y2="{mid}"/>'
            f'<text class="actor" x="{LABEL - 8}" y="{mid + 4}" text-anchor="end">'
            f"{_e(lane.actor)}</text>"
        )
        buckets: dict[int, list[Row]] = defaultdict(list)
        for row in lane.marks:
            assert row.position.date is not None
            buckets[round(_x(row.position.date, lo, hi) / (2 * R))].append(row)
        for rows in buckets.values():
            n = len(rows)
            spread = min(2 * R + 1, (LANE - 2 * R - 4) / max(1, n - 1))
            for j, row in enumerate(rows):
                assert row.position.date is not None
                y = mid + (j - (n - 1) / 2) * spread
                parts.append(_mark(row, _x(row.position.date, lo, hi), y))
        if lane.undated:
            parts.append(
                f'<text class="undated" x="{WIDTH - RIGHT + 8}" y="{mid + 4}">'
                f"+{lane.undated} undated</text>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


LEGEND = (
    '<svg class="legend" viewBox="0 0 520 24" width="520" height="24" '
    'xmlns="http://www.w3.org/2000/svg" role="img" aria-label="legend">'
    '<circle cx="10" cy="12" r="6" fill="#1b7a3a" stroke="#1b7a3a" stroke-width="2"/>'
    '<text x="22" y="16">support</text>'
    '<rect x="94" y="6" width="12" height="12" fill="#b3261e" stroke="#b3261e" stroke-width="2"/>'
    '<text x="112" y="16">oppose</text>'
    '<circle cx="190" cy="12" r="6" fill="#fff" stroke="#1b7a3a" stroke-width="2"/>'
    '<rect x="202" y="6" width="12" height="12" fill="#fff" stroke="#b3261e" stroke-width="2"/>'
    '<text x="222" y="16">hollow = conditional</text></svg>'
)
