"""Chinese numerals and the official enumeration hierarchy (壹、→ 一、→（一）→ 1、→（1）).

Written here rather than taken from cn2an because cn2an answers in Simplified
characters and cannot read 參, both of which official minutes need.
"""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
FINANCIAL_DIGITS = "零壹貳參肆伍陸柒捌玖"

# Every character that can stand for a digit, in the forms minutes actually print.
_DIGIT_VALUES: dict[str, int] = {
    **{c: n for n, c in enumerate(DIGITS)},
    **{c: n for n, c in enumerate(FINANCIAL_DIGITS)},
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "兩": 2,
    "叁": 3,
    "弍": 2,
    "貮": 2,
    **{str(n): n for n in range(10)},
    **{chr(0xFF10 + n): n for n in range(10)},  # full-width ０-９
}
_UNIT_VALUES: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_MYRIAD = {"萬": 10_000, "億": 100_000_000}

NUMERAL_CHARS = "".join(_DIGIT_VALUES) + "".join(_UNIT_VALUES) + "".join(_MYRIAD)


def to_chinese(n: int) -> str:
    """1 → 一, 10 → 十, 23 → 二十三, 101 → 一百零一, 512 → 五百一十二."""
    return _to_numeral(n, DIGITS, "十百千", "萬", short_ten=True)


def to_financial(n: int) -> str:
    """1 → 壹, 3 → 參, 11 → 拾壹: the top level of official enumeration."""
    return _to_numeral(n, FINANCIAL_DIGITS, "拾佰仟", "萬", short_ten=True)


def _to_numeral(n: int, digits: str, units: str, myriad: str, *, short_ten: bool) -> str:
    if n < 0:
        raise ValueError(f"negative numbers have no label: {n}")
    if n == 0:
        return digits[0]
    if n >= 100_000_000:
        raise ValueError(f"number too large for a label: {n}")
    high, low = divmod(n, 10_000)
    if high:
        head = _below_myriad(high, digits, units, short_ten=short_ten) + myriad
        if low == 0:
            return head
        return head + (digits[0] if low < 1000 else "") + _below_myriad(low, digits, units, short_ten=False)
    return _below_myriad(low, digits, units, short_ten=short_ten)


def _below_myriad(n: int, digits: str, units: str, *, short_ten: bool) -> str:
    out: list[str] = []
    places = [(1000, units[2]), (100, units[1]), (10, units[0]), (1, "")]
    pending_zero = False
    for value, unit in places:
        d, n = divmod(n, value)
        if d:
            if pending_zero:
                out.append(digits[0])
                pending_zero = False
            out.append(digits[d] + unit)
        elif out:
            pending_zero = True
    text = "".join(out)
    # 十一 rather than 一十一 when the number starts with the tens.
    if short_ten and text.startswith(digits[1] + units[0]):
        text = text[1:]
    return text


def parse_number(text: str) -> int:
    """Read Arabic, full-width, Chinese or financial numerals: 224, ２２４, 二百二十四, 五一二, 貳.

    Positional runs without units (五一二, 一〇一) read digit by digit, as in
    第五一二次. Raises ``ValueError`` for anything that is not a number.
    """
    s = text.strip()
    if not s:
        raise ValueError("empty numeral")
    if any(c not in _DIGIT_VALUES and c not in _UNIT_VALUES and c not in _MYRIAD for c in s):
        raise ValueError(f"not a numeral: {text!r}")
    if all(c in _DIGIT_VALUES for c in s):
        value = 0
        for c in s:
            value = value * 10 + _DIGIT_VALUES[c]
        return value
    total = 0
    section = 0  # the part below the current myriad
    digit: int | None = None
    for c in s:
        if c in _DIGIT_VALUES:
            if digit is not None and c not in "0０零〇○Ｏ":
                # 二三 inside a unit numeral is not a number.
                raise ValueError(f"not a numeral: {text!r}")
            digit = _DIGIT_VALUES[c] if c not in "0０零〇○Ｏ" else digit
        elif c in _UNIT_VALUES:
            section += (1 if digit is None else digit) * _UNIT_VALUES[c]
            digit = None
        else:
            section += digit or 0
            total += (section or 1) * _MYRIAD[c]
            section, digit = 0, None
    return total + section + (digit or 0)


# The official hierarchy of enumeration labels, outermost first.
LEVELS = ("financial", "chinese", "paren_chinese", "arabic", "paren_arabic")


def label_value(level: int, n: int) -> str:
    """The bare label of item ``n`` at ``level`` (0 = 壹, 1 = 一, 2 = 一 in brackets, 3 = 1, 4 = 1 in brackets)."""
    if level == 0:
        return to_financial(n)
    if level in (1, 2):
        return to_chinese(n)
    if level in (3, 4):
        return str(n)
    raise ValueError(f"no enumeration level {level}")


def format_label(level: int, n: int) -> str:
    """The printed label: 壹、 一、 （一） 1、 （1）."""
    value = label_value(level, n)
    if level in (2, 4):
        return f"（{value}）"
    return f"{value}、"
