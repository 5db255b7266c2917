"""Score what `talks` extracts against gold annotation files (GUIDELINES.md).

`load_gold` reads the gold YAML, `score` compares predictions with it and
returns an `EvalReport` (frozen, JSON-dumpable, stable field names), `run`
ingests the articles the gold files name into a throwaway store and scores
what comes back, and `format_report` renders a plain-text summary. The
matching rules themselves live in `talks.evaluate_match`.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from talks.errors import InputError
from talks.evaluate_match import MIN_DIRECT_WORDS, match_pairs, speaker_agrees, tokens
from talks.evaluate_report import (
    ArticleReport,
    DateScores,
    EvalReport,
    KindScores,
    PositionItem,
    QuoteItem,
    SpeakerMiss,
    format_report,
    prf,
)
from talks.lexicon import Lexicon
from talks.models import Article, Position, Quote, QuoteKind, Stance
from talks.pipeline import ingest_paths
from talks.store import Store

__all__ = [
    "EvalReport",
    "GoldArticle",
    "GoldPosition",
    "GoldQuote",
    "format_report",
    "load_gold",
    "load_gold_dir",
    "run",
    "score",
]

# --- gold files ----------------------------------------------------------------


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldQuote(_Gold):
    speaker: str
    side: str
    kind: QuoteKind
    text: str


class GoldPosition(_Gold):
    actor: str
    topic: str
    stance: Stance
    holder: str | None = None
    conditional: bool = False
    evidence: str


class GoldArticle(_Gold):
    """One gold file: the article it annotates, its date, quotes and positions."""

    article: str
    published: dt.date | None = None
    published_basis: Literal["stated", "inferred", "unknown"] = "unknown"
    quotes: tuple[GoldQuote, ...] = ()
    positions: tuple[GoldPosition, ...] = ()


def _error_location(data: Any, loc: tuple[int | str, ...]) -> str:
    """`quotes[3] (Sergei Lavrov): kind` from a pydantic error location."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            parts[-1] = f"{parts[-1]}[{item}]" if parts else f"[{item}]"
            node = node[item] if isinstance(node, list) and item < len(node) else None
            if isinstance(node, dict):
                label = node.get("speaker") or node.get("topic")
                if isinstance(label, str):
                    parts[-1] += f" ({label})"
        else:
            parts.append(str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return ".".join(parts)


def load_gold(path: Path) -> GoldArticle:
    """Read and validate one `*.gold.yaml` file; problems name the file and the entry."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: gold file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{where}: invalid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: a gold file must be a mapping with article, quotes, positions")
    for section in ("quotes", "positions"):
        if data.get(section) is None and section in data:
            data[section] = []
    try:
        return GoldArticle.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = _error_location(data, tuple(err["loc"]))
        msg = err["msg"].removeprefix("Value error, ")
        raise InputError(f"{path}: {where}: {msg}") from None


def load_gold_dir(directory: Path) -> list[GoldArticle]:
    """Every `*.gold.yaml` in `directory`, in file-name order."""
    if not directory.is_dir():
        raise InputError(f"{directory}: gold directory not found")
    paths = sorted(directory.glob("*.gold.yaml"))
    if not paths:
        raise InputError(f"{directory}: no *.gold.yaml files in this directory")
    return [load_gold(p) for p in paths]


Prediction = tuple[Article, Sequence[Quote], Sequence[Position]]
"""What the tool gave for one article: the article as read, its quotes and positions."""


# --- scoring ---------------------------------------------------------------------


class _Tally:
    """Mutable counts for one quote kind, turned into KindScores at the end."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.right = 0

    def add(self, other: _Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.right += other.right

    def scores(self) -> KindScores:
        return KindScores(
            extraction=prf(self.tp, self.fp, self.fn),
            matched=self.tp,
            speaker_right=self.right,
            speaker_accuracy=self.right / self.tp if self.tp else 0.0,
            e2e=prf(self.right, self.tp + self.fp - self.right, self.tp + self.fn - self.right),
        )


def _scoreable(kind: str, toks: list[str]) -> bool:
    return bool(toks) and (kind != "direct" or len(toks) >= MIN_DIRECT_WORDS)


def _score_kind(
    kind: QuoteKind,
    gold: Sequence[GoldQuote],
    predicted: Sequence[Quote],
    tally: _Tally,
    lists: dict[str, list[Any]],
) -> None:
    g_items = [(q, t) for q in gold if q.kind == kind if _scoreable(kind, t := tokens(q.text))]
    p_items = [(q, t) for q in predicted if q.kind == kind if _scoreable(kind, t := tokens(q.text))]
    pairs = match_pairs([t for _, t in g_items], [t for _, t in p_items])
    matched_g = {i for i, _, _ in pairs}
    matched_p = {j for _, j, _ in pairs}
    tally.tp += len(pairs)
    tally.fn += len(g_items) - len(pairs)
    tally.fp += len(p_items) - len(pairs)
    for i, j, _ in pairs:
        g, p = g_items[i][0], p_items[j][0]
        if speaker_agrees(g.speaker, p.speaker):
            tally.right += 1
        else:
            lists["wrong_speakers"].append(
                SpeakerMiss(
                    kind=kind,
                    gold_speaker=g.speaker,
                    predicted_speaker=p.speaker,
                    gold_text=g.text,
                    predicted_text=p.text,
                )
            )
    for i, (g, _) in enumerate(g_items):
        if i not in matched_g:
            lists["missed"].append(QuoteItem(speaker=g.speaker, kind=kind, text=g.text))
    for j, (p, _) in enumerate(p_items):
        if j not in matched_p:
            lists["false_positives"].append(QuoteItem(speaker=p.speaker, kind=kind, text=p.text))


def _date_verdict(
    gold: dt.date | None, predicted: dt.date | None
) -> Literal["right", "wrong", "unknown"]:
    if predicted == gold:
        return "right"
    if predicted is None:
        return "unknown"
    return "wrong"


def _score_article(
    gold: GoldArticle, prediction: Prediction | None
) -> tuple[ArticleReport, _Tally, _Tally]:
    quotes: Sequence[Quote] = prediction[1] if prediction else ()
    positions: Sequence[Position] = prediction[2] if prediction else ()
    published = prediction[0].published if prediction else None
    lists: dict[str, list[Any]] = {"missed": [], "false_positives": [], "wrong_speakers": []}
    direct, indirect = _Tally(), _Tally()
    _score_kind("direct", gold.quotes, quotes, direct, lists)
    _score_kind("indirect", gold.quotes, quotes, indirect, lists)

    g_pos = {(p.actor, p.topic, p.stance) for p in gold.positions}
    p_pos = {(p.actor, p.topic, p.stance) for p in positions}
    report = ArticleReport(
        article=gold.article,
        direct=direct.scores(),
        indirect=indirect.scores(),
        positions=prf(len(g_pos & p_pos), len(p_pos - g_pos), len(g_pos - p_pos)),
        date_gold=gold.published,
        date_predicted=published,
        date_verdict=_date_verdict(gold.published, published),
        missed=tuple(lists["missed"]),
        false_positives=tuple(lists["false_positives"]),
        wrong_speakers=tuple(lists["wrong_speakers"]),
        positions_missed=tuple(
            PositionItem(actor=a, topic=t, stance=s) for a, t, s in sorted(g_pos - p_pos)
        ),
        positions_extra=tuple(
            PositionItem(actor=a, topic=t, stance=s) for a, t, s in sorted(p_pos - g_pos)
        ),
    )
    return report, direct, indirect


def score(gold: Sequence[GoldArticle], predicted: Mapping[str, Prediction]) -> EvalReport:
    """Score predictions (keyed by article file name) against gold articles.

    An article with no prediction counts as nothing found and date unknown;
    predictions for articles without gold are not scored.
    """
    direct, indirect = _Tally(), _Tally()
    pos_tp = pos_fp = pos_fn = 0
    verdicts = {"right": 0, "wrong": 0, "unknown": 0}
    reports: list[ArticleReport] = []
    for g in gold:
        report, d, i = _score_article(g, predicted.get(g.article))
        reports.append(report)
        direct.add(d)
        indirect.add(i)
        pos_tp += report.positions.tp
        pos_fp += report.positions.fp
        pos_fn += report.positions.fn
        verdicts[report.date_verdict] += 1
    both = _Tally()
    both.add(direct)
    both.add(indirect)
    return EvalReport(
        articles=len(gold),
        direct=direct.scores(),
        indirect=indirect.scores(),
        all=both.scores(),
        positions=prf(pos_tp, pos_fp, pos_fn),
        dates=DateScores(**verdicts, accuracy=verdicts["right"] / len(gold) if gold else 0.0),
        per_article=tuple(reports),
    )


# --- running the tool over the gold articles ----------------------------------------


def _article_paths(gold: Sequence[GoldArticle], articles_dir: Path) -> list[Path]:
    paths: list[Path] = []
    for g in gold:
        path = articles_dir / g.article
        if not path.is_file():
            raise InputError(f"{path}: article named by the gold file {g.article!r} not found")
        paths.append(path)
    return paths


def _predict(store: Store, paths: Sequence[Path], *, lexicon: Lexicon) -> dict[str, Prediction]:
    """Ingest `paths` into `store` as `talks ingest` does, and read the records back."""
    summary = ingest_paths(store, paths, lexicon=lexicon)
    if summary.errors:
        raise InputError(summary.errors[0])
    out: dict[str, Prediction] = {}
    for path in paths:
        for article in store.articles(article=path.name):
            out[article.article] = (
                article,
                store.quotes(article=article.id),
                store.positions(article=article.id),
            )
    return out


def run(
    gold_dir: Path, articles_dir: Path, *, lexicon: Lexicon, db_path: Path | None = None
) -> EvalReport:
    """Score the tool on the articles the gold files in `gold_dir` name, from `articles_dir`.

    The articles are ingested into a throwaway store (a temporary SQLite file,
    or `db_path` when given) and the records read back, so the whole path the
    user's data takes is what gets measured.
    """
    gold = load_gold_dir(gold_dir)
    paths = _article_paths(gold, articles_dir)
    if db_path is not None:
        with Store(db_path) as store:
            return score(gold, _predict(store, paths, lexicon=lexicon))
    with (
        tempfile.TemporaryDirectory(prefix="talks-eval-") as tmp,
        Store(Path(tmp) / "eval.db") as store,
    ):
        return score(gold, _predict(store, paths, lexicon=lexicon))
