"""The authentication backend: Django's, with every password check throttled.

Every form that checks a password calls `authenticate()` (sign-in, the admin's sign-in,
password change, email confirmation, a student's data export and account deletion), so this
one backend throttles them all (accounts/throttle.py has the policy). A refused or failed
check raises PermissionDenied, which `authenticate()` turns into "no user" without asking
another backend to check the same password again. A refusal is also left on the request for
`accounts.middleware.PasswordLockMiddleware`, which answers with the lockout page (HTTP 429).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import throttle


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        account = str(username).strip().lower()[:254]
        refusal = throttle.password_refused(request, account)
        if refusal is not None:
            if request is not None:
                request.password_refusal = refusal
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.password_failed(request, account)
            raise PermissionDenied
        throttle.password_succeeded(request, account)
        return user
