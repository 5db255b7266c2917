"""Direct and indirect quotes and their speakers on the PolNeAR test split.

Evaluation only: the data is read from the shared benchmark directory
(`../shared/benchmarks/polnear`, see its README for provenance and license)
and never copied into this repository.

    python bench/polnear.py [--shared ../shared] [--json] [--show-errors N]

What is compared (see bench/README.md for the reasons):

- Gold: every quoted stretch of `test.jsonl` (kind `direct` and `mixed`: a
  mixed one is a partial quote, which GUIDELINES.md counts as direct). The
  stretches of one `direct` attribution within one paragraph are joined in
  order by one space into one gold quote ("A," he said, "B."); each stretch of
  a `mixed` attribution is its own gold quote (reporter's words stand between
  them). Gold quotes under 3 words are not scored.
- Predicted: the `direct` quotes `talks` extracts from `raw/text/*.txt`, read
  the way `talks ingest` reads files. Predictions under 3 words are not scored.
- A prediction matches a gold quote when their character spans overlap and
  their token F1 (GUIDELINES normalisation) is at least 0.6, one to one.
- An unmatched prediction is ignored (neither right nor wrong) when it
  overlaps a short gold stretch, an `unattributed_quoted_spans` entry, or a
  record flagged `discuss` or `discard`; gold quotes in `discuss` records are
  not scored either (the annotator left them unresolved).
- Speaker accuracy counts matched quotes whose gold speaker is a name (a
  capitalised word that is not a pronoun or determiner): right when the gold
  head/surname agrees with the predicted speaker or its mention (GUIDELINES
  speaker rule, tried on each comma-separated part of the gold phrase), or
  when the gold speaker span overlaps the predicted speaker span.
- NYT's ''…'' quotation marks were not read by the converter: those quotes are
  added to the gold from the raw attributions (`polnear_raw`).

The indirect view is scored from the raw attributions (`polnear_indirect`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling modules below

import polnear_indirect
import polnear_raw
from polnear_tally import BaseTally

from talks.evaluate_match import MIN_DIRECT_WORDS, match_pairs, speaker_agrees, tokens
from talks.evaluate_report import prf
from talks.extract import extract
from talks.ingest import load_path
from talks.lexicon import Lexicon, shipped
from talks.models import Quote

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SUBDIR = Path("benchmarks") / "polnear"

# The converter turned these into plain spaces one for one (README "Format").
_SPACES = str.maketrans({c: " " for c in "\t\u00a0\u2009\u200a\u202f\u2007"})
_NOT_NAMES = frozenset(
    """i me my we us our you your he him his she her hers they them their it its who whom whose
    which that this these those the a an one some mr mrs ms""".split()
)
_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")

Range = tuple[int, int]


@dataclass(frozen=True)
class GoldQuote:
    """One attribution's quoted stretches in article offsets, joined."""

    attribution: str
    record: str
    spans: tuple[Range, ...]
    text: str
    speaker: str | None
    speaker_span: Range | None
    kinds: tuple[str, ...]


@dataclass
class ArticleGold:
    """What the gold says about one article, in article offsets."""

    article: str
    scored: list[GoldQuote] = field(default_factory=list)
    ignore: list[Range] = field(default_factory=list)  # predictions overlapping these are ignored
    unmapped_records: int = 0


@dataclass
class Tally(BaseTally):
    """The direct view's counts over articles (see `BaseTally`)."""

    gold: int = 0
    predicted: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0
    unmapped_records: int = 0

    def summary(self) -> dict[str, Any]:
        scores = prf(self.tp, self.fp, self.fn)
        return {
            "articles": self.articles,
            "gold": self.gold,
            "predicted": self.predicted,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "ignored_predictions": self.ignored,
            "precision": scores.precision,
            "recall": scores.recall,
            "f1": scores.f1,
            **self.speaker_scores(),
            "unmapped_records": self.unmapped_records,
        }


# --- gold -------------------------------------------------------------------------


def read_records(bench: Path) -> dict[str, list[dict[str, Any]]]:
    """The records of `test.jsonl` grouped by article, in file order."""
    out: dict[str, list[dict[str, Any]]] = {}
    with (bench / "test.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                out.setdefault(rec["article"], []).append(rec)
    return out


def _overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def article_gold(
    article: str,
    text: str,
    records: Sequence[dict[str, Any]],
    raw: polnear_raw.RawArticle | None = None,
) -> ArticleGold:
    """Map each record into the article text (in order) and build the scored gold quotes
    (with the ''…'' quotes of `raw`, which the records lack)."""
    gold = ArticleGold(article=article)
    haystack = text.translate(_SPACES)
    cursor = 0
    # One gold quote per attribution and paragraph (GUIDELINES start a new quote at a
    # new paragraph; a few PolNeAR records hold several paragraphs).
    groups: dict[tuple[str, int], list[tuple[dict[str, Any], Range, dict[str, Any]]]] = {}
    for rec in records:
        at = haystack.find(rec["text"], cursor)
        if at < 0:
            gold.unmapped_records += 1
            continue
        cursor = at + len(rec["text"])
        whole = (at, cursor)
        flags = set(rec["flags"])
        if flags & {"discuss", "discard"}:
            gold.ignore.append(whole)
        gold.ignore += [(at + s, at + e) for s, e in rec["unattributed_quoted_spans"]]
        for q in rec["quotes"]:
            span = (at + q["start"], at + q["end"])
            if "discuss" in flags:
                gold.ignore.append(span)
                continue
            # Stretches of a `mixed` attribution stand apart in the reporter's words, so
            # each is its own (partial) quote; `direct` ones are split only by attribution.
            para = at + rec["text"].rfind("\n", 0, q["start"])
            key = (q["attribution"], span[0] if q["kind"] == "mixed" else para)
            groups.setdefault(key, []).append((rec, span, q))
    if raw is not None:
        _add_double_apostrophes(text, raw, groups)
    for (attribution, _), parts in groups.items():
        joined = " ".join(text[s:e] for _, (s, e), _ in parts)
        spans = tuple(span for _, span, _ in parts)
        if len(tokens(joined)) < MIN_DIRECT_WORDS:
            gold.ignore += spans
            continue
        rec, _, first = parts[0]
        at = spans[0][0] - first["start"]
        speaker_span = (
            (at + first["speaker_start"], at + first["speaker_end"])
            if first.get("speaker") is not None
            else None
        )
        gold.scored.append(
            GoldQuote(
                attribution=attribution,
                record=rec["id"],
                spans=spans,
                text=joined,
                speaker=first.get("speaker"),
                speaker_span=speaker_span,
                kinds=tuple(q["kind"] for _, _, q in parts),
            )
        )
    gold.scored.sort(key=lambda g: g.spans[0])
    return gold


def _add_double_apostrophes(
    text: str,
    raw: polnear_raw.RawArticle,
    groups: dict[tuple[str, int], list[tuple[dict[str, Any], Range, dict[str, Any]]]],
) -> None:
    """The ''…'' quotes as records would give them (one record per paragraph)."""
    paragraphs, at = [], 0
    for line in text.split("\n"):
        paragraphs.append((at, at + len(line)))
        at += len(line) + 1
    found = polnear_raw.double_apostrophe_quotes(text, raw, paragraphs)
    for att, (s, e) in found:
        p_start = max(a for a, _ in paragraphs if a <= s)
        quoted = sum(y - x for a2, (x, y) in found if a2 is att)
        letters = sum(b - a for a, b in att.content)
        kind = "direct" if quoted >= 0.9 * letters - 8 else "mixed"
        src = att.source[0] if att.source else None
        rec = {"id": f"raw/{att.id}", "text": text[p_start:], "start": 0}
        q = {"attribution": att.id, "kind": kind, "start": s - p_start,
             "speaker": att.text(text, att.source) if att.source else None,
             "speaker_start": src[0] - p_start if src else 0,
             "speaker_end": (att.source[-1][1] - p_start) if att.source else 0}  # fmt: skip
        groups.setdefault((att.id, s if kind == "mixed" else p_start), []).append((rec, (s, e), q))


# --- speakers ------------------------------------------------------------------------


def is_named(speaker: str | None) -> bool:
    """Whether a gold speaker phrase names someone (not "he", "who", "the report")."""
    if not speaker:
        return False
    return any(
        w[0].isupper() and w.casefold().rstrip(".") not in _NOT_NAMES
        for w in _WORD_RE.findall(speaker)
    )


_POSTMOD_RE = re.compile(r"\b(?:of|from|at|in|for|with|who|which|that|on)\b")


def _last_names(phrase: str) -> set[str]:
    """Surname candidates of a gold speaker phrase: its last capitalised word before the
    first post-modifier, and in its whole first comma part
    ("Secretary of Homeland Security Jeh Johnson" -> Secretary, Johnson)."""
    first = phrase.split(",")[0]
    out: set[str] = set()
    for part in (first, _POSTMOD_RE.split(first)[0]):
        last: str | None = None
        for w in _WORD_RE.findall(part):
            if w[0].isupper() and w.casefold().rstrip(".") not in _NOT_NAMES:
                last = w
        if last is not None:
            out.add(last.rstrip("."))
    return out


def speaker_right(gold: GoldQuote, predicted: Quote) -> bool:
    """GUIDELINES speaker rule on the gold phrase, on each of its comma-separated parts
    and on its surname candidates; or the gold and predicted speaker spans overlap."""
    if gold.speaker is None:
        return False
    if gold.speaker_span is not None and predicted.speaker_span is not None:
        ps = predicted.speaker_span
        if _overlaps(gold.speaker_span, (ps.start, ps.end)):
            return True
    parts = [gold.speaker, *(p for p in gold.speaker.split(",") if p.strip())]
    parts += sorted(_last_names(gold.speaker))
    candidates = [predicted.speaker, predicted.speaker_mention]
    return any(speaker_agrees(g, c) for g in parts for c in candidates if c)


# --- scoring --------------------------------------------------------------------------


def _ranges(q: Quote) -> list[Range]:
    return [(s.start, s.end) for s in q.spans]


def score_article(gold: ArticleGold, predicted: Iterable[Quote]) -> Tally:
    """Compare one article's predicted quotes (direct ones are used) with its gold."""
    preds = [q for q in predicted if q.kind == "direct" and len(tokens(q.text)) >= MIN_DIRECT_WORDS]
    g_tok = [tokens(g.text) for g in gold.scored]
    p_tok = [tokens(p.text) for p in preds]

    def overlap(i: int, j: int) -> bool:
        return any(_overlaps(a, b) for a in gold.scored[i].spans for b in _ranges(preds[j]))

    pairs = match_pairs(g_tok, p_tok, allowed=overlap)
    t = Tally(articles=1, gold=len(gold.scored), tp=len(pairs))
    t.unmapped_records = gold.unmapped_records
    matched_g = {i for i, _, _ in pairs}
    matched_p = {j for _, j, _ in pairs}
    for i, j, _ in pairs:
        g, p = gold.scored[i], preds[j]
        if not is_named(g.speaker):
            continue
        t.named_matched += 1
        if speaker_right(g, p):
            t.named_right += 1
        else:
            t.wrong_speakers.append(
                {
                    "article": gold.article,
                    "gold_speaker": g.speaker,
                    "predicted_speaker": p.speaker,
                    "predicted_mention": p.speaker_mention,
                    "text": p.text,
                }
            )
    for i, g in enumerate(gold.scored):
        if i not in matched_g:
            t.fn += 1
            t.misses.append(
                {"article": gold.article, "speaker": g.speaker, "text": g.text, "kinds": g.kinds}
            )
    for j, p in enumerate(preds):
        if j in matched_p:
            continue
        if any(_overlaps(a, b) for a in _ranges(p) for b in gold.ignore):
            t.ignored += 1
            continue
        t.fp += 1
        t.false_positives.append({"article": gold.article, "speaker": p.speaker, "text": p.text})
    t.predicted = t.tp + t.fp
    return t


def evaluate(shared: Path, *, lexicon: Lexicon, articles: Sequence[str] | None = None) -> Tally:
    """Run the extractor over the PolNeAR test texts and score its direct quotes."""
    return evaluate_views(shared, lexicon=lexicon, articles=articles)[0]


def evaluate_views(
    shared: Path, *, lexicon: Lexicon, articles: Sequence[str] | None = None
) -> tuple[Tally, polnear_indirect.IndirectTally]:
    """Run the extractor over the PolNeAR test texts; score its direct quotes and its
    indirect ones."""
    bench = shared / SUBDIR
    raw_dir = bench / "raw"
    records = read_records(bench)
    who = polnear_raw.annotators(raw_dir)
    forms = polnear_raw.speech_forms()
    direct, indirect = Tally(), polnear_indirect.IndirectTally()
    for name in articles if articles is not None else sorted(records):
        raw = polnear_raw.read_article(raw_dir, name, who[name])
        for article in load_path(raw_dir / "text" / f"{name}.txt", lexicon=lexicon).articles:
            text = article.text
            quotes, _ = extract(article, lexicon=lexicon)
            direct.add(score_article(article_gold(name, text, records[name], raw), quotes))
            gold = polnear_raw.indirect_gold(text, raw, forms)
            indirect.add(
                polnear_indirect.score_article(
                    name, text, gold, raw, quotes, is_named=is_named,
                    speaker_right=lambda a, q, text=text: _attribution_speaker(text, a, q),
                )
            )  # fmt: skip
    return direct, indirect


def _attribution_speaker(text: str, att: polnear_raw.Attribution, q: Quote) -> bool:
    source = att.source or ()
    g = GoldQuote(
        attribution=att.id, record="raw", spans=att.content, text=att.text(text, att.content),
        speaker=att.text(text, source) if source else None,
        speaker_span=(source[0][0], source[-1][1]) if source else None, kinds=("indirect",),
    )  # fmt: skip
    return speaker_right(g, q)


# --- command line -----------------------------------------------------------------------


def _examples(title: str, items: Sequence[dict[str, Any]], n: int) -> list[str]:
    lines = [f"--- {title} ({len(items)}; showing {min(n, len(items))})"]
    for item in items[:n]:
        body = "  ".join(f"{k}={v!r}" for k, v in item.items() if k != "article")
        lines.append(f"[{item['article'][:40]}] {body}")
    return lines


def format_summary(s: dict[str, Any], i: dict[str, Any] | None = None) -> str:
    lines = [
        f"PolNeAR test, direct quotes: {s['articles']} articles, {s['gold']} gold, "
        f"{s['predicted']} predicted ({s['ignored_predictions']} more ignored)",
        f"direct      P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}   "
        f"tp {s['tp']} fp {s['fp']} fn {s['fn']}",
        f"speaker     accuracy {s['speaker_accuracy']:.3f} "
        f"({s['speaker_named_right']}/{s['speaker_named_matched']} matched quotes "
        "whose gold speaker is a name)",
    ]
    if i is not None:
        lines += [
            f"PolNeAR test, indirect quotes: {i['gold']} gold (speech attributions without "
            f"quotation marks), {i['predicted']} predicted ({i['ignored_predictions']} ignored)",
            f"indirect    P {i['precision']:.3f} R {i['recall']:.3f} F1 {i['f1']:.3f}   "
            f"matched {i['matched_gold']} fn {i['fn']}; right {i['right_predictions']} "
            f"fp {i['fp']}",
            f"speaker     accuracy {i['speaker_accuracy']:.3f} "
            f"({i['speaker_named_right']}/{i['speaker_named_matched']} matched indirect quotes "
            "whose gold speaker is a name)",
        ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared directory")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N", help="N examples of each")
    ap.add_argument("--article", action="append", help="only this article (repeatable)")
    args = ap.parse_args(argv)
    if not (args.shared / SUBDIR / "test.jsonl").is_file():
        print(f"no PolNeAR benchmark under {args.shared / SUBDIR}", file=sys.stderr)
        return 1
    tally, ind = evaluate_views(args.shared, lexicon=shipped(), articles=args.article)
    summary = tally.summary()  # the direct view's fields at the top, as before
    summary["indirect"] = ind_summary = ind.summary()
    n = args.show_errors
    if args.json:
        if n:
            for part, t in ((summary, tally), (ind_summary, ind)):
                part["examples"] = {
                    "misses": t.misses[:n],
                    "false_positives": t.false_positives[:n],
                    "wrong_speakers": t.wrong_speakers[:n],
                }
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return 0
    if n:
        lines = []
        for view, t in (("direct", tally), ("indirect", ind)):
            lines += _examples(f"{view}: missed gold quotes", t.misses, n)
            lines += _examples(f"{view}: false positives", t.false_positives, n)
            lines += _examples(f"{view}: wrong speakers (named gold)", t.wrong_speakers, n)
        print("\n".join(lines) + "\n")
    print(format_summary(summary, ind_summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
