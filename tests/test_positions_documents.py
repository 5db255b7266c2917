"""Documents hold their author's positions (GUIDELINES), and joint statements hold each
author's: the shapes real explainers and wire copy use, in sentences of our own.

- a plan's contents listed under headings after the plan is named ("What we know:
  Territory • … • …"), or under a colon intro that refers back ("According to the text:");
- the author named by an authoring verb ("Tallinn put forward a draft"), by a by-phrase
  with a title ("drafted by envoy …"), and kept across an aside ("The plan, drafted by X
  after talks with Y, would …");
- a statement by several parties: one position for each ("Warsaw and Tallinn said …",
  "A together with the leaders of B and C said …", and "they said" after them);
- a list run on after a colon in one sentence ("Moscow's demands are clear: a neutral
  Ukraine, no NATO membership and …"): the intro's holder, each item's own stance.

Near misses give the author nothing: an item that voices its own view (a critic's),
questions, hypothetical deals, a place named in passing, and a list too far from the
plan.
"""

from __future__ import annotations

import pytest

from extract_helpers import Triple, check_positions
from extract_helpers import position_triples as triples
from talks.lexicon import Lexicon, load


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load([])


EXPLAINER = """Helsinki's draft was handed to Kyiv on Monday. Diplomats said it was long.

Here is what we know.

Army
• Ukraine's army would be capped at 300,000 troops.
• Ukraine would never join NATO.

Land
• A truce would start at once.
• Moscow said it would reject any truce.
"""

# (text, positions that must be found, positions that must not)
FOUND: list[tuple[str, set[Triple], set[Triple]]] = [
    # --- a document's contents under headings: the author's; an item's own voice its own
    (
        EXPLAINER,
        {
            ("Finland", "demilitarization", "support"),
            ("Finland", "nato", "oppose"),
            ("Finland", "ceasefire", "support"),
            ("Russia", "ceasefire", "oppose"),
        },
        {("Ukraine", "nato", "oppose"), ("Finland", "ceasefire", "oppose")},
    ),
    (
        "The Polish blueprint reached Kyiv late on Sunday.\n\nWhat it says\n"
        "- Kyiv would stay out of NATO for twenty years\n"
        "- No foreign troops would be deployed in Ukraine\n",
        {("Poland", "nato", "oppose"), ("Poland", "foreign_bases", "oppose")},
        {("Ukraine", "nato", "oppose")},
    ),
    # --- a colon intro that refers back to the document ---------------------------------
    (
        "Warsaw tabled a framework for a settlement on Monday. According to the text:\n"
        "• Kyiv would stay out of NATO.\n"
        "• Foreign troops would not be deployed in Ukraine.\n",
        {("Poland", "nato", "oppose"), ("Poland", "foreign_bases", "oppose")},
        {("Ukraine", "nato", "oppose")},
    ),
    # --- the author named by an authoring verb, then "the draft" ------------------------
    (
        "Tallinn put forward a new draft on Friday. The draft calls for a truce.",
        {("Estonia", "ceasefire", "support")},
        set(),
    ),
    (
        "Minsk has presented a revised memorandum. The memorandum would require Kyiv to cap "
        "its army.",
        {("Belarus", "demilitarization", "support")},
        set(),
    ),
    # --- a document as the subject of a predicate signal: it lays the proposition down ---
    (
        "Warsaw's draft was sent to Kyiv on Monday. The plan caps Ukraine's army at 250,000.",
        {("Poland", "demilitarization", "support")},
        set(),
    ),
    (
        "The Estonian blueprint circulated on Friday. The blueprint also limits Kyiv's army.",
        {("Estonia", "demilitarization", "support")},
        set(),
    ),
    # --- the author across an aside between commas --------------------------------------
    (
        "The plan, drafted by Polish officials after talks with Belarusian envoys, would "
        "require Kyiv to cap its army.",
        {("Poland", "demilitarization", "support")},
        {("Belarus", "demilitarization", "support")},
    ),
    (
        "Tallinn's plan was leaked on Monday. The plan, written after long talks with Minsk, "
        "would oblige Kyiv to give up its NATO bid.",
        {("Estonia", "nato", "oppose")},
        {("Belarus", "nato", "oppose")},
    ),
    # --- joint statements: each author holds each position -------------------------------
    (
        "Warsaw and Tallinn said in a joint statement that borders must not be changed by force.",
        {
            ("Poland", "territorial_integrity", "support"),
            ("Estonia", "territorial_integrity", "support"),
        },
        set(),
    ),
    (
        "Poland, Estonia and Finland said in a joint statement that they rejected any limits "
        "on Ukraine's army.",
        {
            ("Poland", "demilitarization", "oppose"),
            ("Estonia", "demilitarization", "oppose"),
            ("Finland", "demilitarization", "oppose"),
        },
        set(),
    ),
    (
        "European leaders together with the leaders of Poland and Finland met in Rome on "
        "Saturday and said in a statement that talks must go on. "
        '"We are clear that borders must not be changed by force," they said.',
        {
            ("European Union", "territorial_integrity", "support"),
            ("Poland", "territorial_integrity", "support"),
            ("Finland", "territorial_integrity", "support"),
        },
        set(),
    ),
    (
        '"Borders must not be changed by force," Poland and Estonia said in a joint statement.',
        {
            ("Poland", "territorial_integrity", "support"),
            ("Estonia", "territorial_integrity", "support"),
        },
        set(),
    ),
    # --- lists run on after a colon: each item in its own words ---------------------------
    (
        "Minsk's demands are plain: a neutral Ukraine, no NATO membership and recognition of "
        "Crimea as Russian.",
        {
            ("Belarus", "neutrality", "support"),
            ("Belarus", "nato", "oppose"),
            ("Belarus", "crimea", "support"),
        },
        {("Belarus", "crimea", "oppose")},
    ),
    (
        "Tallinn's own red lines are unchanged: no limits on Ukraine's army, and security "
        "guarantees before any deal.",
        {("Estonia", "demilitarization", "oppose"), ("Estonia", "security_guarantees", "support")},
        {("Estonia", "demilitarization", "support")},
    ),
    (
        "Warsaw wants three things: a truce, security guarantees for Kyiv and no limits on its "
        "army.",
        {
            ("Poland", "ceasefire", "support"),
            ("Poland", "security_guarantees", "support"),
            ("Poland", "demilitarization", "oppose"),
        },
        set(),
    ),
    (  # the clause before the colon holds the list, not a fronted phrase
        "As for Warsaw's call for a truce, the Estonian side listed its demands: security "
        "guarantees for Kyiv.",
        {("Estonia", "security_guarantees", "support")},
        {("Poland", "security_guarantees", "support")},
    ),
    # --- a subject with a relative clause holds the view of its pronoun --------------------
    (
        "Minsk, which hosts the talks, says it backs a truce.",
        {("Belarus", "ceasefire", "support")},
        set(),
    ),
    (  # a concern voiced jointly: each author opposes
        'Poland and Estonia said in a statement: "We are also concerned by the proposed '
        "limitations on Ukraine's armed forces.\"",
        {("Poland", "demilitarization", "oppose"), ("Estonia", "demilitarization", "oppose")},
        set(),
    ),
    (
        "Tallinn's plan would require Kyiv to hand over the eastern Donbas.",
        {("Estonia", "donbas", "support")},
        set(),
    ),
    # --- near misses --------------------------------------------------------------------
    (  # "denied it" answers the sentence before (a report), not a plan named earlier
        "Tallinn's plan would require Kyiv to hand over the eastern Donbas. "
        "Senators said Warsaw had called the text a wish list. Warsaw denied it.",
        {("Estonia", "donbas", "support")},
        {("Poland", "donbas", "oppose")},
    ),
    (  # the critic's stance is the critic's, not the author's
        "Helsinki's plan was published on Monday.\n\nReactions\n• Warsaw rejects any truce.\n",
        {("Poland", "ceasefire", "oppose")},
        {("Finland", "ceasefire", "oppose"), ("Finland", "ceasefire", "support")},
    ),
    (  # an item on someone's authority is theirs, not the document's
        "Tallinn's plan was published on Monday.\n\nKey points\n"
        "• According to Warsaw, a truce is impossible now.\n",
        set(),
        {("Estonia", "ceasefire", "oppose")},
    ),
    (  # someone met with a speaker is no co-author
        "Warsaw said, after talks with Tallinn, that a truce was needed.",
        {("Poland", "ceasefire", "support")},
        {("Estonia", "ceasefire", "support")},
    ),
]


@pytest.mark.parametrize(("text", "expected", "absent"), FOUND)
def test_document_and_joint_positions(
    text: str, expected: set[Triple], absent: set[Triple], lexicon: Lexicon
) -> None:
    check_positions(text, lexicon, expected, absent)


NOTHING: list[str] = [
    # a plan merely named: its list of questions and hypotheticals holds nothing
    "Finland's plan was published on Monday.\n\nOpen questions\n"
    "• Would Ukraine give up its NATO bid?\n"
    "• A deal in which Kyiv would accept a truce is far off.\n",
    # a place named in passing is no view of its status
    "Finland's plan was published on Monday.\n\nDetails\n"
    "• Crimea would be the subject of long consultations.\n",
    # a list after a colon with no holder
    "The agenda: a truce, guarantees and the future of Crimea.",
    # a plan with no named author holds nothing
    "A plan was handed over on Monday.\n\nWhat it says\n• A truce would start at once.\n",
]


@pytest.mark.parametrize("text", NOTHING)
def test_no_document_position(text: str, lexicon: Lexicon) -> None:
    assert triples(text, lexicon) == set()


def test_a_list_far_from_the_plan_is_not_its_contents(lexicon: Lexicon) -> None:
    text = (
        "Finland's plan was published on Monday.\n\n"
        "Warsaw said talks would go on.\n\nTallinn said the same.\n\nMinsk was silent.\n\n"
        "Details\n• Ukraine would never join NATO.\n"
    )
    got = triples(text, lexicon)
    assert ("Finland", "nato", "oppose") not in got


def test_the_same_list_near_the_plan_is(lexicon: Lexicon) -> None:
    text = "Finland's plan was published on Monday.\n\nDetails\n• Ukraine would never join NATO.\n"
    assert ("Finland", "nato", "oppose") in triples(text, lexicon)
