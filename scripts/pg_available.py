"""Exit 0 when the PostgreSQL server in DATABASE_URL answers, 1 when not."""

import os
import sys

import dj_database_url
import psycopg2

config = dj_database_url.parse(os.environ["DATABASE_URL"])
try:
    psycopg2.connect(
        dbname="postgres",
        user=config["USER"] or "postgres",
        password=config["PASSWORD"] or None,
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        connect_timeout=3,
    ).close()
except psycopg2.Error as exc:
    print(f"PostgreSQL is not reachable: {exc}".strip(), file=sys.stderr)
    sys.exit(1)
