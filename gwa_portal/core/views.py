"""Portal-wide pages: health, accessibility statement, Leichte Sprache, and account management."""

from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .accounts import create_account, resend_account_invitation
from .decorators import fachstelle_required
from .filters import UserFilter
from .forms import UserCreateForm, UserUpdateForm
from .health import may_see_details, public_view, run_checks
from .models import User


@never_cache
def healthz(request):
    checks = run_checks()
    healthy = all(c["ok"] for c in checks.values())
    if not may_see_details(request):
        checks = public_view(checks)
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


def admin_login(request, extra_context=None):
    """/admin/login/ without Django's password-only form: every sign-in goes through allauth,
    with its second factor and rate limits. A signed-in user without admin rights gets 403
    (sending them to the login again would loop)."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url, reverse("account_login"))
    if not admin.site.has_permission(request):
        raise PermissionDenied
    return redirect(next_url)


def barrierefreiheit(request):
    return render(request, "core/barrierefreiheit.html")


def leichte_sprache(request):
    return render(request, "core/leichte_sprache.html")


@fachstelle_required
def user_list(request):
    user_filter = UserFilter(request.GET, queryset=User.objects.order_by("name", "email"))
    page = Paginator(user_filter.qs, 25).get_page(request.GET.get("page"))
    return render(request, "core/user_list.html", {"filter": user_filter, "page": page})


@fachstelle_required
def user_create(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = create_account(**form.cleaned_data)
        messages.success(
            request,
            _(
                "Der Zugang für %(name)s wurde angelegt. Eine E-Mail zum Festlegen des Passworts ist unterwegs."
            )
            % {"name": user.name},
        )
        return redirect("core:user_list")
    return render(
        request, "core/user_form.html", {"form": form}, status=400 if form.errors else 200
    )


@fachstelle_required
def user_edit(request, pk):
    account = get_object_or_404(User, pk=pk)
    form = UserUpdateForm(request.POST or None, instance=account, editor=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Der Zugang wurde gespeichert."))
        return redirect("core:user_list")
    return render(
        request,
        "core/user_form.html",
        {"form": form, "account": account},
        status=400 if form.errors else 200,
    )


@require_POST
@fachstelle_required
def user_resend(request, pk):
    account = get_object_or_404(User, pk=pk, is_active=True)
    with transaction.atomic():
        resend_account_invitation(user=account)
    messages.success(
        request,
        _("Der Link zum Festlegen des Passworts wurde erneut an %(email)s gesendet.")
        % {"email": account.email},
    )
    return redirect("core:user_list")
