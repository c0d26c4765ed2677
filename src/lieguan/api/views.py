"""Pages of the API: its documentation (rendered from the OpenAPI schema, no internet needed) and token management."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lieguan.api import actions
from lieguan.api.docs import description_html, operations_by_tag, schema_models
from lieguan.api.models import ApiToken
from lieguan.core.submission import once_per_submission


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    from lieguan.api.api import api

    schema = api.get_openapi_schema()
    models = schema_models(schema)
    groups = operations_by_tag(schema)
    # The specification is written in Chinese (openapi.json serves it so); the page shows its texts in the reader's language.
    for group in groups:
        group["tag"] = _text(group["tag"])
        for op in group["operations"]:
            op["summary"], op["description"] = _text(op["summary"]), _text(op["description"])
            for row in op["parameters"] + op["responses"]:
                row["description"] = _text(row["description"])
    for model in models:
        for row in model["fields"]:
            row["description"] = _text(row["description"])
    info = {**schema["info"], "title": _text(schema["info"].get("title", ""))}
    context = {
        "info": info,
        "description": description_html(_text(schema["info"].get("description", ""))),
        "groups": groups,
        "models": models,
        "model_names": {m["name"] for m in models},
        "openapi_url": "/api/v1/openapi.json",
    }
    return render(request, "api/docs.html", context)


_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _text(text: str) -> str:
    """A text of the specification in the reader's language; its English ones (HTTP reasons: OK, Not Found) as they are."""
    return _(text) if _CHINESE.search(text) else text


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("用途"), max_length=100, help_text=gettext_lazy("例如：本局列管填報系統"))
    days = forms.IntegerField(label=gettext_lazy("有效天數"), min_value=1, max_value=actions.MAX_DAYS, initial=90)


# The new token's secret waits here for the page after the redirect, which shows it once and forgets it.
NEW_SECRET = "api_token_secret"  # noqa: S105 — a session key, not a secret


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = actions.do_create_token(request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Post, redirect, get: a second click of the same form is answered by this redirect, not by a second token.
            request.session[NEW_SECRET] = secret
            return redirect("api_tokens")
    context: dict[str, Any] = {
        "form": form,
        "created": request.session.pop(NEW_SECRET, None) if request.method == "GET" else None,
        "tokens": ApiToken.objects.filter(user=cast(Any, request.user)),
    }
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user_id=request.user.pk)
    actions.do_revoke_token(request.user, token)
    messages.success(request, _("權杖「%(name)s」已撤銷。") % {"name": token.name})
    return redirect("api_tokens")
