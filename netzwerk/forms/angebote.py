"""The Angebot form: the Quartier choices are those the user may change."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartiere import rules as quartiere_rules
from quartiere.models import Handlungsfeld, Zielgruppe

from ..models import Akteur, Angebot

CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"})


def _with_current(queryset, current, *ordering):
    """Active entries plus those already chosen, so editing never drops an inactive one."""
    return queryset.filter(Q(aktiv=True) | Q(pk__in=current)).order_by(*ordering)


class AngebotForm(forms.ModelForm):
    class Meta:
        model = Angebot
        fields = [
            "titel",
            "akteur",
            "quartier",
            "beschreibung",
            "handlungsfelder",
            "zielgruppen",
            "zeitplan",
            "ort",
            "sprachen",
            "barrierefreiheit",
            "kontakt",
            "aktiv",
        ]
        widgets = {
            "handlungsfelder": CHECKBOXES,
            "zielgruppen": CHECKBOXES,
            "beschreibung": forms.Textarea(attrs={"rows": 4}),
            "barrierefreiheit": forms.Textarea(attrs={"rows": 3}),
            "kontakt": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "barrierefreiheit": _(
                "Zum Beispiel „ebenerdiger Eingang, barrierefreies WC“ oder „1. Stock ohne Aufzug“."
            ),
            "kontakt": _("Wer Fragen beantwortet oder Anmeldungen annimmt: Name, Telefon, E-Mail."),
            "aktiv": _("Nur aktive Angebote erscheinen auf den öffentlichen Seiten."),
        }
        error_messages = {
            "titel": {
                "required": _("Bitte geben Sie einen Titel ein."),
                "max_length": _("Der Titel darf höchstens 200 Zeichen lang sein."),
            },
            "akteur": {
                "required": _("Bitte wählen Sie, wer das Angebot macht."),
                "invalid_choice": _("Bitte wählen Sie eine Anbieter:in aus der Liste."),
            },
            "quartier": {
                "required": _("Bitte wählen Sie ein Quartier."),
                "invalid_choice": _(
                    "Bitte wählen Sie ein Quartier aus der Liste. Sie können nur Angebote in Quartieren eintragen, die Sie koordinieren."
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
            "zeitplan": {
                "required": _("Bitte geben Sie an, wann das Angebot stattfindet."),
                "max_length": _("Bitte fassen Sie den Zeitplan in höchstens 200 Zeichen."),
            },
            "ort": {"max_length": _("Bitte fassen Sie den Ort in höchstens 200 Zeichen.")},
            "sprachen": {
                "max_length": _("Bitte fassen Sie die Sprachen in höchstens 200 Zeichen.")
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quartier"].queryset = quartiere_rules.editable_quartiere(user).order_by("name")
        self.fields["quartier"].empty_label = _("Bitte wählen")
        current_akteur = [self.instance.akteur_id] if self.instance.akteur_id else []
        self.fields["akteur"].queryset = _with_current(Akteur.objects.all(), current_akteur, "name")
        self.fields["akteur"].empty_label = _("Bitte wählen")
        if self.instance.pk:
            current_hf = list(self.instance.handlungsfelder.values_list("pk", flat=True))
            current_zg = list(self.instance.zielgruppen.values_list("pk", flat=True))
        else:
            current_hf = current_zg = []
        self.fields["handlungsfelder"].queryset = _with_current(
            Handlungsfeld.objects.all(), current_hf, "position", "name"
        )
        self.fields["zielgruppen"].queryset = _with_current(
            Zielgruppe.objects.all(), current_zg, "position", "name"
        )
