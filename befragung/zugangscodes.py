"""Access codes: generated in bulk, shown once, stored only as hashes, used at most once, and
spent in a transaction of their own."""

import re
import secrets
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import Count, Q

from gwa_portal.core.mail import absolute_url

from .models import Befragungseinladung, Zugangscode
from .models.zugang import hash_code

# No 0/O, 1/I/L: codes are typed from paper.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_ANZAHL = 5000
CODE_PATTERN = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")
# Stay below SQLite's limit of bound parameters per query.
LOOKUP_BATCH = 500


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
    """Spend `code`; True if it was a valid unused code (see `spend`)."""
    return spend(befragung=befragung, code=code) is not None


def spend(*, befragung, code):
    """Spend `code` in its own transaction. Returns the ids of the invitations that mailed it
    (usually one, or none for a mail-merge code), or None when it was not a valid unused code.

    The conditional UPDATE lets exactly one of racing submissions win. The invitation is marked
    teilgenommen and forgets the hash in the same transaction – never the one that writes
    answers. Plain UPDATEs: no `updated_at`, so no time of use is stored anywhere."""
    digest = hash_code(befragung.pk, code or "")
    with transaction.atomic():
        updated = Zugangscode.objects.filter(
            befragung=befragung, code_hash=digest, benutzt=False
        ).update(benutzt=True)
        if updated != 1:
            return None
        einladungen = Befragungseinladung.objects.filter(befragung=befragung, code_hash=digest)
        ids = list(einladungen.values_list("pk", flat=True))
        einladungen.update(code_hash="", teilgenommen=True)
    return ids


def restore(*, befragung, code, einladungen):
    """Undo `spend` when the answers could not be stored, so that the citizen can send them
    again: the code is unused again, and so are the invitations `spend` returned."""
    digest = hash_code(befragung.pk, code or "")
    with transaction.atomic():
        Zugangscode.objects.filter(befragung=befragung, code_hash=digest).update(benutzt=False)
        Befragungseinladung.objects.filter(pk__in=einladungen).update(
            code_hash=digest, teilgenommen=False
        )


def counts(*, befragung):
    """{"erzeugt", "benutzt", "frei"}: one aggregate query."""
    result = Zugangscode.objects.filter(befragung=befragung).aggregate(
        erzeugt=Count("pk"), benutzt=Count("pk", filter=Q(benutzt=True))
    )
    result["frei"] = result["erzeugt"] - result["benutzt"]
    return result


def code_link(*, befragung, code):
    """The absolute link to the public form for mails and letters. The code rides in the
    fragment (`#code=…`), which browsers never send to the server, so it reaches no access log;
    `static/js/befragung-code.js` fills it into the code field (without JS it is typed)."""
    return absolute_url(befragung.get_public_url() + "#" + urlencode({"code": code}))


def parse_codes(text):
    """The codes in a whitespace-separated string, or None if any is malformed or repeated."""
    codes = (text or "").split()
    if not codes or len(codes) > MAX_ANZAHL or len(set(codes)) != len(codes):
        return None
    if not all(CODE_PATTERN.match(code) for code in codes):
        return None
    return codes


def all_unused(*, befragung, codes):
    """Whether every code in `codes` is an unused code of `befragung` (hash lookups only)."""
    hashes = [hash_code(befragung.pk, code) for code in codes]
    found = 0
    for start in range(0, len(hashes), LOOKUP_BATCH):
        found += Zugangscode.objects.filter(
            befragung=befragung, benutzt=False, code_hash__in=hashes[start : start + LOOKUP_BATCH]
        ).count()
    return found == len(set(hashes))
