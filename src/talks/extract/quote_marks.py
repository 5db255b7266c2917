"""Quoted stretches: pairing quotation marks over paragraphs, robust to bad marks.

Every common style is read: “ ” ‘ ’ « » „ “ ‹ › and straight " ' (also the
'' `` of wire copy). A mark's direction comes from its glyph and, for straight
or misused marks, from what flanks it. Single quotes count only outside double
quotes (headline style), and never inside a word (Russia’s, aren't) or as the
plural possessive that ends a word (negotiators’) unless a single quote is open.

Damage stays local: marks pair within one paragraph; a stray opener is dropped
when a new opener shows it was never closed; an opening mark still open at the
end of a paragraph runs to that paragraph's end (a quote cut off by the end of
the text) or, news style, continues into the next paragraph when that one opens
with a quotation mark again, or when the next paragraph holds its closing mark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from talks.extract.text import Range
from talks.models import Span

# Any mark, a doubled '' or `` read as one. (Written to begin with one character class:
# the engine then skips in C to the next mark instead of trying every position; a lone
# backtick it finds is no mark, `_scan_paragraph` passes over it.)
_MARK = re.compile(r"[\"“”„‟«»‘’‚‛‹›'`](?:(?<=')'|(?<=`)`)?")
_OPEN_DOUBLE = frozenset("“„‟«") | {"``"}
_CLOSE_DOUBLE = frozenset("”»")
_AMBIG_DOUBLE = frozenset('"') | {"''"}
_OPEN_SINGLE = frozenset("‘‚‛‹")
_CLOSE_SINGLE = frozenset("’›")
_AMBIG_SINGLE = frozenset("'")
_LEFT_CONTEXT = frozenset(" \t\n([{—–-/:;") | _OPEN_DOUBLE | frozenset("\"'‘")
_RIGHT_CONTEXT = frozenset(" \t\n)]}.,;:!?—–-/…") | _CLOSE_DOUBLE | frozenset("\"'’")


@dataclass(slots=True, unsafe_hash=True)  # immutable by convention: frozen ones are slow to build
class Segment:
    """The content of one pair of marks inside one paragraph (marks left out).

    `opened`/`closed` are the offsets of the marks (-1 when the mark is missing:
    a quote running on from the previous paragraph or to the paragraph's end).
    `continues` is True when this segment carries on the previous segment's quote
    across a paragraph break.
    """

    start: int
    end: int
    opened: int
    closed: int
    paragraph: int
    continues: bool = False
    single: bool = False

    @property
    def span(self) -> Span:
        return Span(start=self.start, end=self.end)


def _flanks(text: str, at: int, width: int) -> tuple[bool, bool]:
    """(left-flanking, right-flanking): could the mark at `at` open / close a quote?"""
    before = text[at - 1] if at > 0 else " "
    after = text[at + width] if at + width < len(text) else " "
    opens = before in _LEFT_CONTEXT and not after.isspace()
    closes = not before.isspace() and (after in _RIGHT_CONTEXT or after.isspace())
    return opens, closes


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _scan_paragraph(
    text: str, para: Span | Range, index: int
) -> tuple[list[Segment], tuple[int, int] | None, int | None]:
    """Pair marks in one paragraph. Returns the segments, (content start, mark) of a
    double quote still open at its end, and the offset of the first closing double
    mark that comes before any opener (a quote carried over from above)."""
    segs: list[Segment] = []
    open_at: int | None = None  # content start of the pending double quote
    open_mark = -1
    open_glyph = ""
    single_at: int | None = None
    single_mark = -1
    first_close: int | None = None
    # French style « … »: a » never opens when the paragraph has a «
    french = text.find("«", para.start, para.end) != -1
    for m in _MARK.finditer(text, para.start, para.end):
        glyph = m.group()
        if glyph == "`":
            continue
        at = m.start()
        width = len(glyph)
        is_double = glyph in _OPEN_DOUBLE or glyph in _CLOSE_DOUBLE or glyph in _AMBIG_DOUBLE
        if is_double:
            if glyph == '"' and at > 0 and text[at - 1].isdigit():
                continue  # an inch mark: 6'3"
            opens, closes = _flanks(text, at, width)
            if open_at is None:
                if glyph in _CLOSE_DOUBLE and not (opens and not closes):
                    if first_close is None and not segs and single_at is None:
                        first_close = at
                    continue  # a closing mark with nothing open: stray
                if glyph in _AMBIG_DOUBLE and not opens:
                    if first_close is None and not segs and closes:
                        first_close = at
                    continue
                if glyph == "»" and (french or not opens):
                    continue
                if glyph != "«" and at + width < para.end and text[at + width].isspace():
                    continue  # an opening mark with nothing after it: stray
                open_at, open_mark, open_glyph = at + width, at, glyph
                single_at = None  # a double quote swallows any pending single one
                continue
            # a double quote is open
            if open_glyph == "«" and glyph != "»":
                continue  # inside guillemets, other marks are nested quotes
            is_closer = (
                glyph in _CLOSE_DOUBLE
                or (glyph in _AMBIG_DOUBLE and (closes or not opens))
                or (glyph == "“" and open_glyph == "„")
                or (glyph in _OPEN_DOUBLE and closes and not opens)
            )
            if is_closer:
                s, e = _trim(text, open_at, at)
                if e > s:
                    segs.append(Segment(s, e, open_mark, at, index))
                open_at = None
            elif glyph in _OPEN_DOUBLE or (glyph in _AMBIG_DOUBLE and opens):
                open_at, open_mark, open_glyph = at + width, at, glyph  # earlier opener was stray
            continue
        if open_at is not None:
            continue  # single quotes inside double quotes are nested: not kept
        before = text[at - 1] if at > 0 else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # an apostrophe inside a word
        opens, closes = _flanks(text, at, 1)
        if single_at is None:
            if (glyph in _OPEN_SINGLE or glyph in _AMBIG_SINGLE) and opens and after.isalnum():
                single_at, single_mark = at + 1, at
            continue
        if (glyph in _CLOSE_SINGLE or glyph in _AMBIG_SINGLE) and closes:
            s, e = _trim(text, single_at, at)
            if e > s:
                segs.append(Segment(s, e, single_mark, at, index, single=True))
            single_at = None
        elif (glyph in _OPEN_SINGLE) and opens and after.isalnum():
            single_at, single_mark = at + 1, at
    return segs, (open_at, open_mark) if open_at is not None else None, first_close


def _opens_quote(text: str, mark: int, para_start: int) -> bool:
    """Does the mark open a quotation that may run on: at the paragraph start or after
    a colon or comma ("He said: “…")? A stray mark mid-sentence does not."""
    before = text[para_start:mark].rstrip()
    return not before or before[-1] in ":,—–-"


def segments(text: str, paragraphs: Sequence[Span | Range]) -> list[Segment]:
    """Every quoted stretch in `paragraphs` (in order), across paragraph breaks."""
    out: list[Segment] = []
    # a double quote left open: (content start, opening mark, paragraph, continues)
    carry: tuple[int, int, int, bool] | None = None
    search = _MARK.search
    for index, para in enumerate(paragraphs):
        if carry is None and search(text, para.start, para.end) is None:
            continue  # (no mark and no quote open: nothing to pair)
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
                pass  # a mark opened mid-sentence and never closed: no running quote
            elif segs and segs[0].opened == lead:
                g = segs[0]  # news style: the next paragraph opens the quote again
                segs[0] = Segment(g.start, g.end, g.opened, g.closed, index, True, g.single)
            elif not segs and pending is not None and pending[1] == lead:
                pending_continues = True
            elif first_close is not None and (not segs or segs[0].opened > first_close):
                s, e = _trim(text, para.start, first_close)  # one pair over a break
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
