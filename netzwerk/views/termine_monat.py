"""The Termine month view: a calendar of at most TERMINE_JE_TAG Termine per day, the rest as a
link to that day in the list, optionally for one Quartier. The page stays the same size however
many Termine the city has; the list (paginated) shows every Termin of a day."""

import calendar
import datetime
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.db.models import Count, DateTimeField, ExpressionWrapper, F, Window
from django.db.models.functions import RowNumber, TruncDate
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gwa_portal.core import rules as core_rules
from gwa_portal.core.decorators import require
from gwa_portal.core.listformat import Names, detail_urls, local
from quartiere.filters import QuartierField
from quartiere.models import Quartier

from .. import rules

TERMINE_JE_TAG = 3
SHOWN_FIELDS = ("pk", "titel", "beginn", "status")  # what a calendar cell shows of a Termin
MEHRTAEGIGE = 100  # Termine over several days are few; a cap keeps a data error from flooding

WEEKDAYS = [
    (gettext_lazy("Mo"), gettext_lazy("Montag")),
    (gettext_lazy("Di"), gettext_lazy("Dienstag")),
    (gettext_lazy("Mi"), gettext_lazy("Mittwoch")),
    (gettext_lazy("Do"), gettext_lazy("Donnerstag")),
    (gettext_lazy("Fr"), gettext_lazy("Freitag")),
    (gettext_lazy("Sa"), gettext_lazy("Samstag")),
    (gettext_lazy("So"), gettext_lazy("Sonntag")),
]


class MonatFilterForm(forms.Form):
    quartier = QuartierField(
        label=gettext_lazy("Quartier"),
        queryset=Quartier.objects.order_by("name"),
        to_field_name="slug",
        required=False,
    )


def _month_from_query(request):
    value = request.GET.get("monat", "")
    try:
        day = datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2200 else None


def _shift_month(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def termine_by_day(termine, *, grid_start, grid_end):
    """({day: [Termin]}, {day: number of one-day Termine not shown}, number of all), in two
    queries.

    One-day Termine: the first TERMINE_JE_TAG per day through ROW_NUMBER(), each row carrying
    its day's total (a window COUNT). Termine over several days (or begun before the grid)
    appear on every day they cover."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime.combine(grid_start, datetime.time()))
    end = timezone.make_aware(datetime.datetime.combine(grid_end, datetime.time()))
    letzter = ExpressionWrapper(
        F("ende") - datetime.timedelta(microseconds=1), output_field=DateTimeField()
    )
    spans = termine.filter(beginn__lt=end, ende__gt=start).annotate(
        tag=TruncDate("beginn", tzinfo=tz), bis_tag=TruncDate(letzter, tzinfo=tz)
    )
    eintaegig = (
        spans.filter(beginn__gte=start, bis_tag__lte=F("tag"))
        .annotate(
            nr=Window(RowNumber(), partition_by=F("tag"), order_by=[F("beginn"), F("pk")]),
            am_tag=Window(Count("pk"), partition_by=F("tag")),
        )
        .filter(nr__lte=TERMINE_JE_TAG)
        .order_by("beginn", "pk")
    )
    mehrtaegig = spans.exclude(beginn__gte=start, bis_tag__lte=F("tag"))  # NOT (one-day)
    by_day, weitere, am_tag = {}, {}, {}
    mehrtaegig = list(mehrtaegig.only(*SHOWN_FIELDS).order_by("beginn", "pk")[:MEHRTAEGIGE])
    for termin in mehrtaegig:
        day, last = max(termin.tag, grid_start), min(termin.bis_tag, grid_end)
        while day <= last:
            by_day.setdefault(day, []).append(termin)
            day += datetime.timedelta(days=1)
    for termin in eintaegig.only(*SHOWN_FIELDS):
        by_day.setdefault(termin.tag, []).append(termin)
        weitere[termin.tag] = termin.am_tag - min(termin.am_tag, TERMINE_JE_TAG)
        am_tag[termin.tag] = termin.am_tag
    for day in by_day:
        by_day[day].sort(key=lambda t: (t.beginn, t.pk))
    return by_day, weitere, sum(am_tag.values()) + len(mehrtaegig)


def _day_list_url(day, quartier):
    query = {"zeitraum": "", "von": day.isoformat(), "bis": day.isoformat()}
    if quartier is not None:
        query["quartier"] = quartier.slug
    return f"{reverse('netzwerk:termin_list')}?{urlencode(query)}"


@require(core_rules.is_network_member)
def termin_month(request, jahr=None, monat=None):
    if jahr is None:
        if "monat" in request.GET:
            chosen = _month_from_query(request)
            if chosen is not None:
                return redirect("netzwerk:termin_month", chosen.year, chosen.month)
            messages.error(
                request,
                _("Den Monat „%(monat)s“ gibt es nicht. Angezeigt wird der aktuelle Monat.")
                % {"monat": request.GET["monat"][:20]},
            )
        today = timezone.localdate()
        jahr, monat = today.year, today.month
    if not (1900 <= jahr <= 2200 and 1 <= monat <= 12):
        raise Http404
    form = MonatFilterForm(request.GET if "quartier" in request.GET else None)
    quartier = form.cleaned_data["quartier"] if form.is_bound and form.is_valid() else None
    termine = rules.visible_termine(request.user)
    if quartier is not None:
        termine = termine.for_quartier(quartier)
    first = datetime.date(jahr, monat, 1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(jahr, monat)
    grid_start, grid_end = weeks[0][0], weeks[-1][-1]
    by_day, weitere, count = termine_by_day(
        termine, grid_start=grid_start, grid_end=grid_end + datetime.timedelta(days=1)
    )
    today = timezone.localdate()
    names, termin_url = Names(), detail_urls("netzwerk:termin_detail")
    for termine_des_tages in by_day.values():
        for termin in termine_des_tages:  # a Termin over several days: once is enough
            termin.url = termin_url(termin.pk)
            termin.uhrzeit = f"{local(termin.beginn):%H:%M}"
    rows = [
        {
            "kw": week[0].isocalendar().week,
            "days": [
                {
                    "date": day,
                    "in_month": day.month == monat,
                    "today": day == today,
                    # The cell's strings, formatted here once instead of by |date per cell.
                    "wochentag": names.weekdays[day.weekday()],
                    "monat_kurz": "" if day.month == monat else names.months_abbr[day.month],
                    "termine": by_day.get(day, []),
                    "weitere": weitere.get(day, 0),
                    "tag_url": _day_list_url(day, quartier) if weitere.get(day) else "",
                    "am": names.day_month(day) if weitere.get(day) else "",
                }
                for day in week
            ],
        }
        for week in weeks
    ]
    prev, nxt = _shift_month(first, -1), _shift_month(first, 1)
    keep = f"?{urlencode({'quartier': quartier.slug})}" if quartier else ""
    context = {
        "first": first,
        "rows": rows,
        "weekdays": WEEKDAYS,
        "prev": prev,
        "next": nxt,
        "prev_url": reverse("netzwerk:termin_month", args=[prev.year, prev.month]) + keep,
        "next_url": reverse("netzwerk:termin_month", args=[nxt.year, nxt.month]) + keep,
        "count": count,
        "form": form,
        "quartier": quartier,
        "je_tag": TERMINE_JE_TAG,
        "can_manage_orte": rules.can_manage_orte(request.user),
        "can_create": rules.can_create_termin(request.user),
    }
    return render(request, "netzwerk/termine/month.html", context)
