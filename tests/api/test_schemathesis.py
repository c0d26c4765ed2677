"""schemathesis over the whole API: no request it can make yields a 5xx, and every response matches the schema."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from lieguan.wsgi import application
from tests.examples import examples

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

pytestmark = pytest.mark.django_db

# The ids of the demo city's records, by path parameter: random ids almost never name a record,
# so that without these nearly every request for one thing would stop at 404.
DEMO_IDS: dict[str, list[int]] = {}


def _demo_ids() -> dict[str, list[int]]:
    from lieguan.meetings.models import Conclusion, Meeting, MeetingSeries
    from lieguan.organisations.models import Organisation
    from lieguan.tracking.models import Assignment, TrackedCase

    models: dict[str, Any] = {
        "organisation_id": Organisation,
        "series_id": MeetingSeries,
        "meeting_id": Meeting,
        "conclusion_id": Conclusion,
        "case_id": TrackedCase,
        "assignment_id": Assignment,
    }
    return {name: sorted(model.objects.values_list("pk", flat=True)) for name, model in models.items()}


def _with_demo_ids(generated: dict[str, Any], names: list[str]) -> Any:
    real = {name: st.sampled_from(DEMO_IDS[name]) for name in names if DEMO_IDS.get(name)}
    if not real:
        return st.just(generated)
    return st.one_of(st.just(generated), st.fixed_dictionaries(real).map(lambda ids: {**generated, **ids}))


@schema.hook
def flatmap_path_parameters(ctx: Any, path_parameters: dict[str, Any] | None) -> Any:
    if not path_parameters:
        return st.just(path_parameters)
    return _with_demo_ids(path_parameters, list(path_parameters))


# (meeting, case, its agencies): a draft meeting of a series that tracks cases, and an open case of that series.
DECIDABLE: list[tuple[int, int, list[int]]] = []


def _decidable() -> list[tuple[int, int, list[int]]]:
    from lieguan.meetings.models import Meeting
    from lieguan.tracking.models import TrackedCase

    meetings = Meeting.objects.filter(series__tracks_cases=True, cancelled=False, minutes_state__in=["draft", "circulated"])
    found = []
    for meeting in meetings:
        for case in TrackedCase.objects.filter(series_id=meeting.series_id, status="open").prefetch_related("assignments"):
            found.append((meeting.pk, case.pk, [a.organisation_id for a in case.assignments.all() if a.status == "open"]))
    return found


@schema.hook
def flatmap_case(ctx: Any, case: Any) -> Any:
    # Decisions that can succeed are a meeting and a case of the same series: rare by chance, so often made so.
    if ctx.operation is None or not ctx.operation.path.endswith("/decisions") or ctx.operation.method.upper() != "POST" or not DECIDABLE:
        return st.just(case)

    def decide(choice: tuple[tuple[int, int, list[int]], str, int]) -> Any:
        (meeting_id, case_id, agencies), decision, how_many = choice
        case.path_parameters = {**(case.path_parameters or {}), "meeting_id": meeting_id}
        case.body = {"decisions": [{"case_id": case_id, "decision": decision, "organisation_ids": agencies[:how_many]}]}
        return case

    made = st.tuples(st.sampled_from(DECIDABLE), st.sampled_from(["release", "continue"]), st.integers(0, 2)).map(decide)
    return st.one_of(st.just(case), made)


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """The demo city, put in once for the module's many generated tests and removed after them.

    Copied in when this process has loaded it before (tests/demo_snapshot.py), loaded otherwise."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from lieguan.api.actions import do_create_token
    from tests.demo_snapshot import load_demo_for_test

    with django_db_blocker.unblock():
        load_demo_for_test()
        users = get_user_model().objects
        tokens = {name: do_create_token(users.get(username=name), name="schemathesis")[1] for name in ("admin", "liaison")}
        DEMO_IDS.update(_demo_ids())
        DECIDABLE.extend(_decidable())
    yield tokens
    DEMO_IDS.clear()
    DECIDABLE.clear()
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def demo_tokens(demo_city, settings):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    # The run makes thousands of requests from one address: with the production limits most would
    # answer 429 and prove nothing about the operation itself (issue 20, 8).
    settings.API_RATE_ANONYMOUS = settings.API_RATE_SIGNED_IN = "1000000/m"
    # schemathesis calls the raw WSGI application, whose request signals would close the
    # connection that holds the test's transaction (Django's own test client avoids this).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield demo_city
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _call_and_validate(case: Any, **kwargs: Any) -> None:
    """Call and validate, and fail on a 429: a throttled request exercises nothing of the operation."""
    response = case.call(**kwargs)
    assert response.status_code != 429, f"{case.operation.verbose_name} was throttled"
    case.validate_response(response)


@schema.parametrize()
@settings(max_examples=examples(12), deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_within_its_schema_for_an_administrator(case, demo_tokens):
    _call_and_validate(case, headers={"Authorization": f"Bearer {demo_tokens['admin']}"})


@schema.parametrize()
@settings(max_examples=examples(6), deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_within_its_schema_for_a_liaison_and_the_public(case, demo_tokens):
    _call_and_validate(case, headers={"Authorization": f"Bearer {demo_tokens['liaison']}"})
    _call_and_validate(case)
