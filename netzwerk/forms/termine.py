"""Forms to plan a Termin and whom to invite with it. Times are entered and shown in Europe/Berlin."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core import rules as core_rules
from gwa_portal.core.forms import ChoiceSearchFormMixin, DateInput, search_field
from quartiere.models import Quartier

from .. import rules
from ..einladbar import (
    PERSON_SUCHE_HELP,
    invitable_members,
    invitable_personen,
    search_personen_field,
)
from ..models import Gremium, Ort, Termin
from .gremien import CHECKBOXES

# Reminder choices in minutes before the start (stored in Termin.erinnerungen).
ERINNERUNG_CHOICES = [
    (7 * 24 * 60, _("1 Woche vorher")),
    (2 * 24 * 60, _("2 Tage vorher")),
    (24 * 60, _("1 Tag vorher")),
    (2 * 60, _("2 Stunden vorher")),
]
MAX_TAGESORDNUNG = 30
DATE_INVALID = _("Bitte geben Sie ein gültiges Datum ein, zum Beispiel 01.03.2027.")
TIME_INVALID = _("Bitte geben Sie eine gültige Uhrzeit ein, zum Beispiel 18:30.")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def berlin(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time))


class TerminForm(forms.ModelForm):
    datum = forms.DateField(
        label=_("Datum"),
        widget=DateInput,
        error_messages={"required": _("Bitte geben Sie das Datum ein."), "invalid": DATE_INVALID},
    )
    beginn_zeit = forms.TimeField(
        label=_("Beginn (Uhrzeit)"),
        widget=TimeInput,
        error_messages={
            "required": _("Bitte geben Sie an, wann der Termin beginnt."),
            "invalid": TIME_INVALID,
        },
    )
    ende_zeit = forms.TimeField(
        label=_("Ende (Uhrzeit)"),
        widget=TimeInput,
        error_messages={
            "required": _("Bitte geben Sie an, wann der Termin endet."),
            "invalid": TIME_INVALID,
        },
    )
    ende_datum = forms.DateField(
        label=_("Enddatum"),
        required=False,
        widget=DateInput,
        help_text=_("Nur bei mehrtägigen Terminen; sonst endet der Termin am selben Tag."),
        error_messages={"invalid": DATE_INVALID},
    )
    erinnerungen = forms.TypedMultipleChoiceField(
        label=_("Erinnerungen per E-Mail"),
        choices=ERINNERUNG_CHOICES,
        coerce=int,
        required=False,
        widget=CHECKBOXES,
        help_text=_("Keine Auswahl: keine Erinnerung."),
        error_messages={"invalid_choice": _("Bitte wählen Sie nur Erinnerungen aus der Liste.")},
    )
    tagesordnung = forms.CharField(
        label=_("Tagesordnung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ein Punkt pro Zeile, in der Reihenfolge der Sitzung."),
    )

    class Meta:
        model = Termin
        fields = [
            "titel",
            "gremium",
            "quartier",
            "beschreibung",
            "ort",
            "online_link",
            "oeffentlich",
            "kapazitaet",
            "status",
        ]
        widgets = {"beschreibung": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "titel": {"required": _("Bitte geben Sie einen Titel ein.")},
            "gremium": {
                "invalid_choice": _(
                    "Bitte wählen Sie ein Gremium aus der Liste. Sie können nur Termine für Gremien anlegen, die Sie betreuen."
                )
            },
            "quartier": {
                "invalid_choice": _(
                    "Bitte wählen Sie ein Quartier aus der Liste. Sie können nur Termine in Quartieren anlegen, die Sie koordinieren."
                )
            },
            "ort": {"invalid_choice": _("Bitte wählen Sie einen Ort aus der Liste.")},
            "online_link": {
                "invalid": _(
                    "Bitte geben Sie eine vollständige Adresse ein, die mit https:// beginnt."
                )
            },
            "kapazitaet": {
                "invalid": _("Bitte geben Sie die Zahl der Plätze als ganze Zahl ein."),
                "min_value": _("Bitte geben Sie mindestens einen Platz an."),
                "max_value": _("Bitte geben Sie höchstens 10.000 Plätze an."),
            },
            "status": {
                "required": _("Bitte wählen Sie einen Status."),
                "invalid_choice": _("Bitte wählen Sie einen Status aus der Liste."),
            },
        }

    field_order = [
        "titel",
        "gremium",
        "quartier",
        "datum",
        "beginn_zeit",
        "ende_zeit",
        "ende_datum",
        "ort",
        "online_link",
        "beschreibung",
        "tagesordnung",
        "oeffentlich",
        "kapazitaet",
        "status",
        "erinnerungen",
    ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        termin = self.instance
        # On edit the current Gremium and Quartier stay choosable, so saving never drops them.
        changeable = rules.changeable_gremien(user).filter(aktiv=True).values("pk")
        self.fields["gremium"].queryset = (
            Gremium.objects.filter(Q(pk__in=changeable) | Q(pk=termin.gremium_id))
            .select_related("quartier")
            .order_by("name")
        )
        self.fields["gremium"].help_text = _(
            "Leer lassen für einen Termin ohne Gremium, etwa eine Veranstaltung im Quartier."
        )
        coordinated = rules.coordinated_quartiere(user).values("pk")
        self.fields["quartier"].queryset = Quartier.objects.filter(
            Q(pk__in=coordinated) | Q(pk=termin.quartier_id)
        ).order_by("name")
        self.fields["quartier"].help_text = _(
            "Bei einem Gremium gilt dessen Quartier; hier nur für Termine ohne Gremium."
        )
        self.fields["ort"].queryset = Ort.objects.order_by("name")
        self.fields["ort"].help_text = _(
            "Ort oder Online-Link: eines von beiden ist nötig. Fehlt der Ort in der Liste? Die Fachstelle und die Koordination legen Orte unter „Orte“ an."
        )
        status_choices = [
            c
            for c in Termin.Status.choices
            if c[0] != Termin.Status.ABGESAGT or termin.is_cancelled
        ]
        self.fields["status"].choices = status_choices
        self.fields["status"].help_text = _(
            "Absagen über „Termin absagen“: dann werden die Eingeladenen benachrichtigt."
        )
        if termin.pk:
            beginn = timezone.localtime(termin.beginn)
            ende = timezone.localtime(termin.ende)
            self.initial.setdefault("datum", beginn.date())
            self.initial.setdefault("beginn_zeit", beginn.time())
            self.initial.setdefault("ende_zeit", ende.time())
            if ende.date() != beginn.date():
                self.initial.setdefault("ende_datum", ende.date())
            self.initial.setdefault("erinnerungen", termin.erinnerungen)
            self.initial.setdefault(
                "tagesordnung", "\n".join(top.titel for top in termin.tagesordnung.all())
            )
        else:
            self.fields.pop("status")
            self.initial.setdefault("erinnerungen", termin.erinnerungen)

    def clean_tagesordnung(self):
        lines = [line.strip() for line in self.cleaned_data["tagesordnung"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_TAGESORDNUNG:
            raise forms.ValidationError(
                _("Bitte tragen Sie höchstens %(n)d Tagesordnungspunkte ein.")
                % {"n": MAX_TAGESORDNUNG}
            )
        too_long = [line for line in lines if len(line) > 200]
        if too_long:
            raise forms.ValidationError(
                _("Ein Tagesordnungspunkt darf höchstens 200 Zeichen lang sein: „%(punkt)s…“")
                % {"punkt": too_long[0][:40]}
            )
        return lines

    def clean_online_link(self):
        link = self.cleaned_data["online_link"]
        if link and not link.startswith(("https://", "http://")):
            raise forms.ValidationError(
                _("Bitte geben Sie eine vollständige Adresse ein, die mit https:// beginnt.")
            )
        return link

    def clean(self):
        cleaned = super().clean()
        datum, von, bis = cleaned.get("datum"), cleaned.get("beginn_zeit"), cleaned.get("ende_zeit")
        if datum and von and bis and "ende_datum" not in self.errors:
            ende_datum = cleaned.get("ende_datum") or datum
            beginn, ende = berlin(datum, von), berlin(ende_datum, bis)
            if ende <= beginn:
                field = "ende_datum" if cleaned.get("ende_datum") else "ende_zeit"
                self.add_error(field, _("Das Ende muss nach dem Beginn liegen."))
            else:
                self.instance.beginn, self.instance.ende = beginn, ende
        if (
            not cleaned.get("ort")
            and not cleaned.get("online_link")
            and "online_link" not in self.errors
        ):
            self.add_error(
                "ort", _("Bitte wählen Sie einen Ort oder geben Sie einen Online-Link an.")
            )
        gremium = cleaned.get("gremium")
        if gremium and (self.instance.fortbildung_id or self.instance.supervision_id):
            self.add_error(
                "gremium",
                _(
                    "Dieser Termin gehört zu einer Fortbildung oder Supervision und nicht zu einem Gremium."
                ),
            )
        unbound = not gremium and not cleaned.get("quartier")
        if (
            unbound
            and not core_rules.is_fachstelle(self.user)
            and not {"gremium", "quartier"} & self.errors.keys()
        ):
            # Without either, nobody but the Fachstelle could change the Termin afterwards.
            self.add_error(
                "gremium",
                _("Bitte wählen Sie ein Gremium oder ein Quartier, für das Sie Termine planen."),
            )
        erinnerungen = cleaned.get("erinnerungen")
        if erinnerungen is not None:
            cleaned["erinnerungen"] = sorted(set(erinnerungen), reverse=True)
        return cleaned

    def save(self, commit=True):
        self.instance.erinnerungen = self.cleaned_data["erinnerungen"]
        return super().save(commit=commit)


class TerminCreateForm(ChoiceSearchFormMixin, TerminForm):
    alle_mitglieder = forms.BooleanField(
        label=_("Alle aktuellen Mitglieder des Gremiums einladen"),
        required=False,
        initial=True,
        help_text=_("Nur Mitglieder mit E-Mail-Adresse erhalten eine Einladung."),
    )
    weitere_personen_suche = search_field(_("Weitere Personen suchen"), PERSON_SUCHE_HELP)
    weitere_personen = search_personen_field(
        _("Weitere Personen einladen"),
        _("Ausgewählte bleiben beim nächsten Suchen ausgewählt."),
        search_field_name="weitere_personen_suche",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weitere_personen"].queryset = invitable_personen()

    def invitees(self):
        """The Persons to invite: the Gremium's members (if wanted) and the chosen ones."""
        personen = {p.pk: p for p in self.cleaned_data["weitere_personen"]}
        gremium = self.cleaned_data.get("gremium")
        if gremium and self.cleaned_data["alle_mitglieder"]:
            for person in invitable_members(gremium):
                personen.setdefault(person.pk, person)
        return list(personen.values())
