"""Throughput at scale: one core vs worker processes vs the previous code vs Dask,
and web-archive input.

    python bench/scale.py [--n 5000] [--rounds 2] [--base REV] [--no-dask] [--no-warc] [--json]

Generates `--n` realistic articles with bench/speed.py's generator (2-6 KB,
unique texts) as .txt files in a temporary folder, then runs, each in a fresh
process and interleaved round by round so that a busy machine hurts all alike:

- `talks ingest` end to end into a new store: `jobs=1`, `jobs=2`, and the code of
  `--base` (a git revision, extracted with `git archive` into the temporary
  folder; nothing is written into the repository);
- `talks extract` on a 2-worker dask.distributed LocalCluster (cluster start-up
  timed apart) followed by `talks load`;
- a web archive (.warc.gz) of the same articles as news pages (menus, sidebars,
  footers) mixed 1:1 with off-topic pages (a third of which carry talks headlines
  in a sidebar, so the raw-page check passes and the main text is needed to skip
  them): ingest with `jobs=1` and `jobs=2`, and the prefilter's own cost per
  skipped record next to the cost of extracting a relevant one.

Reports seconds, articles/s, peak RSS of the writer process and of the largest
worker (ru_maxrss; Dask workers report their own), and store bytes per article.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# --- inputs ------------------------------------------------------------------------------

OFF = [
    "The city council approved a new budget for road repairs on {day}.",
    "Local shops reported strong sales over the holiday weekend, the chamber said.",
    "The home side won {a}-{b} after a late penalty in front of {n} fans.",
    "Forecasters expect heavy rain and strong winds along the coast until {day}.",
    "The museum will open a new wing dedicated to modern sculpture in {month}.",
    "Researchers found that regular walking lowers blood pressure in older adults.",
    "The central bank kept its main rate unchanged at {a}.{b} percent.",
    "Tickets for the summer festival sold out within {n} minutes.",
    "A new cycling lane will connect the station with the university campus.",
    "The company said quarterly profit rose {a} percent on higher demand.",
    "Police closed the motorway for several hours after a lorry overturned.",
    "The school board voted to extend the lunch break by {a} minutes.",
    "European markets closed slightly higher, led by technology shares.",
    "Fans queued overnight for the release of the new phone.",
    "The orchestra announced its programme for the {month} season.",
    "Scientists launched a weather balloon to study the upper atmosphere.",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
SIDEBAR_TALKS = [
    "Russia and Ukraine resume peace talks in Istanbul",
    "Kremlin says negotiations with Kyiv are 'difficult'",
]


def off_topic(rng: random.Random, i: int) -> str:
    """A unique 2-4 KB article about something else."""
    title = f"Council news roundup number {i}"
    paras, size = [title, ""], 0
    target = rng.randint(2000, 4000)
    while size < target:
        para = " ".join(
            s.format(
                day=rng.choice(DAYS),
                month=rng.choice(MONTHS),
                a=rng.randint(1, 9),
                b=rng.randint(0, 9),
                n=rng.randint(100, 90000),
            )
            for s in rng.sample(OFF, 3)
        )
        paras += [para, ""]
        size += len(para) + 2
    return "\n".join(paras)


def news_page(text: str, *, i: int, sidebar_talks: bool) -> str:
    """`text` (headline first) as a saved news page among page furniture."""
    lines = [x for x in text.split("\n") if x.strip()]
    body = "\n".join(f"<p>{x}</p>" for x in lines[1:])
    side = SIDEBAR_TALKS if sidebar_talks else ["Weather: sunny spells", "Markets today"]
    nav = " ".join(f"<a href='/s{k}'>Section {k}</a>" for k in range(25))
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{lines[0]} | Example News</title>"
        "<meta property='og:site_name' content='Example News'>"
        f"<meta property='article:published_time' content='2022-03-{i % 28 + 1:02d}T09:00:00Z'>"
        f"</head><body><header><nav>{nav}</nav></header>"
        "<div class='share'>Share on Facebook Share on X Email</div>"
        f"<main><article><h1>{lines[0]}</h1>{body}</article></main>"
        "<aside><h2>Most read</h2><ul>"
        + "".join(f"<li><a href='/m{k}'>{t}</a></li>" for k, t in enumerate(side))
        + "</ul></aside><footer><p>© 2022 Example News. All rights reserved.</p>"
        "<p>Sign up for our newsletter.</p></footer></body></html>"
    )


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(html.encode("utf-8")),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": "2022-03-30T12:00:00Z"},
                )
            )


# --- one measured run (in its own process) -------------------------------------------------


def _rss_mb(who: int) -> float:
    if who == resource.RUSAGE_SELF:
        # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child of a
        # big driver would report the driver's size at fork
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


TICK = os.sysconf("SC_CLK_TCK")


class Descendants:
    """Peak RSS (VmHWM) and CPU seconds (user + system) of every process below this
    one, sampled from /proc every 0.2 s: worker processes of a forkserver are not our
    children, so getrusage cannot see them. A worker's CPU is its last sample (the
    last 0.2 s before it exits may be missed: noise at these run lengths). The
    sampling thread's own CPU (`own`) is kept apart, to take out of this process's."""

    def __init__(self) -> None:
        import threading

        self.peak: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.own = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.wait(0.2):
            self.sample()
        self.own = time.thread_time()

    def sample(self) -> None:
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                    parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
        mine = {os.getpid()}
        grew = True
        while grew:
            new = {p for p, pp in parents.items() if pp in mine and p not in mine}
            grew = bool(new)
            mine |= new
        mine.discard(os.getpid())
        for pid in mine:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                self.cpu[pid] = (int(fields[11]) + int(fields[12])) / TICK
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        kb = int(line.split()[1])
                        self.peak[pid] = max(self.peak.get(pid, 0), kb)
            except (OSError, ValueError, IndexError):
                continue

    def done(self) -> float:
        self.stop.set()
        self.thread.join()
        return round(max(self.peak.values(), default=0) / 1024, 1)

    def busy(self, min_cpu: float = 0.5) -> list[tuple[float, float]]:
        """(CPU seconds, peak RSS MB) of the processes that did work (the workers; not
        the forkserver or the resource tracker), busiest first."""
        rows = [
            (round(c, 2), round(self.peak.get(pid, 0) / 1024, 1))
            for pid, c in self.cpu.items()
            if c >= min_cpu
        ]
        return sorted(rows, reverse=True)


def child(cfg: dict[str, Any]) -> dict[str, Any]:
    if cfg.get("src"):
        sys.path.insert(0, cfg["src"])
    from talks.lexicon import shipped
    from talks.pipeline import ingest_paths
    from talks.store import Store

    lex = shipped()
    db = Path(cfg["db"])
    out: dict[str, Any] = {"name": cfg["name"]}
    below = Descendants()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    if cfg["kind"] == "ingest":
        kw = {} if cfg.get("src") else {"jobs": cfg["jobs"]}
        start = time.perf_counter()
        with Store(db) as store:
            summary = ingest_paths(store, [cfg["input"]], lexicon=lex, **kw)  # type: ignore[arg-type]
            counts = store.counts()
        out["seconds"] = time.perf_counter() - start
        out["stored"] = counts["articles"]
        out["skipped"] = getattr(summary, "skipped", 0)
        out["failed"] = summary.failed
    elif cfg["kind"] == "dask":
        from distributed import LocalCluster

        from talks.distributed import extract_to_parquet, load_parquet

        start = time.perf_counter()
        with LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster:
            from distributed import Client

            up = time.perf_counter()
            result = extract_to_parquet(
                [cfg["input"]], Path(cfg["out"]), lexicon=lex, scheduler=cluster.scheduler_address
            )
            extracted = time.perf_counter()
            with Client(cluster) as client:
                rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        with Store(db) as store:
            loaded = load_parquet(store, Path(cfg["out"]))
            counts = store.counts()
        done = time.perf_counter()
        out.update(
            cluster_start_s=up - start,
            extract_s=extracted - up,
            load_s=done - extracted,
            seconds=done - up,  # extract + load, cluster start-up apart
            stored=counts["articles"],
            failed=result.failed + loaded.failed,
            worker_rss_mb=round(max(rss.values()) / 1024, 1),
        )
    elif cfg["kind"] == "prefilter":
        out.update(prefilter_costs(cfg, lex))
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    out["children_rss_mb"] = max(_rss_mb(resource.RUSAGE_CHILDREN), below.done())
    used = cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime
    out["writer_cpu_s"] = round(used - below.own, 2)  # without the sampling thread
    out["writer_rss_mb"] = _rss_mb(resource.RUSAGE_SELF)
    out["workers"] = below.busy()
    if db.exists():
        wal = db.with_name(db.name + "-wal")
        size = db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
        out["store_bytes_per_article"] = round(size / max(1, out.get("stored", 1)))
    return out


def prefilter_costs(cfg: dict[str, Any], lex: Any) -> dict[str, Any]:
    """ms per record: the raw-page prefilter on skipped pages, and reading + main-text
    extraction + talks extraction on relevant ones, in this one process."""
    from talks.extract import extract
    from talks.readers.html import page_article
    from talks.relevance import prefilter

    check = prefilter(lex)
    off = json.loads(Path(cfg["off"]).read_text())
    rel = json.loads(Path(cfg["rel"]).read_text())
    check(off[0])
    start = time.perf_counter()
    passed = sum(check(p) for p in off)
    skip_ms = (time.perf_counter() - start) * 1000 / len(off)
    start = time.perf_counter()
    for i, p in enumerate(rel):
        art = page_article(p.encode("utf-8"), name=f"{i}", path="x.warc.gz", lexicon=lex)
        extract(art, lexicon=lex)
    rel_ms = (time.perf_counter() - start) * 1000 / len(rel)
    return {
        "prefilter_ms_per_offtopic_page": round(skip_ms, 3),
        "offtopic_pages_passing_raw_check": f"{passed}/{len(off)}",
        "page_and_extract_ms_per_relevant_page": round(rel_ms, 2),
    }


# --- the driver ----------------------------------------------------------------------------


def run(cfg: dict[str, Any]) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(cfg)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{cfg['name']} failed:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sizes",
        default="1000,10000",
        help="corpus sizes of the scale sweep (`--jobs` ingest at each; '' for none)",
    )
    ap.add_argument("--jobs", type=int, default=2, help="worker processes in the sweep")
    ap.add_argument(
        "--n", type=int, default=0, help="articles of the side-by-side comparison (0: none)"
    )
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--rounds", type=int, default=2, help="interleaved rounds (comparison)")
    ap.add_argument("--base", default="4e67683", help="git revision of the previous code")
    ap.add_argument("--repo", type=Path, default=REPO, help="the git repository holding --base")
    ap.add_argument("--warc-n", type=int, default=1000, help="relevant pages in the archive")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--no-warc", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return 0

    sys.path.insert(0, str(HERE))
    from store_size import texts as realistic

    from talks.lexicon import shipped

    started = time.perf_counter()
    sizes = sorted(int(x) for x in args.sizes.split(",") if x.strip())
    most = max([*sizes, args.n, args.warc_n if not args.no_warc else 0])
    tmp = Path(tempfile.mkdtemp(prefix="talks-scale-"))
    texts = realistic(most, seed=args.seed, lexicon=shipped())  # 2-4 KB, unique
    folders = {n: tmp / f"articles-{n}" for n in {*sizes, args.n} if n}
    for folder in folders.values():
        folder.mkdir()
    for i, t in enumerate(texts):
        for n, folder in folders.items():
            if i < n:
                (folder / f"{i:06d}.txt").write_text(t, encoding="utf-8")
    kb = sum(len(t.encode()) for t in texts) / len(texts) / 1024
    report: dict[str, Any] = {
        "mean_kb": round(kb, 2),
        "cores": os.cpu_count(),
        "load_at_start": round(os.getloadavg()[0], 1),
    }
    if sizes:
        report["sweep"] = sweep(args, sizes, folders, tmp)
    if args.n:
        report["ingest"] = compare(args, folders[args.n], tmp)
    if not args.no_warc:
        report["warc"] = warc_bench(args, texts[: args.warc_n], tmp)
    del texts
    shutil.rmtree(tmp, ignore_errors=True)
    report["load_at_end"] = round(os.getloadavg()[0], 1)
    report["bench_minutes"] = round((time.perf_counter() - started) / 60, 1)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    return 0


def sweep(
    args: argparse.Namespace, sizes: list[int], folders: dict[int, Path], tmp: Path
) -> list[dict[str, Any]]:
    """`ingest_paths(jobs=args.jobs)` into a new store at each size, smallest first:
    wall time, CPU per article of the writer and the workers, peak RSS of each
    process, store bytes per article, and the rate those CPU figures allow on this
    machine's cores when nothing else runs."""
    rows = []
    for n in sizes:
        db = tmp / f"sweep-{n}.db"
        res = run(
            {
                "name": f"sweep-{n}",
                "kind": "ingest",
                "jobs": args.jobs,
                "input": str(folders[n]),
                "db": str(db),
            }
        )
        for leftover in tmp.glob(f"sweep-{n}.db*"):
            leftover.unlink()
        writer = res["writer_cpu_s"] / n
        workers = sum(c for c, _ in res["workers"]) / n
        cores = os.cpu_count() or 1
        # on idle cores: all CPU shared by the cores, the writer one core at most,
        # each worker one core at most
        idle = min(
            cores / (writer + workers),
            1 / writer,
            (args.jobs / workers) if workers else float("inf"),
        )
        row = {
            "articles": n,
            "stored": res["stored"],
            "failed": res["failed"],
            "seconds": round(res["seconds"], 1),
            "articles_per_s": round(n / res["seconds"], 1),
            "writer_cpu_ms_per_article": round(writer * 1000, 2),
            "workers_cpu_ms_per_article": round(workers * 1000, 2),
            "idle_articles_per_s": round(idle, 1),
            "idle_minutes_per_100k": round(100_000 / idle / 60, 1),
            "writer_rss_mb": res["writer_rss_mb"],
            "worker_rss_mb": [rss for _, rss in res["workers"]],
            "store_bytes_per_article": res.get("store_bytes_per_article"),
            "load": round(os.getloadavg()[0], 1),
        }
        rows.append(row)
        print(f"sweep {n}: {json.dumps(row)}", file=sys.stderr)
    return rows


def compare(args: argparse.Namespace, src: Path, tmp: Path) -> dict[str, Any]:
    """One process per run, interleaved round by round: the code of --base with one
    core, jobs=1, jobs=2 and (unless --no-dask) Dask extract + load."""
    base = tmp / "base"
    archive = subprocess.run(
        ["git", "-C", str(args.repo), "archive", args.base, "src"], capture_output=True, check=True
    ).stdout
    base.mkdir()
    with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
        tar.extractall(base, filter="data")
    configs = [
        {"name": "base", "kind": "ingest", "src": str(base / "src"), "jobs": 1},
        {"name": "jobs1", "kind": "ingest", "jobs": 1},
        {"name": "jobs2", "kind": "ingest", "jobs": 2},
    ]
    if not args.no_dask:
        configs.append({"name": "dask", "kind": "dask"})
    runs: dict[str, list[dict[str, Any]]] = {c["name"]: [] for c in configs}
    for r in range(args.rounds):
        for c in configs:
            cfg = {**c, "input": str(src), "db": str(tmp / f"{c['name']}-{r}.db")}
            cfg["out"] = str(tmp / f"parquet-{r}")
            res = run(cfg)
            runs[c["name"]].append(res)
            print(f"round {r + 1} {c['name']}: {json.dumps(res)}", file=sys.stderr)
    return {name: summarize(rs, args.n) for name, rs in runs.items()}


def summarize(rs: list[dict[str, Any]], n: int) -> dict[str, Any]:
    secs = statistics.median(r["seconds"] for r in rs)
    out = {
        "seconds_median": round(secs, 1),
        "seconds_all": [round(r["seconds"], 1) for r in rs],
        "articles_per_s": round(n / secs, 1),
        "stored": rs[0]["stored"],
        "failed": rs[0]["failed"],
        "writer_rss_mb": max(r["writer_rss_mb"] for r in rs),
        "worker_rss_mb": max(r.get("worker_rss_mb", r["children_rss_mb"]) for r in rs),
        "store_bytes_per_article": rs[0].get("store_bytes_per_article"),
    }
    if "cluster_start_s" in rs[0]:
        out["cluster_start_s"] = round(statistics.median(r["cluster_start_s"] for r in rs), 1)
        out["extract_s"] = round(statistics.median(r["extract_s"] for r in rs), 1)
        out["load_s"] = round(statistics.median(r["load_s"] for r in rs), 1)
    return out


def warc_bench(args: argparse.Namespace, texts: list[str], tmp: Path) -> dict[str, Any]:
    rng = random.Random(args.seed)
    n = len(texts)
    rel = [news_page(t, i=i, sidebar_talks=False) for i, t in enumerate(texts[:n])]
    off = [news_page(off_topic(rng, i), i=i, sidebar_talks=i % 3 == 0) for i in range(n)]
    pages = []
    for i in range(n):
        pages.append((f"https://news.example/a/{i}", rel[i]))
        pages.append((f"https://news.example/b/{i}", off[i]))
    folder = tmp / "warc"
    folder.mkdir()
    write_warc(folder / "crawl.warc.gz", pages)
    (tmp / "off.json").write_text(json.dumps(off[:400]))
    (tmp / "rel.json").write_text(json.dumps(rel[:100]))
    out: dict[str, Any] = {
        "records": 2 * n,
        "relevant": n,
        "warc_mb": round((folder / "crawl.warc.gz").stat().st_size / 1e6, 1),
    }
    runs: dict[str, list[dict[str, Any]]] = {"jobs1": [], "jobs2": []}
    for r in range(args.rounds):
        for jobs in (1, 2):
            cfg = {
                "name": f"warc-jobs{jobs}",
                "kind": "ingest",
                "jobs": jobs,
                "input": str(folder),
                "db": str(tmp / f"warc{jobs}-{r}.db"),
            }
            res = run(cfg)
            runs[f"jobs{jobs}"].append(res)
            print(f"round {r + 1} warc jobs{jobs}: {json.dumps(res)}", file=sys.stderr)
    for name, rs in runs.items():
        s = summarize(rs, n)
        s["records_per_s"] = round(2 * n / s["seconds_median"], 1)
        s["skipped"] = rs[0]["skipped"]
        out[name] = s
    out["prefilter"] = run(
        {
            "name": "prefilter",
            "kind": "prefilter",
            "off": str(tmp / "off.json"),
            "rel": str(tmp / "rel.json"),
            "db": str(tmp / "none.db"),
        }
    )
    return out


def print_report(report: dict[str, Any]) -> None:
    print(
        f"{report['cores']} cores, articles of {report['mean_kb']} KB mean; load average "
        f"{report['load_at_start']} at the start, {report['load_at_end']} at the end; "
        f"{report['bench_minutes']} min in all"
    )
    if "sweep" in report:
        print(
            "  articles   wall s   art/s | CPU ms/article: writer workers | idle-machine "
            "art/s (min/100k) | peak RSS MB: writer, workers | store B/article"
        )
        for r in report["sweep"]:
            print(
                f"  {r['articles']:8,} {r['seconds']:8.1f} {r['articles_per_s']:7.1f} | "
                f"{r['writer_cpu_ms_per_article']:21.2f} {r['workers_cpu_ms_per_article']:7.2f} | "
                f"{r['idle_articles_per_s']:10.1f} ({r['idle_minutes_per_100k']:.1f}) | "
                f"{r['writer_rss_mb']}, {', '.join(map(str, r['worker_rss_mb']))} | "
                f"{r['store_bytes_per_article']:,}"
                + (f"  [{r['failed']} failed]" if r["failed"] else "")
            )
    for name, s in report.get("ingest", {}).items():
        extra = ""
        if "cluster_start_s" in s:
            extra = (
                f" (extract {s['extract_s']} s + load {s['load_s']} s; "
                f"cluster start {s['cluster_start_s']} s apart)"
            )
        print(
            f"  {name:6} {s['seconds_median']:7.1f} s {s['articles_per_s']:7.1f} art/s  "
            f"writer {s['writer_rss_mb']} MB, worker {s['worker_rss_mb']} MB, "
            f"{s['store_bytes_per_article']} B/article{extra}"
        )
    if "warc" in report:
        w = report["warc"]
        print(f"warc: {w['records']} records ({w['relevant']} relevant), {w['warc_mb']} MB")
        for name in ("jobs1", "jobs2"):
            s = w[name]
            print(
                f"  {name}: {s['seconds_median']} s, {s['articles_per_s']} articles/s, "
                f"{s['records_per_s']} records/s, stored {s['stored']}, skipped {s['skipped']}"
            )
        p = w["prefilter"]
        print(
            f"  prefilter {p['prefilter_ms_per_offtopic_page']} ms per off-topic page "
            f"(raw check passed {p['offtopic_pages_passing_raw_check']}); "
            f"page + extraction {p['page_and_extract_ms_per_relevant_page']} ms per relevant page"
        )


if __name__ == "__main__":
    raise SystemExit(main())
