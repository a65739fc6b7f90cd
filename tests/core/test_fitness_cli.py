"""``fivemgmt fitness score IN.xlsx -o OUT.xlsx [--json]`` on real xlsx files, without a school database."""

from __future__ import annotations

import json

import openpyxl
import pytest

from fivemgmt.cli import main

HEADER = [
    "年级编号", "班级编号", "班级名称", "学籍号", "民族代码", "姓名", "性别", "出生日期", "家庭住址", "身高", "体重",
    "肺活量", "50米跑", "立定跳远", "坐位体前屈", "50米x8往返跑", "一分钟跳绳", "800米跑(女)", "1000米跑(男)",
    "一分钟仰卧起坐", "引体向上(男)",
]  # fmt: skip


def make_row(grade, sid, name, sex, **results) -> list:
    row = dict.fromkeys(HEADER)
    row.update({"年级编号": grade, "班级编号": "1", "班级名称": "1班", "学籍号": sid, "民族代码": "01", "姓名": name,
                "性别": sex})  # fmt: skip
    row.update(results)
    return [row[h] for h in HEADER]


def write_input(path, rows) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)


ROWS = [
    # 一年级男, complete: 92.5 + 5 bonus = 97.5 优秀
    make_row("11", "G1", "张一", 1, 身高=120, 体重=22, 肺活量=1700, **{"50米跑": 10.5}, 坐位体前屈=12, 一分钟跳绳=120),
    # 一年级男 with 肺活量 missing: incomplete
    make_row("11", "G2", "张二", 1, 身高=120, 体重=22, **{"50米跑": 10.5}, 坐位体前屈=12, 一分钟跳绳=120),
    # 初二女: no table yet
    make_row("22", "G3", "李三", 2, 身高=155, 体重=45, **{"800米跑(女)": "3'50"}),
    # 大一男 exempt
    make_row("41", "G4", "王四", 1, 身高="免体"),
    # 大一男, m.ss run time typed as a number, pull-ups with bonus
    make_row("41", "G5", "赵五", 1, 身高=175, 体重=65, 肺活量=5200, **{"50米跑": 6.5, "1000米跑(男)": 3.17},
             立定跳远=273, 坐位体前屈=25, **{"引体向上(男)": 22}),
]  # fmt: skip


def test_score_writes_rows_scores_and_totals(tmp_path, capsys) -> None:
    source, out = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    write_input(source, ROWS)
    # 初二 has no table and G2 lacks 肺活量: written, but not every student scored → exit 1
    assert main(["fitness", "score", str(source), "-o", str(out)]) == 1
    ws = openpyxl.load_workbook(out).active
    rows = [[cell.value for cell in row] for row in ws.iter_rows()]
    header = rows[0]
    assert header[: len(HEADER)] == HEADER  # the input's columns come first, unchanged
    assert header[-5:] == ["标准分", "附加分", "学年总分", "等级", "备注"]
    for item in ("肺活量", "50米跑", "一分钟跳绳", "50米×8往返跑", "引体向上(男)"):
        assert item + "得分" in header and item + "附加分" in header
    assert "BMI" in header and "BMI得分" in header
    by_id = {row[3]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert len(by_id) == 5

    first = by_id["G1"]
    assert first["姓名"] == "张一" and first["肺活量"] == 1700  # original cells kept
    assert first["一分钟跳绳得分"] == 100 and first["一分钟跳绳附加分"] == 5
    assert first["50米跑得分"] == 85 and first["BMI得分"] == 100 and first["BMI"] == 15.3
    assert (first["标准分"], first["附加分"], first["学年总分"], first["等级"]) == (92.5, 5, 97.5, "优秀")
    assert first["备注"] in ("", None)

    second = by_id["G2"]
    assert second["学年总分"] is None and second["等级"] == "成绩不完整"
    assert "肺活量" in second["备注"]
    assert second["50米跑得分"] == 85  # measured items still scored

    third = by_id["G3"]
    assert third["等级"] == "无评分表" and "无评分表" in third["备注"]
    assert third["学年总分"] is None and third["800米跑(女)得分"] is None

    assert by_id["G4"]["等级"] == "免测" and by_id["G4"]["学年总分"] is None

    fifth = by_id["G5"]
    assert fifth["1000米跑(男)得分"] == 100 and fifth["1000米跑(男)附加分"] == 0  # 3'17" is the 100 threshold
    assert fifth["引体向上(男)附加分"] == 3
    assert fifth["学年总分"] == 103 and fifth["等级"] == "优秀"
    err = capsys.readouterr().err
    assert "共 5 名学生：已评分 2 名，免测 1 名，未能评分 2 名" in err
    assert "无评分表（年级编号22 初二） 1 名" in err and "成绩不完整" in err


def test_unscored_students_are_counted_with_reason_and_exit_nonzero(tmp_path, capsys) -> None:
    """Issue 17: it said "已评分 540 名学生" and exited 0 while 178 got 无评分表."""
    source, out = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    juniors = [make_row("21", f"J{i}", f"初一{i}", 1 + i % 2, 身高=150, 体重=45) for i in range(3)]
    write_input(source, [ROWS[0], *juniors])
    assert main(["fitness", "score", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "已评分 1 名，未能评分 3 名（无评分表（年级编号21 初一） 3 名）" in err
    write_input(source, [ROWS[0]])
    assert main(["fitness", "score", str(source), "-o", str(out)]) == 0
    assert "没有未能评分的学生" in capsys.readouterr().err


def test_json_lines(tmp_path, capsys) -> None:
    source = tmp_path / "in.xlsx"
    write_input(source, ROWS)
    assert main(["fitness", "score", str(source), "--json"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    objects = [json.loads(line) for line in lines]
    assert len(objects) == 5
    first = objects[0]
    assert first["行号"] == 2 and first["学籍号"] == "G1" and first["性别"] == "男"
    assert first["50米跑"] == 10.5 and first["50米跑得分"] == 85
    assert first["一分钟跳绳附加分"] == 5
    assert first["学年总分"] == 97.5 and first["等级"] == "优秀" and first["状态"] == "complete"
    assert "50米×8往返跑得分" in first  # canonical header, though the file wrote 50米x8往返跑
    fifth = objects[4]
    assert fifth["1000米跑(男)"] == "3'17"
    assert [o["状态"] for o in objects] == ["complete", "incomplete", "no_table", "exempt", "complete"]


def test_rejected_values_are_noted_and_exit_code_1(tmp_path, capsys) -> None:
    source, out = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    bad = make_row(
        "11", "G9", "错一", 1, 身高=20, 体重=22, 肺活量=1700, **{"50米跑": 2}, 坐位体前屈=12, 一分钟跳绳=-5
    )
    write_input(source, [bad, ROWS[0]])
    assert main(["fitness", "score", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "第2行「身高」" in err and "第2行「50米跑」" in err and "第2行「一分钟跳绳」" in err
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    note = rows[1][-1]
    assert "第2行「身高」" in note and "成绩不完整" in note
    assert rows[1][-2] == "成绩不完整"
    assert rows[2][-2] == "优秀"  # the good row is still scored


def test_wusi_option(tmp_path, capsys) -> None:
    source = tmp_path / "in.xlsx"
    write_input(source, [make_row("21", "G1", "五四", 2, 一分钟跳绳=166)])
    main(["fitness", "score", str(source), "--json"])
    assert json.loads(capsys.readouterr().out)["一分钟跳绳得分"] is None  # 初一 has no table
    main(["fitness", "score", str(source), "--json", "--wusi"])
    assert json.loads(capsys.readouterr().out)["一分钟跳绳得分"] == 100  # scored as 六年级


def test_user_errors(tmp_path, capsys) -> None:
    source = tmp_path / "in.xlsx"
    write_input(source, ROWS)
    assert main(["fitness", "score", str(source)]) == 2
    assert "-o" in capsys.readouterr().err
    assert main(["fitness", "score", str(tmp_path / "none.xlsx"), "--json"]) == 2
    assert "找不到" in capsys.readouterr().err
    assert main(["fitness", "score", str(source), "-o", str(tmp_path / "out.csv")]) == 2
    empty = tmp_path / "empty.xlsx"
    write_input(empty, [])
    assert main(["fitness", "score", str(empty), "--json"]) == 2
    assert "没有学生" in capsys.readouterr().err


def test_help_is_bilingual(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["fitness", "score", "--help"])
    text = capsys.readouterr().out
    assert "上报模板" in text and "template" in text and "JSON Lines" in text
