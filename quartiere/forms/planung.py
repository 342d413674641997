"""Forms for Bedarfe and Maßnahmen; the Quartier choices are the ones the user may change."""

import re
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.forms import DateInput

from .. import rules
from ..models import Bedarf, Handlungsfeld, Massnahme, Zielgruppe

# Each box of a group gets the KERN look that single checkboxes get from _field.html.
CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"})

QUARTIER_INVALID = _(
    "Bitte wählen Sie ein Quartier aus der Liste. Sie können nur in Quartieren planen, die Sie koordinieren."
)
DATE_INVALID = _("Bitte geben Sie ein gültiges Datum ein, zum Beispiel 01.03.2025.")


def _with_current(queryset, current):
    """Active entries plus those already chosen, so editing never drops an inactive one."""
    return queryset.filter(Q(aktiv=True) | Q(pk__in=current)).order_by("position", "name")


class BedarfForm(forms.ModelForm):
    class Meta:
        model = Bedarf
        fields = [
            "quartier",
            "titel",
            "beschreibung",
            "handlungsfeld",
            "zielgruppen",
            "prioritaet",
            "status",
            "quelle",
            "quelle_hinweis",
            "erkannt_am",
        ]
        widgets = {
            "zielgruppen": CHECKBOXES,
            "erkannt_am": DateInput,
            "beschreibung": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "quartier": {
                "required": _("Bitte wählen Sie ein Quartier."),
                "invalid_choice": QUARTIER_INVALID,
            },
            "titel": {"required": _("Bitte geben Sie einen Titel ein.")},
            "handlungsfeld": {
                "required": _("Bitte wählen Sie ein Handlungsfeld."),
                "invalid_choice": _("Bitte wählen Sie ein Handlungsfeld aus der Liste."),
            },
            "zielgruppen": {
                "invalid_choice": _("Bitte wählen Sie nur Zielgruppen aus der Liste."),
            },
            "prioritaet": {"required": _("Bitte wählen Sie eine Priorität.")},
            "status": {"required": _("Bitte wählen Sie einen Status.")},
            "quelle": {"required": _("Bitte wählen Sie, woher der Bedarf bekannt ist.")},
            "erkannt_am": {
                "required": _("Bitte geben Sie an, wann der Bedarf erkannt wurde."),
                "invalid": DATE_INVALID,
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quartier"].queryset = rules.editable_quartiere(user).order_by("name")
        current_hf = [self.instance.handlungsfeld_id] if self.instance.handlungsfeld_id else []
        self.fields["handlungsfeld"].queryset = _with_current(
            Handlungsfeld.objects.all(), current_hf
        )
        current_zg = (
            list(self.instance.zielgruppen.values_list("pk", flat=True)) if self.instance.pk else []
        )
        self.fields["zielgruppen"].queryset = _with_current(Zielgruppe.objects.all(), current_zg)


class EuroField(forms.DecimalField):
    """A Euro amount as people write it: "1.234,50", "1234,5", "1 234 €" or "1234.50"."""

    THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            elif self.THOUSANDS.match(value):
                value = value.replace(".", "")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        return super().prepare_value(value)


class BedarfChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _("%(titel)s – %(quartier)s (%(status)s)") % {
            "titel": obj.titel,
            "quartier": obj.quartier.name,
            "status": obj.get_status_display(),
        }


class MassnahmeForm(forms.ModelForm):
    bedarfe = BedarfChoiceField(
        queryset=Bedarf.objects.none(),
        required=False,
        widget=CHECKBOXES,
        label=_("beantwortet die Bedarfe"),
        help_text=_(
            "Zur Wahl stehen die offenen Bedarfe Ihrer Quartiere. Jeder gewählte Bedarf muss zu einem der oben gewählten Quartiere gehören."
        ),
        error_messages={
            "invalid_choice": _(
                "Bitte wählen Sie nur Bedarfe aus der Liste, also offene Bedarfe Ihrer Quartiere."
            ),
        },
    )
    budget = EuroField(
        label=_("Budget (Euro)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        help_text=_("Zum Beispiel 1.500,00"),
        error_messages={
            "invalid": _("Bitte geben Sie einen Betrag in Euro ein, zum Beispiel 1.500,00."),
            "min_value": _("Das Budget darf nicht negativ sein."),
            "max_digits": _("Der Betrag ist zu groß."),
            "max_decimal_places": _("Bitte geben Sie höchstens zwei Nachkommastellen (Cent) an."),
            "max_whole_digits": _("Der Betrag ist zu groß."),
        },
    )

    class Meta:
        model = Massnahme
        fields = [
            "titel",
            "beschreibung",
            "quartiere",
            "bedarfe",
            "verantwortlich",
            "beginn",
            "ende",
            "budget",
            "status",
            "oeffentlich",
        ]
        widgets = {
            "quartiere": CHECKBOXES,
            "beginn": DateInput,
            "ende": DateInput,
            "beschreibung": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "titel": {"required": _("Bitte geben Sie einen Titel ein.")},
            "quartiere": {
                "required": _("Bitte wählen Sie mindestens ein Quartier."),
                "invalid_choice": QUARTIER_INVALID,
                "invalid_pk_value": QUARTIER_INVALID,
            },
            "beginn": {"invalid": DATE_INVALID},
            "ende": {"invalid": DATE_INVALID},
            "status": {"required": _("Bitte wählen Sie einen Status.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = rules.editable_quartiere(user)
        self.fields["quartiere"].queryset = allowed.order_by("name")
        linked = (
            list(self.instance.bedarfe.values_list("pk", flat=True)) if self.instance.pk else []
        )
        self.fields["bedarfe"].queryset = (
            Bedarf.objects.filter(quartier__in=allowed)
            .filter(Q(status__in=Bedarf.OPEN_STATUSES) | Q(pk__in=linked))
            .select_related("quartier")
            .order_by("quartier__name", "prioritaet", "titel")
        )

    def clean(self):
        cleaned = super().clean()
        beginn, ende = cleaned.get("beginn"), cleaned.get("ende")
        if beginn and ende and ende < beginn:
            self.add_error("ende", _("Das Ende darf nicht vor dem Beginn liegen."))
        quartiere = cleaned.get("quartiere")
        if quartiere is not None:
            chosen = {q.pk for q in quartiere}
            stray = [b for b in cleaned.get("bedarfe") or [] if b.quartier_id not in chosen]
            if stray:
                self.add_error(
                    "bedarfe",
                    _(
                        "Diese Bedarfe gehören zu keinem der gewählten Quartiere: %(titel)s. Bitte wählen Sie auch deren Quartier oder entfernen Sie den Bedarf."
                    )
                    % {"titel": ", ".join(f"„{b.titel}“ ({b.quartier.name})" for b in stray)},
                )
        return cleaned
