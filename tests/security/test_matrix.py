"""The authorization matrix: every route × every role, with the answer each role must get.

Routes come from the URL resolver, so a new route without an entry here fails
the test. Each probe names the records it is asked about (a liaison guessing
another agency's case, an attendee of one meeting opening another's
materials, the public reaching draft minutes) and who may get through; all
others must be refused (403/404), or sent to sign in when not signed in.
Every answer is also searched for the markers of records its reader may not
see (tests/security/scenario.py), so a page that leaks through a list, a
search result or a download fails too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.security import scenario as sc
from tests.security.routes import all_routes

pytestmark = pytest.mark.django_db

ALL = set(sc.PERSONAS)
SIGNED = ALL - {"anonymous", "public"}
RUNNERS = {"admin", "secretariat"}
READ_ALL = {"admin", "tracking", "chair"}
CASE_MANAGERS = {"admin", "tracking"}
# Meeting 89 of the public series (draft minutes): its invitees and the agencies presenting or invited.
DRAFT_MEETING = RUNNERS | READ_ALL | {"attendee", "liaison", "liaison2"}
PRIVATE_MEETING = RUNNERS | READ_ALL
PUBLISHED_PUBLIC = SIGNED | {"public"}
STATISTICS = {"admin", "secretariat", "tracking", "chair", "liaison", "liaison2"}
# The confidential item of session 88 (tests/security/confidential_scenario.py): its text is for these alone; the
# records around it answer everyone who reads them, with the markers withheld (checked on every answer).
CONFIDENTIAL = set(sc.CONFIDENTIAL_ENTITLED)


@dataclass(frozen=True)
class Probe:
    allow: set[str]
    kwargs: dict[str, str] = field(default_factory=dict)  # URL parameter → scenario id name, or "=literal"
    method: str = "get"
    # Form or JSON data; a function of the scenario's ids where it names records. Valid data, so that
    # the request reaches the permission check of the action rather than stopping at the form.
    data: Any = field(default_factory=dict)
    query: str = ""
    # What the not-signed-in get when not allowed: "login" for pages, "deny" for the API and secret feeds.
    anonymous: str = "login"
    # One answer for everyone, whatever their role (signing out sends everyone to the sign-in page).
    everyone: str | None = None


def p(allow: set[str], **kw: Any) -> Probe:
    return Probe(allow=set(allow), **kw)


API = {"anonymous": "deny"}

PROBES: dict[str, list[Probe]] = {
    # Signed in: the personal home; the public: the portal's landing page (the anonymous, without the portal: sign in).
    "home": [p(SIGNED | {"public"})],
    "healthz": [p(ALL)],
    "favicon.ico": [p(ALL)],
    "login": [p(ALL)],
    "logout": [p(set(), method="post", everyone="login")],
    "password_change": [p(SIGNED)],
    "password_change_done": [p(SIGNED)],
    "set_language": [p(ALL, method="post", data={"language": "en"})],
    # Meetings
    "meetings:series_list": [p(SIGNED | {"public"})],
    "meetings:series_create": [p(RUNNERS)],
    # A pure formatting aid for the series form (no record behind it).
    "meetings:pattern_preview": [p(SIGNED, query="case_number_pattern={session}-{seq}")],
    "meetings:series": [
        p(PUBLISHED_PUBLIC, kwargs={"series_id": "series_public"}),
        p(PRIVATE_MEETING, kwargs={"series_id": "series_private"}),
    ],
    "meetings:series_edit": [p(RUNNERS, kwargs={"series_id": "series_public"})],
    "meetings:schedule": [p(RUNNERS, kwargs={"series_id": "series_public"})],
    "meetings:meeting": [
        p(DRAFT_MEETING, kwargs={"meeting_id": "meeting_draft"}),
        p(PRIVATE_MEETING, kwargs={"meeting_id": "meeting_private"}),
        # A published session of a public series is a public record: its page with the agenda and materials
        # (the invitees stay with those signed in).
        p(PUBLISHED_PUBLIC, kwargs={"meeting_id": "meeting_published"}),
    ],
    "meetings:meeting_edit": [p(RUNNERS, kwargs={"meeting_id": "meeting_draft"})],
    "meetings:meeting_cancel": [p(RUNNERS, kwargs={"meeting_id": "meeting_draft"}, method="post")],
    "meetings:meeting_ics": [
        p(DRAFT_MEETING, kwargs={"meeting_id": "meeting_draft"}),
        p(PRIVATE_MEETING, kwargs={"meeting_id": "meeting_private"}),
        # The published session's event carries its agenda, with the confidential item as 「機密案件」.
        p(SIGNED, kwargs={"meeting_id": "meeting_published"}),
    ],
    "meetings:notice": [p(RUNNERS, kwargs={"meeting_id": "meeting_draft"})],
    # The agenda builder lives on the meeting page: a GET here goes there, where the meeting's rules apply.
    "meetings:agenda": [p(DRAFT_MEETING, kwargs={"meeting_id": "meeting_draft"})],
    "meetings:section_add": [p(RUNNERS, kwargs={"meeting_id": "meeting_draft"}, method="post")],
    "meetings:section_edit": [p(RUNNERS, kwargs={"section_id": "section_draft"})],
    "meetings:section_delete": [p(RUNNERS, kwargs={"section_id": "section_draft"}, method="post")],
    "meetings:section_move": [p(RUNNERS, kwargs={"section_id": "section_draft"}, method="post")],
    "meetings:item_add": [p(RUNNERS, kwargs={"section_id": "section_draft"}, method="post")],
    "meetings:item_edit": [p(RUNNERS, kwargs={"item_id": "item_it"})],
    # 機密／限閱: the secretariat marks an item and names who else may read it.
    "meetings:item_confidential": [
        p(RUNNERS, kwargs={"item_id": "item_it"}),
        p(RUNNERS, kwargs={"item_id": "item_it"}, method="post", data={"confidential": "on"}),
    ],
    "meetings:item_delete": [p(RUNNERS, kwargs={"item_id": "item_it"}, method="post")],
    "meetings:item_move": [p(RUNNERS, kwargs={"item_id": "item_it"}, method="post")],
    # Only the presenting agency's liaison and the secretariat upload; another agency guessing the item is refused.
    "meetings:material_upload": [p(RUNNERS | {"liaison"}, kwargs={"item_id": "item_it"}, method="post")],
    "meetings:material": [
        p(DRAFT_MEETING, kwargs={"material_id": "material_it"}),
        # An attendee of the 主任秘書會報 opening the 處務會議's material.
        p(PRIVATE_MEETING, kwargs={"material_id": "material_private"}),
        # A material of a published session of the public series is a public record.
        p(PUBLISHED_PUBLIC, kwargs={"material_id": "material_published"}),
        # A material of a confidential item of that session is not: only those entitled find it.
        p(CONFIDENTIAL, kwargs={"material_id": "material_confidential"}),
    ],
    "meetings:material_delete": [p(RUNNERS | {"liaison"}, kwargs={"material_id": "material_it"}, method="post")],
    # Who is invited and who came is for the meeting's readers; marking it is for the secretariat (below).
    "meetings:attendance": [p(DRAFT_MEETING, kwargs={"meeting_id": "meeting_draft"})],
    "meetings:person_search": [p(RUNNERS, kwargs={"meeting_id": "meeting_draft"}, query="q=林")],
    "meetings:invite": [p(RUNNERS, kwargs={"meeting_id": "meeting_draft"}, method="post")],
    "meetings:invite_group": [p(RUNNERS, kwargs={"meeting_id": "meeting_draft"}, method="post")],
    "meetings:uninvite": [p(RUNNERS, kwargs={"invitation_id": "invitation"}, method="post")],
    "meetings:mark_attendance": [p(RUNNERS, kwargs={"invitation_id": "invitation"}, method="post")],
    "meetings:sign_in": [p(DRAFT_MEETING, kwargs={"meeting_id": "meeting_draft"})],
    "meetings:sign_in_sheet": [p(RUNNERS, kwargs={"meeting_id": "meeting_draft"})],
    "meetings:minutes_stylesheet": [p(ALL)],
    "meetings:minutes": [
        p(RUNNERS | READ_ALL, kwargs={"meeting_id": "meeting_draft"}),
        p(PRIVATE_MEETING, kwargs={"meeting_id": "meeting_private"}),
        p(PUBLISHED_PUBLIC, kwargs={"meeting_id": "meeting_published"}),
    ],
    "meetings:minutes_download": [
        p(RUNNERS | READ_ALL, kwargs={"meeting_id": "meeting_draft", "fmt": "=txt"}),
        p(PRIVATE_MEETING, kwargs={"meeting_id": "meeting_private", "fmt": "=json"}),
        p(PUBLISHED_PUBLIC, kwargs={"meeting_id": "meeting_published", "fmt": "=txt"}),
        p(PUBLISHED_PUBLIC, kwargs={"meeting_id": "meeting_published", "fmt": "=json"}),
        p(PUBLISHED_PUBLIC, kwargs={"meeting_id": "meeting_published", "fmt": "=html"}),
    ],
    # The progress of a PDF being built: its reader's own file (test client: built at once, so it offers the download).
    "meetings:minutes_file": [
        p(RUNNERS | READ_ALL, kwargs={"meeting_id": "meeting_draft", "fmt": "=pdf"}),
        p(PUBLISHED_PUBLIC, kwargs={"meeting_id": "meeting_published", "fmt": "=docx"}),
    ],
    # Draft minutes take no comments from anyone: comments are for minutes circulated for review.
    "meetings:minutes_comment": [p(set(), kwargs={"meeting_id": "meeting_draft"}, method="post", data={"text": "請修正"})],
    "meetings:minutes_comment_resolve": [
        p(RUNNERS, kwargs={"meeting_id": "meeting_draft", "comment_id": "comment"}, method="post", data={"response": "已修正"})
    ],
    "meetings:minutes_transition": [
        p(RUNNERS, kwargs={"meeting_id": "meeting_draft"}, method="post", data={"to_state": "circulated"}),
        # Publishing is also the chair's.
        p(RUNNERS | {"chair"}, kwargs={"meeting_id": "meeting_draft"}, method="post", data={"to_state": "published"}),
    ],
    "meetings:minutes_edit": [p(RUNNERS, kwargs={"meeting_id": "meeting_draft"})],
    "meetings:minutes_autosave": [p(RUNNERS, kwargs={"meeting_id": "meeting_draft"}, method="post", anonymous="deny")],
    "meetings:minutes_confirm_previous": [p(RUNNERS, kwargs={"meeting_id": "meeting_draft"}, method="post")],
    "meetings:minutes_revisions": [
        p(PUBLISHED_PUBLIC, kwargs={"meeting_id": "meeting_published"}),
        p(PRIVATE_MEETING, kwargs={"meeting_id": "meeting_private"}),
    ],
    "meetings:minutes_revision": [p(PUBLISHED_PUBLIC, kwargs={"meeting_id": "meeting_published", "number": "=1"})],
    "meetings:minutes_compare": [p(PUBLISHED_PUBLIC, kwargs={"meeting_id": "meeting_confirmed"})],
    "meetings:import": [p(RUNNERS)],
    "meetings:import_batch": [p(RUNNERS, kwargs={"batch_id": "batch"})],
    "meetings:import_step": [p(RUNNERS, kwargs={"batch_id": "batch"}, method="post")],
    "meetings:import_ready": [p(RUNNERS, kwargs={"batch_id": "batch"}, method="post")],
    "meetings:import_file": [p(RUNNERS, kwargs={"file_id": "import_file"})],
}
PROBES.update(
    {
        # Tracking: a liaison reads and reports on their own agency's cases only.
        "tracking:case_list": [p(SIGNED)],
        "tracking:case_create": [p(CASE_MANAGERS | {"secretariat"})],
        "tracking:case": [
            p(READ_ALL | {"liaison2"}, kwargs={"case_id": "case_edu"}),
            p(READ_ALL | {"liaison"}, kwargs={"case_id": "case_it"}),
            # Those who read every case open it, as 「機密案件」 unless entitled.
            p(READ_ALL | {"liaison2", "secretariat"}, kwargs={"case_id": "case_confidential"}),
        ],
        "tracking:case_edit": [p(CASE_MANAGERS, kwargs={"case_id": "case_edu"})],
        "tracking:assignment_add": [p(CASE_MANAGERS, kwargs={"case_id": "case_edu"}, method="post")],
        # A bureau keeps tracking its part of a city-level case in its own series: whoever runs the series of an
        # agency assigned to the case (資訊局's 局務會議 for 86-1), or the tracking officers, who manage every case.
        "tracking:spawn": [p(CASE_MANAGERS, kwargs={"case_id": "case_spawnable"}), p(set(), kwargs={"case_id": "case_chief"})],
        "tracking:assignment_remove": [p(CASE_MANAGERS, kwargs={"assignment_id": "assignment_edu"}, method="post")],
        "tracking:report": [
            p(CASE_MANAGERS | {"liaison"}, kwargs={"assignment_id": "assignment_it"}),
            p(CASE_MANAGERS | {"liaison2"}, kwargs={"assignment_id": "assignment_edu"}),
            # Reporting on a confidential case takes reading it: not the tracking officer.
            p({"admin", "secretariat", "liaison2"}, kwargs={"assignment_id": "assignment_confidential"}),
        ],
        "tracking:attachment": [p(READ_ALL | {"liaison"}, kwargs={"attachment_id": "attachment_it"})],
        "tracking:missing_reports": [p(SIGNED)],
        # 寄送稽催 from the web: whoever manages cases, each only for the cases they manage.
        "tracking:remind": [p(RUNNERS | CASE_MANAGERS)],
        "tracking:remind_send": [p(RUNNERS | CASE_MANAGERS, method="post")],
        "tracking:escalation_rules": [p(RUNNERS | CASE_MANAGERS)],
        "tracking:escalation_rule_edit": [p(RUNNERS | CASE_MANAGERS, kwargs={"rule_id": "escalation_rule"}, method="post")],
        "tracking:escalation_rule_delete": [p(RUNNERS | CASE_MANAGERS, kwargs={"rule_id": "escalation_rule"}, method="post")],
        "tracking:select_meeting": [p(RUNNERS | CASE_MANAGERS, kwargs={"meeting_id": "meeting_published"})],
        "tracking:select": [
            p(RUNNERS | CASE_MANAGERS, kwargs={"conclusion_id": "conclusion_published"}),
            # A confidential conclusion is put under tracking only by those who read it.
            p({"admin", "secretariat"}, kwargs={"conclusion_id": "conclusion_confidential"}),
        ],
        "tracking:status_report_stylesheet": [p(ALL)],
        # Those who may open the meeting; a liaison sees their own agency's rows (checked by the markers).
        "tracking:status_report": [p(SIGNED - {"outsider"}, kwargs={"meeting_id": "meeting_draft"})],
        "tracking:status_report_download": [p(SIGNED - {"outsider"}, kwargs={"meeting_id": "meeting_draft", "fmt": "=docx"})],
        # The progress of the reader's own download: found from who they are, so no one reaches another's.
        "tracking:status_report_file": [p(SIGNED - {"outsider"}, kwargs={"meeting_id": "meeting_draft", "fmt": "=docx"})],
        "tracking:status_report_place": [p(RUNNERS, kwargs={"meeting_id": "meeting_draft"}, method="post")],
        "tracking:decisions": [p(RUNNERS | CASE_MANAGERS, kwargs={"meeting_id": "meeting_draft"})],
        "tracking:calendar": [p({"admin"})],
        # Cases known only from a decision: listed for, and completed by, those who manage cases (87-1 is the
        # city's, which the secretariat runs; a complete case sends its manager back to the case page).
        "tracking:incomplete": [p(RUNNERS | CASE_MANAGERS)],
        "tracking:case_complete": [
            p(RUNNERS | CASE_MANAGERS, kwargs={"case_id": "case_chief"}),
            p(CASE_MANAGERS, kwargs={"case_id": "case_edu"}),
        ],
        # Statistics, notifications
        "reports:statistics": [p(STATISTICS)],
        "reports:statistics_download": [p(STATISTICS, kwargs={"fmt": "=csv"})],
        "reports:agencies": [p(STATISTICS)],
        "reports:agencies_download": [p(STATISTICS, kwargs={"fmt": "=csv"})],
        "reports:inbox": [p(SIGNED)],  # the old address of the inbox: a redirect to notifications:inbox
        # Notifications (lieguan.notifications): each reads and marks only their own; the others' are not found.
        "notifications:inbox": [p(SIGNED)],
        "notifications:mark_read": [p({"liaison"}, kwargs={"notification_id": "inbox_notification"}, method="post")],
        "notifications:open": [p({"liaison"}, kwargs={"notification_id": "inbox_notification"}, method="post")],
        "notifications:mark_all_read": [p(SIGNED, method="post")],
        "notifications:preferences": [p(SIGNED), p(SIGNED, method="post", data={"case.assigned:in_app": "on"})],
        # Search: everyone signed in may search; what they find is checked by the markers.
        # The query is a middle part of each marker: the page shows the query, never the whole marker unless found.
        "search:search": [
            p(SIGNED | {"public"}, query=f"q={sc.MARK_DRAFT[1:-1]}"),
            p(SIGNED | {"public"}, query=f"q={sc.MARK_CASE_EDU[1:-1]}"),
            *(p(SIGNED | {"public"}, query=f"q={marker[2:-1]}") for marker in sc.CONFIDENTIAL_MARKERS),
        ],
        "search:related_conclusion": [
            p(PUBLISHED_PUBLIC, kwargs={"conclusion_id": "conclusion_published"}),
            p(RUNNERS | READ_ALL, kwargs={"conclusion_id": "conclusion_draft"}),
            p(PRIVATE_MEETING, kwargs={"conclusion_id": "conclusion_private"}),
            p(CONFIDENTIAL, kwargs={"conclusion_id": "conclusion_confidential"}),
        ],
        "search:related_case": [
            p(READ_ALL | {"liaison2"}, kwargs={"case_id": "case_edu"}),
            p(CONFIDENTIAL - {"attendee"}, kwargs={"case_id": "case_confidential"}),
        ],
        # API pages, calendars, open data
        "api_docs": [p(ALL)],
        "api_tokens": [p(SIGNED)],
        "api_token_revoke": [p({"liaison"}, kwargs={"token_id": "token"}, method="post")],
        "api_calendars": [p(SIGNED)],
        # The secret is the key: whoever has it reads the feed, no one guesses it.
        "calendar_meetings": [p(ALL, kwargs={"secret": "secret"}), p(set(), kwargs={"secret": "=not-the-secret"}, anonymous="deny")],
        "calendar_deadlines": [p(ALL, kwargs={"secret": "secret"}), p(set(), kwargs={"secret": "=not-the-secret"}, anonymous="deny")],
        "calendar_series": [
            p({"public"}, kwargs={"series_id": "series_public"}, anonymous="deny"),
            p(set(), kwargs={"series_id": "series_private"}, anonymous="deny"),
        ],
        "opendata": [p(SIGNED | {"public"})],
        "opendata_minutes": [p(SIGNED | {"public"}, kwargs={"series_code": "=chief-secretaries", "roc_year": "=115"})],
        "opendata_decisions": [p(SIGNED | {"public"}, kwargs={"series_code": "=chief-secretaries", "roc_year": "=115"})],
        "opendata_cases": [p(SIGNED | {"public"}, kwargs={"series_code": "=chief-secretaries", "roc_year": "=115"})],
        "opendata_kpis_json": [p(SIGNED | {"public"}, kwargs={"roc_year": "=114"})],
        "opendata_kpis_csv": [p(SIGNED | {"public"}, kwargs={"roc_year": "=114"})],
    }
)

# The KPI register: everyone with a role reads; administrators and 研考 keep it; an indicator's owner unit
# (its agency's liaison, or the secretariat of the body) enters its actuals.
KPI_READERS = SIGNED - {"outsider"}
KPI_MANAGERS = {"admin", "tracking"}
PROBES.update(
    {
        "kpis:list": [p(KPI_READERS)],
        "kpis:goal_create": [p(KPI_MANAGERS)],
        "kpis:goal_edit": [p(KPI_MANAGERS, kwargs={"goal_id": "goal_it"})],
        "kpis:kpi_create": [p(KPI_MANAGERS, kwargs={"goal_id": "goal_it"})],
        "kpis:kpi": [p(KPI_READERS, kwargs={"kpi_id": "kpi_it"})],
        "kpis:kpi_edit": [p(KPI_MANAGERS, kwargs={"kpi_id": "kpi_it"})],
        "kpis:target": [p(KPI_MANAGERS, kwargs={"kpi_id": "kpi_it"})],
        "kpis:actual": [
            p(KPI_MANAGERS | {"liaison"}, kwargs={"kpi_id": "kpi_it"}),
            p(KPI_MANAGERS | {"secretariat"}, kwargs={"kpi_id": "kpi_sec"}),
        ],
        "kpis:compute": [
            p(
                KPI_MANAGERS | {"liaison"},
                kwargs={"kpi_id": "kpi_computed"},
                method="post",
                data={"compute-roc_year": "115", "compute-half": "2"},
            )
        ],
        "kpis:sentence": [p(KPI_MANAGERS | {"liaison"}, kwargs={"actual_id": "actual_it"})],
        "kpis:evidence": [p(KPI_READERS, kwargs={"evidence_id": "evidence_it"})],
        "api-1:list_kpi_goals": [p(KPI_READERS, **API)],
        "api-1:list_kpis": [p(KPI_READERS, **API)],
        "api-1:get_kpi": [p(KPI_READERS, kwargs={"kpi_id": "kpi_it"}, **API)],
        "api-1:list_kpi_actuals": [p(KPI_READERS, **API)],
    }
)

# The REST API answers everyone (lists are filtered by the access functions); single records follow the pages' rules.
API_PROBES: dict[str, list[Probe]] = {
    # Ninja registers the prefix itself as a route; it answers 404 to all.
    "api-1:api-root": [p(set(), anonymous="deny")],
    "api-1:openapi-json": [p(ALL, anonymous="deny")],
    "api-1:list_organisations": [p(SIGNED, **API)],
    "api-1:get_organisation": [p(SIGNED, kwargs={"organisation_id": "organisation"}, **API)],
    "api-1:list_people": [p(SIGNED, **API)],
    "api-1:list_series": [p(ALL, anonymous="deny")],
    "api-1:get_series": [
        p(PUBLISHED_PUBLIC, kwargs={"series_id": "series_public"}, **API),
        p(PRIVATE_MEETING, kwargs={"series_id": "series_private"}, **API),
    ],
    "api-1:list_meetings": [p(ALL, anonymous="deny")],
    "api-1:get_meeting": [
        p(DRAFT_MEETING, kwargs={"meeting_id": "meeting_draft"}, **API),
        p(PRIVATE_MEETING, kwargs={"meeting_id": "meeting_private"}, **API),
    ],
    "api-1:get_minutes": [
        p(RUNNERS | READ_ALL, kwargs={"meeting_id": "meeting_draft"}, **API),
        p(PUBLISHED_PUBLIC, kwargs={"meeting_id": "meeting_published"}, **API),
    ],
    "api-1:list_items": [p(ALL, anonymous="deny")],
    "api-1:list_conclusions": [p(ALL, anonymous="deny")],
    "api-1:get_conclusion": [
        p(RUNNERS | READ_ALL, kwargs={"conclusion_id": "conclusion_draft"}, **API),
        p(PUBLISHED_PUBLIC, kwargs={"conclusion_id": "conclusion_confidential"}, **API),
    ],
    "api-1:list_cases": [p(ALL, anonymous="deny")],
    "api-1:get_case": [
        p(READ_ALL | {"liaison2"}, kwargs={"case_id": "case_edu"}, **API),
        p(READ_ALL | {"liaison2", "secretariat"}, kwargs={"case_id": "case_confidential"}, **API),
    ],
    "api-1:list_reports": [p(ALL, anonymous="deny")],
    "api-1:submit_report": [
        p(
            CASE_MANAGERS | {"liaison"},
            kwargs={"assignment_id": "assignment_it"},
            method="post_json",
            data={"text": "x", "proposal": "continue"},
            **API,
        )
    ],
    "api-1:list_decisions": [p(ALL, anonymous="deny")],
    "api-1:record_decisions": [
        # Those who run the series and the tracking officers (研考) record decisions; at a meeting that has not
        # begun yet (meeting_draft lies ahead) they are told so (422), everyone else is refused.
        p(
            RUNNERS | {"tracking"},
            kwargs={"meeting_id": "meeting_draft"},
            method="post_json",
            data=lambda ids: {"decisions": [{"case_id": ids["case_chief"], "decision": "continue"}]},
            **API,
        )
    ],
    "api-1:search_api": [p(ALL - {"anonymous"}, query=f"q={sc.MARK_DRAFT[1:-1]}", anonymous="deny")],
}
PROBES.update(API_PROBES)
# The directory: successions (機關改制) change the whole directory, so administrators only decide them.
PROBES.update(
    {
        # Stand-ins: everyone signed in names their own; ending one is for the person (and the administrator).
        "organisations:stand_ins": [p(SIGNED)],
        "organisations:stand_in_end": [p({"admin", "liaison"}, kwargs={"stand_in_id": "stand_in"}, method="post")],
        "organisations:succession_new": [p({"admin"})],
        "organisations:succession": [p({"admin"}, kwargs={"succession_id": "succession"})],
        "organisations:succession_confirm": [p({"admin"}, kwargs={"succession_id": "succession"}, method="post")],
        "organisations:succession_withdraw": [p({"admin"}, kwargs={"succession_id": "succession"}, method="post")],
    }
)
# Work reports: the secretariat's own report (秘书處, drafted in the world fixture); its units' liaisons are not among the personas.
WORK_REPORT = RUNNERS | READ_ALL
PROBES.update(
    {
        "workreports:list": [p(SIGNED)],
        "workreports:create": [
            p(RUNNERS, method="post", data=lambda ids: {"organisation": ids["agency_secretariat"], "year": "2024", "half": "1"})
        ],
        "workreports:import": [p(RUNNERS)],
        "workreports:stylesheet": [p(ALL)],
        "workreports:report": [p(WORK_REPORT, kwargs={"report_id": "work_report"})],
        "workreports:edit": [p(RUNNERS, kwargs={"report_id": "work_report"})],
        "workreports:autosave": [p(RUNNERS, kwargs={"report_id": "work_report"}, method="post", anonymous="deny")],
        "workreports:transition": [p(RUNNERS, kwargs={"report_id": "work_report"}, method="post", data={"to_state": "review"})],
        "workreports:revisions": [p(WORK_REPORT, kwargs={"report_id": "work_report"})],
        "workreports:download": [p(WORK_REPORT, kwargs={"report_id": "work_report", "fmt": "=txt"})],
    }
)

# Monthly indicators: everyone with a role reads the register, the values and the report item; administrators, 研考
# and the city's secretariat keep the register and the rules, import, and track alerts; an agency's liaison enters its
# values; the report item is attached by those who run the series.
INDICATOR_READERS = SIGNED - {"outsider"}
INDICATOR_MANAGERS = {"admin", "tracking", "secretariat"}
PROBES.update(
    {
        "indicators:register": [p(INDICATOR_READERS)],
        "indicators:indicator_create": [p(INDICATOR_MANAGERS)],
        "indicators:indicator": [p(INDICATOR_READERS, kwargs={"indicator_id": "indicator_doors"})],
        "indicators:target": [
            p(INDICATOR_MANAGERS, kwargs={"indicator_id": "indicator_doors"}, method="post", data={"year": "115", "threshold": "3"})
        ],
        "indicators:agency": [p(INDICATOR_READERS, kwargs={"organisation_id": "agency_dit"})],
        "indicators:enter": [
            p(INDICATOR_MANAGERS | {"liaison"}, kwargs={"organisation_id": "agency_dit"}),
            p(INDICATOR_MANAGERS | {"liaison2"}, kwargs={"organisation_id": "agency_edu"}),
            p(
                INDICATOR_MANAGERS | {"liaison"},
                kwargs={"organisation_id": "agency_dit"},
                method="post",
                data=lambda ids: {"indicator": ids["indicator_doors"], "month": "114/03", "value": "1"},
            ),
        ],
        "indicators:import": [p(INDICATOR_MANAGERS | {"liaison", "liaison2"})],
        "indicators:rules": [p(INDICATOR_MANAGERS)],
        "indicators:rule_create": [p(INDICATOR_MANAGERS)],
        "indicators:rule_edit": [p(INDICATOR_MANAGERS, kwargs={"rule_id": "indicator_rule"})],
        "indicators:alerts": [p(INDICATOR_READERS)],
        "indicators:alert_track": [p(INDICATOR_MANAGERS, kwargs={"alert_id": "indicator_alert_it"}, method="post")],
        "indicators:report": [
            p(SIGNED - {"outsider"}, kwargs={"meeting_id": "meeting_published"}),
            p(PRIVATE_MEETING, kwargs={"meeting_id": "meeting_private"}),
        ],
        "indicators:report_download": [p(SIGNED - {"outsider"}, kwargs={"meeting_id": "meeting_published", "fmt": "=docx"})],
        "indicators:report_attach": [
            p(RUNNERS, kwargs={"meeting_id": "meeting_draft"}, method="post", data=lambda ids: {"item": ids["item_it"], "fmt": "docx"})
        ],
        "api-1:list_indicators": [p(INDICATOR_READERS, **API)],
        "api-1:list_indicator_values": [p(INDICATOR_READERS, **API)],
        # Pushed values follow the form: those who manage, and the agency's own liaison.
        "api-1:push_indicator_values": [
            p(
                INDICATOR_MANAGERS | {"liaison"},
                method="post_json",
                data=lambda ids: {
                    "values": [
                        {"organisation_id": ids["agency_dit"], "indicator_id": ids["indicator_doors"], "month": "2025-03", "value": 1}
                    ]
                },
                **API,
            ),
        ],
    }
)


# The live meeting room (issue 15): the meeting's readers who are signed in enter it; its chair (the persona chair is
# 主任秘書會報's), recorder and secretariat move it; a confidential item's panel answers every reader, redacted.
ROOM_CONDUCTORS = RUNNERS | {"chair"}
PROBES.update(
    {
        "live:service_worker": [p(ALL)],
        "live:room": [
            p(DRAFT_MEETING, kwargs={"meeting_id": "meeting_draft"}),
            p(PRIVATE_MEETING, kwargs={"meeting_id": "meeting_private"}),
            p(SIGNED, kwargs={"meeting_id": "meeting_published"}),
        ],
        "live:projector": [
            p(DRAFT_MEETING, kwargs={"meeting_id": "meeting_draft"}),
            p(PRIVATE_MEETING, kwargs={"meeting_id": "meeting_private"}),
        ],
        "live:events": [
            p(DRAFT_MEETING, kwargs={"meeting_id": "meeting_draft"}, anonymous="deny"),
            p(PRIVATE_MEETING, kwargs={"meeting_id": "meeting_private"}, anonymous="deny"),
        ],
        "live:move": [p(ROOM_CONDUCTORS, kwargs={"meeting_id": "meeting_draft"}, method="post", data={"step": "next"})],
        "live:offline_manifest": [
            p(DRAFT_MEETING, kwargs={"meeting_id": "meeting_draft"}),
            p(SIGNED, kwargs={"meeting_id": "meeting_published"}),
        ],
        "live:item_panel": [
            p(DRAFT_MEETING, kwargs={"meeting_id": "meeting_draft", "item_id": "item_it"}),
            # An item of another meeting asked for through this one.
            p(set(), kwargs={"meeting_id": "meeting_private", "item_id": "item_it"}),
            p(SIGNED, kwargs={"meeting_id": "meeting_published", "item_id": "item_confidential"}),
        ],
        "live:projector_panel": [
            p(DRAFT_MEETING, kwargs={"meeting_id": "meeting_draft", "item_id": "item_it"}),
            p(SIGNED, kwargs={"meeting_id": "meeting_published", "item_id": "item_confidential"}),
        ],
        "live:note": [
            p(DRAFT_MEETING, kwargs={"meeting_id": "meeting_draft", "item_id": "item_it"}, method="post", data={"text": "會中提問"})
        ],
        "live:material": [
            p(DRAFT_MEETING, kwargs={"material_id": "material_it"}),
            p(PRIVATE_MEETING, kwargs={"material_id": "material_private"}),
            p(SIGNED, kwargs={"material_id": "material_published"}),
            p(CONFIDENTIAL - {"anonymous", "public"}, kwargs={"material_id": "material_confidential"}),
        ],
    }
)


def _client(persona: str, users: dict[str, Any]) -> Client:
    client = Client()
    if persona not in ("anonymous", "public"):
        client.force_login(users[persona])
    return client


def _outcome(response: Any) -> str:
    if response.status_code in (301, 302) and "/login/" in response.get("Location", ""):
        return "login"
    if response.status_code in (401, 403, 404):
        return "deny"
    if response.status_code >= 500:
        return f"error {response.status_code}"
    return "ok"


def _url(route_name: str, probe: Probe, ids: dict[str, Any]) -> str:
    kwargs = {k: (v[1:] if v.startswith("=") else ids[v]) for k, v in probe.kwargs.items()}
    url = reverse(route_name, kwargs=kwargs) if route_name != "favicon.ico" else "/favicon.ico"
    return f"{url}?{probe.query}" if probe.query else url


def _body(response: Any) -> str:
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    return content.decode("utf-8", "replace")


@pytest.fixture
def world(demo_city, settings):
    return sc.build_all(demo_city)


def test_every_route_has_an_entry_in_the_matrix():
    names = {r.name for r in all_routes() if not r.pattern.startswith("admin/")}
    missing = sorted(names - set(PROBES))
    assert not missing, f"routes without an entry in the authorization matrix: {missing}"


def test_every_role_gets_exactly_the_answer_intended_on_every_route(world, settings):
    wrong: list[str] = []
    for persona in sc.PERSONAS:
        settings.PUBLIC_PORTAL = persona == "public"
        client = _client(persona, world.users)
        for route_name, probes in PROBES.items():
            for probe in probes:
                url = _url(route_name, probe, world.ids)
                # Every request is undone afterwards, so that a write allowed to one role (cancelling a
                # meeting, deleting an item) does not change what the next role is asked about.
                data = probe.data(world.ids) if callable(probe.data) else probe.data
                with transaction.atomic():
                    if probe.method == "post_json":
                        response = client.post(url, data, content_type="application/json")
                    else:
                        response = getattr(client, probe.method)(url, data)
                    transaction.set_rollback(True)
                got = _outcome(response)
                if probe.everyone:
                    want = probe.everyone
                elif persona in probe.allow:
                    want = "ok"
                else:
                    want = probe.anonymous if persona in ("anonymous", "public") else "deny"
                if got != want:
                    asked = f"{route_name} {probe.method.upper()} {url} as {persona}"
                    wrong.append(f"{asked}: got {got} ({response.status_code}), want {want}")
                if got == "ok" and response.status_code == 200:
                    # Highlighting splits a found word with <mark>; a leak is a leak with or without it.
                    body = _body(response).replace("<mark>", "").replace("</mark>", "")
                    for marker, readers in sc.SEES.items():
                        if marker in body and persona not in readers:
                            wrong.append(f"{route_name} {url} as {persona}: shows {marker!r}, which only {sorted(readers)} may see")
                if persona not in ("anonymous", "public") and "/logout/" in url:
                    client = _client(persona, world.users)  # signing out ended this client's session
    assert not wrong, "\n".join(sorted(wrong))


def test_admin_pages_are_for_administrators_only(world):
    # The admin's own sign-in and sign-out pages are open to all, as the site's are.
    # (autocomplete answers only with the parameters of a field it completes.)
    skip = ("admin:login", "admin:logout", "admin:autocomplete")
    admin_routes = [r for r in all_routes() if r.name.startswith("admin:") and not r.params and r.name not in skip]
    assert admin_routes
    for route in admin_routes:
        url = reverse(route.name)
        for persona in ("secretariat", "liaison", "tracking", "chair", "outsider"):
            response = _client(persona, world.users).get(url)
            assert response.status_code in (302, 403, 404), (route.name, persona, response.status_code)
            if response.status_code == 302:
                assert "/admin/login/" in response["Location"] or "/accounts/login/" in response["Location"]
        # Administrators reach every admin page (a 403 is the admin's own "read-only record" answer, e.g. adding
        # to the audit log), and are never sent to sign in again.
        response = _client("admin", world.users).get(url)
        assert response.status_code in (200, 302, 403), (route.name, response.status_code)
        assert "/login/" not in response.get("Location", ""), route.name
