"""The token page (API 權杖): a token is made once per form, and its secret is shown once, after a redirect."""

from __future__ import annotations

import re

import pytest

from lieguan.api.models import ApiToken

pytestmark = pytest.mark.django_db


def form_token(html: str) -> str:
    found = re.search(r'name="submission_token" value="([0-9a-f]+)"', html)
    assert found, "the token form carries no one-time submission token"
    return found.group(1)


def test_a_double_click_on_create_token_makes_one_token_and_shows_its_secret_once(client, council):
    bob = council.city.user("bob")
    client.force_login(bob)
    once = form_token(client.get("/api/tokens/").content.decode())
    data = {"name": "本局填報程式", "days": 30, "submission_token": once}

    first = client.post("/api/tokens/", data)
    second = client.post("/api/tokens/", data)

    assert first.status_code == second.status_code == 302
    assert ApiToken.objects.filter(user=bob, name="本局填報程式").count() == 1
    shown = client.get(first["Location"]).content.decode()
    secret = re.search(r'id="new-token" type="text" readonly value="(lg_[^"]+)"', shown)
    assert secret and ApiToken.objects.get(user=bob).hint in secret.group(1)
    again = client.get("/api/tokens/").content.decode()
    assert secret.group(1) not in again and "新權杖已建立" not in again


def test_a_token_form_with_an_error_makes_nothing_and_says_why(client, council):
    bob = council.city.user("bob")
    client.force_login(bob)
    once = form_token(client.get("/api/tokens/").content.decode())
    response = client.post("/api/tokens/", {"name": "", "days": 30, "submission_token": once})
    assert response.status_code == 200 and not ApiToken.objects.filter(user=bob).exists()
    assert "這個欄位是必須的" in response.content.decode() or "必填" in response.content.decode()
