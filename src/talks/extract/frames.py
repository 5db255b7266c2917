"""Attribution frames: a reporting cue and who it belongs to.

A frame is one cue ("said", "according to", "expressed hope") outside
quotation marks with its subject: before it ("Medinsky said", "Ivan Timofeev,
director of …, said"), after it ("…, said Medinsky", "according to X"), or
carried over from the clause it continues ("…, adding that", "… but stresses
that"). Relayed speech ("Reuters said, citing X", "quoted X as saying") takes
the deeper source; an outlet's "reports" trailing another attribution is only
provenance.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from talks.extract.coref import Entity
from talks.extract.phrases import Phrase, PhraseReader
from talks.extract.speakers import fold
from talks.extract.tokens import (
    CAP,
    CUEW,
    DET,
    FINITE,
    GNOUN,
    OUTLET,
    PARTY,
    PNOUN,
    PREPOSITIONS,
    PRON,
    PUNCT,
    TITLE,
    Tokens,
)
from talks.lexicon import Cue

QUOTE_PUNCT = frozenset("\"“”„‟«»‘’‚‛‹›'`")
ADJUNCT_STARTS = frozenset(
    "in on at during after before while with to from by via over through".split()
)
_AFTER_NAME = frozenset(
    "who of at from with as while when".split()
)  # "said Edward Alden of the Council …"
_TIME_LEADS = frozenset("on late early earlier later last this next".split())
_SUBORDINATORS = frozenset("by after before while when without in".split())
_AUTHOR = frozenset({"i", "we", "you"})  # the writer or the reader: no source
_OBJECT_PRONOUNS = frozenset(
    "him her them us me reporters journalists lawmakers supporters parliament viewers "
    "listeners readers delegates".split()
)


@dataclass(slots=True)
class Speaker:
    """Who a frame's speech belongs to, as the record will name them."""

    name: str
    side: str
    mention: str
    start: int
    end: int
    entity: Entity | None
    kind: str  # the phrase kind it was read from


@dataclass(slots=True)
class Frame:
    """A reporting cue with its subject and the reach of its attribution."""

    a: int  # first cue token
    b: int  # last cue token
    cue: Cue
    sentence: int
    subject: Phrase | None = None
    parent: Frame | None = None  # the frame whose subject a participle/coordinated cue continues
    inverted: bool = False
    speaker: Speaker | None = None
    outlet_only: bool = False  # "…, Reuters reports" after another attribution
    relay: Phrase | None = None  # "…, Reuters said, citing X": X
    opener: bool = False  # a participle opening its sentence: the main clause's subject speaks
    pronoun_it: bool = False  # "…, it said": speaks only when "it" finds a body that spoke
    backward: bool = False  # "This was announced by X.", "X confirmed this.": the sentence before

    @property
    def start(self) -> int:
        return min(self.a, self.subject.start) if self.subject is not None else self.a

    @property
    def end(self) -> int:
        if self.subject is not None and self.subject.end > self.b:
            return self.subject.end
        return self.b


def find_frames(
    tk: Tokens,
    reader: PhraseReader,
    sent_bounds: list[tuple[int, int]],
    skip: set[int],
) -> list[Frame]:
    """Every cue outside quotation marks that has (or inherits) a subject."""
    vocab = tk.vocab
    noun_forms = vocab.words.get("noun_forms", frozenset())
    coordinators = vocab.words.get("coordinators", frozenset())
    vague = _vague_test(vocab.words.get("vague_sources", frozenset()))
    relay_verbs = vocab.words.get("relay_verbs", frozenset())
    inanimate = vocab.words.get("inanimate_subjects", frozenset())
    documents = vocab.words.get("document_subjects", frozenset())
    document_acts = vocab.words.get("document_acts", frozenset())
    negations = vocab.words.get("negations", frozenset())
    frames: list[Frame] = []
    hits: list[tuple[int, int, Cue]] = []
    first_words = vocab.cue_phrases
    # (the words that can open a cue, found in C: a Python test of every word cost more)
    for a in list(compress(range(tk.n), map(first_words.__contains__, tk.low))):
        if tk.quote[a] >= 0 or a in skip:
            continue
        hit = tk.match(vocab.cue_phrases, a)
        if hit is None:
            continue
        cue = hit[0]
        assert isinstance(cue, Cue)
        b = a + hit[1] - 1
        form = " ".join(tk.low[a : b + 1])
        s = tk.sentence[a]
        if tk.flags[a] & CAP and s not in tk.titled and a > sent_bounds[s][0]:
            continue  # "Commonwealth of Independent States": a name, not a cue
        after_det = a > 0 and (
            (tk.flags[a - 1] & DET and not tk.flags[a - 1] & PRON) or tk.poss[a - 1]
        )
        if after_det and (form in noun_forms or form.endswith("s")):
            continue  # "his remarks", "Russia's territorial claims"
        if a > 0 and tk.low[a - 1] in _NOUN_AFTER:
            continue  # "despite claims to the contrary", "instead of replying"
        if form in noun_forms and a > 1 and _verb_before(tk, a - 1):
            continue  # "raised hopes of a breakthrough": a noun
        if form in noun_forms and b + 1 < tk.n and tk.low[b + 1] in _AUX_AFTER_NOUN:
            continue  # "the guarantor states would support …": a plural noun, its verb next
        if form in noun_forms and a > 1 and tk.flags[a - 1] & (CAP | PARTY):
            j = a - 1
            while j > 0 and tk.flags[j - 1] & (CAP | PARTY) and not tk.flags[j - 1] & PUNCT:
                j -= 1
            if j > 0 and _verb_before(tk, j - 1):
                continue  # "the draft ignored Tallinn claims that …": a noun
        hits.append((a, b, cue))
        for k in range(a, b + 1):
            tk.flags[k] |= CUEW
    for a, b, cue in hits:
        s = tk.sentence[a]
        lo, hi = sent_bounds[s]
        form = fold(tk.span_text(a, b))
        frame = Frame(a, b, cue, s)
        if cue.takes == "source":
            frame.subject = (
                reader.phrase_after(b + 1, hi)
                or _source_phrase(tk, reader, b + 1, hi)
                or _object_pronoun(tk, b + 1, hi)
            )
            frame.inverted = True
            _source_agent(tk, reader, frame, hi)  # "according to sources cited by X"
        elif a > lo and tk.low[a - 1] == "as" and b + 2 <= hi and tk.low[b + 1] == "by":
            frame.subject = reader.phrase_after(b + 2, hi)  # "…, as noted by the Ledger."
            frame.inverted = True
            if frame.subject is None or not _only_adjuncts(tk, frame.subject.end + 1, hi):
                continue
        elif cue.kind == "speech" and (back := _passive_by(tk, reader, lo, a, b, hi)):
            frame.subject = back  # "This was announced by adviser Ona Petraitė."
            frame.inverted = frame.backward = True
        else:
            if form not in relay_verbs and _passive(tk, lo, a):
                continue  # "the delegates were asked to leave": the subject is addressed
            subj = reader.subject_before(a, lo) or _opening_subject(tk, reader, lo, a)
            relative = False  # "…, who said", "…, which said on Friday": the antecedent
            if subj is not None and subj.kind == "pronoun" and tk.low[subj.head] == "who":
                subj = _relative_antecedent(tk, reader, subj.head, lo)
                relative = True
            elif subj is None and tk.low[w := reader.skip_back(a - 1, lo)] in ("which", "that"):
                subj = _relative_antecedent(tk, reader, w, lo)
                relative = True
            if subj is not None and subj.kind == "pronoun" and tk.low[subj.head] in _AUTHOR:
                continue
            participle = form.split()[0].endswith("ing")
            if (
                subj is not None
                and subj.kind != "pronoun"
                and not relative
                and _object_of_preposition(tk, subj)
                and not (participle and tk.low[subj.start - 1] == "with")
            ):
                continue  # "a rally in Denver repeated …": Denver is no subject
            if (
                participle
                and subj is None
                and a > lo
                and not tk.flags[a - 1] & (PUNCT | CAP | CUEW)
                and tk.low[a - 1] not in coordinators
                and tk.low[a - 1] not in _NOT_NOUNS
                and not tk.low[a - 1].endswith("ly")
                and any(f.sentence == s and f.b < a for f in frames)
            ):
                continue  # "said an annex stating that …": the noun's modifier, no speaker
            if participle and subj is not None and subj.kind in ("group", "person"):
                lead = subj.start - 1
                if lead >= lo and not tk.flags[lead] & PUNCT and tk.low[lead] != "with":
                    subj = None  # "issued a statement saying …": the statement is an object
            if subj is None:
                j = reader.skip_back(a - 1, lo)
                prev = tk.low[j] if j >= lo else ""
                if participle and j < lo and tk.flags[a] & CAP and cue.kind == "speech":
                    frame.opener = True  # "Noting that …, Cavusoglu said …": resolved below
                    frames.append(frame)
                    continue
                if participle or prev in coordinators:
                    parent = next(
                        (f for f in reversed(frames) if f.sentence == s and not nested(tk, f)),
                        None,
                    )
                    if prev in _SUBORDINATORS:
                        parent = None  # "Trump inflamed tensions by saying …": the main clause
                    if parent is not None and (parent.subject or parent.parent):
                        frame.parent = parent
                    else:
                        # "Trump is slamming …, saying …": the sentence's subject speaks
                        subj = sentence_subject(tk, reader, lo, a)
                        if subj is None:
                            continue
                elif (aside := _aside_subject(tk, reader, lo, j)) is not None:
                    subj = aside  # "The ministers, Tamm and Kowalski, told …"
                elif (adj := _subject_before_adjunct(tk, reader, lo, a)) is not None:
                    subj = adj  # "Kowalski after the session told …", "X on March 3 said"
                elif j < lo or prev in (",", "—", "–") or tk.words[j] in QUOTE_PUNCT:
                    subj = reader.phrase_after(b + 1, hi)
                    if subj is None or not _ends_phrase(tk, subj.end + 1, hi):
                        continue
                    frame.inverted = True
                else:
                    continue
            frame.subject = subj
            if subj is not None and subj.kind != "pronoun":
                head = tk.low[subj.head]
                if head in inanimate or (head in documents and cue.lemma in document_acts):
                    continue  # "the map suggests …", "the memorandum offers …"
            j = a - 1  # "has not (yet) confirmed that …": no speech event
            while j > lo and tk.low[j] in ("yet", "publicly", "officially", "immediately"):
                j -= 1
            if j >= lo and (tk.low[j] in negations or tk.low[j].endswith("n't")):
                continue
            if subj is not None and (
                tk.low[subj.start] in _NO_ONE
                or (subj.start > lo and tk.low[subj.start - 1] in ("nor", "neither"))
            ):
                continue  # "Few officials would describe …", "Neither A nor B would say …"
        if frame.subject is not None:
            wording = fold(tk.span_text(frame.subject.start, frame.subject.end))
            if wording == "it" and cue.kind == "speech" and not frame.inverted:
                frame.pronoun_it = True  # kept only if "it" names a body that spoke
            elif vague(wording):
                continue
        elif frame.parent is None:
            continue
        if (
            not frame.backward
            and cue.kind == "speech"
            and cue.takes != "source"
            and frame.subject is not None
            and not frame.inverted
            and _refers_back(tk, b + 1, hi)
        ):
            frame.backward = True  # "Tamm confirmed this on Monday."
        if form in relay_verbs:
            frame.relay = reader.phrase_after(b + 1, hi)  # "quoted Ms. Simonyan as saying"
        else:
            _relay(tk, reader, frame, hi)
        frames.append(frame)
    frames = _link_openers(frames)
    kept = {f.a for f in frames}
    for a, b, _ in hits:
        if a not in kept:  # "Russian state television": no cue after all
            for k in range(a, b + 1):
                tk.flags[k] &= ~CUEW
    _mark_outlets(frames)
    return frames


_ASIDE_MARKS = frozenset(",–—-")  # (a spaced hyphen stands for a dash)


def _aside_subject(tk: Tokens, reader: PhraseReader, lo: int, j: int) -> Phrase | None:
    """The subject at the sentence start when an aside set off by commas or dashes
    stands between it and the cue (j: the aside's closing mark)."""
    if j <= lo or tk.words[j] not in _ASIDE_MARKS:
        return None
    p = reader.phrase_after(lo, j - 1)
    if p is None or p.kind not in ("person", "group", "party", "name", "outlet") or p.end + 2 >= j:
        return None
    mark = tk.words[p.end + 1]
    if mark not in _ASIDE_MARKS or (mark != "," and tk.words[j] != mark):
        return None
    if any(tk.flags[k] & (FINITE | CUEW) for k in range(p.end + 1, j)):
        return None  # a clause, not an aside
    return p


def _subject_before_adjunct(tk: Tokens, reader: PhraseReader, lo: int, a: int) -> Phrase | None:
    """A name or role, then a short adjunct, then the cue: "Zelensky in his night video
    address said …", "Jan Kowalski on March 3 said …"."""
    a = reader.skip_back(a - 1, lo) + 1  # "Trump in recent days has suggested …"
    for t in range(a - 1, max(lo, a - 9), -1):
        w = tk.low[t]
        if tk.flags[t] & (PUNCT | FINITE | CUEW) or tk.quote[t] >= 0 or _verb_before(tk, t):
            return None
        if w not in ADJUNCT_STARTS or t - 1 < lo:
            continue
        p = reader.core_before(t - 1, lo)
        if p is None or p.kind not in ("name", "person") or p.end != t - 1:
            continue
        if p.start == lo or tk.flags[p.start - 1] & PUNCT:
            return p
    return None


_BACK_WORDS = frozenset("this that it so".split())
_PASSIVE_AUX = frozenset("was were is has have had been being also later earlier".split())


def _passive_by(
    tk: Tokens, reader: PhraseReader, lo: int, a: int, b: int, hi: int
) -> Phrase | None:
    """ "This was announced by adviser Ona Petraitė.": a sentence that only says who
    said the sentence before it; the by-phrase speaks."""
    if a - 2 < lo or tk.low[lo] not in _BACK_WORDS or b + 2 > hi or tk.low[b + 1] != "by":
        return None
    if not all(tk.low[k] in _PASSIVE_AUX for k in range(lo + 1, a)):
        return None
    p = reader.phrase_after(b + 2, hi)
    if p is None or p.kind == "pronoun" or not _only_adjuncts(tk, p.end + 1, hi):
        return None
    return p


def _refers_back(tk: Tokens, k: int, hi: int) -> bool:
    """The cue's object is "this", "that", "it" or "so" and the sentence ends after an
    adjunct at most: "Tamm confirmed this on Monday.", "Kowalski said so."."""
    return k <= hi and tk.low[k] in _BACK_WORDS and _only_adjuncts(tk, k + 1, hi)


def _only_adjuncts(tk: Tokens, k: int, hi: int) -> bool:
    """Tokens k..hi hold no clause: the sentence end, or a short adjunct before it."""
    if k > hi or tk.words[k] in (".", "!", ":"):  # (":" before a list of what was said)
        return k >= hi or all(tk.flags[j] & PUNCT for j in range(k, hi + 1))
    if tk.words[k] == ",":
        k += 1
    time = tk.vocab.words.get("time_words", frozenset())
    if k > hi or not (
        tk.low[k] in ADJUNCT_STARTS
        or tk.low[k] in time
        or (tk.low[k] in _TIME_LEADS and k + 1 <= hi and tk.low[k + 1] in time)
    ):
        return False
    return hi - k < 10 and not any(
        tk.flags[j] & (FINITE | CUEW) or tk.quote[j] >= 0 for j in range(k, hi + 1)
    )


def _link_openers(frames: list[Frame]) -> list[Frame]:
    """ "Noting that A, Cavusoglu said B": the opening participle speaks for the subject
    of the sentence's next frame; without one it is no frame."""
    out = []
    for i, f in enumerate(frames):
        if f.opener:
            main = next(
                (g for g in frames[i + 1 :] if g.sentence == f.sentence and g.subject), None
            )
            if main is None or main.sentence != f.sentence:
                continue
            f.parent = main
        out.append(f)
    return out


_NOT_NOUNS = _SUBORDINATORS | PREPOSITIONS | frozenset("as by then also not".split())
_NOUN_AFTER = frozenset("of without from despite against".split())


_AUX_AFTER_NOUN = frozenset("would will can could should may might must".split())
_NO_ONE = frozenset("no few neither none nobody".split())  # a subject that says nothing
_BE = frozenset("is are was were be been being".split())


def _passive(tk: Tokens, lo: int, a: int) -> bool:
    """A cue in a past participle after a form of "be" ("were asked", "was told",
    "has been urged"): its subject is the one spoken to, not the speaker. ("was
    saying" is no participle.)"""
    if tk.low[a].endswith("ing"):
        return False
    j = a - 1
    while j > lo and (tk.low[j] in _PASSIVE_ADVERBS or tk.low[j].endswith("ly")):
        j -= 1
    return j >= lo and tk.low[j] in _BE


_PASSIVE_ADVERBS = frozenset("also then later again once not never reportedly".split())


def _verb_before(tk: Tokens, k: int) -> bool:
    """A past-tense verb at k that takes the next phrase as its object ("ignored")."""
    low = tk.low[k]
    return low.endswith("ed") and len(low) > 4 and not tk.flags[k] & (CAP | PUNCT | CUEW)


def nested(tk: Tokens, f: Frame) -> bool:
    """A frame inside an earlier frame's reported clause ("Laine said Warsaw welcomed
    …"): its subject follows a word of that clause, not a comma or a coordinator."""
    if f.parent is not None or f.subject is None or f.inverted:
        return False
    lead = f.subject.start - 1
    if lead < 0 or tk.flags[lead] & PUNCT:
        return False
    coordinators = tk.vocab.words.get("coordinators", frozenset())
    if tk.low[lead] in coordinators or tk.sentence[lead] != f.sentence or lead == 0:
        return False
    # only after another cue of its sentence ("On Friday Putin said …" opens it)
    # (a bounded look back: a sentence full of cues costs no quadratic time)
    for j in range(lead, max(-1, lead - _NESTED_REACH), -1):
        if tk.sentence[j] != f.sentence:
            return False
        if tk.flags[j] & CUEW:
            return True
    return True


_NESTED_REACH = 60


_VAGUE: list[tuple[frozenset[str], Callable[[str], bool]]] = []


def _vague_test(vague: frozenset[str]) -> Callable[[str], bool]:
    """Whether a subject's (folded) wording is a vague source: one of `vague`, "the "
    before it or not, or holding one of its phrases of several words. Worked out once
    per list, not per article (the last list seen is kept, alive, so its id is never
    reused); each wording's answer is kept (subjects repeat: "officials", "he")."""
    if _VAGUE and _VAGUE[0][0] is vague:
        return _VAGUE[0][1]
    pattern = _phrases_pattern(frozenset(v for v in vague if " " in v))
    search = pattern.search if pattern is not None else None
    seen: dict[str, bool] = {}

    def test(wording: str) -> bool:
        hit = seen.get(wording)
        if hit is None:
            if len(seen) >= _VAGUE_KEPT:
                seen.clear()
            hit = seen[wording] = wording.removeprefix("the ") in vague or (
                search is not None and search(wording) is not None
            )
        return hit

    _VAGUE[:] = [(vague, test)]
    return test


_VAGUE_KEPT = 1 << 14


@lru_cache(maxsize=8)
def _phrases_pattern(phrases: frozenset[str]) -> re.Pattern[str] | None:
    """A pattern found in a text exactly when one of `phrases` is (None for none)."""
    if not phrases:
        return None
    return re.compile("|".join(re.escape(p) for p in sorted(phrases)))


def sentence_subject(tk: Tokens, reader: PhraseReader, lo: int, a: int) -> Phrase | None:
    """The subject of the main clause before token a: at the sentence start or after an
    opening adverbial ("Already, Donald J. Trump has …", "On Russia, Trump …")."""
    starts = [lo, *[k + 1 for k in range(lo, a) if tk.words[k] in (",", ")")][-3:]]
    openers = tk.vocab.words.get("not_names", frozenset())
    for c in starts:
        if c < a and tk.low[c] in openers and not tk.flags[c] & (PRON | TITLE):
            c += 1  # "But Teneo issued …"
        p = reader.phrase_after(c, a - 1)
        if p is None or p.kind not in ("name", "person", "group", "pronoun", "outlet"):
            continue
        if p.start == p.end and tk.low[p.head].endswith("ing"):
            continue  # "Looking out at the crowd, Trump …": a participle, not a name
        if p.end + 1 < a and (not tk.flags[p.end + 1] & PUNCT or tk.words[p.end + 1] == ","):
            return p
    return None


def _opening_subject(tk: Tokens, reader: PhraseReader, lo: int, a: int) -> Phrase | None:
    """A speaker phrase that opens the sentence and runs up to the cue, read forwards
    when its last word is no noun the backward reading knows: "A spokesman for the
    Senate campaign effort said …"."""
    j = reader.skip_back(a - 1, lo)
    if j <= lo or tk.flags[j] & (PUNCT | CUEW | FINITE) or tk.quote[j] >= 0:
        return None
    c = lo + 1 if tk.low[lo] in ("and", "but") else lo
    p = reader.phrase_after(c, j)
    if p is None or p.kind not in ("person", "group", "name") or p.start != c:
        return None
    if p.end == j or (
        p.end < j
        and tk.low[p.end + 1] in ("for", "of", "at", "with")
        and not any(tk.flags[k] & (PUNCT | FINITE | CUEW) for k in range(p.end + 1, j + 1))
    ):
        return p
    return None


def _relative_antecedent(tk: Tokens, reader: PhraseReader, who: int, lo: int) -> Phrase | None:
    """ "…, Peskov, who said …": the phrase before ", who"; "a woman who claims …",
    "officials who spoke …": a person or group noun right before "who"."""
    if who - 2 >= lo and tk.words[who - 1] == ",":
        return reader.core_before(who - 2, lo)
    if tk.low[who] == "who" and who - 1 >= lo and not tk.flags[who - 1] & PUNCT:
        p = reader.core_before(who - 1, lo)
        if p is not None and p.kind in ("person", "group"):  # (a name takes ", who")
            return p
    return None


def _object_of_preposition(tk: Tokens, phrase: Phrase) -> bool:
    k = phrase.start - 1
    return k >= 0 and tk.low[k] in PREPOSITIONS and not tk.flags[k] & CAP


def _ends_phrase(tk: Tokens, k: int, hi: int) -> bool:
    """After an inverted subject ("said Medinsky") comes punctuation or an adjunct."""
    if k > hi or k >= tk.n:
        return True
    return bool(tk.flags[k] & PUNCT) or tk.low[k] in ADJUNCT_STARTS or tk.low[k] in _AFTER_NAME


_OBJECT_FORMS = frozenset("him her them his their".split())
_ACCOUNT_NOUNS = frozenset("words account view opinion data information estimate".split())


def _object_pronoun(tk: Tokens, k: int, hi: int) -> Phrase | None:
    """ "According to him, …", "according to his words, …": a pronoun source (read as
    "he" by `coref`)."""
    if k > hi or tk.low[k] not in _OBJECT_FORMS:
        return None
    if k + 1 <= hi and tk.low[k + 1] in _ACCOUNT_NOUNS:
        return Phrase(k, k + 1, k, "pronoun")
    return Phrase(k, k, k, "pronoun") if tk.low[k] not in ("his", "their") else None


_AGENT_LEADS = frozenset("the a an this his her its their".split())


def _source_phrase(tk: Tokens, reader: PhraseReader, i: int, hi: int) -> Phrase | None:
    """The source after "according to" when plain adjectives open it: "according to
    recent polls", "according to internal company documents"."""
    for j in range(i + 1, min(hi, i + 3) + 1):
        if tk.flags[j - 1] & (PUNCT | FINITE | CUEW | CAP) or tk.low[j - 1] in PREPOSITIONS:
            return None
        if tk.flags[j] & (GNOUN | PNOUN | OUTLET):
            p = reader.phrase_after(j, hi)
            if p is not None and p.kind != "pronoun":
                p.start = i
            return p
    return None


def _source_agent(tk: Tokens, reader: PhraseReader, frame: Frame, hi: int) -> None:
    """ "According to sources cited by Radio Kaunas, …": the sources speak (an outlet
    only relays them); "according to the list of conditions posted by Tamm": the
    by-agent is the author. The frame's subject becomes the phrase that ends the
    source, so that the content starts after it."""
    k = frame.b + 1
    end = min(hi, k + 10)
    while k < end and not tk.flags[k] & (PUNCT | FINITE):
        if tk.low[k + 1] == "by" and tk.low[k].endswith("ed") and k > frame.b + 1:
            agent = reader.phrase_after(k + 2, hi)
            if agent is None or agent.kind == "pronoun":
                return
            base = frame.subject
            if base is not None and any(tk.low[j] == "joint" for j in range(base.start, k)):
                return  # a joint statement speaks for each author (several.fan_out)
            if (
                base is not None
                and base.end == k - 1
                and base.kind in ("person", "name", "group")
                and tk.low[base.head] not in tk.vocab.words.get("document_subjects", ())
                and tk.low[base.head] not in tk.vocab.words.get("noun_forms", ())
                and agent.kind == "outlet"
            ):
                frame.relay = base  # the outlet's source speaks
            frame.subject = agent
            return
        k += 1


def _relay(tk: Tokens, reader: PhraseReader, frame: Frame, hi: int) -> None:
    """ "…, Reuters said, citing a source in the Ukrainian team": the source speaks;
    also in an aside before the cue ("Nordwire, quoting a Finnish official, said")."""
    relay = tk.vocab.words.get("relay_cues", frozenset())
    s = frame.subject
    if s is not None and not frame.inverted and s.kind == "outlet":
        for k in range(s.end + 1, frame.a):
            if tk.low[k] in relay and tk.words[k - 1] == ",":
                frame.relay = reader.phrase_after(k + 1, frame.a - 1)
                return
    end = frame.end  # (a property: read once, not at every step)
    stop = min(hi + 1, end + 8)
    if relay.isdisjoint(tk.low[end + 1 : stop]):
        return  # (most frames: no relay cue follows, seen in C)
    for k in range(end + 1, stop):
        if tk.low[k] in relay:
            frame.relay = reader.phrase_after(k + 1, hi)
            return
        if tk.flags[k] & (FINITE | CUEW):
            return


def _mark_outlets(frames: list[Frame]) -> None:
    """An outlet's "reports"/"notes" trailing a sentence that has its own attribution
    only says where the story came from."""
    by_sentence: dict[int, list[Frame]] = {}
    for f in frames:
        by_sentence.setdefault(f.sentence, []).append(f)
    for f in frames:
        if f.subject is None or f.subject.kind != "outlet" or f.relay is not None:
            continue
        others = [
            g
            for g in by_sentence[f.sentence]
            if g is not f and g.start < f.start and not g.outlet_only
        ]
        if any(g.subject is None or g.subject.kind != "outlet" for g in others):
            f.outlet_only = True
