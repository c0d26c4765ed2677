from __future__ import annotations

import pytest
from django.test import Client

from lieguan.api.actions import do_create_token


@pytest.fixture
def token_for():
    def make(user, days: int = 30) -> str:
        return do_create_token(user, name="測試用", days=days)[1]

    return make


@pytest.fixture
def api_client():
    """A client that calls the API as a program would: a bearer token, no session."""

    class ApiClient(Client):
        def __init__(self, token: str | None = None) -> None:
            super().__init__()
            self.token = token

        def _auth(self, extra):
            if self.token:
                extra.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
            return extra

        def get(self, path, data=None, **extra):
            return super().get(path, data, **self._auth(extra))

        def post_json(self, path, payload, **extra):
            return super().post(path, payload, content_type="application/json", **self._auth(extra))

    return ApiClient
