"""The demo city's one submitted work report: 資訊局's report on 114 年下半年 to the council.

Invented for the demo. It is made as the secretariat would make it: Lieguan
drafts the skeleton (the figures it holds and 貳 from the KPI register), each
unit writes its part, 參 lists next year's work, and the report goes through
review and approval to the council, leaving a revision at every step.
"""

from __future__ import annotations

from django.db import transaction

from lieguan.demo.city import ACTOR
from lieguan.organisations.models import Organisation
from lieguan.workreports import actions as w
from lieguan.workreports.models import ReportPart, WorkReport

AGENCY = "dit"
YEAR, HALF = 2025, 2

COVER = {
    "audience": "臨海市議會第5屆第2次定期大會",
    "month": "2026-03",
}

# unit code → the part that unit writes, in the report's part markup (see the editor's 撰寫說明).
UNIT_PARTS: dict[str, str] = {
    "dit-office": "\n".join(
        [
            "（一）預算執行",
            "本期資本門預算執行率 92.4%，經常門預算執行率 96.1%，均較上年同期提升。",
            "（二）人力進用",
            "本期新進資訊人員 7 人，辦理新進人員資安及系統開發訓練共 4 場次。",
        ]
    ),
    "dit-strategy": "\n".join(
        [
            "（一）市政資料開放",
            "本期新增開放資料集 38 項，累計 1,126 項；各資料集下載次數如下表：",
            "| 項次 | 資料類別 | 資料集數 | 下載次數 |",
            "| 1 | 交通運輸 | 214 | 3 萬 1,208 次 |",
            "| 2 | 環境品質 | 167 | 1 萬 8,540 次 |",
            "| 3 | 文化觀光 | 132 | 9,876 次 |",
            "| 4 | 其他類別 | 613 | 2 萬 2,305 次 |",
            "",
            "（二）數位轉型輔導",
            "1、完成交通局、衛生局 2 個機關之業務流程數位化評估，提出改善建議 23 項。",
            "2、辦理跨機關數位轉型工作坊 3 場次，計 146 人次參加。",
        ]
    ),
    "dit-security": "\n".join(
        [
            "（一）資安監控與通報",
            "本期資安監控中心偵測異常事件 412 件，經研判屬資安事件者 9 件，均於 1 小時內完成通報。",
            "（二）社交工程演練",
            "本期對各機關辦理社交工程演練 2 次，寄送演練郵件 1 萬 2,600 封，郵件點擊率 2.8%，較上期 3.5% 下降。",
        ]
    ),
    "dit-innovation": "\n".join(
        [
            "（一）線上申辦服務",
            "本期新增線上申辦項目 26 項，線上申辦件數 1 萬 6,034 件，較上年同期成長 15.3%。",
            "（二）市民服務平台",
            "市民服務平台本期改版上線，新增案件進度查詢及行動支付功能，平台使用人次達 48 萬 2,110 人次。",
        ]
    ),
}

FUTURE = "\n".join(
    [
        "一、推動機關共用雲端平台，115 年完成 12 個機關之系統遷移。",
        "二、擴大資安聯防範圍至各區公所，建立 24 小時監控及通報機制。",
        "三、建置開放資料品質檢核機制，提升資料集更新頻率及可用性。",
        "四、持續擴充線上申辦項目，目標 115 年底線上申辦服務達 300 項。",
    ]
)

STEPS = (WorkReport.State.REVIEW, WorkReport.State.APPROVED, WorkReport.State.SUBMITTED)


def load_work_report(orgs: dict[str, Organisation]) -> int:
    """資訊局's submitted report, made once; returns how many work reports the demo city holds."""
    agency = orgs[AGENCY]
    if not WorkReport.objects.filter(organisation=agency, year=YEAR, half=HALF).exists():
        with transaction.atomic():
            report = w.do_create_report(ACTOR, agency, year=YEAR, half=HALF)
            w.do_update_cover(ACTOR, report, **COVER)
            for part in report.parts.select_related("unit").order_by("position"):
                if part.unit is not None and part.unit.code in UNIT_PARTS and part.kind == ReportPart.Kind.RESULTS:
                    w.do_save_part(ACTOR, part, body=UNIT_PARTS[part.unit.code])
                elif part.kind == ReportPart.Kind.FUTURE and part.level == 0:
                    w.do_save_part(ACTOR, part, body=FUTURE)
            for state in STEPS:
                report = w.do_transition(ACTOR, report, state)
    return WorkReport.objects.count()
