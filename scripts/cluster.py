"""A local Rollcall cluster on loopback, to show the app servers are stateless.

    .venv/bin/python scripts/cluster.py up        # `make cluster`: runs until Ctrl-C
    .venv/bin/python scripts/cluster.py up --detach
    .venv/bin/python scripts/cluster.py stop      # `make cluster-stop`
    .venv/bin/python scripts/cluster.py test      # `make cluster-test`: up, check, stop

It runs nginx on 127.0.0.1:8140 in front of two gunicorn app servers (8141, 8142), the task
worker (`manage.py db_worker`), a Redis of its own on 6390 (cache, sessions, login-lock
counters; no persistence), the machine's PostgreSQL with a database of its own
(rollcall_cluster, made anew at each start) and moto's S3 server on 8145, which stands in for
S3-compatible object storage here (no real S3 server installs from this machine's registries).
Each app server and the worker get a media folder of their own, so nothing can pass through
the local disk. Ports and the database: CLUSTER_PORT (8140; the others follow it),
CLUSTER_DATABASE_URL.
"""

import argparse
import contextlib
import json
import os
import shutil
import signal
import string
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATE = ROOT / ".cluster"
PIDS = STATE / "pids.json"
BIN = ROOT / ".venv" / "bin"
PORT = int(os.environ.get("CLUSTER_PORT", "8140"))
PORTS = {"nginx": PORT, "app-a": PORT + 1, "app-b": PORT + 2, "s3": PORT + 5}
REDIS_PORT = int(os.environ.get("CLUSTER_REDIS_PORT", "6390"))
DATABASE_URL = os.environ.get(
    "CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rollcall_cluster"
)
BUCKET = "rollcall-media"
S3_ENDPOINT = f"http://127.0.0.1:{PORTS['s3']}"


QUIET = False  # `test` prints its one summary line; what starting says goes to the log


def say(message: str) -> None:
    if QUIET:
        (STATE / "logs").mkdir(parents=True, exist_ok=True)
        with open(STATE / "logs" / "cluster.log", "a") as log:
            log.write(f"cluster: {message}\n")
        return
    print(f"cluster: {message}", flush=True)


def app_env(media: str) -> dict:
    """The environment of an app server or the worker: production settings on loopback."""
    secret = STATE / "secret_key"
    if not secret.exists():
        import secrets

        secret.write_text(secrets.token_urlsafe(50))
    origin = f"http://127.0.0.1:{PORTS['nginx']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DEBUG="0",
        SECRET_KEY=secret.read_text().strip(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS=f"{origin},http://localhost:{PORTS['nginx']}",
        # Plain HTTP on loopback: no redirect to HTTPS, cookies without the Secure flag.
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=DATABASE_URL,
        CONN_MAX_AGE="600",
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
        TASKS_BACKEND="database",
        TRUSTED_PROXIES="127.0.0.1",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=S3_ENDPOINT,
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="rollcall-cluster",
        AWS_SECRET_ACCESS_KEY="rollcall-cluster-secret",  # noqa: S106 - moto takes any
        AWS_S3_CUSTOM_DOMAIN=f"127.0.0.1:{PORTS['nginx']}/media",
        AWS_S3_URL_PROTOCOL="http:",
        MEDIA_ROOT=str(STATE / media),
        LOG_LEVEL="WARNING",
    )
    return env


def manage(*args: str, env: dict) -> None:
    with open(STATE / "logs" / "manage.log", "ab") as log:
        subprocess.run(  # noqa: S603
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=log if QUIET else None,
            stderr=log if QUIET else None,
        )


def fetch(url: str, timeout: float = 2.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


def wait_for(url: str, what: str, seconds: float = 90, ok=(200,)) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if fetch(url)[0] in ok:
            return
        time.sleep(0.3)
    raise SystemExit(f"cluster: {what} did not answer at {url} within {seconds:.0f} s")


class Cluster:
    def __init__(self):
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, name: str, args: list[str], env: dict | None = None) -> None:
        log = open(STATE / "logs" / f"{name}.log", "ab")  # noqa: SIM115 - kept by the process
        self.procs[name] = subprocess.Popen(  # noqa: S603
            args,
            cwd=ROOT,
            env=env or os.environ.copy(),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: stopped (or killed) as a whole
        )
        self.save_pids()

    def save_pids(self) -> None:
        PIDS.write_text(json.dumps({name: proc.pid for name, proc in self.procs.items()}))

    def app_server(self, name: str) -> None:
        port = PORTS[name]
        self.start(
            name,
            [
                str(BIN / "gunicorn"),
                "config.wsgi:application",
                "-c",
                "config/gunicorn.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--graceful-timeout",
                "20",
                "--access-logfile",
                "-",
            ],
            app_env(f"media-{name}"),
        )

    def up(self) -> None:
        for tool in ("ensure_system_packages.sh", "ensure_nginx.sh"):
            subprocess.run([str(ROOT / "scripts" / tool)], check=True)  # noqa: S603
        if running():
            raise SystemExit(
                f"cluster: already running (see {PIDS}); `make cluster-stop` stops it."
            )
        for sub in ("logs", "nginx-tmp"):
            (STATE / sub).mkdir(parents=True, exist_ok=True)
        for media in ("media-app-a", "media-app-b", "media-worker"):
            shutil.rmtree(STATE / media, ignore_errors=True)
            (STATE / media).mkdir()
        env = app_env("media-worker")
        fresh_database()

        say(f"S3 stand-in (moto) on {S3_ENDPOINT}, Redis on 127.0.0.1:{REDIS_PORT}")
        self.start("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(PORTS["s3"])])
        self.start(
            "redis",
            [
                shutil.which("redis-server") or "/usr/bin/redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(REDIS_PORT),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        wait_for(f"{S3_ENDPOINT}/moto-api/", "moto")
        make_bucket(env)

        say("migrating, loading the demo, collecting static files")
        manage("migrate", "--noinput", "-v0", env=env)
        manage("demo", "--quiet-logins", env=env)
        # The demo's plans were published before any worker ran: their PDFs render on demand.
        # The queue starts empty, so the worker's first task is the cluster's own.
        manage(
            "shell",
            "-c",
            "from django_tasks_db.models import DBTaskResult as T; T.objects.all().delete()",
            env=env,
        )
        manage("collectstatic", "--noinput", "-v0", env=env)

        self.app_server("app-a")
        self.app_server("app-b")
        self.start(
            "worker",
            [str(BIN / "python"), "manage.py", "db_worker", "--no-reload", "--interval", "0.5"],
            env,
        )
        nginx_conf = write_nginx_conf()
        self.start(
            "nginx",
            [nginx_binary(), "-p", str(STATE), "-c", str(nginx_conf), "-g", "daemon off;"],
        )
        for name in ("app-a", "app-b", "nginx"):
            wait_for(f"http://127.0.0.1:{PORTS[name]}/healthz", name)
        say(
            f"up: http://127.0.0.1:{PORTS['nginx']} (nginx) → app servers on "
            f"{PORTS['app-a']} and {PORTS['app-b']}, the task worker, Redis {REDIS_PORT}, "
            f"PostgreSQL {DATABASE_URL.rsplit('/', 1)[-1]}, S3 stand-in {PORTS['s3']}. "
            "Demo logins: teacher@demo.rollcall.test / rollcall-demo. Logs in .cluster/logs/."
        )

    def wait(self) -> int:
        """Until Ctrl-C or a TERM, or until nginx exits; then stop everything. An app server
        that stops is reported and nginx sends its requests to the other (the cluster check
        kills one on purpose and starts it again)."""
        stopping = False
        reported: set[int] = set()

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping:
            for proc in self.procs.values():
                proc.poll()  # reap what exited
            pids = json.loads(PIDS.read_text()) if PIDS.exists() else {}
            for name, pid in pids.items():
                if pid not in reported and not alive(pid):
                    reported.add(pid)
                    say(f"{name} (pid {pid}) is not running")
                    stopping = stopping or name == "nginx"
            time.sleep(0.5)
        stop_all()
        return 0


def restart_app(name: str) -> None:
    """Start an app server again (after the cluster check killed it) and record its pid."""
    cluster = Cluster()
    pids = json.loads(PIDS.read_text())
    cluster.app_server(name)  # writes pids.json with this one only: merge
    pids[name] = cluster.procs[name].pid
    PIDS.write_text(json.dumps(pids))
    wait_for(f"http://127.0.0.1:{PORTS[name]}/healthz", name)


def nginx_binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


def write_nginx_conf() -> Path:
    template = string.Template((ROOT / "deploy/nginx/rollcall-cluster.conf.template").read_text())
    conf = template.safe_substitute(
        user_line="user root;" if os.geteuid() == 0 else "",
        state=str(STATE),
        mime_types="/etc/nginx/mime.types",
        port=PORTS["nginx"],
        port_a=PORTS["app-a"],
        port_b=PORTS["app-b"],
        static_root=str(ROOT / "staticfiles"),
        s3_endpoint=S3_ENDPOINT,
        bucket=BUCKET,
    )
    path = STATE / "nginx.conf"
    path.write_text(conf)
    return path


def fresh_database() -> None:
    """Drop and create the cluster's own database (never another one)."""
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(DATABASE_URL)
    name = config["NAME"]
    if not name.startswith("rollcall_cluster") and not name.startswith("rollcall_g"):
        raise SystemExit(f"cluster: refusing to reset {name}: not a cluster database")
    conn = psycopg2.connect(
        dbname="postgres",
        user=config["USER"] or "postgres",
        password=config["PASSWORD"] or None,
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        connect_timeout=5,
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def make_bucket(env: dict) -> None:
    import boto3

    client = boto3.session.Session().client(
        "s3",
        endpoint_url=S3_ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=BUCKET)
    # Technique photos are public library pictures, read through nginx; nothing else is.
    public_photos = {
        "Sid": "PublicTechniquePhotos",
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{BUCKET}/techniques/*",
    }
    client.put_bucket_policy(
        Bucket=BUCKET, Policy=json.dumps({"Version": "2012-10-17", "Statement": [public_photos]})
    )


def running() -> bool:
    if not PIDS.exists():
        return False
    pids = json.loads(PIDS.read_text())
    return any(alive(pid) for pid in pids.values())


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_all(timeout: float = 20) -> None:
    """Stop what the cluster started (the process groups it recorded), gently, then not."""
    if not PIDS.exists():
        return
    pids = json.loads(PIDS.read_text())
    for pid in pids.values():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(alive(pid) for pid in pids.values()):
        time.sleep(0.2)
        for pid in pids.values():
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
    for pid in pids.values():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
    PIDS.unlink(missing_ok=True)
    say("stopped")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["up", "stop", "test"])
    parser.add_argument("--detach", action="store_true", help="start and return (up only)")
    args = parser.parse_args()
    if args.command == "stop":
        stop_all()
        return 0
    if args.command == "up":
        cluster = Cluster()
        try:
            cluster.up()
        except BaseException:
            stop_all()
            raise
        if args.detach:
            return 0
        return cluster.wait()
    # test: use a running cluster, or start one and stop it afterwards
    global QUIET
    QUIET = True
    started = False
    if not running():
        cluster = Cluster()
        try:
            cluster.up()
        except BaseException:
            stop_all()
            raise
        started = True
    try:
        result = subprocess.run(  # noqa: S603
            [str(BIN / "python"), str(ROOT / "scripts" / "cluster_check.py")], cwd=ROOT
        )
        return result.returncode
    finally:
        if started:
            stop_all()


if __name__ == "__main__":
    sys.exit(main())
