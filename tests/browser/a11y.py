"""The accessibility check every browser test runs: axe-core against WCAG 2.1 A and AA."""

from __future__ import annotations

import json

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Only the violations are read: asking for the passes and the incomplete ones too makes axe describe every
# element it checked, which costs as much again.
_OPTIONS = json.dumps({"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})


def assert_accessible(page: Page, *, context: str = "") -> None:
    """Fail with every violation, its rule and the offending elements."""
    # axe is sent once per document (it is 570 kB of script): a page checked twice, before and after an
    # HTMX swap, already has it.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    violations = page.evaluate(f"axe.run(document, {_OPTIONS}).then(results => results.violations)")
    if violations:
        lines = [f"{len(violations)} accessibility violation(s) on {page.url} {context}".rstrip()]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"][:5]:
                lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
        raise AssertionError("\n".join(lines))
