"""Records of issue 18 the security tests ask about (beside scenario.py): a proposed succession (法務局 merged into
人事處), an escalation rule and a stand-in named for a leave next year (so that it grants nothing today)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lieguan.organisations import actions as o
from lieguan.organisations.models import Organisation
from lieguan.tracking.models import EscalationRule
from tests.security.scenario import SETUP


def add_succession(scenario: Any) -> None:
    legal = Organisation.objects.get(code="legal")
    hr = Organisation.objects.get(code="hr")
    merger = o.do_propose_succession(SETUP, kind="merge", organisation=legal, effective=dt.date(2027, 1, 1), successors=[hr])
    scenario.ids["succession"] = merger.pk
    scenario.ids["escalation_rule"] = EscalationRule.objects.order_by("tier").values_list("pk", flat=True).first()
    liaison, liaison2 = scenario.users["liaison"].person, scenario.users["liaison2"].person
    leave = o.do_appoint_stand_in(
        scenario.users["liaison"],
        person=liaison,
        stand_in=liaison2,
        organisation=liaison.organisation,
        start=dt.date(2027, 7, 1),
        end=dt.date(2027, 7, 10),
    )
    scenario.ids["stand_in"] = leave.pk
