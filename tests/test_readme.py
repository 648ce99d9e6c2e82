"""The README's examples run as written, after its first command, in a fresh folder: the README cannot rot.

The checkout is mirrored into a temporary folder (its files linked, ``.venv``
the environment running the tests), the README's first command is run there
minus its two install steps, then every later ``bash`` and ``python`` block,
line by line in a shell that has not activated anything. A line ending in
``&`` starts a server: it runs in the background until its port answers, on a
free port instead of the one written, and is stopped when its block ends.
"""
from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
VENV = Path(sys.prefix)
BLOCK = re.compile(r"^```(bash|python)\n(.*?)^```", re.MULTILINE | re.DOTALL)
PORT = re.compile(r"(?:--port |127\.0\.0\.1:)(\d{4,5})\b")
INSTALL_STEPS = ("python3 -m venv .venv", ".venv/bin/pip install .")
LEFT_OUT = {".git", ".venv", "out", "build", "dist", ".pytest_cache", ".hypothesis"}
TIMEOUT = 300
SERVER_START = 30

pytestmark = [pytest.mark.e2e,  # starts servers, builds several times: about a minute
              pytest.mark.skipif(not (VENV / "bin" / "akg").exists(), reason="the tests do not run from akg's venv")]


def blocks() -> list[tuple[str, str]]:
    """(language, text) of every bash and python block of the README, in order."""
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(README.read_text(encoding="utf-8"))]


def commands(text: str) -> list[str]:
    """The command lines of a shell block, without comments (a ' # ' starts one) or blank lines."""
    lines = (re.sub(r"(^|\s+)#\s.*$", "", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def fresh_shell() -> dict[str, str]:
    """The environment of a shell that never activated the venv."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and not Path(p).resolve().is_relative_to(VENV.resolve()))
    return env


def run(line: str, cwd: Path) -> None:
    """Run one command line in bash; fail with its output when it exits non-zero."""
    proc = subprocess.run(["bash", "-c", line], cwd=cwd, env=fresh_shell(), capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert proc.returncode == 0, f"{line}\nexit {proc.returncode}\n{proc.stderr[-2000:]}"


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(line: str, cwd: Path) -> subprocess.Popen:
    """Start a backgrounded command and wait until its port accepts connections."""
    port = int(PORT.search(line).group(1))
    proc = subprocess.Popen(["bash", "-c", f"exec {line.rstrip('&').strip()}"], cwd=cwd, env=fresh_shell(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + SERVER_START
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"{line}\nexited {proc.returncode}\n{proc.stderr.read()[-2000:]}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{line}\nnot listening on {port} after {SERVER_START} s")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server started by ``start_server`` (its whole process group)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    """A folder where the README's first command has just run: the checkout's files, .venv, and out/ built."""
    folder = tmp_path_factory.mktemp("checkout")
    for entry in ROOT.iterdir():
        if entry.name not in LEFT_OUT:
            (folder / entry.name).symlink_to(entry)
    (folder / ".venv").symlink_to(VENV)
    shared, beside = ROOT.parent / "shared", folder.parent / "shared"
    if shared.is_dir() and not beside.exists():  # ../shared beside the checkout, as CI has it
        beside.symlink_to(shared)
    first = commands(blocks()[0][1])[0]
    steps = [step.strip() for step in first.split("&&")]
    assert tuple(steps[:2]) == INSTALL_STEPS, "the README's first command no longer starts with the install"
    run(" && ".join(steps[2:]), folder)
    return folder


def test_the_first_block_is_setup_then_tests():
    assert commands(blocks()[0][1])[1].startswith("bash scripts/test.sh")


@pytest.mark.parametrize("index", range(1, len(blocks())))
def test_readme_block_runs_as_written(checkout, index):
    language, text = blocks()[index]
    if language == "python":
        run(f".venv/bin/python -c {shlex.quote(text)}", checkout)
        return
    ports = {port: str(free_port()) for port in PORT.findall(text)}
    servers = []
    try:
        for line in commands(text):
            line = re.sub(r"\b(" + "|".join(ports) + r")\b", lambda m: ports[m.group(1)], line) if ports else line
            if line.endswith("&"):
                servers.append(start_server(line, checkout))
            else:
                run(line, checkout)
    finally:
        for server in servers:
            stop(server)


def test_a_script_runs_with_a_python_that_lacks_the_packages():
    """`python3 scripts/evaluate.py` with a system python: the script restarts itself with the checkout's .venv."""
    base = Path(getattr(sys, "_base_executable", sys.executable))
    if not (ROOT / ".venv" / "bin" / "python").exists():
        pytest.skip("no .venv in the checkout")
    if subprocess.run([base, "-c", "import rdflib"], capture_output=True).returncode == 0:
        pytest.skip(f"{base} has akg's packages: nothing to restart for")
    proc = subprocess.run([base, "scripts/evaluate.py", "--help"], cwd=ROOT, env=fresh_shell(), capture_output=True,
                          text=True, timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: evaluate.py")
