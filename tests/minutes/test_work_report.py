"""Work reports to the council (工作報告): the Secretariat's seed report read in place, and an invented one of another agency."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lieguan.minutes.cli import parse_main
from lieguan.minutes.workreport import (
    NotWorkReportError,
    WorkReport,
    looks_like_work_report,
    parse_work_report,
    render_work_report_text,
)
from lieguan.minutes.workreport.amounts import find_quantities, parse_quantity
from lieguan.minutes.workreport.tables import check_totals, read_table
from tests.shared import SEEDS

FIXTURES = Path(__file__).parent / "fixtures"
SEED = SEEDS / "003_e0154fb9a2a8d755.txt"
HARBOUR = FIXTURES / "work_report_harbour.txt"


@pytest.fixture(scope="module")
def seed() -> WorkReport:
    return parse_work_report(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def harbour() -> WorkReport:
    return parse_work_report(HARBOUR.read_text(encoding="utf-8"))


def _structure(report: WorkReport) -> dict[str, object]:
    data = report.to_dict()
    del data["warnings"]  # the joins of page-cut sentences exist only in the text that had page breaks
    return data


# --- the seed: the Secretariat's report for the second half of 110 ---


def test_the_seed_has_four_parts_with_seven_under_the_first_and_six_under_the_second(seed: WorkReport) -> None:
    assert [s.label for s in seed.sections] == ["壹、", "貳、", "參、", "肆、"]
    assert [len(s.sections) for s in seed.sections[:2]] == [7, 6]
    assert seed.sections[0].sections[6].heading == "市政大樓公共事務"
    assert seed.sections[1].sections[3].heading == "速處輿情反映"
    assert len(seed.sections[2].sections) == 19 and seed.sections[3].heading == "結語"


def test_the_seed_cover_names_month_audience_agency_presenter_and_period(seed: WorkReport) -> None:
    assert seed.month == "2022-03"
    assert seed.audience == "臺北市議會第13屆第7次定期大會"
    assert seed.organisation == "臺北市政府秘書處"
    assert seed.presenter is not None and (seed.presenter.title, seed.presenter.name) == ("秘書長兼處長", "陳志銘")
    assert (seed.period_start, seed.period_end) == (dt.date(2021, 7, 1), dt.date(2021, 12, 31))
    assert len(seed.contents) == 17 and seed.contents[-1].page == 23
    assert seed.greeting.startswith("召集人") and seed.closing[0].startswith("敬祝")


def test_a_sentence_cut_by_a_page_break_is_one_paragraph_again(seed: WorkReport) -> None:
    cars = seed.sections[0].sections[0].sections[1].sections[0]
    assert cars.heading == "公務車輛"
    assert cars.paragraphs == [p for p in cars.paragraphs if "於 110 年 9 月 22 日函頒" in p] and len(cars.paragraphs) == 1


def test_every_table_of_the_seed_is_read_with_its_cells(seed: WorkReport) -> None:
    tables = seed.tables()
    assert [t.header[:2] for t in tables] == [["項次", "業務內容"]] * 3 + [["機關名稱", "件數"]] + [["類別 \\ 期間", "110 年 7 月"]] * 3
    documents, paperless, secretariat, petitions, desk, liaison, advice = tables
    assert documents.rows[0] == ["1", "本府及本處收文", "3 萬 7,113 件"]
    assert documents.rows[5][1] == "督導檔案目錄彙送上網對外公開", "the line-wrap space inside a cell is gone"
    assert paperless.header == ["項次", "業務內容", "全府績效", "比率", "目標", "執行績效"]
    assert paperless.rows[0] == ["1", "紙本來文採線上簽核", "166 萬 7,796 件", "92.05%", "88%", "+4.05%"]
    assert petitions.rows[9] == ["民政局（含區公所）", "23"]
    assert secretariat.rows[2] == ["3", "擲節紙張採購箱數", "102 箱", "3.77%", "3%", "+0.77%"]
    assert desk.header[-1] == "總計 (件)" and desk.rows[0] == ["民政", "159", "131", "155", "142", "154", "194", "935"]
    assert desk.totals == [["合計", "495", "494", "473", "508", "540", "565", "3,075"]]
    assert len(liaison.rows) == 2 and len(advice.rows) == 3
    assert all(len(r) == len(t.header) for t in tables for r in t.rows)


def test_the_petitions_by_agency_are_one_table_over_two_pages_adding_up_to_the_stated_732(seed: WorkReport) -> None:
    petitions = seed.tables()[3]
    assert petitions.paired and petitions.header == ["機關名稱", "件數"]
    assert len(petitions.rows) == 27 and petitions.rows[:2] == [["都發局", "215"], ["衛生局", "59"]]
    assert petitions.rows[-1] == ["北水處", "1"]
    assert petitions.stated_total == 732
    assert petitions.column_sum("件數") == 732


def test_the_monthly_tables_agree_with_their_totals_rows_and_stated_totals(seed: WorkReport) -> None:
    for table in seed.tables()[4:]:
        assert check_totals(table) == []
        assert table.stated_total == parse_quantity(table.totals[0][-1]).value  # type: ignore[union-attr]


def test_the_seed_kpis_carry_target_and_actual_and_the_one_below_40_percent_is_missed(seed: WorkReport) -> None:
    kpis = {k.name: k for k in seed.kpis}
    assert len(seed.kpis) == 15
    assert {k.goal for k in seed.kpis} == {s.heading for s in seed.sections[1].sections}
    missed = kpis["完善受理府前陳情案"]
    assert (missed.target.value, missed.comparison, missed.actual.value) == (40, ">", 18.18)  # type: ignore[union-attr]
    assert missed.achieved is False
    assert [k.name for k in seed.kpis if k.achieved is False] == ["完善受理府前陳情案"]
    visits = kpis["主動拜訪駐臺單位"]
    assert (visits.target.text, visits.actual.text, visits.achievement.value, visits.achieved) == ("15 次", "15 處", 100, True)  # type: ignore[union-attr]
    change = kpis["紙本收文採線上簽核績效"]
    assert (change.baseline.value, change.baseline_period, change.actual.value) == (91.71, "109 年", 99.71)  # type: ignore[union-attr]
    assert change.target is None and change.achieved is None, "a change from last year alone cannot be judged"
    assert kpis["加強議會索資案件處理效率"].actual.value == 79.1  # type: ignore[union-attr]


def test_lieguan_parse_prints_the_seed_as_a_work_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_main([str(SEED)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "other", "Minutes JSON knows minutes and other"
    assert data["document"] == "work_report"
    assert data["period"] == {"start": "2021-07-01", "end": "2021-12-31"}
    assert {"title", "organisation", "audience", "month", "presenter", "sections", "kpis"} <= data.keys()
    part = data["sections"][0]["sections"][1]["sections"][0]
    assert set(part) >= {"heading", "paragraphs", "tables", "sections"}
    assert part["tables"][0]["header"] == ["項次", "業務內容", "績效"]
    assert {"goal", "name", "target", "actual", "achieved"} <= data["kpis"][0].keys()


def test_lieguan_parse_kind_work_report_prints_the_seed_with_kind_work_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_main([str(SEED), "--kind", "work-report"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["kind"], data["document"], data["format"]) == ("work_report", "work_report", "lieguan.workreport/1")
    assert data["period"] == {"start": "2021-07-01", "end": "2021-12-31"}
    assert [len(s["sections"]) for s in data["sections"]] == [7, 6, 19, 0]
    missed = [k["name"] for k in data["kpis"] if k["achieved"] is False]
    assert missed == ["完善受理府前陳情案"]


def test_lieguan_parse_kind_work_report_refuses_minutes_and_unreadable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_main([str(FIXTURES / "city_council_weekly.txt"), "--kind", "work-report"]) == 2
    captured = capsys.readouterr()
    assert "工作報告" in captured.err and captured.out == ""
    assert parse_main([str(tmp_path / "none.txt"), "--kind", "work-report"]) == 2
    assert "找不到檔案" in capsys.readouterr().err


def test_the_lieguan_command_passes_the_work_report_kind_to_parse(capsys: pytest.CaptureFixture[str]) -> None:
    from lieguan.cli import main

    assert main(["parse", str(HARBOUR), "--kind", "work-report"]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "work_report"
    assert main(["parse", str(HARBOUR)]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "other", "without the option the seeds' gold still holds"


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_the_seed_written_as_docx_or_odt_reads_back_to_the_same_report_tables_and_all(seed: WorkReport, fmt: str) -> None:
    from lieguan.minutes.readers import read_bytes
    from lieguan.minutes.workreport.output import render_work_report

    text = read_bytes(render_work_report(seed, fmt), f"report.{fmt}", table_rows=True)
    back = parse_work_report(text)
    without_contents = {k: v for k, v in _structure(back).items() if k != "contents"}
    # A DOCX's 目錄 is a field Word numbers on opening: the file holds the headings without page numbers.
    assert without_contents == {k: v for k, v in _structure(seed).items() if k != "contents"}
    assert len(back.tables()) == len(seed.tables()) == 7
    assert back.greeting == seed.greeting and len(back.kpis) == len(seed.kpis) == 15


def test_lieguan_parse_reads_a_work_report_written_as_docx_with_its_tables(
    seed: WorkReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lieguan.minutes.workreport.output import render_work_report

    path = tmp_path / "report.docx"
    path.write_bytes(render_work_report(seed, "docx"))
    assert parse_main([str(path), "--kind", "work-report"]) == 0
    data = json.loads(capsys.readouterr().out)
    petitions = [t for t in _tables(data["sections"]) if t["stated_total"] == 732]
    assert len(_tables(data["sections"])) == 7 and len(petitions) == 1


def _tables(sections: list[dict[str, object]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for s in sections:
        out += s["tables"]  # type: ignore[arg-type]
        out += _tables(s["sections"])  # type: ignore[arg-type]
    return out


def test_minutes_read_from_docx_keep_each_table_cell_on_a_line_of_its_own(seed: WorkReport) -> None:
    from lieguan.minutes.readers import read_bytes
    from lieguan.minutes.workreport.output import render_work_report

    data = render_work_report(seed, "docx")
    assert "\t" not in read_bytes(data, "report.docx") and "\t" in read_bytes(data, "report.docx", table_rows=True)


def test_the_seed_rendered_as_text_reads_back_to_the_same_report(seed: WorkReport) -> None:
    text = render_work_report_text(seed)
    assert "目 錄" in text and "\n壹、110 年下半年重要業務執行成果\n" in text and "\n（一）財物、勞務及工程採購\n" in text
    assert _structure(parse_work_report(text)) == _structure(seed)


# --- an invented report of another agency, flattened with spaces ---


def test_an_invented_report_is_read_with_its_cover_and_parts(harbour: WorkReport) -> None:
    assert (harbour.organisation, harbour.month, harbour.audience) == ("臨海市政府港務局", "2025-09", "臨海市議會第 4 屆第 3 次定期大會")
    assert (harbour.period_start, harbour.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert [len(s.sections) for s in harbour.sections] == [2, 2, 0]
    dredging = harbour.sections[0].sections[0].sections[1].sections[1]
    assert (dredging.label, dredging.heading, [s.label for s in dredging.sections]) == ("2、", "航道疏浚", ["（1）", "（2）"])
    quay = harbour.sections[0].sections[0].sections[1].sections[0]
    assert quay.paragraphs == ["完成第 3 至 5 號碼頭護舷更新，並於 114 年 4 月 18 日驗收合格。"]


def test_tables_flattened_with_spaces_are_split_into_their_columns(harbour: WorkReport) -> None:
    ships, complaints, tours = harbour.tables()
    assert ships.header == ["項次", "業務項目", "數量"]
    assert ships.rows[2] == ["3", "貨櫃裝卸", "48 萬 3,120 TEU"]
    assert ships.rows[3] == ["4", "旅客運輸", "12 萬 7,004 人次"]
    assert complaints.paired and complaints.rows[-1] == ["人事室", "3"]
    assert complaints.column_sum("件數") == complaints.stated_total == 118
    assert tours.header == ["類別 \\ 期間", "114 年 1 月", "114 年 2 月", "114 年 3 月", "總計 (人次)"]
    assert tours.totals == [["合計", "520", "610", "734", "1,864"]] and check_totals(tours) == []


def test_a_totals_row_that_does_not_add_up_is_reported() -> None:
    table = read_table(["科別 上旬 下旬", "合計 10 7", "甲科 6 4", "乙科 3 3"])
    assert check_totals(table) == ["表「科別、上旬、下旬」的合計「上旬」為 10，各列相加卻是 9"]


def test_a_row_too_long_for_its_header_joins_words_to_words_and_figures_to_figures() -> None:
    table = read_table(["編號 項目 說明 數量", "1 防汛 演練 與 整備 2 萬 300 人次 15 場"])
    assert table.rows == [["1", "防汛演練與整備", "2 萬 300 人次", "15 場"]]


def test_figures_written_in_myriads_are_read_as_one_number() -> None:
    assert parse_quantity("3 萬 7,113 件").value == 37113  # type: ignore[union-attr]
    assert parse_quantity("1 億 2,500 萬元").value == 125_000_000  # type: ignore[union-attr]
    budget = parse_quantity("4,210 萬餘元")
    assert budget is not None and (budget.value, budget.unit, budget.approximate) == (42_100_000, "元", True)
    assert parse_quantity("－2.5%").value == -2.5  # type: ignore[union-attr]
    assert parse_quantity("港埠科") is None
    found = [(q.value, q.unit) for q in find_quantities("初審 12 萬 8,004 件 516 案（3 萬 2 卷）")]
    assert found == [(128004, "件"), (516, "案"), (30002, "卷")]


def test_invented_kpis_are_judged_by_their_direction_or_left_unjudged(harbour: WorkReport) -> None:
    kpis = {k.name: k for k in harbour.kpis}
    assert set(kpis) == {"船舶平均等候時間", "貨櫃作業自動化", "陳情案件平均處理天數", "港區導覽滿意度"}
    waiting = kpis["船舶平均等候時間"]
    assert (waiting.comparison, waiting.target.value, waiting.actual.value, waiting.achieved) == ("<=", 6, 5.2, True)  # type: ignore[union-attr]
    automation = kpis["貨櫃作業自動化"]
    assert (automation.comparison, automation.actual.value, automation.achieved) == (">", 52.5, False)  # type: ignore[union-attr]
    days = kpis["陳情案件平均處理天數"]
    assert (days.baseline.value, days.actual.value, days.achieved) == (9.4, 7.1, None)  # type: ignore[union-attr]
    assert kpis["港區導覽滿意度"].achieved is True and kpis["港區導覽滿意度"].goal == "強化市民服務"


def test_a_kpi_whose_actual_falls_short_of_a_target_is_missed_without_being_told() -> None:
    text = HARBOUR.read_text(encoding="utf-8").replace("實際達成值為 5.2 小時，目標達成度 100%", "實際達成值為 7.5 小時")
    waiting = next(k for k in parse_work_report(text).kpis if k.name == "船舶平均等候時間")
    assert waiting.achieved is False


def test_the_invented_report_rendered_as_text_reads_back_to_the_same_report(harbour: WorkReport) -> None:
    text = render_work_report_text(harbour)
    assert "單位\t件數\t單位\t件數\n航務科\t37\t工程科\t29" in text
    assert _structure(parse_work_report(text)) == _structure(harbour)


def test_a_report_without_a_contents_page_keeps_its_greeting_and_opening(harbour: WorkReport) -> None:
    text = HARBOUR.read_text(encoding="utf-8")
    contents = text[text.index("目 錄") : text.index("主席、各位議員先生、女士：")]
    report = parse_work_report(text.replace(contents, ""))
    assert report.contents == []
    assert (report.greeting, report.opening) == (harbour.greeting, harbour.opening)
    assert (report.period_start, report.period_end, report.audience) == (harbour.period_start, harbour.period_end, harbour.audience)
    assert report.presenter == harbour.presenter


def test_the_period_falls_back_to_the_half_year_named_in_the_first_part() -> None:
    text = HARBOUR.read_text(encoding="utf-8").replace("謹就本局 114 年 1 月 1 日至 6 月 30 日（以下簡稱本期）之", "謹就本局本期")
    report = parse_work_report(text)
    assert (report.period_start, report.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert any("推定" in w for w in report.warnings)


def test_minutes_are_not_work_reports_and_are_refused_as_such() -> None:
    minutes = (FIXTURES / "city_council_weekly.txt").read_text(encoding="utf-8")
    assert not looks_like_work_report(minutes)
    with pytest.raises(NotWorkReportError):
        parse_work_report(minutes)


def test_lieguan_parse_still_prints_minutes_as_minutes(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_main([str(FIXTURES / "city_council_weekly.txt")]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "minutes"


def test_a_document_neither_minutes_nor_work_report_is_still_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("臨海市政府港務局 函\n\n主旨：檢送本局港區導覽申請表 1 份，請查照。\n", encoding="utf-8")
    assert parse_main([str(letter)]) == 2
    captured = capsys.readouterr()
    assert "不是會議紀錄" in captured.err and json.loads(captured.out)["kind"] == "other"
