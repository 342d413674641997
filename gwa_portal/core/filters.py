import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Role, User


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suche (Name oder E-Mail)"), method="search")
    role = django_filters.ChoiceFilter(
        label=_("Rolle"), choices=Role.choices, empty_label=_("alle Rollen")
    )
    is_active = django_filters.BooleanFilter(
        label=_("Status"),
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = User
        fields = ["q", "role", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(email__icontains=value))
