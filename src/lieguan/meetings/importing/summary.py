"""Plans and outcomes in plain words, for ``lieguan import`` and the pages that show them."""

from __future__ import annotations

from django.utils import timezone

from lieguan.meetings.models import Meeting
from lieguan.minutes.rocdate import format_roc_date

from .names import CREATE, MATCH, TEXT, NameProposal
from .plan import Plan


def counts_line(counts: dict[str, int]) -> str:
    return (
        f"{counts.get('sections', 0)} 段、{counts.get('items', 0)} 案、{counts.get('remarks', 0)} 則發言、"
        f"{counts.get('conclusions', 0)} 項結論（列管 {counts.get('tracked', 0)}）、"
        f"{counts.get('case_decisions', 0)} 項列管決定、{counts.get('deadlines', 0)} 個期限"
    )


def meeting_line(meeting: Meeting) -> str:
    day = format_roc_date(timezone.localtime(meeting.start).date())
    return f"{meeting}（{day}）"


def decision_line(proposal: NameProposal) -> str:
    """「主計處」→ 新增…／對應至…／僅保留文字."""
    if proposal.decision == CREATE:
        what = proposal.create_label
    elif proposal.decision == MATCH:
        labels = dict(zip(proposal.match_ids, proposal.match_labels, strict=False))
        what = f"對應至「{labels.get(proposal.decision_match_id or 0, '既有項目')}」"
    elif proposal.decision == TEXT:
        what = "僅保留文字，不連結名錄"
    else:
        what = f"待確認（建議：{proposal.proposal_label}）"
    return f"「{proposal.text}」：{what}"


def plan_lines(plan: Plan) -> list[str]:
    """A dry run's preview of one document."""
    m = plan.minutes
    day = format_roc_date(m.date) if m.date else "日期不明"
    if plan.series.series is not None:
        series = f"{plan.series.label}（既有）"
    elif plan.series.can_create:
        series = f"{plan.series.label}（尚未建立，將新建立）"
    else:
        series = plan.series.problem
    lines = [f"  標題：{m.title}（{day}）", f"  會議：{series}", f"  內容：{counts_line(plan.counts)}"]
    lines += [f"  解析警告：{w}" for w in m.warnings]
    for proposal in plan.names.unknown:
        where = "、".join(proposal.where[:3]) + ("等" if len(proposal.where) > 3 else "")
        lines.append(f"  不在名錄中：「{proposal.text}」（{where}）→ 建議：{proposal.proposal_label}")
    if plan.duplicate is not None:
        lines.append(f"  已匯入過：{plan.duplicate_reason}")
    return lines
