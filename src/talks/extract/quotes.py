"""Direct and indirect quotes with their speakers: `extract_quotes`.

The article is read once (`document.read`): quoted stretches, tokens and word
classes, the people it names, and every reporting cue with its subject, the
speakers resolved in text order so that "he" and "the minister" find the
person meant. Direct quotes come from the quoted stretches
(`quotes_direct`), indirect ones from the reported clauses (`quotes_indirect`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from talks.extract import record_id
from talks.extract.dates import statement_date
from talks.extract.document import Draft, read
from talks.extract.positions import QuoteTopics
from talks.extract.quotes_direct import COLON, direct_quotes
from talks.extract.quotes_indirect import indirect_quotes
from talks.extract.quotes_layout import layout_quotes
from talks.extract.several import fan_out
from talks.extract.topic_lexicon import Hit, compiled, scan_signals
from talks.lexicon import Lexicon
from talks.models import Article, DateBasis, Quote

# A quote validated from a dict of its fields, its spans given as dicts of theirs: what
# `Quote(**fields)` does with `Span(**range)` records, without the Python frames of
# BaseModel.__init__ (the model's own validator makes the spans too)
_new_quote: Callable[[dict[str, object]], Quote] = Quote.__pydantic_validator__.validate_python

Dates = dict[tuple[int, int], tuple[dt.date | None, DateBasis]]


def _record(
    article: Article, draft: Draft, sentence_end: int, dates: Dates, topics: QuoteTopics | None
) -> Quote:
    text = article.text
    ranges = draft.spans
    spans = [{"start": s, "end": e} for s, e in ranges]  # (validated into a tuple)
    cue = cue_span = None
    at = ranges[0][0]
    sp = draft.speaker
    if draft.cue is not None:
        a, b = draft.cue
        cue_span = {"start": a, "end": b}
        cue = text[a:b]
        if a < at:
            at = a
    key = (at, sentence_end)
    dated = dates.get(key)
    if dated is None:  # a direct and an indirect quote of one cue share their date
        dated = dates[key] = statement_date(text, at, article.published, end=sentence_end)
    if len(ranges) == 1:
        s, e = ranges[0]
        words = text[s:e]
        ident = [article.id, f"{s}-{e}", draft.kind]
    else:
        words = " ".join([text[s:e] for s, e in ranges])
        ident = [article.id, ",".join([f"{s}-{e}" for s, e in ranges]), draft.kind]
    if draft.key:
        ident.append(draft.key)
    return _new_quote(
        {
            "id": record_id("q", "\x1f".join(ident)),  # the parts as one: the same id
            "article": article.article,
            "article_id": article.id,
            "path": article.path,
            "speaker": sp.name,
            "speaker_mention": sp.mention,
            "speaker_span": {"start": sp.start, "end": sp.end},
            "side": sp.side,
            "kind": draft.kind,
            "text": words,
            "spans": spans,
            "cue": cue,
            "cue_span": cue_span,
            "date": dated[0],
            "date_basis": dated[1],
            "topics": topics.of(words, ranges) if topics is not None else (),
        }
    )


def extract_quotes(
    article: Article,
    *,
    lexicon: Lexicon,
    topics: bool = False,
    signals: Sequence[Hit] | None = None,
) -> list[Quote]:
    """Every quote in `article`, direct and indirect, in text order; with their topic
    keys (`positions.topics_in`) when `topics` (`signals`: the topic signals of the whole
    text, when the caller has them: most quotes then need no scan of their own)."""
    if not article.text.strip():
        return []
    seen = None
    if topics:
        scanned = signals if signals is not None else scan_signals(compiled(lexicon), article.text)
        seen = QuoteTopics(article.text, scanned, lexicon=lexicon)
    doc = read(article, lexicon)
    drafts = fan_out(doc, direct_quotes(doc)) + indirect_quotes(doc) + layout_quotes(doc)
    drafts.sort(key=lambda d: (d.spans[0][0], d.kind))
    tk = doc.tk
    out = []
    dates: Dates = {}
    for d in drafts:
        if d.frame is not None:
            if d.frame.cue is not COLON:
                d.cue = (tk.starts[d.frame.a], tk.ends[d.frame.b])
            s_end = tk.ends[doc.sent_bounds[d.frame.sentence][1]]
        else:
            s_end = d.spans[-1][1]
        out.append(_record(article, d, s_end, dates, seen))
    return out
