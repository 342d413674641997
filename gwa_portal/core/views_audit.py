"""The audit trail for the Fachstelle: a filtered list and the history of one object."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from . import audit
from .decorators import fachstelle_required

# The unfiltered trail of a large city has hundreds of thousands of entries; counting them all
# for every page view grew with the city (25 ms at bench scale 5). Beyond this the list says
# "more than" and the filters narrow it down.
COUNT_LIMIT = 10_000


class CappedPaginator(Paginator):
    """Counts at most COUNT_LIMIT + 1 rows (COUNT over a LIMIT subquery)."""

    @cached_property
    def count(self):
        # Without the ORDER BY: any COUNT_LIMIT + 1 rows will do (an index-only scan).
        return self.object_list.order_by()[: COUNT_LIMIT + 1].count()

    @cached_property
    def capped(self):
        return self.count > COUNT_LIMIT


def _crumbs():
    # The navigation files the audit trail under „Auswertung“ (the cockpit's hub page).
    return [(reverse("start"), _("Start")), (reverse("cockpit:index"), _("Auswertung"))]


@fachstelle_required
def audit_list(request):
    log_filter = audit.LogEntryFilter(request.GET, queryset=audit.entries())
    paginator = CappedPaginator(log_filter.qs, settings.GWA_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = audit.describe(page.object_list)
    return render(
        request,
        "core/audit_list.html",
        {
            "filter": log_filter,
            "page": page,
            "count_limit": number_format(COUNT_LIMIT, force_grouping=True),
            "page_limit": number_format(paginator.num_pages - 1, force_grouping=True),
            "reset_url": reverse("core:audit_list"),
            "breadcrumbs": _crumbs(),
            "retention_days": settings.GWA_AUDIT_RETENTION_DAYS,
        },
    )


@fachstelle_required
def audit_object(request, app_label, model, pk):
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        raise Http404 from None
    model_class = content_type.model_class()
    if model_class is None or model_class not in audit.auditlog.get_models():
        raise Http404
    obj = model_class._default_manager.filter(pk=pk).first()
    history = audit.entries().filter(content_type=content_type, object_id=pk)
    page = Paginator(history, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = audit.describe(page.object_list)
    if obj is None and not page.object_list:
        raise Http404
    title = str(obj) if obj is not None else page.object_list[0].object_repr
    return render(
        request,
        "core/audit_object.html",
        {
            "page": page,
            "obj": obj,
            "pk": pk,
            "breadcrumbs": [*_crumbs(), (reverse("core:audit_list"), _("Änderungsprotokoll"))],
            "title": title,
            "model_label": model_class._meta.verbose_name,
            "object_url": obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None,
        },
    )
