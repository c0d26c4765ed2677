"""Issue 19: a notification reads in its reader's language, whoever told it and in whatever language they worked.

What a notification says is kept as message ids and parameters (``core.wording``) and worded when read:
an English reader gets English, with the dates of their calendar; a Chinese reader gets exactly the sentences the
row stores, which the e-mail sends. Record data (a meeting's title, a case's title, an agency's name) is the same
in both; a case's title a reader may not see is 「機密案件」 in Chinese and "Confidential item" in English.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from lieguan.meetings import actions as m
from lieguan.meetings.actions.minutes import Amendment, where_is
from lieguan.meetings.models import AgendaSection
from lieguan.notifications.models import Notification
from lieguan.tracking import actions as t
from lieguan.tracking import notifying as tracking_notifying
from lieguan.tracking import reminders
from lieguan.tracking.actions import reminding
from tests.factories import SETUP, during

pytestmark = pytest.mark.django_db

MINUTES = "測試市政府第224次主任秘書會報紀錄"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def in_english(n: Notification) -> tuple[str, str]:
    with translation.override("en"):
        return n.worded_subject, n.worded_body


def in_chinese(n: Notification) -> tuple[str, str]:
    with translation.override("zh-hant"):
        return n.worded_subject, n.worded_body


def english_day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def test_circulated_minutes_read_in_english_for_an_english_reader_and_as_before_in_chinese(concerned):
    first = concerned.council.first
    with during(first):
        m.do_transition_minutes(concerned.user("alice"), first, "circulated")
    frank = Notification.objects.get(kind="minutes.circulated", user=concerned.user("frank"))
    assert in_english(frank) == (
        f"{MINUTES} circulated for review",
        "The minutes have been circulated to the participants for review. Please read them and give your comments in the system.",
    )
    assert (
        in_chinese(frank)
        == (f"{MINUTES}送請會簽", "會議紀錄已送請與會人員會簽，請閱覽並於系統提出會簽意見。")
        == (frank.subject, frank.body)
    )


def test_published_minutes_read_in_english_for_an_english_reader_and_as_before_in_chinese(concerned):
    first = concerned.council.first
    with during(first):
        m.do_transition_minutes(concerned.user("erin"), first, "published")
    bob = Notification.objects.get(kind="minutes.published", user=concerned.user("bob"))
    assert in_english(bob) == (f"{MINUTES} published", "The minutes have been published. Please act on their conclusions.")
    assert in_chinese(bob) == (f"{MINUTES}已發布", "會議紀錄已發布，請依會議結論辦理。") == (bob.subject, bob.body)


@pytest.fixture
def coming(concerned):
    """A session a month from now at 市府大樓, where frank is invited."""
    start = timezone.localtime(timezone.now() + dt.timedelta(days=30)).replace(hour=10, minute=0, second=0, microsecond=0)
    meeting = m.do_schedule_meeting(SETUP, concerned.council.series, start=start, location="市府大樓", confirm=True)
    m.do_add_item(
        SETUP, meeting.sections.get(kind=AgendaSection.Kind.REPORTS), title="校園數位學習推動情形", presenter=concerned.council.city.edu
    )
    m.do_invite(SETUP, meeting, concerned.council.city.people["frank"])
    return meeting


def test_a_meeting_moved_in_time_and_place_reads_with_the_english_calendar_for_an_english_reader(concerned, coming):
    before = timezone.localtime(coming.start)
    after = before + dt.timedelta(days=7, hours=4)
    m.do_update_meeting(concerned.user("alice"), coming, start=after, location="市府大樓 12 樓會議室", confirm=True)
    frank = Notification.objects.get(kind="meeting.rescheduled", user=concerned.user("frank"))
    assert in_english(frank) == (
        f"測試市政府主任秘書會報 Session {coming.number}: meeting time and place changed",
        f"Meeting time changed from {english_day(before.date())} 10:00 to {english_day(after.date())} 14:00\n"
        "Meeting place changed from 市府大樓 to 市府大樓 12 樓會議室",
    )
    roc = before.year - 1911
    assert frank.subject == f"測試市政府主任秘書會報{coming.ordinal}會議時間、地點變更"
    assert frank.body.startswith(f"開會時間：{roc}年{before.month}月{before.day}日 10:00 改為 ")
    assert frank.body.endswith("14:00\n開會地點：市府大樓 改為 市府大樓 12 樓會議室")
    assert in_chinese(frank) == (frank.subject, frank.body)


def test_a_meeting_moved_to_no_place_yet_says_so_in_each_language(concerned, coming):
    m.do_update_meeting(concerned.user("alice"), coming, location="")
    frank = Notification.objects.get(kind="meeting.rescheduled", user=concerned.user("frank"))
    assert in_english(frank) == (
        f"測試市政府主任秘書會報 Session {coming.number}: meeting place changed",
        "Meeting place changed from 市府大樓 to (not yet set)",
    )
    assert in_chinese(frank) == (f"測試市政府主任秘書會報{coming.ordinal}會議地點變更", "開會地點：市府大樓 改為 （未定）")
    assert in_chinese(frank) == (frank.subject, frank.body)


def _amend(concerned, new_text: str):
    council, alice = concerned.council, concerned.user("alice")
    with during(council.first):
        m.do_transition_minutes(alice, council.first, "published")
        case = t.do_select_case(alice, council.it_conclusion, lead=council.city.it, deadline=dt.date(2026, 10, 31))
    old_text = council.it_conclusion.text
    Notification.objects.all().delete()
    with during(council.second):
        m.do_confirm_previous_minutes(alice, council.second, [Amendment(council.it_conclusion, new_text)])
    return case, old_text


def test_amended_minutes_and_the_case_they_change_read_in_english_for_an_english_reader(concerned):
    new_text = "請資訊局評估學校網路頻寬擴充方案，並請教育局協助彙整各校需求，於11月底前提報。"
    case, old_text = _amend(concerned, new_text)
    city = concerned.council.city
    place = where_is(concerned.council.it_conclusion)
    frank = Notification.objects.get(kind="minutes.amended", user=city.user("frank"))
    assert in_english(frank) == (f"{MINUTES} amended and confirmed at Session 225", f"{place}: “{old_text}” amended to “{new_text}”.")
    assert (
        in_chinese(frank)
        == (f"{MINUTES}經第225次會議修正確定", f"{place}「{old_text}」修改為「{new_text}」。")
        == (frank.subject, frank.body)
    )
    bob_case = Notification.objects.get(kind="minutes.amended", user=city.user("bob"), key__contains=":case:")
    assert in_english(bob_case) == (
        f"Case {case.number} changed by the minutes amended at Session 225: {case.title}",
        "The minutes of Session 224 were amended and confirmed at Session 225, and this case changed with them. "
        "Its deadline is 30 Nov 2026.",
    )
    assert in_chinese(bob_case) == (
        f"列管案件 {case.number} 依第225次會議修正確定之紀錄變更：{case.title}",
        "第224次會議紀錄經第225次會議修正確定，本案列管事項隨之變更。列管期限為 115年11月30日。",
    )
    assert in_chinese(bob_case) == (bob_case.subject, bob_case.body)


def test_an_amended_confidential_item_tells_only_where_in_either_language_to_those_not_entitled(concerned):
    secret = "評估學校網路頻寬擴充方案"
    m.do_mark_confidential(concerned.user("alice"), concerned.council.it_conclusion.item, confidential=True)
    _amend(concerned, f"請資訊局{secret}，並請教育局協助彙整各校需求，於11月底前提報。")
    place = where_is(concerned.council.it_conclusion)
    frank = Notification.objects.get(kind="minutes.amended", user=concerned.user("frank"))
    assert in_english(frank) == (f"{MINUTES} amended and confirmed at Session 225", f"Amended: {place}.")
    assert in_chinese(frank) == (f"{MINUTES}經第225次會議修正確定", f"修正之處：{place}。") == (frank.subject, frank.body)
    assert "頻寬" not in str(frank.words)
    erin = Notification.objects.get(kind="minutes.amended", user=concerned.user("erin"))
    assert secret in in_english(erin)[1] and secret in in_chinese(erin)[1]


def test_an_assigned_case_reads_in_english_for_an_english_reader_and_as_before_in_chinese(concerned):
    council, alice = concerned.council, concerned.user("alice")
    city = council.city
    with during(council.first):
        case = t.do_select_case(alice, council.shared_conclusion, lead=city.edu, deadline=dt.date(2026, 12, 17))
    t.do_add_assignment(alice, case, city.it_unit)
    carol = Notification.objects.get(kind="case.assigned", user=city.user("carol"))
    assert in_english(carol) == (
        f"Case {case.number} assigned to your agency (lead): {case.title}",
        "教育局 is the lead agency for this case. Deadline: 17 Dec 2026. Please report progress in the system.",
    )
    assert in_chinese(carol) == (
        f"列管案件 {case.number} 請貴機關主辦：{case.title}",
        "教育局為本案主辦機關。列管期限：115年12月17日。請於系統填報辦理情形。",
    )
    assert in_chinese(carol) == (carol.subject, carol.body)
    bob = Notification.objects.get(kind="case.assigned", user=city.user("bob"))
    assert in_english(bob)[0] == f"Case {case.number} assigned to your agency (co-organising): {case.title}"
    assert in_english(bob)[1].startswith(f"{city.it_unit.display_name} is the co-organising agency for this case. Deadline: 17 Dec 2026.")
    assert in_chinese(bob) == (bob.subject, bob.body) and bob.subject.startswith(f"列管案件 {case.number} 請貴機關協辦：")


def test_a_case_without_a_deadline_says_so_in_each_language(concerned):
    council, alice = concerned.council, concerned.user("alice")
    with during(council.first):
        t.do_select_case(alice, council.shared_conclusion, lead=council.city.edu)
    carol = Notification.objects.get(kind="case.assigned", user=council.city.user("carol"))
    assert (
        in_english(carol)[1] == "教育局 is the lead agency for this case. No deadline has been set. Please report progress in the system."
    )
    assert in_chinese(carol)[1] == carol.body == "教育局為本案主辦機關。未定列管期限。請於系統填報辦理情形。"


def test_a_confidential_case_s_title_stays_hidden_in_either_language_from_those_not_entitled_to_it(concerned, monkeypatch):
    council, alice = concerned.council, concerned.user("alice")
    city = council.city
    m.do_mark_confidential(alice, council.shared_conclusion.item, confidential=True)
    # Told besides carol: dave (研考會), who holds no part of the case and so may not read its title.
    monkeypatch.setattr(tracking_notifying, "liaisons_of", lambda agencies: [city.user("carol"), city.user("dave")])
    with during(council.first):
        case = t.do_select_case(alice, council.shared_conclusion, lead=city.edu, title="頻寬盤點")
    dave = Notification.objects.get(kind="case.assigned", user=city.user("dave"))
    assert in_english(dave)[0] == f"Case {case.number} assigned to your agency (lead): Confidential item"
    assert in_chinese(dave)[0] == dave.subject == f"列管案件 {case.number} 請貴機關主辦：機密案件"
    assert "頻寬" not in str(dave.words)
    # carol's agency holds the case: she reads its title in both languages.
    carol = Notification.objects.get(kind="case.assigned", user=city.user("carol"))
    assert in_english(carol)[0].endswith(": 頻寬盤點") and in_chinese(carol)[0].endswith("：頻寬盤點")


def test_a_reminder_digest_names_a_confidential_case_to_those_not_entitled_only_as_the_placeholder_in_either_language(concerned):
    council, alice = concerned.council, concerned.user("alice")
    city = council.city
    m.do_mark_confidential(alice, council.it_conclusion.item, confidential=True)
    with during(council.first):
        case = t.do_select_case(alice, council.it_conclusion, lead=city.it, deadline=dt.date(2026, 10, 1), title="頻寬擴充評估")
    assignment = case.assignments.get()
    item = reminders.Item(
        assignment_id=assignment.pk,
        case_id=case.pk,
        number=case.number,
        title=case.title,
        deadline=dt.date(2026, 10, 1),
        state=reminders.State.OVERDUE,
        organisation="資訊局",
        role=assignment.role,
        days_overdue=10,
        tier=2,
    )
    # An escalation to dave (研考會), who is not entitled to the case.
    digest = reminders.Digest(user=city.user("dave"), organisation=city.it, today=dt.date(2026, 10, 15), within=5, items=[item], tier=2)
    assert reminding.do_send_digest(reminders.ACTOR, digest, base_url="https://lieguan.example.gov.tw")
    dave = Notification.objects.get(kind="reminder.digest", user=city.user("dave"))
    assert f"1. Case {case.number}: Confidential item" in in_english(dave)[1]
    assert f"1. 列管編號 {case.number}　機密案件" in in_chinese(dave)[1] == dave.body
    assert "   Agency (lead): 資訊局" in in_english(dave)[1] and "   主辦機關：資訊局" in dave.body
    assert "頻寬" not in str(dave.words) and "頻寬" not in dave.body


def test_a_reminder_digest_reads_in_english_in_the_inbox_while_its_e_mail_stays_chinese(city, mailoutbox):
    case = t.do_create_case(
        SETUP,
        source="mayor",
        owner=city.rdec,
        title="市民服務專線整併",
        text="市民服務專線整併，請於期限內完成。",
        lead=city.it,
        deadline=dt.date(2026, 3, 10),
        opened_on=dt.date(2026, 1, 5),
    )
    today = dt.date(2026, 3, 18)
    reminding.send(reminders.plan(today), base_url="https://lieguan.example.gov.tw")
    bob = Notification.objects.get(kind="reminder.digest", user=city.user("bob"))
    subject, body = in_english(bob)
    assert subject == "[Reminder, tier 1] 資訊局: 1 overdue"
    assert body.split("\n") == [
        "Dear 李大同科員,",
        "",
        "As of 18 Mar 2026, the cases below that 資訊局 leads or co-organises are overdue or nearly due. "
        "Please act on them and report progress as soon as possible.",
        "Reminder tier: 1. 本案已逾列管期限 5 個工作日，敬請機關首長督促辦理。",
        "",
        "[Overdue (1)]",
        f"1. Case {case.number}: 市民服務專線整併",
        "   Deadline: 10 Mar 2026 (6 working day(s) overdue; tier 1 reminder)",
        "   Agency (lead): 資訊局",
    ]
    assert in_chinese(bob) == (bob.subject, bob.body)
    assert bob.subject == "【列管稽催・第 1 級】資訊局：逾期 1 案"
    assert bob.body.split("\n")[:3] == [
        "李大同科員　您好：",
        "",
        "截至民國115年3月18日，資訊局主辦或協辦的下列列管案件已逾列管期限或期限將屆，請儘速辦理並填報辦理情形。",
    ]
    assert "   列管期限：115年3月10日（已逾期 6 個工作日；第 1 級稽催）" in bob.body
    (email,) = [e for e in mailoutbox if e.to == ["bob@example.gov.tw"]]
    assert email.subject == bob.subject and email.body.startswith(bob.body)


def test_the_inbox_and_the_marked_read_message_show_the_english_subject_to_an_english_reader(client, concerned):
    first = concerned.council.first
    with during(first):
        m.do_transition_minutes(concerned.user("alice"), first, "circulated")
    client.force_login(concerned.user("frank"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert f"{MINUTES} circulated for review" in page and "Please read them and give your comments in the system." in page
    assert "送請會簽" not in page
    assert f"{MINUTES} circulated for review" in client.get("/").content.decode()  # the home page's panel
    note = Notification.objects.get(kind="minutes.circulated", user=concerned.user("frank"))
    response = client.post(reverse("notifications:mark_read", args=[note.pk]), follow=True)
    assert f"“{MINUTES} circulated for review” marked as read." in response.content.decode()


def test_a_notification_written_before_it_kept_its_words_reads_as_stored_in_either_language(client, concerned):
    first = concerned.council.first
    with during(first):
        m.do_transition_minutes(concerned.user("alice"), first, "circulated")
    Notification.objects.update(words={})
    frank = Notification.objects.get(kind="minutes.circulated", user=concerned.user("frank"))
    assert in_english(frank) == in_chinese(frank) == (f"{MINUTES}送請會簽", "會議紀錄已送請與會人員會簽，請閱覽並於系統提出會簽意見。")
    client.force_login(concerned.user("frank"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert f"{MINUTES}送請會簽" in page and f"{MINUTES} circulated for review" not in page
