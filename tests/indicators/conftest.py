"""A small register for the indicator tests: 門禁管理缺失 (a count, lower is better) with the rule "2 months running"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from lieguan.core.actors import SystemActor
from lieguan.indicators import actions as i
from lieguan.indicators.models import Indicator, Rule

SETUP = SystemActor("test-setup")


@dataclass
class Register:
    city: Any
    doors: Indicator
    rate: Indicator
    running: Rule


@pytest.fixture
def register(city) -> Register:
    doors = i.do_create_indicator(SETUP, name="門禁管理缺失", unit="count", direction="lower", definition="門禁未依規定管理之件數")
    rate = i.do_create_indicator(SETUP, name="線上簽核比率", unit="percent", direction="higher", agencies=[city.it, city.edu], position=2)
    running = i.do_save_rule(SETUP, name="同樣缺失連續 2 個月", kind="running", indicators=[doors], months=2)
    return Register(city, doors, rate, running)


def csv_bytes(*rows: tuple[str, str, str, str], header: tuple[str, ...] = ("機關", "指標", "年月", "數值")) -> bytes:
    lines = [",".join(header), *(",".join(r) for r in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")
