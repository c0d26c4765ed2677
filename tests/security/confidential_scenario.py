"""A confidential item (機密／限閱) for the authorization matrix and tests/security/test_confidential.py.

The item sits in the published session 88 of the public 主任秘書會報: a public
record, so that everyone signed in, and the public through the portal, reads
its meeting, its minutes and the open data, and only the item is withheld. A
marker string is planted in each of its confidential fields: title, text,
說明, 辦法, a remark, a conclusion, a material's name, the case put under
tracking from the conclusion (its title), and the lead agency's progress
report on that case.

Entitled: the administrator, the secretariat of the series, the meeting's
chair (林予安, the "chair" account), the attendee named on the item, and the
liaison of 教育局, the case's lead agency. Not entitled: the tracking officer,
the liaison of 資訊局 (another agency), anyone else signed in, and the public.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaItem, AgendaSection, Conclusion, Meeting, MeetingSeries, Remark
from lieguan.organisations.models import Organisation
from lieguan.search.indexer import index_case, index_meeting
from lieguan.tracking import actions as t
from lieguan.tracking.models import TrackedCase

PDF = b"%PDF-1.4\n% confidential\n" + b"0" * 200

MARK_CONF_TITLE = "機密案由標記甲一"
MARK_CONF_BODY = "機密內容標記乙二"
MARK_CONF_EXPLANATION = "機密說明標記丙三"
MARK_CONF_ACTION = "機密辦法標記丁四"
MARK_CONF_REMARK = "機密發言標記戊五"
MARK_CONF_CONCLUSION = "機密結論標記己六"
MARK_CONF_MATERIAL = "機密簡報標記庚七"
MARK_CONF_CASE = "機密列管標記辛八"
MARK_CONF_REPORT = "機密辦理標記壬九"

MARKERS = (
    MARK_CONF_TITLE,
    MARK_CONF_BODY,
    MARK_CONF_EXPLANATION,
    MARK_CONF_ACTION,
    MARK_CONF_REMARK,
    MARK_CONF_CONCLUSION,
    MARK_CONF_MATERIAL,
    MARK_CONF_CASE,
    MARK_CONF_REPORT,
)
ENTITLED = frozenset({"admin", "secretariat", "chair", "attendee", "liaison2"})


@dataclass
class Confidential:
    meeting: Meeting
    item: AgendaItem
    conclusion: Conclusion
    case: TrackedCase


def add_confidential_item(users: dict[str, Any]) -> Confidential:
    """The confidential item of session 88, its material, its case and the case's report; indexed for search."""
    orgs = {o.code: o for o in Organisation.objects.all()}
    chiefs = MeetingSeries.objects.get(code="chief-secretaries")
    published = chiefs.meetings.get(number=88)
    section = published.sections.get(kind=AgendaSection.Kind.REPORTS)
    # The agenda of published minutes is closed to the actions, as it should be: the rows are written directly,
    # as an item recorded before publication would be.
    item = AgendaItem.objects.create(
        section=section,
        position=section.items.count() + 1,
        label="九",
        title=f"市府機房遷移計畫 {MARK_CONF_TITLE}",
        body=f"遷移期程 {MARK_CONF_BODY}",
        explanation=f"說明 {MARK_CONF_EXPLANATION}",
        proposed_action=f"辦法 {MARK_CONF_ACTION}",
    )
    Remark.objects.create(item=item, position=1, speaker="資訊局馮主秘", text=f"補充 {MARK_CONF_REMARK}")
    conclusion = Conclusion.objects.create(item=item, position=1, text=f"請教育局配合 {MARK_CONF_CONCLUSION}。")
    m.do_upload_material(users["secretariat"], item, io.BytesIO(PDF), f"{MARK_CONF_MATERIAL}.pdf")
    attendee = users["attendee"].person
    item = m.do_mark_confidential(users["secretariat"], item, confidential=True, people=[attendee])
    case = t.do_select_case(users["secretariat"], conclusion, lead=orgs["edu"], title=f"機房遷移 {MARK_CONF_CASE}")
    t.do_submit_report(users["liaison2"], case.assignments.get(), text=f"已完成盤點 {MARK_CONF_REPORT}", proposal="continue")
    index_meeting(published.pk)
    index_case(case.pk)
    return Confidential(meeting=published, item=item, conclusion=conclusion, case=case)
