"""Positions: every example of HARD-CASES.md section 6 (P1-P9), plus paraphrases of our
own (other parties, other words, same shape), so that each rule is a shape, not a string.

The people are the HARD-CASES test lexicon, given as a user lexicon over the shipped one;
the parties (Poland, Estonia, Finland, Belarus) are shipped. Each text starts with
"Talks went on." because a first line is read as a headline.
"""

from __future__ import annotations

import pytest

from extract_helpers import Triple, check_positions
from extract_helpers import position_triples as triples
from extract_helpers import positions_in as positions
from talks.lexicon import Lexicon, load

TEST_LEXICON = """
speakers:
  - {name: Jan Kowalski, side: Poland, aliases: [Kowalski],
     roles: [{title: Polish deputy foreign minister}]}
  - {name: Liisa Tamm, side: Estonia, aliases: [Tamm], roles: [{title: Estonian foreign minister}]}
  - {name: Mikko Laine, side: Finland, aliases: [Laine]}
  - {name: Marek Wrona, side: Poland, aliases: [Wrona], roles: [{title: Polish president}]}
"""


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> Lexicon:
    path = tmp_path_factory.mktemp("lex") / "people.yaml"
    path.write_text(TEST_LEXICON, encoding="utf-8")
    return load([path])


# (text, positions that must be found, positions that must not)
FOUND: list[tuple[str, set[Triple], set[Triple]]] = [
    # --- P1 lexicon gaps -------------------------------------------------------------
    (
        "Minsk demands formal international recognition of Crimea as Russian and a truce.",
        {("Belarus", "crimea", "support"), ("Belarus", "ceasefire", "support")},
        set(),
    ),
    (
        "Tallinn seeks full legal recognition of Donetsk and Luhansk as independent states.",
        {("Estonia", "donbas", "support")},
        set(),
    ),
    ("Warsaw requested a truce.", {("Poland", "ceasefire", "support")}, set()),
    ("Helsinki requests a ceasefire.", {("Finland", "ceasefire", "support")}, set()),
    (
        "The talks, which Warsaw hopes will bring a truce, start today.",
        {("Poland", "ceasefire", "support")},
        set(),
    ),
    (
        "The meeting, which Tallinn hopes can yield a ceasefire, opens on Monday.",
        {("Estonia", "ceasefire", "support")},
        set(),
    ),
    (
        "Tallinn urged sanctions against Moscow.",
        {("Estonia", "sanctions", "support")},
        {("Estonia", "sanctions", "oppose")},
    ),
    (
        "Helsinki urges tougher sanctions against Russia.",
        {("Finland", "sanctions", "support")},
        {("Finland", "sanctions", "oppose")},
    ),
    ("Warsaw's priority is a truce.", {("Poland", "ceasefire", "support")}, set()),
    ("Tallinn's goal is a ceasefire.", {("Estonia", "ceasefire", "support")}, set()),
    (
        "Warsaw floated the idea of a truce.",
        {("Poland", "ceasefire", "support")},
        set(),
    ),
    (
        "Helsinki has floated the idea of security guarantees for Kyiv.",
        {("Finland", "security_guarantees", "support")},
        set(),
    ),
    (
        "Helsinki's reluctance to accept a truce has slowed the talks.",
        {("Finland", "ceasefire", "oppose")},
        {("Finland", "ceasefire", "support")},
    ),
    (
        "Warsaw's reluctance to back a ceasefire was noted.",
        {("Poland", "ceasefire", "oppose")},
        {("Poland", "ceasefire", "support")},
    ),
    (
        "Tallinn resists any foreign military presence in Ukraine.",
        {("Estonia", "foreign_bases", "oppose")},
        {("Estonia", "foreign_bases", "support")},
    ),
    (
        "Helsinki wants to end any foreign military presence in Ukraine.",
        {("Finland", "foreign_bases", "oppose")},
        {("Finland", "foreign_bases", "support")},
    ),
    (
        "Warsaw wants to stop sanctions on Moscow.",
        {("Poland", "sanctions", "oppose")},
        {("Poland", "sanctions", "support")},
    ),
    (
        "Warsaw said peacekeepers would be a threat to it.",
        {("Poland", "foreign_bases", "oppose")},
        {("Poland", "foreign_bases", "support")},
    ),
    (
        "Minsk said foreign troops would pose a danger to the region.",
        {("Belarus", "foreign_bases", "oppose")},
        {("Belarus", "foreign_bases", "support")},
    ),
    (
        "Tallinn rejects a demilitarized Ukraine.",
        {("Estonia", "demilitarization", "oppose")},
        set(),
    ),
    (
        "Warsaw opposes a disarmed Ukraine.",
        {("Poland", "demilitarization", "oppose")},
        set(),
    ),
    (
        "Helsinki insists Kyiv be free to join military alliances.",
        {("Finland", "nato", "support")},
        set(),
    ),
    (
        "Warsaw insists that Ukraine must be free to join any alliance.",
        {("Poland", "nato", "support")},
        set(),
    ),
    (
        "Warsaw wants Kyiv's security guaranteed by third states.",
        {("Poland", "security_guarantees", "support")},
        set(),
    ),
    (
        "Tallinn wants Ukraine's security guaranteed by its allies.",
        {("Estonia", "security_guarantees", "support")},
        set(),
    ),
    # --- P2 a neutral cue inside a chain is transparent -------------------------------
    (
        "Helsinki is willing to discuss accepting a non-bloc status for Kyiv.",
        {("Finland", "neutrality", "support")},
        {("Finland", "neutrality", "oppose")},
    ),
    (
        "Warsaw is ready to consider accepting a truce.",
        {("Poland", "ceasefire", "support")},
        {("Poland", "ceasefire", "oppose")},
    ),
    # --- P3 the subject search stays inside its sentence ------------------------------
    (
        '"Helsinki asked us for patience. A truce is necessary now," '
        "said Estonian Foreign Minister Liisa Tamm.",
        {("Estonia", "ceasefire", "support")},
        {("Finland", "ceasefire", "support")},
    ),
    (
        '"Warsaw wants more time. A ceasefire is essential," said Tamm.',
        {("Estonia", "ceasefire", "support")},
        {("Poland", "ceasefire", "support")},
    ),
    # --- P4 documents hold their author's positions -----------------------------------
    (
        "A plan drafted by Finnish diplomats was handed over. Nobody replied. "
        "The document would oblige Kyiv to cap its army. It provides for security guarantees.",
        {("Finland", "demilitarization", "support"), ("Finland", "security_guarantees", "support")},
        set(),
    ),
    (
        "A memorandum written by Polish officials was circulated. "
        "The memorandum would require Kyiv to limit its army. It also provides for a truce.",
        {("Poland", "demilitarization", "support"), ("Poland", "ceasefire", "support")},
        set(),
    ),
    (
        "Tallinn's draft was published on Monday. The draft calls for a truce.",
        {("Estonia", "ceasefire", "support")},
        set(),
    ),
    # --- P5 holder in a by/from/of/for phrase, never the addressee -------------------
    (
        "The note revives an old offer from Tallinn to send peacekeepers.",
        {("Estonia", "foreign_bases", "support")},
        set(),
    ),
    (
        "The letter repeats a proposal by Warsaw to deploy peacekeepers.",
        {("Poland", "foreign_bases", "support")},
        set(),
    ),
    (
        "A key demand of Helsinki, backed by Warsaw, is a truce.",
        {("Finland", "ceasefire", "support"), ("Poland", "ceasefire", "support")},
        set(),
    ),
    (
        "The main demand of Tallinn is a ceasefire.",
        {("Estonia", "ceasefire", "support")},
        set(),
    ),
    (
        "Warsaw passed the Estonian side a request for a truce.",
        {("Poland", "ceasefire", "support")},
        {("Estonia", "ceasefire", "support")},
    ),
    (
        "Helsinki handed Polish diplomats a proposal for a ceasefire.",
        {("Finland", "ceasefire", "support")},
        {("Poland", "ceasefire", "support")},
    ),
    # --- P6 coordinated parties, also as a by-agent ----------------------------------
    (
        "A truce proposal by Helsinki and Warsaw is on the table.",
        {("Finland", "ceasefire", "support"), ("Poland", "ceasefire", "support")},
        set(),
    ),
    (
        "A truce, proposed by Helsinki and Warsaw, could start soon.",
        {("Finland", "ceasefire", "support"), ("Poland", "ceasefire", "support")},
        set(),
    ),
    (
        "A ceasefire plan backed by Tallinn and Minsk was tabled.",
        {("Estonia", "ceasefire", "support"), ("Belarus", "ceasefire", "support")},
        set(),
    ),
    (
        "Warsaw, Tallinn ready for truce",
        {("Poland", "ceasefire", "support"), ("Estonia", "ceasefire", "support")},
        set(),
    ),
    # --- P7 the innermost frame holds the actor --------------------------------------
    (
        "According to Tamm, Helsinki said it would accept a truce.",
        {("Finland", "ceasefire", "support")},
        {("Estonia", "ceasefire", "support")},
    ),
    (
        "Kowalski said Tallinn had agreed to a ceasefire.",
        {("Estonia", "ceasefire", "support")},
        {("Poland", "ceasefire", "support")},
    ),
    # --- P8 own commitments without a cue ---------------------------------------------
    (
        "Tallinn said it would send troops to Ukraine.",
        {("Estonia", "foreign_bases", "support")},
        set(),
    ),
    (
        '"We will send peacekeepers," Tamm said.',
        {("Estonia", "foreign_bases", "support")},
        set(),
    ),
    (
        "Warsaw said it will deploy troops in Ukraine.",
        {("Poland", "foreign_bases", "support")},
        set(),
    ),
    (
        '"We will deploy peacekeepers," Wrona said.',
        {("Poland", "foreign_bases", "support")},
        set(),
    ),
    # --- P9 precision guards -----------------------------------------------------------
    (
        "Helsinki offered to drop its bid in return for security guarantees.",
        {("Finland", "security_guarantees", "support")},
        {("Finland", "security_guarantees", "oppose")},
    ),
    (
        "Tallinn offered to give up its claim in exchange for a ceasefire.",
        {("Estonia", "ceasefire", "support")},
        {("Estonia", "ceasefire", "oppose")},
    ),
]


@pytest.mark.parametrize(("text", "expected", "absent"), FOUND)
def test_hard_case_position(
    text: str, expected: set[Triple], absent: set[Triple], lexicon: Lexicon
) -> None:
    check_positions(text, lexicon, expected, absent)


# texts that state no position at all (∅)
NOTHING: list[str] = [
    # P2 guards: discussing is no stance
    "Warsaw is willing to discuss a truce.",
    "The aim of the round was to discuss a truce.",
    "Tallinn is ready to consider a ceasefire.",
    # P4: a document with no named author holds nothing
    "A plan was handed over. The document would oblige Kyiv to cap its army.",
    # P7: a scope limit, not a rejection
    "According to Tamm, Helsinki said the guarantees would not cover the islands.",
    "Kowalski said the security guarantees would not apply to the islands.",
    # P9: a hypothetical deal
    "A settlement in which Minsk would accept a truce is within reach.",
    "A deal under which Tallinn would back a ceasefire is close.",
    # P9: a topic word as a modifier
    "Warsaw rejected the timetable of the truce talks.",
    "Helsinki criticised the format of the ceasefire negotiations.",
    # P9: a bare region name
    "Helsinki proposed a conference on Crimea's future.",
    "Warsaw suggested a forum on the Donbas economy.",
    # P9: an identity statement
    "Helsinki's offer is not a truce but a pause, Kowalski said.",
    "Tallinn's plan is not a ceasefire but a regrouping, Tamm said.",
]


@pytest.mark.parametrize("text", NOTHING)
def test_hard_case_no_position(text: str, lexicon: Lexicon) -> None:
    assert triples(text, lexicon) == set()


def test_if_clause_is_the_speakers_conditional_support(lexicon: Lexicon) -> None:
    for text in (
        "Talks are possible only if Minsk accepts a truce, Kowalski said.",
        "A summit can happen only if Tallinn agrees to a ceasefire, Wrona said.",
    ):
        found = positions(text, lexicon)
        got = {(p.actor, p.topic, p.stance, p.conditional) for p in found}
        assert ("Poland", "ceasefire", "support", True) in got
        assert not {p for p in found if p.actor in ("Belarus", "Estonia")}


def test_in_return_for_is_conditional(lexicon: Lexicon) -> None:
    found = positions(
        "Helsinki offered to drop its bid in return for security guarantees.", lexicon
    )
    sg = [p for p in found if p.topic == "security_guarantees"]
    assert sg and all(p.conditional for p in sg)


def test_reported_stance_has_no_holder(lexicon: Lexicon) -> None:
    found = positions("According to Tamm, Helsinki said it would accept a truce.", lexicon)
    fin = [p for p in found if p.actor == "Finland"]
    assert fin and all(p.holder is None for p in fin)


def test_commitment_in_a_quote_is_held_by_the_speaker(lexicon: Lexicon) -> None:
    found = positions('"We will send peacekeepers," Tamm said.', lexicon)
    assert [(p.actor, p.holder) for p in found] == [("Estonia", "Liisa Tamm")]
