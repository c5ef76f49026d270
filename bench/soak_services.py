"""The services `make soak` runs on its own: a private PostgreSQL cluster, a private Redis
and the app served as `make serve` serves it (scripts/serve.sh). Each can be stopped and
started again while the app runs, which is what the fault phases of bench/soak.py do.

Nothing here touches the machine's own PostgreSQL or Redis: the cluster is created with
`initdb` in a temporary directory and listens on its own port (SOAK_PG_PORT, 55432), Redis
runs from a temporary directory on SOAK_REDIS_PORT (8139) without persistence.
PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` OS user
(created by Debian's postgresql package; scripts/ensure_soak_tools.sh installs it).
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pg_bin_dir() -> Path:
    """The newest /usr/lib/postgresql/<version>/bin with initdb (or SOAK_PG_BIN)."""
    if os.environ.get("SOAK_PG_BIN"):
        return Path(os.environ["SOAK_PG_BIN"])
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if not found:
        raise SystemExit("soak: no PostgreSQL server binaries (run scripts/ensure_soak_tools.sh)")
    return found[-1].parent


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


class PrivatePostgres:
    """A throwaway PostgreSQL cluster on 127.0.0.1:`port`, trust authentication."""

    def __init__(self, port: int):
        self.port = port
        self.bin = pg_bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="rollcall-soak-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{port}/rollcall_soak"

    def _command(self, tool: str, *args: str) -> list[str]:
        command = [str(self.bin / tool), *args]
        return ["runuser", "-u", "postgres", "--", *command] if self.as_postgres else command

    def create(self) -> None:
        run(self._command("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust"))
        self.start()
        address = ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        run([str(self.bin / "createdb"), *address, "rollcall_soak"])

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.root} -c max_connections=100"
        )
        pg_ctl = ["-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "30"]
        run(self._command("pg_ctl", *pg_ctl, "start"))

    def stop(self) -> None:
        """A fast shutdown: open connections are ended, as when the server is restarted."""
        run(self._command("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop"))

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run(
                self._command("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"),
                capture_output=True,
            )
        shutil.rmtree(self.root, ignore_errors=True)


class PrivateRedis:
    """A redis-server on 127.0.0.1:`port`, no persistence: started empty every time."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.root = Path(tempfile.mkdtemp(prefix="rollcall-soak-redis-"))
        self.process: subprocess.Popen | None = None

    @staticmethod
    def available() -> bool:
        return shutil.which("redis-server") is not None

    def start(self) -> None:
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.root)]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
            )
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise SystemExit(f"soak: redis-server did not answer on port {self.port}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


class AppServer:
    """scripts/serve.sh (gunicorn, 2 sync workers, and the task worker) on `port`."""

    def __init__(self, env: dict, port: int, log: Path):
        self.env, self.port, self.log = env, port, log
        self.base = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [str(ROOT / "scripts" / "serve.sh")],
                cwd=ROOT,
                env={**self.env, "PORT": str(self.port)},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches the soak alone; it stops this in order
            )

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def gunicorn_pid(self) -> int | None:
        """The gunicorn master's pid (a child of serve.sh): the same pid before and after a
        fault means the app was not restarted."""
        if not self.running():
            return None
        children = subprocess.run(
            ["pgrep", "-P", str(self.process.pid), "-f", "gunicorn"], capture_output=True, text=True
        ).stdout.split()
        return int(children[0]) if children else None

    def stop(self) -> None:
        if self.running():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
