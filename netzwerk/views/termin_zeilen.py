"""The strings a row of a Termin list shows, computed once per row in Python.

The same markup as netzwerk/termine/_zeit.html and _status.html, which render one Termin on
its own page: in a list, two includes and six |date filters per row were most of its time."""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from gwa_portal.core.listformat import Names, detail_urls, local

from ..models import Termin

BADGES = {Termin.Status.ABGESAGT: "danger", Termin.Status.STATTGEFUNDEN: "success"}


def zeit_html(termin, names):
    beginn, ende = local(termin.beginn), local(termin.ende)
    if beginn.date() == ende.date():
        return format_html(
            '<time datetime="{}">{}</time>–<time datetime="{}">{}</time> {}',
            beginn.isoformat(),
            names.short_datetime(beginn),
            ende.isoformat(),
            f"{ende:%H:%M}",
            _("Uhr"),
        )
    return format_html(
        '<time datetime="{}">{}</time> {} <time datetime="{}">{}</time> {}',
        beginn.isoformat(),
        names.short_datetime(beginn),
        _("Uhr bis"),
        ende.isoformat(),
        names.short_datetime(ende),
        _("Uhr"),
    )


def status_html(termin, labels):
    badge = BADGES.get(termin.status)
    label = labels.get(termin.status, termin.status)
    if badge is None:
        return label
    return format_html(
        '<span class="kern-badge kern-badge--{}"><span class="kern-label kern-label--small">{}'
        "</span></span>",
        badge,
        label,
    )


def with_row_strings(termine, *, gremien=True):
    """Set `url`, `zeit` and `status_html` on each Termin of a list, the parts of the time for
    cockpit/_termin_zeile.html (`beginn_iso`, `beginn_lang`, `ende_iso`, `ende_uhrzeit`), and
    with `gremien` (the Gremium selected with the Termin) `gremium_url`; returns a list."""
    termine = list(termine)
    names = Names()
    termin_url = detail_urls("netzwerk:termin_detail")
    gremium_url = detail_urls("netzwerk:gremium_detail")
    labels = {value: str(label) for value, label in Termin.Status.choices}
    for termin in termine:
        termin.url = termin_url(termin.pk)
        termin.zeit = zeit_html(termin, names)
        termin.status_html = status_html(termin, labels)
        beginn, ende = local(termin.beginn), local(termin.ende)
        termin.beginn_iso, termin.ende_iso = beginn.isoformat(), ende.isoformat()
        termin.beginn_lang = f"{names.weekdays[beginn.weekday()]}, {beginn:%d.%m.%Y, %H:%M}"
        termin.ende_uhrzeit = f"{ende:%H:%M}"
        if gremien and termin.gremium_id:
            termin.gremium_url = gremium_url(termin.gremium.slug)
    return termine
