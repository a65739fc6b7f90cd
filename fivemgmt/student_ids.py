"""学籍号 (the national student number): the one identity of a student in every import.

A 学籍号 is "G" followed by the 18-character 居民身份证号 (17 or 18 characters in some provinces' forms).
The class seat number 学号 (1…N) is a different field: it repeats in every class, so it never identifies
a student on its own.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from fivemgmt import parsers

FIX = "请把学籍号列设为文本后重新输入"
ID_BODY_RE = re.compile(r"^\d{17}[\dX]$")  # an 18-character 居民身份证号
STANDARD_RE = re.compile(r"^G[0-9A-Z]{17,18}$")
SCIENTIFIC_RE = re.compile(r"^[+-]?\d+(\.\d*)?E[+-]?\d+$")
SEAT_RE = re.compile(r"^\d{1,3}$")
# ISO 7064 MOD 11-2, as GB 11643 uses it for the last character of a 居民身份证号.
_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]
_CHECK = "10X98765432"


def normalize(value: Any) -> str:
    """The form numbers are compared in: full-width → half-width, no spaces, upper case (g… = G…)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value or ""))).upper()


def parse(value: Any) -> str:
    """A 学籍号 cell as text, or :class:`parsers.CellError` when the spreadsheet has already changed it."""
    if isinstance(value, bool):
        raise parsers.CellError(f"“{value}”不是学籍号")
    if isinstance(value, int | float):
        try:
            text = parsers.number_text(value)
        except parsers.CellError:
            raise parsers.CellError(
                f"学籍号存成了数字（Excel 显示为 {float(value):.5E}），Excel 只保留 15 位有效数字，末几位已经丢失；{FIX}"
            ) from None
    else:
        text = normalize(value)
    if SCIENTIFIC_RE.match(text):
        raise parsers.CellError(f"“{value}”是科学计数法，学籍号的末几位已经丢失；{FIX}")
    if SEAT_RE.match(text):
        raise parsers.CellError(f"“{text}”像是班内学号而不是学籍号；班内学号请填在“学号”列")
    return text


def expected_check(body: str) -> str:
    """The check character an 18-character ID number should end with (from its first 17 digits)."""
    return _CHECK[sum(int(d) * w for d, w in zip(body[:17], _WEIGHTS)) % 11]


def is_standard(number: str) -> bool:
    """G + 17/18 characters, or an 18-character ID number."""
    return bool(STANDARD_RE.match(number) or ID_BODY_RE.match(number))


def check_digit_problem(number: str) -> str | None:
    """Why a 学籍号 built on an ID number looks mistyped (a preview warning, not a refusal), or None."""
    body = number.removeprefix("G")
    if not ID_BODY_RE.match(body):
        return None
    check = expected_check(body)
    if body[-1] == check:
        return None
    return f"学籍号“{number}”的校验位不对（按身份证号规则末位应为 {check}），请核对"
