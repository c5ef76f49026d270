"""Backups that restore: `manage.py backup` and `manage.py restore`.

A backup is a folder (or the same files under an S3 prefix, `s3://bucket/prefix`):

    manifest.json        what is in it, with each file's size and SHA-256
    database.dump        PostgreSQL: `pg_dump --format=custom`, one consistent snapshot
    database.sqlite3     SQLite: the online backup API, one consistent snapshot
    media/<name>         every file of the media storage (technique photos, stored PDFs)

The database is dumped first, then the media: a media file is written before the row that
names it is committed and no media file is ever replaced or deleted, so every file the dump
names is in the backup (a file newer than the dump is harmless).

Restore checks everything before it changes anything: the manifest, every file's checksum,
that the dump reads (`pg_restore --list`, SQLite's integrity check), that the database and
the media storage are empty (or `--force`); then writes the media files, then the database in
one transaction. If the database restore fails, the media files it added are removed again.
"""

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection

FORMAT = "rollcall-backup"
VERSION = 1
MANIFEST = "manifest.json"
DUMP_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
# Rows `migrate` writes by itself: a database holding only these is empty.
MIGRATE_TABLES = {"django_migrations", "django_content_type", "auth_permission"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A problem stated for the person running the command; nothing was changed."""


# --- Files and checksums ------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def media_names(storage=None) -> list[str]:
    """Every file in the media storage, as storage names, sorted."""
    storage = storage or default_storage
    names: list[str] = []

    def walk(folder: str) -> None:
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:  # a local media folder not made yet
            return
        prefix = f"{folder}/" if folder else ""
        names.extend(prefix + name for name in files)
        for sub in folders:
            walk(prefix + sub)

    walk("")
    return sorted(names)


def storage_sha256(name: str, storage=None) -> str:
    storage = storage or default_storage
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


# --- Where backups live: a folder or an S3 prefix --------------------------------------------


S3_URL = re.compile(r"^s3://(?P<bucket>[a-z0-9][a-z0-9.\-]{1,62})(?:/(?P<prefix>.*))?$")


def s3_client():
    import boto3

    # A session of its own: credentials are read from the environment as it is now.
    return boto3.session.Session().client(
        "s3",
        endpoint_url=getattr(settings, "AWS_S3_ENDPOINT_URL", None)
        or os.environ.get("AWS_S3_ENDPOINT_URL")
        or None,
        region_name=getattr(settings, "AWS_S3_REGION_NAME", None)
        or os.environ.get("AWS_S3_REGION_NAME")
        or None,
        config=getattr(settings, "AWS_S3_CLIENT_CONFIG", None),
    )


def _s3_problem(error, bucket: str, prefix: str, doing: str) -> BackupError:
    from botocore.exceptions import ClientError

    where = f"s3://{bucket}/{prefix}"
    code = ""
    if isinstance(error, ClientError):
        code = error.response.get("Error", {}).get("Code", "")
    else:  # boto3's transfers wrap the service's answer: "… (AccessDenied) when calling …"
        found = re.search(r"\((\w+)\) when calling", str(error))
        code = found[1] if found else ""
    if code:
        if code in {"AccessDenied", "403", "InvalidAccessKeyId", "SignatureDoesNotMatch"}:
            return BackupError(
                f"No permission to {doing} {where} ({code}). Check the credentials "
                "(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) and the bucket's policy."
            )
        if code in {"NoSuchBucket", "404"}:
            return BackupError(f"There is no bucket '{bucket}' ({where}).")
        return BackupError(f"Could not {doing} {where}: {code or error}.")
    return BackupError(f"Could not {doing} {where}: {error}.")


@dataclass
class Location:
    """A backup's place: a local folder, or a bucket and prefix."""

    text: str

    def __post_init__(self):
        match = S3_URL.match(self.text)
        self.bucket = match["bucket"] if match else None
        prefix = (match["prefix"] or "") if match else ""
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        if self.text.startswith("s3://") and not match:
            raise BackupError(f"'{self.text}' is not an S3 address (s3://bucket/prefix).")

    @property
    def is_s3(self) -> bool:
        return self.bucket is not None

    def s3_keys(self, client) -> list[str]:
        from botocore.exceptions import BotoCoreError, ClientError

        keys: list[str] = []
        try:
            pages = client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=self.prefix
            )
            for page in pages:
                keys.extend(item["Key"] for item in page.get("Contents", []))
        except (BotoCoreError, ClientError) as error:
            raise _s3_problem(error, self.bucket, self.prefix, "list") from error
        return keys


# --- The database --------------------------------------------------------------------------


@dataclass
class Database:
    """The database a backup is taken from or restored into, reached without Django's ORM so
    that a restore can target a database other than the configured one (--database-url)."""

    vendor: str
    settings: dict

    @classmethod
    def configured(cls) -> "Database":
        return cls(connection.vendor, connection.settings_dict)

    @classmethod
    def from_url(cls, url: str) -> "Database":
        try:
            parsed = dj_database_url.parse(url)
        except ValueError as error:
            raise BackupError(f"Not a database URL: {error}") from error
        engine = parsed["ENGINE"]
        vendor = "postgresql" if "postgresql" in engine else "sqlite" if "sqlite" in engine else ""
        if not vendor:
            raise BackupError("Only PostgreSQL and SQLite databases can be restored.")
        return cls(vendor, parsed)

    @property
    def label(self) -> str:
        name = self.settings.get("NAME")
        if self.vendor == "postgresql":
            return f"PostgreSQL database '{name}' on {self.settings.get('HOST') or 'localhost'}"
        return f"SQLite database {name}"

    # PostgreSQL connection details, as libpq's command-line tools take them.
    def pg_args(self) -> list[str]:
        s = self.settings
        args = ["--dbname", s["NAME"]]
        if s.get("HOST"):
            args += ["--host", str(s["HOST"])]
        if s.get("PORT"):
            args += ["--port", str(s["PORT"])]
        if s.get("USER"):
            args += ["--username", str(s["USER"])]
        return args

    def pg_env(self) -> dict:
        env = {**os.environ}
        if self.settings.get("PASSWORD"):
            env["PGPASSWORD"] = str(self.settings["PASSWORD"])
        return env

    def pg_connect(self):
        import psycopg2

        s = self.settings
        try:
            return psycopg2.connect(
                dbname=s["NAME"],
                user=s.get("USER") or None,
                password=s.get("PASSWORD") or None,
                host=s.get("HOST") or None,
                port=s.get("PORT") or None,
                connect_timeout=10,
            )
        except psycopg2.Error as error:
            raise BackupError(f"Cannot connect to the {self.label}: {error}".strip()) from error

    def server_major(self) -> int:
        with self.pg_connect() as conn, conn.cursor() as cursor:
            cursor.execute("SHOW server_version_num")
            return int(cursor.fetchone()[0]) // 10000

    def row_counts(self) -> dict[str, int]:
        """Rows per table, for every table of the database."""
        if self.vendor == "postgresql":
            conn = self.pg_connect()
            try:
                with conn.cursor() as cursor:
                    cursor.execute(
                        "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename), "
                        "tablename FROM pg_tables "
                        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
                    )
                    tables = cursor.fetchall()
                    counts = {}
                    for qualified, name in tables:
                        cursor.execute(f"SELECT count(*) FROM {qualified}")  # noqa: S608
                        counts[name] = cursor.fetchone()[0]
                    return counts
            finally:
                conn.close()
        path = self.settings["NAME"]
        if str(path) in {"", ":memory:"} or not Path(path).exists():
            return {}
        conn = sqlite3.connect(path)
        try:
            names = [
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            ]
            return {
                name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # noqa: S608
                for name in names
            }
        finally:
            conn.close()


def pg_tool(name: str, major: int) -> str:
    """pg_dump or pg_restore of the server's major version: PG_BIN, Debian's
    /usr/lib/postgresql/<major>/bin, then PATH, whichever is not older than the server."""
    candidates = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]) / name)
    candidates.append(Path(f"/usr/lib/postgresql/{major}/bin/{name}"))
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    for candidate in candidates:
        if not candidate.exists():
            continue
        result = subprocess.run(  # noqa: S603 - our own pg tool, arguments as a list
            [str(candidate), "--version"], capture_output=True, text=True, check=False
        )
        found = re.search(r"(\d+)(?:\.\d+)?", result.stdout)
        if found and int(found[1]) >= major:
            return str(candidate)
    raise BackupError(
        f"No {name} of version {major} or newer was found (the server is PostgreSQL {major}). "
        f"Install postgresql-client-{major}, or set PG_BIN to the folder holding it."
    )


def _run(args: list[str], env: dict, what: str) -> None:
    result = subprocess.run(args, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {(result.stderr or result.stdout).strip()[-2000:]}")


# --- Backup -------------------------------------------------------------------------------


def backup(destination: str, *, log=print) -> dict:
    """Write a backup of the configured database and the media storage to `destination`;
    returns the manifest."""
    where = Location(destination)
    database = Database.configured()
    if database.vendor not in DUMP_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {database.vendor}.")
    client = None
    if where.is_s3:
        client = s3_client()
        if where.s3_keys(client):
            raise BackupError(
                f"{destination} already holds files: choose a new prefix for each backup."
            )
    else:
        folder = Path(destination)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise BackupError(
                f"{destination} exists and is not empty: choose a new folder for each backup."
            )
    parent = Path(destination).resolve().parent if not where.is_s3 else None
    if parent is not None and not parent.is_dir():
        raise BackupError(f"The folder {parent} does not exist.")
    with tempfile.TemporaryDirectory(
        prefix=".rollcall-backup-", dir=parent if parent is not None else None
    ) as work:
        work = Path(work)
        dump = work / DUMP_FILES[database.vendor]
        log(f"Dumping the {database.label}…")
        dump_database(database, dump)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": {
                "vendor": database.vendor,
                "file": dump.name,
                "size": dump.stat().st_size,
                "sha256": sha256_file(dump),
            },
            "media": [],
        }
        names = media_names()
        log(f"Copying {len(names)} media files…")
        for name in names:
            target = work / "media" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name, "rb") as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out, CHUNK)
            manifest["media"].append(
                {"name": name, "size": target.stat().st_size, "sha256": sha256_file(target)}
            )
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1))
        if where.is_s3:
            upload(work, where, client)
        else:
            work.rename(destination)  # the whole backup appears at once
            work.mkdir()  # for TemporaryDirectory's clean-up
    return manifest


def dump_database(database: Database, path: Path) -> None:
    if database.vendor == "postgresql":
        tool = pg_tool("pg_dump", database.server_major())
        _run(
            [
                tool,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(path),
                *database.pg_args(),
            ],
            database.pg_env(),
            "pg_dump",
        )
        return
    # SQLite's online backup: a connection of its own reads one consistent, committed state
    # of the file while the app goes on writing (a busy database is waited for).
    name = str(database.settings["NAME"])
    in_memory = name == ":memory:" or "mode=memory" in name
    if in_memory:
        connection.ensure_connection()
        source = connection.connection
    else:
        source = sqlite3.connect(f"file:{name}?mode=ro", uri=True, timeout=30)
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        target.close()
        if not in_memory:
            source.close()


def upload(work: Path, where: Location, client) -> None:
    """Upload the backup's files, the manifest last (a backup without one is incomplete and
    refused by restore); on failure remove what was uploaded."""
    from boto3.exceptions import S3UploadFailedError
    from botocore.exceptions import BotoCoreError, ClientError

    files = sorted(p for p in work.rglob("*") if p.is_file() and p.name != MANIFEST)
    done: list[str] = []
    try:
        for path in [*files, work / MANIFEST]:
            key = where.prefix + path.relative_to(work).as_posix()
            client.upload_file(str(path), where.bucket, key)
            done.append(key)
    except (BotoCoreError, ClientError, S3UploadFailedError) as error:
        for key in done:
            with contextlib.suppress(BotoCoreError, ClientError):
                client.delete_object(Bucket=where.bucket, Key=key)
        raise _s3_problem(error, where.bucket, where.prefix, "write to") from error


# --- Restore ------------------------------------------------------------------------------


def read_backup(source: str, work: Path) -> tuple[dict, Path]:
    """The backup's manifest and a local folder holding its files (downloaded from S3 into
    `work`), every file checked against the manifest."""
    where = Location(source)
    if where.is_s3:
        from botocore.exceptions import BotoCoreError, ClientError

        client = s3_client()
        keys = where.s3_keys(client)
        if where.prefix + MANIFEST not in keys:
            raise BackupError(f"{source} holds no Rollcall backup (no {MANIFEST}).")
        try:
            for key in keys:
                target = work / key.removeprefix(where.prefix)
                target.parent.mkdir(parents=True, exist_ok=True)
                client.download_file(where.bucket, key, str(target))
        except (BotoCoreError, ClientError) as error:
            raise _s3_problem(error, where.bucket, where.prefix, "read") from error
        folder = work
    else:
        folder = Path(source)
        if not (folder / MANIFEST).is_file():
            raise BackupError(f"{source} holds no Rollcall backup (no {MANIFEST}).")
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
        if manifest.get("format") != FORMAT:
            raise ValueError("not a rollcall-backup manifest")
        if manifest.get("version") != VERSION:
            raise ValueError(f"version {manifest.get('version')}, this Rollcall reads {VERSION}")
        entries = [manifest["database"], *manifest["media"]]
        database_file = manifest["database"]["file"]
        if database_file not in DUMP_FILES.values():
            raise ValueError(f"unexpected database file {database_file!r}")
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{source}/{MANIFEST} is damaged: {error}.") from error
    problems = []
    for entry in entries:
        is_media = entry is not manifest["database"]
        name = entry["name"] if is_media else entry["file"]
        path = folder / "media" / name if is_media else folder / name
        if ".." in Path(name).parts or Path(name).is_absolute():
            problems.append(f"{name}: not a name inside the backup")
        elif not path.is_file():
            problems.append(f"{name}: missing")
        elif path.stat().st_size != entry["size"] or sha256_file(path) != entry["sha256"]:
            problems.append(f"{name}: size or checksum does not match (truncated or corrupt)")
    if problems:
        raise BackupError(
            "The backup is damaged; nothing was restored:\n  " + "\n  ".join(problems[:20])
        )
    return manifest, folder


def restore(
    source: str, *, force: bool = False, database_url: str | None = None, log=print
) -> dict:
    """Restore a backup into the configured database (or `database_url`) and the media
    storage. Refuses a database or storage that holds data unless `force`."""
    target = Database.from_url(database_url) if database_url else Database.configured()
    with tempfile.TemporaryDirectory(prefix=".rollcall-restore-") as work:
        manifest, folder = read_backup(source, Path(work))
        vendor = manifest["database"]["vendor"]
        if vendor != target.vendor:
            raise BackupError(
                f"This is a {vendor} backup; it cannot be restored into the {target.label}."
            )
        dump = folder / manifest["database"]["file"]
        check_dump(target, dump)
        counts = target.row_counts()
        data = {
            name: count for name, count in counts.items() if count and name not in MIGRATE_TABLES
        }
        if data and not force:
            sample = ", ".join(f"{name} ({count})" for name, count in sorted(data.items())[:5])
            raise BackupError(
                f"The {target.label} already holds data ({sum(data.values())} rows in "
                f"{len(data)} tables: {sample}…). Restore into an empty database, or pass "
                "--force to replace everything in it."
            )
        existing = set(media_names())
        clashes = [
            entry["name"]
            for entry in manifest["media"]
            if entry["name"] in existing and storage_sha256(entry["name"]) != entry["sha256"]
        ]
        if clashes and not force:
            raise BackupError(
                f"The media storage already holds {len(clashes)} different files under the "
                f"backup's names (e.g. {clashes[0]}). Restore into an empty storage, or pass "
                "--force to replace them."
            )
        log(f"Restoring {len(manifest['media'])} media files…")
        added = restore_media(manifest, folder, existing)
        log(f"Restoring the {target.label}…")
        try:
            restore_database(target, dump, replace=bool(counts))
        except BaseException:
            for name in added:
                default_storage.delete(name)
            raise
    return manifest


def check_dump(target: Database, dump: Path) -> None:
    if target.vendor == "postgresql":
        tool = pg_tool("pg_restore", target.server_major())
        result = subprocess.run(  # noqa: S603 - our own pg tool, arguments as a list
            [tool, "--list", str(dump)], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise BackupError(f"The dump does not read: {result.stderr.strip()[-500:]}")
        return
    try:
        conn = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"The SQLite backup does not read: {error}") from error
    if ok != "ok":
        raise BackupError(f"The SQLite backup is damaged: {ok}")


def restore_media(manifest: dict, folder: Path, existing: set[str]) -> list[str]:
    """Write the backup's media files under their own names; returns the names added."""
    added = []
    for entry in manifest["media"]:
        name = entry["name"]
        if name in existing:
            if storage_sha256(name) == entry["sha256"]:
                continue
            default_storage.delete(name)  # --force: the backup's file replaces it
        with open(folder / "media" / name, "rb") as handle:
            stored = default_storage.save(name, File(handle, name=Path(name).name))
        if stored != name:
            default_storage.delete(stored)
            raise BackupError(f"The media storage stored {name} as {stored}; restore stopped.")
        added.append(name)
    return added


def restore_database(target: Database, dump: Path, *, replace: bool) -> None:
    if target.vendor == "postgresql":
        tool = pg_tool("pg_restore", target.server_major())
        args = [tool, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
        if replace:
            args += ["--clean", "--if-exists"]
        _run([*args, *target.pg_args(), str(dump)], target.pg_env(), "pg_restore")
        return
    # SQLite: the online backup API copies the whole file into the target in one go.
    if target.settings is connection.settings_dict:
        connection.close()
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    destination = sqlite3.connect(target.settings["NAME"])
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
