"""Hypothesis strategies that generate whole, valid minutes documents (``Minutes``).

All names, agencies and cities are invented (北辰市, 南嶺市, 東籬縣). Every
generated document is self-consistent in the way real minutes are: the title
states the organisation, series and session; the 宣讀上次會議紀錄 heading states
the previous session; and the conclusions *say* the case decisions, the newly
tracked matters and the deadlines that the document lists, with the values
computed here independently of the parser. So ``parse_text(render_text(m))``
can be compared with ``m`` field for field.

What "valid" means here, beyond the model's types (the canonical form that
minutes text can express without ambiguity):
- every paragraph of free text ends with a full stop (。), as official prose
  does, so that no paragraph looks like a sentence cut by a page break;
- item titles end without 。 and without a trailing bracket (the renderer adds
  「。（presenter）」); labels are consecutive: 壹、貳、… / 一、二、… / （一）（二）…;
- conclusions are either one unlabelled sentence or a labelled list, and have a
  heading (會議結論, 決議, …) except directly under 綜合會議結論 / 主席裁示事項;
- ``warnings`` is empty: it records what a parser guessed, not document content.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from hypothesis import strategies as st

from lieguan.minutes.model import (
    Attendance,
    CaseDecision,
    Chair,
    Conclusion,
    Deadline,
    Item,
    Minutes,
    PreviousMinutes,
    Remark,
    Section,
    SectionKind,
    SessionNumber,
)
from lieguan.minutes.numerals import to_chinese, to_financial
from lieguan.minutes.rocdate import format_roc_date, to_roc_year

ORGANISATIONS = ["北辰市政府", "南嶺市政府", "東籬縣政府", "北辰市政府資訊局", "南嶺市政府秘書處", "東籬縣政府工務局"]
SERIES = ["主任秘書會報", "局務會議", "處務會議", "市政會議", "業務檢討會議", "工作會報"]
AGENCIES = [
    "資訊局",
    "秘書處",
    "研考會",
    "工務局",
    "環保局",
    "社會局",
    "文化局",
    "交通局",
    "公園處",
    "捷運公司",
    "公管中心",
    "人事室",
    "政風室",
    "主計處",
    "法務局",
    "都發局",
    "觀光局",
    "衛生局",
    "消防局",
    "教育局",
]
SURNAMES = "王李張陳林黃吳劉蔡楊許鄭謝郭洪"
GIVEN_NAMES = [
    "志明",
    "美玲",
    "俊傑",
    "雅婷",
    "冠宇",
    "怡君",
    "家豪",
    "淑芬",
    "建宏",
    "宜蓁",
    "承翰",
    "詩涵",
    "明",
    "華",
]
CHAIR_TITLES = ["秘書長", "局長", "處長", "主任委員", "副市長", "主任", "執行長", "召集人"]
SPEAKER_TITLES = ["主秘", "局長", "處長", "主任", "組長", "科長", "專委", "技正", "視察", "副局長"]
LOCATIONS = ["視訊會議", "市政大樓 12 樓第一會議室", "本局 5 樓簡報室", "南棟 B1 研討室", "行政中心大禮堂"]
ATTENDANCE = ["如簽到表", "詳簽到表", "王志明、李美玲、陳俊傑", "各局處首長"]
REMARK_KINDS = ["補充說明", "補充報告", "發言"]
CONCLUSION_HEADINGS = ["會議結論", "決議", "裁示", "結論", "決定"]
OTHER_HEADINGS = ["主席致詞", "頒獎", "專題演講", "市政建設專題", "業務交流"]

_VERBS = ["持續推動", "加強宣導", "妥為規劃", "積極辦理", "定期檢視", "審慎評估", "協助整合", "優化"]
_OBJECTS = [
    "數位服務",
    "公共工程品質",
    "市民服務流程",
    "節能減碳措施",
    "資訊安全演練",
    "檔案管理作業",
    "停車空間配置",
    "社區關懷據點",
    "防災整備工作",
    "採購作業",
    "App 使用者介面",
    "Wi-Fi 熱點建置",
    "PoC 計畫",
    "公文線上簽核",
]
_ACTIONS = ["完成{o}", "提出{o}檢討報告", "送交{o}相關資料", "辦理完成{o}"]
_TITLE_FORMS = ["{o}辦理情形", "有關{o}一案", "{a}{o}推動情形", "{o}執行成果報告", "研商{o}精進方案"]


def _name(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(SURNAMES)) + draw(st.sampled_from(GIVEN_NAMES))


def _clause(draw: st.DrawFn) -> str:
    agency, verb, obj = draw(st.sampled_from(AGENCIES)), draw(st.sampled_from(_VERBS)), draw(st.sampled_from(_OBJECTS))
    forms = [
        f"請{agency}{verb}{obj}",
        f"{agency}已完成{obj}之盤點",
        f"有關{obj}一事，請{agency}{verb}",
        f"本年度共計完成 {draw(st.integers(2, 900))} 件{obj}",
        f"感謝{agency}協助{obj}",
        f"{obj}應兼顧品質與效率",
        f"請各機關{verb}{obj}，並於會後回報辦理情形",
    ]
    return draw(st.sampled_from(forms))


@st.composite
def sentences(draw: st.DrawFn, max_clauses: int = 3) -> str:
    """One paragraph of ordinary minutes prose, ending with 。, that asks, decides and tracks nothing."""
    return "，".join(_clause(draw) for _ in range(draw(st.integers(1, max_clauses)))) + "。"


@dataclass
class _Ledger:
    """What the conclusions of one document decide, in document order, as the parser must list it."""

    meeting: dt.date | None
    session_base: int
    next_item: int = 1
    next_plain: int = 1
    decisions: list[CaseDecision] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)

    def case(self) -> str:
        number = f"{self.session_base}-{self.next_item}"
        self.next_item += 1
        return number

    def plain_cases(self, count: int) -> tuple[int, int]:
        """A run of five-digit case numbers (10001 至 10007) that no other decision of the document uses."""
        first = self.session_base * 100 + self.next_plain
        self.next_plain += count
        return first, first + count - 1

    def deadline(self, deadline: Deadline) -> None:
        if deadline not in self.deadlines:
            self.deadlines.append(deadline)


def _add_months(d: dt.date, months: int) -> dt.date:
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _deadline_phrase(draw: st.DrawFn, meeting: dt.date) -> Deadline:
    form = draw(st.sampled_from(["date", "month_end", "year_end", "this_year_end", "months"]))
    if form == "date":
        due = meeting + dt.timedelta(days=draw(st.integers(1, 400)))
        return Deadline(f"{to_roc_year(due.year)}年{due.month}月{due.day}日前", due)
    if form == "month_end":
        month = draw(st.integers(1, 12))
        year = meeting.year
        if dt.date(year, month, calendar.monthrange(year, month)[1]) < meeting - dt.timedelta(days=31):
            year += 1
        return Deadline(f"{month}月底前", dt.date(year, month, calendar.monthrange(year, month)[1]))
    if form == "year_end":
        year = meeting.year + draw(st.integers(0, 3))
        return Deadline(f"{to_roc_year(year)}年底前", dt.date(year, 12, 31))
    if form == "this_year_end":
        return Deadline("今年底前", dt.date(meeting.year, 12, 31))
    n = draw(st.integers(1, 12))
    numeral = draw(st.sampled_from([str(n), to_chinese(n)]))
    return Deadline(f"{numeral}個月內", _add_months(meeting, n))


def _decision_phrase(draw: st.DrawFn, ledger: _Ledger) -> str:
    release = draw(st.booleans())
    verb = draw(st.sampled_from(["同意解除列管", "解除列管"] if release else ["賡續列管", "繼續列管"]))
    decision = "release" if release else "continue"
    if release and draw(st.integers(0, 4)) == 0:
        first, last = ledger.plain_cases(draw(st.integers(2, 7)))
        ledger.decisions.extend(CaseDecision(str(n), "release") for n in range(first, last + 1))
        return f"列管案號 {first} 至 {last} 均解除列管"
    cases = [ledger.case() for _ in range(draw(st.integers(1, 4)))]
    part = draw(st.sampled_from([None, None, None, *AGENCIES[:6]]))
    written = [f"{c}（{part}部分）" if part and n == 0 else c for n, c in enumerate(cases)]
    listed = "、".join(written) if len(written) < 3 or draw(st.booleans()) else "、".join(written[:-1]) + " 及 " + written[-1]
    count = f"等 {len(cases)} 案" if len(cases) > 1 and draw(st.booleans()) else "案"
    ledger.decisions.extend(CaseDecision(c, decision, part if n == 0 else None) for n, c in enumerate(cases))
    return f"列管編號 {listed} {count}{verb}"


@st.composite
def _conclusion_text(draw: st.DrawFn, ledger: _Ledger) -> tuple[str, bool]:
    """The text of one conclusion and whether it puts its matter under tracking."""
    parts = [draw(sentences(max_clauses=2))[:-1]]
    tracked = False
    special = draw(st.sampled_from(["none", "none", "decision", "tracked", "deadline", "tracked_until"]))
    if special == "decision":
        parts.insert(draw(st.integers(0, 1)), _decision_phrase(draw, ledger))
    elif special == "tracked":
        parts.insert(0, f"本案列管，請{draw(st.sampled_from(AGENCIES))}{draw(st.sampled_from(_VERBS))}")
        tracked = True
    elif special == "deadline" and ledger.meeting is not None:
        deadline = _deadline_phrase(draw, ledger.meeting)
        action = draw(st.sampled_from(_ACTIONS)).format(o=draw(st.sampled_from(_OBJECTS)))
        parts.append(f"請{draw(st.sampled_from(AGENCIES))}於{deadline.text}{action}")
        ledger.deadline(deadline)
    elif special == "tracked_until" and ledger.meeting is not None:
        year = ledger.meeting.year + draw(st.integers(0, 3))
        deadline = Deadline(f"{to_roc_year(year)}年底", dt.date(year, 12, 31))
        parts.append(f"{draw(st.sampled_from(_OBJECTS))}持續列管至 {to_roc_year(year)} 年底")
        ledger.deadline(deadline)
        tracked = True
    return "；".join(parts) + "。", tracked


@st.composite
def _conclusions(draw: st.DrawFn, ledger: _Ledger, *, min_size: int = 1, max_size: int = 4) -> list[Conclusion]:
    n = draw(st.integers(min_size, max_size))
    if n == 0:
        return []
    if n == 1 and draw(st.booleans()):
        text, tracked = draw(_conclusion_text(ledger))
        return [Conclusion(text=text, tracked=tracked)]
    out = []
    for k in range(1, n + 1):
        text, tracked = draw(_conclusion_text(ledger))
        if draw(st.integers(0, 5)) == 0:
            text += "\n" + "\n".join(f"{j}、{draw(sentences(max_clauses=1))}" for j in range(1, draw(st.integers(2, 3)) + 1))
        out.append(Conclusion(text=text, label=to_chinese(k), tracked=tracked))
    return out


def _speaker(draw: st.DrawFn) -> str:
    agency = draw(st.sampled_from(AGENCIES))
    person = draw(st.sampled_from([draw(st.sampled_from(SURNAMES)), _name(draw)]))
    return agency + person + draw(st.sampled_from(SPEAKER_TITLES))


@st.composite
def _remark(draw: st.DrawFn, kinds: list[str]) -> Remark:
    paragraphs = [draw(sentences())]
    if draw(st.integers(0, 3)) == 0:
        paragraphs = [f"（{to_chinese(k)}）{draw(sentences())}" for k in range(1, draw(st.integers(2, 3)) + 1)]
    return Remark(speaker=_speaker(draw), text="\n".join(paragraphs), kind=draw(st.sampled_from(kinds)))


@st.composite
def _item(draw: st.DrawFn, number: int, kind: SectionKind, ledger: _Ledger) -> Item:
    obj = draw(st.sampled_from(_OBJECTS))
    title = draw(st.sampled_from(_TITLE_FORMS)).format(o=obj, a=draw(st.sampled_from(AGENCIES)))
    presenter = draw(st.sampled_from([None, *AGENCIES, "勞動局、法務局"]))
    item = Item(title=title, label=to_chinese(number), presenter=presenter)
    if kind in ("reports", "other") and draw(st.integers(0, 3)) == 0:
        item.body = draw(sentences())
    if kind == "discussions":
        explanation = [draw(sentences())]
        if draw(st.booleans()):
            explanation += [f"{to_chinese(k)}、{draw(sentences(max_clauses=1))}" for k in range(1, draw(st.integers(2, 3)) + 1)]
        item.explanation = "\n".join(explanation)
        if draw(st.booleans()):
            item.proposed_action = draw(sentences(max_clauses=2))
    kinds = ["口頭報告", *REMARK_KINDS] if kind == "motions" else REMARK_KINDS
    item.remarks = draw(st.lists(_remark(kinds), max_size=2 if kind != "motions" else 1))
    item.conclusions = draw(_conclusions(ledger, min_size=0 if kind != "discussions" else 1))
    if item.conclusions:
        item.conclusion_heading = "決議" if kind == "discussions" else draw(st.sampled_from(CONCLUSION_HEADINGS))
    return item


def _previous_heading(draw: st.DrawFn, meeting: dt.date | None, session: SessionNumber, series: str) -> tuple[str, PreviousMinutes | None]:
    if meeting is not None and draw(st.integers(0, 3)) > 0:
        when = meeting - dt.timedelta(days=draw(st.integers(7, 60)))
        number = (session.number - 1) if session.number and session.number > 1 else draw(st.integers(1, 400))
        spaced = draw(st.booleans())
        heading = f"宣讀本府 {format_roc_date(when, spaced=spaced)} 第 {number} 次{series}紀錄"
        return heading, PreviousMinutes(session=number, date=when)
    heading = draw(st.sampled_from(["確認上次會議紀錄", "宣讀上次會議紀錄"]))
    if session.number is not None and session.number > 1:
        return heading, PreviousMinutes(session=session.number - 1, date=None)
    return heading, None


@st.composite
def _sections(
    draw: st.DrawFn, meeting: dt.date | None, session: SessionNumber, series: str, ledger: _Ledger
) -> tuple[list[Section], PreviousMinutes | None]:
    bureau_style = draw(st.integers(0, 4)) == 0
    kinds: list[SectionKind] = []
    if draw(st.booleans()):
        kinds.append("previous_minutes")
    if bureau_style:
        kinds += draw(st.lists(st.sampled_from(["chair_directives", "general_conclusions"]), min_size=1, max_size=2))
    else:
        if draw(st.integers(0, 5)) == 0:
            kinds.append("other")
        kinds += [k for k in ("reports", "discussions", "motions") if draw(st.booleans())]
        if draw(st.booleans()):
            kinds.append(draw(st.sampled_from(["general_conclusions", "chair_directives"])))
    start = draw(st.integers(1, 5)) if bureau_style else 1
    sections: list[Section] = []
    previous: PreviousMinutes | None = None
    for offset, kind in enumerate(kinds):
        label = to_chinese(start + offset) if bureau_style else to_financial(start + offset)
        section = Section(label=label, kind=kind, heading=_heading(draw, kind))
        if kind == "previous_minutes":
            section.heading, previous = _previous_heading(draw, meeting, session, series)
            section.conclusions = draw(_conclusions(ledger, max_size=2))
            section.conclusion_heading = draw(st.sampled_from(CONCLUSION_HEADINGS))
        elif kind in ("general_conclusions", "chair_directives"):
            section.conclusions = draw(_conclusions(ledger, max_size=5))
            if len(section.conclusions) == 1 and section.conclusions[0].label is None:
                section.conclusion_heading = draw(st.sampled_from(CONCLUSION_HEADINGS))
        else:
            section.items = [draw(_item(n, kind, ledger)) for n in range(1, draw(st.integers(0, 3)) + 1)]
        sections.append(section)
    return sections, previous


def _heading(draw: st.DrawFn, kind: SectionKind) -> str:
    return {
        "reports": "報告事項",
        "discussions": draw(st.sampled_from(["討論事項", "提案討論"])),
        "motions": "臨時動議",
        "general_conclusions": "綜合會議結論",
        "chair_directives": "主席裁示事項",
        "other": draw(st.sampled_from(OTHER_HEADINGS)),
        "previous_minutes": "",
    }[kind]


def _title(draw: st.DrawFn, organisation: str | None, series: str, session: SessionNumber) -> str:
    gap = draw(st.sampled_from(["", " "]))
    numbered = ""
    if session.number is not None:
        numbered = f"第{gap}{session.number}{gap}次"
        if session.year is not None:
            numbered = f"{session.year}{gap}年{numbered}"
    prefix = f"{organisation}{gap if numbered else ''}" if organisation else ""
    return f"{prefix}{numbered}{series}紀錄"


@st.composite
def minutes_documents(draw: st.DrawFn) -> Minutes:
    """A whole, self-consistent minutes document (see the module docstring for what that promises)."""
    organisation = draw(st.sampled_from([None, *ORGANISATIONS]))
    series = draw(st.sampled_from(SERIES))
    number = draw(st.one_of(st.none(), st.integers(1, 999)))
    year = draw(st.one_of(st.none(), st.integers(100, 125))) if number is not None else None
    session = SessionNumber(number=number, year=year)
    meeting = draw(st.one_of(st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)), st.none()))
    start = draw(st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0))))
    end = draw(st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0))))
    chair = Chair(_name(draw), draw(st.one_of(st.none(), st.sampled_from(CHAIR_TITLES))))
    location = draw(st.one_of(st.none(), st.sampled_from(LOCATIONS)))
    recorder = draw(st.one_of(st.none(), st.just(_name(draw))))
    attendance = Attendance(
        present=draw(st.one_of(st.none(), st.sampled_from(ATTENDANCE))),
        observers=draw(st.one_of(st.none(), st.sampled_from(ATTENDANCE))),
        excused=draw(st.one_of(st.none(), st.sampled_from(ATTENDANCE[2:]))),
    )
    ledger = _Ledger(meeting=meeting, session_base=draw(st.integers(90, 400)))
    sections, previous = draw(_sections(meeting, session, series, ledger))
    return Minutes(
        title=_title(draw, organisation, series, session),
        organisation=organisation,
        series=series,
        session=session,
        date=meeting,
        start_time=start,
        end_time=end,
        location=location,
        chair=chair,
        recorder=recorder,
        attendance=attendance,
        previous_minutes=previous,
        sections=sections,
        case_decisions=ledger.decisions,
        deadlines=ledger.deadlines,
    )
