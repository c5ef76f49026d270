#!/usr/bin/env bash
# Production-like local server: DEBUG off, hashed+compressed static files, gunicorn with 2 workers.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG=0
if [ -z "${SECRET_KEY:-}" ]; then
  [ -s .secret_key ] || .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > .secret_key
  SECRET_KEY=$(cat .secret_key)
  export SECRET_KEY
fi
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
# Served over plain HTTP on loopback here; behind a TLS proxy leave these at their secure defaults.
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-0}
export CONN_MAX_AGE=${CONN_MAX_AGE:-600}
PORT=${PORT:-8000}
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py migrate --noinput -v0
echo "Serving (production settings) on http://127.0.0.1:${PORT}"
exec .venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:${PORT}" --workers 2 --access-logfile - --error-logfile -
