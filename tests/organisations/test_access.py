from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from lieguan.organisations import actions
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Role

pytestmark = pytest.mark.django_db


def test_a_liaison_covers_their_agency_and_its_units_but_no_other(city):
    bob = viewer_for(city.user("bob"))
    assert bob.covers(Role.LIAISON, city.it.pk)
    assert bob.covers(Role.LIAISON, city.it_unit.pk)
    assert not bob.covers(Role.LIAISON, city.edu.pk)
    assert not bob.covers(Role.SECRETARIAT, city.it.pk)


def test_a_secretariat_runs_exactly_the_bodies_it_serves(city):
    alice = viewer_for(city.user("alice"))
    assert alice.covers(Role.SECRETARIAT, city.secretariat.pk)
    assert alice.covers(Role.SECRETARIAT, city.root.pk)
    assert not alice.covers(Role.SECRETARIAT, city.it.pk)


def test_administrators_hold_every_role_and_others_read_according_to_role(city):
    assert viewer_for(city.user("root")).is_admin
    assert viewer_for(city.user("root")).covers(Role.LIAISON, city.edu.pk)
    assert viewer_for(city.user("dave")).reads_everything
    assert viewer_for(city.user("erin")).reads_everything
    assert not viewer_for(city.user("bob")).reads_everything
    assert not viewer_for(AnonymousUser()).is_authenticated


def test_only_administrators_change_the_directory(city):
    with pytest.raises(PermissionDenied):
        actions.do_create_organisation(city.user("alice"), code="x", name="某局", kind="agency", parent=city.root)
    org = actions.do_create_organisation(city.user("root"), code="x", name="某局", kind="agency", parent=city.root)
    assert org.parent == city.root


def test_granting_the_administrator_role_opens_the_django_admin(city):
    frank = city.user("frank")
    grant = actions.do_grant_role(city.user("root"), frank, Role.ADMIN)
    frank.refresh_from_db()
    assert frank.is_staff and frank.is_superuser
    actions.do_revoke_role(city.user("root"), grant)
    frank.refresh_from_db()
    assert not frank.is_superuser


def test_a_liaison_must_belong_to_an_agency(city):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.do_grant_role(city.user("root"), city.user("frank"), Role.LIAISON, None)
