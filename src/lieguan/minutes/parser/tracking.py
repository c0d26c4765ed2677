"""Tracking (列管) in the conclusions: decisions on tracked cases, and conclusions that start tracking something.

列管編號 223-1、223-2 案同意解除列管 releases two cases; 列管案號 10001 至 10007
均解除列管 releases seven; 211-2 (捷運公司部分) releases one agency's part. A
conclusion saying 本案列管 or 持續列管至 115 年底 puts its own matter under
tracking. A sentence that merely mentions tracking (列管期限將屆, 市長承諾案件列管,
請資訊局列管之2案) decides nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lieguan.minutes.errors import ParseWarning, gettext_noop
from lieguan.minutes.model import CaseDecision, Decision
from lieguan.minutes.parser.memo import short_text_cache

_FOLD = str.maketrans("０１２３４５６７８９－‐–—（）", "0123456789----()")
_CASE = r"[0-9]{1,4}(?:\s{0,2}-\s{0,2}[0-9]{1,4}){1,2}|[0-9]{3,7}"
_LIST_START = re.compile(
    r"(?P<intro>(?:列管)?(?:案件)?(?:編號|案號)|列管案(?=\s{0,2}[0-9]))"
    r"|(?<![0-9])[0-9]{1,4}\s{0,2}-\s{0,2}[0-9]{1,4}(?![0-9])"
)
_TOKEN = re.compile(rf"\s{{0,3}}(?P<case>{_CASE})(?![0-9])")
_PART = re.compile(r"\s{0,3}\(\s{0,2}(?P<part>[^()]{1,40}?)\s{0,2}部分\s{0,2}\)")
_LIST_SEPARATOR = re.compile(r"\s{0,3}(?:、|,|，|及|和|與|暨|以及)\s{0,3}")
_RANGE_SEPARATOR = re.compile(r"\s{0,3}(?:至|到|~|～)\s{0,3}")
_COUNT = re.compile(r"\s{0,3}(?:案)?\s{0,3}等\s{0,3}(?P<n>[0-9一二三四五六七八九十]{1,3})\s{0,3}案")
_RELEASE = r"解除列管|解列|除管|銷管|同意結案|予以結案|結案(?!件)|免予列管|免列管|不再列管|撤銷列管|解除追蹤"
_OCR_CONTINUE = r"廢續列管|庚續列管|賡績列管|磨續列管"
_CONTINUE = rf"賡續列管|{_OCR_CONTINUE}|繼續列管|續予列管|持續列管|仍予列管|仍列管|續列管|續管(?![考控理制])|繼續追蹤|賡續追蹤"
_VERB = re.compile(rf"(?P<release>{_RELEASE})|(?P<continue>{_CONTINUE})")
_OCR = re.compile(_OCR_CONTINUE)
_CLAUSE = re.compile(r"[。；;\n]")
# Letter-spaced text (解 除 列 管), as PDF extraction and OCR leave it.
_SPACE_IN_WORD = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]{1,3}(?=[\u4e00-\u9fff])")
_MAX_RANGE = 500
# A number followed by a unit (2024 年, 3000 萬元) is a quantity, not a case.
_QUANTITY = re.compile(r"\s{0,2}[年月日萬億元%件人次個份]")
# A conclusion that itself keeps something under tracking: a word that makes 列管
# a verb before it (本案列管, 持續列管) or a complement after it (列管至, 列管追蹤).
_TRACKS = re.compile(
    r"(?:本案|本項|本件|予以|應予|納入|列入|改為|改列|持續|繼續|賡續|續予|仍|再|並|專案|自行|局內|處內|府級|分別|另案)\s{0,2}列管"
    r"|列管\s{0,2}(?:追蹤|辦理|控管|在案|至(?!今))|列入追蹤|追蹤列管|列為列管"
)


@dataclass(slots=True)
class TrackingFinding:
    decisions: list[CaseDecision]
    warnings: list[str]


def find_case_decisions(text: str) -> TrackingFinding:
    """The decisions on numbered tracked cases in one conclusion, in the order they are written."""
    decisions, warnings = _case_decisions(text)
    return TrackingFinding([CaseDecision(case, decision, part) for case, decision, part in decisions], list(warnings))


# Conclusions repeat from meeting to meeting (and 洽悉 everywhere): read each wording once.
@short_text_cache
def _case_decisions(text: str) -> tuple[tuple[tuple[str, Decision, str | None], ...], tuple[str, ...]]:
    found = _read_case_decisions(text)
    return tuple((d.case, d.decision, d.part) for d in found.decisions), tuple(found.warnings)


def _read_case_decisions(text: str) -> TrackingFinding:
    folded = text.translate(_FOLD)
    if " " in folded or "\t" in folded or "\u3000" in folded:
        folded = _SPACE_IN_WORD.sub("", folded)
    decisions: list[CaseDecision] = []
    warnings: list[str] = []
    # Most conclusions decide on no case: without a decision verb no clause can.
    if _VERB.search(folded) is None:
        return TrackingFinding(decisions, warnings)
    start = 0
    continued = False
    for end_match in [*_CLAUSE.finditer(folded), None]:
        end = end_match.start() if end_match else len(folded)
        continued = _clause(folded[start:end], decisions, warnings, continued=continued)
        start = end + 1
    return TrackingFinding(decisions, warnings)


def _clause(clause: str, decisions: list[CaseDecision], warnings: list[str], *, continued: bool = False) -> bool:
    """Pair each list of case numbers with the first decision verb after it; lists before one verb share it.

    ``continued``: an earlier clause of the conclusion decided on cases, so a
    clause that opens with a bare number goes on with the same kind of list
    (列管案號 11204 解除列管；11206 賡續列管). Returns whether this clause decided on any.
    """
    verbs = list(_VERB.finditer(clause))
    if not verbs:
        return False
    before = len(decisions)
    lists: list[tuple[list[tuple[str, str | None]], int, int]] = []
    pos = 0
    if continued:
        opening, end = _read_list(clause, 0)
        if opening and not _QUANTITY.match(clause, end):
            lists.append((opening, 0, end))
            pos = end
    while (found := _next_list(clause, pos)) is not None:
        lists.append(found)
        pos = found[2]
    pending: list[tuple[str, str | None]] = []
    v = 0
    for n, (cases, _start, end) in enumerate(lists):
        pending.extend(cases)
        next_start = lists[n + 1][1] if n + 1 < len(lists) else len(clause)
        while v < len(verbs) and verbs[v].start() < end:
            v += 1
        if v == len(verbs) or verbs[v].start() >= next_start:
            continue
        verb = verbs[v]
        decision: Decision = "release" if verb.group("release") else "continue"
        if _OCR.fullmatch(verb.group()):
            warnings.append(ParseWarning(gettext_noop("「%(word)s」視為「賡續列管」（疑為文字辨識錯誤）"), {"word": verb.group()}))
        expanded = [(c, p) for case, part in pending for c, p in _expand(case, part, warnings)]
        count = _COUNT.match(clause, end)
        if count and count.group("n").isdigit() and int(count.group("n")) != len(expanded):
            warnings.append(
                ParseWarning(
                    gettext_noop("「等 %(stated)s 案」與列出的 %(listed)s 個案號數目不符"),
                    {"stated": count.group("n"), "listed": len(expanded)},
                )
            )
        decisions.extend(CaseDecision(case=c, decision=decision, part=p) for c, p in expanded)
        pending = []
    return len(decisions) > before


def _next_list(clause: str, pos: int) -> tuple[list[tuple[str, str | None]], int, int] | None:
    """The next list of case numbers at or after ``pos``, with where it starts and ends.

    A list follows 列管編號 / 案號, or starts with a number shaped like a case
    number (223-1); bare numbers elsewhere (金額, 日期) are not cases.
    """
    while (m := _LIST_START.search(clause, pos)) is not None:
        at = m.end() if m.group("intro") else m.start()
        cases, end = _read_list(clause, at)
        if cases:
            return cases, m.start(), end
        pos = m.end()
    return None


def _read_list(clause: str, pos: int) -> tuple[list[tuple[str, str | None]], int]:
    out: list[tuple[str, str | None]] = []
    while True:
        token = _TOKEN.match(clause, pos)
        if token is None:
            return out, pos
        case = _compact(token.group("case"))
        pos = token.end()
        part = _PART.match(clause, pos)
        if part:
            pos = part.end()
        part_name = part.group("part").strip() if part else None
        ranged = _RANGE_SEPARATOR.match(clause, pos)
        last = _TOKEN.match(clause, ranged.end()) if ranged else None
        if last is not None:
            out.append((f"{case}~{_compact(last.group('case'))}", part_name))
            pos = last.end()
        else:
            out.append((case, part_name))
        sep = _LIST_SEPARATOR.match(clause, pos)
        if sep is None or _TOKEN.match(clause, sep.end()) is None:
            return out, pos
        pos = sep.end()


def _compact(case: str) -> str:
    return "".join(case.split())


def _expand(case: str, part: str | None, warnings: list[str]) -> list[tuple[str, str | None]]:
    """10001~10007 → 10001 … 10007; 223-1~223-5 → 223-1 … 223-5; anything else as it stands."""
    if "~" not in case:
        return [(case, part)]
    first, last = case.split("~", 1)
    head_a, _, tail_a = first.rpartition("-")
    head_b, _, tail_b = last.rpartition("-")
    if head_b == "" and head_a:
        head_b = head_a
    if head_a == head_b and tail_a.isdigit() and tail_b.isdigit():
        a, b = int(tail_a), int(tail_b)
        width = len(tail_a) if len(tail_a) == len(tail_b) else 0
        if 0 < b - a <= _MAX_RANGE:
            prefix = f"{head_a}-" if head_a else ""
            return [(f"{prefix}{n:0{width}d}" if width else f"{prefix}{n}", part) for n in range(a, b + 1)]
    warnings.append(ParseWarning(gettext_noop("無法展開案號範圍「%(first)s 至 %(last)s」，僅記錄頭尾兩案"), {"first": first, "last": last}))
    return [(first, part), (last, part)]


def fold(text: str) -> str:
    """Full-width digits, dashes and brackets as ASCII, and letter-spaced words closed up, as the readers here expect."""
    return _SPACE_IN_WORD.sub("", text.translate(_FOLD))


def read_case_cell(cell: str) -> list[tuple[str, str | None]]:
    """The cases a table cell holds when it holds nothing but case numbers (223-1, 10001 至 10003, 211-2 (捷運公司部分)).

    Empty when the cell holds anything else: a row number or an amount is not a case.
    """
    folded = fold(cell).strip()
    intro = _CELL_INTRO.match(folded)
    cases, end = _read_list(folded, intro.end() if intro else 0)
    if not cases or not _CELL_END.fullmatch(folded, end):
        return []
    expanded: list[tuple[str, str | None]] = []
    for case, part in cases:
        expanded.extend(_expand(case, part, []))
    return expanded


_CELL_INTRO = re.compile(r"(?:列管)?(?:編號|案號)?\s{0,2}[:：]?\s{0,2}(?:第\s{0,2})?")
_CELL_END = re.compile(r"\s{0,3}案?\s{0,3}")


def decision_verbs(text: str) -> list[tuple[int, int, Decision, bool]]:
    """Each decision word in ``text``: where it stands, what it decides and whether it is an OCR slip."""
    return [
        (m.start(), m.end(), "release" if m.group("release") else "continue", bool(_OCR.fullmatch(m.group()))) for m in _VERB.finditer(text)
    ]


@short_text_cache
def starts_tracking(text: str) -> bool:
    """Whether a conclusion itself puts its matter under tracking (本案列管, 持續列管至 115 年底)."""
    return bool(_TRACKS.search(_SPACE_IN_WORD.sub("", text)))
