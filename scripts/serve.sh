#!/usr/bin/env bash
# Production-like local server: DEBUG off, hashed+compressed static files, gunicorn with 2 workers
# and the task worker (manage.py db_worker).
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
export TASKS_BACKEND=database  # published plans' PDFs are queued for the worker started below
PORT=${PORT:-8000}
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py migrate --noinput -v0
# Beside gunicorn, the task worker that renders published plans' PDFs. Whichever of the two
# stops first (or Ctrl-C, or a TERM to this script), the other is stopped too.
pids=()
stop_all() {
  trap - EXIT INT TERM
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
.venv/bin/python manage.py db_worker --no-reload &
pids+=($!)
echo "Serving (production settings) on http://127.0.0.1:${PORT}; task worker pid ${pids[0]}"
.venv/bin/gunicorn config.wsgi:application -c config/gunicorn.py --bind "127.0.0.1:${PORT}" \
  --workers 2 --access-logfile - --error-logfile - &
pids+=($!)
status=0
wait -n "${pids[@]}" || status=$?
echo "serve: a process exited (status ${status}); stopping gunicorn and the task worker"
exit "$status"
