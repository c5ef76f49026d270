from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts import language
from accounts import views as account_views

from . import jsi18n, media, views

urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.student_home, name="me"),
    path("healthz", account_views.healthz, name="healthz"),
    # The scripts' words in the language the address names (config/jsi18n.py).
    path("jsi18n/", jsi18n.javascript_catalog, name="javascript-catalog"),
    # The language menu (every page's navigation): the same paths in every language.
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("", include("routines.urls")),
    path("", include("classes.urls")),
    path("", include("students.urls")),
    path("admin/", admin.site.urls),
]

# Uploaded photos, served by the app with DEBUG on or off (config/media.py). A storage
# with its own public address (an absolute MEDIA_URL) serves them itself.
if not settings.MEDIA_URL.startswith(("http://", "https://", "//")):
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", media.media, name="media")
    )

# A body over the configured limits: 413 and a page saying so, not a bare 400.
handler400 = "config.errors.bad_request"
