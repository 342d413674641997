"""django-filter FilterSets of the quartiere app, one module per topic."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import Quartier


def chosen_quartier(filterset):
    """The Quartier a list is filtered to, or None (no choice, or the filter is invalid)."""
    return filterset.form.cleaned_data.get("quartier") if filterset.is_valid() else None


class QuartierInput(forms.TextInput):
    """Shows the chosen Quartier's name although links name it by slug."""

    queryset = Quartier.objects.none()

    def format_value(self, value):
        if value in (None, ""):
            return None
        name = self.queryset.filter(slug=value).values_list("name", flat=True).first()
        return name or super().format_value(value)


class QuartierField(forms.ModelChoiceField):
    """A Quartier typed by name (or named by slug in a link). A <select> of every Quartier would
    grow with the city and make every list page heavier; a unique part of a name is enough."""

    widget = QuartierInput
    default_error_messages = {
        "invalid_choice": _("Es gibt kein Quartier mit diesem Namen."),
        "ambiguous": _(
            "Mehrere Quartiere passen zu „%(value)s“, zum Beispiel %(names)s. "
            "Bitte geben Sie den Namen genauer an."
        ),
    }

    def __init__(self, *args, **kwargs):
        kwargs.pop("empty_label", None)
        super().__init__(*args, empty_label=None, **kwargs)
        self.widget.queryset = self.queryset

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.queryset = self.queryset

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()[:100]
        quartiere = self.queryset
        exact = quartiere.filter(slug=value).first() or quartiere.filter(name__iexact=value).first()
        if exact is not None:
            return exact
        candidates = list(quartiere.filter(name__icontains=value).order_by("name")[:3])
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            raise ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={"value": value, "names": ", ".join(q.name for q in candidates[:2])},
            )
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def validate(self, value):
        forms.Field.validate(self, value)


class QuartierChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = QuartierField


def quartier_filter(field_name="quartier", **kwargs):
    """The Quartier filter of every list: typed by name; links name it by slug (?quartier=wiesenau)."""
    return QuartierChoiceFilter(
        field_name=field_name,
        label=_("Quartier"),
        queryset=Quartier.objects.order_by("name"),
        to_field_name="slug",
        **kwargs,
    )
