"""CI runs on its second database only what could answer differently there (tests/conftest.py, .ci/run)."""

from __future__ import annotations

import pytest


def test_a_test_that_touches_no_database_needs_one_database(request):
    assert request.node.get_closest_marker("one_database")


@pytest.mark.django_db
def test_a_test_that_uses_the_database_runs_on_every_database(request):
    assert not request.node.get_closest_marker("one_database")


def test_a_test_that_asks_for_the_database_by_fixture_runs_on_every_database(request, db):
    assert not request.node.get_closest_marker("one_database")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_browser_check_needs_one_database(request):
    assert request.node.get_closest_marker("one_database")


@pytest.mark.browser
@pytest.mark.every_database
@pytest.mark.django_db(transaction=True)
def test_a_browser_test_about_requests_served_at_once_runs_on_every_database(request):
    assert not request.node.get_closest_marker("one_database")
