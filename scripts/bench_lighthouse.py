"""Lighthouse section of `make bench` (scripts/bench.py): mobile performance of the key pages,
anonymous and per role, against the bench's gunicorn (`DJANGO_DEBUG=0`, whitenoise, after
collectstatic).

Lighthouse is the npm package pinned in scripts/lighthouse/package-lock.json, installed with
`npm ci --prefix scripts/lighthouse` when missing (the only step that needs the network); it
drives Debian's chromium (CHROME_PATH, default /usr/bin/chromium) headless. Each page is
measured RUNS times in a fresh browser profile (cold cache), mobile form factor with Lighthouse's
default simulated throttling; the report shows the median of each figure.

The pure parts (`figures`, `median_figures`, `summary`, `section_lines`) need neither Django nor
chromium: tests/core/test_bench_report.py tests them.
"""

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "scripts" / "lighthouse"
LIGHTHOUSE = PACKAGE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
RUNS = 3
TIMEOUT = 180  # seconds per Lighthouse run
ANONYMOUS = "anonymous"
KOORDINATION_EMAIL = "bench-koordination-0@example.org"  # seed_city; coordinates Quartier 0

# Role → labels of scripts/bench_pages.PAGES (or EXTRA_PAGES). The anonymous pages are the
# citizen pages of the issue's target (≤ 150 KiB); one that needs a login is reported as such.
ROLE_PAGES = {
    ANONYMOUS: ["Start page", "Befragung form (public)", "Quartier page", "Quartiere", "Angebote"],
    "Fachstelle": [
        "Start page",
        "Befragung results",
        "Sachstandsbericht, one year",
        "Termine month",
    ],
    "Koordination": ["Start page", "Aktivität entry", "Quartier page"],
}

# (label, url name) of pages measured only here, not in the latency sections.
EXTRA_PAGES = [("Aktivität entry", "quartiere:aktivitaet_create")]

# The figures taken from a Lighthouse result: key → (audit id, factor).
AUDITS = {
    "lcp_ms": ("largest-contentful-paint", 1),
    "fcp_ms": ("first-contentful-paint", 1),
    "tbt_ms": ("total-blocking-time", 1),
    "cls": ("cumulative-layout-shift", 1),
    "bytes": ("total-byte-weight", 1),
}


def log(message):
    print(
        f"[bench {time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}",
        file=sys.stderr,
        flush=True,
    )


# --------------------------------------------------------------------------- pure parts


def figures(lhr, requested_path):
    """The figures of one Lighthouse result (its JSON output, parsed) of `requested_path`.

    Returns {"performance", "lcp_ms", "fcp_ms", "tbt_ms", "cls", "bytes", "requests",
    "status", "benchmark_index"} or {"error": …} when Lighthouse failed or the page was not the one requested
    (a redirect to the login page means that the session cookie was not accepted)."""
    if lhr.get("runtimeError"):
        error = lhr["runtimeError"]
        return {"error": f"{error.get('code')}: {error.get('message', '')}".strip()}
    final = lhr.get("finalDisplayedUrl") or lhr.get("finalUrl") or ""
    if urlsplit(final).path != urlsplit(requested_path).path:
        return {"error": f"redirected to {urlsplit(final).path or final!r}"}
    score = lhr.get("categories", {}).get("performance", {}).get("score")
    result = {"performance": None if score is None else round(score * 100)}
    audits = lhr.get("audits", {})
    for key, (audit, factor) in AUDITS.items():
        value = audits.get(audit, {}).get("numericValue")
        result[key] = None if value is None else value * factor
    items = audits.get("network-requests", {}).get("details", {}).get("items", [])
    result["requests"] = len(items)
    document = next((i for i in items if i.get("resourceType") == "Document"), None)
    result["status"] = document.get("statusCode") if document else None
    # Lighthouse's CPU benchmark of the machine during the run (a busy machine scores lower
    # and its TBT and performance suffer; Lighthouse warns below about 1,000).
    result["benchmark_index"] = lhr.get("environment", {}).get("benchmarkIndex")
    return result


def median_figures(runs):
    """The median of each figure over the runs without an error, and "cls_max", the largest
    layout shift of any run (a shift that happens on one load in three is one users see);
    None if every run failed."""
    good = [r for r in runs if "error" not in r]
    if not good:
        return None
    median = {}
    for key in good[0]:
        values = [r[key] for r in good if r.get(key) is not None]
        median[key] = statistics.median(values) if values else None
    shifts = [r["cls"] for r in good if r.get("cls") is not None]
    median["cls_max"] = max(shifts) if shifts else None
    return median


def is_citizen(page):
    return page["role"] == ANONYMOUS


def summary(lighthouse):
    """Worst figures of the citizen (anonymous) pages and of the staff pages (the medians, but
    the largest CLS of any run):
    {"citizen": {"performance", "lcp_ms", "cls", "bytes", "pages"}, "staff": {…}}; a group
    without measured pages is missing."""
    result = {}
    if not lighthouse or "pages" not in lighthouse:
        return result
    for group, members in (
        ("citizen", [p for p in lighthouse["pages"] if is_citizen(p)]),
        ("staff", [p for p in lighthouse["pages"] if not is_citizen(p)]),
    ):
        medians = [p["median"] for p in members if p.get("median")]
        if not medians:
            continue
        result[group] = {
            "performance": min(m["performance"] for m in medians),
            "lcp_ms": max(m["lcp_ms"] for m in medians),
            "cls": max(m.get("cls_max", m["cls"]) for m in medians),
            "bytes": max(m["bytes"] for m in medians),
            "pages": len(medians),
        }
    return result


def _num(value, fmt):
    return "–" if value is None else format(value, fmt)


def section_lines(lighthouse):
    """The Markdown of the Lighthouse section (a list of lines)."""
    lines = ["", "## 5. Lighthouse (mobile)", ""]
    if not lighthouse:
        return [*lines, "Not measured in this run (`--only-lighthouse` measures it)."]
    if "error" in lighthouse:
        return [*lines, f"Failed: `{lighthouse['error']}`"]
    lines += [
        f"Lighthouse {lighthouse.get('version', '?')} (npm, `scripts/lighthouse/`) with Debian"
        f" chromium headless, performance category only, mobile form factor and Lighthouse's"
        " default simulated throttling (slow 4G, 4× CPU slowdown), against the gunicorn of"
        " section 2 (`DJANGO_DEBUG=0`, whitenoise, after collectstatic) on the scale-1 data."
        f" Median of {lighthouse.get('runs', RUNS)} runs per page, each with a cold cache; the"
        " roles send the session cookie of a bench user with TOTP (`--extra-headers`)."
        f" Measured {lighthouse.get('date', '?')} on commit `{lighthouse.get('commit', '?')}`."
        " Requests to the map tiles' server are blocked (`--blocked-url-patterns`), so the run"
        " needs no network and the tiles do not count. CLS max: the largest layout shift of"
        " the runs (the targets use it). KiB: bytes transferred"
        " (`total-byte-weight`). CPU index: Lighthouse's benchmark of the machine during the"
        " run (below about 1,000 the machine was busy, and TBT and the score suffer).",
        "",
        "| Role | Page | Performance | LCP s | CLS | CLS max | KiB | Requests | FCP s | TBT ms"
        " | CPU index |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in lighthouse["pages"]:
        m = page.get("median")
        if not m:
            reason = page.get("error") or "not available"
            lines.append(f"| {page['role']} | {page['label']} | {reason} | | | | | | | | |")
            continue
        lines.append(
            f"| {page['role']} | {page['label']} | {_num(m['performance'], '.0f')} |"
            f" {_num(m['lcp_ms'] and m['lcp_ms'] / 1000, '.2f')} | {_num(m['cls'], '.3f')} |"
            f" {_num(m.get('cls_max'), '.3f')} |"
            f" {_num(m['bytes'] and m['bytes'] / 1024, '.0f')} | {_num(m['requests'], '.0f')} |"
            f" {_num(m['fcp_ms'] and m['fcp_ms'] / 1000, '.2f')} | {_num(m['tbt_ms'], '.0f')} |"
            f" {_num(m.get('benchmark_index'), '.0f')} |"
        )
    return lines


# --------------------------------------------------------------------------- Django phase


def phase_session(args):
    """Child phase (Django set up): the session cookies of the roles and the pages to measure,
    [{"role", "label", "url", "error"?}]. An anonymous page that does not answer 200 without
    a login is listed with an error instead of a URL."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.test import Client

    from gwa_portal.core.models import Role, User
    from scripts import bench_pages

    koordination = User.objects.filter(email=KOORDINATION_EMAIL, role=Role.KOORDINATION).first()
    if koordination is None:
        raise RuntimeError(f"{KOORDINATION_EMAIL} missing: seed_city has not run")
    if not Authenticator.objects.filter(user=koordination, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(koordination, generate_totp_secret())
    users = {"Fachstelle": bench_pages.ensure_bench_user(), "Koordination": koordination}
    cookies = {ANONYMOUS: None}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        cookies[role] = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    extra = [bench_pages.Page(label, name) for label, name in EXTRA_PAGES]
    urls = {
        page.label: url
        for page, url in bench_pages.page_urls(
            bench_pages.bench_objects(), bench_pages.PAGES + extra
        )
    }
    anonymous = Client(HTTP_HOST="127.0.0.1")
    pages = []
    for role, labels in ROLE_PAGES.items():
        for label in labels:
            page = {"role": role, "label": label, "url": urls.get(label)}
            if page["url"] is None:
                page["error"] = "not available"
            elif role == ANONYMOUS:
                status = anonymous.get(page["url"]).status_code
                if status != 200:
                    page |= {"url": None, "error": f"needs a login (HTTP {status})"}
            pages.append(page)
    tiles = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a")).hostname or ""
    blocked = [] if tiles in ("127.0.0.1", "localhost", "") else [f"*{tiles}*"]
    return {"cookies": cookies, "pages": pages, "blocked": blocked}


# --------------------------------------------------------------------------- runner


def ensure_installed():
    """`npm ci --prefix scripts/lighthouse` unless the pinned Lighthouse is there."""
    if LIGHTHOUSE.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is missing (apt-get install -y npm)")
    log("npm ci --prefix scripts/lighthouse")
    subprocess.run(  # noqa: S603
        [npm, "ci", "--prefix", str(PACKAGE), "--no-audit", "--no-fund"], check=True
    )


def chromium():
    path = os.environ.get("CHROME_PATH", CHROMIUM)
    if not Path(path).exists():
        raise RuntimeError(f"{path} is missing (apt-get install -y chromium, or set CHROME_PATH)")
    return path


def version():
    done = subprocess.run(  # noqa: S603
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or "?"


def run_once(base_url, path, cookie, out, blocked=()):
    """One Lighthouse run of base_url + path: its figures (or {"error"}). Requests to the
    `blocked` URL patterns (the map tiles' server) fail at once: the run needs no network."""
    argv = [
        str(LIGHTHOUSE),
        base_url + path,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
        " --no-first-run --disable-extensions",
    ]
    argv += [f"--blocked-url-patterns={pattern}" for pattern in blocked]
    if cookie:
        argv.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    env = os.environ | {"CHROME_PATH": chromium()}
    Path(out).unlink(missing_ok=True)
    proc = subprocess.Popen(  # noqa: S603
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        _, stderr = proc.communicate(timeout=TIMEOUT)
    except BaseException as error:  # timeout or ^C: SIGINT lets Lighthouse close its chromium
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        if isinstance(error, subprocess.TimeoutExpired):
            return {"error": f"timeout after {TIMEOUT} s"}
        raise
    if proc.returncode != 0 or not Path(out).exists():
        return {"error": f"exit {proc.returncode}: {stderr.strip()[-300:]}"}
    return figures(json.loads(Path(out).read_text()), path)


def run_with_retry(*args, attempts=2):
    """run_once, again if it fails (on a busy machine Lighthouse sometimes loses the trace:
    NO_NAVSTART); the last result."""
    for _ in range(attempts):
        result = run_once(*args)
        if "error" not in result:
            break
        log(f"lighthouse {args[1]}: {result['error'][:200]}")
    return result


def measure(port, session, tmp, runs=RUNS, commit="?"):
    """Every page of `session` (phase_session's result) `runs` times: the "lighthouse" entry
    of results.json."""
    ensure_installed()
    chromium()
    base_url = f"http://127.0.0.1:{port}"
    pages = []
    for page in session["pages"]:
        entry = dict(page)
        if page.get("url"):
            cookie = session["cookies"][page["role"]]
            entry["runs"] = [
                run_with_retry(
                    base_url,
                    page["url"],
                    cookie,
                    Path(tmp) / f"lighthouse-{i}.json",
                    session.get("blocked", ()),
                )
                for i in range(runs)
            ]
            entry["median"] = median_figures(entry["runs"])
            if entry["median"] is None:
                entry["error"] = entry["runs"][-1]["error"]
            m = entry["median"] or {}
            log(
                f"lighthouse {page['role']} / {page['label']}: performance"
                f" {m.get('performance')}, LCP {m.get('lcp_ms')} ms, CLS {m.get('cls')},"
                f" {m.get('bytes')} bytes {entry.get('error', '')}"
            )
        pages.append(entry)
    return {
        "version": version(),
        "runs": runs,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": commit,
        "pages": pages,
    }
