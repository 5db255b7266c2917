"""Reported lists: an attribution that ends its paragraph with a colon, then bullets.

    According to the draft, as described by the mayor's office:
    • The ferry will sail twice a day.
    • Fares will stay as they are.

Each bullet is what the last speaker of the intro reported: one indirect quote per
item when the intro reports nothing of its own ("as described by X:", "X said:"),
and the items joined to the intro's clause when it has one ("X said the line would
reopen if the council:" then the conditions). A bullet in quotation marks is a
direct quote's business; a bullet with an attribution of its own speaks for itself.
"""

from __future__ import annotations

from talks.extract.document import Doc
from talks.extract.frames import Frame
from talks.extract.tokens import CUEW, PUNCT

_BULLETS = frozenset("•-–—*·▪●◦‣")
MAX_ITEMS = 30  # a reported list is short; a longer run of bullets is a page's menu


def list_intro(doc: Doc, frame: Frame) -> bool:
    """Is `frame` the last attribution of a sentence that ends its paragraph with a
    colon, followed by a bullet line?"""
    tk = doc.tk
    hi = doc.sent_bounds[frame.sentence][1]
    if tk.words[hi] != ":" or hi + 2 >= tk.n:
        return False
    if any(g.a > frame.a for g in doc.frames_in(frame.sentence) if not g.outlet_only):
        return False
    lo = doc.sent_bounds[frame.sentence][0]
    if tk.span_text(lo, hi).isupper():
        return False  # a section heading ("WHAT KYIV SAID:"), not an attribution
    nxt = hi + 1
    return doc.para_of_token[nxt] != doc.para_of_token[hi] and tk.words[nxt] in _BULLETS


def list_items(doc: Doc, frame: Frame) -> list[tuple[int, int]]:
    """Token ranges of the bullet items after the intro `frame` (see `list_intro`),
    bullets and trailing punctuation left out; items wholly inside quotation marks
    are skipped."""
    tk = doc.tk
    para = doc.para_of_token
    out: list[tuple[int, int]] = []
    k = doc.sent_bounds[frame.sentence][1] + 1
    while k < tk.n and tk.words[k] in _BULLETS and len(out) < MAX_ITEMS:
        if k > 0 and para[k - 1] == para[k]:
            break  # a bullet inside a line is no item
        a, e = k + 1, k
        while e + 1 < tk.n and para[e + 1] == para[k]:
            e += 1
        b = e
        while b >= a and tk.flags[b] & PUNCT and tk.quote[b] < 0:
            b -= 1
        own = any(tk.flags[j] & CUEW and tk.quote[j] < 0 for j in range(a, b + 1))
        quoted = all(tk.quote[j] >= 0 or tk.flags[j] & PUNCT for j in range(a, b + 1))
        if b >= a and not own and not quoted:  # (an item with a cue speaks for itself)
            out.append((a, b))
        k = e + 1
    return out
