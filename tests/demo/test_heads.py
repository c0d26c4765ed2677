"""The demo city's agencies have heads (首長) and some deputies, so that `lieguan remind` shows escalation reaching them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from lieguan.organisations.models import Organisation, Person, Role, RoleGrant
from lieguan.tracking import reminders
from lieguan.tracking.models import EscalationRecipient

pytestmark = pytest.mark.django_db


def test_every_demo_agency_has_a_head_and_three_have_a_deputy(demo_city):
    agencies = set(Organisation.objects.filter(kind=Organisation.Kind.AGENCY).values_list("code", flat=True))
    heads = RoleGrant.objects.filter(role=Role.HEAD).select_related("organisation", "user__person")
    assert {g.organisation.code for g in heads} == agencies
    deputies = RoleGrant.objects.filter(role=Role.DEPUTY).select_related("organisation")
    assert sorted(g.organisation.code for g in deputies) == ["dit", "edu", "transport"]
    # Each head is a person of their agency, who can be reached by e-mail.
    for grant in heads:
        assert grant.user.person.organisation == grant.organisation and grant.user.person.email
    assert RoleGrant.objects.get(role=Role.HEAD, organisation__code="dit").user.get_username() == "head"


def test_the_demos_reminders_climb_to_the_heads_of_agencies_with_long_overdue_cases(demo_city):
    plan = reminders.plan(timezone.localdate())
    escalated = [d for d in plan.digests if d.recipient == EscalationRecipient.HEAD]
    assert escalated and all(d.tier >= 1 for d in escalated)
    heads = {(d.user.get_username(), d.organisation.code) for d in escalated}
    # The councillor's request to 交通局 is 12 days overdue whenever the demo is loaded: tier 1, its head,
    # though 交通局 has no liaison (and is listed as such).
    assert ("head-transport", "transport") in heads
    assert "transport" in {u.organisation.code for u in plan.unreached}
    preview = plan.preview()
    assert any(row["recipient"] == "機關首長" and row["tier"] for row in preview)


def test_loading_the_demo_again_adds_no_head_account_or_grant(demo_city):
    counts = (Person.objects.count(), get_user_model().objects.count(), RoleGrant.objects.count())
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 — the command's printout is not the point
    assert (Person.objects.count(), get_user_model().objects.count(), RoleGrant.objects.count()) == counts
