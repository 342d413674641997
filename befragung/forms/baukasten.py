"""The survey builder's settings form; questions and translations are in baukasten_fragen.

German texts are edited here; the other languages on the translation page. Changing a German
text drops its translations, so that no translation silently keeps the old meaning.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.forms import DATE_ERRORS, DateInput
from gwa_portal.core.rules import is_fachstelle
from quartiere.models import Quartier
from quartiere.rules import editable_quartiere

from ..models import SPRACHEN, Befragung

CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"})
RESERVED_SLUGS = {"intern", "neu", "xlsform-import"}
MAX_TEXT = 5000


def german_text(texts):
    return (texts or {}).get("de", "")


def with_german(old, new):
    """The texts with German `new`: the translations stay only while German is unchanged."""
    new = (new or "").strip()
    if not new:
        return {}
    if german_text(old) == new:
        return {**(old or {}), "de": new}
    return {"de": new}


def lines_of(value):
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class BefragungForm(forms.ModelForm):
    """The settings; in a running survey only the end date stays open."""

    titel_de = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={"required": _("Bitte geben Sie einen Titel ein.")},
    )
    beschreibung_de = forms.CharField(
        label=_("Einleitung"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Steht über den Fragen: worum es geht und wie lange es dauert."),
    )
    datenschutz_de = forms.CharField(
        label=_("Datenschutzhinweis"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Bitte geben Sie einen Datenschutzhinweis ein.")},
    )
    danke_de = forms.CharField(
        label=_("Dankeschön-Text"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Erscheint nach dem Absenden."),
    )
    weitere_sprachen = forms.MultipleChoiceField(
        label=_("Weitere Sprachen"),
        required=False,
        widget=CHECKBOXES,
        help_text=_(
            "Deutsch ist immer dabei. Die Texte der anderen Sprachen tragen Sie auf den "
            "Übersetzungsseiten ein."
        ),
        error_messages={"invalid_choice": _("Bitte wählen Sie nur Sprachen aus der Liste.")},
    )

    class Meta:
        model = Befragung
        fields = ["slug", "quartiere", "modus", "beginn", "ende", "mindestgruppe"]
        widgets = {"quartiere": CHECKBOXES, "beginn": DateInput, "ende": DateInput}
        error_messages = {
            "slug": {
                "required": _("Bitte geben Sie einen Kurznamen ein."),
                "invalid": _(
                    "Der Kurzname darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten."
                ),
                "unique": _("Diesen Kurznamen hat schon eine andere Befragung."),
            },
            "quartiere": {"invalid_choice": _("Bitte wählen Sie nur Quartiere aus der Liste.")},
            "modus": {"required": _("Bitte wählen Sie, wie teilgenommen wird.")},
            "beginn": DATE_ERRORS | {"required": _("Bitte geben Sie den Beginn ein.")},
            "ende": DATE_ERRORS | {"required": _("Bitte geben Sie das Ende ein.")},
            "mindestgruppe": {
                "required": _("Bitte geben Sie die Mindestgruppengröße ein."),
                "invalid": _("Bitte geben Sie eine ganze Zahl ein."),
                "min_value": _("Die Mindestgruppengröße ist mindestens 5."),
                "max_value": _("Die Mindestgruppengröße ist höchstens 100."),
            },
        }

    field_order = [
        "slug",
        "titel_de",
        "beschreibung_de",
        "datenschutz_de",
        "danke_de",
        "weitere_sprachen",
        "quartiere",
        "modus",
        "beginn",
        "ende",
        "mindestgruppe",
    ]

    def __init__(self, *args, user, meaning_locked=False, only_end=False, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.fields["weitere_sprachen"].choices = [
            (code, label) for code, (label, _own, _dir) in SPRACHEN.items() if code != "de"
        ]
        for field in ("titel", "beschreibung", "datenschutz", "danke"):
            self.fields[f"{field}_de"].initial = german_text(getattr(instance, field))
        self.fields["weitere_sprachen"].initial = [c for c in instance.sprachen or [] if c != "de"]
        self.fields["slug"].help_text = _(
            "Teil der Adresse, z. B. „lebensqualitaet-2024“: Kleinbuchstaben, Ziffern, Bindestriche."
        )
        if is_fachstelle(user):
            self.fields["quartiere"].queryset = Quartier.objects.order_by("name")
            self.fields["quartiere"].help_text = _("Keines gewählt: eine stadtweite Befragung.")
        else:
            self.fields["quartiere"].queryset = editable_quartiere(user).order_by("name")
            self.fields["quartiere"].required = True
            self.fields["quartiere"].error_messages["required"] = _(
                "Bitte wählen Sie mindestens eines Ihrer Quartiere."
            )
            self.fields["quartiere"].help_text = _(
                "Sie können Befragungen für die Quartiere anlegen, die Sie koordinieren."
            )
        if meaning_locked or only_end:
            for name in ("weitere_sprachen", "modus"):
                self.fields[name].disabled = True
        if only_end:
            for name, field in self.fields.items():
                if name not in ("ende", "mindestgruppe"):
                    field.disabled = True
        # Only the Fachstelle sets the minimum group size; for everyone else the field is
        # shown disabled, so a posted value is ignored. Once there are answers (or the survey
        # runs) it can only be raised: a lower value would show cells hidden before.
        self.only_raise = meaning_locked or only_end
        mindestgruppe = self.fields["mindestgruppe"]
        if not is_fachstelle(user):
            mindestgruppe.disabled = True
            mindestgruppe.help_text = _(
                "Mindestens 5. Nur die Fachstelle kann die Mindestgruppengröße ändern."
            )
        elif self.only_raise:
            mindestgruppe.help_text = _(
                "Es gibt schon Rückmeldungen oder die Befragung läuft: die "
                "Mindestgruppengröße lässt sich nur noch erhöhen."
            )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("Dieser Kurzname ist für das Portal reserviert."))
        return slug

    def clean_mindestgruppe(self):
        value = self.cleaned_data["mindestgruppe"]
        current = self.instance.mindestgruppe
        if self.instance.pk and self.only_raise and value < current:
            raise forms.ValidationError(
                _("Die Mindestgruppengröße lässt sich nur noch erhöhen (derzeit %(n)s).")
                % {"n": current}
            )
        return value

    def clean(self):
        cleaned = super().clean()
        beginn, ende = cleaned.get("beginn"), cleaned.get("ende")
        if beginn and ende and ende < beginn:
            self.add_error("ende", _("Das Ende darf nicht vor dem Beginn liegen."))
        return cleaned

    def _post_clean(self):
        # The model's own check on the period would repeat the error above the form.
        super()._post_clean()
        if "__all__" in self._errors:
            self._errors["__all__"] = self.error_class(
                [e for e in self._errors["__all__"] if "Beginn" not in e]
            )
            if not self._errors["__all__"]:
                del self._errors["__all__"]

    def save(self, commit=True):
        befragung = super().save(commit=False)
        for field in ("titel", "beschreibung", "datenschutz", "danke"):
            if not self.fields[f"{field}_de"].disabled:
                setattr(
                    befragung,
                    field,
                    with_german(getattr(befragung, field), self.cleaned_data[f"{field}_de"]),
                )
        if not self.fields["weitere_sprachen"].disabled:
            befragung.sprachen = ["de", *self.cleaned_data["weitere_sprachen"]]
        if commit:
            befragung.save()
            self.save_m2m()
        return befragung
