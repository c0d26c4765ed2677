"""schemathesis over the whole API: no request it can make yields a 5xx, and every response matches the schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from lieguan.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """The demo city, loaded once for the module's many generated tests and removed after them."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from lieguan.api.actions import do_create_token
    from lieguan.demo import load_demo

    with django_db_blocker.unblock():
        load_demo()
        users = get_user_model().objects
        tokens = {name: do_create_token(users.get(username=name), name="schemathesis")[1] for name in ("admin", "liaison")}
    yield tokens
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def demo_tokens(demo_city, monkeypatch):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from lieguan.api.api import api

    for throttle in api.throttle:
        monkeypatch.setattr(throttle, "num_requests", 100_000)
    # schemathesis calls the raw WSGI application, whose request signals would close the
    # connection that holds the test's transaction (Django's own test client avoids this).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield demo_city
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_within_its_schema_for_an_administrator(case, demo_tokens):
    case.call_and_validate(headers={"Authorization": f"Bearer {demo_tokens['admin']}"})


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_within_its_schema_for_a_liaison_and_the_public(case, demo_tokens):
    case.call_and_validate(headers={"Authorization": f"Bearer {demo_tokens['liaison']}"})
    case.call_and_validate()
