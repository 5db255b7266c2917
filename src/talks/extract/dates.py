"""Dates: an article's publication date, and when a statement was made.

Publication dates come from a dateline or date line near the top of the text
("Brussels 30.03.2022", "MOSCOW, March 30 (Reuters) -", "Kyiv, 31 March 2022",
"date 2022-03-29", "March 29, 2022") or from a date in the file name. When
nothing says, the date is unknown: a guess is never presented as a fact.

Statement dates resolve relative expressions ("yesterday", "on Wednesday",
"last night", "last week") in the sentence that carries the statement against
the publication date.
"""

from __future__ import annotations

import datetime as dt
import re

from talks.extract.regex_shapes import always_digit, prefixes
from talks.models import DateBasis, Span

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Date forms, most specific first; each yields year (maybe None), month, day.
_FORMS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    re.compile(rf"\b{_DAY}[./](?P<month>[01]?\d)[./]{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![.,]?\d)", re.I),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!,?\s+(?:19|20)\d\d)", re.I),
]

# Where a dateline may stand: the first lines of content, before much prose.
_DATELINE_WINDOW = 400
# A line that is only a date, or "date 2022-03-29", "Published: March 29, 2022", "Updated ..."
_DATE_LINE_LEAD = re.compile(
    r"\s*(?:(?:date|dated|published|posted|updated|last updated)\s*(?:on)?\s*[:\-]?\s*)?",
    re.I,
)
# "MOSCOW, March 30 (Reuters) -", "Brussels 30.03.2022", "Kyiv, 31 March 2022 —"
_PLACE_LEAD = re.compile(r"\s*[A-Z][A-Za-z'’.\- ]{1,40}?[,\s]\s*(?=\S)")

_FILENAME_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)[-_.]?(?P<month>[01]\d)[-_.]?(?P<day>[0-3]\d)(?!\d)"
)
_YEAR_IN_TEXT = re.compile(r"(?<![\d.])(?:19|20)\d\d(?![\d.])")


def _make(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_of(token: str) -> int | None:
    if token.isdigit():
        m = int(token)
        return m if 1 <= m <= 12 else None
    return MONTHS.get(token.lower().rstrip("."))


def _parse_at(text: str, pos: int) -> tuple[int | None, int, int, int] | None:
    """A date starting exactly at `pos`: (year, month, day, end) or None."""
    for form in _FORMS:
        m = form.match(text, pos)
        if m:
            month = _month_of(m.group("month"))
            day = int(m.group("day"))
            if month is None or not 1 <= day <= 31:
                continue
            year = int(m.group("year")) if "year" in m.groupdict() and m.group("year") else None
            return year, month, day, m.end()
    return None


def filename_date(name: str) -> dt.date | None:
    """A date written in a file name (2022-03-30, 20220330, 2022_03_30)."""
    for m in _FILENAME_DATE.finditer(name):
        d = _make(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        if d:
            return d
    return None


def _single_year(text: str) -> int | None:
    years = {int(y) for y in _YEAR_IN_TEXT.findall(text)}
    return years.pop() if len(years) == 1 else None


def dateline(
    text: str, *, content_start: int = 0, year_hint: int | None = None
) -> tuple[dt.date, Span] | None:
    """The article's own date from a dateline or date line near the top, with its span.

    A dateline without a year ("MOSCOW, March 30 (Reuters)") takes the year from
    `year_hint` (a file name or index) or from the one year the text mentions;
    with neither it is not a date.
    """
    window_end = min(len(text), content_start + _DATELINE_WINDOW)
    seen_title = False
    for line in re.finditer(r"[^\n]+", text[:window_end]):
        start = line.start()
        if start < content_start and line.end() <= content_start:
            continue
        if not line.group().strip():
            continue
        if seen_title and (found := _byline_date(line.group(), start)) is not None:
            return found
        seen_title = True
        candidates = []
        lead = _DATE_LINE_LEAD.match(text, start)
        if lead:
            candidates.append(lead.end())
        place = _PLACE_LEAD.match(text, start)
        if place:
            candidates.append(place.end())
        for pos in candidates:
            parsed = _parse_at(text, pos)
            if not parsed:
                continue
            year, month, day, end = parsed
            if year is None:
                # A bare "March 30" counts only as a dateline: place first, agency or dash after.
                after = text[end : end + 30]
                if not re.match(r"\s*\.?\s*(\([^)]{2,30}\)|/[A-Z]+/)?\s*[-–—:.]", after):
                    continue
                year = year_hint if year_hint is not None else _single_year(text)
            d = _make(year, month, day)
            if d:
                return d, Span(start=pos, end=end)
    return None


_FULL_DATES = _FORMS[:4]  # the forms that carry a year


def _byline_date(line: str, offset: int) -> tuple[dt.date, Span] | None:
    """A full date on a byline or date line under the headline ("by Jane Doe June 4,
    2025 7:41 PM", "Tue 19 Aug 2025 12.10 BST"): a short line that is not a sentence."""
    stripped = line.strip()
    if len(stripped) > 100 or len(stripped.split()) > 16 or stripped.endswith((".", "”", '"')):
        return None
    for form in _FULL_DATES:
        m = form.search(line)
        if m:
            month = _month_of(m.group("month"))
            d = _make(int(m.group("year")), month, int(m.group("day"))) if month else None
            if d:
                return d, Span(start=offset + m.start(), end=offset + m.end())
    return None


# --- statement dates ---------------------------------------------------------

_RELATIVE = re.compile(
    r"\b(?P<expr>yesterday|today|tonight|this (?:morning|afternoon|evening)|"
    r"last (?:night|week|month)|this week|earlier this week|"
    r"(?:on |last |this )?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:'s| (?:morning|afternoon|evening|night))?)\b",
    re.I,
)
_MON = _MONTH.replace("(?P<month>", "(?:")
_EXPLICIT = re.compile(
    rf"\b(?:(?P<m1>{_MON[3:-4]})\.?\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m2>{_MON[3:-4]})\.?(?:,?\s+(?P<y2>(?:19|20)\d\d))?)\b",
    re.I,
)
# Expressions that date something other than the statement: "since Friday", "began on February 24".
_NOT_STATEMENT = re.compile(
    r"(?:since|until|till|from|by|before|after|began|begun|started|starting|launched|invaded|ended)\s+(?:on\s+|last\s+)?$",
    re.I,
)
_QUOTE_CHARS = '"“”«»„'


_STOP = re.compile(r"[.!?][”\"’]?\s")
# the last stop before a position: the greedy run backs off from the end, in C
_LAST_STOP = re.compile(r"(?s:.*)[.!?][”\"’]?\s")
# Every relative expression holds one of these words, every explicit date a digit: a
# sentence without them is not searched (most sentences hold no date at all).
_RELATIVE_WORDS = ("day", "night", "week", "month", "morning", "afternoon", "evening")
_DIGIT = re.compile(r"\d")


def _relative_words() -> tuple[str, ...] | None:
    """`_RELATIVE_WORDS` when every expression `_RELATIVE` matches holds one of them
    (spelled out from the pattern itself), else None: no shortcut then."""
    spelled = prefixes(_RELATIVE.pattern, _RELATIVE.flags, k=64)
    if spelled is None or not all(any(w in s for w in _RELATIVE_WORDS) for s in spelled):
        return None
    return _RELATIVE_WORDS


_RELATIVE_HINTS = _relative_words()
_EXPLICIT_HAS_DIGIT = always_digit(_EXPLICIT.pattern, _EXPLICIT.flags)


# How far from a statement its sentence is looked for, each way: a real sentence is
# shorter than this (see text.MAX_SENTENCE), and a bound keeps a huge line without
# stops from being searched once per quote in it (quadratic).
_REACH = 2000


def _sentence_bounds(text: str, at: int) -> tuple[int, int]:
    lo = max(0, at - _REACH)
    start = max(text.rfind("\n", lo, at), _last_stop(text, at), lo - 1) + 1
    hi = min(len(text), at + _REACH)
    end_nl = text.find("\n", at, hi)
    end = hi if end_nl == -1 else end_nl
    m = _STOP.search(text, at, end)
    if m:
        end = m.end()
    return start, end


def _last_stop(text: str, at: int) -> int:
    """Offset of the space after the last stop within 600 characters before `at`, or -1."""
    m = _LAST_STOP.match(text, max(0, at - 600), at)
    return m.end() - 1 if m else -1


def _may_be_relative(text: str, start: int, end: int) -> bool:
    """False when `_RELATIVE` cannot match in text[start:end]."""
    if _RELATIVE_HINTS is None:
        return True
    low = text[start:end].lower()
    if not low.isascii():  # letters that match ASCII ones only under re.IGNORECASE
        low = low.replace("ı", "i").replace("ſ", "s")
    return any(w in low for w in _RELATIVE_HINTS)


def _inside_quotes(text: str, start: int, pos: int) -> bool:
    opened = False
    for ch in text[start:pos]:
        if ch in "“«„":
            opened = True
        elif ch in "”»":
            opened = False
        elif ch == '"':
            opened = not opened
    return opened


def _resolve_relative(m: re.Match[str], published: dt.date) -> dt.date:
    expr = m.group("expr").lower()
    weekday = m.group("weekday")
    if weekday:
        target = WEEKDAYS[weekday.lower()]
        back = (published.weekday() - target) % 7
        if expr.startswith("last ") and back == 0:
            back = 7
        return published - dt.timedelta(days=back)
    if expr in ("yesterday", "last night"):
        return published - dt.timedelta(days=1)
    if expr == "last week":
        return published - dt.timedelta(days=7)
    if expr == "last month":
        return published - dt.timedelta(days=30)
    # today, tonight, this morning/afternoon/evening, this week, earlier this week
    return published


def statement_date(
    text: str, at: int, published: dt.date | None, *, end: int | None = None
) -> tuple[dt.date | None, DateBasis]:
    """When the statement at offset `at` was made.

    Looks in the sentence around `at` (up to `end` when given) for an explicit
    date or a relative expression outside quotation marks, the one nearest `at`
    first, and resolves it against `published`. Falls back to the publication
    date ("published"), or unknown when that is unknown too.
    """
    s_start, s_end = _sentence_bounds(text, at)
    if end is not None:
        s_end = max(s_end, min(end, len(text)))
    best: tuple[int, dt.date | None, DateBasis] | None = None

    may_be_explicit = not _EXPLICIT_HAS_DIGIT or _DIGIT.search(text, s_start, s_end)
    explicit = _EXPLICIT.finditer(text, s_start, s_end) if may_be_explicit else ()
    for m in explicit:
        if _inside_quotes(text, s_start, m.start()):
            continue
        if _NOT_STATEMENT.search(text[max(s_start, m.start() - 20) : m.start()]):
            continue
        month_tok = m.group("m1") or m.group("m2")
        day_tok = m.group("d1") or m.group("d2")
        month = _month_of(month_tok)
        if month is None:
            continue
        year_tok = m.group("y1") or m.group("y2")
        year = int(year_tok) if year_tok else (published.year if published else None)
        d = _make(year, month, int(day_tok))
        if d and published and not year_tok and d > published:
            d = _make(published.year - 1, month, int(day_tok))
        dist = abs(m.start() - at)
        if d and (best is None or dist < best[0]):
            best = (dist, d, "explicit")

    if published is not None and _may_be_relative(text, s_start, s_end):
        for m in _RELATIVE.finditer(text, s_start, s_end):
            if _inside_quotes(text, s_start, m.start()):
                continue
            if _NOT_STATEMENT.search(text[max(s_start, m.start() - 20) : m.start()]):
                continue
            dist = abs(m.start() - at)
            if best is None or dist < best[0]:
                best = (dist, _resolve_relative(m, published), "relative")

    if best is not None:
        return best[1], best[2]
    if published is not None:
        return published, "published"
    return None, "unknown"
