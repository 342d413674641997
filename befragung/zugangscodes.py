"""Access codes: generated in bulk, shown once, stored only as hashes, used at most once."""

import secrets

from django.db import transaction

from .models import Zugangscode
from .models.zugang import hash_code

# No 0/O, 1/I/L: codes are typed from paper.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def format_code(raw):
    return f"{raw[:4]}-{raw[4:]}"


def new_code():
    return format_code("".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)))


def generate(*, befragung, anzahl):
    """Create `anzahl` codes and return them in plain text – the only time they exist as such."""
    codes, hashes = [], set()
    while len(codes) < anzahl:
        code = new_code()
        digest = hash_code(befragung.pk, code)
        if digest in hashes:
            continue
        hashes.add(digest)
        codes.append(code)
    with transaction.atomic():
        Zugangscode.objects.bulk_create(
            [Zugangscode(befragung=befragung, code_hash=h) for h in hashes]
        )
    return codes


def is_valid(*, befragung, code):
    """Whether `code` is an unused code of `befragung` (without using it)."""
    return Zugangscode.objects.filter(
        befragung=befragung, code_hash=hash_code(befragung.pk, code or ""), benutzt=False
    ).exists()


def redeem(*, befragung, code):
    """Mark `code` used; True if it was a valid unused code. Call inside the transaction that
    writes the answers: the conditional UPDATE lets exactly one of two racing submissions win."""
    updated = Zugangscode.objects.filter(
        befragung=befragung, code_hash=hash_code(befragung.pk, code or ""), benutzt=False
    ).update(benutzt=True)
    return updated == 1
