"""Hostile values for form controls, as hypothesis strategies, and the raw request bodies
that carry them (built by hand, so that invalid UTF-8 and duplicated fields reach the
server exactly as a script could send them)."""

import uuid
from urllib.parse import quote_plus

from hypothesis import strategies as st

# Values any control can be sent, whatever the page rendered: a browser's devtools or a
# script sends anything. Bytes are sent as they are (not valid UTF-8).
ANY = [
    "",
    " ",
    "x" * 10_000,
    "\x00",
    "a\x00b",
    "\x01\x02\x07\x08\x0b\x0c\x1b\x7f",
    "\x85\u2028\u2029",
    "line one\nline two\r\nline three\rend",
    "\t",
    "\u202eRTL override\u202c",
    "\u200f\u200e\u200b",
    "²",
    "½",
    "٣",  # an Arabic-Indic three: isdigit() says yes, int() says yes, a database may not
    "😀🏐",
    "🏳️‍🌈" * 50,
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "NaN",
    "-inf",
    "9999-12-31",
    "0000-00-00",
    "2026-02-30",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "=cmd|' /C calc'!A0",
    "BEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT",
    "%00",
    "../../etc/passwd",
    b"\xff\xfe\xfd",
    b"caf\xe9",
    b"\xc3\x28",
    b"\xed\xa0\x80",  # an encoded surrogate: invalid UTF-8
]

NUMBERS = ["1", "1.5", "-0", "1e3", " 7 ", "0x10", "2147483648", "-9223372036854775809", "١٢"]
DATES = [
    "0001-01-01",
    "1900-01-01",
    "1969-12-31",
    "9999-12-24",
    "2026-13-01",
    "31/12/2026",
    "2026-1-1",
    "+002026-01-01",
]
TIMES = ["00:00", "23:59", "24:00", "23:59:60", "25:61", "12:00:00.000001", "noon", "-01:00"]
DATETIMES = ["9999-12-31T23:59", "0001-01-01T00:00", "2026-02-30T10:00", "2026-03-29T02:30"]
EMAILS = ["a@b", "@", "x" * 300 + "@example.test", "a@b@c", "teacher@example.test", "ä@ö.test"]
URLS = ["javascript:alert(1)", "http://", "ftp://x", "http://[::1", "http://" + "x" * 3000]

BY_KIND = {
    "number": NUMBERS,
    "range": NUMBERS,
    "date": DATES,
    "time": TIMES,
    "datetime-local": DATETIMES,
    "month": DATES,
    "week": DATES,
    "email": EMAILS,
    "url": URLS,
}

# Characters that survive being put in a request: no lone surrogates.
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


def control_values(control) -> st.SearchStrategy:
    """What to send for one control: a hostile value for any control, one for its kind, a
    value the page offered elsewhere (an id of something else), or random text."""
    offered = list(dict.fromkeys([control.value, *control.options, *control.selected]))
    return st.one_of(
        st.sampled_from(ANY),
        st.sampled_from(BY_KIND.get(control.kind, ANY)),
        st.sampled_from(offered) if offered else st.nothing(),
        _TEXT,
    )


FILES = [
    ("students.csv", "text/csv", b"name,email\nAda,ada@example.test\n"),
    ("students.csv", "text/csv", b""),
    ("students.csv", "text/csv", b"\x00\xff\xfe\x89PNG\r\n\x1a\n" * 100),
    ("students.csv", "text/csv", 'name,email\n=HYPERLINK("x"),a@b\n²,😀\n'.encode()),
    ("students.csv", "text/csv", b"name\n" + b"x," * 5000 + b"\n"),
    ("students.csv", "text/csv", "name;email\r\n\ufeffZoë;z@example.test\r\n".encode("utf-16")),
    ("picture.png", "image/png", b"this is text, not a picture"),
    ("picture.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    ("../../evil.png", "image/png", b"GIF89a"),
    ("x" * 300 + ".csv", "application/octet-stream", b"a,b\n1,2\n"),
]


def file_values() -> st.SearchStrategy:
    return st.sampled_from(FILES)


def _encode(value) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def urlencoded(pairs) -> bytes:
    """application/x-www-form-urlencoded, byte for byte."""
    return "&".join(
        f"{quote_plus(_encode(name))}={quote_plus(_encode(value))}"
        for name, value in pairs
        if not isinstance(value, tuple)
    ).encode("ascii")


def multipart(pairs) -> tuple[bytes, str]:
    """multipart/form-data: (name, value) pairs, a tuple value being (filename, type, bytes)."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in pairs:
        head = b'Content-Disposition: form-data; name="' + _encode(name).replace(b'"', b"%22")
        if isinstance(value, tuple):
            filename, content_type, content = value
            head += b'"; filename="' + _encode(filename).replace(b'"', b"%22") + b'"\r\n'
            head += b"Content-Type: " + content_type.encode() + b"\r\n"
            body = content
        else:
            head += b'"\r\n'
            body = _encode(value)
        parts.append(b"--" + boundary.encode() + b"\r\n" + head + b"\r\n" + body + b"\r\n")
    payload = b"".join(parts) + b"--" + boundary.encode() + b"--\r\n"
    return payload, f"multipart/form-data; boundary={boundary}"
