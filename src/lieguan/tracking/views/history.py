"""The case page's history and report cycles, as the views name them.

The timeline itself is built in ``tracking/timeline.py`` from the audit trail,
one renderer per registered event; the views only pass it to the template.
"""

from __future__ import annotations

from lieguan.tracking.timeline import TimelineEvent, case_timeline, cycle_label

__all__ = ["TimelineEvent", "case_timeline", "cycle_label"]
