"""What the extractor tests share: a text made one article and run through extraction,
every record checked to be the text's own characters (provenance) before a test
looks at it, and the HARD-CASES test lexicon.

Imported by name (`from extract_helpers import ...`), like conftest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence, Set

from talks.extract import extract
from talks.extract.quotes import extract_quotes
from talks.lexicon import Lexicon, Role, SpeakerEntry, shipped
from talks.models import Article, Position, Quote

HEADLINE = "Talks went on.\n\n"
"""Put before a test text that must be body copy: an article's first line is read as
its headline."""

Triple = tuple[str, str, str]  # (actor, topic, stance) of a position

HARD_CASES_SPEAKERS = [
    SpeakerEntry(
        name="Jan Kowalski",
        side="Poland",
        aliases=["Kowalski"],
        roles=[Role(title="Polish deputy foreign minister")],
    ),
    SpeakerEntry(
        name="Liisa Tamm",
        side="Estonia",
        aliases=["Tamm"],
        roles=[Role(title="Estonian foreign minister")],
    ),
    SpeakerEntry(name="Mikko Laine", side="Finland", aliases=["Laine"]),
    SpeakerEntry(name="Ona Petraitė", side="Lithuania", aliases=["Petraitė", "Petraite"]),
    SpeakerEntry(
        name="Marek Wrona", side="Poland", aliases=["Wrona"], roles=[Role(title="Polish president")]
    ),
]
"""The people of ../shared/gold/HARD-CASES.md's test lexicon (invented)."""

HARD_CASES_OUTLETS = ["Nordwire", "Baltic Ledger", "Radio Kaunas"]


def lexicon_with(speakers: Sequence[SpeakerEntry], outlets: Sequence[str] = ()) -> Lexicon:
    """The shipped lexicon with `speakers` as its only speakers and `outlets` added to
    its outlet names."""
    base = shipped()
    update: dict[str, object] = {"speakers": list(speakers)}
    if outlets:
        words = {k: list(v) for k, v in base.words.items()}
        words["outlets"] = words.get("outlets", []) + list(outlets)
        update["words"] = words
    return base.model_copy(update=update)


def as_article(text: str, *, published: dt.date | None = None) -> Article:
    return Article(id="t", article="t.txt", path="t.txt", text=text, published=published)


def quotes_in(
    text: str, lexicon: Lexicon, *, published: dt.date | None = dt.date(2025, 5, 1)
) -> list[Quote]:
    """The quotes found in `text` (one article published on `published`), each one's
    text checked to be its spans' characters."""
    out = extract_quotes(as_article(text, published=published), lexicon=lexicon)
    for q in out:
        assert q.text == " ".join(text[s.start : s.end] for s in q.spans)
    return out


def positions_in(text: str, lexicon: Lexicon, *, headline: bool = True) -> list[Position]:
    """The positions the whole extraction finds in `text` (after HEADLINE unless
    `headline` is False; undated), each one's evidence checked to be its span's
    characters."""
    if headline:
        text = HEADLINE + text
    _, found = extract(as_article(text), lexicon=lexicon)
    for p in found:
        assert text[p.span.start : p.span.end] == p.evidence
    return found


def check_positions(
    text: str, lexicon: Lexicon, expected: Set[Triple], absent: Set[Triple] = frozenset()
) -> None:
    """`text` gives (at least) every position of `expected` and none of `absent`."""
    got = position_triples(text, lexicon)
    assert expected <= got
    assert not absent & got


def position_triples(text: str, lexicon: Lexicon, *, headline: bool = True) -> set[Triple]:
    """(actor, topic, stance) of each position `positions_in` finds."""
    return {(p.actor, p.topic, p.stance) for p in positions_in(text, lexicon, headline=headline)}
