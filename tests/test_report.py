"""`talks report`: the HTML file read back as a DOM (lxml), no browser needed.

Checks what the page promises: one chart mark per dated position, undated ones
counted, every mark and row linked to evidence whose highlighted span is the
record's exact text, what changed, statements with their outlets, a header that
says what is covered, article text escaped, and nothing fetched at view time.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from pathlib import Path

import lxml.html
import pytest

from conftest import Run, sql
from talks.diff import compare
from talks.lexicon import load
from talks.pipeline import fingerprint
from talks.report import ReportOptions, collect, render
from talks.report.evidence import Excerpt
from talks.report.page import marked, safe_url
from talks.store import Store

HOSTILE = (
    "---\ntitle: <script>alert('title')</script> Talks\noutlet: Wire <b>One</b>\n"
    "published: 2022-03-30\nurl: javascript:alert(1)\n---\n"
    "Russian negotiator Vladimir Medinsky said: “We reject <script>alert('x')</script> "
    "and <img src=x onerror=alert(2)> claims that Russia opposes Ukraine's neutrality.”\n"
    "Medinsky said Russia supports Ukraine's neutral status.\n"
)

SYNDICATED = (
    "Russian negotiator Vladimir Medinsky said: “The talks are hard and slow-going. "
    "We want to achieve peace as soon as possible.”\n"
)


CHANGES = ("--from", "2022-04-30", "--to", "2025-12-31")


def page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory, seeded_db: Path) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    from typer.testing import CliRunner

    from talks.cli import app

    result = CliRunner().invoke(
        app,
        ["report", "--db", str(seeded_db), "-o", str(out), *CHANGES],
    )
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.stderr
    return out


def test_one_mark_per_dated_position_and_undated_counted(
    seeds_report: Path, seeded_db: Path
) -> None:
    doc = page(seeds_report)
    dated = sql(seeded_db, "SELECT COUNT(*) FROM positions WHERE date IS NOT NULL")[0][0]
    undated = sql(seeded_db, "SELECT COUNT(*) FROM positions WHERE date IS NULL")[0][0]
    assert dated > 0
    marks = doc.cssselect("svg.chart a.mark")
    assert len(marks) == dated
    shown = [int(t.text_content().split()[0].lstrip("+")) for t in doc.cssselect("text.undated")]
    assert sum(shown) == undated
    # one lane per actor of each topic, marks in the lane of their actor
    for section in doc.cssselect("section.topic"):
        topic = section.get("data-topic")
        lanes = [g.get("data-actor") for g in section.cssselect("g.lane")]
        actors = sql(seeded_db, "SELECT DISTINCT actor FROM positions WHERE topic = ?", topic)
        assert sorted(lanes) == sorted(a for (a,) in actors)


def test_marks_tell_stance_by_shape_and_conditional_by_fill(
    seeds_report: Path, seeded_db: Path
) -> None:
    doc = page(seeds_report)
    rows = {
        r[0]: r[1:]
        for r in sql(seeded_db, "SELECT id, stance, conditional, date, actor FROM position_list")
    }
    for mark in doc.cssselect("a.mark"):
        pid = mark.get("data-evidence").removeprefix("ev-")
        stance, conditional, date, _actor = rows[pid]
        shape = mark.cssselect("circle, rect")[0]
        assert shape.tag == ("circle" if stance == "support" else "rect")
        assert (shape.get("fill") == "#fff") == bool(conditional)
        assert mark.get("data-date") == date


def test_every_mark_and_row_links_to_evidence_with_the_exact_span(
    seeds_report: Path, seeded_db: Path
) -> None:
    doc = page(seeds_report)
    evidence = {
        pid: (text, outlet, published)
        for pid, text, outlet, published in sql(
            seeded_db,
            "SELECT id, evidence, outlet, published FROM position_list",
        )
    }
    links = doc.cssselect("a.mark, table.positions a.evlink")
    assert len(links) == len(doc.cssselect("a.mark")) + len(evidence)
    for link in links:
        target = link.get("href").removeprefix("#")
        assert link.get("data-evidence") == target
        [block] = doc.xpath("//article[@id=$id]", id=target)
        text, outlet, published = evidence[block.get("data-record")]
        assert [m.text_content() for m in block.cssselect("mark.span")] == [text]
        meta = block.cssselect("p.meta")[0].text_content()
        assert f"outlet: {outlet or 'unknown'}" in meta
        assert f"published: {published or 'unknown'}" in meta
        # the highlighted span sits inside its sentence's mark, inside its paragraph
        assert text in block.cssselect("blockquote")[0].text_content()


def test_what_changed_matches_diff(seeds_report: Path, seeded_db: Path) -> None:
    with Store(seeded_db) as store:
        expected = compare(
            store.positions(), from_date=dt.date(2022, 4, 30), to_date=dt.date(2025, 12, 31)
        )
    doc = page(seeds_report)
    rows = doc.cssselect("table.changes tbody tr")
    got = [tuple(td.text_content() for td in r.cssselect("td")[:3]) for r in rows]
    assert got == [(c.actor, c.topic, c.status) for c in expected.changes]
    assert any(c.status == "changed" for c in expected.changes)


def test_header_says_what_the_report_covers(seeds_report: Path, seeded_db: Path) -> None:
    doc = page(seeds_report)
    header = doc.cssselect("header")[0].text_content()
    assert str(seeded_db) in header
    assert fingerprint(load()) in header
    assert "changes from 2022-04-30 to 2025-12-31" in header
    n = sql(seeded_db, "SELECT COUNT(*) FROM articles")[0][0]
    assert f"{n} articles" in header
    counts = doc.cssselect("#counts")[0]
    assert (
        int(counts.get("data-positions")) == sql(seeded_db, "SELECT COUNT(*) FROM positions")[0][0]
    )
    generated = header.split("generated")[1].split(" by ")[0]
    assert dt.datetime.fromisoformat(generated).tzinfo is not None


def test_page_is_self_contained(seeds_report: Path) -> None:
    html = seeds_report.read_text(encoding="utf-8")
    doc = lxml.html.fromstring(html)
    assert not doc.xpath("//link | //iframe | //object | //embed | //*[@src]")
    [script] = doc.xpath("//script")
    assert script.get("src") is None
    [csp] = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert "default-src 'none'" in csp
    digest = base64.b64encode(hashlib.sha256(script.text.encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in csp


def _hostile_store(tmp_path: Path, run: Run) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    for i, outlet in enumerate(("TASS", "Reuters", "AFP")):
        (folder / f"s{i}.md").write_text(
            f"---\noutlet: {outlet}\npublished: 2022-04-0{i + 1}\n---\n{SYNDICATED}",
            encoding="utf-8",
        )
    db = tmp_path / "h.db"
    assert run("ingest", folder, "--db", db).exit_code == 0
    return db


def test_article_text_is_escaped(tmp_path: Path, run: Run) -> None:
    db = _hostile_store(tmp_path, run)
    out = tmp_path / "r.html"
    assert run("report", "--db", db, "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    doc = lxml.html.fromstring(html)
    assert len(doc.xpath("//script")) == 1  # ours only
    assert not doc.xpath("//img | //b | //*[@onerror]")
    texts = doc.xpath("//article[@data-kind='statement']//blockquote")
    assert any("<script>alert('x')</script>" in t.text_content() for t in texts)
    assert "<script>alert('title')</script> Talks" in doc.text_content()
    assert not doc.xpath("//a[starts-with(@href, 'javascript')]")
    assert html.count("<script>") == 1


def test_statements_per_speaker_with_outlets(tmp_path: Path, run: Run) -> None:
    db = _hostile_store(tmp_path, run)
    out = tmp_path / "r.html"
    assert run("report", "--db", db, "-o", out).exit_code == 0
    doc = page(out)
    [medinsky] = doc.xpath("//section[@data-speaker='Vladimir Medinsky']")
    rows = [
        [td.text_content() for td in tr.cssselect("td")] for tr in medinsky.cssselect("tbody tr")
    ]
    syndicated = [r for r in rows if "slow-going" in r[1]]
    assert len(syndicated) == 1
    first_seen, _text, reports, outlets, names = syndicated[0]
    assert (first_seen, reports, outlets) == ("2022-04-01", "3", "3")
    assert names == "TASS, Reuters, AFP"
    # each statement row links to the evidence of its fullest wording
    link = medinsky.cssselect("a.evlink")[0]
    [block] = doc.xpath("//article[@id=$id]", id=link.get("data-evidence"))
    assert block.get("data-kind") == "statement"


def test_filters_topic_and_actor(seeded_db: Path, tmp_path: Path) -> None:
    lex = load()
    with Store(seeded_db) as store:
        data = collect(store, lex, ReportOptions(topics=("nato",), actors=("russia",)))
        html = render(data)
    doc = lxml.html.fromstring(html)
    assert [s.get("data-topic") for s in doc.cssselect("section.topic")] == ["nato"]
    assert {g.get("data-actor") for g in doc.cssselect("g.lane")} <= {"Russia"}
    assert {s.side for sp in data.speakers for s, _ in sp.statements} <= {"Russia"}
    assert "topics: nato; actors: russia" in doc.cssselect("header")[0].text_content()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2022-03-01"), "--from and --to go together"),
        (("--from", "2022-05-01", "--to", "2022-03-01"), "is after --to"),
        (("--topic", "natoo"), "unknown topic 'natoo'"),
        (("--actor", "Narnia"), "unknown actor 'Narnia'"),
        (("--since", "yesterday"), "is not a date"),
    ],
)
def test_usage_errors_are_one_line(
    seeded_db: Path, tmp_path: Path, run: Run, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "r.html"
    result = run("report", "--db", seeded_db, "-o", out, *args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not out.exists()


def test_marked_nests_overlapping_marks_and_escapes() -> None:
    ex = Excerpt("a <b> said it", ((0, 13, "sentence"), (2, 5, "span")), False, True)
    html = marked(ex)
    assert html == (
        '<span class="sentence">a </span><mark class="sentence span">&lt;b&gt;</mark>'
        '<span class="sentence"> said it</span> …'
    )


def test_safe_url_keeps_web_addresses_only() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url(None) is None


def test_max_statements_keeps_the_most_reported_and_says_so(tmp_path: Path, run: Run) -> None:
    db = _hostile_store(tmp_path, run)
    with Store(db) as store:
        everything = collect(store, load(), ReportOptions(max_statements=0))
        capped = collect(store, load(), ReportOptions(max_statements=1))
    [full] = [s for s in everything.speakers if s.name == "Vladimir Medinsky"]
    [one] = [s for s in capped.speakers if s.name == "Vladimir Medinsky"]
    assert len(full.statements) == full.total == one.total > 1
    [(shown, _)] = one.statements
    assert shown.reports == max(s.reports for s, _ in full.statements) == 3
    assert capped.statements == everything.statements
    doc = lxml.html.fromstring(render(capped))
    [section] = doc.xpath("//section[@data-speaker='Vladimir Medinsky']")
    assert len(section.cssselect("tbody tr")) == 1
    assert f"most reported of {full.total} statements" in section.text_content()


def test_max_undated_lists_fewer_but_counts_all(seeded_db: Path) -> None:
    undated = sql(seeded_db, "SELECT topic, COUNT(*) FROM positions WHERE date IS NULL GROUP BY 1")
    topic, n = max(undated, key=lambda r: r[1])
    assert n > 1
    with Store(seeded_db) as store:
        data = collect(store, load(), ReportOptions(topics=(topic,), max_undated=1))
    [section] = data.topics
    assert section.undated == n and section.unlisted == n - 1
    assert sum(1 for r in section.rows if r.position.date is None) == 1
    assert (
        data.positions
        == sql(seeded_db, "SELECT COUNT(*) FROM positions WHERE topic = ?", topic)[0][0]
    )
    doc = lxml.html.fromstring(render(data))
    assert f"{n - 1} more undated" in doc.cssselect("tr.unlisted")[0].text_content()
    lanes = doc.cssselect("svg.chart text.undated")
    assert sum(int(t.text_content().split()[0].lstrip("+")) for t in lanes) == n
