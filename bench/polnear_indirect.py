"""The indirect-quote view of PolNeAR, scored from the raw attributions.

- Gold: `polnear_raw.indirect_gold` (attributions with a Source, no quotation mark
  in the Content, a speech verb as Cue).
- Recall: gold quotes matched one to one by a predicted `indirect` quote (character
  spans overlap, token F1 >= 0.6, GUIDELINES normalisation).
- Precision: a prediction is right when it matches a gold quote or the Content of
  any other attribution (PolNeAR also marks beliefs, findings and quotations, and a
  prediction of those is no error); one that matches nothing and overlaps a
  Discuss/Discard span is ignored; the rest are false positives.
- Named-speaker accuracy: over matched gold quotes whose Source is a name, as in the
  direct view (`polnear.speaker_right`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from polnear_raw import Attribution, RawArticle
from polnear_tally import BaseTally

from talks.evaluate_match import match_pairs, token_f1, tokens
from talks.models import Quote

MATCH_F1 = 0.6
Range = tuple[int, int]


@dataclass
class IndirectTally(BaseTally):
    """The indirect view's counts over articles (see `BaseTally`)."""

    gold: int = 0
    matched_gold: int = 0
    predicted: int = 0
    right: int = 0  # predictions matching a gold quote or another attribution's content
    fp: int = 0
    ignored: int = 0

    def summary(self) -> dict[str, Any]:
        p = self.right / (self.right + self.fp) if self.right + self.fp else 0.0
        r = self.matched_gold / self.gold if self.gold else 0.0
        return {
            "articles": self.articles,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched_gold": self.matched_gold,
            "right_predictions": self.right,
            "fp": self.fp,
            "fn": self.gold - self.matched_gold,
            "ignored_predictions": self.ignored,
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            **self.speaker_scores(),
        }


def _overlaps(a: Sequence[Range], b: Sequence[Range]) -> bool:
    return any(x < w and v < y for x, y in a for v, w in b)


def score_article(
    article: str,
    text: str,
    gold: list[Attribution],
    raw: RawArticle,
    predicted: list[Quote],
    *,
    is_named: Callable[[str | None], bool],
    speaker_right: Callable[[Attribution, Quote], bool],
) -> IndirectTally:
    """Compare one article's predicted indirect quotes with its indirect gold."""
    preds = [q for q in predicted if q.kind == "indirect"]
    p_ranges = [[(s.start, s.end) for s in q.spans] for q in preds]
    g_tok = [tokens(a.text(text, a.content)) for a in gold]
    p_tok = [tokens(q.text) for q in preds]
    pairs = match_pairs(g_tok, p_tok, allowed=lambda i, j: _overlaps(gold[i].content, p_ranges[j]))
    t = IndirectTally(articles=1, gold=len(gold), matched_gold=len(pairs), predicted=len(preds))
    matched_p = {j for _, j, _ in pairs}
    for i, j, _ in pairs:
        g = gold[i]
        source = g.text(text, g.source) if g.source else None
        if not is_named(source):
            continue
        t.named_matched += 1
        if speaker_right(g, preds[j]):
            t.named_right += 1
        else:
            t.wrong_speakers.append(
                {"article": article, "gold_speaker": source, "predicted_speaker": preds[j].speaker,
                 "text": preds[j].text}
            )  # fmt: skip
    matched_g = {i for i, _, _ in pairs}
    for i, g in enumerate(gold):
        if i not in matched_g:
            source = g.text(text, g.source) if g.source else None
            t.misses.append(
                {"article": article, "speaker": source, "text": g.text(text, g.content)}
            )
    contents = [(a.content, tokens(a.text(text, a.content))) for a in raw.attributions]
    for j, q in enumerate(preds):
        if j in matched_p or any(
            _overlaps(c, p_ranges[j]) and token_f1(tok, p_tok[j]) >= MATCH_F1 for c, tok in contents
        ):
            t.right += 1
        elif _overlaps(raw.flagged, p_ranges[j]):
            t.ignored += 1
        else:
            t.fp += 1
            t.false_positives.append({"article": article, "speaker": q.speaker, "text": q.text})
    return t
