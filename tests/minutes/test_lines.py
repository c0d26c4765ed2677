"""Paragraphs from converted text: Markdown marks, page furniture, and sentences cut by page breaks."""

from __future__ import annotations

import pytest

from lieguan.minutes.parser.labels import split_label
from lieguan.minutes.parser.lines import clean, paragraphs, wrap_width


def _texts(text: str) -> list[str]:
    return [ln.text for ln in paragraphs(text)]


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("# 北辰市政府第 3 次處務會議紀錄", "北辰市政府第 3 次處務會議紀錄"),
        ("## 五、 主席裁示事項：", "五、 主席裁示事項："),
        ("- (二) 請各機關配合辦理。", "(二) 請各機關配合辦理。"),
        ("- 一、**法制王視察口頭報告**：內容", "一、法制王視察口頭報告：內容"),
        ("> 引述", "引述"),
        ("\ufeff時間：\u3000民國 111 年", "時間： 民國 111 年"),
        ("請參閱 \\*附件\\*", "請參閱 *附件*"),
        ("- 3 -", "- 3 -"),
    ],
)
def test_markdown_marks_are_removed(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


def test_a_sentence_cut_by_a_page_break_is_joined_and_the_join_reported() -> None:
    text = "會議結論：請各機關以年度執行率持續檢討，以提升災害\n\n準備金運作效率及執行成效。\n\n散會"
    [conclusion, end] = paragraphs(text)
    assert conclusion.text == "會議結論：請各機關以年度執行率持續檢討，以提升災害準備金運作效率及執行成效。"
    assert conclusion.joined_at == [3]
    assert end.text == "散會"


@pytest.mark.parametrize("furniture", ["- 3 -", "第 3 頁，共 8 頁", "第3頁/共8頁", "3 / 8", "Page 3 of 8", "3", "— 3 —"])
def test_page_numbers_inside_a_sentence_are_dropped(furniture: str) -> None:
    cut = "（二）聯合服務中心之環境維護，由派駐機關分別管理，其餘部分"
    text = f"北辰市政府第 1 次處務會議紀錄\n\n{cut}\n\n{furniture}\n\n含公共區域燈光由秘書處負責。"
    assert _texts(text)[1] == "（二）聯合服務中心之環境維護，由派駐機關分別管理，其餘部分含公共區域燈光由秘書處負責。"


def test_the_title_repeated_at_a_page_top_inside_a_sentence_is_dropped() -> None:
    title = "北辰市政府第 1 次處務會議紀錄"
    text = f"{title}\n\n時間：民國 113 年 1 月 2 日\n\n（七）同仁應借鏡疫苗事件所引發的爭議，養\n\n{title}\n\n成自省的習慣。"
    assert _texts(text) == [title, "時間：民國 113 年 1 月 2 日", "（七）同仁應借鏡疫苗事件所引發的爭議，養成自省的習慣。"]


def test_a_running_footer_repeated_at_page_edges_is_dropped() -> None:
    page = "（一）請各機關持續推動數位服務。\n機密等級：普通"
    text = "北辰市政府第 1 次處務會議紀錄\n" + "\f".join([page, page, page])
    assert "機密等級：普通" not in _texts(text)


def test_the_same_sentence_end_closing_two_pages_is_text_not_a_running_footer() -> None:
    text = (
        "北辰市政府第 1 次處務會議紀錄\n（一）本年度共計完成 2 件公共工程\n品質。\n- 1 -\f"
        "（二）請資訊局持續推動公共工程\n品質。\n- 2 -\f散會\n- 3 -"
    )
    texts = _texts(text)
    assert "（一）本年度共計完成 2 件公共工程品質。" in texts
    assert "（二）請資訊局持續推動公共工程品質。" in texts


def test_the_title_repeated_inside_a_page_is_text_and_only_its_copy_at_a_page_top_is_dropped() -> None:
    # Hard-wrapped text whose heading's second line reads exactly as the title (found by Hypothesis).
    title = "北辰市政府處務會議紀錄"
    text = f"{title}\n一、本次會議討論各局處年度計畫並決議請秘書處彙整\n{title}\n二、散會\n- 1 -\f{title}\n三、臨時動議：無\n- 2 -"
    texts = _texts(text)
    assert texts[0] == title
    assert sum(t.count(title) for t in texts) == 2
    assert "三、臨時動議：無" in texts


def test_headings_labels_and_fields_are_never_joined_to_what_follows() -> None:
    text = "壹、宣讀本府 111 年 8 月 24 日第 223 次主任秘書會報紀錄\n\n紀錄確定。\n\n貳、報告事項\n\n一、本府 e 化統計\n\n會議結論：洽悉。"
    assert _texts(text) == [
        "壹、宣讀本府 111 年 8 月 24 日第 223 次主任秘書會報紀錄",
        "紀錄確定。",
        "貳、報告事項",
        "一、本府 e 化統計",
        "會議結論：洽悉。",
    ]


def test_short_table_cells_stay_apart() -> None:
    assert _texts("時間\n民國 113 年 5 月 16 日\n地點\n市政大樓\n主席\n黃副主任委員景茂") == [
        "時間",
        "民國 113 年 5 月 16 日",
        "地點",
        "市政大樓",
        "主席",
        "黃副主任委員景茂",
    ]


def test_markdown_tables_become_one_line_per_cell() -> None:
    assert _texts("| 時間 | 民國 113 年 5 月 16 日 |\n|---|---|\n| 地點 | 市政大樓 |") == [
        "時間",
        "民國 113 年 5 月 16 日",
        "地點",
        "市政大樓",
    ]


def test_latin_words_cut_at_a_line_end_keep_their_space() -> None:
    assert _texts("（一）請資訊局協助各機關導入公文線上簽核與 Google\nWorkspace 帳號管理。") == [
        "（一）請資訊局協助各機關導入公文線上簽核與 Google Workspace 帳號管理。"
    ]


def test_hard_wrapped_text_is_recognised_and_joined_even_after_a_full_stop() -> None:
    sentences = "請各機關持續推動公文線上簽核。並請資訊局協助完成系統介接與教育訓練。" * 6
    lines = [sentences[i : i + 20] for i in range(0, len(sentences), 20)]
    text = "北辰市政府第 1 次處務會議紀錄\n" + "\n".join(lines) + "\n散會"
    assert wrap_width(text) == 40
    assert _texts(text) == ["北辰市政府第 1 次處務會議紀錄", sentences, "散會"]


def test_one_paragraph_per_line_is_not_mistaken_for_hard_wrapping() -> None:
    text = "\n".join(f"（{n}）同意備查，請各單位依規定辦理後續事宜。" for n in "一二三四五六七八九十")
    assert wrap_width(text) is None
    assert len(_texts(text)) == 10


@pytest.mark.parametrize(
    ("text", "level", "value", "number", "rest"),
    [
        ("壹、報告事項", 0, "壹", 1, "報告事項"),
        ("參、臨時動議", 0, "參", 3, "臨時動議"),
        ("十一、 時間", 1, "十一", 11, "時間"),
        ("（二十三）今年新進人員較多", 2, "二十三", 23, "今年新進人員較多"),
        ("(八) 本局協辦", 2, "八", 8, "本局協辦"),
        ("3、修正通過", 3, "3", 3, "修正通過"),
        ("2. 請交通局", 3, "2", 2, "請交通局"),
        ("（1）依據", 4, "1", 1, "依據"),
    ],
)
def test_labels_and_their_levels(text: str, level: int, value: str, number: int, rest: str) -> None:
    label, after = split_label(text)
    assert label is not None
    assert (label.level, label.value, label.number, after) == (level, value, number, rest)


@pytest.mark.parametrize("text", ["113.5 萬份", "十分感謝", "參考資料", "2025 雙北", "(第2季)", "一卡通"])
def test_text_that_only_looks_like_a_label(text: str) -> None:
    assert split_label(text) == (None, text)
