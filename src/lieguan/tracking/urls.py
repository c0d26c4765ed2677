"""The tracking pages, mounted at /cases/."""

from django.urls import path

from lieguan.tracking.views import calendar, cases, escalation, incomplete, reports, selecting, status

app_name = "tracking"

urlpatterns = [
    path("", cases.case_list, name="case_list"),
    path("new/", cases.case_create, name="case_create"),
    path("<int:case_id>/", cases.case_detail, name="case"),
    path("<int:case_id>/edit/", cases.case_edit, name="case_edit"),
    path("<int:case_id>/assignments/", cases.assignment_add, name="assignment_add"),
    path("<int:case_id>/spawn/", cases.spawn, name="spawn"),
    path("assignments/<int:assignment_id>/remove/", cases.assignment_remove, name="assignment_remove"),
    path("assignments/<int:assignment_id>/report/", reports.report, name="report"),
    path("attachments/<int:attachment_id>/", reports.attachment_download, name="attachment"),
    path("missing-reports/", reports.missing, name="missing_reports"),
    # 寄送稽催 from the web: a preview of who gets what, then send (the same as `lieguan remind`).
    path("reminders/", reports.remind_preview, name="remind"),
    path("reminders/send/", reports.remind_send, name="remind_send"),
    # The escalation rules (稽催分級), data the secretariat edits.
    path("escalation-rules/", escalation.rules, name="escalation_rules"),
    path("escalation-rules/<int:rule_id>/", escalation.rule_edit, name="escalation_rule_edit"),
    path("escalation-rules/<int:rule_id>/delete/", escalation.rule_delete, name="escalation_rule_delete"),
    # From the minutes: every conclusion of a meeting, and one conclusion's selection form.
    path("meetings/<int:meeting_id>/select/", selecting.select_meeting, name="select_meeting"),
    path("select/<int:conclusion_id>/", selecting.select, name="select"),
    # The status report of a meeting and its decisions.
    path("status-report.css", status.status_report_stylesheet, name="status_report_stylesheet"),
    path("meetings/<int:meeting_id>/status-report/", status.status_report_page, name="status_report"),
    path("meetings/<int:meeting_id>/status-report.<str:fmt>", status.status_report_download, name="status_report_download"),
    path("meetings/<int:meeting_id>/status-report.<str:fmt>/progress/", status.status_report_file, name="status_report_file"),
    path("meetings/<int:meeting_id>/status-report/place/", status.status_report_place, name="status_report_place"),
    path("meetings/<int:meeting_id>/decisions/", status.decisions, name="decisions"),
    path("calendar/", calendar.calendar, name="calendar"),
    # Cases known only from a decision (僅見於決議，待補資料): the list, and completing one.
    path("incomplete/", incomplete.incomplete_list, name="incomplete"),
    path("<int:case_id>/complete/", incomplete.case_complete, name="case_complete"),
]
