"""Access codes: bulk generation, hashing, one use only."""

import pytest

from befragung import zugangscodes
from befragung.models import Befragung, Zugangscode

from ..factories import BefragungFactory

pytestmark = pytest.mark.django_db


def test_generated_codes_are_stored_only_as_hashes():
    befragung = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE)
    codes = zugangscodes.generate(befragung=befragung, anzahl=20)
    assert len(set(codes)) == 20
    assert Zugangscode.objects.filter(befragung=befragung).count() == 20
    stored = set(Zugangscode.objects.values_list("code_hash", flat=True))
    assert not any(code.replace("-", "") in h.upper() for code in codes for h in stored)


def test_a_code_is_used_at_most_once_and_only_for_its_survey():
    befragung = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE)
    other = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE)
    (code,) = zugangscodes.generate(befragung=befragung, anzahl=1)
    assert not zugangscodes.redeem(befragung=other, code=code)
    assert zugangscodes.is_valid(befragung=befragung, code=code.lower())
    assert zugangscodes.redeem(befragung=befragung, code=f" {code.lower()} ")
    assert not zugangscodes.redeem(befragung=befragung, code=code)
    assert not zugangscodes.is_valid(befragung=befragung, code=code)
