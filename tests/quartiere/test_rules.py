"""Object rules: Koordination changes only what belongs to the Quartiere it coordinates today."""

import datetime

from gwa_portal.core.models import Role
from quartiere import rules

from ..factories import (
    AktivitaetFactory,
    BedarfFactory,
    KoordinationFactory,
    MassnahmeFactory,
    QuartierFactory,
)


def test_koordination_changes_only_its_current_quartiere(koordination, fachstelle, verwaltung):
    own = KoordinationFactory(user=koordination).quartier
    foreign = QuartierFactory()
    assert list(rules.editable_quartiere(koordination)) == [own]
    assert rules.can_change_aktivitaet(koordination, AktivitaetFactory(quartier=own))
    assert not rules.can_change_aktivitaet(koordination, AktivitaetFactory(quartier=foreign))
    assert rules.can_change_bedarf(koordination, BedarfFactory(quartier=own))
    assert not rules.can_change_bedarf(koordination, BedarfFactory(quartier=foreign))
    assert rules.can_change_bedarf(fachstelle, BedarfFactory(quartier=foreign))
    assert not rules.can_change_bedarf(verwaltung, BedarfFactory(quartier=own))
    assert not rules.editable_quartiere(verwaltung).exists()


def test_ended_koordination_loses_the_right_to_change(koordination):
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    quartier = KoordinationFactory(
        user=koordination, von=datetime.date(2023, 1, 1), bis=yesterday
    ).quartier
    assert not rules.can_change_aktivitaet(koordination, AktivitaetFactory(quartier=quartier))
    assert not rules.editable_quartiere(koordination).exists()


def test_deactivated_koordination_changes_nothing(make_user):
    user = make_user(Role.KOORDINATION, is_active=False)
    quartier = KoordinationFactory(user=user).quartier
    assert not rules.can_edit_quartier(user, quartier)


def test_massnahme_across_quartiere_needs_all_of_them(koordination):
    own = KoordinationFactory(user=koordination).quartier
    foreign = QuartierFactory()
    assert rules.can_change_massnahme(koordination, MassnahmeFactory(quartiere=[own]))
    assert not rules.can_change_massnahme(koordination, MassnahmeFactory(quartiere=[own, foreign]))
