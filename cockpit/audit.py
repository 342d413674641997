"""The audit trail: which models django-auditlog records, and how long entries are kept.

Registered here, in one place, because cockpit is the only app that may import all others.
The anonymous survey tables (Rueckmeldung, Antwort, the holding table WartendeRueckmeldung,
Zugangscode) are never recorded: a log entry with a time of day would tie a used code to its
answers (ARCHITECTURE §2 befragung).
"""

import datetime

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.conf import settings
from django.db.models import ManyToManyField
from django.utils import timezone

AUDITED_APPS = ("quartiere", "netzwerk", "befragung", "cockpit")
NEVER_AUDITED = (
    "befragung.Rueckmeldung",
    "befragung.Antwort",
    "befragung.WartendeRueckmeldung",
    "befragung.Zugangscode",
)
# Every diff would otherwise repeat the timestamp the entry already has.
ALWAYS_EXCLUDED = ("created_at", "updated_at")
DELIVERY = ("sent_at", "send_error")
# Secrets, the hash of a Person's unused access code and whether they took part (an entry's
# time would tell when), and delivery bookkeeping.
EXCLUDED_FIELDS = {
    "core.User": ("password", "last_login"),
    "netzwerk.Person": ("kalender_token",),
    "befragung.Befragungseinladung": ("code_hash", "teilgenommen", *DELIVERY),
    # Delivery bookkeeping of the mail outboxes and reminder sweeps: the worker's, not a
    # person's change (the rows themselves are recorded when someone creates them).
    "netzwerk.Einladung": ("rsvp_token", "sent_sequence", "sending_started_at", *DELIVERY),
    "netzwerk.Erinnerung": ("sending_started_at", *DELIVERY),
    "netzwerk.Protokollversand": DELIVERY,
    "netzwerk.Aufgabe": ("erinnert_am",),
    "netzwerk.Anmeldung": ("nachrueck_mail_am",),
    # The frozen report is tens of kilobytes and never edited; its title and period suffice.
    "cockpit.Berichtsfassung": ("inhalt_html", "tabellen"),
}
PURGE_BATCH_SIZE = 1000


def audited_models():
    models = [apps.get_model("core", "User")]
    for label in AUDITED_APPS:
        models += [
            m for m in apps.get_app_config(label).get_models() if m._meta.label not in NEVER_AUDITED
        ]
    return models


def _m2m_fields(model):
    if model._meta.label == "core.User":
        return []  # groups and permissions are not used; roles are a field.
    return [
        f.name
        for f in model._meta.get_fields()
        if isinstance(f, ManyToManyField) and f.remote_field.model._meta.label not in NEVER_AUDITED
    ]


def register_models():
    """Connect auditlog to every domain model; called once from CockpitConfig.ready()."""
    for model in audited_models():
        excluded = [*ALWAYS_EXCLUDED, *EXCLUDED_FIELDS.get(model._meta.label, ())]
        auditlog.register(
            model,
            # Own columns only: auditlog would otherwise note reverse relations on create.
            include_fields=[f.name for f in model._meta.concrete_fields if f.name not in excluded],
            exclude_fields=excluded,
            m2m_fields=_m2m_fields(model),
        )


def retention_cutoff(now=None):
    return (now or timezone.now()) - datetime.timedelta(days=settings.GWA_AUDIT_RETENTION_DAYS)


def purge_expired(*, now=None, batch_size=PURGE_BATCH_SIZE):
    """Delete entries older than the retention period in batches; returns how many went.

    Batches keep each DELETE (and its lock) short on a large table; running it twice is safe."""
    cutoff = retention_cutoff(now)
    deleted = 0
    while True:
        ids = list(
            LogEntry.objects.filter(timestamp__lt=cutoff)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return deleted
        deleted += LogEntry.objects.filter(pk__in=ids).delete()[0]
