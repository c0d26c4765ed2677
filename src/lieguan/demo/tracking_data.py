"""The demo city's tracking: progress reports before each meeting, and cases from other sources.

Invented for the demo. Reports are keyed by (series code, meeting number) of the
meeting that reviews them; each is (case number, agency, account, text, proposal).
"""

from __future__ import annotations

from typing import Any

REPORTS: dict[tuple[str, int], list[tuple[str, str, str, str, str]]] = {
    ("chief-secretaries", 87): [
        ("86-1", "資訊局", "liaison", "已完成 18 所國小頻寬盤點，其中 7 所尖峰時段使用率逾 90%，刻正研擬擴充規格。", "continue"),
        ("86-1", "教育局", "liaison2", "已函請各校於 9 月底前填報網路使用需求，目前回收 62%。", "continue"),
    ],
    ("chief-secretaries", 88): [
        ("86-1", "資訊局", "liaison", "擴充方案已完成並送教育局，116 年度預算已編列所需經費，擬解除列管。", "release"),
        ("86-1", "教育局", "liaison2", "各校需求已彙整完成，惟偏遠地區 5 校尚待電信業者評估線路，擬繼續列管。", "continue"),
    ],
    ("chief-secretaries", 89): [
        ("86-1", "教育局", "liaison2", "偏遠地區 5 校中已有 3 校完成線路評估，其餘 2 校預計 12 月中旬完成。", "continue"),
    ],
}

# source, reference, owner code, title, text, lead, co, opened (ISO), working days or deadline (ISO);
# or, for a case that must stay overdue by a few working days whenever the demo is loaded, opened and
# deadline as days before the day of loading (so that `lieguan remind` shows tier 1 reaching a head).
OTHER_CASES: list[dict[str, Any]] = [
    {
        "source": "mayor",
        "reference": "市長承諾 115-07",
        "owner": "rdec",
        "title": "捷運站周邊人行道無障礙改善",
        "text": "市長於市民座談會承諾，於 116 年 6 月底前完成 20 處捷運站出入口周邊人行道無障礙改善。",
        "lead": "transport",
        "co": ["metro"],
        "opened": "2026-07-20",
        "deadline": "2027-06-30",
    },
    {
        "source": "petition",
        "reference": "陳情 1150932",
        "owner": "rdec",
        "title": "校園網路申請流程過於繁複",
        "text": "市民陳情國小家長會申請校園網路使用流程繁複，請教育局會同資訊局簡化流程並回復陳情人。",
        "lead": "edu",
        "co": ["dit"],
        "opened": "2026-10-26",
        "working_days": 10,
    },
    {
        "source": "councillor",
        "reference": "議員索資 115-118",
        "owner": "rdec",
        "title": "市府資訊預算執行明細",
        "text": "議員索取 115 年度各機關資訊預算執行明細，請資訊局彙整後提供。",
        "lead": "dit",
        "co": [],
        "opened": "2026-11-10",
        "working_days": 5,
    },
    {
        "source": "councillor",
        "reference": "議員索資 115-131",
        "owner": "rdec",
        "title": "公車候車亭遮雨棚增設進度",
        "text": "議員索取本年度公車候車亭遮雨棚增設進度及各行政區分布，請交通局提供書面資料。",
        "lead": "transport",
        "co": [],
        "opened_days_ago": 30,
        "deadline_days_ago": 12,
    },
]
