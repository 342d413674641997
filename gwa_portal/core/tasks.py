"""Background jobs of the portal core."""

import logging

from celery import shared_task
from django.core.management import call_command

from .accounts import SEND_ACCOUNT_INVITATION, set_password_url
from .mail import absolute_url, build_mail
from .models import User

log = logging.getLogger(__name__)


@shared_task(
    name=SEND_ACCOUNT_INVITATION, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def send_account_invitation(user_id):
    """Mail a new (or reset) account its set-password link. The link is single-use."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        log.info("account invitation skipped: user %s inactive or gone", user_id)
        return
    message = build_mail(
        to=user.email,
        template="core/email/account_invitation",
        context={"user": user, "url": absolute_url(set_password_url(user))},
    )
    message.send()


@shared_task
def clear_expired_sessions():
    call_command("clearsessions")
