"""What the position stages share: one article scanned once (`Doc`: signals, cues,
conditions, negations, the mentions that may hold a view, the quotes), the `Found`
record of a position before it is stored, and the sign arithmetic of stances.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from talks.extract.actors import Actor, Mention, find_mentions, person_holder, resolve
from talks.extract.ranges import Intervals, Ordered
from talks.extract.regex_shapes import folded, lowered
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
TOKEN = re.compile(r"[\w’'-]+")
_AND = re.compile(r"\band\b")
_PREP_BEFORE = re.compile(
    r"\b(?:from|of|by|with|against|to|for|on|in|at|despite|after|before|over)\s+(?:the\s+)?$", re.I
)
_COORDINATION = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|and\s+|(?:together|along)\s+with\s+|as\s+well\s+as\s+)"
    r"(?:the\s+|its\s+|their\s+)?(?:(?:US|U\.S\.|[A-Z][a-z]+)\s+){0,3}$"
)
_SPEAKS_AFTER = 80  # characters between a group named earlier and its speech verb
_SPEAKER_BACK = 400  # how far back "they said" finds the speakers named
COMMIT = -1  # the index of a modal commitment ("it would send troops"), a support cue
JUDGED_SUPPORT = -2  # a judging verb whose predicate supports ("called the plan acceptable")
PRECONDITION = -4  # "… if X", "… before X": X is a precondition (support, conditional)
JUDGED_OPPOSE = -3  # … or opposes ("views NATO expansion as a threat")
DEMAND = -5  # a deontic modal before the signal ("Kyiv must withdraw from …"): the speaker's
CLAIM = -6  # a signal that is a whole claim ("Crimea is Russian"): its speaker's view


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
    if hit.index in (COMMIT, JUDGED_SUPPORT, PRECONDITION, DEMAND, CLAIM):
        return "support"
    if hit.index == JUDGED_OPPOSE:
        return "oppose"
    return comp.cue_info[hit.index].kind


def stance_of(total: int) -> Stance:
    return "support" if total > 0 else "oppose"


class Doc:
    """Everything scanned once over one article's text."""

    def __init__(
        self,
        article: Article,
        quotes: Sequence[Quote],
        comp: Compiled,
        parties: frozenset[str],
        scanned: tuple[list[Hit], ...] | None = None,
    ):
        self.text = text = article.text
        self.comp = comp
        self.quotes = quotes
        self.parties = parties
        # (a binary search: a page of many debris lines is not scanned once per hit)
        noise = Intervals([(n.start, n.end) for n in article.noise]) if article.noise else None

        def clean(hits: list[Hit]) -> list[Hit]:
            if noise is None:
                return hits  # (read only below: the caller's list may be shared)
            return [h for h in hits if not noise.covers(h.start)]

        signals, cues, conditions, negations = scanned or scan_all(comp, text)
        self.signals = clean(signals)
        sig_spans = [(h.start, h.end) for h in self.signals]

        in_signals = Intervals(sig_spans)
        sig_starts, sig_reach = in_signals.starts, in_signals.reach

        def outside_signals(hits: list[Hit]) -> list[Hit]:
            """The hits that overlap no signal (`in_signals.overlaps`, read inline)."""
            return [
                h
                for h in hits
                if not ((i := bisect.bisect_left(sig_starts, h.end)) and sig_reach[i - 1] > h.start)
            ]

        self.cues = outside_signals(clean(cues))
        self.conditions = clean(conditions)
        self.negations = outside_signals(clean(negations))
        if self.negations:
            in_cues = Intervals([(h.start, h.end) for h in self.cues])
            self.negations = [
                h
                for h in self.negations
                if not in_cues.covers(h.start) and not text.startswith(" only", h.end)
            ]
        self.signal_index = Ordered(self.signals)
        self.cue_index = Ordered(self.cues)
        self.condition_index = Ordered(self.conditions)
        self.negation_index = Ordered(self.negations)
        self.mentions: list[Mention] = []
        # the text lower-cased, with the letters re.IGNORECASE reads as ASCII ones folded
        # (None when offsets would not agree): case-insensitive patterns are matched in it
        # without the flag where they can be (`regex_shapes.plain_twin`)
        self.view = folded(text, lowered(text))
        if self.signals:
            party_hits, person_hits = scan_names(comp, text)
            self.mentions = find_mentions(
                text,
                comp,
                cue_starts={h.start for h in self.cues},
                blocked=sig_spans,
                parties=party_hits,
                persons=person_hits,
                view=self.view,
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
            breaks = []
            if _may_break(self.text[lo:hi]):
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
        """The mention that ends right before `pos` ("Kyiv's" in "Kyiv's [own] call")."""
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i].end > pos:
            i -= 1
        if i >= 0 and self.text[self.mentions[i].end : pos].strip(" ’'s") in ("", "own"):
            return self.mentions[i]
        return None

    def document_before(self, pos: int) -> Mention | None:
        """The last document named before `pos` whose author is known."""
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.document and m.kind != "bare":  # (not "the plan", which refers back)
                return m if m.party is not None else None
            i -= 1
        return None

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """The mentions that start in [lo, hi), in text order."""
        a = bisect.bisect_left(self.mention_starts, lo)
        return self.mentions[a : bisect.bisect_left(self.mention_starts, hi)]

    def document_in(self, lo: int, hi: int) -> Mention | None:
        """The last document named in [lo, hi), its author known or referred back to
        ("the text" is the last document named before it)."""
        return next((m for m in reversed(self.mentions_in(lo, hi)) if m.document), None)

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
            if prev.kind == "pronoun" and prev.possessive and prev.end <= cur.start:
                i -= 1  # "Ukraine and [its] European allies"
                continue
            if prev.kind == "bare" and prev.end > cur.start:
                i -= 1  # "[the leaders] of Canada" inside "the leaders of Canada"
                continue
            if prev.kind not in ("party", "person") or prev.end > cur.start:
                break
            if not self.text[prev.end : cur.start].strip() and prev.party == cur.party:
                cur = prev  # "US President Donald Trump": one name with its title
                i -= 1
                continue
            sep = _COORDINATION.fullmatch(self.text, prev.end, cur.start)
            if sep is None or (
                not out
                and not _AND.search(sep.group())
                and _PREP_BEFORE.search(self.text, max(0, prev.start - 12), prev.start)
            ):
                break  # "Despite pressure from Washington, Kyiv has …": no list
            out.append(prev)
            cur = prev
            i -= 1
        return out

    def co_speakers(self, q: Quote) -> list[Mention]:
        """The parties named together with a quote's speaker, whose statement it is too
        (a joint statement: "Warsaw and Tallinn said …", "European leaders together with
        Canada and Japan said …"; "they said" looks back to the group that spoke)."""
        sp = q.speaker_span
        if sp is None:
            return []
        m = self.mention_at(sp.start)
        if m is not None and m.kind in ("party", "person") and m.party == q.side:
            return self.coordinated(m) + self.coordinated_after(m)
        for x in reversed(self.mentions_in(max(0, sp.start - _SPEAKER_BACK), sp.start)):
            if x.kind not in ("party", "person") or x.party != q.side:
                continue
            group = self.coordinated(x) + self.coordinated_after(x)
            last = max([x, *group], key=lambda g: g.end)
            stop = self.text.find(".", last.end, last.end + _SPEAKS_AFTER)
            words = TOKEN.findall(self.text, last.end, stop if stop >= 0 else last.end + 40)
            return group if any(w.lower() in self.comp.speech_verbs for w in words) else []
        return []

    def coordinated_after(self, m: Mention) -> list[Mention]:
        """Parties named together with `m` after it: "Poland [and Estonia]"."""
        out: list[Mention] = []
        i = bisect.bisect_right(self.mention_starts, m.start)
        cur = m
        while i < len(self.mentions):
            nxt = self.mentions[i]
            i += 1
            if nxt.start < cur.end or nxt.kind == "bare":
                continue  # inside `cur`, or "[the leaders] of Canada"
            if nxt.kind not in ("party", "person"):
                break
            if not _COORDINATION.fullmatch(self.text, cur.end, nxt.start):
                break
            out.append(nxt)
            cur = nxt
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
        if quote is not None:  # "President Volodymyr Zelensky's office said": his side
            party = self.speaker_party(quote)
            return Actor(party, None) if party is not None else None
        return None

    def speaker_party(self, quote: Quote) -> str | None:
        """The party of the first named party or person inside a quote's speaker words, for
        a speaker with no side of its own ("X's office", "a source close to X")."""
        span = quote.speaker_span
        if span is None:
            return None
        i = bisect.bisect_left(self.mention_starts, span.start)
        while i < len(self.mentions) and self.mentions[i].start < span.end:
            m = self.mentions[i]
            if m.kind in ("party", "person") and m.party in self.parties:
                return m.party
            i += 1
        return None

    def search(
        self, pattern: re.Pattern[str], plain: re.Pattern[str] | None, lo: int, hi: int
    ) -> re.Match[str] | None:
        """`pattern.search(text, lo, hi)` for a case-insensitive pattern, read with its
        `plain` twin (`regex_shapes.plain_twin`) in the folded view when there is one: the
        same offsets and groups (their words lower-cased: read them off the text)."""
        if plain is not None and self.view is not None:
            return plain.search(self.view, lo, hi)
        return pattern.search(self.text, lo, hi)

    def finditer(
        self, pattern: re.Pattern[str], plain: re.Pattern[str] | None, lo: int, hi: int
    ) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text, lo, hi)` as `search` reads it."""
        if plain is not None and self.view is not None:
            return plain.finditer(self.view, lo, hi)
        return pattern.finditer(self.text, lo, hi)

    def negations_in(self, lo: int, hi: int, masks: Spans = ()) -> int:
        """How many negations stand in [lo, hi) outside `masks` (no generator where none
        stands or nothing is masked)."""
        hits = self.negation_index.within(lo, hi)
        if not hits:
            return 0
        if not masks:
            return len(hits)
        return sum(1 for h in hits if not inside(h.start, masks))


def _may_break(sentence: str) -> bool:
    """Whether `sentence` holds what any `_CLAUSE_BREAK` needs ("though" in "although"):
    most sentences hold none, and are not searched."""
    return (
        ";" in sentence
        or "but" in sentence
        or "while" in sentence
        or "whereas" in sentence
        or "though" in sentence
        or "however" in sentence
        or "yet" in sentence
    )


def clause_of(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    start, end = lo, hi
    for m in _CLAUSE_BREAK.finditer(text, lo, hi):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end
