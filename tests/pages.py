"""Reading a page as its reader does: its text, without the markup that carries it (issue 19).

A test that looks for a sentence on a page asks ``page_text(response)``, so that a span marking a name as
the records' data, or any other change of markup, does not break it.
"""

from __future__ import annotations

import re
from copy import deepcopy
from html.parser import HTMLParser
from typing import Any

import lxml.html
from lxml.html import HtmlElement

_SKIPPED = {"script", "style", "template", "head"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIPPED:
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def page_text(response: Any) -> str:
    """The text of a page (a response, its HTML, or a parsed element), each run of white space made one space."""
    if isinstance(response, HtmlElement):
        html = lxml.html.tostring(response, encoding="unicode")
    else:
        html = response if isinstance(response, str) else response.content.decode()
    reader = _Text()
    reader.feed(html)
    return " ".join("".join(reader.parts).split())


# The parsed page -------------------------------------------------------------------------------------------
#
# A test that asks what a page offers (the options of a list, the link a reader follows, the headings of a
# table) reads the parsed page with these, finding an element as its reader does: by its label, its text or
# its role, and by a class or an id only where nothing a reader sees tells it apart.

_ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
_CONTROL = "//*[self::input or self::select or self::textarea]"
Page = Any  # a response, its HTML, or an element already parsed


def parse(page: Page) -> HtmlElement:
    """The page (a response, its HTML, or an element already parsed, returned as is) as an lxml tree."""
    if isinstance(page, HtmlElement):
        return page
    html = page if isinstance(page, str) else page.content.decode()
    return lxml.html.document_fromstring(html)


def text_of(element: HtmlElement | str) -> str:
    """An element's text, each run of HTML white space made one space; full-width spaces (U+3000) are kept."""
    text = element if isinstance(element, str) else element.text_content()
    return _ASCII_SPACE.sub(" ", text).strip(" ")


def find(page: Page, xpath: str, **variables: Any) -> list[HtmlElement]:
    """The elements an XPath expression finds in a page, or within an element (``//`` then searches under it);
    ``$name`` in the expression stands for the keyword ``name``."""
    return parse(page).xpath("." + xpath if xpath.startswith("//") else xpath, **variables)


def _heard(element: HtmlElement) -> str:
    """An element's text as a screen reader gives it: without what is marked aria-hidden (a required star)."""
    copy = deepcopy(element)
    for hidden in copy.xpath(".//*[@aria-hidden='true']"):
        hidden.drop_tree()
    return text_of(copy)


def by_id(page: Page, id: str) -> HtmlElement | None:
    """The element with this id, or None."""
    found = find(page, "//*[@id=$id]", id=id)
    return found[0] if found else None


def with_class(page: Page, name: str, tag: str = "*") -> list[HtmlElement]:
    """The elements (of a tag, if given) that carry a class among their classes."""
    return find(page, f"//{tag}[contains(concat(' ', normalize-space(@class), ' '), $c)]", c=f" {name} ")


def by_role(page: Page, role: str, name: str | None = None) -> list[HtmlElement]:
    """The elements with an explicit ARIA role (``role="alert"``, ``role="status"``, ``role="search"``, ...), and
    of these, if a name is given, those it names (their aria-label)."""
    found = find(page, "//*[@role=$role]", role=role)
    return [element for element in found if name is None or element.get("aria-label") == name]


def is_whole_page(page: str | Any) -> bool:
    """Whether a response (or its HTML) is a whole page, with an <html> element written in it, not a fragment."""
    html = page if isinstance(page, str) else page.content.decode()
    reader = _Tags()
    reader.feed(html)
    return "html" in reader.tags


def fragment(page: str | Any) -> list[HtmlElement]:
    """The top elements of an HTMX fragment, in order; it fails if the response is a whole page or starts with text."""
    html = page if isinstance(page, str) else page.content.decode()
    assert not is_whole_page(html), "a whole page, not a fragment"
    top = lxml.html.fragments_fromstring(html)
    assert top, "an empty fragment"
    assert not isinstance(top[0], str) or not top[0].strip(), f"the fragment starts with text: {top[0]!r}"
    return [element for element in top if isinstance(element, HtmlElement)]


def headings(page: Page) -> list[str]:
    """The text of each heading (<h1> to <h6>), in order."""
    return [text_of(h) for h in find(page, "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]")]


def links(page: Page) -> list[tuple[str, str]]:
    """(text, href) of each link, in order."""
    return [(text_of(a), a.get("href")) for a in find(page, "//a[@href]")]


def hrefs(page: Page) -> list[str]:
    """The address of each link, in order."""
    return [href for _, href in links(page)]


def field(page: Page, label_or_name: str) -> HtmlElement:
    """The form control (input, select, textarea) a label of this text names (its whole text, or its text up to a
    colon), or else the one of this name; it fails if there is none, or more than one."""
    found = []
    for label in find(page, "//label"):
        text = _heard(label)
        if text == label_or_name or text.split("：")[0] == label_or_name:
            target = label.get("for")
            control = find(label.getroottree().getroot(), "//*[@id=$id]", id=target) if target else find(label, _CONTROL)
            found += control[:1]
    if not found:
        found = find(page, _CONTROL + "[@name=$name]", name=label_or_name)
    assert len(found) == 1, f"{len(found)} fields labelled or named {label_or_name!r}"
    return found[0]


def fields(page: Page) -> dict[str, list[HtmlElement]]:
    """The form controls of a page (or a form) by their names."""
    named: dict[str, list[HtmlElement]] = {}
    for control in find(page, _CONTROL + "[@name]"):
        named.setdefault(control.get("name"), []).append(control)
    return named


def label_of(page: Page, name: str) -> str:
    """The label a reader hears for the form control of this name (the <label> for its id, or one around it); it
    fails if there is no such control, more than one, or no label."""
    controls = find(page, _CONTROL + "[@name=$name]", name=name)
    assert len(controls) == 1, f"{len(controls)} fields named {name!r}"
    control = controls[0]
    labels = control.xpath("ancestor::label")
    if control.get("id"):
        labels = find(control.getroottree().getroot(), "//label[@for=$id]", id=control.get("id")) + labels
    assert labels, f"no label for the field {name!r}"
    return _heard(labels[0])


def described_by(page: Page, label_or_name: str) -> list[str]:
    """The text of each element a form control (found as ``field`` finds it) names in its aria-describedby: its
    hint, its error; it fails if one of them is not on the page."""
    control = field(page, label_or_name)
    root = control.getroottree().getroot()
    described = [(id, by_id(root, id)) for id in (control.get("aria-describedby") or "").split()]
    assert all(element is not None for _, element in described), f"{label_or_name!r} is described by a missing element"
    return [text_of(element) for _, element in described]


def field_value(page: Page, label_or_name: str) -> str | None:
    """The value a field shows: an input's value, a textarea's text, a select's selected option's value."""
    control = field(page, label_or_name)
    if control.tag == "select":
        chosen = control.xpath(".//option[@selected]")
        return chosen[0].get("value") if chosen else None
    if control.tag == "textarea":
        return control.text or ""
    return control.get("value")


def options(page: Page, label_or_name: str) -> list[str]:
    """The option texts of a list (a <select> found by its label or name); full-width indents are kept."""
    return [text_of(option) for option in field(page, label_or_name).xpath(".//option")]


def selected(page: Page, label_or_name: str) -> list[str]:
    """The texts of the options a list (found by its label or name) has selected."""
    return [text_of(option) for option in field(page, label_or_name).xpath(".//option[@selected]")]


def checked(page: Page, kind: str | None = None) -> set[tuple[str, str]]:
    """(name, value) of each checked radio button and check box, or of the checked ones of one kind ("radio",
    "checkbox")."""
    kinds = (kind,) if kind else ("radio", "checkbox")
    boxes = find(page, "//input[@checked]")
    return {(box.get("name"), box.get("value")) for box in boxes if box.get("type") in kinds}


def button(page: Page, name: str) -> HtmlElement:
    """The button a reader hears by this name (a <button>'s text, a submit input's value); it fails if there is
    none, or more than one."""
    found = [b for b in find(page, "//button") if _heard(b) == name]
    found += find(page, "//input[@type='submit' or @type='button'][@value=$name]", name=name)
    assert len(found) == 1, f"{len(found)} buttons named {name!r}"
    return found[0]


def forms(page: Page) -> list[HtmlElement]:
    """The forms of a page, in order."""
    return find(page, "//form")


def table_rows(table: HtmlElement) -> list[list[str]]:
    """The text of each cell of each row of a table (heading cells as well), row by row."""
    return [[text_of(cell) for cell in row.xpath("./th|./td")] for row in table.xpath(".//tr")]


def column_headers(page: Page) -> list[str]:
    """The text of each column heading (<th scope="col">), in order."""
    return [text_of(th) for th in find(page, "//th[@scope='col']")]


def row_headers(page: Page) -> list[str]:
    """The text of each row heading (<th scope="row">), in order."""
    return [text_of(th) for th in find(page, "//th[@scope='row']")]


def marked(page: Page) -> list[str]:
    """The text of each highlighted passage (<mark>), in order."""
    return [text_of(mark) for mark in find(page, "//mark")]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)
