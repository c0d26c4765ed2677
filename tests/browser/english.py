"""Issue 19: reading a page as an English reader does — what of its interface is still Chinese.

What stays Chinese is the records' own data: names of agencies, people and KPIs, case titles, dates in the
ROC calendar, and official documents shown in previews. Pages mark such elements with ``data-record``; the
rows of a records table are data as a whole. Everything else in <main>, in the header and in the footer must
have no Chinese character.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tests.browser.conftest import screenshot

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")

# The interface text of <main>: every rendered text node, visually hidden ones included (screen readers
# read them), less the records' data, form options (the directory's names), charts' data and the
# content of closed disclosures (not shown until opened).
INTERFACE_TEXT = """() => {
  const main = document.querySelector("main");
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const out = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || !node.textContent.trim()) continue;
    if (el.closest("[data-record], tbody td, tbody th, option, script, style, template, [hidden]")) continue;
    const details = el.closest("details:not([open])");
    if (details && !el.closest("summary")) continue;
    out.push(node.textContent.trim());
  }
  return out;
}"""


def chinese_in_interface(page: Page) -> list[str]:
    return [text for text in page.evaluate(INTERFACE_TEXT) if CJK.search(text)]


def switch_to_english(page: Page) -> None:
    page.locator("#language-select").select_option("en")
    page.locator(".language-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"


# The header and the footer, as INTERFACE_TEXT reads <main>: the records' data (the city's and the user's
# names) and the language menu's options (each language named in itself) aside.
FRAME_TEXT = """() => {
  const out = [];
  for (const part of document.querySelectorAll("header.site-header, footer.site-footer, a.skip-link")) {
    const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || !node.textContent.trim()) continue;
      if (el.closest("[data-record], option, script, style, template, [hidden]")) continue;
      out.push(node.textContent.trim());
    }
    for (const el of part.querySelectorAll("[aria-label], [placeholder], [title]")) {
      for (const name of ["aria-label", "placeholder", "title"]) {
        if (el.getAttribute(name)) out.push(el.getAttribute(name));
      }
    }
  }
  return out;
}"""


def chinese_in_frame(page: Page) -> list[str]:
    return [text for text in page.evaluate(FRAME_TEXT) if CJK.search(text)]


def english_visitor(page: Page, check_a11y: Callable[..., Any], shots: Path) -> Callable[..., None]:
    """``visit(url, heading, shot="")``: open ``url`` (or stay, with ""), check its heading, that neither its main
    part nor its frame shows Chinese outside the records' data, and the axe check; save a screenshot if named."""

    def visit(url: str, heading: str | re.Pattern[str], shot: str = "") -> None:
        if url:
            page.goto(url)
            page.wait_for_load_state()
        title = page.locator("main h1").first.inner_text()
        assert re.search(heading, title), f"{page.url}: {title!r}"
        leftovers = chinese_in_interface(page)
        assert not leftovers, f"Chinese in the English interface of {page.url}: {leftovers}"
        around = chinese_in_frame(page)
        assert not around, f"Chinese in the English header or footer of {page.url}: {around}"
        check_a11y(page, context=f"{page.url} in English")
        if shot:
            screenshot(page, shots / shot)

    return visit
