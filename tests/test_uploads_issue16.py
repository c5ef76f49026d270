"""Bad uploads (issue 16): files whose name or declared type lies, images of huge pixel
dimensions wherever a photo can be uploaded (the curation form and the Django admin), and
request bodies over the configured limits, which get a 413 page instead of a bare 400."""

import io
import zipfile

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image

from routines.forms import MAX_IMAGE_PIXELS, PhotoField
from routines.models import Technique
from students.models import Student
from tests.factories import ActionFactory, EquipmentFactory, RegionFactory
from tests.routines.test_curation import form_data
from tests.routines.test_photos import errors_beside_fields, image_bytes, png_header, stored_files


@pytest.fixture
def vocab(db):
    return {
        "region": RegionFactory(slug="upper-back", name="Upper back"),
        "action": ActionFactory(slug="pin", name="Pin"),
        "equipment": EquipmentFactory(slug="therapy-ball", name="Therapy ball"),
    }


def photo(name, content, content_type):
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- Photos whose name or declared type lies -----------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        # A JPEG named .png (and declared as one, as a browser does from the name).
        (
            photo("start.png", image_bytes(fmt="JPEG"), "image/png"),
            "“start.png” says it is .png, but it is a JPEG image. Give it the extension .jpg",
        ),
        # A PNG named .html.
        (
            photo("page.html", image_bytes(), "text/html"),
            "“page.html” says it is .html, but it is a PNG image",
        ),
        # A PNG whose name says nothing, sent by a script declaring it text.
        (
            photo("upload", image_bytes(), "text/plain"),
            "“upload” says it is text/plain, but it is a PNG image",
        ),
        # A GIF named .jpg, declared as a JPEG.
        (
            photo("start.jpg", image_bytes(fmt="GIF"), "image/jpeg"),
            "it is a GIF image. Give it the extension .gif",
        ),
        # Text named .png: no image at all.
        (photo("notes.png", b"just a shopping list\n" * 20, "image/png"), "Upload a valid image"),
    ],
    ids=["jpeg-named-png", "png-named-html", "png-declared-text", "gif-named-jpg", "text-png"],
)
def test_a_photo_whose_name_or_type_lies_is_refused_beside_its_field(
    client, curator, vocab, upload, message
):
    client.force_login(curator)
    response = client.post(reverse("routines:curate-create"), {**form_data(vocab), "image": upload})
    assert response.status_code in (200, 422)  # the form again, with its errors
    errors = errors_beside_fields(response.content.decode())
    assert set(errors) == {"image"}, errors
    assert message in errors["image"], errors
    assert not Technique.objects.exists()
    assert stored_files() == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content_type", "fmt", "stored_as"),
    [
        ("start.jpeg", "image/jpeg", "JPEG", ".jpg"),
        ("IMG_0042.JPG", "image/pjpeg", "JPEG", ".jpg"),
        ("start.png", "application/octet-stream", "PNG", ".png"),
        ("start", "", "WEBP", ".webp"),
        ("start.gif", "image/gif", "GIF", ".gif"),
    ],
)
def test_a_photo_whose_name_and_type_say_what_it_is_or_nothing_is_taken(
    client, curator, vocab, name, content_type, fmt, stored_as
):
    client.force_login(curator)
    upload = photo(name, image_bytes(fmt=fmt), content_type)
    response = client.post(reverse("routines:curate-create"), {**form_data(vocab), "image": upload})
    assert response.status_code == 302
    assert Technique.objects.get().image.name.endswith(stored_as)


# --- Pixel dimensions, read from the header --------------------------------------------


@pytest.mark.django_db
def test_a_144_megapixel_png_is_refused_by_the_curation_form(client, curator, vocab):
    bomb = png_header(12_000, 12_000)
    assert len(bomb) < 200  # a tiny file: only its header claims the pixels
    client.force_login(curator)
    response = client.post(
        reverse("routines:curate-create"),
        {**form_data(vocab), "image": photo("huge.png", bomb, "image/png")},
    )
    errors = errors_beside_fields(response.content.decode())
    assert "the limit is 40 megapixels" in errors["image"]
    assert not Technique.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("size", "refused"),
    [((12_000, 12_000), True), ((8_000, 6_000), True), ((4_000, 3_000), False)],
)
def test_the_admin_checks_photos_like_the_curation_form(curator, size, refused):
    """The admin's technique form had Django's plain ImageField: a 144-megapixel PNG (under
    Pillow's own error limit) was taken there."""
    request = RequestFactory().get("/admin/")
    request.user = curator
    form_class = admin.site._registry[Technique].get_form(request, fields=["image", "image_end"])
    for name in ("image", "image_end"):
        field = form_class.base_fields[name]
        assert isinstance(field, PhotoField)
        try:
            field.clean(photo("p.png", png_header(*size), "image/png"), None)
            message = ""
        except ValidationError as error:
            message = " ".join(error.messages)
        assert ("megapixels" in message) == refused, message


def test_pillow_refuses_to_open_anything_over_twice_the_photo_limit():
    """Whoever opens an image in the app (WeasyPrint reading a stored photo into a PDF
    too), Pillow itself refuses one of more than twice the limit from its header."""
    assert Image.MAX_IMAGE_PIXELS == MAX_IMAGE_PIXELS == 40_000_000
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png_header(12_000, 12_000)))


# --- Roster files that are not CSV ---------------------------------------------------------


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (xlsx_bytes(), "a workbook or other zipped file (such as .xlsx, .ods or .numbers)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200, "an old Excel workbook (.xls)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document"),
        (image_bytes(fmt="JPEG"), "a JPEG image"),
        (image_bytes(), "a PNG image"),
    ],
    ids=["xlsx", "xls", "pdf", "jpeg", "png"],
)
def test_a_roster_file_named_csv_that_is_binary_is_refused_naming_what_it_is(
    client, teacher, content, kind
):
    client.force_login(teacher)
    upload = SimpleUploadedFile("roster.csv", content, "text/csv")
    response = client.post(reverse("students:student-import"), {"file": upload})
    assert response.status_code == 422
    [error] = response.context["form"].errors["file"]
    assert error.startswith(f"This is not a CSV file but {kind}, whatever its name says.")
    assert "CSV UTF-8" in error
    assert Student.objects.count() == 0


@pytest.mark.django_db
def test_a_roster_file_with_control_characters_is_refused(client, teacher):
    client.force_login(teacher)
    upload = SimpleUploadedFile("roster.csv", b"Name,Email\nA\x01B,a@example.test\n", "text/csv")
    response = client.post(reverse("students:student-import"), {"file": upload})
    assert response.context["form"].errors["file"] == ["This is not a CSV file."]
    assert Student.objects.count() == 0


# --- Request bodies over the limits ----------------------------------------------------------


def assert_413_page(response):
    assert response.status_code == 413
    body = response.content.decode()
    assert "What you sent is too large" in body
    assert "Nothing was saved." in body


@pytest.mark.django_db
def test_an_upload_over_the_request_limit_gets_a_413_page_unread(client, teacher, settings):
    settings.REQUEST_MAX_BYTES = 64 * 1024
    client.force_login(teacher)
    upload = SimpleUploadedFile("roster.csv", b"Name\n" + b"A" * 70 * 1024, "text/csv")
    response = client.post(reverse("students:student-import"), {"file": upload})
    assert_413_page(response)
    assert "the most this site takes at once is 64.0\xa0KB" in response.content.decode()
    assert Student.objects.count() == 0


@pytest.mark.django_db
def test_a_photo_over_the_request_limit_gets_the_413_page(client, curator, vocab, settings):
    assert settings.REQUEST_MAX_BYTES == 32 * 1024 * 1024
    settings.REQUEST_MAX_BYTES = 1024 * 1024
    client.force_login(curator)
    big = photo("big.png", image_bytes() + b"\0" * (2 * 1024 * 1024), "image/png")
    response = client.post(reverse("routines:curate-create"), {**form_data(vocab), "image": big})
    assert_413_page(response)
    assert not Technique.objects.exists()
    assert stored_files() == []


@pytest.mark.django_db
def test_fields_over_djangos_memory_limit_get_a_413_not_a_400(client, teacher, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(teacher)
    response = client.post(reverse("students:student-create"), {"name": "x" * 20_000})
    assert_413_page(response)
    assert Student.objects.count() == 0


@pytest.mark.django_db
def test_too_many_fields_get_a_413_not_a_400(client, teacher):
    client.force_login(teacher)
    data = {f"field{n}": "1" for n in range(5_001)}  # DATA_UPLOAD_MAX_NUMBER_FIELDS is 5000
    response = client.post(reverse("students:student-create"), {"name": "Zoe", **data})
    assert_413_page(response)
    assert Student.objects.count() == 0


@pytest.mark.django_db
def test_other_bad_requests_still_get_djangos_400(client):
    response = client.get("/", HTTP_HOST="not allowed host")
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_malformed_multipart_body_is_a_400_not_a_500(client, teacher):
    client.force_login(teacher)
    response = client.generic(
        "POST", reverse("students:student-import"), b"garbage", "multipart/form-data"
    )
    assert response.status_code == 400
    assert Student.objects.count() == 0
