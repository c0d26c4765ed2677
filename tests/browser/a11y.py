"""The accessibility check every browser test runs: axe-core against WCAG 2.1 A and AA."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

_axe = Axe()
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page: Page, *, context: str = "") -> None:
    """Fail with every violation, its rule and the offending elements."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    violations = results.response.get("violations", [])
    if violations:
        lines = [f"{len(violations)} accessibility violation(s) on {page.url} {context}".rstrip()]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"][:5]:
                lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
        raise AssertionError("\n".join(lines))
