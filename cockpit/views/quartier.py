"""The composed Quartier page: the quartiere app's page plus the Netzwerk sections.

quartiere may not import netzwerk, so the cockpit (which may import every app) renders the
Quartier page: `quartiere.views.uebersicht.quartier_context` plus Termine, Gremien and Angebote.
"""

from django.db.models import Count, Q
from django.shortcuts import render

from netzwerk import rules as netzwerk_rules
from netzwerk.models import Gremium, Termin
from netzwerk.views.termin_zeilen import with_row_strings
from quartiere.views.uebersicht import quartier_context

UPCOMING_TERMINE = 10
ANGEBOTE_SHOWN = 20


def current_member_counts(gremien, *, on):
    """Annotate `mitglieder_count`: the current Mitgliedschaften, in the same query."""
    current = (Q(mitgliedschaften__von__isnull=True) | Q(mitgliedschaften__von__lte=on)) & (
        Q(mitgliedschaften__bis__isnull=True) | Q(mitgliedschaften__bis__gte=on)
    )
    return gremien.annotate(mitglieder_count=Count("mitgliedschaften", filter=current))


def termine_of(quartier):
    """The Quartier's own Termine and those of its Gremien (as `Termin.for_quartier`), with
    the Gremien's ids fetched first: a condition on the joined Gremium's Quartier cannot use
    an index, so PostgreSQL would read every upcoming Termin of the city to find them."""
    gremien = list(
        Gremium.objects.filter(quartier=quartier).values_list("pk", flat=True).order_by()
    )
    return Termin.objects.filter(Q(quartier=quartier) | Q(gremium__in=gremien))


def netzwerk_context(user, quartier, *, internal, today):
    termine = termine_of(quartier).upcoming().with_related()
    angebote = netzwerk_rules.visible_angebote(user).filter(quartier=quartier).with_related()
    oeffentliche_termine = with_row_strings(termine.public()[:UPCOMING_TERMINE])
    context = {
        "oeffentliche_termine": oeffentliche_termine,
        # Internal users also see inactive Angebote, marked as such (the rule chooses).
        "angebote": angebote.order_by("-aktiv", "titel", "pk")[:ANGEBOTE_SHOWN],
        "angebote_count": angebote.count(),
        "can_create_angebot": netzwerk_rules.can_create_angebot(user, quartier),
        "link_akteure": netzwerk_rules.can_see_verzeichnis(user),
    }
    shown_termine, shown_gremien = oeffentliche_termine, []
    if internal:
        gremien = list(
            current_member_counts(
                Gremium.objects.active().filter(quartier=quartier), on=today
            ).order_by("name")
        )
        interne_termine = with_row_strings(termine.filter(oeffentlich=False)[:UPCOMING_TERMINE])
        context |= {"gremien": gremien, "interne_termine": interne_termine}
        shown_termine, shown_gremien = oeffentliche_termine + interne_termine, gremien
    # Link only what the viewer may open (computed here, once for all rows).
    context |= {
        "openable_termine": netzwerk_rules.openable_termine(user, shown_termine),
        "openable_gremien": netzwerk_rules.openable_gremien(
            user, shown_gremien + [termin.gremium for termin in shown_termine]
        ),
    }
    return context


def quartier_detail(request, slug):
    context = quartier_context(request, slug)
    context |= netzwerk_context(
        request.user, context["quartier"], internal=context["internal"], today=context["today"]
    )
    return render(request, "cockpit/quartier_detail.html", context)
