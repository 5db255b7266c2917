"""Publication dates (datelines, file names) and statement dates (relative expressions)."""

from __future__ import annotations

import datetime as dt

import pytest

from talks.extract.dates import dateline, filename_date, inferred_date, statement_date
from talks.extract.events import Calendar
from talks.lexicon import Event, shipped

D = dt.date

# --- datelines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "date_text"),
    [
        ("Talks progress\n\nBrussels 30.03.2022 A round of talks.\n", D(2022, 3, 30), "30.03.2022"),
        ("Title\nKyiv, 31 March 2022 — Ukraine said.\n", D(2022, 3, 31), "31 March 2022"),
        ("Title\ndate 2022-03-29\nThe talks went on.\n", D(2022, 3, 29), "2022-03-29"),
        ("Title\nPublished: March 29, 2022\nBody.\n", D(2022, 3, 29), "March 29, 2022"),
        ("Title\nISTANBUL, 29 March 2022 - Delegations met.\n", D(2022, 3, 29), "29 March 2022"),
    ],
)
def test_dateline_forms(text: str, expected: dt.date, date_text: str) -> None:
    found = dateline(text)
    assert found is not None
    date, span = found
    assert date == expected
    assert span.of(text) == date_text


def test_dateline_without_year_takes_the_year_hint() -> None:
    text = "Title\nMOSCOW, March 30 (Reuters) - Russia said talks went well.\n"
    found = dateline(text, year_hint=2022)
    assert found is not None
    assert found[0] == D(2022, 3, 30)
    assert found[1].of(text) == "March 30"


def test_dateline_without_year_never_takes_a_bare_year() -> None:
    text = "Title\nMOSCOW, March 30 (Reuters) - The 2022 talks went on.\n"
    assert dateline(text) is None


def test_dateline_without_any_year_is_not_a_date() -> None:
    text = "Title\nMOSCOW, March 30 (Reuters) - Russia said talks went well.\n"
    assert dateline(text) is None


def test_a_date_deep_in_the_body_is_not_a_dateline() -> None:
    body = "Delegations met again and again. " * 20  # well past the top of the article
    text = f"Title\n{body}\nOn 29 March 2022 talks were held in Istanbul.\n"
    assert dateline(text) is None


def test_a_date_inside_a_sentence_is_not_a_dateline() -> None:
    assert dateline("Title\nThe talks held on 29 March 2022 in Istanbul went on.\n") is None


def test_a_bare_month_and_day_in_prose_is_not_a_dateline() -> None:
    assert dateline("Title\nKyiv said March 30 would be decisive.\n") is None


def test_dateline_respects_content_start() -> None:
    text = "---\ndate: 2020-01-01\n---\nTitle\nKyiv, 31 March 2022 — Ukraine said.\n"
    body = text.index("Title")
    found = dateline(text, content_start=body)
    assert found is not None and found[0] == D(2022, 3, 31)


def test_impossible_date_is_not_a_dateline() -> None:
    assert dateline("Title\nBrussels 31.02.2022 A round of talks.\n") is None


# --- file names -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2022-03-30-talks.txt", D(2022, 3, 30)),
        ("talks_20220330.txt", D(2022, 3, 30)),
        ("reuters_2022_03_29_istanbul.md", D(2022, 3, 29)),
        ("000_c1f927a11f48778a.txt", None),
        ("report-2022.txt", None),
        ("2022-13-40.txt", None),
    ],
)
def test_filename_date(name: str, expected: dt.date | None) -> None:
    assert filename_date(name) == expected


# --- statement dates ------------------------------------------------------------

PUBLISHED = D(2022, 3, 30)  # a Wednesday


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("yesterday", D(2022, 3, 29)),
        ("last night", D(2022, 3, 29)),
        ("on Wednesday", D(2022, 3, 30)),
        ("on Monday", D(2022, 3, 28)),
        ("on Thursday", D(2022, 3, 24)),
        ("last week", D(2022, 3, 23)),
        ("this week", D(2022, 3, 30)),
        ("today", D(2022, 3, 30)),
    ],
)
def test_relative_expressions_resolve_against_publication(phrase: str, expected: dt.date) -> None:
    sentence = f"Medinsky said {phrase} that the talks were hard."
    assert PUBLISHED.weekday() == 2
    assert statement_date(sentence, 0, PUBLISHED) == (expected, "relative")


@pytest.mark.parametrize("phrase", ["yesterday", "on Monday", "last week", "this week"])
def test_relative_expression_without_publication_date_is_unknown(phrase: str) -> None:
    sentence = f"Medinsky said {phrase} that the talks were hard."
    assert statement_date(sentence, 0, None) == (None, "unknown")


def test_no_expression_falls_back_to_publication_date() -> None:
    assert statement_date("Medinsky said the talks were hard.", 0, PUBLISHED) == (
        PUBLISHED,
        "published",
    )


def test_explicit_date_in_the_sentence() -> None:
    sentence = "Medinsky said on March 29 that the talks were hard."
    assert statement_date(sentence, 0, PUBLISHED) == (D(2022, 3, 29), "explicit")


def test_explicit_date_with_year_needs_no_publication_date() -> None:
    sentence = "Medinsky said on 29 March 2022 that the talks were hard."
    assert statement_date(sentence, 0, None) == (D(2022, 3, 29), "explicit")


def test_explicit_date_after_publication_means_the_year_before() -> None:
    sentence = "Medinsky said on December 20 that the talks were hard."
    assert statement_date(sentence, 0, PUBLISHED) == (D(2021, 12, 20), "explicit")


def test_expression_inside_the_quotation_does_not_date_the_statement() -> None:
    sentence = "Medinsky said: “We met yesterday and will meet again.”"
    assert statement_date(sentence, 0, PUBLISHED) == (PUBLISHED, "published")


def test_since_monday_dates_something_else() -> None:
    sentence = "Fighting has gone on since Monday, Medinsky said."
    at = sentence.index("Medinsky")
    assert statement_date(sentence, at, PUBLISHED) == (PUBLISHED, "published")


def test_only_the_sentence_around_the_statement_counts() -> None:
    text = "The army attacked yesterday. Medinsky said the talks were hard."
    at = text.index("Medinsky")
    assert statement_date(text, at, PUBLISHED) == (PUBLISHED, "published")


def test_nearest_expression_wins() -> None:
    text = "On Monday the delegations met, and Medinsky said yesterday the talks were hard."
    at = text.index("said")
    assert statement_date(text, at, PUBLISHED) == (D(2022, 3, 29), "relative")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ceasefire talks stall\nBy Ana Ruiz | March 3, 2024\nBody text starts here.",
            "2024-03-03",
        ),
        ("Envoys meet again\nMon 7 Apr 2025 09.15 BST\nThe envoys met in Rome.", "2025-04-07"),
        # a date in the headline is news, not the article's date
        ("Talks set for June 4, 2025\nThe sides agreed on a new round of talks.", None),
        # a long sentence under the headline is prose, not a byline
        (
            "Headline\nThe talks that began on June 4, 2025 in Geneva went on for three days.",
            None,
        ),
    ],
)
def test_byline_dates(text: str, expected: str | None) -> None:
    found = dateline(text)
    assert (found[0].isoformat() if found else None) == expected
    if found:
        assert text[found[1].start : found[1].end].endswith(expected[:4])


def test_agency_dateline_with_a_full_stop_takes_the_year_hint() -> None:
    found = dateline("Headline\nKYIV, May 16. /TASS/. Talks resumed.", year_hint=2025)
    assert found is not None and found[0] == dt.date(2025, 5, 16)
    assert dateline("Headline\nKYIV, May 16. /TASS/. Talks resumed.") is None


def test_date_search_shortcuts_stay_on() -> None:
    # statement_date skips sentences with no day word or digit; if an edit to the
    # patterns disables that shortcut, extraction silently gets slower.
    from talks.extract import dates

    assert dates._RELATIVE_HINTS is not None
    assert dates._EXPLICIT_HAS_DIGIT


# --- HARD-CASES D1-D4: years, lines further down, page headers, the events calendar ----

CALENDAR = Calendar(
    [
        Event(
            name="Turku talks, second round",
            date=D(2024, 6, 14),  # a Friday
            place="Turku",
            aliases=["Turku Castle"],
            ordinal="second round",
            participants=["Finland", "Estonia"],
        )
    ],
    shipped().parties,
)


def _published(text: str) -> dt.date | None:
    found = dateline(text, calendar=CALENDAR)
    if found is not None:
        return found[0]
    inferred = inferred_date(text, calendar=CALENDAR)
    return inferred[0] if inferred else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # D1: the year of the latest full date (caption, byline), never a bare year
        (
            "Talks resume\nTURKU, March 3 (Nordwire) – Delegations met.\n"
            "Photo: Delegates in Turku, February 27, 2024.\n",
            D(2024, 3, 3),
        ),
        (
            "Border talks go on\nTALLINN, 3 March (Baltic Ledger) - Ministers met.\n"
            "Image: ministers at the table, 2 March 2023\n",
            D(2023, 3, 3),
        ),
        ("Talks resume\nTURKU, March 3 (Nordwire) – The first talks since 2019 opened.\n", None),
        # a caption newer than the dateline: the dateline is of another year, abstain
        (
            "Talks resume\nTURKU, March 3 (Nordwire) – Delegations met.\n"
            "Photo: Delegates in Turku, May 27, 2024.\n",
            None,
        ),
        # a full date in prose is history, not the page's year
        (
            "Talks resume\nTURKU, March 3 (Nordwire) – The treaty of February 27, 2019, "
            "was discussed.\n",
            None,
        ),
        # D3: a page-header "today" date loses to a place dateline
        (
            "Wednesday, 12 November 2025 | Vilnius 4°C\nTalks resume\n"
            "TURKU, March 3, 2025 (Nordwire) – Delegations met.\n",
            D(2025, 3, 3),
        ),
        (
            "Sunday, 9 March 2025 | EUR 1.08\nTalks resume\n"
            "RIGA, March 3, 2025 (Baltic Ledger) - Ministers met.\n",
            D(2025, 3, 3),
        ),
        # D4: the calendar dates a yearless dateline when place and day agree with a round
        (
            "Talks\nTURKU, June 14. /Nordwire/. The second round opened here on Friday.\n",
            D(2024, 6, 14),
        ),
        (
            "Talks\nTURKU, June 15 (Nordwire) - Finland and Estonia ended the round.\n",
            D(2024, 6, 15),
        ),
        ("Talks\nTURKU, June 20 (Nordwire) - The second round opened here.\n", None),
        ("Talks\nTALLINN, June 14 (Nordwire) - The second round opened on Friday.\n", None),
        ("Talks\nTURKU, June 14 (Nordwire) - Delegates had lunch.\n", None),  # one cue only
        # D4: a relative day with the round named twice over (ordinal and place)
        ("Talks\nThe second round in Turku opened yesterday, Friday.\n", D(2024, 6, 15)),
        (
            "Talks\nThe second round of talks in Turku opened on Friday, officials said.\n",
            D(2024, 6, 14),
        ),
        (
            "Talks\nTURKU (Nordwire) — Delegations met here on Friday and agreed a truce.\n",
            D(2024, 6, 14),
        ),
        ("Talks\nLaine recalled the Turku round.\n", None),
        ("Talks\nThe delegations met on Friday.\n", None),
        ("Talks\nThe second round in Turku opened on Monday.\n", None),  # wrong weekday
        ("Talks\nThe second round in Turku opened last Friday.\n", None),
        # the text reaches past that day: the round is old news
        (
            "Talks\nThe second round in Turku opened on Friday. A third is set for July 2.\n",
            None,
        ),
    ],
)
def test_hard_cases_publication_dates(text: str, expected: dt.date | None) -> None:
    assert _published(text) == expected


def test_date_line_further_down_under_captions() -> None:
    # D2: headline, teaser, three long captions, then the date line ~700 characters in
    caption = "Photo: delegates walk past the flags of the two countries at the venue. " * 3
    for line in ("18 May 2024", "By Ona Petraitė | 18 May 2024, 19:41"):
        text = (
            f"Talks resume\nThe teaser says more.\n{caption}\n{caption}\n{caption}\n{line}\nBody."
        )
        assert text.index(line) > 600
        found = dateline(text)
        assert found is not None and found[0] == D(2024, 5, 18)
        assert found[1].of(text) == "18 May 2024"


def test_several_date_lines_further_down_are_posts_not_the_article_date() -> None:
    filler = "Photo: delegates walk past the flags of the two countries at the venue. " * 6
    text = f"Roundup\n{filler}\n18 May 2024\nPost one.\n19 May 2024\nPost two.\n"
    assert dateline(text) is None


def test_a_date_line_far_down_must_be_a_date_or_byline_line() -> None:
    filler = "Photo: delegates walk past the flags of the two countries at the venue. " * 6
    text = f"Talks\n{filler}\nTalks on 18 May 2024 in Turku\nBody.\n"
    assert dateline(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks\nGOMEL REGION, Belarus, Feb 28, 2022 (Nordwire) - Talks began.\n", D(2022, 2, 28)),
        ("Talks\nTUNXI, Anhui, March 30, 2022 (Xinhua) -- Ministers met.\n", D(2022, 3, 30)),
        ("Talks\nThe Talks Began On 3 March 2022 in Turku.\n", None),
    ],
)
def test_place_datelines_of_several_words(text: str, expected: dt.date | None) -> None:
    found = dateline(text)
    assert (found[0] if found else None) == expected
