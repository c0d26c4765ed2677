"""English is available: every string the templates mark for translation has an English text, compiled."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "lieguan"
PO = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _marked_strings() -> set[str]:
    found: set[str] = set()
    for template in (PACKAGE / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        found |= set(re.findall(r"""\{% (?:translate|trans) ["']([^"']+)["']""", text))
        found |= set(re.findall(r"""_\(["']([^"']+)["']\)""", text))
        for body in re.findall(r"\{% blocktranslate[^%]*%\}(.*?)\{% endblocktranslate %\}", text, flags=re.S):
            found.add(re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", body))
    return found


def test_every_marked_string_has_an_english_text():
    catalog = read_po(PO.open(encoding="utf-8"))
    english = {m.id: m.string for m in catalog if m.id}
    missing = sorted(s for s in _marked_strings() if not english.get(s))
    assert not missing, f"no English for: {missing} — add them to {PO} and run `make messages`"


def test_the_compiled_catalogue_is_the_current_one():
    catalog = read_po(PO.open(encoding="utf-8"))
    with MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = [m.id for m in catalog if m.id and (compiled.pgettext(m.context, m.id) if m.context else compiled.gettext(m.id)) != m.string]
    assert not stale, f"django.mo is older than django.po for {stale}: run `make messages`"


@pytest.mark.django_db
def test_the_interface_speaks_english_when_asked(city, client):
    client.force_login(city.user("bob"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert "Sign out" in body and "Skip to main content" in body
    assert 'lang="en"' in body
