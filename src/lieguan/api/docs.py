"""Turning the OpenAPI schema into the documentation page, so that it needs no script from the internet."""

from __future__ import annotations

import re
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_of(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    if "anyOf" in schema:
        return " | ".join(type_of(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"{type_of(schema.get('items', {}))}[]"
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    kind = schema.get("type", "any")
    fmt = schema.get("format")
    return f"{kind} ({fmt})" if fmt else str(kind)


def _content_type_of(response: dict[str, Any]) -> str:
    # Errors are application/problem+json, successes application/json: whichever the response has.
    content = response.get("content", {})
    return type_of(next(iter(content.values())).get("schema", {})) if content else ""


def description_html(text: str) -> SafeString:
    """The API description's little Markdown (paragraphs, "- " lists, `code`) as HTML; the text is escaped first."""

    def inline(line: str) -> str:
        return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(line))

    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        if lines and lines[0].startswith("- "):
            items: list[str] = []
            for line in lines:
                if line.startswith("- "):
                    items.append(line[2:].strip())
                else:
                    items[-1] += line.strip()
            blocks.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>")
        else:
            blocks.append("<p>" + "".join(inline(line.strip()) for line in lines) + "</p>")
    return mark_safe("".join(blocks))  # noqa: S308  (every piece of text above went through escape)


def operations_by_tag(schema: dict[str, Any]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            tag = (op.get("tags") or [_("其他")])[0]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            groups.setdefault(tag, []).append(
                {
                    "id": op.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": {"path": _("路徑"), "query": _("查詢"), "header": _("標頭")}.get(p["in"], p["in"]),
                            "type": type_of(p.get("schema", {})),
                            "required": p.get("required", False),
                            "description": p.get("description", "") or p.get("schema", {}).get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": type_of(body) if body else None,
                    "responses": [
                        {
                            "status": status,
                            "type": _content_type_of(r),
                            "media_type": next(iter(r.get("content", {})), ""),
                            "description": r.get("description", ""),
                        }
                        for status, r in op.get("responses", {}).items()
                    ],
                }
            )
    return [{"tag": tag, "operations": ops} for tag, ops in groups.items()]


def schema_models(schema: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for name, model in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(model.get("required", []))
        out.append(
            {
                "name": name,
                "fields": [
                    {
                        "name": field,
                        "type": type_of(spec),
                        "required": field in required,
                        "description": spec.get("description", ""),
                    }
                    for field, spec in model.get("properties", {}).items()
                ],
            }
        )
    return out
