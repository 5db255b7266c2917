"""Quote records are built as the plain reading of their drafts says: the same ids,
texts, spans, cues and dates as joining, hashing and validating each part anew with
`Model(**fields)` (the records are made by the models' validators); and `holders` picks
the quotes its first reading picked."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from talks.extract import extract, holders, quotes, record_id
from talks.extract.dates import statement_date
from talks.ingest import load_path
from talks.lexicon import shipped
from talks.models import Article, Quote, Span

_SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
_LETTERS = "aZ09 ,-\x1f\u0131\u0130\u017f\u212a\u00df\u00e9\u201c"


def test_one_joined_part_gives_the_id_of_the_parts() -> None:
    rng = random.Random(5)
    for _ in range(3_000):
        parts = ["".join(rng.choices(_LETTERS, k=rng.randint(0, 12))) for _ in range(4)]
        parts = parts[: rng.randint(1, 4)]
        assert record_id("q", "\x1f".join(parts)) == record_id("q", *parts)


class _Shown(str):
    def __str__(self) -> str:
        return "shown"


def test_one_part_is_read_as_str_reads_it() -> None:
    # (one plain str is the key itself; anything else goes through str())
    assert record_id("q", _Shown("raw")) == record_id("q", "shown") != record_id("q", "raw")
    assert record_id("p", 7) == record_id("p", "7")
    assert record_id("q", "") == record_id("q", *[""])


def _reference(article: Article, draft, sentence_end: int, topics) -> Quote:  # type: ignore[no-untyped-def]
    """A quote record made as the plain reading says: every span validated anew."""
    text = article.text
    spans = tuple(Span(start=s, end=e) for s, e in draft.spans)
    cue = cue_span = None
    at = spans[0].start
    sp = draft.speaker
    if draft.cue is not None:
        cue_span = Span(start=draft.cue[0], end=draft.cue[1])
        cue = cue_span.of(text)
        at = min(at, cue_span.start)
    date, basis = statement_date(text, at, article.published, end=sentence_end)
    words = " ".join(text[s.start : s.end] for s in spans)
    return Quote(
        id=record_id(
            "q",
            article.id,
            ",".join(f"{s}-{e}" for s, e in draft.spans),
            draft.kind,
            *([draft.key] if draft.key else []),
        ),
        article=article.article,
        article_id=article.id,
        path=article.path,
        speaker=sp.name,
        speaker_mention=sp.mention,
        speaker_span=Span(start=sp.start, end=sp.end),
        side=sp.side,
        kind=draft.kind,
        text=words,
        spans=spans,
        cue=cue,
        cue_span=cue_span,
        date=date,
        date_basis=basis,
        topics=topics.of(words, draft.spans) if topics is not None else (),
    )


def test_records_are_those_of_the_plain_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = shipped()
    made = quotes._record
    checked = []

    def both(article, draft, sentence_end, dates, topics):  # type: ignore[no-untyped-def]
        quote = made(article, draft, sentence_end, dates, topics)
        checked.append((quote, _reference(article, draft, sentence_end, topics)))
        return quote

    monkeypatch.setattr(quotes, "_record", both)
    for path in sorted(_SEEDS.iterdir()):
        if path.name != "meta.yaml":
            for article in load_path(path, lexicon=lexicon).all_articles():
                extract(article, lexicon=lexicon)
    assert len(checked) > 20
    for quote, reference in checked:
        assert quote == reference
        assert quote.model_fields_set == reference.model_fields_set
        assert all(s.model_fields_set == {"start", "end"} for s in quote.spans)
        assert quote.model_dump_json() == reference.model_dump_json()


def _holders_reference(quotes: list[Quote]) -> list[Quote]:
    """`holders` as first written: statements told apart by their spans as records."""
    best: dict[tuple[str, tuple[Span, ...]], Quote] = {}
    for q in quotes:
        key = (q.kind, q.spans)
        have = best.get(key)
        if have is None or _start(q) > _start(have):
            best[key] = q
    return [
        q for q in quotes if (p := best[(q.kind, q.spans)]) is q or q.speaker_span == p.speaker_span
    ]


def _start(q: Quote) -> int:
    return q.speaker_span.start if q.speaker_span is not None else -1


def _random_quotes(rng: random.Random) -> list[Quote]:
    def span() -> Span:  # a new record each time: equal spans are not the same object
        a = rng.randint(0, 4)
        return Span(start=a, end=a + rng.randint(0, 2))

    out = []
    for i in range(rng.randint(0, 12)):
        spans = tuple(span() for _ in range(rng.randint(1, 2)))
        out.append(
            Quote(
                id=f"q{i}",
                article="a",
                article_id="a",
                path="a",
                speaker=rng.choice("AB"),
                speaker_mention="x",
                speaker_span=rng.choice([None, span()]),
                side="none",
                kind=rng.choice(["direct", "indirect"]),
                text="t",
                spans=spans,
            )
        )
    return out


def test_holders_are_those_of_the_first_reading() -> None:
    rng = random.Random(11)
    for _ in range(3_000):
        quotes_ = _random_quotes(rng)
        assert list(map(id, holders(quotes_))) == list(map(id, _holders_reference(quotes_)))
    lexicon = shipped()
    for path in sorted(_SEEDS.iterdir()):
        if path.name != "meta.yaml":
            for article in load_path(path, lexicon=lexicon).all_articles():
                found = quotes.extract_quotes(article, lexicon=lexicon)
                assert list(map(id, holders(found))) == list(map(id, _holders_reference(found)))
