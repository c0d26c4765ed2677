"""The audit events of meetings, agenda, attendance, materials, minutes and their import (registered in ``lieguan.core.audit_events``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lieguan.core.audit_events import SNAPSHOT, Event

SERIES_CREATE = Event("series.create", _("新增會議系列"), "meetings.meetingseries", after=SNAPSHOT)
SERIES_UPDATE = Event("series.update", _("修改會議系列"), "meetings.meetingseries", before=SNAPSHOT, after=SNAPSHOT)

MEETING_SCHEDULE = Event("meeting.schedule", _("排定會議"), "meetings.meeting", after=SNAPSHOT)
MEETING_UPDATE = Event("meeting.update", _("修改會議"), "meetings.meeting", before=SNAPSHOT, after=SNAPSHOT)
MEETING_CANCEL = Event("meeting.cancel", _("取消會議"), "meetings.meeting", before=SNAPSHOT, after=SNAPSHOT)
MEETING_PREVIOUS_MINUTES = Event(
    "meeting.previous_minutes",
    _("更新宣讀上次會議紀錄的會次"),
    "meetings.meeting",
    before=("previous", "headings"),
    after=("previous", "headings"),
)
MEETING_NOTICE = Event(
    "meeting.notice",
    _("寄送開會通知"),
    "meetings.meeting",
    before=("notice_sent_at",),
    after=("notice_sent_at", "sequence", "update", "cancelled", "recipients"),
)
# The import's counts (sections, items, remarks, conclusions, tracked, case_decisions, deadlines) join the snapshot.
MEETING_IMPORT = Event(
    "meeting.import",
    _("匯入會議紀錄"),
    "meetings.meeting",
    after=SNAPSHOT,
    extra=("sections", "items", "remarks", "conclusions", "tracked", "case_decisions", "deadlines", "source_name"),
)
MEETING_INVITE = Event("meeting.invite", _("邀請出席"), "meetings.invitation", before=SNAPSHOT, after=SNAPSHOT)
MEETING_UNINVITE = Event("meeting.uninvite", _("取消邀請"), "meetings.invitation", before=SNAPSHOT)
MEETING_SIGN_IN = Event("meeting.sign_in", _("簽到"), "meetings.invitation", before=SNAPSHOT, after=SNAPSHOT)
MEETING_MARK_ATTENDANCE = Event("meeting.mark_attendance", _("登記出席情形"), "meetings.invitation", before=SNAPSHOT, after=SNAPSHOT)

AGENDA_ADD_SECTION = Event("agenda.add_section", _("新增議程段落"), "meetings.agendasection", after=SNAPSHOT)
AGENDA_UPDATE_SECTION = Event("agenda.update_section", _("修改議程段落"), "meetings.agendasection", before=SNAPSHOT, after=SNAPSHOT)
AGENDA_DELETE_SECTION = Event("agenda.delete_section", _("刪除議程段落"), "meetings.agendasection", before=SNAPSHOT)
AGENDA_MOVE_SECTION = Event("agenda.move_section", _("調整議程段落順序"), "meetings.agendasection", after=("position",))
AGENDA_ADD_ITEM = Event("agenda.add_item", _("新增議案"), "meetings.agendaitem", after=SNAPSHOT)
AGENDA_UPDATE_ITEM = Event("agenda.update_item", _("修改議案"), "meetings.agendaitem", before=SNAPSHOT, after=SNAPSHOT)
AGENDA_DELETE_ITEM = Event("agenda.delete_item", _("刪除議案"), "meetings.agendaitem", before=SNAPSHOT)
AGENDA_MOVE_ITEM = Event("agenda.move_item", _("調整議案順序"), "meetings.agendaitem", after=("position",))

MATERIAL_UPLOAD = Event("material.upload", _("上傳會議資料"), "meetings.material", after=SNAPSHOT)
MATERIAL_DELETE = Event("material.delete", _("刪除會議資料"), "meetings.material", before=SNAPSHOT)

MINUTES_HEADER = Event("minutes.header", _("修改紀錄首部"), "meetings.meeting", before=SNAPSHOT, after=SNAPSHOT)
MINUTES_UPDATE_ITEM = Event("minutes.update_item", _("修改紀錄中的議案"), "meetings.agendaitem", before=SNAPSHOT, after=SNAPSHOT)
MINUTES_ADD_REMARK = Event("minutes.add_remark", _("新增發言紀要"), "meetings.remark", after=SNAPSHOT)
MINUTES_UPDATE_REMARK = Event("minutes.update_remark", _("修改發言紀要"), "meetings.remark", before=SNAPSHOT, after=SNAPSHOT)
MINUTES_DELETE_REMARK = Event("minutes.delete_remark", _("刪除發言紀要"), "meetings.remark", before=SNAPSHOT)
MINUTES_ADD_CONCLUSION = Event("minutes.add_conclusion", _("新增會議結論"), "meetings.conclusion", after=SNAPSHOT)
MINUTES_UPDATE_CONCLUSION = Event("minutes.update_conclusion", _("修改會議結論"), "meetings.conclusion", before=SNAPSHOT, after=SNAPSHOT)
MINUTES_DELETE_CONCLUSION = Event("minutes.delete_conclusion", _("刪除會議結論"), "meetings.conclusion", before=SNAPSHOT)
MINUTES_AMEND_CONCLUSION = Event(
    "minutes.amend_conclusion", _("確定紀錄時修正會議結論"), "meetings.conclusion", before=SNAPSHOT, after=SNAPSHOT
)
MINUTES_DECISION_SENTENCE = Event(
    "minutes.decision_sentence", _("寫入列管決定的標準文字"), "meetings.conclusion", before=SNAPSHOT, after=SNAPSHOT
)
MINUTES_CASE_DECISIONS = Event(
    "minutes.case_decisions", _("紀錄中的列管決定"), "meetings.meeting", before=("decisions",), after=("decisions",)
)
MINUTES_TRANSITION = Event(
    "minutes.transition",
    _("會議紀錄狀態變更"),
    "meetings.meeting",
    before=("minutes_state",),
    after=("minutes_state", "note", "revision"),
)
MINUTES_COMMENT = Event("minutes.comment", _("會簽意見"), "meetings.minutescomment", after=SNAPSHOT)
MINUTES_RESOLVE_COMMENT = Event("minutes.resolve_comment", _("處理會簽意見"), "meetings.minutescomment", before=SNAPSHOT, after=SNAPSHOT)

IMPORT_START = Event("import.start", _("開始匯入會議紀錄"), "meetings.importbatch", after=("files",))
IMPORT_PARSE = Event("import.parse", _("解析匯入檔案"), "meetings.importfile", after=("status", "error", "line"))
IMPORT_FILE = Event("import.file", _("套用匯入檔案"), "meetings.importfile", after=("meeting",))
# Who may read a confidential item is part of the record: the before and after name the people and agencies.
AGENDA_ITEM_CONFIDENTIAL = Event(
    "agenda.confidential",
    _("設定機密案件"),
    "meetings.agendaitem",
    before=("confidential", "people", "organisations"),
    after=("confidential", "people", "organisations"),
)
