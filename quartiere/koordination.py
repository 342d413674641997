"""Who coordinates which Quartier: assign, end and hand over a Koordination.

The rows are history: ending one sets `bis`, a handover is a new row, nothing is deleted.
Permission checks (`quartiere.rules`) read these rows, so a change takes effect at once.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gwa_portal.core.models import Role, User

from .models import Koordination, Quartier

COORDINATING_ROLES = (Role.KOORDINATION, Role.FACHSTELLE)


def eligible_users():
    """Active accounts that may coordinate a Quartier."""
    return User.objects.filter(is_active=True, role__in=COORDINATING_ROLES).order_by(
        "name", "email"
    )


def open_koordinationen(quartier):
    """The Koordinationen of `quartier` that have not ended yet (current or planned)."""
    return (
        quartier.koordinationen.exclude(bis__lt=timezone.localdate())
        .select_related("user")
        .order_by("von", "user__name")
    )


def _date(value):
    return formats.date_format(value, "d.m.Y")


def _overlapping(*, quartier, user, von, bis, exclude_pk=None):
    """Koordinationen of `user` in `quartier` whose period meets von–bis (open ends included)."""
    rows = Koordination.objects.filter(quartier=quartier, user=user).filter(
        Q(bis__isnull=True) | Q(bis__gte=von)
    )
    if bis is not None:
        rows = rows.filter(von__lte=bis)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    return rows.order_by("von")


def _check_no_overlap(*, quartier, user, von, bis, exclude_pk=None):
    clash = _overlapping(
        quartier=quartier, user=user, von=von, bis=bis, exclude_pk=exclude_pk
    ).first()
    if clash is None:
        return
    if clash.bis is None:
        period = _("seit dem %(von)s") % {"von": _date(clash.von)}
    else:
        period = _("vom %(von)s bis %(bis)s") % {"von": _date(clash.von), "bis": _date(clash.bis)}
    raise ValidationError(
        _(
            "%(name)s koordiniert %(quartier)s bereits %(period)s. Die Zeiträume derselben Person dürfen sich nicht überschneiden."
        )
        % {"name": user.name, "quartier": quartier.name, "period": period},
        code="overlap",
    )


def _lock(quartier):
    # Serialises concurrent changes to one Quartier's Koordinationen, so the overlap check holds.
    Quartier.objects.select_for_update().filter(pk=quartier.pk).first()


def assign_koordination(*, quartier, user, von):
    """Let `user` coordinate `quartier` from `von` on (open-ended) and return the new row."""
    if not (user.is_active and user.role in COORDINATING_ROLES):
        raise ValidationError(
            _(
                "Nur aktive Zugänge mit der Rolle Koordination oder Fachstelle können ein Quartier koordinieren."
            ),
            code="role",
        )
    with transaction.atomic():
        _lock(quartier)
        _check_no_overlap(quartier=quartier, user=user, von=von, bis=None)
        return Koordination.objects.create(quartier=quartier, user=user, von=von)


def end_koordination(*, koordination, bis):
    """End `koordination` on `bis` (its last day). The row stays as history."""
    today = timezone.localdate()
    if koordination.bis is not None and koordination.bis < today:
        raise ValidationError(
            _("Diese Koordination ist bereits am %(bis)s beendet worden.")
            % {"bis": _date(koordination.bis)},
            code="ended",
        )
    if bis < koordination.von:
        raise ValidationError(
            _(
                "Das Ende darf nicht vor dem Beginn der Koordination (%(von)s) liegen. Bitte wählen Sie ein späteres Datum."
            )
            % {"von": _date(koordination.von)},
            code="before_start",
        )
    with transaction.atomic():
        _lock(koordination.quartier)
        _check_no_overlap(
            quartier=koordination.quartier,
            user=koordination.user,
            von=koordination.von,
            bis=bis,
            exclude_pk=koordination.pk,
        )
        koordination.bis = bis
        koordination.save(update_fields=["bis", "updated_at"])
    return koordination


def hand_over_koordination(*, koordination, to, on):
    """`to` takes over on `on`; `koordination` ends the day before. One transaction, or nothing."""
    if to.pk == koordination.user_id:
        raise ValidationError(
            _("Bitte wählen Sie eine andere Person als die bisherige Koordination."),
            code="same_user",
        )
    last_day = on - datetime.timedelta(days=1)
    if last_day < koordination.von:
        raise ValidationError(
            _(
                "Die Übergabe ist frühestens am Tag nach dem Beginn der bisherigen Koordination möglich, also ab dem %(datum)s."
            )
            % {"datum": _date(koordination.von + datetime.timedelta(days=1))},
            code="before_start",
        )
    with transaction.atomic():
        end_koordination(koordination=koordination, bis=last_day)
        return assign_koordination(quartier=koordination.quartier, user=to, von=on)


def history(quartier, *, on=None):
    """All Koordinationen of `quartier`, newest first, annotated with `zustand`.

    `zustand` is "aktuell" (runs on `on`), "geplant" (starts later) or "beendet".
    """
    on = on or timezone.localdate()
    return (
        quartier.koordinationen.select_related("user")
        .annotate(
            zustand=Case(
                When(von__gt=on, then=Value("geplant")),
                When(bis__lt=on, then=Value("beendet")),
                default=Value("aktuell"),
            )
        )
        .order_by("-von", "user__name")
    )
