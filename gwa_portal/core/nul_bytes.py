"""Answers 400 to a request with a NUL byte in its path, query string, cookies or form fields.

No user types a NUL; PostgreSQL refuses it in text, so any view that filters by a query
parameter or a cookie (the session key) would fail with a 500 instead.
"""

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(pairs):
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in pairs)


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or _has_nul(request.GET.lists())
            or _has_nul((k, [v]) for k, v in request.COOKIES.items())
            # Form fields only: uploaded files may hold any byte.
            or (request.content_type in FORM_TYPES and _has_nul(request.POST.lists()))
        ):
            # A page of its own, rendered without the request: nothing of it (session, user)
            # is read before the request is refused.
            return HttpResponseBadRequest(render_to_string("core/ungueltige_anfrage.html"))
        return self.get_response(request)
