"""Speaker lookup (aliases, transliterations, scraping damage) and sides read off phrases."""

from __future__ import annotations

import pytest

from talks.extract.speakers import SpeakerIndex, fold, side_from_phrase, skeleton
from talks.lexicon import Lexicon, Role, SpeakerEntry, shipped

SPEAKERS = [
    SpeakerEntry(
        name="Volodymyr Zelensky",
        side="Ukraine",
        aliases=["Zelensky", "Zelenskyy", "Volodymyr Zelenskyy"],
        roles=[Role(title="Ukrainian president")],
    ),
    SpeakerEntry(name="Sergei Lavrov", side="Russia", aliases=["Lavrov"]),
    SpeakerEntry(name="Dmitry Peskov", side="Russia", aliases=["Peskov", "Dmitri Peskov"]),
    SpeakerEntry(name="Recep Tayyip Erdoğan", side="Turkey", aliases=["Erdoğan"]),
    SpeakerEntry(name="Kremlin", side="Russia", kind="group", aliases=["the Kremlin"]),
    # two people sharing an alias: the alias names neither
    SpeakerEntry(name="Ivan Petrov", side="Russia", aliases=["Petrov"]),
    SpeakerEntry(name="Oleg Petrov", side="Ukraine", aliases=["Petrov"]),
]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return shipped().model_copy(update={"speakers": SPEAKERS})


@pytest.fixture(scope="module")
def index(lexicon: Lexicon) -> SpeakerIndex:
    return SpeakerIndex.for_lexicon(lexicon)


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Zelensky", "Volodymyr Zelensky"),
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Zelenskiy", "Volodymyr Zelensky"),  # transliteration variants
        ("Zelenski", "Volodymyr Zelensky"),
        ("zelensky", "Volodymyr Zelensky"),
        ("Zelensky's", "Volodymyr Zelensky"),
        ("Zelensky’s", "Volodymyr Zelensky"),
        ("Zelenskyhas", "Volodymyr Zelensky"),  # a word glued on by scraping damage
        ("Volodymyr Zelenskyhas", "Volodymyr Zelensky"),
        ("Vladimir Zelensky", "Volodymyr Zelensky"),  # same initial: a spelling of the name
        ("President Zelensky", "Volodymyr Zelensky"),
        ("Sergey Lavrov", "Sergei Lavrov"),
        ("Sergej Lavrov", "Sergei Lavrov"),
        ("Dimitri Peskov", "Dmitry Peskov"),
        ("Dmitriy Peskov", "Dmitry Peskov"),
        ("Mr. Peskov", "Dmitry Peskov"),
        ("Peskow", "Dmitry Peskov"),
        ("Erdogan", "Recep Tayyip Erdoğan"),  # diacritics folded
        ("the Kremlin", "Kremlin"),
        ("Kremlin", "Kremlin"),
        ("Melania Zelensky", None),  # another first name: another person
        ("Petrov", None),  # ambiguous alias
        ("Timofeev", None),
        ("Smith", None),
        ("", None),
    ],
)
def test_resolve(index: SpeakerIndex, mention: str, expected: str | None) -> None:
    entry = index.resolve(mention)
    assert (entry.name if entry else None) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zelenskyy", "Volodymyr Zelensky"),
        ("Lavrov", "Sergei Lavrov"),
        ("DIMITRI PESKOV", "Dmitry Peskov"),
        ("erdogan", "Recep Tayyip Erdoğan"),
        ("Nobody Known", None),
    ],
)
def test_canonical(index: SpeakerIndex, query: str, expected: str | None) -> None:
    assert index.canonical(query) == expected


def test_index_is_cached_per_lexicon(lexicon: Lexicon) -> None:
    assert SpeakerIndex.for_lexicon(lexicon) is SpeakerIndex.for_lexicon(lexicon)
    other = lexicon.model_copy(update={"speakers": SPEAKERS[:1]})
    assert SpeakerIndex.for_lexicon(other) is not SpeakerIndex.for_lexicon(lexicon)
    assert SpeakerIndex.for_lexicon(other).resolve("Lavrov") is None


def test_index_works_on_an_empty_lexicon() -> None:
    index = SpeakerIndex.for_lexicon(Lexicon())
    assert index.resolve("Zelensky") is None
    assert index.canonical("Zelensky") is None


@pytest.mark.parametrize(
    ("a", "b"),
    [("Zelenskyy", "Zelenskiy"), ("Zelensky", "Zelenskii"), ("Kharkiv", "Harkiv")],
)
def test_skeleton_joins_spellings(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def test_fold() -> None:
    assert fold("Erdoğan’s  Office") == "erdogan's office"


@pytest.mark.parametrize(
    ("phrase", "side"),
    [
        ("Russian negotiator", "Russia"),
        ("Kremlin spokesman", "Russia"),
        ("Ukraine's President", "Ukraine"),
        ("Ukraine’s President", "Ukraine"),
        ("US envoy", "United States"),
        ("the head of the Russian delegation", "Russia"),
        ("Russian presidential aide and head of Russia’s negotiation team", "Russia"),
        ("Russian Foreign Ministry", "Russia"),
        ("Western officials", "West"),
        ("a source in the Ukrainian team", "Ukraine"),
        # independents: analysts, think tanks, outlets
        ("director of programmes at the Russian International Affairs Council", None),
        ("deputy director of the Commonwealth of Independent States Institute", None),
        ("Russian analyst", None),
        ("the influential US daily", None),
        ("Washington Post", None),
        ("a spokesman", None),
    ],
)
def test_side_from_phrase(lexicon: Lexicon, phrase: str, side: str | None) -> None:
    assert side_from_phrase(phrase, lexicon=lexicon) == side
