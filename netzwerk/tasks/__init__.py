"""Background delivery for the Netzwerk. Tasks take ids and are safe to run twice.

Domain code never imports this package: it enqueues a task by its registered name through
`gwa_portal.core.outbox`. The names are those of the modules the tasks once lived in
(`netzwerk.tasks.*`, `netzwerk.mail_jobs.*`), since the beat schedule and queued messages use them.
"""

from .einladungen import send_invitation, send_invitations, sweep_unsent
from .erinnerungen import remind_overdue_aufgaben, send_due_reminders, send_reminder
from .fortbildungen import send_nachrueck_mail, sweep_nachrueck_mails
from .protokolle import send_protokoll, sweep_protokollversand

__all__ = [
    "remind_overdue_aufgaben",
    "send_due_reminders",
    "send_invitation",
    "send_invitations",
    "send_nachrueck_mail",
    "send_protokoll",
    "send_reminder",
    "sweep_nachrueck_mails",
    "sweep_protokollversand",
    "sweep_unsent",
]
