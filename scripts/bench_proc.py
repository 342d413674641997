"""Process and HTTP helpers of `make bench` (scripts/bench.py): child process groups, the SMTP
sink, gunicorn, and the closed-loop load of THREADS clients."""

import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BENCH = ROOT / "scripts" / "bench.py"
PAGE_DEADLINE = 60  # seconds of load per page at most
THREADS = 8
GUNICORN_WORKERS = 3


def log(message):
    print(
        f"[bench {time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}",
        file=sys.stderr,
        flush=True,
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    """The SMTP sink child process and the arrival times of its messages."""

    def __init__(self, env):
        self.port = free_port()
        self.arrivals = []
        self.cond = threading.Condition()
        self.proc = subprocess.Popen(  # noqa: S603
            [sys.executable, str(BENCH), "--phase", "smtp-sink", "--port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        if self.proc.stdout.readline().strip() != "ready":
            raise RuntimeError("SMTP sink did not start")
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            at, size = line.split()
            with self.cond:
                self.arrivals.append((float(at), int(size)))
                self.cond.notify_all()

    def wait_for(self, count, timeout):
        with self.cond:
            self.cond.wait_for(lambda: len(self.arrivals) >= count, timeout=timeout)
            return list(self.arrivals)

    def stop(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            stop_group(self.proc)


def start_group(argv, logfile, env):
    """Start a command in its own process group (so that its children stop with it)."""
    return subprocess.Popen(  # noqa: S603
        argv,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=logfile,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_group(proc, timeout=30):
    """TERM the process group of `proc` (started by this script), then KILL after `timeout`."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


def wait_for_log(path, pattern, proc, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if re.search(pattern, Path(path).read_text(errors="replace")):
            return
        if proc.poll() is not None:
            break
        time.sleep(0.3)
    tail = Path(path).read_text(errors="replace")[-3000:]
    raise RuntimeError(f"{pattern!r} not seen in {path} (exit {proc.poll()}):\n{tail}")


def fetch(port, path, cookie, body=None):
    """GET `path` (POST the urlencoded `body` if given): (seconds, status, size)."""
    headers = {"Host": "127.0.0.1", "User-Agent": "gwa-bench/1"}
    if cookie:
        headers["Cookie"] = cookie
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urlencode(body).encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    try:
        conn.request("GET" if body is None else "POST", path, body=body, headers=headers)
        response = conn.getresponse()
        size = len(response.read())
        status = response.status
    except OSError as error:
        status, size = type(error).__name__, 0
    finally:
        conn.close()
    return time.perf_counter() - started, status, size


def load(port, path, cookie, requests):
    """`requests` GETs with THREADS in parallel (at most PAGE_DEADLINE seconds)."""
    with ThreadPoolExecutor(THREADS) as pool:  # warm every gunicorn worker first
        warm = list(pool.map(lambda _: fetch(port, path, cookie), range(2 * GUNICORN_WORKERS)))
    deadline = time.monotonic() + PAGE_DEADLINE

    def one(_):
        if time.monotonic() > deadline:
            return None
        return fetch(port, path, cookie)

    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        done = [r for r in pool.map(one, range(requests)) if r is not None]
    wall = time.perf_counter() - started
    ok = sorted(seconds for seconds, status, _ in done if status == 200)
    errors = {}
    for _, status, _ in done:
        if status != 200:
            errors[str(status)] = errors.get(str(status), 0) + 1
    result = {
        "requests": len(done),
        "errors": errors,
        "per_second": len(done) / wall,
        "kib": max(size for _, _, size in warm) / 1024,
    }
    if len(ok) >= 2:
        cuts = statistics.quantiles(ok, n=100, method="inclusive")
        result |= {"p50": statistics.median(ok), "p95": cuts[94], "max": ok[-1]}
    return result


def start_gunicorn(env, tmp):
    """gunicorn on a free loopback port, answering /healthz/: (process, port)."""
    port = free_port()
    argv = [
        str(BIN / "gunicorn"),
        "gwa_portal.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(GUNICORN_WORKERS),
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
        "--error-logfile",
        "-",
    ]
    help_text = subprocess.run(  # noqa: S603
        [argv[0], "--help"], capture_output=True, text=True, check=False
    ).stdout
    if "--no-control-socket" in help_text:  # gunicorn >= 25.1: no shared socket in ~/.gunicorn
        argv.append("--no-control-socket")
    gunicorn_log = Path(tmp) / f"gunicorn-{port}.log"
    with open(gunicorn_log, "wb") as out:
        gunicorn = start_group(argv, out, env)
    try:
        deadline = time.monotonic() + 60
        while True:
            _, status, _ = fetch(port, "/healthz/", None)
            if isinstance(status, int):
                break
            if gunicorn.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer:\n{gunicorn_log.read_text()[-3000:]}")
            time.sleep(0.3)
    except BaseException:
        stop_group(gunicorn)
        raise
    log(f"gunicorn up on 127.0.0.1:{port} (pid {gunicorn.pid}, {GUNICORN_WORKERS} workers)")
    return gunicorn, port


def csrf_pair(port, path):
    """The CSRF cookie and the form token of the page at `path` (one GET)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", "User-Agent": "gwa-bench/1"})
        response = conn.getresponse()
        html = response.read().decode()
        cookies = response.headers.get_all("Set-Cookie") or []
    finally:
        conn.close()
    cookie = next(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return cookie, token


def post_load(port, path, cookie, bodies, expected):
    """POST every body once, THREADS at a time: throughput and latency of the `expected` ones."""
    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        done = list(pool.map(lambda body: fetch(port, path, cookie, body), bodies))
    wall = time.perf_counter() - started
    statuses = {}
    for _, status, _ in done:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    ok = sorted(seconds for seconds, status, _ in done if status == expected)
    result = {
        "requests": len(done),
        "ok": len(ok),
        "statuses": statuses,
        "seconds": wall,
        "per_second": len(ok) / wall,
    }
    if len(ok) >= 2:
        cuts = statistics.quantiles(ok, n=100, method="inclusive")
        result |= {"p50": statistics.median(ok), "p95": cuts[94], "max": ok[-1]}
    return result
