"""Account lifecycle: the Fachstelle creates accounts, and new users set their own password."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.db import transaction
from django.urls import reverse

from .models import User


def set_password_url(user):
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return path


def create_account(*, email, name, role):
    """Create an account without a password and mail its owner a link to set one."""
    from .tasks import send_account_invitation

    with transaction.atomic():
        user = User.objects.create_user(email=email, name=name, role=role)
        transaction.on_commit(lambda: send_account_invitation.delay(user.pk))
    return user


def resend_account_invitation(*, user):
    from .tasks import send_account_invitation

    transaction.on_commit(lambda: send_account_invitation.delay(user.pk))
