"""Class and grade names as schools write them: 四年级(2)班, 七年级 or 初一, 高二（1）班; read from a cell, a
title or a file name."""

from __future__ import annotations

import functools
import re

from fivemgmt import parsers

STAGES = {
    "小学": (1, 6),
    "初中": (7, 9),
    "九年一贯制": (1, 9),
    "高中": (10, 12),
    "完全中学": (7, 12),
}
CN_DIGITS = "零一二三四五六七八九十"
GRADE_NAMES = {g: f"{CN_DIGITS[g]}年级" for g in range(1, 10)} | {10: "高一", 11: "高二", 12: "高三"}
JUNIOR_ALT = {7: "初一", 8: "初二", 9: "初三"}

CLASS_RE = re.compile(
    r"^(?P<grade>[一二三四五六七八九1-9]年级|初[一二三123]|高[一二三123]|[一二三四五六七八九1-9])"
    r"[\s(（]*(?P<number>\d{1,2}|[一二三四五六七八九十]{1,3})[)）]?\s*班?$"
)


def grade_stage(grade: int) -> str:
    return "小学" if grade <= 6 else ("初中" if grade <= 9 else "高中")


def grade_name(grade: int, junior_style: str = "年级") -> str:
    """四年级; 七年级 or 初一 (the school's choice); 高一."""
    if junior_style == "初" and grade in JUNIOR_ALT:
        return JUNIOR_ALT[grade]
    return GRADE_NAMES[grade]


def class_name(grade: int, number: int, junior_style: str = "年级") -> str:
    return f"{grade_name(grade, junior_style)}({number})班"


def cn_number(text: str) -> int:
    """'3' → 3, '十二' → 12: the numbers in class names and week numbers."""
    return _cn_number(text)


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CN_DIGITS.index(text[1])
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS.index(tens) * 10 + (CN_DIGITS.index(ones) if ones else 0)
    return CN_DIGITS.index(text)


def parse_class_name(text: str) -> tuple[int, int]:
    """'四年级(2)班', '初一(3)班', '七年级3班', '高二（1）班', '4年级2班' → (grade, number)."""
    return _parse_class_name(str(text))


@functools.lru_cache(maxsize=4096)  # an import names the same few classes on 100,000 rows
def _parse_class_name(text: str) -> tuple[int, int]:
    cleaned = re.sub(r"\s+", "", text)
    match = CLASS_RE.match(cleaned)
    if not match:
        raise parsers.CellError(f"“{text}”不是班级名称（应为 四年级(2)班 这样的格式）")
    grade_text = match.group("grade").removesuffix("年级")
    if grade_text.startswith("初"):
        grade = 6 + _cn_number(grade_text[1:])
    elif grade_text.startswith("高"):
        grade = 9 + _cn_number(grade_text[1:])
    else:
        grade = _cn_number(grade_text)
    number = _cn_number(match.group("number"))
    if not (1 <= grade <= 12 and 1 <= number <= 99):
        raise parsers.CellError(f"“{text}”的年级或班号不合理")
    return grade, number


# A class named inside a title or file name: "2026学年四年级(2)班学生名单", "初一3班作业公示".
CLASS_IN_TEXT_RE = re.compile(
    r"(?:[一二三四五六七八九1-9]年级|初[一二三123]|高[一二三123])\s*[(（]?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
    r"\s*[)）]?\s*班"
)


def class_in_text(text: str) -> str | None:
    """The one class a title or file name names, in the school's spelling (四年级(2)班); None when it names
    none or several."""
    found = set()
    for match in CLASS_IN_TEXT_RE.finditer(re.sub(r"\s+", "", str(text))):
        try:
            found.add(parse_class_name(match.group(0)))
        except parsers.CellError:
            continue
    return class_name(*found.pop()) if len(found) == 1 else None
