"""A Fachstelle account can always reach its TOTP setup, whatever it visited before."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from gwa_portal.core.models import Role

from ..factories import PASSWORD


def test_visiting_the_email_page_first_does_not_lock_out_the_totp_setup(client, make_user):
    user = make_user(Role.FACHSTELLE, with_totp=False)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert client.get(reverse("account_email")).status_code == 200
    # The page recorded the address, unverified: this used to block the setup.
    assert EmailAddress.objects.filter(user=user, verified=False).exists()

    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("core:user_list")).status_code == 200
