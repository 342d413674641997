"""The report period as datetimes: Termine count by their start in Europe/Berlin."""

import datetime

from django.utils import timezone

from netzwerk.models import Termin


def day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def termine_im_zeitraum(von, bis):
    return Termin.objects.filter(
        beginn__gte=day_start(von), beginn__lt=day_start(bis + datetime.timedelta(days=1))
    )
