"""Ids read from a query string or a form post, in one place.

A database id is a positive whole number that fits a 64-bit bigint. Anything else a browser
or a script can send (`²`, `-1`, `99999999999999999999`, `1e309`, an empty string, `abc`,
a NUL byte, ` 1`) is no id at all: `parse_id` answers None, `id_or_404` a 404, and a form
(accounts.forms_base) refuses it beside its field. Ids in URL paths use the `<int:…>` path
converter, which already matches digits only; `get_object_or_404` on them is safe.

Here, in the lowest layer, so every app may use it.
"""

from django.http import Http404

BIGINT_MAX = 2**63 - 1
_MAX_DIGITS = len(str(BIGINT_MAX))


def parse_id(value) -> int | None:
    """The id `value` spells in ASCII digits (1 to 2**63 - 1), else None. Unicode digits
    such as `²` or `١`, signs, spaces, decimals, exponents and over-long numbers are not
    ids."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= BIGINT_MAX else None
    if not isinstance(value, str) or not value or len(value) > _MAX_DIGITS:
        return None
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= BIGINT_MAX else None


def id_or_404(value) -> int:
    """The id `value` spells, or a 404 (a link or form that names nothing there is)."""
    number = parse_id(value)
    if number is None:
        raise Http404
    return number


def parse_ids(values) -> list[int]:
    """The ids among `values` (a QueryDict's getlist), in order and without repeats; what
    is not an id is left out."""
    seen = {}
    for value in values:
        number = parse_id(value)
        if number is not None:
            seen.setdefault(number, None)
    return list(seen)
