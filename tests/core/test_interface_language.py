"""The interface's language: no page template writes Chinese outside the translation tags.

Traditional Chinese is the source language, so it may appear only where Django's translation machinery
reads it: inside {% translate %} and {% blocktranslate %}, in _("…") arguments of other tags, in
template comments, and in {{ … }} expressions (the records' own data). Official documents stay in
Chinese by law; their templates live under a documents/ folder and are the only ones not checked.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "lieguan"
# Every template of the project and of its apps (templates/ and <app>/templates/), official documents aside.
PAGES = sorted(p for p in PACKAGE.rglob("templates/**/*.html") if "documents" not in p.relative_to(PACKAGE).parts)

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


@pytest.mark.parametrize("template", PAGES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_page_template_writes_chinese_outside_translation(template):
    assert untranslated(template.read_text(encoding="utf-8")) == []


def test_every_folder_of_templates_is_checked_and_only_official_documents_are_left_out():
    folders = {p.relative_to(PACKAGE).parts[:2] for p in PAGES}
    assert {("templates", "meetings"), ("templates", "tracking"), ("live", "templates"), ("templates", "base.html")} <= folders
    left_out = [p for p in PACKAGE.rglob("templates/**/*.html") if p not in PAGES]
    assert left_out and all("documents" in p.parts for p in left_out)
