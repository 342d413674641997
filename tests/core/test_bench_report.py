"""The pure parts of `make bench`'s report (scripts/bench_render.py, bench_lighthouse.py, bench_report.py):
Lighthouse JSON → figures, the targets, the before → after table and the page-size check.
No database, npm or chromium."""

import json
import subprocess
import sys

from scripts import bench_growth, bench_lighthouse, bench_report
from scripts.bench_proc import ROOT
from scripts.bench_render import load_note, render


def lhr(path="/", score=0.83, lcp=2100.0, cls=0.02, size=120_000, final=None, **extra):
    """A Lighthouse result as `lighthouse --output=json` writes it (the parts the bench reads)."""
    return {
        "lighthouseVersion": "12.8.2",
        "environment": {"benchmarkIndex": 1500.0},
        "finalDisplayedUrl": final or f"http://127.0.0.1:8000{path}",
        "categories": {"performance": {"score": score}},
        "audits": {
            "largest-contentful-paint": {"numericValue": lcp},
            "first-contentful-paint": {"numericValue": 900.0},
            "total-blocking-time": {"numericValue": 40.0},
            "cumulative-layout-shift": {"numericValue": cls},
            "total-byte-weight": {"numericValue": size},
            "network-requests": {
                "details": {
                    "items": [
                        {"resourceType": "Document", "statusCode": 200},
                        {"resourceType": "Stylesheet", "statusCode": 200},
                    ]
                }
            },
        },
        **extra,
    }


def page(role, label, **median):
    figures = {"performance": 97, "lcp_ms": 1800.0, "cls": 0.01, "bytes": 100_000} | median
    return {"role": role, "label": label, "url": "/", "median": figures}


def lighthouse_entry(*pages):
    return {"version": "12.8.2", "runs": 3, "commit": "abc1234", "pages": list(pages)}


def results(**sections):
    return {"machine": {"commit": "def5678", "dirty": False}} | sections


def test_figures_of_a_lighthouse_result():
    figures = bench_lighthouse.figures(lhr("/befragung/x/"), "/befragung/x/")
    assert figures == {
        "performance": 83,
        "lcp_ms": 2100.0,
        "fcp_ms": 900.0,
        "tbt_ms": 40.0,
        "cls": 0.02,
        "bytes": 120_000,
        "requests": 2,
        "status": 200,
        "benchmark_index": 1500.0,
    }


def test_figures_reject_a_redirect_to_the_login_page():
    result = lhr("/cockpit/", final="http://127.0.0.1:8000/accounts/login/?next=/cockpit/")
    assert bench_lighthouse.figures(result, "/cockpit/") == {
        "error": "redirected to '/accounts/login/'"
    }


def test_figures_report_a_runtime_error():
    result = lhr(runtimeError={"code": "NO_FCP", "message": "The page did not paint"})
    assert bench_lighthouse.figures(result, "/")["error"] == "NO_FCP: The page did not paint"


def test_query_string_does_not_count_as_a_redirect():
    result = lhr(final="http://127.0.0.1:8000/cockpit/bericht/ansicht/?von=2025-01-01")
    figures = bench_lighthouse.figures(result, "/cockpit/bericht/ansicht/?von=2025-01-01")
    assert "error" not in figures


def test_median_ignores_failed_runs():
    runs = [
        bench_lighthouse.figures(lhr(score=0.70, lcp=3000.0), "/"),
        {"error": "timeout after 180 s"},
        bench_lighthouse.figures(lhr(score=0.90, lcp=2000.0), "/"),
        bench_lighthouse.figures(lhr(score=0.80, lcp=2500.0), "/"),
    ]
    median = bench_lighthouse.median_figures(runs)
    assert (median["performance"], median["lcp_ms"]) == (80, 2500.0)
    assert (median["cls"], median["cls_max"]) == (0.02, 0.02)
    assert bench_lighthouse.median_figures([{"error": "x"}]) is None


def test_a_layout_shift_in_one_run_of_three_counts():
    runs = [bench_lighthouse.figures(lhr(cls=cls), "/") for cls in (0.0, 0.25, 0.0)]
    median = bench_lighthouse.median_figures(runs)
    assert (median["cls"], median["cls_max"]) == (0.0, 0.25)
    entry = lighthouse_entry({"role": "anonymous", "label": "Start page", "median": median})
    assert bench_lighthouse.summary(entry)["citizen"]["cls"] == 0.25
    assert rows_by_key(results(lighthouse=entry))["lh_cls"]["met"] is False


def test_summary_takes_the_worst_page_of_each_group():
    entry = lighthouse_entry(
        page("anonymous", "Start page", performance=96, bytes=140_000),
        page("anonymous", "Quartier page", performance=91, lcp_ms=2600.0, cls=0.002),
        page("Fachstelle", "Termine month", cls=0.3, performance=40),
        {"role": "anonymous", "label": "Angebote", "url": None, "error": "needs a login"},
    )
    summary = bench_lighthouse.summary(entry)
    assert summary["citizen"] == {
        "performance": 91,
        "lcp_ms": 2600.0,
        "cls": 0.01,
        "bytes": 140_000,
        "pages": 2,
    }
    assert summary["staff"]["cls"] == 0.3


def rows_by_key(run, baseline=None):
    return {r["target"].key: r for r in bench_report.evaluate(run, baseline)}


def test_targets_met_and_missed():
    run = results(
        fanout={"worker": {"per_second": 700.0}, "smtplib": {"per_second": 1200.0}},
        submissions={"form": {"per_second": 500.0}, "insert": {"per_second": 1000.0}},
        befragung_seconds={"results": 0.4, "results_crosstab": 0.5, "csv": 3.0, "xlsx": 6.0},
        lighthouse=lighthouse_entry(
            page("anonymous", "Start page", bytes=151 * 1024),
            page("Fachstelle", "Start page", cls=0.1),
        ),
    )
    met = {key: row["met"] for key, row in rows_by_key(run).items()}
    assert met == {
        "fanout": True,  # 58% ≥ 50%
        "submissions": False,  # 50% < 60%
        "results": True,
        "results_crosstab": False,  # 0.5 s is not < 0.5 s
        "xlsx": True,  # exactly 2×
        "p95": None,  # no latency in this run
        "growth": None,
        "lh_performance": True,
        "lh_lcp": True,
        "lh_cls": True,
        "lh_bytes": False,  # 151 KiB
        "lh_staff_cls": True,
    }


def test_befragung_seconds_are_parsed_from_the_markdown_of_bench_befragung():
    markdown = "\n".join(
        [
            "| Vorgang | Zeit (s) | zusätzlicher Spitzen-RSS (MB) | Abfragen | Ergebnis |",
            "|---|---:|---:|---:|---|",
            "| auswerten() ohne Filter | 1.18 | 0 | 7 | 50000 Rückmeldungen |",
            "| Ergebnisseite (HTTP, gerendert) | 0.42 | 4 | 15 | HTTP 200 |",
            "| Ergebnisseite mit Kreuztabelle | 0.48 | 5 | 17 | HTTP 200 |",
            "| CSV-Export (gestreamt) | 3.41 | 2 | 5 | 7.9 MB |",
            "| XLSX-Export (write_only) | 6.10 | 2 | 5 | 5.8 MB |",
        ]
    )
    assert bench_report.befragung_seconds({"befragung": markdown}) == {
        "results": 0.42,
        "results_crosstab": 0.48,
        "csv": 3.41,
        "xlsx": 6.10,
    }


def latency(kib5=20.0, p95_5=0.1):
    return {
        "1": {"Start page": {"p50": 0.05, "p95": 0.1, "kib": 20.0}, "Gone": None},
        "5": {"Start page": {"p50": 0.06, "p95": p95_5, "kib": kib5}},
    }


def test_page_size_check_passes_and_fails():
    passing = "\n".join(bench_growth.growth_lines(latency(kib5=30.0, p95_5=0.15)))
    assert "| Start page | 20 → 30 | 1.50× | 100 → 150 | 1.50× |  |" in passing
    assert "**Page-size check: pass**" in passing
    failing = "\n".join(bench_growth.growth_lines(latency(kib5=31.0)))
    assert "1.55× | 100 → 100 | 1.00× | **> 1.5×** |" in failing
    assert "**Page-size check: fail** — 1 of 1 pages grow more than 1.5×: Start page." in failing
    assert bench_growth.growth_lines({"1": latency()["1"]}) == []


def test_p95_target_counts_the_pages_over_150_ms():
    run = results(latency={"1": {"A": {"p95": 0.149}, "B": {"p95": 0.150}, "C": {"p95": 0.2}}})
    row = rows_by_key(run)["p95"]
    assert row["after"] == (2, "2 over (worst: C 200 ms)")
    assert row["met"] is False


def test_before_after_table_from_the_committed_baseline():
    baseline = bench_report.load_baseline()
    assert baseline["commit"] == "b846f15"
    run = results(
        fanout={"worker": {"per_second": 800.0}, "smtplib": {"per_second": 1000.0}},
        partial={"commit": "9999999", "dirty": False, "date": "x"},
        submissions={"form": {"per_second": 300.0}, "insert": {"per_second": 1000.0}},
        lighthouse=lighthouse_entry(page("anonymous", "Start page")),
    )
    text = "\n".join(bench_report.before_after_lines(run, baseline))
    assert (
        "| Invitation fan-out, worker vs plain smtplib loop | ≥ 50% |"
        " 71 vs 1,240/s (6%) (`b846f15`) | 800 vs 1,000/s (80%) (`def5678`) | yes |"
    ) in text
    assert "184 vs 976/s (19%) (`b846f15`) | 300 vs 1,000/s (30%) (`9999999`) | **no** |" in text
    assert "| 0.99 s (`b846f15`) | – | not measured |" in text
    assert "15.1 s vs 3.4 s (4.4×) (`b846f15`)" in text
    assert "| 76–85 (`b846f15`) | 97 (`abc1234`) | yes |" in text
    assert "| 0.45–0.72 (`b846f15`) | – | not measured |" in text
    assert (
        "**5 of 12 targets met**; missed: Survey submission vs the one-INSERT view."
        " 6 not measured in this run."
    ) in text


def test_baseline_holds_every_page_of_both_scales():
    baseline = bench_report.load_baseline()
    assert baseline["latency"]["1"]["Sachstandsbericht, one year"]["p95"] == 0.453
    assert baseline["latency"]["5"]["Termine month"]["kib"] == 320
    assert set(baseline["latency"]["1"]) == set(baseline["latency"]["5"])


def old_results():
    """A results.json of a run before the Lighthouse section (the shape of b846f15's run)."""
    baseline = bench_report.load_baseline()
    return {
        "date": "2026-12-03 07:53 UTC",
        "machine": {"nproc": 2, "memory_gib": 23.5, "cpu": "x", "commit": "b846f15"}
        | {"dirty": False, "python": "3.13.0"},
        "django": "6.1.3",
        "scales": [1],
        "requests": 200,
        "data": {"1": {"seeded_seconds": None, "counts": {"Quartiere": 40}}},
        "queries": {"1": {"Start page": {"url": "/", "status": 200, "queries": 11}}},
        "latency": {
            scale: {label: r | {"errors": {}, "per_second": 50.0} for label, r in pages.items()}
            for scale, pages in baseline["latency"].items()
        },
        "fanout": {
            "worker": baseline["fanout"]["worker"]
            | {"enqueue_seconds": 1.0, "mean_bytes": 3709}
            | {"marked_sent": 1000},
            "smtplib": baseline["fanout"]["smtplib"] | {"mean_bytes": 3820},
        },
        "befragung": "| XLSX-Export (write_only) | 15.06 | 2 | 5 | 5.8 MB |",
    }


def test_render_an_old_results_file_without_lighthouse():
    report = render(old_results())
    assert "## 5. Lighthouse (mobile)\n\nNot measured in this run" in report
    assert "| Lighthouse CLS, staff pages (worst) | ≤ 0.1 | 0.45–0.72 (`b846f15`) | – |" in report
    assert "**Page-size check: fail**" in report


def test_render_only_on_an_old_results_file(tmp_path):
    """`scripts/bench.py --render-only` as a command, on a copy of the project's files."""
    raw = tmp_path / "var" / "bench" / "results.json"
    raw.parent.mkdir(parents=True)
    raw.write_text(json.dumps(old_results()))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bench-baseline.json").write_text(bench_report.BASELINE.read_text())
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        " from scripts import bench, bench_report;"
        " bench.RAW = Path(sys.argv[2]) / 'var/bench/results.json';"
        " bench.REPORT = Path(sys.argv[2]) / 'docs/benchmarks.md';"
        " bench_report.BASELINE = Path(sys.argv[2]) / 'docs/bench-baseline.json';"
        " sys.argv = ['bench.py', '--render-only']; bench.main()"
    )
    subprocess.run([sys.executable, "-c", script, str(ROOT), str(tmp_path)], check=True, timeout=60)
    report = (tmp_path / "docs" / "benchmarks.md").read_text()
    assert "## Before → after (issue 16)" in report
    assert "Not measured in this run" in report


def test_detail_rows_for_the_pages_that_miss_the_page_target_before_or_after():
    baseline = {
        "commit": "b846f15",
        "latency": {"1": {"A": {"p95": 0.2}, "B": {"p95": 0.1}, "C": {"p95": 0.1}}},
    }
    run = results(latency={"1": {"A": {"p95": 0.12}, "B": {"p95": 0.16}, "C": {"p95": 0.1}}})
    rows = [r for r in bench_report.evaluate(run, baseline) if r["target"].key.startswith("p95")]
    shown = [(r["target"].label, r["before"][1], r["after"][1], r["met"]) for r in rows]
    assert shown == [
        (
            "Pages with p95 ≥ 150 ms at scale 1",
            "1 over (worst: A 200 ms)",
            "1 over (worst: B 160 ms)",
            False,
        ),
        ("↳ A", "200 ms", "120 ms", True),
        ("↳ B", "100 ms", "160 ms", False),
    ]
    text = "\n".join(bench_report.before_after_lines(run, baseline))
    assert "**0 of 12 targets met**; missed: Pages with p95 ≥ 150 ms at scale 1." in text


def test_a_baseline_from_another_cpu_is_named_and_the_load_is_reported():
    baseline = {"machine": {"commit": "b846f15", "cpu": "Intel Xeon"}}
    assert bench_report.machine_lines({"machine": {"cpu": "Intel Xeon"}}, baseline) == []
    (_, line) = bench_report.machine_lines({"machine": {"cpu": "AMD EPYC"}}, baseline)
    assert "another machine (Intel Xeon; this run: AMD EPYC)" in line
    assert load_note({}) == ""
    assert "idle" in load_note({"load_1min": 0.4})
    assert "shared the CPUs" in load_note({"load_1min": 6.0})
