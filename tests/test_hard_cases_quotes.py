"""HARD-CASES quote families (attribution frames, layout, source chains, false cues):
each example of ../shared/gold/HARD-CASES.md on the test lexicon it names, plus
paraphrases of our own, so that a rule is the shape and not the words.

A case lists the quotes it must give as (kind, speaker, text) and, where it says so,
the quotes it must not give. The speaker is compared as the record's speaker name;
the text exactly (spans are checked to be the text's own characters)."""

from __future__ import annotations

import pytest

from extract_helpers import HARD_CASES_OUTLETS, HARD_CASES_SPEAKERS, lexicon_with, quotes_in
from talks.lexicon import Lexicon
from talks.models import Quote

Triple = tuple[str, str, str]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return lexicon_with(HARD_CASES_SPEAKERS, HARD_CASES_OUTLETS)


def quotes_of(text: str, lexicon: Lexicon) -> list[Quote]:
    return quotes_in(text.replace(" ¶ ", "\n\n"), lexicon)


def triples(quotes: list[Quote]) -> set[Triple]:
    return {(q.kind, q.speaker, q.text) for q in quotes}


def check(text: str, want: set[Triple], lexicon: Lexicon, *, exact: bool = True) -> None:
    got = triples(quotes_of(text, lexicon))
    if exact:
        assert got == want
    else:
        assert want <= got


# --- L7 transcripts and Q&A turns ------------------------------------------------------

TURNS = [
    (  # HARD-CASES L7
        "Tamm spoke to Radio Kaunas. ¶ Q: When? ¶ TAMM: Not before June. We need a text."
        " ¶ Q: And the border? ¶ TAMM: It reopens then, I think.",
        {
            ("direct", "Liisa Tamm", "Not before June. We need a text."),
            ("direct", "Liisa Tamm", "It reopens then, I think."),
        },
    ),
    (  # a TV transcript: full label, role, stage note; the anchor's turns are no quotes
        "EVENING NEWS ¶ MARIA NOWAK, ANCHOR: Good evening. Kowalski said the talks would go"
        " on. ¶ JAN KOWALSKI, DEPUTY MINISTER (through translator): We are close to a deal."
        " Nothing is signed yet. ¶ NOWAK: Will you sign this week? ¶ KOWALSKI: Not this week,"
        " but soon after. ¶ That is all I can say about the timing.",
        {
            ("indirect", "Jan Kowalski", "the talks would go on"),
            ("direct", "Jan Kowalski", "We are close to a deal. Nothing is signed yet."),
            ("direct", "Jan Kowalski", "Not this week, but soon after."),
            ("direct", "Jan Kowalski", "That is all I can say about the timing."),
        },
    ),
    (  # an interview: "Q:" turns and the interviewee's surname in Title Case
        "Talks went on. We asked Mikko Laine, a Finnish diplomat, what comes next. ¶"
        " Q: Is a deal close? ¶ Laine: Closer than it was. The text is nearly done. ¶"
        " Q: And the islands? ¶ Laine: They were never on the table, whatever Warsaw says.",
        {
            ("direct", "Mikko Laine", "Closer than it was. The text is nearly done."),
            ("direct", "Mikko Laine", "They were never on the table, whatever Warsaw says."),
        },
    ),
    (  # "A:" answers belong to the person the introduction names
        "Talks went on. Ona Petraitė, an adviser, answered our questions. ¶ Q: Why now? ¶"
        " A: Because both teams finally have a text to read.",
        {("direct", "Ona Petraitė", "Because both teams finally have a text to read.")},
    ),
    (  # reports inside an answer are the answerer's own account: no quotes of their own
        "Talks went on. ¶ Q: What did Kowalski say? ¶ TAMM: He said the crossing would"
        " reopen, and I believe him. ¶ Q: Thanks. ¶ TAMM: Thank you for having me here.",
        {
            ("direct", "Liisa Tamm", "He said the crossing would reopen, and I believe him."),
            ("direct", "Liisa Tamm", "Thank you for having me here."),
        },
    ),
]


@pytest.mark.parametrize(("text", "want"), TURNS)
def test_turns(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


@pytest.mark.parametrize(
    "text",
    [
        # one capitalised label is a heading, not a transcript
        "Talks went on. ¶ BREAKING: The crossing will reopen on Monday, officials hope.",
        "Talks went on. ¶ UPDATE: Delegations met again. ¶ PHOTO: Delegates in Turku today.",
        # a place line, not a speaker
        "Talks went on. ¶ WARSAW: Delegations met again today. ¶ TALLINN: Nobody came.",
    ],
)
def test_no_turns(text: str, lexicon: Lexicon) -> None:
    assert [q for q in quotes_of(text, lexicon) if q.kind == "direct"] == []


# --- A attribution frames, C source chains, F false cues: the quotes each gives ---------

T = "Talks went on. "
K, TA, L = "Jan Kowalski", "Liisa Tamm", "Mikko Laine"

FRAMES = [
    # A1 speech acts with noun-phrase objects; verdict verbs
    (
        T + "The Polish Foreign Ministry ruled out any summit before the autumn.",
        {("indirect", "Polish Foreign Ministry", "any summit before the autumn")},
    ),
    (
        T + "Tamm confirmed Estonia's readiness for a new round.",
        {("indirect", TA, "Estonia's readiness for a new round")},
    ),
    (
        T + "Laine reiterated Finland's demand for an immediate truce.",
        {("indirect", L, "Finland's demand for an immediate truce")},
    ),
    (T + "Tamm called the offer a trap.", {("indirect", TA, "the offer a trap")}),
    (
        T + 'Laine called the new draft "a serious basis" for talks.',
        {
            ("direct", L, "a serious basis"),
            ("indirect", L, 'the new draft "a serious basis" for talks'),
        },
    ),
    (T + "Kowalski denied backing the draft.", {("indirect", K, "backing the draft")}),
    (
        T + 'Kowalski dismissed as "premature" Helsinki\'s call for a summit.',
        {("indirect", K, 'as "premature" Helsinki\'s call for a summit')},
    ),
    (
        T + "Laine dismissed the terms as an ultimatum.",
        {("indirect", L, "the terms as an ultimatum")},
    ),
    (T + "Kowalski called for a truce.", {("indirect", K, "a truce")}),
    (T + "Tamm pressed for new sanctions.", {("indirect", TA, "new sanctions")}),
    # guards: no proposition noun, no verdict complement
    (T + "The ministry confirmed the date.", set()),
    (T + "Tamm called Kowalski on Monday.", set()),
    (
        T + "Laine said following the talks that the text was ready.",
        {("indirect", L, "the text was ready")},
    ),
    # A2 a party's stance clause inside an attribution is content
    (
        T + "Kowalski spoke. Poland and Estonia agreed to reopen the crossing, the minister said.",
        {("indirect", K, "Poland and Estonia agreed to reopen the crossing")},
    ),
    (
        T + "According to Polish aides, Helsinki and Tallinn agreed to a pause.",
        {("indirect", "Polish aides", "Helsinki and Tallinn agreed to a pause")},
    ),
    (
        T + "Talks can start if Helsinki agrees to a truce, the Polish envoy said.",
        {("indirect", "Polish envoy", "Talks can start if Helsinki agrees to a truce")},
    ),
    (  # guard
        T + "Tamm said the talks would resume, and Warsaw agreed to host them.",
        {("indirect", TA, "the talks would resume")},
    ),
    # A3 mixed quote with a trailing attribution
    (
        T + 'The talks were a step toward "a border regime both sides can live with," the'
        " envoy said.",
        {
            ("direct", "envoy", "a border regime both sides can live with"),
            (
                "indirect",
                "envoy",
                'The talks were a step toward "a border regime both sides can live with,"',
            ),
        },
    ),
    (
        T + 'A summit this spring is "premature," Tamm added.',
        {("indirect", TA, 'A summit this spring is "premature,"')},
    ),
    # A4 zero-that clauses
    (
        T + "Kowalski said earlier the talks had stalled.",
        {("indirect", K, "the talks had stalled")},
    ),
    (
        T + "Tamm said her adviser, Mart Kask, would travel.",
        {("indirect", TA, "her adviser, Mart Kask, would travel")},
    ),
    (
        T + "Kowalski said border checks would resume.",
        {("indirect", K, "border checks would resume")},
    ),
    (
        T + "Laine said again that the offer stood.",
        {("indirect", L, "the offer stood")},
    ),
    (
        "Helsinki says new round marks a turning point",
        {("indirect", "Helsinki", "new round marks a turning point")},
    ),
    # A5 clause extent
    (
        T + "Kowalski said the talks would go on, despite Helsinki's reluctance.",
        {("indirect", K, "the talks would go on")},
    ),
    (
        T + "Kowalski said the crossing would reopen in May.",
        {("indirect", K, "the crossing would reopen in May")},
    ),
    (
        T + "Laine said Warsaw welcomed the text and said a truce could follow.",
        {("indirect", L, "Warsaw welcomed the text"), ("indirect", L, "a truce could follow")},
    ),
    (
        T + "Tamm said Riga backed the plan and added that talks could resume.",
        {("indirect", TA, "Riga backed the plan"), ("indirect", TA, "talks could resume")},
    ),
    (
        T + 'At a briefing in Gdańsk, Kowalski said, "We are close to a deal."',
        {("direct", K, "We are close to a deal.")},
    ),
    # C1 provenance is not the speaker; offices speak for themselves
    (
        T + 'Kowalski said the talks in Turku were "hard but useful," according to Nordwire.',
        {
            ("direct", K, "hard but useful"),
            ("indirect", K, 'the talks in Turku were "hard but useful,"'),
        },
    ),
    (
        T + 'In a post, Tamm clarified that "the door stays open for now," according to Nordwire.',
        {("direct", TA, "the door stays open for now")},
    ),
    (
        T + "Nordwire reports Liisa Tamm said the round would be postponed.",
        {("indirect", TA, "the round would be postponed")},
    ),
    (
        T + "Kowalski urged a truce, the Polish presidency said.",
        {("indirect", "Polish presidency", "Kowalski urged a truce")},
    ),
    # C3 nested reports: one quote, by the outer speaker
    (
        T + "According to Tamm, Laine said the draft was finished.",
        {("indirect", TA, "Laine said the draft was finished")},
    ),
    (
        T + "Kowalski said Laine had proposed a new round.",
        {("indirect", K, "Laine had proposed a new round")},
    ),
    # F1 "claims" as a noun
    (
        T + "Kowalski said the draft ignored Tallinn claims that the border was unsafe.",
        {("indirect", K, "the draft ignored Tallinn claims that the border was unsafe")},
    ),
    (
        T + "Kowalski said the draft, despite claims to the contrary, was ready.",
        {("indirect", K, "the draft, despite claims to the contrary, was ready")},
    ),
    # F2 participles after nouns continue no speaker
    (
        T + "Kowalski said an annex stating that checks would resume was attached.",
        {("indirect", K, "an annex stating that checks would resume was attached")},
    ),
    (T + "The crossing reopened, suggesting that Helsinki accepts the rules.", set()),
    # F3 cue forms after "of", "without"
    (
        T + "Kowalski said that instead of replying to Warsaw, Helsinki had sent a new draft.",
        {("indirect", K, "instead of replying to Warsaw, Helsinki had sent a new draft")},
    ),
    (
        T + "Kowalski said Helsinki, without replying to the offer, had sent a new draft.",
        {("indirect", K, "Helsinki, without replying to the offer, had sent a new draft")},
    ),
]


@pytest.mark.parametrize(("text", "want"), FRAMES)
def test_frames(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


# --- L1-L6 layout -------------------------------------------------------------------

LAYOUT = [
    # L1 dash and colon headlines, label lines
    (
        "Border crossing to reopen on Friday – Kowalski",
        {("indirect", K, "Border crossing to reopen on Friday")},
    ),
    (
        "New round possible within weeks: Finnish envoy ¶ Talks went on.",
        {("indirect", "Finnish envoy", "New round possible within weeks")},
    ),
    ("Warsaw: border deal within reach", {("indirect", "Warsaw", "border deal within reach")}),
    (
        "Tamm: no summit before a signed text ¶ Talks went on.",
        {("indirect", TA, "no summit before a signed text")},
    ),
    (
        T + '¶ Estonia: "Written guarantees must come first"',
        {("direct", "Estonia", "Written guarantees must come first")},
    ),
    (
        "Helsinki says new round marks a turning point",
        {("indirect", "Helsinki", "new round marks a turning point")},
    ),
    (
        "Talks stall; Kowalski says border checks unacceptable ¶ Talks went on.",
        {("indirect", K, "border checks unacceptable")},
    ),
    # guards: labels and a full sentence are no headline attribution
    ("Tags: negotiations, Poland, Estonia, border ¶ Talks went on.", set()),
    ("Analysis: what the border deal means ¶ Talks went on.", set()),
    (T + "¶ Read also: Kowalski on the border deal", set()),
    # L2 labels are not speakers
    (
        T + 'Kowalski spoke after the session. ¶ Quote: "We are ready to meet again."',
        {("direct", K, "We are ready to meet again.")},
    ),
    (
        T + 'Laine met the press. ¶ Verbatim: "Nothing has been agreed so far."',
        {("direct", L, "Nothing has been agreed so far.")},
    ),
    # L3 "Source:" lines
    (
        T + '¶ Verbatim: "The crossing stays closed until Monday." ¶ Source: Polish border guard',
        {("direct", "Polish border guard", "The crossing stays closed until Monday.")},
    ),
    (
        T + "¶ The crossing will reopen on Monday. ¶ Source: Lithuanian border guard service",
        {("indirect", "Lithuanian border guard service", "The crossing will reopen on Monday")},
    ),
    # L5 colon on the previous line
    (
        T + 'Kowalski told broadcasters: ¶ "We will not sign anything this week."',
        {("direct", K, "We will not sign anything this week.")},
    ),
    # L6 bullets
    (
        T + '¶ • Kowalski: "The crossing reopens on Friday."',
        {("direct", K, "The crossing reopens on Friday.")},
    ),
]


@pytest.mark.parametrize(("text", "want"), LAYOUT)
def test_layout(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


# --- C5 several speakers and joint statements; openers and clause extent --------------

MORE = [
    (  # HARD-CASES C5
        T + "The ministers, Liisa Tamm and Jan Kowalski, told reporters that the crossing would"
        " reopen.",
        {
            ("indirect", TA, "the crossing would reopen"),
            ("indirect", K, "the crossing would reopen"),
        },
    ),
    (
        T + "Nordic envoys – including Mikko Laine and Liisa Tamm – called for a truce.",
        {("indirect", L, "a truce"), ("indirect", TA, "a truce")},
    ),
    (
        T + "A joint Polish-Finnish statement said the crossing would reopen.",
        {
            ("indirect", "Poland", "the crossing would reopen"),
            ("indirect", "Finland", "the crossing would reopen"),
        },
    ),
    (
        T + "The border will reopen, according to a joint statement issued by the Polish and"
        " Estonian delegations after the talks in Turku.",
        {
            ("indirect", "Poland", "The border will reopen"),
            ("indirect", "Estonia", "The border will reopen"),
        },
    ),
    # a participle opening the sentence speaks for the main clause's subject
    (
        T + "Noting that the round was held in a calm manner, Laine said the texts were close.",
        {
            ("indirect", L, "the round was held in a calm manner"),
            ("indirect", L, "the texts were close"),
        },
    ),
    # an adverb after the cue; a verdict's "as" further on
    (
        T + "Kowalski said flatly he would not sign the text.",
        {("indirect", K, "he would not sign the text")},
    ),
    (
        T + "Tamm dismissed the draft handed over in June as an ultimatum.",
        {("indirect", TA, "the draft handed over in June as an ultimatum")},
    ),
    # a belief verb coordinated inside the reported clause belongs to the clause
    (
        T + "Kowalski said Warsaw was studying the text and expected to reply next week.",
        {("indirect", K, "Warsaw was studying the text and expected to reply next week")},
    ),
]


@pytest.mark.parametrize(("text", "want"), MORE)
def test_more_frames(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


def test_several_speakers_have_their_own_records(lexicon: Lexicon) -> None:
    text = T + "The ministers, Liisa Tamm and Jan Kowalski, said the crossing would reopen."
    quotes = quotes_of(text, lexicon)
    assert len({q.id for q in quotes}) == len(quotes) == 2


# --- C5 for direct quotes too: coordinated bodies, "they said", joint documents ---------

JOINT = [
    (  # coordinated parties and bodies: one quote each
        T + "Nordic ministers met in Turku. On Friday, European leaders together with the"
        ' leaders of Finland and Estonia said the offer was "a first step toward a deal".'
        ' "We are not there yet," they said.',
        {
            ("direct", "European leaders", "a first step toward a deal"),
            ("direct", "Finland", "a first step toward a deal"),
            ("direct", "Estonia", "a first step toward a deal"),
            ("direct", "European leaders", "We are not there yet"),
            ("direct", "Finland", "We are not there yet"),
            ("direct", "Estonia", "We are not there yet"),
        },
    ),
    (  # a plain list of parties
        T + '¶ "The crossing must reopen within a week," Poland, Finland and Estonia said.',
        {
            ("direct", "Poland", "The crossing must reopen within a week"),
            ("direct", "Finland", "The crossing must reopen within a week"),
            ("direct", "Estonia", "The crossing must reopen within a week"),
        },
    ),
    (  # a joint statement a ministry published: the other author is the story's other party
        "Warsaw and Tallinn agree on border steps, Poland says ¶ WARSAW, May 2 – Poland and"
        " Estonia held talks on the border on Thursday. ¶ The crossing will stay open, according"
        " to a joint statement released by the Polish foreign ministry. Both sides want"
        ' "a calm summer on the border", the statement said.',
        {
            ("direct", "Poland", "a calm summer on the border"),
            ("direct", "Estonia", "a calm summer on the border"),
        },
    ),
    (  # "in a joint statement, the two delegations said": the statement's authors, direct
        # and indirect alike
        "Finland and Estonia reopen border talks ¶ Finnish and Estonian envoys met in Tartu."
        " ¶ In a joint statement released by the Finnish government, the two delegations said"
        ' the talks had been "open and'
        ' businesslike".',
        {
            ("direct", "Finland", "open and businesslike"),
            ("direct", "Estonia", "open and businesslike"),
            ("indirect", "Finland", 'the talks had been "open and businesslike"'),
            ("indirect", "Estonia", 'the talks had been "open and businesslike"'),
        },
    ),
    (  # "it noted" after "the statement said": the joint statement's authors again, also
        # for a fragment inside a clause the closing attribution reports
        "Finland and Estonia reopen border talks ¶ The border stays open, according to a"
        " joint statement released by the Finnish government. The envoys met for six hours,"
        ' the statement said. The two ministers agreed to sign "as soon as they can" a new'
        " transit accord, it noted.",
        {
            ("direct", "Finland", "as soon as they can"),
            ("direct", "Estonia", "as soon as they can"),
        },
    ),
]


@pytest.mark.parametrize(("text", "want"), JOINT)
def test_several_speakers_direct(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon, exact=False)
    got = triples(quotes_of(text, lexicon))
    assert not {t for t in got if t[0] == "direct"} - want  # nobody else


JOINT_GUARDS = [
    (  # the authors named by the agent are all of them: no author made up from the lead
        "Poland and Estonia trade blame over border ¶ Polish and Estonian envoys met in Tartu."
        ' ¶ "The border is calm," said a joint statement from the two Polish ministries.',
        "Estonia",
    ),
    (  # a name used as a modifier is no co-speaker
        T + 'Liisa Tamm, an adviser and a Kowalski ally, said: "The border is calm today."',
        "Jan Kowalski",
    ),
    (  # a subject that names itself is no stand-in for the authors of the statement
        "Finland and Estonia reopen border talks ¶ Nordic foreign ministers said in a joint"
        ' statement that they would "never accept a closed border".',
        "Finland",
    ),
    (  # a joint statement whose authors the text never names: nobody made up
        "Finland and Estonia reopen border talks ¶ Envoys met in Tartu. ¶"
        ' "The talks were open," a joint statement said.',
        "Estonia",
    ),
    (  # "On Friday, Warsaw said": a comma after an adjunct lists nobody
        T + 'On Friday, Warsaw said: "The border is calm today."',
        "Friday",
    ),
]


@pytest.mark.parametrize(("text", "absent"), JOINT_GUARDS)
def test_several_speakers_guards(text: str, absent: str, lexicon: Lexicon) -> None:
    got = quotes_of(text, lexicon)
    assert [q for q in got if q.kind == "direct"]
    assert absent not in {q.speaker for q in got}


# --- attribution by layout: a possessive and a noun of speech, dash sign-offs ----------

OWNERS = [
    (
        T + "¶ Jan Kowalski spoke in Turku. ¶ His reply to Helsinki was short:"
        ' "We will not sign this draft."',
        {("direct", K, "We will not sign this draft.")},
    ),
    (
        T + '¶ Liisa Tamm spoke after the round. Her verdict: "The draft is dead. We start again."',
        {("direct", TA, "The draft is dead. We start again.")},
    ),
    (  # a sign-off line under the quotation beats the label above it
        T + '¶ Mikko Laine spoke first. ¶ Quote: ¶ "We will not sign this draft." ¶'
        " — Jan Kowalski, Polish deputy foreign minister",
        {("direct", K, "We will not sign this draft.")},
    ),
    (  # a dash, a name and adjuncts after a comma
        T + '¶ "The border stays closed until Monday" – Tamm, on the radio, as the round ended.',
        {("direct", TA, "The border stays closed until Monday")},
    ),
]


@pytest.mark.parametrize(("text", "want"), OWNERS)
def test_owner_and_sign_off(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    got = {t for t in triples(quotes_of(text, lexicon)) if t[0] == "direct"}
    assert got == want


OWNER_GUARDS = [
    # the quotation does not end the sentence: no owner's words
    T + '¶ Kowalski spoke. His reply: "We will not sign this draft," said Tamm.',
    # no noun of speech
    T + '¶ Kowalski spoke. His car was old: "We will not sign this draft."',
]


@pytest.mark.parametrize("text", OWNER_GUARDS)
def test_owner_guards(text: str, lexicon: Lexicon) -> None:
    assert K not in {q.speaker for q in quotes_of(text, lexicon) if q.kind == "direct"}


# --- repeats: a headline or bullet line the body quotes again --------------------------

ONCE = [
    (  # a bullet repeating the body's words: the body's quote only
        "Border deal within reach ¶ • Kowalski: “The crossing reopens on Friday” ¶ Jan Kowalski"
        " spoke in Turku. “The crossing reopens on Friday, and the checks end,” he said.",
        {("direct", K, "The crossing reopens on Friday, and the checks end")},
    ),
    (  # a headline fragment the body quotes in full
        "‘Not before June,’ Tamm says of the next round ¶ Liisa Tamm spoke on Monday."
        " “Not before June, and only with a text,” she said.",
        {("direct", TA, "Not before June, and only with a text")},
    ),
]


@pytest.mark.parametrize(("text", "want"), ONCE)
def test_repeats(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    got = {t for t in triples(quotes_of(text, lexicon)) if t[0] == "direct"}
    assert got == want


def test_a_headline_quote_not_repeated_stays(lexicon: Lexicon) -> None:
    text = (
        "Kowalski: “The crossing reopens on Friday” ¶ Jan Kowalski spoke in Turku."
        " “The checks end in May,” he said."
    )
    got = {q.text for q in quotes_of(text, lexicon) if q.kind == "direct"}
    assert got == {"The crossing reopens on Friday", "The checks end in May"}


# --- S6 subjects with an adjunct before the cue; translated copy ------------------------

ADJUNCTS = [
    (  # HARD-CASES S6
        T + "Jan Kowalski on March 3 said the draft was weak.",
        {("indirect", K, "the draft was weak")},
    ),
    (
        T + "Tamm in her evening address said that the border would stay closed.",
        {("indirect", TA, "the border would stay closed")},
    ),
    (  # translated copy: an en dash before an inverted cue, "told to journalists, that"
        T + "Laine met them. «The texts are close to agreement», – said the envoy.",
        {("direct", L, "The texts are close to agreement")},
    ),
    (
        T + "Kowalski after the session told to journalists, that Warsaw proposes a new round.",
        {("indirect", K, "Warsaw proposes a new round")},
    ),
    (  # a finite verb ends the clause ("… is still needed")
        T + "Tamm said that the texts were close, but time is still needed.",
        {("indirect", TA, "the texts were close, but time is still needed")},
    ),
]


@pytest.mark.parametrize(("text", "want"), ADJUNCTS)
def test_adjunct_subjects(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


GUARDS = [
    (  # names in an adjunct of the subject are no speakers of their own
        T + "Tamm, after speaking with Laine and Kowalski, said the texts were close.",
        {("indirect", TA, "the texts were close")},
    ),
    (  # "raised hopes" is a noun after a verb, and "A day after …" no subject
        T + "A day after negotiators raised hopes of a breakthrough, Warsaw is less upbeat.",
        set(),
    ),
]


@pytest.mark.parametrize(("text", "want"), GUARDS)
def test_guards(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


# --- L4 backward attribution, C2 relays, C4 relative subjects -------------------------

SOURCES = [
    (  # HARD-CASES L4
        T + "The delegations agreed on a new round. This was announced by adviser Ona Petraitė.",
        {("indirect", "Ona Petraitė", "The delegations agreed on a new round")},
    ),
    (
        T + "The crossing stays closed until June. Tamm confirmed this on Monday.",
        {("indirect", TA, "The crossing stays closed until June")},
    ),
    (  # paraphrases: a long by-phrase, the paragraph before, "said so"
        T + "The next round will be held in Turku. This was stated by Polish deputy foreign"
        " minister Jan Kowalski on Monday.",
        {("indirect", K, "The next round will be held in Turku")},
    ),
    (
        T + "¶ Checks at the border will resume next week. ¶ This was reported by Nordwire.",
        {("indirect", "Nordwire", "Checks at the border will resume next week")},
    ),
    (
        T + "The talks will resume in June. Kowalski said so at a briefing.",
        {("indirect", K, "The talks will resume in June")},
    ),
    (  # guards: "this" opening a clause; a sentence with its own attribution
        T + "The crossing stays closed. Tamm said this was a mistake.",
        {("indirect", TA, "this was a mistake")},
    ),
    (
        T + "Tamm said the text was ready. Kowalski confirmed this.",
        {("indirect", TA, "the text was ready")},
    ),
    (
        T + "Tamm asserts that this draft cannot be signed.",
        {("indirect", TA, "this draft cannot be signed")},
    ),
    # HARD-CASES C2 relays through outlets
    (
        T + "The crossing has been shut since March, as noted by the Baltic Ledger.",
        {("indirect", "Baltic Ledger", "The crossing has been shut since March")},
    ),
    (
        T + "Nordwire, quoting a Finnish official, reported that the draft was ready.",
        {("indirect", "Finnish official", "the draft was ready")},
    ),
    (
        T + "According to sources cited by Radio Kaunas, the draft was ready.",
        {("indirect", "sources", "the draft was ready")},
    ),
    (
        T + "According to the list of conditions posted by Tamm, the draft must be signed first.",
        {("indirect", TA, "the draft must be signed first")},
    ),
    (  # paraphrases: a person's "as … noted"; diplomats quoted by an outlet; a report's outlet
        T + "Checks will resume in May, as Kowalski noted on Monday.",
        {("indirect", K, "Checks will resume in May")},
    ),
    (
        T + "According to diplomats quoted by Nordwire, the text is nearly done.",
        {("indirect", "diplomats", "the text is nearly done")},
    ),
    (
        T + "According to a report published by the Baltic Ledger, the text is nearly done.",
        {("indirect", "Baltic Ledger", "the text is nearly done")},
    ),
    (T + "The talks ended, as expected by many.", set()),
    # HARD-CASES C4 relative-pronoun subjects
    (
        T + "The talks were attended by Estonia, which reported on Monday that the border was"
        " calm.",
        {("indirect", "Estonia", "the border was calm")},
    ),
    (
        T + "The draft went to the Finnish team, which said on Friday that it needed more time.",
        {("indirect", "Finnish team", "it needed more time")},
    ),
    (  # paraphrases: "who" after a from-phrase, "which" after a to-phrase
        T + "The offer came from Kowalski, who told reporters it would stand until June.",
        {("indirect", K, "it would stand until June")},
    ),
    (
        T + "The plan went to the Polish Foreign Ministry, which said the text was too vague.",
        {("indirect", "Polish Foreign Ministry", "the text was too vague")},
    ),
    (T + "A delegation went to Riga, which many said was a mistake.", set()),
]


@pytest.mark.parametrize(("text", "want"), SOURCES)
def test_sources(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


# --- S5 demonyms in group wording; S6 set-phrase and abbreviated roles -----------------

ROLES = [
    (  # HARD-CASES S5
        T + "Polish diplomatic sources said the draft was ready.",
        {("indirect", "Polish diplomatic sources", "the draft was ready")},
    ),
    (
        T + "The draft was ready, according to Finnish military sources.",
        {("indirect", "Finnish military sources", "The draft was ready")},
    ),
    (
        T + "The draft was ready, said Estonian diplomatic officials.",
        {("indirect", "Estonian diplomatic officials", "The draft was ready")},
    ),
    (  # S6 "the head of state said": "state" is no cue
        T + "President Marek Wrona opened the session. The head of state said the talks would"
        " resume.",
        {("indirect", "Marek Wrona", "the talks would resume")},
    ),
    (  # "President of the Republic" as a role; "FM" is the foreign minister
        T + "The President of the Republic, Marek Wrona, met Ona Petraitė, the President of"
        " Lithuania. The President of the Republic said the talks would resume.",
        {("indirect", "Marek Wrona", "the talks would resume")},
    ),
    (
        T + "Kowalski met Laine. The Estonian FM said the talks would resume.",
        {("indirect", TA, "the talks would resume")},
    ),
    ("Talks to resume, Estonian FM says ¶ Talks went on.", {("indirect", TA, "Talks to resume")}),
]


@pytest.mark.parametrize(("text", "want"), ROLES)
def test_roles(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


# --- L6 bullets after a pronoun intro; L7 turns end at narration -----------------------

RUNS = [
    (  # HARD-CASES L6
        T + '¶ • Tamm met Laine in Tartu on Monday. ¶ • "We agreed on the agenda," she said.',
        {("direct", TA, "We agreed on the agenda")},
    ),
    (
        T + "¶ • Kowalski met Laine in Turku on Friday. ¶ • He said the crossing would reopen.",
        {("indirect", K, "the crossing would reopen")},
    ),
    (  # a transcript's answer stops where the reporter names the speaker again
        "Tamm spoke to Radio Kaunas. ¶ Q: When? ¶ TAMM: Not before June. ¶ Q: And the border?"
        " ¶ TAMM: It reopens then. ¶ Tamm later told reporters the border would stay shut.",
        {
            ("direct", TA, "Not before June."),
            ("direct", TA, "It reopens then."),
            ("indirect", TA, "the border would stay shut"),
        },
    ),
    (  # … or quotes someone else with a speech verb
        "Tamm spoke to Radio Kaunas. ¶ Q: When? ¶ TAMM: Not before June. ¶ Q: And the border?"
        ' ¶ TAMM: It reopens then. ¶ The teams met again. "We are close," Kowalski said.',
        {
            ("direct", TA, "Not before June."),
            ("direct", TA, "It reopens then."),
            ("direct", K, "We are close"),
        },
    ),
    (  # guard: an unlabelled paragraph in the speaker's own voice goes on with the answer
        "Tamm spoke to Radio Kaunas. ¶ Q: When? ¶ TAMM: Not before June. ¶ Q: And the border?"
        " ¶ TAMM: It reopens then. ¶ And we will hold the next round in Riga, I hope.",
        {
            ("direct", TA, "Not before June."),
            ("direct", TA, "It reopens then."),
            ("direct", TA, "And we will hold the next round in Riga, I hope."),
        },
    ),
]


@pytest.mark.parametrize(("text", "want"), RUNS)
def test_runs(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


# --- P4 documents speak for their author; offices for their principal ------------------

DOCUMENTS = [
    (  # HARD-CASES P4
        T + "A plan drafted by Finnish diplomats was handed over. Nobody replied. It sets out"
        ' what the document calls "a phased settlement of claims".',
        {("direct", "Finland", "a phased settlement of claims")},
    ),
    (
        T + "The Estonian memorandum was handed over. A treaty should be signed after the"
        " elections, the memorandum says.",
        {("indirect", "Estonia", "A treaty should be signed after the elections")},
    ),
    (
        T + "Warsaw's draft was handed over on Monday. The text says the crossing would reopen.",
        {("indirect", "Poland", "the crossing would reopen")},
    ),
    (
        T + "The U.S.-drafted plan was handed over. The document says the crossing would reopen.",
        {("indirect", "United States", "the crossing would reopen")},
    ),
    (  # guard: no author named, no author invented
        T + "The memorandum says a treaty should be signed after the elections.",
        {("indirect", "memorandum", "a treaty should be signed after the elections")},
    ),
]


@pytest.mark.parametrize(("text", "want"), DOCUMENTS)
def test_documents(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


@pytest.mark.parametrize(
    ("text", "side"),
    [
        (T + "President Wrona's office said the talks would resume.", "Poland"),
        (T + "Kowalski's office said the talks would resume.", "Poland"),
        (T + "The talks would resume, Tamm's spokesman said.", "Estonia"),
        (T + "A spokesperson for Tamm said the talks would resume.", "Estonia"),
        (T + "The president's office said the talks would resume.", "none"),
    ],
)
def test_office_takes_its_principal_side(text: str, side: str, lexicon: Lexicon) -> None:
    assert [q.side for q in quotes_of(text, lexicon)] == [side]


# --- who "he" means; titles; clause ends at ", as <clause>" ------------------------------

PRONOUNS = [
    (  # a name after a preposition in the sentence is no antecedent of its subject pronoun
        T + "Kowalski met Laine on Monday. Writing on Nordwire afterwards, he said the crossing"
        " would reopen.",
        {("indirect", K, "the crossing would reopen")},
    ),
    (
        T + "Kowalski met the press. After talks with Mikko Laine, he said the crossing would"
        " reopen.",
        {("indirect", K, "the crossing would reopen")},
    ),
    (  # the subjects of a report inside another's clause are talked about, not heard
        T + "Kowalski said Laine and Marek Wrona had agreed to meet in Turku. He said he hoped"
        " the meeting would be useful.",
        {
            ("indirect", K, "Laine and Marek Wrona had agreed to meet in Turku"),
            ("indirect", K, "he hoped the meeting would be useful"),
        },
    ),
    (  # a definite role opening a sentence is a mention "he" may take up
        T + "Kowalski met Laine on Monday. Then the Polish president arrived in Turku. He said"
        " the crossing would reopen.",
        {("indirect", "Marek Wrona", "the crossing would reopen")},
    ),
    (  # hyphenated and translated titles
        T + "Deputy-minister Jan Kowalski confirmed that the text was ready.",
        {("indirect", K, "the text was ready")},
    ),
    (
        T + "Head of the delegation, assistant of president Jan Kowalski after the session told"
        " to journalists, that the text was ready.",
        {("indirect", K, "the text was ready")},
    ),
    (  # ", as <clause>" ends the reported clause; "as well as" does not
        T + "Tamm announced on Monday that the crossing would reopen, as negotiators met in Turku.",
        {("indirect", TA, "the crossing would reopen")},
    ),
    (
        T + "Tamm said the crossing would reopen, as well as the port.",
        {("indirect", TA, "the crossing would reopen, as well as the port")},
    ),
]


@pytest.mark.parametrize(("text", "want"), PRONOUNS)
def test_pronouns_and_titles(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


# --- trailing attributions after a clause; pronoun sources; asides before "that" --------

TRAILING = [
    (  # a clause with a verb before a trailing attribution, opening with an adjunct
        T + "In Turku, the border town, shelling killed at least 11 people on Monday, regional"
        " governor Jan Kowalski said.",
        {
            (
                "indirect",
                K,
                "In Turku, the border town, shelling killed at least 11 people on Monday",
            )
        },
    ),
    (  # a role closing a clause that names people: the role is the speaker, not a name
        T + "No date was set for a meeting between Tamm and Jan Kowalski, the Finnish aide added.",
        {
            (
                "indirect",
                "Finnish aide",
                "No date was set for a meeting between Tamm and Jan Kowalski",
            )
        },
    ),
    (  # "according to him", "according to his words"
        T + 'Kowalski met Laine. "It was hard," Kowalski said. According to him, the corridors'
        " will be organized jointly.",
        {
            ("direct", K, "It was hard"),
            ("indirect", K, "the corridors will be organized jointly"),
        },
    ),
    (
        T + 'Tamm met Laine. "It was hard," Tamm said. According to her words, the corridors'
        " will be organized jointly.",
        {
            ("direct", TA, "It was hard"),
            ("indirect", TA, "the corridors will be organized jointly"),
        },
    ),
    (  # an aside between the cue and "that"
        T + "Kowalski also claimed, without providing evidence, that the post had been taken"
        " over by smugglers.",
        {("indirect", K, "the post had been taken over by smugglers")},
    ),
    (
        T + "Tamm said, in a statement on Monday, that the crossing would reopen.",
        {("indirect", TA, "the crossing would reopen")},
    ),
    (  # an addressee is no part of the clause's subject; a long subject before its verb
        T + "Laine told reporters Polish companies had lost about $300 million.",
        {("indirect", L, "Polish companies had lost about $300 million")},
    ),
    (
        T + "Kowalski said a telephone conversation between President Marek Wrona and Tamm could"
        " be organized quickly.",
        {
            (
                "indirect",
                K,
                "a telephone conversation between President Marek Wrona and Tamm could be"
                " organized quickly",
            )
        },
    ),
]


@pytest.mark.parametrize(("text", "want"), TRAILING)
def test_trailing_and_asides(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


# --- group wording with a postmodifier; partial quotes stay in their sentence; no
# apposition across a cue ----------------------------------------------------------------

SPEAKER_SHAPES = [
    (
        T + "Two people familiar with the talks, who spoke on condition of anonymity, said the"
        " next round could be held soon.",
        {("indirect", "people familiar with the talks", "the next round could be held soon")},
    ),
    (
        T + "The next round could be held soon, officials briefed on the talks said.",
        {("indirect", "officials briefed on the talks", "The next round could be held soon")},
    ),
    (  # a partial quote closing a report belongs to it, not to the next sentence's subject
        T + "Kowalski said any contacts had to be prepared “step by step”. The Estonian"
        " ministry has also repeated its “categorical rejection” of the plan.",
        {
            ("indirect", K, "any contacts had to be prepared “step by step”"),
            ("direct", K, "step by step"),
            ("indirect", "Estonian ministry", "its “categorical rejection” of the plan"),
        },
    ),
    (  # "X Region, the President of Y confirmed …": a subject, no apposition of X
        T + "Responding to an appeal about soldiers encircled in the Narva Region, the Polish"
        " president confirmed that the crossing would reopen.",
        {("indirect", "Marek Wrona", "the crossing would reopen")},
    ),
]


@pytest.mark.parametrize(("text", "want"), SPEAKER_SHAPES)
def test_speaker_shapes(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


def test_same_speaker_aside_inside_the_clause(lexicon: Lexicon) -> None:
    text = (
        T + "Kowalski said he was ready to work on a settlement, a settlement which, he stressed,"
        " must be durable."
    )
    assert triples(quotes_of(text, lexicon)) == {
        (
            "indirect",
            K,
            "he was ready to work on a settlement, a settlement which, he stressed, must be"
            " durable",
        )
    }
    # another speaker's aside still ends the clause
    text = T + "Kowalski said the crossing would reopen, Tamm said, and the border was calm."
    assert ("indirect", K, "the crossing would reopen") in triples(quotes_of(text, lexicon))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (  # L4 for a quotation that is its whole sentence
            T + '¶ "The crossing will reopen on Friday." ¶ This was stated by Polish deputy'
            " foreign minister Jan Kowalski.",
            {("direct", K, "The crossing will reopen on Friday.")},
        ),
        (
            T + '"The crossing will reopen on Friday." Tamm confirmed this on Monday.',
            {("direct", TA, "The crossing will reopen on Friday.")},
        ),
        (  # a partial quote keeps its own attribution
            T + 'Tamm said the crossing would reopen "on Friday at the latest". Kowalski'
            " confirmed this.",
            {
                ("indirect", TA, 'the crossing would reopen "on Friday at the latest"'),
                ("direct", TA, "on Friday at the latest"),
            },
        ),
    ],
)
def test_backward_direct(text: str, want: set[Triple], lexicon: Lexicon) -> None:
    check(text, want, lexicon)


def test_a_closing_attribution_reports_the_clause_with_the_fragment(lexicon: Lexicon) -> None:
    text = T + '¶ Kowalski agreed to sign "as soon as he can" a new accord, Tamm said.'
    got = {(q.kind, q.speaker) for q in quotes_of(text, lexicon)}
    assert ("direct", TA) in got
    assert ("direct", K) not in got


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (  # a country with a stance verb: a position, no quote (a headline or not)
            "Warsaw Wants ‘A Calm Summer on the Border,’ Tallinn Says ‘Talks Must Go On’ ¶"
            " Delegations met in Tartu.",
            {("direct", "Tallinn", "Talks Must Go On")},
        ),
        (
            T + '¶ Finland insists on "a border regime both sides can live with".',
            set(),
        ),
        (  # a person with the same verb is a quote
            T + '¶ Kowalski insists on "a border regime both sides can live with".',
            {("direct", K, "a border regime both sides can live with")},
        ),
    ],
)
def test_a_country_stance_verb_is_no_direct_quote(
    text: str, want: set[Triple], lexicon: Lexicon
) -> None:
    got = {t for t in triples(quotes_of(text, lexicon)) if t[0] == "direct"}
    assert got == want
