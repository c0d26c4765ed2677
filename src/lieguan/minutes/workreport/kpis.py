"""The KPIs a work report states in its part on strategic goals, each with target, actual and whether it was met.

The part (策略目標與關鍵績效指標) lists the goals; under each, sentences state
an indicator as prose: 「目標值 15 次…共計 15 處…目標達成度 100%」, 「比率目標值
大於 40%，實際達成值為 18.18%」, 「從 109 年 91.71% 進步至 99.71%」. A sentence
is cut at 。 and ；, each piece holding at most one indicator. Whether it was
met is computed from target and actual when both are figures in one unit; else
from the 達成度, else from what the sentence says (超越、符合、未達); else it
cannot be judged.
"""

from __future__ import annotations

import re

from lieguan.minutes.workreport.amounts import Quantity, find_quantities
from lieguan.minutes.workreport.model import Kpi, Section

KPI_PART = re.compile(r"策略目標|關鍵績效指標|績效指標|KPI")
_DATE = re.compile(r"\d+\s*年(?:度|底|初)?(?:\s*\d+\s*月(?:\s*\d+\s*日)?)?|\d+\s*月\s*\d+\s*日")
_COMPARISONS = (
    (re.compile(r"不低於|不少於|至少|以上|≥|>="), ">="),
    (re.compile(r"不高於|不超過|至多|以下|≤|<="), "<="),
    (re.compile(r"大於|高於|超過|多於|>"), ">"),
    (re.compile(r"小於|低於|少於|<"), "<"),
)
_TARGET = re.compile(r"目標值?(?!達成)\s*(?:為|是|訂為)?\s*(?P<op>大於|小於|高於|低於|不低於|不高於|不少於|至少|超過)?\s*$")
_ACHIEVEMENT = re.compile(r"達成度\s*(?:為|達)?\s*$")
_ACTUAL = re.compile(r"(?:實際達成值|實際值|達成值|實際)\s*(?:為|是|達)?\s*$")
_COUNTED = re.compile(r"(?:共計|合計|總計|計|共|已達|達到|達|為|至)\s*(?:舉辦|拜訪|辦理|完成|邀請|受理)?\s*$")
_MEASURE_WORD = re.compile(r"[率度數量]\s*$")
_CHANGE = re.compile(r"從\s*(?P<period>\d+\s*年(?:度)?)?\s*$")
_CHANGED_TO = re.compile(r"^\s*(?:進步|提升|提高|增加|成長|降低|減少|下降|縮短)至\s*")
_MISSED = re.compile(r"未達成|未達|未能達成|未符合|不及")
_MET = re.compile(r"超越|超過原訂|符合原訂|符合預訂|已達成|皆已達成|達成預訂|達成原訂|達成目標")
_ALL = re.compile(r"皆|均已|均達|均符合|全數")
_NAME_NOISE = re.compile(r"^(?:本處|本府|本局|本會|經統計|截至[^，]*?|\d+\s*年(?:度|底)?|\s)+")


def read_kpis(sections: list[Section]) -> list[Kpi]:
    """The KPIs under the part on strategic goals; each goal is one section directly under it."""
    part = next((s for s in sections if KPI_PART.search(s.heading)), None)
    if part is None:
        return []
    out: list[Kpi] = []
    for goal in part.sections:
        for section in goal.walk():
            hint = section.heading if section is not goal else ""
            for paragraph in section.paragraphs:
                out += _paragraph(goal.heading or section.heading, hint, paragraph)
    return out


def _paragraph(goal: str, hint: str, paragraph: str) -> list[Kpi]:
    named = re.match(r"^([^，。；：:]{2,30})[：:]\s*", paragraph)
    if named:
        hint, paragraph = named.group(1), paragraph[named.end() :]
    kpis: list[Kpi] = []
    for piece in (p.strip() for p in re.split(r"[。；;]", paragraph)):
        if not piece:
            continue
        kpi = _measure(goal, piece)
        if kpi is not None:
            kpis.append(kpi)
        elif _MET.search(piece) and _ALL.search(piece):
            # 「皆已達成預訂目標值」 after the figures speaks for each of them.
            for k in kpis:
                k.achieved = True if k.achieved is None else k.achieved
    if len(kpis) == 1 and hint:
        kpis[0].name = hint
    if any(k.achieved is None for k in kpis) and _MET.search(paragraph) and _ALL.search(paragraph):
        for k in kpis:
            k.achieved = True if k.achieved is None else k.achieved
    return kpis


def _figures(piece: str) -> list[Quantity]:
    dates = [m.span() for m in _DATE.finditer(piece)]
    return [q for q in find_quantities(piece) if not q.is_date and not any(a <= q.start < b for a, b in dates)]


def _measure(goal: str, piece: str) -> Kpi | None:
    kpi = Kpi(goal=goal, name="", text=piece)
    for q in _figures(piece):
        before = piece[: q.start]
        if kpi.target is None and (m := _TARGET.search(before)):
            kpi.target = q
            kpi.comparison = _comparison(m.group("op") or "", piece[q.end : q.end + 3])
        elif kpi.achievement is None and _ACHIEVEMENT.search(before):
            kpi.achievement = q
        elif kpi.baseline is None and (m := _CHANGE.search(before)):
            kpi.baseline = q
            kpi.baseline_period = re.sub(r"\s+", " ", (m.group("period") or "").strip())
        elif kpi.actual is None and (
            _ACTUAL.search(before)
            or _COUNTED.search(before)
            or _MEASURE_WORD.search(before)
            or (kpi.baseline is not None and _CHANGED_TO.match(piece[kpi.baseline.end : q.start]))
        ):
            kpi.actual = q
    if kpi.target is None and kpi.actual is None and kpi.achievement is None:
        return None
    kpi.name = _name(piece, kpi)
    kpi.achieved = _judge(kpi, piece)
    return kpi


def _comparison(word: str, after: str) -> str:
    for pattern, op in _COMPARISONS:
        if word and pattern.search(word):
            return op
    for pattern, op in _COMPARISONS[:2]:
        if pattern.match(after.strip()):
            return op
    return ">="


def _judge(kpi: Kpi, piece: str) -> bool | None:
    if _MISSED.search(piece):
        return False
    target, actual = kpi.target, kpi.actual
    if target is not None and actual is not None and (target.unit == actual.unit or not target.unit or not actual.unit):
        a, t = actual.value, target.value
        return {">=": a >= t, "<=": a <= t, ">": a > t, "<": a < t}[kpi.comparison]
    if kpi.achievement is not None:
        return kpi.achievement.value >= 100
    if _MET.search(piece):
        return True
    return None


def _name(piece: str, kpi: Kpi) -> str:
    """What is measured: the words before the first figure of the indicator, or the clause that opens the sentence."""
    first = min((q.start for q in (kpi.baseline, kpi.target, kpi.actual, kpi.achievement) if q is not None), default=0)
    segment = re.split(r"[，,]", piece[:first])[-1]
    subject = re.sub(r"從\s*(?:\d+\s*年(?:度)?)?\s*$", "", segment)
    subject = re.sub(r"(?:目標值?|實際達成值|實際|從|共計|計|共|已達|達|為|比率目標值)+\s*(?:大於|小於|高於|低於)?\s*$", "", subject)
    subject = _NAME_NOISE.sub("", subject).strip()
    opening = re.split(r"[，,]", piece)[0].strip()
    if len(subject) >= 5:
        return subject
    if not find_quantities(opening):
        return _NAME_NOISE.sub("", opening).strip() or opening
    return subject or opening
