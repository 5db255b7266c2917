"""Who a frame's speech belongs to, and where its reported content starts.

The speaker of a frame is resolved in text order (so that "he" and "the
minister" find the person meant, see `coref`). The reported content runs
forward from the cue, after an addressee ("told reporters"), time phrases and
adjuncts ("on Wednesday"), and "that" or a colon; a cue that takes a clause
needs one ("said Russia saw …"), a speech act takes any object ("proposed a
meeting").
"""

from __future__ import annotations

from talks.extract.coref import Tracker
from talks.extract.frames import ADJUNCT_STARTS, QUOTE_PUNCT, Frame, Speaker, nested
from talks.extract.phrases import Phrase, PhraseReader
from talks.extract.speakers import fold
from talks.extract.tokens import (
    CAP,
    CUEW,
    DET,
    FINITE,
    NAMEISH,
    PREPOSITIONS,
    PRON,
    PUNCT,
    TITLE,
    Tokens,
)

_TIME_LEADS = frozenset("on late early earlier later last this next".split())
_ADJUNCT_OR_TIME = ADJUNCT_STARTS | _TIME_LEADS
_FINITE_OR_CUE = FINITE | CUEW
_OBJECT_PRONOUNS = frozenset(
    "him her them us me reporters journalists lawmakers supporters parliament viewers "
    "listeners readers delegates".split()
)


def resolve(tk: Tokens, tracker: Tracker, frame: Frame) -> Speaker | None:
    """Name the speaker of `frame` (in text order, so pronouns see earlier speakers)."""
    if frame.parent is not None and frame.subject is None:
        return frame.parent.speaker
    phrase = frame.relay or frame.subject
    if phrase is None:
        return None
    pos = tk.starts[phrase.start]
    # "Obama was the first black president, he said": the names in the clause a closing
    # attribution reports are not who "he" is (`coref.Tracker.pronoun` skips them, but
    # not a speaker of the sentence: "X said …, a deal which, he stressed, …")
    lookup = pos
    sp = _speaker(tk, tracker, phrase, lookup, tk.sentence[phrase.start])
    if sp is not None and sp.entity is not None and not nested(tk, frame):
        # (the subject of a report inside another's clause is talked about, not heard:
        # "Cavusoglu said Lavrov and Kuleba had agreed …. He said …" is Cavusoglu)
        tracker.note_speaker(sp.entity, pos, frame.sentence)
    return sp


def _wording(tk: Tokens, phrase: Phrase) -> str:
    a = phrase.start
    if phrase.roles and phrase.name is not None and phrase.roles[0][0] == a:
        a = phrase.name[0]  # "Ukrainian negotiator, David Arakhamia": the name
    articles = tk.vocab.words.get("articles", frozenset())
    while a < phrase.end and tk.low[a] in articles:
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
        ent = tracker.entity_for_name(phrase.name, roles, create=True, titled=True, pos=m_start)
        if ent is not None:
            return Speaker(ent.name, ent.side, mention, m_start, m_end, ent, "name")
        side = vocab.parties.side(mention) or "none"
        return Speaker(wording, side, mention, m_start, m_end, None, "name")
    if phrase.kind == "outlet":
        return Speaker(wording, "none", mention, m_start, m_end, None, "outlet")
    if phrase.kind == "person" and not phrase.plural:
        ent = tracker.role(phrase, pos)
        if ent is None:
            side = vocab.parties.side(mention) or _principal_side(tk, tracker, phrase)
            ent = tracker.unnamed(wording, side, "person", set())
            ent.roles |= {w for w in fold(wording).split()}
        return Speaker(ent.name, ent.side, mention, m_start, m_end, ent, "person")
    if phrase.kind == "group" and tk.low[phrase.head] in vocab.words.get(
        "document_subjects", ()
    ):  # "the memorandum says …": its author speaks
        party = tracker.documents.author(phrase.head, phrase.start)
        if party is not None:
            return Speaker(party, party, mention, m_start, m_end, None, "party")
    entry = vocab.speakers.resolve(wording)
    if entry is not None:
        ent = tracker.entity_for_name((phrase.start, phrase.end), [], create=False, titled=False)
        return Speaker(entry.name, entry.side, mention, m_start, m_end, ent, phrase.kind)
    side = vocab.parties.side(mention) or _principal_side(tk, tracker, phrase)
    if phrase.kind == "party" and phrase.name is not None:
        side = tk.party.get(phrase.name[0], (side, 0))[0]
    ent = tracker.unnamed(wording, side, "group", set())
    return Speaker(wording, side, mention, m_start, m_end, ent, phrase.kind)


def _principal_side(tk: Tokens, tracker: Tracker, phrase: Phrase) -> str:
    """The side of the person an office or aide speaks for ("President Zelenskiy's
    office", "a spokesperson for Tamm"): the side of the first person named inside the
    phrase, else "none"."""
    k = phrase.start
    while k <= phrase.end:
        if not tk.flags[k] & NAMEISH:
            k += 1
            continue
        j = k
        while j < phrase.end and tk.flags[j + 1] & NAMEISH and not tk.poss[j]:
            j += 1
        ent = tracker.entity_for_name((k, j), [], create=False, titled=False)
        if ent is not None and ent.side != "none":
            return ent.side
        k = j + 1
    return "none"


# --- reported content ----------------------------------------------------------------


def _clause_like(tk: Tokens, k: int, hi: int) -> bool:
    """Does a zero-that clause start at k ("Russia saw that …", "the talks were …",
    "border checks would resume", "her adviser, Mart Kask, would travel", headline
    "new round marks a turning point")?"""
    f = tk.flags[k]
    if tk.words[k] in QUOTE_PUNCT:
        return True
    low = tk.low[k]
    if low in _SUBJECT_PRONOUNS or (f & FINITE and low.split("'")[0] in _FUSED_SUBJECTS):
        # "said they know …", "said he'd no longer …": a nominative pronoun (or one
        # fused with its auxiliary) after a cue can only open a clause
        return k + 1 <= hi and not tk.flags[k + 1] & PUNCT
    if low == "it" and k + 2 <= hi and _finite_form(tk, k + 1):
        return True  # "said it rewards …" (not "said it." or "called it a trap")
    if not (f & (PRON | CAP | DET) or low in ("there", "the")):
        # a bare plural or adjective subject ("border checks would …"), never an adjunct,
        # an infinitive or an adverb
        if f & (PUNCT | FINITE | CUEW) or low in ADJUNCT_STARTS or low in _NOT_SUBJECTS:
            return False
        if low.endswith("ly") or low.endswith("ing"):
            return False
    commas = 0
    plain = True  # only noun-phrase words since k: a verb after them is the clause's
    aside = -1  # the closing dash of an aside between dashes ("— including A, B —")
    for j in range(k, min(hi, k + 14) + 1):
        if j <= aside:
            continue
        if j > k and tk.flags[j] & _FINITE_OR_CUE:
            return True
        if j > k and tk.low[j].endswith(("s", "ed")):  # (the verbs below all end so)
            if j <= k + 3 and (_past_tense(tk, j) or _present_verb(tk, j, hi)):
                return True  # "the talks showed …", "new round marks a …"
            if (
                plain
                and k + 3 < j <= k + 8
                and (_past_tense(tk, j) or _present_verb(tk, j, hi))
                and j + 1 <= hi
                and tk.low[j + 1] not in PREPOSITIONS
                and tk.low[j + 1] != "by"
            ):
                return True  # "Mr. Weiner's treatment of women demanded …", not "… involved in"
            if plain and _adverb_verb(tk, j, hi):
                return True  # "the process often leaves …"
        w = tk.words[j]
        if w == "." and j > k and tk.flags[j - 1] & TITLE and j + 1 <= hi and tk.flags[j + 1] & CAP:
            continue  # "Mrs. Clinton would …": the title's period ends no sentence
        if w in _ASIDE_MARKS and j > k and commas == 0 and not tk.glued(j):
            commas += 1  # an apposition or aside: "her adviser, Mart Kask, would …"
            plain = False
            if w != ",":
                aside = next((c for c in range(j + 1, min(hi, j + 20)) if tk.words[c] == w), -1)
            continue
        if w in _ASIDE_MARKS and commas == 1:
            commas += 1
            continue
        if tk.flags[j] & PUNCT and w not in QUOTE_PUNCT and w != "-" and not tk.glued(j):
            return False
        if j > k and tk.low[j] in PREPOSITIONS and tk.low[j] != "of":
            plain = False
        if j > k + 11 and commas == 0:
            return False  # (a subject of names and a PP: "a call between President X and Y could")
    return False


_ASIDE_MARKS = frozenset((",", "—", "–"))  # (an aside between dashes: "— including A —")
_SUBJECT_PRONOUNS = frozenset("he she they we i".split())
_FUSED_SUBJECTS = _SUBJECT_PRONOUNS | frozenset(("it", "there", "that"))
_ADVERBS = frozenset("often also still now always never already usually sometimes".split())


def _adverb_verb(tk: Tokens, j: int, hi: int) -> bool:
    """An adverb, then a present- or past-tense verb: "often leaves", "already knew"."""
    low = tk.low[j - 1]
    adverb = low in _ADVERBS or (low.endswith("ly") and len(low) > 4)
    if not adverb or tk.flags[j] & (CAP | PUNCT):
        return False
    w = tk.low[j]
    return (
        (
            (w.endswith("s") and not w.endswith("ss") and len(w) > 3)
            or (w.endswith("ed") and len(w) > 4)
        )
        and j + 1 <= hi
        and not tk.flags[j + 1] & PUNCT
    )


_NOT_SUBJECTS = frozenset(
    "to not so as than also again already still just only even too very more most then "
    "thus such".split()
)


def _present_verb(tk: Tokens, j: int, hi: int) -> bool:
    """A present-tense verb before its object ("round marks a turning point")."""
    low = tk.low[j]
    return (
        low.endswith("s")
        and not low.endswith("ss")
        and len(low) > 3
        and j + 1 <= hi
        and not tk.flags[j] & (CAP | PUNCT | DET)
        and not tk.flags[j - 1] & (DET | PUNCT)
        and tk.low[j - 1] not in PREPOSITIONS
        and tk.low[j + 1] in ("a", "an", "the", "its", "his", "her", "their", "no")
    )


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


def _finite_form(tk: Tokens, j: int) -> bool:
    """A lower-case word in -s or -ed: after a pronoun subject, its verb ("it rewards")."""
    w = tk.low[j]
    return not tk.flags[j] & (CAP | PUNCT) and (
        (w.endswith("s") and not w.endswith("ss") and len(w) > 2) or w.endswith("ed")
    )


def _gerund(tk: Tokens, j: int) -> bool:
    """An -ing verb form ("an annex stating that"), not "morning" or "following"."""
    low = tk.low[j]
    return (
        low.endswith("ing")
        and len(low) > 5
        and not tk.flags[j] & (CAP | PUNCT)
        and low not in tk.vocab.words.get("preposition_gerunds", ())
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
        k = max(k, frame.relay.end + 1)
    if k > hi:
        return None
    if cue.takes == "source":
        # "According to X, …" opening its sentence: the content follows the comma
        lo = frame.a
        openers = tk.vocab.words.get("not_names", frozenset())
        while lo > 0 and tk.sentence[lo - 1] == frame.sentence:
            lo -= 1
        lead = all(tk.flags[j] & PUNCT or tk.low[j] in openers for j in range(lo, frame.a))
        return k + 1 if lead and tk.words[k] == "," and k + 1 <= hi else None
    words = tk.vocab.words
    if tk.low[k] in _TIME_LEADS or tk.low[k] in words.get("time_words", ()):
        k = _skip_time(tk, k, hi)
    if (
        k + 1 <= hi
        and (cue.addressee or cue.kind == "speech")
        and tk.low[k] == "to"
        and not tk.flags[k + 1] & FINITE
    ):
        # "told to journalists" (translated copy), "explained to the board why …"
        p = reader.phrase_after(k + 1, hi)
        wh = words.get("wh_words", frozenset())
        if (
            p is not None
            and p.kind in ("person", "group", "outlet", "name")
            and p.end + 1 <= hi
            and (
                tk.words[p.end + 1] == ","
                or tk.low[p.end + 1] in ("that", ":")
                or (tk.low[p.end + 1] in wh and not cue.addressee)
            )
        ):
            k = p.end + 1
    if (  # (a nominative pronoun is the clause's subject: "promised he would …")
        k <= hi and cue.addressee and tk.low[k] not in ("that", "to", "not", *_SUBJECT_PRONOUNS)
    ):
        p = reader.phrase_after(k, hi)
        if tk.low[k] in _OBJECT_PRONOUNS:
            k += 1  # "told reporters U.S. companies had lost …": not one phrase
        elif p is not None and tk.low[k] not in ADJUNCT_STARTS:
            k = _after_title(tk, p.end + 1, hi)  # 'told the programme “Night Talk” that'
        elif p is None:
            k = _after_title(tk, k, hi)
        k = _skip_time(tk, k, hi)
        if k + 1 <= hi and tk.low[k] in words.get("coordinators", ()):
            if tk.flags[k + 1] & FINITE or _past_tense(tk, k + 1):
                return None  # "advised the president and has chaired …": no content
            p = reader.phrase_after(k + 1, hi)  # "told the Times and CNN that …"
            if p is not None and p.end + 1 <= hi and tk.low[p.end + 1] == "that":
                k = p.end + 1
    if k > hi:
        return None
    if (
        k + 2 <= hi
        and tk.words[k] == ","
        and tk.words[k + 2] == ","
        and tk.low[k + 1] in words.get("cue_asides", ())
    ):
        k += 3  # "has acknowledged, however, that"
    elif k + 3 <= hi and tk.words[k] == ",":
        for j in range(k + 2, min(hi - 1, k + 9)):
            if tk.flags[j] & (FINITE | CUEW) or tk.quote[j] >= 0:
                break
            if tk.words[j] == "," and tk.low[j + 1] in words.get("complementizers", ()):
                return j + 2  # "claimed, without providing evidence, that …"
            if tk.flags[j] & PUNCT:
                break
    # adjuncts before "that" or a colon: "acknowledged on Wednesday that", "said in a
    # statement on the sidelines of the summit in Geneva that"
    low, toks, flags, quote = tk.low, tk.words, tk.flags, tk.quote
    complementizers = words.get("complementizers", ())
    for j in range(k, min(hi, k + _ADJUNCT_REACH) + 1):
        lw = low[j]
        if lw in complementizers and (
            j == k
            or (
                low[j - 1] not in ADJUNCT_STARTS
                and low[j - 1] != "of"
                # after a speech act's object, "that" opens a relative clause: "blasted
                # Kowalski as a creature of the party that has led …"
                and (cue.takes != "object" or low[k] in _ADJUNCT_OR_TIME)
            )
        ):
            if (
                j == k
                and j + 1 <= hi
                and flags[j + 1] & FINITE
                and low[j + 1] not in _PLURAL_VERBS
                and _clause_like(tk, j, hi)
            ):
                return j  # "said that wasn't a useful comparison": "that" is the subject
            if j > k and j + 1 <= hi and flags[j + 1] & FINITE and low[k] not in _ADJUNCT_OR_TIME:
                return k  # "revealing a rift that could …": the object and its relative clause
            return j + 1 if j + 1 <= hi else None
        w = toks[j]
        if w == ":":
            return j + 1 if j + 1 <= hi else None
        if w == "," and j + 2 <= hi and low[j + 1] in complementizers:
            return j + 2  # "told to journalists, that …" (translated copy)
        if quote[j] >= 0 or w in QUOTE_PUNCT:
            if low[k] in ADJUNCT_STARTS and j > k:
                continue  # a programme's title in an adjunct: 'on NBC's "Meet the Press" that'
            break
        if (
            flags[j] & _FINITE_OR_CUE
            or w in (",", ";", ".")
            or (
                j > k
                and (
                    (lw.endswith("ed") and _past_tense(tk, j))
                    or (lw.endswith("ing") and _gerund(tk, j))
                )
            )
            or (j == k + 1 and flags[k] & PRON and _finite_form(tk, j))
        ):
            break  # "said the draft ignored claims that …": that clause is the verb's
    if k > hi:
        return None
    lw = tk.low[k]
    if cue.lemma in words.get("verdict_cues", ()):
        if _verdict(tk, k, hi) or (cue.lemma != "call" and _claim_object(tk, k, hi)):
            return k  # "dismissed the terms as …", "dismissed the accusation"
        return None
    if cue.takes == "object":
        if (tk.flags[k] & PUNCT and tk.words[k] not in QUOTE_PUNCT) or lw in (
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
        return k if cue.addressee or cue.kind == "act" or cue.lemma in _TO_CLAIMS else None
    if (lw in _CUE_ADVERBS or (lw.endswith("ly") and len(lw) > 4)) and (
        k + 1 <= hi and not tk.flags[k] & CAP and _clause_like(tk, k + 1, hi)
    ):
        return k + 1  # "said earlier the talks had stalled", "said flatly he would not …"
    if _clause_like(tk, k, hi) or _claim_object(tk, k, hi):
        return k
    if tk.sentence[k] in tk.headlines and not tk.flags[k] & PUNCT and cue.kind == "speech":
        return k  # headline ellipsis: "Lavrov says NATO peacekeepers unacceptable"
    return None


_ADJUNCT_REACH = 14  # tokens of adjuncts between a cue and its "that"


def _after_title(tk: Tokens, k: int, hi: int) -> int:
    """A short quoted title after an addressee, then "that" ('told the programme
    “Night Talk” that …'): the "that"; else k."""
    q = k
    while (
        q <= min(hi, k + 2)
        and tk.low[q].isalpha()
        and tk.low[q] != "that"
        and not tk.flags[q] & (FINITE | CUEW)
    ):
        q += 1  # (the addressee's head: 'the ARD programme “…”')
    if q + 1 > hi or tk.words[q] not in QUOTE_PUNCT or tk.quote[q + 1] < 0:
        return k
    for c in range(q + 2, min(hi, q + 10)):
        if tk.words[c] in QUOTE_PUNCT and tk.quote[c - 1] >= 0:
            return c + 1 if tk.low[c + 1] == "that" else k
    return k


# verbs that never follow a demonstrative "that" ("… states that have long …": relative)
_PLURAL_VERBS = frozenset("are were have do aren't weren't haven't don't".split())
# speech verbs whose to-infinitive reports a claim: "claimed to have voted twice"
_TO_CLAIMS = frozenset(("claim", "deny", "admit", "announce"))  # (also "announced to cut …")

_CUE_ADVERBS = frozenset(
    "earlier later again also previously repeatedly then now today yesterday recently "
    "separately privately publicly once".split()
)


def _claim_object(tk: Tokens, k: int, hi: int) -> bool:
    """A noun phrase that carries a claim or stance ("confirmed Russia's readiness for
    a new round", "reiterated its “categorical rejection” of …"), or a gerund ("denied
    backing the draft"): the object of a speech verb is then its content."""
    nouns = tk.vocab.words.get("proposition_nouns", frozenset())
    f = tk.flags[k]
    if (
        tk.low[k].endswith("ing")
        and len(tk.low[k]) > 5
        and not f & (CAP | PUNCT | CUEW)
        and tk.low[k] not in tk.vocab.words.get("preposition_gerunds", ())
    ):
        return True
    for j in range(k, min(hi, k + 6) + 1):
        if tk.low[j] in nouns and not tk.flags[j] & CAP:
            return True
        if tk.words[j] in QUOTE_PUNCT:
            continue
        if tk.flags[j] & (PUNCT | FINITE | CUEW) or tk.low[j] in ADJUNCT_STARTS:
            return False
    return False


def _verdict(tk: Tokens, k: int, hi: int) -> bool:
    """A verdict verb's object with its complement: "called the offer a trap", "called
    the talks “useful”", "dismissed the terms as an ultimatum", "dismissed as
    “premature” Helsinki's call": not "called Kowalski on Monday"."""
    if tk.low[k] == "as":
        return True
    for j in range(k + 1, min(hi, k + 12) + 1):
        if tk.low[j] == "as":
            return True  # "dismissed the memorandum handed over in June as an ultimatum"
        if tk.words[j] in QUOTE_PUNCT and j > k + 1 and j + 1 <= hi and tk.quote[j + 1] >= 0:
            return True  # "called the talks with the envoy “useful”": a quoted verdict
        if tk.flags[j] & (FINITE | CUEW) or tk.words[j] in (",", ";", ".", ":"):
            break
    for j in range(k + 1, min(hi, k + 7) + 1):
        lw = tk.low[j]
        if lw == "as" or tk.words[j] in QUOTE_PUNCT or lw in ("a", "an"):
            return True
        if lw == "the" and j > k and not tk.flags[j - 1] & DET:
            return True
        if tk.flags[j] & (PUNCT | FINITE | CUEW) or lw in ADJUNCT_STARTS:
            return False
    return False
