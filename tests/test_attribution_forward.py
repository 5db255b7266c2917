"""forward_start's short ways (a time phrase after the cue skipped only where one begins;
in the scan of the adjuncts before "that" or a colon, its token lists read once, the -ed
and -ing tests only on words so ending) against the plain reading, on random text: the
same content starts, frame by frame."""

from __future__ import annotations

import random

import pytest

from talks.extract import attribution as attr
from talks.extract import extract, quotes_direct, quotes_indirect
from talks.extract.frames import ADJUNCT_STARTS, QUOTE_PUNCT, Frame
from talks.extract.phrases import PhraseReader
from talks.extract.tokens import CAP, CUEW, FINITE, PRON, PUNCT, Tokens
from talks.lexicon import shipped
from talks.models import Article

# letters whose case folding is special: ı İ ſ K (Kelvin) ß
_ODD = ["ı", "İ", "ſ", "\u212a", "ß", "saıd", "ſaid", "İn", "stateD", "notING"]
_WORDS = [
    *"Russia Ukraine Kyiv Moscow Zelensky Peskov Lavrov Rubio the a his officials he she".split(),
    *"said says told acknowledged claimed dismissed called warned promised added stressed".split(),
    *'that : , , . ; “ ” " to not reporters journalists on in at late Wednesday Friday'.split(),
    *"statement interview summit sidelines of Geneva however earlier flatly talks stalled".split(),
    *"showed showing stating morning following accused wanted planned would will could".split(),
    *"ceasefire deal terms as a compromise accusation and or who what why it rewards".split(),
]


def _text(rng: random.Random, n: int) -> str:
    seps = [" ", " ", " ", " ", ", ", ": ", "\n", " that "]
    out = []
    for _ in range(n):
        out.append(rng.choice(_SUBJECTS) + " " + rng.choice(_CUES) + rng.choice(seps))
        for _ in range(rng.randint(0, 12)):
            word = rng.choice(_WORDS) if rng.random() < 0.92 else rng.choice(_ODD)
            out.append(word + rng.choice(seps))
        out.append(rng.choice([". ", ".\n\n", "; "]))
    return "".join(out)


_SUBJECTS = ["Russia", "Zelensky", "Peskov", "He", "She", "Officials", "The ministry", "Lavrov"]
_CUES = "said says told acknowledged claimed dismissed called warned promised added".split()


def _old_forward_start(tk: Tokens, reader: PhraseReader, frame: Frame, hi: int) -> int | None:
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
    k = attr._skip_time(tk, k, hi)
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
        k <= hi
        and cue.addressee
        and tk.low[k] not in ("that", "to", "not", *attr._SUBJECT_PRONOUNS)
    ):
        p = reader.phrase_after(k, hi)
        if tk.low[k] in attr._OBJECT_PRONOUNS:
            k += 1  # "told reporters U.S. companies had lost …": not one phrase
        elif p is not None and tk.low[k] not in ADJUNCT_STARTS:
            k = attr._after_title(tk, p.end + 1, hi)  # 'told the programme “Night Talk” that'
        elif p is None:
            k = attr._after_title(tk, k, hi)
        k = attr._skip_time(tk, k, hi)
        if k + 1 <= hi and tk.low[k] in words.get("coordinators", ()):
            if tk.flags[k + 1] & FINITE or attr._past_tense(tk, k + 1):
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
    for j in range(k, min(hi, k + attr._ADJUNCT_REACH) + 1):
        lw = tk.low[j]
        if lw in words.get("complementizers", ()) and (
            j == k
            or (
                tk.low[j - 1] not in ADJUNCT_STARTS
                and tk.low[j - 1] != "of"
                # after a speech act's object, "that" opens a relative clause: "blasted
                # Kowalski as a creature of the party that has led …"
                and (cue.takes != "object" or tk.low[k] in attr._ADJUNCT_OR_TIME)
            )
        ):
            if (
                j == k
                and j + 1 <= hi
                and tk.flags[j + 1] & FINITE
                and tk.low[j + 1] not in attr._PLURAL_VERBS
                and attr._clause_like(tk, j, hi)
            ):
                return j  # "said that wasn't a useful comparison": "that" is the subject
            if (
                j > k
                and j + 1 <= hi
                and tk.flags[j + 1] & FINITE
                and tk.low[k] not in attr._ADJUNCT_OR_TIME
            ):
                return k  # "revealing a rift that could …": the object and its relative clause
            return j + 1 if j + 1 <= hi else None
        if tk.words[j] == ":":
            return j + 1 if j + 1 <= hi else None
        if tk.words[j] == "," and j + 2 <= hi and tk.low[j + 1] in words.get("complementizers", ()):
            return j + 2  # "told to journalists, that …" (translated copy)
        if tk.quote[j] >= 0 or tk.words[j] in QUOTE_PUNCT:
            if tk.low[k] in ADJUNCT_STARTS and j > k:
                continue  # a programme's title in an adjunct: 'on NBC's "Meet the Press" that'
            break
        if (
            tk.flags[j] & (FINITE | CUEW)
            or tk.words[j] in (",", ";", ".")
            or (j > k and (attr._past_tense(tk, j) or attr._gerund(tk, j)))
            or (j == k + 1 and tk.flags[k] & PRON and attr._finite_form(tk, j))
        ):
            break  # "said the draft ignored claims that …": that clause is the verb's
    if k > hi:
        return None
    lw = tk.low[k]
    if cue.lemma in words.get("verdict_cues", ()):
        if attr._verdict(tk, k, hi) or (cue.lemma != "call" and attr._claim_object(tk, k, hi)):
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
        return k if cue.addressee or cue.kind == "act" or cue.lemma in attr._TO_CLAIMS else None
    if (lw in attr._CUE_ADVERBS or (lw.endswith("ly") and len(lw) > 4)) and (
        k + 1 <= hi and not tk.flags[k] & CAP and attr._clause_like(tk, k + 1, hi)
    ):
        return k + 1  # "said earlier the talks had stalled", "said flatly he would not …"
    if attr._clause_like(tk, k, hi) or attr._claim_object(tk, k, hi):
        return k
    if tk.sentence[k] in tk.headlines and not tk.flags[k] & PUNCT and cue.kind == "speech":
        return k  # headline ellipsis: "Lavrov says NATO peacekeepers unacceptable"
    return None


def test_forward_start_reads_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[int | None, int] = {}

    def both(tk: Tokens, reader: PhraseReader, frame: Frame, hi: int) -> int | None:
        new = attr.forward_start(tk, reader, frame, hi)
        assert new == _old_forward_start(tk, reader, frame, hi)
        seen[new] = seen.get(new, 0) + 1
        return new

    monkeypatch.setattr(quotes_indirect, "forward_start", both)
    monkeypatch.setattr(quotes_direct, "forward_start", both)
    lexicon = shipped()
    rng = random.Random(17)
    for i in range(300):
        text = _text(rng, rng.randint(1, 12))
        article = Article(id=f"f{i}", article=f"f{i}.txt", path=f"f{i}.txt", text=text)
        extract(article, lexicon=lexicon)
    assert sum(seen.values()) > 1500 and seen.get(None, 0) > 200 and len(seen) > 50
