"""View decorators that apply a rule: anonymous users go to the login, others get 403."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from . import rules


def require(rule):
    """Allow the view only when `rule(user)` holds."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


internal_required = require(rules.is_internal)
staff_required = require(rules.is_staff_member)
fachstelle_required = require(rules.is_fachstelle)
