"""Befragungen: the public list of the surveys that are open today."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import render

from ..models import SPRACHEN, Befragung
from ..models.sprachen import html_lang, text_direction


def index(request):
    befragungen = Befragung.objects.running().order_by(F("ende").asc(nulls_last=True), "slug")
    page = Paginator(befragungen, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    for befragung in page.object_list:
        url = befragung.get_public_url()
        befragung.sprachen_links = [
            {
                "url": f"{url}?sprache={code}",
                "name": SPRACHEN[code][1],
                "lang": html_lang(code),
                "dir": text_direction(code),
            }
            for code in befragung.all_sprachen
        ]
    return render(request, "befragung/index.html", {"page": page})
