"""The gap analysis shows a page of Quartiere at a time; its sums and counts cover them all."""

import re

from cockpit import luecken
from cockpit.views.luecken import QUARTIERE_JE_SEITE
from gwa_portal.core.models import Role

from .test_luecken_views import CSV, MATRIX, city, csv_rows, main, text


def test_matrix_pages_its_rows_and_counts_over_all_quartiere(client_as, db):
    """A page of Quartiere at a time, so the page does not grow with the city; the sums and
    the numbers of gaps and parallel structures are those of every Quartier of the filter, and
    the CSV has every row."""
    city(QUARTIERE_JE_SEITE + 5, 120)
    client = client_as(Role.FACHSTELLE)
    alle = luecken.matrices(schwelle=2)
    assert len(alle.handlungsfelder.zeilen) == QUARTIERE_JE_SEITE + 5
    pages = [main(client.get(MATRIX, {"schwelle": 2, "page": n})) for n in (1, 2)]
    names = [
        re.findall(r'<th scope="row" class="kern-table__cell"><a [^>]*>([^<]*)</a>', html)
        for html in pages
    ]
    # Two matrices per page, each with the page's Quartiere.
    assert len(names[0]) == 2 * QUARTIERE_JE_SEITE and len(names[1]) == 2 * 5
    assert set(names[0]).isdisjoint(names[1])
    assert set(names[0]) | set(names[1]) == {z.quartier.name for z in alle.handlungsfelder.zeilen}
    for html in pages:
        page = text(html)
        assert (
            "Die Matrizen zeigen die Quartiere" in page and f"von {QUARTIERE_JE_SEITE + 5}" in page
        )
        matrix = alle.handlungsfelder
        assert f"{matrix.luecken} Lücke" in page
        assert f"{matrix.parallelstrukturen} Zelle" in page
        foot = re.search(r"<tfoot>.*?</tfoot>", html, re.S).group(0)
        assert "Summe aller Quartiere" in foot
    assert re.search(r"<tfoot>.*?</tfoot>", pages[0], re.S).group(0) == re.search(
        r"<tfoot>.*?</tfoot>", pages[1], re.S
    ).group(0)
    # Cell links carry the filter, not the page.
    assert "page=" not in "".join(re.findall(r'href="[^"]*luecken/zelle[^"]*"', pages[1]))
    rows = csv_rows(client.get(CSV, {"schwelle": 2}))[1:]
    spalten = len(alle.handlungsfelder.spalten) + len(alle.zielgruppen.spalten)
    assert len(rows) == (QUARTIERE_JE_SEITE + 5) * spalten
