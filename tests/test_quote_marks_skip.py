"""`quote_marks.segments` (passing over a paragraph with no mark while no quote is
open) against the reading of every paragraph it replaces, on random paragraphs of
marks of every style, words and ı İ ſ K ß, some of them with no mark at all."""

from __future__ import annotations

import random
from collections.abc import Sequence

from talks.extract.quote_marks import Segment, _opens_quote, _scan_paragraph, _trim, segments
from talks.extract.text import Range


def _segments_as_before(text: str, paragraphs: Sequence[Range]) -> list[Segment]:
    out: list[Segment] = []
    carry: tuple[int, int, int, bool] | None = None
    for index, para in enumerate(paragraphs):
        segs, pending, first_close = _scan_paragraph(text, para, index)
        pending_continues = False
        if carry is not None:
            c_start, c_mark, c_para, c_cont = carry
            s, e = _trim(text, c_start, paragraphs[c_para].end)
            if e > s:
                out.append(Segment(s, e, c_mark, -1, c_para, c_cont))
            body = text[para.start : para.end]
            lead = para.start + len(body) - len(body.lstrip())
            if not _opens_quote(text, c_mark, paragraphs[c_para].start):
                pass
            elif segs and segs[0].opened == lead:
                g = segs[0]
                segs[0] = Segment(g.start, g.end, g.opened, g.closed, index, True, g.single)
            elif not segs and pending is not None and pending[1] == lead:
                pending_continues = True
            elif first_close is not None and (not segs or segs[0].opened > first_close):
                s, e = _trim(text, para.start, first_close)
                if e > s:
                    out.append(Segment(s, e, -1, first_close, index, True))
            carry = None
        out.extend(segs)
        if pending is not None:
            carry = (pending[0], pending[1], index, pending_continues)
    if carry is not None:
        c_start, c_mark, c_para, c_cont = carry
        s, e = _trim(text, c_start, paragraphs[c_para].end)
        if e > s:
            out.append(Segment(s, e, c_mark, -1, c_para, c_cont))
    out.sort(key=lambda g: g.start)
    return out


_MARKS = [*"\"“”„‟«»‘’‚‛‹›'`", "''", "``"]
_WORDS = ["said", "Lavrov", "talks", ":", ",", ".", "ı", "İ", "ſ", "K", "ß", "6'3", "aren't"]


def test_segments_on_random_paragraphs() -> None:
    rng = random.Random(4)
    for _ in range(3000):
        lines = []
        for _ in range(rng.randrange(1, 7)):
            pool = _WORDS if rng.random() < 0.5 else _WORDS + _MARKS
            words = [rng.choice(pool) for _ in range(rng.randrange(1, 10))]
            lines.append(rng.choice(["", " "]).join(words))
        text = "\n".join(lines)
        paras, pos = [], 0
        for line in lines:
            if line.strip():
                paras.append(Range(pos, pos + len(line)))
            pos += len(line) + 1
        assert segments(text, paras) == _segments_as_before(text, paras)
