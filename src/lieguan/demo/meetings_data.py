"""The demo city's past meetings: invented minutes, written for the demo.

Each meeting is plain data: the loader turns it into agenda, remarks and
conclusions through the meetings actions, as a recorder would.
A conclusion written as a dict ({"text", "lead", "co"}) is one the meeting put under
tracking (選項列管) with its lead and co-organising agencies; "decisions" on the
status-report item are recorded at that meeting as (case, release|continue, agencies).
"""

from __future__ import annotations

from typing import Any

Conclusions = list[Any]

CHIEF_SECRETARIES: dict[str, Any] = {
    "code": "chief-secretaries",
    "owner": "city",
    "name": "主任秘書會報",
    "level": "city",
    "numbering": "sequential",
    "pattern": "{session}-{seq}",
    "public": True,
    "chair": "林予安",
    "recorder": "許文華",
    "location": "市政大樓北區十二樓第一會議室",
    "invitees": ["馮柏均", "韓志豪", "邱冠宇", "湯巧文", "羅振邦", "賴美玲", "簡國樑", "魏子翔", "江品萱", "梁家豪", "陶雅文"],
    "observers": ["范嘉怡", "何佩真"],
    "meetings": [
        {
            "number": 85,
            "start": "2026-07-16 10:00",
            "end": "11:20",
            "reports": [
                {
                    "title": "主任秘書會報會議結論事項執行情形",
                    "conclusions": ["洽悉。"],
                },
                {
                    "title": "颱風季前各機關防災整備情形",
                    "presenter": "都發局",
                    "remarks": [("交通局簡主秘", "補充說明", "本局已完成轄管 12 處易積水路段抽水機檢修，並與各區公所建立即時通報群組。")],
                    "conclusions": [
                        "請各機關於颱風警報發布前完成轄管工地及廣告物之巡查加固。",
                        {"text": "請都發局彙整各機關防災整備清單，於 8 月底前提報本會報。", "lead": "都發局"},
                    ],
                },
                {
                    "title": "本府公務車輛共乘調度試辦成果",
                    "presenter": "秘書處",
                    "conclusions": ["洽悉。"],
                },
            ],
            "general": [
                "暑期各機關同仁輪休期間，請妥善安排職務代理，確保為民服務不中斷。",
                "請各機關注意用電高峰時段之節能措施，空調溫度設定不低於攝氏 26 度。",
            ],
        },
        {
            "number": 86,
            "start": "2026-08-20 10:00",
            "end": "11:35",
            "reports": [
                {
                    "title": "主任秘書會報會議結論事項執行情形",
                    "conclusions": [],
                    "decisions": [("85-1", "continue", ())],
                },
                {
                    "title": "本府各機關公文線上簽核推動情形",
                    "presenter": "秘書處",
                    "remarks": [
                        ("教育局韓主秘", "補充說明", "所屬學校因網路頻寬不足，線上簽核比率偏低，已請資訊局協助評估頻寬擴充。"),
                        ("資訊局馮主秘", "補充說明", "本局將於下月完成 30 所學校頻寬盤點，並提出分年擴充規劃。"),
                    ],
                    "conclusions": [
                        {
                            "text": "請資訊局評估學校網路頻寬擴充方案，並請教育局協助彙整各校需求，於 10 月底前提報。",
                            "lead": "資訊局",
                            "co": ["教育局"],
                        },
                        "線上簽核比率未達 80% 之機關，請於局（處）務會議檢討改善。",
                    ],
                },
                {
                    "title": "市民陳情案件處理時效統計",
                    "presenter": "研考會",
                    "conclusions": [
                        {"text": "逾期未結之陳情案件，請各機關於 2 週內清理完畢，並由研考會持續追蹤。", "lead": "研考會"},
                    ],
                },
            ],
            "motions": [
                {
                    "speaker": "財政局邱主秘",
                    "text": "市有閒置空間活化案已完成第一階段盤點，共計 17 處可供短期出租。",
                    "presenter": "財政局",
                    "conclusions": ["請財政局會同都發局研議閒置空間之公益使用優先順序。"],
                }
            ],
            "general": ["請各機關加強資通安全意識宣導，勿於公務電腦安裝未經核可之軟體。"],
        },
        {
            "number": 87,
            "start": "2026-09-17 10:00",
            "end": "11:15",
            "reports": [
                {
                    "title": "主任秘書會報會議結論事項執行情形",
                    "conclusions": [],
                    "decisions": [("85-1", "release", ()), ("86-1", "continue", ()), ("86-2", "continue", ())],
                },
                {
                    "title": "臨海觀光季系列活動籌備情形",
                    "presenter": "觀傳局",
                    "remarks": [("捷運公司梁經理", "補充說明", "活動期間將加開週末夜間班次，並於主要車站增設引導人員。")],
                    "conclusions": [
                        "請觀傳局會同交通局、捷運公司完成活動期間之交通疏運計畫。",
                        {"text": "活動場地無障礙設施請文化局於 10 月 15 日前完成檢查並改善。", "lead": "文化局", "co": ["觀傳局"]},
                    ],
                },
                {
                    "title": "115 年度預算執行進度",
                    "presenter": "主計處",
                    "conclusions": ["執行率未達 70% 之機關，請於第 4 季加速辦理，並於年底前完成應付款項核銷。"],
                },
            ],
            "general": ["市長室會議之報告機關，首長務必親自出席。"],
        },
        {
            "number": 88,
            "start": "2026-10-15 10:00",
            "end": "11:40",
            "reports": [
                {
                    "title": "主任秘書會報會議結論事項執行情形",
                    "conclusions": ["請各機關持續掌握列管案件辦理進度，落後案件應於局（處）務會議檢討。"],
                    "decisions": [
                        ("86-1", "release", ("資訊局",)),
                        ("86-1", "continue", ("教育局",)),
                        ("86-2", "release", ()),
                        ("87-1", "continue", ()),
                    ],
                },
                {
                    "title": "市政大樓智慧節能改善計畫",
                    "presenter": "公管中心",
                    "remarks": [("公管中心陶主任", "補充報告", "北區空調主機汰換完成後，上月用電量較去年同期下降 11%。")],
                    "conclusions": [
                        "請公管中心持續追蹤節能成效，並於明年第 1 季提出南區改善規劃。",
                        {"text": "請公管中心會同各機關於 12 月底前完成辦公室照明設備汰換為 LED 之盤點。", "lead": "公管中心"},
                    ],
                },
                {
                    "title": "個人資料保護稽核結果",
                    "presenter": "法務局",
                    "conclusions": ["稽核發現之缺失，請各機關於 1 個月內改善完竣，並將改善情形送法務局。"],
                },
            ],
            "general": [
                "年終各項考核將屆，請各機關提早準備相關資料。",
                "請各機關落實公務機密維護，公文附件勿以私人通訊軟體傳送。",
            ],
        },
    ],
    "upcoming": {
        "number": 89,
        "start": "2026-12-17 10:00",
        "reports": [
            {"title": "主任秘書會報會議結論事項執行情形"},
            {"title": "116 年度各機關資訊預算編列情形", "presenter": "資訊局"},
            {"title": "年終歲末市政大樓安全維護措施", "presenter": "公管中心"},
        ],
    },
}

SECRETARIAT_OFFICE: dict[str, Any] = {
    "code": "secretariat-office",
    "owner": "secretariat",
    "name": "處務會議",
    "level": "agency",
    "numbering": "sequential",
    "pattern": "{session}{seq:02}",
    "public": False,
    "chair": "何佩真",
    "recorder": "鄭雅婷",
    "location": "秘書處第二會議室",
    "invitees": ["許文華", "宋立群", "陶雅文"],
    "observers": [],
    "meetings": [
        {
            "number": 41,
            "start": "2026-09-10 14:00",
            "end": "15:05",
            "reports": [
                {
                    "title": "第 40 次處務會議結論事項辦理情形報告",
                    "conclusions": ["同意備查。"],
                },
                {
                    "title": "各組室業務工作報告",
                    "remarks": [
                        ("總務組宋組長", "補充報告", "公務車輛定期保養已完成 8 輛，其餘 3 輛排定下週進廠。"),
                        ("文書組許專員", "補充報告", "本月檔案清查完成 1,200 卷，銷毀計畫已陳報核定。"),
                    ],
                    "conclusions": [
                        "同意備查。",
                        {"text": "請總務組研擬公務車輛汰換五年計畫，提送處長參考。", "lead": "總務組"},
                    ],
                },
            ],
            "motions": [
                {
                    "speaker": "公管中心陶主任",
                    "text": "建議於市政大樓各樓層增設飲水機濾心更換紀錄公告。",
                    "presenter": "公管中心",
                    "conclusions": [{"text": "本案列管，請公管中心於 10 月底前完成公告。", "lead": "公管中心"}],
                }
            ],
        },
        {
            "number": 42,
            "start": "2026-10-08 14:00",
            "end": "14:50",
            "reports": [
                {
                    "title": "第 41 次處務會議結論事項辦理情形報告",
                    "conclusions": ["同意備查。"],
                    "decisions": [("4102", "release", ()), ("4101", "continue", ())],
                },
                {
                    "title": "各組室業務工作報告",
                    "conclusions": ["同意備查。", "請文書組規劃年度檔案管理教育訓練，鼓勵同仁踴躍參加。"],
                },
            ],
        },
    ],
    "upcoming": {
        "number": 43,
        "start": "2026-12-10 14:00",
        "reports": [{"title": "第 42 次處務會議結論事項辦理情形報告"}, {"title": "各組室業務工作報告"}],
    },
}

IT_BOARD: dict[str, Any] = {
    "code": "dit-board",
    "owner": "dit",
    "name": "局務會議",
    "level": "agency",
    "numbering": "yearly",
    "pattern": "{year}-{session}-{seq}",
    "public": False,
    # The bureau keeps its part of city-level cases until the city releases them and it is reported here.
    "release_after_parent": True,
    "chair": "唐思遠",
    "recorder": "白芷寧",
    "location": "資訊局第一研討室",
    "invitees": ["馮柏均"],
    "observers": [],
    "meetings": [
        {
            "number": 10,
            "start": "2026-10-20 14:00",
            "end": "15:30",
            "reports": [
                {"title": "府級列管案件辦理情形", "conclusions": ["同意備查。"]},
            ],
            "general": ["學校網路頻寬擴充案雖經府級解除本局部分之列管，仍請策略中心持續追蹤至教育局完成彙整。"],
            # City-level cases this bureau keeps tracking itself: (parent number, lead unit).
            "spawn": [("86-1", "策略中心")],
        }
    ],
    "upcoming": {
        "number": 11,
        "start": "2026-12-15 14:00",
        "reports": [{"title": "府級列管案件辦理情形"}, {"title": "116 年度資安演練規劃", "presenter": "資安中心"}],
    },
}

SERIES = [CHIEF_SECRETARIES, SECRETARIAT_OFFICE, IT_BOARD]
