"""The shared layout: the official numbering, lead-ins and header every visual format prints."""

from __future__ import annotations

import datetime as dt

import pytest

from lieguan.minutes.model import Conclusion, Item, Minutes, Remark, Section
from lieguan.minutes.render.layout import (
    Block,
    clean,
    format_clock,
    format_meeting_time,
    label_width,
    layout,
    split_line_label,
)
from tests.minutes.render_support import bureau, no_django_settings, sample  # noqa: F401


def _blocks(m: Minutes) -> list[Block]:
    return list(layout(m).blocks())


def _printed(b: Block) -> str:
    return b.label + b.lead + b.text


def test_header_of_the_sample() -> None:
    lay = layout(sample())
    assert lay.title == "臨海市政府第58次主任秘書會報紀錄"
    assert [(h.name, h.value) for h in lay.header] == [
        ("時間", "民國 114 年 3 月 20 日（星期四）上午 9 時 30 分"),
        ("地點", "本府 6 樓第一會議室"),
        ("主席", "林文彥秘書長"),
        ("紀錄", "黃怡婷"),
        ("出席", "如簽到表"),
        ("列席", "如簽到表"),
        ("請假", "觀光局吳主任秘書、地政局許主任秘書"),
    ]
    assert lay.adjourn == "散會（11時52分）"


@pytest.mark.parametrize(
    ("hour", "minute", "text"),
    [(9, 30, "上午 9 時 30 分"), (10, 0, "上午 10 時 00 分"), (12, 5, "中午 12 時 05 分"), (16, 13, "下午 4 時 13 分")],
)
def test_clock(hour: int, minute: int, text: str) -> None:
    assert format_clock(dt.time(hour, minute)) == text


def test_meeting_time_with_only_a_date_or_only_a_time() -> None:
    assert format_meeting_time(dt.date(2022, 9, 22), None) == "民國 111 年 9 月 22 日（星期四）"
    assert format_meeting_time(None, dt.time(14, 0)) == "下午 2 時 00 分"
    assert format_meeting_time(None, None) == ""


def test_missing_header_fields_are_left_out() -> None:
    lay = layout(Minutes(title="某會議紀錄"))
    assert lay.header == []
    assert lay.adjourn == "散會"
    assert list(lay.blocks()) == []


def test_title_is_composed_when_missing() -> None:
    m = Minutes(title="", organisation="臨海市政府", series="市政會議")
    m.session.number = 12
    assert layout(m).title == "臨海市政府第12次市政會議紀錄"
    assert layout(Minutes(title="  ")).title == "會議紀錄"


def test_official_hierarchy_in_the_sample() -> None:
    printed = [(b.kind, _printed(b)) for b in _blocks(sample())]
    texts = [t for _, t in printed]
    # Sections keep their own labels.
    assert [t for k, t in printed if k == "section"] == [
        "壹、宣讀本府 114 年 2 月 20 日第 57 次主任秘書會報紀錄",
        "貳、報告事項",
        "參、討論事項",
        "肆、臨時動議",
        "伍、綜合會議結論",
    ]
    # 壹's own conclusions sit under 會議結論： as （一）（二）.
    assert texts[1:4] == [
        "會議結論：",
        "（一）報告事項二會議結論（三）「……於 3 月 15 日前完成……」修正為「……於 3 月底前完成……」。",
        "（二）其餘紀錄確定。",
    ]
    # Items are 一、二、; their conclusions （一）（二）; a single conclusion follows 會議結論： on its line.
    assert "一、主任秘書會報會議結論事項執行情形。（研考會）" in texts
    assert any(t.startswith("會議結論：資本門執行率偏低之機關，請於 4 月 15 日前") for t in texts)
    assert "會議結論：洽悉。" in texts
    # Deeper levels from the lines of a conclusion: 1、 and （1）.
    assert any(t.startswith("1、優先輔導") for t in texts)
    assert any(t.startswith("（1）工務局") for t in texts)
    # Discussions: 案由 in the item line, 說明 above its enumerated lines, 辦法 inline, 決議.
    i = texts.index("一、案由：訂定「臨海市政府所屬機關會議紀錄公開作業要點」草案，提請討論。（研考會）")
    assert texts[i + 1] == "說明："
    assert texts[i + 2].startswith("一、為落實政府資訊公開法")
    assert texts[i + 5] == "辦法：奉核定後函頒實施，並刊登本府公報。"
    assert texts[i + 6].startswith("法務局李主秘補充說明：第 5 點")
    assert texts[i + 7].startswith("決議：照案通過")
    assert "決議：" in texts
    # Remarks: speaker, the word the minutes used, text.
    assert "府會聯絡室鄭副總聯絡人補充說明：" in texts
    assert any(t.startswith("交通局陳主秘補充報告：濱海公路") for t in texts)
    assert any(t.startswith("民政局周專門委員口頭報告：") for t in texts)
    # 綜合會議結論 holds 一、二、三、 directly.
    assert texts[-3:][0].startswith("一、近期天氣變化劇烈")
    assert texts[-1].startswith("三、請各機關於 4 月底前")


def test_every_conclusion_is_printed_once_in_order() -> None:
    m = sample()
    printed = "\n".join(_printed(b) for b in _blocks(m))
    position = 0
    for c in m.all_conclusions():
        first_line = c.text.split("\n")[0]
        found = printed.find(first_line, position)
        assert found >= 0, first_line
        position = found + len(first_line)


def test_tracked_conclusions_are_flagged() -> None:
    m = sample()
    tracked = [b for b in _blocks(m) if b.tracked]
    assert len(tracked) == sum(c.tracked for c in m.all_conclusions())
    assert all(b.kind in ("conclusion", "conclusions") for b in tracked)


def test_bureau_meeting_numbers_one_level_deeper() -> None:
    texts = [_printed(b) for b in _blocks(bureau())]
    assert texts == [
        "五、主席裁示事項",
        "（一）智慧路燈案請資安中心於月底前完成弱點掃描。",
        "（二）同仁特休請妥為安排，以免影響業務。",
        "六、業務報告",
        "（一）資料開放平臺改版進度。（數據中心）",
        "會議結論：洽悉。",
    ]


def test_indents_follow_the_labels() -> None:
    blocks = _blocks(sample())
    item = next(b for b in blocks if b.kind == "item")
    assert (item.indent, item.hang) == (0.0, 2.0)
    conclusion = next(b for b in blocks if b.kind == "conclusion" and b.label == "（一）" and b.indent > 0)
    assert (conclusion.indent, conclusion.hang) == (2.0, 3.0)
    sub = next(b for b in blocks if b.label == "1、")
    assert sub.indent == conclusion.text_start
    assert sub.hang == 1.5


def test_labels_missing_from_the_model_stay_missing() -> None:
    # As render.text prints them: a label is never invented.
    m = Minutes(
        title="t",
        sections=[
            Section(
                label="貳",
                kind="reports",
                heading="報告事項",
                items=[
                    Item(title="甲", conclusions=[Conclusion("a"), Conclusion("b"), Conclusion("c")]),
                    Item(title="乙", remarks=[Remark(speaker="秘書處王科長", text="")]),
                ],
            )
        ],
    )
    texts = [_printed(b) for b in _blocks(m)]
    assert texts == [
        "貳、報告事項",
        "甲。",
        "會議結論：",
        "a",
        "b",
        "c",
        "乙。",
        "秘書處王科長補充說明：",
    ]


def test_heading_defaults_and_overrides() -> None:
    section = Section(label="參", kind="discussions", heading="討論事項")
    section.items = [
        Item(title="x", label="一", conclusions=[Conclusion("y")]),
        Item(title="z？", label="二", conclusion_heading="裁示"),
    ]
    section.items[1].conclusions = [Conclusion("w")]
    texts = [_printed(b) for b in _blocks(Minutes(title="t", sections=[section]))]
    assert texts == ["參、討論事項", "一、案由：x。", "決議：y", "二、案由：z？", "裁示：w"]


def test_clean_removes_what_xml_cannot_carry() -> None:
    assert clean("a\x00b\x0bc\ud800d\r\ne\tf") == "abcd\ne f"
    assert clean(None) == ""


@pytest.mark.parametrize(
    ("line", "label", "rest"),
    [
        ("（一）請各機關", "（一）", "請各機關"),
        ("(二) 其餘紀錄確定", "（二）", "其餘紀錄確定"),
        ("1、優先輔導", "1、", "優先輔導"),
        ("（3）消防局", "（3）", "消防局"),
        ("十一、第十一項", "十一、", "第十一項"),
        ("114年度預算", "", "114年度預算"),
        ("3.5 公尺", "", "3.5 公尺"),
        ("（一）", "", "（一）"),
    ],
)
def test_split_line_label(line: str, label: str, rest: str) -> None:
    assert split_line_label(line) == (label, rest)


def test_label_width() -> None:
    assert label_width("一、") == 2
    assert label_width("（一）") == 3
    assert label_width("1、") == 1.5
    assert label_width("（10）") == 3


def test_a_long_label_does_not_push_the_text_off_the_page() -> None:
    assert label_width("（" + "一" * 40 + "）") == 6.0
    m = Minutes(title="t", sections=[Section(label="壹" * 30, kind="reports", heading="h", items=[Item(title="x", label="一" * 50)])])
    assert all(b.text_start <= 12 for b in _blocks(m))
