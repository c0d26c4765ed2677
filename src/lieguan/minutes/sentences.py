"""The standard sentences that minutes use to record decisions on tracked cases.

列管編號 223-1、223-2、223-3 等 3 案解除列管；204-2、220-1 等 2 案賡續列管。
Consecutive plain numbers are written as a range (10001 至 10007), and a
decision for some agencies only names them: 211-2（捷運公司部分）.
The parser reads these sentences back (``parser.tracking.find_case_decisions``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lieguan.minutes.model import CaseDecision

_PLAIN = re.compile(r"^[0-9]+$")
VERBS = {"release": "解除列管", "continue": "賡續列管"}


def _runs(numbers: Sequence[str]) -> list[str]:
    """Plain numbers in a row of three or more become one 「A 至 B」; everything else stays as it is."""
    out: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while (
            j + 1 < len(numbers)
            and _PLAIN.match(numbers[j])
            and _PLAIN.match(numbers[j + 1])
            and len(numbers[j]) == len(numbers[j + 1])
            and int(numbers[j + 1]) == int(numbers[j]) + 1
        ):
            j += 1
        if j - i >= 2:
            out.append(f"{numbers[i]} 至 {numbers[j]}")
            i = j + 1
        else:
            out.append(numbers[i])
            i += 1
    return out


def _label(decision: CaseDecision) -> str:
    return f"{decision.case}（{decision.part}部分）" if decision.part else decision.case


def _clause(decisions: Sequence[CaseDecision], verb: str) -> str:
    labels: list[str] = []
    whole: list[str] = []
    for d in decisions:
        if d.part:
            labels.extend(_runs(whole))
            whole = []
            labels.append(_label(d))
        else:
            whole.append(d.case)
    labels.extend(_runs(whole))
    # 「224-1 解除列管」 but 「224-1（教育局部分）賡續列管」: no space after a closing bracket.
    count = f" 等 {len(decisions)} 案" if len(decisions) > 1 else ("" if labels[-1].endswith("）") else " ")
    return f"列管編號 {'、'.join(labels)}{count}{verb}"


def decision_sentence(decisions: Sequence[CaseDecision]) -> str:
    """One conclusion sentence for all decisions of a meeting: releases first, then continuations."""
    parts: list[str] = []
    for kind in ("release", "continue"):
        chosen = sorted((d for d in decisions if d.decision == kind), key=lambda d: case_sort_key(d.case))
        if chosen:
            parts.append(_clause(chosen, VERBS[kind]))
    return "；".join(parts) + "。" if parts else ""


def case_sort_key(number: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of case numbers: 9805 < 10001, 204-2 < 204-10 < 211-1."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[-－]", number))
