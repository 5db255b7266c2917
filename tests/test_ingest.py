"""Files → articles (decoding, front matter, JSON Lines, metadata index, dates,
title, outlet, debris) and the ingest run into the store (stable ids, no-op
re-ingest, atomic replacement, interruption)."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from talks import lexicon as lexicon_mod
from talks import work
from talks.errors import InputError, UsageError
from talks.extract import extract, masked, record_id
from talks.ingest import collect, load_bytes, load_path
from talks.lexicon import Debris, Lexicon
from talks.models import Article, Position, Quote, Span
from talks.pipeline import IngestSummary, ingest_paths
from talks.store import Store

D = dt.date


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return lexicon_mod.load()


def load_one(raw: str | bytes, lex: Lexicon, *, name: str = "x.txt", **kw: object) -> Article:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    loaded = load_bytes(data, name=name, path=f"in/{name}", lexicon=lex, **kw)  # type: ignore[arg-type]
    assert not loaded.errors, loaded.errors
    (article,) = loaded.articles
    return article


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


# --- decoding: the text is kept exactly as decoded -------------------------------

BODY = "Talks resumed in Istanbul.\r\n\r\n“We want peace now,” Medinsky said — Ω ü ё.\n"


def test_utf8_text_is_kept_exactly(lex: Lexicon) -> None:
    a = load_one(BODY, lex)
    assert a.text == BODY  # CRLF, dashes, non-Latin letters untouched
    assert a.encoding == "utf-8"
    assert a.warnings == ()


def test_utf8_with_bom(lex: Lexicon) -> None:
    a = load_one(b"\xef\xbb\xbf" + BODY.encode("utf-8"), lex)
    assert a.text == BODY
    assert a.encoding == "utf-8-sig"
    assert a.warnings == ()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(lex: Lexicon, codec: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    a = load_one(bom + BODY.encode(codec), lex)
    assert a.text == BODY
    assert a.encoding == "utf-16"


def test_other_bytes_fall_back_to_cp1252_with_a_warning(lex: Lexicon) -> None:
    raw = "Caf\u00e9 talks \u2014 \u201cpeace\u201d, Medinsky said.\n".encode("cp1252")
    a = load_one(raw, lex, name="legacy.txt")
    assert a.text == raw.decode("cp1252")
    assert a.encoding == "cp1252"
    assert len(a.warnings) == 1
    assert "in/legacy.txt" in a.warnings[0] and "cp1252" in a.warnings[0]


def test_bom_followed_by_invalid_utf8_is_not_silently_mangled(lex: Lexicon) -> None:
    # A UTF-8 BOM promises UTF-8; when the bytes after it are not, that is "anything
    # else": a warning and a recorded fallback, not silent U+FFFD replacement.
    raw = b"\xef\xbb\xbfCaf\xe9 talks resumed in Istanbul.\n"
    a = load_one(raw, lex, name="bom.txt")
    assert a.warnings, "invalid bytes after a BOM were replaced without a warning"
    assert "\ufffd" not in a.text


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ],
)
def test_unusable_input_is_an_input_error_naming_the_file(
    lex: Lexicon, raw: bytes, problem: str
) -> None:
    with pytest.raises(InputError, match=rf"in/bad\.txt: .*{problem}"):
        load_bytes(raw, name="bad.txt", path="in/bad.txt", lexicon=lex)


# --- front matter ------------------------------------------------------------------

FRONT = """---
title: Peace talks in Istanbul
published: 2022-03-29
outlet: Reuters
url: https://example.org/istanbul
---
Some other first line

“We want peace now,” Medinsky said.
"""


def test_front_matter_gives_metadata_and_stays_in_the_text(lex: Lexicon) -> None:
    a = load_one(FRONT, lex, name="x.md")
    assert a.text == FRONT
    assert (a.title, a.outlet, a.url) == (
        "Peace talks in Istanbul",
        "Reuters",
        "https://example.org/istanbul",
    )
    assert (a.published, a.published_basis) == (D(2022, 3, 29), "metadata")
    body = FRONT.index("Some other")
    assert Span(start=0, end=body) in a.noise  # front matter is non-content
    assert a.title_span is None  # the front matter's title is not in the body


def test_front_matter_alternative_keys(lex: Lexicon) -> None:
    text = "---\ndate: 29 March 2022\nsource: TASS\n---\nHeadline here\n\nBody text.\n"
    a = load_one(text, lex)
    assert (a.published, a.published_basis, a.outlet) == (D(2022, 3, 29), "metadata", "TASS")
    assert a.title == "Headline here"
    assert a.title_span is not None and a.title_span.of(a.text) == "Headline here"


def test_front_matter_without_keys_is_fine(lex: Lexicon) -> None:
    a = load_one("---\n---\nHeadline\nBody.\n", lex)
    assert a.title == "Headline"
    assert a.published_basis == "unknown"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\ntitle: Fine\noutlet: Reuters\n  bad: indent\n---\nBody\n", 4),
        ("---\ntitle: [unclosed\n---\nBody\n", None),
        ("---\ntitle: never closed\nBody text\n", 1),
    ],
)
def test_broken_front_matter_names_file_and_line(lex: Lexicon, text: str, line: int | None) -> None:
    with pytest.raises(InputError) as info:
        load_bytes(text.encode(), name="fm.md", path="in/fm.md", lexicon=lex)
    m = re.match(r"in/fm\.md:(\d+): ", str(info.value))
    assert m, str(info.value)
    n = int(m.group(1))
    closing = text.count("\n", 0, text.rfind("---")) + 1
    assert 1 <= n <= closing
    if line is not None:
        assert n == line


def test_impossible_front_matter_date_is_an_input_error_not_a_crash(lex: Lexicon) -> None:
    text = "---\ntitle: X\npublished: 2022-13-45\n---\nBody text.\n"
    with pytest.raises(InputError, match=r"in/fm\.md"):
        load_bytes(text.encode(), name="fm.md", path="in/fm.md", lexicon=lex)


@pytest.mark.parametrize("value", ["March 2022", "2022"])
def test_a_partial_metadata_date_is_not_turned_into_a_day(lex: Lexicon, value: str) -> None:
    # "March 2022" does not say which day; publishing 2022-03-01 as a fact would be a guess.
    text = f"---\npublished: {value}\n---\nHeadline\nBody text.\n"
    try:
        a = load_one(text, lex)
    except InputError as exc:
        assert "in/x.txt" in str(exc)
        return
    assert a.published not in (D(2022, 3, 1), D(2022, 1, 1)), (a.published, a.published_basis)


def test_nothing_after_front_matter_is_an_error(lex: Lexicon) -> None:
    with pytest.raises(InputError, match=r"in/x\.txt"):
        load_bytes(b"---\ntitle: T\n---\n\n", name="x.txt", path="in/x.txt", lexicon=lex)


# --- JSON Lines ----------------------------------------------------------------------


def test_jsonl_one_article_per_line(lex: Lexicon) -> None:
    raw = (
        '{"id": "r-1", "text": "First. “Peace,” he said.", "title": "One",'
        ' "published": "2022-03-29", "source": "Reuters", "url": "https://e.org/1"}\n'
        "\n"
        '{"text": "Second article text.", "date": "2022-03-30", "outlet": "TASS"}\n'
    )
    loaded = load_bytes(raw.encode(), name="feed.jsonl", path="in/feed.jsonl", lexicon=lex)
    assert loaded.errors == []
    first, second = loaded.articles
    assert (first.article, first.path, first.title, first.outlet, first.url) == (
        "r-1",
        "in/feed.jsonl",
        "One",
        "Reuters",
        "https://e.org/1",
    )
    assert first.text == "First. “Peace,” he said."
    assert (first.published, first.published_basis) == (D(2022, 3, 29), "metadata")
    assert second.article == "feed.jsonl:3"  # no id: the line it came from
    assert (second.published, second.outlet, second.title) == (
        D(2022, 3, 30),
        "TASS",
        "Second article text.",
    )


def test_jsonl_bad_records_are_reported_by_line_and_the_rest_kept(lex: Lexicon) -> None:
    raw = (
        '{"id": "ok", "text": "Good text."}\n'
        "not json at all\n"
        '{"id": "no-text"}\n'
        '["a", "list"]\n'
        '{"text": "   "}\n'
        '{"id": "ok2", "text": "Also good."}\n'
    )
    loaded = load_bytes(raw.encode(), name="f.jsonl", path="in/f.jsonl", lexicon=lex)
    assert [a.article for a in loaded.articles] == ["ok", "ok2"]
    assert [e.split(": ")[0] for e in loaded.errors] == [
        "in/f.jsonl:2",
        "in/f.jsonl:3",
        "in/f.jsonl:4",
        "in/f.jsonl:5",
    ]


def test_jsonl_without_records(lex: Lexicon) -> None:
    with pytest.raises(InputError, match=r"in/f\.jsonl"):
        load_bytes(b"\n\n  \n", name="f.jsonl", path="in/f.jsonl", lexicon=lex)


def test_date_override_applies_to_jsonl_records(lex: Lexicon) -> None:
    raw = b'{"text": "A.", "published": "2020-01-01"}\n{"text": "B."}\n'
    loaded = load_bytes(
        raw, name="f.jsonl", path="f.jsonl", lexicon=lex, date_override=D(2022, 3, 30)
    )
    assert [(a.published, a.published_basis) for a in loaded.articles] == [
        (D(2022, 3, 30), "metadata"),
        (D(2022, 3, 30), "metadata"),
    ]


# --- metadata index ------------------------------------------------------------------


def test_meta_yaml_beside_the_files(tmp_path: Path, lex: Lexicon) -> None:
    write(
        tmp_path / "meta.yaml",
        "- file: a.txt\n  published: 2022-03-16\n  outlet: Kyiv Independent\n"
        "  url: https://e.org/a\n  title: Indexed title\n"
        "- file: b.txt\n  published: null\n",
    )
    a = write(tmp_path / "a.txt", "First line\nBody.\n")
    b = write(tmp_path / "b.txt", "Other line\nBody.\n")
    (art_a,) = load_path(a, lexicon=lex).articles
    (art_b,) = load_path(b, lexicon=lex).articles
    assert (art_a.published, art_a.published_basis) == (D(2022, 3, 16), "metadata")
    assert (art_a.outlet, art_a.url, art_a.title) == (
        "Kyiv Independent",
        "https://e.org/a",
        "Indexed title",
    )
    assert (art_b.published, art_b.published_basis, art_b.title) == (None, "unknown", "Other line")


def test_meta_yaml_as_a_mapping(tmp_path: Path, lex: Lexicon) -> None:
    write(tmp_path / "meta.yml", "a.txt:\n  published: 2022-03-16\n  source: TASS\n")
    (art,) = load_path(write(tmp_path / "a.txt", "Line\n"), lexicon=lex).articles
    assert (art.published, art.outlet) == (D(2022, 3, 16), "TASS")


def test_meta_csv_beside_the_files(tmp_path: Path, lex: Lexicon) -> None:
    write(
        tmp_path / "meta.csv",
        "file,published,outlet,url,title\n"
        'a.txt,2022-03-29,Reuters,https://e.org/a,"Talks, again"\n'
        "b.txt,,,,\n",
    )
    (a,) = load_path(write(tmp_path / "a.txt", "Line\n"), lexicon=lex).articles
    (b,) = load_path(write(tmp_path / "b.txt", "Line b\n"), lexicon=lex).articles
    assert (a.published, a.published_basis, a.outlet, a.url, a.title) == (
        D(2022, 3, 29),
        "metadata",
        "Reuters",
        "https://e.org/a",
        "Talks, again",
    )
    assert (b.published, b.outlet, b.title) == (None, None, "Line b")


def test_meta_csv_needs_a_file_column(tmp_path: Path, lex: Lexicon) -> None:
    write(tmp_path / "meta.csv", "name,published\na.txt,2022-03-29\n")
    with pytest.raises(InputError, match=r"meta\.csv:1: .*'file'"):
        load_path(write(tmp_path / "a.txt", "Line\n"), lexicon=lex)


def test_metadata_precedence(tmp_path: Path, lex: Lexicon) -> None:
    # own metadata > dateline > index > file name; --date beats all
    write(tmp_path / "meta.yaml", "- file: 2022-01-05-x.md\n  published: 2022-02-02\n")
    dated = "Title\nKyiv, 31 March 2022 — Talks.\n"
    path = write(tmp_path / "2022-01-05-x.md", dated)
    (a,) = load_path(path, lexicon=lex).articles
    assert (a.published, a.published_basis) == (D(2022, 3, 31), "dateline")
    write(path, "Title\nNo dateline here.\n")
    (a,) = load_path(path, lexicon=lex).articles
    assert (a.published, a.published_basis) == (D(2022, 2, 2), "metadata")
    write(path, "---\npublished: 2022-04-04\n---\n" + dated)
    (a,) = load_path(path, lexicon=lex).articles
    assert (a.published, a.published_basis) == (D(2022, 4, 4), "metadata")
    (a,) = load_path(path, lexicon=lex, date_override=D(2022, 5, 5)).articles
    assert (a.published, a.published_basis) == (D(2022, 5, 5), "metadata")
    (tmp_path / "meta.yaml").unlink()
    write(path, "Title\nNo dateline here.\n")
    (a,) = load_path(path, lexicon=lex).articles
    assert (a.published, a.published_basis) == (D(2022, 1, 5), "filename")


# --- dates, title, outlet from the text -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks progress\n\nBrussels 30.03.2022 A round of talks.\n", D(2022, 3, 30)),
        (
            "Title\nMOSCOW, March 30 (Reuters) - Talks went on.\n"
            "Photo: Delegates, March 29, 2022\n",
            D(2022, 3, 30),
        ),
        # the year from the events calendar: place and day agree with the Istanbul round
        ("Title\nISTANBUL, March 29 (Reuters) - Talks went on on Tuesday.\n", D(2022, 3, 29)),
        ("Title\nKyiv, 31 March 2022 — Ukraine said.\n", D(2022, 3, 31)),
        ("Title\ndate 2022-03-29\nBody.\n", D(2022, 3, 29)),
    ],
)
def test_dateline_dates_the_article(lex: Lexicon, text: str, expected: dt.date) -> None:
    a = load_one(text, lex)
    assert (a.published, a.published_basis) == (expected, "dateline")


def test_date_inferred_from_a_known_round_and_its_weekday(lex: Lexicon) -> None:
    text = "Title\nISTANBUL (AP) — Russian and Ukrainian negotiators met on Tuesday here.\n"
    a = load_one(text, lex)
    assert (a.published, a.published_basis) == (D(2022, 3, 29), "inferred")


def test_a_bare_year_dates_no_yearless_dateline(lex: Lexicon) -> None:
    a = load_one("Title\nMOSCOW, March 30 (Reuters) - In 2022 talks went on.\n", lex)
    assert (a.published, a.published_basis) == (None, "unknown")


def test_date_from_file_name(lex: Lexicon) -> None:
    a = load_one("Title\nBody.\n", lex, name="reuters-2022-03-29.txt")
    assert (a.published, a.published_basis) == (D(2022, 3, 29), "filename")


@pytest.mark.parametrize(
    "text",
    [
        "Title\nMOSCOW, March 30 (Reuters) - Russia said talks went well.\n",
        "Peace talks 2022\nThe talks on 29 March 2022 in Istanbul went on.\n",
        "Title\nIn March, delegations met. Next week they meet again.\n",
    ],
)
def test_no_evidence_means_unknown_never_a_guess(lex: Lexicon, text: str) -> None:
    a = load_one(text, lex, name="article.txt")
    assert (a.published, a.published_basis) == (None, "unknown")


def test_title_is_the_first_content_line(lex: Lexicon) -> None:
    text = "\n  Skip to content\n\n  Russia and Ukraine meet again  \nBody.\n"
    a = load_one(text, lex)
    assert a.title == "Russia and Ukraine meet again"
    assert a.title_span is not None and a.title_span.of(text) == a.title


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Title\nMOSCOW, March 30 (Reuters) - Talks went on.\n", "Reuters"),
        ("Title\nMOSCOW, March 30. /TASS/. Talks went on.\n", "TASS"),
        ("Title\nTalks went on.\nIt was by no means over. -Xinhua\n\nShow More\n", "Xinhua"),
        ("Title\nTalks went on.\nNobody signed anything.\n", None),
    ],
)
def test_outlet_hint_from_the_text(lex: Lexicon, text: str, outlet: str | None) -> None:
    assert load_one(text, lex).outlet == outlet


def test_metadata_outlet_beats_the_hint(lex: Lexicon) -> None:
    text = "---\noutlet: Al Jazeera\n---\nTitle\nMOSCOW, March 30 (Reuters) - Talks.\n"
    assert load_one(text, lex).outlet == "Al Jazeera"


# --- scraping debris --------------------------------------------------------------------

DEBRIS_LINES = [
    "Leave a Comment",
    "Leave a Reply",
    "Your email address will not be published.",
    "Show More",
    "Back to top button",
    "LATEST VIDEO",
    "Share this:",
    "%d bloggers like this:",
    "Fill in your details below or click an icon to log in: Logo",
    "Facebook photo",
]
CONTENT = [
    "Peace talks in Istanbul",
    "Russia must show more flexibility, Kyiv said.",
    "“Leave a comment on the memorandum by Friday,” Peskov told reporters.",
    "Officials said they would share this proposal with allies.",
]


def test_debris_is_marked_as_noise_and_the_text_is_untouched(lex: Lexicon) -> None:
    lines = [CONTENT[0], CONTENT[1], "", DEBRIS_LINES[0], CONTENT[2], CONTENT[3], "", ""]
    lines += [f"  {d}  " if i % 2 else d for i, d in enumerate(DEBRIS_LINES)]
    text = "\n".join(lines)
    a = load_one(text, lex)
    assert a.text == text
    noise_text = [s.of(text).strip() for s in a.noise]
    assert set(DEBRIS_LINES) <= set(noise_text)
    for content in CONTENT:
        start = text.index(content)
        assert not any(s.start <= start < s.end for s in a.noise), content


def test_debris_comes_from_the_lexicon(lex: Lexicon) -> None:
    text = "Title\nBuy our T-shirts today\nBody.\n"
    assert load_one(text, lex).noise == ()
    extended = lexicon_mod.merge(lex, Lexicon(debris=[Debris(pattern="buy our t-shirts.*")]))
    a = load_one(text, extended)
    assert [s.of(text) for s in a.noise] == ["Buy our T-shirts today"]


def test_masked_view_keeps_every_offset(lex: Lexicon) -> None:
    text = "---\ntitle: T\n---\nHeadline\n“Peace,” he said.\nLeave a Comment\nShow More"
    a = load_one(text, lex)
    view = masked(a)
    assert len(view.text) == len(text)
    assert "Leave a Comment" not in view.text and "title: T" not in view.text
    for i, (orig, new) in enumerate(zip(text, view.text, strict=True)):
        noisy = any(s.start <= i < s.end for s in a.noise)
        assert new == (" " if noisy and orig != "\n" else orig)


# --- collecting inputs --------------------------------------------------------------------


def test_collect_recurses_and_keeps_article_files_only(tmp_path: Path) -> None:
    for rel in [
        "a.txt",
        "b.md",
        "sub/c.jsonl",
        "sub/deeper/d.TXT",
        "meta.yaml",
        "notes.csv",
        "image.png",
        ".hidden/e.txt",
        "sub/.f.txt",
    ]:
        write(tmp_path / rel, "x\n")
    got = [Path(p).relative_to(tmp_path).as_posix() for p in collect([tmp_path])]  # type: ignore[arg-type]
    assert got == ["a.txt", "b.md", "sub/c.jsonl", "sub/deeper/d.TXT"]


def test_collect_several_paths_and_stdin(tmp_path: Path) -> None:
    a = write(tmp_path / "one" / "a.txt", "x\n")
    b = write(tmp_path / "two" / "b.md", "x\n")
    single = write(tmp_path / "single.txt", "x\n")
    assert collect([tmp_path / "one", "-", single, tmp_path / "two"]) == [a, "-", single, b]


def test_collect_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"nope\.txt"):
        collect([tmp_path / "nope.txt"])


def test_collect_directory_without_articles(tmp_path: Path) -> None:
    write(tmp_path / "notes.csv", "x\n")
    with pytest.raises(InputError, match="no articles"):
        collect([tmp_path])


def test_ingest_bounds_the_writers_page_cache_while_it_runs(tmp_path: Path, lex: Lexicon) -> None:
    from talks.pipeline import WRITER_CACHE_KIB
    from talks.store import CACHE_KIB

    write(tmp_path / "in" / "a.txt", "Lavrov said talks were difficult.\n")
    write(tmp_path / "in" / "b.txt", "Zelensky said talks must go on.\n")
    seen: list[int] = []
    with Store(tmp_path / "t.db") as store:
        ingest_paths(
            store,
            [tmp_path / "in"],
            lexicon=lex,
            progress=lambda _: seen.append(store.db.execute("PRAGMA cache_size").fetchone()[0]),
        )
        assert seen and set(seen) == {-WRITER_CACHE_KIB}
        assert store.db.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB  # as it was


# --- the ingest run: ids, no-op re-ingest, replacement ----------------------------------

_QUOTE = re.compile(r"“([^”]+)”")


def fake_extract(article: Article, *, lexicon: Lexicon) -> tuple[list[Quote], list[Position]]:
    """One quote per “…” and one position per quote: records to see replaced."""
    quotes = [
        Quote(
            id=record_id("q", article.id, m.start(1)),
            article=article.article,
            article_id=article.id,
            path=article.path,
            speaker="Someone",
            speaker_mention="someone",
            side="none",
            kind="direct",
            text=m.group(1),
            spans=(Span(start=m.start(1), end=m.end(1)),),
        )
        for m in _QUOTE.finditer(article.text)
    ]
    positions = [
        Position(
            id=record_id("p", q.id),
            article=q.article,
            article_id=q.article_id,
            path=q.path,
            actor="Russia",
            topic="peace",
            stance="support",
            evidence=q.text,
            span=q.spans[0],
            quote_id=q.id,
        )
        for q in quotes
    ]
    return quotes, positions


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def counting(article: Article, *, lexicon: Lexicon) -> tuple[list[Quote], list[Position]]:
        calls.append(article.article)
        return fake_extract(article, lexicon=lexicon)

    monkeypatch.setattr(work, "extract", counting)
    return calls


# The texts below are placeholders, not about the negotiations: the tests that store
# them turn the relevance prefilter off (everything=True).


def _summary(s: IngestSummary) -> tuple[int, int, int, int]:
    return s.new, s.unchanged, s.updated, s.failed


def test_ids_come_from_content(tmp_path: Path, lex: Lexicon) -> None:
    text = "Title\n“We want peace now,” Medinsky said.\n"
    a = load_path(write(tmp_path / "x" / "one.txt", text), lexicon=lex).articles[0]
    b = load_path(write(tmp_path / "y" / "two.md", text), lexicon=lex).articles[0]
    c = load_path(write(tmp_path / "z" / "one.txt", text + " "), lexicon=lex).articles[0]
    assert a.id == b.id
    assert a.id != c.id
    assert re.fullmatch(r"[0-9a-f]{16}", a.id)


def test_reingesting_unchanged_files_is_a_no_op(
    tmp_path: Path, db: Path, lex: Lexicon, fake: list[str]
) -> None:
    write(tmp_path / "in" / "a.txt", "A\n“Peace now,” he said.\n")
    write(tmp_path / "in" / "b.txt", "B\n“No deal,” she said.\n")
    with Store(db) as store:
        first = ingest_paths(store, [tmp_path / "in"], lexicon=lex, everything=True)
        before = store.db.execute("SELECT id, ingested_at FROM articles").fetchall()
        calls = len(fake)
        again = ingest_paths(store, [tmp_path / "in"], lexicon=lex, everything=True)
        after = store.db.execute("SELECT id, ingested_at FROM articles").fetchall()
    assert _summary(first) == (2, 0, 0, 0)
    assert _summary(again) == (0, 2, 0, 0)
    assert "2 unchanged" in again.line()
    assert len(fake) == calls  # nothing re-extracted
    assert [tuple(r) for r in before] == [tuple(r) for r in after]


def test_same_file_by_another_path_spelling_is_unchanged(
    tmp_path: Path, db: Path, lex: Lexicon, fake: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "in" / "a.txt", "A\n“Peace now,” he said.\n")
    monkeypatch.chdir(tmp_path)
    with Store(db) as store:
        ingest_paths(store, ["in"], lexicon=lex, everything=True)
        again = ingest_paths(store, [tmp_path / "in"], lexicon=lex, everything=True)
        assert store.counts()["articles"] == 1
    assert _summary(again) == (0, 1, 0, 0)


def test_same_file_from_another_working_folder_is_unchanged(
    tmp_path: Path, db: Path, lex: Lexicon, fake: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "news" / "in" / "a.txt", "A\n“Peace now,” he said.\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "news")
    with Store(db) as store:
        ingest_paths(store, ["in"], lexicon=lex, everything=True)
        monkeypatch.chdir(tmp_path / "elsewhere")
        again = ingest_paths(store, ["../news/in"], lexicon=lex, everything=True)
        assert store.counts()["articles"] == 1
    assert _summary(again) == (0, 1, 0, 0)
    assert len(fake) == 1  # not extracted again


def test_a_changed_file_replaces_its_records(
    tmp_path: Path, db: Path, lex: Lexicon, fake: list[str]
) -> None:
    path = write(tmp_path / "in" / "a.txt", "A\n“One,” he said. “Two,” he added.\n")
    write(tmp_path / "in" / "b.txt", "B\n“Other,” she said.\n")
    with Store(db) as store:
        ingest_paths(store, [tmp_path / "in"], lexicon=lex, everything=True)
        assert store.counts() == {"articles": 2, "quotes": 3, "positions": 3}
        write(path, "A\n“Three,” he said.\n")
        summary = ingest_paths(store, [tmp_path / "in"], lexicon=lex, everything=True)
        assert _summary(summary) == (0, 1, 1, 0)
        assert store.counts() == {"articles": 2, "quotes": 2, "positions": 2}
        assert sorted(q.text for q in store.quotes()) == ["Other,", "Three,"]
        assert sorted(p.evidence for p in store.positions()) == ["Other,", "Three,"]
        assert len(store.articles(article="a.txt")) == 1


def test_a_failed_replacement_leaves_the_old_records(
    tmp_path: Path, db: Path, lex: Lexicon, fake: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt", "A\n“One,” he said. “Two,” he added.\n")
    with Store(db) as store:
        ingest_paths(store, [path], lexicon=lex, everything=True)
        old = store.quotes()
    write(path, "A\n“Three,” he said.\n")

    def broken(self: Store, *args: object) -> None:
        raise sqlite3.OperationalError("disk full (simulated)")

    monkeypatch.setattr(Store, "_insert", broken)
    with Store(db) as store:
        summary = ingest_paths(store, [path], lexicon=lex, everything=True)
    assert summary.stopped is not None and "disk is full" in summary.stopped
    assert not summary.ok
    monkeypatch.undo()
    with Store(db) as store:
        assert store.quotes() == old
        assert store.counts() == {"articles": 1, "quotes": 2, "positions": 2}


def test_a_changed_lexicon_warns_and_reextracts_only_when_asked(
    tmp_path: Path, db: Path, lex: Lexicon, fake: list[str]
) -> None:
    path = write(tmp_path / "a.txt", "A\n“One,” he said.\n")
    new = write(tmp_path / "b.txt", "B\n“Two,” he said.\n")
    other = lexicon_mod.merge(lex, Lexicon(debris=[Debris(pattern="zzz unused")]))
    with Store(db) as store:
        ingest_paths(store, [path], lexicon=lex, lexicon_files=["mine.yaml"], everything=True)
        built = store.get_meta("lexicon")
        kept = ingest_paths(store, [path, new], lexicon=other, everything=True)
        assert _summary(kept) == (1, 1, 0, 0)  # the unchanged file keeps its records
        assert any("built with lexicon" in w and "mine.yaml" in w for w in kept.warnings)
        assert any("1 unchanged article(s) kept" in w for w in kept.warnings)
        assert store.get_meta("lexicon") == built
        again = ingest_paths(store, [path], lexicon=other, reextract=True, everything=True)
        assert _summary(again) == (0, 0, 1, 0)
        assert not again.warnings
        assert store.get_meta("lexicon") != built
        assert store.get_meta("lexicon_files") == "shipped"
        assert store.counts()["quotes"] == 2
        # the same lexicon again: nothing to say, nothing to do
        same = ingest_paths(store, [path, new], lexicon=other, everything=True)
        assert _summary(same) == (0, 2, 0, 0)
        assert not same.warnings


def test_date_option_dates_only_the_files_of_that_call(
    tmp_path: Path, db: Path, lex: Lexicon
) -> None:
    a = write(tmp_path / "a.txt", "A\nBody.\n")
    b = write(tmp_path / "b.txt", "B\nBody.\n")
    with Store(db) as store:
        ingest_paths(store, [a], lexicon=lex, everything=True, date=D(2022, 3, 30))
        ingest_paths(store, [b], lexicon=lex, everything=True)
        got = {x.article: (x.published, x.published_basis) for x in store.articles()}
    assert got == {"a.txt": (D(2022, 3, 30), "metadata"), "b.txt": (None, "unknown")}


def test_stdin_articles_do_not_replace_each_other(db: Path, lex: Lexicon) -> None:
    with Store(db) as store:
        ingest_paths(
            store, ["-"], lexicon=lex, everything=True, stdin=lambda: b"First article.\nBody one.\n"
        )
        s2 = ingest_paths(
            store,
            ["-"],
            lexicon=lex,
            everything=True,
            stdin=lambda: b"Second article.\nBody two.\n",
        )
        titles = sorted(a.title or "" for a in store.articles())
    assert s2.new == 1
    assert titles == ["First article.", "Second article."]


def test_failed_files_are_counted_and_good_ones_stored(
    tmp_path: Path, db: Path, lex: Lexicon
) -> None:
    write(tmp_path / "good.txt", "Good\nBody.\n")
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "feed.jsonl", '{"text": "ok"}\nbroken\n')
    with Store(db) as store:
        summary = ingest_paths(store, [tmp_path], lexicon=lex, everything=True)
        assert store.counts()["articles"] == 2
    assert _summary(summary) == (2, 0, 0, 2)
    assert not summary.ok
    assert summary.files == 3
    assert any("empty.txt" in e for e in summary.errors)
    assert any("feed.jsonl:2" in e for e in summary.errors)
    assert summary.line() == "3 file(s): 2 new, 0 unchanged, 0 updated, 2 failed"


# --- interrupted ingest ------------------------------------------------------------------

N_KILL = 3000


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
    except sqlite3.OperationalError:
        return 0
    try:
        return int(con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # no table yet, or locked
        return 0
    finally:
        con.close()


def test_a_killed_ingest_leaves_a_consistent_store(tmp_path: Path, lex: Lexicon) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    filler = " ".join(
        f"Delegations met in Istanbul for round {{i}} and discussed point {k}." for k in range(8)
    )
    for i in range(N_KILL):
        (corpus / f"a{i:05d}.txt").write_text(
            f"Talks, round {i}\n\n"
            f"ISTANBUL, March 29, 2022 - {filler.format(i=i)}\n\n"
            f"“We want peace now,” Medinsky said on Tuesday. Ukraine wants guarantees, "
            f"Podolyak said. “We will not trade territory {i},” Zelensky told reporters.\n",
            encoding="utf-8",
        )
    db = tmp_path / "kill.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "talks", "ingest", str(corpus), "--db", str(db), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + 60
    try:
        while _count(db) == 0:
            assert proc.poll() is None, (
                f"ingest ended (exit {proc.returncode}) before anything was committed: "
                f"{proc.stderr.read().decode() if proc.stderr else ''}"
            )
            assert time.monotonic() < deadline, "no committed article within 60 s"
            time.sleep(0.005)
        still_running = proc.poll() is None
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()
    assert still_running, "ingest finished before it could be interrupted: make the corpus larger"
    assert proc.returncode == -signal.SIGKILL

    with Store(db) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = store.articles()
        assert 0 < len(stored) < N_KILL
        fresh_lex = lexicon_mod.parse_shipped()  # parsed afresh, as the subprocess may
        for article in stored:
            quotes, positions = extract(article, lexicon=fresh_lex)
            assert store.quotes(article=article.id) == quotes, article.article
            stored_positions = sorted(store.positions(article=article.id), key=lambda p: p.id)
            assert stored_positions == sorted(positions, key=lambda p: p.id), article.article
        orphans = store.db.execute(
            "SELECT COUNT(*) FROM quotes WHERE article_rowid NOT IN (SELECT rowid FROM articles)"
        ).fetchone()[0]
        assert orphans == 0
