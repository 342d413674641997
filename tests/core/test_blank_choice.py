"""Empty choices of selects read German in every form, without each form setting a label."""

import pytest
from django import forms
from django.urls import reverse

from gwa_portal.core.models import Role
from quartiere.filters.aktivitaeten import AktivitaetFilter
from quartiere.filters.kennzahlen import KennzahlFilter
from quartiere.filters.planung import BedarfFilter, MassnahmeFilter
from quartiere.filters.uebersicht import QuartierFilter
from quartiere.forms.stammdaten import QuartierForm, StadtteilForm
from quartiere.models import Stadtteil

from ..factories import StadtteilFactory

pytestmark = pytest.mark.django_db

GERMAN = "– bitte wählen –"
DJANGO_DEFAULTS = ("---------", "Select an option", "Option auswählen")


class AnyForm(forms.Form):
    """A form no one has configured: Django's own defaults apply."""

    stadtteil = forms.ModelChoiceField(queryset=Stadtteil.objects.all())


def test_a_plain_model_choice_field_offers_the_german_empty_choice():
    StadtteilFactory(name="Brink")
    html = str(AnyForm()["stadtteil"])
    assert f'<option value="" selected>{GERMAN}</option>' in html


def test_a_model_field_with_choices_offers_the_german_empty_choice():
    # typologie is a CharField with choices: Django adds the blank choice itself.
    html = str(QuartierForm()["typologie"])
    assert f'<option value="" selected>{GERMAN}</option>' in html
    assert str(StadtteilForm()["art"]).count(GERMAN) == 1


@pytest.mark.parametrize(
    "url_name",
    [
        "bedarf_create",
        "aktivitaet_create",
        "kennzahl_create",
        "quartier_create",
    ],
)
def test_form_pages_show_no_english_or_dashed_empty_choice(client_as, url_name):
    StadtteilFactory()
    body = client_as(Role.FACHSTELLE).get(reverse(f"quartiere:{url_name}")).content.decode()
    assert GERMAN in body
    for label in DJANGO_DEFAULTS:
        assert label not in body


@pytest.mark.parametrize(
    "filterset", [AktivitaetFilter, KennzahlFilter, BedarfFilter, MassnahmeFilter, QuartierFilter]
)
def test_list_filters_name_what_the_empty_choice_shows(rf, fachstelle, filterset):
    request = rf.get("/")
    request.user = fachstelle
    kwargs = {"internal": True} if filterset is QuartierFilter else {}
    html = str(filterset({}, request=request, **kwargs).form)
    for label in DJANGO_DEFAULTS:
        assert label not in html
