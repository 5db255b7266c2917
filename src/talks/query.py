"""Questions asked of the store that need more than one SQL query: speaker lookup
by any spelling, speaker listings that join what was seen with the lexicon, and
statements (quotes grouped across the articles that reported them)."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from talks import statements as statements_mod
from talks.extract.speakers import SpeakerIndex, fold
from talks.lexicon import Lexicon, SpeakerEntry
from talks.models import Article, Position, Quote, Speaker, Statement
from talks.store import Store


def _lexicon_entry(lexicon: Lexicon, name: str) -> SpeakerEntry | None:
    key = fold(name)
    for entry in lexicon.speakers:
        if fold(entry.name) == key:
            return entry
    return None


def speaker_names(store: Store, query: str, *, lexicon: Lexicon) -> list[str]:
    """The stored speaker names a user's `--speaker` means.

    Any alias or spelling variant known to the lexicon maps to its canonical name
    ("Zelenskyy" finds "Volodymyr Zelensky"); otherwise stored names are matched by
    whole name, by surname, and finally fuzzily (ratio ≥ 85) on the surname.
    """
    names = store.speaker_names()
    wanted: set[str] = set()
    canonical = SpeakerIndex.for_lexicon(lexicon).canonical(query)
    q = fold(query)
    for name in names:
        f = fold(name)
        surname = f.split()[-1] if f.split() else ""
        if f == q or surname == q or (canonical is not None and f == fold(canonical)):
            wanted.add(name)
    if not wanted and names:
        surnames = {n: fold(n).split()[-1] if n.strip() else "" for n in names}
        for name, score, _ in process.extract(
            q.split()[-1] if q.split() else q, surnames, scorer=fuzz.ratio, limit=10
        ):
            if score >= 85:
                wanted.add(name)
    return sorted(wanted)


def speakers(store: Store, *, lexicon: Lexicon, side: str | None = None) -> list[Speaker]:
    """Every speaker with quotes in the store, joined with the lexicon's facts,
    most statements first (`quotes` counts every report, `statements` each once)."""
    counts = statements_mod.counts_by_speaker(
        statements_mod.group(store.quotes(), article_index(store))
    )
    out: list[Speaker] = []
    for row in store.speaker_stats():
        if side is not None and fold(row["side"]) != fold(side):
            continue
        entry = _lexicon_entry(lexicon, row["name"])
        out.append(
            Speaker(
                name=row["name"],
                side=row["side"],
                kind=entry.kind if entry else "person",
                roles=tuple(r.title for r in entry.roles) if entry else (),
                aliases=tuple(entry.aliases) if entry else (),
                quotes=row["quotes"],
                statements=counts.get(row["name"], 0),
                spellings=_spellings(row["spellings"]),
            )
        )
    out.sort(key=lambda s: (-s.statements, -s.quotes, s.name))
    return out


def article_index(store: Store) -> dict[str, Article]:
    """Every stored article by id, without its text."""
    return {a.id: a for a in store.articles(with_text=False)}


def statements(store: Store, selected: Sequence[Quote]) -> list[Statement]:
    """The statements that `selected` quotes report, each with ALL its reports in the
    store (a filter that picks one copy still shows every outlet and the true
    first-seen date). Only the selected speakers' quotes are grouped."""
    names = sorted({q.speaker for q in selected})
    if not names:
        return []
    grouped = statements_mod.group(store.quotes(speakers=names), article_index(store))
    return statements_mod.containing(grouped, (q.id for q in selected))


def with_reports(store: Store, positions: Sequence[Position]) -> list[dict[str, object]]:
    """`positions` as JSON-ready rows, each with `reports`: how many distinct articles
    in the whole store state the same (actor, topic, stance, date); 1 when undated."""
    topics = {p.topic for p in positions}
    pool = [p for t in sorted(topics) for p in store.positions(topic=t)]
    counts = statements_mod.position_reports(pool)
    return [{**p.model_dump(mode="json"), "reports": counts[p.id]} for p in positions]


_PRONOUNS = frozenset("he she they it we i him her them who this that".split())


def _spellings(mentions: list[str]) -> tuple[str, ...]:
    """The names a speaker was seen under: pronouns and case repeats left out."""
    seen: dict[str, str] = {}
    for m in mentions:
        key = fold(m)
        if key and key not in _PRONOUNS and key not in seen:
            seen[key] = m
    return tuple(seen.values())
