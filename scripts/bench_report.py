"""The target checks of `make bench` (issue 16): the targets as data, the figures of a run
(var/bench/results.json) or of the baseline (docs/bench-baseline.json, the same shape), the
"Before → after" table (the page-size check is in scripts/bench_growth.py).

Pure functions of the results dictionaries: tests/core/test_bench_report.py tests them without
a database, npm or chromium.
"""

import contextlib
import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path

from scripts import bench_lighthouse
from scripts.bench_growth import GROWTH_LIMIT, growth

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "docs" / "bench-baseline.json"
P95_LIMIT = 0.150  # seconds, every page at scale 1


@dataclasses.dataclass(frozen=True)
class Target:
    key: str
    label: str
    text: str  # the target as the table shows it
    op: str  # ">=", "<=" or "<"
    limit: float
    measure: Callable  # results → (value, shown) or None when the run lacks the figure
    section: str = "main"  # whose commit the "after" figure has: main, partial or lighthouse
    # Per-page detail rows (shown for the pages that miss `page_target` before or after):
    # results → {page label: (value, shown)}, and (text, op, limit) of each page.
    pages: Callable | None = None
    page_target: tuple | None = None

    def met(self, value):
        if value is None:
            return None
        return {">=": value >= self.limit, "<=": value <= self.limit, "<": value < self.limit}[
            self.op
        ]


# --------------------------------------------------------------------------- figures


def befragung_seconds(results):
    """{"results", "results_crosstab", "csv", "xlsx"}: seconds of the rows of
    scripts/bench_befragung.py's table (parsed from its Markdown), or the baseline's."""
    if "befragung_seconds" in results:
        return results["befragung_seconds"]
    rows = {
        "results": r"Ergebnisseite \(HTTP",
        "results_crosstab": r"Ergebnisseite mit Kreuztabelle",
        "csv": r"CSV-Export",
        "xlsx": r"XLSX-Export",
    }
    found = {}
    for line in str(results.get("befragung") or "").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2:
            continue
        for key, pattern in rows.items():
            if key not in found and re.match(pattern, cells[0]):
                with contextlib.suppress(ValueError):
                    found[key] = float(cells[1].replace(",", ""))
    return found


def _ratio(results, section, numerator, denominator):
    data = results.get(section) or {}
    try:
        value = data[numerator]["per_second"] / data[denominator]["per_second"]
    except (KeyError, TypeError, ZeroDivisionError):
        return None
    return value, (
        f"{data[numerator]['per_second']:,.0f} vs {data[denominator]['per_second']:,.0f}/s"
        f" ({value:.0%})"
    )


def _seconds(key):
    def measure(results):
        value = befragung_seconds(results).get(key)
        return None if value is None else (value, f"{value:.2f} s")

    return measure


def _xlsx_csv(results):
    s = befragung_seconds(results)
    if not s.get("xlsx") or not s.get("csv"):
        return None
    value = s["xlsx"] / s["csv"]
    return value, f"{s['xlsx']:.1f} s vs {s['csv']:.1f} s ({value:.1f}×)"


def _p95_pages(results):
    per_page = (results.get("latency") or {}).get("1") or {}
    return {
        label: (r["p95"], f"{r['p95'] * 1000:.0f} ms")
        for label, r in per_page.items()
        if r and "p95" in r
    }


def _growth_pages(results):
    return {
        label: (max(size, speed), f"{size:.2f}× KiB, {speed:.2f}× p95")
        for label, size, speed, _, _ in growth(results.get("latency")) or []
    }


def _pages_over_p95(results):
    per_page = (results.get("latency") or {}).get("1")
    if not per_page:
        return None
    over = {label: r["p95"] for label, r in per_page.items() if r and r.get("p95", 0) >= P95_LIMIT}
    worst = max(over, key=over.get) if over else None
    shown = f"{len(over)} over" + (f" (worst: {worst} {over[worst] * 1000:.0f} ms)" if over else "")
    return len(over), shown


def _pages_growing(results):
    rows = growth(results.get("latency"))
    if rows is None:
        return None
    over = [r for r in rows if max(r[1], r[2]) > GROWTH_LIMIT]
    worst = max(over, key=lambda r: max(r[1], r[2]), default=None)
    shown = f"{len(over)} over" + (
        f" (worst: {worst[0]} {max(worst[1], worst[2]):.1f}×)" if worst else ""
    )
    return len(over), shown


def _lighthouse(group, key, fmt):
    def measure(results):
        worst = bench_lighthouse.summary(results.get("lighthouse")).get(group)
        if worst is None:
            worst = ((results.get("lighthouse_before") or {}).get(group)) or {}
        if worst.get(key) is None:
            return None
        return worst[key], fmt(worst)

    return measure


TARGETS = [
    Target(
        "fanout",
        "Invitation fan-out, worker vs plain smtplib loop",
        "≥ 50%",
        ">=",
        0.5,
        lambda r: _ratio(r, "fanout", "worker", "smtplib"),
    ),
    Target(
        "submissions",
        "Survey submission vs the one-INSERT view",
        "≥ 60%",
        ">=",
        0.6,
        lambda r: _ratio(r, "submissions", "form", "insert"),
        "partial",
    ),
    Target(
        "results",
        "Results page, 50,000 Rückmeldungen",
        "< 0.5 s",
        "<",
        0.5,
        _seconds("results"),
        "partial",
    ),
    Target(
        "results_crosstab",
        "Results page with a cross-tab",
        "< 0.5 s",
        "<",
        0.5,
        _seconds("results_crosstab"),
        "partial",
    ),
    Target("xlsx", "XLSX export vs CSV export", "≤ 2×", "<=", 2.0, _xlsx_csv, "partial"),
    Target(
        "p95",
        "Pages with p95 ≥ 150 ms at scale 1",
        "0",
        "<=",
        0,
        _pages_over_p95,
        pages=_p95_pages,
        page_target=("< 150 ms", "<", P95_LIMIT),
    ),
    Target(
        "growth",
        "Pages growing > 1.5× from scale 1 to 5 (KiB or p95)",
        "0",
        "<=",
        0,
        _pages_growing,
        pages=_growth_pages,
        page_target=(f"≤ {GROWTH_LIMIT}×", "<=", GROWTH_LIMIT),
    ),
    Target(
        "lh_performance",
        "Lighthouse performance, citizen pages (worst)",
        "≥ 95",
        ">=",
        95,
        _lighthouse(
            "citizen",
            "performance",
            lambda w: w.get("performance_shown") or f"{w['performance']:.0f}",
        ),
        "lighthouse",
    ),
    Target(
        "lh_lcp",
        "Lighthouse LCP, citizen pages (worst)",
        "≤ 2.5 s",
        "<=",
        2500,
        _lighthouse("citizen", "lcp_ms", lambda w: f"{w['lcp_ms'] / 1000:.1f} s"),
        "lighthouse",
    ),
    Target(
        "lh_cls",
        "Lighthouse CLS, citizen pages (worst)",
        "≤ 0.1",
        "<=",
        0.1,
        _lighthouse("citizen", "cls", lambda w: f"{w['cls']:.2f}"),
        "lighthouse",
    ),
    Target(
        "lh_bytes",
        "Lighthouse bytes, citizen pages (largest)",
        "≤ 150 KiB",
        "<=",
        150 * 1024,
        _lighthouse("citizen", "bytes", lambda w: f"{w['bytes'] / 1024:.0f} KiB"),
        "lighthouse",
    ),
    Target(
        "lh_staff_cls",
        "Lighthouse CLS, staff pages (worst)",
        "≤ 0.1",
        "<=",
        0.1,
        _lighthouse("staff", "cls", lambda w: w.get("cls_shown") or f"{w['cls']:.2f}"),
        "lighthouse",
    ),
]


# --------------------------------------------------------------------------- report


def load_baseline(path=None):
    """docs/bench-baseline.json (the figures before issue 16), or None if it is missing."""
    path = Path(path or BASELINE)
    return json.loads(path.read_text()) if path.exists() else None


def commit_of(results, section):
    """The commit the figures of `section` were measured on."""
    if section == "lighthouse" and (results.get("lighthouse") or {}).get("commit"):
        return results["lighthouse"]["commit"]
    if section == "partial" and results.get("partial"):
        return results["partial"]["commit"]
    return (results.get("machine") or {}).get("commit", "?")


def page_targets(target, results, baseline):
    """The detail rows of `target`: one Target per page that misses the page target before
    or after, in the order of the run's pages (then the baseline's)."""
    if target.pages is None:
        return []
    text, op, limit = target.page_target
    before, after = target.pages(baseline or {}), target.pages(results)
    labels = list(after) + [label for label in before if label not in after]
    rows = []
    for label in labels:
        detail = Target(
            f"{target.key}:{label}",
            f"↳ {label}",
            text,
            op,
            limit,
            lambda r, label=label: target.pages(r).get(label),
            target.section,
        )
        if any(detail.met(f[label][0]) is False for f in (before, after) if label in f):
            rows.append(detail)
    return rows


def evaluate(results, baseline):
    """[{target, before, after, before_commit, after_commit, met, detail}] for every target
    and its detail rows; before and after are (value, shown) or None."""
    rows = []
    for target in TARGETS:
        for detail, row_target in [
            (False, target),
            *((True, t) for t in page_targets(target, results, baseline)),
        ]:
            after = row_target.measure(results)
            rows.append(
                {
                    "target": row_target,
                    "before": row_target.measure(baseline) if baseline else None,
                    "after": after,
                    "before_commit": (baseline or {}).get("commit", "?"),
                    "after_commit": commit_of(results, row_target.section) if after else None,
                    "met": row_target.met(after[0]) if after else None,
                    "detail": detail,
                }
            )
    return rows


def _cell(figure, commit):
    return "–" if figure is None else f"{figure[1]} (`{commit}`)"


def machine_lines(results, baseline):
    """A warning when the baseline ran on another CPU: absolute times then differ by the
    machine, and only the ratios to a same-run baseline (fan-out, submission, XLSX/CSV) and
    the sizes compare."""
    before = baseline.get("machine", {}).get("cpu")
    after = results.get("machine", {}).get("cpu")
    if not before or not after or before == after:
        return []
    return [
        "",
        f"The baseline ran on another machine ({before}; this run: {after}): times in ms and s"
        " compare only roughly; the ratios to a baseline of the same run and the sizes compare"
        " directly.",
    ]


def before_after_lines(results, baseline):
    rows = evaluate(results, baseline)
    lines = [
        "",
        "## Before → after (issue 16)",
        "",
        "Before: `docs/bench-baseline.json` (the run on the commit given; the Lighthouse figures"
        " of the issue's text, measured by hand). After: this report, with the commit of each"
        " figure. The targets are `TARGETS` in `scripts/bench_report.py`; ↳ rows: the pages"
        " that miss a per-page target before or after.",
        *machine_lines(results, baseline),
        "",
        "| Row | Target | Before | After | Met |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        met = {True: "yes", False: "**no**", None: "not measured"}[row["met"]]
        lines.append(
            f"| {row['target'].label} | {row['target'].text} |"
            f" {_cell(row['before'], row['before_commit'])} |"
            f" {_cell(row['after'], row['after_commit'])} | {met} |"
        )
    measured = [r for r in rows if r["met"] is not None and not r["detail"]]
    missed = [r["target"].label for r in measured if not r["met"]]
    lines += [
        "",
        f"**{len(measured) - len(missed)} of {len(TARGETS)} targets met**"
        + (f"; missed: {'; '.join(missed)}." if missed else ".")
        + (
            f" {len(TARGETS) - len(measured)} not measured in this run."
            if len(measured) < len(TARGETS)
            else ""
        ),
    ]
    return lines
