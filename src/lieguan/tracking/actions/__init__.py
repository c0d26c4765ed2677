"""Every write of the tracking app. Views, API, CLI and jobs call these; nothing else writes.

Each ``do_*`` checks permission, changes data and writes the audit entry in one transaction.
"""

from lieguan.tracking.actions.calendar import do_load_calendar
from lieguan.tracking.actions.cases import (
    Suggestion,
    do_add_assignment,
    do_create_case,
    do_remove_assignment,
    do_select_case,
    do_spawn_child_case,
    do_update_case,
    next_case_number,
    suggest_case,
)
from lieguan.tracking.actions.completion import do_complete_case
from lieguan.tracking.actions.decisions import (
    Decide,
    do_accept_proposals,
    do_place_status_report,
    do_record_decisions,
    minutes_decisions,
    pending_decisions,
    status_report_item,
)
from lieguan.tracking.actions.history import RebuildReport, rebuild_from_history, rebuild_meeting
from lieguan.tracking.actions.reports import do_submit_report

__all__ = [
    "Decide",
    "RebuildReport",
    "Suggestion",
    "do_accept_proposals",
    "do_add_assignment",
    "do_complete_case",
    "do_create_case",
    "do_load_calendar",
    "do_place_status_report",
    "do_record_decisions",
    "do_remove_assignment",
    "do_select_case",
    "do_spawn_child_case",
    "do_submit_report",
    "do_update_case",
    "minutes_decisions",
    "next_case_number",
    "pending_decisions",
    "rebuild_from_history",
    "rebuild_meeting",
    "status_report_item",
    "suggest_case",
]
