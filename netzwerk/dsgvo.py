"""DSGVO for Personen: export everything stored about one (Art. 15/20) and erase one (Art. 17).

Erasure anonymises the row instead of deleting it: attendance, answers, memberships and tasks
stay countable (how many came to the Runde Tisch), but nothing in them points to a person any
more. The Akteur:in link stays, because it names an organisation, not the person. The audit trail
keeps who changed the Person when, but loses the erased values (gwa_portal.core.audit.redact_log).
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gwa_portal.core.audit import redact_log, update_logged

from .models import Aufgabe, Einladung, Mitgliedschaft, Person, Teilnahme
from .models.termine import Erinnerung
from .models.verzeichnis import new_calendar_token

log = logging.getLogger(__name__)

ERASED_NAME = "Gelöschte Person"
# Values the audit trail may keep for an erased Person: an organisation and the erasure itself.
KEPT_IN_AUDIT_LOG = ("id", "akteur", "geloescht_am")


def _iso(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _termin(termin):
    return {
        "titel": termin.titel,
        "beginn": _iso(termin.beginn),
        "ende": _iso(termin.ende),
        "gremium": termin.gremium.name if termin.gremium_id else None,
    }


def person_export(person):
    """Everything stored about `person`, as a JSON-serialisable dict."""
    person = Person.objects.select_related("akteur", "user").get(pk=person.pk)
    mitgliedschaften = Mitgliedschaft.objects.filter(person=person).select_related("gremium")
    einladungen = (
        Einladung.objects.filter(person=person)
        .select_related("termin", "termin__gremium")
        .prefetch_related("erinnerungen")
        .order_by("termin__beginn", "pk")
    )
    teilnahmen = (
        Teilnahme.objects.filter(person=person)
        .select_related("termin", "termin__gremium")
        .order_by("termin__beginn", "pk")
    )
    aufgaben = Aufgabe.objects.filter(verantwortlich=person).select_related(
        "protokoll__termin", "protokoll__termin__gremium"
    )
    user = person.user
    return {
        "exportiert_am": _iso(timezone.now()),
        "person": {
            "id": person.pk,
            "name": person.name,
            "email": person.email,
            "telefon": person.telefon,
            "funktion": person.funktion,
            "einwilligung_am": _iso(person.einwilligung_am),
            "einwilligung_zweck": person.einwilligung_zweck,
            "angelegt_am": _iso(person.created_at),
            "geaendert_am": _iso(person.updated_at),
            "geloescht_am": _iso(person.geloescht_am),
        },
        "akteur": (
            {"name": person.akteur.name, "art": person.akteur.get_art_display()}
            if person.akteur_id
            else None
        ),
        "zugang": (
            {"email": user.email, "name": user.name, "rolle": user.get_role_display()}
            if user
            else None
        ),
        "mitgliedschaften": [
            {
                "gremium": m.gremium.name,
                "rolle": m.get_rolle_display(),
                "von": _iso(m.von),
                "bis": _iso(m.bis),
            }
            for m in mitgliedschaften
        ],
        "einladungen": [
            {
                "termin": _termin(e.termin),
                "antwort": e.get_antwort_display(),
                "kommentar": e.kommentar,
                "beantwortet_am": _iso(e.beantwortet_am),
                "zuletzt_versandt_am": _iso(e.sent_at),
                "erinnerungen_versandt_am": [
                    _iso(r.sent_at) for r in e.erinnerungen.all() if r.sent_at
                ],
            }
            for e in einladungen
        ],
        "teilnahmen": [{"termin": _termin(t.termin)} for t in teilnahmen],
        "aufgaben": [
            {
                "beschreibung": a.beschreibung,
                "termin": _termin(a.protokoll.termin),
                "faellig_am": _iso(a.faellig_am),
                "erledigt": a.erledigt,
                "erledigt_am": _iso(a.erledigt_am),
            }
            for a in aufgaben
        ],
    }


@dataclass
class Erasure:
    """What `person_erase` did; `already_erased` when there was nothing left to do."""

    person: Person
    already_erased: bool = False
    kommentare_geleert: int = 0
    mitgliedschaften_beendet: int = 0
    zugang_entfernt: bool = False
    kept: dict = field(default_factory=dict)


def person_erase(*, person, by):
    """Anonymise `person` in one transaction; running it again changes nothing."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.is_erased:
            return Erasure(person=person, already_erased=True)
        today = timezone.localdate()
        erasure = Erasure(person=person, zugang_entfernt=person.user_id is not None)
        erased_texts = [person.name, person.email, person.telefon]
        person.name = f"{ERASED_NAME} {person.pk}"
        person.email = ""
        person.telefon = ""
        person.funktion = ""
        person.einwilligung_am = None
        person.einwilligung_zweck = ""
        person.user = None
        person.kalender_token = new_calendar_token()
        person.geloescht_am = timezone.now()
        person.save()
        # Logged like any change (redact_log below empties the old comments in the entries).
        erasure.kommentare_geleert = update_logged(
            Einladung.objects.filter(person=person)
            .exclude(kommentar="")
            .select_related("person", "termin"),
            kommentar="",
        )
        # Memberships end today (history stays), so that nobody invites an empty address.
        open_ones = Mitgliedschaft.objects.filter(person=person, bis__isnull=True)
        erasure.mitgliedschaften_beendet = update_logged(
            open_ones.filter(Q(von__isnull=True) | Q(von__lte=today)).select_related(
                "person", "gremium"
            ),
            bis=today,
        )
        open_ones.filter(von__gt=today).delete()
        erasure.kept = {
            "einladungen": Einladung.objects.filter(person=person).count(),
            "erinnerungen": Erinnerung.objects.filter(einladung__person=person).count(),
            "teilnahmen": Teilnahme.objects.filter(person=person).count(),
            "mitgliedschaften": Mitgliedschaft.objects.filter(person=person).count(),
            "aufgaben": Aufgabe.objects.filter(verantwortlich=person).count(),
        }
        einladungen = Einladung.objects.filter(person=person).values_list("pk", flat=True)
        redact_log(
            instance=person,
            keep_fields=KEPT_IN_AUDIT_LOG,
            texts=erased_texts,
            text_fields=("name", "email", "telefon"),
            related=[(Einladung, einladungen, ("kommentar",))],
        )
    log.info("Person %s anonymised by user %s", person.pk, getattr(by, "pk", None))
    return erasure
