"""Positions: general constructions as small tables, provenance, and the seed gold."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
from pathlib import Path

import pytest
import yaml

from talks.extract import record_id
from talks.extract.dispatch import Family, Literals, Scanner
from talks.extract.positions import QuoteTopics, extract_positions, topics_in
from talks.extract.regex_shapes import prefixes
from talks.extract.text import sentence_ranges
from talks.extract.topic_lexicon import compiled, scan_signals
from talks.lexicon import Lexicon, load, load_file, merge
from talks.models import Article, Position, Quote, Span

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "data" / "seeds"
GOLD = REPO.parent / "shared" / "gold" / "seeds"

Triple = tuple[str, str, str]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load()


def article(text: str, published: dt.date | None = None) -> Article:
    return Article(id="a1", article="a1.txt", path="a1.txt", text=text, published=published)


def positions(text: str, lexicon: Lexicon, quotes: tuple[Quote, ...] = ()) -> list[Position]:
    return extract_positions(article(text), quotes, lexicon=lexicon)


def triples(text: str, lexicon: Lexicon, quotes: tuple[Quote, ...] = ()) -> set[Triple]:
    return {(p.actor, p.topic, p.stance) for p in positions(text, lexicon, quotes)}


def quote(text: str, content: str, side: str, speaker: str, *, speaker_word: str = "") -> Quote:
    """A quote over the first occurrence of `content` (the extractor's output, made by hand)."""
    start = text.index(content)
    sp = None
    if speaker_word:
        s = text.index(speaker_word)
        sp = Span(start=s, end=s + len(speaker_word))
    return Quote(
        id="q1",
        article="a1.txt",
        article_id="a1",
        path="a1.txt",
        speaker=speaker,
        speaker_mention=speaker_word or speaker,
        speaker_span=sp,
        side=side,
        kind="direct",
        text=content,
        spans=(Span(start=start, end=start + len(content)),),
        date=dt.date(2022, 3, 29),
        date_basis="explicit",
    )


# --- narration: the subject of the outermost cue holds the view --------------------------

NARRATION = [
    # a demand that the other side renounce: demand (+) x renounce (-) = oppose
    (
        "Moscow demands that Kyiv renounce its bid to join NATO.",
        {("Russia", "nato", "oppose")},
    ),
    ("Russia insists that Ukraine abandon its NATO ambitions.", {("Russia", "nato", "oppose")}),
    # refusal to join; coordinated objects share the cue
    (
        "Kyiv confirmed its refusal to join NATO and host foreign military bases.",
        {("Ukraine", "nato", "oppose"), ("Ukraine", "foreign_bases", "oppose")},
    ),
    # ready to declare neutral, and drop the NATO project
    (
        "The Ukrainian government is ready to declare itself neutral and drop its NATO bid.",
        {("Ukraine", "neutrality", "support"), ("Ukraine", "nato", "oppose")},
    ),
    # in exchange for guarantees
    (
        "Kyiv is ready to accept a non-bloc status in exchange for security guarantees.",
        {("Ukraine", "neutrality", "support"), ("Ukraine", "security_guarantees", "support")},
    ),
    # rules out
    (
        "The Kremlin has ruled out a ceasefire before a final deal.",
        {("Russia", "ceasefire", "oppose")},
    ),
    # will not / would never
    ("Ukraine will not recognise Crimea as Russian.", {("Ukraine", "crimea", "oppose")}),
    (
        "Zelensky said Kyiv would never give up its territory.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    # negation flips a cue
    ("Kyiv is not ready to drop its bid to join NATO.", {("Ukraine", "nato", "support")}),
    ("Ukraine has not ruled out a neutral status.", {("Ukraine", "neutrality", "support")}),
    # polarity -1 signals
    ("Ukraine insists on the return of Crimea.", {("Ukraine", "crimea", "oppose")}),
    (
        "The EU rejected any sanctions relief for Moscow.",
        {("European Union", "sanctions", "support")},
    ),
    # possessive + cue noun holds the view; possessive + topic noun does not
    (
        "Russia's demand for Ukraine's neutrality remains unchanged.",
        {("Russia", "neutrality", "support")},
    ),
    (
        "Ukraine's refusal to cede territory angered Moscow.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    # a predicate after the topic, with the speaker before or after
    (
        "Lavrov said NATO membership for Ukraine was unacceptable.",
        {("Russia", "nato", "oppose")},
    ),
    (
        "The sanctions on Russia will stay in place, the White House said.",
        {("United States", "sanctions", "support")},
    ),
    (
        "A neutral status for Ukraine was the main condition for peace, the Kremlin said.",
        {("Russia", "neutrality", "support")},
    ),
    # passive agent
    ("A ceasefire was rejected by Moscow.", {("Russia", "ceasefire", "oppose")}),
    # two clauses, two holders
    (
        "Russia proposed a truce, while Ukraine demanded security guarantees.",
        {("Russia", "ceasefire", "support"), ("Ukraine", "security_guarantees", "support")},
    ),
    # coordinated subjects both hold it
    (
        "France and Britain are willing to deploy peacekeepers to Ukraine.",
        {("France", "foreign_bases", "support"), ("United Kingdom", "foreign_bases", "support")},
    ),
    # a pronoun object points back to the topic of the clause before
    (
        "Ukraine wants a ceasefire, but Russia rejects it.",
        {("Ukraine", "ceasefire", "support"), ("Russia", "ceasefire", "oppose")},
    ),
    # a pronoun subject: "it" is the sentence's subject party
    ("Ukraine says it will not join NATO.", {("Ukraine", "nato", "oppose")}),
    # an adjective + role noun is an actor, the topic word's party is not
    (
        "The Russian delegation suggested a meeting between Putin and Zelensky.",
        {("Russia", "leaders_meeting", "support")},
    ),
    ("Ukraine has applied to join the European Union.", {("Ukraine", "eu_membership", "support")}),
    # a view held inside the chain: the possessive or adjective holder of a cue noun
    (
        "Moscow rejected Kyiv's call for an unconditional ceasefire.",
        {("Russia", "ceasefire", "oppose"), ("Ukraine", "ceasefire", "support")},
    ),
    (
        "Ukraine rejected a Russian proposal for a short truce.",
        {("Ukraine", "ceasefire", "oppose"), ("Russia", "ceasefire", "support")},
    ),
    # "but" with a new phrase of its own ends the clause
    ("Russia and Ukraine agreed on a prisoner swap but no ceasefire.", set()),
    # coordinated verb phrases share the governing cue, not each other's
    (
        "Putin has demanded that Kyiv recognise Crimea as Russian and give up its claims to "
        "the Donbas.",
        {("Russia", "crimea", "support"), ("Russia", "donbas", "support")},
    ),
    (
        "Russia rejects NATO membership for Ukraine and demands its neutrality.",
        {("Russia", "nato", "oppose"), ("Russia", "neutrality", "support")},
    ),
    (
        "The Kremlin dismissed the idea of a summit between Putin and Zelensky.",
        {("Russia", "leaders_meeting", "oppose")},
    ),
    # recognising land as Russian is the opposite of territorial integrity
    (
        "Kyiv will never recognise occupied territory as Russian.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), NARRATION)
def test_narration(text: str, expected: set[Triple], lexicon: Lexicon) -> None:
    assert triples(text, lexicon) == expected


# --- precision: topic words without a stated view give nothing ----------------------------

NO_POSITION = [
    "NATO membership was discussed at the talks.",
    "The talks focused on security guarantees and a ceasefire.",
    "Russia launched missiles at Kyiv despite the ceasefire talks.",
    "The ceasefire collapsed within hours.",
    "Sanctions have hit the Russian economy hard.",
    "Zelensky asserts that this proposal cannot be considered a ceasefire.",
    "The Donbas region has seen heavy fighting.",
    "Analysts said the Russian and Ukrainian leaders could meet, but only when a deal is ready.",
    "Turkey offered Istanbul as a neutral venue for the talks.",
    # talking about a topic is no stance on it
    "Kyiv was prepared to discuss the status of Crimea and the Donbas.",
    # the cue governs another verb's object
    "Zelensky thanked Biden for his support and discussed sanctions against Moscow.",
]


@pytest.mark.parametrize("text", NO_POSITION)
def test_no_position(text: str, lexicon: Lexicon) -> None:
    assert triples(text, lexicon) == set()


# --- conditions -------------------------------------------------------------------------

CONDITIONS = [
    ("Russia is ready to accept a ceasefire if Ukraine withdraws its troops.", True),
    ("Putin is ready to meet Zelensky only when a treaty is ready, the Kremlin said.", True),
    ("Kyiv agreed to a non-bloc status provided that it receives security guarantees.", True),
    (
        "The Kremlin advocates a summit between Putin and Trump, but believes it should wait.",
        True,
    ),
    ("Russia demands that Ukraine renounce NATO membership.", False),
]


@pytest.mark.parametrize(("text", "conditional"), CONDITIONS)
def test_conditional(text: str, conditional: bool, lexicon: Lexicon) -> None:
    found = positions(text, lexicon)
    assert found
    assert found[0].conditional is conditional


# --- quotes: the speaker's side, unless the speaker reports another party's offer -------


def test_quote_side_is_the_actor(lexicon: Lexicon) -> None:
    text = "“We will never accept NATO membership for Ukraine,” the minister said."
    q = quote(text, "We will never accept NATO membership for Ukraine", "Russia", "Sergei Lavrov")
    [p] = positions(text, lexicon, (q,))
    assert (p.actor, p.topic, p.stance) == ("Russia", "nato", "oppose")
    assert p.holder == "Sergei Lavrov"
    assert p.quote_id == "q1"
    assert p.date == dt.date(2022, 3, 29) and p.date_basis == "explicit"


def test_reported_offer_belongs_to_the_party_described(lexicon: Lexicon) -> None:
    text = "Medinsky told state TV that “Ukraine is offering a neutral status for itself.”"
    q = quote(
        text, "Ukraine is offering a neutral status for itself.", "Russia", "Vladimir Medinsky"
    )
    [p] = positions(text, lexicon, (q,))
    assert (p.actor, p.topic, p.stance) == ("Ukraine", "neutrality", "support")
    assert p.holder is None


def test_speaker_voicing_own_side_is_the_holder(lexicon: Lexicon) -> None:
    text = "Peskov said that Russia insists on a neutral status for Ukraine."
    q = quote(text, "Russia insists on a neutral status for Ukraine", "Russia", "Dmitry Peskov")
    [p] = positions(text, lexicon, (q,))
    assert (p.actor, p.topic, p.stance, p.holder) == (
        "Russia",
        "neutrality",
        "support",
        "Dmitry Peskov",
    )


def test_pronoun_resolved_through_the_quote_attribution(lexicon: Lexicon) -> None:
    text = "Later, he emphasized the need for “security guarantees that work.”"
    q = quote(
        text,
        "security guarantees that work.",
        "Ukraine",
        "Volodymyr Zelensky",
        speaker_word="he",
    )
    [p] = positions(text, lexicon, (q,))
    assert (p.actor, p.topic, p.stance) == ("Ukraine", "security_guarantees", "support")


def test_verdict_on_a_proposal_named_before(lexicon: Lexicon) -> None:
    text = (
        "Ukraine is offering an Austrian version of a neutral state. "
        "Peskov said of that idea that it could be seen as a compromise."
    )
    assert triples(text, lexicon) == {
        ("Ukraine", "neutrality", "support"),
        ("Russia", "neutrality", "support"),
    }


def test_appositive_re_attributes_the_proposition(lexicon: Lexicon) -> None:
    text = (
        "Russia demands that Ukraine renounce membership in NATO, something that "
        "Zelensky has already accepted, and that it recognise Crimea as Russian."
    )
    assert triples(text, lexicon) == {
        ("Russia", "nato", "oppose"),
        ("Ukraine", "nato", "oppose"),
        ("Russia", "crimea", "support"),
    }


# --- records ------------------------------------------------------------------------------


def test_record_fields(lexicon: Lexicon) -> None:
    text = "MOSCOW, March 29 - Russia demands that Ukraine renounce membership in NATO."
    a = article(text, published=dt.date(2022, 3, 30))
    [p] = extract_positions(a, [], lexicon=lexicon)
    assert p.evidence == text[p.span.start : p.span.end]
    assert p.evidence.startswith("Russia demands") and p.evidence.endswith("NATO")
    assert p.id == record_id("p", "a1", "Russia", "nato", "oppose", p.span.start, p.span.end)
    assert (p.article, p.article_id, p.path) == ("a1.txt", "a1", "a1.txt")
    assert p.holder is None and p.quote_id is None
    assert p.date is not None and p.date_basis in ("explicit", "published")


def test_undated_article_gives_unknown_dates(lexicon: Lexicon) -> None:
    [p] = positions("Russia demands that Ukraine renounce membership in NATO.", lexicon)
    assert p.date is None and p.date_basis == "unknown"


def test_topics_in(lexicon: Lexicon) -> None:
    got = topics_in("a ceasefire and security guarantees, but not NATO membership", lexicon=lexicon)
    assert got == ("nato", "security_guarantees", "ceasefire")
    assert topics_in("The weather was fine.", lexicon=lexicon) == ()


def test_user_topic_file_adds_a_topic(tmp_path: Path, lexicon: Lexicon) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "topics:\n"
        "  - key: grain_deal\n"
        "    proposition: the Black Sea grain deal continues\n"
        "    signals:\n"
        "      - pattern: grain\\s+(?:deal|corridor)\n",
        encoding="utf-8",
    )
    merged = merge(lexicon, load_file(user))
    text = "Russia refuses to extend the grain deal."
    assert triples(text, merged) == {("Russia", "grain_deal", "oppose")}
    assert triples(text, lexicon) == set()


def test_shipped_patterns_dispatch_on_their_first_letters(lexicon: Lexicon) -> None:
    comp = compiled(lexicon)
    for family in (comp.signals, comp.cues, comp.conditions, comp.negations):
        assert family.always == ()  # none runs over the whole text


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_scanner_finds_what_one_alternation_finds(name: str, lexicon: Lexicon) -> None:
    """Dispatching on first letters changes the speed, never the matches."""
    comp = compiled(lexicon)
    text = (SEEDS / name).read_text(encoding="utf-8")
    families = (comp.signals, comp.cues, comp.conditions, comp.negations)
    for family, got in zip(families, comp.scanner.scan(text), strict=True):
        one = re.compile("|".join(f"(?:{p.pattern})" for p in family.patterns), re.I)
        assert [(h.start, h.end) for h in got] == [m.span() for m in one.finditer(text)]
    names = Literals(["Russia", "Russian", "Russian Federation", "Kremlin", "Kyiv"])
    got_names = [text[h.start : h.end] for h in names.scan(text)]
    want = re.findall(
        r"(?<![\w-])(?:Russian Federation|Russian|Russia|Kremlin|Kyiv)(?![\w-])", text
    )
    assert got_names == want


@pytest.mark.parametrize(
    "space", ["  ", "\t", "\n", "\u00a0", " \u2009", "\u3000"], ids=lambda s: repr(s)
)
def test_scanner_reads_any_white_space_as_the_alternation_does(
    space: str, lexicon: Lexicon
) -> None:
    """The longer prefixes see past white space ("the " + the next word): a run of other
    or several white space characters between the words must still find every match."""
    comp = compiled(lexicon)
    texts = [
        (SEEDS / n).read_text(encoding="utf-8") for n in sorted(p.name for p in SEEDS.glob("*.txt"))
    ]
    text = "\n".join(texts).replace(" ", space)
    families = (comp.signals, comp.cues, comp.conditions, comp.negations)
    hits = 0
    for family, got in zip(families, comp.scanner.scan(text), strict=True):
        one = re.compile("|".join(f"(?:{p.pattern})" for p in family.patterns), re.I)
        assert [(h.start, h.end) for h in got] == [m.span() for m in one.finditer(text)]
        hits += len(got)
    assert hits > 50  # (the seeds name topics and cues across white space)


def test_literals_found_apart_are_those_of_the_whole_pattern() -> None:
    """Phrases with a capital and the others are looked for apart and merged: the merge
    must give the whole pattern's matches, and fall back to it when it cannot tell."""
    names = Literals(
        ["the Kremlin", "Kremlin Palace", "Palace", "Kremlin", "von der Leyen", "Leyen"]
    )
    text = "See the Kremlin Palace now; the Kremlin said, and von der Leyen met Leyen."
    assert names._apart(text) is None  # ("Kremlin Palace" hid "Palace" from its part)
    want = [(m.start(), m.end()) for m in names.pattern.finditer(text)]
    assert [text[a:b] for a, b in want] == [
        "the Kremlin", "Palace", "the Kremlin", "von der Leyen", "Leyen",
    ]  # fmt: skip
    assert [(h.start, h.end) for h in names.scan(text)] == want
    words = ["the", "Kremlin", "Palace", "von", "der", "Leyen", "said", ",", "-", "x"]
    rng = random.Random(7)
    merged = 0
    for _ in range(2000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        got = [(h.start, h.end) for h in names.scan(text)]
        assert got == [(m.start(), m.end()) for m in names.pattern.finditer(text)], text
        merged += names._apart(text) is not None
    assert merged > 1000  # (the merge answers most texts itself)


def test_longer_prefixes_read_white_space_as_one_space() -> None:
    assert prefixes(r"in\s+(?:exchange|return)", re.I, k=8, spaces=True) == {
        "in  ", "in excha", "in retur",
    }  # fmt: skip
    assert prefixes(r"a\s*b", re.I, k=8, spaces=True) == {"ab", "a b", "a  "}
    assert prefixes("a\tb", re.I, k=8, spaces=True) == {"a b"}
    assert prefixes(r"in\s+(?:exchange|return)", re.I, k=8) == {"in"}


def test_scanner_finds_entries_written_with_other_white_space() -> None:
    family = Family.build(
        ["a\tb", r"the\s+plan", "the  deal", r"the\s*(?:truce|ceasefire)"], flags=re.I
    )
    text = "See the  plan, a\tb, the\u00a0deal, the  deal, the\ntruce and thetruce."
    (got,) = Scanner([family]).scan(text)
    one = re.compile("|".join(f"(?:{p.pattern})" for p in family.patterns), re.I)
    assert [(h.start, h.end) for h in got] == [m.span() for m in one.finditer(text)]
    assert len(got) == 5


def test_quote_topics_agree_with_a_scan_of_each_quote(lexicon: Lexicon) -> None:
    """Quotes whose topics the whole text's signals tell are not scanned again: the topics
    must be those a scan of the quote's own text finds, wherever the quote starts and ends
    (mid-word, right before "of" after "guarantees", over, across or beside a signal)."""
    comp = compiled(lexicon)
    texts = [
        (SEEDS / n).read_text(encoding="utf-8") for n in sorted(p.name for p in SEEDS.glob("*.txt"))
    ]
    texts.append(
        "Kyiv wants security guarantees of NATO. They sought guarantees, and guarantees"
        " that hold. The neutral, non-nuclear state said guarantees of peace."
    )
    checked = skipped = told = 0
    for text in texts:
        seen = QuoteTopics(text, scan_signals(comp, text), lexicon=lexicon)
        cuts = sorted(
            {0, len(text), *range(0, len(text), 7), *(m.start() for m in re.finditer(r"\b", text))}
        )
        sents = sentence_ranges(text)  # (and whole sentences, one or two, as quotes)
        spans = [(start, end) for i, start in enumerate(cuts) for end in cuts[i + 1 : i + 8]]
        spans += sents + [(a, d) for (a, _), (_, d) in itertools.pairwise(sents)]
        for start, end in spans:
            words = text[start:end]
            got = seen.of(words, [(start, end)])
            assert got == topics_in(words, lexicon=lexicon), (start, end, words)
            checked += 1
            inside = seen._inside(start, end)
            skipped += inside == []
            told += bool(inside)
    # (the shortcut is taken, for quotes with signals and without, and right)
    assert checked > 10_000 and skipped > 1_000 and told > 100


def test_every_shipped_topic_has_signals_and_a_proposition(lexicon: Lexicon) -> None:
    keys = lexicon.topic_keys()
    assert set(keys) >= {
        "neutrality", "nato", "crimea", "donbas", "security_guarantees", "ceasefire",
        "leaders_meeting", "sanctions", "eu_membership", "foreign_bases", "nuclear_status",
        "demilitarization", "territorial_integrity",
    }  # fmt: skip
    for t in lexicon.topics:
        assert t.signals and t.proposition


# --- the seeds ------------------------------------------------------------------------------


def _seed_articles() -> list[Article]:
    meta = {
        m["file"]: m.get("published") for m in yaml.safe_load((SEEDS / "meta.yaml").read_text())
    }
    return [
        Article(
            id=p.stem[:3],
            article=p.name,
            path=str(p),
            text=p.read_text(encoding="utf-8"),
            published=meta.get(p.name),
        )
        for p in sorted(SEEDS.glob("*.txt"))
    ]


def test_seed_spans_are_exact(lexicon: Lexicon) -> None:
    for a in _seed_articles():
        for p in extract_positions(a, [], lexicon=lexicon):
            assert a.text[p.span.start : p.span.end] == p.evidence
            assert 0 < len(p.evidence) <= 200
            assert p.actor in lexicon.party_names()
            assert p.topic in lexicon.topic_keys()


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold/seeds not present (CI has it)")
def test_seed_gold_f1(lexicon: Lexicon) -> None:
    tp = fp = fn = 0
    for a in _seed_articles():
        gold = yaml.safe_load((GOLD / f"{Path(a.article).stem}.gold.yaml").read_text())
        expected = {(g["actor"], g["topic"], g["stance"]) for g in gold["positions"]}
        got = {(p.actor, p.topic, p.stance) for p in extract_positions(a, [], lexicon=lexicon)}
        tp += len(expected & got)
        fp += len(got - expected)
        fn += len(expected - got)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.80, (tp, fp, fn)
