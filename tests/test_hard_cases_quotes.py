"""HARD-CASES quote families (attribution frames, layout, source chains, false cues):
each example of ../shared/gold/HARD-CASES.md on the test lexicon it names, plus
paraphrases of our own, so that a rule is the shape and not the words.

A case lists the quotes it must give as (kind, speaker, text) and, where it says so,
the quotes it must not give. The speaker is compared as the record's speaker name;
the text exactly (spans are checked to be the text's own characters)."""

from __future__ import annotations

import datetime as dt

import pytest

from talks.extract.quotes import extract_quotes
from talks.lexicon import Lexicon, Role, SpeakerEntry, shipped
from talks.models import Article, Quote

SPEAKERS = [
    SpeakerEntry(
        name="Jan Kowalski",
        side="Poland",
        aliases=["Kowalski"],
        roles=[Role(title="Polish deputy foreign minister")],
    ),
    SpeakerEntry(
        name="Liisa Tamm",
        side="Estonia",
        aliases=["Tamm"],
        roles=[Role(title="Estonian foreign minister")],
    ),
    SpeakerEntry(name="Mikko Laine", side="Finland", aliases=["Laine"]),
    SpeakerEntry(name="Ona Petraitė", side="Lithuania", aliases=["Petraitė", "Petraite"]),
    SpeakerEntry(
        name="Marek Wrona", side="Poland", aliases=["Wrona"], roles=[Role(title="Polish president")]
    ),
]
OUTLETS = ["Nordwire", "Baltic Ledger", "Radio Kaunas"]

Triple = tuple[str, str, str]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    base = shipped()
    words = {k: list(v) for k, v in base.words.items()}
    words["outlets"] = words.get("outlets", []) + OUTLETS
    return base.model_copy(update={"speakers": SPEAKERS, "words": words})


def quotes_of(text: str, lexicon: Lexicon) -> list[Quote]:
    text = text.replace(" ¶ ", "\n\n")
    a = Article(id="h", article="h.txt", path="h.txt", text=text, published=dt.date(2025, 5, 1))
    out = extract_quotes(a, lexicon=lexicon)
    for q in out:  # provenance: every record is the text's own characters
        assert q.text == " ".join(text[s.start : s.end] for s in q.spans)
    return out


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
