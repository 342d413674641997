"""Suppression, shared with the cockpit's Sachstandsbericht.

Privacy: a cell with fewer answers than `befragung.mindestgruppe` is suppressed, and so is the
whole result when the (filtered) number of Rueckmeldungen is below it. Cells that add up to a
shown total get complementary suppression: when exactly one cell of such a line is suppressed,
the next smallest one is suppressed too, so that the hidden value cannot be worked out by
subtraction. Percentages are of the respondents who answered the question in that column.
"""

from .tabellen import Kategorie, Tabelle, Zelle


def is_small(n, mindestgruppe):
    """Fewer answers than the minimum group size, but not none: a true zero names nobody."""
    return 0 < n < mindestgruppe


def suppress(lines, mindestgruppe, *, columns=()):
    """Hide small cells, then add complementary suppression until no line has exactly one
    hidden cell. A line is a list of Zelle whose first cell is the sum of the others (a total
    and its parts), so one hidden cell in it could be computed. `columns` are (basis, cells)
    pairs: a hidden basis hides its whole column."""
    for line in lines:
        for zelle in line:
            if is_small(zelle.n, mindestgruppe):
                zelle.unterdrueckt = True
    changed = True
    while changed:
        changed = False
        for basis, cells in columns:
            if basis.unterdrueckt:
                for zelle in cells:
                    if not zelle.unterdrueckt:
                        zelle.unterdrueckt = changed = True
        for line in lines:
            hidden = [z for z in line if z.unterdrueckt]
            shown = [z for z in line if not z.unterdrueckt]
            if len(hidden) == 1 and shown:
                # The next smallest; a zero only when nothing else is left, since a zero in
                # an empty group would protect nothing.
                min(shown, key=lambda z: (z.n == 0, z.n)).unterdrueckt = True
                changed = True


def suppressed_table(titel, basis_cols, kategorien, keys, mindest, *, summiert=True):
    """One result table with small-group and complementary suppression applied; shared
    with the cockpit's Sachstandsbericht, so both hide exactly the same cells."""
    basis = [Zelle(n=basis_cols.get(k, 0), basis=basis_cols.get(k, 0)) for k in keys]
    rows = [
        Kategorie(
            key,
            label,
            [Zelle(n=cols.get(k, 0), basis=basis[i].n) for i, k in enumerate(keys)],
        )
        for key, label, cols in kategorien
    ]
    columns = [(basis[i], [row.zellen[i] for row in rows]) for i in range(len(keys))]
    # Lines of a total and its parts: a column's base and its categories (single answers
    # only; multiple choice does not add up), and in a cross-tab each category and the base
    # across the groups (Gesamt = the groups plus those without an answer to the question).
    lines = [[b] for b in basis]
    if summiert:
        lines += [[b, *cells] for b, cells in columns]
    if len(keys) > 1:
        lines += [row.zellen for row in rows]
        lines.append(basis)
    else:
        lines += [row.zellen for row in rows]
    suppress(lines, mindest, columns=columns)
    return Tabelle(titel, basis, rows, summiert=summiert)
