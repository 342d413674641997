"""Forms for Gremien and their Mitgliedschaften; the Quartier choices follow the user's rights."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core import rules as core_rules
from gwa_portal.core.forms import (
    DATE_ERRORS,
    ChoiceSearchFormMixin,
    DateInput,
    SearchableModelChoiceField,
    search_field,
)
from quartiere.forms.stammdaten import (
    SLUG_HELP,
    SLUG_INVALID,
    SlugFromNameMixin,
)
from quartiere.models import Handlungsfeld

from .. import rules
from ..einladbar import PERSON_LOOKUPS, PERSON_SUCHE_HELP, person_label
from ..models import Gremium, Mitgliedschaft, Person

CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"})
STADTWEIT = _("stadtweit (kein Quartier)")


class GremiumForm(SlugFromNameMixin, forms.ModelForm):
    class Meta:
        model = Gremium
        fields = ["name", "slug", "art", "quartier", "handlungsfelder", "beschreibung", "aktiv"]
        widgets = {
            "handlungsfelder": CHECKBOXES,
            "beschreibung": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"slug": SLUG_HELP}
        error_messages = {
            "name": {
                "required": _("Bitte geben Sie den Namen des Gremiums ein."),
                "unique": _("Es gibt schon ein Gremium mit diesem Namen."),
            },
            "slug": {
                "invalid": SLUG_INVALID,
                "unique": _("Diesen Kurznamen hat schon ein anderes Gremium."),
            },
            "art": {
                "required": _("Bitte wählen Sie die Art des Gremiums."),
                "invalid_choice": _("Bitte wählen Sie eine Art aus der Liste."),
            },
            "quartier": {
                "required": _(
                    "Bitte wählen Sie ein Quartier. Stadtweite Gremien legt die Fachstelle an."
                ),
                "invalid_choice": _(
                    "Bitte wählen Sie ein Quartier aus der Liste. Sie können Gremien nur in Quartieren anlegen, die Sie koordinieren."
                ),
            },
            "handlungsfelder": {
                "invalid_choice": _("Bitte wählen Sie nur Handlungsfelder aus der Liste."),
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        quartier = self.fields["quartier"]
        if core_rules.is_fachstelle(user):
            quartier.queryset = rules.coordinated_quartiere(user).order_by("name")
            quartier.empty_label = STADTWEIT
        elif core_rules.is_staff_member(user):
            quartier.queryset = rules.coordinated_quartiere(user).order_by("name")
            quartier.required = True
            quartier.help_text = _(
                "Sie können Gremien in den Quartieren anlegen, die Sie koordinieren."
            )
        else:
            # Verwaltung edits the Gremien it belongs to, but does not move them.
            quartier.disabled = True
            quartier.empty_label = STADTWEIT
            quartier.help_text = _("Das Quartier ändern die Fachstelle oder die Koordination.")
        current = (
            list(self.instance.handlungsfelder.values_list("pk", flat=True))
            if self.instance.pk
            else []
        )
        self.fields["handlungsfelder"].queryset = Handlungsfeld.objects.filter(
            Q(aktiv=True) | Q(pk__in=current)
        ).order_by("position", "name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("slug") == "neu":
            # /netzwerk/gremien/neu/ is the create page.
            self.add_error(
                "slug", _("„neu“ ist als Kurzname reserviert. Bitte wählen Sie einen anderen.")
            )
        return cleaned


class PersonChoiceField(SearchableModelChoiceField):
    def label_from_instance(self, obj):
        return person_label(obj)


class MitgliedschaftForm(ChoiceSearchFormMixin, forms.Form):
    person_suche = search_field(_("Person suchen"), PERSON_SUCHE_HELP)
    person = PersonChoiceField(
        queryset=Person.objects.none(),
        search_field="person_suche",
        lookups=PERSON_LOOKUPS,
        label=_("Person"),
        help_text=_("Zur Wahl stehen die Treffer der Suche."),
        error_messages={
            "required": _("Bitte wählen Sie eine Person."),
            "invalid_choice": _(
                "Bitte wählen Sie eine Person aus der Liste. Wer schon Mitglied ist, steht nicht zur Wahl."
            ),
        },
    )
    rolle = forms.ChoiceField(
        label=_("Rolle"),
        choices=Mitgliedschaft.Rolle.choices,
        initial=Mitgliedschaft.Rolle.MITGLIED,
        error_messages={
            "required": _("Bitte wählen Sie eine Rolle."),
            "invalid_choice": _("Bitte wählen Sie eine Rolle aus der Liste."),
        },
    )
    von = forms.DateField(
        label=_("Mitglied seit"),
        required=False,
        widget=DateInput,
        error_messages=DATE_ERRORS,
    )

    def __init__(self, *args, gremium, **kwargs):
        kwargs.setdefault("initial", {"von": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.gremium = gremium
        today = timezone.localdate()
        taken = Mitgliedschaft.objects.filter(gremium=gremium).filter(
            Q(bis__isnull=True) | Q(bis__gte=today)
        )
        self.fields["person"].queryset = (
            Person.objects.active()
            .exclude(pk__in=taken.values("person"))
            .select_related("akteur")
            .order_by("name", "pk")
        )


class MitgliedschaftEndForm(forms.Form):
    bis = forms.DateField(
        label=_("Mitglied bis einschließlich"),
        widget=DateInput,
        error_messages=DATE_ERRORS,
    )

    def __init__(self, *args, mitgliedschaft, **kwargs):
        kwargs.setdefault("initial", {"bis": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.mitgliedschaft = mitgliedschaft

    def clean_bis(self):
        bis = self.cleaned_data["bis"]
        von = self.mitgliedschaft.von
        if von and bis < von:
            raise forms.ValidationError(
                _("Das Ende darf nicht vor dem Beginn der Mitgliedschaft (%(von)s) liegen.")
                % {"von": von.strftime("%d.%m.%Y")}
            )
        return bis
