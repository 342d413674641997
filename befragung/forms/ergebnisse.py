"""Forms of the results pages: the filters, a Bedarf from a result, the XLSForm upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quartiere.forms.planung import BedarfForm
from quartiere.models import Quartier

from .. import auswertung, rules, xlsform
from ..models import Frage, Rueckmeldung, sprache_label
from ..models.texte import text_in


class FrageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.position}. {text_in(obj.text, 'de')}"


class ErgebnisFilterForm(forms.Form):
    """GET filters of the results; an empty choice means "all"."""

    quartier = forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=Quartier.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("alle Quartiere"),
        error_messages={"invalid_choice": _("Bitte wählen Sie ein Quartier aus der Liste.")},
    )
    sprache = forms.ChoiceField(
        label=_("Sprache"),
        required=False,
        error_messages={"invalid_choice": _("Bitte wählen Sie eine Sprache aus der Liste.")},
    )
    kanal = forms.ChoiceField(
        label=_("Kanal"),
        required=False,
        choices=[("", _("online und Papier")), *Rueckmeldung.Kanal.choices],
        error_messages={"invalid_choice": _("Bitte wählen Sie einen Kanal aus der Liste.")},
    )
    kreuz = FrageChoiceField(
        label=_("Aufschlüsseln nach Antwort auf Frage"),
        queryset=Frage.objects.none(),
        required=False,
        empty_label=_("keine Aufschlüsselung"),
        help_text=_(
            "Zeigt jede Frage getrennt nach den Antworten auf eine Auswahl- oder Ja/Nein-Frage."
        ),
        error_messages={"invalid_choice": _("Bitte wählen Sie eine Frage aus der Liste.")},
    )

    def __init__(self, *args, befragung, **kwargs):
        super().__init__(*args, **kwargs)
        scope = befragung.quartiere.all()
        quartiere = scope if scope.exists() else Quartier.objects.all()
        self.fields["quartier"].queryset = quartiere.order_by("name")
        self.fields["sprache"].choices = [("", _("alle Sprachen"))] + [
            (code, sprache_label(code)) for code in befragung.all_sprachen
        ]
        self.fields["kreuz"].queryset = auswertung.kreuz_fragen(befragung).prefetch_related(
            "optionen"
        )

    def clean(self):
        data = super().clean()
        chosen = [name for name in ("quartier", "sprache", "kanal", "kreuz") if data.get(name)]
        if len(chosen) > 1:
            raise forms.ValidationError(
                _(
                    "Bitte wählen Sie nur einen Filter oder eine Aufschlüsselung. Zusammen "
                    "ließen sich aus den Ergebnissen kleine Gruppen errechnen."
                ),
                code="combined",
            )
        return data

    def to_filter(self):
        data = self.cleaned_data if self.is_valid() else {}
        return auswertung.Filter(
            quartier=data.get("quartier"),
            sprache=data.get("sprache", ""),
            kanal=data.get("kanal", ""),
            kreuz=data.get("kreuz"),
        )


class BedarfAusBefragungForm(BedarfForm):
    """The quartiere Bedarf form, limited to the survey's scope; the source is set on save."""

    class Meta(BedarfForm.Meta):
        fields = ["quartier", "titel", "beschreibung", "handlungsfeld", "zielgruppen", "prioritaet"]
        widgets = {**BedarfForm.Meta.widgets, "beschreibung": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, user, befragung, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["quartier"].queryset = rules.bedarf_quartiere(user, befragung).order_by("name")
        self.fields["quartier"].help_text = _(
            "Zur Wahl stehen die Quartiere der Befragung, in denen Sie planen dürfen."
        )


class XLSFormUploadForm(forms.Form):
    datei = forms.FileField(
        label=_("XLSForm-Datei (.xlsx)"),
        help_text=_(
            "Eine Datei mit den Tabellenblättern „survey“, „choices“ und „settings“, zum Beispiel aus KoboToolbox."
        ),
        error_messages={
            "required": _("Bitte wählen Sie eine Datei aus."),
            "empty": _("Die Datei ist leer."),
        },
    )

    MAX_BYTES = 2 * 1024 * 1024

    def clean_datei(self):
        datei = self.cleaned_data["datei"]
        if datei.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 2 MB."))
        if not datei.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Bitte laden Sie eine Excel-Datei (.xlsx) hoch."))
        # Read every sheet now: a damaged file is an error here, not in the import.
        try:
            self.workbook = xlsform.read_workbook(datei)
        except xlsform.XLSFormError as error:
            raise forms.ValidationError(error.errors) from None
        return datei
