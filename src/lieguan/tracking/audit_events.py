"""The audit events of tracked cases (registered in ``lieguan.core.audit_events``).

The case timeline (``tracking/timeline.py``) reads the entries of the events
marked so below; the keys it reads are the ones declared here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lieguan.core.audit_events import SNAPSHOT, Event

CASE = "tracking.trackedcase"
ASSIGNMENT = "tracking.assignment"
STATUS = ("status", "released_on")

# Opening a case (tracking/actions/opening.py: the ways a case comes to be). On the timeline.
CASE_SELECT = Event("case.select", _("由會議結論選項列管"), CASE, after=SNAPSHOT)
CASE_CREATE = Event("case.create", _("建立列管案件"), CASE, after=SNAPSHOT)
CASE_SPAWN = Event("case.spawn", _("由府級列管案件轉為本機關列管"), CASE, after=SNAPSHOT)
CASE_REBUILD = Event("case.rebuild", _("由匯入的會議紀錄重建列管案件"), CASE, after=SNAPSHOT)

# Changes of a case. On the timeline, except where said.
CASE_UPDATE = Event("case.update", _("修改列管案件"), CASE, before=SNAPSHOT, after=SNAPSHOT)
CASE_AMEND = Event(
    "case.amend",
    _("確定紀錄時修正會議結論"),
    CASE,
    before=("text", "deadline", "deadline_basis"),
    after=("text", "deadline", "deadline_basis", "meeting", "meeting_name"),
)
CASE_STATUS = Event("case.status", _("列管狀態變更"), CASE, before=STATUS, after=STATUS)
CASE_REOPEN = Event("case.reopen", _("恢復列管"), CASE, before=STATUS, after=STATUS)
CASE_ASSIGN = Event("case.assign", _("指定主協辦機關"), ASSIGNMENT, after=SNAPSHOT)
CASE_UNASSIGN = Event("case.unassign", _("移除主協辦機關"), ASSIGNMENT, before=SNAPSHOT)
CASE_SUCCESSION = Event(
    "case.succession",
    _("機關改制，改由承接機關承辦"),
    ASSIGNMENT,
    before=SNAPSHOT,
    after=SNAPSHOT,
    extra=("succession_id", "kind", "effective", "number"),
)
CASE_DECIDE = Event("case.decide", _("列管決定"), "tracking.casedecision", before=SNAPSHOT, after=SNAPSHOT)
REPORT_SUBMIT = Event("report.submit", _("填報辦理情形"), "tracking.progressreport", after=SNAPSHOT)
REPORT_REVISE = Event("report.revise", _("修正辦理情形"), "tracking.progressreport", before=SNAPSHOT, after=SNAPSHOT)
REPORT_ATTACH = Event("report.attach", _("上傳辦理情形附件"), "tracking.reportattachment", after=SNAPSHOT)

# Not on the timeline: what follows from a decision or a correction, and the rest of tracking.
ASSIGNMENT_STATUS = Event("assignment.status", _("機關列管狀態變更"), ASSIGNMENT, before=STATUS, after=STATUS)
ASSIGNMENT_ROLE = Event("assignment.role", _("變更主協辦角色"), ASSIGNMENT, before=("role",), after=("role",))
CASE_COMPLETE = Event("case.complete", _("補齊列管案件資料"), CASE, before=SNAPSHOT, after=SNAPSHOT)
# A corrected meeting date moves what followed from it: the case's opening or release, a decision's day.
CASE_MOVE = Event(
    "case.move",
    _("隨會議日期更正移動日期"),
    (CASE, "tracking.casedecision", ASSIGNMENT),
    before=("opened_on", "decided_on", "released_on"),
    after=("opened_on", "decided_on", "released_on"),
)
MINUTES_MARK_TRACKED = Event(
    "minutes.mark_tracked", _("會議結論標記為列管"), "meetings.conclusion", before=("tracked",), after=("tracked",)
)
STATUS_REPORT_PLACE = Event("status_report.place", _("排入執行情形報告"), "tracking.statusreport", before=SNAPSHOT, after=SNAPSHOT)
ESCALATION_RULE_SAVE = Event("escalation_rule.save", _("儲存稽催規則"), "tracking.escalationrule", before=SNAPSHOT, after=SNAPSHOT)
ESCALATION_RULE_DELETE = Event("escalation_rule.delete", _("刪除稽催規則"), "tracking.escalationrule", before=SNAPSHOT)
CALENDAR_SET_DAY = Event("calendar.set_day", _("設定辦公日曆"), "core.calendarday", before=SNAPSHOT, after=SNAPSHOT)
REMINDER_SEND = Event(
    "reminder.send",
    _("寄送稽催提醒"),
    "tracking.reminderlog",
    after=("user", "organisation", "date", "keys", "emailed", "tier", "recipient", "acting_for", "unreached"),
)
