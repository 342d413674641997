"""The dashboard's reads: one small, fixed set of SQL queries per section and role.

Every figure is counted or summed in the database; the lists are sliced there too, so the
number of queries does not grow with the data. A *scope* is the set of Quartiere a section
covers: every Quartier for the Fachstelle, the user's own for a Koordination.
"""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from befragung.models import Befragung, Rueckmeldung
from gwa_portal.core.models import Role
from gwa_portal.core.queries import count_per_row
from netzwerk import fortbildungen
from netzwerk import rules as netzwerk_rules
from netzwerk.models import Aufgabe, Termin
from quartiere.models import Aktivitaet, Koordination, Quartier, Stadtteil

ACTIVITY_DAYS = 90
SHOWN = 10
STADTTEILE_SHOWN = 10  # rows per page of the Fachstelle's Stadtteil table


@dataclass(frozen=True)
class Stufe:
    key: str
    label: str
    minimum: int


# Fixed bands (not relative to the busiest Quartier), so a Stufe means the same every day.
STUFEN = [
    Stufe("hoch", _("hoch"), 15),
    Stufe("mittel", _("mittel"), 5),
    Stufe("gering", _("gering"), 1),
    Stufe("keine", _("keine"), 0),
]


def stufe_of(count):
    return next(stufe for stufe in STUFEN if count >= stufe.minimum)


def activity_since(today):
    return today - datetime.timedelta(days=ACTIVITY_DAYS - 1)


def quartiere_activity(scope, *, today):
    """The Quartiere in `scope` with `aktivitaeten_neu` (last 90 days) and `stufe`, one query."""
    rows = list(
        scope.with_stadtteil()
        .with_recent_activity_count(since=activity_since(today))
        .order_by("name")
    )
    for quartier in rows:
        quartier.stufe = stufe_of(quartier.aktivitaeten_neu)
    return rows


def recent_activity_total(scope, *, today):
    """The Aktivitäten of the last 90 days in `scope` (None: the whole city), one aggregate."""
    aktivitaeten = Aktivitaet.objects.filter(datum__gte=activity_since(today))
    if scope is not None:
        aktivitaeten = aktivitaeten.filter(quartier__in=scope)
    return aktivitaeten.count()


def stadtteile_activity(*, today, page_number=None):
    """The city folded into its Stadtteile, a page at a time: per Stadtteil its Quartiere, their
    Aktivitäten of the last 90 days and the Quartiere without any. Three queries at any size (the
    page, its count, the page's Quartiere), so the start page does not grow with the city."""
    stadtteile = Stadtteil.objects.filter(
        Exists(Quartier.objects.filter(stadtteil=OuterRef("pk")))
    ).order_by("art", "name")
    page = Paginator(stadtteile, STADTTEILE_SHOWN).get_page(page_number)
    rows = {s.pk: s for s in page.object_list}
    for stadtteil in rows.values():
        stadtteil.quartiere_anzahl = stadtteil.aktivitaeten_neu = stadtteil.ohne_aktivitaet = 0
    # Counted per Quartier from the index on (quartier, datum), not per Stadtteil through a join.
    quartiere = (
        Quartier.objects.filter(stadtteil__in=list(rows))
        .order_by()
        .with_recent_activity_count(since=activity_since(today))
        .values_list("stadtteil", "aktivitaeten_neu")
    )
    for stadtteil_id, anzahl in quartiere:
        stadtteil = rows[stadtteil_id]
        stadtteil.quartiere_anzahl += 1
        stadtteil.aktivitaeten_neu += anzahl
        stadtteil.ohne_aktivitaet += not anzahl
    return page


def activity_map_data(rows):
    """{slug: {anzahl, stufe, label}} for the map's data attribute (karte.js shades by it)."""
    return {
        q.slug: {"anzahl": q.aktivitaeten_neu, "stufe": q.stufe.key, "label": str(q.stufe.label)}
        for q in rows
    }


def _termine_in(scope):
    return Termin.objects.filter(Q(quartier__in=scope) | Q(gremium__quartier__in=scope))


def upcoming_termine(user, scope=None):
    """The next Termine the user sees, in `scope` when given (None: all the user may see)."""
    termine = netzwerk_rules.visible_termine(user)
    if scope is not None:
        termine = termine.filter(pk__in=_termine_in(scope).values("pk"))
    return list(termine.upcoming().with_related()[:SHOWN])


def _aufgaben_in(scope):
    aufgaben = Aufgabe.objects.released().open()
    if scope is None:
        return aufgaben
    return aufgaben.filter(
        Q(protokoll__termin__quartier__in=scope) | Q(protokoll__termin__gremium__quartier__in=scope)
    )


def aufgaben_summary(scope, *, today):
    """Counts of open and overdue Aufgaben (one aggregate) and the most overdue ones."""
    aufgaben = _aufgaben_in(scope)
    counts = aufgaben.aggregate(
        offen=Count("pk"), ueberfaellig=Count("pk", filter=Q(faellig_am__lt=today))
    )
    overdue = list(
        aufgaben.overdue(today=today).with_related().order_by("faellig_am", "pk")[:SHOWN]
    )
    return {"counts": counts, "ueberfaellig": overdue}


def _running(scope, *, today):
    befragungen = Befragung.objects.running(today=today)
    if scope is not None:
        citywide = ~Q(pk__in=Befragung.quartiere.through.objects.values("befragung"))
        covering = Q(
            pk__in=Befragung.quartiere.through.objects.filter(quartier__in=scope).values(
                "befragung"
            )
        )
        befragungen = befragungen.filter(citywide | covering)
    return befragungen


def running_befragungen(scope, *, today):
    """Running surveys with their answer counts; in `scope`: covering one of its Quartiere or citywide.

    The count is a subquery per shown survey (PostgreSQL evaluates it after the LIMIT, from the
    index on befragung_id), not a join that counts every Rückmeldung of every running survey."""
    return list(
        _running(scope, today=today)
        .annotate(antworten_count=count_per_row(Rueckmeldung.objects, "befragung"))
        .order_by("ende", "slug")[:SHOWN]
    )


def running_befragungen_count(scope, *, today):
    return _running(scope, today=today).count()


def at_a_glance(context, *, today):
    """The key figures above the sections: (key, label, value, hint, anchor), all exact."""
    aufgaben = context["aufgaben"]["counts"]
    figures = [
        (
            "aktivitaeten",
            _("Aktivitäten, letzte %(n)s Tage") % {"n": ACTIVITY_DAYS},
            context["aktivitaeten_gesamt"],
            "",
            "aktivitaet",
        ),
        (
            "aufgaben",
            _("offene Aufgaben"),
            aufgaben["offen"],
            _("davon %(n)s überfällig") % {"n": aufgaben["ueberfaellig"]},
            "aufgaben",
        ),
        (
            "befragungen",
            _("laufende Befragungen"),
            context["befragungen_anzahl"],
            "",
            "befragungen",
        ),
    ]
    if "ohne_koordination" in context:
        figures.append(
            (
                "ohne-koordination",
                _("Quartiere ohne Koordination"),
                context["ohne_koordination"].paginator.count,
                "",
                "ohne-koordination",
            )
        )
    stunden = context["fortbildung"]["stunden"]
    figures.append(
        (
            "fortbildung",
            _("Fortbildungsstunden %(jahr)s") % {"jahr": today.year},
            stunden,
            "",
            "fortbildung",
        )
    )
    return [
        {"key": key, "label": label, "wert": wert, "hinweis": hinweis, "anker": anker}
        for key, label, wert, hinweis, anker in figures
    ]


def quartiere_ohne_koordination(*, today):
    """The first SHOWN Quartiere without a Koordination today (a page: `.paginator.count` is all
    of them; the Quartiere list filters the rest)."""
    quartiere = (
        Quartier.objects.with_stadtteil()
        .exclude(pk__in=Koordination.objects.current(on=today).values("quartier"))
        .order_by("name")
    )
    return Paginator(quartiere, SHOWN).get_page(1)


def training_hours(*, year, user=None):
    """{stunden, teilnahmen} in courses that count for `year` (of `user`, or everyone)."""
    return fortbildungen.hours_in_year(year=year, user=user)


def week_of(today):
    monday = today - datetime.timedelta(days=today.weekday())
    return monday, monday + datetime.timedelta(days=6)


def diese_woche(user, scope, *, today):
    """A Koordination's week: their Termine and their Aufgaben due from Monday to Sunday."""
    monday, sunday = week_of(today)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(monday, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(
        sunday + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    mine = (
        Q(pk__in=_termine_in(scope).values("pk"))
        | Q(organisator=user)
        | Q(einladungen__person__user=user)
    )
    termine = list(
        netzwerk_rules.visible_termine(user)
        .filter(pk__in=Termin.objects.filter(mine).values("pk"))
        .filter(beginn__gte=start, beginn__lt=end)
        .with_related()
        .order_by("beginn", "pk")[:SHOWN]
    )
    aufgaben = list(
        Aufgabe.objects.released()
        .open()
        .filter(
            Q(pk__in=_aufgaben_in(scope).values("pk")) | Q(verantwortlich__user=user),
            faellig_am__gte=monday,
            faellig_am__lte=sunday,
        )
        .with_related()
        .order_by("faellig_am", "pk")[:SHOWN]
    )
    return {"von": monday, "bis": sunday, "termine": termine, "aufgaben": aufgaben}


def personal_gremien(user):
    """The Gremien the user's Person belongs to today, with their Quartier."""
    return list(
        netzwerk_rules.member_gremien(user).active().select_related("quartier").order_by("name")
    )


def personal_termine(user):
    """Upcoming Termine the user is invited to or that belong to one of their Gremien."""
    invited = Termin.objects.filter(einladungen__person__user=user).values("pk")
    termine = Termin.objects.filter(
        Q(pk__in=invited) | Q(gremium__in=netzwerk_rules.member_gremien(user))
    )
    return list(termine.upcoming().with_related()[:SHOWN])


def fachstelle_dashboard(user, *, today, stadtteile_seite=None):
    return {
        "stadtteile": stadtteile_activity(today=today, page_number=stadtteile_seite),
        "aktivitaeten_gesamt": recent_activity_total(None, today=today),
        "termine": upcoming_termine(user),
        "aufgaben": aufgaben_summary(None, today=today),
        "befragungen": running_befragungen(None, today=today),
        "befragungen_anzahl": running_befragungen_count(None, today=today),
        "ohne_koordination": quartiere_ohne_koordination(today=today),
        "fortbildung": training_hours(year=today.year),
    }


def koordination_dashboard(user, *, today):
    # Evaluated once: the list feeds every section as a plain pk list (no repeated join).
    own = list(Quartier.objects.coordinated_by(user, on=today).values_list("pk", flat=True))
    scope = Quartier.objects.filter(pk__in=own)
    rows = quartiere_activity(scope, today=today)  # one's own Quartiere: a short list
    return {
        "own_count": len(own),
        "quartiere_aktivitaet": rows,
        "aktivitaeten_gesamt": sum(q.aktivitaeten_neu for q in rows),
        "termine": upcoming_termine(user, scope),
        "aufgaben": aufgaben_summary(scope, today=today),
        "befragungen": running_befragungen(scope, today=today),
        "befragungen_anzahl": running_befragungen_count(scope, today=today),
        "fortbildung": training_hours(year=today.year, user=user),
        "woche": diese_woche(user, scope, today=today),
    }


def activity_map_scope(user, *, today):
    """The Quartiere the activity map shades: all for the Fachstelle, one's own for a Koordination."""
    if user.role == Role.FACHSTELLE:
        return Quartier.objects.all()
    return Quartier.objects.filter(
        pk__in=Quartier.objects.coordinated_by(user, on=today).values("pk")
    )


def personal_dashboard(user):
    return {"gremien": personal_gremien(user), "termine": personal_termine(user)}
