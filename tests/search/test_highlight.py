from __future__ import annotations

from lieguan.search.highlight import excerpt, match_spans
from lieguan.search.results import marked
from lieguan.search.tokenizer import parse_query


def spans(text: str, q: str) -> list[str]:
    return [text[s:e] for s, e in match_spans(text, parse_query(q))]


def test_matches_are_marked_as_they_were_written():
    assert spans("近日 ＫＩＯＳＫ 設備與 Kiosk", "kiosk") == ["ＫＩＯＳＫ", "Kiosk"]
    assert spans("臺北市與台北縣", "台北") == ["臺北", "台北"]


def test_a_latin_word_is_matched_whole():
    assert spans("epoch 與 PoC 計畫", "poc") == ["PoC"]


def test_a_phrase_across_a_line_break_is_one_mark():
    assert spans("請資訊局\n評估辦理", '"資訊局 評估"') == ["資訊局\n評估"]


def test_the_excerpt_is_cut_around_the_first_match():
    text = "前言" * 100 + "公務車輛調派" + "結語" * 100
    segments = excerpt(text, parse_query("公務車"), width=40)
    assert segments[0] == ("…", False) and segments[-1] == ("…", False)
    assert ("公務車", True) in segments
    assert sum(len(s) for s, hit in segments if s != "…") == 40


def test_markup_in_a_record_is_shown_as_text_and_only_our_marks_are_html():
    html = marked('<script>alert("x")</script> 公務車 <b>粗體</b> & "引號"', parse_query("公務車"))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert "<mark>公務車</mark>" in html


def test_a_match_that_itself_looks_like_markup_is_escaped_inside_the_mark():
    html = marked("請看 <kiosk> 標籤", parse_query("kiosk"))
    assert "&lt;<mark>kiosk</mark>&gt;" in html


def test_a_link_scrolls_to_a_long_conclusion_by_its_start_and_end_cut_at_punctuation():
    from urllib.parse import unquote

    from lieguan.search.records import text_directive

    short = "請資訊局儘速查明妥處。"
    assert unquote(text_directive(short)) == f":~:text={short}"
    long = "請各機關學校確實盤點公務車輛使用情形，並於每月5日前填報系統，如有異常請即通報秘書處，由秘書處彙整後提報下次會議討論決定。"
    start, end = unquote(text_directive(long)).removeprefix(":~:text=").split(",")
    assert long.startswith(start) and long.endswith(end)
    assert start[-1] in "，、。" and len(start) <= 40 and len(end) <= 30
    assert "-" not in text_directive("COVID-19 疫苗")  # a dash would mean a prefix or suffix to the browser
