"""Which database a PC works on (--db > CARECENTER_DB > this PC's settings > default), addresses without
passwords, and 测试连接's plain answers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import URL, make_url

from carecenter import paths
from carecenter.db import choice, connection_check
from carecenter.db.choice import Source
from carecenter.db.connection_check import Outcome
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from tests.conftest import LOCAL_SERVER, SERVER_URL, needs_local_server

SERVER = "postgresql+psycopg://desk@192.168.1.10:5432/carecenter"


def test_the_command_line_wins_then_the_environment_then_the_settings_then_the_default(tmp_path: Path) -> None:
    cli, env, saved = tmp_path / "cli.db", tmp_path / "env.db", tmp_path / "saved.db"
    environ = {"CARECENTER_DB": str(env)}
    chosen = choice.choose(str(cli), str(saved), environ)
    assert (chosen.source, chosen.url.database) == (Source.COMMAND_LINE, str(cli))
    chosen = choice.choose(None, str(saved), environ)
    assert (chosen.source, chosen.url.database) == (Source.ENVIRONMENT, str(env))
    chosen = choice.choose(None, str(saved), {})
    assert (chosen.source, chosen.url.database) == (Source.SETTINGS, str(saved))
    chosen = choice.choose(None, SERVER, {})
    assert chosen.source is Source.SETTINGS and chosen.url.render_as_string() == SERVER
    chosen = choice.choose(None, "", {})
    assert chosen.source is Source.DEFAULT
    assert chosen.url.database == str(paths.default_database_path().absolute())


def test_each_source_is_named_as_the_settings_page_shows_it() -> None:
    assert [s.label for s in Source] == ["命令行 --db", "环境变量 CARECENTER_DB", "本机设置", "默认"]


def test_the_settings_keep_an_address_without_its_password(tmp_path: Path) -> None:
    typed = make_url("postgresql+psycopg://desk:s3cret@192.168.1.10:5432/carecenter")
    assert choice.settings_value(typed) == SERVER
    assert choice.strip_saved("postgresql://desk:s3cret@db.local/cc") == "postgresql://desk@db.local/cc"
    assert choice.strip_saved(str(tmp_path / "my.db")) == str(tmp_path / "my.db")
    assert choice.settings_value(URL.create("sqlite+pysqlite", database=str(tmp_path / "a.db"))) == str(
        tmp_path / "a.db"
    )
    default = URL.create("sqlite+pysqlite", database=str(paths.default_database_path().absolute()))
    assert choice.settings_value(default) == ""  # the default file is no choice at all


def test_a_pasted_address_gives_the_fields_and_the_password_apart() -> None:
    address, password = choice.parse_server_url("postgresql://desk:pa%3Ass@192.168.1.10:6543/carecenter")
    assert address == choice.ServerAddress("192.168.1.10", 6543, "carecenter", "desk")
    assert password == "pa:ss"
    address, password = choice.parse_server_url("postgresql://desk@db.local/cc")
    assert (address.port, password) == (5432, "")
    assert address.url().render_as_string() == "postgresql+psycopg://desk@db.local:5432/cc"


def test_an_incomplete_server_form_names_each_field(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as refused:
        choice.server_address(" ", "0", "", "")
    assert [(e.field, str(e)) for e in refused.value.errors] == [
        ("host", "主机：请输入服务器的名称或 IP 地址"),
        ("port", "端口：端口是 1 到 65535 之间的数字"),
        ("database", "数据库：请输入数据库名称"),
        ("user", "用户名：请输入 CareCenter 登录服务器所用的用户名"),
    ]
    with pytest.raises(ValidationError) as refused:
        choice.parse_server_url(f"sqlite:///{tmp_path / 'x.db'}")
    assert refused.value.errors[0].field == "host"


def test_an_sqlite_file_on_a_share_or_a_folder_is_refused_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as refused:
        choice.sqlite_file("\\\\nas\\office\\carecenter.db")
    error = refused.value.errors[0]
    assert error.field == "path"
    assert "网络共享（\\\\nas\\office）" in str(error) and "PostgreSQL" in str(error)
    with pytest.raises(ValidationError) as refused:
        choice.sqlite_file(str(tmp_path))
    assert str(refused.value.errors[0]) == f"数据库文件：{tmp_path} 是文件夹，请选择其中的一个文件"
    assert choice.sqlite_file(str(tmp_path / "new.db")).database == str(tmp_path / "new.db")


# ---- 测试连接 ------------------------------------------------------------------------------------


def test_a_carecenter_database_of_this_version_is_ready(center: CareCenter) -> None:
    result = connection_check.check(center.url)
    assert result.outcome is Outcome.READY and result.usable
    assert result.message == f"已连接。{center.describe()} 是 CareCenter 数据库。"


def test_a_missing_sqlite_file_is_new_and_checking_does_not_create_it(tmp_path: Path) -> None:
    target = tmp_path / "later" / "carecenter.db"
    result = connection_check.check(URL.create("sqlite+pysqlite", database=str(target)))
    assert result.outcome is Outcome.NEW and result.usable
    assert result.message == f"{target} 还不存在：CareCenter 下次启动时会创建它。"
    assert not target.parent.exists()


def test_an_sqlite_file_of_another_program_is_not_usable(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (n)")
    result = connection_check.check(URL.create("sqlite+pysqlite", database=str(other)))
    assert result.outcome is Outcome.FOREIGN and not result.usable
    assert result.message == f"{other} 不是 CareCenter 数据库（里面是别的数据表）。"


@needs_local_server
def test_a_database_missing_on_the_server_is_said_plainly() -> None:
    url = make_url(SERVER_URL or LOCAL_SERVER).set(database="no_such_db")
    result = connection_check.check(url.set(query={}))
    assert result.outcome is Outcome.NO_DATABASE
    assert result.message == (
        "服务器上没有数据库 no_such_db。请检查名称，或在服务器上创建它（空数据库即可：CareCenter 首次启动时会设置好）。"
    )


def test_a_server_that_does_not_answer_is_said_plainly() -> None:
    result = connection_check.check(make_url("postgresql+psycopg://postgres@127.0.0.1:1/test"), timeout_s=2)
    assert result.outcome is Outcome.UNREACHABLE
    assert result.message.startswith("无法连接到服务器 127.0.0.1:1。")


@pytest.mark.parametrize(
    ("said", "outcome"),
    [
        ('FATAL:  password authentication failed for user "desk"', Outcome.WRONG_PASSWORD),
        ('致命错误:  用户 "desk" 密码认证失败', Outcome.WRONG_PASSWORD),
        ("fe_sendauth: no password supplied", Outcome.NO_PASSWORD),
        ('FATAL:  role "desk" does not exist', Outcome.UNKNOWN_USER),
        ('致命错误:  角色 "desk" 不存在', Outcome.UNKNOWN_USER),
        ('FATAL:  database "cc" does not exist', Outcome.NO_DATABASE),
        ('致命错误:  数据库 "cc" 不存在', Outcome.NO_DATABASE),
        ('FATAL:  no pg_hba.conf entry for host "192.168.1.20", user "desk"', Outcome.NOT_ALLOWED),
        ('could not translate host name "db.local" to address', Outcome.UNREACHABLE),
        ("connection timeout expired", Outcome.UNREACHABLE),
        ("SSL SYSCALL error: EOF detected", Outcome.FAILED),
    ],
)
def test_server_answers_are_recognised_in_english_and_chinese(said: str, outcome: Outcome) -> None:
    assert connection_check.classify(said) is outcome


def test_a_wrong_password_is_explained_without_the_servers_jargon() -> None:
    result = connection_check.explain_failure(
        'FATAL:  password authentication failed for user "desk"', make_url(SERVER)
    )
    assert result.message == "服务器拒绝了用户 desk 的密码。请检查密码（区分大小写）。"
    other = connection_check.explain_failure("SSL SYSCALL error: EOF detected", make_url(SERVER))
    assert other.message == "无法连接：SSL SYSCALL error: EOF detected"
