"""Positions: the general shapes behind the devset misses (own sentences, shipped lexicon):
sibling prepositions, list-item heads, attributive cue words, adverbials and addressees,
coordinated commitments, demands voiced by a speaker, documents as implicit subjects,
"agreed with X", open questions, until-clauses, preconditions, relative clauses."""

from __future__ import annotations

import pytest

from extract_helpers import Triple, check_positions
from extract_helpers import positions_in as positions
from talks.lexicon import Lexicon, load


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load()


CASES: list[tuple[str, set[Triple], set[Triple]]] = [
    # a coordinated preposition goes back to the cue that took it
    (
        "Estonia insists on a pullout of Russian forces and on respect for the territorial "
        "integrity of Ukraine.",
        {("Estonia", "territorial_integrity", "support")},
        {("Estonia", "territorial_integrity", "oppose")},
    ),
    (
        "Kyiv calls for an end to the shelling and for security guarantees.",
        {("Ukraine", "security_guarantees", "support")},
        set(),
    ),
    # a cue heading an earlier list item governs only its item
    (
        "Podolyak said the position of Kyiv was unchanged: a truce, withdrawal of troops and "
        "strong security guarantees.",
        set(),
        {("Ukraine", "security_guarantees", "oppose")},
    ),
    # an attributive cue word is part of the noun phrase
    (
        "Moscow would tie a possible truce to new elections in Ukraine.",
        set(),
        {("Russia", "ceasefire", "support")},
    ),
    # adverbials between the subject and its verb
    (
        "Russia as before insists on the demilitarisation of Ukraine.",
        {("Russia", "demilitarization", "support")},
        set(),
    ),
    (
        "Poland once again urged a ceasefire.",
        {("Poland", "ceasefire", "support")},
        set(),
    ),
    # the person spoken to holds nothing
    (
        "The Kremlin said Putin had told French President Emmanuel Macron that a deal was "
        "possible only if Kyiv accepted a neutral status.",
        {("Russia", "neutrality", "support")},
        {("France", "neutrality", "support"), ("Ukraine", "neutrality", "support")},
    ),
    # a coordinated commitment shares its subject
    (
        "Kyiv said Ukraine would not join any military bloc and would remain a non-nuclear state.",
        {("Ukraine", "nato", "oppose"), ("Ukraine", "nuclear_status", "support")},
        set(),
    ),
    # a demand on another party, in the speaker's words, is the speaker's
    (
        "According to Lavrov, Ukraine must never acquire nuclear weapons.",
        {("Russia", "nuclear_status", "support")},
        set(),
    ),
    # with no subject of its own, a document's clause belongs to the last document named
    (
        "According to the Russian memorandum, talks would resume in June. "
        "The second section provides for the neutrality of Ukraine.",
        {("Russia", "neutrality", "support")},
        set(),
    ),
    # "agreed with X that": both hold it
    (
        "Putin said he agreed with Trump that Ukraine's security should be guaranteed.",
        {
            ("Russia", "security_guarantees", "support"),
            ("United States", "security_guarantees", "support"),
        },
        set(),
    ),
    # an open question states no view
    (
        "Peskov would not say whether Moscow accepted the idea of a truce.",
        set(),
        {("Russia", "ceasefire", "support")},
    ),
    # an until-clause is a condition, not the view of its subject
    (
        "Britain will keep its sanctions until Russia stops the war.",
        {("United Kingdom", "sanctions", "support")},
        {("Russia", "ceasefire", "oppose"), ("Russia", "ceasefire", "support")},
    ),
    # "not sufficient for" states a precondition, not a rejection
    (
        "Peskov said the draft was not sufficient for a meeting between Putin and Zelensky.",
        {("Russia", "leaders_meeting", "support")},
        {("Russia", "leaders_meeting", "oppose")},
    ),
    # refusing to discuss a change is a stance on it
    (
        "Kyiv refused to discuss any change to its borders.",
        {("Ukraine", "territorial_integrity", "support")},
        set(),
    ),
    # an object relative clause names its holders
    (
        "Moscow ignored the truce that Kyiv and Paris have been demanding.",
        {("Ukraine", "ceasefire", "support"), ("France", "ceasefire", "support")},
        set(),
    ),
    # coordination across an article
    (
        "Britain and the European Union threatened new sanctions.",
        {("United Kingdom", "sanctions", "support"), ("European Union", "sanctions", "support")},
        set(),
    ),
    # "block" as a noun is no veto
    (
        "Negotiators worked through the political block of a settlement and a truce.",
        set(),
        {("Ukraine", "ceasefire", "oppose"), ("Russia", "ceasefire", "oppose")},
    ),
    # plural and singular forms
    (
        "Moscow again proposed short truces to collect the wounded.",
        {("Russia", "ceasefire", "support")},
        set(),
    ),
    # sanctions wordings
    (
        "Western governments moved to cut several Russian banks off SWIFT.",
        {("West", "sanctions", "support")},
        set(),
    ),
    (
        "Washington wants the lifting of all sanctions on Russian fertiliser to wait.",
        set(),
        {("United States", "sanctions", "support")},
    ),
]


CASES += [
    # a judging verb with a predicate after its object
    (
        "Zelensky called the demand to withdraw from Donbas unacceptable.",
        {("Ukraine", "donbas", "oppose")},
        {("Ukraine", "donbas", "support")},
    ),
    ("Moscow views NATO expansion as a threat.", {("Russia", "nato", "oppose")}, set()),
    (
        "Kyiv described the offer of a truce as acceptable.",
        {("Ukraine", "ceasefire", "support")},
        set(),
    ),
    # more cue words
    (
        "Russia objects to European peacekeepers in Ukraine.",
        {("Russia", "foreign_bases", "oppose")},
        set(),
    ),
    (
        "The US has signalled it could ease sanctions if a deal is reached.",
        {("United States", "sanctions", "oppose")},
        set(),
    ),
    (
        "Germany warned that sanctions would remain until Russia withdraws.",
        {("Germany", "sanctions", "support")},
        set(),
    ),
    # a party word before a nominal cue holds it
    (
        "Kyiv has accepted a US proposal for a 30-day ceasefire.",
        {("Ukraine", "ceasefire", "support"), ("United States", "ceasefire", "support")},
        set(),
    ),
    # a negated modal governs the verbs it coordinates
    (
        "Finland said it would not recognise Crimea as Russian or host foreign bases.",
        {("Finland", "crimea", "oppose"), ("Finland", "foreign_bases", "oppose")},
        {("Finland", "foreign_bases", "support")},
    ),
    # the "that" of a clause points back to nothing
    (
        "Putin and Trump discussed a summit between the two leaders. "
        "Waltz signalled that Kyiv would face hard choices.",
        set(),
        {("United States", "leaders_meeting", "support")},
    ),
]


CASES += [
    # a precondition after the clause's own cue: "if …", "before …"
    (
        "Moscow said it would only agree to a Black Sea truce if sanctions on its banks were "
        "lifted.",
        {("Russia", "ceasefire", "support"), ("Russia", "sanctions", "oppose")},
        {("Russia", "sanctions", "support")},
    ),
    (
        "Kyiv has ruled out any meeting with Putin before a ceasefire.",
        {("Ukraine", "leaders_meeting", "oppose"), ("Ukraine", "ceasefire", "support")},
        {("Ukraine", "ceasefire", "oppose")},
    ),
    # "X and its allies": X holds it; "the US and its allies" are the West
    (
        "Kyiv and its allies have called for an unconditional ceasefire.",
        {("Ukraine", "ceasefire", "support")},
        set(),
    ),
    (
        "The US and its allies promised to keep up the pressure of sanctions.",
        {("West", "sanctions", "support")},
        set(),
    ),
    # adverbials and negations between a subject and its verb
    (
        "Washington no longer insists on Ukraine's NATO membership, officials said.",
        {("United States", "nato", "oppose")},
        set(),
    ),
    # more cue words
    (
        "Lavrov noted the importance of security guarantees for all sides.",
        {("Russia", "security_guarantees", "support")},
        set(),
    ),
    (
        "Kyiv fears that a ceasefire would let Russia regroup.",
        {("Ukraine", "ceasefire", "oppose")},
        set(),
    ),
    (
        "Europe is preparing to deploy a reassurance force.",
        {("European Union", "foreign_bases", "support")},
        set(),
    ),
    # a document named with its author between commas
    (
        "The plan, drawn up by Washington, would grant Russia control of Crimea.",
        {("United States", "crimea", "support")},
        set(),
    ),
]


CASES += [
    # embargoes and SWIFT
    ("Germany called for an embargo on Russian gas.", {("Germany", "sanctions", "support")}, set()),
    (
        "Moscow demanded that its farm bank be reconnected to SWIFT.",
        {("Russia", "sanctions", "oppose")},
        {("Russia", "sanctions", "support")},
    ),
    # a document named earlier frames a sentence: "Under the plan, …"
    (
        "The 20-point plan, drafted by U.S. envoys, leaked on Friday. "
        "Under the plan, Ukraine would be barred from joining NATO.",
        {("United States", "nato", "oppose")},
        {("Ukraine", "nato", "oppose")},
    ),
    (
        "Under the plan, Ukraine would be barred from joining NATO.",
        set(),
        {("Ukraine", "nato", "oppose")},
    ),
    # "X and its European allies": both hold it
    (
        "Ukraine and its European allies pushed back on the demand that Kyiv cede the Donbas.",
        {("Ukraine", "donbas", "oppose"), ("European Union", "donbas", "oppose")},
        {("Ukraine", "donbas", "support")},
    ),
    # a view dropped by its own holder is not also held
    (
        "Washington dropped its insistence on a full ceasefire.",
        {("United States", "ceasefire", "oppose")},
        {("United States", "ceasefire", "support")},
    ),
    (
        "Berlin would back further sanctions against Moscow.",
        {("Germany", "sanctions", "support")},
        set(),
    ),
]


CASES += [
    # a question, or a forecast of a view, states none
    ("Will Moscow accept European peacekeepers?", set(), {("Russia", "foreign_bases", "support")}),
    (
        "Analysts say Moscow is unlikely to accept a ceasefire before the summer.",
        set(),
        {("Russia", "ceasefire", "oppose"), ("Russia", "ceasefire", "support")},
    ),
    (
        "Russia is expected to reject the proposal for a truce.",
        set(),
        {("Russia", "ceasefire", "oppose")},
    ),
    # judgements as predicates
    (
        "Zakharova said Western peacekeepers in Ukraine would be absurd.",
        {("Russia", "foreign_bases", "oppose")},
        set(),
    ),
]


CASES += [
    # "only after X": X is a precondition the holder supports
    (
        "Kyiv said the guarantees would take effect only after a full ceasefire.",
        {("Ukraine", "ceasefire", "support")},
        set(),
    ),
    # a participle with an agent after the signal: the agent holds it too
    (
        "France is ready to contribute to the security guarantees requested by Ukraine.",
        {
            ("France", "security_guarantees", "support"),
            ("Ukraine", "security_guarantees", "support"),
        },
        set(),
    ),
    # "stressed that this …" is a clause, not a reference back to a proposal
    (
        "Putin and Zelensky could meet in Istanbul. He stressed that this operation was urgent.",
        set(),
        {("Russia", "leaders_meeting", "support"), ("Ukraine", "leaders_meeting", "support")},
    ),
]


@pytest.mark.parametrize(("text", "expected", "absent"), CASES)
def test_shape(text: str, expected: set[Triple], absent: set[Triple], lexicon: Lexicon) -> None:
    check_positions(text, lexicon, expected, absent)


def test_precondition_is_conditional(lexicon: Lexicon) -> None:
    found = positions(
        "Peskov said the draft was not sufficient for a meeting between Putin and Zelensky.",
        lexicon,
    )
    meeting = [p for p in found if p.topic == "leaders_meeting"]
    assert meeting and all(p.conditional for p in meeting)


LIST_TEXT = """Peskov said Russia would halt its offensive if Ukraine:
• changed its constitution to enshrine neutrality;
• acknowledged Crimea as Russian territory;
• recognised the separatist republics of Donetsk and Luhansk as independent states.

The 20-point U.S. plan includes:
- Ukraine would renounce NATO membership;
- no foreign troops in Ukraine;
- Ukraine's armed forces capped at 600,000.
"""


def test_list_items_take_the_holder_and_condition_of_their_intro(lexicon: Lexicon) -> None:
    found = positions(LIST_TEXT, lexicon)
    got = {(p.actor, p.topic, p.stance, p.conditional) for p in found}
    assert {
        ("Russia", "neutrality", "support", True),
        ("Russia", "crimea", "support", True),
        ("Russia", "donbas", "support", True),
        ("United States", "nato", "oppose", False),
        ("United States", "foreign_bases", "oppose", False),
        ("United States", "demilitarization", "support", False),
    } <= got
    # the items' own subjects hold nothing: the plan speaks for its author
    assert not {p for p in found if p.actor == "Ukraine"}


def test_a_list_without_a_holder_in_its_intro_is_read_as_usual(lexicon: Lexicon) -> None:
    found = positions("Key points:\n- Kyiv rejects any ceasefire.\n", lexicon)
    assert {(p.actor, p.topic, p.stance) for p in found} == {("Ukraine", "ceasefire", "oppose")}
