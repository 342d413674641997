"""Forms of the Supervision groups. There is no field for content, by design."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.forms import suggest_slug
from gwa_portal.core.models import Role, User

from ..models import Supervision
from .fortbildung import CHECKBOXES, TerminKurzForm

RESERVED_SLUGS = {"neu"}


class MemberField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name or obj.email


class SupervisionForm(forms.ModelForm):
    mitglieder = MemberField(
        label=_("Mitglieder"),
        queryset=User.objects.none(),
        widget=CHECKBOXES,
        required=False,
        help_text=_("Nur Koordinator:innen können Mitglied einer Supervisionsgruppe sein."),
        error_messages={
            "invalid_choice": _("Bitte wählen Sie nur Koordinator:innen aus der Liste.")
        },
    )

    class Meta:
        model = Supervision
        fields = ["name", "slug", "supervisor", "mitglieder"]
        help_texts = {"slug": _("Teil der Adresse. Leer lassen: aus dem Namen.")}
        error_messages = {
            "name": {
                "required": _("Bitte geben Sie einen Namen ein."),
                "unique": _("Eine Supervisionsgruppe mit diesem Namen gibt es schon."),
            },
            "slug": {
                "unique": _("Diesen Kurznamen hat schon eine andere Gruppe."),
                "invalid": _("Bitte nur Kleinbuchstaben, Ziffern und Bindestriche verwenden."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        current = (
            list(self.instance.mitglieder.values_list("pk", flat=True)) if self.instance.pk else []
        )
        self.fields["mitglieder"].queryset = User.objects.filter(
            role=Role.KOORDINATION, is_active=True
        ).order_by("name") | User.objects.filter(pk__in=current)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("name") and "slug" not in self.errors:
            cleaned["slug"] = suggest_slug(cleaned["name"])
            if not cleaned["slug"]:
                self.add_error(
                    "slug", _("Bitte geben Sie einen Kurznamen aus Buchstaben oder Ziffern ein.")
                )
            elif (
                Supervision.objects.filter(slug=cleaned["slug"])
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                self.add_error("slug", _("Diesen Kurznamen hat schon eine andere Gruppe."))
        if cleaned.get("slug") in RESERVED_SLUGS:
            self.add_error(
                "slug", _("Dieser Kurzname ist reserviert. Bitte wählen Sie einen anderen.")
            )
        return cleaned


class SupervisionTerminForm(TerminKurzForm):
    """Date, time and place only: a supervision Termin has no title, agenda or description."""


class AnwesenheitForm(forms.Form):
    anwesend = MemberField(
        label=_("Anwesend waren"),
        queryset=User.objects.none(),
        widget=CHECKBOXES,
        required=False,
        error_messages={"invalid_choice": _("Bitte wählen Sie nur Mitglieder der Gruppe.")},
    )

    def __init__(self, *args, supervision, termin, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anwesend"].queryset = supervision.mitglieder.order_by("name", "pk")
        if not self.is_bound:
            self.initial["anwesend"] = list(
                User.objects.filter(person__teilnahmen__termin=termin).values_list("pk", flat=True)
            )
