"""The relevance prefilter: does a text mention the negotiations at all?

Big mixed inputs (a news crawl) are mostly about other things; extracting quotes
from them costs time and fills the store with noise. An article passes when it
names a known speaker (name or alias, as written), or names a party (name or
adjective, as written) and says something about talks: a word from the lexicon's
`relevance_talks` list (any case) or, failing that, a topic signal. Speakers,
parties and talk words are one compiled, trie-shaped regex read once over the
text, stopping as soon as the answer is known; the topic signals run only when a
party was found but no talk word, so a typical off-topic page costs one scan.
The rule leans towards keeping: a page wrongly kept costs an extraction, a page
wrongly skipped loses its quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from talks.extract.regex_shapes import word_start_trie
from talks.extract.topic_lexicon import compiled, scan_signals
from talks.lexicon import Lexicon


@dataclass(frozen=True)
class Prefilter:
    lexicon: Lexicon
    pattern: re.Pattern[str]

    def __call__(self, text: str) -> bool:
        """True when `text` names a speaker, or a party and talks (see the module
        docstring)."""
        party = talk = False
        for m in self.pattern.finditer(text):
            kind = m.lastgroup
            if kind == "s":
                return True
            if kind == "p":
                party = True
            else:
                talk = True
            if party and talk:
                return True
        if not party:
            return False
        return bool(scan_signals(compiled(self.lexicon), text))


_CACHE: dict[int, Prefilter] = {}


def prefilter(lexicon: Lexicon) -> Prefilter:
    """The prefilter for `lexicon` (compiled once per Lexicon object)."""
    hit = _CACHE.get(id(lexicon))
    if hit is not None and hit.lexicon is lexicon:
        return hit
    parties: set[str] = set()
    for party in lexicon.parties:
        parties.update([party.name, *party.names, *party.adjectives])
    speakers: set[str] = set()
    for speaker in lexicon.speakers:
        speakers.update([speaker.name, *speaker.aliases])
    talk = {" ".join(w.lower().split()) for w in lexicon.words.get("relevance_talks", [])}

    def alternatives(words: set[str]) -> str:
        return word_start_trie(sorted(w for w in words if w.strip())) if words else "(?!)"

    # Speakers first: where a speaker's name starts with a party word ("Russian
    # Foreign Ministry"), the longer name is the one that counts.
    pattern = re.compile(
        rf"(?P<s>{alternatives(speakers)})(?!\w)"
        rf"|(?P<p>{alternatives(parties)})(?!\w)"
        rf"|(?i:(?P<t>{alternatives(talk)}))(?!\w)"
    )
    result = Prefilter(lexicon, pattern)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(lexicon)] = result
    return result
