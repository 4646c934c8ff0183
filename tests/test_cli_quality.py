"""``carecenter-cli check``: the data-quality list as JSON or a table; exit 1 when there is work."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy.engine import URL

from carecenter.actor import Actor
from carecenter.domain.vocab import StaffPosition
from carecenter.facade import CareCenter
from carecenter.seniors.dto import Contact, SeniorDetail, SeniorInput
from tests.conftest import TODAY
from tests.core.helpers import an_id
from tests.test_cli import db_arg, run

KEYS = {"kind", "member_no", "name", "senior_id", "detail"}


def complete(
    center: CareCenter, admin: Actor, name: str, seq: int, phones: tuple[str, ...] = ("13803712345",)
) -> SeniorDetail:
    """A senior with a phone, a contact and consent: nothing to report unless ``phones`` is empty."""
    data = SeniorInput(
        name=name,
        id_number=an_id(dt.date(1945, 3, 2), seq),
        phones=phones,
        contacts=(Contact("李明", "儿子", "13912345678"),),
    )
    senior = center.seniors.create(data, admin)
    worker = next(iter(center.staff.list()), None) or center.staff.create("刘社工", StaffPosition.SOCIAL_WORKER, admin)
    center.consent.record(senior.id, TODAY, worker.id, admin)
    return senior


def test_nothing_found_exits_0_with_an_empty_array(
    center: CareCenter, admin: Actor, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    complete(center, admin, "张桂兰", 11)
    code, out, err = run(capsys, "--db", db_arg(db_url), "check", "--format", "json")
    assert (code, out, err) == (0, "[]\n", "")


def test_problems_are_listed_and_exit_1(
    center: CareCenter, admin: Actor, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    first = complete(center, admin, "张桂兰", 11)
    second = complete(center, admin, "张桂兰", 13, phones=())
    code, out, err = run(capsys, "--db", db_arg(db_url), "check", "--format", "json")
    issues = json.loads(out)
    assert (code, err) == (1, "")
    assert all(set(i) == KEYS for i in issues)
    assert issues == [
        {
            "kind": "duplicate",
            "member_no": first.member_no,
            "name": "张桂兰",
            "senior_id": first.id,
            "detail": f"与 {second.member_no} 姓名和出生日期相同",
        },
        {
            "kind": "duplicate",
            "member_no": second.member_no,
            "name": "张桂兰",
            "senior_id": second.id,
            "detail": f"与 {first.member_no} 姓名和出生日期相同",
        },
        {"kind": "no_phone", "member_no": second.member_no, "name": "张桂兰", "senior_id": second.id, "detail": ""},
    ]
    code, out, _ = run(capsys, "--db", db_arg(db_url), "check", "--kind", "no_phone", "--format", "json")
    assert code == 1 and [i["senior_id"] for i in json.loads(out)] == [second.id]


def test_table_and_center_filter(
    center: CareCenter, admin: Actor, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    complete(center, admin, "王秀英", 11, phones=())
    center.centers.create("燕庄居家养老服务站", admin, code="C002")
    code, out, _ = run(capsys, "--db", db_arg(db_url), "check")
    assert code == 1
    assert "王秀英" in out and "缺少联系电话" in out and "1 行" in out
    code, out, _ = run(capsys, "--db", db_arg(db_url), "check", "--center", "c002", "--format", "json")
    assert (code, out) == (0, "[]\n")
    code, _, err = run(capsys, "--db", db_arg(db_url), "check", "--center", "C999")
    assert code == 2 and "C999" in err
