"""Attribution frames: a reporting cue, who it belongs to, and what it reports.

A frame is one cue ("said", "according to", "expressed hope") outside
quotation marks with its subject: before it ("Medinsky said", "Ivan Timofeev,
director of …, said"), after it ("…, said Medinsky", "according to X"), or
carried over from the clause it continues ("…, adding that", "… but stresses
that"). Its reported content runs forward from the cue (after an addressee,
adjuncts and "that") to the end of the reported clause, or backward when the
frame closes its sentence ("…, Western officials said").
"""

from __future__ import annotations

from dataclasses import dataclass

from talks.extract.coref import Entity, Tracker
from talks.extract.phrases import (
    CAP,
    CUEW,
    DET,
    FINITE,
    PARTY,
    PREPOSITIONS,
    PRON,
    PUNCT,
    Phrase,
    PhraseReader,
    Tokens,
)
from talks.extract.speakers import fold
from talks.lexicon import Cue

_QUOTE_PUNCT = frozenset("\"“”„‟«»‘’‚‛‹›'`")
_ADJUNCT_STARTS = frozenset(
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


@dataclass
class Speaker:
    """Who a frame's speech belongs to, as the record will name them."""

    name: str
    side: str
    mention: str
    start: int
    end: int
    entity: Entity | None
    kind: str  # the phrase kind it was read from


@dataclass
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
    vague = vocab.words.get("vague_sources", frozenset())
    relay_verbs = vocab.words.get("relay_verbs", frozenset())
    frames: list[Frame] = []
    hits: list[tuple[int, int, Cue]] = []
    first_words = vocab.cue_phrases
    for a in [a for a, lw in enumerate(tk.low) if lw in first_words]:
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
        hits.append((a, b, cue))
        for k in range(a, b + 1):
            tk.flags[k] |= CUEW
    for a, b, cue in hits:
        s = tk.sentence[a]
        lo, hi = sent_bounds[s]
        form = fold(tk.span_text(a, b))
        frame = Frame(a, b, cue, s)
        if cue.takes == "source":
            frame.subject = reader.phrase_after(b + 1, hi)
            frame.inverted = True
        else:
            subj = reader.subject_before(a, lo)
            if subj is not None and subj.kind == "pronoun" and tk.low[subj.head] == "who":
                subj = _relative_antecedent(tk, reader, subj.head, lo)
            if subj is not None and subj.kind == "pronoun" and tk.low[subj.head] in _AUTHOR:
                continue
            participle = form.split()[0].endswith("ing")
            if (
                subj is not None
                and subj.kind != "pronoun"
                and _object_of_preposition(tk, subj)
                and not (participle and tk.low[subj.start - 1] == "with")
            ):
                continue  # "a rally in Denver repeated …": Denver is no subject
            if participle and subj is not None and subj.kind in ("group", "person"):
                lead = subj.start - 1
                if lead >= lo and not tk.flags[lead] & PUNCT and tk.low[lead] != "with":
                    subj = None  # "issued a statement saying …": the statement is an object
            if subj is None:
                j = reader.skip_back(a - 1, lo)
                prev = tk.low[j] if j >= lo else ""
                if participle or prev in coordinators:
                    parent = next((f for f in reversed(frames) if f.sentence == s), None)
                    if prev in _SUBORDINATORS:
                        parent = None  # "Trump inflamed tensions by saying …": the main clause
                    if parent is not None and (parent.subject or parent.parent):
                        frame.parent = parent
                    else:
                        # "Trump is slamming …, saying …": the sentence's subject speaks
                        subj = sentence_subject(tk, reader, lo, a)
                        if subj is None:
                            continue
                elif j < lo or prev == "," or tk.words[j] in _QUOTE_PUNCT or prev == "—":
                    subj = reader.phrase_after(b + 1, hi)
                    if subj is None or not _ends_phrase(tk, subj.end + 1, hi):
                        continue
                    frame.inverted = True
                else:
                    continue
            frame.subject = subj
        if frame.subject is not None:
            wording = fold(tk.span_text(frame.subject.start, frame.subject.end))
            if wording.removeprefix("the ") in vague or any(
                " " in v and v in wording for v in vague
            ):
                continue
        elif frame.parent is None:
            continue
        if form in relay_verbs:
            frame.relay = reader.phrase_after(b + 1, hi)  # "quoted Ms. Simonyan as saying"
        else:
            _relay(tk, reader, frame, hi)
        frames.append(frame)
    kept = {f.a for f in frames}
    for a, b, _ in hits:
        if a not in kept:  # "Russian state television": no cue after all
            for k in range(a, b + 1):
                tk.flags[k] &= ~CUEW
    _mark_outlets(frames)
    return frames


def sentence_subject(tk: Tokens, reader: PhraseReader, lo: int, a: int) -> Phrase | None:
    """The subject of the main clause before token a: at the sentence start or after an
    opening adverbial ("Already, Donald J. Trump has …", "On Russia, Trump …")."""
    starts = [lo, *[k + 1 for k in range(lo, a) if tk.words[k] in (",", ")")][-3:]]
    openers = tk.vocab.words.get("not_names", frozenset())
    for c in starts:
        if c < a and tk.low[c] in openers and not tk.flags[c] & PRON:
            c += 1  # "But Teneo issued …"
        p = reader.phrase_after(c, a - 1)
        if p is None or p.kind not in ("name", "person", "group", "pronoun"):
            continue
        if p.end + 1 < a and (not tk.flags[p.end + 1] & PUNCT or tk.words[p.end + 1] == ","):
            return p
    return None


def _relative_antecedent(tk: Tokens, reader: PhraseReader, who: int, lo: int) -> Phrase | None:
    """ "…, Peskov, who said …": the phrase before ", who"."""
    if who - 2 >= lo and tk.words[who - 1] == ",":
        return reader.core_before(who - 2, lo)
    return None


def _object_of_preposition(tk: Tokens, phrase: Phrase) -> bool:
    k = phrase.start - 1
    return k >= 0 and tk.low[k] in PREPOSITIONS and not tk.flags[k] & CAP


def _ends_phrase(tk: Tokens, k: int, hi: int) -> bool:
    """After an inverted subject ("said Medinsky") comes punctuation or an adjunct."""
    if k > hi or k >= tk.n:
        return True
    return bool(tk.flags[k] & PUNCT) or tk.low[k] in _ADJUNCT_STARTS or tk.low[k] in _AFTER_NAME


def _relay(tk: Tokens, reader: PhraseReader, frame: Frame, hi: int) -> None:
    """ "…, Reuters said, citing a source in the Ukrainian team": the source speaks."""
    relay = tk.vocab.words.get("relay_cues", frozenset())
    k = frame.end + 1
    while k <= hi and k < frame.end + 8:
        if tk.low[k] in relay:
            frame.relay = reader.phrase_after(k + 1, hi)
            return
        if tk.flags[k] & (FINITE | CUEW):
            return
        k += 1


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


# --- speakers ----------------------------------------------------------------------


def resolve(tk: Tokens, reader: PhraseReader, tracker: Tracker, frame: Frame) -> Speaker | None:
    """Name the speaker of `frame` (in text order, so pronouns see earlier speakers)."""
    if frame.parent is not None and frame.subject is None:
        return frame.parent.speaker
    phrase = frame.relay or frame.subject
    if phrase is None:
        return None
    pos = tk.starts[phrase.start]
    sp = _speaker(tk, tracker, phrase, pos, tk.sentence[phrase.start])
    if sp is not None and sp.entity is not None:
        tracker.note_speaker(sp.entity, pos, frame.sentence)
    return sp


def _wording(tk: Tokens, phrase: Phrase) -> str:
    a = phrase.start
    if phrase.roles and phrase.name is not None and phrase.roles[0][0] == a:
        a = phrase.name[0]  # "Ukrainian negotiator, David Arakhamia": the name
    while a < phrase.end and (
        tk.low[a] in ("the", "a", "an") or (tk.flags[a] & DET and not tk.flags[a] & (CAP | PARTY))
    ):
        a += 1
    end = phrase.end
    if phrase.name is not None and phrase.kind in ("name", "outlet"):
        a, end = phrase.name
    text = tk.span_text(a, end)
    if tk.poss[end] and phrase.kind in ("name", "outlet", "party"):
        text = text[:-2]
    return text


def _speaker(
    tk: Tokens, tracker: Tracker, phrase: Phrase, pos: int, sentence: int
) -> Speaker | None:
    vocab = tk.vocab
    mention = tk.span_text(phrase.start, phrase.end)
    m_start, m_end = tk.starts[phrase.start], tk.ends[phrase.end]
    if phrase.kind == "pronoun":
        word = tk.words[phrase.head]
        ent = tracker.pronoun(word, pos, sentence)
        if ent is None:
            return Speaker(word, "none", mention, m_start, m_end, None, "pronoun")
        return Speaker(ent.name, ent.side, mention, m_start, m_end, ent, "pronoun")
    wording = _wording(tk, phrase)
    if phrase.kind == "name" and phrase.name is not None:
        roles = list(phrase.roles)
        if phrase.name[0] > phrase.start:
            roles.append((phrase.start, phrase.name[0] - 1))
        # whoever speaks is someone: register the name even without a title
        ent = tracker.entity_for_name(phrase.name, roles, create=True, titled=True)
        if ent is not None:
            return Speaker(ent.name, ent.side, mention, m_start, m_end, ent, "name")
        side = vocab.parties.side(mention) or "none"
        return Speaker(wording, side, mention, m_start, m_end, None, "name")
    if phrase.kind == "outlet":
        return Speaker(wording, "none", mention, m_start, m_end, None, "outlet")
    if phrase.kind == "person" and not phrase.plural:
        ent = tracker.role(phrase, pos)
        if ent is None:
            side = vocab.parties.side(mention) or "none"
            ent = tracker.unnamed(wording, side, "person", set())
            ent.roles |= {w for w in fold(wording).split()}
        return Speaker(ent.name, ent.side, mention, m_start, m_end, ent, "person")
    entry = vocab.speakers.resolve(wording)
    if entry is not None:
        ent = tracker.entity_for_name((phrase.start, phrase.end), [], create=False, titled=False)
        return Speaker(entry.name, entry.side, mention, m_start, m_end, ent, phrase.kind)
    side = vocab.parties.side(mention) or "none"
    if phrase.kind == "party" and phrase.name is not None:
        side = tk.party.get(phrase.name[0], (side, 0))[0]
    ent = tracker.unnamed(wording, side, "group", set())
    return Speaker(wording, side, mention, m_start, m_end, ent, phrase.kind)


# --- reported content ----------------------------------------------------------------


def _clause_like(tk: Tokens, k: int, hi: int) -> bool:
    """Does a zero-that clause start at k ("Russia saw that …", "the talks were …")?"""
    f = tk.flags[k]
    if tk.words[k] in _QUOTE_PUNCT:
        return True
    if not (f & (PRON | CAP | DET) or tk.low[k] in ("there", "the")):
        return False
    for j in range(k, min(hi, k + 8) + 1):
        if (tk.flags[j] & FINITE and j > k) or (tk.flags[j] & CUEW and j > k):
            return True
        if k < j <= k + 3 and _past_tense(tk, j):
            return True  # "the talks showed …"
        if tk.flags[j] & PUNCT and tk.words[j] not in _QUOTE_PUNCT and tk.words[j] != "-":
            return False
    return False


def _past_tense(tk: Tokens, j: int) -> bool:
    """A past-tense verb right after a short subject ("the talks showed")."""
    low = tk.low[j]
    before = tk.flags[j - 1]
    return (
        low.endswith("ed")
        and len(low) > 4
        and not tk.flags[j] & (CAP | PUNCT)
        and not before & (DET | PUNCT)
        and tk.low[j - 1] not in ("and", "or", "of", "to", "the", "a", "an", "be", "been", "being")
    )


def _skip_time(tk: Tokens, k: int, hi: int) -> int:
    """Skip a time phrase after a cue: "said on Thursday", "said late on Friday"."""
    time = tk.vocab.words.get("time_words", frozenset())
    j = k
    while j <= hi and tk.low[j] in _TIME_LEADS:
        j += 1
    if j <= hi and tk.low[j] in time:
        while j <= hi and tk.low[j] in time:
            j += 1
        return j
    return k


def forward_start(tk: Tokens, reader: PhraseReader, frame: Frame, hi: int) -> int | None:
    """The first token of the content a cue introduces, or None when it takes none."""
    cue = frame.cue
    k = (frame.subject.end if frame.inverted and frame.subject is not None else frame.b) + 1
    if frame.relay is not None:
        k = frame.relay.end + 1
    if k > hi:
        return None
    if cue.takes == "source":
        # "According to X, …": the content follows the comma after the source
        lead = frame.a == 0 or tk.flags[frame.a - 1] & PUNCT
        return k + 1 if lead and tk.words[k] == "," and k + 1 <= hi else None
    words = tk.vocab.words
    k = _skip_time(tk, k, hi)
    if k <= hi and cue.addressee and tk.low[k] not in ("that", "to", "not"):
        p = reader.phrase_after(k, hi)
        if p is not None and tk.low[k] not in _ADJUNCT_STARTS:
            k = p.end + 1
        elif tk.low[k] in _OBJECT_PRONOUNS:
            k += 1
        k = _skip_time(tk, k, hi)
    if k > hi:
        return None
    # adjuncts before "that" or a colon: "acknowledged on Wednesday that"
    for j in range(k, min(hi, k + 8) + 1):
        lw = tk.low[j]
        if lw in words.get("complementizers", ()) and (
            j == k or (tk.low[j - 1] not in _ADJUNCT_STARTS and tk.low[j - 1] != "of")
        ):
            return j + 1 if j + 1 <= hi else None
        if tk.words[j] == ":":
            return j + 1 if j + 1 <= hi else None
        if (
            tk.flags[j] & (FINITE | CUEW)
            or tk.words[j] in _QUOTE_PUNCT
            or tk.words[j] in (",", ";", ".")
        ):
            break
    if k > hi:
        return None
    lw = tk.low[k]
    if cue.takes == "object":
        if (tk.flags[k] & PUNCT and tk.words[k] not in _QUOTE_PUNCT) or lw in (
            "by",
            "in",
            "on",
            "during",
            "after",
            "before",
        ):
            return None
        return k
    if lw in words.get("wh_words", ()):
        return k
    if lw == "to" or (lw == "not" and k + 1 <= hi and tk.low[k + 1] == "to"):
        return k if cue.addressee or cue.kind == "act" else None
    if _clause_like(tk, k, hi):
        return k
    return None
