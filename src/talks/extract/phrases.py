"""The noun phrases that name speakers, read around reporting cues.

Just enough grammar to find who a reporting verb belongs to: the phrases that
stand before or after a cue — "Russian Foreign Minister Sergei Lavrov", "Ivan
Timofeev, director of programmes at …,", "Ukrainian negotiator, David
Arakhamia,", "the head of the Russian delegation", "a Kremlin representative",
"he" — with their heads, names and the role phrases around them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from talks.extract.speakers import _Cache
from talks.extract.tokens import (
    CAP,
    CUEW,
    DET,
    FINITE,
    GNOUN,
    NAME,
    NAMEISH,
    OUTLET,
    PARTY,
    PNOUN,
    PREPOSITIONS,
    PRON,
    PUNCT,
    RMOD,
    TITLE,
    Tokens,
    Vocab,
    _singular,
)

_PP_HEADS = frozenset("of for at from in with".split())
_MAX_PHRASE = 14  # tokens: longer runs of capitals are headlines or transcripts, not names
_POSTMODIFIERS = frozenset(
    "close familiar loyal allied linked near opposed briefed involved".split()
)
_AFFILIATIONS = frozenset("of at from with".split())  # "X, of the Council, said": a role
_RELATIVES = frozenset("who which whose whom".split())
# parentheses that leave the subject as it is: "European leaders, including …, said"
_ASIDES = frozenset("including such among however meanwhile too though also".split())


@dataclass(slots=True)
class Phrase:
    """A noun phrase that names a speaker, in token indices (inclusive)."""

    start: int
    end: int
    head: int  # the head token
    kind: str  # pronoun | name | person | group | party | outlet
    name: tuple[int, int] | None = None  # token range of a person's or body's name
    roles: list[tuple[int, int]] = field(default_factory=list)  # role phrases around it
    plural: bool = False


_PhraseLists = tuple[set[tuple[str, ...]], dict[str, list[tuple[str, ...]]]]
_LISTS = _Cache()


def _phrase_lists(vocab: Vocab) -> _PhraseLists:
    """The word lists `PhraseReader` reads as phrases, worked out once per vocabulary:
    the unbracketed asides between a subject and its cue ("X for his part said"), and the
    set phrases that stand for a title ("head of state") by their last word, which ends a
    subject phrase whose head is the first ("the head of state said")."""
    hit = _LISTS.get(vocab)
    if hit is not None:
        return cast(_PhraseLists, hit)
    w = vocab.words
    asides = {tuple(a.split()) for a in w.get("subject_asides", ())}
    set_phrases: dict[str, list[tuple[str, ...]]] = {}
    for line in w.get("role_equivalents", ()):
        words = tuple(line.split("=", 1)[0].split())
        if len(words) > 1:
            set_phrases.setdefault(words[-1], []).append(words)
    _LISTS.put(vocab, (asides, set_phrases))
    return asides, set_phrases


class PhraseReader:
    """Parses the speaker phrases of one text."""

    def __init__(self, tk: Tokens) -> None:
        self.tk = tk
        w = tk.vocab.words
        self.between = w["between_subject_and_cue"]
        self.time = w["time_words"]
        self.particles = w["name_particles"]
        self.function_words = w["not_names"]
        self.asides, self.set_phrases = _phrase_lists(tk.vocab)

    def nameish(self, i: int) -> bool:
        """Could token i be part of a person's or body's proper name?"""
        tk = self.tk
        return 0 <= i < tk.n and bool(tk.flags[i] & NAMEISH)

    def skip_back(self, j: int, lo: int) -> int:
        """Skip auxiliaries, adverbs and time phrases standing before a cue."""
        tk = self.tk
        while j >= lo:
            lw = tk.low[j]
            if lw == ")":
                k = j - 1
                while k >= lo and k > j - 10 and tk.words[k] != "(":
                    k -= 1
                if k >= lo and tk.words[k] == "(":
                    j = k - 1  # "Rep. Emanuel Cleaver II (D-Mo.) said"
                    continue
                return j
            if lw in ("part", "turn", "response", "reply", "contrast"):
                for n in (2, 3):
                    if j - n + 1 >= lo and tuple(tk.low[j - n + 1 : j + 1]) in self.asides:
                        j -= n
                        break
                else:
                    return j
                continue
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
        if tk.poss[j] or (j in tk.party_adjective and not f & (PNOUN | GNOUN | OUTLET)):
            return None  # "Russian state television": an adjective heads nothing
        for words in self.set_phrases.get(tk.low[j], ()):
            i = j - len(words) + 1
            if i >= lo and tuple(tk.low[i : j + 1]) == words and tk.flags[i] & (PNOUN | GNOUN):
                p = self.core_before(i, lo)  # "the head of state": the role reads on
                if p is not None:
                    p.end = j
                return p
        if not (f & (PNOUN | GNOUN | PARTY | OUTLET) or self.nameish(j)):
            return self._postmodified(j, lo) or self._loose(j, lo)
        a = j
        k = j - 1
        while k >= lo and k > j - _MAX_PHRASE:
            fk = tk.flags[k]
            lw = tk.low[k]
            if (
                tk.words[k] == "."
                and k - 1 >= lo
                and ((tk.flags[k - 1] & TITLE and tk.flags[k - 1] & CAP) or tk.initial(k - 1))
            ):
                a, k = k - 1, k - 2
            elif lw in ("the", "a", "an") or (fk & DET and not fk & (PNOUN | RMOD)):
                a = k
                # "the head of the Russian delegation": carry on through the preposition
                if (
                    k - 2 >= lo
                    and (
                        tk.low[k - 1] in _PP_HEADS
                        or (tk.low[k - 1] == "to" and tk.flags[k - 2] & PNOUN)
                    )
                    and tk.flags[k - 2] & (PNOUN | GNOUN | TITLE)
                ):  # "the head of the delegation", "Russia's envoy to the United Nations"
                    k -= 1
                    a = k
                    k -= 1
                    continue
                if (
                    k - 3 >= lo
                    and tk.low[k - 1] in _PP_HEADS | {"to", "on"}
                    and tk.low[k - 2] in _POSTMODIFIERS
                    and tk.flags[k - 3] & (PNOUN | GNOUN)
                ):
                    a = k - 3  # "a source close to the Ukrainian delegation"
                    k -= 4
                    continue
                break
            elif fk & (PUNCT | CUEW):
                break
            elif (
                not fk & CAP
                and self.nameish(k + 1)
                and self._adjective(k)
                and (k == lo or tk.flags[k - 1] & PUNCT)
            ):
                a = k  # a title in lower case after a quote: "psychologist Fran Sherman"
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
                and self._adjective(k)
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
                elif d >= lo and d < k and tk.flags[d] & PARTY and f & (PNOUN | GNOUN):
                    a, k = d, d - 1  # "Polish diplomatic sources": the demonym stays
                    continue
                elif (d < lo or (d == k - 1 and tk.flags[d] & PUNCT)) and tk.flags[k + 1] & (
                    PNOUN | TITLE
                ):
                    a = k  # "…, regional governor Oleh Synehubov said": the title's adjective
                elif d >= lo and tk.flags[d] & OUTLET and f & GNOUN:
                    a, k = d, d - 1  # "Interfax news agency"
                    continue
                break
            else:
                break
        while a < j and tk.low[a] in PREPOSITIONS:
            a += 1
        return self.analyse(a, j)

    def _postmodified(self, j: int, lo: int) -> Phrase | None:
        """A group with an adjective or participle after it ending at token j:
        "officials familiar with the talks", "diplomats briefed on the plan"."""
        tk = self.tk
        for m in range(j - 2, max(lo, j - 8), -1):
            if tk.flags[m] & (PUNCT | FINITE | CUEW):
                return None
            if (
                tk.low[m] in _POSTMODIFIERS
                and tk.low[m + 1] in _PP_HEADS | {"to", "on"}
                and tk.flags[m - 1] & (PNOUN | GNOUN)
            ):
                p = self.core_before(m - 1, lo)
                if p is not None and p.kind != "pronoun":
                    p.end = j  # the group's own wording: "people familiar with the talks"
                return p
        return None

    def _adjective(self, k: int) -> bool:
        """Could token k be an adjective inside a noun phrase ("63-year-old")?"""
        tk = self.tk
        lw = tk.low[k]
        return (
            lw.replace("-", "").isalnum()
            and not tk.flags[k] & (CAP | FINITE | CUEW | PUNCT)
            and lw not in self.function_words
        )

    def _loose(self, j: int, lo: int) -> Phrase | None:
        """Right after a quotation, "the narrator said": any determined noun speaks."""
        tk = self.tk
        document = tk.low[j] in tk.vocab.words.get("document_subjects", ())
        if not (self._adjective(j) or (document and not tk.flags[j] & PUNCT)):
            return None
        d = j - 1
        while d >= lo and d >= j - 3 and tk.low[d] not in ("the", "a", "an"):
            if not self._adjective(d):
                return None
            d -= 1
        if d < lo or tk.low[d] not in ("the", "a", "an"):
            return None
        if d - 1 >= lo and not tk.flags[d - 1] & PUNCT:
            return None
        return Phrase(d, j, j, "group" if document else "person")  # ("the text says")

    def _between_commas(self, j: int, lo: int) -> int | None:
        """For a comma at j, the comma opening the parenthesis it closes."""
        tk = self.tk
        k = j - 1
        verb = False
        cue = False
        relative = False
        while k >= lo and k > j - 40:
            w = tk.words[k]
            if w == "," and tk.quote[k] < 0:
                # an aside opened by a participle: ", noting that …,", ", asked about …,"
                participle = tk.flags[k + 1] & CUEW and tk.low[k + 1].endswith(("ing", "ed"))
                # (or a relative clause, cue or not: "X, who has said …, told …")
                if k == j - 1 or (cue and not participle and tk.low[k + 1] not in _RELATIVES):
                    return None
                if verb and not (relative or participle or tk.low[k + 1] in PREPOSITIONS):
                    return None  # a clause, unless a relative one ("…, who led the team,")
                return k
            f = tk.flags[k]
            if f & CUEW or tk.quote[k] >= 0:
                cue = True  # only an aside like ", noting that …," may hold a cue or a quote
                k -= 1
                continue
            verb = verb or bool(f & FINITE)
            relative = relative or tk.low[k] in _RELATIVES
            if f & PUNCT and w not in (".", "-", "'", "’", "&"):
                return None
            k -= 1
        return None

    def role_like(self, a: int, b: int) -> bool:
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
            first = tk.low[k + 1]
            if (
                first in _RELATIVES
                or first in _ASIDES
                or tk.flags[k + 1] & CUEW
                or (
                    first in PREPOSITIONS
                    and (first not in _AFFILIATIONS or not self.role_like(k + 1, j - 1))
                )
            ):
                return outer  # "Umerov, who led the delegation, said"; ", for his part,"
            if inner is not None and inner.start == k + 1 and inner.kind in ("name", "outlet"):
                if outer.kind in ("person", "group") and not outer.plural:
                    inner.roles.append((outer.start, outer.end))
                    inner.start = outer.start
                    return inner
                if outer.kind == "name":
                    return inner
            if outer.kind in ("name", "outlet") and self.role_like(k + 1, j - 1):
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
            if q is not None and q.start > lo and not tk.flags[q.start - 1] & PUNCT:
                q = None  # "… between Putin and Donald Trump, the Kremlin aide added"
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
        elif self._adjective(i) and self.nameish(i + 1):
            k += 1  # a title in lower case: "psychologist Vaile Wright"
        last_head = -1
        tail = -1
        in_pp = False
        while k <= hi and k < i + _MAX_PHRASE:
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
                k > i
                and tk.poss[k - 1]
                and self._adjective(k)
                and k + 1 <= hi
                and (
                    tk.flags[k + 1] & (PNOUN | GNOUN)
                    or (
                        self._adjective(k + 1) and k + 2 <= hi and tk.flags[k + 2] & (PNOUN | GNOUN)
                    )
                )
            ):
                k += 1  # "Clinton's communications director"
                continue
            elif (
                k > i
                and tk.flags[k - 1] & PARTY
                and self._adjective(k)
                and k + 1 <= hi
                and tk.flags[k + 1] & (PNOUN | GNOUN)
            ):
                k += 1  # "according to Finnish diplomatic sources"
                continue
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
                in_pp = True
                continue
            elif in_pp and self._adjective(k) and (k == hi or tk.flags[k + 1] & PUNCT):
                tail = k  # "a spokeswoman for Trump hotels,"
                break
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
        if tail > last_head:
            p.end = last_head = tail
        if p.kind == "person" and last_head + 2 <= hi and tk.words[last_head + 1] == ",":
            # "said a spokeswoman for Trump hotels, Jennifer Rodstrom": the name speaks
            q = self.phrase_after(last_head + 2, hi)
            if (
                q is not None
                and q.kind == "name"
                and (
                    q.end == hi or tk.flags[q.end + 1] & PUNCT or tk.low[q.end + 1] in ("who", "as")
                )
            ):
                q.roles.append((p.start, p.end))
                q.start = p.start
                return q
        # a following apposition: "said Julie Miller, a former teller,"
        if p.kind == "name" and last_head + 2 <= hi and tk.words[last_head + 1] == ",":
            e = last_head + 2
            while e <= hi and not tk.flags[e] & PUNCT and not tk.flags[e] & (FINITE | CUEW):
                e += 1
            if e - 1 >= last_head + 2 and self.role_like(last_head + 2, e - 1):
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
        if head < b and not self.nameish(head) and self.nameish(b):
            # a name after a title with a complement: "Secretary of State Marco Rubio"
            t = b
            while t > head and (self.nameish(t) or tk.words[t] == "."):
                t -= 1
            if tk.flags[t] & (TITLE | PNOUN | RMOD):
                head = b
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
