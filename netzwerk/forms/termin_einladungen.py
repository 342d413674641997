"""The form to invite more Personen to a Termin later."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.forms import ChoiceSearchFormMixin, search_field

from ..einladbar import (
    PERSON_SUCHE_HELP,
    invitable_members,
    invitable_personen,
    search_personen_field,
)


class EinladenForm(ChoiceSearchFormMixin, forms.Form):
    """Invite more people to a Termin later."""

    mitglieder = forms.BooleanField(
        label=_("Alle Mitglieder des Gremiums einladen, die noch nicht eingeladen sind"),
        required=False,
    )
    personen_suche = search_field(_("Personen suchen"), PERSON_SUCHE_HELP)
    personen = search_personen_field(
        _("Weitere Personen"),
        _(
            "Zur Wahl stehen Personen mit E-Mail-Adresse, die noch nicht eingeladen sind. Ausgewählte bleiben beim nächsten Suchen ausgewählt."
        ),
        search_field_name="personen_suche",
    )

    def __init__(self, *args, termin, **kwargs):
        super().__init__(*args, **kwargs)
        self.termin = termin
        invited = termin.einladungen.values("person")
        self.fields["personen"].queryset = invitable_personen().exclude(pk__in=invited)
        self.uninvited_members = (
            list(invitable_members(termin.gremium).exclude(pk__in=invited))
            if termin.gremium_id
            else []
        )
        if not self.uninvited_members:
            self.fields.pop("mitglieder")
        else:
            self.fields["mitglieder"].help_text = ", ".join(p.name for p in self.uninvited_members)

    def clean(self):
        cleaned = super().clean()
        if self.termin.is_cancelled:
            raise forms.ValidationError(
                _("Zu einem abgesagten Termin kann niemand mehr eingeladen werden.")
            )
        if (
            not cleaned.get("mitglieder")
            and not cleaned.get("personen")
            and "personen" not in self.errors
        ):
            self.add_error("personen", _("Bitte wählen Sie mindestens eine Person aus."))
        return cleaned

    def invitees(self):
        personen = {p.pk: p for p in self.cleaned_data["personen"]}
        if self.cleaned_data.get("mitglieder"):
            for person in self.uninvited_members:
                personen.setdefault(person.pk, person)
        return list(personen.values())
