#!/usr/bin/env python
"""`make bench`: the benchmarks of ARCHITECTURE §8 on PostgreSQL, written to docs/benchmarks.md.

    .venv/bin/python scripts/bench.py [--scales 1,5] [--latency-scales 1,5] [--requests 200]

1. Query counts of the key pages (scripts/bench_pages.py: PAGES) at scale 1 and 5.
2. p50/p95/max latency of those pages under concurrent load against gunicorn (DEBUG off).
3. Invitation fan-out: 1,000 Einladungen through a real Celery worker to a loopback SMTP
   server, compared with a plain smtplib loop.
4. Befragung: the output of scripts/bench_befragung.py, if that script exists.
5. Lighthouse (mobile) of the key pages, anonymous and per role, against the gunicorn of 2 at
   scale 1 (scripts/bench_lighthouse.py; npm ci --prefix scripts/lighthouse, Debian chromium).
Then the "Before → after" table of issue 16's targets against docs/bench-baseline.json and the
page-size check from scale 1 to 5 (scripts/bench_report.py, scripts/bench_growth.py).

Databases: DATABASE_URL when it points at PostgreSQL, else postgres://postgres@127.0.0.1:5432/
gwa_bench (scale 1); BENCH_DATABASE_URL_5, else the same with the name + "5" (scale 5). Missing
databases are created with createdb, migrated, and seeded with seed_city unless they already
hold the bench data of that scale (the number of „Bench Quartier“ rows tells the scale).
Broker for the fan-out: BENCH_BROKER_URL (default redis://127.0.0.1:6379/9, FLUSHED first).

The work that needs Django runs in child processes of this script (`--phase …`), one per
database and environment, because Django reads its settings once per process.

scripts/bench_befragung.py contract: it is run with the same production-like environment
(DJANGO_DEBUG=0, DATABASE_URL = the scale-1 database, BENCH_DATABASE_URL_5), from the project
root, and prints Markdown (### headings and tables) to stdout; exit status 0 on success.
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import bench_growth, bench_lighthouse, bench_report  # noqa: E402

BIN = Path(sys.executable).parent
REPORT = ROOT / "docs" / "benchmarks.md"
RAW = ROOT / "var" / "bench" / "results.json"
BEFRAGUNG_SCRIPT = ROOT / "scripts" / "bench_befragung.py"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/gwa_bench"
DEFAULT_BROKER = "redis://127.0.0.1:6379/9"
FANOUT = 1_000
SUBMISSIONS = 1_000
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


# --------------------------------------------------------------------------- child phases


def django_setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gwa_portal.settings")
    import django

    django.setup()


def phase_prepare(args):
    """Migrate, and seed at `scale` unless the bench data of that scale is there."""
    import io

    from django.core.management import call_command

    from cockpit.management.commands.seed_city import PER_SCALE

    call_command("migrate", interactive=False, verbosity=0)
    from befragung.models import Rueckmeldung
    from netzwerk.models import Akteur, Einladung, Gremium, Person, Termin
    from quartiere.models import Aktivitaet, Quartier

    expected = PER_SCALE["quartiere"] * args.scale
    found = Quartier.objects.filter(name__startswith="Bench Quartier ").count()
    seconds = None
    if found != expected:
        log(f"seed_city --scale {args.scale} (found {found} Bench Quartiere, want {expected})")
        started = time.monotonic()
        out = io.StringIO()
        call_command("seed_city", scale=args.scale, replace=True, force=True, stdout=out)
        seconds = time.monotonic() - started
        log(out.getvalue().strip())
    counts = {
        "Quartiere": Quartier.objects.filter(name__startswith="Bench").count(),
        "Akteure": Akteur.objects.filter(name__startswith="Bench").count(),
        "Personen": Person.objects.filter(name__startswith="Bench Person").count(),
        "Gremien": Gremium.objects.filter(name__startswith="Bench").count(),
        "Termine": Termin.objects.filter(titel__startswith="Bench Termin").count(),
        "Einladungen": Einladung.objects.filter(termin__titel__startswith="Bench Termin").count(),
        "Aktivitäten": Aktivitaet.objects.filter(kurzbeschreibung__startswith="Bench").count(),
        "Rückmeldungen": Rueckmeldung.objects.filter(
            befragung__slug__startswith="bench-befragung-"
        ).count(),
    }
    return {"seeded_seconds": seconds, "counts": counts}


def phase_queries(args):
    from django.test import Client

    from scripts import bench_pages as bench

    staff = Client(HTTP_HOST="127.0.0.1")
    staff.force_login(bench.ensure_bench_user())
    results = bench.query_counts(staff, Client(HTTP_HOST="127.0.0.1"))
    return {label: {"url": u, "status": s, "queries": q} for label, (u, s, q) in results.items()}


def phase_session(args):
    """A logged-in session of the bench user (signed with this environment's SECRET_KEY) and
    the URLs of the pages."""
    from django.conf import settings
    from django.test import Client

    from scripts import bench_pages as bench

    client = Client()
    client.force_login(bench.ensure_bench_user())
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    pages = [
        {"label": page.label, "url": url, "public": page.public}
        for page, url in bench.page_urls(bench.bench_objects())
    ]
    return {"cookie": cookie, "pages": pages}


def phase_smtp_sink(args):
    """An SMTP server on loopback that prints "<time> <bytes>" per message; stops on stdin EOF."""
    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            sys.stdout.write(f"{time.time():.6f} {len(envelope.content)}\n")
            sys.stdout.flush()
            return "250 Message accepted for delivery"

    controller = Controller(Handler(), hostname="127.0.0.1", port=args.port)
    controller.start()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.read()
    controller.stop()


class Sink:
    """The SMTP sink child process and the arrival times of its messages."""

    def __init__(self, env):
        self.port = free_port()
        self.arrivals = []
        self.cond = threading.Condition()
        self.proc = subprocess.Popen(  # noqa: S603
            [sys.executable, __file__, "--phase", "smtp-sink", "--port", str(self.port)],
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


def phase_fanout(args):
    """1,000 Einladungen through a Celery worker (prefork, 2 processes) to the SMTP sink, then a
    smtplib loop with 1,000 messages of the same size over one connection. Runs with
    EMAIL_URL pointing at the sink (set by main before Django reads the settings)."""
    import email.policy
    import smtplib

    import redis
    from django.db import transaction
    from django.utils import timezone

    from netzwerk import einladungen, mails
    from netzwerk.models import Einladung, Person, Termin

    broker = os.environ["CELERY_BROKER_URL"]
    redis.Redis.from_url(broker, socket_connect_timeout=3).flushdb()
    log(f"flushed {broker}")

    personen = list(Person.objects.filter(email__startswith="bench-fanout-").order_by("pk"))
    if len(personen) != FANOUT:
        Person.objects.filter(email__startswith="bench-fanout-").delete()
        personen = Person.objects.bulk_create(
            Person(
                name=f"Bench Fanout Person {i}",
                email=f"bench-fanout-{i}@example.org",
                einwilligung_am=datetime.date(2024, 1, 1),
                einwilligung_zweck="Benchmark",
                kalender_token=f"bench-fanout-{i}-{secrets.token_hex(8)}",
            )
            for i in range(FANOUT)
        )
    beginn = timezone.now() + datetime.timedelta(days=7)
    termin, _ = Termin.objects.update_or_create(
        titel="Bench Fanout Termin",
        defaults={"beginn": beginn, "ende": beginn + datetime.timedelta(hours=2)},
    )
    Einladung.objects.filter(termin=termin).delete()

    sink = Sink(os.environ | {"EMAIL_URL": ""})
    result = {}
    worker_log = Path(args.tmp) / "celery-worker.log"
    worker = None
    try:
        env = os.environ | {"EMAIL_URL": f"smtp://127.0.0.1:{sink.port}"}
        with open(worker_log, "wb") as out:
            worker = start_group(
                [
                    str(BIN / "celery"),
                    "-A",
                    "gwa_portal",
                    "worker",
                    "--pool=prefork",
                    "--concurrency=2",
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--hostname",
                    f"bench-{os.getpid()}@%h",
                ],
                out,
                env,
            )
        wait_for_log(worker_log, r"ready\.", worker, timeout=90)
        log(f"celery worker ready (pid {worker.pid}); inviting {FANOUT} Personen")

        started = time.time()
        with transaction.atomic():
            einladungen.invite(termin=termin, personen=personen)
        enqueued = time.time()
        arrivals = sink.wait_for(FANOUT, timeout=900)
        if len(arrivals) < FANOUT:
            raise RuntimeError(f"only {len(arrivals)} of {FANOUT} invitations arrived in 900 s")
        last = arrivals[FANOUT - 1][0]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            sent = Einladung.objects.filter(termin=termin, sent_at__isnull=False).count()
            if sent == FANOUT:
                break
            time.sleep(0.5)
        sizes = [size for _, size in arrivals[:FANOUT]]
        result["worker"] = {
            "messages": FANOUT,
            "enqueue_seconds": enqueued - started,
            "seconds": last - started,
            "per_second": FANOUT / (last - started),
            "mean_bytes": statistics.mean(sizes),
            "marked_sent": sent,
            "extra_messages": len(sink.arrivals) - FANOUT,
        }
        log(f"worker: {result['worker']}")
    finally:
        if worker is not None:
            stop_group(worker)
            log("celery worker stopped")

    try:
        einladung = Einladung.objects.select_related("termin", "person").filter(termin=termin)[0]
        # As Django's SMTP backend serialises it (CRLF line ends).
        sample = mails.invitation_mail(einladung).message(policy=email.policy.SMTP)
        sample = sample.as_bytes()
        offset = len(sink.arrivals)
        started = time.time()
        with smtplib.SMTP("127.0.0.1", sink.port, timeout=20) as smtp:
            for i in range(FANOUT):
                smtp.sendmail("gwa@langenhagen.example", [f"bench-smtplib-{i}@example.org"], sample)
        arrivals = sink.wait_for(offset + FANOUT, timeout=300)[offset:]
        last = arrivals[FANOUT - 1][0]
        result["smtplib"] = {
            "messages": FANOUT,
            "seconds": last - started,
            "per_second": FANOUT / (last - started),
            "mean_bytes": statistics.mean(size for _, size in arrivals[:FANOUT]),
        }
        log(f"smtplib: {result['smtplib']}")
    finally:
        sink.stop()
        # The fan-out's own audit entries would otherwise head the scale-1 audit list in the
        # next run's query counts, unlike the scale-5 one (seed_city's entries).
        from auditlog.models import LogEntry

        LogEntry.objects.filter(object_repr__contains="Bench Fanout").delete()
    return result


def phase_submissions_prepare(args):
    """The one-step bench survey (emptied) and `--count` complete, valid bodies for its form."""
    from scripts import bench_pages as bench

    befragung = bench.ensure_submission_survey()
    return {
        "befragung_id": befragung.pk,
        "path": befragung.get_public_url(),
        "fragen": befragung.fragen.count(),
        "bodies": bench.submission_bodies(befragung, args.count),
    }


def phase_submissions_cleanup(args):
    """How many Rückmeldungen the run wrote to the bench survey; then they are deleted."""
    from befragung import freigabe
    from befragung.models import Antwort, Befragung, Rueckmeldung
    from scripts import bench_pages as bench

    # Answers wait for their batch; release the rest, as the survey's end would.
    freigabe.flush(Befragung.objects.get(slug=bench.SUBMISSION_SLUG), final=True)
    rueckmeldungen = Rueckmeldung.objects.filter(befragung__slug=bench.SUBMISSION_SLUG)
    result = {
        "rueckmeldungen": rueckmeldungen.count(),
        "antworten": Antwort.objects.filter(rueckmeldung__in=rueckmeldungen).count(),
    }
    rueckmeldungen.delete()
    return result


PHASES = {
    "prepare": phase_prepare,
    "queries": phase_queries,
    "session": phase_session,
    "fanout": phase_fanout,
    "submissions-prepare": phase_submissions_prepare,
    "submissions-cleanup": phase_submissions_cleanup,
    "lighthouse-session": bench_lighthouse.phase_session,
}


def run_phase(name, env, tmp, **extra):
    out = Path(tmp) / f"{name}-{secrets.token_hex(4)}.json"
    argv = [sys.executable, __file__, "--phase", name, "--out", str(out), "--tmp", str(tmp)]
    for key, value in extra.items():
        argv += [f"--{key}", str(value)]
    subprocess.run(argv, cwd=ROOT, env=env, check=True)  # noqa: S603
    return json.loads(out.read_text())


# --------------------------------------------------------------------------- databases


def database_urls():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = DEFAULT_DB
    parts = urlsplit(url)
    url5 = os.environ.get("BENCH_DATABASE_URL_5") or urlunsplit(
        parts._replace(path=parts.path.rstrip("/") + "5")
    )
    return {1: url, 5: url5}


def ensure_database(url):
    import psycopg

    parts = urlsplit(url)
    try:
        psycopg.connect(url, connect_timeout=5).close()
        return False
    except psycopg.OperationalError as error:
        if "does not exist" not in str(error):
            raise
    argv = ["createdb", "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    if parts.username:
        argv += ["-U", parts.username]
    env = os.environ | ({"PGPASSWORD": parts.password} if parts.password else {})
    subprocess.run([*argv, parts.path.lstrip("/")], check=True, env=env)  # noqa: S603
    log(f"created database {parts.path.lstrip('/')}")
    return True


def server_version(url):
    import psycopg

    with psycopg.connect(url, connect_timeout=5) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


# --------------------------------------------------------------------------- load test


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


def latency(env, tmp, requests, only=None):
    """{label: load result} of every page (of the labels starting with `only`, if given)."""
    session = run_phase("session", env, tmp)
    gunicorn, port = start_gunicorn(env, tmp)
    try:
        results = {}
        for page in session["pages"]:
            if only and not page["label"].startswith(only):
                continue
            if page["url"] is None:
                results[page["label"]] = None
                continue
            cookie = None if page["public"] else session["cookie"]
            results[page["label"]] = load(port, page["url"], cookie, requests)
            r = results[page["label"]]
            log(
                f"{page['label']}: {r['requests']} requests, p50 {r.get('p50', 0) * 1000:.0f} ms,"
                f" p95 {r.get('p95', 0) * 1000:.0f} ms, errors {r['errors']}"
            )
        return results
    finally:
        stop_group(gunicorn)
        log("gunicorn stopped")


def lighthouse(env, tmp, runs):
    """Section 5: Lighthouse of the key pages, anonymous and per role, against gunicorn."""
    session = run_phase("lighthouse-session", env, tmp)
    gunicorn, port = start_gunicorn(env, tmp)
    try:
        return bench_lighthouse.measure(port, session, tmp, runs, commit=machine()["commit"])
    finally:
        stop_group(gunicorn)
        log("gunicorn stopped")


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


def submissions(env, tmp, count):
    """`count` complete questionnaires POSTed to the public form of a one-step survey through
    gunicorn, then as many POSTs of the same body to a view that does one INSERT (only in the
    bench's URLconf), THREADS clients at a time. The rate limit is raised for this server."""
    warm = 2 * GUNICORN_WORKERS
    prepared = run_phase("submissions-prepare", env, tmp, count=count + warm)
    server_env = env | {
        "DJANGO_SETTINGS_MODULE": "scripts.bench_settings",
        "BEFRAGUNG_RATE_LIMIT": str(10**9),
    }
    gunicorn, port = start_gunicorn(server_env, tmp)
    try:
        cookie, token = csrf_pair(port, prepared["path"])
        bodies = [body | {"csrfmiddlewaretoken": token} for body in prepared["bodies"]]
        insert_path = f"/bench/insert/{prepared['befragung_id']}/"
        post_load(port, prepared["path"], cookie, bodies[:warm], 302)
        post_load(port, insert_path, cookie, bodies[:warm], 204)
        form = post_load(port, prepared["path"], cookie, bodies[warm:], 302)
        log(f"form: {form['per_second']:.1f}/s, statuses {form['statuses']}")
        insert = post_load(port, insert_path, cookie, bodies[warm:], 204)
        log(f"one INSERT: {insert['per_second']:.1f}/s, statuses {insert['statuses']}")
    finally:
        stop_group(gunicorn)
        log("gunicorn stopped")
    written = run_phase("submissions-cleanup", env, tmp)
    return {
        "fragen": prepared["fragen"],
        "form": form,
        "insert": insert,
        "written": written,
        "warm": warm,
    }


# --------------------------------------------------------------------------- report


def machine():
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem = re.search(r"MemTotal:\s+(\d+) kB", meminfo)
    cpu = ""
    if Path("/proc/cpuinfo").exists():
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1).strip() if found else ""

    def git(*argv):
        return subprocess.run(  # noqa: S603
            ["git", *argv],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()

    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None,
        "cpu": cpu,
        "commit": git("rev-parse", "--short", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "python": platform.python_version(),
        "load_1min": round(os.getloadavg()[0], 1),
    }


def ms(seconds):
    return "–" if seconds is None else f"{seconds * 1000:.0f}"


def load_note(m):
    """The load when the run started (older runs did not record it)."""
    if m.get("load_1min") is None:
        return ""
    return (
        f" Load average when the run started: {m['load_1min']}"
        f" ({'other work shared the CPUs' if m['load_1min'] > 1 else 'otherwise idle'})."
    )


def render(results):
    m = results["machine"]
    scales = results["scales"]
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`scripts/bench.py`); the method is in ARCHITECTURE §8 and at",
        "the top of the script. Do not edit by hand: run `make bench` again.",
        "",
        f"- Date: {results['date']}",
        f"- Machine: {m['nproc']} CPUs ({m['cpu'] or 'unknown CPU'}), {m['memory_gib']} GiB memory."
        f"{load_note(m)} Timings depend on the machine: compare figures of one run only, and"
        " across runs the ratios to the baselines measured in the same run.",
        f"- Commit: `{m['commit']}`{' (with uncommitted changes)' if m['dirty'] else ''}",
        *partial_lines(results.get("partial")),
        f"- Software: Python {m['python']}, Django {results.get('django', '?')},"
        f" PostgreSQL {results.get('postgres', '?')}, gunicorn ({GUNICORN_WORKERS} sync workers),"
        " Celery (prefork, concurrency 2), Redis broker, aiosmtpd.",
        *bench_report.before_after_lines(results, bench_report.load_baseline()),
        "",
        "## Data (seed_city)",
        "",
        "| | " + " | ".join(f"Scale {s}" for s in scales) + " |",
        "|---|" + "---:|" * len(scales),
    ]
    first = results["data"][str(scales[0])]["counts"]
    for key in first:
        row = " | ".join(f"{results['data'][str(s)]['counts'][key]:,}" for s in scales)
        lines.append(f"| {key} | {row} |")
    seeded = [
        f"scale {s} seeded in {results['data'][str(s)]['seeded_seconds']:.0f} s"
        for s in scales
        if results["data"][str(s)]["seeded_seconds"] is not None
    ]
    lines += [
        "",
        "Databases that already held the bench data of their scale were reused"
        + (f" ({'; '.join(seeded)} in this run)." if seeded else "."),
        "",
        "## 1. Query counts per page",
        "",
        "Django test client, logged in as a Fachstelle user with TOTP, second request of each page",
        "counted with `CaptureQueriesContext`. A count that grows with the data means an N+1",
        "query; `tests/cockpit/test_query_counts_scale.py` asserts the same on tiny data.",
        "",
        "| Page | URL (scale 1) | " + " | ".join(f"Scale {s}" for s in scales) + " | |",
        "|---|---|" + "---:|" * len(scales) + "---|",
    ]
    differing = []
    for label, first_result in results["queries"][str(scales[0])].items():
        if first_result["url"] is None:
            lines.append(f"| {label} | not available | " + " | ".join("–" for _ in scales) + " | |")
            continue
        per_scale = [results["queries"][str(s)][label] for s in scales]
        counts = [r["queries"] for r in per_scale]
        notes = []
        if len(set(counts)) > 1:
            notes.append("**differs between scales**")
            differing.append(label)
        if any(r["status"] != 200 for r in per_scale):
            notes.append("HTTP " + "/".join(str(r["status"]) for r in per_scale))
        cells = " | ".join(str(c) for c in counts)
        lines.append(f"| {label} | `{first_result['url']}` | {cells} | {', '.join(notes)} |")
    lines += [
        "",
        (
            f"**Differing counts: {', '.join(differing)}.**"
            if differing
            else "All available pages make the same number of queries at every scale."
        ),
        "",
        "“not available”: the URL name does not resolve in this build (the Befragung pages are",
        "built on other branches); the page list is `PAGES` in `scripts/bench_pages.py`.",
        "",
        "## 2. Latency under concurrent load",
        "",
        f"gunicorn with {GUNICORN_WORKERS} sync workers on 127.0.0.1, `DJANGO_DEBUG=0`,"
        " PostgreSQL with Django's connection pool, local-memory cache. A load client with"
        f" {THREADS} threads sends {results['requests']} GETs per page (after warming each"
        " worker), a new connection per request, with the session cookie of the bench"
        " Fachstelle user (the public form without one), at most"
        f" {PAGE_DEADLINE} s per page. Times are from sending the request to the last byte of"
        " the body, in milliseconds; KiB is the size of the page (it shows pages that grow with"
        " the data although their query count does not).",
    ]
    for scale, per_page in results["latency"].items():
        lines += [
            "",
            f"### Scale {scale}",
            "",
            "| Page | Requests | Errors | p50 ms | p95 ms | max ms | Requests/s | KiB |",
            "|---|---:|---|---:|---:|---:|---:|---:|",
        ]
        for label, r in per_page.items():
            if r is None:
                lines.append(f"| {label} | not available | | | | | | |")
                continue
            errors = ", ".join(f"{k}: {v}" for k, v in r["errors"].items()) or "0"
            lines.append(
                f"| {label} | {r['requests']} | {errors} | {ms(r.get('p50'))} |"
                f" {ms(r.get('p95'))} | {ms(r.get('max'))} | {r['per_second']:.1f} |"
                f" {r['kib']:.0f} |"
            )
    lines += bench_growth.growth_lines(results["latency"])
    fan = results["fanout"]
    lines += [
        "",
        "## 3. Invitation fan-out",
        "",
        f"{FANOUT:,} new Einladungen to one Termin (`einladungen.invite`, one task per chunk of"
        " 50 Einladungen enqueued on commit) delivered by a real worker"
        " (`celery -A gwa_portal worker --pool=prefork --concurrency=2`, Redis broker) to an"
        " aiosmtpd server on loopback, timed from the start of `invite()` to the arrival of the"
        f" {FANOUT:,}th message. Each task locks its chunk and renders the mails (the iCalendar"
        " part built once per Termin and sequence), then per Einladung commits its claim, sends"
        " over the worker process's reused SMTP connection and records the delivery. The baseline"
        f" sends {FANOUT:,} copies of one such invitation with `smtplib` over a single connection"
        " to the same server.",
        "",
    ]
    if "error" in fan:
        lines.append(f"Failed: `{fan['error']}`")
    else:
        w, s = fan["worker"], fan["smtplib"]
        lines += [
            "| Method | Messages | Seconds | Messages/s | Mean size (bytes) |",
            "|---|---:|---:|---:|---:|",
            f"| Celery worker (prefork ×2) | {w['messages']:,} | {w['seconds']:.1f} |"
            f" {w['per_second']:.1f} | {w['mean_bytes']:,.0f} |",
            f"| smtplib loop, one connection | {s['messages']:,} | {s['seconds']:.1f} |"
            f" {s['per_second']:.1f} | {s['mean_bytes']:,.0f} |",
            "",
            f"Enqueueing the {FANOUT:,} tasks took {w['enqueue_seconds']:.1f} s of that;"
            f" {w['marked_sent']:,} Einladungen were marked sent. The worker reaches"
            f" {w['per_second'] / s['per_second']:.0%} of the plain loop's rate.",
        ]
    lines += [
        "",
        "## 4. Befragung",
        "",
        "<!-- Befragung: results page and export timings for 50,000 Rückmeldungen, peak memory of",
        "     the export, and survey submission throughput; written by scripts/bench_befragung.py",
        "     (see the contract at the top of scripts/bench.py). -->",
        "",
        *submissions_lines(results.get("submissions")),
        "### Results and exports for 50,000 Rückmeldungen",
        "",
        "`scripts/bench_befragung.py` on the scale-1 database: a survey of 15 questions of every"
        " type with 50,000 Rückmeldungen (built once, then reused); each operation in a fresh"
        " process, its wall time, the peak RSS above the level before it, and its queries.",
        "",
        str(results.get("befragung", "not measured")).strip(),
        *bench_lighthouse.section_lines(results.get("lighthouse")),
        "",
        "## Reproduce",
        "",
        "```",
        "make bench   # PostgreSQL on 127.0.0.1:5432, Redis on 127.0.0.1:6379 (db 9 is flushed)",
        "# only the Befragung rows and section 4, merged into var/bench/results.json:",
        ".venv/bin/python scripts/bench.py --only-befragung",
        "# only section 5 (Lighthouse, scale 1), merged into var/bench/results.json:",
        ".venv/bin/python scripts/bench.py --only-lighthouse",
        "```",
        "",
        "Raw figures of the last run: `var/bench/results.json` (not committed).",
        "",
    ]
    return "\n".join(lines)


def partial_lines(partial):
    if not partial:
        return []
    return [
        f"- **Measured later** ({partial['date']}, commit `{partial['commit']}`"
        f"{' with uncommitted changes' if partial['dirty'] else ''}, `--only-befragung`):"
        " the Befragung rows of sections 1 and 2 and all of section 4. Everything else comes"
        " from the run above; compare figures of one run only.",
    ]


def submissions_lines(s):
    if not s:
        return []
    if "error" in s:
        return ["### Survey submission throughput", "", f"Failed: `{s['error']}`", ""]
    f, i = s["form"], s["insert"]
    expected = s["warm"] * 2 + f["ok"] + i["ok"]

    def row(label, r):
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(r["statuses"].items()))
        return (
            f"| {label} | {r['requests']:,} | {statuses} | {r['seconds']:.1f} |"
            f" {r['per_second']:.1f} | {ms(r.get('p50'))} | {ms(r.get('p95'))} |"
        )

    return [
        "### Survey submission throughput",
        "",
        f"gunicorn as in section 2 ({GUNICORN_WORKERS} sync workers, `DJANGO_DEBUG=0`), {THREADS}"
        f" concurrent clients, each request a new connection. The public form of a running"
        f" one-step survey with {s['fragen']} questions (five single choices, a scale, a number,"
        " a text) receives complete, valid questionnaires, each with its own signed step state"
        " (so none counts as sent twice) and the CSRF token; each one is validated and written"
        " (a Rückmeldung and its Antworten in one transaction) and answered with the redirect to"
        " the thank-you page. The rate limit is raised for this server only"
        " (`BEFRAGUNG_RATE_LIMIT`; production default 10 per client and survey in 10 minutes)."
        " The baseline is a view that does one INSERT of a Rückmeldung behind the same"
        " middleware, POSTed the same bodies: the stack's ceiling. It exists only in the bench's"
        " URLconf (`scripts.bench_settings` → `bench_urls`).",
        "",
        "| Endpoint | Requests | Status | Seconds | Submissions/s | p50 ms | p95 ms |",
        "|---|---:|---|---:|---:|---:|---:|",
        row("Public form, complete questionnaire", f),
        row("Baseline: one INSERT", i),
        "",
        f"The form reaches {f['per_second'] / i['per_second']:.0%} of the baseline's rate."
        f" Rückmeldungen written: {s['written']['rueckmeldungen']:,} (expected {expected:,},"
        f" including {s['warm']} warm-up requests per endpoint), with"
        f" {s['written']['antworten']:,} Antworten; they are deleted after the run.",
        "",
    ]


def befragung_section(env):
    if not BEFRAGUNG_SCRIPT.exists():
        return "noch nicht verfügbar (`scripts/bench_befragung.py` does not exist yet)."
    log("running scripts/bench_befragung.py")
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(BEFRAGUNG_SCRIPT)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if done.returncode != 0:
        return f"`scripts/bench_befragung.py` failed (exit {done.returncode}):\n\n```\n{done.stderr[-2000:]}\n```"
    return done.stdout


# --------------------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phase", choices=[*PHASES, "smtp-sink"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--tmp", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--scales", default="1,5", help="query-count scales (default 1,5)")
    parser.add_argument("--latency-scales", default="1,5", help="latency scales (default 1,5)")
    parser.add_argument("--requests", type=int, default=200, help="requests per page (200)")
    parser.add_argument(
        "--render-only", action="store_true", help=f"rewrite the report from {RAW.name}"
    )
    parser.add_argument(
        "--only-befragung",
        action="store_true",
        help=f"measure only the Befragung pages and section 4, merged into {RAW.name}",
    )
    parser.add_argument(
        "--submissions", type=int, default=SUBMISSIONS, help="questionnaires POSTed (1000)"
    )
    parser.add_argument(
        "--only-lighthouse",
        action="store_true",
        help=f"measure only section 5 (Lighthouse, scale 1), merged into {RAW.name}",
    )
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=bench_lighthouse.RUNS,
        help=f"Lighthouse runs per page, the median is shown ({bench_lighthouse.RUNS}; 0: skip)",
    )
    args = parser.parse_args()

    if args.render_only:
        REPORT.write_text(render(json.loads(RAW.read_text())))
        return None

    if args.phase == "smtp-sink":
        sys.path.insert(0, str(ROOT))
        return phase_smtp_sink(args)
    if args.phase:
        django_setup()
        Path(args.out).write_text(json.dumps(PHASES[args.phase](args), default=str))
        return None

    scales = [int(s) for s in args.scales.split(",")]
    latency_scales = [int(s) for s in args.latency_scales.split(",") if s]
    urls = database_urls()
    urls.update({s: urls[1].rsplit("/", 1)[0] + f"/gwa_bench{s}" for s in scales if s not in urls})
    secret = secrets.token_urlsafe(48)
    base_env = os.environ | {"PYTHONUNBUFFERED": "1", "DJANGO_LOG_LEVEL": "WARNING"}
    base_env.pop("CELERY_BROKER_URL", None)
    base_env.pop("REDIS_URL", None)
    dev_env = base_env | {"DJANGO_DEBUG": "1"}
    prod_env = base_env | {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secret,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "EMAIL_URL": "smtp://127.0.0.1:25",
        "BENCH_DATABASE_URL_5": urls.get(5, ""),
    }
    import django

    if args.only_befragung:
        return only_befragung(args, urls, dev_env, prod_env)
    if args.only_lighthouse:
        return only_lighthouse(args, urls, dev_env, prod_env)

    results = {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "django": django.get_version(),
        "scales": scales,
        "requests": args.requests,
        "data": {},
        "queries": {},
        "latency": {},
    }
    failures = []
    with tempfile.TemporaryDirectory(prefix="gwa-bench-") as tmp:
        for scale in scales:
            ensure_database(urls[scale])
            env = dev_env | {"DATABASE_URL": urls[scale]}
            log(f"scale {scale}: {urls[scale]}")
            results["data"][str(scale)] = run_phase("prepare", env, tmp, scale=scale)
            results["queries"][str(scale)] = run_phase("queries", env, tmp)
        results["postgres"] = server_version(urls[scales[0]])

        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=prod_env | {"DATABASE_URL": urls[1]},
            check=True,
        )
        for scale in latency_scales:
            log(f"latency at scale {scale}")
            results["latency"][str(scale)] = latency(
                prod_env | {"DATABASE_URL": urls[scale]}, tmp, args.requests
            )

        if args.lighthouse_runs:
            log("lighthouse")
            try:
                results["lighthouse"] = lighthouse(
                    prod_env | {"DATABASE_URL": urls[1]}, tmp, args.lighthouse_runs
                )
            except (subprocess.CalledProcessError, RuntimeError, OSError) as error:
                results["lighthouse"] = {"error": str(error)}
                failures.append("lighthouse")

        log("survey submission throughput")
        try:
            results["submissions"] = submissions(
                prod_env | {"DATABASE_URL": urls[1]}, tmp, args.submissions
            )
        except (subprocess.CalledProcessError, RuntimeError, OSError) as error:
            results["submissions"] = {"error": str(error)}
            failures.append("submissions")

        log("invitation fan-out")
        broker = os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER)
        try:
            results["fanout"] = run_phase(
                "fanout", prod_env | {"DATABASE_URL": urls[1], "CELERY_BROKER_URL": broker}, tmp
            )
        except subprocess.CalledProcessError as error:
            results["fanout"] = {"error": str(error)}
            failures.append("fan-out")

        results["befragung"] = befragung_section(prod_env | {"DATABASE_URL": urls[1]})

    RAW.parent.mkdir(parents=True, exist_ok=True)
    RAW.write_text(json.dumps(results, indent=2, default=str))
    REPORT.write_text(render(results))
    log(f"wrote {REPORT.relative_to(ROOT)}")
    if failures:
        sys.exit(f"bench: failed: {', '.join(failures)}")
    return None


def only_befragung(args, urls, dev_env, prod_env):
    """The Befragung rows of sections 1 and 2 (query counts and latency of the form and the
    results page) and section 4, merged into the figures of the last full run."""
    if not RAW.exists():
        sys.exit(f"bench: --only-befragung needs {RAW.relative_to(ROOT)} from a full run")
    results = json.loads(RAW.read_text())
    with tempfile.TemporaryDirectory(prefix="gwa-bench-") as tmp:
        for scale in results["scales"]:
            env = dev_env | {"DATABASE_URL": urls[scale]}
            log(f"scale {scale}: {urls[scale]} (migrate; seeds only if the data is missing)")
            run_phase("prepare", env, tmp, scale=scale)
            queries = run_phase("queries", env, tmp)
            results["queries"][str(scale)].update(
                {k: v for k, v in queries.items() if k.startswith("Befragung")}
            )
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=prod_env | {"DATABASE_URL": urls[1]},
            check=True,
        )
        for scale in results["latency"]:
            log(f"latency of the Befragung pages at scale {scale}")
            results["latency"][scale].update(
                latency(
                    prod_env | {"DATABASE_URL": urls[int(scale)]},
                    tmp,
                    results["requests"],
                    only="Befragung",
                )
            )
        log("survey submission throughput")
        results["submissions"] = submissions(
            prod_env | {"DATABASE_URL": urls[1]}, tmp, args.submissions
        )
        results["befragung"] = befragung_section(prod_env | {"DATABASE_URL": urls[1]})
    m = machine()
    results["partial"] = {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "commit": m["commit"],
        "dirty": m["dirty"],
    }
    RAW.write_text(json.dumps(results, indent=2, default=str))
    REPORT.write_text(render(results))
    log(f"wrote {REPORT.relative_to(ROOT)}")


def only_lighthouse(args, urls, dev_env, prod_env):
    """Section 5 (Lighthouse on the scale-1 database), merged into the figures of the last full
    run. Without them, results.json gets the Lighthouse figures only and the report is not
    rewritten: the section and the before → after table go to stdout."""
    results = json.loads(RAW.read_text()) if RAW.exists() else {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="gwa-bench-") as tmp:
        log(f"scale 1: {urls[1]} (migrate; seeds only if the data is missing)")
        run_phase("prepare", dev_env | {"DATABASE_URL": urls[1]}, tmp, scale=1)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=prod_env | {"DATABASE_URL": urls[1]},
            check=True,
        )
        results["lighthouse"] = lighthouse(
            prod_env | {"DATABASE_URL": urls[1]}, tmp, args.lighthouse_runs or 1
        )
    RAW.parent.mkdir(parents=True, exist_ok=True)
    RAW.write_text(json.dumps(results, indent=2, default=str))
    if "data" in results:
        REPORT.write_text(render(results))
        log(f"wrote {REPORT.relative_to(ROOT)}")
    else:
        lines = bench_lighthouse.section_lines(results["lighthouse"])
        lines += bench_report.before_after_lines(results, bench_report.load_baseline())
        print("\n".join(lines))
        log(f"no full run in {RAW.relative_to(ROOT)}: the report is unchanged")


if __name__ == "__main__":
    main()
