"""The relevance prefilter: does a text mention the negotiations at all?

Big mixed inputs (a news crawl) are mostly about other things; extracting quotes
from them costs time and fills the store with noise. An article passes when it
names a known speaker (name or alias, as written), or names a party (name or
adjective, as written) and says something about talks: a word from the lexicon's
`relevance_talks` list (any case) or, failing that, a topic signal. Speakers and
parties are one compiled, trie-shaped regex read once over the text (tried only
at capitalised word starts), stopping at the first speaker; the talk words (one
more trie, over the lower-cased text) and then the topic signals run only when a
party was named, so a typical off-topic page costs one scan.
The rule leans towards keeping: a page wrongly kept costs an extraction, a page
wrongly skipped loses its quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from talks.extract.regex_shapes import phrase_trie
from talks.extract.topic_lexicon import compiled, scan_signals
from talks.lexicon import Lexicon


@dataclass(frozen=True)
class Prefilter:
    lexicon: Lexicon
    names: re.Pattern[str]  # speakers (group s) and parties (group p), as written
    talk: re.Pattern[str]  # talk words, on the lower-cased text

    def __call__(self, text: str) -> bool:
        """True when `text` names a speaker, or a party and talks (see the module
        docstring)."""
        party = False
        for m in self.names.finditer(text):
            if m.lastgroup == "s":
                return True
            party = True
        if not party:
            return False
        if self.talk.search(text.lower()):
            return True
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
        return phrase_trie(sorted(w for w in words if w.strip())) or "(?!)"

    # Names are tried only at word starts with a capital, a digit or a non-ASCII
    # letter ("Élysée"): the engine tests that in C before entering the tries.
    # Speakers first, so a speaker's name that starts with a party word ("Russian
    # Foreign Ministry") counts as the speaker.
    start = r"\b(?=[A-Z0-9]|[^\x00-\x7f])"
    names = re.compile(
        rf"{start}(?:(?P<s>{alternatives(speakers)})|(?P<p>{alternatives(parties)}))(?!\w)"
    )
    talk_re = re.compile(rf"\b(?:{alternatives(talk)})(?!\w)")
    result = Prefilter(lexicon, names, talk_re)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(lexicon)] = result
    return result
