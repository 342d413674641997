"""People one may invite: netzwerk's public door for other apps (befragung imports only this).
Personen with an e-mail address, a Gremium's members, the person search field and the choices."""

from django.utils.translation import gettext_lazy as _

from gwa_portal.core.forms import SearchableModelMultipleChoiceField

from .models import Akteur, Gremium, Mitgliedschaft, Person

# Personen are searched by name, e-mail address and organisation.
PERSON_LOOKUPS = ("name", "email", "akteur__name")
PERSON_SUCHE_HELP = _("Name, E-Mail-Adresse oder Organisation, dann „Suchen“.")


def person_label(obj):
    if obj.akteur_id:
        return f"{obj.name} ({obj.akteur.name})"
    return obj.name


def invitable_personen():
    """Persons who can receive mail: not erased, with an email address."""
    return Person.objects.active().exclude(email="").select_related("akteur").order_by("name", "pk")


def invitable_members(gremium):
    """The current members who can receive an invitation (not erased, with an email)."""
    return (
        Person.objects.active()
        .exclude(email="")
        .filter(pk__in=Mitgliedschaft.objects.current().filter(gremium=gremium).values("person"))
    )


def gremium_choices():
    """The Gremien whose members one may invite together: the active ones."""
    return Gremium.objects.active().order_by("name", "pk")


def akteur_choices():
    """The Akteure whose contact Personen one may invite together."""
    return Akteur.objects.order_by("name", "pk")


class SearchablePersonenField(SearchableModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return person_label(obj)


def search_personen_field(label, help_text, *, search_field_name):
    """Checkboxes for the Personen found by the search field `search_field_name` (and those
    already chosen); the POST is checked against the whole queryset."""
    return SearchablePersonenField(
        queryset=Person.objects.none(),
        search_field=search_field_name,
        lookups=PERSON_LOOKUPS,
        required=False,
        label=label,
        help_text=help_text,
        error_messages={
            "invalid_choice": _(
                "Bitte wählen Sie nur Personen aus der Liste (mit E-Mail-Adresse, noch nicht eingeladen)."
            ),
            "invalid_pk_value": _("Bitte wählen Sie nur Personen aus der Liste."),
            "invalid_list": _("Bitte wählen Sie nur Personen aus der Liste."),
        },
    )
