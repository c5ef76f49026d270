"""manage.py backup and restore: the demo's data round-trips, table by table and file by file,
on the database the suite runs on (SQLite or PostgreSQL); bad input stops with a message and
changes nothing."""

import hashlib
import io
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from PIL import Image

from accounts.demo import DEMO_USERS
from accounts.models import User
from classes.models import PlanVersion
from config import backups
from routines.models import Technique

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def png_bytes(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 16), colour).save(buffer, "PNG")
    return buffer.getvalue()


def table_rows(cursor, tables) -> dict[str, list]:
    """Every row of every table, in a stable order."""
    rows = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
        rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def media_checksums(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def scratch_database(tmp_path):
    """An empty database beside the test database, of the same kind: its URL."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg2

    settings_dict = connection.settings_dict
    name = f"rollcall_g_restore_{os.getpid()}"
    admin = psycopg2.connect(
        dbname="postgres",
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = settings_dict["USER"] or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    yield f"postgres://{user}{password}@{host}:{port}/{name}"
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def rows_of(target: backups.Database, tables) -> dict[str, list]:
    """Every row, read through the plain driver (Django's connection converts values)."""
    if target.vendor == "sqlite":
        conn = sqlite3.connect(target.settings["NAME"])
        try:
            return table_rows(conn.cursor(), tables)
        finally:
            conn.close()
    conn = target.pg_connect()
    try:
        with conn.cursor() as cursor:
            return table_rows(cursor, tables)
    finally:
        conn.close()


@pytest.mark.django_db(transaction=True)
def test_the_demo_round_trips_every_row_and_every_media_file(settings, tmp_path, scratch_database):
    settings.TASKS = DATABASE_TASKS  # the PDFs wait for a worker: queued tasks are rows too
    call_command("demo", quiet_logins=True)
    technique = Technique.objects.order_by("pk").first()
    technique.image = default_storage.save(
        "techniques/demo-photo.png", ContentFile(png_bytes("red"))
    )
    technique.save(update_fields=["image"])
    version = PlanVersion.objects.order_by("pk").first()
    version.pdf.save("plan-demo-a4.pdf", ContentFile(b"%PDF-1.4 stored by the worker"))
    source_media = Path(settings.MEDIA_ROOT)

    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    call_command("restore", str(tmp_path / "backup"), database_url=scratch_database, verbosity=0)

    tables = connection.introspection.table_names()
    assert set(backups.Database.from_url(scratch_database).row_counts()) == set(tables)
    original = rows_of(backups.Database.configured(), tables)
    assert User.objects.count() == len(DEMO_USERS) and len(original["routines_technique"]) > 100
    restored = rows_of(backups.Database.from_url(scratch_database), tables)
    assert [t for t in tables if restored[t] != original[t]] == []
    assert media_checksums(tmp_path / "restored-media") == media_checksums(source_media)
    assert len(media_checksums(source_media)) == 2


@pytest.mark.django_db
def test_a_backup_into_a_folder_that_holds_files_is_refused(tmp_path, teacher):
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    with pytest.raises(CommandError, match="exists and is not empty"):
        call_command("backup", str(folder), verbosity=0)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert not list(tmp_path.glob(".rollcall-backup-*"))


@pytest.fixture
def sqlite_backup(tmp_path, settings):
    """A good backup of a database with one teacher, made from a scratch SQLite file so that
    the tests below run the same on either suite; its folder."""
    source = tmp_path / "source.sqlite3"
    target = backups.Database.from_url(f"sqlite:///{source}")
    conn = sqlite3.connect(source)
    conn.execute("CREATE TABLE accounts_user (id integer primary key, email text)")
    conn.execute("INSERT INTO accounts_user VALUES (1, 'teacher@example.test')")
    conn.commit()
    conn.close()
    folder = tmp_path / "good"
    folder.mkdir()
    shutil.copy(source, folder / "database.sqlite3")
    (folder / "media" / "techniques").mkdir(parents=True)
    (folder / "media" / "techniques" / "photo.png").write_bytes(png_bytes("blue"))
    manifest = {
        "format": backups.FORMAT,
        "version": backups.VERSION,
        "created": "2026-01-01T00:00:00+00:00",
        "database": {
            "vendor": "sqlite",
            "file": "database.sqlite3",
            "size": (folder / "database.sqlite3").stat().st_size,
            "sha256": backups.sha256_file(folder / "database.sqlite3"),
        },
        "media": [
            {
                "name": "techniques/photo.png",
                "size": (folder / "media/techniques/photo.png").stat().st_size,
                "sha256": backups.sha256_file(folder / "media/techniques/photo.png"),
            }
        ],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    assert target.row_counts() == {"accounts_user": 1}
    return folder


def test_a_sqlite_backup_restores_into_an_empty_file(tmp_path, sqlite_backup, settings):
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    call_command("restore", str(sqlite_backup), database_url=url, verbosity=0)
    assert backups.Database.from_url(url).row_counts() == {"accounts_user": 1}
    assert (Path(settings.MEDIA_ROOT) / "techniques/photo.png").read_bytes() == png_bytes("blue")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("truncate", "database.sqlite3: size or checksum does not match"),
        ("corrupt", "database.sqlite3: size or checksum does not match"),
        ("lose-media", "techniques/photo.png: missing"),
        ("manifest", "manifest.json is damaged"),
        ("no-manifest", "holds no Rollcall backup"),
    ],
)
def test_a_damaged_backup_is_refused_and_changes_nothing(
    tmp_path, sqlite_backup, settings, damage, message
):
    dump = sqlite_backup / "database.sqlite3"
    if damage == "truncate":
        dump.write_bytes(dump.read_bytes()[:1000])
    elif damage == "corrupt":
        data = bytearray(dump.read_bytes())
        data[3000] ^= 0xFF
        dump.write_bytes(bytes(data))
    elif damage == "lose-media":
        (sqlite_backup / "media/techniques/photo.png").unlink()
    elif damage == "manifest":
        (sqlite_backup / "manifest.json").write_text('{"format": "rollcall-backup", "vers')
    else:
        (sqlite_backup / "manifest.json").unlink()
    target = tmp_path / "empty.sqlite3"
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(sqlite_backup), database_url=f"sqlite:///{target}", verbosity=0)
    assert not target.exists()
    assert not Path(settings.MEDIA_ROOT).exists()


def test_a_restore_into_a_database_that_holds_data_is_refused_unless_forced(
    tmp_path, sqlite_backup, settings
):
    target = tmp_path / "busy.sqlite3"
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE accounts_user (id integer primary key, email text)")
    conn.executemany("INSERT INTO accounts_user VALUES (?, ?)", [(7, "a@x.test"), (8, "b@x.test")])
    conn.commit()
    conn.close()
    url = f"sqlite:///{target}"
    with pytest.raises(CommandError, match=r"already holds data \(2 rows in 1 tables"):
        call_command("restore", str(sqlite_backup), database_url=url, verbosity=0)
    assert backups.Database.from_url(url).row_counts() == {"accounts_user": 2}
    assert not Path(settings.MEDIA_ROOT).exists()

    call_command("restore", str(sqlite_backup), database_url=url, force=True, verbosity=0)
    assert backups.Database.from_url(url).row_counts() == {"accounts_user": 1}


def test_a_restore_never_overwrites_a_different_media_file_unless_forced(
    tmp_path, sqlite_backup, settings
):
    mine = Path(settings.MEDIA_ROOT) / "techniques/photo.png"
    mine.parent.mkdir(parents=True)
    mine.write_bytes(png_bytes("green"))
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    with pytest.raises(CommandError, match="already holds 1 different files"):
        call_command("restore", str(sqlite_backup), database_url=url, verbosity=0)
    assert mine.read_bytes() == png_bytes("green")
    assert not (tmp_path / "empty.sqlite3").exists()


def test_a_restore_of_the_other_kind_of_database_is_refused(tmp_path, sqlite_backup):
    with pytest.raises(CommandError, match="Only PostgreSQL and SQLite"):
        call_command("restore", str(sqlite_backup), database_url="mysql://x@h/db", verbosity=0)


# --- Backups under an S3 prefix (moto stands in for S3 here) -----------------------------------


@pytest.fixture
def s3(monkeypatch):
    from moto import mock_aws

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_S3_ENDPOINT_URL", raising=False)
    with mock_aws():
        client = backups.s3_client()
        client.create_bucket(Bucket="backups")
        yield client


@pytest.mark.django_db
def test_a_backup_goes_to_an_s3_prefix_and_restores_from_it(
    s3, tmp_path, settings, scratch_database
):
    default_storage.save("techniques/photo.png", ContentFile(png_bytes("blue")))
    call_command("backup", "s3://backups/nightly/one", verbosity=0)
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket="backups")["Contents"]]
    dump = backups.DUMP_FILES[connection.vendor]
    assert sorted(keys) == sorted(
        f"nightly/one/{name}" for name in ["manifest.json", dump, "media/techniques/photo.png"]
    )
    with pytest.raises(CommandError, match="already holds files"):
        call_command("backup", "s3://backups/nightly/one", verbosity=0)

    settings.MEDIA_ROOT = tmp_path / "restored-media"
    call_command("restore", "s3://backups/nightly/one/", database_url=scratch_database, verbosity=0)
    assert (tmp_path / "restored-media/techniques/photo.png").read_bytes() == png_bytes("blue")
    assert "django_migrations" in backups.Database.from_url(scratch_database).row_counts()


@pytest.mark.django_db
def test_an_s3_prefix_without_permission_stops_with_a_message_and_writes_nothing(s3, monkeypatch):
    from moto.core import set_initial_no_auth_action_count

    @set_initial_no_auth_action_count(3)
    def attempt():
        iam = __import__("boto3").client("iam", region_name="us-east-1")
        iam.create_user(UserName="reader")
        iam.put_user_policy(
            UserName="reader",
            PolicyName="read-only",
            PolicyDocument=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": "*"}
                    ],
                }
            ),
        )
        key = iam.create_access_key(UserName="reader")["AccessKey"]
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", key["AccessKeyId"])
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", key["SecretAccessKey"])
        with pytest.raises(CommandError, match=r"No permission to write to s3://backups/nightly/"):
            call_command("backup", "s3://backups/nightly/", verbosity=0)
        assert backups.s3_client().list_objects_v2(Bucket="backups").get("KeyCount") == 0

    attempt()


@pytest.mark.django_db
def test_a_missing_bucket_is_named(s3):
    with pytest.raises(CommandError, match="There is no bucket 'elsewhere'"):
        call_command("backup", "s3://elsewhere/x", verbosity=0)
