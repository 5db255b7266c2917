"""Saved web pages and web archives: main text, page metadata, crawl facts, broken
records, the relevance prefilter and the missing-extra message."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from talks.errors import UsageError
from talks.ingest import collect
from talks.lexicon import Lexicon, merge, shipped
from talks.lexicon import load_file as load_lexicon_file
from talks.pipeline import IngestSummary, ingest_paths
from talks.relevance import prefilter
from talks.store import Store
from web_fixtures import OFF_TOPIC, news_text, page, warc

D = dt.date


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return shipped()


def ingest(db: Path, paths: list[Path], lex: Lexicon, **kw: object) -> IngestSummary:
    with Store(db) as store:
        return ingest_paths(store, paths, lexicon=lex, **kw)  # type: ignore[arg-type]


def spans_exact(db: Path) -> int:
    """Asserts every span of every stored record is its article's characters; returns
    how many records were checked."""
    checked = 0
    with Store(db) as store:
        for a in store.articles():
            for q in store.quotes(article=a.id):
                assert " ".join(s.of(a.text) for s in q.spans) == q.text
                if q.speaker_span is not None:
                    assert q.speaker_span.of(a.text) == q.speaker_mention
                checked += 1
            for p in store.positions(article=a.id):
                assert p.span.of(a.text) == p.evidence
                checked += 1
            if a.title_span is not None:
                assert a.title_span.of(a.text) == a.title
    return checked


# --- saved pages ------------------------------------------------------------------


def test_a_saved_page_gives_main_text_and_page_metadata(
    tmp_path: Path, db: Path, lex: Lexicon
) -> None:
    html = tmp_path / "talks.html"
    html.write_text(page(news_text(0)), encoding="utf-8")
    summary = ingest(db, [html], lex)
    assert (summary.new, summary.failed) == (1, 0)
    with Store(db) as store:
        (a,) = store.articles()
        quotes = store.quotes()
    assert "round 0 of talks on a ceasefire" in a.text
    for chrome in ("Share on Facebook", "Subscribe to our newsletter", "Sport", "<p>"):
        assert chrome not in a.text
    assert a.title == "Russia and Ukraine hold round 0 of peace talks"
    assert (a.outlet, a.url) == ("The Daily Planet", "https://daily.example/world/talks.html")
    assert (a.published, a.published_basis) == (D(2022, 3, 29), "page")
    assert a.path == str(html) or Path(a.path).resolve() == html.resolve()
    assert a.crawled is None
    assert any(q.speaker == "Vladimir Medinsky" and q.kind == "direct" for q in quotes)
    assert spans_exact(db) > 0


@pytest.mark.parametrize(
    ("page_date", "date_option", "expected"),
    [
        ("2022-03-29", None, (D(2022, 3, 29), "page")),  # page metadata beats the dateline
        ("2022-03-29", D(2022, 4, 2), (D(2022, 4, 2), "metadata")),  # --date beats the page
        (None, None, (D(2022, 3, 4), "dateline")),  # no page date: the dateline
    ],
)
def test_page_dates_rank_below_the_date_option_and_above_datelines(
    tmp_path: Path,
    db: Path,
    lex: Lexicon,
    page_date: str | None,
    date_option: dt.date | None,
    expected: tuple[dt.date, str],
) -> None:
    html = tmp_path / "p.htm"
    html.write_text(page(news_text(3), date=page_date, canonical=None), encoding="utf-8")
    ingest(db, [html], lex, date=date_option)
    with Store(db) as store:
        (a,) = store.articles()
    assert (a.published, a.published_basis) == expected


def test_folders_give_their_pages_and_archives(tmp_path: Path) -> None:
    for name in ("a.html", "b.HTM", "c.txt", "d.warc", "e.warc.gz", "logo.png", "f.gz"):
        (tmp_path / name).write_bytes(b"x")
    assert sorted(Path(p).name for p in collect([tmp_path])) == [
        "a.html",
        "b.HTM",
        "c.txt",
        "d.warc",
        "e.warc.gz",
    ]


def test_a_page_without_article_text_fails_alone(tmp_path: Path, db: Path, lex: Lexicon) -> None:
    (tmp_path / "empty.html").write_text("<html><body><script>var a;</script></body></html>")
    (tmp_path / "good.html").write_text(page(news_text(1)), encoding="utf-8")
    summary = ingest(db, [tmp_path], lex, everything=True)
    assert (summary.new, summary.failed) == (1, 1)
    assert summary.errors == [f"{tmp_path / 'empty.html'}: no article text found in the page"] or (
        len(summary.errors) == 1
        and summary.errors[0].endswith("empty.html: no article text found in the page")
    )


def test_without_the_web_extra_the_error_says_what_to_install(
    tmp_path: Path, db: Path, lex: Lexicon, monkeypatch: pytest.MonkeyPatch, run
) -> None:
    html = tmp_path / "a.html"
    html.write_text(page(news_text(1)), encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as if not installed
    with pytest.raises(UsageError, match=r"pip install 'talks\[web\]'"):
        ingest(db, [html], lex)
    result = run("ingest", html, "--db", db, "--jobs", "1")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "talks: error: reading web pages (.html, .htm) needs the web extra: "
        "pip install 'talks[web]'"
    ]


# --- web archives -------------------------------------------------------------------


def _pages(n: int, start: int = 0) -> list[tuple[str, str]]:
    return [
        (f"https://daily.example/{i}.html", page(news_text(i), canonical=None))
        for i in range(start, start + n)
    ]


@pytest.mark.parametrize("gz", [True, False])
def test_every_html_response_record_is_an_article(
    tmp_path: Path, db: Path, lex: Lexicon, gz: bool
) -> None:
    archive = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    off_topic = ("https://daily.example/city.html", page(OFF_TOPIC, canonical=None))
    warc(archive, [*_pages(3), off_topic], gzip=gz)
    summary = ingest(db, [archive], lex)
    assert (summary.files, summary.new, summary.skipped, summary.failed) == (1, 3, 1, 0)
    assert "1 skipped" in summary.line()
    with Store(db) as store:
        arts = sorted(store.articles(), key=lambda a: a.article)
    assert [a.article for a in arts] == [f"https://daily.example/{i}.html" for i in range(3)]
    for a in arts:
        assert a.url == a.article
        assert a.crawled == dt.datetime(2022, 3, 30, 12, 0, tzinfo=dt.UTC)
        assert Path(a.path).name == archive.name
        assert (a.published, a.published_basis) == (D(2022, 3, 29), "page")
    assert spans_exact(db) > 0
    # --all keeps the page about something else
    again = ingest(db, [archive], lex, everything=True)
    assert (again.new, again.unchanged, again.skipped) == (1, 3, 0)


def _corrupt(path: Path, at: int, length: int = 40) -> None:
    data = bytearray(path.read_bytes())
    data[at : at + length] = b"\x00" * length
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("gz", [True, False])
def test_a_broken_record_is_reported_and_the_rest_stored(
    tmp_path: Path, db: Path, lex: Lexicon, gz: bool
) -> None:
    archive = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    offsets = warc(archive, _pages(4), gzip=gz, extra=False)
    _corrupt(archive, offsets[1] + (12 if gz else 0))  # inside the 2nd record's header
    summary = ingest(db, [archive], lex)
    assert (summary.new, summary.failed) == (3, 1), summary.errors
    (error,) = summary.errors
    assert error.startswith(f"{archive}: broken record at byte {offsets[1]}: ") or (
        f"crawl.warc{'.gz' if gz else ''}: broken record at byte {offsets[1]}: " in error
    )
    assert error.endswith("; skipped") and "\n" not in error
    with Store(db) as store:
        names = sorted(a.article for a in store.articles())
    assert names == [f"https://daily.example/{i}.html" for i in (0, 2, 3)]


def test_a_truncated_archive_keeps_the_records_before_the_cut(
    tmp_path: Path, db: Path, lex: Lexicon
) -> None:
    archive = tmp_path / "cut.warc.gz"
    offsets = warc(archive, _pages(3), extra=False)
    archive.write_bytes(archive.read_bytes()[: offsets[2] + 150])
    summary = ingest(db, [archive], lex)
    assert (summary.new, summary.failed) == (2, 1), summary.errors
    assert f"byte {offsets[2]}" in summary.errors[0]


def test_the_cli_reports_pages_archives_and_skips(tmp_path: Path, db: Path, run) -> None:
    warc(tmp_path / "crawl.warc.gz", [*_pages(2), ("https://x.example/c", page(OFF_TOPIC))])
    (tmp_path / "one.html").write_text(page(news_text(7)), encoding="utf-8")
    result = run("ingest", tmp_path, "--db", db, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == (
        "talks: 2 file(s): 3 new, 0 unchanged, 0 updated, 0 failed, "
        "1 skipped (not about the negotiations; --all keeps them)"
    )
    result = run("ingest", tmp_path, "--db", db, "--jobs", "1", "--all")
    assert "1 new, 3 unchanged" in result.stderr
    listed = json.loads(run("articles", "--db", db, "--format", "json").stdout)
    crawled = {r["article"]: r["crawled"] for r in listed}
    assert crawled["one.html"] is None
    assert crawled["https://daily.example/0.html"] == "2022-03-30T12:00:00+00:00"


# --- the prefilter --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "relevant"),
    [
        ("Ukrainian negotiators met their Russian counterparts.", True),
        ("Medinsky handed over written proposals.", True),  # a known speaker is enough
        ("Peskov said the Kremlin was open to TALKS.", True),  # talk words in any case
        ("The Kremlin warned against NATO expansion.", True),  # a topic signal
        ("Russia and Ukraine played to a draw.", False),  # actors, no talks
        ("The union and the employer resumed negotiations.", False),  # talks, no actor
        ("russia talks", False),  # names as written: lower-case is no party name
        ("Mr Lavrovsky opened the talks at the chess club.", False),
        ("Ukrainians took part in the talkshow.", False),  # whole words only
        (OFF_TOPIC, False),
        ("", False),
    ],
)
def test_prefilter(lex: Lexicon, text: str, relevant: bool) -> None:
    assert prefilter(lex)(text) is relevant


def test_prefilter_follows_the_users_lexicon(tmp_path: Path, lex: Lexicon) -> None:
    text = "Jane Roe said the ceasefire would hold."
    assert prefilter(lex)(text) is False
    user = tmp_path / "mine.yaml"
    user.write_text("speakers:\n  - name: Jane Roe\n    side: Ukraine\n", encoding="utf-8")
    assert prefilter(merge(lex, load_lexicon_file(user)))(text) is True
