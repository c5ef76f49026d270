"""Gunicorn settings shared by `make serve` (scripts/serve.sh) and `make bench` (bench/run.py):
`gunicorn -c config/gunicorn.py config.wsgi:application`. Bind and workers are given on the
command line."""

from gunicorn.glogging import Logger

from config.redact import redact


class RedactingLogger(Logger):
    """Gunicorn's logger, with the secret of invitation, reset and other links (in the
    request line, the path, the query and the Referer) replaced by "…" (config/redact.py)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str) and (key in ("r", "U", "q", "f") or key.endswith("}i")):
                atoms[key] = redact(value)
        return atoms


logger_class = RedactingLogger


def post_worker_init(worker):
    """Once a worker has loaded the app: import WeasyPrint and its fonts by making a tiny PDF,
    so that the worker's first PDF request does not pay about 350 ms for them; and read the
    code's digest that every cache key holds (routines/caching.py), about 20 ms."""
    from classes.pdf import warm_up
    from routines.caching import code_version

    warm_up()
    code_version()
