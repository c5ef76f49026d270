"""Count the SQL queries of one GET of each benchmark page, with Django's test client.

Run by bench/run.py in its own process with the bench environment. Reads a JSON list of
{"path": ..., "who": ..., "language": ...} on stdin ("who" is None or a key of
seed.BENCH_USERS; "language" a language cookie or None) and prints a JSON list of query
counts, in the same order (null when the page did not answer 200).
"""

import json
import sys

from seed import BENCH_USERS, MODEL_BACKEND, setup_django

HOST = "127.0.0.1"


def count_queries(path: str, who: str | None, language: str | None = None) -> int | None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    client = Client(SERVER_NAME=HOST, HTTP_HOST=HOST)
    if who:
        client.force_login(User.objects.get(email=BENCH_USERS[who]), backend=MODEL_BACKEND)
    if language:
        client.cookies["django_language"] = language
    try:
        client.get(path, secure=False)  # warm-up: caches, lazy imports, first connection
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, secure=False)
    except Exception as exc:  # a half-built page: report it, keep counting the others
        print(f"queries: GET {path} raised {exc!r}", file=sys.stderr)
        return None
    if response.status_code != 200:
        return None
    return len(captured.captured_queries)


def main() -> None:
    setup_django()
    pages = json.load(sys.stdin)
    counts = [count_queries(page["path"], page["who"], page.get("language")) for page in pages]
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
