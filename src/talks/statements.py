"""Statements: the same words of one speaker, however many articles reported them.

A quote syndicated by three outlets is stored three times (once per article);
this module groups such copies into one `Statement` with three reports, and
counts the independent articles behind each position.

How quotes are grouped (computed at query time, so it always matches the store):

- Block by speaker: only quotes of the same canonical speaker can be one statement.
- Normalise the wording: case folded, curly quotes and dashes unified, punctuation
  dropped, whitespace collapsed. Formatting differences between outlets vanish.
- Within a block, quotes are taken longest first, so the fullest wording of a
  statement becomes its representative and every later quote is compared with a
  text at least as long as itself.
- Candidates come from an inverted index of word 3-gram shingles (shingle ->
  statements holding it); a quote is compared only with the few statements that
  share the most shingles with it, never with every statement of the speaker.
  Shingles held by very many statements (stock phrases) are not used for lookup,
  and a candidate must hold at least half of the quote's shingles. A quote of five
  words or more whose every shingle a statement already holds joins it at once.
  Cost is linear in the number of quotes times their length.
- The check is rapidfuzz's `partial_ratio` (best-aligned substring similarity,
  C++): a trimmed report ("...peace as soon as possible"), a report joining two
  sentences, and small edits (spelling, one changed word, punctuation) all score
  high against the fullest wording. Short quotes (fewer than five words) must
  match the whole representative (`ratio`), since a short phrase inside a long
  statement is no evidence that both are the same statement.

The library: rapidfuzz was already a dependency (speaker names) and its
`partial_ratio` is the alignment this needs; MinHash/LSH (datasketch) would only
replace the candidate step, which the exact shingle index already keeps linear
on a speaker's quotes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple, Protocol, TypeVar

from rapidfuzz import fuzz

from talks.models import Article, Position, Quote, Statement, StatementSource

SHINGLE = 3  # words per shingle
CANDIDATES = 5  # statements compared per quote, best shingle overlap first
STOCK = 64  # a shingle held by more statements than this is not used for lookup
MIN_PARTIAL_WORDS = 5  # shorter quotes must match the whole representative
THRESHOLD = 90  # rapidfuzz score (0-100) for "the same words"
MIN_SHARED = 0.5  # share of a quote's shingles a candidate statement must hold

_FOLD = str.maketrans({"‘": "'", "’": "'", "‛": "'", "`": "'", "´": "'"})
_WORD = re.compile(r"\w+(?:'\w+)*")


def normalise(text: str) -> str:
    """The wording with case, quote marks, punctuation and spacing folded away."""
    return " ".join(_WORD.findall(text.casefold().translate(_FOLD)))


def _shingles(words: Sequence[str]) -> set[str]:
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def same_words(short: str, long: str) -> bool:
    """True when normalised `short` reports the same words as normalised `long`
    (`long` is at least as long): trimmed, joined or slightly edited."""
    if not short or not long:
        return short == long
    if short.count(" ") + 1 < MIN_PARTIAL_WORDS:
        return bool(fuzz.ratio(short, long, score_cutoff=THRESHOLD))
    return bool(fuzz.partial_ratio(short, long, score_cutoff=THRESHOLD))


class Wording(Protocol):
    """What grouping needs of a quote (a `Quote`, or a light row from the store)."""

    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...


W = TypeVar("W", bound=Wording)


def _group_block(quotes: Sequence[W]) -> list[list[W]]:
    """Group one speaker's quotes; each group's first quote is its fullest wording.

    Exact copies (the same normalised wording) join their group through a dict;
    only the other quotes go through the shingle index and rapidfuzz."""
    keyed = sorted(((normalise(q.text), q) for q in quotes), key=lambda t: (-len(t[0]), t[1].id))
    groups: list[list[W]] = []
    reps: list[str] = []
    exact: dict[str, int] = {}
    index: dict[str, list[int]] = defaultdict(list)
    for norm, q in keyed:
        home = exact.get(norm)
        if home is not None:
            groups[home].append(q)
            continue
        shingles = _shingles(norm.split())
        overlap: dict[int, int] = {}
        for sh in shingles:
            holders = index.get(sh)
            if holders and len(holders) <= STOCK:
                for g in holders:
                    overlap[g] = overlap.get(g, 0) + 1
        # A copy shares a good part of its shingles with the fullest wording (one
        # edited word breaks at most three); candidates sharing fewer are skipped
        # without the costlier alignment.
        need = max(1, int(len(shingles) * MIN_SHARED))
        best = sorted((g for g in overlap if overlap[g] >= need), key=lambda g: (-overlap[g], g))
        best = best[:CANDIDATES]
        if best and overlap[best[0]] == len(shingles) and len(shingles) + 2 >= MIN_PARTIAL_WORDS:
            home = best[0]  # every 3-gram of the quote is already in that statement's reports
        else:
            home = next((g for g in best if same_words(norm, reps[g])), None)
        if home is None:
            home = len(groups)
            groups.append([])
            reps.append(norm)
        groups[home].append(q)
        exact[norm] = home
        for sh in shingles:
            holders = index[sh]
            if not holders or holders[-1] != home:
                holders.append(home)
    return groups


def _statement(members: Sequence[Quote], articles: Mapping[str, Article]) -> Statement:
    rep = members[0]
    sources = []
    for q in members:
        a = articles.get(q.article_id)
        sources.append(
            StatementSource(
                quote_id=q.id,
                article_id=q.article_id,
                article=q.article,
                title=a.title if a else None,
                outlet=a.outlet if a else None,
                url=a.url if a else None,
                published=a.published if a else None,
                date=q.date,
                text=q.text,
            )
        )
    sources.sort(key=lambda s: (s.published is None, s.published or dt.date.min, s.article))
    outlets: dict[str, None] = {}
    for s in sources:
        if s.outlet:
            outlets.setdefault(s.outlet, None)
    published = [s.published for s in sources if s.published is not None]
    dates = [s.date for s in sources if s.date is not None]
    topics: dict[str, None] = {}
    for q in members:
        for t in q.topics:
            topics.setdefault(t, None)
    key = f"{rep.speaker}\x1f{normalise(rep.text)}"
    return Statement(
        id="s" + hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest(),
        speaker=rep.speaker,
        side=rep.side,
        kind=rep.kind,
        text=rep.text,
        reports=len({q.article_id for q in members}),
        outlets=tuple(outlets),
        first_seen=min(published) if published else None,
        date=min(dates) if dates else None,
        topics=tuple(topics),
        sources=tuple(sources),
    )


def _order(s: Statement) -> tuple[bool, dt.date, str, str]:
    when = s.first_seen or s.date
    return (when is None, when or dt.date.min, s.speaker, s.id)


def group(quotes: Iterable[Quote], articles: Mapping[str, Article]) -> list[Statement]:
    """Group quotes into statements (see the module docstring), in first-seen order.

    `articles` maps article id to its article (text not needed) for outlets and dates.
    """
    blocks: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        blocks[q.speaker].append(q)
    out = [
        _statement(members, articles)
        for speaker in sorted(blocks)
        for members in _group_block(blocks[speaker])
    ]
    return sorted(out, key=_order)


def containing(statements: Iterable[Statement], quote_ids: Iterable[str]) -> list[Statement]:
    """The statements with at least one report among `quote_ids` (order kept)."""
    wanted = set(quote_ids)
    return [s for s in statements if any(src.quote_id in wanted for src in s.sources)]


def count_by_speaker(rows: Iterable[tuple[str, str, str]]) -> dict[str, int]:
    """Number of statements per speaker from light (id, speaker, text) rows: the
    same grouping as `group`, without building the statements."""
    blocks: dict[str, list[_Row]] = defaultdict(list)
    for qid, speaker, text in rows:
        blocks[speaker].append(_Row(qid, text))
    return {speaker: len(_group_block(block)) for speaker, block in blocks.items()}


def count_statements(quotes: Sequence[tuple[str, str]]) -> int:
    """Number of statements among one speaker's (id, text) quotes: the same grouping
    as `group`, without building the statements."""
    return len(_group_block([_Row(qid, text) for qid, text in quotes]))


class _Row(NamedTuple):
    id: str
    text: str


def position_reports(positions: Iterable[Position]) -> dict[str, int]:
    """Per position id: the number of distinct articles stating the same (actor,
    topic, stance, date). An undated position counts its own article only: two
    undated claims cannot be shown to be about the same moment."""
    pool = list(positions)
    seen: dict[tuple[str, str, str, dt.date], set[str]] = defaultdict(set)
    for p in pool:
        if p.date is not None:
            seen[(p.actor, p.topic, p.stance, p.date)].add(p.article_id)
    return {
        p.id: 1 if p.date is None else len(seen[(p.actor, p.topic, p.stance, p.date)]) for p in pool
    }
