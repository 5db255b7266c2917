"""Lists introduced by a colon: each item inherits the holder and stance of its intro.

    Peskov said Russia would halt its military action if Ukraine:
    • acknowledged Crimea as Russian territory;
    • recognised the separatist republics as independent states.

    The plan drafted by U.S. envoys includes:
    - Ukraine's army capped at 600,000;
    - Ukraine renounces NATO membership.

An item's own words give the stance on its proposition ("renounces NATO
membership": against `nato`); the intro says whose view it is and how it holds
it: a condition ("… if Ukraine:") makes every item a precondition the main
clause's holder supports, conditionally; a cue ("demands:", "includes:", "the
Ukrainian proposals:") multiplies in; a document with a known author ("the
plan's key points:") holds its items. The item's own subject is the one the
proposition is about, not its holder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from talks.extract.actors import Actor
from talks.extract.stance import Doc, Found, item_sign, kind_of, sign, stance_of
from talks.extract.stance_shapes import agents_after
from talks.extract.text import paragraph_ranges, sentence_ranges
from talks.models import Quote

BULLET = re.compile(r"[ \t]*(?:[•▪●◦‣*–—-]|\d{1,2}[.)])[ \t]+")
_IF_CLAUSE = re.compile(r"if|only|unless|provided|on\s|as\s+long", re.I)
_MAX_EVIDENCE = 140


@dataclass(slots=True)
class Intro:
    """Whose view the items of a list are, and how: +1/-1, tied to a condition or not."""

    actors: list[Actor]
    sign: int
    conditional: bool
    quote: Quote | None


def list_items(doc: Doc) -> dict[tuple[int, int], Intro]:
    """The item paragraphs of every colon-introduced list with a holder, and their intro."""
    text = doc.text
    out: dict[tuple[int, int], Intro] = {}
    intro: Intro | None = None
    for lo, hi in paragraph_ranges(text):
        if intro is not None and BULLET.match(text, lo):
            out[(lo, hi)] = intro
            continue
        intro = None
        if text[lo:hi].rstrip().endswith(":"):
            last = sentence_ranges(text, [(lo, hi)])[-1]
            intro = _intro(doc, last[0], last[1])
    return out


def _intro(doc: Doc, lo: int, hi: int) -> Intro | None:
    text = doc.text
    quoted = doc.quote_at(hi - 2)
    q = quoted[0] if quoted else None
    cues = [
        c
        for c in doc.cue_index.within(lo, hi)
        if not doc.comp.cue_info[c.index].verdict and kind_of(doc.comp, c) != "neutral"
    ]
    conds = [
        c
        for c in doc.condition_index.within(lo, hi)
        if _IF_CLAUSE.match(text, c.start) and not any(x.start > c.start for x in cues)
    ]
    if conds:  # "Russia would halt … if Ukraine:": preconditions of the main clause
        cond = conds[-1]
        subject = doc.subject_before(lo, cond.start)
        if subject is None:
            subject = doc.attribution_after(cond.end, hi)
        actor = doc.actor_for(subject, q, lo)
        return Intro([actor], 1, True, q) if actor is not None else None
    if cues:  # "Moscow demands:", "the Ukrainian proposals include:"
        head = cues[0]
        total = 1
        for c in cues:
            total *= sign(kind_of(doc.comp, c))
        holders = agents_after(doc, head.end, of=True)
        if not holders:
            before = doc.mention_before(head.start)
            subject = before if before is not None and before.start >= lo else None
            subject = subject or doc.subject_before(lo, head.start)
            subject = subject or doc.document_before(head.start)
            holders = [subject] if subject is not None else []
        actors = [a for m in holders if (a := doc.actor_for(m, q, lo)) is not None]
        if not actors and q is not None and doc.actor_for(None, q, lo) is not None:
            actors = [doc.actor_for(None, q, lo)]  # type: ignore[list-item]
        return Intro(actors, total, False, q) if actors else None
    party = doc.subject_before(lo, hi) or doc.mention_before(text.rindex(":", lo, hi))
    if (
        party is not None
        and party.kind == "party"
        and not text[lo : party.start].strip(" \t•▪●*–—-")
        and not text[party.end : hi].strip(" \t:")
    ):  # "Russia:" heading its items in an explainer: what that party wants
        actor = doc.actor_for(party, q, lo)
        return Intro([actor], 1, False, q) if actor is not None else None
    document = doc.document_before(hi)
    if document is not None and document.start >= lo:  # "The plan's key points:"
        actor = doc.actor_for(document, q, lo)
        return Intro([actor], 1, False, q) if actor is not None else None
    return None


def item_positions(doc: Doc, lo: int, hi: int, intro: Intro) -> list[Found]:
    """The positions of one list item, held as its intro says."""
    text = doc.text
    bullet = BULLET.match(text, lo)
    start = bullet.end() if bullet else lo
    out: list[Found] = []
    for sig in doc.signal_index.starting(start, hi):
        own = item_sign(doc, sig, start, hi)
        if own is None:
            continue
        total = intro.sign * own
        first = start if sig.end - start <= _MAX_EVIDENCE else sig.start
        topic = doc.comp.signal_info[sig.index].topic
        for actor in intro.actors:
            out.append(
                Found(
                    actor,
                    topic,
                    stance_of(total),
                    intro.conditional,
                    first,
                    sig.end,
                    intro.quote,
                    own,
                    sig.end,
                )
            )
    return out
