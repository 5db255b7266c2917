"""Indirect quotes: the reported clause of every attribution frame.

The content runs forward from the cue (after an addressee, adjuncts and
"that") to the end of the reported clause: the sentence end, a semicolon, a
contrasting clause (", while …"), or the next attribution. A frame that closes
its sentence ("…, Western officials said", "…, according to X") reports what
stands before it; one set between commas ("Russia, he says, is …") reports the
words on both sides. A clause counts when it has at least four words outside
quotation marks; a bare country as the subject of a stance or belief verb
states a position, not a quote.
"""

from __future__ import annotations

from talks.extract.attribution import forward_start
from talks.extract.document import Doc, Draft
from talks.extract.frames import ADJUNCT_STARTS, QUOTE_PUNCT, Frame
from talks.extract.speakers import fold
from talks.extract.tokens import CAP, CUEW, FINITE, OUTLET, PUNCT

MIN_OUTSIDE_WORDS = 4  # a clause with a quoted fragment (a mixed quote)
MIN_PLAIN_WORDS = 2  # a clause or speech-act object without one ("called for a truce")
_BULLETS = frozenset("•-–—*·▪●")
_OPENERS = frozenset("“„‟«‘‚‛‹")
_STOPS = frozenset(".!?")


def _trim(doc: Doc, a: int, b: int) -> tuple[int, int]:
    tk = doc.tk
    coordinators = tk.vocab.words.get("coordinators", frozenset())
    while a <= b and (tk.words[a] in _BULLETS or tk.words[a] in (",", ":", ";")):
        a += 1
    while b >= a and (
        (tk.flags[b] & PUNCT and tk.words[b] not in QUOTE_PUNCT)
        or tk.low[b] in coordinators
        or (tk.flags[b] & FINITE and not tk.flags[b] & CAP)  # "… and has" (not "in May")
        or tk.words[b] in _OPENERS
    ):
        b -= 1
    return a, b


def _content_end(doc: Doc, frame: Frame, start: int, hi: int) -> int:
    """Last token of the clause a frame reports, starting at `start`."""
    tk = doc.tk
    words = tk.vocab.words
    breaks = words.get("clause_breaks", frozenset())
    relay = words.get("relay_cues", frozenset())
    coordinators = words.get("coordinators", frozenset())
    end = hi
    for g in doc.frames_in(frame.sentence):
        if g is frame or g.start <= start:
            continue
        lead = g.start - 1
        own_subject = (
            g.parent is None and g.subject is not None and not g.inverted and g.start - start < 8
        ) and not any(
            tk.flags[j] & (PUNCT | FINITE | CUEW) for j in range(start, g.start)
        )  # "According to X, Helsinki and Tallinn agreed …": the clause's own subject
        nested = own_subject or (
            g.parent is None
            and g.subject is not None
            and not g.inverted
            and not tk.flags[lead] & PUNCT
            and tk.low[lead] not in coordinators
        )
        if not nested:  # "… that the campaign believes …" stays inside the clause
            end = min(end, g.start - 1)
    for k in range(start, end + 1):
        w = tk.words[k]
        if w == ";" or (w in ("—", "–") and k > start and tk.quote[k] < 0):
            return k - 1
        if (
            w == ","
            and k + 1 <= end
            and (tk.low[k + 1] in breaks or tk.low[k + 1] in relay)
            and (tk.low[k + 1] in relay or any(tk.flags[j] & FINITE for j in range(start, k)))
        ):
            return k - 1  # (", despite …" after a subject alone is an aside)
    return end


def _after_frame(doc: Doc, frame: Frame, hi: int) -> tuple[str, int]:
    """What follows a frame up to its sentence end: "end", or ("more", first token
    after the comma that closes a parenthetical frame), or ("clause", -1)."""
    tk = doc.tk
    k = (frame.relay.end if frame.relay is not None else frame.end) + 1
    while k <= hi:
        w = tk.words[k]
        if w == ",":
            rest = range(k + 1, hi + 1)
            outlet = any(g.outlet_only and g.start > k for g in doc.frames_in(frame.sentence))
            if outlet or not any(tk.flags[j] & (FINITE | CUEW) for j in rest):
                return "end", -1
            return "more", k + 1
        if tk.flags[k] & (FINITE | CUEW) or tk.quote[k] >= 0:
            return "clause", -1
        k += 1
    return "end", -1


def _parts(doc: Doc, frame: Frame) -> list[tuple[int, int]]:
    tk = doc.tk
    lo, hi = doc.sent_bounds[frame.sentence]
    if id(frame) not in doc.used_post:
        start = forward_start(tk, doc.reader, frame, hi)
        if start is not None:
            return [(start, _content_end(doc, frame, start, hi))]
    comma = frame.start - 1
    close = comma
    if comma > lo + 1 and tk.words[comma] in QUOTE_PUNCT and tk.words[comma - 1] == ",":
        comma -= 1  # 'a step toward “a regime both sides can live with,” the envoy said'
    if comma <= lo or tk.words[comma] != ",":
        return []
    how, after = _after_frame(doc, frame, hi)
    if how == "clause":
        return []
    earlier = any(g.end < comma and not g.outlet_only for g in doc.frames_in(frame.sentence))
    if earlier and (how != "end" or frame.subject is None or id(frame) in doc.used_post):
        return []  # (a closing attribution takes the whole sentence, reports in it too)
    if tk.low[lo] in ADJUNCT_STARTS and not any(
        tk.flags[k] & (FINITE | CUEW) or tk.quote[k] >= 0 for k in range(lo, comma)
    ):
        return []  # "At a briefing in Gdańsk, Kowalski said, “…”": an adjunct, no clause
    for k in range(comma - 2, lo, -1):  # a sentence break missed before « … »
        if tk.words[k] in _OPENERS and tk.words[k - 1] in _STOPS:
            lo = k
            break
    if close != comma and all(tk.quote[k] >= 0 or tk.flags[k] & PUNCT for k in range(lo, comma)):
        return []  # "“A,” Umerov said, adding …": the quotation alone is no clause
    if frame.speaker is not None and _about_speaker(doc, lo, frame.speaker.name):
        return []  # "Medinsky preferred not to …, “…,” Medinsky concluded": narration
    parts = [(lo, comma - 1 if close == comma else close)]
    if how == "more":
        parts.append((after, _content_end(doc, frame, after, hi)))
    return parts


def _about_speaker(doc: Doc, lo: int, name: str) -> bool:
    """The clause before a closing attribution is about its own speaker."""
    lo = _trim(doc, lo, lo + 6)[0]
    p = doc.reader.phrase_after(lo, min(lo + 6, doc.tk.n - 1))
    if p is None or p.kind != "name" or not name:
        return False
    return fold(name).split()[-1] in fold(doc.tk.span_text(p.start, p.end)).split()


def _spans(doc: Doc, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of a reported clause, or [] with too few words of its own."""
    tk = doc.tk
    spans: list[tuple[int, int]] = []
    outside = 0
    for a, b in parts:
        a, b = _trim(doc, a, b)
        if b < a:
            continue
        outside += sum(1 for k in range(a, b + 1) if tk.quote[k] < 0 and not tk.flags[k] & PUNCT)
        spans.append((tk.starts[a], tk.ends[b]))
    mixed = any(
        tk.quote[k] >= 0 or tk.words[k] in QUOTE_PUNCT for a, b in parts for k in range(a, b + 1)
    )
    return spans if outside >= (MIN_OUTSIDE_WORDS if mixed else MIN_PLAIN_WORDS) else []


def indirect_quotes(doc: Doc) -> list[Draft]:
    """Reported speech of every frame whose clause has enough words of its own."""
    tk = doc.tk
    direct_only = tk.vocab.words.get("direct_only_cues", frozenset())
    out: list[Draft] = []
    for frame in doc.frames:
        if frame.outlet_only or frame.speaker is None or frame.cue.lemma in direct_only:
            continue
        subject = frame.subject
        if (  # a country's demands, offers and beliefs are positions, not quotes
            subject is not None
            and subject.kind == "party"
            and frame.relay is None
            and frame.cue.kind != "speech"
        ):
            continue
        # "said A, and that B" stays one quote: the gold keeps a second reported
        # clause of the same speech act with the first.
        spans = _spans(doc, _parts(doc, frame))
        if spans:
            out.append(Draft("indirect", spans, frame.speaker, frame, doc.para_of_token[frame.a]))
    return _outermost(doc, out)


def _outermost(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """A report nested in another's reported clause ("Lavrov said Kyiv had proposed X",
    "According to Tamm, Laine said …") is part of that quote, not one of its own."""
    tk = doc.tk
    dropped: set[int] = set()
    for d in drafts:
        assert d.frame is not None
        at = tk.starts[d.frame.a]
        for e in drafts:
            if e is d or e.frame is d.frame.parent or not any(s <= at < t for s, t in e.spans):
                continue
            if _by_outlet(doc, e) and not _by_outlet(doc, d):
                dropped.add(id(e))  # "Nordwire reports Tamm said …": Tamm speaks
            else:
                dropped.add(id(d))
    return [d for d in drafts if id(d) not in dropped]


def _by_outlet(doc: Doc, d: Draft) -> bool:
    """Spoken by a news outlet ("Nordwire reports", "the Interfax news agency reported")."""
    f = d.frame
    if f is None or f.subject is None:
        return False
    p = f.subject
    return p.kind == "outlet" or any(doc.tk.flags[k] & OUTLET for k in range(p.start, p.end + 1))
