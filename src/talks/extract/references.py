"""Stances on a proposition named elsewhere: appositives and references back.

- an appositive re-attributes the proposition before it: "Russia demands that
  Ukraine renounce NATO, something that Zelensky has already accepted," →
  Ukraine holds "renounce NATO" (nato, oppose);
- a verdict on a proposal named in a recent sentence: "Peskov said of that
  idea: it could be seen as a compromise" → Russia supports that topic;
- a cue whose object points back: "Ukraine wants a ceasefire, but Russia
  rejects it" → Russia opposes a ceasefire.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from talks.extract.stance_doc import Doc, Found, Spans, sign, stance_of
from talks.extract.topic_lexicon import Hit

APPOSITIVE = re.compile(
    r",\s+(?:something|a\s+(?:step|move|demand|condition))\s+(?:that|which)\b[^,;]*"
)
_SPACE = re.compile(r"\s+")
_LEAD = re.compile(r"\b\w[^.;:,“”\"]*$")
# "rejects it"; not the "that" of a clause ("signalled that Kyiv would …")
_OBJECT_IT = re.compile(
    r"\s+(?:it|this|that|them)\b"
    r"(?!\s+(?:is|was|would|will|the|a|an|he|she|it|they|we|i|there|this|these|those|his|her"
    r"|its|their|our|some|no|all|every|any|(?-i:[A-Z])\w*)\b)",
    re.I,
)
# the letters that begin "it", "this", "the", "such" ... under re.I (İ ı ſ match i i s)
_OBJECT_FIRST = frozenset("iItTsSİıſ")


def appositives(
    doc: Doc,
    s_lo: int,
    s_hi: int,
    found: list[Found],
    matches: Sequence[re.Match[str]] | None = None,
) -> list[Found]:
    """ "…, something that Zelensky has already accepted,": the proposition before, re-held.
    (`matches`: the APPOSITIVE matches of the sentence, when the caller has them.)"""
    out: list[Found] = []
    if matches is None:
        matches = list(APPOSITIVE.finditer(doc.text, s_lo, s_hi))
    for m in matches:
        before = [f for f in found if f.signal_end <= m.start()]
        cues = doc.cue_index.within(m.start(), m.end())
        if not before or not cues:
            continue
        prop, cue = before[-1], cues[0]
        i = bisect.bisect_left(doc.mention_starts, m.start())
        subject = next(
            (x for x in doc.mentions[i:] if x.start < cue.start and x.subject and x.kind != "bare"),
            None,
        )
        if subject is None:
            continue
        actor = doc.actor_for(subject, None, s_lo)
        if actor is None:
            continue
        negs = doc.negations_in(subject.end, cue.start)
        total = prop.inner * sign(doc.comp.cue_info[cue.index].kind) * (-1 if negs % 2 else 1)
        out.append(
            Found(actor, prop.topic, stance_of(total), False, m.start(), cue.end, None, total, 0)
        )
    return out


def references(
    doc: Doc,
    s_lo: int,
    s_hi: int,
    masks: Spans,
    recent: list[str],
    signals: list[Hit],
) -> list[Found]:
    """Stances in clauses with no topic of their own that point back to one."""
    text = doc.text
    has_anaphor: bool | None = None  # looked up only when a verdict needs it
    out: list[Found] = []
    cue_info = doc.comp.cue_info
    for cue in doc.cue_index.within(s_lo, s_hi):
        if masks and inside(cue.start, masks):
            continue
        info = cue_info[cue.index]
        verdict = info.verdict
        if info.kind == "neutral":
            continue
        # (the cheap tests first: most cues point back to nothing, and need no clause)
        if verdict:
            if signals:
                continue  # (a topic in the sentence: in the clause, or no verdict on one)
            if has_anaphor is None:
                has_anaphor = doc.comp.anaphor.search(text, s_lo, s_hi) is not None
            if not has_anaphor:
                continue
        else:
            end = cue.end
            if not text[end : end + 1].isspace():
                continue  # (both objects below begin after white space,
            after = text[end + 1 : end + 2]
            if after not in _OBJECT_FIRST and not after.isspace():
                continue  # with a word of one of these letters)
            if not _OBJECT_IT.match(text, end):
                ws = _SPACE.match(text, end)
                if ws is None or not doc.comp.object_ref.match(text, ws.end()):
                    continue
        c_lo, c_hi = doc.clause_of(cue.start, s_lo, s_hi)
        if any(c_lo <= s.start < c_hi for s in signals):
            continue  # the clause names its own topic
        earlier = [s for s in signals if s.end <= cue.start]
        if earlier:
            topic = doc.comp.signal_info[earlier[-1].index].topic
        elif verdict:  # "that idea … a compromise": a proposal named a little earlier
            topic = next((t for t in recent if t), "")
        else:  # "Rubio denied it": "it" is what the sentence before said, topic or none
            topic = recent[0] if recent else ""
        if not topic:
            continue
        found = _reference(doc, cue, topic, s_lo, s_hi, c_lo)
        if found is not None:
            out.append(found)
            if verdict:
                break  # one verdict per sentence
    return out


def inside(pos: int, spans: Spans) -> bool:
    return any(a <= pos < b for a, b in spans)


def _reference(doc: Doc, cue: Hit, topic: str, s_lo: int, s_hi: int, c_lo: int) -> Found | None:
    quoted = doc.quote_at(cue.start)
    lo = quoted[1].start if quoted else c_lo
    subject = doc.subject_before(lo, cue.start)
    if subject is None and quoted is None and c_lo > s_lo:
        subject = doc.subject_before(s_lo, c_lo)
    if subject is None and quoted is None:
        subject = doc.attribution_after(cue.end, s_hi)
    actor = doc.actor_for(subject, quoted[0] if quoted else None, c_lo)
    if actor is None:
        return None
    neg_lo = subject.end if subject is not None and subject.end < cue.start else lo
    negs = doc.negations_in(neg_lo, cue.start)
    total = sign(doc.comp.cue_info[cue.index].kind) * (-1 if negs % 2 else 1)
    if subject is not None and subject.start >= lo:
        start = subject.start
    else:  # the words leading to the cue: "could really be seen as a compromise"
        lead = _LEAD.search(doc.text, max(lo, cue.start - 40), cue.start)
        start = lead.start() if lead else cue.start
    end = cue.end
    obj = _OBJECT_IT.match(doc.text, cue.end)
    ws = _SPACE.match(doc.text, cue.end)
    ref = doc.comp.object_ref.match(doc.text, ws.end()) if ws else None
    if obj or ref:
        end = (obj or ref).end()  # type: ignore[union-attr]
    source = quoted[0] if quoted else None
    return Found(actor, topic, stance_of(total), False, start, end, source, total, cue.end)
