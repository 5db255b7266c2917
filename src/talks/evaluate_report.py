"""The evaluation report: frozen, JSON-dumpable records and their plain-text summary.

Field names are stable: scripts and CI read `EvalReport.model_dump_json()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from talks.models import QuoteKind

# --- the report ------------------------------------------------------------------


class _Report(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PRF(_Report):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0


def prf(tp: int, fp: int, fn: int) -> PRF:
    """Precision, recall and F1 from counts (1.0 when there was nothing to find or claim)."""
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(tp=tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1)


class KindScores(_Report):
    """Quote scores for one kind (or all): extraction, speaker, end to end."""

    extraction: PRF = PRF()
    matched: int = 0
    speaker_right: int = 0
    speaker_accuracy: float = 0.0
    e2e: PRF = PRF()  # a true positive is matched AND has the right speaker


class DateScores(_Report):
    """`right`: same day, or both unknown; `wrong`: another day, or a date where gold
    has none; `unknown`: the tool said unknown but gold has a date (missed)."""

    right: int = 0
    wrong: int = 0
    unknown: int = 0
    accuracy: float = 0.0


class QuoteItem(_Report):
    speaker: str
    kind: QuoteKind
    text: str


class SpeakerMiss(_Report):
    kind: QuoteKind
    gold_speaker: str
    predicted_speaker: str
    gold_text: str
    predicted_text: str


class PositionItem(_Report):
    actor: str
    topic: str
    stance: str


class ArticleReport(_Report):
    """One article's scores and the lists needed to debug them."""

    article: str
    direct: KindScores
    indirect: KindScores
    positions: PRF
    date_gold: dt.date | None
    date_predicted: dt.date | None
    date_verdict: Literal["right", "wrong", "unknown"]
    missed: tuple[QuoteItem, ...] = ()
    false_positives: tuple[QuoteItem, ...] = ()
    wrong_speakers: tuple[SpeakerMiss, ...] = ()
    positions_missed: tuple[PositionItem, ...] = ()
    positions_extra: tuple[PositionItem, ...] = ()


class EvalReport(_Report):
    articles: int
    direct: KindScores
    indirect: KindScores
    all: KindScores
    positions: PRF
    dates: DateScores
    per_article: tuple[ArticleReport, ...]


# --- plain-text summary ------------------------------------------------------------


def _kind_line(name: str, k: KindScores) -> str:
    e = k.extraction
    return (
        f"{name:<11} P {e.precision:.2f} R {e.recall:.2f} F1 {e.f1:.2f}   "
        f"e2e F1 {k.e2e.f1:.2f}   speaker {k.speaker_accuracy:.2f} ({k.speaker_right}/{k.matched})"
        f"   tp {e.tp} fp {e.fp} fn {e.fn}"
    )


def _article_lines(a: ArticleReport) -> list[str]:
    lines = [
        f"== {a.article}",
        f"   date: gold {a.date_gold} predicted {a.date_predicted} -> {a.date_verdict}",
    ]
    lines += [f"   MISSED   [{q.kind}] {q.speaker}: {q.text}" for q in a.missed]
    lines += [f"   EXTRA    [{q.kind}] {q.speaker}: {q.text}" for q in a.false_positives]
    lines += [
        f"   SPEAKER  [{s.kind}] gold {s.gold_speaker!r} predicted {s.predicted_speaker!r}: "
        f"{s.predicted_text}"
        for s in a.wrong_speakers
    ]
    lines += [f"   POS MISSED {p.actor} {p.topic} {p.stance}" for p in a.positions_missed]
    lines += [f"   POS EXTRA  {p.actor} {p.topic} {p.stance}" for p in a.positions_extra]
    return lines


def format_sets(reports: Sequence[tuple[str, EvalReport]], *, verbose: bool = False) -> str:
    """Several gold sets: each set's figures under its own heading, then one line per
    set with the headline figures side by side."""
    blocks = [f"=== {name}\n{format_report(r, verbose=verbose)}" for name, r in reports]
    width = max(len(name) for name, _ in reports)
    rows = [
        f"{'set':<{width}}  articles  direct e2e  indirect e2e  positions F1  dates r/w/u",
        *(
            f"{name:<{width}}  {r.articles:>8}  {r.direct.e2e.f1:>10.2f}  "
            f"{r.indirect.e2e.f1:>12.2f}  {r.positions.f1:>12.2f}  "
            f"{r.dates.right}/{r.dates.wrong}/{r.dates.unknown}"
            for name, r in reports
        ),
    ]
    return "\n\n".join([*blocks, "=== all sets\n" + "\n".join(rows)])


def format_report(report: EvalReport, *, verbose: bool = False) -> str:
    """A plain-text summary; with `verbose`, each article's misses and extras first."""
    lines: list[str] = []
    if verbose:
        for a in report.per_article:
            lines += _article_lines(a)
        lines.append("")
    p, d = report.positions, report.dates
    lines += [
        f"articles    {report.articles}",
        _kind_line("direct", report.direct),
        _kind_line("indirect", report.indirect),
        _kind_line("all", report.all),
        f"positions   P {p.precision:.2f} R {p.recall:.2f} F1 {p.f1:.2f}   "
        f"tp {p.tp} fp {p.fp} fn {p.fn}",
        f"dates       accuracy {d.accuracy:.2f}   right {d.right} wrong {d.wrong} "
        f"unknown {d.unknown}",
    ]
    return "\n".join(lines)
