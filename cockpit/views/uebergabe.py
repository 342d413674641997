"""The handover folder page: one Quartier, printable on A4."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from befragung.models import Befragung
from gwa_portal.core import rules as core_rules
from gwa_portal.core.decorators import fachstelle_required, internal_required
from gwa_portal.core.editing import form_page
from quartiere.forms.koordination import HandOverForm
from quartiere.koordination import hand_over_koordination, open_koordinationen
from quartiere.models import Quartier
from quartiere.views.koordination import HAND_OVER_ERROR_FIELDS

from ..uebergabe import uebergabe_context


@internal_required
def uebergabe(request, quartier_slug):
    quartier = get_object_or_404(Quartier.objects.with_stadtteil(), slug=quartier_slug)
    context = uebergabe_context(quartier, today=timezone.localdate())
    context["can_hand_over"] = (
        core_rules.is_fachstelle(request.user) and open_koordinationen(quartier).exists()
    )
    if context["befragungen_gesamt"] > len(context["befragungen"]) and core_rules.is_staff_member(
        request.user
    ):
        # The survey list (staff only) filtered as the folder is: running, this Quartier or
        # citywide.
        query = urlencode({"quartier": quartier.slug, "status": Befragung.Status.LAEUFT})
        context["befragungen_liste_url"] = f"{reverse('befragung:liste')}?{query}"
    context["breadcrumbs"] = [
        (reverse("quartiere:index"), _("Quartiere")),
        (quartier.get_absolute_url(), quartier.name),
    ]
    return render(request, "cockpit/uebergabe.html", context)


@fachstelle_required
def uebergeben(request, quartier_slug):
    """„Quartier übergeben“: end one Koordination and start the next (quartiere's domain
    function, one transaction), then open the handover folder for the successor."""
    quartier = get_object_or_404(Quartier.objects.with_stadtteil(), slug=quartier_slug)
    form = HandOverForm(request.POST if request.method == "POST" else None, quartier=quartier)

    def save(form):
        data = form.cleaned_data
        try:
            return hand_over_koordination(
                koordination=data["koordination"], to=data["nachfolge"], on=data["datum"]
            )
        except ValidationError as error:
            form.add_error(HAND_OVER_ERROR_FIELDS.get(error.code), error)
            return None

    folder = reverse("cockpit:uebergabe", kwargs={"quartier_slug": quartier.slug})
    return form_page(
        request,
        form,
        title=_("%(quartier)s übergeben") % {"quartier": quartier.name},
        cancel_url=folder,
        success_url=folder,
        success_message=lambda neu: (
            _(
                "%(quartier)s ist übergeben: %(name)s koordiniert ab dem %(von)s. Hier ist die "
                "Übergabemappe für den Start."
            )
            % {
                "quartier": quartier.name,
                "name": neu.user.name,
                "von": formats.date_format(neu.von, "SHORT_DATE_FORMAT"),
            }
        ),
        save=save,
        extra={
            "breadcrumbs": [
                (reverse("quartiere:index"), _("Quartiere")),
                (quartier.get_absolute_url(), quartier.name),
                (folder, _("Übergabemappe")),
            ],
            "intro": _(
                "Die bisherige Koordination endet am Tag vor der Übergabe, die Nachfolge beginnt "
                "am Übergabetag. Die Rechte wechseln sofort mit."
            ),
        },
    )
