"""The form reader and the request bodies of the form fuzzer (tests/fuzz/), checked on
their own: a form the reader misses, or a body that does not carry what was drawn, would
make tests/test_fuzz_forms.py pass without testing anything."""

from django.http import QueryDict
from django.http.multipartparser import MultiPartParser
from django.test import RequestFactory

from tests.fuzz.forms import filled_data, page_forms
from tests.fuzz.values import multipart, urlencoded

PAGE = """
<form method="post" action="/courses/new/" id="f1">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input name="title" value="Tuesdays &amp; more">
  <input type="date" name="starts_on">
  <input type="checkbox" name="new" checked><input type="checkbox" name="old">
  <input type="text" name="off" value="x" disabled>
  <select name="kind"><option value="">—</option><option value="weekly">Weekly</option></select>
  <select name="tags" multiple><option selected>a</option><option value="b" selected>B</option>
  </select>
  <textarea name="notes">
first line
second</textarea>
  <button type="submit" name="action" value="publish">Publish</button>
  <button type="button" name="ignored">No</button>
</form>
<input name="outside" form="f1" value="1">
<form action="?q=1"><input type="search" name="q"></form>
"""


def test_page_forms_reads_what_a_browser_submits():
    post, get = page_forms(PAGE, "/courses/")
    assert (post.method, post.action, get.method, get.action) == (
        "post",
        "/courses/new/",
        "get",
        "/courses/?q=1",
    )
    assert post.default_data() == [
        ("csrfmiddlewaretoken", "tok"),
        ("title", "Tuesdays & more"),
        ("starts_on", ""),
        ("new", "on"),
        ("kind", ""),
        ("tags", "a"),
        ("tags", "b"),
        ("notes", "first line\nsecond"),
        ("outside", "1"),
    ]
    assert [(b.name, b.value) for b in post.buttons] == [("action", "publish")]


def test_filled_data_fills_every_empty_field():
    post, _get = page_forms(PAGE, "/courses/")
    data = dict(filled_data(post, today="2026-11-30", password="pw"))
    assert data["starts_on"] == "2026-11-30"
    assert data["kind"] == "weekly"
    assert data["title"] == "Tuesdays & more"  # what was there stays


def test_bodies_carry_raw_bytes_and_duplicates():
    pairs = [("a", "x\x00y"), ("a", "²"), ("b", b"\xff\xfe"), ("c", "")]
    parsed = QueryDict(urlencoded(pairs))
    assert parsed.getlist("a") == ["x\x00y", "²"]
    assert parsed["b"] == "\ufffd\ufffd"  # the server sees replacement characters
    body, content_type = multipart([*pairs, ("f", ("x.csv", "text/csv", b"\x00\x01"))])
    request = RequestFactory().generic("POST", "/", body, content_type=content_type)
    data, files = MultiPartParser(request.META, request, request.upload_handlers, "utf-8").parse()
    assert data.getlist("a") == ["x\x00y", "²"]
    assert files["f"].read() == b"\x00\x01"
