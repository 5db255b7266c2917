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
  Shingles held by very many statements (stock phrases) are not used for lookup.
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
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from talks.models import Article, Position, Quote, Statement, StatementSource

SHINGLE = 3  # words per shingle
CANDIDATES = 5  # statements compared per quote, best shingle overlap first
STOCK = 64  # a shingle held by more statements than this is not used for lookup
MIN_PARTIAL_WORDS = 5  # shorter quotes must match the whole representative
THRESHOLD = 90  # rapidfuzz score (0-100) for "the same words"

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
        return bool(fuzz.ratio(short, long) >= THRESHOLD)
    return bool(fuzz.partial_ratio(short, long) >= THRESHOLD)


@dataclass
class _Group:
    norm: str
    quotes: list[Quote] = field(default_factory=list)


def _group_block(quotes: Sequence[Quote]) -> list[list[Quote]]:
    """Group one speaker's quotes; each group's first quote is its fullest wording."""
    keyed = sorted(((normalise(q.text), q) for q in quotes), key=lambda t: (-len(t[0]), t[1].id))
    groups: list[_Group] = []
    index: dict[str, list[int]] = defaultdict(list)
    for norm, q in keyed:
        shingles = _shingles(norm.split())
        overlap: Counter[int] = Counter()
        for sh in shingles:
            holders = index.get(sh)
            if holders and len(holders) <= STOCK:
                overlap.update(holders)
        home = next(
            (g for g, _ in overlap.most_common(CANDIDATES) if same_words(norm, groups[g].norm)),
            None,
        )
        if home is None:
            home = len(groups)
            groups.append(_Group(norm))
        groups[home].quotes.append(q)
        for sh in shingles:
            holders = index[sh]
            if not holders or holders[-1] != home:
                holders.append(home)
    return [g.quotes for g in groups]


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


def counts_by_speaker(statements: Iterable[Statement]) -> dict[str, int]:
    """Number of statements per speaker."""
    return dict(Counter(s.speaker for s in statements))


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
