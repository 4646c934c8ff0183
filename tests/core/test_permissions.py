"""Roles are enforced by the core: refused calls change nothing; ID numbers leave the core masked."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from carecenter.actor import Actor, Role
from carecenter.centers import printed_id
from carecenter.domain.idnumber import mask
from carecenter.domain.vocab import CareLevel, Category, Status
from carecenter.facade import CareCenter
from carecenter.permissions import ROLE_PERMISSIONS, Permission, PermissionDeniedError, allowed, require
from carecenter.seniors.dto import CategoryPeriod, SeniorDetail, SeniorInput
from tests.conftest import TODAY
from tests.core.helpers import an_id

RAW_ID = an_id(dt.date(1945, 3, 2), 42)


@pytest.fixture
def senior(center: CareCenter, admin: Actor) -> SeniorDetail:
    return center.seniors.create(
        SeniorInput(
            name="张桂兰",
            id_number=RAW_ID,
            phones=("13803711234",),
            categories=(CategoryPeriod(Category.EMPTY_NEST),),
            care_level=CareLevel.MILD,
        ),
        admin,
    )


def test_the_role_table() -> None:
    desk, social, admin = (ROLE_PERMISSIONS[r] for r in (Role.FRONT_DESK, Role.SOCIAL_WORKER, Role.ADMIN))
    assert desk == {
        Permission.LOOKUP_SENIORS,
        Permission.EDIT_SENIOR_BASICS,
        Permission.DAILY_OPERATIONS,
        Permission.IMPORT_EXPORT_DAILY_LISTS,
    }
    assert social - desk == {
        Permission.SEE_FULL_ID,
        Permission.EDIT_CATEGORIES_STATUS,
        Permission.ASSESSMENTS,
        Permission.IMPORT_EXPORT_ALL,
    }
    assert admin - social == {Permission.SUBSIDY_POLICY, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE}
    assert not allowed(Actor("社工", Role.SOCIAL_WORKER), Permission.SUBSIDY_POLICY)
    assert allowed(Actor.system_user(), Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)


def test_refusal_names_the_role_and_the_action(front_desk: Actor, social_worker: Actor) -> None:
    with pytest.raises(PermissionDeniedError) as err:
        require(front_desk, Permission.EDIT_CATEGORIES_STATUS)
    assert str(err.value) == "前台没有权限：变更类别、护理等级或状态"
    with pytest.raises(PermissionDeniedError, match=r"^社工没有权限：补贴政策和名单审批$"):
        require(social_worker, Permission.SUBSIDY_POLICY)


def test_front_desk_cannot_change_a_status(center: CareCenter, senior: SeniorDetail, front_desk: Actor) -> None:
    with pytest.raises(PermissionDeniedError, match="前台没有权限"):
        center.seniors.change_status(senior.id, Status.DECEASED, TODAY, "", front_desk)
    stored = center.seniors.get(senior.id, front_desk)
    assert stored.status is Status.ACTIVE and len(stored.history) == 1


def test_front_desk_cannot_change_categories_or_care_level(
    center: CareCenter, senior: SeniorDetail, front_desk: Actor, admin: Actor
) -> None:
    shown = center.seniors.get(senior.id, front_desk).as_input()
    for change in (
        replace(shown, categories=(CategoryPeriod(Category.DIBAO),)),
        replace(shown, categories=()),
        replace(shown, care_level=CareLevel.SEVERE),
        replace(shown, categories=(CategoryPeriod(Category.DIBAO),), phones=("13900000000",)),
    ):
        with pytest.raises(PermissionDeniedError, match=r"^前台没有权限：变更类别、护理等级或状态$"):
            center.seniors.update(senior.id, change, front_desk)
    assert center.seniors.get(senior.id, admin) == senior


def test_front_desk_registers_and_edits_phones(center: CareCenter, senior: SeniorDetail, front_desk: Actor) -> None:
    new = center.seniors.create(SeniorInput(name="李建国", id_number=an_id(dt.date(1950, 1, 1), 11)), front_desk)
    assert new.created_by == "test-desk"
    shown = center.seniors.get(senior.id, front_desk).as_input()
    saved = center.seniors.update(senior.id, replace(shown, phones=("0371-63912345",)), front_desk)
    assert saved.phones == ("0371-63912345",)
    assert saved.categories == senior.categories and saved.care_level is CareLevel.MILD


def test_front_desk_may_not_register_with_categories(center: CareCenter, front_desk: Actor, admin: Actor) -> None:
    data = SeniorInput(
        name="李建国", id_number=an_id(dt.date(1950, 1, 1), 11), categories=(CategoryPeriod(Category.DIBAO),)
    )
    with pytest.raises(PermissionDeniedError):
        center.seniors.create(data, front_desk)
    assert center.seniors.count() == 0


def test_social_worker_changes_categories_and_status(
    center: CareCenter, senior: SeniorDetail, social_worker: Actor
) -> None:
    shown = center.seniors.get(senior.id, social_worker).as_input()
    saved = center.seniors.update(
        senior.id, replace(shown, categories=(CategoryPeriod(Category.DIBAO),)), social_worker
    )
    assert saved.categories == (CategoryPeriod(Category.DIBAO),)
    assert center.seniors.change_status(senior.id, Status.PAUSED, TODAY, "住院", social_worker).status is Status.PAUSED


def test_id_numbers_masked_in_lists_and_for_front_desk(
    center: CareCenter, senior: SeniorDetail, front_desk: Actor, social_worker: Actor, admin: Actor
) -> None:
    shown = center.seniors.get(senior.id, front_desk).id_number
    assert shown == "410105********" + RAW_ID[14:]
    assert center.seniors.get(senior.id, front_desk).id_number == mask(RAW_ID)
    # Lists are masked for everyone; an export asks for full numbers, which the role must allow.
    for actor in (front_desk, social_worker, admin):
        assert [r.id_number for r in center.seniors.list(actor, "张桂兰")] == [mask(RAW_ID)]
        assert center.seniors.rows([senior.id], actor)[0].id_number == mask(RAW_ID)
    assert center.seniors.rows([senior.id], front_desk, full_ids=True)[0].id_number == mask(RAW_ID)
    for actor in (social_worker, admin):
        assert center.seniors.get(senior.id, actor).id_number == RAW_ID
        assert center.seniors.rows([senior.id], actor, full_ids=True)[0].id_number == RAW_ID
    assert center.seniors.change_status(senior.id, Status.PAUSED, TODAY, "", social_worker).id_number == RAW_ID


def test_saving_the_masked_id_keeps_the_stored_one(
    center: CareCenter, senior: SeniorDetail, front_desk: Actor, admin: Actor
) -> None:
    shown = center.seniors.get(senior.id, front_desk)
    saved = center.seniors.update(senior.id, replace(shown.as_input(), address="文化路 1 号"), front_desk)
    assert saved.id_number == mask(RAW_ID)
    stored = center.seniors.get(senior.id, admin)
    assert stored.id_number == RAW_ID and stored.address == "文化路 1 号"
    assert stored.birth_date == senior.birth_date and stored.lunar_birth == senior.lunar_birth


def test_a_front_desk_can_correct_a_wrong_id(
    center: CareCenter, senior: SeniorDetail, front_desk: Actor, admin: Actor
) -> None:
    corrected = an_id(dt.date(1945, 3, 2), 44)
    shown = center.seniors.get(senior.id, front_desk).as_input()
    center.seniors.update(senior.id, replace(shown, id_number=corrected), front_desk)
    assert center.seniors.get(senior.id, admin).id_number == corrected


def test_only_admins_add_centers(center: CareCenter, front_desk: Actor, social_worker: Actor, admin: Actor) -> None:
    for actor in (front_desk, social_worker):
        with pytest.raises(PermissionDeniedError, match="没有权限：账号、员工、设置和恢复"):
            center.centers.create("第二站", actor)
    assert [c.code for c in center.centers.list()] == ["C001"]
    assert center.centers.create("第二站", admin).code == "C002"


def test_only_an_admin_changes_the_printing_policy_for_id_numbers(
    center: CareCenter, senior: SeniorDetail, front_desk: Actor, social_worker: Actor, admin: Actor
) -> None:
    c001 = center.centers.list()[0]
    assert not c001.print_full_ids
    assert printed_id(RAW_ID, c001, admin) == mask(RAW_ID)  # the default: masked on paper, even for an admin
    for actor in (front_desk, social_worker):
        with pytest.raises(PermissionDeniedError, match="没有权限：账号、员工、设置和恢复"):
            center.centers.set_print_full_ids(c001.id, True, actor)
    assert not center.centers.list()[0].print_full_ids
    changed = center.centers.set_print_full_ids(c001.id, True, admin)
    assert changed.print_full_ids and changed.seniors == 1
    assert printed_id(RAW_ID, changed, admin) == RAW_ID
    assert printed_id(RAW_ID, changed, social_worker) == RAW_ID
    assert printed_id(RAW_ID, changed, front_desk) == mask(RAW_ID)  # the role still decides
    line = center.audit.lines(admin)[0]
    assert (line.entity, line.field, line.before, line.after, line.actor) == (
        "center",
        "print_full_ids",
        "否",
        "是",
        "test-admin",
    )
