from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Role, User

# Django 6.1 labels the empty choice of a select "- Select an option -", which has no German
# translation yet. CoreConfig.ready() makes this the label of every form in the portal.
BLANK_CHOICE_LABEL = _("– bitte wählen –")


class UserCreateForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "email", "role"]
        help_texts = {
            "email": _("An diese Adresse geht der Link zum Festlegen des Passworts."),
        }
        error_messages = {
            "email": {"unique": _("Für diese E-Mail-Adresse gibt es schon einen Zugang.")},
            "name": {"required": _("Bitte geben Sie den Namen ein.")},
            "role": {"required": _("Bitte wählen Sie eine Rolle.")},
        }

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Für diese E-Mail-Adresse gibt es schon einen Zugang."))
        return email


class UserUpdateForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "role", "is_active"]

    def __init__(self, *args, editor, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor = editor

    def clean(self):
        cleaned = super().clean()
        demotes_self = cleaned.get("role") != Role.FACHSTELLE or not cleaned.get("is_active")
        if self.instance.pk == self.editor.pk and demotes_self:
            raise forms.ValidationError(
                _("Sie können sich nicht selbst die Fachstellen-Rolle entziehen oder deaktivieren.")
            )
        return cleaned
