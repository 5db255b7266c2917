"""Positions: which party supports or opposes which proposition, and where it says so.

A position needs three things in one clause: a topic signal ("membership in
NATO"), a stance cue that governs it ("demands", "refusal", "is ready to", or a
predicate after it: "would remain in place"), and a holder (the subject of the
outermost cue, else the speaker of the quote it stands in).

Stances compose along the chain of cues that lead to the signal: "Russia
demands that Ukraine renounce membership in NATO" is demand (+) x renounce (-)
x NATO membership (+) = Russia opposes `nato`. A negation between the holder
and the signal flips the stance. Signals with `polarity: -1` name the opposite
of their topic's proposition ("the return of Crimea").

Two constructions reach outside one clause: an appositive that re-attributes
the proposition before it ("…, something that Zelensky has already accepted,")
and a verdict on a proposal named in an earlier sentence ("Peskov said of that
idea: it could be seen as a compromise").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from talks.extract import record_id
from talks.extract.actors import Actor, Mention, find_mentions, person_holder, resolve
from talks.extract.dates import statement_date
from talks.extract.text import sentences
from talks.extract.topic_lexicon import Compiled, Hit, compiled, scan
from talks.lexicon import Lexicon
from talks.models import Article, DateBasis, Position, Quote, Span, Stance

# Where a clause ends inside a sentence: a semicolon, or a contrast that brings its own subject.
_CLAUSE_BREAK = re.compile(
    r";|,[”\"’']?\s+(?:but|while|whereas|although|though|however|yet)\b(?!\s+also)"
    r"|\s(?:while|whereas)\s"
)
# Words that may stand between two cues of one chain: "ready to declare", "demands that
# Ukraine renounce", "refusal to join", "commitment to pursue".
_LINK_WORDS = frozenset(
    """to that on for of in into itself themselves its their his her the a an own project bid
    plan intention idea status as be being been is was are were would will should must can
    could may might has have had also""".split()
)
_TOKEN = re.compile(r"[\w’'-]+")
# Between a topic and a predicate cue after it: "The sanctions ... would remain in place".
_COPULA_GAP = re.compile(
    r"(?:\s|[”\"’]|\b(?:would|will|is|are|was|were|must|should|can|could|may|might|be|been"
    r"|being|only|not|also|still|now|then|never|remain|remains|definitely|certainly"
    r"|clearly|really)\b)*"
)
_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those|such)\s+$", re.I)
# A parenthetical or an appositive that comments on the proposition before it.
_PAREN = re.compile(r"\([^()]*\)")
_APPOSITIVE = re.compile(
    r",\s+(?:something|a\s+(?:step|move|demand|condition))\s+(?:that|which)\b[^,;]*"
)
_SIBLING_THAT = re.compile(r"(?:,|\band)\s+that\s+(?:[\w’'-]+\s+){0,3}$")
_THAT_AFTER = re.compile(r"\s+that\b")
_MAX_GAP_TOKENS = 12  # cue … signal
_MAX_LINK_TOKENS = 6  # cue … cue
_LOOKBACK_SENTENCES = 3  # how far back a "that idea" may refer
_MAX_EVIDENCE = 140  # characters; longer spans fall back to the innermost cue


def topics_in(text: str, *, lexicon: Lexicon) -> tuple[str, ...]:
    """The topic keys whose signals occur in `text`, in lexicon order."""
    comp = compiled(lexicon)
    found = {comp.signal_info[h.index].topic for h in scan(comp.signals, text)}
    return tuple(k for k in comp.topic_keys if k in found)


@dataclass(frozen=True)
class _Found:
    actor: Actor
    topic: str
    stance: Stance
    conditional: bool
    start: int
    end: int
    quote: Quote | None
    inner: int  # the stance of the proposition under the outermost cue (+1/-1)
    signal_end: int


class _Doc:
    """Everything scanned once over one article's text."""

    def __init__(self, article: Article, quotes: Sequence[Quote], comp: Compiled, lexicon: Lexicon):
        self.text = text = article.text
        self.comp = comp
        self.quotes = quotes
        self.parties = frozenset(lexicon.party_names())
        noise = [(n.start, n.end) for n in article.noise]

        def clean(hits: list[Hit]) -> list[Hit]:
            return [h for h in hits if not any(a <= h.start < b for a, b in noise)]

        self.signals = clean(scan(comp.signals, text))
        sig_spans = [(h.start, h.end) for h in self.signals]

        def outside_signals(hits: list[Hit]) -> list[Hit]:
            return [h for h in hits if not any(a < h.end and h.start < b for a, b in sig_spans)]

        self.cues = outside_signals(clean(scan(comp.cues, text)))
        cue_spans = [(h.start, h.end) for h in self.cues]
        self.conditions = clean(scan(comp.conditions, text))
        self.negations = [
            h
            for h in outside_signals(clean(scan(comp.negations, text)))
            if not any(a <= h.start < b for a, b in cue_spans)
            and not text.startswith(" only", h.end)
        ]
        self.mentions = find_mentions(
            text, comp, cue_starts={h.start for h in self.cues}, blocked=sig_spans
        )
        self.mention_starts = [m.start for m in self.mentions]

    def quote_at(self, pos: int) -> tuple[Quote, Span] | None:
        for q in self.quotes:
            for s in q.spans:
                if s.start <= pos < s.end:
                    return q, s
        return None

    def subject_before(self, lo: int, hi: int, masks: Sequence[tuple[int, int]]) -> Mention | None:
        """The nearest mention in [lo, hi) that can be a subject."""
        i = bisect.bisect_left(self.mention_starts, hi) - 1
        while i >= 0 and self.mentions[i].start >= lo:
            m = self.mentions[i]
            if m.subject and m.end <= hi and not _inside(m.start, masks):
                return m
            i -= 1
        return None

    def attribution_after(self, lo: int, hi: int) -> Mention | None:
        """A trailing attribution: "…, he added", "…,” said Peskov"."""
        i = bisect.bisect_left(self.mention_starts, lo)
        speech = self.comp.speech_verbs
        while i < len(self.mentions) and self.mentions[i].start < hi:
            m = self.mentions[i]
            after = _TOKEN.search(self.text, m.end, hi)
            before = self.text[max(lo, m.start - 20) : m.start].split()
            if (after and after.group().lower() in speech) or (
                before and before[-1].lower() in speech
            ):
                return m
            i += 1
        return None

    def actor_of(self, m: Mention, sentence_start: int) -> Actor | None:
        return resolve(
            m, self.mentions, self.quotes, sentence_start=sentence_start, parties=self.parties
        )


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _sign(kind: str) -> int:
    return 1 if kind == "support" else -1


def _in(hits: Sequence[Hit], lo: int, hi: int) -> list[Hit]:
    return [h for h in hits if lo <= h.start and h.end <= hi]


def extract_positions(
    article: Article, quotes: Sequence[Quote], *, lexicon: Lexicon
) -> list[Position]:
    """Every position stated in `article`, in text order."""
    comp = compiled(lexicon)
    doc = _Doc(article, quotes, comp, lexicon)
    if not doc.signals:
        return []
    found: list[_Found] = []
    recent: list[str] = []  # first topic of each recent sentence that names one
    for sent in sentences(doc.text):
        s_lo, s_hi = sent.start, sent.end
        masks = _masks(doc.text, s_lo, s_hi)
        signals = [h for h in _in(doc.signals, s_lo, s_hi) if not _inside(h.start, masks)]
        per_sentence: list[_Found] = []
        for sig in signals:
            f = _position_at(doc, sig, s_lo, s_hi, masks)
            if f is not None:
                per_sentence.append(f)
        per_sentence += _appositives(doc, s_lo, s_hi, masks, per_sentence)
        if signals:
            recent = [comp.signal_info[signals[0].index].topic, *recent][:_LOOKBACK_SENTENCES]
        else:
            per_sentence += _verdicts(doc, s_lo, s_hi, recent)
            recent = ["", *recent][:_LOOKBACK_SENTENCES]
        found += per_sentence
    return _records(article, doc, found)


def _masks(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out = [(m.start(), m.end()) for m in _PAREN.finditer(text, lo, hi)]
    out += [(m.start(), m.end()) for m in _APPOSITIVE.finditer(text, lo, hi)]
    return out


def _clause(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    start, end = lo, hi
    for m in _CLAUSE_BREAK.finditer(text, lo, hi):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _tokens(text: str, lo: int, hi: int) -> list[str]:
    return _TOKEN.findall(text, lo, hi)


def _linked(text: str, lo: int, hi: int) -> bool:
    """True when the words between two cues keep them in one chain."""
    gap = text[lo:hi]
    if any(c in gap for c in ",;:"):
        return False
    words = _tokens(text, lo, hi)
    if len(words) > _MAX_LINK_TOKENS:
        return False
    return all(
        w.lower() in _LINK_WORDS or w[:1].isupper() or w.endswith(("ly", "'s", "’s")) for w in words
    )


def _chain(doc: _Doc, pre: list[Hit], nearest: Hit) -> list[Hit]:
    """The cues that lead to a signal, innermost first: demands → renounce → [NATO]."""
    text = doc.text
    chain = [nearest]
    cur = nearest
    while True:
        earlier = [c for c in pre if c.end <= cur.start]
        if not earlier:
            break
        prev = earlier[-1]
        if _linked(text, prev.end, cur.start):
            chain.append(prev)
            cur = prev
            continue
        # a later "that"-clause of a series: "demands that A, … and that he recognizes B"
        if _SIBLING_THAT.search(text, max(prev.end, cur.start - 60), cur.start):
            gov = [c for c in earlier if _THAT_AFTER.match(text, c.end)]
            if gov:
                chain.append(gov[-1])
                cur = gov[-1]
                continue
        break
    return chain


def _negations(doc: _Doc, lo: int, hi: int, masks: Sequence[tuple[int, int]]) -> int:
    return sum(1 for h in _in(doc.negations, lo, hi) if not _inside(h.start, masks))


def _position_at(
    doc: _Doc, sig: Hit, s_lo: int, s_hi: int, masks: Sequence[tuple[int, int]]
) -> _Found | None:
    text = doc.text
    info = doc.comp.signal_info[sig.index]
    c_lo, c_hi = _clause(text, sig.start, s_lo, s_hi)
    pre = [
        c
        for c in _in(doc.cues, c_lo, sig.start)
        if not doc.comp.cue_info[c.index].verdict
        and not _inside(c.start, masks)
        and not _DEMONSTRATIVE.search(text, max(c_lo, c.start - 8), c.start)
    ]
    head: Hit
    post: Hit | None = None
    chain: list[Hit] = []
    if pre and len(_tokens(text, pre[-1].end, sig.start)) <= _MAX_GAP_TOKENS:
        chain = _chain(doc, pre, pre[-1])
        head = chain[-1]
    else:
        for c in _in(doc.cues, sig.end, c_hi):
            if doc.comp.cue_info[c.index].verdict:
                continue
            gap = _COPULA_GAP.match(text, sig.end, c.start)
            if gap and gap.end() == c.start:
                post = c
            break
        if post is None:
            return None
        head = post

    quoted = doc.quote_at(sig.start)
    q = quoted[0] if quoted else None
    in_quote = quoted is not None and quoted[1].start <= head.start
    lo = quoted[1].start if quoted and in_quote else c_lo
    subject = doc.subject_before(lo, head.start, masks)
    if subject is None and not in_quote and c_lo > s_lo:
        subject = doc.subject_before(s_lo, c_lo, masks)
    if subject is None and post is not None:
        subject = _passive_agent(doc, post.end, c_hi)
    if subject is None and not in_quote:
        subject = doc.attribution_after(max(sig.end, head.end), s_hi)
    actor: Actor | None
    if subject is not None:
        actor = doc.actor_of(subject, c_lo if subject.start >= c_lo else s_lo)
    elif q is not None and q.side in doc.parties:
        actor = Actor(q.side, person_holder(q))
    else:
        actor = None
    if actor is None:
        return None
    if q is not None and subject is not None and actor.party != q.side:
        actor = Actor(actor.party, None)  # a party described by the speaker: a report

    kinds = [_sign(doc.comp.cue_info[c.index].kind) for c in chain] or [
        _sign(doc.comp.cue_info[head.index].kind)
    ]
    neg_lo = subject.end if subject is not None and subject.end <= head.start else head.start
    neg_lo = max(c_lo, min(neg_lo, head.start))
    negs = _negations(doc, neg_lo, sig.start, masks)
    if post is not None:
        negs += _negations(doc, sig.end, post.end, masks)
    inner = info.polarity
    for k in kinds[:-1]:
        inner *= k
    total = inner * kinds[-1] * (-1 if negs % 2 else 1)
    conditional = any(
        not (h.start < head.end and head.start < h.end) and not _inside(h.start, masks)
        for h in _in(doc.conditions, c_lo, s_hi)
    )
    # evidence: from the holder (when close) through the signal, or the signal and its predicate
    end = max(sig.end, post.end if post else 0)
    start = sig.start if post is not None else head.start
    if subject is not None and lo <= subject.start < start and start - subject.end < 80:
        start = subject.start
    if end - start > _MAX_EVIDENCE and chain:
        start = chain[0].start
    return _Found(
        actor,
        info.topic,
        "support" if total > 0 else "oppose",
        conditional,
        start,
        end,
        q if in_quote or subject is None else None,
        inner,
        sig.end,
    )


def _passive_agent(doc: _Doc, pos: int, hi: int) -> Mention | None:
    """ "… was rejected by Moscow": the party after "by"."""
    m = re.compile(r"\s+by\s+").match(doc.text, pos, hi)
    if not m:
        return None
    i = bisect.bisect_left(doc.mention_starts, m.end())
    if i < len(doc.mentions) and doc.mentions[i].start == m.end():
        return doc.mentions[i]
    return None


def _appositives(
    doc: _Doc, s_lo: int, s_hi: int, masks: Sequence[tuple[int, int]], found: list[_Found]
) -> list[_Found]:
    """ "…, something that Zelensky has already accepted,": the proposition before, re-held."""
    out: list[_Found] = []
    for m in _APPOSITIVE.finditer(doc.text, s_lo, s_hi):
        before = [f for f in found if f.signal_end <= m.start()]
        if not before:
            continue
        prop = before[-1]
        cues = [c for c in _in(doc.cues, m.start(), m.end())]
        if not cues:
            continue
        cue = cues[0]
        i = bisect.bisect_left(doc.mention_starts, m.start())
        subj = next(
            (x for x in doc.mentions[i:] if x.start < cue.start and x.subject and x.kind != "bare"),
            None,
        )
        if subj is None:
            continue
        actor = doc.actor_of(subj, s_lo)
        if actor is None:
            continue
        negs = _negations(doc, subj.end, cue.start, [])
        total = prop.inner * _sign(doc.comp.cue_info[cue.index].kind) * (-1 if negs % 2 else 1)
        out.append(
            _Found(
                actor,
                prop.topic,
                "support" if total > 0 else "oppose",
                False,
                m.start(),
                cue.end,
                None,
                total,
                cue.end,
            )
        )
    return out


def _verdicts(doc: _Doc, s_lo: int, s_hi: int, recent: list[str]) -> list[_Found]:
    """ "Peskov said of that idea: … a compromise": a judgement on an earlier proposal."""
    topic = next((t for t in recent if t), None)
    if topic is None or not doc.comp.anaphor.search(doc.text, s_lo, s_hi):
        return []
    cues = [c for c in _in(doc.cues, s_lo, s_hi) if doc.comp.cue_info[c.index].verdict]
    if not cues:
        return []
    cue = cues[0]
    quoted = doc.quote_at(cue.start)
    lo = quoted[1].start if quoted else s_lo
    subject = doc.subject_before(lo, cue.start, [])
    if subject is None and quoted is None:
        subject = doc.attribution_after(cue.end, s_hi)
    if subject is not None:
        actor = doc.actor_of(subject, s_lo)
    elif quoted is not None and quoted[0].side in doc.parties:
        actor = Actor(quoted[0].side, person_holder(quoted[0]))
    else:
        actor = None
    if actor is None:
        return []
    negs = _negations(
        doc, subject.end if subject and subject.end < cue.start else lo, cue.start, []
    )
    sign = _sign(doc.comp.cue_info[cue.index].kind) * (-1 if negs % 2 else 1)
    start = subject.start if subject is not None and subject.start >= lo else cue.start
    return [
        _Found(
            actor,
            topic,
            "support" if sign > 0 else "oppose",
            False,
            start,
            cue.end,
            quoted[0] if quoted else None,
            sign,
            cue.end,
        )
    ]


def _records(article: Article, doc: _Doc, found: list[_Found]) -> list[Position]:
    text = doc.text
    out: list[Position] = []
    seen: dict[tuple[str, str, str], list[tuple[int, int]]] = {}
    for f in found:
        start, end = f.start, f.end
        while start < end and (text[start].isspace() or text[start] in ",;:"):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        # one record per triple and stretch of text: "an Austrian or Swedish version of a
        # neutral state" names neutrality twice
        spans = seen.setdefault((f.actor.party, f.topic, f.stance), [])
        if start >= end or any(a < end and start < b for a, b in spans):
            continue
        spans.append((start, end))
        date: dt.date | None
        basis: DateBasis
        if f.quote is not None and f.quote.date is not None:
            date, basis = f.quote.date, f.quote.date_basis
        else:
            date, basis = statement_date(text, start, article.published)
        out.append(
            Position(
                id=record_id("p", article.id, f.actor.party, f.topic, f.stance, start, end),
                article=article.article,
                article_id=article.id,
                path=article.path,
                actor=f.actor.party,
                topic=f.topic,
                stance=f.stance,
                conditional=f.conditional,
                holder=f.actor.holder,
                date=date,
                date_basis=basis,
                evidence=text[start:end],
                span=Span(start=start, end=end),
                quote_id=f.quote.id if f.quote is not None else None,
            )
        )
    out.sort(key=lambda p: (p.span.start, p.span.end, p.topic))
    return out
