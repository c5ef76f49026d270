from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views

from . import media, views

urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.student_home, name="me"),
    path("healthz", account_views.healthz, name="healthz"),
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
