"""several._speakers' short way for a subject that is neither plural, a party, a group
nor a document (only `_people` can name several there) against the plain reading, on
random text: the same speakers, frame by frame."""

from __future__ import annotations

import random

import pytest

from talks.extract import extract, several
from talks.extract.document import Doc
from talks.extract.frames import Frame, Speaker
from talks.lexicon import shipped
from talks.models import Article

# letters whose case folding is special: ı İ ſ K (Kelvin) ß
_ODD = ["ı", "İ", "ſ", "\u212a", "ß", "Poland ınd Finland", "ſtatement"]
_SUBJECTS = [
    "Warsaw and Tallinn",
    "Poland, Finland and Estonia",
    "The ministers, Tamm and Kowalski,",
    "A joint Polish-Finnish statement",
    "The statement",
    "They",
    "It",
    "Zelensky",
    "Peskov",
    "European leaders together with the leaders of Canada and Japan",
    "The two delegations",
    "Russia",
    "Ukraine",
    "The Kremlin",
    "Kyiv and the Kremlin",
    "Warsaw and the European Commission",
    "A joint readout",
    "Officials",
    "He",
    "Lavrov and Blinken",
    "NATO",
    "The memorandum",
    "Kyiv along with Warsaw",
    "Tamm",
    "Kowalski",
    "The ministry",
]
_CUES = ["said", "told reporters", "noted", "warned", "stressed", "added"]
_REST = "that the talks would go on . a ceasefire was possible , in a joint statement".split()


def _text(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        lead = rng.choice(["", "", "In a joint statement, ", "On Monday, "])
        subject = rng.choice(_SUBJECTS) if rng.random() < 0.93 else rng.choice(_ODD)
        rest = " ".join(rng.choice(_REST) for _ in range(rng.randint(1, 8)))
        out.append(f"{lead}{subject} {rng.choice(_CUES)} {rest}.")
        if rng.random() < 0.3:
            out.append(f"“{rest},” {rng.choice(_SUBJECTS)} {rng.choice(_CUES)}.")
    return " ".join(out)


def _old_speakers(
    doc: Doc, f: Frame, last: tuple[int, list[Speaker], bool] | None
) -> list[Speaker]:
    while f.subject is None and f.parent is not None:
        f = f.parent  # "…, adding that …": the subject of the clause it continues
    p = f.subject if f.relay is None else None
    if p is None:
        return []
    if p.kind == "pronoun":
        word = doc.tk.low[p.head]
        sp = f.speaker
        if word == "it" and sp is not None and sp.kind != "pronoun":
            # "…, it noted" after "the statement said" (`document.read`): that document
            tk = doc.tk
            head = tk.index(sp.end) - 1
            authors = several._joint_authors(doc, head, tk.index(sp.start))
            if len(authors) >= 2:
                return [Speaker(n, n, sp.mention, sp.start, sp.end, None, "party") for n in authors]
        if last is None or not 0 <= f.sentence - last[0] <= several._THEY_REACH:
            return []
        if word == "they" or (word == "it" and last[2]):  # "it noted": the joint statement
            return last[1]
        return []
    return (
        several._joint(doc, f, p) or several._coordinated(doc, f, p) or several._people(doc, f, p)
    )


def test_speakers_read_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: dict[int, int] = {}
    speakers = several._speakers

    def both(doc: Doc, f: Frame, last: tuple[int, list[Speaker], bool] | None) -> list[Speaker]:
        new = speakers(doc, f, last)
        assert new == _old_speakers(doc, f, last)
        sizes[len(new)] = sizes.get(len(new), 0) + 1
        return new

    monkeypatch.setattr(several, "_speakers", both)
    lexicon = shipped()
    rng = random.Random(29)
    for i in range(300):
        text = _text(rng, rng.randint(1, 25))
        article = Article(id=f"s{i}", article=f"s{i}.txt", path=f"s{i}.txt", text=text)
        extract(article, lexicon=lexicon)
    assert sizes.get(0, 0) > 1000 and sum(v for k, v in sizes.items() if k >= 2) > 300
