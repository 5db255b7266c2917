"""Questions asked of the store that need more than one SQL query: speaker lookup
by any spelling, speaker listings that join what was seen with the lexicon, and
statements (quotes grouped across the articles that reported them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from talks import speaker_list
from talks import statements as statements_mod
from talks.extract.speakers import SpeakerIndex, skeleton
from talks.lexicon import Lexicon
from talks.models import Article, Position, Quote, Speaker, Statement
from talks.store import Store

# Cyrillic → Latin (a plain scientific-style scheme; skeleton() then folds the
# usual variants: й/ы/и → i, х → h, doubled letters), so "Зеленский",
# "Зеленський" and "Zelenskyy" compare equal.
_CYRILLIC = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufye", strict=True)),
        **dict(zip("АБВГДЕЗИЙКЛМНОПРСТУФЫЭ", "ABVGDEZIIKLMNOPRSTUFYE", strict=True)),
        "ё": "e", "Ё": "E", "ж": "zh", "Ж": "Zh", "х": "kh", "Х": "Kh", "ц": "ts",
        "Ц": "Ts", "ч": "ch", "Ч": "Ch", "ш": "sh", "Ш": "Sh", "щ": "shch", "Щ": "Shch",
        "ъ": "", "Ъ": "", "ь": "", "Ь": "", "ю": "yu", "Ю": "Yu", "я": "ya", "Я": "Ya",
        "і": "i", "І": "I", "ї": "i", "Ї": "I", "є": "ye", "Є": "Ye", "ґ": "g", "Ґ": "G",
    }
)  # fmt: skip


def latin(text: str) -> str:
    """`text` with Cyrillic letters transliterated to Latin ones."""
    return text.translate(_CYRILLIC)


def _skel(name: str) -> str:
    return skeleton(latin(name))


@dataclass(frozen=True)
class SpeakerMatch:
    """The stored speaker names a `--speaker` value stands for, and how it matched."""

    names: list[str]
    known: bool  # the lexicon knows the speaker (no quotes in the store is no error)
    suggestions: list[str]


def match_speakers(store: Store, query: str, *, lexicon: Lexicon) -> SpeakerMatch:
    """The stored speaker names a user's `--speaker` means.

    Any alias or spelling variant known to the lexicon maps to its canonical name
    ("Zelenskyy" finds "Volodymyr Zelensky"), in either script ("Зеленский");
    otherwise stored names are matched by whole name, by surname, by first name
    (which may match several: the caller says which), and finally fuzzily
    (ratio ≥ 85) on the transliteration skeleton of the surname ("Selenskyj").
    """
    names = store.speaker_names()
    index = SpeakerIndex.for_lexicon(lexicon)
    canonical = index.canonical(query) or index.canonical(latin(query))
    q = _skel(query)
    q_words = q.split()
    skels = {n: _skel(n) for n in names}
    wanted: set[str] = set()
    for name, f in skels.items():
        words = f.split()
        surname = words[-1] if words else ""
        if f == q or surname == q or (canonical is not None and f == _skel(canonical)):
            wanted.add(name)
    if not wanted and len(q_words) == 1:  # a first name: "Vladimir"
        wanted = {n for n, f in skels.items() if len(f.split()) > 1 and f.split()[0] == q}
    if not wanted and q_words:
        surnames = {n: f.split()[-1] if f.split() else "" for n, f in skels.items()}
        hits = process.extract(q_words[-1], surnames, scorer=fuzz.ratio, limit=10)
        wanted = {str(name) for _surname, score, name in hits if score >= 85}
    suggestions: list[str] = []
    if not wanted and canonical is None:
        pool = {n: s for n, s in skels.items()}
        pool.update({e.name: _skel(e.name) for e in lexicon.speakers})
        hits = process.extract(q, pool, scorer=fuzz.WRatio, limit=3, score_cutoff=70)
        suggestions = [str(h[2]) for h in hits]
    return SpeakerMatch(names=sorted(wanted), known=canonical is not None, suggestions=suggestions)


def speaker_names(store: Store, query: str, *, lexicon: Lexicon) -> list[str]:
    """The stored speaker names a user's `--speaker` means (see `match_speakers`)."""
    return match_speakers(store, query, lexicon=lexicon).names


def speakers(store: Store, *, lexicon: Lexicon, side: str | None = None) -> list[Speaker]:
    """Every speaker with quotes in the store, joined with the lexicon's facts,
    most statements first (`quotes` counts every report, `statements` each once);
    see `talks.speaker_list`."""
    from talks.lexicon_cache import summarize

    return [
        Speaker(**row) for row in speaker_list.rows(store, summarize(lexicon).speakers, side=side)
    ]


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
