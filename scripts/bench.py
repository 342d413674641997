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
import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import bench_lighthouse, bench_report  # noqa: E402
from scripts.bench_phases import PHASES, django_setup, phase_smtp_sink  # noqa: E402
from scripts.bench_proc import (  # noqa: E402
    GUNICORN_WORKERS,
    csrf_pair,
    load,
    log,
    post_load,
    start_gunicorn,
    stop_group,
)
from scripts.bench_render import machine, render  # noqa: E402

REPORT = ROOT / "docs" / "benchmarks.md"
RAW = ROOT / "var" / "bench" / "results.json"
BEFRAGUNG_SCRIPT = ROOT / "scripts" / "bench_befragung.py"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/gwa_bench"
DEFAULT_BROKER = "redis://127.0.0.1:6379/9"
SUBMISSIONS = 1_000


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
