from django.urls import path

from . import views

app_name = "netzwerk"

urlpatterns = [
    path("", views.index, name="index"),
]
