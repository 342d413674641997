"""The key pages of the benchmarks, shared by `make bench` (scripts/bench.py) and the query-count
test (tests/cockpit/test_query_counts_scale.py).

Adding a page is one line in PAGES. A page whose URL name does not resolve (an app that is not
merged yet) is reported as "not available" instead of failing the run.
"""

import dataclasses
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

BENCH_USER_EMAIL = "bench-fachstelle@example.org"  # "bench-": seed_city --replace removes it


@dataclasses.dataclass(frozen=True)
class Page:
    label: str
    url_name: str
    args: Callable = lambda objects: ()
    public: bool = False  # requested without a login (the public survey form)
    query: str = ""  # a fixed query string, e.g. the report's period


PAGES = [
    Page("Start page", "start"),
    Page("Quartiere", "quartiere:index"),
    Page("Quartier page", "quartiere:detail", lambda o: [o["quartier"].slug]),
    Page("Aktivitäten", "quartiere:aktivitaet_list"),
    Page("Akteure", "netzwerk:akteur_list"),
    Page("Personen", "netzwerk:person_list"),
    Page("Gremien", "netzwerk:gremium_list"),
    Page("Gremium page", "netzwerk:gremium_detail", lambda o: [o["gremium"].slug]),
    Page("Termine", "netzwerk:termin_list"),
    Page("Termine month", "netzwerk:termin_month", lambda o: o["monat"]),
    Page("Termin page", "netzwerk:termin_detail", lambda o: [o["termin"].pk]),
    Page("Termin RSVP overview", "netzwerk:termin_einladungen", lambda o: [o["termin"].pk]),
    Page("Angebote", "netzwerk:angebot_list"),
    Page("Befragung form (public)", "befragung:formular", lambda o: [o["befragung"].slug], True),
    Page("Befragung results", "befragung:ergebnisse", lambda o: [o["befragung"].slug]),
    Page("Gap analysis", "cockpit:luecken"),
    Page("Handover folder", "cockpit:uebergabe", lambda o: [o["quartier"].slug]),
    Page(
        "Sachstandsbericht, one year",
        "cockpit:bericht_ansicht",
        query="von=2025-01-01&bis=2025-12-31",
    ),
    Page("Auswertung (hub)", "cockpit:index"),
    Page("Berichtsfassungen", "cockpit:fassung_list"),
    Page("Änderungsprotokoll", "core:audit_list"),
]


def bench_objects():
    """The seed_city objects the detail pages show; the same shape at every scale."""
    from befragung.models import Befragung
    from netzwerk.models import Gremium, Termin
    from quartiere.models import Quartier

    gremium = Gremium.objects.get(slug="bench-gremium-1")
    now = timezone.now()
    bench_termine = Termin.objects.filter(titel__startswith="Bench Termin ").order_by(
        "beginn", "pk"
    )
    termin = (
        bench_termine.filter(gremium=gremium, beginn__gt=now).first()
        or bench_termine.filter(beginn__gt=now).first()
        or bench_termine.first()
    )
    beginn = timezone.localtime(termin.beginn)
    return {
        "quartier": Quartier.objects.get(slug="bench-quartier-0"),
        "gremium": gremium,
        "termin": termin,
        "monat": [beginn.year, beginn.month],
        "befragung": Befragung.objects.filter(slug="bench-befragung-0").first(),
    }


def page_urls(objects, pages=PAGES):
    """[(page, url or None)]: None when the URL name does not resolve in this build."""
    result = []
    for page in pages:
        try:
            url = reverse(page.url_name, args=page.args(objects))
            result.append((page, f"{url}?{page.query}" if page.query else url))
        except (NoReverseMatch, AttributeError):  # AttributeError: no bench Befragung
            result.append((page, None))
    return result


def ensure_bench_user():
    """A Fachstelle account with an activated TOTP authenticator (so the MFA middleware lets it
    through) and an unusable password: it is only ever logged in by the bench itself."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from gwa_portal.core.models import Role, User

    user, created = User.objects.get_or_create(
        email=BENCH_USER_EMAIL, defaults={"name": "Bench Fachstelle", "role": Role.FACHSTELLE}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


def query_counts(staff_client, public_client, pages=PAGES):
    """{label: (url, status, queries)}; url, status and queries are None for pages that are not
    available. Each page is requested once to warm caches, then measured on the second request."""
    results = {}
    for page, url in page_urls(bench_objects(), pages):
        if url is None:
            results[page.label] = (None, None, None)
            continue
        client = public_client if page.public else staff_client
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        results[page.label] = (url, response.status_code, len(captured))
    return results


# --- survey submission throughput (scripts/bench.py, phase "submissions") ---

SUBMISSION_SLUG = "bench-einreichen"  # not "bench-befragung-…": outside the seed_city counts


def ensure_submission_survey():
    """A running open survey on one step with the question mix of the seed_city surveys
    (five single choices, a scale, a number, a text), without Rückmeldungen."""
    from befragung.models import Antwortoption, Befragung, Frage

    befragung, created = Befragung.objects.get_or_create(
        slug=SUBMISSION_SLUG,
        defaults={
            "titel": {"de": "Bench Einreichen"},
            "datenschutz": {"de": "Die Antworten werden anonym gespeichert."},
            "status": Befragung.Status.LAEUFT,
            "beginn": timezone.localdate().replace(year=2024, month=1, day=1),
        },
    )
    if created:
        for i in range(5):
            frage = Frage.objects.create(
                befragung=befragung,
                position=i + 1,
                name=f"f{i + 1}",
                typ=Frage.Typ.EINFACH,
                text={"de": f"Frage {i + 1}"},
                pflicht=True,
            )
            Antwortoption.objects.bulk_create(
                Antwortoption(frage=frage, position=j + 1, name=f"o{j + 1}", text={"de": f"A{j}"})
                for j in range(4)
            )
        Frage.objects.create(
            befragung=befragung, position=6, name="skala", typ=Frage.Typ.SKALA, skala_min=1,
            skala_max=5, text={"de": "Zufriedenheit"}, pflicht=True,
        )  # fmt: skip
        Frage.objects.create(
            befragung=befragung, position=7, name="alter", typ=Frage.Typ.ZAHL, zahl_min=14,
            zahl_max=110, text={"de": "Alter"},
        )  # fmt: skip
        Frage.objects.create(
            befragung=befragung, position=8, name="anmerkung", typ=Frage.Typ.TEXT,
            text={"de": "Anmerkungen"},
        )  # fmt: skip
    befragung.rueckmeldungen.all().delete()
    befragung.wartende_rueckmeldungen.all().delete()
    return befragung


def submission_bodies(befragung, count):
    """`count` complete, valid POST bodies of the survey's one step (without the CSRF token),
    each with its own signed `stand` (a fresh questionnaire, so none is taken for a resend)."""
    import secrets

    from befragung.forms.antworten import field_name
    from befragung.formular_ablauf import Ablauf
    from befragung.models import Frage

    ablauf = Ablauf(befragung, "de")
    bodies = []
    for n in range(count):
        body = {}
        for frage in ablauf.fragen:
            name = field_name(frage)
            if frage.typ == Frage.Typ.EINFACH:
                optionen = list(frage.optionen.all())
                body[name] = str(optionen[n % len(optionen)].pk)
            elif frage.typ == Frage.Typ.SKALA:
                body[name] = str(frage.skala_min + n % (frage.skala_max - frage.skala_min + 1))
            elif frage.typ == Frage.Typ.ZAHL:
                body[name] = str(20 + n % 60)
            else:
                body[name] = "Mehr Bänke im Park."
        ablauf.nonce = secrets.token_urlsafe(16)
        body["stand"] = ablauf.dumps(0, {})
        bodies.append(body)
    return bodies
