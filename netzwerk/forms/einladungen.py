"""The invitee's answer on the RSVP page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Einladung

ANTWORTEN = [
    (Einladung.Antwort.ZUGESAGT, _("Ich komme (zusagen)")),
    (Einladung.Antwort.ABGESAGT, _("Ich komme nicht (absagen)")),
    (Einladung.Antwort.VIELLEICHT, _("Vielleicht")),
]


class RsvpForm(forms.Form):
    antwort = forms.ChoiceField(
        label=_("Ihre Antwort"),
        choices=ANTWORTEN,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Bitte wählen Sie eine Antwort."),
            "invalid_choice": _("Bitte wählen Sie eine der Antworten."),
        },
    )
    kommentar = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zum Beispiel, wenn Sie später kommen oder jemanden mitbringen."),
        error_messages={"max_length": _("Bitte schreiben Sie höchstens 1000 Zeichen.")},
    )
