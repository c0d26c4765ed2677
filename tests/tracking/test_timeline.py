"""The case timeline shows every event type it renders, each produced by the real action, read through the registry."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.apps import apps

from lieguan.core.audit_events import SNAPSHOT, lookup
from lieguan.core.models import AuditEntry
from lieguan.meetings import actions as m
from lieguan.meetings.models import Meeting
from lieguan.organisations import actions as o
from lieguan.tracking import actions as t
from lieguan.tracking.actions import Decide
from lieguan.tracking.models import TrackedCase
from lieguan.tracking.timeline import RENDERERS, TimelineEvent, case_timeline, month_label, rendered_events
from tests.factories import SETUP, aware, during

pytestmark = pytest.mark.django_db


def _selected(council) -> TrackedCase:
    with during(council.first):
        return t.do_select_case(council.city.user("alice"), council.it_conclusion, lead=council.city.it, co=[council.city.edu])


def _petition(council, **extra) -> TrackedCase:
    city = council.city
    return t.do_create_case(
        SETUP, source="petition", owner=city.rdec, title="校園周邊人行道", text="請教育局查明。", lead=city.edu, **extra
    )


def _select(council) -> tuple[TrackedCase, str]:
    return _selected(council), "由測試市政府主任秘書會報第224次會議結論選項列管"


def _create(council) -> tuple[TrackedCase, str]:
    return _petition(council, source_reference="陳情第 115001 號"), "建立人民陳情列管案件（陳情第 115001 號）"


def _spawn(council) -> tuple[TrackedCase, str]:
    parent = _selected(council)
    bureau = m.do_create_series(SETUP, owner=council.city.it, code="it-board", name="局務會議")
    board = m.do_schedule_meeting(SETUP, bureau, start=aware("2026-10-20 14:00"))
    child = t.do_spawn_child_case(SETUP, parent, board, lead=council.city.it_unit)
    return child, f"由府級列管案件 {parent.number} 轉為本機關列管"


def _rebuild(council) -> tuple[TrackedCase, str]:
    Meeting.objects.filter(pk=council.first.pk).update(source=Meeting.Source.IMPORTED)
    council.it_conclusion.tracked = True
    council.it_conclusion.save()
    t.rebuild_from_history(SETUP)
    return TrackedCase.objects.get(conclusion=council.it_conclusion), "由匯入的會議紀錄重建列管案件"


def _update(council) -> tuple[TrackedCase, str]:
    case = _petition(council, deadline=dt.date(2026, 12, 31))
    t.do_update_case(council.city.user("dave"), case, deadline=dt.date(2027, 3, 31))
    return case, "列管期限由 115年12月31日 改為 116年3月31日"


def _update_text(council) -> tuple[TrackedCase, str]:
    case = _petition(council)
    t.do_update_case(council.city.user("dave"), case, text="請教育局會同區公所查明。")
    return case, "修改案由或列管事項"


def _amend(council) -> tuple[TrackedCase, str]:
    case = _selected(council)
    alice = council.city.user("alice")
    with during(council.first):
        m.do_transition_minutes(alice, council.first, Meeting.MinutesState.PUBLISHED)
    amended = case.text.replace("10月底前", "116年1月底前")
    with during(council.second):
        m.do_confirm_previous_minutes(alice, council.second, [m.Amendment(council.it_conclusion, amended)])
    return case, "測試市政府主任秘書會報第225次會議確定紀錄時修正會議結論"


def _status(council) -> tuple[TrackedCase, str]:
    case = _selected(council)
    with during(council.second):
        t.do_record_decisions(council.city.user("dave"), council.second, [Decide(case, "release")])
    return case, "全案解除列管（115年10月15日）"


def _reopen(council) -> tuple[TrackedCase, str]:
    case, _ = _status(council)
    t.do_add_assignment(council.city.user("dave"), case, council.city.rdec)
    return case, "恢復列管"


def _assign(council) -> tuple[TrackedCase, str]:
    case = _petition(council)
    t.do_add_assignment(council.city.user("dave"), case, council.city.it)
    return case, "指定協辦機關：資訊局"


def _unassign(council) -> tuple[TrackedCase, str]:
    case = _petition(council)
    t.do_remove_assignment(council.city.user("dave"), t.do_add_assignment(council.city.user("dave"), case, council.city.it))
    return case, "移除協辦機關：資訊局"


def _succession(council) -> tuple[TrackedCase, str]:
    city = council.city
    tourism = o.do_create_organisation(
        SETUP, code="tour", name="測試市政府觀光傳播局", short_name="觀傳局", kind="agency", parent=city.root
    )
    case = t.do_create_case(SETUP, source="mayor", owner=city.rdec, title="夜市觀光推廣", text="夜市觀光推廣。", lead=tourism)
    merger = o.do_propose_succession(
        city.user("root"), kind="merge", organisation=tourism, effective=dt.date(2027, 1, 1), successors=[city.edu]
    )
    o.do_confirm_succession(city.user("root"), merger)
    return case, "機關改制（觀傳局併入他機關）：改由教育局承辦，116年1月1日生效"


def _report(council, times: int, files: bool = False) -> TrackedCase:
    case = _petition(council)
    for n in range(times):
        attached = [(io.BytesIO("現場照片說明\n".encode()), "說明.txt")] if files else None
        text = "已會同區公所查明。" if n == 0 else "已會同區公所查明，並完成改善。"
        t.do_submit_report(
            council.city.user("carol"), case.assignments.get(), text=text, proposal="release", files=attached, at=aware("2026-11-20 09:00")
        )
    return case


def _submit(council) -> tuple[TrackedCase, str]:
    return _report(council, 1), "教育局填報115年11月辦理情形：擬解除列管"


def _revise(council) -> tuple[TrackedCase, str]:
    return _report(council, 2), "教育局修正115年11月辦理情形：擬解除列管"


def _attach(council) -> tuple[TrackedCase, str]:
    return _report(council, 1, files=True), "上傳附件「說明.txt」"


def _decide(council) -> tuple[TrackedCase, str]:
    case = _selected(council)
    with during(council.second):
        t.do_record_decisions(council.city.user("dave"), council.second, [Decide(case, "continue")])
    return case, "測試市政府主任秘書會報第225次會議決定"


Produce = Callable[..., tuple[TrackedCase, str]]

# Each event the timeline renders, the action that records it, and the line that shows it.
PRODUCERS: dict[str, list[Produce]] = {
    "case.select": [_select],
    "case.create": [_create],
    "case.spawn": [_spawn],
    "case.rebuild": [_rebuild],
    "case.update": [_update, _update_text],
    "case.amend": [_amend],
    "case.status": [_status],
    "case.reopen": [_reopen],
    "case.assign": [_assign],
    "case.unassign": [_unassign],
    "case.succession": [_succession],
    "report.submit": [_submit],
    "report.revise": [_revise],
    "report.attach": [_attach],
    "case.decide": [_decide],
}


def test_every_event_the_timeline_renders_has_a_case_here_and_is_in_the_registry():
    assert sorted(PRODUCERS) == rendered_events()
    assert all(lookup(name) is not None for name in RENDERERS)


@pytest.mark.parametrize(
    ("name", "produce"), [(name, p) for name, ps in PRODUCERS.items() for p in ps], ids=lambda v: v if isinstance(v, str) else v.__name__
)
def test_the_timeline_shows_the_event_the_action_recorded(council, name, produce):
    case, expected = produce(council)
    entries = AuditEntry.objects.filter(action=name)
    assert entries.exists(), f"the action recorded no {name}"
    shown: list[TimelineEvent] = case_timeline(case)
    assert expected in [e.title for e in shown]


@pytest.mark.parametrize("name", sorted(PRODUCERS))
def test_the_action_records_the_keys_the_registry_declares(council, name):
    """The renderers read the keys the registry declares; an action that stops recording one breaks here."""
    for produce in PRODUCERS[name]:
        produce(council)
    event = lookup(name)
    assert event is not None
    for entry in AuditEntry.objects.filter(action=name):
        for side, declared, data in (("before", event.before, entry.before), ("after", event.after, entry.after)):
            if declared is None or data is None:
                continue
            keys = set(data)
            if declared == SNAPSHOT:
                fields = {f.attname for f in apps.get_model(event.targets[0])._meta.concrete_fields}
                assert fields <= keys <= fields | set(event.extra), f"{name}: {keys ^ fields}"
                if side == "after":
                    assert set(event.extra) <= keys, f"{name}: {set(event.extra) - keys}"
            else:
                assert keys == set(declared), f"{name}: {keys ^ set(declared)}"


def test_a_report_line_and_its_text_follow_the_revision_and_the_decisions_of_one_session_read_as_one_event(council):
    case = _report(council, 2)
    reports = [e for e in case_timeline(case) if e.kind == "report"]
    assert [e.text for e in reports] == ["已會同區公所查明。", "已會同區公所查明，並完成改善。"]

    shared = _selected(council)
    with during(council.second):
        t.do_record_decisions(
            council.city.user("dave"),
            council.second,
            [Decide(shared, "release", (council.city.it,)), Decide(shared, "continue", (council.city.edu,))],
        )
    decided = [e for e in case_timeline(shared) if e.kind == "decision"]
    assert len(decided) == 1 and decided[0].lines == ["資訊局：解除列管", "教育局：賡續列管"]


def test_a_month_cycle_is_named_in_the_roc_calendar_and_anything_else_as_it_is():
    assert month_label("month:2026-11") == "115年11月"
    assert month_label("meeting:12") == "meeting:12"


def test_an_entry_of_an_event_the_timeline_does_not_render_stays_off_it(council):
    case = _selected(council)
    with during(council.second):
        t.do_record_decisions(council.city.user("dave"), council.second, [Decide(case, "release", (council.city.it,))])
    assert AuditEntry.objects.filter(action="assignment.status").exists()
    assert "assignment.status" not in RENDERERS
    assert [e.kind for e in case_timeline(case)] == ["created", "assignment", "assignment", "decision"]
