"""Pictures wherever the library shows a technique, and curators' photos (issue 13).

A technique's picture is its start photo where a curator uploaded one, else the drawing.
Photos are checked before they are stored (bytes, pixels, format), stored under new names
and never deleted, travel in the exchange format, and a published plan version keeps the
photo it was published with.
"""

import io
import json
import struct
import zlib
from html.parser import HTMLParser

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from classes import services as plan_services
from routines.exchange import LibraryError, export_library, load_library
from routines.models import Technique
from routines.services import technique_apply
from tests.factories import make_plan
from tests.routines.test_curation import form_data

# --- Images to upload --------------------------------------------------------------


def image_bytes(size=(40, 30), fmt="PNG", color="teal") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A tiny, well-formed PNG that claims width × height pixels: a decompression bomb's
    header (its pixels would take width × height × 3 bytes to decode)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def upload(name="photo.png", content=None, content_type="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content or image_bytes(), content_type=content_type)


def stored_files() -> list[str]:
    if not default_storage.exists("techniques"):
        return []
    return sorted(default_storage.listdir("techniques")[1])


# --- Reading pages -----------------------------------------------------------------


class Pictures(HTMLParser):
    """The pictures in a page: inline SVGs with role="img" and <img>s, each with the
    class of the nearest enclosing element that has one of `containers`, and its text."""

    def __init__(self, containers=("technique-card", "technique-pictures")):
        super().__init__()
        self.containers = containers
        self.stack: list[str] = []
        self.pictures: list[dict] = []
        self.cards = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        container = next((c for c in self.containers if c in classes), None)
        if tag == "article" and "technique-card" in classes:
            self.cards += 1
        if container:
            self.stack.append(container)
        elif tag in ("article", "div", "figure"):
            self.stack.append("")
        where = next((c for c in reversed(self.stack) if c), "")
        if tag == "svg" and attrs.get("role") == "img" and "technique-picture" in classes:
            self.pictures.append({"kind": "svg", "text": attrs.get("aria-label", ""), "in": where})
        if tag == "img" and ("technique-picture" in classes or where):
            self.pictures.append(
                {"kind": "img", "text": attrs.get("alt", ""), "src": attrs["src"], "in": where}
            )

    def handle_endtag(self, tag):
        if tag in ("article", "div", "figure") and self.stack:
            self.stack.pop()


def pictures_in(html: str, **kwargs) -> Pictures:
    parser = Pictures(**kwargs)
    parser.feed(html)
    return parser


# --- Every published starter technique has its picture --------------------------------


@pytest.mark.django_db
def test_every_published_starter_technique_has_a_picture_on_the_library_page(
    client, starter_library
):
    published = Technique.objects.published().count()
    assert published >= 150
    cards = pictured = 0
    for number in range(1, -(-published // 24) + 1):
        page = pictures_in(client.get("/library/", {"page": number}).content.decode())
        on_cards = [p for p in page.pictures if p["in"] == "technique-card"]
        cards += page.cards
        pictured += len(on_cards)
        assert all(p["text"].strip() for p in on_cards)
    assert cards == pictured == published


@pytest.mark.django_db
def test_every_published_starter_technique_has_a_picture_on_its_page(client, starter_library):
    counted = 0
    for slug in Technique.objects.published().values_list("slug", flat=True):
        page = pictures_in(client.get(f"/library/{slug}/").content.decode())
        drawn = [p for p in page.pictures if p["in"] == "technique-pictures"]
        assert len(drawn) == 1, slug
        assert drawn[0]["kind"] == "svg" and drawn[0]["text"].strip(), slug
        counted += 1
    assert counted == Technique.objects.published().count() >= 150


@pytest.mark.django_db
def test_search_results_show_pictures(client, starter_library):
    page = pictures_in(client.get("/library/", {"q": "levator"}).content.decode())
    assert page.cards >= 2
    assert len([p for p in page.pictures if p["in"] == "technique-card"]) == page.cards


# --- Uploading photos -----------------------------------------------------------------


def edit_data(technique, vocab, **overrides):
    return form_data(vocab, version=technique.updated_at.isoformat(), **overrides)


class FieldErrors(HTMLParser):
    """The error messages shown beside each field: {field id: [messages]}."""

    def __init__(self):
        super().__init__()
        self.errors: dict[str, list[str]] = {}
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (attrs.get("id") or "").startswith("error_") and attrs["id"].count("_") >= 2:
            self._in = attrs["id"].split("_", 2)[2].removeprefix("id_")

    def handle_data(self, data):
        if self._in and data.strip():
            self.errors.setdefault(self._in, []).append(data.strip())

    def handle_endtag(self, tag):
        if tag in ("span", "p", "div"):
            self._in = None


def errors_beside_fields(html: str) -> dict[str, str]:
    parser = FieldErrors()
    parser.feed(html)
    return {field: " ".join(texts) for field, texts in parser.errors.items()}


@pytest.mark.django_db
class TestUploads:
    def test_start_and_end_photos_are_stored_under_new_names(self, client, curator, vocab):
        client.force_login(curator)
        response = client.post(
            "/curate/new/",
            {
                **form_data(vocab),
                "publish": "1",
                "image": upload("start.png"),
                "image_end": upload("end.jpg", image_bytes(fmt="JPEG"), "image/jpeg"),
            },
        )
        assert response.status_code == 302
        technique = Technique.objects.get()
        assert technique.image.name.startswith("techniques/shoulder-blade-pin-at-the-wall-")
        assert technique.image.name.endswith(".png")
        assert technique.image_end.name.startswith("techniques/shoulder-blade-pin-at-the-wall-end-")
        assert technique.image_end.name.endswith(".jpg")
        assert default_storage.exists(technique.image.name)
        assert default_storage.exists(technique.image_end.name)

    def test_a_photo_is_stored_as_what_it_is_whatever_its_name(self, client, curator, vocab):
        # A name that says nothing; one that lies is refused (tests/test_uploads_issue16.py).
        client.force_login(curator)
        photo = upload("IMG_0042", content_type="application/octet-stream")
        client.post("/curate/new/", {**form_data(vocab), "image": photo})
        assert Technique.objects.get().image.name.endswith(".png")

    def test_a_new_photo_keeps_the_old_file_for_what_was_published_with_it(
        self, client, curator, vocab
    ):
        client.force_login(curator)
        client.post("/curate/new/", {**form_data(vocab), "image": upload()})
        technique = Technique.objects.get()
        first = technique.image.name
        response = client.post(
            f"/curate/{technique.slug}/edit/",
            {**edit_data(technique, vocab), "image": upload(content=image_bytes(color="red"))},
        )
        assert response.status_code == 302
        technique.refresh_from_db()
        assert technique.image.name != first
        assert default_storage.exists(first) and default_storage.exists(technique.image.name)

    def test_clearing_a_photo_brings_back_the_drawing_and_keeps_the_file(
        self, client, curator, vocab
    ):
        client.force_login(curator)
        client.post("/curate/new/", {**form_data(vocab), "publish": "1", "image": upload()})
        technique = Technique.objects.get()
        stored = technique.image.name
        client.post(
            f"/curate/{technique.slug}/edit/", {**edit_data(technique, vocab), "image-clear": "on"}
        )
        technique.refresh_from_db()
        assert not technique.image
        assert default_storage.exists(stored)
        page = pictures_in(client.get("/library/").content.decode())
        assert [p["kind"] for p in page.pictures if p["in"] == "technique-card"] == ["svg"]

    @pytest.mark.parametrize(
        ("field", "content", "name", "message"),
        [
            ("image", b"%PDF-1.4 not an image", "notes.png", "Upload a valid image"),
            ("image_end", b"just some text", "end.jpg", "Upload a valid image"),
            (
                "image",
                image_bytes() + b"\0" * (5 * 1024 * 1024),
                "huge.png",
                "the limit is 5 MB",
            ),
            (
                "image",
                png_header(100_000, 100_000),
                "bomb.png",
                "more pixels than can be opened safely",
            ),
            (
                "image_end",
                png_header(8_000, 6_000),
                "big.png",
                "The image is 8000 × 6000 pixels; the limit is 40 megapixels",
            ),
            ("image", image_bytes(fmt="BMP"), "old.bmp", "BMP images are not accepted"),
            ("image", image_bytes(fmt="TIFF"), "scan.tif", "TIFF images are not accepted"),
        ],
    )
    def test_a_bad_photo_is_refused_beside_its_field_and_nothing_is_lost(
        self, client, curator, vocab, field, content, name, message
    ):
        client.force_login(curator)
        response = client.post(
            "/curate/new/",
            {**form_data(vocab), field: upload(name, content)},
        )
        assert response.status_code == 200
        errors = errors_beside_fields(response.content.decode())
        assert message in errors.get(field, ""), errors
        assert set(errors) == {field}
        # Nothing written, nothing typed lost.
        assert not Technique.objects.exists()
        assert stored_files() == []
        assert response.context["form"]["name"].value() == "Shoulder blade pin at the wall"

    def test_a_refused_photo_leaves_the_stored_one_in_place(self, client, curator, vocab):
        client.force_login(curator)
        client.post("/curate/new/", {**form_data(vocab), "image": upload()})
        technique = Technique.objects.get()
        stored = technique.image.name
        response = client.post(
            f"/curate/{technique.slug}/edit/",
            {**edit_data(technique, vocab), "image": upload("b.png", png_header(99_999, 99_999))},
        )
        assert response.status_code == 200
        technique.refresh_from_db()
        assert technique.image.name == stored
        assert stored_files() == [stored.removeprefix("techniques/")]
        # The form shows the photo stored now beside its field.
        assert f'src="{technique.image.url}"' in response.content.decode()

    def test_pillows_own_bomb_warning_is_a_refusal_too(self, client, curator, vocab):
        """Between Pillow's warning (89 megapixels) and its error (twice that)."""
        client.force_login(curator)
        bomb = upload("b.png", png_header(10_000, 10_000))
        response = client.post("/curate/new/", {**form_data(vocab), "image": bomb})
        errors = errors_beside_fields(response.content.decode())
        assert "the limit is 40 megapixels" in errors["image"]
        assert not Technique.objects.exists()


# --- Photos take precedence over the drawing ----------------------------------------


@pytest.mark.django_db
def test_a_photo_takes_the_place_of_the_drawing_on_its_card_only(client, curator, vocab):
    client.force_login(curator)
    client.post("/curate/new/", {**form_data(vocab), "publish": "1", "image": upload()})
    client.post(
        "/curate/new/", {**form_data(vocab, name="Calf roll on a ball", slug=""), "publish": "1"}
    )
    photographed = Technique.objects.get(slug="shoulder-blade-pin-at-the-wall")
    client.logout()
    page = pictures_in(client.get("/library/").content.decode())
    cards = [p for p in page.pictures if p["in"] == "technique-card"]
    assert page.cards == 2
    kinds = sorted((p["kind"], p.get("src", "")) for p in cards)
    assert kinds == [("img", photographed.image.url), ("svg", "")]
    assert all(p["text"].strip() for p in cards)


@pytest.mark.django_db
def test_the_technique_page_shows_both_photos_and_the_drawing_as_a_diagram(client, curator, vocab):
    client.force_login(curator)
    client.post(
        "/curate/new/",
        {**form_data(vocab), "publish": "1", "image": upload(), "image_end": upload("end.png")},
    )
    technique = Technique.objects.get()
    client.logout()
    body = client.get(technique.get_absolute_url()).content.decode()
    shown = [p for p in pictures_in(body).pictures if p["in"] == "technique-pictures"]
    assert [p["kind"] for p in shown] == ["img", "img", "svg"]
    assert shown[0]["src"] == technique.image.url
    assert shown[1]["src"] == technique.image_end.url
    assert shown[0]["text"].startswith("Photo of the start position.")
    assert shown[1]["text"].startswith("Photo of the end position.")
    assert all(p["text"].strip() for p in shown)
    assert "Diagram" in body


# --- A published version keeps its picture ------------------------------------------------


@pytest.mark.django_db
def test_a_published_version_keeps_its_picture_until_it_is_published_again(
    client, curator, teacher, vocab
):
    client.force_login(curator)
    client.post("/curate/new/", {**form_data(vocab), "publish": "1"})
    technique = Technique.objects.get()
    plan = make_plan(teacher, techniques=[technique])
    plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)

    def print_page(version: int) -> Pictures:
        client.force_login(teacher)
        html = client.get(f"/plans/{plan.pk}/print/", {"version": version}).content.decode()
        return pictures_in(html, containers=("step-picture",))

    before = print_page(1)
    assert [p["kind"] for p in before.pictures if p["in"] == "step-picture"] == ["svg"]

    client.force_login(curator)
    client.post(
        f"/curate/{technique.slug}/edit/", {**edit_data(technique, vocab), "image": upload()}
    )
    technique.refresh_from_db()
    assert technique.image
    # The version printed before the upload still shows the drawing…
    assert [p["kind"] for p in print_page(1).pictures if p["in"] == "step-picture"] == ["svg"]

    # …and a new version of the plan shows the photo.
    plan.refresh_from_db()
    plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)
    after = [p for p in print_page(2).pictures if p["in"] == "step-picture"]
    assert [(p["kind"], p["src"]) for p in after] == [("img", technique.image.url)]

    # A later photo leaves version 2 with the photo it was published with.
    first_photo = technique.image.url
    client.force_login(curator)
    technique.refresh_from_db()
    client.post(
        f"/curate/{technique.slug}/edit/",
        {**edit_data(technique, vocab), "image": upload(content=image_bytes(color="red"))},
    )
    technique.refresh_from_db()
    assert technique.image.url != first_photo
    again = [p for p in print_page(2).pictures if p["in"] == "step-picture"]
    assert [(p["kind"], p["src"]) for p in again] == [("img", first_photo)]


# --- The exchange format carries the photos ---------------------------------------------


@pytest.mark.django_db
def test_export_and_load_round_trip_the_photos(client, curator, vocab):
    client.force_login(curator)
    client.post(
        "/curate/new/",
        {**form_data(vocab), "publish": "1", "image": upload(), "image_end": upload("end.png")},
    )
    technique = Technique.objects.get()
    start, end = technique.image.name, technique.image_end.name
    exported = export_library()
    [entry] = exported["techniques"]
    assert (entry["image"], entry["image_end"]) == (start, end)

    # The photos are taken off, then a load of the export brings them back.
    technique_apply(data={"image": "", "image_end": ""}, technique=technique)
    technique.refresh_from_db()
    assert not technique.image and not technique.image_end
    report = load_library(json.loads(json.dumps(exported)))
    assert report.updated == [technique.slug]
    technique.refresh_from_db()
    assert (technique.image.name, technique.image_end.name) == (start, end)
    assert default_storage.exists(start) and default_storage.exists(end)
    # And they show where pictures show.
    client.logout()
    page = pictures_in(client.get("/library/").content.decode())
    assert [p["src"] for p in page.pictures if p["in"] == "technique-card"] == [technique.image.url]


@pytest.mark.django_db
def test_the_export_and_load_commands_keep_the_photos(client, curator, vocab, tmp_path):
    client.force_login(curator)
    client.post("/curate/new/", {**form_data(vocab), "publish": "1", "image": upload()})
    start = Technique.objects.get().image.name
    out = io.StringIO()
    call_command("export_library", stdout=out)
    path = tmp_path / "library.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    Technique.objects.all().delete()

    call_command("load_library", str(path), verbosity=0)
    assert Technique.objects.get().image.name == start
    assert json.loads(path.read_text())["techniques"][0]["image"] == start


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("techniques/not-copied.jpg", "no photo 'techniques/not-copied.jpg' in the media storage"),
        ("../settings.py", "must be a path inside the media folder"),
        ("/etc/passwd.png", "must be a path inside the media folder"),
    ],
)
def test_a_library_file_naming_a_photo_that_is_not_there_is_refused(
    client, curator, vocab, name, problem
):
    client.force_login(curator)
    client.post("/curate/new/", {**form_data(vocab), "publish": "1"})
    exported = export_library()
    exported["techniques"][0]["image_end"] = name
    with pytest.raises(LibraryError) as refused:
        load_library(exported)
    assert any("field 'image_end'" in p and problem in p for p in refused.value.problems), (
        refused.value.problems
    )
    assert not Technique.objects.get().image_end
