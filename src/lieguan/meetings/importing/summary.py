"""Plans and outcomes in plain words, for ``lieguan import`` and the pages that show them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lieguan.core import dates
from lieguan.core.wording import word, worded
from lieguan.meetings.models import Meeting

from .names import CREATE, MATCH, TEXT, NameProposal
from .plan import Plan
from .reading import warning_said


def counts_line(counts: dict[str, int]) -> str:
    return _(
        "%(sections)s 段、%(items)s 案、%(remarks)s 則發言、%(conclusions)s 項結論（列管 %(tracked)s）、"
        "%(decisions)s 項列管決定、%(deadlines)s 個期限"
    ) % {
        "sections": counts.get("sections", 0),
        "items": counts.get("items", 0),
        "remarks": counts.get("remarks", 0),
        "conclusions": counts.get("conclusions", 0),
        "tracked": counts.get("tracked", 0),
        "decisions": counts.get("case_decisions", 0),
        "deadlines": counts.get("deadlines", 0),
    }


def meeting_line(meeting: Meeting) -> str:
    day = dates.long_date(meeting.start)
    return f"{meeting}（{day}）"


def decision_line(proposal: NameProposal) -> str:
    """「主計處」→ 新增…／對應至…／僅保留文字."""
    if proposal.decision == CREATE:
        what = proposal.create_label
    elif proposal.decision == MATCH:
        labels = dict(zip(proposal.match_ids, proposal.match_labels, strict=False))
        what = _("對應至「%(name)s」") % {"name": labels.get(proposal.decision_match_id or 0, _("既有項目"))}
    elif proposal.decision == TEXT:
        what = _("僅保留文字，不連結名錄")
    else:
        what = _("待確認（建議：%(proposal)s）") % {"proposal": proposal.proposal_label}
    return _("「%(text)s」：%(decision)s") % {"text": proposal.text, "decision": what}


def plan_lines(plan: Plan) -> list[str]:
    """A dry run's preview of one document."""
    m = plan.minutes
    day = dates.long_date(m.date) if m.date else _("日期不明")
    if plan.series.series is not None:
        series = _("%(series)s（既有）") % {"series": plan.series.label}
    elif plan.series.can_create:
        series = _("%(series)s（尚未建立，將新建立）") % {"series": plan.series.label}
    else:
        series = plan.series.problem
    lines = [
        "  " + _("標題：%(title)s（%(date)s）") % {"title": m.title, "date": day},
        "  " + _("會議：%(series)s") % {"series": series},
        "  " + _("內容：%(counts)s") % {"counts": counts_line(plan.counts)},
    ]
    lines += ["  " + _("解析警告：%(warning)s") % {"warning": worded(warning_said(w), w)} for w in m.warnings]
    for proposal in plan.names.unknown:
        where = _("、").join(proposal.where[:3])
        if len(proposal.where) > 3:
            where = _("%(places)s等") % {"places": where}
        lines.append(
            "  "
            + _("不在名錄中：「%(text)s」（%(where)s）→ 建議：%(proposal)s")
            % {"text": proposal.text, "where": where, "proposal": proposal.proposal_label}
        )
    if plan.duplicate is not None:
        lines.append("  " + _("已匯入過：%(reason)s") % {"reason": word(plan.duplicate_reason)})
    return lines
