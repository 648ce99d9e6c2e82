"""Kill a real `akg build` (or `akg ingest`) with SIGKILL at random moments; after each kill the store must
answer exactly as before the run or exactly as after it (never empty, never half-built).

The moments are drawn in every phase of a reference run, each phase bounded by something seen from outside:
start-up (until the first "reading ..." line on stderr), reading (articles read and parsed, until the run first
changes anything in OUTDIR), writing (from that change until the files written are printed: store,
graph.ttl). Each phase is cut into equal slices with one random moment in each, so a small count still covers
every part of it; writing gets two thirds of the kills. A kill is timed from its phase's start in that very run, so
start-up jitter does not move it.

Usage:
    python scripts/kill_build.py                       # 24 kills of `akg build`, 24 of `akg ingest`
    python scripts/kill_build.py --kills 60 --command build --seed 7
    python scripts/kill_build.py --fresh               # into a folder with no store yet
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from graph.store.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(p for p in (ROOT / "seeds").iterdir() if p.suffix in (".txt", ".html"))
BEFORE = SEEDS[:2]
"""Articles of the store as it is before the killed run."""
RUN = SEEDS[2:14]
"""Articles the killed run reads."""
PHASES = ("start-up", "reading", "writing")
POLL = 0.002  # seconds between two looks at OUTDIR


@dataclass(frozen=True)
class Timeline:
    """Seconds from the start of a run to each phase's start, and to the first line after its work (the files
    written or the summary)."""

    reading: float
    writing: float
    done: float

    def span(self, phase: str) -> tuple[float, float]:
        """Start and end of a phase."""
        return {"start-up": (0.0, self.reading), "reading": (self.reading, self.writing),
                "writing": (self.writing, self.done)}[phase]


@dataclass(frozen=True)
class Kill:
    """One killed run: the phase and moment aimed at, whether the run was still going, what the store held."""

    phase: str
    moment: float  # seconds from the start of the phase
    killed: bool
    state: str  # "before", "after", or what was found instead


def command(name: str, articles: list[Path], outdir: Path) -> list[str]:
    """The akg command line of a run (the same Python as this script)."""
    return [sys.executable, "-m", "graph", name, *map(str, articles), "-o", str(outdir), "--no-html"]


def snapshot(outdir: Path) -> bytes:
    """What the store answers: every quad of the dataset, sorted, or nothing when there is no store (it is
    closed on return)."""
    if not (outdir / "store").exists():
        return b""
    return Store(outdir / "store", create=False).serialize("nq")


def _listing(outdir: Path) -> dict[str, int]:
    """OUTDIR's entries and their modification times (a folder's changes when an entry in it is added)."""
    return {entry.name: entry.stat().st_mtime_ns for entry in os.scandir(outdir)} if outdir.is_dir() else {}


class _Watch:
    """What a running command shows: when its phases start and its work is done, as events to wait on."""

    def __init__(self, process: subprocess.Popen, outdir: Path) -> None:
        self.start = time.monotonic()
        self.times: dict[str, float] = {}
        self.events = {phase: threading.Event() for phase in (*PHASES[1:], "done")}
        self._process, self._outdir = process, outdir
        for target in (self._read_output, self._watch_outdir):
            threading.Thread(target=target, daemon=True).start()

    def _mark(self, event: str) -> None:
        if event not in self.times:
            self.times[event] = time.monotonic() - self.start
            self.events[event].set()

    def _read_output(self) -> None:
        """The first "reading" line starts reading; the first other line says the work is done."""
        for line in self._process.stdout:
            self._mark("reading" if line.startswith("reading ") else "done")
        self._mark("done")

    def _watch_outdir(self) -> None:
        """The first change in OUTDIR starts writing."""
        before = _listing(self._outdir)
        while self._process.poll() is None and _listing(self._outdir) == before:
            time.sleep(POLL)
        self._mark("writing")


def run(argv: list[str], outdir: Path, kill_at: tuple[str, float] | None = None) -> tuple[Timeline, bool]:
    """Run a command writing into ``outdir``; with ``kill_at=(phase, delay)``, kill it with SIGKILL ``delay``
    seconds after that phase starts. Returns its timeline and whether it was killed before ending."""
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    watch = _Watch(process, outdir)
    killed = False
    if kill_at is not None:
        phase, delay = kill_at
        if phase != "start-up":
            watch.events[phase].wait()
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            killed = True
    code = process.wait()
    watch.events["done"].wait()
    if not killed and code != 0:
        raise RuntimeError(f"{' '.join(argv[2:4])} failed with exit code {code}")
    end = time.monotonic() - watch.start
    times = {event: watch.times.get(event, end) for event in ("reading", "writing", "done")}
    return Timeline(times["reading"], max(times["reading"], times["writing"]), times["done"]), killed


def moments(timeline: Timeline, kills: int, rng: random.Random) -> list[tuple[str, float]]:
    """(phase, seconds from the phase's start) of each kill: a sixth in start-up, a sixth in reading, the rest in
    writing (where the store changes), one random moment in each equal slice of its phase."""
    sixth = max(1, kills // 6)
    counts = {"start-up": sixth, "reading": sixth, "writing": max(1, kills - 2 * sixth)}
    out = []
    for phase, count in counts.items():
        low, high = timeline.span(phase)
        width = (high - low) / count
        out += [(phase, width * (i + rng.random())) for i in range(count)]
    return out


def kill_runs(name: str, workdir: Path, kills: int, seed: int | None = None, fresh: bool = False) -> list[Kill]:
    """Kill ``akg NAME`` over a store built from BEFORE (no store at all if ``fresh``), ``kills`` times; the
    store's state after each kill."""
    rng = random.Random(seed)
    pristine, out = workdir / "pristine", workdir / "out"
    if fresh:
        pristine.mkdir()
    else:
        run(command("build", BEFORE, pristine), pristine)
    before = snapshot(pristine)
    shutil.copytree(pristine, out)
    timeline, _ = run(command(name, RUN, out), out)
    after = snapshot(out)
    found = []
    for phase, moment in moments(timeline, kills, rng):
        shutil.rmtree(out)
        shutil.copytree(pristine, out)
        _, killed = run(command(name, RUN, out), out, kill_at=(phase, moment))
        found.append(Kill(phase, moment, killed, _state(out, before, after)))
    return found


def _state(outdir: Path, before: bytes, after: bytes) -> str:
    """"before", "after", or a short description of what the store holds instead."""
    try:
        now = snapshot(outdir)
    except Exception as exc:  # any failure to open is a finding, reported, not a crash of the script
        return f"unreadable ({type(exc).__name__}: {exc})"[:200]
    if now in (before, after):
        return "before" if now == before else "after"
    return f"neither: {len(now.splitlines())} quads (before {len(before.splitlines())}, after {len(after.splitlines())})"


def main() -> int:
    """Kill runs, print one line per kill and a summary; exit 1 if any kill left the store neither before nor after."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=24)
    parser.add_argument("--command", choices=("build", "ingest", "both"), default="both")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--fresh", action="store_true", help="Run into a folder with no store yet.")
    parser.add_argument("--workdir", type=Path, default=None, help="Scratch folder (default: a temporary one).")
    args = parser.parse_args()
    bad = 0
    for name in (("build", "ingest") if args.command == "both" else (args.command,)):
        with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
            results = kill_runs(name, Path(tmp), args.kills, args.seed, args.fresh)
        for k in results:
            print(f"akg {name:<6} {k.phase:<8} +{k.moment:6.3f} s  {'killed' if k.killed else 'ended '}  {k.state}")
        broken = [k for k in results if k.state not in ("before", "after")]
        counts = {s: sum(k.state == s for k in results) for s in ("before", "after")}
        print(f"akg {name}: {len(results)} runs, {sum(k.killed for k in results)} killed, "
              f"{counts['before']} before, {counts['after']} after, {len(broken)} neither\n")
        bad += len(broken)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
