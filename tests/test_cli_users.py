"""``carecenter-cli user add|list|disable``: accounts from the command line, acting as the OS user."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy.engine import URL

from carecenter.actor import Role
from carecenter.clock import FixedClock
from carecenter.errors import AuthError
from carecenter.facade import CareCenter
from tests.test_cli import db_arg, run


def add(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str, stdin: str, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return run(capsys, "--db", db, "user", "add", *argv, "--password-stdin")


def test_add_list_disable(
    db_url: URL, clock: FixedClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = db_arg(db_url)
    code, out, err = add(capsys, monkeypatch, db, "Zhengzhou-1\n", "王站长", "--username", "wang", "--role", "admin")
    assert (code, out, err) == (0, "已为 王站长 开通账号 wang（管理员）。\n", "")
    code, out, _ = add(
        capsys, monkeypatch, db, "wenhua2026\n", "李小丽", "--username", "xiaoli", "--role", "front_desk"
    )
    assert code == 0

    code, out, _ = run(capsys, "--db", db, "user", "list", "--format", "json")
    listed = json.loads(out)
    assert code == 0
    assert [(u["username"], u["name"], u["role"], u["position"], u["disabled"]) for u in listed] == [
        ("wang", "王站长", "admin", "站长", False),
        ("xiaoli", "李小丽", "front_desk", "其他", False),
    ]
    assert all("hash" not in key for u in listed for key in u)

    code, out, _ = run(capsys, "--db", db, "user", "disable", "xiaoli")
    assert (code, out) == (0, "账号 xiaoli（李小丽）已停用。\n")
    code, out, _ = run(capsys, "--db", db, "user", "list")
    assert code == 0
    assert out.splitlines()[0].split() == ["用户名", "姓名", "角色", "岗位", "状态"]
    assert out.splitlines()[2].split() == ["xiaoli", "李小丽", "前台", "其他", "已停用"]

    cc = CareCenter.open(db_url, clock)
    try:
        assert cc.accounts.login("wang", "Zhengzhou-1").role is Role.ADMIN
        with pytest.raises(AuthError, match="账号已停用"):
            cc.accounts.login("xiaoli", "wenhua2026")
        assert cc.accounts.list_accounts()[1].staff_name == "李小丽"
    finally:
        cc.close()


def test_refused_input_changes_nothing(
    db_url: URL, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = db_arg(db_url)
    code, out, err = add(capsys, monkeypatch, db, "12345678\n", "王站长", "--username", "wang", "--role", "admin")
    assert (code, out, err) == (2, "", "密码：不能全是数字，请加上字母或符号\n")
    code, _, err = run(capsys, "--db", db, "user", "disable", "nobody")
    assert (code, err) == (2, "没有用户名为 nobody 的账号。\n")
    with pytest.raises(SystemExit) as usage:
        run(capsys, "--db", db, "user", "add", "王站长", "--username", "wang", "--role", "boss")
    assert usage.value.code == 2 and "'boss'" in capsys.readouterr().err
    code, out, _ = run(capsys, "--db", db, "user", "list", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_without_a_terminal_the_password_must_come_from_stdin(
    db_url: URL, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Zhengzhou-1\n"))
    code, out, err = run(
        capsys, "--db", db_arg(db_url), "user", "add", "王站长", "--username", "wang", "--role", "admin"
    )
    assert (code, out) == (2, "")
    assert err == "没有可以输入密码的终端，请使用 --password-stdin。\n"


def test_at_a_terminal_the_password_is_typed_twice(
    db_url: URL, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = iter(["Zhengzhou-1", "Zhengzhou-2"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    db = db_arg(db_url)
    code, _, err = run(capsys, "--db", db, "user", "add", "王站长", "--username", "wang", "--role", "admin")
    assert (code, err) == (2, "两次输入的密码不一样，没有做任何改动。\n")
    typed = iter(["Zhengzhou-1", "Zhengzhou-1"])
    code, out, _ = run(capsys, "--db", db, "user", "add", "王站长", "--username", "wang", "--role", "admin")
    assert (code, out) == (0, "已为 王站长 开通账号 wang（管理员）。\n")
