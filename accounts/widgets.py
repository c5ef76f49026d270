"""Native browser date and time pickers.

A browser's `<input type="date">` and `type="time"` take ISO values (2026-12-01, 18:30)
whatever the page's language; the picker shows them in the person's own locale. Django would
otherwise render a value in the active language's first input format (01/12/2026 under
English (UK)), which the browser rejects, so the field would come back empty.
"""

from django import forms


class NativeDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class NativeTimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")
