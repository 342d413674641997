"""The form for logging an Aktivität: quick on a phone, strict about what it accepts."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.forms import (
    ChoiceSearchFormMixin,
    DateInput,
    SearchableModelMultipleChoiceField,
    StundenField,
    search_field,
)

from .. import rules
from ..models import Aktivitaet, Handlungsfeld, Zielgruppe
from ..models.aktivitaeten import MAX_STUNDEN

EARLIEST = datetime.date(2000, 1, 1)
MAX_TEILNEHMENDE = 100_000


def _active_or_chosen(queryset, chosen):
    """Active entries plus those already chosen, so editing never silently drops an inactive one."""
    return queryset.filter(Q(aktiv=True) | Q(pk__in=chosen)).order_by("position", "name")


def partner_choices(quartiere, aktivitaet):
    """Active Akteure serving one of `quartiere`, plus those already linked.

    The Akteur model belongs to netzwerk; it is reached through the relation, not imported.
    """
    akteur_model = Aktivitaet._meta.get_field("partner").related_model
    condition = Q(aktiv=True, quartiere__in=quartiere)
    if aktivitaet.pk:
        condition |= Q(pk__in=aktivitaet.partner.values("pk"))
    return akteur_model.objects.filter(
        pk__in=akteur_model.objects.filter(condition).values("pk")
    ).order_by("name")


class AktivitaetForm(ChoiceSearchFormMixin, forms.ModelForm):
    # All Akteure of the Fachstelle's Quartiere would be hundreds of checkboxes: search first.
    partner_suche = search_field(_("Partner:in suchen"), _("Name der Organisation, dann „Suchen“."))
    partner = SearchableModelMultipleChoiceField(
        queryset=Aktivitaet._meta.get_field("partner").related_model.objects.none(),
        search_field="partner_suche",
        lookups=("name",),
        required=False,
        label=Aktivitaet._meta.get_field("partner").verbose_name,
        help_text=_("Organisationen aus Ihren Quartieren, mit denen Sie das gemacht haben."),
        error_messages={
            "invalid_choice": _("Bitte wählen Sie nur Partner:innen aus der Liste."),
            "invalid_pk_value": _("Bitte wählen Sie nur Partner:innen aus der Liste."),
        },
    )
    art = forms.ChoiceField(
        label=_("Art"),
        choices=Aktivitaet.Art.choices,
        widget=forms.RadioSelect(attrs={"class": "kern-form-check__radio"}),
        error_messages={
            "required": _("Bitte wählen Sie die Art der Aktivität."),
            "invalid_choice": _("Bitte wählen Sie eine Art aus der Liste."),
        },
    )
    teilnehmende = forms.IntegerField(
        label=_("Teilnehmende"),
        required=False,
        min_value=0,
        max_value=MAX_TEILNEHMENDE,
        help_text=_("Ungefähre Zahl genügt."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _(
                "Bitte geben Sie die Zahl der Teilnehmenden als ganze Zahl ein, z. B. 12."
            ),
            "min_value": _("Die Zahl der Teilnehmenden kann nicht negativ sein."),
            "max_value": _("Bitte prüfen Sie die Zahl: höchstens 100.000 Teilnehmende."),
        },
    )
    stunden = StundenField(
        label=_("Stunden"),
        required=False,
        min_value=0,
        max_value=MAX_STUNDEN,
        max_digits=4,
        decimal_places=2,
        help_text=_("Ihre Arbeitszeit für diese Aktivität, z. B. 1,5."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Bitte geben Sie die Stunden als Zahl ein, z. B. 1,5."),
            "min_value": _("Die Stunden können nicht negativ sein."),
            "max_value": _("Bitte geben Sie höchstens 24 Stunden ein."),
            "max_decimal_places": _(
                "Bitte geben Sie höchstens zwei Nachkommastellen ein, z. B. 1,25."
            ),
            "max_digits": _("Bitte geben Sie höchstens 24 Stunden ein."),
            "max_whole_digits": _("Bitte geben Sie höchstens 24 Stunden ein."),
        },
    )

    class Meta:
        model = Aktivitaet
        fields = [
            "quartier",
            "datum",
            "art",
            "kurzbeschreibung",
            "handlungsfelder",
            "zielgruppen",
            "teilnehmende",
            "stunden",
            "ergebnis",
            "partner_suche",
            "partner",
        ]
        widgets = {
            "datum": DateInput,
            "kurzbeschreibung": forms.TextInput(attrs={"autocomplete": "off"}),
            "handlungsfelder": forms.CheckboxSelectMultiple(
                attrs={"class": "kern-form-check__checkbox"}
            ),
            "zielgruppen": forms.CheckboxSelectMultiple(
                attrs={"class": "kern-form-check__checkbox"}
            ),
            "ergebnis": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "handlungsfelder": _("Mehrere möglich."),
            "zielgruppen": _("Mehrere möglich."),
        }
        error_messages = {
            "quartier": {
                "required": _("Bitte wählen Sie ein Quartier."),
                "invalid_choice": _(
                    "Bitte wählen Sie ein Quartier aus der Liste. Sie können Aktivitäten nur in Quartieren erfassen, die Sie koordinieren."
                ),
            },
            "datum": {
                "required": _("Bitte geben Sie das Datum der Aktivität ein."),
                "invalid": _("Bitte geben Sie ein gültiges Datum ein, z. B. 14.05.2025."),
            },
            "kurzbeschreibung": {
                "required": _("Bitte beschreiben Sie kurz, was passiert ist."),
                "max_length": _(
                    "Bitte fassen Sie sich kürzer: höchstens %(limit_value)d Zeichen (jetzt %(show_value)d)."
                ),
            },
            "handlungsfelder": {
                "invalid_choice": _("Bitte wählen Sie nur Handlungsfelder aus der Liste."),
                "invalid_pk_value": _("Bitte wählen Sie nur Handlungsfelder aus der Liste."),
            },
            "zielgruppen": {
                "invalid_choice": _("Bitte wählen Sie nur Zielgruppen aus der Liste."),
                "invalid_pk_value": _("Bitte wählen Sie nur Zielgruppen aus der Liste."),
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.autor = user
        self.today = timezone.localdate()
        quartier = self.fields["quartier"]
        quartier.queryset = rules.editable_quartiere(user).order_by("name")
        self.fields["datum"].widget.attrs.update(
            {"min": EARLIEST.isoformat(), "max": self.today.isoformat()}
        )
        chosen_hf, chosen_zg = [], []
        if self.instance.pk:
            chosen_hf = [h.pk for h in self.instance.handlungsfelder.all()]
            chosen_zg = [z.pk for z in self.instance.zielgruppen.all()]
        self.fields["handlungsfelder"].queryset = _active_or_chosen(
            Handlungsfeld.objects.all(), chosen_hf
        )
        self.fields["zielgruppen"].queryset = _active_or_chosen(Zielgruppe.objects.all(), chosen_zg)
        self.fields["partner"].queryset = partner_choices(quartier.queryset, self.instance)

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > self.today:
            raise forms.ValidationError(
                _(
                    "Das Datum liegt in der Zukunft. Bitte erfassen Sie nur Aktivitäten, die schon stattgefunden haben."
                ),
                code="future",
            )
        if datum < EARLIEST:
            raise forms.ValidationError(
                _("Bitte geben Sie ein Datum ab dem 01.01.2000 ein."), code="too_early"
            )
        return datum
