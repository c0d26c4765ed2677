"""The general vocabulary of Taiwanese government minutes, as patterns.

Nothing here names a particular city, meeting or agency: these are the words
every set of minutes uses (會議結論, 決議, 補充說明, 局/處/會/中心 …). Every
quantifier is bounded so that a match attempt costs a constant amount of work
however long the line is.
"""

from __future__ import annotations

import re
from typing import Final

from lieguan.minutes.model import SectionKind
from lieguan.minutes.parser.memo import short_text_cache


def spaced(word: str) -> str:
    """A pattern for ``word`` that tolerates the spaces typists put between characters (主　席)."""
    return r"\s{0,2}".join(re.escape(c) for c in word)


COLON: Final = "[:：]"
OPEN: Final = "[(（]"
CLOSE: Final = "[)）]"
# Characters that end a sentence, a heading or a bracketed note: a line that ends
# with one of them was not cut by a page break.
TERMINAL: Final = frozenset("。！？!?；;：:」』）)】]…")
# Characters that can only stand inside a sentence: a line ending with one was cut.
CONTINUING: Final = frozenset("，,、")

# ---------------------------------------------------------------- header fields
HEADER_FIELDS: Final[dict[str, str]] = {
    "時間": "time",
    "日期": "time",
    "開會時間": "time",
    "開會日期": "time",
    "會議時間": "time",
    "會議日期": "time",
    "地點": "place",
    "開會地點": "place",
    "會議地點": "place",
    "主席": "chair",
    "主持人": "chair",
    "紀錄": "recorder",
    "記錄": "recorder",
    "紀錄人": "recorder",
    "記錄人": "recorder",
    "紀錄人員": "recorder",
    "記錄人員": "recorder",
    "紀錄彙整": "recorder",
    "記錄彙整": "recorder",
    "彙整": "recorder",
    # Councils name the clerk who keeps the verbatim record under 列席／本會.
    "總紀錄": "recorder",
    "總記錄": "recorder",
    "出席": "present",
    "出席者": "present",
    "出席人員": "present",
    "出席委員": "present",
    "出席議員": "present",
    "出席單位": "present",
    "出席單位人員": "present",
    "出列席人員": "present",
    "出列席單位": "present",
    "出（列）席人員": "present",
    "出(列)席人員": "present",
    "列席": "observers",
    "列席者": "observers",
    "列席人員": "observers",
    "列席單位": "observers",
    "列席單位人員": "observers",
    "請假": "excused",
    "請假者": "excused",
    "請假人員": "excused",
    "請假委員": "excused",
    "請假議員": "excused",
    "缺席": "excused",
    "缺席議員": "excused",
    # Fields some heads carry that the minutes keep no value of; they still end the field before them.
    "議程": "agenda",
    "來賓": "guests",
}
_FIELD_WORDS = "|".join(spaced(w) for w in sorted(HEADER_FIELDS, key=len, reverse=True))
# A field word is a field only when a colon, a bracket, a space or the end of the
# line follows it: 主席裁示 is a conclusion heading, not the 主席 field.
HEADER_FIELD: Final = re.compile(rf"(?P<key>{_FIELD_WORDS})\s{{0,3}}(?=[:：(（]|\s|$)")


def header_key(word: str) -> str | None:
    return HEADER_FIELDS.get("".join(word.split()))


# The words that open the meeting: PDF extraction runs them into the last header
# field (紀錄：某某主席宣布開會), where they are no part of the name.
OPENING: Final = re.compile(r"(?:主席|議長|召集人)?\s{0,2}(?:宣布|宣佈|宣告)\s{0,2}(?:開會|開議)$")

# A time range on the 時間 line (下午2時30分至4時10分): the second clock is the end.
TIME_RANGE: Final = re.compile(r"\s{0,2}(?:至|到|~|～|－|—|-)\s{0,2}")


# ---------------------------------------------------------------- sections
_SECTION_PATTERNS: Final[list[tuple[SectionKind, re.Pattern[str]]]] = [
    ("motions", re.compile(r"^(?:臨時動議|臨時提案|臨時提議)(?:事項)?$")),
    ("chair_directives", re.compile(r"^(?:主席|長官|首長|市長)?(?:裁示|指示|提示|裁指示|指裁示)(?:事項)?$")),
    ("general_conclusions", re.compile(r"^(?:綜合會議結論|綜合結論|綜合決議|綜合意見|會議結論|會議決議|結論|主席結論|總結)(?:事項)?$")),
    (
        "previous_minutes",
        re.compile(r"^(?:(?:宣讀|確認|確定|通過|核定).{0,60}?|(?:上次|前次|上一次|上屆)會議)(?:紀錄|記錄)[^:：]{0,20}$"),
    ),
    ("discussions", re.compile(r"^.{0,10}?(?:討論事項|提案討論|討論提案|審議事項|審查事項|研議事項|討論案|提案事項|議案討論|討論)$")),
    ("reports", re.compile(r"^.{0,10}?(?:報告事項|業務報告|工作報告|專案報告|施政報告|單位報告|報告案|業務簡報)$|^報告$")),
    # The carry-over report that bureau meetings give a section of its own.
    ("reports", re.compile(r"^(?:上次|前次|上一次|歷次).{0,30}?(?:執行|辦理)情形(?:報告)?$")),
    (
        "other",
        re.compile(r"^(?:主席致詞|主席致辭|致詞|頒獎|表揚|選舉|宣誓|介紹|合影|專題演講|專題分享|其他事項|其他|宣布開會|開會)$"),
    ),
]
# A heading without a label (a line of its own, or a Markdown heading) is only
# taken for a section with the unmistakable words: 報告 or 討論 alone may be the
# end of a sentence that a page break cut off.
_BARE_SECTION_PATTERNS: Final[list[tuple[SectionKind, re.Pattern[str]]]] = [
    ("motions", re.compile(r"^(?:臨時動議|臨時提案)(?:事項)?$")),
    ("chair_directives", re.compile(r"^(?:主席|長官|首長|市長)(?:裁示|指示|提示)事項$")),
    ("general_conclusions", re.compile(r"^(?:綜合會議結論|綜合結論|綜合決議)$")),
    ("previous_minutes", re.compile(r"^(?:(?:宣讀|確認).{0,40}?|(?:上次|前次)會議)(?:紀錄|記錄)$")),
    ("discussions", re.compile(r"^(?:討論事項|提案討論|討論提案|審議事項|審查事項|研議事項|提案事項)$")),
    ("reports", re.compile(r"^.{0,6}?(?:報告事項|業務報告|工作報告|專案報告|施政報告|單位報告)$")),
]
_HEADING_TRAILER = re.compile(r"[\s:：。．.]+$")


# Asked of the same headings again and again (when joining lines, then in the body): the answer depends on the text alone.
@short_text_cache
def section_kind(heading: str, *, bare: bool = False) -> SectionKind | None:
    """The kind of a section whose heading is ``heading``, or None if it is no known section heading.

    ``bare`` for a heading without an enumeration label, which must be
    unmistakable and must not end like a sentence.
    """
    if bare and heading.rstrip().endswith(("。", ".")):
        return None
    text = squeeze(_HEADING_TRAILER.sub("", heading))
    if not text or len(text) > 70:
        return None
    for kind, pattern in _BARE_SECTION_PATTERNS if bare else _SECTION_PATTERNS:
        if pattern.search(text):
            return kind
    return None


def clean_heading(heading: str) -> str:
    return _HEADING_TRAILER.sub("", heading).strip()


_SPACED_CJK = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]{1,4}(?=[\u4e00-\u9fff])")


def squeeze(text: str) -> str:
    """A heading without the spaces typists put between its characters: 報 告 事 項 → 報告事項."""
    return _SPACED_CJK.sub("", text) if " " in text or "\u3000" in text else text


# ---------------------------------------------------------------- conclusions
CONCLUSION_WORDS: Final = (
    "會議結論",
    "會議決議",
    "會議決定",
    "主席裁示",
    "主席結論",
    "主席指示",
    "主席裁定",
    "主席裁決",
    "審查結論",
    "審議結論",
    # A council's plenary (大會) and its committees resolve in their own name.
    "大會決議",
    "大會議決",
    "委員會決議",
    "審查會決議",
    # A rider resolution is a decision of its own beside the main one.
    "附帶決議",
    # The outcome of a bill's first reading (進行一讀會：交付審查).
    "進行一讀會",
    "裁示",
    "結論",
    "決議",
    "議決",
    "決定",
    "裁決",
)
# Short words open ordinary sentences too (決定 是否…), so only the longer labels
# may be followed by a space instead of a colon, as a flattened table row puts them.
_LONG_CONCLUSION_WORDS = "|".join(spaced(w) for w in sorted(CONCLUSION_WORDS, key=len, reverse=True) if len(w) >= 3)
_ALL_CONCLUSION_WORDS = "|".join(spaced(w) for w in sorted(CONCLUSION_WORDS, key=len, reverse=True))
CONCLUSION_HEADING: Final = re.compile(
    rf"^(?:(?P<word>{_ALL_CONCLUSION_WORDS})\s{{0,3}}(?:[:：]\s{{0,3}}(?P<rest>.*)|$)"
    rf"|(?P<word2>{_LONG_CONCLUSION_WORDS})\s{{1,3}}(?P<rest2>[^\s:：].*))",
    re.DOTALL,
)


# What a decision does with what it decides: a paragraph naming a part (規費收入：照案通過。)
# is a decision of its own only if it says one of these.
OUTCOME_WORDS: Final = re.compile(r"通過|照案|擱置|保留|刪除|刪減|備查|洽悉|同意|不同意|交付|退回|確定|追認|墊付")


# A decision that adopts an item as it was put, so that what its title asks the meeting asks.
ADOPTED_AS_PUT: Final = re.compile(r"^\s{0,2}(?:照案通過|照原案通過|照審查意見通過|照審查意見辦理)")


def conclusion_heading(m: re.Match[str]) -> tuple[str, str, bool]:
    """Read a CONCLUSION_HEADING match: the label without the spaces typists put in it (決 議 → 決議),
    the text after it, and whether it was a cell of a flattened table (a space, not a colon, after the label).
    """
    in_cell = m.group("word") is None
    word = m.group("word2") if in_cell else m.group("word")
    rest = m.group("rest2") if in_cell else m.group("rest")
    return "".join((word or "").split()), (rest or "").strip(), in_cell


# A conclusion standing in brackets after the item it decides: (無異議通過), (予以確定).
# Searched for at the end of a line; what stands before it is the item.
BRACKETED_OUTCOME: Final = re.compile(
    r"[(（]\s{0,2}(?P<outcome>(?:無異議|照案|修正)?通過|予以確定|確定|洽悉|准予備查|同意備查|備查)\s{0,2}[)）][。.]?$"
)

# ---------------------------------------------------------------- discussion items
ITEM_FIELDS: Final[dict[str, str]] = {
    "案由": "title",
    "案名": "title",
    "提案名稱": "title",
    "主旨": "title",
    "說明": "explanation",
    "案情說明": "explanation",
    "案情概要說明": "explanation",
    "案情概要": "explanation",
    "提案說明": "explanation",
    "辦法": "proposed_action",
    "擬辦": "proposed_action",
    "建議辦法": "proposed_action",
    "處理意見": "proposed_action",
    "擬處理意見": "proposed_action",
    "提案單位": "presenter",
    "提案機關": "presenter",
    "提案人": "presenter",
    "報告單位": "presenter",
    "報告機關": "presenter",
    "提報單位": "presenter",
    "主辦單位": "presenter",
}
ITEM_FIELD: Final = re.compile(
    r"^(?P<word>" + "|".join(spaced(w) for w in sorted(ITEM_FIELDS, key=len, reverse=True)) + r")\s{0,3}(?:[:：]\s{0,3}(?P<rest>.*)|$)",
    re.DOTALL,
)


def item_field_key(word: str) -> str:
    """The attribute an ITEM_FIELD word names, spaces and all (案 由 → title)."""
    return ITEM_FIELDS["".join(word.split())]


_NUMERAL = "[0-9０-９一二三四五六七八九十百]{1,4}"
# An item heading without an enumeration label: 第一案, 審議事項一, 提案二, 討論案3.
ITEM_HEADING: Final = re.compile(
    rf"^(?:第\s{{0,2}}(?P<n1>{_NUMERAL})\s{{0,2}}案|(?:審議|討論|研議|報告|提案|臨時提案|臨時動議)(?:事項|案)?\s{{0,2}}"
    rf"(?:第\s{{0,2}})?(?P<n2>{_NUMERAL})(?:\s{{0,2}}案)?)\s{{0,2}}(?:[:：、．.]\s{{0,3}}(?P<rest>.*)|$)",
    re.DOTALL,
)

# ---------------------------------------------------------------- remarks
# Longest first, so that 補充說明 wins over 說明.
REMARK_VERBS: Final = (
    "補充說明",
    "補充報告",
    "口頭報告",
    "書面報告",
    "補充意見",
    "補充",
    "發言",
    "致詞",
    "致辭",
    "說明",
    "報告",
    "表示",
    "回應",
    "答復",
    "答覆",
    "意見",
)
# These verbs also open ordinary sentences (本案說明：), so the speaker must look like a person or an agency.
_WEAK_VERBS: Final = frozenset({"說明", "報告", "表示", "回應", "答復", "答覆", "意見", "補充"})
REMARK: Final = re.compile(
    r"^(?P<speaker>[^\s:：，,。；;、「」『』()（）【】《》]{1,24}?)\s{0,2}(?P<verb>"
    + "|".join(REMARK_VERBS)
    + r")\s{0,2}[:：]\s{0,3}(?P<rest>.*)$",
    re.DOTALL,
)
_NOT_A_SPEAKER: Final = re.compile(r"^(?:請|有關|針對|關於|本案|本次|經|如|依|另|為|其|各|就|對|將|已|並|及|由|若|因|案情|提案|會議)")

PERSONAL_TITLES: Final = tuple(
    sorted(
        {
            "秘書長",
            "副秘書長",
            "主任秘書",
            "主秘",
            "局長",
            "副局長",
            "處長",
            "副處長",
            "主任委員",
            "副主任委員",
            "主委",
            "副主委",
            "執行秘書",
            "執行長",
            "副執行長",
            "主任",
            "副主任",
            "組長",
            "副組長",
            "科長",
            "股長",
            "專門委員",
            "專委",
            "參事",
            "技監",
            "簡任視察",
            "視察",
            "技正",
            "技士",
            "秘書",
            "專員",
            "課長",
            "隊長",
            "館長",
            "所長",
            "院長",
            "署長",
            "部長",
            "市長",
            "副市長",
            "議長",
            "副議長",
            "議員",
            "委員",
            "召集人",
            "副召集人",
            "總聯絡人",
            "副總聯絡人",
            "聯絡人",
            "董事長",
            "總經理",
            "副總經理",
            "經理",
            "校長",
            "區長",
            "里長",
            "研究員",
            "分析師",
            "高級分析師",
            "工程司",
            "正工程司",
            "管理師",
            "律師",
            "教授",
            "顧問",
            "稽核",
            "幹事",
            "總幹事",
            "局長室",
            "次長",
            "司長",
            "廳長",
            "縣長",
            "鎮長",
            "鄉長",
            "代表",
            "助理",
            "會計師",
        },
        key=len,
        reverse=True,
    )
)
_TITLE_ALT = "|".join(PERSONAL_TITLES)
ENDS_WITH_TITLE: Final = re.compile(rf"(?:{_TITLE_ALT})$")
# An agency name: up to 20 characters ending in a suffix that names a government
# body or one of its units.
AGENCY_SUFFIXES: Final = (
    "委員會",
    "辦公室",
    "管理處",
    "分局",
    "大隊",
    "中心",
    "小組",
    "公司",
    "學校",
    "醫院",
    "局",
    "處",
    "會",
    "室",
    "組",
    "科",
    "署",
    "部",
    "院",
    "所",
    "館",
    "隊",
    "團",
    "府",
    "廳",
    "課",
    "股",
)
AGENCY_SUFFIX_ALT = "|".join(AGENCY_SUFFIXES)
_AGENCY_LIST: Final = re.compile(
    rf"^(?:[\u4e00-\u9fffA-Za-z0-9]{{1,20}}?(?:{AGENCY_SUFFIX_ALT}))"
    rf"(?:\s{{0,2}}(?:、|，|,|及|和|與|暨|/)\s{{0,2}}[\u4e00-\u9fffA-Za-z0-9]{{1,20}}?(?:{AGENCY_SUFFIX_ALT})){{0,12}}$"
)
_PRESENTER_PREFIX: Final = re.compile(r"^(?:主辦|報告|提案|提報|提議)(?:單位|機關|人)?\s{0,2}[:：]\s{0,2}")


def is_agency_list(text: str) -> bool:
    """True for 主計處, 研考會, 勞動局、法務局 or 提案人：張議員美玲: who presents an item, after its title."""
    stripped = text.strip()
    if _PRESENTER_PREFIX.match(stripped):
        return len(stripped) <= 40
    return bool(_AGENCY_LIST.match(stripped))


def presenter_text(text: str) -> str:
    return _PRESENTER_PREFIX.sub("", text.strip())


def is_speaker(speaker: str, verb: str) -> bool:
    """Whether ``speaker`` before ``verb``： names who spoke, rather than opening an ordinary sentence."""
    if len(speaker) < 2 and speaker != "主席":
        return False
    if _NOT_A_SPEAKER.match(speaker):
        return False
    if verb not in _WEAK_VERBS:
        return True
    return speaker == "主席" or bool(ENDS_WITH_TITLE.search(speaker)) or agency_prefix(speaker) == speaker


def agency_prefix(speaker: str) -> str | None:
    """The agency a speaker belongs to: 財政局石春霞專委 → 財政局, 會計室潘主任 → 會計室, 法制王視察 → None.

    The agency is the longest leading run of agency names after which only a
    person remains: a title with at most a name before it (陳處長, 石春霞專委),
    or nothing at all when the speaker is an agency (秘書室).
    """
    best: str | None = None
    for end in range(2, min(len(speaker), 24) + 1):
        if not speaker[:end].endswith(AGENCY_SUFFIXES):
            continue
        rest = speaker[end:]
        title = ENDS_WITH_TITLE.search(rest)
        if not rest or (title is not None and title.start() <= 4):
            best = speaker[:end]
    return best


# ---------------------------------------------------------------- deadlines
# A date is due by the meeting it names: 請於10月22日開會前送會 is due on 10月22日.
# (lieguan.minutes.deadlines reads these; they stand here with the rest of the words.)
DUE_BEFORE_EVENTS: Final = ("開會", "會議", "開議")
DUE_BEFORE: Final = r"(?:以前|之前|前)"


# ---------------------------------------------------------------- adjournment
END: Final = re.compile(
    rf"^(?:(?:{spaced('散會')}|{spaced('閉會')})(?:時間)?[。.]?(?:\s{{0,2}}(?:[:：(（]|[上下中]午|[0-9０-９]).{{0,40}})?"
    rf"|(?:[上下中]午)?\s{{0,2}}[0-9０-９一二三四五六七八九十]{{1,3}}\s{{0,2}}[時點:：].{{0,12}}(?:散會|閉會))[。.]?$",
    re.DOTALL,
)
