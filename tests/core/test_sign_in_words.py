"""The sign-in form speaks in our own words, in either language, not Django's 「輸入正確的 使用者名稱 和密碼」."""

from __future__ import annotations

import pytest

from tests.pages import described_by

pytestmark = pytest.mark.django_db


def test_a_wrong_password_is_refused_in_the_forms_own_chinese_words(city, client):
    page = client.post("/accounts/login/", {"username": "bob", "password": "not-the-password"}).content.decode()
    assert "帳號或密碼不正確，請再試一次。" in page
    assert "使用者名稱" not in page and "輸入正確" not in page


def test_an_empty_form_names_each_missing_field(city, client):
    page = client.post("/accounts/login/", {"username": "", "password": ""}).content.decode()
    assert described_by(page, "帳號") == ["請輸入帳號。"] and described_by(page, "密碼") == ["請輸入密碼。"]


def test_a_wrong_password_is_refused_in_english_when_english_is_chosen(city, client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    page = client.post("/accounts/login/", {"username": "bob", "password": "not-the-password"}).content.decode()
    assert "The username or password is not right. Please try again." in page
    assert "Sign in to Lieguan" in page
