"""Synthetic 初中 scoring tables made for the tests: the bundled 大一 (41) bands copied under 初一–初三 (21–23).

They are NOT the 2014 standard's 初中 tables and are never shipped or scored as real: they exist only to
exercise loading, checking and scoring of a school-loaded table file.
"""

from __future__ import annotations

import csv
from pathlib import Path

from fivemgmt.resources import resource_path

ITEM_HEADER = ["stage", "grade_code", "grade_name", "sex", "item", "item_cn", "unit", "direction", "score",
               "threshold", "threshold_display"]  # fmt: skip
BMI_HEADER = ["stage", "grade_code", "grade_name", "sex", "low_weight_max", "normal_min", "normal_max",
              "overweight_min", "overweight_max", "obese_min", "scores", "confidence"]  # fmt: skip
NAMES = {"21": "初一", "22": "初二", "23": "初三"}


def _bundled(name: str) -> list[dict]:
    with (resource_path("fitness") / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def item_rows(codes=("21", "22", "23")) -> list[dict]:
    return [
        {**row, "stage": "junior", "grade_code": code, "grade_name": NAMES[code]}
        for code in codes
        for row in _bundled("item_tables.csv")
        if row["grade_code"] == "41"
    ]


def bmi_rows(codes=("21", "22", "23")) -> list[dict]:
    return [
        {**row, "stage": "junior", "grade_code": code, "grade_name": NAMES[code], "confidence": "synthetic"}
        for code in codes
        for row in _bundled("bmi_bands.csv")
        if row["grade_code"] == "41"
    ]


def write_csv(path: Path, header: list[str], rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# SYNTHETIC TEST TABLE — not the 2014 standard\n")
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, items: list[dict] | None = None, bmi: list[dict] | None = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "item_tables"
    sheet.append(ITEM_HEADER)
    for row in item_rows() if items is None else items:
        sheet.append([row.get(h) for h in ITEM_HEADER])
    bmi_sheet = book.create_sheet("bmi_bands")
    bmi_sheet.append(BMI_HEADER)
    for row in bmi_rows() if bmi is None else bmi:
        bmi_sheet.append([row.get(h) for h in BMI_HEADER])
    book.save(path)
    return path
