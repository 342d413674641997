"""The page-size check of `make bench`: how much each page grows from scale 1 to the largest
scale, in size (KiB of the HTML) and in p95 (issue 16: at most GROWTH_LIMIT×)."""

GROWTH_LIMIT = 1.5  # scale 5 / scale 1, size and p95


def growth(latency):
    """[(label, size ratio, p95 ratio, small, large)] of the pages measured at scale 1 and at
    the largest scale; None if the run has only one scale."""
    scales = sorted(latency or {}, key=int)
    if len(scales) < 2:
        return None
    low, high = latency[scales[0]], latency[scales[-1]]
    rows = []
    for label, small in low.items():
        large = high.get(label)
        if not small or not large or "p95" not in small or "p95" not in large:
            continue
        rows.append(
            (
                label,
                large["kib"] / max(small["kib"], 0.1),
                large["p95"] / small["p95"],
                small,
                large,
            )
        )
    return rows


def growth_lines(latency):
    """Every page with its size and p95 ratio from scale 1 to the largest scale, pages above
    GROWTH_LIMIT flagged, and a pass/fail line."""
    rows = growth(latency)
    if rows is None:
        return []
    scales = sorted(latency, key=int)
    low, high = scales[0], scales[-1]
    lines = [
        "",
        f"### Page-size check: scale {high} / scale {low}",
        "",
        f"Size (KiB of the HTML) and p95 of each page at scale {high} divided by the same at"
        f" scale {low}; a ratio above {GROWTH_LIMIT}× means that the page grows with the city"
        " (an unbounded list, a `<select>` over a growing table, a query that reads more).",
        "",
        f"| Page | KiB {low} → {high} | Size ratio | p95 ms {low} → {high} | Time ratio | |",
        "|---|---:|---:|---:|---:|---|",
    ]
    over = []
    for label, size, speed, small, large in rows:
        flag = ""
        if max(size, speed) > GROWTH_LIMIT:
            over.append(label)
            flag = f"**> {GROWTH_LIMIT}×**"
        lines.append(
            f"| {label} | {small['kib']:.0f} → {large['kib']:.0f} | {size:.2f}× |"
            f" {small['p95'] * 1000:.0f} → {large['p95'] * 1000:.0f} | {speed:.2f}× | {flag} |"
        )
    lines += [
        "",
        (
            f"**Page-size check: fail** — {len(over)} of {len(rows)} pages grow more than"
            f" {GROWTH_LIMIT}×: {', '.join(over)}."
            if over
            else f"**Page-size check: pass** — no page grows more than {GROWTH_LIMIT}× in size"
            " or p95."
        ),
    ]
    return lines
