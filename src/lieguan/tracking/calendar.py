"""The working-day calendar now lives in core, so that meetings can count working days too.

Kept as a re-export for the code that imports it from here.
"""

from __future__ import annotations

from lieguan.core.calendar import work_calendar

__all__ = ["work_calendar"]
