"""Between care-plan rows and what leaves the core: filling a row from the form, reading it back.

``Lookups`` reads the service types and staff names once per call, so a list of plans
resolves every name without a query per row. Only ``carecenter.care.plans`` uses this.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from carecenter.care.plan_info import (
    PlanInfo,
    PlanInput,
    PlannedServiceInfo,
    PlannedServiceInput,
    monthly_text,
    weekdays_code,
    weekdays_of,
    weekdays_text,
)
from carecenter.db.models import CarePlan, PlannedService, ServiceType, Staff


def fill(plan: CarePlan, data: PlanInput) -> None:
    plan.needs, plan.goals = data.needs, data.goals
    plan.start_on, plan.review_on, plan.end_on = data.start_on, data.review_on, data.end_on
    plan.services = [
        PlannedService(
            position=i,
            service_type_id=s.service_type_id,
            weekdays=weekdays_code(s.weekdays),
            times_per_month=s.times_per_month,
            staff_id=s.staff_id,
            start_on=s.start_on,
            end_on=s.end_on,
            notes=s.notes,
        )
        for i, s in enumerate(data.services)
    ]


def as_input(plan: CarePlan) -> PlanInput:
    return PlanInput(
        needs=plan.needs,
        goals=plan.goals,
        start_on=plan.start_on,
        review_on=plan.review_on,
        end_on=plan.end_on,
        services=tuple(
            PlannedServiceInput(
                service_type_id=s.service_type_id,
                weekdays=weekdays_of(s.weekdays),
                times_per_month=s.times_per_month,
                staff_id=s.staff_id,
                start_on=s.start_on,
                end_on=s.end_on,
                notes=s.notes,
            )
            for s in plan.services
        ),
    )


@dataclass(frozen=True)
class Lookups:
    """Service types and staff names, read once per call to resolve the names a plan shows."""

    types: dict[int, ServiceType]
    staff: dict[int, str]

    @classmethod
    def of(cls, session: Session) -> Lookups:
        return cls(
            types={t.id: t for t in session.scalars(select(ServiceType))},
            staff={staff_id: name for staff_id, name in session.execute(select(Staff.id, Staff.name))},
        )

    def staff_name(self, staff_id: int | None) -> str:
        return self.staff.get(staff_id, "") if staff_id is not None else ""

    def service_text(self, s: PlannedServiceInput) -> str:
        """One planned service on one line (the edit-conflict table): 助浴 周一、三 李娜 2026-12-01～ 备注."""
        kind = self.types.get(s.service_type_id)
        schedule = (
            weekdays_text(s.weekdays) if s.weekdays else monthly_text(s.times_per_month) if s.times_per_month else ""
        )
        span = f"{s.start_on or ''}～{s.end_on or ''}" if s.start_on or s.end_on else ""
        parts = (kind.name if kind else str(s.service_type_id), schedule, self.staff_name(s.staff_id), span, s.notes)
        return " ".join(p for p in parts if p)

    def info(self, plan: CarePlan) -> PlanInfo:
        types = self.types
        return PlanInfo(
            id=plan.id,
            senior_id=plan.senior_id,
            series_id=plan.series_id or plan.id,
            version=plan.version,
            needs=plan.needs,
            goals=plan.goals,
            start_on=plan.start_on,
            review_on=plan.review_on,
            end_on=plan.end_on,
            status=plan.status,
            signed_by_staff_id=plan.signed_by_staff_id,
            signed_by_name=self.staff_name(plan.signed_by_staff_id),
            signed_on=plan.signed_on,
            services=tuple(
                PlannedServiceInfo(
                    id=s.id,
                    position=s.position,
                    service_type_id=s.service_type_id,
                    service_name=types[s.service_type_id].name,
                    day_care=types[s.service_type_id].day_care,
                    type_retired=types[s.service_type_id].retired,
                    weekdays=weekdays_of(s.weekdays),
                    times_per_month=s.times_per_month,
                    staff_id=s.staff_id,
                    staff_name=self.staff_name(s.staff_id),
                    start_on=s.start_on,
                    end_on=s.end_on,
                    notes=s.notes,
                )
                for s in plan.services
            ),
            created_at=plan.created_at,
            created_by=plan.created_by,
            updated_at=plan.updated_at,
            updated_by=plan.updated_by,
            edit_version=plan.edit_version,
        )
