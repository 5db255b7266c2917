"""bench/polnear_raw.py and bench/polnear_indirect.py on a hand-made brat file: the
indirect view's gold, its scoring, and the NYT ''…'' quotes the converter missed.
(No PolNeAR data needed: the annotation here is invented.)"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from talks.models import Quote, Span

BENCH = Path(__file__).resolve().parents[1] / "bench"

TEXT = (
    "Smith said the vote would be close.\n"
    "Polls show the race tightening, Jones believes.\n"
    "''We will win,'' Smith told supporters.\n"
    'Brown said the plan was "a disgrace" and a mistake.\n'
)


def _span(sub: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = TEXT.index(sub, at + 1)
    return at, at + len(sub)


def _ann() -> str:
    rows = {
        "T1": ("Source", _span("Smith")),
        "T2": ("Cue", _span("said")),
        "T3": ("Content", _span("the vote would be close")),
        "T4": ("Source", _span("Jones")),
        "T5": ("Cue", _span("believes")),
        "T6": ("Content", _span("Polls show the race tightening")),
        "T7": ("Source", _span("Smith", 1)),
        "T8": ("Cue", _span("told")),
        "T9": ("Content", _span("''We will win,''")),
        "T10": ("Source", _span("Brown")),
        "T11": ("Cue", _span("said", 1)),
        "T12": ("Content", _span('the plan was "a disgrace" and a mistake')),
        "T13": ("Discuss", _span("supporters")),
    }
    lines = [f"{k}\t{label} {a} {b}\t{TEXT[a:b]}" for k, (label, (a, b)) in rows.items()]
    lines += [
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        "E3\tAttribution:T8 Content:T9 Cue:T8 Source:T7",
        "E4\tAttribution:T11 Content:T12 Cue:T11 Source:T10",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def mods() -> tuple[Any, Any]:
    sys.path.insert(0, str(BENCH))
    try:
        import polnear_indirect
        import polnear_raw
    finally:
        sys.path.remove(str(BENCH))
    return polnear_raw, polnear_indirect


@pytest.fixture
def raw(tmp_path: Path, mods: tuple[Any, Any]) -> Any:
    polnear_raw, _ = mods
    (tmp_path / "attributions").mkdir()
    (tmp_path / "attributions" / "a1_x1.ann").write_text(_ann(), encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text(
        "compartment\tfilename\tannotators\ntest\ta1\tx1|x2\n", encoding="utf-8"
    )
    assert polnear_raw.annotators(tmp_path) == {"a1": "x1"}
    return polnear_raw.read_article(tmp_path, "a1", "x1")


def _quote(text: str, kind: str = "indirect", speaker: str = "John Smith") -> Quote:
    a, b = _span(text)
    return Quote(
        id=f"q{a}", article="a1", article_id="a", path="a1", speaker=speaker,
        speaker_mention=speaker, side="none", kind=kind, text=text,
        spans=(Span(start=a, end=b),),
    )  # fmt: skip


def test_indirect_gold_is_speech_without_quotation_marks(mods: tuple[Any, Any], raw: Any) -> None:
    polnear_raw, _ = mods
    assert len(raw.attributions) == 4 and raw.flagged == [_span("supporters")]
    gold = polnear_raw.indirect_gold(TEXT, raw, polnear_raw.speech_forms())
    # "believes" is no speech verb; ''…'' and "…" are quotation marks
    assert [a.text(TEXT, a.content) for a in gold] == ["the vote would be close"]


def test_double_apostrophes_are_quotation_marks(mods: tuple[Any, Any], raw: Any) -> None:
    polnear_raw, _ = mods
    paras, at = [], 0
    for line in TEXT.split("\n"):
        paras.append((at, at + len(line)))
        at += len(line) + 1
    found = polnear_raw.double_apostrophe_quotes(TEXT, raw, paras)
    assert [(att.id, TEXT[s:e]) for att, (s, e) in found] == [("E3", "We will win,")]


def test_indirect_scoring(mods: tuple[Any, Any], raw: Any) -> None:
    polnear_raw, polnear_indirect = mods
    gold = polnear_raw.indirect_gold(TEXT, raw, polnear_raw.speech_forms())
    preds = [
        _quote("the vote would be close"),  # matches the gold
        _quote("Polls show the race tightening", speaker="Jones"),  # a belief: no error
        _quote("the plan was"),  # matches nothing: a false positive
        _quote("supporters"),  # overlaps a Discuss span: ignored
        _quote("We will win", kind="direct"),  # direct quotes are not this view's
    ]
    t = polnear_indirect.score_article(
        "a1", TEXT, gold, raw, preds,
        is_named=lambda s: bool(s), speaker_right=lambda a, q: q.speaker.endswith("Smith"),
    )  # fmt: skip
    assert (t.gold, t.matched_gold, t.predicted, t.right, t.fp, t.ignored) == (1, 1, 4, 2, 1, 1)
    assert (t.named_matched, t.named_right) == (1, 1)
    s = t.summary()
    assert s["recall"] == 1.0 and s["precision"] == pytest.approx(2 / 3)
    missed = polnear_indirect.score_article(
        "a1", TEXT, gold, raw, [], is_named=bool, speaker_right=lambda a, q: True
    )
    assert missed.summary()["recall"] == 0.0 and len(missed.misses) == 1
