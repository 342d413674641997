"""The portal's URLs plus the baseline of the survey submission benchmark: a view that does
one INSERT. Loaded only by scripts.bench_settings (the bench's gunicorn); the
normal URLconf (gwa_portal.urls) has no such path."""

from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from gwa_portal.urls import urlpatterns as portal_urlpatterns


@require_POST
def insert_one(request, befragung_id):
    """The stack's ceiling for a submission: the same middleware (sessions, CSRF, …) and one
    INSERT of a Rueckmeldung, without reading the survey or validating anything."""
    from befragung.models import Rueckmeldung

    Rueckmeldung.objects.create(
        befragung_id=befragung_id,
        sprache="de",
        kanal=Rueckmeldung.Kanal.ONLINE,
        eingereicht_am=timezone.localdate(),
    )
    return HttpResponse(status=204)


urlpatterns = [
    path("bench/insert/<int:befragung_id>/", insert_one, name="bench_insert"),
    *portal_urlpatterns,
]
