"""What /healthz reports: the database, and, where they are shared services, Redis (the
cache, sessions and login-lock counters) and the object storage (media), each on its own.

The HTTP status follows the database alone (200 or 503): a load balancer takes an app server
out when it cannot reach the system of record. Redis or the storage being down affects every
app server alike, and the app keeps serving without them (pages are computed, pages without
media serve), so they show as "unavailable" with the status "degraded" and a 200.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.db.utils import DatabaseError

OK = "ok"
UNAVAILABLE = "unavailable"
PROBE_NAME = "healthz-probe"  # read, never written: its absence is a fine answer


def database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return UNAVAILABLE
    return OK


def redis() -> str | None:
    """None when the cache is each process's own memory (no Redis configured)."""
    if not getattr(settings, "REDIS_URL", ""):
        return None
    try:
        cache.get(PROBE_NAME)  # Django's Redis cache raises when Redis does not answer
    except Exception:
        return UNAVAILABLE
    return OK


def storage() -> str | None:
    """None when media are on the app server's own disk (no bucket configured)."""
    if not getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
        return None
    try:
        default_storage.exists(PROBE_NAME)  # a HEAD request: False is an answer
    except Exception:
        return UNAVAILABLE
    return OK


def report() -> tuple[dict, int]:
    """The JSON /healthz answers with, and its HTTP status."""
    result = {"database": database()}
    for name, check in (("redis", redis), ("storage", storage)):
        state = check()
        if state is not None:
            result[name] = state
    if result["database"] != OK:
        return {"status": "error", **result}, 503
    degraded = any(state != OK for state in result.values())
    return {"status": "degraded" if degraded else "ok", **result}, 200
