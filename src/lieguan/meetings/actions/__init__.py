"""Every write of the meetings app. Views, API, CLI and jobs call these; nothing else writes.

Each ``do_*`` checks permission, changes data and writes the audit entry in one transaction.
"""

from lieguan.meetings.actions.agenda import (
    do_add_item,
    do_add_section,
    do_delete_item,
    do_delete_section,
    do_move_item,
    do_move_section,
    do_update_item,
    do_update_section,
)
from lieguan.meetings.actions.attendance import do_invite, do_invite_group, do_mark_attendance, do_sign_in, do_uninvite
from lieguan.meetings.actions.case_decisions import do_write_case_decisions, ensure_status_report_item
from lieguan.meetings.actions.confidential import do_mark_confidential
from lieguan.meetings.actions.importing import (
    do_import_file,
    do_import_ready_files,
    do_parse_import_file,
    do_start_import,
)
from lieguan.meetings.actions.materials import do_delete_material, do_upload_material
from lieguan.meetings.actions.minutes import (
    Amendment,
    do_add_conclusion,
    do_add_conclusion_section,
    do_add_minutes_comment,
    do_add_motion,
    do_add_remark,
    do_confirm_previous_minutes,
    do_delete_conclusion,
    do_delete_remark,
    do_resolve_minutes_comment,
    do_transition_minutes,
    do_update_conclusion,
    do_update_item_minutes,
    do_update_minutes_header,
    do_update_remark,
)
from lieguan.meetings.actions.notice import NoticeResult, do_send_notice
from lieguan.meetings.actions.schedule import do_cancel_meeting, do_schedule_meeting, do_update_meeting, next_number
from lieguan.meetings.actions.series import do_create_series, do_update_series

__all__ = [
    "Amendment",
    "NoticeResult",
    "do_add_conclusion",
    "do_add_conclusion_section",
    "do_add_item",
    "do_add_minutes_comment",
    "do_add_motion",
    "do_add_remark",
    "do_add_section",
    "do_cancel_meeting",
    "do_confirm_previous_minutes",
    "do_create_series",
    "do_delete_conclusion",
    "do_delete_item",
    "do_delete_material",
    "do_delete_remark",
    "do_delete_section",
    "do_import_file",
    "do_import_ready_files",
    "do_invite",
    "do_invite_group",
    "do_mark_attendance",
    "do_mark_confidential",
    "do_move_item",
    "do_move_section",
    "do_parse_import_file",
    "do_resolve_minutes_comment",
    "do_schedule_meeting",
    "do_send_notice",
    "do_sign_in",
    "do_start_import",
    "do_transition_minutes",
    "do_uninvite",
    "do_update_conclusion",
    "do_update_item",
    "do_update_item_minutes",
    "do_update_meeting",
    "do_update_minutes_header",
    "do_update_remark",
    "do_update_section",
    "do_update_series",
    "do_upload_material",
    "do_write_case_decisions",
    "ensure_status_report_item",
    "next_number",
]
