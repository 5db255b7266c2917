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

from bisect import bisect_left, bisect_right
from itertools import accumulate, pairwise

from talks.extract.attribution import forward_start
from talks.extract.document import Doc, Draft
from talks.extract.frames import ADJUNCT_STARTS, QUOTE_PUNCT, Frame
from talks.extract.quotes_items import list_intro, list_items
from talks.extract.several import fan_out
from talks.extract.speakers import fold
from talks.extract.tokens import CAP, CUEW, DET, FINITE, OUTLET, PRON, PUNCT, Tokens

MIN_OUTSIDE_WORDS = 4  # a clause with a quoted fragment (a mixed quote)
MIN_PLAIN_WORDS = 2  # a clause or speech-act object without one ("called for a truce")
_BULLETS = frozenset("•-–—*·▪●")
_OPENERS = frozenset("“„‟«‘‚‛‹")
_STOPS = frozenset(".!?")
_BREAKISH = frozenset((";", "|", "—", "–", "-", ","))  # ("-" alone: a spaced hyphen, a dash)


def _trim(doc: Doc, a: int, b: int) -> tuple[int, int]:
    tk = doc.tk
    coordinators = tk.vocab.words.get("coordinators", frozenset())
    while a <= b and (tk.words[a] in _BULLETS or tk.words[a] in (",", ":", ";")):
        a += 1
    if a <= b and a == doc.sent_bounds[tk.sentence[a]][0]:
        a = _after_dateline(tk, a, b)
    while b >= a and (
        (tk.flags[b] & PUNCT and tk.words[b] not in QUOTE_PUNCT)
        or tk.low[b] in coordinators
        or (  # "… and has" before a coordinated cue (not "in May", "is still needed")
            tk.flags[b] & FINITE
            and not tk.flags[b] & CAP
            and b + 1 < tk.n
            and tk.flags[b + 1] & CUEW
        )
        or tk.words[b] in _OPENERS
        or tk.low[b] in _DANGLING
    ):
        b -= 1
    return a, b


_DANGLING = frozenset("as because whereas although though".split())  # no clause ends so
_DATELINE_MARKS = frozenset(",()./")


def _after_dateline(tk: Tokens, a: int, b: int) -> int:
    """The first token after a wire dateline opening the sentence at a ("KYIV (Wire) -
    Talks …", "GENEVA, May 3 (Wire) -- …", "OSLO — …"): capitalised words, numbers and
    an agency in brackets, then a dash; else a."""
    for d in range(a + 1, min(b, a + 16)):
        w = tk.words[d]
        if w in ("-", "—", "–"):
            head = tk.words[a]
            if tk.words[d - 1] != ")" and not (d == a + 1 and head.isupper() and len(head) > 1):
                return a
            e = d
            while e < b and tk.words[e + 1] in ("-", "—", "–"):
                e += 1
            return e + 1
        if not (tk.flags[d] & CAP or w.isdigit() or w in _DATELINE_MARKS):
            return a
    return a


class _Reach:
    """What `_content_end`, `_parts` and `_spans` ask of every frame, computed once
    per article: per sentence the frames that end a reported clause (sorted by start)
    and the earliest end of a frame (when the sentence is first asked about: most are
    never); per token the next clause break; and counts of
    finite verbs, words outside quotation marks and quoted words between two tokens.
    Each question is then answered without a walk over all the frames or tokens of the
    sentence, so a sentence full of cues ("Medinsky said Medinsky said …") costs
    linear, not quadratic, time. The counts are running sums built for a sentence when
    it is first asked about (about half the tokens of an article are in no sentence
    with a frame), and for the whole article only for a span across sentences."""

    def __init__(self, doc: Doc) -> None:
        tk = doc.tk
        self.tk = tk
        self.doc = doc
        self.sent_bounds = doc.sent_bounds
        words = tk.vocab.words
        self.coordinators = words.get("coordinators", frozenset())
        self.position_acts = words.get("position_acts", frozenset())
        self._stops: dict[int, tuple[list[int], list[Frame]]] = {}
        self._first_end: dict[int, int | None] = {}
        stoppers = words.get("clause_breaks", frozenset()) | words.get("relay_cues", frozenset())
        n = tk.n
        quote, low = tk.quote, tk.low
        nb: list[int] = []
        self.next_break = nb
        marks = _breakish(tk.text, tk.starts, n)
        hyphens = [k for k in marks if tk.words[k] == "-" and quote[k] < 0]
        dashes = [k for k in marks if tk.words[k] in ("—", "–") and quote[k] < 0]
        for k in marks:
            w = tk.words[k]
            if (
                w in (";", "|")  # ("|": a title's separator, "claim | site name")
                or (
                    w in ("—", "–")
                    and quote[k] < 0
                    and not tk.glued(k)
                    and not _paired(tk, dashes, k)
                )
                or (w == "-" and quote[k] < 0 and _unpaired(tk, hyphens, k))
                or (w == "," and k + 1 < n and low[k + 1] in stoppers)
                or (w == "," and k + 1 < n and low[k + 1] == "as" and _as_clause(tk, k + 1))
            ):
                nb.extend([k] * (k + 1 - len(nb)))
        nb.extend([n] * (n + 1 - len(nb)))
        self.breaks = words.get("clause_breaks", frozenset())
        self._sums: dict[tuple[int, int], list[int]] = {}

    def stops(self, s: int) -> tuple[list[int], list[Frame]]:
        """The frames of sentence s that end a reported clause, sorted by start, and
        their starts (worked out when the sentence is first asked about)."""
        hit = self._stops.get(s)
        if hit is not None:
            return hit
        tk, coordinators = self.tk, self.coordinators
        starts: list[int] = []
        frames: list[Frame] = []
        for g in self.doc.frames_in(s):
            start = g.start
            lead = start - 1
            nested = (
                g.parent is None
                and g.subject is not None
                and not g.inverted
                and not tk.flags[lead] & PUNCT
                and tk.low[lead] not in coordinators
                and tk.low[lead] not in _CLAUSE_OPENERS
            ) or (  # "said Russia was studying … and expected …": the clause's verb
                g.parent is not None
                and g.subject is None
                and g.cue.kind in ("belief", "stance")
                and tk.low[lead] in coordinators
                and not (tk.low[lead] in ("but", "yet") and _after_comma(tk, lead))
                # (not "…, but insisted that …": a second speech act)
            )
            if not nested:  # "… that the campaign believes …" stays inside the clause
                starts.append(start)
                frames.append(g)
        if any(x > y for x, y in pairwise(starts)):  # (a stable sort: ties keep their order)
            order = sorted(range(len(starts)), key=starts.__getitem__)
            starts = [starts[i] for i in order]
            frames = [frames[i] for i in order]
        hit = self._stops[s] = (starts, frames)
        return hit

    def first_end(self, s: int) -> int | None:
        """The earliest end of a frame of sentence s that takes the sentence's words
        (None for none)."""
        if s in self._first_end:
            return self._first_end[s]
        ends = [
            g.end
            for g in self.doc.frames_in(s)
            if not g.outlet_only
            and not _position_only(g, self.position_acts)
            and g.cue.kind != "belief"  # ("He had hoped …, X added, “…”": the content)
        ]
        first = self._first_end[s] = min(ends) if ends else None
        return first

    def finite(self, a: int, b: int) -> int:
        """Finite verbs in tokens a..b-1 (minus those in b..a-1 when b < a)."""
        return self._count(_FINITE_SUM, a, b)

    def outside(self, a: int, b: int, enough: int) -> int:
        """Words outside quotation marks (no punctuation) in tokens a..b-1 (a <= b),
        counted up to `enough` (one by one in a short range: most stop early)."""
        if a >= 0 and b - a <= _FEW and b <= self.tk.n:
            quote, flags, count = self.tk.quote, self.tk.flags, 0
            for k in range(a, b):
                if quote[k] < 0 and not flags[k] & PUNCT:
                    count += 1
                    if count >= enough:
                        break
            return count
        return min(self._count(_OUTSIDE_SUM, a, b), enough)

    def quoted(self, a: int, b: int) -> bool:
        """A quoted word or a quotation mark in tokens a..b-1 (none when b <= a)."""
        if b <= a:
            return False
        if a >= 0 and b - a <= _FEW and b <= self.tk.n:  # (in C: no step per token)
            tk = self.tk
            return max(tk.quote[a:b]) >= 0 or not QUOTE_PUNCT.isdisjoint(tk.words[a:b])
        return self._count(_MARKS_SUM, a, b) > 0

    def _count(self, kind: int, a: int, b: int) -> int:
        # (a few tokens are counted one by one; else the difference of two running sums,
        # the sentence's when a..b-1 lies in one)
        lo, hi = (a, b) if a <= b else (b, a)
        if lo >= 0 and hi - lo <= _FEW and hi <= self.tk.n:
            few = sum(self._ones(kind, lo, hi))
            return few if a <= b else -few
        s = self.tk.sentence[lo] if 0 <= lo < hi <= self.tk.n else -1
        if s >= 0 and self.sent_bounds[s][0] <= lo and hi <= self.sent_bounds[s][1] + 1:
            first = self.sent_bounds[s][0]
            sums = self._sums.get((kind, s))
            if sums is None:
                ones = self._ones(kind, first, self.sent_bounds[s][1] + 1)
                sums = self._sums[(kind, s)] = list(accumulate(ones, initial=0))
            return sums[b - first] - sums[a - first]
        sums = self._sums.get((kind, -1))
        if sums is None:
            sums = self._sums[(kind, -1)] = list(
                accumulate(self._ones(kind, 0, self.tk.n), initial=0)
            )
        return sums[b] - sums[a]

    def _ones(self, kind: int, a: int, b: int) -> list[bool]:
        """Whether each of tokens a..b-1 is of one kind."""
        tk = self.tk
        quote, flags = tk.quote[a:b], tk.flags[a:b]
        if kind == _FINITE_SUM:
            return [f & FINITE != 0 for f in flags]
        if kind == _OUTSIDE_SUM:
            return [q < 0 and not f & PUNCT for q, f in zip(quote, flags, strict=True)]
        return [q >= 0 or w in QUOTE_PUNCT for q, w in zip(quote, tk.words[a:b], strict=True)]


_FEW = 24  # (the reported clauses asked about: 8 to 20 tokens)
_FINITE_SUM, _OUTSIDE_SUM, _MARKS_SUM = range(3)


def _breakish(text: str, starts: list[int], n: int) -> list[int]:
    """The tokens that are one of `_BREAKISH`, in order: found with a search of the text
    for each mark (a few), not a look at every token. Such a character is a token of
    its own or (a hyphen) inside a word, and no other token starts with one."""
    out = []
    for mark in _BREAKISH:
        at = text.find(mark)
        while at >= 0:
            k = bisect_left(starts, at, 0, n)
            if k < n and starts[k] == at:
                out.append(k)
            at = text.find(mark, at + 1)
    out.sort()
    return out


def _after_comma(tk: Tokens, k: int) -> bool:
    """A comma before k, also inside a closing quotation mark ('“… ensured,” but')."""
    w = tk.words[k - 1] if k > 0 else ""
    return w == "," or (w in QUOTE_PUNCT and k > 1 and tk.words[k - 2] == ",")


def _position_only(frame: Frame, position_acts: frozenset[str]) -> bool:
    """A country's demands and beliefs are positions, not quotes ("Russia wants …",
    "Kyiv rules out …"); its promises, offers and accusations are speech acts."""
    subject = frame.subject
    return (
        subject is not None
        and subject.kind == "party"
        and frame.relay is None
        and (frame.cue.kind not in ("speech", "act") or frame.cue.lemma in position_acts)
    )


def _as_clause(tk: Tokens, k: int) -> bool:
    """ "…, as negotiators met in Istanbul": "as" opening a clause of its own (a verb
    within four words), not "as well as", "as part of", "as expected"."""
    if k + 2 >= tk.n or tk.low[k + 1] in ("well", "part", "such", "much", "long", "soon"):
        return False
    for j in range(k + 2, min(tk.n, k + 6)):
        if tk.flags[j] & PUNCT or tk.quote[j] >= 0:
            return False
        if (
            tk.flags[j] & FINITE
            or tk.low[j] in _PAST
            or (tk.low[j].endswith("ed") and not tk.flags[j] & CAP)
        ):
            return True
    return False


_PAST = frozenset(
    "met said told made took held began came went left gave got sent saw found put set kept "
    "led spoke broke brought fought won lost ran stood thought sought".split()
)


def _paired(tk: Tokens, dashes: list[int], k: int) -> bool:
    """A dash that opens or closes an aside with a second dash of its sentence ("a
    group of states — including A, B and C — would be obliged"): no clause break."""
    i = bisect_left(dashes, k)
    return any(
        0 <= j < len(dashes)
        and tk.sentence[dashes[j]] == tk.sentence[k]
        and tk.words[dashes[j]] == tk.words[k]
        and not tk.glued(dashes[j])
        for j in (i - 1, i + 1)
    )


def _unpaired(tk: Tokens, hyphens: list[int], k: int) -> bool:
    """A spaced hyphen (or "--") standing for a dash that no second one closes in its
    sentence: "… toward women - raised questions" ends a clause, "a rival - who
    denied it - shunned her" does not."""
    if k > 0 and tk.words[k - 1] == "-":
        return False  # the second half of "--"
    i = bisect_right(hyphens, k)
    while i < len(hyphens) and hyphens[i] == hyphens[i - 1] + 1:
        i += 1  # "--"
    if i < len(hyphens) and tk.sentence[hyphens[i]] == tk.sentence[k]:
        return False
    j = bisect_left(hyphens, k) - 1
    while j >= 0 and j + 1 < len(hyphens) and hyphens[j] == hyphens[j + 1] - 1:
        j -= 1
    return not (j >= 0 and tk.sentence[hyphens[j]] == tk.sentence[k])


def _content_end(doc: Doc, reach: _Reach, frame: Frame, start: int, hi: int) -> int:
    """Last token of the clause a frame reports, starting at `start`: before the next
    frame that is not nested in the clause, a semicolon, a dash outside quotation
    marks after the first word, or a comma before a clause break or relay cue."""
    tk = doc.tk
    end = hi
    starts, frames = reach.stops(frame.sentence)
    i = bisect_right(starts, start)
    while i < len(starts) and (
        frames[i] is frame or _own_subject(tk, frames[i], start) or _aside(tk, frames[i], frame)
    ):
        i += 1
    if i < len(starts):
        end = min(end, starts[i] - 1)
    if start > end:
        return end
    k = reach.next_break[start]
    while k <= end:
        w = tk.words[k]
        if w in ("—", "–", "-") and k == start:
            k = reach.next_break[k + 1]
            continue
        if w == "," and k + 1 > end:
            break
        if (
            w == ","
            and tk.low[k + 1] in reach.breaks
            and reach.finite(start, k) == 0
            and tk.low[start] != "to"
        ):
            k = reach.next_break[k + 1]  # ", despite …" after a bare subject is an aside
            continue
        if w == "," and (c := _short_aside(tk, k, end)) > 0:
            k = reach.next_break[c + 1]  # ', though "slowly", and that …': an aside
            continue
        return k - 1
    return end


def _short_aside(tk: Tokens, k: int, end: int) -> int:
    """The comma closing a short aside opened at comma k (", though slowly,") when a
    coordinated that-clause of the same report follows it (", and that …"); else -1."""
    for c in range(k + 2, min(end - 2, k + 6) + 1):
        if tk.words[c] == "," and tk.quote[c] < 0:
            if tk.low[c + 1] in ("and", "but") and tk.low[c + 2] == "that":
                return c
            return -1
        if tk.flags[c] & (FINITE | CUEW):
            return -1
    return -1


def _aside(tk: Tokens, g: Frame, frame: Frame) -> bool:
    """ "…, a settlement which, he stressed, must be …": the same speaker's cue set off
    by commas inside the clause is an aside, not the clause's end."""
    if g.parent is not None or g.subject is None or g.inverted or g.speaker is None:
        return False
    if frame.speaker is None or g.speaker.name != frame.speaker.name:
        return False
    before, after = g.start - 1, g.end + 1
    return (
        before >= 0
        and after < tk.n
        and tk.words[before] == ","
        and tk.words[after] == ","
        and tk.sentence[after] == g.sentence
    )


def _own_subject(tk: Tokens, g: Frame, start: int) -> bool:
    """ "According to X, Helsinki and Tallinn agreed …": the frame's subject opens the
    reported clause, so the frame is part of it."""
    if g.parent is not None or g.subject is None or g.inverted or g.start - start >= 8:
        return False
    if tk.low[start] == "to" or tk.low[g.start - 1] in _CLAUSE_OPENERS:
        return False  # "promised to pull back as Kyiv offered …": a clause of its own
    return not any(tk.flags[j] & (PUNCT | FINITE | CUEW) for j in range(start, g.start))


def _after_frame(doc: Doc, frame: Frame, hi: int) -> tuple[str, int]:
    """What follows a frame up to its sentence end: "end", or ("more", first token
    after the comma that closes a parenthetical frame), or ("clause", -1)."""
    tk = doc.tk
    k = (frame.relay.end if frame.relay is not None else frame.end) + 1
    while k <= hi:
        w = tk.words[k]
        if tk.low[k] in _TRAILING_ADJUNCTS and tk.quote[k] < 0 and k > frame.b + 1:
            return "end", -1  # "…, X said on Thursday after hosting talks that began …"
        if w == "," or (w in ("—", "–") and not tk.glued(k)):  # ("…, he said — if …")
            rest = range(k + 1, hi + 1)
            outlet = any(g.outlet_only and g.start > k for g in doc.frames_in(frame.sentence))
            if outlet or not any(tk.flags[j] & (FINITE | CUEW) for j in rest):
                return "end", -1
            if k + 1 <= hi and tk.flags[k + 1] & CUEW and tk.low[k + 1].endswith("ing"):
                return "end", -1  # "…, he said, adding that …": the participle's own report
            return "more", k + 1
        if tk.flags[k] & (FINITE | CUEW) or tk.quote[k] >= 0:
            if frame.cue.takes == "source" and tk.quote[k] < 0 and _no_comma(tk, k, hi):
                return "end", -1  # "according to documents made public in May."
            return "clause", -1
        k += 1
    return "end", -1


# Words that open an adjunct of the writer's after a closing attribution ("…, X said
# on Thursday after meeting Y", "…, X told reporters before the talks began"): what
# follows them is no reported clause, even with a verb.
_TRAILING_ADJUNCTS = frozenset("after before since during following until when".split())


def _no_comma(tk: Tokens, k: int, hi: int) -> bool:
    return all(tk.words[j] not in (",", ";", ":") for j in range(k, hi + 1))


def _parts(doc: Doc, reach: _Reach, frame: Frame) -> list[tuple[int, int]]:
    tk = doc.tk
    lo, hi = doc.sent_bounds[frame.sentence]
    if frame.backward:
        return _sentence_before(doc, frame)
    lead = tk.low[frame.start - 1] if frame.start > lo and not frame.inverted else ""
    if id(frame) not in doc.used_post:
        start = forward_start(tk, doc.reader, frame, hi)
        if start is not None:
            end = _content_end(doc, reach, frame, start, hi)
            if lead in _SUBORDINATORS:  # "When Ryan said he would …, Trump responded"
                end = min(end, _first_comma(doc, start, end))
            elif _after_relative(doc, frame, lo):
                end = _relative_end(doc, start, end)  # "X, who said A, has argued B"
            return [(start, _tail_end(doc, start, _participle_end(doc, start, end)))]
    if lead == "as" and frame.start - 1 == lo:  # "As Politico reported, the PAC will …"
        k = frame.end + 1
        while k < hi and tk.words[k] != "," and not tk.flags[k] & (FINITE | CUEW | PUNCT):
            k += 1  # (a time phrase: "reported Tuesday night")
        if k < hi and tk.words[k] == ",":
            return [(k + 1, _content_end(doc, reach, frame, k + 1, hi))]
        return []
    comma = frame.start - 1
    if comma > lo + 1 and tk.low[comma] == "as" and tk.words[comma - 1] == ",":
        comma -= 1  # "…, as noted by the Baltic Ledger.", "…, as Tamm noted."
    close = comma
    if comma > lo + 1 and tk.words[comma] in QUOTE_PUNCT and tk.words[comma - 1] == ",":
        comma -= 1  # 'a step toward “a regime both sides can live with,” the envoy said'
    if comma <= lo or tk.words[comma] != ",":
        return []
    how, after = _after_frame(doc, frame, hi)
    if how == "clause":
        return []
    if how == "end" and after < 0:
        after = _bare_lead_rest(doc, reach, frame, lo, comma, hi)
        if after >= 0:
            how = "more"  # "That culture, they said, emphasizes …": the verb follows
    first = reach.first_end(frame.sentence)
    earlier = first is not None and first < comma
    if earlier and (how != "end" or frame.subject is None):
        return []  # (a closing attribution takes the whole sentence, reports in it too)
    if (
        tk.low[lo] in ADJUNCT_STARTS
        and not reach.quoted(lo, comma)
        and reach.finite(lo, comma) == 0
        and not _has_cue(tk, lo, comma)
        and not any(_verb_form(tk, j) for j in range(lo, comma))
    ):
        if how == "more":  # "By then, they said, the bank was …": the clause follows
            return [(after, _content_end(doc, reach, frame, after, hi))]
        return []  # "At a briefing in Gdańsk, Kowalski said, “…”": an adjunct, no clause
    if tk.low[lo] in _SUBORDINATORS and _first_comma(doc, lo, comma - 1) == comma - 1:
        return []  # "When Ryan said …, Trump responded": the subordinate clause is no report
    if not _OPENERS.isdisjoint(tk.words[lo + 1 : comma - 1]):  # (most clauses: none, in C)
        for k in range(comma - 2, lo, -1):  # a sentence break missed before « … »
            if tk.words[k] in _OPENERS and tk.words[k - 1] in _STOPS:
                lo = k
                break
    if close != comma and reach.outside(lo, comma, 1) == 0:
        return []  # "“A,” Umerov said, adding …": the quotation alone is no clause
    if (
        frame.speaker is not None
        and reach.quoted(lo, comma + 1)  # (a quotation in narration)
        and _about_speaker(doc, lo, frame.speaker.name)
    ):
        return []  # "Medinsky preferred not to …, “…,” Medinsky concluded": narration
    parts = [(lo, comma - 1 if close == comma else close)]
    if how == "more":
        parts.append((after, _content_end(doc, reach, frame, after, hi)))
    return parts


# Subordinators that open a clause of the writer's own inside a sentence: a frame after
# one ("… to scale back as Kyiv offers neutrality") ends the clause before it.
_CLAUSE_OPENERS = frozenset("as whereas when after before because".split())

# Subordinators before a frame's subject: the reported clause ends with the
# subordinate clause, at its first comma outside quotation marks.
_SUBORDINATORS = frozenset(
    "when while whereas although though because since after before once until if".split()
)


def _after_relative(doc: Doc, frame: Frame, lo: int) -> bool:
    """The frame's cue follows ", who" or ", which" ("X, who said …"), adverbs and
    auxiliaries between them passed over."""
    tk = doc.tk
    before = doc.reader.skip_back(frame.a - 1, lo)
    return before > lo and tk.low[before] in ("who", "which") and tk.words[before - 1] == ","


def _relative_end(doc: Doc, a: int, b: int) -> int:
    """A report inside a relative clause set between commas ends at the comma before
    the main clause's verb: "McClendon, who said he would vote for X, has argued …"."""
    tk = doc.tk
    for k in _commas(tk, a + 1, b):
        if tk.quote[k] < 0:
            n = k + 1
            if tk.flags[n] & FINITE or (
                not tk.flags[n] & (CAP | PUNCT | DET | PRON) and _verbish(tk, n)
            ):
                return k - 1
    return b


def _tail_end(doc: Doc, a: int, b: int) -> int:
    """The reported clause ends before a coordinated clause with a speech verb of its
    own (", and he speculated that …", ", but it later clarified that …") and before
    a colon that opens a quotation ("was acting out of worry: “It's …”")."""
    tk = doc.tk
    low = tk.low
    cues = tk.vocab.cue_phrases
    _, _, heads, sized = _settings_entry(tk)
    # (only a word of `heads` can end the clause: the others are passed over in C)
    for k in [k for k, w in enumerate(low[a + 1 : b], a + 1) if w in heads]:
        w = tk.words[k]
        if tk.quote[k] >= 0:
            continue
        if (by_size := sized.get(low[k])) is not None and any(
            tuple(low[k : k + size]) in phrases for size, phrases in by_size
        ):
            return k - 1  # "… in an interview on Sunday": where it was said, not what
        if w == ":" and (tk.words[k + 1] in _OPENERS or tk.quote[k + 1] >= 0):
            return k - 1
        if (
            tk.low[a] == "to"
            and tk.low[k] in ("and", "but")
            and k + 1 <= b
            and not tk.flags[k + 1] & CAP
            and (tk.flags[k + 1] & FINITE or tk.low[k + 1] in _PAST)
        ):
            return k - 1  # "promised to pull back and held out …": the subject's next verb
        if w == "," and tk.low[k + 1] in ("and", "but"):
            for j in range(k + 2, min(b, k + 8) + 1):
                if tk.flags[j] & PUNCT or tk.quote[j] >= 0:
                    break
                if j > k + 2 and tk.low[j] in cues and tk.match(cues, j) is not None:
                    return k - 1
    return b


Settings = dict[str, list[tuple[str, ...]]]
# the phrases of each first word as a set per length: one look-up per length
Sized = dict[str, tuple[tuple[int, frozenset[tuple[str, ...]]], ...]]
_SETTINGS: dict[int, tuple[object, Settings, frozenset[str], Sized]] = {}


def _settings(tk: Tokens) -> tuple[Settings, frozenset[str]]:
    """The `speech_settings` phrases by first word, and the lower-cased words that may
    end a clause in `_tail_end` (built once per word list; read only)."""
    _, out, heads, _ = _settings_entry(tk)
    return out, heads


def _settings_entry(tk: Tokens) -> tuple[object, Settings, frozenset[str], Sized]:
    """`_settings` with the phrases of each first word grouped by length (`Sized`)."""
    source = tk.vocab.words.get("speech_settings", ())
    hit = _SETTINGS.get(id(source))
    if hit is not None and hit[0] is source:
        return hit
    out: Settings = {}
    for phrase in source:
        words = tuple(phrase.split())
        out.setdefault(words[0], []).append(words)
    heads = frozenset(out) | {":", ",", "and", "but"}
    sized: Sized = {
        first: tuple(
            (size, frozenset(p for p in phrases if len(p) == size))
            for size in sorted({len(p) for p in phrases})
        )
        for first, phrases in out.items()
    }
    if len(_SETTINGS) > 8:
        _SETTINGS.clear()
    # (the list is kept alive: its id stays)
    hit = _SETTINGS[id(source)] = (source, out, heads, sized)
    return hit


def _participle_end(doc: Doc, a: int, b: int) -> int:
    """A participle after a comma adds the reporter's comment, not the speaker's words:
    "they had raised $175 million, cementing the group's lead" ends before it."""
    tk = doc.tk
    gerunds = tk.vocab.words.get("preposition_gerunds", frozenset())
    for k in _commas(tk, a + 1, b):
        if tk.quote[k] < 0:
            w = tk.low[k + 1]
            if w in _GERUND_LEADS and k + 2 <= b:  # ", after hosting …", ", before leaving …"
                w = tk.low[k + 2]
            if (
                w.endswith("ing")
                and len(w) > 5
                and w not in gerunds
                and not tk.flags[k + 1] & (CAP | CUEW)
            ):
                return k - 1
    return b


_GERUND_LEADS = frozenset("after before while since".split())


def _first_comma(doc: Doc, a: int, b: int) -> int:
    """The token before the first comma outside quotation marks in a..b (else b)."""
    tk = doc.tk
    for k in _commas(tk, a + 1, b + 1):
        if tk.quote[k] < 0:
            return k - 1
    return b


def _commas(tk: Tokens, a: int, b: int) -> list[int]:
    """The commas among tokens a..b-1, in order: the other tokens
    passed over in one comprehension."""
    return [k for k, w in enumerate(tk.words[a:b], a) if w == ","]


def _bare_lead_rest(doc: Doc, reach: _Reach, frame: Frame, lo: int, comma: int, hi: int) -> int:
    """First token of the words after a frame set between commas when the words before
    it are a bare subject (no verb, no quotation) and those after go on with a verb:
    "That culture, they said, emphasizes selling …"; else -1."""
    tk = doc.tk
    k = (frame.relay.end if frame.relay is not None else frame.end) + 1
    if k + 2 > hi or tk.words[k] != "," or comma - lo > 12:
        return -1
    if reach.finite(lo, comma) != 0 or reach.quoted(lo, comma):
        return -1
    if any(tk.flags[j] & CUEW or _verbish(tk, j) for j in range(lo + 1, comma)):
        return -1
    nxt = k + 1
    w = tk.low[nxt]
    if tk.flags[nxt] & (PUNCT | CAP | CUEW) or w.endswith("ing") or w in ADJUNCT_STARTS:
        return -1
    return nxt if _verbish(tk, nxt) else -1


def _verbish(tk: Tokens, j: int) -> bool:
    """A lower-case word in -s or -ed after a word that is no determiner."""
    w = tk.low[j]
    return (
        not tk.flags[j] & (CAP | PUNCT)
        and not tk.flags[j - 1] & DET
        and ((w.endswith("s") and not w.endswith("ss") and len(w) > 3) or w.endswith("ed"))
    )


def _sentence_before(doc: Doc, frame: Frame) -> list[tuple[int, int]]:
    """What a backward attribution ("This was announced by X.", "X confirmed this.")
    reports: the sentence before it, in its paragraph or ending the paragraph before,
    when that sentence is plain narration (no attribution or quotation of its own,
    no headline)."""
    tk = doc.tk
    s = frame.sentence - 1
    if s < 0 or s in tk.headlines or any(f.cue.kind == "speech" for f in doc.frames_in(s)):
        return []
    a, b = doc.sent_bounds[s]
    lo = doc.sent_bounds[frame.sentence][0]
    if b < a or doc.para_of_token[b] < doc.para_of_token[lo] - 1:
        return []
    nxt = frame.sentence + 1
    if (
        doc.para_of_token[b] != doc.para_of_token[lo]
        and nxt < len(doc.sent_bounds)
        and doc.para_of_token[doc.sent_bounds[nxt][0]] == doc.para_of_token[lo]
    ):
        return []  # across a paragraph break only from a line of its own
    if any(tk.quote[k] >= 0 or k in doc.skip for k in range(a, b + 1)):
        return []
    return [(a, b)]


def _verb_form(tk: Tokens, j: int) -> bool:
    """A past-tense verb ("In Kharkiv, …, rocket fire killed 11 people, the governor
    said": a clause, not an adjunct before the attribution)."""
    low = tk.low[j]
    return not tk.flags[j] & (CAP | PUNCT) and (
        low in _PAST or (low.endswith("ed") and len(low) > 4 and tk.low[j - 1] not in _DETS)
    )


_DETS = frozenset("the a an his her its their this that".split())


def _has_cue(tk: Tokens, a: int, b: int) -> bool:
    return any(tk.flags[k] & CUEW for k in range(a, min(b, a + 12)))


def _about_speaker(doc: Doc, lo: int, name: str) -> bool:
    """The clause before a closing attribution is about its own speaker."""
    lo = _trim(doc, lo, min(lo + 6, doc.tk.n - 1))[0]  # (not past the last token)
    p = doc.reader.phrase_after(lo, min(lo + 6, doc.tk.n - 1))
    if p is None or p.kind != "name" or not name:
        return False
    return fold(name).split()[-1] in fold(doc.tk.span_text(p.start, p.end)).split()


def _spans(doc: Doc, reach: _Reach, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of a reported clause, or [] with too few words of its own."""
    tk = doc.tk
    spans: list[tuple[int, int]] = []
    outside = 0
    for a, b in parts:
        a, b = _trim(doc, a, b)
        if b < a:
            continue
        outside += reach.outside(a, b + 1, MIN_OUTSIDE_WORDS)
        spans.append((tk.starts[a], tk.ends[b]))
    if outside >= MIN_OUTSIDE_WORDS:  # (enough either way: no need to look for marks)
        return spans
    mixed = outside >= MIN_PLAIN_WORDS and any(reach.quoted(a, b + 1) for a, b in parts)
    return spans if outside >= (MIN_OUTSIDE_WORDS if mixed else MIN_PLAIN_WORDS) else []


def indirect_quotes(doc: Doc) -> list[Draft]:
    """Reported speech of every frame whose clause has enough words of its own."""
    tk = doc.tk
    direct_only = tk.vocab.words.get("direct_only_cues", frozenset())
    anonymity = tuple(tk.vocab.words.get("anonymity_requests", ()))
    # (ASCII phrases: a clause's first characters decide; else the whole clause is lowered)
    longest = max(map(len, anonymity), default=0) if all(map(str.isascii, anonymity)) else -1
    judged = tk.vocab.words.get("judgement_cues", frozenset())
    reach = _Reach(doc)
    position_acts = reach.position_acts
    out: list[Draft] = []
    for frame in doc.frames:
        if frame.outlet_only or frame.speaker is None:
            continue
        if frame.cue.lemma in direct_only and (
            frame.cue.lemma not in judged or not _judgement(doc, frame)
        ):
            continue
        if _position_only(frame, position_acts):
            continue
        # "said A, and that B" stays one quote: the gold keeps a second reported
        # clause of the same speech act with the first.
        parts = _parts(doc, reach, frame)
        if parts and _no_clause(tk, reach, parts[0][0], parts[-1][1]):
            continue
        spans = _spans(doc, reach, parts)
        if spans and _opens_with(doc.text, spans[0][0], spans[0][1], anonymity, longest):
            continue  # "…, who asked not to be named, said": a request for anonymity
        para = doc.para_of_token[frame.a]
        if list_intro(doc, frame):  # "… as described by X:" then bullets
            items = [(tk.starts[a], tk.ends[b]) for a, b in list_items(doc, frame)]
            if items and parts and parts[-1][1] < frame.a:
                a, b = parts[0][0], parts[-1][1]
                if reach.finite(a, b + 1) == 0:
                    spans = []  # "According to the text, as described by X:": no clause
            if spans:
                spans += items
            else:
                out += [Draft("indirect", [i], frame.speaker, frame, para) for i in items]
        if spans:
            out.append(Draft("indirect", spans, frame.speaker, frame, para))
    return fan_out(doc, _outermost(doc, out))


def _opens_with(text: str, a: int, b: int, phrases: tuple[str, ...], longest: int) -> bool:
    """Whether `text[a:b]` in lower case starts with one of `phrases`: of ASCII phrases
    of at most `longest` characters, only the first `longest` characters are lowered
    (lowering never shortens a character, and the one character it reads in context, a
    final sigma, is never ASCII); `longest` -1: all of them."""
    end = min(b, a + longest) if longest >= 0 else b
    return text[a:end].lower().startswith(phrases)


_AUXILIARIES = frozenset(
    "would will can could should may might must have has had is are was were do does did".split()
)


def _no_clause(tk: Tokens, reach: _Reach, a: int, b: int) -> bool:
    """Words that report nothing: an adjunct with no verb ("on March 12", "at a
    fundraiser Tuesday"), or a verb with no subject ("would build", "have long …")."""
    if a > b:
        return False
    w = tk.low[a]
    if w in _AUXILIARIES:
        return True
    return (
        w in ADJUNCT_STARTS
        and w != "to"
        and reach.finite(a, b + 1) == 0
        and not any(tk.flags[k] & CUEW or tk.quote[k] >= 0 for k in range(a, b + 1))
        and not any(_verbish(tk, k) for k in range(a + 1, b + 1))
    )


def _judgement(doc: Doc, frame: Frame) -> bool:
    """A praise or a criticism with its grounds: "praised Kowalski as a reliable
    partner", "criticized the ministry for its delays" (not "praised the decision")."""
    tk = doc.tk
    hi = doc.sent_bounds[frame.sentence][1]
    k = forward_start(tk, doc.reader, frame, hi)
    if k is None:
        return False
    for j in range(k + 1, min(hi, k + 12) + 1):
        if tk.low[j] in ("as", "for") and tk.quote[j] < 0:
            return True
        if tk.flags[j] & (FINITE | CUEW) or tk.words[j] in (";", ".", ":"):
            return False
    return False


def _outermost(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """A report nested in another's reported clause ("Lavrov said Kyiv had proposed X",
    "According to Tamm, Laine said …") is part of that quote, not one of its own; but
    an outlet's report of someone's words is that someone's quote ("Nordwire reports
    Tamm said …"). One sweep over spans and cues in text order."""
    tk = doc.tk
    outlet = [_by_outlet(doc, d) for d in drafts]
    cues = sorted((tk.starts[d.frame.a], i) for i, d in enumerate(drafts) if d.frame)
    spans = sorted((s, t, i) for i, d in enumerate(drafts) for s, t in d.spans)
    dropped: set[int] = set()
    plain = [at for at, i in cues if not outlet[i]]
    for s, t, i in spans:  # an outlet's clause holding someone's report
        if outlet[i] and (j := bisect_left(plain, s)) < len(plain) and plain[j] < t:
            dropped.add(i)
    reach_any: list[tuple[int, int]] = []  # the 3 furthest-reaching spans begun so far
    reach_plain: list[tuple[int, int]] = []
    k = 0
    for at, i in cues:
        while k < len(spans) and spans[k][0] <= at:
            _, t, j = spans[k]
            reach_any = sorted([*reach_any, (t, j)], reverse=True)[:3]
            if not outlet[j]:
                reach_plain = sorted([*reach_plain, (t, j)], reverse=True)[:3]
            k += 1
        holders = reach_any if outlet[i] else reach_plain
        if any(t > at and j != i for t, j in holders):
            dropped.add(i)
    return [d for i, d in enumerate(drafts) if i not in dropped]


def _by_outlet(doc: Doc, d: Draft) -> bool:
    """Spoken by a news outlet ("Nordwire reports", "the Interfax news agency reported")."""
    f = d.frame
    if f is None or f.subject is None:
        return False
    p = f.subject
    return p.kind == "outlet" or any(doc.tk.flags[k] & OUTLET for k in range(p.start, p.end + 1))
