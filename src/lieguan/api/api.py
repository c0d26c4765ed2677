"""The REST API at /api/v1/: one NinjaAPI with the routers of each domain."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from lieguan.api import errors
from lieguan.api.auth import ApiAuth
from lieguan.api.parser import NulRefusingParser
from lieguan.api.routers import directory, indicators, kpis, meetings, search, tracking
from lieguan.api.throttles import PublicThrottle, SignedInThrottle


class ChineseJSONRenderer(JSONRenderer):
    """JSON with Chinese as characters, not \\u escapes: readable in any tool, and smaller."""

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        return json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False)


DESCRIPTION = """列管系統的 REST API：機關與人員、會議與會次、會議紀錄（Minutes JSON）、議程案件、會議結論、
列管案件與主協辦機關、辦理情形與列管決定。

- 身分：於「API 權杖」頁建立個人權杖，以 `Authorization: Bearer lg_…` 送出；權杖的權限與您本人相同。
  未帶權杖時，以瀏覽器的登入身分（寫入須附 CSRF 權杖）或公眾身分存取。
- 分頁：清單回應為 `{"items": [...], "next": "…"}`；以 `?after=<next>` 取得下一頁，`next` 為 null 時結束。
- 快取：回應帶 `ETag`；以 `If-None-Match` 再次請求，內容未變時回 304。
- 錯誤：以 `application/problem+json`（RFC 9457）回應，`detail` 說明原因。輸入不符規格回 422；
  輸入無誤但資料目前的狀態不允許（例如府級案件尚未解除列管，其局處級案件不得先解除）回 409。
- 頻率限制：超過上限回 429，並以 `Retry-After` 告知等待秒數。
"""


class LieguanAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Error responses are problem+json, and the token optional: two things ninja cannot say by itself."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                # A token is optional: without one the caller is the session's user or the public.
                if operation.get("security") and {} not in operation["security"]:
                    operation["security"].append({})
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content["application/problem+json"] = content.pop("application/json")
        return schema


api = LieguanAPI(
    title="列管 Lieguan API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-1",
    auth=ApiAuth(),
    renderer=ChineseJSONRenderer(),
    parser=NulRefusingParser(),
    docs_url=None,  # our own documentation page works offline and passes the accessibility check
    throttle=[PublicThrottle(), SignedInThrottle()],
)
errors.install(api)
api.add_router("", directory.router)
api.add_router("", meetings.router)
api.add_router("", tracking.router)
api.add_router("", search.router)
api.add_router("", kpis.router)
api.add_router("", indicators.router)
