"""How much a PDF may cost: its text, measured before WeasyPrint is asked for it.

WeasyPrint's time grows with the text it lays out: a 40-step plan of starter techniques
takes about a second, while 60 steps with 10,000 characters of notes each (182 pages) took
38 s on these machines. A render cannot be cut short once it has started, so the budget is
checked first, on the snapshot the PDF is made from (every text it holds: steps, notes,
cues, the techniques' instructions and cautions), with two bounds:

- up to INLINE_TEXT, a PDF that is not stored yet may be rendered in the request that asks
  for it (a few seconds at most);
- up to MAX_TEXT, it is rendered only by the task worker (classes/tasks.py), never in a
  request: the page says it is being made;
- beyond MAX_TEXT, no PDF is made at all: the page says so, and points to the print page
  (which the browser prints or saves as PDF itself).

A student's home routine is rendered on each request (it is not stored), so INLINE_TEXT is
its whole budget.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

# Characters of text in the snapshot (see the README for the figures they were chosen by).
INLINE_TEXT = 150_000
MAX_TEXT = 400_000


def text_size(data) -> int:
    """The characters of every text in `data` (a snapshot: dicts, lists, texts, numbers)."""
    total = 0
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return total


def too_long_message(size: int) -> str:
    return _(
        "This is too long to make a PDF of (%(size)s characters of text; the limit is "
        "%(limit)s). Shorten the notes, or open the print page and use your browser's Print "
        "or Save as PDF."
    ) % {
        "size": number_format(size, force_grouping=True),
        "limit": number_format(MAX_TEXT, force_grouping=True),
    }


def being_made_message() -> str:
    return _(
        "The PDF of this long plan is being made in the background: try the PDF link again "
        "in a minute. Meanwhile the print page shows the same plan."
    )
