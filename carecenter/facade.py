"""The one entry object: open a database and reach every service from it.

The UI receives a ``CareCenter`` by constructor injection; the CLI builds one per
command. Opening upgrades the schema first (with a backup), so every service can
assume the newest schema.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from carecenter.clock import Clock, SystemClock
from carecenter.db import engine as engines
from carecenter.db import migrate
from carecenter.db.sessions import Sessions

if TYPE_CHECKING:
    from carecenter.accounts import AccountService
    from carecenter.audit import AuditService
    from carecenter.birthdays.parties import BirthdayService
    from carecenter.care.assessments import AssessmentService
    from carecenter.care.catalogue import ServiceCatalogue
    from carecenter.care.due import DueService
    from carecenter.care.health import HealthService
    from carecenter.care.incidents import IncidentService
    from carecenter.care.plans import CarePlanService
    from carecenter.centers import CenterService
    from carecenter.changes import ChangeService
    from carecenter.consent import ConsentService
    from carecenter.desk.activities import ActivityService
    from carecenter.desk.attendance import AttendanceService
    from carecenter.desk.calls import CallService
    from carecenter.desk.finder import DeskFinder
    from carecenter.desk.today import TodayBoard
    from carecenter.desk.visits import VisitService
    from carecenter.meals.service import MealService
    from carecenter.quality import QualityService
    from carecenter.reports.service import Reports
    from carecenter.roster.service import RosterService
    from carecenter.seniors.service import SeniorService
    from carecenter.staff import StaffService
    from carecenter.subsidies.rosters import SubsidyRosterService
    from carecenter.subsidies.service import SubsidyService


class CareCenter:
    """Every service, each made (and its module loaded) when first used.

    The log-in window needs the accounts and little else; loading the reports, the roster
    import, the care plans … before it shows would make every start wait for code that the
    first minutes of the day never run. A service is made once per ``CareCenter``.
    """

    def __init__(self, engine: Engine, clock: Clock, report: migrate.MigrationReport | None = None) -> None:
        self.engine = engine
        self.clock = clock
        self.migration = report
        self._sessions = Sessions(engine, clock)

    @cached_property
    def centers(self) -> CenterService:
        from carecenter.centers import CenterService

        return CenterService(self._sessions, self.clock)

    @cached_property
    def seniors(self) -> SeniorService:
        from carecenter.seniors.service import SeniorService

        return SeniorService(self._sessions, self.clock)

    @cached_property
    def staff(self) -> StaffService:
        from carecenter.staff import StaffService

        return StaffService(self._sessions, self.clock)

    @cached_property
    def accounts(self) -> AccountService:
        from carecenter.accounts import AccountService

        return AccountService(self._sessions, self.clock)

    @cached_property
    def audit(self) -> AuditService:
        from carecenter.audit import AuditService

        return AuditService(self._sessions, self.clock)

    @cached_property
    def consent(self) -> ConsentService:
        from carecenter.consent import ConsentService

        return ConsentService(self._sessions, self.clock)

    @cached_property
    def quality(self) -> QualityService:
        from carecenter.quality import QualityService

        return QualityService(self._sessions, self.clock)

    @cached_property
    def rosters(self) -> RosterService:
        from carecenter.roster.service import RosterService

        return RosterService(self._sessions, self.clock)

    @cached_property
    def assessments(self) -> AssessmentService:
        from carecenter.care.assessments import AssessmentService

        return AssessmentService(self._sessions, self.clock)

    @cached_property
    def incidents(self) -> IncidentService:
        from carecenter.care.incidents import IncidentService

        return IncidentService(self._sessions, self.clock)

    @cached_property
    def due(self) -> DueService:
        from carecenter.care.due import DueService

        return DueService(self._sessions, self.clock)

    @cached_property
    def health(self) -> HealthService:
        from carecenter.care.health import HealthService

        return HealthService(self._sessions, self.clock)

    @cached_property
    def catalogue(self) -> ServiceCatalogue:
        from carecenter.care.catalogue import ServiceCatalogue

        return ServiceCatalogue(self._sessions, self.clock)

    @cached_property
    def care_plans(self) -> CarePlanService:
        from carecenter.care.plans import CarePlanService

        return CarePlanService(self._sessions, self.clock)

    @cached_property
    def subsidies(self) -> SubsidyService:
        from carecenter.subsidies.service import SubsidyService

        return SubsidyService(self._sessions, self.clock)

    @cached_property
    def subsidy_rosters(self) -> SubsidyRosterService:
        from carecenter.subsidies.rosters import SubsidyRosterService

        return SubsidyRosterService(self._sessions, self.clock)

    @cached_property
    def birthdays(self) -> BirthdayService:
        from carecenter.birthdays.parties import BirthdayService

        return BirthdayService(self._sessions, self.clock)

    @cached_property
    def desk(self) -> DeskFinder:
        from carecenter.desk.finder import DeskFinder

        return DeskFinder(self._sessions, self.clock)

    @cached_property
    def visits(self) -> VisitService:
        from carecenter.desk.visits import VisitService

        return VisitService(self._sessions, self.clock)

    @cached_property
    def calls(self) -> CallService:
        from carecenter.desk.calls import CallService

        return CallService(self._sessions, self.clock)

    @cached_property
    def activities(self) -> ActivityService:
        from carecenter.desk.activities import ActivityService

        return ActivityService(self._sessions, self.clock)

    @cached_property
    def attendance(self) -> AttendanceService:
        from carecenter.desk.attendance import AttendanceService

        return AttendanceService(self._sessions, self.clock)

    @cached_property
    def meals(self) -> MealService:
        from carecenter.meals.service import MealService

        return MealService(self._sessions, self.clock)

    @cached_property
    def reports(self) -> Reports:
        from carecenter.reports.service import Reports

        return Reports(self._sessions, self.clock)

    @cached_property
    def today(self) -> TodayBoard:
        from carecenter.desk.today import TodayBoard

        return TodayBoard(self.clock, self.attendance, self.meals, self.visits, self.calls, self.birthdays, self.due)

    @cached_property
    def changes(self) -> ChangeService:
        """What other desks changed, for lists that follow them."""
        from carecenter.changes import ChangeService

        return ChangeService(self._sessions)

    @classmethod
    def open(
        cls,
        url: str | URL | None = None,
        clock: Clock | None = None,
        busy_timeout_s: float = engines.DEFAULT_BUSY_TIMEOUT_S,
    ) -> CareCenter:
        """Open (creating or upgrading as needed) the database at ``url``.

        Raises DatabaseOpenError with a user-facing message if the database is not
        a CareCenter database, is newer than this app, is locked, or cannot be upgraded.
        """
        clock = clock or SystemClock()
        resolved = url if isinstance(url, URL) else engines.resolve_url(url)
        report = migrate.upgrade(resolved, clock.now(), busy_timeout_s=busy_timeout_s)
        center = cls(engines.create(resolved, busy_timeout_s), clock, report)
        try:
            center.subsidies.ensure_default_policy()  # the shipped subsidy rules, on first start only
        except BaseException:
            center.close()
            raise
        return center

    @property
    def url(self) -> URL:
        return self.engine.url

    def describe(self) -> str:
        """The database in words a user can check: a file path or a server URL without password."""
        return migrate.describe(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()
