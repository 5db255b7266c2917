"""Tokens of an article with offsets, lower-cased forms and word classes.

A word-level tokenizer and the cue lexicon compiled for it (`Vocab`, built once
per lexicon): reporting cues, parties and outlets matched as word sequences,
and per-word classes from `lexicons/cues.yaml` (pronouns, titles, role and group
nouns, finite verbs, name-able capitals) kept as bit flags, memoised per word.
"""

from __future__ import annotations

import itertools
import operator
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from talks.extract.speakers import PartyIndex, SpeakerIndex, _Cache, fold
from talks.lexicon import Cue, Lexicon

# abbreviations like "U.S.", words with inner apostrophes and hyphens, single marks
# (written so the engine never gives back what it took: nothing after it would fit;
# "X.(X.)+" rather than "(X.){2,}", which the engine tries more slowly)
_TOKEN = re.compile(r"[A-Z]\.(?:[A-Z]\.)+|[^\W_]++(?:[’'\-][^\W_]++)*+|[^\w\s]")
# The same tokens, each with the white space before it: quicker than failing all three
# alternatives at every space; and with no "_" in the text (the only other character no
# token takes) the matches tile the text, so their lengths add up to the offsets. A match
# starts only where no white space precedes: a run of white space that no token follows
# (trailing space, space before "_") is tried once, not once per character (quadratic).
_SPACED_TOKEN = re.compile(rf"(?<!\s)\s*+(?:{_TOKEN.pattern})")
PREPOSITIONS = frozenset("of for at from in with on to within inside under".split())

# token classes (bit flags)
PRON, DET, TITLE, PNOUN, GNOUN, RMOD, PARTY, OUTLET, NAME, CAP, PUNCT, CUEW, FINITE, ORG = (
    1 << i for i in range(14)
)
NAMEISH = 1 << 14  # can be part of a proper name (set once party and outlet words are known)


_CLASSES = (
    ("pronouns", PRON),
    ("determiners", DET),
    ("titles", TITLE),
    ("person_nouns", PNOUN),
    ("group_nouns", GNOUN),
    ("role_modifiers", RMOD),
    ("finite_verbs", FINITE),
    ("org_words", ORG),
)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


Phrases = dict[str, list[tuple[tuple[str, ...], object]]]


def _by_first_word(table: dict[tuple[str, ...], object]) -> Phrases:
    """Multi-word keys indexed by their first word, longest first."""
    out: Phrases = {}
    for key, value in table.items():
        out.setdefault(key[0], []).append((key, value))
    for items in out.values():
        items.sort(key=lambda kv: -len(kv[0]))
    return out


@dataclass
class Vocab:
    """The cue lexicon compiled for fast lookups (built once per lexicon)."""

    lexicon: Lexicon
    cues: dict[str, Cue]
    cue_phrases: Phrases  # first word -> [(words, Cue)]
    words: dict[str, frozenset[str]]
    outlets: Phrases  # first word -> [(words, outlet name)]
    parties: PartyIndex
    party_phrases: Phrases  # first word -> [(words, party)]
    speakers: SpeakerIndex

    info: dict[str, tuple[str, bool, int]] = field(default_factory=dict)

    def learn(self, word: str) -> tuple[str, bool, int]:
        """Lower-cased form, possessive flag and word classes of a token (memoised)."""
        lw = word.lower().replace("’", "'") if word.isascii() or word == "’" else word_key(word)
        poss = lw.endswith("'s") and len(lw) > 2
        if poss:
            lw = lw[:-2]
        w = self.words
        f = 0
        first = word[0]
        if not first.isalnum():
            f = PUNCT
        else:
            if first.isupper():
                f |= CAP
            single = _singular(lw)
            # a hyphenated title counts by its last part ("press-secretary", "vice-premier")
            last = _singular(lw.rsplit("-", 1)[-1]) if "-" in lw else single
            for name, flag in _CLASSES:
                if lw in w[name] or (
                    flag & (PNOUN | GNOUN) and (single in w[name] or last in w[name])
                ):
                    f |= flag
            if f & CAP and lw not in w["not_names"] and not f & (TITLE | PNOUN | GNOUN | RMOD):
                f |= NAME
                if not f & (PRON | DET):
                    f |= NAMEISH
        row = (lw, poss, f)
        self.info[word] = row
        return row


# the fields of `Vocab.learn`'s rows
_LOW: Callable[[tuple[str, bool, int]], str] = operator.itemgetter(0)
_POSS: Callable[[tuple[str, bool, int]], bool] = operator.itemgetter(1)
_FLAGS: Callable[[tuple[str, bool, int]], int] = operator.itemgetter(2)
_VOCAB_CACHE = _Cache()
_INFO_SIZE = 1 << 17


def vocab_for(lexicon: Lexicon) -> Vocab:
    """The compiled vocabulary of `lexicon`, cached per lexicon object."""
    hit = _VOCAB_CACHE.get(lexicon)
    if isinstance(hit, Vocab):
        return hit
    cues: dict[str, Cue] = {}
    for cue in lexicon.cues:
        for form in cue.forms or [cue.lemma]:
            cues.setdefault(fold(form), cue)
    # a list the lexicon does not have is empty (a user's lexicon may hold only some)
    words: dict[str, frozenset[str]] = defaultdict(frozenset)
    words.update({k: frozenset(fold(w) for w in v) for k, v in lexicon.words.items()})
    outlets: dict[tuple[str, ...], object] = {}
    for name in lexicon.words.get("outlets", ()):
        key = tuple(word_key(w) for w in name.split())
        if key[0] == "the" and len(key) > 1:
            key = key[1:]
        outlets.setdefault(key, name.removeprefix("The ").removeprefix("the "))
    parties = PartyIndex.for_lexicon(lexicon)
    vocab = Vocab(
        lexicon=lexicon,
        cues=cues,
        cue_phrases=_by_first_word({tuple(k.split()): v for k, v in cues.items()}),
        words=words,
        outlets=_by_first_word(outlets),
        parties=parties,
        party_phrases=_by_first_word(dict(parties.by_words)),
        speakers=SpeakerIndex.for_lexicon(lexicon),
    )
    _VOCAB_CACHE.put(lexicon, vocab)
    return vocab


def word_key(word: str) -> str:
    """A word as the tables key it: lower case, accents folded, apostrophes unified."""
    return fold(word) if not word.isascii() else word.lower()


class Tokens:
    """Words and punctuation of a text with offsets, lower-cased forms and classes."""

    def __init__(self, text: str, vocab: Vocab) -> None:
        self.text = text
        self.vocab = vocab
        spaced = _SPACED_TOKEN.findall(text)
        self.words = words = list(map(str.lstrip, spaced))  # (\s is what isspace() says)
        self.n = len(words)
        if "_" not in text:
            self.ends = list(itertools.accumulate(map(len, spaced)))
            self.starts = list(map(operator.sub, self.ends, map(len, words)))
        else:
            # Between two tokens there is only white space and "_", so each token is the
            # first occurrence of its word after the previous one.
            self.starts, self.ends = [], []
            find, pos = text.find, 0
            for w in words:
                pos = find(w, pos)
                self.starts.append(pos)
                pos += len(w)
                self.ends.append(pos)
        info = vocab.info
        if len(info) > _INFO_SIZE:
            info.clear()
        seen = list(map(info.get, words))
        rows: list[tuple[str, bool, int]] = (
            [r if r is not None else vocab.learn(w) for r, w in zip(seen, words, strict=True)]
            if None in seen  # words not seen before
            else seen  # type: ignore[assignment]  # (no None in it)
        )
        # (three passes of an itemgetter, in C: transposing with zip(*rows) costs 4x more)
        self.low: list[str] = list(map(_LOW, rows))
        self.poss: list[bool] = list(map(_POSS, rows))
        self.flags: list[int] = list(map(_FLAGS, rows))
        self.party: dict[int, tuple[str, int]] = {}
        self.outlet: dict[int, tuple[str, int]] = {}
        self.party_adjective: set[int] = set()  # last tokens of "Russian", "Ukrainian"
        self._multiword(vocab)
        self.quote = [-1] * self.n  # index of the quoted segment a token is in
        self.sentence = [0] * self.n
        self.titled: set[int] = set()  # sentences written in Title Case (headlines)
        self.headlines: set[int] = set()  # short lines of their own with no final stop

    def match(self, table: Phrases, i: int) -> tuple[object, int] | None:
        """The longest entry of `table` whose words start at token i, and its length."""
        items = table.get(self.low[i])
        if items is None:
            return None
        for key, value in items:
            n = len(key)
            if n == 1 or tuple(self.low[i : i + n]) == key:
                return value, n
        return None

    def _multiword(self, vocab: Vocab) -> None:
        """Party and outlet names (several words), and initials: "Donald J. Trump"."""
        flags, low, words = self.flags, self.low, self.words
        parties, outlets = vocab.party_phrases, vocab.outlets
        for i in [i for i, f in enumerate(flags) if f & CAP]:
            lw = low[i]
            if lw in parties and (hit := self.match(parties, i)) is not None:
                self.party[i] = (str(hit[0]), hit[1])
                if tuple(low[i : i + hit[1]]) in vocab.parties.adjective_only:
                    self.party_adjective.add(i + hit[1] - 1)
                for k in range(i, i + hit[1]):
                    flags[k] = (flags[k] | PARTY) & ~NAMEISH
            if lw in outlets and (hit := self.match(outlets, i)) is not None:
                self.outlet[i] = (str(hit[0]), hit[1])
                for k in range(i, i + hit[1]):
                    flags[k] = (flags[k] | OUTLET) & ~NAMEISH
            if len(words[i]) == 1 and i + 1 < self.n and words[i + 1] == ".":
                flags[i] |= NAMEISH  # an initial

    def index(self, offset: int) -> int:
        """The first token starting at or after `offset`."""
        return bisect_left(self.starts, offset)

    def span_text(self, a: int, b: int) -> str:
        """Text of tokens a..b inclusive."""
        return self.text[self.starts[a] : self.ends[b]]

    def initial(self, i: int) -> bool:
        """A one-letter capital followed by a full stop ("J." in "Donald J. Trump")."""
        return (
            0 <= i < self.n - 1
            and len(self.words[i]) == 1
            and self.words[i].isupper()
            and self.words[i + 1] == "."
        )

    def glued(self, k: int) -> bool:
        """A punctuation token between two words with no space ("a Putin–Zelensky
        meeting"): part of a compound, no clause break."""
        return (
            0 < k < self.n - 1
            and self.ends[k - 1] == self.starts[k]
            and self.ends[k] == self.starts[k + 1]
            and not self.flags[k - 1] & PUNCT
            and not self.flags[k + 1] & PUNCT
        )
