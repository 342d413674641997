"""The portal's user: logs in by email and carries one role that decides what it may see and do."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        abstract = True


class Role(models.TextChoices):
    FACHSTELLE = "fachstelle", _("Fachstelle GWA")
    KOORDINATION = "koordination", _("GW-Koordination")
    VERWALTUNG = "verwaltung", _("Verwaltung")
    PARTNER = "partner", _("Partner:in")


INTERNAL_ROLES = frozenset({Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra["role"] = Role.FACHSTELLE
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    name = models.CharField(_("Name"), max_length=150)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(
        _("aktiv"), default=True, help_text=_("Deaktivierte Zugänge können sich nicht anmelden.")
    )
    is_staff = models.BooleanField(_("Zugang zur Verwaltungsoberfläche"), default=False)
    mfa_exempt = models.BooleanField(
        _("von Zwei-Faktor-Pflicht befreit"),
        default=False,
        help_text=_("Wirkt nur im Entwicklungsbetrieb (DEBUG), nie in Produktion."),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("Zugang")
        verbose_name_plural = _("Zugänge")
        ordering = ["name", "email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="user_role_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(is_superuser=False) | models.Q(role=Role.FACHSTELLE),
                name="user_superuser_only_fachstelle",
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>" if self.name else self.email

    def save(self, *args, **kwargs):
        # The Fachstelle administers the portal; no other role gets the Django admin.
        self.email = self.email.lower()
        self.is_staff = self.is_superuser = self.role == Role.FACHSTELLE
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "is_staff", "is_superuser"}
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def is_fachstelle(self):
        return self.role == Role.FACHSTELLE

    @property
    def is_koordination(self):
        return self.role == Role.KOORDINATION

    @property
    def is_internal(self):
        return self.role in INTERNAL_ROLES
