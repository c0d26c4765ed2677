"""Loading the demo city through the same actions a user's clicks go through."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lieguan.demo.city import ACTOR, DemoAccount, load_accounts, load_city, load_heads
from lieguan.demo.indicators_data import load_indicators
from lieguan.demo.kpis_data import load_kpis
from lieguan.demo.meetings_data import SERIES
from lieguan.demo.tracking_data import OTHER_CASES, REPORTS
from lieguan.demo.workreport_data import load_work_report
from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaSection, Conclusion, Invitation, Meeting, MeetingSeries
from lieguan.organisations.directory import Directory
from lieguan.organisations.models import Organisation, Person
from lieguan.tracking import actions as t
from lieguan.tracking.models import TrackedCase

K = AgendaSection.Kind


@dataclass
class DemoReport:
    organisations: int = 0
    people: int = 0
    series: int = 0
    meetings: int = 0
    cases: int = 0
    kpis: int = 0
    created_meetings: int = 0
    accounts: list[DemoAccount] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"示範城市已就緒：{self.organisations} 個機關／單位、{self.people} 位人員、"
            f"{self.series} 個會議、{self.meetings} 個會次（本次新增 {self.created_meetings} 個）、{self.cases} 件列管案件、"
            f"{self.kpis} 項績效指標。"
        )


def _at(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.strptime(text, "%Y-%m-%d %H:%M"))


def _section(meeting: Meeting, kind: str) -> AgendaSection | None:
    return meeting.sections.filter(kind=kind).order_by("position").first()


def _conclude(owner: Any, conclusions: list[Any]) -> list[tuple[Conclusion, dict[str, Any]]]:
    """Write the conclusions; return those the meeting put under tracking, with who leads them."""
    tracked = []
    for entry in conclusions:
        text = entry["text"] if isinstance(entry, dict) else entry
        conclusion = m.do_add_conclusion(ACTOR, owner, text=text)
        if isinstance(entry, dict):
            tracked.append((conclusion, entry))
    return tracked


def _fill_agenda(meeting: Meeting, spec: dict[str, Any], directory: Directory, *, minutes: bool) -> list[tuple[Conclusion, dict[str, Any]]]:
    """The agenda (and, for a past meeting, its minutes); returns the conclusions to put under tracking."""
    tracked: list[tuple[Conclusion, dict[str, Any]]] = []
    reports = _section(meeting, K.REPORTS)
    assert reports is not None, "the demo series' template has a reports section"
    existing = list(reports.items.order_by("position"))
    for n, report in enumerate(spec.get("reports", [])):
        presenter = directory.resolve(report["presenter"]) if report.get("presenter") else None
        if n < len(existing):
            item = m.do_update_item(ACTOR, existing[n], title=report["title"], presenter=presenter)
        else:
            item = m.do_add_item(ACTOR, reports, title=report["title"], presenter=presenter)
        if minutes:
            for speaker, kind, text in report.get("remarks", []):
                m.do_add_remark(ACTOR, item, speaker=speaker, kind=kind, text=text)
            if report.get("decisions"):
                _decide(meeting, report["decisions"], directory)
            tracked += _conclude(item, report.get("conclusions", []))
    motions = _section(meeting, K.MOTIONS)
    if minutes and motions is not None:
        for motion in spec.get("motions", []):
            presenter = directory.resolve(motion["presenter"]) if motion.get("presenter") else None
            item = m.do_add_item(ACTOR, motions, title=motion["text"].split("，")[0].rstrip("。"), presenter=presenter)
            m.do_add_remark(ACTOR, item, speaker=motion["speaker"], kind="口頭報告", text=motion["text"])
            tracked += _conclude(item, motion.get("conclusions", []))
    if minutes and spec.get("general"):
        general = m.do_add_section(ACTOR, meeting, kind=K.GENERAL_CONCLUSIONS, heading="綜合會議結論")
        tracked += _conclude(general, spec["general"])
    if minutes:
        # Official minutes do not print sections in which nothing happened.
        for section in meeting.sections.all():
            if section.kind in (K.DISCUSSIONS, K.MOTIONS) and not section.items.exists():
                m.do_delete_section(ACTOR, section)
    return tracked


def _decide(meeting: Meeting, decisions: list[tuple[str, str, tuple[str, ...]]], directory: Directory) -> None:
    """The meeting's decisions on open cases, recorded as the secretariat records them."""
    decides = []
    for number, decision, agencies in decisions:
        case = TrackedCase.objects.get(series=meeting.series, number=number)
        organisations = tuple(_org(directory, name) for name in agencies)
        decides.append(t.Decide(case, decision, organisations))
    t.do_record_decisions(ACTOR, meeting, decides)


def _org(directory: Directory, name: str) -> Organisation:
    org = directory.resolve(name)
    assert org is not None, f"the demo names an agency the demo directory lacks: {name}"
    return org


def _select(tracked: list[tuple[Conclusion, dict[str, Any]]], directory: Directory) -> None:
    for conclusion, spec in tracked:
        suggestion = t.suggest_case(conclusion)
        t.do_select_case(
            ACTOR,
            conclusion,
            lead=_org(directory, spec["lead"]),
            co=[_org(directory, name) for name in spec.get("co", [])],
            deadline=suggestion.deadline,
        )


def _report(series: MeetingSeries, meeting: Meeting, directory: Directory, users: dict[str, Any]) -> None:
    """Progress reports the agencies wrote in the days before the meeting."""
    for number, agency, username, text, proposal in REPORTS.get((series.code, meeting.number), []):
        case = TrackedCase.objects.get(series=series, number=number)
        assignment = case.assignments.get(organisation=_org(directory, agency))
        at = meeting.start - dt.timedelta(days=3)
        t.do_submit_report(users[username], assignment, text=text, proposal=proposal, at=at)


def _invite(meeting: Meeting, spec: dict[str, Any], people: dict[str, Person], *, attended: bool) -> None:
    for capacity, names in ((Invitation.Capacity.MEMBER, spec["invitees"]), (Invitation.Capacity.OBSERVER, spec["observers"])):
        for n, name in enumerate(names):
            invitation = m.do_invite(ACTOR, meeting, people[name], capacity=capacity)
            if not attended:
                continue
            # A realistic sign-in sheet: most present, one on leave, one represented by a deputy.
            if n == 1 and capacity == Invitation.Capacity.MEMBER:
                m.do_mark_attendance(ACTOR, invitation, Invitation.Attendance.EXCUSED, note="公假")
            elif n == 2 and capacity == Invitation.Capacity.MEMBER:
                m.do_mark_attendance(
                    ACTOR, invitation, Invitation.Attendance.SUBSTITUTED, substitute_name="代理專門委員", substitute_title="專門委員"
                )
            else:
                m.do_mark_attendance(ACTOR, invitation, Invitation.Attendance.PRESENT)


def _load_series(
    spec: dict[str, Any], orgs: dict[str, Organisation], people: dict[str, Person], users: dict[str, Any], report: DemoReport
) -> None:
    series = MeetingSeries.objects.filter(code=spec["code"]).first()
    if series is None:
        series = m.do_create_series(
            ACTOR,
            owner=orgs[spec["owner"]],
            code=spec["code"],
            name=spec["name"],
            level=spec["level"],
            numbering=spec["numbering"],
            case_number_pattern=spec["pattern"],
            public=spec["public"],
            default_chair=people[spec["chair"]],
            default_recorder=people[spec["recorder"]],
            default_location=spec["location"],
            release_after_parent=spec.get("release_after_parent", False),
        )
    directory = Directory.load()
    for meeting_spec in spec["meetings"]:
        if series.meetings.filter(number=meeting_spec["number"]).exists():
            continue
        with transaction.atomic():
            meeting = m.do_schedule_meeting(ACTOR, series, start=_at(meeting_spec["start"]), number=meeting_spec["number"])
            _invite(meeting, spec, people, attended=True)
            if meeting.previous is not None and meeting.previous.minutes_state == Meeting.MinutesState.PUBLISHED:
                m.do_confirm_previous_minutes(ACTOR, meeting, [])
            elif (previous_section := _section(meeting, K.PREVIOUS_MINUTES)) is not None:
                _conclude(previous_section, ["紀錄確定。"])
            _report(series, meeting, directory, users)
            tracked = _fill_agenda(meeting, meeting_spec, directory, minutes=True)
            _select(tracked, directory)
            for parent_number, lead in meeting_spec.get("spawn", []):
                parent = TrackedCase.objects.get(series__code="chief-secretaries", number=parent_number)
                t.do_spawn_child_case(ACTOR, parent, meeting, lead=_org(directory, lead))
            day = meeting_spec["start"].split(" ")[0]
            m.do_update_minutes_header(ACTOR, meeting, end=_at(f"{day} {meeting_spec['end']}"))
            m.do_transition_minutes(ACTOR, meeting, Meeting.MinutesState.PUBLISHED)
            report.created_meetings += 1
    upcoming = spec["upcoming"]
    if not series.meetings.filter(number=upcoming["number"]).exists():
        with transaction.atomic():
            meeting = m.do_schedule_meeting(ACTOR, series, start=_at(upcoming["start"]), number=upcoming["number"])
            _invite(meeting, spec, people, attended=False)
            _fill_agenda(meeting, upcoming, directory, minutes=False)
            _report(series, meeting, directory, users)
            report.created_meetings += 1


def _other_cases(orgs: dict[str, Organisation]) -> None:
    """Cases that did not come from minutes: a mayoral commitment, a petition, councillors' requests."""
    today = timezone.localdate()
    for spec in OTHER_CASES:
        if TrackedCase.objects.filter(source=spec["source"], source_reference=spec["reference"]).exists():
            continue
        deadline = dt.date.fromisoformat(spec["deadline"]) if spec.get("deadline") else None
        if "deadline_days_ago" in spec:
            deadline = today - dt.timedelta(days=spec["deadline_days_ago"])
        opened = today - dt.timedelta(days=spec["opened_days_ago"]) if "opened_days_ago" in spec else dt.date.fromisoformat(spec["opened"])
        t.do_create_case(
            ACTOR,
            source=spec["source"],
            source_reference=spec["reference"],
            owner=orgs[spec["owner"]],
            title=spec["title"],
            text=spec["text"],
            lead=orgs[spec["lead"]],
            co=[orgs[c] for c in spec["co"]],
            opened_on=opened,
            deadline=deadline,
            working_days=spec.get("working_days"),
        )


def load_demo() -> DemoReport:
    report = DemoReport()
    with transaction.atomic():
        _, orgs, people = load_city()
        report.accounts = load_accounts(orgs, people)
        load_heads(orgs, people)
    users = {a.username: get_user_model().objects.get(username=a.username) for a in report.accounts}
    for spec in SERIES:
        _load_series(spec, orgs, people, users, report)
    _other_cases(orgs)
    report.kpis = load_kpis(orgs)
    load_work_report(orgs)
    load_indicators(orgs)
    report.organisations = Organisation.objects.count()
    report.people = Person.objects.count()
    report.series = MeetingSeries.objects.count()
    report.meetings = Meeting.objects.count()
    report.cases = TrackedCase.objects.count()
    return report
