"""The committed OpenAPI schema (docs/openapi.json): what clients build against, checked against the code by a test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

COMMITTED = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def current_schema() -> dict[str, Any]:
    from lieguan.api.api import api

    schema: dict[str, Any] = api.get_openapi_schema(path_prefix="/api/v1")
    # Round-trip through JSON so that the comparison sees what a client sees.
    loaded: dict[str, Any] = json.loads(json.dumps(schema, ensure_ascii=False, default=str))
    return loaded


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
