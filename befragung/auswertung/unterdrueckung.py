"""Suppression: the one place that decides which survey figures may be shown. The results
pages, the key-figure text and the cockpit's Sachstandsbericht all go through it.

Privacy rule (k = `befragung.mindestgruppe`, at least 5): no figure that a role can see, alone
or by subtracting two figures it can see, may count fewer than k people (a true zero names
nobody). So:

- a cell below k is hidden (primary suppression);
- every "line" of a total and its parts (a column's base and its single-choice categories;
  a category across the groups of a breakdown; the Rückmeldungen per group) is checked: the
  hidden parts of a line must add up to 0 or at least k, and no hidden cell may be the only
  unknown of its line, else the next smallest part is hidden too (secondary suppression).
  This is the complement rule: a shown part leaves the rest of its total, and that rest is
  never a group of 1 … k−1;
- a hidden group hides its whole column (counts, bases, means, free texts).

A filter (Quartier, Sprache, Kanal) is a breakdown whose other groups are not displayed: the
cells are suppressed across all groups of that dimension together with the unfiltered total,
and the filtered view shows one column of that table. The suppression pattern therefore does
not depend on which group is asked for, so two allowed views never differ by a hidden cell.
The secondary cell is always a part, never the line's total, because the totals are what the
unfiltered view shows.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from .tabellen import GESAMT, OHNE, Filter, Kategorie, Tabelle, Zelle


def is_small(n, mindestgruppe):
    """Fewer answers than the minimum group size, but not none: a true zero names nobody."""
    return 0 < n < mindestgruppe


def _virtual(n):
    """A part of a line that is never displayed, e.g. those who did not tick an option of a
    multiple choice: it may be derived, so it must be 0 or at least k."""
    return Zelle(n=n, basis=0, unterdrueckt=True, virtuell=True)


def _fix_line(line, mindestgruppe, hide):
    """Hide one more part if the line lets a small number or a hidden cell be worked out.
    Returns whether it changed something."""
    total, parts = line[0], line[1:]
    hidden = [z for z in parts if z.unterdrueckt]
    if total.unterdrueckt:
        # With no hidden part, the total is the sum of the shown parts.
        leaks = not hidden and not total.virtuell
    else:
        rest = sum(z.n for z in hidden)
        single = len(hidden) == 1 and not hidden[0].virtuell
        leaks = is_small(rest, mindestgruppe) or single
    if not leaks:
        return False
    shown = [z for z in parts if not z.unterdrueckt]
    if shown:
        # The next smallest; a zero only when nothing else is left, since hiding a zero
        # protects nothing.
        hide(min(shown, key=lambda z: (z.n == 0, z.n)))
        return True
    if not total.unterdrueckt:
        hide(total)
        return True
    return False


def suppress(lines, mindestgruppe, *, columns=()):
    """Hide small cells, then add secondary suppression until every line is safe. A line is a
    list of Zelle whose first cell is the sum of the others. `columns` are (cell, cells)
    pairs: a hidden cell (a group's size, a column's base) hides all of `cells`, at once, so
    that the order in which the lines are checked does not matter."""
    dependents = {}
    for head, cells in columns:
        dependents.setdefault(id(head), []).extend(cells)
    done = set()

    def hide(zelle):
        stack = [zelle]
        while stack:
            cell = stack.pop()
            cell.unterdrueckt = True
            if id(cell) not in done:
                done.add(id(cell))
                stack.extend(dependents.get(id(cell), ()))

    for line in lines:
        for zelle in line:
            if not zelle.virtuell and is_small(zelle.n, mindestgruppe):
                hide(zelle)
    for head, _cells in columns:
        if head.unterdrueckt:
            hide(head)
    changed = True
    while changed:
        changed = False
        for line in lines:
            changed = _fix_line(line, mindestgruppe, hide) or changed


@dataclass
class Muster:
    """The cells of one result, collected while they are counted and then suppressed together
    (`apply`), so that a cell hidden in one table is hidden wherever it can be derived."""

    mindestgruppe: int
    keys: list  # the column keys, GESAMT first
    lines: list = field(default_factory=list)
    columns: list = field(default_factory=list)

    def gruppen(self, counts, *, linie=True):
        """The Rückmeldungen per column: a hidden group hides its whole column. `linie=False`
        for a cross-tab, whose groups are the cells of its own question (tied to them with
        `tie`): those without an answer to it are a public difference (total minus base)."""
        gesamt = [Zelle(n=counts.get(k, 0), basis=counts.get(GESAMT, 0)) for k in self.keys]
        self.gesamt = gesamt
        self.lines += [gesamt] if linie else [[z] for z in gesamt]
        self.spalten_zellen = [[] for _ in self.keys]
        return gesamt

    def _cross(self, zellen):
        """A figure across the groups: the Gesamt cell is the sum of the others."""
        self.lines.append(list(zellen))

    def _in_columns(self, zellen):
        for i, zelle in enumerate(zellen):
            self.spalten_zellen[i].append(zelle)

    def basis(self, cols):
        """One figure per column (a text or number question's respondents)."""
        zellen = [Zelle(n=cols.get(k, 0), basis=cols.get(k, 0)) for k in self.keys]
        self._cross(zellen)
        self._in_columns(zellen)
        return zellen

    def table(self, titel, basis_cols, kategorien, *, summiert=True, nur_gesamt=False):
        """One result table (categories × columns); `kategorien` are (key, label, {col: n}).
        `nur_gesamt` hides every column but Gesamt from the start."""
        basis = self.basis(basis_cols)
        rows = [
            Kategorie(
                key,
                label,
                [Zelle(n=cols.get(k, 0), basis=basis[i].n) for i, k in enumerate(self.keys)],
            )
            for key, label, cols in kategorien
        ]
        if nur_gesamt:
            for zelle in basis[1:] + [z for row in rows for z in row.zellen[1:]]:
                zelle.unterdrueckt = True
        for i in range(len(self.keys)):
            cells = [row.zellen[i] for row in rows]
            self.columns.append((basis[i], cells))
            if summiert:
                self.lines.append([basis[i], *cells])
            else:
                # Each option of a multiple choice splits its base into "chosen" and "not".
                self.lines += [[basis[i], c, _virtual(basis[i].n - c.n)] for c in cells]
        for row in rows:
            self._cross(row.zellen)
            self._in_columns(row.zellen)
        return Tabelle(titel, basis, rows, summiert=summiert)

    def tie(self, head, zellen):
        """`head` hidden hides `zellen` too (e.g. a cross-tab option hidden in its own
        question hides the group of those who chose it)."""
        self.columns.append((head, list(zellen)))

    def apply(self):
        self.columns += [
            (g, cells) for g, cells in zip(self.gesamt, self.spalten_zellen, strict=True)
        ]
        suppress(self.lines, self.mindestgruppe, columns=self.columns)


def suppressed_table(titel, basis_cols, kategorien, keys, mindest, *, summiert=True):
    """One result table with small-group and secondary suppression applied, for a single
    table without a breakdown of its own (the cockpit's Sachstandsbericht)."""
    muster = Muster(mindest, list(keys))
    muster.gruppen({k: basis_cols.get(k, 0) for k in keys})
    tabelle = muster.table(titel, basis_cols, kategorien, summiert=summiert)
    muster.apply()
    return tabelle


def gruppen_zaehlen(rueckmeldungen, feld):
    """{value: n} of the Rückmeldungen per value of `feld`, plus GESAMT; None → OHNE."""
    counts = {GESAMT: 0}
    for row in rueckmeldungen.values(feld).annotate(n=Count("id")).order_by():
        key = OHNE if row[feld] is None else row[feld]
        counts[key] = counts.get(key, 0) + row["n"]
        counts[GESAMT] += row["n"]
    return counts


# The fields a results filter can select by (see Filter.dimension).
DIMENSIONEN = ("quartier_id", "sprache", "kanal")


def _each_dimension(atoms, mindest):
    """The groups each dimension may show on its own: its line of group sizes."""
    shown = set()
    total = sum(n for _key, n in atoms)
    for i, feld in enumerate(DIMENSIONEN):
        counts = defaultdict(int, {GESAMT: total})
        for key, n in atoms:
            counts[key[i]] += n
        keys = [GESAMT, *sorted((k for k in counts if k != GESAMT), key=str)]
        muster = Muster(mindest, keys)
        gesamt = muster.gruppen(counts)
        muster.apply()
        shown |= {
            (feld, k)
            for k, z in zip(keys, gesamt, strict=True)
            if k != GESAMT and z.n and not z.unterdrueckt
        }
    return shown


def erlaubte_gruppen(befragung):
    """The filter groups (field, value) that may be shown, across all dimensions at once.

    Groups of different dimensions can be subtracted too: if Alpha is all online, „online“
    minus „Alpha“ is the rest of the online answers. The Rückmeldungen fall into classes
    by the shown groups they belong to, and every sum or difference of shown groups is a
    union of such classes; so while a class is below the minimum, the groups that tell it
    apart from its nearest class are hidden. One GROUP BY query."""
    mindest = befragung.mindestgruppe
    rows = (
        Filter().rueckmeldungen(befragung).values(*DIMENSIONEN).annotate(n=Count("id")).order_by()
    )
    atoms = [
        (tuple(OHNE if row[f] is None else row[f] for f in DIMENSIONEN), row["n"]) for row in rows
    ]
    shown = _each_dimension(atoms, mindest)
    while True:
        classes = defaultdict(int)
        for key, n in atoms:
            signature = frozenset(
                (f, v) for f, v in zip(DIMENSIONEN, key, strict=True) if (f, v) in shown
            )
            classes[signature] += n

        def order(item):
            return sorted(map(str, item[0]))

        small = sorted((c for c in classes.items() if is_small(c[1], mindest)), key=order)
        if not small or len(classes) < 2:
            return shown
        signature, _n = small[0]
        others = [c for c in classes.items() if c[0] != signature]
        nearest, _m = min(others, key=lambda c: (len(signature ^ c[0]), -c[1], order(c)))
        shown -= signature ^ nearest


def gruppe_sichtbar(befragung, filter):
    """Whether the group a filter selects may be shown: (shown, n, grund). `grund` is "" when
    shown, "klein" when the group itself is below the minimum and "rest" when what the total
    leaves besides it, or another shown group besides it, would be."""
    mindest = befragung.mindestgruppe
    dimension = filter.dimension
    if dimension is None:
        n = Filter().rueckmeldungen(befragung).count()
        return (n >= mindest, n, "" if n >= mindest else "klein")
    n = filter.rueckmeldungen(befragung).count()
    if not n:
        return (True, 0, "")
    if dimension in erlaubte_gruppen(befragung):
        return (True, n, "")
    return (False, n, "klein" if n < mindest else "rest")
