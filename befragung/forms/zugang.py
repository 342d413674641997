"""Forms for access codes and for inviting Personen of the Netzwerk to a code survey."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.forms import ChoiceSearchFormMixin, SearchableModelChoiceField, search_field
from netzwerk.einladbar import (
    PERSON_SUCHE_HELP,
    akteur_choices,
    gremium_choices,
    invitable_members,
    invitable_personen,
    search_personen_field,
)

from ..zugangscodes import MAX_ANZAHL

ANZAHL_ERROR = _("Bitte geben Sie eine Zahl von 1 bis %(max)d ein.") % {"max": MAX_ANZAHL}


class CodesErzeugenForm(forms.Form):
    anzahl = forms.IntegerField(
        label=_("Anzahl neuer Codes"),
        min_value=1,
        max_value=MAX_ANZAHL,
        help_text=_(
            "Höchstens %(max)d auf einmal. Die Codes werden nur ein einziges Mal angezeigt."
        )
        % {"max": MAX_ANZAHL},
        error_messages={
            "required": _("Bitte geben Sie ein, wie viele Codes Sie brauchen."),
            "invalid": ANZAHL_ERROR,
            "min_value": ANZAHL_ERROR,
            "max_value": ANZAHL_ERROR,
        },
    )


class PersonenEinladenForm(ChoiceSearchFormMixin, forms.Form):
    """Whom to invite: all members of a Gremium, all contacts of an Akteur, or single
    Personen – only people who can receive mail and are not invited yet."""

    gremium = forms.ModelChoiceField(
        label=_("Alle Mitglieder dieses Gremiums"),
        queryset=gremium_choices(),
        required=False,
        error_messages={"invalid_choice": _("Bitte wählen Sie ein Gremium aus der Liste.")},
    )
    # The directory grows with the city: Akteure and Personen are found by a server-side
    # search (no JavaScript), and the POST is checked against all of them.
    akteur_suche = search_field(
        _("Organisation suchen"), _("Ein Teil des Namens genügt, z. B. „Kirchengemeinde“.")
    )
    akteur = SearchableModelChoiceField(
        label=_("Alle Ansprechpersonen dieser Organisation"),
        queryset=akteur_choices(),
        search_field="akteur_suche",
        lookups=("name",),
        required=False,
        error_messages={"invalid_choice": _("Bitte wählen Sie eine Organisation aus der Liste.")},
    )
    personen_suche = search_field(_("Personen suchen"), PERSON_SUCHE_HELP)
    personen = search_personen_field(
        _("Einzelne Personen"),
        _(
            "Zur Wahl stehen Personen mit E-Mail-Adresse, die noch nicht eingeladen sind. "
            "Ausgewählte bleiben beim nächsten Suchen ausgewählt."
        ),
        search_field_name="personen_suche",
    )

    def __init__(self, *args, befragung, **kwargs):
        super().__init__(*args, **kwargs)
        self.befragung = befragung
        self.invited = befragung.einladungen.values("person")
        self.fields["personen"].queryset = invitable_personen().exclude(pk__in=self.invited)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if not (cleaned.get("gremium") or cleaned.get("akteur") or cleaned.get("personen")):
            raise forms.ValidationError(
                _("Bitte wählen Sie ein Gremium, eine Organisation oder einzelne Personen aus.")
            )
        self._invitees = self._collect()
        if not self._invitees:
            raise forms.ValidationError(
                _("Alle gewählten Personen sind schon eingeladen oder haben keine E-Mail-Adresse.")
            )
        return cleaned

    def invitees(self):
        return self._invitees

    def _collect(self):
        cleaned = self.cleaned_data
        personen = {p.pk: p for p in cleaned.get("personen") or []}
        extra = []
        if cleaned.get("gremium"):
            extra += invitable_members(cleaned["gremium"]).exclude(pk__in=self.invited)
        if cleaned.get("akteur"):
            extra += (
                invitable_personen().filter(akteur=cleaned["akteur"]).exclude(pk__in=self.invited)
            )
        for person in extra:
            personen.setdefault(person.pk, person)
        return list(personen.values())
