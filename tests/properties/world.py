"""A small world of records the properties write against (made once per test, shared by its examples)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carecenter.actor import Actor
from carecenter.domain.vocab import StaffPosition
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id


@dataclass(frozen=True)
class World:
    """Records the desk works with: a senior, staff of each kind, the catalogue's types."""

    center_id: int
    senior_id: int  # 张桂兰, born 1944-03-02, registered 2020-01-06, with an address
    social_id: int  # 刘社工
    social2_id: int  # 陈社工 (the second assessor)
    caregiver_id: int  # 李娜
    cleaning_id: int  # 助洁 (a home-care type)
    day_care_id: int  # 日间照料


def build_world(center: CareCenter, admin: Actor) -> World:
    senior = center.seniors.create(
        SeniorInput(
            name="张桂兰",
            id_number=an_id(dt.date(1944, 3, 2), 8),
            registered_on=dt.date(2020, 1, 6),
            address="金水区文化路 97 号院",
        ),
        admin,
    )
    types = {t.code: t.id for t in center.catalogue.types()}
    return World(
        center_id=senior.center_id,
        senior_id=senior.id,
        social_id=center.staff.create("刘社工", StaffPosition.SOCIAL_WORKER, admin).id,
        social2_id=center.staff.create("陈社工", StaffPosition.SOCIAL_WORKER, admin).id,
        caregiver_id=center.staff.create("李娜", StaffPosition.CAREGIVER, admin).id,
        cleaning_id=types["cleaning"],
        day_care_id=types["day_care"],
    )
