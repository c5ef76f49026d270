"""Reading what a page shows, for tests: from its HTML, so that a page served from the
cache (where no template context is built) is read the same as a freshly rendered one."""

import html
import re

FINDING = re.compile(
    r'<li class="finding finding-(?P<level>[\w-]+)[^"]*" data-code="(?P<code>[^"]*)" '
    r'data-key="(?P<key>[^"]*)"'
)


def active_findings(page) -> list[dict]:
    """The active findings a page lists: level, code and key of each, in order."""
    text = page.content.decode() if hasattr(page, "content") else page
    return [
        {name: html.unescape(value) for name, value in match.groupdict().items()}
        for match in FINDING.finditer(text)
    ]
