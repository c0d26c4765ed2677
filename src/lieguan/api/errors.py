"""Errors as RFC 9457 problem details (application/problem+json), in words a person can act on."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from lieguan.core.middleware import UNAVAILABLE_RETRY_SECONDS, log_unavailable, mark_logged, unavailable_cause
from lieguan.minutes.errors import MinutesError

PROBLEM = "application/problem+json"


def problem(api: NinjaAPI, request: HttpRequest, status: int, title: str, detail: str, **extra: Any) -> HttpResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM
    return response


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [{"loc": list(e.get("loc", [])), "msg": str(e.get("msg", ""))} for e in exc.errors]
        where = _("、").join(".".join(str(p) for p in e["loc"]) for e in errors[:5])
        return problem(api, request, 422, _("輸入資料有誤"), _("請檢查：%(fields)s") % {"fields": where}, errors=errors)

    @api.exception_handler(DjangoValidationError)
    def _rejected(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        # The request was well formed (else 422) but the records as they stand refuse it: a rule of the
        # actions layer, such as releasing a bureau-level case before its city-level parent.
        return problem(api, request, 409, _("無法執行"), _("；").join(exc.messages))

    @api.exception_handler(MinutesError)
    def _minutes(request: HttpRequest, exc: MinutesError) -> HttpResponse:
        return problem(api, request, 422, _("無法讀取會議紀錄"), str(exc))

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = problem(api, request, 401, _("未通過身分驗證"), _("API 權杖無效、已過期或已撤銷；或缺少 CSRF 權杖。"))
        response["WWW-Authenticate"] = 'Bearer realm="lieguan"'
        return response

    @api.exception_handler(PermissionDenied)
    def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem(api, request, 403, _("沒有權限"), str(exc) or _("您沒有權限執行此操作。"))

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(api, request, 404, _("找不到"), str(exc) or _("找不到此資源，或您沒有檢視權限。"))

    @api.exception_handler(Throttled)
    def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = problem(api, request, 429, _("請求過於頻繁"), _("已超過請求次數上限，請稍後再試。"))
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait) + 1)
        return response

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(api, request, exc.status_code, _("無法處理"), str(exc))

    @api.exception_handler(DataError)
    def _unstorable(request: HttpRequest, exc: DataError) -> HttpResponse:
        # The schemas refuse NUL in what they declare; should a field slip through, PostgreSQL's refusal is
        # still the caller's input, not a fault of the server.
        if "NUL" in str(exc) or "0x00" in str(exc):
            return problem(api, request, 422, _("輸入資料有誤"), _("文字不得含有 NUL 字元（U+0000）。"))
        return _unexpected(request, exc)

    @api.exception_handler(RequestDataTooBig)
    def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        detail = _("請求內容超過 %(limit)s MB 的上限；請縮減內容或分次送出。") % {"limit": limit}
        return problem(api, request, 413, _("內容過大"), detail)

    @api.exception_handler(Exception)
    def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        import logging

        # The database or the data directory out of reach: not a bug, and worth retrying shortly.
        if (cause := unavailable_cause(exc)) is not None:
            log_unavailable(cause, exc, request)
            if cause == "database":
                detail = _("資料庫無法連線，請稍後再試；您的資料沒有遺失。")
            else:
                detail = _("資料目錄無法寫入，請稍後再試；您的資料沒有遺失。")
            response = problem(api, request, 503, _("系統暫時無法使用"), detail)
            response["Retry-After"] = str(UNAVAILABLE_RETRY_SECONDS)
            mark_logged(response)
            return response
        logging.getLogger("lieguan.api").exception("unhandled API error")
        return problem(api, request, 500, _("系統發生錯誤"), _("系統暫時無法完成您的要求，錯誤已記錄。"))
