"""Who a mention means, within one article: names, pronouns and role nouns.

A first pass registers every person named outside quotation marks, with the
roles and side its title words and appositions give ("Kremlin spokesman Dmitry
Peskov", "Ivan Timofeev, director of programmes at …"). Later mentions resolve
against it: a surname to the full name seen earlier, "he"/"she" to the most
salient compatible person of the nearest sentences (a speaker before a mere
mention, a subject before an object), and a role phrase ("the minister", "the
head of the Russian delegation") to the latest person whose roles cover its
words — or, when the article names them only later or never, to the one
lexicon entry whose role titles do.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import operator
from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from talks.extract.doc_authors import DocumentAuthors
from talks.extract.phrases import Phrase, PhraseReader
from talks.extract.speakers import fold, skeleton
from talks.extract.titles import Title, equivalents, lexicon_titles, rewrite, title_of
from talks.extract.tokens import (
    CAP,
    CUEW,
    DET,
    FINITE,
    GNOUN,
    NAMEISH,
    OUTLET,
    PARTY,
    PNOUN,
    PREPOSITIONS,
    PUNCT,
    RMOD,
    TITLE,
    Tokens,
    _singular,
)
from talks.lexicon import Party, SpeakerEntry

_FEMALE_TITLES = frozenset(
    {"mrs", "ms", "miss", "madam", "lady", "dame", "spokeswoman", "chairwoman", "congresswoman"}
)
_MALE_TITLES = frozenset({"mr", "sir", "lord", "spokesman", "chairman", "congressman"})
_PRONOUN_WINDOW = 5  # sentences searched back for a pronoun's antecedent
# Mentions searched back for the person a role phrase means: far more than any real
# article holds, and a bound on the work of one phrase in one that is all mentions.
ROLE_REACH = 400


_PARTY_WORDS: dict[int, tuple[object, frozenset[str]]] = {}


def _party_words(parties: list[Party]) -> frozenset[str]:
    """Every party name and adjective, folded (once per lexicon)."""
    hit = _PARTY_WORDS.get(id(parties))
    if hit is not None and hit[0] is parties:
        return hit[1]
    words = frozenset(fold(w) for p in parties for w in (*p.adjectives, *p.names))
    if len(_PARTY_WORDS) > 8:
        _PARTY_WORDS.clear()
    _PARTY_WORDS[id(parties)] = (parties, words)
    return words


_SEEDS: dict[tuple[int, dt.date | None], tuple[SpeakerEntry, frozenset[str], tuple[Title, ...]]]
_SEEDS = {}


def _entry_seed(
    entry: SpeakerEntry, published: dt.date | None
) -> tuple[frozenset[str], tuple[Title, ...]]:
    """A lexicon entry's role words and its titles on a date (worked out once: articles
    name the same people over and over)."""
    key = (id(entry), published)
    hit = _SEEDS.get(key)
    if hit is not None and hit[0] is entry:
        return hit[1], hit[2]
    roles: set[str] = set()
    for role in entry.roles:
        roles |= {_singular(fold(w)) for w in role.title.split()}
    titles = tuple(lexicon_titles(entry.roles, published))
    if len(_SEEDS) > 4096:
        _SEEDS.clear()
    _SEEDS[key] = (entry, frozenset(roles), titles)
    return frozenset(roles), titles


@dataclass(eq=False, slots=True)
class Entity:
    """One person or body the article talks about."""

    name: str
    side: str
    kind: str  # person | group
    entry: SpeakerEntry | None = None
    roles: set[str] = field(default_factory=set)
    titles: list[Title] = field(default_factory=list)
    gender: str | None = None
    evidence: bool = False  # known to be a person who can be "he"/"she"


@dataclass(order=True, slots=True)
class _Event:
    pos: int
    sentence: int
    speaker: bool
    entity: Entity = field(compare=False)


_NOBODY = Entity("", "", "")  # the entity of a search probe (events compare without it)


def _same_rank(title: Title, ent: Entity) -> bool:
    """Does one of the entity's titles that `title` fits have no lower rank?"""
    return not ent.titles or any(title.fits(t) and title.same_rank(t) for t in ent.titles)


_SURNAMES: dict[int, tuple[SpeakerEntry, tuple[str, ...]]] = {}


def _surname_keys(entry: SpeakerEntry) -> tuple[str, ...]:
    """The keys a lexicon person's one-word mentions are looked up by: the skeletons
    of the first and the last word of a name of several words (the family name may
    come first: "Wang Yi", "Mao Ning"); worked out once per entry."""
    hit = _SURNAMES.get(id(entry))
    if hit is not None and hit[0] is entry:
        return hit[1]
    keys: tuple[str, ...] = ()
    if entry.kind == "person" and " " in entry.name:
        parts = entry.name.split()
        keys = tuple({skeleton(parts[0]), skeleton(parts[-1])})
    if len(_SURNAMES) > 4096:
        _SURNAMES.clear()
    _SURNAMES[id(entry)] = (entry, keys)  # (the entry is kept alive: its id stays)
    return keys


_EQUIVALENTS: list[tuple[list[str], dict[tuple[str, ...], tuple[str, ...]], frozenset[str]]] = []


def _equivalents_of(
    lines: list[str],
) -> tuple[dict[tuple[str, ...], tuple[str, ...]], frozenset[str]]:
    """`equivalents` of a lexicon's `role_equivalents` list and the first words of its
    set phrases of two or more words (a quick no), worked out once per list, not per
    article (the last list seen is kept, alive, so its id is never reused)."""
    if _EQUIVALENTS and _EQUIVALENTS[0][0] is lines:
        return _EQUIVALENTS[0][1], _EQUIVALENTS[0][2]
    table = equivalents(lines)
    firsts = frozenset(p[0] for p in table if len(p) > 1)
    _EQUIVALENTS[:] = [(lines, table, firsts)]
    return table, firsts


def _sentence_firsts(
    sent: list[int], n: int, sent_bounds: list[tuple[int, int]] | None
) -> list[int]:
    """The tokens where the sentence number `sent` changes, and token 0: read off
    `sent_bounds` when given (each sentence's first token and the first of each run of
    tokens outside sentences), else found in C over every token."""
    if n == 0:
        return []
    if sent_bounds is None:
        firsts = itertools.compress(
            range(1, n), map(operator.ne, itertools.islice(sent, 1, None), sent)
        )
        return [0, *firsts]
    out = [0]
    for a, b in sent_bounds:
        if b < a:
            continue
        if a > 0:
            out.append(a)
        if b + 1 < n and sent[b + 1] < 0:
            out.append(b + 1)
    return out


class Tracker:
    """The entities of one article and the resolution of later mentions."""

    def __init__(
        self,
        tk: Tokens,
        reader: PhraseReader,
        *,
        published: dt.date | None,
        skip: set[int],
        sent_bounds: list[tuple[int, int]] | None = None,
    ) -> None:
        """The entities of `tk`; `sent_bounds` (the token ranges of its sentences, in
        order, as `tk.sentence` numbers them) spares a walk over every token."""
        self.tk = tk
        self.reader = reader
        self.vocab = tk.vocab
        self.published = published
        self.entities: list[Entity] = []
        self._by_entry: dict[str, Entity] = {}
        self._by_key: dict[str, Entity] = {}
        self._by_wording: dict[str, Entity] = {}
        # Mentions by name (all found up front, in text order) and speakers (noted as
        # extraction goes, mostly in text order): two sorted lists, so that noting a
        # speaker appends instead of inserting into one long list (which moved every
        # later mention: quadratic on an article of thousands of attributions).
        self._names: list[_Event] = []
        self._speakers: list[_Event] = []
        self._lexicon_roles: dict[tuple[Title, str | None], SpeakerEntry | None] = {}
        self._generic = tk.vocab.words.get("generic_person_nouns", frozenset())
        self._by_surname: dict[str, list[Entity]] = {}
        self._entry_titles: dict[str, list[Title]] = {}
        self._party_words = _party_words(tk.vocab.lexicon.parties)
        self._equivalents, self._set_firsts = _equivalents_of(
            tk.vocab.lexicon.words.get("role_equivalents", [])
        )
        self._scan(skip, sent_bounds)
        self._documents: DocumentAuthors | None = None

    @property
    def documents(self) -> DocumentAuthors:
        """The article's documents and their authors (read on first use)."""
        if self._documents is None:
            self._documents = DocumentAuthors(self.tk, self.reader)
        return self._documents

    # --- registering -----------------------------------------------------------------

    def _role_words(self, a: int, b: int) -> set[str]:
        tk = self.tk
        out: set[str] = set()
        for k in range(a, b + 1):
            f = tk.flags[k]
            if f & (PNOUN | GNOUN | TITLE | RMOD) and not f & PARTY:
                out.add(_singular(tk.low[k]))
        return out

    def _side_of(self, ranges: list[tuple[int, int]]) -> str | None:
        for a, b in ranges:
            side = self.vocab.parties.side(self.tk.span_text(a, b))
            if side is not None:
                return side
        return None

    def _gender(self, a: int) -> str | None:
        """Gender from a title right before the name at token a ("Mrs. Clinton",
        "spokeswoman Maria Zakharova"); appositions say nothing reliable."""
        tk = self.tk
        k = a - 1
        if k >= 0 and tk.words[k] == ".":
            k -= 1
        if k < 0:
            return None
        low = tk.low[k]
        return "f" if low in _FEMALE_TITLES else "m" if low in _MALE_TITLES else None

    def entity_for_name(
        self,
        name: tuple[int, int],
        roles: list[tuple[int, int]],
        *,
        create: bool,
        titled: bool,
        pos: int | None = None,
    ) -> Entity | None:
        """The entity a name means; a new one when `create` and the name looks personal."""
        tk = self.tk
        a, b = name
        text = tk.span_text(a, b)
        if tk.poss[b]:
            text = text[: len(text) - 2]
        words = text.split()
        # "Mrs. Trump" is not the Trump of the lexicon: a woman's title with a bare
        # surname names someone else of that name
        gender = self._gender(a)
        female = len(words) == 1 and gender == "f"
        entry = None if female else self.vocab.speakers.resolve(text)
        if entry is not None:
            ent = self._by_entry.get(entry.name)
            if ent is None:
                ent = self._lexicon_entity(entry)
                ent.evidence = entry.kind == "person"
            self._enrich(ent, roles)
            ent.gender = ent.gender or gender
            return ent
        key = skeleton(words[-1]) if words else ""
        if not key:
            return None
        ent = self._by_key.get(key)
        if ent is None and len(words) == 1 and not female:
            # "Wang" after "Foreign Minister Wang Yi": a surname the lexicon shares
            # between two people names the one this article has named
            ent = self._surname(key, pos)
            if ent is not None:
                self._enrich(ent, roles)
                return ent
        if female and ent is not None and ent.gender == "m":
            key = "f:" + key
            ent = self._by_key.get(key)
        if ent is not None:
            if len(words) > len(ent.name.split()) and ent.entry is None:
                ent.name = text
            ent.evidence = True
            self._enrich(ent, roles)
            ent.gender = ent.gender or gender
            return ent
        if not create:
            return None
        if not (titled or roles or len(words) >= 2):
            return None
        org_words = self.vocab.words["org_words"]
        for k in range(a, b + 1):
            if tk.flags[k] & (OUTLET | PARTY) or tk.low[k] in org_words:
                return None  # an organisation's name, not a person's
        ent = Entity(text, "none", "person", gender=gender)
        ent.evidence = titled or bool(roles)
        self._by_key[key] = ent
        self.entities.append(ent)
        self._enrich(ent, roles)
        return ent

    def _lexicon_entity(self, entry: SpeakerEntry) -> Entity:
        """A new entity for a lexicon entry, with its titles on the article's date."""
        ent = Entity(entry.name, entry.side, entry.kind, entry)
        roles, titles = _entry_seed(entry, self.published)
        ent.roles = set(roles)
        ent.titles = list(titles)
        self._by_entry[entry.name] = ent
        self.entities.append(ent)
        for key in _surname_keys(entry):
            self._by_surname.setdefault(key, []).append(ent)
        return ent

    def _surname(self, key: str, pos: int | None) -> Entity | None:
        """The lexicon person this article names with that one word: the only one, or
        of several ("Wang Yi", "Wang Wenbin") the one named last before `pos`."""
        cands = self._by_surname.get(key, [])
        if len(cands) == 1:
            return cands[0]
        if pos is None or not cands:
            return None
        for ev in self._before(pos):
            if any(ev.entity is c for c in cands):
                return ev.entity
        return None

    def _title_words(self, a: int, b: int) -> list[str] | None:
        """The title words of tokens a..b in order, prepositions kept (for the head),
        party words and articles left out; None when another word stands there."""
        tk = self.tk
        out: list[str] = []
        k = a - 1
        while k < b:
            k += 1
            f = tk.flags[k]
            low = tk.low[k]
            phrase = self._set_phrase_at(k, b)
            if phrase:  # "President of the Republic": a set phrase, whatever its words
                out.extend(phrase)
                k += len(phrase) - 1
                continue
            if f & (PUNCT | DET | PARTY) or low in ("the", "a", "an"):
                continue
            if low in PREPOSITIONS or f & (PNOUN | GNOUN | TITLE | RMOD):
                out.append(low)
            else:
                return None
        return out

    def _set_phrase_at(self, k: int, b: int) -> tuple[str, ...]:
        """The `role_equivalents` set phrase of two or more words starting at token k and
        ending by token b, or ()."""
        if self.tk.low[k] not in self._set_firsts:
            return ()
        for phrase in self._equivalents:
            n = len(phrase)
            if n > 1 and k + n - 1 <= b and tuple(self.tk.low[k : k + n]) == phrase:
                return phrase
        return ()

    def _enrich(self, ent: Entity, roles: list[tuple[int, int]]) -> None:
        if not roles:
            return
        for a, b in roles:
            ent.roles |= self._role_words(a, b)
            words = self._title_words(a, b)
            title = title_of(rewrite(words, self._equivalents)) if words else None
            if title is not None and title not in ent.titles:
                ent.titles.append(title)
        if ent.entry is None and ent.side == "none":
            ent.side = self._side_of(roles) or "none"
        ent.evidence = True

    def _premods(self, a: int) -> int:
        """Start of the title words standing before a name at token a."""
        tk = self.tk
        k = a - 1
        start = a
        while k >= 0 and tk.sentence[k] == tk.sentence[a]:  # (not the line above's words)
            f = tk.flags[k]
            if tk.words[k] == "." and k > 0 and tk.flags[k - 1] & TITLE:
                k -= 1
                continue
            if (f & (TITLE | PNOUN | RMOD | PARTY) and not f & PUNCT and not tk.poss[k]) or (
                f & PARTY and tk.poss[k]
            ):
                start = k
                k -= 1
                continue
            break
        return start

    def _scan(self, skip: set[int], sent_bounds: list[tuple[int, int]] | None) -> None:
        tk, reader = self.tk, self.reader
        n, quote, sentence, titled = tk.n, tk.quote, tk.sentence, tk.titled
        words, low, flags, poss, starts = tk.words, tk.low, tk.flags, tk.poss, tk.starts
        nameish, particles, names = reader.nameish, reader.particles, self._names
        # (the name-like words, found in C: a Python test of every word cost more)
        candidates = list(
            itertools.compress(range(n), map(operator.and_, flags, itertools.repeat(NAMEISH)))
        )
        done = -1
        for i in candidates:
            if i <= done or quote[i] >= 0 or i in skip or sentence[i] in titled:
                continue
            j = i
            while (
                j + 1 < n
                and quote[j + 1] < 0
                and not poss[j]
                and (
                    nameish(j + 1)
                    or (words[j + 1] == "." and tk.initial(j))
                    or (low[j + 1] in particles and nameish(j + 2))
                )
            ):
                j += 1
            while j > i and words[j] == ".":
                j -= 1
            roles: list[tuple[int, int]] = []
            p = self._premods(i)
            if p < i:
                roles.append((p, i - 1))
            elif i >= 2 and words[i - 1] == ",":
                q = reader.core_before(i - 2, max(0, i - 14))
                if q is not None and q.kind == "person" and not q.plural:
                    roles.append((q.start, q.end))
            if j + 2 < n and words[j + 1] == ",":
                e = j + 2
                while e < n and e < j + 22 and not flags[e] & (PUNCT | FINITE | CUEW):
                    e += 1
                if (
                    e < n
                    and words[e] in (",", ".")
                    and reader.role_like(j + 2, e - 1)
                    and (
                        not flags[j + 2] & CAP
                        or flags[j + 2] & (TITLE | PNOUN | RMOD | PARTY | DET)
                    )
                ):
                    roles.append((j + 2, e - 1))
            titled_name = p < i and any(flags[k] & (TITLE | PNOUN) for k in range(p, i))
            ent = self.entity_for_name(
                (i, j), roles, create=True, titled=titled_name, pos=starts[i]
            )
            if ent is not None:
                names.append(_Event(starts[i], sentence[i], False, ent))
            done = j
        self._role_subjects(skip, sent_bounds)

    def _role_subjects(self, skip: set[int], sent_bounds: list[tuple[int, int]] | None) -> None:
        """A definite role phrase opening a sentence ("Then the president went on Truth
        Social.") mentions the person it resolves to: "he" in the next sentence may mean
        them. (Names are registered first, so a role resolves to a name before it.)"""
        tk, reader = self.tk, self.reader
        openers = self.vocab.words.get("not_names", frozenset())
        sent = tk.sentence
        for k in _sentence_firsts(sent, tk.n, sent_bounds):
            if k in skip or tk.quote[k] >= 0:
                continue
            a = k + 1 if tk.low[k] in openers and tk.low[k] != "the" else k
            if a >= tk.n or tk.low[a] != "the" or tk.sentence[a] != tk.sentence[k]:
                continue
            p = reader.phrase_after(a, min(tk.n - 1, a + 8))
            if p is None or p.kind != "person" or p.plural or p.end + 1 >= tk.n:
                continue
            if not tk.flags[p.end + 1] & FINITE and not tk.low[p.end + 1].endswith("ed"):
                continue  # the subject of a verb, not "The president's plan …"
            ent = self.role(p, tk.starts[p.start])
            if ent is not None:
                insort(self._names, _Event(tk.starts[p.start], tk.sentence[k], False, ent))

    # --- resolving ---------------------------------------------------------------------

    def note_speaker(self, ent: Entity, pos: int, sentence: int) -> None:
        """Record that `ent` speaks at `pos`: speakers are the likeliest antecedents."""
        ent.evidence = ent.evidence or ent.kind == "person"
        event = _Event(pos, sentence, True, ent)
        if not self._speakers or not event < self._speakers[-1]:
            self._speakers.append(event)
        else:
            insort(self._speakers, event)

    def _before(self, pos: int) -> Iterator[_Event]:
        """The events before offset `pos`, latest first."""
        probe = _Event(pos, -1, False, _NOBODY)
        names, speakers = self._names, self._speakers
        a, b = bisect_left(names, probe), bisect_left(speakers, probe)
        return heapq.merge(
            (names[k] for k in range(a - 1, -1, -1)),
            (speakers[k] for k in range(b - 1, -1, -1)),
            reverse=True,
        )

    def _after(self, pos: int) -> Iterator[_Event]:
        """The events from offset `pos` on, in text order."""
        probe = _Event(pos, -1, False, _NOBODY)
        names, speakers = self._names, self._speakers
        a, b = bisect_left(names, probe), bisect_left(speakers, probe)
        return heapq.merge(
            (names[k] for k in range(a, len(names))), (speakers[k] for k in range(b, len(speakers)))
        )

    def pronoun(
        self, word: str, pos: int, sentence: int, *, side: str | None = None
    ) -> Entity | None:
        """The antecedent of a personal pronoun at `pos` (or of a generic description
        such as "the diplomat": `word` "person", `side` when the phrase names one)."""
        low = word.lower()
        low = {"him": "he", "his": "he", "her": "she", "them": "they", "their": "they"}.get(
            low, low
        )  # ("according to him", "according to his words")
        if low in ("they", "it"):
            want = "group"
        elif low in ("he", "she", "who", "person"):
            want = "person"
        else:
            return None
        gender = "m" if low == "he" else "f" if low == "she" else None
        k = self.tk.index(pos) - 1
        # "…, he said" / "…, the Kremlin aide added": the people named in the clause it
        # closes are what is reported, not who reports it
        trailing = (k >= 0 and self.tk.words[k] == ",") or (
            k > 0 and self.tk.low[k] == "the" and self.tk.words[k - 1] == ","
        )
        by_sentence: list[_Event] = []
        current = sentence
        for ev in self._before(pos):
            if ev.sentence < sentence - _PRONOUN_WINDOW:
                break
            if ev.sentence != current:
                hit = self._pick(by_sentence)
                if hit is not None:
                    return hit
                by_sentence = []
                current = ev.sentence
            ent = ev.entity
            ok = (
                ent.kind == want
                and (want == "group" or ent.evidence)
                and (gender is None or ent.gender in (None, gender))
                and (side is None or ent.side == side)
                and not (
                    ev.sentence == sentence
                    and not ev.speaker
                    and ((trailing and self._unquoted_between(ev.pos, k)) or self._in_pp(ev.pos))
                )
            )
            if ok:
                by_sentence.append(ev)
        return self._pick(by_sentence)

    def _unquoted_between(self, pos: int, k: int) -> bool:
        """No quotation between offset `pos` and token k: a mention in the clause a
        trailing attribution closes (not one before a quotation a missed sentence
        break joined to it: "Kallas spoke. « … », she told journalists")."""
        quote = self.tk.quote
        return all(quote[j] < 0 for j in range(self.tk.index(pos), k))

    def _in_pp(self, pos: int) -> bool:
        """A mention after a preposition ("Writing on Truth Social, he said", "After
        talks with Putin, he said") is no antecedent of a pronoun later in its sentence."""
        k = self.tk.index(pos) - 1
        while k >= 0 and self.tk.flags[k] & (TITLE | PNOUN | RMOD) and not self.tk.flags[k] & PUNCT:
            k -= 1  # "with President Putin"
        return k >= 0 and self.tk.low[k] in PREPOSITIONS and self.tk.low[k] != "to"

    @staticmethod
    def _pick(events: list[_Event]) -> Entity | None:
        """In one sentence (events latest first): its last speaker, else its first mention."""
        if not events:
            return None
        for ev in events:
            if ev.speaker:
                return ev.entity
        return events[-1].entity

    def role(self, phrase: Phrase, pos: int) -> Entity | None:
        """The person a role phrase ("the minister", "the Kremlin spokesman") means;
        None for an indefinite one ("a spokeswoman" introduces someone new).

        A person named earlier whose title fits (same head, every word, current or
        former alike; see `titles`), else one named within the next two sentences
        whose title has the same head ("Estonia's deputy foreign minister said …
        Deputy Minister Mart Kask said"), else the one lexicon entry holding such a
        title on the article's date."""
        tk = self.tk
        if tk.low[phrase.start] in ("a", "an"):
            return None
        raw = self._title_words(phrase.start, phrase.end)
        if not raw:
            return None
        raw = self._with_set_phrase(raw, phrase.end)
        words = {_singular(w) for w in raw if w not in PREPOSITIONS}
        title = title_of(rewrite(raw, self._equivalents))
        if title is None:
            return None
        side = self.vocab.parties.side(tk.span_text(phrase.start, phrase.end))
        sentence = tk.sentence[phrase.start]
        # the person of the latest sentence before it whose title fits; of several in
        # that sentence, as for "he", its speaker, else the first named ("a Trump-Putin
        # summit was shelved, with the president saying …": Trump)
        # A holder of the very rank, named as a subject rather than after a preposition,
        # comes first: "the president" is the president named a while ago rather than the
        # vice president named just now; then any holder.
        for strict in (True, False):
            found: list[_Event] = []
            fits: dict[int, bool] = {}  # by entity: most events are of a few people
            for ev in islice(self._before(pos), ROLE_REACH):
                if found and ev.sentence != found[0].sentence:
                    break
                ent = ev.entity
                fit = fits.get(id(ent))
                if fit is None:
                    fit = fits[id(ent)] = (
                        ent.kind == "person"
                        and (side is None or ent.side in (side, "none"))
                        and self._fits(title, words, ent)
                        and (not strict or _same_rank(title, ent))
                    )
                # (the fit, kept per entity, is asked first: the preposition test looks
                # at the tokens of each event, and most events do not fit)
                if fit and not (strict and not ev.speaker and self._in_pp(ev.pos)):
                    found.append(ev)  # "talked about diplomacy with Putin": no antecedent first
            before = self._pick(found)
            if before is not None:
                return before
        # else the first one named within the next two sentences with that title's head
        for ev in self._after(pos + 1):
            if ev.sentence > sentence + 2:
                break
            ent = ev.entity
            if ent.kind != "person" or (side is not None and ent.side not in (side, "none")):
                continue
            if any(t.head == title.head and t.former == title.former for t in ent.titles):
                return ent
        if words <= self._generic:
            # "the diplomat", "the Ukrainian representative": the person the text is about
            if tk.low[phrase.start] != "the":
                return None
            return self.pronoun("person", pos, sentence, side=side)
        if side is None and len(words) < 2:
            return None  # "the head", "the president": the lexicon holds too many
        return self._lexicon_role(title, side)

    def _with_set_phrase(self, raw: list[str], end: int) -> list[str]:
        """The title words extended by the words after the phrase when they complete a
        set phrase ("the head" + "of state")."""
        tk = self.tk
        for n in (2, 3):
            if end + n >= tk.n:
                break
            ext = raw + [tk.low[k] for k in range(end + 1, end + 1 + n)]
            for phrase in self._equivalents:
                if tuple(ext[-len(phrase) :]) == phrase:
                    return ext
        return raw

    @staticmethod
    def _fits(title: Title, words: set[str], ent: Entity) -> bool:
        if ent.titles:
            return any(title.fits(t) for t in ent.titles)
        return not title.former and words <= ent.roles  # known only by a description

    def _lexicon_role(self, title: Title, side: str | None) -> Entity | None:
        key = (title, side)
        if key not in self._lexicon_roles:  # an article repeats its role phrases
            self._lexicon_roles[key] = self._lexicon_entry(title, side)
        entry = self._lexicon_roles[key]
        if entry is None:
            return None
        ent = self._by_entry.get(entry.name)
        if ent is None:
            ent = self._lexicon_entity(entry)
            ent.evidence = True
        return ent

    def _lexicon_entry(self, title: Title, side: str | None) -> SpeakerEntry | None:
        """The one lexicon person holding `title` (on `side`) on the article's date."""
        hits: list[tuple[int, SpeakerEntry]] = []
        for entry in self.vocab.speakers.entries:
            if entry.kind != "person" or (side is not None and entry.side != side):
                continue
            if title.former and self.published is None:
                continue  # "former" needs the article's date
            titles = self._entry_titles.get(entry.name)
            if titles is None:
                titles = self._entry_titles[entry.name] = lexicon_titles(
                    entry.roles, self.published
                )
            extra = [
                len(t.words - title.words - self._party_words) for t in titles if title.fits(t)
            ]
            if extra:
                hits.append((min(extra), entry))
        if not hits:
            return None
        # the title the phrase spells out in full beats longer ones ("the Ukrainian foreign
        # minister" is the minister, not the first deputy foreign minister)
        least = min(n for n, _ in hits)
        best = [e for n, e in hits if n == least]
        return best[0] if len(best) == 1 else None

    def unnamed(self, wording: str, side: str, kind: str, roles: set[str]) -> Entity:
        """An entity known only by a description ("Kremlin representative")."""
        key = fold(wording)
        ent = self._by_wording.get(key)
        if ent is None:
            ent = Entity(wording, side, kind, roles=set(roles))
            self._by_wording[key] = ent
            self.entities.append(ent)
        return ent

    def latest_person(self, pos: int) -> Entity | None:
        """The person named or speaking last before offset `pos`."""
        for ev in islice(self._before(pos), 50):
            if ev.entity.kind == "person":
                return ev.entity
        return None

    def people_between(self, start: int, end: int) -> list[Entity]:
        """Persons mentioned by name between two offsets."""
        return [e for _, e in self.people_at(start, end)]

    def people_at(self, start: int, end: int) -> list[tuple[int, Entity]]:
        """Persons mentioned by name between two offsets, with each mention's offset."""
        names = self._names  # mentions, not speakers
        out = []
        for k in range(bisect_left(names, _Event(start, -1, False, _NOBODY)), len(names)):
            ev = names[k]
            if ev.pos >= end:
                break
            if ev.entity.kind == "person":
                out.append((ev.pos, ev.entity))
        return out
