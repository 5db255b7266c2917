"""Who wrote the documents an article quotes: "the Russian memorandum", "Kyiv's plan",
"a plan drafted by Finnish diplomats", and later "the memorandum" / "the document",
which refer back to the last document named with its author.

GUIDELINES: a quote of a document ("the memorandum says …") is annotated with the
document's author party as speaker when the article names it. The table is read
once per article from the document nouns (`document_subjects`) outside quotation
marks: a party word before the noun in its phrase, or a by-phrase after it.

A joint document ("a joint U.S.-Ukrainian statement", "a joint statement issued by
the State Department") has several authors: the parties its phrase names; when it
names only one (often the publisher: "issued by the State Department"), made up
to two from the parties the headline and lead name most (a joint statement is
the talks' own: its parties are what the story is about). None named: no
authors, nobody is made up. "The statement" / "the declaration" after it refer back to it.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress

from talks.extract.phrases import PhraseReader
from talks.extract.tokens import CAP, DET, PARTY, PUNCT, Tokens

_BACK = frozenset("the this that said".split())  # "the document", "this plan": refers back
_BY_WINDOW = 3  # words between the noun and "by" ("the plan drafted by", "handed over by")
JOINT_DOCUMENTS = frozenset("statement communique communiqué declaration readout".split())
_JOINT_REACH = 5  # words between "joint" and its noun ("a joint U.S.-Ukrainian statement")
_AGENT_WORDS = frozenset(("by", "from", "of"))
_AFTER_AGENT = frozenset("after on in at late early following".split())
_LEAD_LINES = 2  # the headline and the lead: where a story names its parties
_LEAD_MIN_WORDS = 4  # shorter lines are breadcrumbs and labels


class DocumentAuthors:
    """The documents of one article, each with its author party (or None)."""

    def __init__(self, tk: Tokens, reader: PhraseReader) -> None:
        self.tk = tk
        self.reader = reader
        nouns = tk.vocab.words.get("document_subjects", frozenset())
        self.at: list[int] = []  # token of each document noun with a known author
        self.party: list[str] = []
        # the tokens either loop below reads, found in one pass in C
        low = tk.low
        words = list(compress(range(tk.n), map((nouns | JOINT_DOCUMENTS).__contains__, low)))
        for k in words:
            lw = low[k]
            if lw in nouns and tk.quote[k] < 0 and not tk.flags[k] & CAP:
                party = self._own(k)
                if party is not None:
                    self.at.append(k)
                    self.party.append(party)
        # joint documents and the mentions that refer back to them: token -> authors
        self.joint_at: list[int] = []
        self.joint: list[tuple[str, ...]] = []
        last: dict[str, tuple[str, ...]] = {}  # by noun: the authors "the <noun>" means
        lead: list[str] | None = None
        for k in words:
            lw = low[k]
            if tk.quote[k] >= 0:
                continue
            if self._is_joint(k) and lw in last and self._definite(k):
                pass  # "the joint statement" again: the one named before
            elif self._is_joint(k):
                authors, open_ended = self._joint_parties(k)
                if 1 <= len(authors) < 2 and open_ended:  # (none known: nobody made up)
                    lead = self._lead_parties() if lead is None else lead
                    authors += [n for n in lead if n not in authors][: 2 - len(authors)]
                last[lw] = tuple(authors)
            elif not (k > 0 and tk.low[k - 1] in _BACK):
                last[lw] = ()  # a new statement: "the statement" now means this one
            if last.get(lw):
                self.joint_at.append(k)
                self.joint.append(last[lw])

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

    def _definite(self, k: int) -> bool:
        """Does the phrase of the document noun at token k open with "the"/"this"?"""
        tk = self.tk
        j = k - 1
        while j > 0 and tk.low[j] != "joint":
            j -= 1
        return j > 0 and tk.low[j - 1] in _BACK

    def _is_joint(self, k: int) -> bool:
        tk = self.tk
        for j in range(k - 1, max(-1, k - 1 - _JOINT_REACH), -1):
            if tk.low[j] == "joint":
                return True
            if tk.flags[j] & PUNCT and tk.words[j] not in ("-", "."):
                return False
        return False

    def _joint_parties(self, k: int) -> tuple[list[str], bool]:
        """The parties named in a joint document's phrase ending at token k or in its
        agent after it, and whether the authors may be made up from the lead: not when
        an agent names them ("a joint statement from the two agencies", "… by the U.S.
        and Ukrainian delegations"), only when there is none or a publisher ("issued
        by the State Department")."""
        tk = self.tk
        out: list[str] = []
        a = k
        while a > 0 and tk.low[a - 1] != "joint":
            a -= 1
        end = k
        j = k + 1
        while j < min(tk.n, k + 2 + _BY_WINDOW) and tk.low[j] not in _AGENT_WORDS:
            if tk.flags[j] & PUNCT:
                break
            j += 1
        open_ended = True
        if j < tk.n and tk.low[j] in _AGENT_WORDS:
            if j == k + 1:
                open_ended = False  # "a joint statement by/from/of …": its authors
            elif tk.low[j] != "by":
                return self._parties_in(a, end), True  # "issued from Geneva"
            agent = self.reader.phrase_after(j + 1, min(tk.n - 1, j + 10))
            end = j
            while end + 1 < tk.n and not tk.flags[end + 1] & PUNCT and end < j + 10:
                end += 1
                if tk.low[end] in _AFTER_AGENT:
                    end -= 1
                    break
            if agent is not None and not any(x in tk.party for x in range(agent.start, end + 1)):
                entry = tk.vocab.speakers.resolve(tk.span_text(agent.start, agent.end))
                if entry is not None and entry.side != "none":
                    out.append(entry.side)
        for name in self._parties_in(a, end):
            if name not in out:
                out.append(name)
        return out, open_ended

    def _parties_in(self, a: int, b: int) -> list[str]:
        """The parties named in tokens a..b, in order ("Polish-Finnish" gives two)."""
        tk = self.tk
        out: list[str] = []
        for x in range(a, b + 1):
            names = [tk.party[x][0]] if x in tk.party else []
            if not names and "-" in tk.words[x]:
                names = [s for p in tk.words[x].split("-") if p and (s := tk.vocab.parties.side(p))]
            out += [n for n in names if n not in out]
        return out

    def _lead_parties(self) -> list[str]:
        """The parties the headline and lead name, most often named first."""
        tk = self.tk
        ends: list[int] = []
        pos = 0
        for line in tk.text.split("\n"):
            if len(line.split()) >= _LEAD_MIN_WORDS:
                ends.append(pos + len(line))
                if len(ends) == _LEAD_LINES:
                    break
            pos += len(line) + 1
        limit = ends[-1] if ends else 0
        count: dict[str, int] = {}
        first: dict[str, int] = {}
        for x, (name, _) in sorted(tk.party.items()):
            if tk.starts[x] >= limit:
                break
            count[name] = count.get(name, 0) + 1
            first.setdefault(name, x)
        return sorted(count, key=lambda n: (-count[n], first[n]))

    def joint_authors(self, head: int, start: int) -> tuple[str, ...]:
        """The authors of the joint document whose noun is token `head` (also when
        "the statement" there refers back to one); () for any other phrase."""
        i = bisect_left(self.joint_at, head)
        if i < len(self.joint_at) and self.joint_at[i] == head:
            return self.joint[i]
        return ()

    def joint_in(self, lo: int, hi: int) -> tuple[str, ...]:
        """The authors of the first joint document named in tokens lo..hi."""
        i = bisect_left(self.joint_at, lo)
        if i < len(self.joint_at) and self.joint_at[i] <= hi and self._is_joint(self.joint_at[i]):
            return self.joint[i]
        return ()

    def author(self, head: int, start: int) -> str | None:
        """The author party of the document phrase start..head: its own, or, for "the
        memorandum" / "the document", that of the last document named before it."""
        i = bisect_left(self.at, head)
        if i < len(self.at) and self.at[i] == head:
            return self.party[i]
        if self.tk.low[start] not in _BACK or i == 0:
            return None
        return self.party[i - 1]
