"""The two page flows every edit screen shares: save a form, and delete after confirmation."""

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect, render


def form_page(
    request, form, *, title, cancel_url, success_url, success_message, save=None, extra=None
):
    """Render `form` on GET; on a valid POST save it in one transaction and redirect.

    `save(form)` replaces `form.save()` when the write needs more than the form (an author,
    a domain function). Invalid input re-renders with status 400 and nothing written.
    """
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            obj = save(form) if save else form.save()
        messages.success(request, success_message)
        return redirect(success_url(obj) if callable(success_url) else success_url)
    context = {"form": form, "title": title, "cancel_url": cancel_url, **(extra or {})}
    return render(request, "includes/form_page.html", context, status=400 if form.errors else 200)


def delete_page(request, obj, *, title, cancel_url, success_url, success_message, consequences=()):
    """Ask before deleting; on POST delete in one transaction.

    Objects that history still points to (PROTECT) are not deleted: the page says why, with 409.
    """
    blocked = []
    if request.method == "POST":
        try:
            with transaction.atomic():
                obj.delete()
        except (ProtectedError, RestrictedError) as error:
            blocked = sorted(
                {str(o._meta.verbose_name_plural) for o in error.protected_objects}
                if isinstance(error, ProtectedError)
                else {str(o._meta.verbose_name_plural) for o in error.restricted_objects}
            )
        else:
            messages.success(request, success_message)
            return redirect(success_url)
    context = {
        "object": obj,
        "title": title,
        "cancel_url": cancel_url,
        "consequences": consequences,
        "blocked": blocked,
    }
    return render(
        request, "includes/confirm_delete_page.html", context, status=409 if blocked else 200
    )
