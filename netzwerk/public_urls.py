"""Netzwerk URLs outside /netzwerk/: reached from mails and calendar apps, without login."""

from django.urls import path

from .views import einladungen, kalender

urlpatterns = [
    path("einladung/<str:token>/", einladungen.rsvp, name="einladung_rsvp"),
    path("kalender/quartier/<slug:slug>.ics", kalender.quartier_feed, name="kalender_quartier"),
    path("kalender/<str:token>.ics", kalender.person_feed, name="kalender_person"),
]
