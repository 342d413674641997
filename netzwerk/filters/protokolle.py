"""Filter of the staff's Aufgaben list."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.filters import FilterSet

from ..models import Gremium, Person

OFFEN, UEBERFAELLIG, ERLEDIGT = "offen", "ueberfaellig", "erledigt"


class AufgabeFilter(FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(OFFEN, _("offen")), (UEBERFAELLIG, _("überfällig")), (ERLEDIGT, _("erledigt"))],
        empty_label=_("alle"),
        method="filter_status",
    )
    gremium = django_filters.ModelChoiceFilter(
        label=_("Gremium"),
        field_name="protokoll__termin__gremium",
        queryset=Gremium.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("alle Gremien"),
    )
    verantwortlich = django_filters.ModelChoiceFilter(
        label=_("verantwortlich"),
        queryset=Person.objects.filter(aufgaben__isnull=False).distinct().order_by("name"),
        empty_label=_("alle Personen"),
    )

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == OFFEN:
            return queryset.filter(erledigt=False)
        if value == UEBERFAELLIG:
            return queryset.filter(erledigt=False, faellig_am__lt=today)
        if value == ERLEDIGT:
            return queryset.filter(erledigt=True)
        return queryset
