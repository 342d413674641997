"""Account lifecycle: the Fachstelle creates accounts, and new users set their own password."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.db import transaction
from django.urls import reverse

from . import outbox
from .models import User

SEND_ACCOUNT_INVITATION = "gwa_portal.core.tasks.send_account_invitation"


def set_password_url(user):
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return path


def _mail_invitation_on_commit(user):
    # No outbox row and no sweep behind this mail: a broker error must reach the staff member.
    send = outbox.task_named(SEND_ACCOUNT_INVITATION)
    transaction.on_commit(lambda: send.delay(user.pk))


def create_account(*, email, name, role):
    """Create an account without a password and mail its owner a link to set one."""
    with transaction.atomic():
        user = User.objects.create_user(email=email, name=name, role=role)
        _mail_invitation_on_commit(user)
    return user


def resend_account_invitation(*, user):
    _mail_invitation_on_commit(user)
