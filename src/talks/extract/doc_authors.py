"""Who wrote the documents an article quotes: "the Russian memorandum", "Kyiv's plan",
"a plan drafted by Finnish diplomats", and later "the memorandum" / "the document",
which refer back to the last document named with its author.

GUIDELINES: a quote of a document ("the memorandum says …") is annotated with the
document's author party as speaker when the article names it. The table is read
once per article from the document nouns (`document_subjects`) outside quotation
marks: a party word before the noun in its phrase, or a by-phrase after it.
"""

from __future__ import annotations

from bisect import bisect_left

from talks.extract.phrases import PhraseReader
from talks.extract.tokens import CAP, DET, PARTY, PUNCT, Tokens

_BACK = frozenset("the this that said".split())  # "the document", "this plan": refers back
_BY_WINDOW = 3  # words between the noun and "by" ("the plan drafted by", "handed over by")


class DocumentAuthors:
    """The documents of one article, each with its author party (or None)."""

    def __init__(self, tk: Tokens, reader: PhraseReader) -> None:
        self.tk = tk
        self.reader = reader
        nouns = tk.vocab.words.get("document_subjects", frozenset())
        self.at: list[int] = []  # token of each document noun with a known author
        self.party: list[str] = []
        for k, lw in enumerate(tk.low):
            if lw in nouns and tk.quote[k] < 0 and not tk.flags[k] & CAP:
                party = self._own(k)
                if party is not None:
                    self.at.append(k)
                    self.party.append(party)

    def _own(self, k: int) -> str | None:
        """The author named in the document's own phrase."""
        tk = self.tk
        for j in range(k - 1, max(-1, k - 5), -1):  # "the Russian memorandum", "Kyiv's plan"
            if j in tk.party_adjective or tk.flags[j] & PARTY:
                s = j
                while s > 0 and tk.flags[s - 1] & PARTY and s not in tk.party:
                    s -= 1
                if s in tk.party:
                    return tk.party[s][0]
            if "-" in tk.words[j]:  # "the Polish-drafted plan"
                side = tk.vocab.parties.side(tk.words[j].split("-")[0])
                if side is not None:
                    return side
            if tk.words[j] == "-" and j > 0 and tk.flags[j - 1] & PARTY:
                j -= 1  # "the U.S.-drafted plan" (the hyphen after "U.S." is a token)
                while j > 0 and tk.flags[j - 1] & PARTY and j not in tk.party:
                    j -= 1
                return tk.party[j][0] if j in tk.party else None
            if tk.flags[j] & PUNCT or (tk.flags[j] & DET and tk.low[j] not in ("the", "a", "an")):
                break
            if tk.low[j] in ("the", "a", "an"):
                break
        for j in range(k + 1, min(tk.n - 1, k + 1 + _BY_WINDOW)):  # "drafted by Finnish …"
            if tk.flags[j] & PUNCT:
                break
            if tk.low[j] == "by":
                agent = self.reader.phrase_after(j + 1, min(tk.n - 1, j + 8))
                if agent is None:
                    return None
                for a in range(agent.start, agent.end + 1):
                    if a in tk.party:
                        return tk.party[a][0]
                entry = tk.vocab.speakers.resolve(tk.span_text(agent.start, agent.end))
                if entry is not None and entry.side != "none":
                    return entry.side
                return None
        return None

    def author(self, head: int, start: int) -> str | None:
        """The author party of the document phrase start..head: its own, or, for "the
        memorandum" / "the document", that of the last document named before it."""
        i = bisect_left(self.at, head)
        if i < len(self.at) and self.at[i] == head:
            return self.party[i]
        if self.tk.low[start] not in _BACK or i == 0:
            return None
        return self.party[i - 1]
