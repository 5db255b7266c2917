"""The stance one clause takes on one topic signal, and who takes it.

A position needs three things in one clause: a topic signal ("membership in
NATO"), a stance cue that governs it ("demands", "refusal", "is ready to", or a
predicate after it: "would remain in place"), and a holder: the subject of the
outermost cue, else a trailing attribution ("…, he added"), else the speaker of
the quote the signal stands in.

Stances compose along the chain of cues that lead to the signal: "Russia
demands that Ukraine renounce membership in NATO" is demand (+) x renounce (-)
x NATO membership (+) = Russia opposes `nato`. A negation between the holder
and the signal flips the stance.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from talks.extract.actors import Actor, Mention, find_mentions, person_holder, resolve
from talks.extract.ranges import Intervals, Ordered
from talks.extract.stance_shapes import (
    agents_after,
    bare_name,
    commitment,
    hypothetical,
    identity,
    modifier,
    participials,
    post_negation_scopes,
)
from talks.extract.topic_lexicon import Compiled, Hit, scan_all, scan_names
from talks.models import Article, Quote, Span, Stance

Spans = Sequence[tuple[int, int]]

# Where a clause ends inside a sentence: a semicolon, or a contrast that brings its own subject.
_CLAUSE_BREAK = re.compile(
    r";|,[”\"’']?\s+(?:but|while|whereas|although|though|however|yet)\b(?!\s+also)"
    r"|\s(?:while|whereas)\s"
    # "agree to a prisoner swap but no ceasefire"; not "a just but fair peace"
    r"|\sbut\s(?=(?:no|not|never|the|a|an|he|she|it|they|we|[A-Z]\w*)\s)"
)
# Words that may stand between two cues of one chain: "ready to declare", "demands that
# Ukraine renounce", "refusal to join", "commitment to pursue".
_LINK_WORDS = frozenset(
    """to that on for of in into itself themselves its their his her the a an own project bid
    plan intention idea status as be being been is was are were would will should must can
    could may might has have had also any every all him her them us me""".split()
)
# adverbs, possessives and adjectives may stand between two cues of a chain: "demands
# formal international recognition of", "is firmly ready to"
_LINK_ENDINGS = ("ly", "'s", "’s", "al", "ic", "ive", "ful", "ous", "ary", "ate", "ent", "ant")
TOKEN = re.compile(r"[\w’'-]+")
# Between a topic and a predicate cue after it: "The sanctions on Russia would remain in
# place", "NATO membership for Ukraine was unacceptable".
_COPULA_GAP = re.compile(
    r"(?:\s+(?:for|of|to|by|in)\s+(?:the\s+)?[A-Z][\w’'-]*)?"
    r"(?:\s|[”\"’]|\b(?:would|will|is|are|was|were|must|should|can|could|may|might|be|been"
    r"|being|only|not|also|still|now|then|never|remain|remains|definitely|certainly"
    r"|clearly|really)\b)*"
    r"(?:\b(?:the|a|an)\s+(?:[a-z]+\s+)?)?"
)
_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those|such)\s+$", re.I)
_SIBLING_THAT = re.compile(r"(?:,|\band)\s+that\s+(?:[\w’'-]+\s+){0,3}$")
_THAT_AFTER = re.compile(r"\s+that\b")
_AND_BEFORE = re.compile(r"(?:,\s*)?\b(?:and|or)\s+$")
# a negated modal governs every verb it coordinates: "would not join … or host …"
_NEGATED_MODAL_CUE = re.compile(r"(?:will|would|shall)\s+(?:not|never)|won|wouldn|never", re.I)
_GOVERNS = re.compile(r"\b(?:to|for|on|upon)$")  # a cue that takes what follows it
_TO_AFTER = re.compile(r"\s+to\b")
# a verb of its own between a cue and the topic: "thanked him for his support and
# discussed sanctions" (the sanctions are only discussed)
_OTHER_VERB = re.compile(
    r"\b(?:and|or)\s+(?:then\s+|also\s+)?(?:[a-z]+(?:ed|es)|will|would|shall|must|should|can|could)\b"
)
_BY = re.compile(r"\s+by\s+")
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?$")
# the last list separator before a signal: "demands A, B and the lifting of C"
_ITEM_START = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)(?:[\w’'-]+\s+){0,6}$")
# a cue that heads a noun phrase ("a ban on", "formal recognition of") belongs to its item
_NOMINAL_BEFORE = re.compile(
    r"\b(?:a|an|the|any|its|their|his|her|our|[a-z]+(?:al|ic|ive|ful|ous))\s+$", re.I
)
_OF_AFTER = re.compile(r"\s+of\b")
# "in return for" starts a chain of its own: "offered to drop its bid in return for X"
_RESET = re.compile(r"in\s+(?:exchange|return)\s+for\b", re.I)
# a demand on the subject, voiced by the speaker: "Ukraine must never obtain …"
_DEMAND_MODAL = re.compile(r"\s+(?:must|should|has\s+to|have\s+to|needs?\s+to|ought\s+to)\b", re.I)
# what a document lays down; with no subject of its own the last document named holds it
_DOCUMENT_VERB = re.compile(r"provid|envisag|stipulat|oblig", re.I)
# conditions that open a clause ("if X accepts"; not "in return, …")
_IF_CLAUSE = re.compile(r"if|only|unless|until|once|provided|as\s+long|on\s|subject", re.I)
_CLAUSE_END = re.compile(r"[,;:”\"]")
_SUFFICIENT = re.compile(r"sufficient|enough", re.I)
_WITH_END = re.compile(r"\swith$", re.I)
_FINITE = re.compile(r"\b(?:will|would|shall|must|should|can|could|is|are|was|were)\b", re.I)
_SEPARATOR = re.compile(r",|\b(?:and|or)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+$", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|any|some|this|that)\s+$", re.I)
_SIBLING_PREP = re.compile(r"(?:,\s*|\s)(?:and|or)\s+(?:also\s+)?(on|upon|to|for)\s", re.I)
# an object relative clause after the signal: "the ceasefire that Kyiv … have been demanding"
_RELATIVE = re.compile(r"\s+(?:that|which)\s+[^,;.]{1,60}?\s+")
_NEGATED_MODAL = re.compile(r"(?:will|would|shall)\s+(?:not|never)|won[’']t|wouldn[’']t", re.I)
# between a signal and a cue with an agent: "a truce proposal by", "A truce, proposed by"
_AGENT_GAP = re.compile(r"(?:\s+[a-z]+)?\s*,?\s*")
# conditions that make the main clause a precondition: "possible only if X accepts a truce"
_PRECONDITION = re.compile(r"only|provided|on\s|as\s+long|subject", re.I)
COMMIT = -1  # the index of a modal commitment ("it would send troops"), a support cue
JUDGED_SUPPORT = -2  # a judging verb whose predicate supports ("called the plan acceptable")
JUDGED_OPPOSE = -3  # … or opposes ("views NATO expansion as a threat")
# "called the demand … unacceptable", "views NATO expansion as a threat"
_JUDGE = re.compile(
    r"\b(?:call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|deem(?:s|ed|ing)?|view(?:s|ed|ing)?"
    r"|regard(?:s|ed|ing)?|sees|saw|term(?:s|ed)?|label(?:s|led|ed)?|brand(?:s|ed)?"
    r"|consider(?:s|ed|ing)?|find(?:s)?|found)\b",
    re.I,
)
_JUDGE_GAP = re.compile(
    r"(?:\s+[\w’'-]+){0,3}?\s+(?:as\s+|to\s+be\s+)?"
    r"(?:(?:an?|the|completely|totally|absolutely|entirely|simply|wholly|clearly|quite)\s+)*",
    re.I,
)
_MAX_GAP_TOKENS = 12  # cue … signal
_MAX_LINK_TOKENS = 6  # cue … cue
_MAX_EVIDENCE = 140  # characters; longer spans fall back to the innermost cue


@dataclass(slots=True, unsafe_hash=True)  # immutable by convention: frozen ones are slow to build
class Found:
    """A position before it becomes a record."""

    actor: Actor
    topic: str
    stance: Stance
    conditional: bool
    start: int
    end: int
    quote: Quote | None
    inner: int  # the stance of the proposition under the outermost cue (+1/-1)
    signal_end: int


def inside(pos: int, spans: Spans) -> bool:
    return any(a <= pos < b for a, b in spans)


def sign(kind: str) -> int:
    """+1 for support, -1 for oppose; a neutral cue inside a chain is transparent
    ("willing to discuss accepting X" supports X): only as the innermost cue does it
    block a stance, and that is decided where the chain is built."""
    return -1 if kind == "oppose" else 1


def kind_of(comp: Compiled, hit: Hit) -> str:
    """The stance kind of a chain member (a modal commitment supports; a judging verb
    takes the kind of its predicate)."""
    if hit.index == COMMIT or hit.index == JUDGED_SUPPORT:
        return "support"
    if hit.index == JUDGED_OPPOSE:
        return "oppose"
    return comp.cue_info[hit.index].kind


def stance_of(total: int) -> Stance:
    return "support" if total > 0 else "oppose"


class Doc:
    """Everything scanned once over one article's text."""

    def __init__(
        self, article: Article, quotes: Sequence[Quote], comp: Compiled, parties: frozenset[str]
    ):
        self.text = text = article.text
        self.comp = comp
        self.quotes = quotes
        self.parties = parties
        noise = [(n.start, n.end) for n in article.noise]

        def clean(hits: list[Hit]) -> list[Hit]:
            return [h for h in hits if not inside(h.start, noise)]

        signals, cues, conditions, negations = scan_all(comp, text)
        self.signals = clean(signals)
        sig_spans = [(h.start, h.end) for h in self.signals]

        in_signals = Intervals(sig_spans)

        def outside_signals(hits: list[Hit]) -> list[Hit]:
            return [h for h in hits if not in_signals.overlaps(h.start, h.end)]

        self.cues = outside_signals(clean(cues))
        in_cues = Intervals([(h.start, h.end) for h in self.cues])
        self.conditions = clean(conditions)
        self.negations = [
            h
            for h in outside_signals(clean(negations))
            if not in_cues.covers(h.start) and not text.startswith(" only", h.end)
        ]
        self.signal_index = Ordered(self.signals)
        self.cue_index = Ordered(self.cues)
        self.condition_index = Ordered(self.conditions)
        self.negation_index = Ordered(self.negations)
        self.mentions: list[Mention] = []
        if self.signals:
            party_hits, person_hits = scan_names(comp, text)
            self.mentions = find_mentions(
                text,
                comp,
                cue_starts={h.start for h in self.cues},
                blocked=sig_spans,
                parties=party_hits,
                persons=person_hits,
            )
        self.mention_starts = [m.start for m in self.mentions]
        self.mention_ends = {m.end: m for m in self.mentions}
        self._quote_spans: list[tuple[int, int, int, int]] | None = None  # built when asked
        self._quote_starts: list[int] = []
        self._quote_reach: list[int] = []
        self._breaks: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def quote_at(self, pos: int) -> tuple[Quote, Span] | None:
        """The first quote (and its span) that holds `pos`, in quote and span order."""
        if self._quote_spans is None:
            spans = sorted(
                (s.start, s.end, qi, si)
                for qi, q in enumerate(self.quotes)
                for si, s in enumerate(q.spans)
            )
            self._quote_spans = spans
            self._quote_starts = [x[0] for x in spans]
            self._quote_reach = list(itertools.accumulate((x[1] for x in spans), max))
        spans, reach = self._quote_spans, self._quote_reach
        best: tuple[int, int] | None = None
        i = bisect.bisect_right(self._quote_starts, pos) - 1
        while i >= 0 and reach[i] > pos:  # (before i, no span reaches past pos)
            _, end, qi, si = spans[i]
            if end > pos and (best is None or (qi, si) < best):
                best = (qi, si)
            i -= 1
        if best is None:
            return None
        q = self.quotes[best[0]]
        return q, q.spans[best[1]]

    def clause_of(self, pos: int, lo: int, hi: int) -> tuple[int, int]:
        """`clause_of(self.text, pos, lo, hi)`, the breaks of each sentence found once."""
        breaks = self._breaks.get((lo, hi))
        if breaks is None:
            breaks = [m.span() for m in _CLAUSE_BREAK.finditer(self.text, lo, hi)]
            self._breaks[(lo, hi)] = breaks
        start, end = lo, hi
        for a, b in breaks:
            if b <= pos:
                start = b
            elif a >= pos:
                end = a
                break
        return start, end

    def subject_before(self, lo: int, hi: int, masks: Spans = ()) -> Mention | None:
        """The nearest mention in [lo, hi) that can be a subject."""
        i = bisect.bisect_left(self.mention_starts, hi) - 1
        while i >= 0 and self.mentions[i].start >= lo:
            m = self.mentions[i]
            if m.subject and m.end <= hi and not inside(m.start, masks):
                return m
            i -= 1
        return None

    def mention_before(self, pos: int) -> Mention | None:
        """The mention that ends right before `pos` ("Kyiv's" in "Kyiv's call")."""
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i].end > pos:
            i -= 1
        if i >= 0 and not self.text[self.mentions[i].end : pos].strip(" ’'s"):
            return self.mentions[i]
        return None

    def document_before(self, pos: int) -> Mention | None:
        """The last document named before `pos` whose author is known."""
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.document:
                return m if m.party is not None else None
            i -= 1
        return None

    def mention_ending(self, pos: int) -> Mention | None:
        """A mention that ends at `pos` ("it" in "it would …")."""
        return self.mention_ends.get(pos)

    def mention_at(self, pos: int) -> Mention | None:
        i = bisect.bisect_left(self.mention_starts, pos)
        if i < len(self.mentions) and self.mentions[i].start == pos:
            return self.mentions[i]
        return None

    def attribution_after(self, lo: int, hi: int) -> Mention | None:
        """A trailing attribution: "…, he added", "…,” said Peskov"."""
        i = bisect.bisect_left(self.mention_starts, lo)
        speech = self.comp.speech_verbs
        while i < len(self.mentions) and self.mentions[i].start < hi:
            m = self.mentions[i]
            after = TOKEN.search(self.text, m.end, hi)
            before = self.text[max(lo, m.start - 20) : m.start].split()
            if (after and after.group().lower() in speech) or (
                before and before[-1].lower() in speech
            ):
                return m
            i += 1
        return None

    def coordinated(self, m: Mention) -> list[Mention]:
        """Parties named together with `m` as one subject: "France and Britain are …"."""
        out: list[Mention] = []
        i = bisect.bisect_left(self.mention_starts, m.start) - 1
        cur = m
        while i >= 0:
            prev = self.mentions[i]
            if prev.kind not in ("party", "person") or prev.end > cur.start:
                break
            if not _COORDINATION.fullmatch(self.text, prev.end, cur.start):
                break
            out.append(prev)
            cur = prev
            i -= 1
        return out

    def actor_for(
        self, subject: Mention | None, quote: Quote | None, clause_start: int
    ) -> Actor | None:
        """The holder: the subject when there is one, else the quote's speaker."""
        if subject is not None:
            actor = resolve(
                subject,
                self.mentions,
                self.quotes,
                sentence_start=clause_start,
                parties=self.parties,
            )
            if actor is not None and quote is not None:
                if actor.party != quote.side:
                    return Actor(actor.party, None)  # a party described by the speaker: a report
                if actor.holder is None:  # the speaker voices their own side's view
                    return Actor(actor.party, person_holder(quote))
            if actor is not None or quote is None:
                return actor
        if quote is not None and quote.side in self.parties:
            return Actor(quote.side, person_holder(quote))  # "we", "the country", no subject
        return None

    def negations_in(self, lo: int, hi: int, masks: Spans = ()) -> int:
        return sum(1 for h in self.negation_index.within(lo, hi) if not inside(h.start, masks))


def clause_of(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    start, end = lo, hi
    for m in _CLAUSE_BREAK.finditer(text, lo, hi):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _linked(text: str, lo: int, hi: int) -> bool:
    """True when the words between two cues keep them in one chain."""
    if any(c in text[lo:hi] for c in ",;:"):
        return False
    words = TOKEN.findall(text, lo, hi)
    if len(words) > _MAX_LINK_TOKENS:
        return False
    return all(
        w.lower() in _LINK_WORDS or w[:1].isupper() or w.endswith(_LINK_ENDINGS) for w in words
    )


def _chain(text: str, pre: list[Hit], nearest: Hit) -> list[Hit]:
    """The cues that lead to a signal, innermost first: demands → renounce → [NATO]."""
    chain = [nearest]
    cur = nearest
    while not _RESET.match(text, cur.start):
        earlier = [c for c in pre if c.end <= cur.start]
        if not earlier:
            break
        prev = earlier[-1]
        if _linked(text, prev.end, cur.start):
            chain.append(prev)
            cur = prev
            continue
        if _AND_BEFORE.search(text, max(prev.end, cur.start - 8), cur.start):
            if (
                _GOVERNS.search(text, prev.start, prev.end)
                or _TO_AFTER.match(text, prev.end)
                or _NEGATED_MODAL_CUE.match(text, prev.start)
            ):
                # "ready to [declare …] and [drop …]": the first cue governs both
                chain.append(prev)
                cur = prev
                continue
            # "demands that Kyiv [recognise …] and [give up …]": siblings share a governor
            chain += _chain(text, pre, prev)[1:]
            break
        # a later "that"-clause of a series: "demands that A, … and that he recognizes B"
        if _SIBLING_THAT.search(text, max(prev.end, cur.start - 60), cur.start):
            gov = [c for c in earlier if _THAT_AFTER.match(text, c.end)]
            if gov:
                chain.append(gov[-1])
                cur = gov[-1]
                continue
        break
    return chain


def _governor(
    doc: Doc, sig: Hit, c_lo: int, c_hi: int, masks: Spans
) -> tuple[list[Hit], Hit | None, int]:
    """The chain of cues before the signal (innermost first), or else a predicate cue
    after it ("… would remain in place"), and where the signal's list item starts (-1 when
    it is no item of a list); ([], None, -1) when nothing states a view."""
    text = doc.text
    listed, item = _list_governor(doc, sig, c_lo, masks)
    if listed:
        return listed, None, item
    pre = [
        c
        for c in doc.cue_index.within(c_lo, sig.start)
        if not doc.comp.cue_info[c.index].verdict
        and not inside(c.start, masks)
        and not _DEMONSTRATIVE.search(text, max(c_lo, c.start - 8), c.start)
        and not _attributive(text, c, sig)
    ]
    judged = _judged(doc, sig, c_lo, c_hi, pre)
    if judged:
        return judged, None, -1
    if pre:
        pre = _sibling_governed(text, pre, sig)
    if (
        pre
        and len(TOKEN.findall(text, pre[-1].end, sig.start)) <= _MAX_GAP_TOKENS
        and not _OTHER_VERB.search(text, pre[-1].end, sig.start)
    ):
        if bare_name(text, sig.start, sig.end) and not _linked(text, pre[-1].end, sig.start):
            return [], None, -1  # "proposed a conference on Crimea's future": no view of Crimea
        if _item_head(text, pre[-1], sig, c_lo):
            return [], None, -1  # "«ceasefire, withdrawal of troops and guarantees»"
        chain = _chain(text, pre, pre[-1])
        if doc.comp.cue_info[pre[-1].index].kind == "neutral" and not any(
            doc.comp.cue_info[c.index].kind == "oppose" for c in chain
        ):
            # "ready to discuss the status of Crimea": no stance on it ("refused to
            # discuss any change to the borders" is one)
            return [], None, -1
        return chain, None, -1
    for c in doc.cue_index.within(sig.end, c_hi):
        gap = _COPULA_GAP.match(text, sig.end, c.start)
        info = doc.comp.cue_info[c.index]
        if info.verdict or info.kind == "neutral":
            break
        if gap and gap.end() == c.start:
            if _NEGATED_MODAL.match(text, c.start) and post_negation_scopes(text, c.end):
                break  # "the guarantees would not cover the islands": a scope, not a no
            return [], c, -1
        if _AGENT_GAP.fullmatch(text, sig.end, c.start) and agents_after(doc, c.end):
            return [], c, -1  # "a truce proposal by Helsinki", "A truce, proposed by Warsaw"
        if _RELATIVE.fullmatch(text, sig.end, c.start) and doc.subject_before(sig.end, c.start):
            return [], c, -1  # "the ceasefire that Kyiv and its allies have been demanding"
        break
    modal = commitment(doc, sig.start, c_lo)
    if modal is not None:  # "it would send troops": a commitment of the subject's own
        return [Hit(modal[0], modal[1], COMMIT)], None, -1
    return [], None, -1


def _judged(doc: Doc, sig: Hit, c_lo: int, c_hi: int, pre: list[Hit]) -> list[Hit]:
    """ "Zelensky called [the demand to withdraw from Donbas] unacceptable": the chain
    inside the object, then the judging verb with its predicate's kind; [] otherwise."""
    text = doc.text
    judge = None
    for found in _JUDGE.finditer(text, max(c_lo, sig.start - 80), sig.start):
        judge = found
    if judge is None:
        return []
    for c in doc.cue_index.within(sig.end, c_hi):
        info = doc.comp.cue_info[c.index]
        if info.kind not in ("support", "oppose"):
            return []
        gap = _JUDGE_GAP.match(text, sig.end, c.start)
        if gap is None or gap.end() != c.start:
            return []
        inner = [x for x in pre if x.start >= judge.end()]
        chain = _chain(text, inner, inner[-1]) if inner else []
        kind = JUDGED_SUPPORT if info.kind == "support" else JUDGED_OPPOSE
        return [*chain, Hit(judge.start(), judge.end(), kind)]
    return []


def _attributive(text: str, cue: Hit, sig: Hit) -> bool:
    """ "a possible truce": a cue word that only modifies the topic noun after it."""
    return (
        cue.end <= sig.start
        and not text[cue.end : sig.start].strip()
        and " " not in text[cue.start : cue.end]  # not "a ban on"
        and _DETERMINER_BEFORE.search(text, max(0, cue.start - 8), cue.start) is not None
    )


def _sibling_governed(text: str, pre: list[Hit], sig: Hit) -> list[Hit]:
    """ "insists on the withdrawal of troops *and on* respect for the borders": after a
    coordinated preposition the signal is governed by the cue that took that preposition,
    not by the nearest cue (which heads the sibling)."""
    sib = None
    for found in _SIBLING_PREP.finditer(text, pre[-1].end, sig.start):
        sib = found
    if sib is None:
        return pre
    prep = sib.group(1).lower()
    for i in range(len(pre) - 1, -1, -1):
        c = pre[i]
        if c.end > sib.start():
            continue
        if text[c.start : c.end].lower().endswith(prep) or re.match(
            rf"\s+{prep}\b", text[c.end : c.end + 8], re.I
        ):
            return pre[: i + 1]
    return pre


def _item_head(text: str, cue: Hit, sig: Hit, c_lo: int) -> bool:
    """True when the nearest cue heads an earlier item of a list the signal ends
    ("ceasefire, withdrawal of troops and strong guarantees"): it governs its own item."""
    lead = text[max(c_lo, cue.start - 3) : cue.start]
    if not lead.rstrip().endswith(","):
        return False
    return _ITEM_START.search(text, cue.end, sig.start) is not None


def _list_governor(doc: Doc, sig: Hit, c_lo: int, masks: Spans) -> tuple[list[Hit], int]:
    """A list item with no cue of its own takes the chain of the list's head:
    "insists on recognition of Crimea, a non-aligned Ukraine and [limits on its army]";
    also where the item starts."""
    item = _ITEM_START.search(doc.text, max(c_lo, sig.start - 60), sig.start)
    if item is None or doc.cue_index.within(item.start(), sig.start):
        return [], -1
    if _FINITE.search(doc.text, item.start(), sig.start):
        return [], -1  # "… and would remain a non-nuclear state": a clause, not an item
    text = doc.text
    # the items before, nearest first: the first whose chain reaches past its own noun
    for prev in reversed(doc.signal_index.within(c_lo, item.start())):
        if inside(prev.start, masks):
            return [], -1
        if identity(text, prev.start, c_lo):
            return [], -1  # "… is not a ceasefire, and …": no list head
        chain, _, _ = _governor(doc, prev, c_lo, prev.end, masks)
        if not chain:
            return [], -1
        while chain and (
            _NOMINAL_BEFORE.search(text, max(c_lo, chain[0].start - 20), chain[0].start)
            or _OF_AFTER.match(text, chain[0].end)
        ):
            chain = chain[1:]  # "wants [a ban on bases] and limits on …": the ban is the item's
        if chain:
            return chain, item.start()
    return [], -1


def _subject(
    doc: Doc,
    sig: Hit,
    head: Hit,
    post: Hit | None,
    lo: int,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    in_quote: bool,
    masks: Spans,
) -> Mention | None:
    """Who holds the view: the subject before the outermost cue (in the clause, else earlier
    in the sentence), a passive agent ("rejected by Moscow"), or a trailing attribution."""
    c_lo, c_hi = clause
    subject = doc.subject_before(lo, head.start, masks)
    if subject is None and not in_quote and c_lo > sentence[0]:
        subject = doc.subject_before(sentence[0], c_lo, masks)
    if subject is None and post is not None:
        by = _BY.match(doc.text, post.end, c_hi)
        subject = doc.mention_at(by.end()) if by else None
    if subject is None and not in_quote:
        subject = doc.attribution_after(max(sig.end, head.end), sentence[1])
    return subject


def positions_at(doc: Doc, sig: Hit, s_lo: int, s_hi: int, masks: Spans) -> list[Found]:
    """The positions the clause around one topic signal states (several for "A and B …")."""
    text = doc.text
    info = doc.comp.signal_info[sig.index]
    c_lo, c_hi = doc.clause_of(sig.start, s_lo, s_hi)
    if identity(text, sig.start, c_lo) or modifier(text, sig.end):
        return []  # "is not a truce but a pause"; "the truce talks"
    chain, post, item = _governor(doc, sig, c_lo, c_hi, masks)
    head = chain[-1] if chain else post
    if head is None or hypothetical(text, c_lo, head.start, sig.start):
        return []  # nothing states a view; "a settlement in which X would accept a truce"
    quoted = doc.quote_at(sig.start)
    q = quoted[0] if quoted else None
    in_quote = quoted is not None and quoted[1].start <= head.start
    # the subject is looked for in the quote, but never before the sentence's start
    lo = max(quoted[1].start, s_lo) if quoted and in_quote else c_lo
    subject = _subject(doc, sig, head, post, lo, (c_lo, c_hi), (s_lo, s_hi), in_quote, masks)
    conditional = False
    cond = next(
        (
            h
            for h in doc.condition_index.within(c_lo, head.start)
            if not inside(h.start, masks)
            and (subject is None or subject.start > h.start)
            and _IF_CLAUSE.match(text, h.start)
            and not _CLAUSE_END.search(text, h.end, head.start)
        ),
        None,
    )
    if cond is not None:  # the view sits in an if-clause: not its subject's
        if not _PRECONDITION.match(text, cond.start):
            return []
        # "talks are possible only if Minsk accepts a truce, Kowalski said": the speaker's
        subject = doc.subject_before(s_lo, cond.start, masks)
        if subject is None and not in_quote:
            subject = doc.attribution_after(sig.end, s_hi)
        if subject is None and q is None:
            return []
        conditional = True
    if (
        subject is not None
        and q is not None
        and subject.kind == "party"
        and _DEMAND_MODAL.match(text, subject.end, head.start)
    ):
        subject = None  # "Ukraine must never obtain nuclear weapons", in Lavrov's words: his
    if subject is None and _DOCUMENT_VERB.match(text, head.start):
        subject = doc.document_before(head.start)  # "The first variant provides for …"
    agents = agents_after(doc, post.end) if post is not None else []
    if chain and not agents:
        agents = agents_after(doc, head.end, of=_nominal(text, head, c_lo))
    clause_start = c_lo if subject is None or subject.start >= c_lo else s_lo
    if agents:  # "an offer from Tallinn", "a truce proposal by Helsinki and Warsaw"
        actors = [doc.actor_for(m, q, clause_start) for m in agents]
        subject = None
    else:
        actors = [doc.actor_for(subject, q, clause_start)]
        if subject is not None and subject.kind in ("party", "person"):
            others = doc.coordinated(subject)
            actors += [doc.actor_for(m, q, clause_start) for m in others]
            if others:
                subject = others[-1]  # the evidence starts at the first of them
        if chain and _WITH_END.search(text, head.start, head.end):
            partner = doc.mention_at(head.end + 1)  # "agreed with Trump that …"
            if partner is not None and partner.kind in ("party", "person"):
                actors.append(doc.actor_for(partner, q, clause_start))

    kinds = [sign(kind_of(doc.comp, c)) for c in chain or [head]]
    neg_lo = subject.end if subject is not None and subject.end <= head.start else head.start
    if item >= 0:  # a list item: the negations of the chain and of the item itself
        negs = doc.negations_in(max(c_lo, neg_lo), head.end, masks)
        last = max(item, head.end)
        for sep in _SEPARATOR.finditer(text, last, sig.start):
            last = sep.end()
        negs += doc.negations_in(last, sig.start, masks)
    else:
        negs = doc.negations_in(max(c_lo, neg_lo), sig.start, masks)
    if post is not None:
        negs += doc.negations_in(sig.end, post.end, masks)
    inner = info.polarity
    for k in kinds[:-1]:
        inner *= k
    if negs % 2 and _SUFFICIENT.match(text, head.start):
        negs, conditional = 0, True  # "not sufficient for a meeting": a precondition
    total = inner * kinds[-1] * (-1 if negs % 2 else 1)
    conditional = conditional or any(
        not (h.start < head.end and head.start < h.end) and not inside(h.start, masks)
        for h in doc.condition_index.within(c_lo, s_hi)
    )
    conditional = conditional or bool(chain and _RESET.match(text, chain[-1].start))
    # evidence: from the holder (when close) through the signal, or the signal and its predicate
    end = max(sig.end, post.end if post else 0, agents[-1].end if agents else 0)
    start = sig.start if post is not None else head.start
    if subject is not None and lo <= subject.start < start and start - subject.end < 80:
        start = subject.start
    if end - start > _MAX_EVIDENCE and chain:
        start = chain[0].start
    source = q if in_quote or subject is None else None
    st = stance_of(total)
    found = [
        Found(a, info.topic, st, conditional, start, end, source, inner, sig.end)
        for a in actors
        if a is not None
    ]
    # co-holders between commas: "A key demand of Helsinki, backed by Warsaw, is a truce."
    for p_lo, _p_hi, p_sign, p_agents in participials(doc, head.end, sig.start):
        for m in p_agents:
            a = doc.actor_for(m, q, clause_start)
            if a is not None:
                co = stance_of(total * p_sign)
                found.append(Found(a, info.topic, co, conditional, p_lo + 1, end, None, inner, 0))
    return found + _embedded(doc, chain, info.polarity, sig, q, c_lo, conditional)


def item_sign(doc: Doc, sig: Hit, lo: int, hi: int) -> int | None:
    """The stance an item of a list takes on its own signal, whoever holds it: +1/-1 (the
    signal's polarity through the item's own cues and negations); None when guarded."""
    text = doc.text
    c_lo, c_hi = doc.clause_of(sig.start, lo, hi)
    if identity(text, sig.start, c_lo) or modifier(text, sig.end):
        return None
    chain, post, _ = _governor(doc, sig, c_lo, c_hi, ())
    head = chain[-1] if chain else post
    if head is not None and hypothetical(text, c_lo, head.start, sig.start):
        return None
    total = doc.comp.signal_info[sig.index].polarity
    for c in chain or ([post] if post is not None else []):
        total *= sign(kind_of(doc.comp, c))
    negs = doc.negations_in(c_lo, sig.start)
    if post is not None:
        negs += doc.negations_in(sig.end, post.end)
    return -total if negs % 2 else total


def _nominal(text: str, cue: Hit, c_lo: int) -> bool:
    """A cue used as a noun ("a key demand", "the offer"), which an of-phrase may hold."""
    return bool(_NOMINAL_BEFORE.search(text, max(c_lo, cue.start - 20), cue.start))


def _embedded(
    doc: Doc, chain: list[Hit], polarity: int, sig: Hit, q: Quote | None, c_lo: int, cond: bool
) -> list[Found]:
    """Views held inside the chain: "Moscow rejected *Kyiv's call for* a ceasefire" or
    "*a proposal by Kyiv for* a truce" also say Kyiv calls for one."""
    text = doc.text
    out: list[Found] = []
    for k, cue in enumerate(chain[:-1]):
        holder = doc.mention_before(cue.start)
        holders: list[Mention] = []
        if (
            holder is not None
            and holder.start >= c_lo
            and (
                holder.possessive
                or (
                    holder.kind == "party"
                    and _ARTICLE_BEFORE.search(text, max(0, holder.start - 5), holder.start)
                )
            )
        ):  # "Kyiv's call for", "a US proposal for"
            holders = [holder]
        else:
            holders = agents_after(doc, cue.end, of=_nominal(text, cue, c_lo))
        if not holders:
            continue
        total = polarity
        for c in chain[: k + 1]:
            total *= sign(kind_of(doc.comp, c))
        if doc.negations_in(cue.end, sig.start) % 2:
            total = -total
        for h in holders:
            actor = doc.actor_for(h, q, c_lo)
            if actor is None:
                continue
            start = min(h.start, cue.start)
            out.append(
                Found(
                    actor,
                    doc.comp.signal_info[sig.index].topic,
                    stance_of(total),
                    cond,
                    start,
                    sig.end,
                    None,
                    total,
                    sig.end,
                )
            )
    return out
