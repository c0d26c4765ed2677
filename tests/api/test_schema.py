from __future__ import annotations

import json

from lieguan.api.schema import COMMITTED, current_schema, dump


def test_the_committed_schema_matches_the_code():
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    current = json.loads(dump(current_schema()))
    assert current == committed, "The API changed: run `make openapi` and commit docs/openapi.json"


def test_the_schema_is_openapi_3_1_and_documents_errors_as_problem_json():
    schema = current_schema()
    assert schema["openapi"].startswith("3.1")
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            statuses = set(operation["responses"])
            assert {"401", "403", "404", "422", "429"} <= statuses, (method, path)
            assert "application/problem+json" in operation["responses"]["404"]["content"]


def test_the_docs_page_renders_the_descriptions_markdown_and_escapes_everything_else():
    from lieguan.api.docs import description_html

    html = description_html("介紹 <b>粗</b>\n第二行\n\n- 甲：`Authorization: Bearer lg_…`\n  續行\n- 乙 & 丙")
    assert html == (
        "<p>介紹 &lt;b&gt;粗&lt;/b&gt;第二行</p><ul><li>甲：<code>Authorization: Bearer lg_…</code>續行</li><li>乙 &amp; 丙</li></ul>"
    )
