"""The fast xlsx reader gives exactly what openpyxl's read-only reader gives, value for value and type for
type, on every xlsx the tests have; what it does not handle is read by openpyxl."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from fivemgmt import sheets, xlsxcells
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.errors import UserError

DATA = Path(__file__).resolve().parent.parent / "data"


def openpyxl_values(path: Path, sheet_name: str | None = None) -> tuple[list[list], bool, int]:
    """What tabular read before the fast reader (and still reads when it declines): openpyxl."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        index = book.sheetnames.index(sheet_name) if sheet_name else 0
        sheet = book.worksheets[index]
        rows = sheet.iter_rows(values_only=True, max_col=sheets.sheet_width(sheet))
        cells = [list(row) for _, row in zip(range(sheets._READ_LIMIT), rows)]
        return cells, book.epoch == CALENDAR_MAC_1904, index
    finally:
        book.close()


def typed(rows: list[list]) -> list[list[tuple[type, object]]]:
    """Values with their types: 1 == 1.0 == True and a datetime is not a date."""
    return [[(type(v), v) for v in row] for row in rows]


def assert_same(path: Path, sheet_name: str | None = None) -> list[list]:
    expected, date1904, index = openpyxl_values(path, sheet_name)
    # read_values itself, not through tabular: a file it declined would raise Unsupported here
    rows, fast1904, fast_index = xlsxcells.read_values(
        path, sheet_name, max_rows=sheets._READ_LIMIT, max_columns=sheets.MAX_COLUMNS
    )
    assert typed(rows) == typed(expected)
    assert (fast1904, fast_index) == (date1904, index)
    assert sheets._xlsx_cells(path, data_only=True, sheet_name=sheet_name) == (expected, date1904, index)
    return rows


@pytest.mark.parametrize("path", sorted(DATA.glob("*.xlsx")), ids=lambda p: p.name)
def test_every_data_file_reads_as_openpyxl_reads_it(path: Path) -> None:
    assert assert_same(path)


def _written(path: Path, *, epoch1904: bool = False) -> Path:
    """An openpyxl-written workbook with every kind of value a school's sheet has."""
    book = openpyxl.Workbook()
    if epoch1904:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "成绩"
    sheet.append(["数字", 1, -3, 10**12, 1.0, 2.5, 1e-7, 1e20, 0, -0.5])
    sheet.append(["日期", dt.date(2026, 11, 25), dt.datetime(2026, 11, 25, 7, 30), dt.time(21, 30)])
    sheet.append(["时长", dt.timedelta(hours=30, minutes=5), dt.timedelta(minutes=1, seconds=48)])
    formats = ['yyyy"年"m"月"d"日"', "m/d/yy h:mm", "[h]:mm:ss", "hh:mm", "mm:ss.0", "0.00%", "@", "0.0"]
    sheet.append(["格式", *[45000.75] * len(formats)])
    for column, code in enumerate(formats, start=2):
        sheet.cell(4, column).number_format = code
    sheet.append(["是否", True, False, "#N/A", "#DIV/0!", "=SUM(B1:C1)", "x005F_x000D_文字"])
    sheet.append(
        [
            "富文本",
            CellRichText([TextBlock(InlineFont(b=True), "粗"), "体", TextBlock(InlineFont(i=True), "斜")]),
        ]
    )
    sheet.cell(9, 1, "空行之后")  # rows 7 and 8 are empty
    sheet.cell(9, 9, "空列之后")  # so are columns B–H of row 9
    sheet.cell(12, 3, 7)
    wide = book.create_sheet("宽表")
    wide.append([f"列{i}" for i in range(300)])  # wider than MAX_COLUMNS
    wide.append(list(range(300)))
    book.save(path)
    return path


@pytest.mark.parametrize("epoch1904", [False, True], ids=["1900", "1904"])
def test_openpyxl_written_values_read_the_same(tmp_path: Path, epoch1904: bool) -> None:
    path = _written(tmp_path / "written.xlsx", epoch1904=epoch1904)
    rows = assert_same(path)
    assert rows[1][1] == dt.datetime(2026, 11, 25) and rows[2][1] == dt.timedelta(hours=30, minutes=5)
    assert rows[5][1] == "粗体斜" and rows[8][8] == "空列之后"
    wide = assert_same(path, "宽表")
    assert len(wide[1]) == sheets.MAX_COLUMNS


# ---- files written by hand: what Excel, WPS and the platforms write that openpyxl never does

_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
_STRINGS = (
    f"<sst {_MAIN}><si><t>共享</t></si>"
    '<si><r><t>x005F_x000D_前</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh><r><rPr><b/></rPr><t>后</t></r></si>'
    '<si><t/></si><si><t xml:space="preserve"> 空格 </t></si></sst>'
)
# styles: 0 General (or a date, see below), 1 [h]:mm:ss, 2 a custom date with literal text, 3 0.0,
# 4 built-in 58 (a Chinese date Excel knows and openpyxl does not: a number), 5 built-in 14
_STYLES = (
    f'<styleSheet {_MAIN}><numFmts count="3"><numFmt numFmtId="164" formatCode="[h]:mm:ss"/>'
    '<numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot; h:mm"/>'
    '<numFmt numFmtId="166" formatCode="0.0"/></numFmts>'
    '<cellXfs count="6"><xf numFmtId="{first}"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>'
    '<xf numFmtId="58"/><xf numFmtId="14"/></cellXfs></styleSheet>'
)
_ODD_ROWS = (
    '<row r="2"><c r="B2" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r></is></c>'
    '<c r="D2" t="s"><v>0</v></c><c r="E2" t="s"><v>1</v></c><c r="F2" t="s"><v>2</v></c></row>'
    # cells without coordinates, written numbers of every shape, the other cell types
    '<row><c><v>1E3</v></c><c><v>-0</v></c><c><v> 7</v></c><c><v>2.50</v></c><c t="b"><v>1</v></c>'
    '<c t="e"><v>#N/A</v></c><c t="str"><f>A1</f><v>公式结果</v></c><c t="d"><v>2026-11-25T08:30:00</v></c>'
    '<c t="s"><v>3</v></c><c t="inlineStr"/><c t="n"><v></v></c></row>'
    '<row r="5"><c r="A5"><v>45000</v></c><c r="B5" s="1"><v>1.25</v></c><c r="C5" s="2"><v>45000.75</v></c>'
    '<c r="D5" s="3"><v>3</v></c><c r="E5" s=""><v>4</v></c><c r="F5" s="2"><v>99999999</v></c>'
    '<c r="G5" s="4"><v>45000</v></c><c r="H5" s="5"><v>45000</v></c></row>'
    '<row r="4"><c r="A4"><v>1</v></c></row>'  # out of order: openpyxl skips it
    '<row r="6" spans="1:3"><c r="C6"><v>6</v></c><c r="ZZ6"><v>1</v></c></row>'  # beyond the width
    '<row r="7"/>'
    '<row r="8.0"><c r="a8" s="5"><v>0.5</v></c></row>'
)


def _package(
    path: Path,
    rows: str,
    *,
    dimension: str | None = "A1:H10",
    first_style: int = 0,
    workbook_pr: str = "",
    styles: bool = True,
    root: str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
) -> Path:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{root}" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'{workbook_pr}<sheets><sheet name="表一" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr("xl/_rels/workbook.xml.rels", _RELS)
        archive.writestr("xl/sharedStrings.xml", _STRINGS)
        if styles:
            archive.writestr("xl/styles.xml", _STYLES.replace("{first}", str(first_style)))
        archive.writestr(
            "xl/worksheets/sheet1.xml", f"<worksheet {_MAIN}>{dim}<sheetData>{rows}</sheetData></worksheet>"
        )
    return path


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"first_style": 14},  # a cell without s has style 0: here a date
        {"dimension": None},  # each row as wide as its last cell
        {"dimension": "A1:XFD5"},  # a declared width beyond MAX_COLUMNS, and rows below 5 dropped
        {"dimension": "B2"},
        {"styles": False},  # no styles: no dates
        {"workbook_pr": '<workbookPr date1904="1"/>'},
        {"workbook_pr": '<workbookPr date1904="False"/>'},  # openpyxl reads any text but false/f/0 as true
        {"workbook_pr": '<workbookPr date1904="false"/>'},
    ],
    ids=repr,
)
def test_hand_written_files_read_as_openpyxl_reads_them(tmp_path: Path, options: dict) -> None:
    rows = assert_same(_package(tmp_path / "odd.xlsx", _ODD_ROWS, **options))
    if not options:
        assert rows[4][:3] == [45000, dt.timedelta(days=1, hours=6), dt.datetime(2023, 3, 15, 18, 0)]
        assert rows[4][5:8] == ["#VALUE!", 45000, dt.datetime(2023, 3, 15)]  # 58: openpyxl knows no date
        # runs joined, no phonetic guide; "x005F_" dropped as openpyxl drops it
        assert rows[1][1] == "富文本" and rows[1][4] == "x000D_前后"


def test_a_sheet_ending_below_its_declared_rows_and_gaps_beyond_the_row_limit(tmp_path, monkeypatch) -> None:
    path = _package(
        tmp_path / "gaps.xlsx",
        '<row r="3"><c r="A3"><v>1</v></c></row><row r="40"><c r="B40"><v>2</v></c></row>',
        dimension="A1:B30",
    )
    assert len(assert_same(path)) == 30  # row 40 is below the declared last row: padded to 30, as openpyxl
    monkeypatch.setattr(sheets, "_READ_LIMIT", 5)
    assert len(assert_same(path)) == 5


@pytest.mark.parametrize(
    ("rows", "options"),
    [
        ('<row r="1"><c r="A1" t="x"><v>?</v></c></row>', {}),  # a cell type it does not know
        (
            '<row r="1"><c r="A1"><v>1</v></c></row>',
            {"root": "http://purl.oclc.org/ooxml/spreadsheetml/main"},
        ),
        ('<row r="1"><c r="1"><v>1</v></c></row>', {}),  # a coordinate without a column
    ],
    ids=["cell type", "strict OOXML", "coordinate"],
)
def test_what_it_does_not_handle_is_left_to_openpyxl(tmp_path: Path, rows: str, options: dict) -> None:
    path = _package(tmp_path / "odd.xlsx", rows, **options)
    with pytest.raises(xlsxcells.Unsupported):
        xlsxcells.read_values(path, None, max_rows=10, max_columns=10)
    try:
        expected = openpyxl_values(path)
    except Exception as error:  # noqa: BLE001 — openpyxl cannot read it either: the import says so
        with pytest.raises(UserError, match="无法读取"):
            sheets.read_sheet(path)
        assert error
    else:
        assert sheets._xlsx_cells(path, data_only=True) == expected


def test_a_damaged_file_is_still_refused_as_damaged(tmp_path: Path) -> None:
    path = _package(tmp_path / "bad.xlsx", '<row r="1"><c r="A1" t="s"><v>99</v></c></row>')  # no string 99
    with pytest.raises(UserError, match="无法读取"):
        sheets.read_sheet(path)


def test_a_missing_sheet_is_named(tmp_path: Path) -> None:
    path = _written(tmp_path / "written.xlsx")
    with pytest.raises(UserError, match="没有工作表“体测”"):
        sheets.read_sheet(path, "体测")


def test_the_exported_fitness_template_and_registers_read_the_same(demo_db, tmp_path, today) -> None:
    from fivemgmt.exchange import xlsx
    from fivemgmt.fitness import upload

    template = tmp_path / "fitness.xlsx"
    assert upload.export_template(demo_db, template, today=today) > 0
    rows = assert_same(template)
    assert rows[0][:3] == ["年级编号", "班级编号", "班级名称"]
    registers = tmp_path / "all.xlsx"
    xlsx.export_registers(demo_db, LOCAL_ADMIN, registers)
    for name in openpyxl.load_workbook(registers, read_only=True).sheetnames:
        assert_same(registers, name)
