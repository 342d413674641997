"""Print everything stored about one Person as JSON (DSGVO Auskunft)."""

import json

from django.core.management.base import BaseCommand

from netzwerk.dsgvo import person_export

from ._person_lookup import find_person


class Command(BaseCommand):
    help = "Alle zu einer Person gespeicherten Daten als JSON ausgeben (DSGVO-Auskunft)."

    def add_arguments(self, parser):
        parser.add_argument("person", help="Nummer (pk) oder E-Mail-Adresse der Person")
        parser.add_argument("--output", help="in diese Datei schreiben statt auf die Konsole")

    def handle(self, *args, person, output=None, **options):
        found = find_person(person)
        text = json.dumps(person_export(found), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
            self.stderr.write(f"Daten von Person {found.pk} nach {output} geschrieben.")
        else:
            self.stdout.write(text)
