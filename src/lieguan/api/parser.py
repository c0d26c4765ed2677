"""Reading query strings, refusing a NUL character in any value.

PostgreSQL cannot store or compare text holding U+0000 and raises a DataError
deep inside the query, which reached the caller as a 500 (issue 20, 5). The
string fields of request bodies and filters declare this in their schema
(``schemas.NO_NUL``); this catches a query parameter that does not, so that
it too is an input error (422) before it reaches a query.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy
from ninja.errors import ValidationError
from ninja.parser import Parser
from ninja.types import DictStrAny

NUL_MESSAGE = gettext_lazy("不得含有 NUL 字元（U+0000）")


class NulRefusingParser(Parser):
    def parse_querydict(self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest) -> DictStrAny:
        result = super().parse_querydict(data, list_fields, request)
        where = "query" if data is request.GET else "form"
        errors = [
            {"loc": [where, key], "msg": str(NUL_MESSAGE), "type": "nul_character"}
            for key, value in result.items()
            if any("\x00" in str(v) for v in (value if isinstance(value, list) else [value]))
        ]
        if errors:
            raise ValidationError(errors)
        return result
