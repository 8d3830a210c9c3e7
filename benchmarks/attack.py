"""The combined attack on ``kg serve`` (issue 24), next to a quiet run, on loopback only.

Starts ``kg serve`` (``--workers 2``) on a free 127.0.0.1 port with its file descriptor limit at
1024 (soft and hard, set in the child before it starts, as ``ulimit -n 1024`` does), then:

1. the quiet run: 16 clients send ``--requests`` good named-query requests (benchmarks/bench_endpoint.py's mix);
2. the attack run: the same good load while, from the start of the run to its end,
   * ``--slow`` connections (default workers + 1) send a query that runs past the time limit,
   * 1,000 connections send unfinished headers (re-opened whenever the server drops one),
   * 20 clients with a 4 KB receive buffer ask a ~48 MB answer and never read it (each holds
     its connection 40 s, then asks again),
   * 2 connections send queries nested 20,000 deep (braces, then parentheses).

The attacking clients run in a process of their own at a lower CPU priority (``--attacker-nice``, 10): they
stand for clients on other machines, so on a small shared machine their own CPU use does not
count as the server's slowness.

It prints, for each run, good-request errors, req/s, p50 and p99, and the server's peak RSS
(the server process and its workers together), then the attack run's req/s as a share of the
quiet run's, the attack's own counts and the size of the server's log. Each run ends with 36
named questions asked once each (no kept answer serves them), at concurrency 4. Exit status 1 when a
good request failed, the share is under 50 % or the peak RSS reached 1 GB.

Run from the repository root:  PYTHONPATH=. python benchmarks/attack.py [--requests 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

import bench_endpoint as bench  # noqa: E402
from harness import free_port, stop  # noqa: E402

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LARGE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 88000"  # about 44 MB of JSON (under the 50 MB answer cap)
CRASH = (
    "SELECT * WHERE " + "{" * 20000 + "}" * 20000,
    "ASK { FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }",
)
GB = 2**30


@dataclass
class Attack:
    """What the attacking clients sent."""

    slow: int = 0
    stalled: int = 0
    large: int = 0
    crash: int = 0
    crash_statuses: dict[int, int] = field(default_factory=dict)


def tree_rss(pid: int) -> int:
    """Resident memory in bytes of a process and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            continue
    return total


def tree_cpu(pid: int) -> dict[int, float]:
    """CPU seconds used so far by a process and each of its descendants, by process id."""
    ticks = os.sysconf("SC_CLK_TCK")
    used, todo = {}, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            used[current] = (int(fields[11]) + int(fields[12])) / ticks
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo += [int(c) for c in children.read().split()]
        except (OSError, ValueError, IndexError):
            continue
    return used


def cpu_split(pid: int, before: dict[int, float]) -> str:
    """CPU seconds since ``before``: the server process, then its workers together."""
    now = tree_cpu(pid)
    server = now.get(pid, 0.0) - before.get(pid, 0.0)
    workers = sum(v - before.get(k, 0.0) for k, v in now.items() if k != pid)
    return f"server {server:.1f} s, workers {workers:.1f} s"


class PeakRss:
    """Samples a process tree's RSS every 0.2 s in a thread, between start() and stop()."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._done.wait(0.2)

    def start(self) -> PeakRss:
        self._thread.start()
        return self

    def stop(self) -> int:
        self._done.set()
        self._thread.join(5)
        return self.peak


def start_server(workers: int, fd_limit: int, log: Any, *extra: str) -> tuple[str, subprocess.Popen[bytes]]:
    """``kg serve`` on a free loopback port, its open-file limit set to ``fd_limit`` (soft and hard)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (fd_limit, fd_limit))

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    command = [
        sys.executable,
        "-m",
        "graph.cli",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
        *extra,
    ]
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log, preexec_fn=limit
    )
    base = f"http://127.0.0.1:{port}"
    bench._wait(base + "/health", process)
    return base, process


async def _slow(host: str, port: int, done: asyncio.Event, seen: Attack) -> None:
    connection = bench._Connection(host, port)
    url = f"http://{host}:{port}/sparql?{urllib.parse.urlencode({'query': SLOW})}"
    while not done.is_set():
        try:
            await asyncio.wait_for(connection.send(bench.Request("GET", url)), 30)
        except (OSError, ValueError, asyncio.TimeoutError, asyncio.IncompleteReadError):
            connection.close()
            await asyncio.sleep(0.1)
        seen.slow += 1


async def _stall(host: str, port: int, done: asyncio.Event, seen: Attack) -> None:
    while not done.is_set():
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
        except (OSError, asyncio.TimeoutError):
            await asyncio.sleep(0.2)
            continue
        seen.stalled += 1
        writer.write(b"GET /sparql HTTP/1.1\r\nHost: attack\r\n")  # never finished
        try:
            while not done.is_set() and await asyncio.wait_for(reader.read(100), 60):
                pass
        except (OSError, asyncio.TimeoutError):
            pass
        finally:
            writer.close()


async def _never_read(host: str, port: int, done: asyncio.Event, seen: Attack, hold: float) -> None:
    loop = asyncio.get_running_loop()
    request = f"GET /sparql?{urllib.parse.urlencode({'query': LARGE})} HTTP/1.1\r\nHost: attack\r\n\r\n"
    while not done.is_set():
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.setblocking(False)
        try:
            await asyncio.wait_for(loop.sock_connect(sock, (host, port)), 10)
            await loop.sock_sendall(sock, request.encode())
            seen.large += 1
            with_deadline = loop.time() + hold
            while not done.is_set() and loop.time() < with_deadline:
                await asyncio.sleep(0.5)  # holds the connection, reads nothing
        except (OSError, asyncio.TimeoutError):
            await asyncio.sleep(0.5)
        finally:
            sock.close()


async def _crash(host: str, port: int, done: asyncio.Event, seen: Attack) -> None:
    connection = bench._Connection(host, port)
    while not done.is_set():
        text = CRASH[seen.crash % len(CRASH)]
        headers = (("Content-Type", "application/sparql-query"),)
        request = bench.Request("POST", f"http://{host}:{port}/sparql", text.encode(), headers)
        try:
            status, _ = await asyncio.wait_for(connection.send(request), 30)
            seen.crash_statuses[status] = seen.crash_statuses.get(status, 0) + 1
        except (OSError, ValueError, asyncio.TimeoutError, asyncio.IncompleteReadError):
            connection.close()
        seen.crash += 1
        await asyncio.sleep(0.05)


async def attack(base: str, args: argparse.Namespace, done: asyncio.Event) -> Attack:
    """Every attack at once, until ``done`` is set; what it sent."""
    where = urllib.parse.urlsplit(base)
    host, port = where.hostname or "127.0.0.1", where.port or 80
    seen = Attack()
    tasks = [
        *(_slow(host, port, done, seen) for _ in range(args.slow)),
        *(_stall(host, port, done, seen) for _ in range(args.stalled)),
        *(_never_read(host, port, done, seen, args.hold) for _ in range(args.large)),
        *(_crash(host, port, done, seen) for _ in range(args.crash)),
    ]
    running = [asyncio.ensure_future(t) for t in tasks]
    await done.wait()
    await asyncio.wait(running, timeout=30)
    for task in running:
        task.cancel()
    return seen


def run_attacker(base: str, args: argparse.Namespace) -> None:
    """The attacking process (``--attacker BASE``): attack until stdin closes, then print its counts."""

    async def until_stdin_closes() -> Attack:
        done = asyncio.Event()
        loop = asyncio.get_running_loop()
        loop.add_reader(
            sys.stdin.fileno(), lambda: done.set() if not os.read(sys.stdin.fileno(), 1) else None
        )
        return await attack(base, args, done)

    seen = asyncio.run(until_stdin_closes())
    print(json.dumps(dataclasses.asdict(seen)), flush=True)


def attacked(base: str, args: argparse.Namespace) -> tuple[Any, Any, Attack]:
    """The good load, then 36 fresh named questions (this process), while the attacker (another
    process, so that the two clients do not slow each other down) runs; both Stats and the
    attack's counts."""
    command = [sys.executable, __file__, "--attacker", base, *sys.argv[1:]]
    attacker = subprocess.Popen(  # niced: it stands for clients on other machines, not for CPU theft
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.nice(args.attacker_nice),
    )
    assert attacker.stdin is not None and attacker.stdout is not None
    try:
        time.sleep(args.head_start)  # the attack is under way before the good load starts
        stats = bench.run_load(bench.named_requests(base), args.requests, args.concurrency)
        fresh = bench.run_load(mix := fresh_requests(base, range(2023, 2026)), len(mix), 4)
    finally:
        attacker.stdin.close()
        out = attacker.stdout.read()
        attacker.wait(60)
    counts = json.loads(out.strip().splitlines()[-1])
    counts["crash_statuses"] = {int(k): v for k, v in counts["crash_statuses"].items()}
    return stats, fresh, Attack(**counts)


def fresh_requests(base: str, years: range) -> list[Any]:
    """Named questions asked once each (``terms-as-of`` every month of ``years``): no kept
    answer serves them, so they measure the named lane itself."""
    return [
        bench.Request("GET", f"{base}/query/terms-as-of?asOf={year}-{month:02d}")
        for year in years
        for month in range(1, 13)
    ]


def main() -> None:
    """Quiet run, attack run, report; exit status 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="good requests per run (default 3000)")
    parser.add_argument("--concurrency", type=int, default=16, help="good clients (default 16)")
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers (default 2)")
    parser.add_argument("--slow", type=int, default=3, help="slow-query connections (default 3)")
    parser.add_argument("--stalled", type=int, default=1000, help="stalled connections (default 1000)")
    parser.add_argument("--large", type=int, default=20, help="non-reading large-answer clients (default 20)")
    parser.add_argument("--crash", type=int, default=2, help="crash-query connections (default 2)")
    parser.add_argument("--hold", type=float, default=40.0, help="seconds a non-reader holds on (default 40)")
    parser.add_argument(
        "--fd-limit", type=int, default=1024, help="the server's open-file limit (default 1024)"
    )
    parser.add_argument("--head-start", type=float, default=3.0, help="seconds of attack before the load")
    parser.add_argument(
        "--attacker-nice", type=int, default=10, help="the attacking process's niceness (default 10)"
    )
    parser.add_argument("--log", metavar="FILE", help="keep the server's log in FILE")
    parser.add_argument("--attacker", metavar="BASE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.attacker:
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # the attacker needs > 1,000 sockets
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        run_attacker(args.attacker, args)
        return

    with open(args.log, "w+b") if args.log else tempfile.TemporaryFile() as log:
        base, process = start_server(args.workers, args.fd_limit, log)
        try:
            bench.run_load(bench.named_requests(base), 100, args.concurrency)  # warm up
            quiet_rss, cpu = PeakRss(process.pid).start(), tree_cpu(process.pid)
            quiet = bench.run_load(bench.named_requests(base), args.requests, args.concurrency)
            quiet_fresh = bench.run_load(mix := fresh_requests(base, range(2020, 2023)), len(mix), 4)
            quiet_peak, quiet_cpu = quiet_rss.stop(), cpu_split(process.pid, cpu)
            attack_rss, cpu = PeakRss(process.pid).start(), tree_cpu(process.pid)
            started = time.monotonic()
            under, fresh, seen = attacked(base, args)
            seconds = time.monotonic() - started
            attack_peak, attack_cpu = attack_rss.stop(), cpu_split(process.pid, cpu)
        finally:
            stop(process)
        log.seek(0)
        text = log.read().decode("utf-8", "replace")

    share = under.per_second / quiet.per_second if quiet.per_second else 0.0
    print(
        f"{os.cpu_count()} CPU cores (load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}); "
        f"kg serve --workers {args.workers}, open-file limit {args.fd_limit}; loopback"
    )
    print(
        bench.table(
            [
                ("quiet", quiet),
                ("under attack", under),
                ("fresh named, quiet", quiet_fresh),
                ("fresh named, attack", fresh),
            ]
        )
    )
    print(
        f"peak RSS (server and workers): quiet {quiet_peak / 2**20:.0f} MB, under attack {attack_peak / 2**20:.0f} MB"
    )
    print(f"good req/s under attack: {share:.0%} of the quiet run's")
    print(f"CPU time: quiet run {quiet_cpu}; attack run {attack_cpu}")
    print(
        f"attack over {seconds:.0f} s: {seen.slow} slow queries on {args.slow} connections, "
        f"{seen.stalled} stalled connections ({args.stalled} at a time), {seen.large} never-read "
        f"~48 MB answers ({args.large} clients), {seen.crash} nested queries {seen.crash_statuses}"
    )
    print(
        f"server log: {len(text.encode())} bytes, {text.count(chr(10))} lines, {text.count('Traceback')} tracebacks"
    )
    for line in sorted(set(text.splitlines()))[:8]:
        print(f"  log: {line[:160]}")
    if under.errors:
        print(f"under attack: first error: {under.first_error}", file=sys.stderr)
    if under.errors or quiet.errors or fresh.errors or share < 0.5 or attack_peak >= GB:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
