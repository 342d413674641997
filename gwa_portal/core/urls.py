from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("zugaenge/", views.user_list, name="user_list"),
    path("zugaenge/neu/", views.user_create, name="user_create"),
    path("zugaenge/<int:pk>/", views.user_edit, name="user_edit"),
    path("zugaenge/<int:pk>/link-senden/", views.user_resend, name="user_resend"),
]
