from django.urls import path

from . import views

app_name = "befragung"

urlpatterns = [
    path("", views.index, name="index"),
]
