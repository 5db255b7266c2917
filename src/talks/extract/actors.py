"""Who holds a view: the words that stand for parties, people and pronouns, and
which of them can be the subject of a stance.

There is no parser here. A party word counts as a possible subject when the
words around it say so: a role or group noun after it ("Russian delegation",
"Ukraine's president"), a verb-like word or a stance cue after a name ("Russia
demands", "Kiev handing"), no preposition before it ("talks *with* Ukraine" is
not a subject). Pronouns and bare roles ("he", "its", "the delegation") are
resolved to the nearest fitting mention before them, or to the speaker of the
quote whose attribution they stand in.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Literal, cast

from talks.extract.regex_shapes import heads_at, matches_at, tagged_trie
from talks.extract.speakers import _Cache
from talks.extract.topic_lexicon import Compiled, Hit
from talks.models import Quote

MentionKind = Literal["party", "person", "pronoun", "bare"]

_PREPOSITIONS = frozenset(
    """of in on at for with to from against between by about into onto over under towards
    toward than via within without across among amid around near upon like""".split()
)
_AUX = frozenset(
    """is are was were has have had will would can could should must may might does did do
    shall also has not never still already""".split()
)
# irregular past forms that follow a subject: "Helsinki said", "Warsaw sought"
_IRREGULAR = frozenset(
    """said told wrote made took gave sent put set held kept met saw thought felt left won
    lost began sought brought got stood spoke went came ran led meant drew gave knew chose
    became found heard paid sat rose fell broke understood forgot swore""".split()
)
_ADDRESSEE_VERBS = frozenset(
    """told tells tell asked asks ask urged urges informed informs assured assures briefed
    thanked thanks pressed presses warned warns phoned invited invites congratulated
    reminded persuaded""".split()
)
# adverbials between a subject and its verb: "Russia as before insists", "Kyiv again said"
_ADVERBIAL = re.compile(
    r"(?:\s+(?:as\s+before|once\s+again|again|also|still|now|then|already|reportedly|"
    r"repeatedly|many\s+times|in\s+turn|too|no\s+longer|never|not|long|firmly|publicly)\b"
    r"|\s*,\s*(?:for\s+(?:its|their|his|her)\s+part|"
    r"in\s+turn)\s*,)+"
)
_COMPANY = re.compile(
    r"\s+and\s+(?:its|their|his|her)?\s*(?:(?:Western|European|NATO|key)\s+)?"
    r"(?:(allies|partners)|backers)\b"
)
_NOT_VERB = frozenset("its his this was has is does us as thus yes news".split())
_START, _END = attrgetter("start"), attrgetter("end")
_PRONOUNS = frozenset(
    w for p in "he she his her it its they their we our".split() for w in (p, p.capitalize())
) | {"I"}
# Exactly those words: the pattern starts with a plain letter class (the engine skips
# ahead to those in C), the word-start test and the rest of the word come after it.
_PRONOUN = re.compile(
    r"[HhSsIiTtWwOo](?<!\w.)(?:(?<=[Hh])(?:e|is|er)|(?<=[Ss])he|(?<=[Ii])ts?"
    r"|(?<=[Tt])he(?:y|ir)|(?<=[Ww])e|(?<=[Oo])ur|(?<=I))\b"
)
# `_PRONOUN`'s words lower-cased, a whole word each (what `_finder` looks for)
_PRONOUN_WORDS = ("he", "his", "her", "she", "it", "its", "they", "their", "we", "our", "i")
# how `Compiled.doc_ref` and `Compiled.bare_role` begin: "the" at a word start, then white space
_THE = r"[Tt](?<!\w.)he\s"
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "our"})
_FIRST_PERSON = frozenset({"we", "our", "i"})
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
_NEXT_WORD = re.compile(r"\s*([A-Za-z’'-]+)")
_APOSTROPHE_S = ("'s", "’s")
_NAME_BEFORE = re.compile(r"[A-Z][\w.]*$")
_OBJECT_NEXT = re.compile(r"\s+(?:a|an)\s")


@dataclass(slots=True, unsafe_hash=True)  # immutable by convention: frozen ones are slow to build
class Mention:
    """A word or phrase that may stand for the holder of a view."""

    start: int
    end: int
    kind: MentionKind
    party: str | None  # resolved directly (names, adjectives + roles, known people)
    holder: str | None  # a person's canonical name
    person: bool  # one person (for "he"/"she")
    subject: bool  # placed where it can be the subject of a following verb or cue
    word: str = ""  # the pronoun or bare role, lower-cased
    possessive: bool = False  # "Kyiv's", "Putin's", "its"
    document: bool = False  # a plan or draft ("the Russian plan"; "the document" refers back)


def _addressee(text: str, pos: int) -> bool:
    """True after a verb that takes a person as its object ("told French President
    Emmanuel Macron", "urged Kyiv"): the mention is spoken to, and holds nothing."""
    before = text[max(0, pos - 60) : pos]
    last = before.rsplit(None, 1)  # (most often the last word alone tells)
    if not last:
        return False
    w = last[-1].strip("“”\"‘’'(,")
    if w.lower() in _ADDRESSEE_VERBS:
        return True
    if not w[:1].isupper():
        return False
    for w in reversed(before.rsplit(None, 5)[-5:-1]):  # the four before it
        w = w.strip("“”\"‘’'(,")
        if w.lower() in _ADDRESSEE_VERBS:
            return True
        if not w[:1].isupper():
            return False
        # (else a title or a name: "French President Emmanuel")
    return False


class _Covered:
    """Whether an offset lies in one of some spans (half-open), by binary search over
    their union."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(spans):
            if a >= b:
                continue
            if self.ends and a <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], b)
            else:
                self.starts.append(a)
                self.ends.append(b)

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.ends[i] > pos


def _prev_word(text: str, pos: int) -> str:
    """The word before `pos` (within 30 characters), lower-cased, without the quotation
    marks and parenthesis around it; "" when there is none."""
    words = text[max(0, pos - 30) : pos].rstrip(" ,\t\n").rsplit(None, 1)
    return words[-1].strip("“”\"‘’'(").lower() if words else ""


def _verb_like(word: str) -> bool:
    w = word.lower()
    if w in _AUX or w in _IRREGULAR:
        return True
    if w in _NOT_VERB or not w.isalpha():
        return False
    return w.endswith(("s", "ed", "ing", "ly"))


def _starts_cue(cue_starts: set[int], text: str, pos: int) -> bool:
    """True when a stance cue begins at the next word after `pos`."""
    m = _NEXT_WORD.match(text, pos)
    return m is not None and m.start(1) in cue_starts


def find_mentions(
    text: str,
    comp: Compiled,
    *,
    cue_starts: set[int],
    blocked: Sequence[tuple[int, int]],
    parties: list[Hit],
    persons: list[Hit],
    view: str | None,
) -> list[Mention]:
    """Every party, person, pronoun and bare-role mention in `text`, in text order.

    `blocked` spans (topic signals) hold no actor: "NATO" in "NATO membership". `view`:
    the text lower-cased, with the letters re.IGNORECASE reads as ASCII ones folded
    (`regex_shapes.folded`; None when offsets would not agree): where some patterns are
    looked for and matched.
    """
    block_starts = [b[0] for b in blocked]

    def is_blocked(a: int, b: int) -> bool:
        i = bisect.bisect_right(block_starts, a) - 1
        return (i >= 0 and blocked[i][1] > a) or (i + 1 < len(blocked) and blocked[i + 1][0] < b)

    out: list[Mention] = []
    person_words = comp.person_words
    for hit in persons:
        start, end = hit.start, hit.end
        if is_blocked(start, end):
            continue
        pw = person_words[hit.index]
        poss = text.startswith(_APOSTROPHE_S, end)
        subject = _prev_word(text, start) not in _PREPOSITIONS and not _addressee(text, start)
        if poss:
            after = end + 2
            subject = subject and (
                _starts_cue(cue_starts, text, after) or bool(_role_after(comp, text, view, after))
            )
        holder = None if pw.group else pw.name
        out.append(Mention(start, end, "person", pw.side, holder, not pw.group, subject, "", poss))

    taken = _Covered([(m.start, m.end) for m in out])  # characters covered by a known person
    for hit in parties:
        if is_blocked(hit.start, hit.end) or taken.covers(hit.start):
            continue
        m = _party_mention(text, view, comp, hit, cue_starts)
        if m is not None:
            out.append(m)

    for am in comp.authored_doc.finditer(text):  # "the U.S.-drafted plan" holds US views
        w = _NAME_BEFORE.search(text, max(0, am.start() - 30), am.start())
        i = comp.parties.index.get(w.group()) if w else None
        if w is None or i is None or is_blocked(w.start(), am.end()):
            continue
        subject = _prev_word(text, w.start()) not in _PREPOSITIONS
        party = comp.party_words[i].party
        out.append(
            Mention(w.start(), am.end(), "party", party, None, False, subject, "", False, True)
        )

    starts = _starts(comp, view)
    the: list[int] | None
    docs: list[int] | None
    made: list[int] | None
    if starts is not None:
        pronouns = list(matches_at(_PRONOUN, text, starts[0]))
        the, docs, made = starts[1:]
    else:
        pronouns = list(_PRONOUN.finditer(text))
        the = _heads_at(view, comp.the_heads)
        docs, made = _heads_at(view, comp.doc_heads), _heads_at(view, comp.doc_made_heads)
    out += _documents(text, comp, out, is_blocked, (the, docs, made))

    for pm in pronouns:
        word = pm.group()
        if word not in _PRONOUNS:
            continue
        start, end = pm.span()
        if is_blocked(start, end):
            continue
        word = word.lower()
        poss = word in _POSSESSIVE_PRONOUNS
        subject = not poss or (
            _starts_cue(cue_starts, text, end) or bool(_role_after(comp, text, view, end))
        )
        out.append(Mention(start, end, "pronoun", None, None, False, subject, word, poss))

    for bm in matches_at(comp.bare_role, text, the):
        start, end = bm.span()
        if is_blocked(start, end):
            continue
        role = " ".join(bm.group("role").lower().split())
        subject = _prev_word(text, start) not in _PREPOSITIONS
        person = role in comp.person_roles
        out.append(Mention(start, end, "bare", None, None, person, subject, role))

    out.sort(key=_END, reverse=True)
    out.sort(key=_START)  # (by start, then longest first: the sorts are stable)
    # a pronoun inside a party phrase is part of it: "the US and its allies"
    kept: list[Mention] = []
    reach = -1
    for m in out:
        if m.kind == "pronoun" and m.start < reach:
            continue
        if m.kind == "party":
            reach = max(reach, m.end)
        kept.append(m)
    return kept


def _starts(comp: Compiled, view: str | None) -> tuple[list[int], ...] | None:
    """Where, in the text's `folded` view, `_PRONOUN` may match, the patterns that begin
    with "the" (`comp.doc_ref`, `comp.bare_role`), `comp.doc_by` and `comp.doc_made`:
    offsets, each list sorted. None when that cannot be told this way (use `_heads_at`).

    Each of them matches only at a word start, so the view is read by one pattern, in C,
    at the characters that can stand before a word; lowering keeps every word character
    one and every other character not one (and white space white space), so the
    character before a word start in the text is none of those in the view either."""
    found = _finder(comp)
    if found is None or view is None:
        return None
    finder, kinds = found
    out: tuple[list[int], ...] = ([], [], [], [])
    add = [out[k].append for k in range(4)]
    for m in finder.finditer(" " + view):  # (the space: a word start at the view's start)
        kind = kinds[m.lastindex]  # type: ignore[index]
        if kind < 4:
            add[kind](m.start())
        else:
            add[2](m.start())
            add[3](m.start())
    return out


_Finder = tuple[re.Pattern[str], list[int]]
_FINDERS = _Cache()


def _finder(comp: Compiled) -> _Finder | None:
    """What `_starts` reads the view with, for `comp` (built once per lexicon): a
    character other than a lower-case ASCII letter, digit or "_", then a pronoun of
    `_PRONOUN` as a whole word (kind 0), "the" and what may follow it in `comp.doc_ref`
    or `comp.bare_role` (`Compiled.the_next`: 1), a head of `comp.doc_heads` (2) or of
    `comp.doc_made_heads` (3), or one of either that begins one of the other or is
    begun by it (4: where one of them stands, the trie may stop at the other); and the
    kind of each of its groups (the last one a match closes tells its kind). None when
    the patterns do not begin as this reads them, or when one place could hold a head
    and a pronoun or "the"."""
    hit = _FINDERS.get(comp)
    if hit is not None:
        return cast(tuple[_Finder | None], hit)[0]
    doc_heads, made_heads = set(comp.doc_heads or ("",)), set(comp.doc_made_heads or ("",))
    heads = sorted(doc_heads | made_heads)
    words = (*_PRONOUN_WORDS, "the")
    found = None
    if (
        comp.doc_ref.pattern.startswith(_THE)
        and comp.bare_role.pattern.startswith(_THE)
        and comp.doc_by.pattern.startswith(r"\b")
        and comp.doc_made.pattern.startswith(r"\b")
        and all(re.match(r"\w", h) for h in heads)  # (\b then stands after no word character)
        and not any(h.startswith(w) or w.startswith(h) for h in heads for w in words)
    ):
        tagged = [(w, r"\b", 0) for w in _PRONOUN_WORDS] + [("the", f"(?={comp.the_next})", 1)]
        for h in heads:
            doc, made = h in doc_heads, h in made_heads
            other = made_heads if doc else doc_heads
            both = (doc and made) or any(h.startswith(o) or o.startswith(h) for o in other)
            tagged.append((h, "", 4 if both else 2 if doc else 3))
        finder = re.compile("[^a-z0-9_]" + tagged_trie([(w, tail) for w, tail, _ in tagged]))
        kinds = [0] * (finder.groups + 1)
        for name, index in finder.groupindex.items():
            kinds[index] = tagged[int(name[1:])][2]
        found = finder, kinds
    _FINDERS.put(comp, (found,))  # (a 1-tuple: None is an answer too)
    return found


def _heads_at(view: str | None, heads: tuple[str, ...] | None) -> list[int] | None:
    """Where a case-insensitive pattern that starts with one of `heads` may match (the
    text's `folded` view: `regex_shapes.word_starts`), or None: anywhere."""
    return heads_at(view, heads) if view is not None and heads is not None else None


def _role_after(comp: Compiled, text: str, view: str | None, pos: int) -> re.Match[str] | None:
    """`comp.role_after.match(text, pos)`, matched in the text's `folded` view when it can
    be (`regex_shapes.plain_twin`: the same offsets; its groups read lower-case)."""
    if view is not None and comp.role_after_plain is not None:
        return comp.role_after_plain.match(view, pos)
    return comp.role_after.match(text, pos)


def _documents(
    text: str,
    comp: Compiled,
    named: list[Mention],
    is_blocked: Callable[[int, int], bool],
    places: tuple[list[int] | None, list[int] | None, list[int] | None],
) -> list[Mention]:
    """Documents: "a plan drafted by Finnish diplomats" (held by its author), and "the
    document" / "the plan" later, which refer back to the last document named (`places`:
    where `comp.doc_ref`, `comp.doc_by` and `comp.doc_made` may match, None: anywhere)."""
    the, docs, made = places
    out: list[Mention] = []
    by_start = {m.start: m for m in named if m.party is not None}
    for dm in matches_at(comp.doc_by, text, docs):
        agent = by_start.get(dm.end())
        role = _ROLE_WORD.match(text, dm.end())
        if agent is None and role is not None:  # "drafted by envoy Steve Witkoff"
            agent = by_start.get(role.end())
        if agent is None or is_blocked(dm.start(), dm.end()):
            continue
        subject = _prev_word(text, dm.start()) not in _PREPOSITIONS
        out.append(
            Mention(
                dm.start(), agent.end, "party", agent.party, None, False, subject, "", False, True
            )
        )
    out += _made(text, comp, named, is_blocked, made)
    starts = {m.start for m in out}
    for rm in matches_at(comp.doc_ref, text, the):
        start, end = rm.span()
        if is_blocked(start, end) or rm.start("doc") in starts:
            continue
        subject = _prev_word(text, start) not in _PREPOSITIONS
        word = rm.group("doc").lower()
        out.append(Mention(start, end, "bare", None, None, False, subject, word, False, True))
    return out


_RELATIVE_AFTER = re.compile(r",\s+(?:which|who)\s")
_ROLE_WORD = re.compile(r"[a-z]+\s+(?=[A-Z])")  # a lower-case title before a name
_MADE_GAP = re.compile(r"(?:\s+(?:[a-z]+ly|has|have|had|also|then|on\s+[A-Z][a-z]+))*\s+")


def _made(
    text: str,
    comp: Compiled,
    named: list[Mention],
    is_blocked: Callable[[int, int], bool],
    places: list[int] | None,
) -> list[Mention]:
    """ "Kyiv handed over a written framework", "Warsaw has tabled a draft": the subject of
    an authoring verb wrote the document (a mention at the document noun; `places`: where
    `comp.doc_made` may match, None: anywhere)."""
    out: list[Mention] = []
    ends: list[tuple[int, int]] = []
    end_keys: list[int] = []
    starts: list[int] | None = None  # (sorted at the first document noun: most have none)
    for dm in matches_at(comp.doc_made, text, places):
        if is_blocked(dm.start("doc"), dm.end("doc")):
            continue
        if starts is None:
            ends = sorted((m.end, k) for k, m in enumerate(named) if m.party is not None)
            end_keys = [e for e, _ in ends]
            starts = sorted(m.start for m in named)
        i = bisect.bisect_left(starts, dm.start())
        if i < len(starts) and starts[i] < dm.start("doc"):
            continue  # "presented Russia's plan": the plan names its own author
        k = bisect.bisect_right(end_keys, dm.start()) - 1
        if k < 0:
            continue
        author = named[ends[k][1]]
        if not author.subject or not _MADE_GAP.fullmatch(text, author.end, dm.start()):
            continue
        out.append(
            Mention(
                dm.start("doc"),
                dm.end("doc"),
                "party",
                author.party,
                None,
                False,
                False,
                "",
                False,
                True,
            )
        )
    return out


def _party_mention(
    text: str, view: str | None, comp: Compiled, hit: Hit, cue_starts: set[int]
) -> Mention | None:
    pw = comp.party_words[hit.index]
    start, end = hit.start, hit.end
    s_after = text.startswith(_APOSTROPHE_S, end)
    poss = s_after or text.endswith(_APOSTROPHE_S, start, end)
    after = end + 2 if s_after else end
    role = _role_after(comp, text, view, after)
    if role:  # "Russian delegation", "Ukraine's president", "Kremlin spokesman"
        role_end = role.end()
        prev = _prev_word(text, start)
        person = bool(comp.person_role_after.match(text, after))
        document = text[role.start() : role_end].rsplit(None, 1)[-1].lower() in comp.doc_words
        # "passed the Estonian side a request": an addressee before its object is no subject
        subject = (
            prev not in _PREPOSITIONS
            and not _OBJECT_NEXT.match(text, role_end)
            and not _addressee(text, start)
        )
        return Mention(
            start, role_end, "party", pw.party, None, person, subject, "", False, document
        )
    if pw.adjective and not poss:
        if _starts_cue(cue_starts, text, end):  # "a Russian proposal for …": holds it
            return Mention(start, end, "party", pw.party, None, False, True, "", True)
        return None  # "Ukrainian soil", "Russian troops": a modifier, not an actor
    if poss:
        # "Moscow's proposition", "Russia's Medinsky" hold views; "Ukraine's neutrality" does not
        nxt = _NEXT_WORD.match(text, after)
        subject = nxt is not None and (nxt.start(1) in cue_starts or nxt.group(1)[:1].isupper())
        return Mention(start, end, "party", pw.party, None, False, subject, "", True)
    prev = _prev_word(text, start)
    of_role = None
    if prev in ("of", "the") and _OF_BEFORE.search(text, max(0, start - 9), start):
        before = text[max(0, start - 60) : start]
        of_role = comp.role_before_of.search(before)
    if of_role:  # "the President of Ukraine", "the head of the Russian delegation"
        start = start - len(before) + of_role.start()
        person = bool(comp.person_role_after.match(" " + of_role.group()))
        return Mention(start, end, "party", pw.party, None, person, True)
    adv = _ADVERBIAL.match(text, end)
    at = adv.end() if adv else end
    company = _COMPANY.match(text, at)  # "Kyiv and its allies have called for …"
    if company:
        at = company.end()
        if pw.party == "United States" and company.group(1):  # "the US and its allies"
            return Mention(start, at, "party", "West", None, False, prev not in _PREPOSITIONS)
    nxt = _NEXT_WORD.match(text, at)
    subject = (
        prev not in _PREPOSITIONS
        and (
            (nxt is not None and (nxt.start(1) in cue_starts or _verb_like(nxt.group(1))))
            or bool(_RELATIVE_AFTER.match(text, at))  # "China, which …, says"
        )
        and not _addressee(text, start)
    )
    return Mention(start, end, "party", pw.party, None, False, subject)


@dataclass(slots=True, unsafe_hash=True)
class Actor:
    party: str
    holder: str | None


class _Lookups:
    """What `resolve` asks of an article's quotes and mentions, indexed once (the
    last pair of lists seen is kept): the quote whose speaker span overlaps a
    mention, the quote holding a position, and the last earlier party or person
    mention with a property. Each answer is the one the plain scans over every quote
    and mention would give (first quote in list order, last mention in list order),
    found by binary search instead, so a long article with many mentions and quotes
    costs linear, not quadratic, time."""

    def __init__(self, quotes: Sequence[Quote], mentions: Sequence[Mention]) -> None:
        self.quotes, self.mentions = quotes, mentions
        speakers = sorted(
            (q.speaker_span.start, q.speaker_span.end, i)
            for i, q in enumerate(quotes)
            if q.speaker_span is not None
        )
        self.speakers = speakers
        self.speaker_starts = [s for s, _, _ in speakers]
        self.speaker_len = max((e - s for s, e, _ in speakers), default=0)
        spans = sorted((sp.start, sp.end, i) for i, q in enumerate(quotes) for sp in q.spans)
        self.spans = spans
        self.span_starts = [s for s, _, _ in spans]
        self.span_len = max((e - s for s, e, _ in spans), default=0)
        named = [x for x in mentions if x.kind in ("party", "person")]
        self.named = named
        self.named_starts = [x.start for x in named]
        self.named_ends = [x.end for x in named]
        self.ordered = self.named_ends == sorted(self.named_ends) and self.named_starts == sorted(
            self.named_starts
        )
        # marks[k]: the last of named[:k] with the property (-1: none)
        document, subject, person = [-1], [-1], [-1]
        d = s = p = -1
        for i, x in enumerate(named):
            if x.document:
                d = i
            if x.subject:
                s = i
            if x.person:
                p = i
            document.append(d)
            subject.append(s)
            person.append(p)
        self.last = {"document": document, "subject": subject, "person": person}

    def speaking(self, m: Mention) -> Quote | None:
        lo = bisect.bisect_right(self.speaker_starts, m.start - self.speaker_len)
        hi = bisect.bisect_left(self.speaker_starts, m.end)
        best = min((i for _, e, i in self.speakers[lo:hi] if e > m.start), default=None)
        return None if best is None else self.quotes[best]

    def at(self, pos: int) -> Quote | None:
        lo = bisect.bisect_right(self.span_starts, pos - self.span_len)
        hi = bisect.bisect_right(self.span_starts, pos)
        best = min((i for _, e, i in self.spans[lo:hi] if e > pos), default=None)
        return None if best is None else self.quotes[best]

    def last_before(self, pos: int, key: str) -> Mention | None:
        """The last party or person mention ending by `pos` with property `key`."""
        k = bisect.bisect_right(self.named_ends, pos)
        i = self.last[key][k]
        return None if i < 0 else self.named[i]

    def first_subject_between(self, lo: int, pos: int) -> Mention | None:
        """The first party or person subject starting at `lo` or later, ending by `pos`."""
        k = bisect.bisect_right(self.named_ends, pos)
        j = bisect.bisect_left(self.named_starts, lo)
        return next((x for x in self.named[j:k] if x.subject), None)


_LOOKUPS: list[_Lookups] = []


def _lookups(quotes: Sequence[Quote], mentions: Sequence[Mention]) -> _Lookups:
    hit = _LOOKUPS[0] if _LOOKUPS else None
    if hit is None or hit.quotes is not quotes or hit.mentions is not mentions:
        hit = _Lookups(quotes, mentions)
        _LOOKUPS[:] = [hit]
    return hit


def resolve(
    m: Mention,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    *,
    sentence_start: int,
    parties: frozenset[str],
) -> Actor | None:
    """The party (and person) a mention stands for, or None when it cannot be told."""
    if m.kind in ("party", "person"):
        return Actor(m.party, m.holder) if m.party in parties else None
    look = _lookups(quotes, mentions)
    q = look.speaking(m)
    if q is not None and q.side in parties:  # (a speaker with no party: read the words)
        return Actor(q.side, person_holder(q))
    if m.kind == "pronoun" and m.word in _FIRST_PERSON:
        q = look.at(m.start)
        return Actor(q.side, person_holder(q)) if q and q.side in parties else None
    if not look.ordered:  # (mentions out of text order: the plain scan)
        return _resolve_scan(m, mentions, sentence_start=sentence_start, parties=parties)
    if m.kind == "bare" and m.document:  # "the document": the last document named, if any
        doc = look.last_before(m.start, "document")
        return Actor(doc.party, None) if doc and doc.party in parties else None
    if m.kind == "pronoun" and m.word in ("it", "its", "they", "their"):
        # the subject of the sentence, else the last party named as a subject
        pick = look.first_subject_between(sentence_start, m.start) or look.last_before(
            m.start, "subject"
        )
    elif m.person or m.word in ("he", "she", "his", "her"):
        pick = look.last_before(m.start, "person")
    else:  # "the delegation", "the government": the last party named as an actor
        pick = look.last_before(m.start, "subject")
    if pick is None or pick.party not in parties:
        return None
    return Actor(pick.party, pick.holder)


def _resolve_scan(
    m: Mention, mentions: Sequence[Mention], *, sentence_start: int, parties: frozenset[str]
) -> Actor | None:
    earlier = [x for x in mentions if x.end <= m.start and x.kind in ("party", "person")]
    if m.kind == "bare" and m.document:  # "the document": the last document named, if any
        doc = next((x for x in reversed(earlier) if x.document), None)
        return Actor(doc.party, None) if doc and doc.party in parties else None
    if m.kind == "pronoun" and m.word in ("it", "its", "they", "their"):
        # the subject of the sentence, else the last party named as a subject
        in_sentence = [x for x in earlier if x.start >= sentence_start and x.subject]
        pick = (
            in_sentence[0]
            if in_sentence
            else next((x for x in reversed(earlier) if x.subject), None)
        )
    elif m.person or m.word in ("he", "she", "his", "her"):
        pick = next((x for x in reversed(earlier) if x.person), None)
    else:  # "the delegation", "the government": the last party named as an actor
        pick = next((x for x in reversed(earlier) if x.subject), None)
    if pick is None or pick.party not in parties:
        return None
    return Actor(pick.party, pick.holder)


def person_holder(q: Quote) -> str | None:
    """The quote's speaker when it is a named person (not a group, outlet or party)."""
    words = q.speaker.split()
    if q.speaker == q.side or len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return q.speaker
