"""Checking what a user typed into a filter before it reaches the store.

An unknown value never quietly returns nothing: parties accept their usual
names, metonyms and abbreviations ("US", "U.S.", "Kyiv", "Moscow", "EU") and
resolve to the canonical name; anything else is a UsageError that suggests the
closest valid value ("did you mean ...?") or lists them. Dates may be partial
(`2025`, `2025-03`): a `--since` starts at the first day of that period, an
`--until` ends on its last day; a range whose start is after its end is an error.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TypeAlias

from talks.errors import UsageError

if TYPE_CHECKING:
    from talks.lexicon import Lexicon
    from talks.lexicon_cache import LexiconSummary

    AnyLexicon: TypeAlias = Lexicon | LexiconSummary

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_date(value: str | None, option: str, *, end: bool = False) -> dt.date | None:
    """`value` (YYYY, YYYY-MM or YYYY-MM-DD) as a date: the first day of a partial
    date, or its last day when `end`; a usage error naming `option` otherwise."""
    if value is None:
        return None
    m = _DATE.fullmatch(value.strip())
    try:
        if m is None:
            raise ValueError
        year = int(m[1])
        if m[3] is not None:
            return dt.date(year, int(m[2]), int(m[3]))
        if m[2] is not None:
            month = int(m[2])
            day = calendar.monthrange(year, month)[1] if end else 1
            return dt.date(year, month, day)
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except (ValueError, calendar.IllegalMonthError):
        raise UsageError(
            f"{option}: {value!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"
        ) from None


def date_range(
    since: str | None,
    until: str | None,
    *,
    names: tuple[str, str] = ("--since", "--until"),
) -> tuple[dt.date | None, dt.date | None]:
    """Both ends of a date range; an empty range (start after end) is an error."""
    start = parse_date(since, names[0])
    stop = parse_date(until, names[1], end=True)
    if start is not None and stop is not None and start > stop:
        raise UsageError(f"{names[0]} {since} is after {names[1]} {until}: the range is empty")
    return start, stop


def _key(value: str) -> str:
    """Comparison form of a party name: case, accents, dots, a leading "the" and
    spaces ignored."""
    decomposed = unicodedata.normalize("NFKD", value.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = plain.casefold().replace(".", "").split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def did_you_mean(value: str, choices: Iterable[str], *, cutoff: float = 70.0) -> list[str]:
    """The choices closest to `value` (best first), for "did you mean" messages."""
    from rapidfuzz import fuzz, process

    options = list(dict.fromkeys(choices))
    hits = process.extract(value, options, scorer=fuzz.WRatio, limit=3, score_cutoff=cutoff)
    return [str(h[0]) for h in hits]


def unknown(option: str, value: str, valid: Sequence[str], *, aliases: Iterable[str] = ()) -> str:
    """The message for an unknown filter value: a suggestion, else the valid values."""
    near = did_you_mean(value, [*valid, *aliases])
    if near:
        return f"{option}: unknown value {value!r}; did you mean {' or '.join(near[:2])}?"
    return f"{option}: unknown value {value!r}; valid values: {', '.join(valid)}"


def party_aliases(lexicon: AnyLexicon) -> dict[str, str]:
    """Every name, metonym and adjective of every party → its canonical name."""
    table: dict[str, str] = {}
    for party in lexicon.parties:
        for form in (party.name, *party.names, *party.adjectives):
            table.setdefault(_key(form.removesuffix("'s").removesuffix("’s")), party.name)
    return table


def resolve_party(
    value: str | None, lexicon: AnyLexicon, option: str, *, none_ok: bool = False
) -> str | None:
    """The canonical party `value` names ("USA" → "United States"), or a usage error.
    `none_ok`: "none" (speakers without a side) is a valid value too."""
    if value is None:
        return None
    if none_ok and value.strip().casefold() == "none":
        return "none"
    table = party_aliases(lexicon)
    hit = table.get(_key(value))
    if hit is not None:
        return hit
    valid = [p.name for p in lexicon.parties] + (["none"] if none_ok else [])
    raise UsageError(unknown(option, value, valid, aliases=[]))


def check_choice(value: str | None, option: str, valid: Sequence[str]) -> str | None:
    """`value` when it is one of `valid` (any case), else a usage error."""
    if value is None:
        return None
    for v in valid:
        if v.casefold() == value.strip().casefold():
            return v
    raise UsageError(unknown(option, value, valid))


def check_topic(topic: str | None, lexicon: AnyLexicon, option: str = "--topic") -> str | None:
    """A topic key of the lexicon, or a usage error listing them."""
    if topic is None:
        return None
    keys = lexicon.topic_keys()
    if topic in keys:
        return topic
    near = did_you_mean(topic, keys)
    hint = f"did you mean {' or '.join(near[:2])}? " if near else ""
    raise UsageError(f"unknown topic {topic!r}; {hint}valid topics: {', '.join(keys)}")
