"""What the cluster relies on, without the cluster (issue 17): the client's address is read
from X-Forwarded-For only behind a trusted proxy; /healthz reports the database, Redis and
the object storage separately; media go to S3-compatible storage when a bucket is named, and
storage that does not answer costs an upload a message, never a 500 or a half-saved form.
moto stands in for S3 here, as in `make cluster`."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from botocore.config import Config
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image

from accounts.clientip import client_ip
from routines.models import Technique
from tests.factories import ActionFactory, EquipmentFactory, RegionFactory
from tests.routines.test_curation import form_data

ROOT = Path(__file__).resolve().parents[1]


def request_from(remote: str, forwarded: str | None = None, real_ip: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    if real_ip is not None:
        meta["HTTP_X_REAL_IP"] = real_ip
    return RequestFactory().get("/", **meta)


# --- The client's address -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        ([], "127.0.0.1", "203.0.113.9", "127.0.0.1"),  # no proxy trusted: the header is ignored
        (["10.0.0.5"], "198.51.100.7", "203.0.113.9", "198.51.100.7"),  # not from the proxy
        (["127.0.0.1"], "127.0.0.1", "203.0.113.9", "203.0.113.9"),
        # A client that sends its own header: the proxy's last hop is what counts.
        (["127.0.0.1"], "127.0.0.1", "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        # Two layers of our own proxies (a network): the first address outside them.
        (["10.0.0.0/8", "127.0.0.1"], "127.0.0.1", "1.2.3.4, 203.0.113.9, 10.1.2.3", "203.0.113.9"),
        (["127.0.0.1"], "127.0.0.1", "not-an-address", "127.0.0.1"),
        (["127.0.0.1"], "127.0.0.1", "203.0.113.9:51234", "203.0.113.9"),
        (["::1"], "::1", "2001:db8::7", "2001:db8::7"),
    ],
)
def test_the_client_address_comes_from_the_header_only_behind_a_trusted_proxy(
    settings, trusted, remote, forwarded, expected
):
    settings.TRUSTED_PROXIES = trusted
    assert client_ip(request_from(remote, forwarded)) == expected


def test_x_real_ip_is_read_when_a_trusted_proxy_sends_only_that(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(request_from("127.0.0.1", real_ip="203.0.113.9")) == "203.0.113.9"
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("127.0.0.1", real_ip="203.0.113.9")) == "127.0.0.1"


def signups(client, forwarded_for: list[str]) -> list[int]:
    return [
        client.post(
            "/accounts/signup/",
            {"name": "", "email": "x", "password1": "", "password2": ""},
            HTTP_X_FORWARDED_FOR=address,
        ).status_code
        for address in forwarded_for
    ]


@pytest.mark.django_db
def test_the_sign_up_throttle_counts_per_client_only_behind_a_trusted_proxy(client, settings):
    settings.SIGNUP_LIMIT_PER_IP = 2
    # Not trusted: a client that makes up a new address each time is still one address.
    assert signups(client, ["203.0.113.1", "203.0.113.2", "203.0.113.3"])[-1] == 429
    # Behind nginx (trusted): clients are counted apart, and one client is still limited.
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert 429 not in signups(client, ["198.51.100.1", "198.51.100.2", "198.51.100.3"])
    assert signups(client, ["198.51.100.9"] * 3)[-1] == 429


def test_the_trusted_proxies_setting_is_read_from_the_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(TRUSTED_PROXIES="10.0.0.5, 10.0.1.0/24")
    script = "from django.conf import settings; print(settings.TRUSTED_PROXIES)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().splitlines()[-1] == "['10.0.0.5', '10.0.1.0/24']", result.stderr


# --- /healthz ---------------------------------------------------------------------------------


def s3_storage(endpoint: str | None = None, bucket: str = "rollcall-test") -> dict:
    options = {
        "bucket_name": bucket,
        "access_key": "testing",
        "secret_key": "testing",
        "region_name": "us-east-1",
        "file_overwrite": False,
        "client_config": Config(connect_timeout=0.5, retries={"max_attempts": 1}),
    }
    if endpoint:
        options["endpoint_url"] = endpoint
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


@pytest.fixture
def storage_down(settings):
    """Media on S3-compatible storage that refuses connections (nothing listens on port 9)."""
    settings.AWS_STORAGE_BUCKET_NAME = "rollcall-test"
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage("http://127.0.0.1:9")}


@pytest.fixture
def s3(settings, monkeypatch):
    from moto import mock_aws

    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with mock_aws():
        import boto3

        client = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing"
        ).client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="rollcall-test")
        settings.AWS_STORAGE_BUCKET_NAME = "rollcall-test"
        settings.STORAGES = {**settings.STORAGES, "default": s3_storage()}
        yield client


@pytest.mark.django_db
def test_healthz_keeps_its_answer_when_nothing_is_shared(client, settings):
    settings.REDIS_URL = ""
    settings.AWS_STORAGE_BUCKET_NAME = ""
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok"})


@pytest.mark.django_db
def test_healthz_reports_redis_down_apart_from_the_database(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 200  # the load balancer keeps the server: the app copes
    assert response.json() == {"status": "degraded", "database": "ok", "redis": "unavailable"}


@pytest.mark.django_db
def test_healthz_reports_storage_down_apart_from_the_database(client, storage_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "storage": "unavailable"}


@pytest.mark.django_db
def test_healthz_reports_storage_that_answers(client, s3):
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "database": "ok", "storage": "ok"}


# --- Uploads on object storage ------------------------------------------------------------------


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def vocab(db):
    return {
        "region": RegionFactory(slug="upper-back", name="Upper back"),
        "action": ActionFactory(slug="pin", name="Pin"),
        "equipment": EquipmentFactory(slug="therapy-ball", name="Therapy ball"),
    }


@pytest.mark.django_db
def test_a_photo_goes_to_the_bucket_when_one_is_named(client, curator, vocab, s3):
    client.force_login(curator)
    photo = SimpleUploadedFile("photo.png", png(), content_type="image/png")
    response = client.post("/curate/new/", {**form_data(vocab), "image": photo})
    assert response.status_code == 302
    technique = Technique.objects.get()
    stored = s3.get_object(Bucket="rollcall-test", Key=technique.image.name)["Body"].read()
    assert stored == png()


@pytest.mark.django_db
def test_an_upload_with_the_storage_down_gets_a_message_and_saves_nothing(
    client, curator, vocab, storage_down
):
    client.force_login(curator)
    photo = SimpleUploadedFile("photo.png", png(), content_type="image/png")
    response = client.post("/curate/new/", {**form_data(vocab), "image": photo})
    assert response.status_code in {200, 422}
    assert "could not be stored just now" in response.content.decode()
    assert not Technique.objects.exists()
    # Pages without media keep serving.
    assert client.get("/library/").status_code == 200


@pytest.mark.django_db
def test_a_pdf_reads_a_photo_from_object_storage(s3, settings):
    """In a PDF, a photo on object storage is read from the storage (not fetched by URL)."""
    from routines.printing import make_fetcher, media_name

    settings.MEDIA_PUBLIC_URL = "https://media.example.org/"
    name = default_storage.save("techniques/pdf-photo.png", ContentFile(png()))
    assert media_name(f"https://media.example.org/{name}") == name
    assert media_name("https://elsewhere.example.org/techniques/x.png") is None
    response = make_fetcher().fetch(f"media:{name}")
    assert response.headers["Content-Type"] == "image/png"
    assert response.read() == png()
    with pytest.raises(ValueError, match="Not fetched"):
        make_fetcher().fetch("media:techniques/../../etc/passwd")


@pytest.mark.django_db
def test_a_pdf_with_the_storage_down_says_so_and_the_plan_pages_serve(
    client, teacher, storage_down
):
    from classes import services
    from tests.factories import TechniqueFactory, make_plan

    plan = make_plan(teacher, techniques=[TechniqueFactory()])
    services.plan_publish(plan=plan, expected_version=plan.lock_version)
    client.force_login(teacher)
    response = client.get(f"/plans/{plan.pk}/pdf/")
    assert response.status_code == 503
    assert "the file storage did not answer" in response.content.decode()
    assert client.get(f"/plans/{plan.pk}/").status_code == 200
    assert client.get(f"/plans/{plan.pk}/print/").status_code == 200
