"""The people and records of the authorization matrix: the demo city plus a few records that only some may see.

Each secret record carries a marker string; the matrix asserts that no page,
download or API answer shows a marker to anyone who may not see its record.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model

from lieguan.api.actions import do_create_token, do_reset_calendar_feed
from lieguan.core.actors import SystemActor
from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaSection, Conclusion, ImportBatch, ImportFile, MeetingSeries, MinutesComment
from lieguan.notifications.models import Notification as InboxNotification
from lieguan.organisations import actions as org
from lieguan.organisations.models import Organisation
from lieguan.tracking import actions as t
from lieguan.tracking.models import TrackedCase
from tests.security.confidential_scenario import ENTITLED as CONFIDENTIAL_ENTITLED
from tests.security.confidential_scenario import MARKERS as CONFIDENTIAL_MARKERS
from tests.security.confidential_scenario import add_confidential_item

SETUP = SystemActor("matrix-setup")
PDF = b"%PDF-1.4\n% matrix\n" + b"0" * 200

# Who may see each secret.
MARK_DRAFT = "草稿標記甲乙丙"  # a conclusion in draft minutes of the public series
MARK_PRIVATE = "內部標記丁戊己"  # a conclusion in published minutes of the non-public series
MARK_CASE_EDU = "教育局案件標記庚辛"  # a case of 教育局 alone

PERSONAS = ("anonymous", "public", "admin", "secretariat", "tracking", "liaison", "liaison2", "chair", "attendee", "outsider")
SEES = {
    MARK_DRAFT: {"admin", "secretariat", "tracking", "chair"},
    MARK_PRIVATE: {"admin", "secretariat", "tracking", "chair"},
    MARK_CASE_EDU: {"admin", "tracking", "chair", "liaison2"},
    # A confidential item of the published public session 88 (tests/security/confidential_scenario.py): a marker in
    # each of its fields, its material's name, its case and that case's report. Not the tracking officer, though
    # they read every other record, and not the public, though the session is a public record.
    **{marker: set(CONFIDENTIAL_ENTITLED) for marker in CONFIDENTIAL_MARKERS},
}


@dataclass
class Scenario:
    users: dict[str, Any]
    ids: dict[str, Any] = field(default_factory=dict)


def build(demo: Any) -> Scenario:
    users_model = get_user_model()
    users: dict[str, Any] = {a.username: users_model.objects.get(username=a.username) for a in demo.accounts}
    users["outsider"] = org.do_create_user(SETUP, username="outsider", password="Outsider-Password-2026")
    ids: dict[str, Any] = {}
    orgs = {o.code: o for o in Organisation.objects.all()}

    chiefs = MeetingSeries.objects.get(code="chief-secretaries")
    office = MeetingSeries.objects.get(code="secretariat-office")
    published = chiefs.meetings.get(number=88)
    draft = chiefs.meetings.get(number=89)
    private = office.meetings.get(number=42)

    # Draft minutes of the public series, with a marked conclusion and an attendee's comment.
    item_it = draft.sections.get(kind=AgendaSection.Kind.REPORTS).items.get(presenter=orgs["dit"])
    conclusion_draft = m.do_add_conclusion(SETUP, item_it, text=f"請資訊局研議 {MARK_DRAFT}。")
    material_it = m.do_upload_material(users["liaison"], item_it, io.BytesIO(PDF), "資訊局簡報.pdf")
    # The non-public series: a marked conclusion (added before publication is impossible, so straight to the row).
    private_item = private.sections.get(kind=AgendaSection.Kind.REPORTS).items.order_by("position").last()
    conclusion_private = Conclusion.objects.create(item=private_item, position=99, text=f"處內事項 {MARK_PRIVATE}。")
    material_private = m.do_upload_material(users["secretariat"], private_item, io.BytesIO(PDF), "處務簡報.pdf")
    comment = MinutesComment.objects.create(meeting=draft, author=users["attendee"], text="請修正文字。")
    # A material of the published session of the public series: a public record, which the public portal opens.
    published_item = published.sections.get(kind=AgendaSection.Kind.REPORTS).items.order_by("position").first()
    material_published = m.do_upload_material(users["secretariat"], published_item, io.BytesIO(PDF), "公開簡報.pdf")

    case_edu = t.do_create_case(
        SETUP, source="petition", owner=orgs["rdec"], title=f"校園陳情 {MARK_CASE_EDU}", text="請教育局查明。", lead=orgs["edu"]
    )
    case_it = TrackedCase.objects.get(number="C115-001")
    assignment_it = case_it.assignments.get(organisation=orgs["dit"])
    report = t.do_submit_report(
        users["liaison"], assignment_it, text="已提供資料。", proposal="release", files=[(io.BytesIO(PDF), "明細.pdf")]
    )
    batch = ImportBatch.objects.create(created_by=users["secretariat"])
    import_file = ImportFile.objects.create(batch=batch, position=1, original_name="x.txt", digest="0" * 64, status="failed", error="測試")
    token, _ = do_create_token(users["liaison"], name="matrix")
    secret = do_reset_calendar_feed(users["liaison"])
    # The demo told its IT liaison of cases assigned to 資訊局 (lieguan.notifications).
    inbox_notification = InboxNotification.objects.filter(user=users["liaison"], in_app=True).earliest("pk")

    ids.update(
        series_public=chiefs.pk,
        series_private=office.pk,
        meeting_published=published.pk,
        meeting_draft=draft.pk,
        meeting_private=private.pk,
        meeting_confirmed=chiefs.meetings.get(number=87).pk,
        case_chief=TrackedCase.objects.get(series=chiefs, number="87-1").pk,
        case_spawnable=TrackedCase.objects.get(series=chiefs, number="86-1").pk,
        section_draft=item_it.section_id,
        item_it=item_it.pk,
        material_it=material_it.pk,
        material_private=material_private.pk,
        material_published=material_published.pk,
        invitation=draft.invitations.first().pk,
        comment=comment.pk,
        conclusion_draft=conclusion_draft.pk,
        conclusion_private=conclusion_private.pk,
        conclusion_published=published.sections.get(kind=AgendaSection.Kind.REPORTS).items.order_by("position")[1].conclusions.first().pk,
        case_edu=case_edu.pk,
        case_it=case_it.pk,
        assignment_it=assignment_it.pk,
        assignment_edu=case_edu.assignments.get().pk,
        attachment_it=report.attachments.get().pk,
        batch=batch.pk,
        import_file=import_file.pk,
        token=token.pk,
        secret=secret,
        inbox_notification=inbox_notification.pk,
        organisation=orgs["dit"].pk,
    )
    return Scenario(users=users, ids=ids)


def build_all(demo_city: Any) -> Any:
    """The scenario with every app's records: the KPI register and a draft work report too."""
    from tests.security.indicators_scenario import add_indicators
    from tests.security.kpi_scenario import add_kpis, add_work_report
    from tests.security.succession_scenario import add_succession

    scenario = build(demo_city)
    confidential = add_confidential_item(scenario.users)
    scenario.ids.update(
        item_confidential=confidential.item.pk,
        material_confidential=confidential.item.materials.get().pk,
        conclusion_confidential=confidential.conclusion.pk,
        case_confidential=confidential.case.pk,
        assignment_confidential=confidential.case.assignments.get().pk,
    )
    add_kpis(scenario)
    add_work_report(scenario)
    add_indicators(scenario)
    add_succession(scenario)
    return scenario
