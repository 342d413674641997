"""Quartiere: the public and internal overview, the map data, and the page of each Quartier.

Public visitors (and partners) see a Quartier's profile, its public contact, the coordinators
only where the Quartier publishes them, and public Maßnahmen. Everything else on the Quartier
page is internal.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gwa_portal.core import charts

from .. import geo, rules
from ..filters.uebersicht import QuartierFilter
from ..models import Aktivitaet, Bedarf, Kennzahl, Massnahme, Merkmal, Quartier

RECENT_ACTIVITIES = 10
CHART_MONTHS = 12


def last_months(today, count=CHART_MONTHS):
    """The first days of the `count` calendar months up to and including today's, oldest first."""
    months = []
    year, month = today.year, today.month
    for _i in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def next_month(day):
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def index(request):
    user = request.user
    internal = rules.can_see_internal(user)
    quartiere = Quartier.objects.with_stadtteil().order_by("stadtteil__name", "name")
    since = last_months(timezone.localdate())[0]
    if internal:
        quartiere = (
            quartiere.with_current_koordinationen()
            .with_open_bedarfe()
            .with_recent_activity_count(since=since)
        )
    quartier_filter = QuartierFilter(
        request.GET, queryset=quartiere, request=request, internal=internal
    )
    page = Paginator(quartier_filter.qs, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": quartier_filter,
        "page": page,
        "internal": internal,
        "since": since,
        "can_manage_stammdaten": rules.can_manage_stammdaten(user),
        "can_log_activity": rules.can_log_activity(user),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
    return render(request, "quartiere/index.html", context)


def geojson(request):
    """All Quartiere with a boundary as a GeoJSON FeatureCollection (public data only)."""
    features = []
    for quartier in Quartier.objects.with_stadtteil().filter(grenze__isnull=False).order_by("name"):
        geometry = geo.geometry_of(quartier.grenze)
        if not geometry:
            continue
        lat, lon = geo.centroid(quartier.grenze)
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "name": quartier.name,
                    "slug": quartier.slug,
                    "url": quartier.get_absolute_url(),
                    "stadtteil": quartier.stadtteil.name,
                    "typologie": quartier.get_typologie_display(),
                    "grenze_vereinfacht": quartier.grenze_vereinfacht,
                    # GeoJSON order: [longitude, latitude].
                    "label_point": [lon, lat],
                },
            }
        )
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False},
    )


def split_koordinationen(koordinationen, today):
    """(current or upcoming, former) Koordinationen, each newest first."""
    current = [k for k in koordinationen if k.bis is None or k.bis >= today]
    former = [k for k in koordinationen if k.bis is not None and k.bis < today]
    return current, former


def kennzahl_charts(quartier):
    """Two time-series charts: the counts (people) and the percentages, each with its table."""
    rows = list(Kennzahl.objects.series(quartier))
    values = defaultdict(dict)
    for row in rows:
        values[row.merkmal][row.jahr] = row.wert
    groups = [
        (
            "kennzahlen-anzahl",
            _("Einwohner:innen und Altersgruppen"),
            [m for m in Merkmal if m not in Merkmal.percentages()],
            "",
        ),
        ("kennzahlen-anteile", _("Anteile in Prozent"), Merkmal.percentages(), "%"),
    ]
    result = []
    for chart_id, title, merkmale, unit in groups:
        merkmale = [m for m in merkmale if m in values]
        if not merkmale:
            continue
        years = sorted({jahr for m in merkmale for jahr in values[m]})
        result.append(
            charts.line_chart(
                id=chart_id,
                title=title,
                categories=years,
                series=[(m.label, [values[m].get(jahr) for jahr in years]) for m in merkmale],
                unit=unit,
                series_label=_("Merkmal"),
            )
        )
    quellen = sorted({row.quelle for row in rows if row.quelle})
    return result, quellen


def activity_chart(quartier, today):
    """Aktivitäten per month over the last twelve months (months without any show 0)."""
    months = last_months(today)
    rows = (
        Aktivitaet.objects.filter(quartier=quartier)
        .in_period(von=months[0], bis=next_month(months[-1]) - datetime.timedelta(days=1))
        .monthly_counts()
    )
    by_month = {row["monat"]: row for row in rows}
    counts = [by_month[m]["anzahl"] if m in by_month else 0 for m in months]
    chart = charts.bar_chart(
        id="aktivitaeten-monate",
        title=_("Aktivitäten pro Monat"),
        categories=[date_format(m, "M Y") for m in months],
        values=counts,
        value_label=_("Aktivitäten"),
        category_label=_("Monat"),
    )
    totals = {
        "anzahl": sum(counts),
        "teilnehmende": sum(row["teilnehmende"] or 0 for row in by_month.values()),
        "stunden": sum(row["stunden"] or 0 for row in by_month.values()),
    }
    return chart, totals


def internal_context(user, quartier, today):
    current, former = split_koordinationen(
        list(quartier.koordinationen.select_related("user").order_by("-von")), today
    )
    kennzahlen, kennzahl_quellen = kennzahl_charts(quartier)
    monthly, totals = activity_chart(quartier, today)
    return {
        "current_koordinationen": current,
        "former_koordinationen": former,
        "kennzahl_charts": kennzahlen,
        "kennzahl_quellen": kennzahl_quellen,
        "aktivitaeten": Aktivitaet.objects.filter(quartier=quartier).select_related("autor")[
            :RECENT_ACTIVITIES
        ],
        "aktivitaeten_chart": monthly,
        "aktivitaeten_summe": totals,
        "bedarfe": Bedarf.objects.open().filter(quartier=quartier).select_related("handlungsfeld"),
        "massnahmen": Massnahme.objects.for_quartier(quartier),
        "can_edit": rules.can_edit_quartier(user, quartier),
        "can_manage_stammdaten": rules.can_manage_stammdaten(user),
    }


def public_context(quartier):
    koordinationen = []
    if quartier.koordination_oeffentlich:
        koordinationen = quartier.koordinationen.current().select_related("user").order_by("von")
    return {
        "current_koordinationen": koordinationen,
        "massnahmen": Massnahme.objects.public().for_quartier(quartier),
    }


def quartier_context(request, slug):
    """What the Quartier page shows this user; the cockpit's composed page reuses it."""
    quartier = get_object_or_404(Quartier.objects.with_stadtteil(), slug=slug)
    internal = rules.can_see_internal(request.user)
    today = timezone.localdate()
    context = {"quartier": quartier, "internal": internal, "today": today}
    if internal:
        context |= internal_context(request.user, quartier, today)
    else:
        context |= public_context(quartier)
    return context


def detail(request, slug):
    return render(request, "quartiere/detail.html", quartier_context(request, slug))
