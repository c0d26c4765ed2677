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


def _marked_strings() -> set[tuple[str, str | None]]:
    """(msgid, context) of every string the templates mark, the project's and the apps' own."""
    found: set[tuple[str, str | None]] = set()
    for template in PACKAGE.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for msgid, context in re.findall(r"""\{% (?:translate|trans) ["']([^"']+)["'](?: context ["']([^"']+)["'])?""", text):
            found.add((msgid, context or None))
        found |= {(m, None) for m in re.findall(r"""_\(["']([^"']+)["']\)""", text)}
        for body in re.findall(r"\{% blocktranslate[^%]*%\}(.*?)\{% endblocktranslate %\}", text, flags=re.S):
            # A counted one ({% plural %}) is entered under its singular, as makemessages enters it.
            singular = body.split("{% plural %}")[0]
            found.add((re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", singular), None))
    return found


def test_every_marked_string_has_an_english_text():
    catalog = read_po(PO.open(encoding="utf-8"))
    missing = sorted(f"{c}|{m}" if c else m for m, c in _marked_strings() if not getattr(catalog.get(m, c), "string", ""))
    assert not missing, f"no English for: {missing} — add them to {PO} and run `make messages`"


def _compiled(compiled: gettext.GNUTranslations, message) -> str | tuple[str, str]:
    """What the compiled catalogue says for ``message``: its text, or for a plural its one and many forms."""
    if isinstance(message.id, tuple):
        if message.context:
            return (compiled.npgettext(message.context, *message.id, 1), compiled.npgettext(message.context, *message.id, 2))
        return (compiled.ngettext(*message.id, 1), compiled.ngettext(*message.id, 2))
    return compiled.pgettext(message.context, message.id) if message.context else compiled.gettext(message.id)


@pytest.mark.parametrize("po", sorted(PACKAGE.glob("locale/*/LC_MESSAGES/django.po")), ids=lambda p: p.parts[-3])
def test_the_compiled_catalogue_is_the_current_one(po):
    catalog = read_po(po.open(encoding="utf-8"))
    with po.with_suffix(".mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = [m.id for m in catalog if m.id and _compiled(compiled, m) != m.string]
    assert not stale, f"{po.with_suffix('.mo')} is older than its .po for {stale}: run `make messages`"


@pytest.mark.django_db
def test_the_interface_speaks_english_when_asked(city, client):
    client.force_login(city.user("bob"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert "Sign out" in body and "Skip to main content" in body
    assert 'lang="en"' in body
