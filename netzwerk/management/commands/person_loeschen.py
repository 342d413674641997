"""Erase (anonymise) one Person under DSGVO; running it again says there is nothing to do."""

from django.core.management.base import BaseCommand, CommandError

from netzwerk.dsgvo import person_erase

from ._person_lookup import find_person


class Command(BaseCommand):
    help = (
        "Eine Person löschen (anonymisieren): Kontaktdaten weg, Teilnahmen und Antworten "
        "bleiben gezählt. Verlangt --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("person", help="Nummer (pk) oder E-Mail-Adresse der Person")
        parser.add_argument("--yes", action="store_true", help="ja, wirklich löschen")

    def handle(self, *args, person, yes=False, **options):
        found = find_person(person)
        if not yes:
            raise CommandError(
                f"Person {found.pk} wird nur mit --yes gelöscht. Das lässt sich nicht rückgängig "
                "machen; exportieren Sie vorher bei Bedarf mit person_export."
            )
        erasure = person_erase(person=found, by=None)
        if erasure.already_erased:
            self.stdout.write(f"Person {found.pk} ist schon gelöscht; nichts zu tun.")
            return
        kept = erasure.kept
        self.stdout.write(
            "\n".join(
                [
                    f"Person {found.pk} gelöscht (anonymisiert): jetzt „{erasure.person.name}“.",
                    "Entfernt: Name, E-Mail, Telefon, Funktion, Einwilligung, Kalender-Link"
                    + (", Verknüpfung mit dem Zugang" if erasure.zugang_entfernt else "")
                    + ".",
                    f"Kommentare zu Einladungen geleert: {erasure.kommentare_geleert}.",
                    f"Laufende Mitgliedschaften beendet: {erasure.mitgliedschaften_beendet}.",
                    "Erhalten (ohne Personenbezug): "
                    f"{kept['einladungen']} Einladungen, {kept['teilnahmen']} Teilnahmen, "
                    f"{kept['mitgliedschaften']} Mitgliedschaften, {kept['aufgaben']} Aufgaben.",
                ]
            )
        )
