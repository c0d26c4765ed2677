"""A small register for the KPI tests: 資訊局 with one goal, a manual KPI owned by its unit, and a computed one."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from lieguan.core.actors import SystemActor
from lieguan.kpis import actions as k
from lieguan.kpis.models import Kpi, StrategicGoal
from lieguan.kpis.periods import Period

SETUP = SystemActor("test-setup")


@dataclass
class Register:
    city: Any
    goal: StrategicGoal
    visits: Kpi
    rate: Kpi


@pytest.fixture
def register(city) -> Register:
    goal = k.do_create_goal(SETUP, city.it, title="強化市民數位服務")
    visits = k.do_create_kpi(SETUP, goal, name="到府協助長者申辦場次", unit="場", owner=city.it_unit, aliases="協助長者線上申辦場次")
    rate = k.do_create_kpi(SETUP, goal, name="系統異常通報比率", unit="%", owner=city.it, direction=">")
    k.do_set_target(SETUP, visits, Period(2025, 1), target=Decimal(15))
    k.do_set_target(SETUP, rate, Period(2025, 1), target=Decimal(40))
    return Register(city, goal, visits, rate)
