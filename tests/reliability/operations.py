"""The writes the reliability tests put under stress, each one core call, shared by workers and tests.

A worker process (:mod:`tests.reliability.kill_worker`, :mod:`tests.reliability.desk_worker`)
and the test itself, when it checks that the database works again after a kill, call the
same functions, so "the next operation succeeds" is the very operation that was killed.
Each returns the ids the call committed, for the ledger.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from carecenter.actor import Actor, Role
from carecenter.desk.visit_dto import VisitInput
from carecenter.domain.desk_vocab import Payment
from carecenter.facade import CareCenter
from carecenter.meals.dto import ServeInput
from carecenter.subsidies.policy import MealType
from tests.reliability.seed import ADMIN, TODAY

DESK = Actor(username="test-desk", role=Role.FRONT_DESK)


def import_roster(cc: CareCenter, roster: Path) -> list[int]:
    """Import a roster of new seniors (as ``carecenter-cli import seniors`` does); the new seniors' ids."""
    report = cc.rosters.import_seniors(roster, Actor.system_user(), write_errors=False)
    assert not report.rejected, report.rejected[:3]
    return [r.senior_id for r in report.rows if r.senior_id is not None]


def check_in(cc: CareCenter, senior_id: int, actor: Actor = DESK) -> int:
    """签到 now; the attendance id."""
    return cc.attendance.check_in(senior_id, actor).id


def check_out(cc: CareCenter, attendance_id: int, actor: Actor = DESK) -> int:
    """签退 now, picked up by a daughter; the attendance id."""
    return cc.attendance.check_out(attendance_id, actor, picked_up_by="女儿").id


def serve_lunch(cc: CareCenter, senior_id: int, actor: Actor = DESK) -> int:
    """Lunch paid from the prepaid balance: the serving and its balance line in one transaction; the serving id.

    The balance may go below zero (the override the server gives when a senior has not topped up).
    """
    data = ServeInput(senior_id, MealType.LUNCH, Payment.BALANCE, override_overdraft=True)
    return cc.meals.serve(data, actor).id


def approve_month(cc: CareCenter, center_id: int, month: dt.date, actor: Actor = ADMIN) -> int:
    """Approve the subsidy roster of ``month``: the snapshot of every grant; the number of grants."""
    return len(cc.subsidy_rosters.approve(actor, center_id, month).grants)


def record_visit(cc: CareCenter, senior_id: int, service_type_id: int, staff_id: int, actor: Actor = DESK) -> int:
    """A 九助 home visit done this morning (08:00, 45 minutes); the visit id."""
    start = dt.datetime(TODAY.year, TODAY.month, TODAY.day, 8, 0)
    data = VisitInput(senior_id, service_type_id, staff_id, TODAY, start, minutes=45, work_done="打扫卫生、换洗床单")
    return cc.visits.record(data, actor).id


def edit_contact(cc: CareCenter, senior_id: int, serial: int, actor: Actor = DESK) -> tuple[str, str]:
    """The front desk corrects a senior's phone and address (``serial`` makes both new); what was stored."""
    detail = cc.seniors.get(senior_id, actor)
    phone = f"139{serial:08d}"
    address = f"金水区经三路 {serial} 号"
    saved = cc.seniors.update(senior_id, replace(detail.as_input(), phones=(phone,), address=address), actor)
    return saved.phones[0], saved.address
