"""The one entry object: open a database and reach every service from it.

The UI receives a ``CareCenter`` by constructor injection; the CLI builds one per
command. Opening upgrades the schema first (with a backup), so every service can
assume the newest schema.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.engine import URL

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
from carecenter.clock import Clock, SystemClock
from carecenter.consent import ConsentService
from carecenter.db import engine as engines
from carecenter.db import migrate
from carecenter.db.sessions import Sessions
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
    def __init__(self, engine: Engine, clock: Clock, report: migrate.MigrationReport | None = None) -> None:
        self.engine = engine
        self.clock = clock
        self.migration = report
        self._sessions = Sessions(engine, clock)
        self.centers = CenterService(self._sessions, clock)
        self.seniors = SeniorService(self._sessions, clock)
        self.staff = StaffService(self._sessions, clock)
        self.accounts = AccountService(self._sessions, clock)
        self.audit = AuditService(self._sessions, clock)
        self.consent = ConsentService(self._sessions, clock)
        self.quality = QualityService(self._sessions, clock)
        self.rosters = RosterService(self._sessions, clock)
        self.assessments = AssessmentService(self._sessions, clock)
        self.incidents = IncidentService(self._sessions, clock)
        self.due = DueService(self._sessions, clock)
        self.health = HealthService(self._sessions, clock)
        self.catalogue = ServiceCatalogue(self._sessions, clock)
        self.care_plans = CarePlanService(self._sessions, clock)
        self.subsidies = SubsidyService(self._sessions, clock)
        self.subsidy_rosters = SubsidyRosterService(self._sessions, clock)
        self.birthdays = BirthdayService(self._sessions, clock)
        # The front desk (issue 7).
        self.desk = DeskFinder(self._sessions, clock)
        self.visits = VisitService(self._sessions, clock)
        self.calls = CallService(self._sessions, clock)
        self.activities = ActivityService(self._sessions, clock)
        self.attendance = AttendanceService(self._sessions, clock)
        self.meals = MealService(self._sessions, clock)
        self.today = TodayBoard(clock, self.attendance, self.meals, self.visits, self.calls, self.birthdays, self.due)
        # Printouts (issue 8).
        self.reports = Reports(self._sessions, clock)
        # What other desks changed, for lists that follow them (issue 9).
        self.changes = ChangeService(self._sessions)

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
