from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from lieguan.search.tokenizer import fts5_query, parse_query, tokens, tsquery


def test_a_cjk_run_gives_overlapping_bigrams_and_its_last_character():
    assert tokens("公務車") == ["公務", "務車", "車"]
    assert tokens("車") == ["車"]


def test_punctuation_ends_a_run_but_a_line_break_inside_a_sentence_does_not():
    assert tokens("公務車、機車") == ["公務", "務車", "車", "機車", "車"]
    assert tokens("資訊局\n評估") == tokens("資訊局評估")


def test_latin_words_and_numbers_are_folded_words():
    assert tokens("近日 KIOSK 設備與 TaipeiON、PoC 5G 計畫 100 套") == [
        "近日",
        "日",
        "kiosk",
        "設備",
        "備與",
        "與",
        "taipeion",
        "poc",
        "5g",
        "計畫",
        "畫",
        "100",
        "套",
    ]


def test_full_width_characters_and_the_variant_tai_fold_to_one_form():
    assert tokens("ＫＩＯＳＫ") == ["kiosk"]
    assert tokens("臺北") == tokens("台北") == ["台北", "北"]
    assert tokens("１００") == ["100"]


def test_a_two_character_word_is_one_query_token():
    (term,) = parse_query("公務").terms()
    assert [(q.text, q.prefix) for q in term.query_tokens()] == [("公務", False)]


def test_a_single_character_is_a_prefix_query():
    (term,) = parse_query("車").terms()
    assert [(q.text, q.prefix) for q in term.query_tokens()] == [("車", True)]


def test_a_longer_word_is_a_phrase_of_its_bigrams_without_the_last_character():
    (term,) = parse_query("公務車").terms()
    assert [q.text for q in term.query_tokens()] == ["公務", "務車"]


def test_a_quoted_phrase_joins_cjk_words_and_keeps_the_run_end_between_scripts():
    (term,) = parse_query('"資訊局 評估"').terms()
    assert term.quoted
    assert [q.text for q in term.query_tokens()] == ["資訊", "訊局", "局評", "評估"]
    (mixed,) = parse_query('"平台 TaipeiON"').terms()
    assert [q.text for q in mixed.query_tokens()] == ["平台", "台", "taipeion"]


def test_spaces_mean_and_and_or_means_either():
    query = parse_query("公務車 KIOSK OR 頻寬")
    assert [[t.text for t in clause] for clause in query.clauses] == [["公務車", "kiosk"], ["頻寬"]]
    assert fts5_query(query) == '("公務" + "務車" AND "kiosk") OR ("頻寬")'
    assert tsquery(query) == "(('公務' <-> '務車') & ('kiosk')) | (('頻寬'))"


def test_operators_and_sql_in_a_query_are_only_text():
    query = parse_query("公務車 1=1; -- NEAR(a b) * % _ ' AND DROP TABLE x")
    assert fts5_query(query) == '("公務" + "務車" AND "1" + "1" AND "near" + "a" AND "b" AND "drop" AND "table" AND "x")'
    # An unclosed quote makes the rest one phrase.
    assert fts5_query(parse_query('公務車 "OR 1=1')) == '("公務" + "務車" AND "or" + "1" + "1")'
    assert parse_query("%_';--*").empty
    assert parse_query('"""').empty


def test_full_width_quotes_and_corner_brackets_also_quote_a_phrase():
    assert parse_query("「資訊局 評估」").terms()[0].quoted
    assert parse_query("“資訊局 評估”").terms()[0].quoted


def test_a_query_is_cut_to_a_bounded_number_of_terms():
    query = parse_query(" ".join(f"詞{n}" for n in range(100)))
    assert len(query.terms()) == 16


SAFE_TOKEN = re.compile(r"^[^\W_]+$")


@given(st.text(max_size=80))
def test_any_text_gives_tokens_of_letters_and_digits_only(text):
    for token in tokens(text):
        assert SAFE_TOKEN.match(token), token


@given(st.text(max_size=80))
def test_any_query_becomes_quoted_tokens_joined_by_our_operators_only(text):
    query = parse_query(text)
    fts = fts5_query(query)
    # Remove every quoted token: what is left is our own syntax and nothing typed.
    rest = re.sub(r'"[^"\s]+"', "", fts)
    assert set(rest) <= set("()+* ANDOR"), fts
    rest = re.sub(r"'[^'\s]+'", "", tsquery(query))
    assert set(rest) <= set("()&|<->:* "), rest


@given(st.text(alphabet=st.sampled_from("公務車輛 臺北\n、。KIOSKkiosk ＰｏＣ 5g１２é\u0301_-\"'"), max_size=60))
def test_the_fast_tokenizer_agrees_with_the_folded_pieces_that_queries_and_marks_use(text):
    from lieguan.search.tokenizer import fold_text, pieces, run_tokens

    expected = []
    for piece in pieces(fold_text(text)):
        expected.extend(run_tokens(piece.text) if piece.kind == "cjk" else [piece.text])
    assert tokens(text) == expected
