"""The forms a page renders, read from its HTML as a browser reads them.

`page_forms(html, page_url)` returns every <form> with its method, action, encoding and the
controls a browser would submit (inputs, selects, textareas, named buttons, controls tied to
the form by a `form="…"` attribute), each with the value it is rendered with.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve

# Input types a browser submits as text typed by the person.
TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", ""}
NO_VALUE_TYPES = {"submit", "reset", "button", "image"}


@dataclass
class Control:
    name: str
    kind: str  # an input's type, or "select", "textarea", "button"
    value: str = ""
    checked: bool = False
    options: list = field(default_factory=list)  # a select's option values
    selected: list = field(default_factory=list)
    multiple: bool = False
    attrs: dict = field(default_factory=dict)


@dataclass
class Form:
    method: str
    action: str  # a path, the page's own when the form names none
    enctype: str
    attrs: dict
    controls: list = field(default_factory=list)

    @property
    def url_name(self) -> str:
        return url_name(self.action)

    @property
    def buttons(self) -> list:
        return [c for c in self.controls if c.kind == "button"]

    @property
    def fields(self) -> list:
        """The controls a person fills in or a page fills in for them (not the buttons)."""
        return [c for c in self.controls if c.kind != "button"]

    def default_data(self) -> list[tuple[str, str]]:
        """What a browser sends when the form is submitted untouched with its first named
        button (or none), as (name, value) pairs in document order."""
        data = []
        for control in self.fields:
            if control.kind in ("checkbox", "radio"):
                if control.checked:
                    data.append((control.name, control.value or "on"))
            elif control.kind == "select":
                chosen = control.selected or (
                    control.options[:1] if not control.multiple and control.options else []
                )
                data += [(control.name, value) for value in chosen]
            elif control.kind == "file":
                continue
            else:
                data.append((control.name, control.value))
        return data


def filled_data(form: Form, today: str, password: str) -> list[tuple[str, str]]:
    """What a person sends who fills in every empty field with something plausible (and
    picks the first real choice of every select left on its empty one): the submission a
    form most likely accepts, for hostile values to be put into one field at a time."""
    plausible = {
        "email": "fuzz@example.test",
        "url": "https://example.test/",
        "number": "1",
        "range": "1",
        "date": today,
        "time": "10:00",
        "datetime-local": f"{today}T10:00",
        "password": password,
        "textarea": "Filled in by the fuzz test.",
    }
    controls = {c.name: c for c in form.fields}
    data = []
    for name, value in form.default_data():
        control = controls[name]
        if value == "" and control.kind == "select":
            value = next((option for option in control.options if option), "")
        elif value == "" and control.kind in TEXT_TYPES | set(plausible):
            value = plausible.get(control.kind, "Fuzz")
            if control.kind in ("number", "range") and control.attrs.get("min"):
                value = control.attrs["min"]
        data.append((name, value))
    return data


def url_name(path: str) -> str:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return f"unresolved:{path}"
    return match.view_name


class _FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.by_id: dict[str, Form] = {}
        self.detached: list[tuple[str, Control]] = []  # controls with form="id"
        self.current: Form | None = None
        self.select: Control | None = None
        self.option: dict | None = None
        self.textarea: Control | None = None
        self.text: list[str] = []

    def _owner(self, attrs, control):
        if attrs.get("form"):
            self.detached.append((attrs["form"], control))
        elif self.current is not None:
            self.current.controls.append(control)

    def handle_starttag(self, tag, attrs_list):
        attrs = {k: (v if v is not None else "") for k, v in attrs_list}
        if tag == "form":
            action = urljoin(self.page_url, attrs.get("action") or self.page_url)
            self.current = Form(
                method=(attrs.get("method") or "get").lower(),
                action=urlsplit(action).path
                + (f"?{urlsplit(action).query}" * bool(urlsplit(action).query)),
                enctype=attrs.get("enctype") or "application/x-www-form-urlencoded",
                attrs=attrs,
            )
            self.forms.append(self.current)
            if attrs.get("id"):
                self.by_id[attrs["id"]] = self.current
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = (attrs.get("type") or "text").lower()
            if kind in NO_VALUE_TYPES:
                if kind == "submit":
                    self._owner(attrs, Control(name, "button", attrs.get("value", ""), attrs=attrs))
                return
            self._owner(
                attrs,
                Control(
                    name,
                    kind,
                    attrs.get("value", ""),
                    checked="checked" in attrs,
                    attrs=attrs,
                ),
            )
        elif tag == "button" and name and "disabled" not in attrs:
            if (attrs.get("type") or "submit").lower() == "submit":
                self._owner(attrs, Control(name, "button", attrs.get("value", ""), attrs=attrs))
        elif tag == "select" and name and "disabled" not in attrs:
            self.select = Control(name, "select", multiple="multiple" in attrs, attrs=attrs)
            self._owner(attrs, self.select)
        elif tag == "option" and self.select is not None:
            self.option = attrs
            self.text = []
        elif tag == "textarea" and name and "disabled" not in attrs:
            self.textarea = Control(name, "textarea", attrs=attrs)
            self._owner(attrs, self.textarea)
            self.text = []

    def _close_option(self):
        if self.option is not None and self.select is not None:
            value = self.option.get("value", "".join(self.text).strip())
            if "disabled" not in self.option:
                self.select.options.append(value)
                if "selected" in self.option:
                    self.select.selected.append(value)
        self.option = None

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "option":
            self._close_option()
        elif tag == "select":
            self._close_option()
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = "".join(self.text)
            # A browser drops the one newline that follows the opening tag.
            self.textarea.value = text[1:] if text.startswith("\n") else text
            self.textarea = None

    def handle_data(self, data):
        if self.option is not None or self.textarea is not None:
            self.text.append(data)

    def close(self):
        super().close()
        for form_id, control in self.detached:
            if form_id in self.by_id:
                self.by_id[form_id].controls.append(control)


def page_forms(html: str, page_url: str) -> list[Form]:
    parser = _FormParser(page_url)
    parser.feed(html)
    parser.close()
    return parser.forms
