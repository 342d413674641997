"""The two page flows every edit screen shares: save a form, and delete after confirmation.

Both pages show breadcrumbs when the context has `breadcrumbs`: (url, label) pairs from the top
down to the page before this one; `current` (default: the page title) is the last crumb.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect, render

FORM_TEMPLATE = "includes/form_page.html"
DELETE_TEMPLATE = "includes/confirm_delete_page.html"


def _resolve(value, obj):
    return value(obj) if callable(value) else value


def form_page(
    request,
    form,
    *,
    title,
    cancel_url,
    success_url,
    success_message,
    save=None,
    extra=None,
    template=FORM_TEMPLATE,
):
    """Render `form` on GET; on a valid POST save it in one transaction and redirect.

    `save(form)` replaces `form.save()` when the write needs more than the form (an author,
    a domain function). It may add errors to the form and return None instead: then nothing is
    written and the form is shown again. Invalid input re-renders with status 400.
    `success_url` and `success_message` may be callables of the saved object.
    """
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            obj = save(form) if save else form.save()
            if obj is None:
                transaction.set_rollback(True)
        if obj is not None:
            messages.success(request, _resolve(success_message, obj))
            return redirect(_resolve(success_url, obj))
    return render_form_page(
        request, form, title=title, cancel_url=cancel_url, extra=extra, template=template
    )


def render_form_page(
    request,
    form,
    *,
    title,
    cancel_url,
    breadcrumbs=(),
    current=None,
    intro="",
    submit_label="",
    extra=None,
    template=FORM_TEMPLATE,
):
    """Show `form` on the shared form page, with 400 when it has errors.

    For views that save in a flow of their own (a Termin with its invitees) and for form_page.
    """
    context = {
        "form": form,
        "title": title,
        "cancel_url": cancel_url,
        "breadcrumbs": breadcrumbs,
        "current": current,
        "intro": intro,
        "submit_label": submit_label,
        **(extra or {}),
    }
    return render(request, template, context, status=400 if form.errors else 200)


def delete_page(
    request,
    obj,
    *,
    title,
    cancel_url,
    success_url,
    success_message,
    consequences=(),
    extra=None,
    template=DELETE_TEMPLATE,
):
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
        **(extra or {}),
    }
    return render(request, template, context, status=409 if blocked else 200)
