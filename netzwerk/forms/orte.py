"""The form for Orte, the places where Termine take place."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Ort


class OrtForm(forms.ModelForm):
    class Meta:
        model = Ort
        fields = ["name", "strasse", "plz", "stadt", "quartier", "barrierefrei", "hinweise"]
        widgets = {"hinweise": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {
                "required": _("Bitte geben Sie den Namen des Ortes ein."),
                "unique": _("Es gibt schon einen Ort mit diesem Namen."),
            },
            "stadt": {"required": _("Bitte geben Sie den Ort (die Stadt) ein.")},
            "quartier": {"invalid_choice": _("Bitte wählen Sie ein Quartier aus der Liste.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quartier"].queryset = self.fields["quartier"].queryset.order_by("name")
