"""Kill a real `akg build` (or `akg ingest`) with SIGKILL at random moments; after each kill the store must
answer exactly as before the run or exactly as after it (never empty, never half-built).

The moments are drawn in every phase of a reference run, anchored on the "reading ..." lines the command
prints on stderr: start-up (until the first line), reading (first to last line), writing (after the last
line until the files written are printed: graph, store, graph.ttl). Each phase is cut into equal slices with one random moment in each,
so a small count still covers every part of it; writing gets half the kills.

Usage:
    python scripts/kill_build.py                       # 24 kills of `akg build`, 24 of `akg ingest`
    python scripts/kill_build.py --kills 60 --command build --seed 7
"""
from __future__ import annotations

import argparse
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


@dataclass(frozen=True)
class Timeline:
    """Seconds from the start of a run to its first and last "reading" line and to its first other line (the
    files written or the summary: the work is done)."""

    first: float
    last: float
    end: float

    def span(self, phase: str) -> tuple[float, float]:
        """Start and end of a phase."""
        return {"start-up": (0.0, self.first), "reading": (self.first, self.last), "writing": (self.last, self.end)}[phase]


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


def run(argv: list[str], reads: int, kill_at: tuple[int, float] | None = None) -> tuple[Timeline, bool]:
    """Run a command; with ``kill_at=(n, delay)``, kill it with SIGKILL ``delay`` seconds after its n-th "reading"
    line (n=0: after its start), so start-up jitter does not move the moment. Returns its timeline and whether
    it was killed before ending."""
    start = time.monotonic()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seen: list[float] = []
    done: list[float] = []
    anchor, delay = kill_at or (0, 0.0)
    reached = threading.Event()

    def read() -> None:
        for line in process.stdout:
            if line.startswith("reading "):
                seen.append(time.monotonic() - start)
                if len(seen) == anchor:
                    reached.set()
            elif not done:
                done.append(time.monotonic() - start)
        reached.set()  # the run ended before the anchor: kill (too late) at once

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    killed = False
    if kill_at is not None:
        reached.wait() if anchor else None
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            killed = True
    code = process.wait()
    end = time.monotonic() - start
    reader.join()
    if not killed and code != 0:
        raise RuntimeError(f"{' '.join(argv[2:4])} failed with exit code {code}")
    times = seen or [end]
    return Timeline(times[0], times[min(reads, len(times)) - 1], (done or [end])[0]), killed


def moments(timeline: Timeline, kills: int, rng: random.Random) -> list[tuple[str, float]]:
    """(phase, seconds from the phase's start) of each kill: a quarter in start-up, a quarter in reading, the rest
    in writing, one random moment in each equal slice of its phase."""
    quarter = max(1, kills // 4)
    counts = {"start-up": quarter, "reading": quarter, "writing": max(1, kills - 2 * quarter)}
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
        run(command("build", BEFORE, pristine), len(BEFORE))
    before = snapshot(pristine)
    shutil.copytree(pristine, out)
    timeline, _ = run(command(name, RUN, out), len(RUN))
    after = snapshot(out)
    found = []
    for phase, moment in moments(timeline, kills, rng):
        shutil.rmtree(out)
        shutil.copytree(pristine, out)
        anchor = {"start-up": 0, "reading": 1, "writing": len(RUN)}[phase]
        _, killed = run(command(name, RUN, out), len(RUN), kill_at=(anchor, moment))
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
