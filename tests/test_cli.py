"""The CLI end to end: what a script or an admin sees, exit codes included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from carecenter.cli import main
from carecenter.seniors.pinyin import search_keys
from tests.conftest import SENIOR_JSON_KEYS


def db_arg(url: URL) -> str:
    return url.database if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=False)  # type: ignore[return-value]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_senior_is_found_by_initials(db_url: URL, capsys: pytest.CaptureFixture[str]) -> None:
    db = db_arg(db_url)
    code, out, _ = run(capsys, "--db", db, "init", "--demo", "300")
    assert code == 0, out
    code, out, _ = run(capsys, "--db", db, "seniors", "list", "--format", "json")
    everyone = json.loads(out)
    assert code == 0 and len(everyone) > 250  # 在册 and 暂停 of the 300
    target = everyone[137]
    initials = search_keys(target["name"])[1].split()[0]
    code, out, _ = run(capsys, "--db", db, "seniors", "list", "--search", initials, "--format", "json")
    found = json.loads(out)
    assert code == 0
    assert target["id_number"] in [s["id_number"] for s in found]
    assert set(found[0]) >= SENIOR_JSON_KEYS


def test_json_is_utf8_with_chinese_terms(db_url: URL, capsys: pytest.CaptureFixture[str]) -> None:
    db = db_arg(db_url)
    run(capsys, "--db", db, "init", "--demo", "30", "--seed", "5")
    code, out, _ = run(capsys, "--db", db, "--lang", "en", "seniors", "list", "--all", "--format", "json")
    assert code == 0
    assert "\\u" not in out
    rows = json.loads(out)
    assert len(rows) == 30
    assert {r["gender"] for r in rows} <= {"男", "女"}
    assert {r["status"] for r in rows} <= {"在册", "暂停", "退出", "去世"}
    assert all(r["member_no"].startswith("M") and len(r["member_no"]) == 7 for r in rows)


def test_no_match_prints_empty_array(db_url: URL, capsys: pytest.CaptureFixture[str]) -> None:
    db = db_arg(db_url)
    run(capsys, "--db", db, "init")
    code, out, _ = run(capsys, "--db", db, "seniors", "list", "--search", "不存在的人", "--format", "json")
    assert (code, out) == (0, "[]\n")


def test_demo_refused_on_a_database_with_seniors(db_url: URL, capsys: pytest.CaptureFixture[str]) -> None:
    db = db_arg(db_url)
    run(capsys, "--db", db, "init", "--demo", "5")
    code, _, err = run(capsys, "--db", db, "init", "--demo", "5")
    assert code == 2
    assert "已有" in err or "已经" in err
    code, out, _ = run(capsys, "--db", db, "seniors", "list", "--all", "--format", "json")
    assert len(json.loads(out)) == 5


def test_usage_errors_exit_2(db_url: URL, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--db", db_arg(db_url), "seniors", "list", "--format", "xml"])
    assert exc.value.code == 2
    assert "错误" in capsys.readouterr().err
    code, _, err = run(capsys, "--db", db_arg(db_url), "init", "--demo", "0")
    assert code == 2 and "--demo 须为正整数" in err


def test_unknown_center_and_bad_database_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.db")
    run(capsys, "--db", db, "init")
    code, _, err = run(capsys, "--db", db, "seniors", "list", "--center", "NOPE")
    assert code == 2 and "没有编码为 NOPE 的站点" in err
    junk = tmp_path / "junk.db"
    junk.write_text("not a database" * 50)
    code, _, err = run(capsys, "--db", str(junk), "seniors", "list")
    assert code == 2 and "不是 CareCenter 数据库" in err


def test_table_output_and_python_dash_m(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    subprocess.run(
        [sys.executable, "-m", "carecenter", "--db", db, "init", "--demo", "3"], check=True, capture_output=True
    )
    done = subprocess.run(
        [sys.executable, "-m", "carecenter", "--db", db, "seniors", "list"],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    lines = done.stdout.splitlines()
    assert lines[0].split()[:3] == ["会员号", "姓名", "性别"]
    assert lines[-1] == "共 3 行"
    assert lines[1].startswith("M00000")


def test_centers_add_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.db")
    run(capsys, "--db", db, "init")
    assert (
        run(capsys, "--db", db, "centers", "add", "--name", "管城区北下街站")[1] == "已添加站点 C001 管城区北下街站。\n"
    )
    assert run(capsys, "--db", db, "centers", "list", "--format", "json")[0] == 0
    out = run(capsys, "--db", db, "centers", "list", "--format", "json")[1]
    assert json.loads(out) == [{"code": "C001", "name": "管城区北下街站", "address": "", "phone": "", "seniors": 0}]


@pytest.mark.parametrize(
    ("db", "message"),
    [
        (
            "mysql://root@localhost/care",
            "CareCenter 只支持 SQLite 文件和 PostgreSQL（postgresql+psycopg://…），不支持 mysql。",
        ),
        ("postgresql+psycopg://[::1", "“postgresql+psycopg://[::1”不是数据库地址。"),
    ],
)
def test_unsupported_database_addresses_exit_2(db: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", db, "seniors", "list")
    assert (code, err.strip()) == (2, message)
