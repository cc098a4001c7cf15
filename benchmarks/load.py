"""Load: concurrent HTTP clients against `marsad serve` while `marsad ingest` writes to the same archive.

    python benchmarks/load.py [--archive DIR] [--clients 50] [--pause 1.0] [--seconds 60] [--step] [--no-ingest]

The base archive (`--archive`, built there with the full pipeline when it is empty; a temporary one
otherwise) holds SaudiNewsNet's first twelve days (`--base`). Each run works on a copy of it, so the
ingest started during the load (`--during`: the last three days, full pipeline, from another process)
always has new articles to write. Closed-loop clients (asyncio, one keep-alive HTTP/1.1 connection
each) wait `--pause` seconds between requests and draw from a fixed mix: search (words of titles and
entity names), one article, the story list and one story, the entity list and one entity.

Phases: a short warm-up, the target (`--clients`, `--pause`, `--seconds`), then with `--step` a step
test that divides the pause by 1.25 per step until a step has an error or its p99 passes `--p99-bound`
(at most `--max-steps` steps of `--step-seconds`). Prints tables and records them in
docs/benchmarks-load.md (unless --no-doc); `--json FILE` writes every figure for tests and scripts.
Exits 1 when the target phase had an error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shlex
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, SAUDI, machine, record, require_shared  # noqa: E402
from search import queries as title_queries  # noqa: E402

import marsad  # noqa: E402
from marsad.eval.common import percentile  # noqa: E402

DOC = "benchmarks-load.md"
WARMUP_SECONDS = 5.0
STEP_FACTOR = 1.25
REQUEST_TIMEOUT = 10.0
# Share of requests per endpoint: readers mostly search and open articles, then browse stories and entities.
MIX = {"search": 30, "article": 30, "story list": 10, "story": 10, "entity list": 10, "entity": 10}
CLK_TCK = os.sysconf("SC_CLK_TCK")


# -- what the clients ask for -------------------------------------------------------------------
@dataclass
class Pools:
    """Realistic request targets drawn (seeded) from the archive before the load starts."""
    queries: list[str]
    article_ids: list[str]
    story_ids: list[int]
    entity_keys: list[str]

    @classmethod
    def from_archive(cls, path: Path, seed: int = 11) -> "Pools":
        rng = random.Random(seed)
        with marsad.open(path) as archive:
            q = archive.store.query
            names = [r[0] for r in q("SELECT name FROM entities WHERE type IN ('PER', 'ORG', 'LOC') "
                                     "ORDER BY mentions DESC, key LIMIT 300")]
            queries = title_queries(archive, 700, seed) + rng.sample(names, min(300, len(names)))
            ids = [r[0] for r in q("SELECT id FROM articles ORDER BY id")]
            stories = [r[0] for r in q("SELECT id FROM stories ORDER BY size DESC, id")]
            keys = [r[0] for r in q("SELECT key FROM entities WHERE EXISTS (SELECT 1 FROM mentions m "
                                    "WHERE m.entity_key = entities.key) ORDER BY mentions DESC, key")]
        pools = cls(queries, rng.sample(ids, min(2000, len(ids))),
                    stories[:200] + rng.sample(stories[200:], min(800, max(len(stories) - 200, 0))),
                    keys[:200] + rng.sample(keys[200:], min(300, max(len(keys) - 200, 0))))
        empty = [name for name, pool in vars(pools).items() if not pool]
        if empty:
            sys.exit(f"the archive at {path} has no {', '.join(empty)} to ask for: build it with the full pipeline")
        return pools

    def request(self, rng: random.Random, mix: dict[str, float]) -> tuple[str, str, str | None]:
        """(endpoint, path, target): the target is the id or key a detail request asks for."""
        endpoint = rng.choices(list(mix), weights=list(mix.values()))[0]
        if endpoint == "search":
            return endpoint, "/api/search?" + urlencode({"q": rng.choice(self.queries), "limit": 10}), None
        if endpoint == "story list":
            params = {"offset": 20 * rng.randrange(5), "min_sources": rng.choice([1, 1, 2])}
            return endpoint, "/api/stories?" + urlencode(params), None
        if endpoint == "entity list":
            kind = rng.choice([None, "PER", "ORG", "LOC"])
            return endpoint, "/api/entities" + (f"?type={kind}" if kind else ""), None
        if endpoint == "article":
            target = rng.choice(self.article_ids)
            return endpoint, f"/api/articles/{quote(target, safe='')}", target
        if endpoint == "story":
            target = str(rng.choice(self.story_ids))
            return endpoint, f"/api/stories/{target}", target
        target = rng.choice(self.entity_keys)
        return endpoint, f"/api/entities/{quote(target, safe=':')}", target


# What still exists of a detail request's target: a 404 for one the ingest removed meanwhile (an entity
# merged into another, a story merged, a name lost when its source was re-cleaned) is not a server error.
STILL_THERE = {"article": "SELECT 1 FROM articles WHERE id = ?", "story": "SELECT 1 FROM stories WHERE id = ?",
               "entity": "SELECT 1 FROM mentions WHERE entity_key = ? LIMIT 1"}


# -- the processes under test -------------------------------------------------------------------
def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (a zombie still reports its totals)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def machine_cpu_seconds() -> float:
    """CPU time every core of the machine has spent busy since boot (/proc/stat, all processes)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def cpu_pressure_seconds() -> float | None:
    """Seconds during which some task waited for a core since boot (Linux PSI), None without PSI."""
    try:
        return int(Path("/proc/pressure/cpu").read_text().split("total=", 1)[1].split()[0]) / 1e6
    except (OSError, IndexError, ValueError):
        return None


class Process:
    """A subprocess under test. A daemon thread notes when it ends and the CPU it used in all, reading
    them before the exit status is collected (``WNOWAIT``), so a phase it ended in is measured too."""

    def __init__(self, args: list[str], env: dict[str, str], stdout: Path | None, stderr: Path):
        self.ended_at: float | None = None
        self._final_cpu: float | None = None
        with (stdout or Path(os.devnull)).open("w") as out, stderr.open("w") as err:
            self.popen = subprocess.Popen([sys.executable, "-m", "marsad", *args], env=env, stdout=out, stderr=err)
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        try:
            os.waitid(os.P_PID, self.popen.pid, os.WEXITED | os.WNOWAIT)
            self._final_cpu = cpu_seconds(self.popen.pid)
        except ChildProcessError:  # already collected by stop()
            pass
        self.ended_at = time.perf_counter()

    def running(self) -> bool:
        return self.ended_at is None

    def cpu(self) -> float:
        return self._final_cpu if self._final_cpu is not None else cpu_seconds(self.popen.pid)

    def stop(self) -> int:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        return self.popen.returncode


def article_count(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def has_articles(archive: Path) -> bool:
    db = archive / "marsad.sqlite3"
    return db.exists() and article_count(db) > 0


def start_server(archive: Path, port: int, log: Path) -> Process:
    env = {k: v for k, v in os.environ.items() if k not in ("MARSAD_PROTECT_READS", "MARSAD_TOKEN")}
    server = Process(["serve", "--archive", str(archive), "--port", str(port)], env, None, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=5).read()
            return server
        except OSError:
            if not server.running():
                server.stop()
                sys.exit(f"marsad serve exited: {log.read_text()[-2000:]}")
            time.sleep(0.2)
    server.stop()
    sys.exit(f"marsad serve did not answer on port {port} within 60 s")


def start_ingest(archive: Path, args: argparse.Namespace, tmp: Path) -> Process:
    env = dict(os.environ)
    if args.commit_every:
        env["MARSAD_INDEX_COMMIT_EVERY"] = str(args.commit_every)
    batch = ["--batch-size", str(args.ingest_batch)] if args.ingest_batch else []
    return Process(["ingest", "--quiet", "--json", *batch, "--archive", str(archive), *args.during], env,
                   tmp / "ingest.json", tmp / "ingest.err")


def wait_for_first_write(ingest: Process, db: Path, n_base: int, limit: float = 120.0) -> None:
    """Start the measured load only once the ingest is writing (it first loads its models)."""
    deadline = time.monotonic() + limit
    while ingest.running() and article_count(db) == n_base and time.monotonic() < deadline:
        time.sleep(0.2)


def finish_ingest(ingest: Process | None, tmp: Path) -> dict:
    """Stop the ingest if it still runs; what it reported when it finished by itself."""
    if ingest is None:
        return {}
    stopped = ingest.running()
    code = ingest.stop()
    summary = {} if stopped else json.loads((tmp / "ingest.json").read_text() or "{}")
    return {"exit": code, "stopped_at_end": stopped, "added": summary.get("added"),
            "rejected": summary.get("rejected"), "seconds": summary.get("seconds"),
            "stderr_tail": (tmp / "ingest.err").read_text(errors="replace")[-1000:] if code else ""}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(args: argparse.Namespace, tmp: Path) -> Path:
    """The working archive: a copy of ``--archive`` (built first when it is empty), or a temporary one."""
    base = Path(args.archive) if args.archive else tmp / "work"
    if not has_articles(base):
        print(f"building the base archive in {base} (full pipeline) from {len(args.base)} input(s)…", file=sys.stderr)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "marsad", "ingest", "--quiet", "--archive", str(base), *args.base],
                       check=True, stdout=subprocess.DEVNULL)
        print(f"built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if not args.archive:
        return base
    work = tmp / "work"
    shutil.copytree(base, work)
    return work


# -- one phase of load ------------------------------------------------------------------------------
@dataclass
class Phase:
    name: str
    clients: int
    pause: float
    mix: dict[str, float]
    seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    error_samples: list[str] = field(default_factory=list)
    not_found: list[tuple[str, str, str]] = field(default_factory=list)  # (endpoint, target, sample), settled later
    gone: Counter = field(default_factory=Counter)  # 404s for targets the ingest removed, per endpoint
    cpu: dict[str, float] = field(default_factory=dict)  # % of one core over the phase
    cpu_pressure: float | None = None  # % of the phase some task of the machine waited for a core
    load_average: float = 0.0
    ingest_running_s: float = 0.0
    articles_added: int = 0

    def endpoints(self) -> list[str]:
        return [e for e, weight in self.mix.items() if weight]

    def row(self, endpoint: str | None = None) -> dict:
        lat = self.latencies[endpoint] if endpoint else [x for v in self.latencies.values() for x in v]
        errors = sum((self.errors[endpoint] if endpoint else sum(self.errors.values(), Counter())).values())
        gone = self.gone[endpoint] if endpoint else sum(self.gone.values())
        n = len(lat) + errors + gone
        return {"endpoint": endpoint or "all", "requests": n, "rps": n / self.seconds if self.seconds else 0.0,
                "p50_ms": percentile(lat, 0.5), "p99_ms": percentile(lat, 0.99), "max_ms": max(lat, default=0.0),
                "errors": errors, "gone": gone}

    def add_error(self, endpoint: str, error: str, sample: str) -> None:
        self.errors[endpoint][error] += 1
        if self.errors[endpoint][error] == 1 and len(self.error_samples) < 5:  # the first of each kind
            self.error_samples.append(sample)

    def settle_not_found(self, db: Path) -> None:
        """A 404 is an error when its target is still in the archive, else the ingest removed it."""
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
            for endpoint, target, sample in self.not_found:
                if conn.execute(STILL_THERE[endpoint], (target,)).fetchone():
                    self.add_error(endpoint, "HTTP 404", sample)
                else:
                    self.gone[endpoint] += 1
        self.not_found.clear()

    def to_dict(self) -> dict:
        return {"name": self.name, "clients": self.clients, "pause_s": self.pause, "seconds": round(self.seconds, 1),
                "mix": self.mix, "endpoints": [self.row(e) for e in self.endpoints()] + [self.row()],
                "errors": {e: dict(c) for e, c in self.errors.items() if c}, "error_samples": self.error_samples,
                "gone": dict(self.gone),
                "cpu_percent": self.cpu, "cpu_pressure_percent": self.cpu_pressure, "load_average": self.load_average,
                "ingest_running_s": round(self.ingest_running_s, 1), "articles_added": self.articles_added}


class Connection:
    """One client's keep-alive HTTP/1.1 connection: a few lines of asyncio instead of httpx, which spent
    1.35 ms of CPU per request here (about what the server spends on an article, on the same two
    cores) where this spends 0.2 ms. marsad's JSON responses always carry a Content-Length."""

    def __init__(self, port: int):
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection("127.0.0.1", self.port)
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n\r\n".encode())
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
        length = next((int(line.split(":", 1)[1]) for line in head.split("\r\n") if line.startswith("content-length:")),
                      None)
        if length is None:
            raise ConnectionError(f"response without Content-Length: {head[:200]!r}")
        body = await reader.readexactly(length)
        if "connection: close" in head:
            self.close()
        return int(head[9:12]), body

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def _client(port: int, pools: Pools, rng: random.Random, phase: Phase, deadline: float) -> None:
    await asyncio.sleep(rng.uniform(0, phase.pause))  # users do not arrive in step
    connection = Connection(port)
    while time.perf_counter() < deadline:
        endpoint, path, target = pools.request(rng, phase.mix)
        t0 = time.perf_counter()
        try:
            status, body = await asyncio.wait_for(connection.get(path), REQUEST_TIMEOUT)
            error = None if status == 200 else f"HTTP {status}"
            detail = body[:200].decode(errors="replace") if error else ""
        except (OSError, EOFError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError) as e:
            connection.close()  # a new connection for the next request
            error, detail = type(e).__name__, str(e)[:200]
        if error == "HTTP 404" and target is not None:
            phase.not_found.append((endpoint, target, f"{endpoint} {path[:120]}: {error} {detail}"))
        elif error:
            phase.add_error(endpoint, error, f"{endpoint} {path[:120]}: {error} {detail}")
        else:
            phase.latencies[endpoint].append((time.perf_counter() - t0) * 1000)
        await asyncio.sleep(min(phase.pause, max(0.0, deadline - time.perf_counter())))
    connection.close()


async def _run(port: int, pools: Pools, phase: Phase, seconds: float, seed: int) -> None:
    deadline = time.perf_counter() + seconds
    await asyncio.gather(*(_client(port, pools, random.Random(seed * 1000 + i), phase, deadline)
                           for i in range(phase.clients)))


def run_phase(phase: Phase, seconds: float, port: int, pools: Pools, procs: dict[str, Process], db: Path,
              seed: int) -> Phase:
    """Run one phase and measure it, with the CPU the load generator, the server and the ingest used."""
    cpu0 = {name: p.cpu() for name, p in procs.items()}
    own0 = resource.getrusage(resource.RUSAGE_SELF)
    machine0, pressure0 = machine_cpu_seconds(), cpu_pressure_seconds()
    count0, t0 = article_count(db), time.perf_counter()
    ingest = procs.get("ingest")
    ingest_at_start = ingest is not None and ingest.running()
    asyncio.run(_run(port, pools, phase, seconds, seed))
    phase.seconds = time.perf_counter() - t0
    own1 = resource.getrusage(resource.RUSAGE_SELF)
    phase.cpu["load generator"] = 100 * (own1.ru_utime + own1.ru_stime - own0.ru_utime - own0.ru_stime) / phase.seconds
    for name, before in cpu0.items():
        phase.cpu[name] = 100 * (procs[name].cpu() - before) / phase.seconds
    # What the rest of the machine (other users' jobs) took from the same cores meanwhile.
    phase.cpu["other processes"] = 100 * (machine_cpu_seconds() - machine0) / phase.seconds - sum(phase.cpu.values())
    pressure1 = cpu_pressure_seconds()
    if pressure0 is not None and pressure1 is not None:
        phase.cpu_pressure = 100 * (pressure1 - pressure0) / phase.seconds
    phase.load_average = os.getloadavg()[0]
    phase.articles_added = article_count(db) - count0
    phase.settle_not_found(db)
    if ingest_at_start:
        phase.ingest_running_s = min(ingest.ended_at or time.perf_counter(), t0 + phase.seconds) - t0
    return phase


# -- reporting ----------------------------------------------------------------------------------------
def endpoint_table(phase: Phase) -> str:
    rows = [phase.row(e) for e in phase.endpoints()] + [phase.row()]
    head = ("| endpoint | requests | req/s | p50 ms | p99 ms | max ms | errors | 404, removed by the ingest |\n"
            "|---|---|---|---|---|---|---|---|")
    return head + "".join(f"\n| {r['endpoint']} | {r['requests']:,} | {r['rps']:.1f} | {r['p50_ms']:.1f} | "
                          f"{r['p99_ms']:.1f} | {r['max_ms']:.0f} | {r['errors']} | {r['gone']} |" for r in rows)


def conditions(phase: Phase) -> str:
    cpu = ", ".join(f"{name} {pct:.0f}%" for name, pct in phase.cpu.items())
    ingest = (f"the ingest ran during {phase.ingest_running_s:.0f} s of the {phase.seconds:.0f} s "
              f"({phase.articles_added:,} articles added)") if "ingest" in phase.cpu else "no ingest"
    mix = "" if phase.mix == MIX else "; mix " + ", ".join(f"{e} {w:g}" for e, w in phase.mix.items())
    pressure = "" if phase.cpu_pressure is None else \
        f"; some task waited for a core during {phase.cpu_pressure:.0f}% of the time (CPU pressure)"
    return (f"{phase.clients} clients, {phase.pause:g} s pause, {phase.seconds:.0f} s{mix}; {ingest}; "
            f"CPU (% of one core): {cpu}; load average {phase.load_average:.1f}{pressure}.")


def step_table(steps: list[Phase], bound: float) -> str:
    names = list(steps[0].cpu)
    head = (f"| step | pause s | req/s | p50 ms | p99 ms | errors | ingest running | CPU % ({' / '.join(names)}) "
            "| CPU pressure % | held |\n|---|---|---|---|---|---|---|---|---|---|")
    lines = []
    for i, s in enumerate(steps, 1):
        r = s.row()
        cpu = " / ".join(f"{s.cpu[name]:.0f}" for name in names)
        pressure = "–" if s.cpu_pressure is None else f"{s.cpu_pressure:.0f}"
        lines.append(f"\n| {i} | {s.pause:.3f} | {r['rps']:.1f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} "
                     f"| {r['errors']} "
                     f"| {s.ingest_running_s:.0f}/{s.seconds:.0f} s | {cpu} | {pressure} "
                     f"| {'yes' if held_step(s, bound) else 'no'} |")
    return head + "".join(lines)


def parse_mix(text: str, ap: argparse.ArgumentParser) -> dict[str, float]:
    mix = dict(MIX)
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, _, weight = item.partition("=")
        if name.strip() not in MIX or not weight.replace(".", "", 1).isdigit():
            ap.error(f"--mix: {item!r} is not endpoint=weight with an endpoint among {', '.join(MIX)}")
        mix[name.strip()] = float(weight)
    if not sum(mix.values()):
        ap.error("--mix: every weight is 0")
    return mix


def held_step(phase: Phase, bound: float) -> bool:
    r = phase.row()
    return r["errors"] == 0 and r["p99_ms"] <= bound


def main(argv: list[str] | None = None) -> int:
    days = sorted(str(p) for p in SAUDI.glob("*.zip"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", help="base archive: reused when it holds articles, built there when empty")
    ap.add_argument("--base", nargs="+", default=days[:12], help="inputs of the base archive (default: "
                    "SaudiNewsNet's first 12 days)")
    ap.add_argument("--during", nargs="+", default=days[12:], help="inputs ingested during the load (default: "
                    "SaudiNewsNet's last 3 days)")
    ap.add_argument("--no-ingest", action="store_true", help="load the server without a concurrent ingest")
    ap.add_argument("--commit-every", type=int, help="articles per index commit of that ingest (default: marsad's)")
    ap.add_argument("--ingest-batch", type=int, help="articles per transaction of that ingest (default: marsad's)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--pause", type=float, default=1.0, help="seconds each client waits between requests")
    ap.add_argument("--seconds", type=float, default=60.0, help="length of the target phase")
    ap.add_argument("--step", action="store_true", help="then shorten the pause step by step (divided by 1.25)")
    ap.add_argument("--step-seconds", type=float, default=20.0)
    ap.add_argument("--max-steps", type=int, default=8)
    ap.add_argument("--p99-bound", type=float, default=200.0, help="ms: the p99 a held step must stay under")
    ap.add_argument("--mix", default="", help="weights replacing the default mix, e.g. 'entity list=0,search=40'")
    ap.add_argument("--warmup", type=float, default=WARMUP_SECONDS)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", help="write every figure to this file")
    ap.add_argument("--no-doc", action="store_true", help=f"do not write docs/{DOC}")
    args = ap.parse_args(argv)
    mix = parse_mix(args.mix, ap)
    reuse = args.archive and has_articles(Path(args.archive))
    if (not reuse and not args.base) or (not args.no_ingest and not args.during):
        require_shared()  # the defaults are SaudiNewsNet's days: empty lists when it is absent
    if min(args.clients, args.max_steps) < 1 or min(args.pause, args.seconds, args.step_seconds) < 0:
        ap.error("--clients and --max-steps must be at least 1; --pause and the durations at least 0")

    with tempfile.TemporaryDirectory(prefix="marsad-load-") as tmp_name:
        tmp = Path(tmp_name)
        work = prepare(args, tmp)
        db = work / "marsad.sqlite3"
        pools = Pools.from_archive(work, args.seed)
        n_base = article_count(db)
        port = free_port()
        procs = {"server": start_server(work, port, tmp / "serve.log")}
        try:
            run_phase(Phase("warm-up", min(args.clients, 10), 0.1, mix), args.warmup, port, pools, procs, db, args.seed)
            if not args.no_ingest:
                procs["ingest"] = start_ingest(work, args, tmp)
                wait_for_first_write(procs["ingest"], db, n_base)
            target = run_phase(Phase("target", args.clients, args.pause, mix), args.seconds, port, pools, procs, db,
                               args.seed + 1)
            steps: list[Phase] = []
            pause = args.pause
            while args.step and len(steps) < args.max_steps:
                pause /= STEP_FACTOR
                steps.append(run_phase(Phase(f"step {len(steps) + 1}", args.clients, pause, mix), args.step_seconds,
                                       port, pools, procs, db, args.seed + 2 + len(steps)))
                print(f"step {len(steps)}: {steps[-1].row()['rps']:.1f} req/s, p99 {steps[-1].row()['p99_ms']:.1f} ms, "
                      f"{steps[-1].row()['errors']} errors", file=sys.stderr)
                if not held_step(steps[-1], args.p99_bound):
                    break
        finally:
            ingest_report = finish_ingest(procs.get("ingest"), tmp)
            procs["server"].stop()
        ingest_report["added_in_all"] = article_count(db) - n_base
        server_log = (tmp / "serve.log").read_text(errors="replace")

    results = {"machine": machine(), "base_articles": n_base, "target": target.to_dict(),
               "steps": [s.to_dict() for s in steps], "ingest": ingest_report,
               "server_log_tail": server_log[-3000:] if "Traceback" in server_log else ""}
    held = [phase for phase in (target, *steps) if held_step(phase, args.p99_bound)]
    results["highest_held_rps"] = max((phase.row()["rps"] for phase in held), default=None)
    body = report(args, target, steps, results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.no_doc:
        write_doc(args, body)
    return 1 if target.row()["errors"] else 0


def report(args: argparse.Namespace, target: Phase, steps: list[Phase], results: dict) -> str:
    ingest = results["ingest"]
    parts = [f"Archive: {results['base_articles']:,} articles before the load"
             + ("" if args.no_ingest else f"; ingest during the load: {', '.join(Path(p).name for p in args.during)} "
                f"(full pipeline, another process), {ingest.get('added_in_all'):,} articles added; "
                + ("still running at the end, stopped" if ingest.get("stopped_at_end") else
                   f"finished in {ingest.get('seconds')} s with exit {ingest.get('exit')}")) + ".",
             "", f"**Target** — {conditions(target)}", "", endpoint_table(target)]
    if target.error_samples:
        parts += ["", "Errors: " + "; ".join(f"`{e}`" for e in target.error_samples)]
    if steps:
        best = results["highest_held_rps"]
        parts += ["", f"**Step test** — {args.clients} clients, the pause divided by {STEP_FACTOR} per "
                  f"{args.step_seconds:g} s step until an error or p99 > {args.p99_bound:g} ms; highest rate held "
                  "(target included): " + (f"**{best:.0f} req/s**." if best else "none."), "",
                  step_table(steps, args.p99_bound)]
    if results["server_log_tail"]:
        parts += ["", "The server logged a traceback; its tail:", "", "```", results["server_log_tail"][-1500:], "```"]
    body = "\n".join(parts)
    print(body)
    return body


def write_doc(args: argparse.Namespace, body: str) -> None:
    path = ROOT / "docs" / DOC
    if not path.exists():
        path.write_text("# Load benchmark\n\nFigures written by `benchmarks/load.py`: concurrent clients against "
                        "`marsad serve` on loopback while `marsad ingest` writes to the same archive from another "
                        "process.\n", encoding="utf-8")
    argv = sys.argv[1:]
    if "--json" in argv:  # where the figures were also written is no part of how they were made
        del argv[argv.index("--json"):argv.index("--json") + 2]
    command = shlex.join(["python", "benchmarks/load.py", *argv])
    section = (f"{args.clients} clients, pause {args.pause:g} s"
               + (", no ingest" if args.no_ingest else ", while ingesting") + (f", mix {args.mix}" if args.mix else ""))
    record(DOC, section, command, body)


if __name__ == "__main__":
    sys.exit(main())
