"""The scorer: normalisation, matching, speaker rule, positions, dates, gold vs itself."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from talks.errors import InputError
from talks.evaluate import (
    GoldArticle,
    GoldQuote,
    Prediction,
    format_report,
    load_gold,
    load_gold_dir,
    run,
    score,
)
from talks.evaluate_match import head_token, match_pairs, normalise, speaker_agrees, token_f1
from talks.lexicon import Lexicon
from talks.models import Article, Position, Quote, Span

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD_DIR = SHARED / "gold" / "seeds"
SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


# --- helpers -----------------------------------------------------------------------


def _article(name: str = "a.txt", published: dt.date | None = None) -> Article:
    return Article(id="a1", article=name, path=name, text="x", published=published)


def _quote(text: str, speaker: str = "Sergei Lavrov", kind: str = "direct") -> Quote:
    return Quote.model_validate(
        dict(
            id=f"q{abs(hash((text, speaker, kind)))}",
            article="a.txt",
            article_id="a1",
            path="a.txt",
            speaker=speaker,
            speaker_mention=speaker,
            side="none",
            kind=kind,
            text=text,
            spans=[Span(start=0, end=1)],
        )
    )


def _position(actor: str, topic: str, stance: str) -> Position:
    return Position.model_validate(
        dict(
            id=f"p{actor}{topic}{stance}",
            article="a.txt",
            article_id="a1",
            path="a.txt",
            actor=actor,
            topic=topic,
            stance=stance,
            evidence="x",
            span=Span(start=0, end=1),
        )
    )


def _gold(quotes: list[tuple[str, str, str]], **kw: object) -> GoldArticle:
    return GoldArticle.model_validate(
        dict(
            article="a.txt",
            quotes=[dict(speaker=s, side="none", kind=k, text=t) for s, k, t in quotes],
            **kw,
        )
    )


def as_prediction(gold: GoldArticle) -> Prediction:
    """A gold article turned into what the tool would output if it were perfect."""
    article = _article(gold.article, gold.published)
    quotes = [_quote(q.text, q.speaker, q.kind) for q in gold.quotes]
    positions = [_position(p.actor, p.topic, p.stance) for p in gold.positions]
    return article, quotes, positions


# --- normalisation and token F1 ----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("“The talks are hard,” ", "the talks are hard"),
        ('"Hello,   World!"', "hello world"),
        ("«Russia’s  wish»", "russia's wish"),
        ("peoples – the conclusion of peace.", "peoples the conclusion of peace"),
        ("Don't stop... now!", "don't stop now"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("the talks are hard", "the talks are hard", 1.0),
        ("the talks are hard", "talks are hard", 2 * 1.0 * 0.75 / 1.75),
        ("a b c d", "e f g h", 0.0),
        ("", "a b", 0.0),
    ],
)
def test_token_f1(a: str, b: str, expected: float) -> None:
    assert token_f1(a.split(), b.split()) == pytest.approx(expected)


def test_match_pairs_is_one_to_one_and_best_first() -> None:
    gold = [["a", "b", "c", "d"], ["a", "b", "c", "e"]]
    pred = [["a", "b", "c", "e"], ["a", "b", "c", "d"], ["a", "b", "c", "d"]]
    pairs = match_pairs(gold, pred)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1), (1, 0)]
    assert all(f1 == 1.0 for _, _, f1 in pairs)


def test_match_pairs_threshold() -> None:
    # 2 of 5 tokens shared -> F1 0.4 < 0.6: no match
    assert match_pairs([["a", "b", "c", "d", "e"]], [["a", "b", "x", "y", "z"]]) == []
    # 3 of 4 shared -> F1 0.75: match
    assert len(match_pairs([["a", "b", "c", "d"]], [["a", "b", "c", "z"]])) == 1


# --- speakers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "predicted", "right"),
    [
        ("Zelenskyy", "Volodymyr Zelensky", True),
        ("Volodymyr Zelensky", "Zelenskiy", True),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),
        ("Sergei Lavrov", "Sergey Lavrov", True),
        ("Sergei Lavrov", "Dmitry Peskov", False),
        ("Dmitry Peskov", "Lavrov", False),
        ("Recep Tayyip Erdoğan", "Erdogan", True),
        ("Western officials", "officials", True),
        ("Western officials", "Western officials", True),
        ("Kremlin representative", "representative", True),
        ("Kremlin representative", "Dmitry Peskov", False),
        ("Russian delegation", "the Russian delegation", True),
        ("Russian delegation", "Vladimir Medinsky", False),
        ("source in the Ukrainian team", "source", True),
        ("Ukrainian officials", "Ukraine", False),
    ],
)
def test_speaker_rule(gold: str, predicted: str, right: bool) -> None:
    assert speaker_agrees(gold, predicted) is right


@pytest.mark.parametrize(
    ("phrase", "head"),
    [
        ("Volodymyr Zelensky", "zelensky"),
        ("Kremlin representative", "representative"),
        ("source in the Ukrainian team", "source"),
        ("Rep. Jerry Nadler, a Democrat from New York", "nadler"),
        ("Martin Luther King Jr.", "king"),
    ],
)
def test_head_token(phrase: str, head: str) -> None:
    assert head_token(phrase) == head


# --- scoring -------------------------------------------------------------------------


def test_score_kinds_fragments_and_speakers() -> None:
    gold = _gold(
        [
            ("Sergei Lavrov", "direct", "The negotiations are not easy for obvious reasons"),
            ("Dmitry Peskov", "direct", "This is a variant being discussed"),
            ("Dmitry Peskov", "indirect", "the talks would continue on Monday"),
            ("Vladimir Medinsky", "direct", "two words"),  # < 3 words: ignored
        ]
    )
    predictions = [
        _quote("The negotiations are not easy for obvious reasons,", "Lavrov"),
        _quote("This is a variant being discussed", "Sergei Lavrov"),  # wrong speaker
        # right text, wrong kind: does not match the indirect gold
        _quote("the talks would continue on Monday", "Dmitry Peskov", "direct"),
        _quote("scare quotes", "Vladimir Medinsky"),  # < 3 words: ignored
    ]
    report = score([gold], {"a.txt": (_article(), predictions, [])})
    d, i = report.direct, report.indirect
    assert (d.extraction.tp, d.extraction.fp, d.extraction.fn) == (2, 1, 0)
    assert (i.extraction.tp, i.extraction.fp, i.extraction.fn) == (0, 0, 1)
    assert d.speaker_right == 1 and d.speaker_accuracy == 0.5
    assert d.e2e.tp == 1 and d.e2e.fp == 2 and d.e2e.fn == 1
    assert report.all.extraction.tp == 2 and report.all.extraction.fn == 1
    art = report.per_article[0]
    assert [s.predicted_speaker for s in art.wrong_speakers] == ["Sergei Lavrov"]
    assert [q.text for q in art.missed] == ["the talks would continue on Monday"]
    assert [q.kind for q in art.false_positives] == ["direct"]


def test_score_positions_are_sets_of_triples() -> None:
    gold = _gold(
        [],
        positions=[
            dict(actor="Russia", topic="nato", stance="oppose", evidence="e"),
            dict(actor="Ukraine", topic="neutrality", stance="support", evidence="e"),
        ],
    )
    pred = [
        _position("Russia", "nato", "oppose"),
        _position("Russia", "nato", "oppose"),  # a duplicate is one triple
        _position("Ukraine", "neutrality", "oppose"),
    ]
    report = score([gold], {"a.txt": (_article(), [], pred)})
    p = report.positions
    assert (p.tp, p.fp, p.fn) == (1, 1, 1)
    art = report.per_article[0]
    assert [(x.actor, x.stance) for x in art.positions_missed] == [("Ukraine", "support")]
    assert [(x.actor, x.stance) for x in art.positions_extra] == [("Ukraine", "oppose")]


@pytest.mark.parametrize(
    ("gold_date", "predicted", "verdict"),
    [
        (dt.date(2022, 3, 16), dt.date(2022, 3, 16), "right"),
        (None, None, "right"),
        (dt.date(2022, 3, 16), dt.date(2022, 3, 15), "wrong"),
        (None, dt.date(2022, 3, 15), "wrong"),
        (dt.date(2022, 3, 16), None, "unknown"),
    ],
)
def test_dates_rule(gold_date: dt.date | None, predicted: dt.date | None, verdict: str) -> None:
    gold = _gold([], published=gold_date)
    report = score([gold], {"a.txt": (_article(published=predicted), [], [])})
    assert report.per_article[0].date_verdict == verdict
    assert getattr(report.dates, verdict) == 1
    assert report.dates.accuracy == (1.0 if verdict == "right" else 0.0)


def test_missing_prediction_counts_as_nothing_found() -> None:
    gold = _gold([("Sergei Lavrov", "direct", "some quote of words")])
    report = score([gold], {})
    assert report.direct.extraction.fn == 1 and report.direct.extraction.recall == 0.0


# --- gold files ----------------------------------------------------------------------


@pytest.fixture
def seed_gold() -> list[GoldArticle]:
    if not GOLD_DIR.is_dir():
        pytest.skip(f"shared gold not present at {GOLD_DIR}")
    return load_gold_dir(GOLD_DIR)


def test_gold_scored_against_itself_is_perfect(seed_gold: list[GoldArticle]) -> None:
    assert len(seed_gold) >= 5
    report = score(seed_gold, {g.article: as_prediction(g) for g in seed_gold})
    for kind in (report.direct, report.indirect, report.all):
        assert kind.extraction.f1 == 1.0 and kind.e2e.f1 == 1.0
        assert kind.speaker_accuracy == 1.0 and kind.extraction.tp > 0
    assert report.positions.f1 == 1.0 and report.positions.tp > 0
    assert report.dates.accuracy == 1.0
    text = format_report(report, verbose=True)
    assert text.splitlines()[-5].startswith("direct      P 1.00 R 1.00 F1 1.00   e2e F1 1.00")
    # the report is JSON and reads back the same
    assert type(report).model_validate(json.loads(report.model_dump_json())) == report


def test_gold_against_nothing_has_zero_recall(seed_gold: list[GoldArticle]) -> None:
    report = score(seed_gold, {})
    assert report.all.extraction.recall == 0.0 and report.all.extraction.fn > 0
    assert report.positions.recall == 0.0
    assert "MISSED" in format_report(report, verbose=True)
    assert "MISSED" not in format_report(report)


_Q = "article: a.txt\nquotes:\n  - "
_P = "article: a.txt\npositions:\n  - "


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (_Q + "{speaker: X, side: none, kind: said, text: t}\n", "quotes[0] (X).kind"),
        (_Q + "{speaker: X, side: none, text: t}\n", "quotes[0] (X).kind"),
        (
            _P + "{actor: R, topic: nato, stance: may, evidence: e}\n",
            "positions[0] (nato).stance",
        ),
        ("article: a.txt\npublished: someday\n", "published"),
        ("quotes: [\n", "invalid YAML"),
        ("- just a list\n", "must be a mapping"),
    ],
)
def test_malformed_gold_names_file_and_entry(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "bad.gold.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_gold(path)
    assert str(path) in str(info.value) and needle in str(info.value)


def test_run_names_a_missing_article(tmp_path: Path) -> None:
    (tmp_path / "x.gold.yaml").write_text("article: nowhere.txt\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"nowhere\.txt"):
        run(tmp_path, tmp_path, lexicon=Lexicon())


def test_run_on_the_seeds_gives_a_full_report(seed_gold: list[GoldArticle]) -> None:
    from talks.lexicon import shipped

    report = run(GOLD_DIR, SEEDS, lexicon=shipped())
    assert report.articles == len(seed_gold)
    gold_direct = sum(
        1 for g in seed_gold for q in g.quotes if q.kind == "direct" and len(q.text.split()) >= 3
    )
    e = report.direct.extraction
    assert e.tp + e.fn == gold_direct
    assert [a.article for a in report.per_article] == [g.article for g in seed_gold]


def test_run_keeps_the_store_when_asked(tmp_path: Path, seed_gold: list[GoldArticle]) -> None:
    from talks.lexicon import shipped
    from talks.store import Store

    db = tmp_path / "eval.db"
    first = run(GOLD_DIR, SEEDS, lexicon=shipped(), db_path=db)
    with Store(db) as store:
        assert sorted(a.article for a in store.articles()) == sorted(g.article for g in seed_gold)
    # a second run over the same store reads the same records back
    assert run(GOLD_DIR, SEEDS, lexicon=shipped(), db_path=db) == first


def test_gold_quote_model_is_strict() -> None:
    with pytest.raises(ValueError):
        GoldQuote.model_validate(dict(speaker="X", side="none", kind="direct", text="t", x=1))


# --- the PolNeAR benchmark scorer (bench/polnear.py) ----------------------------------

POLNEAR = SHARED / "benchmarks" / "polnear"
POLNEAR_ARTICLES = (
    "breitbart_2016-10-13_cnn-s-jake-tapper-on-donna-brazi",
    "nyt_2016-10-17_british-bank-abruptly-drops-russ",
    "wash-post_2016-10-09_u-s-officially-condemns-russia-o",
)


@pytest.fixture(scope="module")
def polnear() -> Any:
    if not (POLNEAR / "test.jsonl").is_file():
        pytest.skip(f"PolNeAR benchmark not present at {POLNEAR}")
    path = Path(__file__).resolve().parents[1] / "bench" / "polnear.py"
    spec = importlib.util.spec_from_file_location("bench_polnear", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _polnear_golds(polnear: Any) -> list[tuple[Any, str]]:
    records = polnear.read_records(POLNEAR)
    out = []
    for name in POLNEAR_ARTICLES:
        text = (POLNEAR / "raw" / "text" / f"{name}.txt").read_text(encoding="utf-8")
        out.append((polnear.article_gold(name, text, records[name]), text))
    return out


def _gold_as_quotes(gold: Any, *, spans: bool, speakers: list[str] | None = None) -> list[Quote]:
    out = []
    for n, g in enumerate(gold.scored):
        speaker = speakers[n] if speakers else (g.speaker or "unknown")
        sspan = g.speaker_span if spans else None
        out.append(
            Quote(
                id=f"q{n}",
                article=gold.article,
                article_id="x",
                path="x",
                speaker=speaker,
                speaker_mention=speaker,
                speaker_span=Span(start=sspan[0], end=sspan[1]) if sspan else None,
                side="none",
                kind="direct",
                text=g.text,
                spans=tuple(Span(start=a, end=b) for a, b in g.spans),
            )
        )
    return out


def test_polnear_gold_maps_into_the_article_text(polnear: Any) -> None:
    for gold, text in _polnear_golds(polnear):
        assert gold.unmapped_records == 0 and gold.scored
        for g in gold.scored:
            # joined stretches, each the article's own characters (modulo nbsp -> space)
            assert g.text == " ".join(text[a:b] for a, b in g.spans)
            assert len(g.text.split()) >= 3
            if g.speaker_span is not None:
                a, b = g.speaker_span
                assert text[a:b].replace("\u00a0", " ") == g.speaker


def test_polnear_gold_against_itself_is_perfect(polnear: Any) -> None:
    for spans in (True, False):  # with speaker spans, and on names alone
        total = polnear.Tally()
        for gold, _ in _polnear_golds(polnear):
            total.add(polnear.score_article(gold, _gold_as_quotes(gold, spans=spans)))
        s = total.summary()
        assert s["f1"] == 1.0 and s["tp"] == s["gold"] > 10
        assert s["speaker_named_matched"] > 5 and s["speaker_accuracy"] == 1.0


def test_polnear_scorer_counts_errors(polnear: Any) -> None:
    gold, _ = _polnear_golds(polnear)[1]
    quotes = _gold_as_quotes(gold, spans=False, speakers=["Nobody Atall"] * len(gold.scored))
    # drop one gold quote (a miss), shift another prediction's spans (no overlap: a miss and an FP)
    moved = quotes[1].model_copy(update={"spans": (Span(start=0, end=1),)})
    t = polnear.score_article(gold, [quotes[0], moved, *quotes[3:]])
    assert (t.tp, t.fn, t.fp) == (len(gold.scored) - 2, 2, 1)
    assert t.named_right == 0 and t.named_matched > 0
    assert len(t.wrong_speakers) == t.named_matched


@pytest.mark.parametrize(
    ("speaker", "named"),
    [("he", False), ("who", False), ("The newspaper", False), ("Trump", True),
     ("the documents released by WikiLeaks", True), (None, False)],
)  # fmt: skip
def test_polnear_named_speakers(polnear: Any, speaker: str | None, named: bool) -> None:
    assert polnear.is_named(speaker) is named


def test_speed_corpus_is_deterministic_and_sized() -> None:
    path = Path(__file__).resolve().parents[1] / "bench" / "speed.py"
    spec = importlib.util.spec_from_file_location("bench_speed", path)
    assert spec is not None and spec.loader is not None
    speed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(speed)
    from talks.lexicon import shipped

    a = speed.corpus(30, seed=3, lexicon=shipped())
    assert a == speed.corpus(30, seed=3, lexicon=shipped())
    assert a != speed.corpus(30, seed=4, lexicon=shipped())
    assert all(2000 <= len(t.encode("utf-8")) <= 7000 for t in a)
    assert sum("“" in t or "«" in t for t in a) > 20
