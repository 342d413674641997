"""The audit trail (django-auditlog's LogEntry): reading it, writing the entries bulk writes
skip, and redacting it on erasure.

Which models are recorded is decided in `cockpit/audit.py`; this package reads that
decision from auditlog's registry (core imports no domain app), so every app may use it.
"""

from auditlog.registry import auditlog

from .bulk import (
    changed_copy,
    delete_logged,
    log_bulk_create,
    log_bulk_delete,
    log_bulk_m2m_add,
    log_bulk_update,
    update_logged,
)
from .erasure import REDACTED, redact_log
from .trail import LogEntryFilter, audited_content_types, describe, entries, history_url

__all__ = [
    "REDACTED",
    "LogEntryFilter",
    "audited_content_types",
    "auditlog",
    "changed_copy",
    "delete_logged",
    "describe",
    "entries",
    "history_url",
    "log_bulk_create",
    "log_bulk_delete",
    "log_bulk_m2m_add",
    "log_bulk_update",
    "redact_log",
    "update_logged",
]
