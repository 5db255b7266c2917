"""Paragraph and sentence spans over the original text."""

from __future__ import annotations

from talks.extract.text import paragraphs, sentences
from talks.models import Span


def _texts(text: str, spans: list[Span]) -> list[str]:
    return [s.of(text) for s in spans]


def test_paragraphs_are_non_empty_lines() -> None:
    text = "First para.\n\n  \nSecond para.\nThird."
    assert _texts(text, paragraphs(text)) == ["First para.", "Second para.", "Third."]


def test_paragraph_spans_index_into_the_text() -> None:
    text = "\n\nA\r\nB"
    spans = paragraphs(text)
    assert [(s.start, s.end) for s in spans] == [(2, 4), (5, 6)]


def test_sentences_split_on_stops() -> None:
    text = "Talks resumed. Did they work? Yes! Next round soon."
    assert _texts(text, sentences(text)) == [
        "Talks resumed.",
        "Did they work?",
        "Yes!",
        "Next round soon.",
    ]


def test_sentences_never_cross_paragraphs() -> None:
    text = "A headline without a stop\nThe body starts here. It goes on."
    assert _texts(text, sentences(text)) == [
        "A headline without a stop",
        "The body starts here.",
        "It goes on.",
    ]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Mr. Medinsky met Dr. Smith and J. Doe in the U.S. on Mar. 29. Talks went on."
    got = _texts(text, sentences(text))
    assert got == [
        "Mr. Medinsky met Dr. Smith and J. Doe in the U.S. on Mar. 29.",
        "Talks went on.",
    ]


def test_closing_quote_after_the_stop_stays_with_its_sentence() -> None:
    text = "“We want peace.” Medinsky said so. He left."
    assert _texts(text, sentences(text)) == ["“We want peace.”", "Medinsky said so.", "He left."]


def test_a_stop_before_a_lower_case_word_is_not_a_boundary() -> None:
    text = "The figure was 3.5 percent. the e.g. case stays."
    assert _texts(text, sentences(text)) == ["The figure was 3.5 percent. the e.g. case stays."]


def test_sentences_are_trimmed_and_index_into_the_text() -> None:
    text = "  One.   Two.  \n\n Three. "
    spans = sentences(text)
    assert _texts(text, spans) == ["One.", "Two.", "Three."]
    for s in spans:
        assert text[s.start : s.end] == s.of(text)
        assert not s.of(text)[0].isspace() and not s.of(text)[-1].isspace()


def test_sentences_within_given_spans_only() -> None:
    text = "Skip this. Keep this one. And this."
    within = [Span(start=text.index("Keep"), end=len(text))]
    assert _texts(text, sentences(text, within)) == ["Keep this one.", "And this."]


def test_empty_text_has_no_sentences() -> None:
    assert sentences("") == []
    assert paragraphs("\n\n") == []


def test_reverend_is_an_abbreviation() -> None:
    text = "The deal is fragile, said the Rev. Al Sharpton at the rally."
    assert [s.of(text) for s in sentences(text)] == [text]


def _abbreviation_walking_back(text: str, dot: int) -> bool:
    """`_is_abbreviation` as it was, finding the word's start one character at a time."""
    from talks.extract.text import _ABBREV

    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True
    if word in _ABBREV:
        return True
    if not all(len(part) == 1 for part in word.split(".")):
        return False
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if not text[end - 1 : end].isalpha():
        return False
    begin = end
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return text[begin].isupper()


def test_abbreviations_are_told_as_by_the_walk_back_on_random_text() -> None:
    import random

    from talks.extract.text import _is_abbreviation

    rng = random.Random(5)
    pieces = ["a", "B", "é", "Ж", ".", ".", " ", " ", "\t", "\n", "1", "-", "’", "x" * 45]
    pieces += ["J.", "U.S", "Mr", "Gov't", "H.W", "p.m"]
    checked = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        for dot, char in enumerate(text):
            if char == ".":
                assert _is_abbreviation(text, dot) == _abbreviation_walking_back(text, dot)
                checked += 1
    assert checked > 5000
