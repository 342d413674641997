"""The one field the paper entry adds to the questions: the language of the printed form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import sprache_label


class PapierForm(forms.Form):
    papier_sprache = forms.ChoiceField(
        label=_("Sprache des Papierbogens"),
        error_messages={"required": _("Bitte wählen Sie die Sprache des Bogens.")},
    )

    def __init__(self, *args, befragung, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["papier_sprache"].choices = [
            (code, sprache_label(code)) for code in befragung.all_sprachen
        ]
        self.fields["papier_sprache"].initial = "de"
