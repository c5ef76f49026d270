"""Property-based tests of every form the app renders (issue 16, item 5): the forms are
found by walking the URLconf and reading each page's HTML (`forms.py`), then posted with
hostile values drawn by hypothesis (`values.py`) from tests/test_fuzz_forms.py."""
