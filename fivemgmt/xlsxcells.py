"""One sheet's values from an xlsx, exactly as openpyxl's read-only reader gives them, without its cost.

``openpyxl.load_workbook(read_only=True, data_only=True)`` and ``iter_rows(values_only=True,
max_col=…)`` build a cell dictionary per cell and parse the shared strings through its object model; this
module reads the same parts with ``zipfile`` and the C ``iterparse`` and applies openpyxl's own rules
(``openpyxl/worksheet/_reader.py`` and ``_read_only.py``, 3.1): numbers are int unless written with a
".", "E" or "e"; a number is a date/time/timedelta when its cell style's number format is one for
``is_date_format`` (converted by openpyxl's ``from_excel``, 1900 or 1904 epoch); rows missing from the
file are filled in, each row is as wide as the declared dimension (else as its last cell), and rows
below the declared last row are dropped.

Anything it does not know (a strict-OOXML namespace, an unknown cell type, a chartsheet, a missing
part, a malformed coordinate…) raises :class:`Unsupported`; the caller then reads the file with openpyxl,
which decides what the file holds or how it is broken. So this reader can be faster, never different.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_ROW, _C, _V, _IS, _T, _R = (_MAIN + t for t in ("row", "c", "v", "is", "t", "r"))
_DIMENSION, _SHEET_DATA = _MAIN + "dimension", _MAIN + "sheetData"
_IGNORED_IN_TEXT = {_MAIN + "rPh", _MAIN + "phoneticPr"}  # phonetic guides: not part of the text
_DIGITS = "0123456789"


class Unsupported(Exception):
    """The file uses something this reader does not handle: read it with openpyxl instead."""


class NoSuchSheet(Exception):
    """The named sheet is not in the workbook."""


def read_values(
    path: Path, sheet_name: str | None, *, max_rows: int, max_columns: int
) -> tuple[list[list[Any]], bool, int]:
    """The first ``max_rows`` rows of the first (or the named) sheet as openpyxl's
    ``iter_rows(values_only=True, max_col=min(declared width, max_columns))`` gives them, whether the
    workbook counts dates from 1904, and the sheet's position. Raises :class:`Unsupported` or
    :class:`NoSuchSheet`: any error reading the file is :class:`Unsupported` (openpyxl says how it is
    damaged)."""
    try:
        return _read_values(path, sheet_name, max_rows=max_rows, max_columns=max_columns)
    except (Unsupported, NoSuchSheet):
        raise
    except Exception as error:
        raise Unsupported(f"{type(error).__name__}: {error}") from error


def _read_values(
    path: Path, sheet_name: str | None, *, max_rows: int, max_columns: int
) -> tuple[list[list[Any]], bool, int]:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        parts = _content_types(archive)
        workbook_part = next(
            (parts[t] for t in _WORKBOOK_TYPES if t in parts),
            None,
        )
        if workbook_part is None:
            raise Unsupported("no workbook part")
        date1904, sheets = _workbook(archive, workbook_part, names)
        sheetnames = [name for name, _ in sheets]
        if sheet_name is not None and sheet_name not in sheetnames:
            raise NoSuchSheet(sheet_name)
        index = sheetnames.index(sheet_name) if sheet_name else 0
        if index >= len(sheets):
            raise Unsupported("no sheet")
        strings = _shared_strings(archive, parts[_SHARED_STRINGS]) if _SHARED_STRINGS in parts else []
        date_styles = _date_styles(archive) if "xl/styles.xml" in names else {}
        epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        with archive.open(sheets[index][1]) as source:
            rows = _sheet_rows(source, strings, date_styles, epoch, max_rows, max_columns)
        # The parts this reader skips (theme, docProps, other sheets) are still read once, so that their
        # checksums are checked: a damaged file is handed to openpyxl, which refuses it, never taken in.
        for info in archive.infolist():
            if info.filename != sheets[index][1] and not info.is_dir():
                with archive.open(info) as part:  # in chunks: a pasted photo need not sit in memory
                    while part.read(1 << 20):
                        pass
    return rows, date1904, index


_WORKBOOK_TYPES = (  # openpyxl looks for them in this order
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
)
_SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _root(data: bytes, tag: str) -> ElementTree.Element:
    root = ElementTree.fromstring(data)
    if root.tag != tag:  # e.g. strict OOXML (purl.oclc.org namespaces)
        raise Unsupported(f"root {root.tag}")
    return root


def _content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    """Content type -> the first part of that type (zip member name), from the Override entries."""
    root = _root(archive.read("[Content_Types].xml"), _CT + "Types")
    parts: dict[str, str] = {}
    for override in root.iter(_CT + "Override"):
        kind, name = override.get("ContentType"), override.get("PartName")
        if kind is None or name is None:
            raise Unsupported("override")
        parts.setdefault(kind, name[1:])
    return parts


def _workbook(archive: zipfile.ZipFile, part: str, names: set[str]) -> tuple[bool, list[tuple[str, str]]]:
    """Whether dates count from 1904, and each sheet's (name, zip member)."""
    root = _root(archive.read(part), _MAIN + "workbook")
    properties = root.find(_MAIN + "workbookPr")
    flag = properties.get("date1904") if properties is not None else None
    # openpyxl's Bool descriptor: "false", "f", "0" (and "") are false, any other text true
    date1904 = flag is not None and flag not in ("false", "f", "0", "")
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
    rels = {}
    parent = posixpath.split(posixpath.dirname(rels_name))[0]
    for rel in _root(archive.read(rels_name), _PKG_REL + "Relationships").iter(_PKG_REL + "Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(parent, target))
        rels[rel.get("Id")] = (target, rel.get("Type", ""))
    sheets = []
    container = root.find(_MAIN + "sheets")
    for sheet in container if container is not None else ():
        rel_id, sheet_name = sheet.get(_REL + "id"), sheet.get("name")
        if sheet.tag != _MAIN + "sheet" or not rel_id or sheet_name is None or rel_id not in rels:
            raise Unsupported("sheet entry")
        int(sheet.get("sheetId", ""))  # openpyxl requires it
        target, kind = rels[rel_id]
        # openpyxl leaves out a sheet whose part is missing and lists a chartsheet by name only
        if target not in names or "chartsheet" in kind:
            raise Unsupported("missing sheet or chartsheet")
        sheets.append((sheet_name, target))
    return date1904, sheets


def _text(node: ElementTree.Element) -> str:
    """openpyxl's ``Text.from_tree(node).content``: the plain text, then each rich-text run's text."""
    if len(node) == 1 and node[0].tag == _T and not node.attrib:  # the common <si><t>…</t></si>
        return node[0].text or ""
    if any(not key.startswith("{") for key in node.attrib):
        raise Unsupported("text attributes")
    plain, runs = None, []
    for child in node:
        if child.tag == _T:
            plain = child.text  # the last <t> counts, as in openpyxl
        elif child.tag == _R:
            run = None
            for part in child:
                if part.tag == _T:
                    run = part.text
                elif part.tag != _MAIN + "rPr":
                    raise Unsupported(f"run {part.tag}")
            if run is not None:
                runs.append(run)
        elif child.tag not in _IGNORED_IN_TEXT:
            raise Unsupported(f"text {child.tag}")
    return (plain or "") + "".join(runs)


def _shared_strings(archive: zipfile.ZipFile, part: str) -> list[str]:
    strings = []
    with archive.open(part) as source:
        events = ElementTree.iterparse(source, events=("start", "end"))
        _, root = next(events)
        if root.tag != _MAIN + "sst":
            raise Unsupported(f"root {root.tag}")
        si = _MAIN + "si"
        for event, element in events:
            if event == "end" and element.tag == si:
                strings.append(_text(element).replace("x005F_", ""))  # as openpyxl's read_string_table
                root.clear()
    return strings


def _date_styles(archive: zipfile.ZipFile) -> dict[int, bool]:
    """Cell style index -> whether it is a timedelta format, for the styles openpyxl reads as dates."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    root = _root(archive.read("xl/styles.xml"), _MAIN + "styleSheet")
    custom: dict[int, str] = {}
    for formats in root.findall(_MAIN + "numFmts"):
        for number_format in formats.findall(_MAIN + "numFmt"):
            code = number_format.get("formatCode")
            if code is None:
                raise Unsupported("numFmt")
            custom[int(number_format.get("numFmtId", ""))] = code
    styles: dict[int, bool] = {}
    cell_xfs = root.find(_MAIN + "cellXfs")
    for index, xf in enumerate(cell_xfs.findall(_MAIN + "xf") if cell_xfs is not None else ()):
        format_id = int(xf.get("numFmtId", 0))
        code = custom[format_id] if format_id in custom else BUILTIN_FORMATS.get(format_id)
        if is_date_format(code):
            styles[index] = is_timedelta_format(code)
    return styles


def _sheet_rows(
    source: Any,
    strings: list[str],
    date_styles: dict[int, bool],
    epoch: Any,
    max_rows: int,
    max_columns: int,
) -> list[list[Any]]:
    """openpyxl's ``ReadOnlyWorksheet._cells_by_row`` with ``WorkSheetParser.parse_row``/``parse_cell``
    (data_only), stopping after ``max_rows`` rows."""
    from openpyxl.utils.cell import column_index_from_string, range_boundaries
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    columns: dict[str, int] = {}  # the letters of a coordinate -> column number
    styles: dict[str | None, Any] = {}  # the s attribute -> None (not a date) or whether a timedelta

    def style(raw: str | None) -> Any:
        # openpyxl: a cell without s has style 0, s="" has none (it never matches a style)
        number = 0 if raw is None else int(raw) if raw else None
        styles[raw] = found = None if number is None else date_styles.get(number)
        return found

    out: list[list[Any]] = []
    dimension: tuple | None = None
    started = data_done = False
    width = max_row = None
    counter = idx = 1
    row_counter = 0
    for _, element in ElementTree.iterparse(source):
        tag = element.tag
        if tag != _ROW:
            if tag == _DIMENSION and not data_done:
                if started:  # a dimension after the rows: openpyxl would have applied it to them
                    raise Unsupported("late dimension")
                ref = element.get("ref")
                if ref is None:
                    raise Unsupported("dimension")
                dimension = range_boundaries(ref)
            elif tag == _SHEET_DATA:
                data_done = True  # openpyxl looks for the dimension only up to here
            continue
        if not started:
            started = True
            if dimension is not None:
                declared, max_row = dimension[2], dimension[3]
                width = min(declared, max_columns) if declared else None
        r = element.get("r")
        if r is not None:
            try:
                row_counter = int(r)
            except ValueError:
                number = float(r)
                if not number.is_integer():
                    raise Unsupported("row number") from None
                row_counter = int(number)
        else:
            row_counter += 1
        idx = row_counter
        if max_row is not None and idx > max_row:
            break
        column = 0
        cells = []
        for cell in element:
            if cell.tag != _C:
                raise Unsupported(f"row child {cell.tag}")
            coordinate = cell.get("r")
            if coordinate:
                letters = coordinate.rstrip(_DIGITS)
                column = columns.get(letters, 0)
                if not column:
                    if len(letters) == len(coordinate):
                        raise Unsupported("coordinate")
                    column = columns[letters] = column_index_from_string(letters)
            else:
                column += 1
            kind = cell.get("t", "n")
            raw_style = cell.get("s")
            date = styles[raw_style] if raw_style in styles else style(raw_style)
            if kind == "inlineStr":
                inline = cell.find(_IS)
                value = _text(inline) if inline is not None else None
            else:
                v = cell.find(_V)
                value = (v.text or None) if v is not None else None
                if value is not None:
                    if kind == "n":
                        value = float(value) if "." in value or "E" in value or "e" in value else int(value)
                        if date is not None:
                            try:
                                value = from_excel(value, epoch, timedelta=date)
                            except (OverflowError, ValueError):
                                value = "#VALUE!"  # openpyxl: a date serial out of range is an error
                    elif kind == "s":
                        value = strings[int(value)]
                    elif kind == "b":
                        value = bool(int(value))
                    elif kind == "d":
                        value = from_ISO8601(value)
                    elif kind not in ("str", "e"):
                        raise Unsupported(f"cell type {kind}")
                elif kind not in ("n", "s", "b", "d", "str", "e"):
                    raise Unsupported(f"cell type {kind}")
            cells.append((column, value))
        element.clear()
        while counter < idx and len(out) < max_rows:  # rows the file leaves out
            counter += 1
            out.append([None] * width if width else [])
        if counter <= idx:
            if cells or width:
                last = width or cells[-1][0]
                row = [None] * last
                for column, value in cells:
                    if column <= last:  # a column is never below 1
                        row[column - 1] = value
            else:
                row = []
            out.append(row)
            counter += 1
        if len(out) >= max_rows:
            return out[:max_rows]
    if max_row is not None and max_row < idx:
        while counter <= max_row and len(out) < max_rows:
            out.append([None] * width if width else [])
            counter += 1
    return out[:max_rows]
