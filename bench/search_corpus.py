"""An invented corpus for the search benchmark: conclusions as a city government's meetings word them.

Every phrase here was written for this benchmark (the demo city 臨海市政府);
a seeded generator combines them into conclusions of 30–150 characters with
agency names, dates, amounts and the Latin words officials write in Chinese
text (KIOSK, TaipeiON-like platform names, PoC, AI, 5G).
"""

from __future__ import annotations

import random

AGENCIES = [
    "資訊局", "財政局", "工務局", "都發局", "環保局", "交通局", "社會局", "教育局", "衛生局", "民政局",
    "產業局", "觀傳局", "文化局", "體育局", "消防局", "警察局", "地政局", "主計處", "人事處", "政風處",
    "秘書處", "法務局", "研考會", "公管中心", "捷運公司", "勞動局", "兵役局", "原民會", "客委會", "新工處",
]
TOPICS = [
    "公務車輛統一調派", "市政大樓停車位管理", "智慧城市示範計畫", "開口契約採購", "社會住宅興建", "資訊安全稽核",
    "防災演練", "都市更新推動", "行人安全改善", "雨水下水道清淤", "公有市場改建", "校園網路頻寬擴充",
    "長照服務據點", "登革熱防治", "垃圾清運路線", "空氣品質監測", "自行車道串連", "公車路網調整",
    "捷運站周邊整建", "騎樓整平", "路燈節能更新", "公園綠地認養", "河濱公園維護", "老舊建物耐震補強",
    "市有房地活化", "公文電子化", "線上申辦服務", "免書證服務", "民眾陳情案件", "議員質詢答復",
    "年度預算編列", "特別預算執行", "決算審核意見", "人力進用規劃", "員工協助方案", "廉政宣導",
    "採購稽核", "會議資料電子化", "視訊會議設備", "機房搬遷", "雲端服務導入", "個人資料保護",
    "數位學習平台", "圖書館智慧化", "運動中心營運", "藝文活動推廣", "觀光行銷活動", "夜市環境改善",
    "市場攤商輔導", "青年創業補助", "就業媒合活動", "身心障礙者就業", "托育補助", "公共托嬰中心",
    "幼兒園招生", "學校午餐", "校舍改建", "通學步道", "交通號誌優化", "停車收費調整",
    "違規停車取締", "共享運具管理", "電動機車充電站", "充電樁設置", "太陽光電設置", "節能減碳",
    "淨零排放路徑", "水資源回收", "污水下水道接管", "山坡地管理", "土石流防災", "颱風防救準備",
    "避難收容處所", "消防安全檢查", "老舊公寓電梯", "建築執照審查", "違章建築拆除", "地籍圖重測",
    "區段徵收", "市地重劃", "都市計畫通盤檢討", "公共藝術設置", "古蹟修復", "眷村文化保存",
    "里民活動中心", "里長座談", "戶政服務", "役男體檢", "原住民族文化", "客家文化節",
    "疫苗接種站", "防疫物資盤點", "實聯制系統退場", "醫療量能整備", "食品安全抽驗", "動物收容",
    "KIOSK 自助服務機", "TaipeiON 群組推播", "AI 客服導入", "5G 智慧路燈", "PoC 徵案", "ESG 報告書",
    "APP 功能改版", "Wi-Fi 熱點擴充", "GIS 圖資整合", "BIM 建築資訊模型", "IoT 感測器佈建", "OpenData 開放資料",
]
ACTIONS = [
    "評估", "研議", "儘速辦理", "持續追蹤", "會同相關機關研商", "通盤檢討", "加強宣導", "擬訂執行計畫",
    "盤點現況", "確實督導", "協助彙整", "積極推動", "妥適處理", "依規定辦理", "檢討改善", "研提具體作法",
]
FOLLOWUPS = [
    "並請注意執行期程", "並將辦理情形提報下次會議", "以符合民眾期待", "兼顧公平性與效率", "避免影響市民權益",
    "並視實際需求分階段辦理", "所需經費請循預算程序辦理", "如有窒礙難行之處請及早提出", "請各機關全力配合",
    "並加強橫向聯繫", "以提升服務品質", "相關資料請上傳知識管理平台", "俾利後續追蹤列管", "並確保資訊安全",
]
DEADLINES = ["月底前", "年底前", "下次會議前", "3 個月內", "6 個月內", "10 個工作日內", "兩週內", "本年度內"]
OPENINGS = ["", "", "有關", "關於", "針對", "為利", "考量"]
CLOSINGS = ["本案列管。", "洽悉。", "准予備查。", "請持續辦理。", "", "", ""]


def conclusion(rng: random.Random) -> str:
    agency = rng.choice(AGENCIES)
    topic = rng.choice(TOPICS)
    parts = [f"{rng.choice(OPENINGS)}{topic}一案，請{agency}{rng.choice(ACTIONS)}"]
    if rng.random() < 0.5:
        other = rng.choice(AGENCIES)
        parts.append(f"並請{other}協助{rng.choice(ACTIONS)}{rng.choice(TOPICS)}")
    if rng.random() < 0.6:
        parts.append(rng.choice(FOLLOWUPS))
    if rng.random() < 0.35:
        year = rng.randint(100, 115)
        parts.append(f"目標為 {year} 年完成 {rng.randint(2, 500)} 處，經費約 {rng.randint(1, 900)} 萬元")
    if rng.random() < 0.5:
        parts.append(f"於{rng.choice(DEADLINES)}提報辦理情形")
    text = "，".join(parts) + "。" + rng.choice(CLOSINGS)
    return text


def item_title(rng: random.Random) -> str:
    return f"{rng.choice(TOPICS)}{rng.choice(['辦理情形', '執行進度', '專案報告', '檢討報告', '規劃說明'])}"


# Queries, by what the benchmark reports on. Every word occurs in the generated text.
TWO = ["公文", "列管", "車輛", "預算", "採購", "契約", "防疫", "停車", "補助", "宣導", "資安", "評估", "盤點", "經費",
       "路燈", "校舍", "颱風", "古蹟", "托育", "夜市"]
THREE = ["公務車", "資訊局", "停車位", "教育局", "下水道", "工務局", "充電樁", "圖書館", "社會局", "衛生局",
         "消防局", "警察局", "地政局", "法務局", "研考會", "文化局", "捷運站", "充電站", "幼兒園", "自行車"]
FOUR = ["智慧城市", "開口契約", "社會住宅", "資訊安全", "防災演練", "都市更新", "行人安全", "公車路網", "市場攤商",
        "青年創業", "淨零排放", "區段徵收", "疫苗接種", "動物收容", "公共藝術", "垃圾清運", "校園網路", "建築執照",
        "節能減碳", "古蹟修復"]
PHRASES = ['"資訊局 評估"', '"公務車輛 統一調派"', '"社會住宅 興建"', '"請工務局 儘速辦理"', '"KIOSK 自助服務機"',
           '"並請 財政局 協助"', '"充電樁 設置"', '"年底前 提報"', '"開口契約 採購"', '"AI 客服"']
ONE = ["車", "燈", "橋", "港", "稅", "樹", "水", "電", "房", "校"]
LATIN = ["KIOSK", "kiosk", "TaipeiON", "PoC", "poc", "AI", "5G", "ESG", "Wi-Fi", "OpenData"]
