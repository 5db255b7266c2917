"""Attribution by layout on headline and label lines (GUIDELINES: headlines and
teasers carry a quote when their line names its source).

A headline line (a paragraph of its own, short, without a final full stop) with no
reporting cue attributes its claim by punctuation: "Speaker: claim" ("Kremlin:
no summit before a signed text"), "claim – Speaker" or "claim: Speaker"
("Türkiye will keep pushing for a cease-fire: Turkish foreign minister"). The
speaker must read as a person, a role, a body, a party or an outlet, and not as a
label ("Analysis:", "Photo:"); the claim is an indirect quote (its quoted words,
if any, are the direct quotes' business).
"""

from __future__ import annotations

from collections.abc import Iterator

from talks.extract.attribution import resolve
from talks.extract.document import Doc, Draft
from talks.extract.frames import Frame
from talks.extract.phrases import Phrase
from talks.extract.quotes_direct import COLON, source_line
from talks.extract.speakers import fold
from talks.extract.tokens import PUNCT

_DASHES = frozenset("—–-")
_SPEAKER_KINDS = frozenset({"name", "person", "group", "party", "outlet"})


def _speaker_phrase(doc: Doc, a: int, b: int) -> Phrase | None:
    """A phrase that covers tokens a..b exactly and names someone who can speak."""
    tk = doc.tk
    while a <= b and tk.flags[a] & PUNCT:
        a += 1  # a bullet
    if a > b or b - a > 7:
        return None
    p = doc.reader.phrase_after(a, b)
    if p is None or p.end != b or p.kind not in _SPEAKER_KINDS:
        return None
    labels = tk.vocab.words.get("non_speaker_labels", frozenset())
    if fold(tk.span_text(a, b)) in labels:
        return None
    return p


def layout_quotes(doc: Doc) -> list[Draft]:
    """Indirect quotes attributed by a headline line's punctuation."""
    tk = doc.tk
    out: list[Draft] = []
    for s in sorted(tk.headlines):
        if doc.frames_in(s):
            continue
        a, b = doc.sent_bounds[s]
        found = _lead(doc, a, b) or _tail(doc, a, b)
        if found is None:
            continue
        phrase, mark, (ca, cb) = found
        while ca <= cb and tk.flags[ca] & PUNCT and tk.quote[ca] < 0:
            ca += 1
        while cb >= ca and tk.flags[cb] & PUNCT and tk.quote[cb] < 0:
            cb -= 1
        words = sum(1 for k in range(ca, cb + 1) if not tk.flags[k] & PUNCT)
        if words < 2 or all(tk.quote[k] >= 0 or tk.flags[k] & PUNCT for k in range(ca, cb + 1)):
            continue  # nothing said, or a whole quotation (a direct quote's business)
        frame = Frame(mark, mark, COLON, s, subject=phrase)
        frame.speaker = resolve(tk, doc.tracker, frame)
        if frame.speaker is None:
            continue
        span = (tk.starts[ca], tk.ends[cb])
        out.append(Draft("indirect", [span], frame.speaker, frame, doc.para_of_token[a]))
    return out + _sourced(doc)


def _sourced(doc: Doc) -> list[Draft]:
    """ "The crossing will reopen on Monday. ¶ Source: Lithuanian border guard service":
    a paragraph with no attribution of its own reported by the source line under it."""
    tk = doc.tk
    out: list[Draft] = []
    for j in _indices(tk.low, "source", 2, tk.n - 2):
        if tk.words[j + 1] != ":" or doc.para_of_token[j - 1] == (doc.para_of_token[j]):
            continue
        a = j - 1
        while a > 0 and doc.para_of_token[a - 1] == doc.para_of_token[j - 1]:
            a -= 1
        if any(tk.quote[k] >= 0 for k in range(a, j)) or any(
            doc.frames_in(s) for s in range(tk.sentence[a], tk.sentence[j - 1] + 1)
        ):
            continue  # quoted (a direct quote's business) or attributed already
        frame = source_line(doc, a)
        if frame is None or frame.speaker is None:
            continue
        b = j - 1
        while b > a and tk.flags[b] & PUNCT:
            b -= 1
        out.append(
            Draft(
                "indirect", [(tk.starts[a], tk.ends[b])], frame.speaker, frame, doc.para_of_token[a]
            )
        )
    return out


def _indices(items: list[str], value: str, lo: int, hi: int) -> Iterator[int]:
    """Every index of `value` in items[lo:hi], found by `list.index` (the scan runs in C:
    a word most articles never use costs no loop over their tokens)."""
    j = lo
    while True:
        try:
            j = items.index(value, j, hi)
        except ValueError:
            return
        yield j
        j += 1


def _lead(doc: Doc, a: int, b: int) -> tuple[Phrase, int, tuple[int, int]] | None:
    """ "Kremlin: no summit before a signed text"."""
    tk = doc.tk
    for c in range(a + 1, min(b, a + 9)):
        if tk.words[c] == ":":
            p = _speaker_phrase(doc, a, c - 1)
            end = next((k - 1 for k in range(c + 1, b + 1) if tk.words[k] == "|"), b)
            return (p, c, (c + 1, end)) if p is not None else None  # ("| site name")
        if tk.flags[c] & PUNCT and tk.words[c] != ".":
            return None
    return None


def _tail(doc: Doc, a: int, b: int) -> tuple[Phrase, int, tuple[int, int]] | None:
    """ "Talks to resume next week – Peskov", "… cease-fire: Turkish foreign minister"."""
    tk = doc.tk
    for c in range(b - 1, max(a, b - 9), -1):
        w = tk.words[c]
        if w == ":" or (w in _DASHES and tk.quote[c] < 0 and tk.text[tk.ends[c]].isspace()):
            p = _speaker_phrase(doc, c + 1, b)
            return (p, c, (a, c - 1)) if p is not None else None
    return None
