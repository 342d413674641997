"""Authentication backends that load the signed-in user and its TOTP state in one query.

Every signed-in request loads its user, and the MFA duty (middleware.RequireMfaMiddleware)
asks whether a TOTP authenticator exists. Django's ModelBackend builds the user's SELECT
through the ORM and the duty was a second query; here both are one plain SQL statement, and
the answer rides on the user as `has_totp` (rules.needs_mfa_setup reads it). Authentication
itself (passwords, allauth's login by email, rate limits) is the parents' unchanged.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.mfa.models import Authenticator
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connections, router

from .models import User

# The stock backends these replace; sessions signed in through them are mapped on load
# (sessions.SessionStore), so that nobody is signed out by the switch.
RENAMED_BACKENDS = {
    "django.contrib.auth.backends.ModelBackend": "gwa_portal.core.auth_backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend": (
        "gwa_portal.core.auth_backends.AuthenticationBackend"
    ),
}

_statements = {}


def _statement(connection):
    """(sql, fields, converters) for `connection`, built once per process and database."""
    if connection.alias not in _statements:
        qn = connection.ops.quote_name
        fields = User._meta.concrete_fields
        table = qn(User._meta.db_table)
        columns = ", ".join(f"u.{qn(field.column)}" for field in fields)
        pk = qn(User._meta.pk.column)
        # Names from the models, quoted; the values go as parameters.
        sql = f"SELECT {columns}, EXISTS (SELECT 1 FROM {qn(Authenticator._meta.db_table)} a"  # noqa: S608
        sql += f" WHERE a.{qn('user_id')} = u.{pk} AND a.{qn('type')} = %s)"
        sql += f" FROM {table} u WHERE u.{pk} = %s"
        # The value conversions the ORM would apply (none on PostgreSQL; booleans and
        # datetimes on SQLite).
        converters = [
            (col, connection.ops.get_db_converters(col) + field.get_db_converters(connection))
            for field in fields
            for col in [field.get_col("u")]
        ]
        _statements[connection.alias] = (sql, fields, converters)
    return _statements[connection.alias]


def load_user(user_id):
    """The active-or-not user with pk `user_id` and its `has_totp`, or None."""
    using = router.db_for_read(User)
    connection = connections[using]
    sql, fields, converters = _statement(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [Authenticator.Type.TOTP, user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row[:-1])
    for i, (col, field_converters) in enumerate(converters):
        for converter in field_converters:
            values[i] = converter(values[i], col, connection)
    user = User.from_db(using, [field.attname for field in fields], values)
    user.has_totp = bool(row[-1])
    return user


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id):
        user = load_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        user = load_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
