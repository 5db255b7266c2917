"""The relevance prefilter: does a text mention the negotiations at all?

Big mixed inputs (a news crawl) are mostly about other things; extracting quotes
from them costs time and fills the store with noise. An article passes when it
names an actor (a party's name or adjective, a known speaker's name or alias,
as written) and says something about talks: a word from the lexicon's
`relevance_talks` list (any case) or, failing that, a topic signal. Actors and
talk words are one compiled, trie-shaped regex read once over the text, stopping
at the first of each kind; the topic signals run only when an actor was found but
no talk word, so a typical off-topic page costs one scan.
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
        """True when `text` names an actor and talks (see the module docstring)."""
        actor = talk = False
        for m in self.pattern.finditer(text):
            if m.lastgroup == "a":
                actor = True
            else:
                talk = True
            if actor and talk:
                return True
        if not actor:
            return False
        return bool(scan_signals(compiled(self.lexicon), text))


_CACHE: dict[int, Prefilter] = {}


def prefilter(lexicon: Lexicon) -> Prefilter:
    """The prefilter for `lexicon` (compiled once per Lexicon object)."""
    hit = _CACHE.get(id(lexicon))
    if hit is not None and hit.lexicon is lexicon:
        return hit
    actors: set[str] = set()
    for party in lexicon.parties:
        actors.update([party.name, *party.names, *party.adjectives])
    for speaker in lexicon.speakers:
        actors.update([speaker.name, *speaker.aliases])
    talk = {" ".join(w.lower().split()) for w in lexicon.words.get("relevance_talks", [])}
    actor_re = word_start_trie(sorted(a for a in actors if a.strip()))
    talk_re = word_start_trie(sorted(w for w in talk if w)) if talk else "(?!)"
    pattern = re.compile(rf"(?P<a>{actor_re})(?![\w])|(?i:(?P<t>{talk_re}))(?![\w])")
    result = Prefilter(lexicon, pattern)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(lexicon)] = result
    return result
