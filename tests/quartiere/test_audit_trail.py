"""The Kennzahlen import in the audit trail: new figures are created, changed ones updated,
unchanged ones left alone, each with the importing user."""

import pytest
from auditlog.models import LogEntry

from gwa_portal.core.models import Role
from quartiere.models import Kennzahl

from ..core.test_audit import entries_for
from ..factories import KennzahlFactory, QuartierFactory
from .test_kennzahlen import HEADER, IMPORT_URL, csv_file

pytestmark = pytest.mark.django_db


def test_kennzahlen_import_logs_new_and_changed_figures_with_the_actor(client_as, fachstelle):
    wiesenau = QuartierFactory(name="Wiesenau", slug="wiesenau")
    changed = KennzahlFactory(quartier=wiesenau, jahr=2023, merkmal="einwohner", wert=100)
    same = KennzahlFactory(quartier=wiesenau, jahr=2022, merkmal="einwohner", wert=90)
    client = client_as(Role.FACHSTELLE)
    content = (
        HEADER
        + "wiesenau;2023;einwohner;120;Register\n"
        + "wiesenau;2022;einwohner;90;\n"
        + "wiesenau;2023;alter_65_plus;800;\n"
    )
    preview = client.post(IMPORT_URL, {"datei": csv_file(content)})
    client.post(IMPORT_URL, {"token": preview.context["token"]})
    (update,) = entries_for(changed).filter(action=LogEntry.Action.UPDATE)
    assert update.actor == fachstelle
    assert update.changes == {"wert": ["100.00", "120"], "quelle": ["", "Register"]}
    assert update.object_repr.startswith("Wiesenau 2023")
    assert not entries_for(same).filter(action=LogEntry.Action.UPDATE).exists()
    new = Kennzahl.objects.get(merkmal="alter_65_plus")
    (create,) = entries_for(new).filter(action=LogEntry.Action.CREATE)
    assert create.actor == fachstelle and create.changes["wert"] == ["None", "800"]
