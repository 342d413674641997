from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["name", "email"]
    list_display = ["email", "name", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "name"]
    readonly_fields = ["last_login", "created_at", "updated_at", "is_staff", "is_superuser"]
    fieldsets = [
        (None, {"fields": ["email", "name", "password"]}),
        (
            _("Rolle und Status"),
            {"fields": ["role", "is_active", "mfa_exempt", "is_staff", "is_superuser"]},
        ),
        (_("Zeiten"), {"fields": ["last_login", "created_at", "updated_at"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "role", "password1", "password2"]})
    ]
    filter_horizontal = []
