"""A ratchet on the interface's language: converted templates write no Chinese outside the translation tags.

Traditional Chinese is the source language, so it may appear only where Django's translation machinery
reads it: inside {% translate %} and {% blocktranslate %}, in _("…") arguments of other tags, in
template comments, and in {{ … }} expressions (the records' own data). Official documents stay in
Chinese by law; their templates live under documents/ and are not checked. Add a directory to
CONVERTED once its templates are converted; never remove one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "lieguan" / "templates"
CONVERTED = ["kpis", "workreports", "indicators", "organisations", "reports", "registration", "errors"]

# Han ideographs with CJK punctuation and full-width forms (「」、，：（）).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_OUTSIDE_TRANSLATION = [
    re.compile(r"\{% comment %\}.*?\{% endcomment %\}", re.S),
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"\{% blocktranslate.*?\{% endblocktranslate %\}", re.S),
    re.compile(r"\{% (?:translate|trans) .*?%\}", re.S),
    re.compile(r"\{\{.*?\}\}", re.S),
    re.compile(r"""_\((["']).*?\1\)"""),
]


def untranslated(text: str) -> list[str]:
    """The lines of a template that still show Chinese to every reader, whatever their language."""
    for pattern in _OUTSIDE_TRANSLATION:
        text = pattern.sub("", text)
    return [line.strip() for line in text.splitlines() if CJK.search(line)]


def test_the_check_finds_chinese_written_straight_into_markup_and_passes_translated_text():
    assert untranslated("<h1>工作報告</h1>") == ["<h1>工作報告</h1>"]
    assert untranslated('<a aria-label="導覽路徑">x</a>')
    assert untranslated("<p>共 {{ n }} 件</p>")
    assert not untranslated('<h1>{% translate "工作報告" %}</h1>{# 說明 #}')
    assert not untranslated("<p>{% blocktranslate with n=count %}共 {{ n }} 件{% endblocktranslate %}</p>")
    assert not untranslated('{% include "x.html" with here=_("撰寫") %}<span>{{ report.title }}</span>')


@pytest.mark.parametrize("folder", CONVERTED)
def test_converted_templates_write_no_chinese_outside_translation(folder):
    found = {
        str(path.relative_to(TEMPLATES)): lines
        for path in sorted((TEMPLATES / folder).rglob("*.html"))
        if (lines := untranslated(path.read_text(encoding="utf-8")))
    }
    assert not found, f"Chinese outside {{% translate %}} in {folder}/: {found}"


def test_official_documents_are_not_among_the_converted_templates():
    assert "documents" not in CONVERTED
    assert all((TEMPLATES / folder).is_dir() for folder in CONVERTED)
