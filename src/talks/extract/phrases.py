"""Tokens and the noun phrases that name speakers, read with the cue lexicon.

The extractors need just enough grammar to find who a reporting verb belongs
to: a word-level tokenizer with character offsets, word classes from
`lexicons/cues.yaml` (pronouns, titles, role and group nouns, party words,
outlets), and a parser for the phrases that stand before or after a cue:
"Russian Foreign Minister Sergei Lavrov", "Ivan Timofeev, director of
programmes at …,", "Ukrainian negotiator, David Arakhamia,", "the head of the
Russian delegation", "a Kremlin representative", "he".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from talks.extract.speakers import PartyIndex, SpeakerIndex, _Cache, fold
from talks.lexicon import Cue, Lexicon

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:[’'\-][^\W_]+)*|[^\w\s]")
PREPOSITIONS = frozenset("of for at from in with on to within inside under".split())
_PP_HEADS = frozenset("of for at from in with".split())
_BOUNDARY = frozenset(",;:—–(")
_QUOTE_CHARS = frozenset("\"“”„‟«»‘’‚‛‹›'`")

# token classes (bit flags)
PRON, DET, TITLE, PNOUN, GNOUN, RMOD, PARTY, OUTLET, NAME, CAP, PUNCT, CUEW, FINITE, ORG = (
    1 << i for i in range(14)
)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@dataclass
class Vocab:
    """The cue lexicon compiled for fast lookups (built once per lexicon)."""

    lexicon: Lexicon
    cue_re: re.Pattern[str]
    cues: dict[str, Cue]
    words: dict[str, frozenset[str]]
    outlets: dict[tuple[str, ...], str]
    outlet_longest: int
    parties: PartyIndex
    speakers: SpeakerIndex

    def has(self, name: str, word: str) -> bool:
        return word in self.words.get(name, frozenset())


_VOCAB_CACHE = _Cache()


def vocab_for(lexicon: Lexicon) -> Vocab:
    """The compiled vocabulary of `lexicon`, cached per lexicon object."""
    hit = _VOCAB_CACHE.get(lexicon)
    if isinstance(hit, Vocab):
        return hit
    cues: dict[str, Cue] = {}
    for cue in lexicon.cues:
        for form in cue.forms or [cue.lemma]:
            cues.setdefault(fold(form), cue)
    forms = sorted(cues, key=len, reverse=True)
    alternation = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms) or r"(?!)"
    cue_re = re.compile(rf"(?<![\w’'-])(?:{alternation})(?![\w’'-])", re.IGNORECASE)
    words = {k: frozenset(fold(w) for w in v) for k, v in lexicon.words.items()}
    outlets: dict[tuple[str, ...], str] = {}
    for name in lexicon.words.get("outlets", ()):
        key = tuple(fold(w) for w in name.split())
        if key[0] == "the" and len(key) > 1:
            key = key[1:]
        outlets.setdefault(key, name.removeprefix("The ").removeprefix("the "))
    vocab = Vocab(
        lexicon=lexicon,
        cue_re=cue_re,
        cues=cues,
        words=words,
        outlets=outlets,
        outlet_longest=max((len(k) for k in outlets), default=1),
        parties=PartyIndex.for_lexicon(lexicon),
        speakers=SpeakerIndex.for_lexicon(lexicon),
    )
    _VOCAB_CACHE.put(lexicon, vocab)
    return vocab


class Tokens:
    """Words and punctuation of a text with offsets, lower-cased forms and classes."""

    def __init__(self, text: str, vocab: Vocab) -> None:
        self.text = text
        self.vocab = vocab
        starts: list[int] = []
        ends: list[int] = []
        words: list[str] = []
        for m in _TOKEN.finditer(text):
            starts.append(m.start())
            ends.append(m.end())
            words.append(m.group())
        self.starts = starts
        self.ends = ends
        self.words = words
        self.n = len(words)
        low: list[str] = []
        poss: list[bool] = []
        for w in words:
            lw = w.lower().replace("’", "'")
            if lw.endswith("'s") and len(lw) > 2:
                low.append(lw[:-2])
                poss.append(True)
            else:
                low.append(lw)
                poss.append(False)
        self.low = low
        self.poss = poss
        self.flags = self._classify(vocab)
        self.party: dict[int, tuple[str, int]] = {}
        self.outlet: dict[int, tuple[str, int]] = {}
        self._multiword(vocab)
        self.quote = [-1] * self.n  # index of the quoted segment a token is in
        self.sentence = [0] * self.n
        self.titled: set[int] = set()  # sentences written in Title Case (headlines)

    def _classify(self, vocab: Vocab) -> list[int]:
        w = vocab.words
        pron, det, titles = w.get("pronouns", set()), w.get("determiners", set()), w["titles"]
        pnoun, gnoun, rmod = w["person_nouns"], w["group_nouns"], w["role_modifiers"]
        finite, not_names, org = w["finite_verbs"], w["not_names"], w["org_words"]
        out: list[int] = []
        for word, lw in zip(self.words, self.low, strict=True):
            f = 0
            first = word[0]
            if not (first.isalnum()):
                out.append(PUNCT)
                continue
            if first.isupper():
                f |= CAP
            if lw in pron:
                f |= PRON
            if lw in det:
                f |= DET
            if lw in titles:
                f |= TITLE
            if lw in pnoun or _singular(lw) in pnoun:
                f |= PNOUN
            if lw in gnoun or _singular(lw) in gnoun:
                f |= GNOUN
            if lw in rmod:
                f |= RMOD
            if lw in finite:
                f |= FINITE
            if lw in org:
                f |= ORG
            if f & CAP and lw not in not_names and not f & (TITLE | PNOUN | GNOUN | RMOD):
                f |= NAME
            out.append(f)
        return out

    def _multiword(self, vocab: Vocab) -> None:
        words = self.words
        i = 0
        while i < self.n:
            f = self.flags[i]
            if f & PUNCT:
                i += 1
                continue
            hit = vocab.parties.match(words, i) if f & CAP else None
            if hit is not None:
                party, n = hit
                self.party[i] = (party, n)
                for k in range(i, i + n):
                    self.flags[k] |= PARTY
            for n in range(min(vocab.outlet_longest, self.n - i), 0, -1):
                key = tuple(self.low[i : i + n])
                if key in vocab.outlets and f & CAP:
                    self.outlet[i] = (vocab.outlets[key], n)
                    for k in range(i, i + n):
                        self.flags[k] |= OUTLET
                    break
            i += 1

    def index(self, offset: int) -> int:
        """The first token starting at or after `offset`."""
        return bisect_left(self.starts, offset)

    def span_text(self, a: int, b: int) -> str:
        """Text of tokens a..b inclusive."""
        return self.text[self.starts[a] : self.ends[b]]

    def is_(self, i: int, flag: int) -> bool:
        return 0 <= i < self.n and bool(self.flags[i] & flag)

    def initial(self, i: int) -> bool:
        """A one-letter capital followed by a full stop ("J." in "Donald J. Trump")."""
        return (
            0 <= i < self.n - 1
            and len(self.words[i]) == 1
            and self.words[i].isupper()
            and self.words[i + 1] == "."
        )


@dataclass
class Phrase:
    """A noun phrase that names a speaker, in token indices (inclusive)."""

    start: int
    end: int
    head: int  # the head token
    kind: str  # pronoun | name | person | group | party | outlet
    name: tuple[int, int] | None = None  # token range of a person's or body's name
    roles: list[tuple[int, int]] = field(default_factory=list)  # role phrases around it
    plural: bool = False


class PhraseReader:
    """Parses the speaker phrases of one text."""

    def __init__(self, tk: Tokens) -> None:
        self.tk = tk
        w = tk.vocab.words
        self.between = w["between_subject_and_cue"]
        self.time = w["time_words"]
        self.particles = w["name_particles"]
        self.function_words = w["not_names"]

    def nameish(self, i: int) -> bool:
        """Could token i be part of a person's or body's proper name?"""
        tk = self.tk
        if not 0 <= i < tk.n:
            return False
        f = tk.flags[i]
        return bool(f & NAME and not f & (PARTY | PRON | DET | OUTLET)) or tk.initial(i)

    def skip_back(self, j: int, lo: int) -> int:
        """Skip auxiliaries, adverbs and time phrases standing before a cue."""
        tk = self.tk
        while j >= lo:
            lw = tk.low[j]
            if lw in self.between or (
                lw.endswith("ly") and len(lw) > 4 and not tk.flags[j] & (CAP | PNOUN | GNOUN)
            ):
                j -= 1
                continue
            if lw in self.time:
                k = j - 1
                while k >= lo and tk.low[k] in self.time:
                    k -= 1
                if k >= lo and tk.low[k] in ("on", "last", "this", "early", "late", "earlier"):
                    j = k - 1
                    continue
            return j
        return j

    # --- phrases ending at a token (subjects before a cue) ------------------------

    def core_before(self, j: int, lo: int) -> Phrase | None:
        """The noun phrase (without commas) ending at token j, or None."""
        tk = self.tk
        if j < lo or j >= tk.n:
            return None
        f = tk.flags[j]
        if f & PRON:
            return Phrase(j, j, j, "pronoun")
        if tk.poss[j] or not (f & (PNOUN | GNOUN | PARTY | OUTLET) or self.nameish(j)):
            return None
        a = j
        k = j - 1
        while k >= lo:
            fk = tk.flags[k]
            lw = tk.low[k]
            if (
                tk.words[k] == "."
                and k - 1 >= lo
                and ((tk.flags[k - 1] & TITLE and tk.flags[k - 1] & CAP) or tk.initial(k - 1))
            ):
                a, k = k - 1, k - 2
            elif lw in ("the", "a", "an") or (fk & DET and not fk & (CAP | PNOUN | RMOD)):
                a = k
                # "the head of the Russian delegation": carry on through the preposition
                if (
                    k - 2 >= lo
                    and tk.low[k - 1] in _PP_HEADS
                    and tk.flags[k - 2] & (PNOUN | GNOUN | TITLE)
                ):
                    k -= 1
                    a = k
                    k -= 1
                    continue
                break
            elif fk & (PUNCT | CUEW):
                break
            elif lw == "and" and self.nameish(k + 1) and self.nameish(k - 1) and f & NAME:
                a, k = k, k - 1  # "Cummings and Conyers wrote"
            elif (
                (fk & CAP and (fk & (NAME | TITLE | PARTY | OUTLET | PNOUN | GNOUN | RMOD)))
                or (fk & CAP and tk.initial(k))
                or (not fk & CAP and fk & (TITLE | PNOUN | GNOUN | RMOD))
                or (lw in self.particles and self.nameish(k - 1) and self.nameish(k + 1))
                or (lw in _PP_HEADS and k - 1 >= lo and tk.flags[k - 1] & (PNOUN | GNOUN | TITLE))
            ):
                a, k = k, k - 1
            elif (
                not fk & (CAP | FINITE | CUEW)
                and lw.replace("-", "").isalpha()
                and lw not in self.function_words
            ):
                # an adjective inside a determined phrase: "the influential US daily"
                d = k - 1
                while d >= lo and d >= k - 2 and tk.low[d] not in ("the", "a", "an"):
                    if tk.flags[d] & (PUNCT | CAP | FINITE):
                        break
                    d -= 1
                if d >= lo and tk.low[d] in ("the", "a", "an"):
                    a = d  # "the influential US daily", "a smiling Clinton"
                break
            else:
                break
        while a < j and tk.low[a] in PREPOSITIONS:
            a += 1
        return self.analyse(a, j)

    def _between_commas(self, j: int, lo: int) -> int | None:
        """For a comma at j, the comma opening the parenthesis it closes."""
        tk = self.tk
        k = j - 1
        while k >= lo and k > j - 26:
            w = tk.words[k]
            if w == ",":
                return k if k < j - 1 else None
            f = tk.flags[k]
            if f & (FINITE | CUEW) or (tk.quote[k] >= 0 and f & PUNCT is False):
                return None
            if f & PUNCT and w not in (".", "-", "'", "’", "&"):
                return None
            k -= 1
        return None

    def _role_like(self, a: int, b: int) -> bool:
        tk = self.tk
        if all(tk.words[k].isdigit() for k in range(a, b + 1)):
            return True  # an age: "Mr. Sloan, 56,"
        if tk.low[a] in ("a", "an", "the") or tk.poss[a]:
            return True  # "a retired astronaut", "the editor in chief of RT"
        return any(tk.flags[k] & (PNOUN | GNOUN | TITLE) for k in range(a, b + 1))

    def subject_before(self, cue: int, lo: int) -> Phrase | None:
        """The subject of the cue at token `cue`: a pronoun, a name or a role phrase,
        with its appositions ("Ivan Timofeev, director of …, said")."""
        tk = self.tk
        j = self.skip_back(cue - 1, lo)
        if j < lo:
            return None
        if tk.words[j] == ",":
            k = self._between_commas(j, lo)
            if k is None:
                return None
            inner = self.core_before(j - 1, k + 1)
            outer = self.core_before(k - 1, lo)
            if outer is None or outer.kind == "pronoun":
                return None
            if inner is not None and inner.start == k + 1 and inner.kind in ("name", "outlet"):
                if outer.kind in ("person", "group") and not outer.plural:
                    inner.roles.append((outer.start, outer.end))
                    inner.start = outer.start
                    return inner
                if outer.kind == "name":
                    return inner
            if outer.kind in ("name", "outlet") and self._role_like(k + 1, j - 1):
                outer.roles.append((k + 1, j - 1))
                outer.end = j - 1
                return outer
            return None
        p = self.core_before(j, lo)
        if p is None or p.kind == "pronoun":
            return p
        c = p.start - 1
        if c - 1 >= lo and tk.words[c] == ",":
            q = self.core_before(c - 1, lo)
            if q is not None and q.end == c - 1:
                if p.kind == "name" and q.kind == "person" and not q.plural:
                    p.roles.append((q.start, q.end))
                    p.start = q.start
                elif q.kind == "name" and p.kind == "person" and not p.plural:
                    q.roles.append((p.start, p.end))
                    q.end = p.end
                    return q
        return p

    # --- phrases starting at a token (after "said", "according to", "citing") ----

    def phrase_after(self, i: int, hi: int) -> Phrase | None:
        """The noun phrase starting at token i (up to hi), with a following apposition."""
        tk = self.tk
        if i > hi or i >= tk.n:
            return None
        f = tk.flags[i]
        if f & PRON:
            return Phrase(i, i, i, "pronoun")
        a = i
        k = i
        if tk.low[k] in ("the", "a", "an") or (f & DET and not f & (CAP | PNOUN)):
            k += 1
            # adjectives right after the determiner: "a senior Kremlin official"
            while k <= hi and k < i + 3 and not tk.flags[k] & (CAP | PUNCT | PNOUN | GNOUN | RMOD):
                k += 1
        last_head = -1
        while k <= hi:
            fk = tk.flags[k]
            lw = tk.low[k]
            if (
                (fk & CAP and fk & (NAME | TITLE | PARTY | OUTLET | PNOUN | GNOUN | RMOD))
                or tk.initial(k)
                or (tk.words[k] == "." and k > i and (tk.flags[k - 1] & TITLE or tk.initial(k - 1)))
                or (not fk & CAP and fk & (TITLE | PNOUN | GNOUN | RMOD))
                or (lw in self.particles and self.nameish(k - 1) and self.nameish(k + 1))
            ):
                pass
            elif (
                lw in _PP_HEADS
                and last_head == k - 1
                and tk.flags[k - 1] & (PNOUN | GNOUN)
                and k + 1 <= hi
                and (tk.flags[k + 1] & (CAP | DET | RMOD | PARTY) or tk.low[k + 1] == "the")
            ):
                k += 1
                if tk.low[k] in ("the", "a", "an") or (tk.flags[k] & DET and not tk.flags[k] & CAP):
                    k += 1
                continue
            else:
                break
            if fk & (PNOUN | GNOUN | PARTY | OUTLET) or self.nameish(k):
                last_head = k
            k += 1
        if last_head < 0:
            return None
        p = self.analyse(a, last_head)
        if p is None:
            return None
        # a following apposition: "said Julie Miller, a former teller,"
        if p.kind == "name" and last_head + 2 <= hi and tk.words[last_head + 1] == ",":
            e = last_head + 2
            while e <= hi and not tk.flags[e] & PUNCT and not tk.flags[e] & (FINITE | CUEW):
                e += 1
            if e - 1 >= last_head + 2 and self._role_like(last_head + 2, e - 1):
                p.roles.append((last_head + 2, e - 1))
        return p

    def analyse(self, a: int, b: int) -> Phrase | None:
        """Classify the phrase a..b: its head, its name and its kind."""
        tk = self.tk
        head = b
        for k in range(a + 1, b + 1):
            if tk.low[k] in _PP_HEADS and not tk.flags[k] & CAP:
                head = k - 1  # the head stands before its complement: "head of the team"
                break
        while head > a and tk.flags[head] & PUNCT:
            head -= 1
        fh = tk.flags[head]
        name: tuple[int, int] | None = None
        if fh & PRON:
            kind = "pronoun"
        elif fh & OUTLET and not self.nameish(head):
            kind = "outlet"
            s = head
            while s - 1 >= a and tk.flags[s - 1] & OUTLET:
                s -= 1
            name = (s, head)
        elif self.nameish(head):
            kind = "name"
            s = head
            while s - 1 >= a and (
                self.nameish(s - 1)
                or (tk.words[s - 1] == "." and tk.initial(s - 2))
                or (tk.low[s - 1] in self.particles and self.nameish(s - 2))
            ):
                s -= 1
            name = (s, head)
        elif fh & PNOUN:
            kind = "person"
        elif fh & GNOUN:
            kind = "group"
        elif fh & PARTY:
            kind = "party"
            s = head
            while s - 1 >= a and tk.flags[s - 1] & PARTY:
                s -= 1
            name = (s, head)
        else:
            return None
        low = tk.low[head]
        plural = (
            kind in ("person", "group")
            and low.endswith("s")
            and _singular(low) != low
            and (
                low not in tk.vocab.words["person_nouns"]
                or _singular(low) in tk.vocab.words["person_nouns"]
            )
        )
        return Phrase(a, b, head, kind, name, [], plural)
