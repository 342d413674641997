"""Find the Person a DSGVO command names: by number (pk) or by e-mail address."""

from django.core.management.base import CommandError

from netzwerk.models import Person


def find_person(reference):
    if reference.isdigit():
        person = Person.objects.filter(pk=int(reference)).first()
        if person is None:
            raise CommandError(f"Keine Person mit der Nummer {reference}.")
        return person
    person = Person.objects.filter(email__iexact=reference).first()
    if person is None:
        raise CommandError(
            f"Keine Person mit der E-Mail-Adresse {reference}. Gelöschte Personen haben keine "
            "E-Mail-Adresse mehr: nennen Sie sie mit ihrer Nummer."
        )
    return person
