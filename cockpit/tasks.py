"""Background jobs of the cockpit."""

import logging

from celery import shared_task

from .audit import purge_expired

log = logging.getLogger(__name__)


@shared_task
def purge_audit_log():
    """Enforce GWA_AUDIT_RETENTION_DAYS on the audit trail (daily beat job)."""
    deleted = purge_expired()
    log.info("audit log: %s entries past the retention period deleted", deleted)
    return deleted
