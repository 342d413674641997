"""Forms of the Koordination page: assign, end and hand over (the writes live in quartiere.koordination)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.forms import DATE_ERRORS, DateInput

from ..koordination import eligible_users, open_koordinationen
from ..models import Koordination


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_role_display()})"


def user_field(label, help_text=""):
    return UserChoiceField(
        queryset=eligible_users(),
        label=label,
        help_text=help_text,
        error_messages={
            "required": _("Bitte wählen Sie eine Person."),
            "invalid_choice": _(
                "Bitte wählen Sie eine Person aus der Liste. Nur aktive Zugänge der Koordination oder Fachstelle stehen zur Wahl."
            ),
        },
    )


class AssignForm(forms.Form):
    user = user_field(_("Person"))
    von = forms.DateField(
        label=_("koordiniert ab"),
        widget=DateInput,
        error_messages=DATE_ERRORS,
        help_text=_("Ab diesem Tag darf die Person im Quartier Einträge anlegen und ändern."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"von": timezone.localdate()})
        super().__init__(*args, **kwargs)


class EndForm(forms.Form):
    bis = forms.DateField(
        label=_("letzter Tag der Koordination"),
        widget=DateInput,
        error_messages=DATE_ERRORS,
        help_text=_("Nach diesem Tag kann die Person im Quartier nichts mehr ändern."),
    )

    def __init__(self, *args, koordination, **kwargs):
        kwargs.setdefault("initial", {"bis": max(timezone.localdate(), koordination.von)})
        super().__init__(*args, **kwargs)


class KoordinationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(name)s (ab %(von)s)") % {"name": obj.user.name, "von": f"{obj.von:%d.%m.%Y}"}


class HandOverForm(forms.Form):
    koordination = KoordinationChoiceField(
        queryset=Koordination.objects.none(),
        label=_("bisherige Koordination"),
        empty_label=None,
        error_messages={
            "required": _("Bitte wählen Sie die bisherige Koordination."),
            "invalid_choice": _(
                "Bitte wählen Sie eine laufende Koordination dieses Quartiers aus der Liste."
            ),
        },
    )
    nachfolge = user_field(_("Nachfolge"))
    datum = forms.DateField(
        label=_("Übergabe am"),
        widget=DateInput,
        error_messages=DATE_ERRORS,
        help_text=_(
            "Ab diesem Tag koordiniert die Nachfolge. Die bisherige Koordination endet am Tag davor."
        ),
    )

    def __init__(self, *args, quartier, **kwargs):
        kwargs.setdefault("initial", {"datum": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["koordination"].queryset = open_koordinationen(quartier)
