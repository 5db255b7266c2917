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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from talks.extract.events import Calendar
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
# "MOSCOW", "GOMEL REGION, Belarus", "St. Petersburg": capitalised words and commas
_PLACE_WORDS = re.compile(r"\s*[A-Z][A-Za-z'’.\-]*(?:,?\s+[A-Z][A-Za-z'’.\-]*){0,5}")
_LEAD_GAP = re.compile(r"[,\s]\s*(?=\S)")
_PLACE_CHARS = 50

_FULL_DATES = _FORMS[:4]  # the forms that carry a year

_FILENAME_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)[-_.]?(?P<month>[01]\d)[-_.]?(?P<day>[0-3]\d)(?!\d)"
)


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


# Place datelines stand in the first 400 characters; date-only and byline lines may
# stand further down, under captions and share bars.
_BYLINE_WINDOW = 1500
_WEEKDAY_WORD = re.compile(
    r"\s*(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?", re.I
)
# A page header with the reading day: weather, rates, a weekday and date before a "|"
_HEADER = re.compile(r"°|\b(?:weather|forecast|usd|eur)\b", re.I)
# A photo caption or credit line: its date is when the page's pictures were taken
_CAPTION = re.compile(
    r"^\s*(?:photo|image|picture|pictured|caption|file photo)\b|\b(?:getty images|afp|epa|"
    r"ap photo|reuters/|photograph)\b|©",
    re.I,
)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|UTC[+-]?\d*))?|\b[ap]\.?m\.?\b",
    re.I,
)
_BYLINE_REST = re.compile(
    r"(?:by\s+[^|\n]{2,60}?)?[\s|,;·•–—()-]*"
    r"(?:(?:published|posted|updated|last updated|date|dated)(?:\s+on)?\s*:?)?[\s|,;·•–—()-]*",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Found:
    place: bool  # a place dateline ("TURKU, March 3 (Nordwire) –"), which beats other lines
    pos: int
    year: int | None
    month: int
    day: int
    end: int
    where: str  # the place words of a place dateline


def _is_header(line: str) -> bool:
    """A page header with the reading day (weather, rates, "Wednesday, 12 Nov 2025 |")."""
    return bool(_HEADER.search(line)) or (_WEEKDAY_WORD.match(line) is not None and "|" in line)


def _full_dates(text: str, start: int, skip: list[tuple[int, int]]) -> list[dt.date]:
    """The full dates (with a year) that date the page itself: on captions, bylines and
    date lines from `start`, outside the `skip` ranges. Dates in prose are history."""
    out = []
    for form in _FULL_DATES:
        for m in form.finditer(text, start):
            if any(a <= m.start() < b for a, b in skip):
                continue
            a = text.rfind("\n", 0, m.start()) + 1
            b = text.find("\n", m.end())
            line = text[a : len(text) if b < 0 else b]
            if not _CAPTION.search(line) and _byline_date(line, a) is None:
                continue
            month = _month_of(m.group("month"))
            d = _make(int(m.group("year")), month, int(m.group("day"))) if month else None
            if d:
                out.append(d)
    return out


def _year_from_latest(month: int, day: int, dates: list[dt.date]) -> int | None:
    """The year of a yearless month/day: that of the latest full date in the text, when
    the day then falls on or after it (a dateline is never older than its captions)."""
    if not dates:
        return None
    latest = max(dates)
    d = _make(latest.year, month, day)
    return latest.year if d is not None and d >= latest else None


def _candidates(text: str, content_start: int) -> tuple[list[_Found], list[tuple[int, int]]]:
    """Datelines, date lines and bylines near the top, and the page-header lines."""
    found: list[_Found] = []
    headers: list[tuple[int, int]] = []
    far: list[_Found] = []
    window_end = min(len(text), content_start + _BYLINE_WINDOW)
    place_end = content_start + _DATELINE_WINDOW
    seen_title = False
    for line in re.finditer(r"[^\n]+", text[:window_end]):
        start = line.start()
        if line.end() <= content_start or not line.group().strip():
            continue
        if _is_header(line.group()):
            headers.append((start, line.end()))
            continue
        if start < place_end:
            if (place := _place_dateline(text, start)) is not None:
                found.append(place)
                continue
            lead = _DATE_LINE_LEAD.match(text, start)
            parsed = _parse_at(text, lead.end()) if lead else None
            if lead and parsed and (parsed[0] is not None or _dateline_tail(text, parsed)):
                found.append(_Found(False, lead.end(), *parsed, where=""))
                continue
        if seen_title and (byline := _byline_date(line.group(), start)) is not None:
            d, span = byline
            if start < place_end:
                found.append(_Found(False, span.start, d.year, d.month, d.day, span.end, ""))
            elif _BYLINE_REST.fullmatch(_rest_of(line.group(), span, start)):
                far.append(_Found(False, span.start, d.year, d.month, d.day, span.end, ""))
        seen_title = True
    # further down, one date line is the article's; several are a list of posts or events
    if len({(f.year, f.month, f.day) for f in far}) == 1:
        found.append(far[0])
    return found, headers


def _place_dateline(text: str, start: int) -> _Found | None:
    """A dateline after place words at `start` ("MOSCOW, March 30 (Reuters) -",
    "GOMEL REGION, Belarus, Feb 28 (Reuters) -", "Kyiv, 31 March 2022 —")."""
    for gap in _LEAD_GAP.finditer(text, start, min(len(text), start + _PLACE_CHARS)):
        lead = text[start : gap.start()]
        if "\n" in lead:
            break
        if not _PLACE_WORDS.fullmatch(lead) or _WEEKDAY_WORD.fullmatch(lead):
            continue
        comma = text[gap.start()] == ","
        if len(lead.split()) > 1 and not (comma or lead.isupper()):
            continue  # "The Talks Began On 3 March": a title-case sentence, not a place
        parsed = _parse_at(text, gap.end())
        if parsed and _dateline_tail(text, parsed):
            return _Found(True, gap.end(), *parsed, where=lead)
    return None


def _rest_of(line: str, span: Span, offset: int) -> str:
    """A line without its date and times: what a date-only or byline line has left."""
    rest = line[: span.start - offset] + " " + line[span.end - offset :]
    rest = _TIME.sub(" ", rest)
    return _WEEKDAY_WORD.sub(" ", rest)


def _dateline_tail(text: str, parsed: tuple[int | None, int, int, int]) -> bool:
    """A full date, or a bare "March 30" followed by an agency or a dash: a dateline."""
    year, _, _, end = parsed
    if year is not None:
        return True
    after = text[end : end + 30]
    return re.match(r"\s*\.?\s*(\([^)]{2,30}\)|/[A-Z]+/)?\s*[-–—:.]", after) is not None


def dateline(
    text: str,
    *,
    content_start: int = 0,
    year_hint: int | None = None,
    calendar: Calendar | None = None,
) -> tuple[dt.date, Span] | None:
    """The article's own date from a dateline or date line near the top, with its span.

    A place dateline ("TURKU, March 3 (Nordwire) –") beats a date line, a byline date
    and a page header with the reading day (which is never a date nor a year source).
    A dateline without a year takes it from `year_hint` (a file name or index), else
    from the latest full date in the text when the dateline then falls on or after it,
    and from the `calendar` of negotiation rounds when place and day agree with one
    (both must agree when both give a year); never from a bare year.
    """
    found, headers = _candidates(text, content_start)
    found.sort(key=lambda f: (not f.place, f.pos))
    for f in found:
        year = f.year
        if year is None:
            year = year_hint
        if year is None:
            from_text = _year_from_latest(f.month, f.day, _full_dates(text, content_start, headers))
            from_events = (
                calendar.dateline_year(f.where, f.month, f.day, text[content_start:])
                if calendar is not None and f.where
                else None
            )
            if from_text is not None and from_events is not None and from_text != from_events:
                continue
            year = from_text if from_text is not None else from_events
        d = _make(year, f.month, f.day)
        if d:
            return d, Span(start=f.pos, end=f.end)
    return None


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


def yearless_dateline(text: str, *, content_start: int = 0) -> tuple[int, int] | None:
    """The (month, day) of the first place dateline, with or without a year."""
    found, _ = _candidates(text, content_start)
    places = [f for f in found if f.place]
    return (places[0].month, places[0].day) if places else None


def inferred_date(
    text: str, *, content_start: int = 0, calendar: Calendar
) -> tuple[dt.date, Span] | None:
    """A publication date a careful reader infers from the opening paragraphs: a known
    round named with a weekday that is its own ("the second round opened yesterday,
    Friday"); with its evidence (the day expression)."""
    place = _undated_dateline(text, content_start) or ""
    hit = calendar.relative_published(text, content_start, dateline=place)
    if hit is None:
        return None
    when, a, b = hit
    if _later_than(text, content_start, when) or calendar.later_event_named(
        text[content_start:], when
    ):
        return None  # the text reaches past that day: the round is news of an earlier day
    return when, Span(start=a, end=b)


_UNDATED = re.compile(
    r"[ \t]*(?P<place>[^\W\d_][\w'’.\-]*(?:,?[ \t]+[^\W\d_][\w'’.\-]*){0,4})"
    r"[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?[-–—]"
)


def _undated_dateline(text: str, start: int) -> str | None:
    """The place of a dateline without a date near the top ("ISTANBUL (AP) —",
    "ANTALYA, Türkiye (AA) -"), or None."""
    for line in re.finditer(r"[^\n]+", text[: start + _DATELINE_WINDOW]):
        if line.end() <= start:
            continue
        m = _UNDATED.match(line.group())
        if m and m.group("place")[:1].isupper() and len(line.group()) > m.end() + 20:
            return m.group("place")
    return None


def _later_than(text: str, start: int, when: dt.date) -> bool:
    """Whether the text names a day after `when` (a yearless one read in its year) or
    a full date in another year."""
    _, headers = _candidates(text, start)
    may_be = not _EXPLICIT_HAS_DIGIT or _DIGIT.search(text, start)
    for m in _EXPLICIT.finditer(text, start) if may_be else ():
        if any(a <= m.start() < b for a, b in headers):
            continue
        month = _month_of(m.group("m1") or m.group("m2"))
        year_tok = m.group("y1") or m.group("y2")
        if month is None:
            continue
        if year_tok and int(year_tok) != when.year:
            return True
        d = _make(when.year, month, int(m.group("d1") or m.group("d2")))
        if d is not None and d > when:
            return True
    return False


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


class _Stops:
    """The newlines and sentence stops of one text, found once: an article asks for
    the sentence around thousands of offsets, each then two binary searches."""

    __slots__ = ("dated", "ends", "newlines", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.dated: dict[tuple[int, int, dt.date | None], list[_Dated]] = {}
        self.newlines = [m.start() for m in _NEWLINE.finditer(text)]
        self.starts, self.ends = _stop_spans(text)


_NEWLINE = re.compile(r"\n")
# `_STOP` as a full stop, whose one letter the engine finds fast, and the rarer other
# marks (a set of first letters is tested at every character, a slow scan)
_FULL_STOP = re.compile(r"\.[”\"’]?\s")
_OTHER_STOP = re.compile(r"[!?][”\"’]?\s")


def _stop_spans(text: str) -> tuple[list[int], list[int]]:
    """The starts and ends of every match of `_STOP` in `text`, in order (the matches
    never overlap: what follows a mark in one is no mark)."""
    found = [m.span() for m in _FULL_STOP.finditer(text)]
    if "!" in text or "?" in text:
        found += [m.span() for m in _OTHER_STOP.finditer(text)]
        found.sort()
    starts = [a for a, _ in found]
    ends = [b for _, b in found]
    return starts, ends


_stops = _Stops("")


def _stops_of(text: str) -> _Stops:
    """The stops of `text` (the same string object as last time), else found anew."""
    global _stops
    if _stops.text is not text:
        _stops = _Stops(text)
    return _stops


def _sentence_bounds(text: str, at: int) -> tuple[int, int]:
    """As `_sentence_bounds_scan`, from the text's stops found once."""
    st = _stops if _stops.text is text else _stops_of(text)
    newlines, starts, ends = st.newlines, st.starts, st.ends
    lo = at - _REACH if at > _REACH else 0
    start = lo - 1
    # the last newline in [lo, at)
    k = bisect_left(newlines, at)
    if k and newlines[k - 1] >= lo:
        start = newlines[k - 1]
    # the last stop within 600 characters before `at` that ends by `at`: its white space
    j = bisect_right(ends, at) - 1
    if j >= 0 and starts[j] >= at - 600 and ends[j] - 1 > start:
        start = ends[j] - 1
    hi = at + _REACH if at + _REACH < len(text) else len(text)
    end = newlines[k] if k < len(newlines) and newlines[k] < hi else hi
    # the first stop at or after `at` that ends by `end`
    m = bisect_left(starts, at)
    if m < len(starts) and ends[m] <= end:
        end = ends[m]
    return start + 1, end


def _sentence_bounds_scan(text: str, at: int) -> tuple[int, int]:
    """The sentence around `at` by searching the text (the reference for the above)."""
    lo = max(0, at - _REACH)
    start = max(text.rfind("\n", lo, at), _last_stop(text, at), lo - 1) + 1
    hi = min(len(text), at + _REACH)
    end_nl = text.find("\n", at, hi)
    end = hi if end_nl == -1 else end_nl
    m = _STOP.search(text, at, end)
    if m:
        end = m.end()
    return start, end


def sentence_bounds(text: str, at: int) -> tuple[int, int]:
    """The (start, end) of the sentence (or line) around offset `at`."""
    return _sentence_bounds(text, at)


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
    """Whether a quotation is open at `pos`, read from `start`: a curly mark opens or
    closes one, each straight mark turns it over. (The last curly mark and the straight
    marks after it decide: found with searches in C, not a loop over characters.)"""
    last = max(text.rfind(c, start, pos) for c in "“«„”»")
    if last < 0:
        return text.count('"', start, pos) % 2 == 1
    opened = text[last] in "“«„"
    return opened != (text.count('"', last + 1, pos) % 2 == 1)


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


_Dated = tuple[int, "dt.date | None", "re.Match[str] | None"]


def _dates_in(text: str, s_start: int, s_end: int, published: dt.date | None) -> list[_Dated]:
    """The dates a statement in text[s_start:s_end] may take, in the order they are
    weighed: explicit dates (offset, date, None), then relative expressions (offset,
    None, match; resolved only when one wins). Kept per sentence of the text: the
    quotes and positions of one sentence all ask."""
    cache = (_stops if _stops.text is text else _stops_of(text)).dated
    key = (s_start, s_end, published)
    hit = cache.get(key)
    if hit is not None:
        return hit
    out: list[_Dated] = []
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
        if d:
            out.append((m.start(), d, None))

    if published is not None and _may_be_relative(text, s_start, s_end):
        for m in _RELATIVE.finditer(text, s_start, s_end):
            if _inside_quotes(text, s_start, m.start()):
                continue
            if _NOT_STATEMENT.search(text[max(s_start, m.start() - 20) : m.start()]):
                continue
            out.append((m.start(), None, m))
    cache[key] = out
    return out


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
    for pos, date, rel in _dates_in(text, s_start, s_end, published):
        dist = abs(pos - at)
        if best is None or dist < best[0]:
            if rel is None:
                best = (dist, date, "explicit")
            else:
                assert published is not None
                best = (dist, _resolve_relative(rel, published), "relative")

    if best is not None:
        return best[1], best[2]
    if published is not None:
        return published, "published"
    return None, "unknown"
