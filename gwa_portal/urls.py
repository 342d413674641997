from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from cockpit.views import quartier as cockpit_quartier
from cockpit.views import start as cockpit_views
from gwa_portal.core import views as core_views
from quartiere import urls as quartiere_urls
from quartiere.views import uebersicht as quartiere_views

admin.site.site_header = _("GWA-Portal – Verwaltung")
admin.site.site_title = _("GWA-Portal")
# The admin signs in through allauth only (TOTP, rate limits): its own login form would accept
# the password alone.
admin.site.login = core_views.admin_login

# The Quartier page is composed by the cockpit (it adds the Netzwerk sections). It takes the
# place of quartiere's own "detail" pattern, at the same position and under the same name, so
# the fixed paths before it (/quartiere/neu/ …) still win and reverse("quartiere:detail") works.
quartiere_patterns = [
    path("<slug:slug>/", cockpit_quartier.quartier_detail, name="detail")
    if p.name == "detail"
    else p
    for p in quartiere_urls.urlpatterns
]

urlpatterns = [
    path("", cockpit_views.start, name="start"),
    path("karte/aktivitaet.json", cockpit_views.karte_aktivitaet, name="karte_aktivitaet"),
    path("healthz/", core_views.healthz, name="healthz"),
    path("barrierefreiheit/", core_views.barrierefreiheit, name="barrierefreiheit"),
    path("leichte-sprache/", core_views.leichte_sprache, name="leichte_sprache"),
    path("accounts/", include("allauth.urls")),
    path("portal/", include("gwa_portal.core.urls")),
    path("quartiere.geojson", quartiere_views.geojson, name="quartiere_geojson"),
    path("quartiere/", include((quartiere_patterns, quartiere_urls.app_name))),
    path("netzwerk/", include("netzwerk.urls")),
    path("", include("netzwerk.public_urls")),
    path("befragung/", include("befragung.urls")),
    path("cockpit/", include("cockpit.urls")),
    path("admin/", admin.site.urls),
]
