"""The security baseline (資通系統防護基準, 中級) as far as the application carries it."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import get_hasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from lieguan.core.models import SecurityEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.argon2
def test_passwords_are_hashed_with_argon2(city):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="bob")
    user.set_password(PASSWORD)
    user.save()
    assert user.password.startswith("argon2$")
    assert get_hasher("default").algorithm == "argon2"


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Short-1a", "password_too_short"),
        ("abcdefghijklmnop", "password_too_simple"),
        ("123456789012345", "password_entirely_numeric"),
        ("password1234", "password_too_common"),
    ],
)
def test_weak_passwords_are_refused(password, reason):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert reason in [e.code for e in error.value.error_list]


def test_a_strong_password_passes():
    validate_password("Meeting-Minutes-2026")


def _login(client: Client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_the_account_is_locked_after_repeated_failures_even_with_the_right_password(city, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "bob", "wrong-password")
    response = _login(client, "bob", PASSWORD)
    assert response.status_code == 429
    assert "帳號暫時鎖定" in response.content.decode()
    kinds = list(SecurityEvent.objects.values_list("kind", flat=True))
    assert kinds.count("login_failed") >= settings.AXES_FAILURE_LIMIT
    assert "locked_out" in kinds
    # Other accounts are not affected by bob's lockout.
    assert _login(Client(), "carol", PASSWORD).status_code == 302


def test_a_session_ends_after_the_idle_timeout(city, settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60
    client = Client()
    assert _login(client, "bob", PASSWORD).status_code == 302
    session = client.session
    session.set_expiry(-1)  # the idle time has passed
    session.save()
    assert client.get("/").status_code == 302


def test_activity_keeps_the_session_alive_while_a_request_that_changes_nothing_writes_nothing(city):
    from django.contrib.sessions.models import Session

    client = Client()
    assert _login(client, "bob", PASSWORD).status_code == 302
    key = client.session.session_key
    assert client.get("/").status_code == 200
    first = Session.objects.get(session_key=key).expire_date
    assert client.get("/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date == first  # touched within the minute: no write
    session = client.session
    session["_lieguan_seen"] = 0  # the last activity was long ago
    session.save()
    saved = Session.objects.get(session_key=key).expire_date
    assert client.get("/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date >= saved  # active again: the timeout slides


def test_a_request_in_flight_when_the_user_signs_out_does_not_fail(city, monkeypatch):
    """The user signs out in another tab while a page (a lazily loaded panel) is being answered: that
    request must still answer, not 400 because its session was deleted before it could be saved."""
    from django.contrib.sessions.models import Session

    import lieguan.views

    client = Client()
    assert _login(client, "bob", PASSWORD).status_code == 302
    assert client.get("/").status_code == 200  # active just now: the next request has nothing to save
    key = client.session.session_key
    panels_for = lieguan.views.panels_for

    def signed_out_meanwhile(request, viewer):
        Session.objects.filter(session_key=key).delete()
        return panels_for(request, viewer)

    monkeypatch.setattr(lieguan.views, "panels_for", signed_out_meanwhile)
    assert client.get("/").status_code == 200


def test_cookies_are_secure_behind_https(settings):
    from importlib import reload

    import lieguan.settings as app_settings

    assert app_settings.SESSION_COOKIE_HTTPONLY
    assert app_settings.SESSION_COOKIE_SAMESITE == "Lax"
    import os

    os.environ["LIEGUAN_HTTPS"] = "1"
    try:
        reloaded = reload(app_settings)
        assert reloaded.SESSION_COOKIE_SECURE and reloaded.CSRF_COOKIE_SECURE and reloaded.SECURE_HSTS_SECONDS > 0
    finally:
        del os.environ["LIEGUAN_HTTPS"]
        reload(app_settings)


def test_every_page_carries_a_content_security_policy_without_inline_scripts(client):
    response = client.get("/accounts/login/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_signed_in_pages_are_not_cached(city):
    client = Client()
    client.force_login(city.user("bob"))
    assert "no-store" in client.get("/").headers["Cache-Control"]


def test_forms_refuse_a_post_without_the_csrf_token(city):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "bob", "password": PASSWORD})
    assert response.status_code == 403


def test_an_error_shows_no_stack_trace(city, settings, monkeypatch):
    from lieguan.core import views

    def broken(request):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(views, "healthz", broken)
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    from django.urls import clear_url_caches

    clear_url_caches()
    import importlib

    import lieguan.urls

    importlib.reload(lieguan.urls)
    try:
        response = client.get("/healthz")
        assert response.status_code == 500
        body = response.content.decode()
        assert "secret internal detail" not in body and "Traceback" not in body
        assert "系統發生錯誤" in body
    finally:
        monkeypatch.undo()
        importlib.reload(lieguan.urls)
        clear_url_caches()


def test_a_refused_access_is_written_to_the_security_log(city, rf):
    from django.core.exceptions import PermissionDenied

    from lieguan.core.views import permission_denied

    request = rf.get("/meetings/1/edit/", REMOTE_ADDR="10.1.2.3")
    request.user = city.user("bob")
    response = permission_denied(request, PermissionDenied("只有此會議的幕僚單位可以修改。"))
    assert response.status_code == 403
    assert "只有此會議的幕僚單位可以修改" in response.content.decode()
    event = SecurityEvent.objects.get(kind="forbidden")
    assert (event.username, event.ip, event.path) == ("bob", "10.1.2.3", "/meetings/1/edit/")
