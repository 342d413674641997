from django.urls import path

from . import views, views_audit

app_name = "core"

urlpatterns = [
    path("zugaenge/", views.user_list, name="user_list"),
    path("zugaenge/neu/", views.user_create, name="user_create"),
    path("zugaenge/<int:pk>/", views.user_edit, name="user_edit"),
    path("zugaenge/<int:pk>/link-senden/", views.user_resend, name="user_resend"),
    path("protokoll/", views_audit.audit_list, name="audit_list"),
    path(
        "protokoll/<slug:app_label>/<slug:model>/<int:pk>/",
        views_audit.audit_object,
        name="audit_object",
    ),
]
