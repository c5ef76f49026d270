"""Gunicorn settings shared by `make serve` (scripts/serve.sh) and `make bench` (bench/run.py):
`gunicorn -c config/gunicorn.py config.wsgi:application`. Bind and workers are given on the
command line."""


def post_worker_init(worker):
    """Once a worker has loaded the app: import WeasyPrint and its fonts by making a tiny PDF,
    so that the worker's first PDF request does not pay about 350 ms for them; and read the
    code's digest that every cache key holds (routines/caching.py), about 20 ms."""
    from classes.pdf import warm_up
    from routines.caching import code_version

    warm_up()
    code_version()
