"""Refuses requests no form of the portal can use, before any middleware or view reads them.

- A body larger than UPLOAD_MAX_REQUEST_BYTES is a 413: Django would otherwise stream any
  multipart file to disk (the CSRF check reads the form) before a form could say it is too big.
- A NUL byte in the path, query string, cookies or form fields is a 400: no user types one, and
  PostgreSQL refuses it in text, so a view filtering by it (or the session lookup) would be a 500.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string

from .uploads import size_text

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(pairs):
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in pairs)


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The pages are rendered without the request: nothing of it (session, user) is read.
        limit = settings.UPLOAD_MAX_REQUEST_BYTES
        if _content_length(request) > limit:
            page = render_to_string("core/anfrage_zu_gross.html", {"max": size_text(limit)})
            return HttpResponse(page, status=413)
        if (
            "\x00" in request.path
            or _has_nul(request.GET.lists())
            or _has_nul((k, [v]) for k, v in request.COOKIES.items())
            # Form fields only: uploaded files may hold any byte.
            or (request.content_type in FORM_TYPES and _has_nul(request.POST.lists()))
        ):
            return HttpResponseBadRequest(render_to_string("core/ungueltige_anfrage.html"))
        return self.get_response(request)
