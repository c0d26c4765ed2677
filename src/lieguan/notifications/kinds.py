"""The kinds of notification: each declared once here, with the words people choose it by on their preferences page.

The kinds are data, not code paths: the apps that raise them (``meetings.notifying``,
``tracking.notifying``) import the constant and pass it to ``do_notify``, which refuses
a kind not declared here, so that every kind a person can receive is one they can turn off.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_KINDS: dict[str, Kind] = {}


@dataclass(frozen=True)
class Kind:
    """A kind of notification: its stored name, its label and when it is sent, as the preferences page says it."""

    name: str
    label: str | Promise
    when: str | Promise
    # False for a kind whose e-mail the rules send whatever the person chooses (稽催): only the app is a choice.
    email_by_choice: bool = True

    def __post_init__(self) -> None:
        if self.name in _KINDS:
            raise ValueError(f"notification kind {self.name!r} is declared twice")
        _KINDS[self.name] = self

    def __str__(self) -> str:
        return self.name


def lookup(name: str) -> Kind | None:
    return _KINDS.get(name)


def all_kinds() -> list[Kind]:
    """In the order declared, which is the order of the session cycle."""
    return list(_KINDS.values())


MEETING_RESCHEDULED = Kind("meeting.rescheduled", _("開會時間或地點變更"), _("您受邀或負責報告的會議改期或改地點時"))
MINUTES_CIRCULATED = Kind("minutes.circulated", _("會議紀錄會簽"), _("您參與的會議紀錄送請會簽時"))
MINUTES_PUBLISHED = Kind("minutes.published", _("會議紀錄發布"), _("您參與的會議紀錄發布時"))
MINUTES_AMENDED = Kind("minutes.amended", _("會議紀錄修正確定"), _("您參與的會議紀錄或貴機關的列管案件經下次會議修正確定時"))
CASE_ASSIGNED = Kind("case.assigned", _("列管案件交辦"), _("列管案件交由貴機關主辦或協辦時"))
# The reminder digest's e-mail goes out with the reminder itself (tracking.actions.reminding), recorded there.
REMINDER = Kind(
    "reminder.digest",
    _("稽催"),
    _("貴機關的列管案件逾期、即將到期或本期未填報時；稽催電子郵件依規定寄送，不能關閉"),
    email_by_choice=False,
)
