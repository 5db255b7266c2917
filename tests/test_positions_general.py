"""Positions: general constructions that reach past the seed wording (own sentences)."""

from __future__ import annotations

import pytest

from extract_helpers import Triple, position_triples
from talks.lexicon import Lexicon, load


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load()


def triples(text: str, lexicon: Lexicon) -> set[Triple]:
    return position_triples(text, lexicon, headline=False)


CASES: list[tuple[str, Triple]] = [
    # one demand verb governs every item of a list
    (
        "The Kremlin insists on the annexation of Crimea, a neutral status for Ukraine, "
        "caps on Ukraine's army and an end to Western sanctions.",
        ("Russia", "neutrality", "support"),
    ),
    (
        "Moscow wants recognition of Crimea as Russian, neutrality for its neighbour and "
        "strict limits on the size of Ukraine's armed forces.",
        ("Russia", "demilitarization", "support"),
    ),
    (
        "Kyiv demands the return of Crimea, reliable security guarantees and membership "
        "in the European Union.",
        ("Ukraine", "eu_membership", "support"),
    ),
    (
        "Russia wants its neighbour to stay neutral and demilitarised.",
        ("Russia", "neutrality", "support"),
    ),
    # a long list: every item without a cue of its own takes the list's governor
    (
        "The Russian side insists on formal recognition of the annexed regions as Russian "
        "territory, a guarantee of Ukraine's non-aligned status, an international ban on any "
        "foreign military bases in the country, strict limits on the size of Ukraine's army "
        "and the removal of Western sanctions.",
        ("Russia", "sanctions", "oppose"),
    ),
    (
        "Beijing backs a ceasefire along the current lines, talks without preconditions and "
        "a gradual easing of sanctions on Russia.",
        ("China", "sanctions", "oppose"),
    ),
    # "never" heads a coordinated clause of its own
    (
        "Kyiv would give up its NATO bid and never build nuclear weapons.",
        ("Ukraine", "nuclear_status", "support"),
    ),
    # modal requirements and other meeting wordings
    (
        "British officials have said any settlement must include firm security guarantees.",
        ("United Kingdom", "security_guarantees", "support"),
    ),
    (
        "Putin is willing to sit down with his Ukrainian counterpart, the Kremlin said.",
        ("Russia", "leaders_meeting", "support"),
    ),
    (
        "Turkey invited Putin to a summit in Istanbul.",
        ("Turkey", "leaders_meeting", "support"),
    ),
    # a document is held by its author
    (
        "The American-drafted framework would require Kyiv to abandon any claim to Donetsk.",
        ("United States", "donbas", "support"),
    ),
    (
        "The Russian memorandum calls for a ban on foreign troops in Ukraine.",
        ("Russia", "foreign_bases", "oppose"),
    ),
    # leaders meeting
    (
        "Zelensky said he was ready to meet his Russian counterpart at any time.",
        ("Ukraine", "leaders_meeting", "support"),
    ),
    (
        "Peskov said a meeting between Putin and Zelensky could take place only after a deal.",
        ("Russia", "leaders_meeting", "support"),
    ),
    (
        "The Kremlin said Putin was prepared to talk to Trump by phone next week.",
        ("Russia", "leaders_meeting", "support"),
    ),
    # territory
    (
        "Ukraine will never give up land to the aggressor, Sybiha said.",
        ("Ukraine", "territorial_integrity", "support"),
    ),
    (
        "Moscow demands that Kyiv pull its forces out of the southern regions it still holds.",
        ("Russia", "territorial_integrity", "oppose"),
    ),
    (
        "Trump suggested that the two sides could swap territory as part of a settlement.",
        ("United States", "territorial_integrity", "oppose"),
    ),
    # foreign troops
    (
        "Britain said it was ready to put troops on the ground in Ukraine after a truce.",
        ("United Kingdom", "foreign_bases", "support"),
    ),
    (
        "Lavrov said Russia would never accept soldiers from NATO countries stationed in Ukraine.",
        ("Russia", "foreign_bases", "oppose"),
    ),
    # sanctions wording
    (
        "Washington is considering whether to ease sanctions, but Kyiv opposes any plan "
        "to lift sanctions on Moscow.",
        ("Ukraine", "sanctions", "support"),
    ),
    (
        "The Kremlin wants Washington to lift sanctions on Russian banks.",
        ("Russia", "sanctions", "oppose"),
    ),
    (
        "Germany proposed new sanctions against Russian oil exports.",
        ("Germany", "sanctions", "support"),
    ),
    (
        "Hungary declined to back further sanctions on Moscow.",
        ("Hungary", "sanctions", "oppose"),
    ),
    # stance flips
    (
        "Kyiv pledged that Ukraine would never develop nuclear weapons.",
        ("Ukraine", "nuclear_status", "support"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_general_position(text: str, expected: Triple, lexicon: Lexicon) -> None:
    assert expected in triples(text, lexicon)


NOT_CASES: list[tuple[str, Triple]] = [
    # the occupier leaving occupied land is no territorial concession
    (
        "Kyiv demands that Russia withdraw its troops from the occupied territories.",
        ("Ukraine", "territorial_integrity", "oppose"),
    ),
    # a topic word with no stance cue states no view
    (
        "Sanctions on Russian banks were debated in Brussels on Monday.",
        ("European Union", "sanctions", "support"),
    ),
    # an item with its own cue keeps that cue: the ban is on bases, not on the army size
    (
        "Moscow wants a ban on foreign bases in Ukraine and limits on Ukraine's army.",
        ("Russia", "demilitarization", "oppose"),
    ),
    # a past event is not a stance
    (
        "The last meeting between Putin and Trump took place in Alaska.",
        ("Russia", "leaders_meeting", "support"),
    ),
    # "any plan" after a subject does not swallow the subject's verb
    (
        "Warsaw rejects any plan to lift sanctions on Moscow.",
        ("Poland", "sanctions", "oppose"),
    ),
]


@pytest.mark.parametrize(("text", "absent"), NOT_CASES)
def test_no_general_position(text: str, absent: Triple, lexicon: Lexicon) -> None:
    assert absent not in triples(text, lexicon)
