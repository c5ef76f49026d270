"""Text every backend can store, and every page, feed and file can carry.

PostgreSQL refuses a NUL byte in text and `\\u0000` in JSON (a 500 where SQLite says
nothing); other control characters break XML, calendar feeds and PDFs, and hide text from
the person reading it. Forms refuse them beside the field (accounts.forms_base); the
services that build JSON from what was typed strip them as a last defence (`storable`).

Control characters are Unicode's category Cc (U+0000–U+001F, U+007F–U+009F), and lone
surrogates, which no UTF-8 text can hold. Tab, line feed and carriage return are allowed
in multi-line fields (a textarea posts its line breaks as CR LF).
"""

import re

from django.utils.translation import gettext_lazy as _

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
LINE_CONTROL = re.compile(r"[\t\n\r]")

CONTROL_MESSAGE = _(
    "This text holds an invisible control character (such as a NUL byte) that cannot be "
    "stored. Remove it, or type the text again rather than pasting it, and save again."
)
ONE_LINE_MESSAGE = _("Keep this to one line: tabs and line breaks cannot go here.")


def text_problem(value, *, multiline: bool, strip: bool = True) -> str | None:
    """What is wrong with `value` (a string, or lists of them as a form posts them), or
    None. Single-line text may still begin or end with whitespace that its field strips."""
    if isinstance(value, list | tuple):
        for item in value:
            problem = text_problem(item, multiline=multiline, strip=strip)
            if problem:
                return problem
        return None
    if not isinstance(value, str):
        return None  # a file, or nothing posted
    if CONTROL.search(value):
        return str(CONTROL_MESSAGE)
    if not multiline and LINE_CONTROL.search(value.strip() if strip else value):
        return str(ONE_LINE_MESSAGE)
    return None


def strip_control(text: str) -> str:
    """`text` without the characters no backend or file may carry (tab and line breaks
    kept)."""
    return CONTROL.sub("", text)


def storable(value):
    """`value` (JSON-like: dicts, lists, strings, numbers) with every string, keys
    included, stripped of control characters: safe in PostgreSQL's jsonb and text."""
    if isinstance(value, str):
        return strip_control(value)
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]
    return value
