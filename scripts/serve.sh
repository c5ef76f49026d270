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
# Emails: with DEBUG off the default is SMTP (EMAIL_HOST…). Here, unless told otherwise, each
# email is written as a file to .mail/ (chosen on purpose: nothing is delivered, and no
# invitation or reset link lands in the log).
if [ -z "${EMAIL_BACKEND:-}" ]; then
  export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
  export EMAIL_FILE_PATH=${EMAIL_FILE_PATH:-$PWD/.mail}
  echo "serve: emails are written to ${EMAIL_FILE_PATH}/ (set EMAIL_BACKEND and EMAIL_HOST to send them)"
fi
PORT=${PORT:-8000}
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py migrate --noinput -v0
# Beside gunicorn, the task worker that renders published plans' PDFs. Whichever of the two
# stops first (or Ctrl-C, or a TERM to this script), the other is stopped too.
# The worker exits on a database error it does not handle (PostgreSQL restarted, a network
# blip): it is started again after a pause, so a database outage never takes gunicorn down
# with it (`make soak` stops PostgreSQL under load to show it). A worker that stops cleanly
# (status 0, e.g. on the TERM below) ends the loop.
run_task_worker() {
  local worker="" status
  trap '[ -z "$worker" ] || kill -TERM "$worker" 2>/dev/null; wait 2>/dev/null; exit 0' TERM INT
  while true; do
    .venv/bin/python manage.py db_worker --no-reload &
    worker=$!
    status=0
    wait "$worker" || status=$?
    [ "$status" -eq 0 ] && exit 0
    echo "serve: the task worker exited with status ${status}; starting it again in 2 s"
    sleep 2 &
    wait $! || true
  done
}
pids=()
stop_all() {
  trap - EXIT INT TERM
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
run_task_worker &
pids+=($!)
echo "Serving (production settings) on http://127.0.0.1:${PORT}; task worker loop pid ${pids[0]}"
.venv/bin/gunicorn config.wsgi:application -c config/gunicorn.py --bind "127.0.0.1:${PORT}" \
  --workers 2 --access-logfile - --error-logfile - &
pids+=($!)
status=0
wait -n "${pids[@]}" || status=$?
echo "serve: a process exited (status ${status}); stopping gunicorn and the task worker"
exit "$status"
