"""读物 — extracurricular reading materials entering the campus.

A catalogue of books (图书室 or a class's 图书角), each going through the review procedure of
《中小学生课外读物进校园管理办法》: 初选 → 评议 → 确认 → 公示 → 备案, in that order, each step with its date
and person. The 评议 records the reviewers, and for each of the 12 negative-list items whether it applies,
plus the grades the book suits. A book to which any item applies cannot be recommended; it must be
dispositioned (封存 / 下架 / 上报). The annual recommended list (推荐书目) is per grade and is printed for
parents with the statement that purchase is voluntary. Donated books and books students bring in are
reviewed like the others.

Checks: books in circulation without a completed review (评议 and 确认), recommended books lacking 公示 or
备案, problem books not dispositioned. Reading is not a daily register: a class week shows the state of the
class book corner as of the end of that week; a class with no books in its corner is 不适用 (NA).

The package: ``records`` (schema, record types, reading and writing) · ``checks`` (day checks,
``week_summary``) · ``imports`` (``preview_*``/``commit_*``, export columns); this module re-exports
their names, so ``from fivemgmt.areas import reading; reading.week_summary(...)`` works.
"""

from fivemgmt.areas.reading.checks import (
    DAILY,
    DAY_FIGURES,
    ReadingWeek,
    catalogue_findings,
    catalogue_status,
    class_verdict,
    days,
    week,
    week_summary,
)
from fivemgmt.areas.reading.imports import (
    IMPORT_COLUMNS,
    SOURCE_CHOICES,
    _isbn_cell,
    _row_book,
    commit_import,
    parse_location,
    preview_import,
)
from fivemgmt.areas.reading.records import (
    ACTIONS,
    AREA,
    BOOKS,
    CORNER,
    DISPOSITIONS,
    LIBRARY,
    LIST,
    OUT_OF_CIRCULATION,
    REVIEW_STEP,
    SOURCES,
    STEPS,
    STEPS_TABLE,
    VOLUNTARY_NOTICE,
    Book,
    BookStatus,
    Disposition,
    ListEntry,
    NegativeList,
    ParentList,
    Review,
    Step,
    _as_of,
    _check_step_order,
    _same_book,
    add_to_list,
    book_status,
    book_statuses,
    delete_book,
    disposition,
    isbn13_check_digit,
    negative_list,
    normalize_isbn,
    parent_list,
    recommended_list,
    record_step,
    remove_from_list,
    save_book,
    save_review,
    school_year_of,
    undo_step,
    validate_book,
)
