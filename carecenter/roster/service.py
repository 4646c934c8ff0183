"""Rosters in and out: ``cc.rosters.import_seniors`` and ``cc.rosters.export_seniors``.

An import reads the whole file first (an unusable file raises RosterFileError and
touches nothing), then applies every row in one transaction: accepted rows are
committed together, rejected rows are reported with their codes and written to
``<name>.errors.xlsx``. A dry run does the same work and rolls back, so its counts
are exactly what the import would do. Both run on a worker thread in the UI.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import Clock, stamp
from carecenter.db.models import Center
from carecenter.db.sessions import Sessions
from carecenter.errors import CareCenterError, NotFoundError
from carecenter.i18n import _
from carecenter.permissions import Permission, require
from carecenter.progress import Cancelled, Progress
from carecenter.roster import errors_file, export, importer
from carecenter.roster.model import Code, ExportResult, ImportReport, Issue
from carecenter.roster.reader import Table, read_table
from carecenter.roster.rows import read_row


class RosterService:
    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def import_seniors(
        self,
        path: Path,
        actor: Actor,
        *,
        center_id: int | None = None,
        dry_run: bool = False,
        write_errors: bool = True,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """Import the roster at ``path`` into ``center_id`` (default: the only center).

        Raises RosterFileError when the file is not a usable roster, WorkCancelled
        when ``cancelled()`` turns true (nothing is kept), PermissionDeniedError
        for a role that may not import rosters.
        """
        require(actor, Permission.IMPORT_EXPORT_ALL)
        require(actor, Permission.EDIT_CATEGORIES_STATUS)
        path = Path(path)
        table = read_table(path)
        today = self._clock.today()
        now = stamp(self._clock)
        drafts = [read_row(table, raw, today) for raw in table.rows]
        with self._sessions(actor) as session:
            center = _center(session, center_id)
            ctx = importer.Context(session, actor, center.id, today, now)
            results = importer.apply_rows(ctx, drafts, progress, cancelled)
            if dry_run:
                session.rollback()
            else:
                session.commit()
            center_name = center.name
        report = ImportReport(
            file=path,
            sheet=table.sheet,
            header_row=table.header_row,
            headers=table.headers,
            rows=tuple(results),
            file_warnings=_column_warnings(table),
            dry_run=dry_run,
            imported_at=now,
            center_name=center_name,
        )
        if write_errors:
            try:
                written = errors_file.write_errors(path, table.headers, report.rows)
            except OSError as exc:
                warning = Issue(
                    0,
                    Code.UNKNOWN_COLUMN,
                    _("The list of rejected rows could not be written beside the file: {error}").format(error=exc),
                )
                return replace(report, file_warnings=(*report.file_warnings, warning))
            return replace(report, errors_file=written)
        return report

    def export_seniors(
        self,
        path: Path,
        actor: Actor,
        *,
        center_id: int | None = None,
        include_all: bool = False,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportResult:
        """The canonical roster (the layout ``import_seniors`` reads back unchanged) as an .xlsx file."""
        return export.export_seniors(
            self._sessions,
            self._clock,
            Path(path),
            actor,
            center_id=center_id,
            include_all=include_all,
            progress=progress,
            cancelled=cancelled,
        )


def _center(session: Session, center_id: int | None) -> Center:
    if center_id is not None:
        center = session.get(Center, center_id)
        if center is None:
            raise NotFoundError(_("No center with id {id}.").format(id=center_id))
        return center
    centers = session.scalars(select(Center).limit(2)).all()
    if not centers:
        raise CareCenterError(_("There is no center yet; create the center before importing its roster."))
    if len(centers) > 1:
        raise CareCenterError(_("This database has several centers; choose the one the roster belongs to."))
    return centers[0]


def _column_warnings(table: Table) -> tuple[Issue, ...]:
    warnings = [
        Issue(
            table.header_row,
            Code.UNKNOWN_COLUMN,
            _("Column “{name}” is not a roster column the app knows; its values were not imported").format(name=name),
        )
        for name in table.unknown
    ]
    warnings.extend(
        Issue(
            table.header_row,
            Code.UNKNOWN_COLUMN,
            _("Column “{name}” repeats column “{first}”; only the first was imported").format(name=name, first=first),
        )
        for name, first in table.repeated
    )
    return tuple(warnings)
