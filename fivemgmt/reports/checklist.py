"""The checklist forms as data (resources/forms/*.toml): items verbatim, 学校不填 flags, school additions."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass

from fivemgmt.errors import UserError
from fivemgmt.resources import resource_path

SELF_INSPECTION = "self_inspection"
SHUANGJIAN = "shuangjian"
FORM_IDS = (SELF_INSPECTION, SHUANGJIAN)


@dataclass(frozen=True)
class Item:
    code: str  # C1 … C24 official; S1 … the school's own additions
    area: str  # 项目
    content: str  # 内容 (B1 …), "" where the form has none
    point: str  # 要点, verbatim
    school_fills: bool = True  # False: 学校不填 (printed greyed, never answered)
    addition: bool = False  # the school's own item, not on the official form
    evidence: str = ""  # key of the evidence function; "" = answered by hand
    good: str = "是"  # the answer that means the requirement is met


@dataclass(frozen=True)
class Form:
    id: str
    title: str
    source: str
    items: tuple[Item, ...]
    additions_source: str = ""

    def item(self, code: str) -> Item:
        for item in self.items:
            if item.code == code:
                return item
        raise UserError(f"表格“{self.title}”中没有条目 {code}。")

    @property
    def additions(self) -> list[Item]:
        return [i for i in self.items if i.addition]


@functools.cache
def load_form(form_id: str) -> Form:
    if form_id not in FORM_IDS:
        raise UserError(f"没有名为“{form_id}”的自查表。")
    with open(resource_path("forms", f"{form_id}.toml"), "rb") as handle:
        data = tomllib.load(handle)
    items = tuple(
        Item(
            code=str(raw["code"]),
            area=raw["area"],
            content=raw.get("content", ""),
            point=raw["point"],
            school_fills=raw.get("school_fills", True),
            addition=raw.get("addition", False),
            evidence=raw.get("evidence", ""),
            good=raw.get("good", "是"),
        )
        for raw in data["item"]
    )
    return Form(data["id"], data["title"], data["source"], items, data.get("additions_source", ""))
