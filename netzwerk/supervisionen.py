"""Supervision groups: who belongs, when they meet, who came. Never what was said.

Attendance uses the general Teilnahme rows (Termin × Person), so it is counted like any other
meeting and survives a Person's erasure. A member without a Person in the directory gets one,
made from the User's name and e-mail, with the purpose „Teilnahme an Supervision“.
"""

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from gwa_portal.core.audit import delete_logged, log_bulk_create

from .models import Person, Teilnahme

ZWECK = "Teilnahme an Supervision"


def person_for_user(user):
    """The user's Person; created (or an unlinked contact with the same e-mail linked) if
    missing."""
    person = Person.objects.filter(user=user).first()
    if person is not None:
        return person
    same_email = (
        Person.objects.active()
        .annotate(email_lower=Lower("email"))
        .filter(email_lower=user.email.lower(), user__isnull=True)
        .first()
    )
    if same_email is not None:
        same_email.user = user
        same_email.save(update_fields=["user", "updated_at"])
        return same_email
    taken = Person.objects.filter(email__iexact=user.email).exists()
    return Person.objects.create(
        user=user,
        name=user.name or user.email,
        email="" if taken else user.email,
        einwilligung_zweck=_(ZWECK),
        einwilligung_am=timezone.localdate(),
    )


def set_attendance(*, termin, present_users):
    """Record exactly `present_users` as present at the supervision Termin."""
    with transaction.atomic():
        persons = [person_for_user(user) for user in present_users]
        keep = [p.pk for p in persons]
        delete_logged(
            termin.teilnahmen.exclude(person__in=keep)
            .filter(person__user__isnull=False)
            .select_related("person", "termin")
        )
        already = set(termin.teilnahmen.filter(person__in=keep).values_list("person", flat=True))
        new = {p.pk: p for p in persons if p.pk not in already}
        # ignore_conflicts (a colleague saving the same list) sets no pks: read the rows back.
        Teilnahme.objects.bulk_create(
            [Teilnahme(termin=termin, person=p) for p in new.values()], ignore_conflicts=True
        )
        created = list(termin.teilnahmen.filter(person__in=new))
        for teilnahme in created:
            teilnahme.person = new[teilnahme.person_id]
        log_bulk_create(created)
    return len(persons)
