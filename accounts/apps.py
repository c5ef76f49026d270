from django.apps import AppConfig

from . import db_dates


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        # Signing in starts the session's idle and absolute clocks (a signal receiver).
        from . import security  # noqa: F401

        # PostgreSQL dates past the year 9999 or before the year 1 read at Python's ends.
        db_dates.register()
