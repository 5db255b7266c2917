"""`Record.trusted`: the record validation gives, built without validating again."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from talks.models import Position, Quote, Span


def _quote_fields() -> dict[str, object]:
    return {
        "id": "q0123456789ab",
        "article": "a.txt",
        "article_id": "abc",
        "path": "in/a.txt",
        "speaker": "Anna Tamm",
        "speaker_mention": "she",
        "speaker_span": Span(start=40, end=43),
        "side": "none",
        "kind": "indirect",
        "text": "talks would go on",
        "spans": (Span(start=10, end=27),),
        "cue": "said",
        "cue_span": Span(start=44, end=48),
        "date": dt.date(2024, 5, 3),
        "date_basis": "relative",
        "topics": ("ceasefire",),
    }


def _position_fields() -> dict[str, object]:
    return {
        "id": "p0123456789ab",
        "article": "a.txt",
        "article_id": "abc",
        "path": "in/a.txt",
        "actor": "Ukraine",
        "topic": "ceasefire",
        "stance": "oppose",
        "evidence": "rejects a truce",
        "span": Span(start=5, end=20),
    }


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Span, {"start": 3, "end": 9}),
        (Quote, _quote_fields()),
        (Quote, {k: v for k, v in _quote_fields().items() if k not in ("cue", "cue_span")}),
        (Position, _position_fields()),
    ],
)
def test_trusted_records_are_the_validated_ones(model: type, fields: dict[str, object]) -> None:
    checked, trusted = model(**fields), model.trusted(**fields)
    assert trusted == checked
    assert hash(trusted) == hash(checked)
    assert trusted.model_dump_json() == checked.model_dump_json()
    assert list(trusted.__dict__) == list(checked.__dict__)  # (field order)
    assert trusted.model_fields_set == checked.model_fields_set
    assert pickle.loads(pickle.dumps(trusted)) == checked
    assert trusted.model_copy(update={"id": "x"}) == checked.model_copy(update={"id": "x"})


def test_trusted_records_refuse_unknown_and_missing_fields() -> None:
    with pytest.raises(TypeError, match=r"unknown fields \['width'\]"):
        Span.trusted(start=1, end=2, width=1)
    with pytest.raises(TypeError, match=r"missing \['end'\]"):
        Span.trusted(start=1)
    with pytest.raises(TypeError, match=r"missing .*'spans'"):
        Quote.trusted(**{k: v for k, v in _quote_fields().items() if k != "spans"})


def test_trusted_records_stay_frozen() -> None:
    span = Span.trusted(start=1, end=2)
    with pytest.raises(ValueError, match="frozen"):
        span.start = 5  # type: ignore[misc]
