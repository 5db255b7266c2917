"""Reported speech in general news copy, each shape on invented sentences: zero-that
clauses whose verb is no auxiliary, clauses opened by a title or a nominative pronoun,
attributions set between commas after a bare subject, relative-clause speakers and
speech acts whose object names a claim."""

from __future__ import annotations

import datetime as dt

import pytest

from extract_helpers import quotes_in
from talks.lexicon import Lexicon, shipped
from talks.models import Quote


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return shipped()


def quotes_of(text: str, lexicon: Lexicon) -> list[Quote]:
    return quotes_in(text, lexicon, published=dt.date(2024, 3, 1))


def indirect(quotes: list[Quote]) -> set[tuple[str, str]]:
    return {(q.speaker, q.text) for q in quotes if q.kind == "indirect"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # zero-that clause whose verb is a plain present or past form
        (
            "Ms. Okafor said the committee often delays votes until the last week.",
            {("Okafor", "the committee often delays votes until the last week")},
        ),
        (
            "Jonas Berg said the harbour authority's handling of the spill deserved an inquiry.",
            {("Jonas Berg", "the harbour authority's handling of the spill deserved an inquiry")},
        ),
        # a title's period inside the reported clause
        (
            "Both senators said Mrs. Alvarez was certain to win the primary.",
            {("senators", "Mrs. Alvarez was certain to win the primary")},
        ),
        (
            "The mayor's aide said Dr. Lindqvist would chair the panel next year.",
            {("mayor's aide", "Dr. Lindqvist would chair the panel next year")},
        ),
        # a nominative pronoun, alone or fused with its auxiliary, opens the clause
        (
            "Some farm lobbyists said they know which ministers to avoid.",
            {("farm lobbyists", "they know which ministers to avoid")},
        ),
        (
            "Local organisers say they've raised more money than last year.",
            {("Local organisers", "they've raised more money than last year")},
        ),
    ],
)
def test_zero_that_clauses(text: str, expected: set[tuple[str, str]], lexicon: Lexicon) -> None:
    got = indirect(quotes_of(text, lexicon))
    assert {t for _, t in got} == {t for _, t in expected}
    for speaker, _ in expected:  # the speaker's wording is kept (surname for a person)
        assert any(speaker.split()[-1].lower() in (s or "").lower() for s, _ in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun after the cue with a participle and a preposition is an object, no clause
        (
            "Ms. Okafor acknowledged the many practical difficulties involved in rebuilding"
            " the port.",
            set(),
        ),
        # "said he." closing a quotation takes no clause
        ("\u201cWe will wait,\u201d said he.", set()),
    ],
)
def test_no_clause(text: str, expected: set[tuple[str, str]], lexicon: Lexicon) -> None:
    assert indirect(quotes_of(text, lexicon)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the attribution between commas after a bare subject: both sides are the quote
        (
            "The new policy, she said, protects tenants from sudden rent increases.",
            "The new policy protects tenants from sudden rent increases",
        ),
        (
            "That approach, the analysts argued, ignores how small firms borrow.",
            "That approach ignores how small firms borrow",
        ),
        # an adjunct before the attribution is no part of the clause after it
        (
            "By then, they said, the council was already cutting its budget.",
            "the council was already cutting its budget",
        ),
    ],
)
def test_attribution_between_commas(text: str, expected: str, lexicon: Lexicon) -> None:
    assert {t for _, t in indirect(quotes_of(text, lexicon))} == {expected}


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "The scheme drew criticism from teachers, who say it rewards schools that"
            " exclude weaker pupils.",
            "teachers",
            "it rewards schools that exclude weaker pupils",
        ),
        (
            "The film follows a nurse who claims she was never paid for overtime.",
            "nurse",
            "she was never paid for overtime",
        ),
        (
            "The story came from Amal Haddad, who told reporters that the contract was"
            " signed in secret.",
            "Amal Haddad",
            "the contract was signed in secret",
        ),
    ],
)
def test_relative_clause_speakers(text: str, speaker: str, content: str, lexicon: Lexicon) -> None:
    got = indirect(quotes_of(text, lexicon))
    assert [t for _, t in got] == [content]
    assert speaker.split()[-1].lower() in (next(iter(got))[0] or "").lower()


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "In a letter, Mr. Osei denied the existence of any side agreement.",
            "the existence of any side agreement",
        ),
        ("The former governor has denied all four allegations.", "all four allegations"),
        (
            "The ministry on Tuesday dismissed the opposition's accusation.",
            "the opposition's accusation",
        ),
        (
            "The group claimed responsibility for the outage at the plant.",
            "responsibility for the outage at the plant",
        ),
    ],
)
def test_claim_objects(text: str, content: str, lexicon: Lexicon) -> None:
    assert {t for _, t in indirect(quotes_of(text, lexicon))} == {content}


def test_dismissing_a_person_is_no_quote(lexicon: Lexicon) -> None:
    text = "The ministry dismissed the deputy director on Friday."
    assert indirect(quotes_of(text, lexicon)) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plural and irregular speaker nouns in lower case
        (
            "And regulators say the fund has been used to hide losses.",
            {("regulators", "the fund has been used to hide losses")},
        ),
        (
            "Many women in the party say the leadership will not change.",
            {("women", "the leadership will not change")},
        ),
        (
            "In Oslo, the management of the firm said on Monday that its lawyers were"
            " studying the ruling.",
            {("management", "its lawyers were studying the ruling")},
        ),
        # an aside set off by spaced hyphens between the subject and the cue
        (
            "Farmers - especially in the north - said that the subsidy came too late.",
            {("Farmers", "the subsidy came too late")},
        ),
        # a time adjunct and an auxiliary between a name and its cue
        (
            "Okafor in recent days has suggested the audit is politically motivated.",
            {("Okafor", "the audit is politically motivated")},
        ),
    ],
)
def test_speaker_phrases(text: str, expected: set[tuple[str, str]], lexicon: Lexicon) -> None:
    got = indirect(quotes_of(text, lexicon))
    assert {t for _, t in got} == {t for _, t in expected}
    for speaker, _ in expected:
        assert any(speaker.lower() in (s or "").lower() for s, _ in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "according to" with plain adjectives before its source, and a participle after it
        (
            "The mayor trails her rival by six points, according to recent polls.",
            {("recent polls", "The mayor trails her rival by six points")},
        ),
        (
            "The firm paid the consultants $4 million in 2019, according to internal company"
            " documents made public in a lawsuit.",
            {
                (
                    "internal company documents",
                    "The firm paid the consultants $4 million in 2019",
                )
            },
        ),
    ],
)
def test_according_to_sources(text: str, expected: set[tuple[str, str]], lexicon: Lexicon) -> None:
    assert indirect(quotes_of(text, lexicon)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a report inside a subordinate clause ends with it; the main clause's cue does
        # not take the subordinate clause as its own report
        (
            "When the mayor said she would resign in May, the council responded with relief.",
            {"she would resign in May"},
        ),
        (
            "While both ministers said they welcomed the plan, their parties remain divided.",
            {"they welcomed the plan"},
        ),
        # "As X reported, …": the main clause is the report
        (
            "As the Ledger reported on Monday, the plant will close by the end of the year.",
            {"the plant will close by the end of the year"},
        ),
        # a report in a relative clause between commas ends before the main verb
        (
            "Ana Ruiz, who said she would vote for the budget, has argued that cuts are"
            " unavoidable.",
            {"she would vote for the budget", "cuts are unavoidable"},
        ),
        # a participle after a comma is the reporter's comment
        (
            "Officials said they had raised $2 million by June, cementing the fund's lead.",
            {"they had raised $2 million by June"},
        ),
        # ", even as …" opens a clause of the reporter's
        (
            "She urged voters to back the measure, even as her party stayed silent.",
            {"to back the measure"},
        ),
    ],
)
def test_clause_boundaries(text: str, expected: set[str], lexicon: Lexicon) -> None:
    assert {t for _, t in indirect(quotes_of(text, lexicon))} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative clause holding a cue between the subject and its own cue
        (
            "Mr Haddad, who has said the port must stay public, told reporters that the"
            " sale would be delayed.",
            {"the port must stay public", "the sale would be delayed"},
        ),
        # a request for anonymity reports nothing
        (
            "A Finnish official, who asked not to be named because the talks were"
            " private, said the draft had been rewritten twice.",
            {"the draft had been rewritten twice"},
        ),
    ],
)
def test_relative_asides(text: str, expected: set[str], lexicon: Lexicon) -> None:
    assert {t for _, t in indirect(quotes_of(text, lexicon))} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # praise and criticism with their grounds are reported judgements
        (
            "The mayor has praised the contractor as a reliable partner.",
            {"the contractor as a reliable partner"},
        ),
        (
            "Ms. Okafor blasted the ministry for its slow handling of the claims.",
            {"the ministry for its slow handling of the claims"},
        ),
        # without them they are acts, not reported speech
        ("The mayor praised the decision.", set()),
        ("The minister welcomed the new budget.", set()),
    ],
)
def test_judgements(text: str, expected: set[str], lexicon: Lexicon) -> None:
    assert {t for _, t in indirect(quotes_of(text, lexicon))} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a coordinated clause with a speech verb of its own is a second report
        (
            "Mr. Berg noted that several lenders had paid large fines, and he speculated"
            " that the bank may prefer a quiet exit.",
            {"several lenders had paid large fines", "the bank may prefer a quiet exit"},
        ),
        (
            "The station first reported that its accounts had been frozen, but it later"
            " clarified that they were being closed.",
            {"its accounts had been frozen", "they were being closed"},
        ),
        # a colon opening a quotation ends the reported clause
        (
            "Ms. Lund said the boy was acting out of fear: \u201cIt is frightening for a"
            " child to see this.\u201d",
            {"the boy was acting out of fear"},
        ),
        # a spaced hyphen as a dash: alone it ends the clause, as a pair it is an aside
        (
            "Critics said the senator had pressured his staff - raising new questions"
            " about the committee.",
            {"the senator had pressured his staff"},
        ),
        (
            "Ms. Lund said that the letters stopped, but that the director - who denied"
            " any wrongdoing - ignored her afterwards.",
            {
                "the letters stopped, but that the director - who denied any wrongdoing -"
                " ignored her afterwards"
            },
        ),
    ],
)
def test_clause_tails(text: str, expected: set[str], lexicon: Lexicon) -> None:
    assert {t for _, t in indirect(quotes_of(text, lexicon))} == expected


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        # a participle continuing a sentence whose subject follows a title
        (
            "Mr. Haddad invoked an old case to make his point, recalling how the port"
            " was sold in 2004.",
            "Haddad",
            "how the port was sold in 2004",
        ),
        # an outlet as the subject of the main clause
        (
            "The Baltic Ledger on Monday endorsed the mayor, saying it was persuaded by"
            " her record on housing.",
            "Baltic Ledger",
            "it was persuaded by her record on housing",
        ),
        # a speaker phrase whose last word is no speaker noun
        (
            "The fund needs cash. A spokesman for the regional campaign effort said it"
            " was moving money to local branches.",
            "spokesman",
            "it was moving money to local branches",
        ),
        # middle initials end no sentence, and a relative clause with "and" names no
        # second speaker
        (
            "Anna K. Berg, who advised President John F.W. Miller and has chaired the"
            " board, said the reform will take a decade.",
            "Anna K. Berg",
            "the reform will take a decade",
        ),
    ],
)
def test_sentence_subjects(text: str, speaker: str, content: str, lexicon: Lexicon) -> None:
    got = indirect(quotes_of(text, lexicon))
    assert [t for _, t in got] == [content]
    assert speaker.lower() in (got.pop()[0] or "").lower()


def test_it_said_after_a_body_that_spoke(lexicon: Lexicon) -> None:
    text = (
        "The central bank said growth slowed in the third quarter. The strength of the"
        " currency also held back exports of machinery, it said."
    )
    got = indirect(quotes_of(text, lexicon))
    assert (
        "central bank",
        "The strength of the currency also held back exports of machinery",
    ) in got


@pytest.mark.parametrize(
    "text",
    [
        # "it" with no body that spoke before it is nobody
        "The weather was bad all week. The harvest will be late, it said.",
        # nor a plural group ("the presidents agreed …, it noted")
        "The presidents agreed to meet again. The next round will be in May, it noted.",
    ],
)
def test_it_said_without_a_body(text: str, lexicon: Lexicon) -> None:
    assert not any(
        t.startswith("The harvest") or t.startswith("The next round")
        for _, t in indirect(quotes_of(text, lexicon))
    )


def test_relative_that_after_a_speech_act_object(lexicon: Lexicon) -> None:
    text = "He blasted Kowalski as a creature of the party that has led the city astray."
    assert {t for _, t in indirect(quotes_of(text, lexicon))} == {
        "Kowalski as a creature of the party that has led the city astray"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "that" followed by a verb is the clause's subject, not a complementizer
        ("Ms. Lund said that wasn't a fair comparison.", {"that wasn't a fair comparison"}),
        ("Ms. Lund said that the comparison was unfair.", {"the comparison was unfair"}),
        # a programme's title in quotation marks inside the adjunct before "that"
        (
            'Ms. Lund acknowledged on the "Morning Round" programme that the plan was late.',
            {"the plan was late"},
        ),
        # a closing pronoun is not the person the reported clause names
        (
            "Ms. Lund spoke after the vote. Mr. Berg was the first mayor to resign, she said.",
            {"Mr. Berg was the first mayor to resign"},
        ),
        # an addressee with "to" before an embedded question
        (
            "Mr. Berg later explained to the club president why he had left the board.",
            {"why he had left the board"},
        ),
        # a nominative pronoun after a cue that takes an addressee is no addressee
        ("The mayor promised he would build the road.", {"he would build the road"}),
        # a claim with a to-infinitive; promises and pledges with a noun-phrase object
        (
            "The candidate claimed to have voted twice in the same election.",
            {"to have voted twice in the same election"},
        ),
        (
            "Ms. Lund promised a new bridge over the river, if elected.",
            {"a new bridge over the river, if elected"},
        ),
    ],
)
def test_more_report_shapes(text: str, expected: set[str], lexicon: Lexicon) -> None:
    assert {t for _, t in indirect(quotes_of(text, lexicon))} == expected


def test_closing_pronoun_speaker(lexicon: Lexicon) -> None:
    text = "Ms. Lund spoke after the vote. Mr. Berg was the first mayor to resign, she said."
    assert {s for s, _ in indirect(quotes_of(text, lexicon))} == {"Lund"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "that" with a verb after a noun is a relative pronoun: the object speaks
        (
            "Party leaders are urging the mayor to spend more, publicly revealing a rift"
            " that could hurt them in May.",
            {"to spend more, publicly", "a rift that could hurt them in May"},
        ),
        # "that" with a plural verb is no demonstrative subject
        (
            "Voters in the north said the region needs roads that have long been promised.",
            {"the region needs roads that have long been promised"},
        ),
        # an adjunct with no verb, or a verb with no subject, reports nothing
        ("The letter was sent to the board, which Ms. Lund later posted on March 12.", set()),
    ],
)
def test_no_report(text: str, expected: set[str], lexicon: Lexicon) -> None:
    assert {t for _, t in indirect(quotes_of(text, lexicon))} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where or how something was said is no part of what was said
        (
            "Ms. Lund offered herself as a figure of unity during a visit to the harbour.",
            {"herself as a figure of unity"},
        ),
        (
            "The mayor asked the minister to explain the delay in an interview on Sunday.",
            {"to explain the delay"},
        ),
    ],
)
def test_speech_settings(text: str, expected: set[str], lexicon: Lexicon) -> None:
    assert {t for _, t in indirect(quotes_of(text, lexicon))} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country's promise, offer or accusation is a speech act: a quote
        (
            "Warsaw promised to reopen the crossing before the harvest.",
            {("Warsaw", "to reopen the crossing before the harvest")},
        ),
        (
            "Helsinki has offered to host the next round of the border talks.",
            {("Helsinki", "to host the next round of the border talks")},
        ),
        (
            "Finland accused the ferry operator of hiding the accident report.",
            {("Finland", "the ferry operator of hiding the accident report")},
        ),
        # its demands and refusals are positions only
        ("Warsaw pressed for a joint inquiry into the accident.", set()),
        ("Helsinki ruled out any new checks at the ferry port.", set()),
    ],
)
def test_country_speech_acts(text: str, expected: set[tuple[str, str]], lexicon: Lexicon) -> None:
    assert indirect(quotes_of("Talks went on. " + text, lexicon)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a passive cue: its subject is the one spoken to, not the speaker
        "The delegates were asked to leave the hall before the vote.",
        "Ms. Okafor was told that the hearing would be postponed.",
        "The fishermen have been urged to stay in port until Monday.",
    ],
)
def test_passive_cue_has_no_speaker(text: str, lexicon: Lexicon) -> None:
    assert indirect(quotes_of("Talks went on. " + text, lexicon)) == set()


def test_passive_relay_still_speaks(lexicon: Lexicon) -> None:
    got = indirect(quotes_of("Ms. Okafor was quoted as saying the vote would be close.", lexicon))
    assert got == {("Okafor", "the vote would be close")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a frame after "as", "because", "when" opens a clause of the writer's own
        (
            "Warsaw pledged to reopen the crossing as Helsinki offers new ferry routes.",
            {
                ("Warsaw", "to reopen the crossing"),
                ("Helsinki", "new ferry routes"),
            },
        ),
        # an adjunct after a closing attribution is the writer's ("after …", "before …")
        (
            "The harbour will reopen on Monday, the mayor said on Friday after meeting"
            " the engineers who had inspected the quay.",
            {("mayor", "The harbour will reopen on Monday")},
        ),
        (
            "The bridge is safe, the engineer told reporters before the inspectors left.",
            {("engineer", "The bridge is safe")},
        ),
    ],
)
def test_writer_clauses_around_a_report(
    text: str, expected: set[tuple[str, str]], lexicon: Lexicon
) -> None:
    assert indirect(quotes_of("Talks went on. " + text, lexicon)) == expected


@pytest.mark.parametrize(
    "dateline",
    [
        "OSLO (Nordwire) - ",
        "BERGEN, Norway, May 3 (Nordwire) -- ",
        "OSLO — ",
    ],
)
def test_wire_dateline_is_no_content(dateline: str, lexicon: Lexicon) -> None:
    text = f"Ferry strike ends\n\n{dateline}The ferries will sail again on Monday, the union said."
    expected = {("union", "The ferries will sail again on Monday")}
    assert indirect(quotes_of(text, lexicon)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an irregular past tense opens a zero-that clause like a regular one
        (
            "A spokesman for the mayor said the council stood by its decision.",
            {("spokesman for the mayor", "the council stood by its decision")},
        ),
        (
            "Ms. Okafor said the union fought hard for the new contract.",
            {("Okafor", "the union fought hard for the new contract")},
        ),
        # a dash inside a compound ("a Berg–Okafor debate") is no clause break
        (
            "Ms. Okafor said a Berg–Okafor debate could take place before the vote.",
            {("Okafor", "a Berg–Okafor debate could take place before the vote")},
        ),
    ],
)
def test_clause_words(text: str, expected: set[tuple[str, str]], lexicon: Lexicon) -> None:
    assert indirect(quotes_of("Talks went on. " + text, lexicon)) == expected


def test_outlet_citing_a_source_in_an_aside(lexicon: Lexicon) -> None:
    lex = lexicon.model_copy(
        update={"words": {**lexicon.words, "outlets": [*lexicon.words["outlets"], "Nordwire"]}}
    )
    text = "Talks went on. Nordwire, citing Okafor, said the harbour would reopen in May."
    got = indirect(quotes_of(text, lex))
    assert {t for _, t in got} == {"the harbour would reopen in May"}
    assert all("Okafor" in (s or "") for s, _ in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "…, she said, adding that …": the participle reports a clause of its own
        (
            "The bridge had been closed for repairs, Ms. Okafor said, adding that it would"
            " reopen in May.",
            {
                ("Okafor", "The bridge had been closed for repairs"),
                ("Okafor", "it would reopen in May"),
            },
        ),
        (
            "Every stall will be moved to the square, the mayor said, specifying that the"
            " market would open at dawn.",
            {
                ("mayor", "Every stall will be moved to the square"),
                ("mayor", "the market would open at dawn"),
            },
        ),
        # a second cue after "but" is a second speech act, also after a time phrase
        # that opens the sentence, and after a comma inside a closing quotation mark
        (
            "On Monday Ms. Okafor said the plan was sound but warned the council that"
            " costs would rise.",
            {
                ("Okafor", "the plan was sound"),
                ("Okafor", "costs would rise"),
            },
        ),
        (
            "Ms. Okafor said she agreed that the budget “should be balanced,” but insisted"
            " that taxes stay as they are.",
            {
                ("Okafor", "she agreed that the budget “should be balanced,”"),
                ("Okafor", "taxes stay as they are"),
            },
        ),
        # a coordinated clause whose subject speaks for itself ends the report
        (
            "The ministry said the strike was over, and at the port the dockers are urging calm.",
            {("ministry", "the strike was over")},
        ),
    ],
)
def test_second_speech_acts(text: str, expected: set[tuple[str, str]], lexicon: Lexicon) -> None:
    assert indirect(quotes_of("Talks went on. " + text, lexicon)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verdict in quotation marks after an object with a prepositional phrase
        (
            "Ms. Okafor called the mayor's talks with the unions “useful and calm”.",
            {("Okafor", "the mayor's talks with the unions “useful and calm”")},
        ),
        # a long setting between the cue and "that"
        (
            "The mayors said in a statement on the sidelines of the regional summit in"
            " Bergen that the ferry plan was sound.",
            {("mayors", "the ferry plan was sound")},
        ),
        # a programme's title in quotation marks after the addressee
        (
            "Ms. Okafor told the morning show “Harbour Live” that the ferries would run again.",
            {("Okafor", "the ferries would run again")},
        ),
        (
            "Ms. Okafor told the NRK programme “Dagsrevyen” that the ferries would run again.",
            {("Okafor", "the ferries would run again")},
        ),
        # a country's stance before a closing attribution does not hide the report
        (
            "Finland still wants a new ferry route, she added, and will not accept delays.",
            {("she", "Finland still wants a new ferry route and will not accept delays")},
        ),
    ],
)
def test_reach_of_the_content(text: str, expected: set[tuple[str, str]], lexicon: Lexicon) -> None:
    got = indirect(quotes_of("Talks went on. " + text, lexicon))
    assert {t for _, t in got} == {t for _, t in expected}


def test_title_separator_ends_a_headline_claim(lexicon: Lexicon) -> None:
    text = "Mayor: ferries to sail again on Monday | Harbour roundup\n\nThe strike ended."
    got = indirect(quotes_of(text, lexicon))
    assert {t for _, t in got} == {"ferries to sail again on Monday"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pair of dashes sets off an aside inside the reported clause
        (
            "Ms. Okafor said a group of towns — including Bergen, Molde and Ålesund — would"
            " share the cost of the ferry.",
            {
                "a group of towns — including Bergen, Molde and Ålesund — would share the"
                " cost of the ferry"
            },
        ),
        # a single dash after a closing attribution carries the clause on
        (
            "The bridge could open in May, the mayor said — if the steel is delivered soon.",
            {"The bridge could open in May if the steel is delivered soon"},
        ),
        # a single dash inside the clause still ends it
        (
            "Ms. Okafor said the ferry would run again — a promise few believed.",
            {"the ferry would run again"},
        ),
    ],
)
def test_dashes_in_reports(text: str, expected: set[str], lexicon: Lexicon) -> None:
    assert {t for _, t in indirect(quotes_of("Talks went on. " + text, lexicon))} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an intro that reports nothing of its own: one quote per bullet
        (
            "The deal was signed on Monday. According to the text, as described by the"
            " harbour board:\n• The ferry will sail twice a day.\n• Fares will stay as"
            " they are.\n\nThe board met again on Friday.",
            {
                ("harbour board", "The ferry will sail twice a day"),
                ("harbour board", "Fares will stay as they are"),
            },
        ),
        # an intro with a clause of its own takes the bullets into its quote
        (
            "Ms. Okafor said the strike would end if the council:\n• raised the wages;\n"
            "• hired more drivers.",
            {("Okafor", "the strike would end if the council raised the wages hired more drivers")},
        ),
        # a bullet with its own attribution speaks for itself; a heading is no intro
        (
            "WHAT THE UNION SAID:\n• The strike will go on, the union said.\n• Buses ran"
            " late all week.",
            {("union", "The strike will go on")},
        ),
    ],
)
def test_reported_lists(text: str, expected: set[tuple[str, str]], lexicon: Lexicon) -> None:
    assert indirect(quotes_of("Talks went on. " + text, lexicon)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a subject that says nothing: "few …", "no …", "neither … nor …"
        ("Few mayors would describe the ferry plan as a success.", set()),
        ("Neither Ms. Okafor nor the mayor would say whether the fares would rise.", set()),
        # an adjunct with a gerund after a comma is the writer's ("…, after meeting …")
        (
            "The mayor promised the town a new ferry for the island, after visiting the"
            " unions at the harbour.",
            {"the town a new ferry for the island"},
        ),
    ],
)
def test_writer_words_around_a_report(text: str, expected: set[str], lexicon: Lexicon) -> None:
    assert {t for _, t in indirect(quotes_of("Talks went on. " + text, lexicon))} == expected


def test_metadata_label_is_no_speaker(lexicon: Lexicon) -> None:
    text = "Ferries to sail again\n\nPublished: 04.05.2024 – 10:12\n\nThe strike ended."
    assert indirect(quotes_of(text, lexicon)) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # speech acts with a noun-phrase object, new in the cue lexicon
        (
            "The harbour board complained of a lack of progress in the talks.",
            {("harbour board", "a lack of progress in the talks")},
        ),
        (
            "The union drew attention to the long hours of the ferry crews.",
            {("union", "the long hours of the ferry crews")},
        ),
        (
            "The mayor laid out a plan under which the ferries would run all night.",
            {("mayor", "a plan under which the ferries would run all night")},
        ),
        # plural group nouns speak ("Nordic capitals say …")
        (
            "Nordic capitals say they will not raise the fares this year.",
            {("Nordic capitals", "they will not raise the fares this year")},
        ),
        # translated copy: "announced to" + infinitive
        (
            "The ferry company announced to sharply cut the night services.",
            {("ferry company", "to sharply cut the night services")},
        ),
    ],
)
def test_more_speech_acts(text: str, expected: set[tuple[str, str]], lexicon: Lexicon) -> None:
    got = indirect(quotes_of("Talks went on. " + text, lexicon))
    assert {t for _, t in got} == {t for _, t in expected}
    for speaker, _ in expected:
        assert any(speaker.split()[-1].lower() in (s or "").lower() for s, _ in got)


def test_object_of_including_is_no_coordinated_speaker(lexicon: Lexicon) -> None:
    text = (
        "Talks went on. The union proposed a deal backed by a group of towns including"
        " Norway, and the Swedish side announced to cut the night services."
    )
    got = indirect(quotes_of(text, lexicon))
    assert ("Swedish side", "to cut the night services") in got
    assert not any(s == "Norway" for s, _ in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a short aside before a coordinated that-clause of the same report
        (
            "The mayor said work on the bridge was going on, though slowly, and that the"
            " ferry would run until it opens.",
            {
                "work on the bridge was going on, though slowly, and that the ferry would run"
                " until it opens"
            },
        ),
        # a to-infinitive report ends before the subject's next verb
        (
            "The union promised to end the strike and held out the hope of a deal.",
            {"to end the strike"},
        ),
        (
            "The union promised to end the strike and talk to the board.",
            {"to end the strike and talk to the board"},
        ),
        # a cue form before a modal is a plural noun ("the member states would …")
        ("The member states would support the new ferry rules.", set()),
        # a belief inside the clause of a closing attribution is part of what was said
        (
            "Ms. Okafor spoke after the vote. She had hoped to win the seat, Okafor added,"
            ' "but the voters decided otherwise."',
            {"She had hoped to win the seat"},
        ),
    ],
)
def test_clause_extent(text: str, expected: set[str], lexicon: Lexicon) -> None:
    assert {t for _, t in indirect(quotes_of("Talks went on. " + text, lexicon))} == expected


def test_closing_attribution_of_a_mixed_report(lexicon: Lexicon) -> None:
    # the office reports the whole clause, quoted fragment and all (a mixed quote)
    text = (
        "Talks went on. The mayor urged the council on Friday to cut the ferry fares"
        ' "as soon as it can", her office said.'
    )
    got = indirect(quotes_of(text, lexicon))
    assert (
        "office",
        'The mayor urged the council on Friday to cut the ferry fares "as soon as it can"',
    ) in got
