"""Delete audit log entries past GWA_AUDIT_RETENTION_DAYS now (the beat task does it nightly)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from cockpit.audit import purge_expired, retention_cutoff


class Command(BaseCommand):
    help = "Löscht Protokolleinträge, die älter als GWA_AUDIT_RETENTION_DAYS sind."

    def handle(self, *args, **options):
        now = timezone.now()
        cutoff = timezone.localtime(retention_cutoff(now))
        deleted = purge_expired(now=now)
        self.stdout.write(
            f"{deleted} Protokolleinträge vor dem {cutoff:%d.%m.%Y %H:%M} gelöscht "
            f"(Aufbewahrung {settings.GWA_AUDIT_RETENTION_DAYS} Tage)."
        )
