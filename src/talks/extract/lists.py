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

A list with no colon intro that follows a document with a known author (an
explainer: "the US 28-point plan … Here is what we know." then headed runs of
bullets) lists that document's contents: each item is the author's position
(GUIDELINES: documents hold their author's positions), unless the item voices a
view of its own ("• Russia said it would …", "• Kyiv offered …"). Headings
between runs keep the document; prose ends it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from talks.extract.actors import Actor
from talks.extract.stance import Doc, Found, item_sign, kind_of, sign, stance_of
from talks.extract.stance_doc import TOKEN
from talks.extract.stance_shapes import agents_after
from talks.extract.text import paragraph_ranges, sentence_ranges
from talks.models import Quote

BULLET = re.compile(r"[ \t]*(?:[•▪●◦‣*–—-]|\d{1,2}[.)])[ \t]+")
_IF_CLAUSE = re.compile(r"if|only|unless|provided|on\s|as\s+long", re.I)
_MAX_EVIDENCE = 140
_SCOPE_PARAGRAPHS = 3  # prose paragraphs between a document and the list describing it
_HEADING_WORDS = 8  # a heading: a short line with no closing punctuation
_HEADING_END = re.compile(r"[.!?:;,”\"’'»)]\s*$")
# a modal between a party and its verb makes the item a provision, not the party's act:
# "• Ukraine would enshrine …" (the plan's) vs "• Ukraine offered …" (Ukraine's own)
_MODAL = re.compile(r"would|will|could|should|shall|may|might|must|can|cannot", re.I)
# a colon inside a sentence that opens a list (not a clock time, not the sentence's end)
# (the colon first, the digit before it looked back at only then: the engine skips ahead
# to the colons in C instead of trying every position of the sentence)
_INLINE_COLON = re.compile(r":(?<!\d:)(?=\s+\S)")
_ITEM_SEP = re.compile(r"[,;]\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+")
# a list of red lines states its holder's terms, each in its own words: "Kyiv's red lines:
# no recognition of …, security guarantees …" (not, as a predicate, "X is a red line")
_TERMS = re.compile(r"red\s+lines?\b", re.I)
_QUESTION = re.compile(r"\?[”\"’'»)]*\s*$")
_VOICE_GAP = 4
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.I)  # words between a party and its own verb


@dataclass(slots=True)
class Intro:
    """Whose view the items of a list are, and how: +1/-1, tied to a condition or not."""

    actors: list[Actor]
    sign: int
    conditional: bool
    quote: Quote | None
    document: bool = False  # a document's contents: items that voice their own view keep it


def list_items(doc: Doc) -> dict[tuple[int, int], Intro]:
    """The item paragraphs of every list with a holder, and their intro: a colon intro,
    else the document the list describes."""
    text = doc.text
    out: dict[tuple[int, int], Intro] = {}
    intro: Intro | None = None
    scope: Intro | None = None  # the document of the last run of items, kept over headings
    paras = paragraph_ranges(text)
    in_run = False
    for idx, (lo, hi) in enumerate(paras):
        if BULLET.match(text, lo):
            if intro is not None:
                out[(lo, hi)] = intro
                continue
            if not in_run and scope is None:
                scope = _document_scope(doc, paras, idx)
            in_run = True
            if scope is not None:
                out[(lo, hi)] = scope
            continue
        in_run = False
        intro = None
        if scope is not None and not heading(text, lo, hi):
            scope = None  # (asked only while a scope is kept)
        if _ends_in_colon(text, lo, hi):
            last = sentence_ranges(text, [(lo, hi)])[-1]
            intro = _intro(doc, last[0], last[1])
    return out


def _ends_in_colon(text: str, lo: int, hi: int) -> bool:
    """Whether `text[lo:hi]` ends in a colon before trailing white space (sliced only
    when it holds a colon: most paragraphs hold none)."""
    return text.find(":", lo, hi) >= 0 and text[lo:hi].rstrip().endswith(":")


def heading(text: str, lo: int, hi: int) -> bool:
    """A short line with no closing punctuation ("Territory", "WHAT THE DOCUMENT SAYS")."""
    line = text[lo:hi].strip()
    return (
        bool(line)
        # (words counted up to one past the limit: a paragraph is not split whole)
        and len(line.split(None, _HEADING_WORDS)) <= _HEADING_WORDS
        and not _HEADING_END.search(line)
        and not BULLET.match(line)
    )


def _document_scope(doc: Doc, paras: list[tuple[int, int]], idx: int) -> Intro | None:
    """The author of the document named in the few paragraphs before a list with no
    intro (headings passed over), when the list describes it."""
    text = doc.text
    prose = 0
    for lo, hi in reversed(paras[max(0, idx - 2 * _SCOPE_PARAGRAPHS) : idx]):
        if BULLET.match(text, lo):
            return None  # another list: its items are its own
        m = doc.document_in(lo, hi)
        if m is not None:
            actor = doc.actor_for(m, None, lo)
            return Intro([actor], 1, False, None, document=True) if actor is not None else None
        if not heading(text, lo, hi):
            prose += 1
            if prose >= _SCOPE_PARAGRAPHS:
                return None
    return None


def own_voice(doc: Doc, lo: int, hi: int) -> bool:
    """True when an item of a document's list voices a view of its own: a party or person
    followed by a speech verb or stance cue of its own ("• Russia said …", "• Kyiv
    offered …"), not a provision ("• Ukraine would …")."""
    text = doc.text
    for acc in _ACCORDING.finditer(text, lo, hi):  # "• According to Peskov, …"
        m = doc.mention_at(acc.end())
        if m is None or not m.document:
            return True
    for m in doc.mentions_in(lo, hi):
        if m.kind not in ("party", "person") or not m.subject or m.document:
            continue
        for k, w in enumerate(TOKEN.finditer(text, m.end, hi)):
            word = w.group().lower()
            if k >= _VOICE_GAP or _MODAL.fullmatch(word):
                break
            if word in doc.comp.speech_verbs or doc.cue_index.starting(w.start(), w.start() + 1):
                return True
    return False


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
            if not _TERMS.match(text, c.start):
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
    if document is None or document.start < lo:  # "According to the text, …:"
        document = doc.document_in(lo, hi)
    if document is not None and document.start >= lo:  # "The plan's key points:"
        actor = doc.actor_for(document, q, lo)
        return Intro([actor], 1, False, q) if actor is not None else None
    return None


def inline_items(doc: Doc, lo: int, hi: int) -> tuple[int, list[Found]] | None:
    """A list run on after a colon inside one sentence: "Moscow's demands are clear: a
    neutral Ukraine, no NATO membership and recognition of Crimea as Russian". Gives where
    the items start and their positions (each item's own words give its stance, the intro
    its holder); None when the sentence has no such list."""
    text = doc.text
    colon = _INLINE_COLON.search(text, lo, hi)
    if colon is None or doc.quote_at(colon.start()) is not None:
        return None
    at = colon.end()
    if not doc.signal_index.starting(at, hi):
        return None
    # the clause right before the colon ("With regard to X's initiative, the Russian side
    # drew attention to points: …" is the side's, not X's)
    comma = text.rfind(",", lo, colon.start())
    intro = _intro(doc, comma + 1 if comma >= 0 else lo, at)
    if intro is None:
        return None
    out: list[Found] = []
    edges = [at, *(m.start() for m in _ITEM_SEP.finditer(text, at, hi)), hi]
    for a, b in itertools.pairwise(edges):
        sep = _ITEM_SEP.match(text, a)
        out += item_positions(doc, sep.end() if sep else a, b, intro)
    return at, out


def item_positions(doc: Doc, lo: int, hi: int, intro: Intro) -> list[Found]:
    """The positions of one list item, held as its intro says."""
    text = doc.text
    bullet = BULLET.match(text, lo)
    start = bullet.end() if bullet else lo
    if _QUESTION.search(text, start, hi):
        return []  # "• Would Ukraine give up its NATO bid?": an open question
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
