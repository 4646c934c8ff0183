"""备份与恢复: the backups on this PC, a backup now, a restore, and a second copy away from this disk.

The page shows the database in use; a large yellow banner when the backups are at
risk (no second backup place, its last copy older than 7 days, or today's
automatic backup failed); the state of the daily backup; the second backup place
(a folder on a USB drive or network share, remembered per PC in
``ui.settings_store``); and every backup with its date and size.

Who may do what: 立即备份 — administrators and social workers (a backup holds every
record, like the full exports social workers may make); 从备份恢复 and the second
place — administrators only (``Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE``, which
the core checks again). Anyone else sees the page read-only; ``available_to``
tells the main window whether to list it at all.

On PostgreSQL the server's own tools make backups: the page shows the exact
``pg_dump``/``pg_restore`` commands instead of the buttons, and
``start_daily_backup`` does nothing.

Threading: every copy (daily, by hand, checking a file, restoring) runs on a worker
thread through ``ui.workers.Task``; the buttons wait while one runs; outcomes are
handled on the UI thread. Listing the folder is a directory read on the UI thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QWidget

from carecenter import backups, permissions
from carecenter.actor import Actor
from carecenter.backups import BackupCancelled, BackupInfo, DailyReport, RestoreReport
from carecenter.db import engine as engines
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.paths import backup_dir_for
from carecenter.permissions import Permission
from ui import settings_store
from ui.dialogs.restore_dialog import confirm_restore, refusal_text, restored_text
from ui.pages.backup_layout import BackupPageLayout
from ui.pages.backup_list import daily_text, human_size, last_daily_text, list_backups, same_disk, when
from ui.widgets.confirm import confirm, inform
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR
from ui.workers import Task, Work


class BackupPage(BackupPageLayout):
    """The 备份与恢复 page. Call ``start_daily_backup()`` once after the main window shows.

    ``warning_changed(text)`` carries the banner's text ("" when it clears) for the
    status bar; ``database_replaced()`` fires after a restore, when every view must
    re-read what it shows; ``task_started(task)`` fires for each background copy.
    """

    warning_changed = Signal(str)
    database_replaced = Signal()
    task_started = Signal(object)

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        settings_path: Path | None = None,
        parent: QWidget | None = None,
        *,
        synchronous: bool = False,
    ) -> None:
        is_sqlite = cc.url.get_backend_name() == "sqlite"
        live = engines.sqlite_path(cc.url) if is_sqlite else None  # None: a server, or SQLite in memory
        super().__init__(
            cc,
            server=not is_sqlite,
            folder=backup_dir_for(live) if live is not None else None,
            can_backup=live is not None and BackupPage.available_to(actor),
            can_restore=live is not None and permissions.allowed(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE),
            parent=parent,
        )
        self._cc = cc
        self._actor = actor
        self._settings_path = settings_path
        self._synchronous = synchronous
        self.task: Task | None = None
        self._warning = ""
        self._daily_done_text = ""
        self.live = live
        self.backups_folder = backup_dir_for(live) if live is not None else None
        self._connect()
        self.refresh()

    @staticmethod
    def available_to(actor: Actor) -> bool:
        """Whether ``actor`` may make backups (and so should see this page in the sidebar)."""
        return permissions.allowed(actor, Permission.IMPORT_EXPORT_ALL)

    def _connect(self) -> None:
        if self.backup_button is not None:
            self.backup_button.clicked.connect(self.backup_now)
        if self.restore_button is not None:
            self.restore_button.clicked.connect(self.restore_from_file)
        for button in (self.second_button, self.banner_button):
            if button is not None:
                button.clicked.connect(self.choose_second_destination)

    # ---- state ---------------------------------------------------------------------------

    def warning(self) -> str:
        """The banner's text ("" when the backups are fine)."""
        return self._warning

    def is_busy(self) -> bool:
        return self.task is not None and self.task.is_running()

    def second_destination(self) -> Path | None:
        folder = settings_store.load(self._settings_path).backup_second_destination
        return Path(folder) if folder else None

    def showEvent(self, event: QShowEvent) -> None:
        """Each visit lists the folder afresh (the CLI or an upgrade may have added a backup)."""
        super().showEvent(event)
        if not self.is_busy():
            self.refresh()

    def refresh(self) -> None:
        """Re-read the backups folder and the settings; show which buttons can be used now."""
        if self.backups_folder is None:
            return
        files = list_backups(self.backups_folder)
        self.table.set_files(files)
        self.daily_label.setText(self._daily_done_text or last_daily_text(files))
        second = self.second_destination()
        self.second_label.setText(str(second) if second else _("Not set"))
        self.second_label.setStyleSheet(f"color: {MUTED_COLOR if second else ERROR_COLOR};")
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.is_busy()
        for button in (self.backup_button, self.restore_button, self.second_button, self.banner_button):
            if button is not None:
                button.setEnabled(idle)

    def _set_warning(self, text: str, about_second_place: bool = False) -> None:
        self.banner_label.setText(text)
        self.banner.setVisible(bool(text))
        if self.banner_button is not None:
            self.banner_button.setVisible(about_second_place)
        if text != self._warning:
            self._warning = text
            self.warning_changed.emit(text)

    # ---- running copies ------------------------------------------------------------------

    def _run(
        self, work: Work, on_success: Callable[[object], None], on_failure: Callable[[object], None], **options: Any
    ) -> Task:
        """Start ``work`` as a Task (``options``: title, label, cancellable, show_progress); buttons wait for it."""
        task = Task(work, self, synchronous=self._synchronous, **options)
        task.succeeded.connect(on_success)
        task.failed.connect(on_failure)
        task.finished.connect(lambda: self._task_finished(task))
        self.task = task
        self._update_buttons()
        self.task_started.emit(task)
        task.start()
        return task

    def _task_finished(self, task: Task) -> None:
        if self.task is task:
            self.task = None
        # Not deleteLater(): the task is still inside its own finished() emission here, and a
        # deferred delete racing the page's own deletion crashed the process. It is a child of
        # the page and goes with it; detaching it lets Python free it once nothing refers to it.
        task.setParent(None)
        self._update_buttons()

    # ---- backup by hand ------------------------------------------------------------------

    def backup_now(self) -> None:
        """立即备份: ask where, copy off the UI thread (with Stop), then say where it went and what it holds."""
        if self.backups_folder is None or self.backup_button is None or self.is_busy():
            return
        now = self._cc.clock.now()
        target = self.ask_backup_target(self.backups_folder / f"carecenter-{now:%Y%m%d-%H%M%S}.db")
        if target is None:
            return
        target = target if target.suffix else target.with_suffix(".db")
        if self.live is not None and target.resolve() == self.live.resolve():
            self._show_result(_("A backup cannot be saved over the database in use. Choose another name."), False)
            return
        url = self._cc.url
        self._show_result("", None)
        self._run(
            lambda progress, cancelled: backups.backup_to(url, target, now, progress=progress, cancelled=cancelled),
            self._backup_done,
            self._backup_failed,
            title=_("Back up now"),
            label=_("Copying the database to {path}…").format(path=target),
        )

    def ask_backup_target(self, suggested: Path) -> Path | None:
        """The save dialog, opening in the backups folder (tests replace this method)."""
        with contextlib.suppress(OSError):  # the dialog then opens elsewhere; the copy itself reports errors
            suggested.parent.mkdir(parents=True, exist_ok=True)
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the backup as"), str(suggested), _("CareCenter backups (*.db)")
        )
        return Path(name) if name else None

    def _backup_done(self, info: object) -> None:
        assert isinstance(info, BackupInfo)
        self._show_result(
            _("Backup saved: {path}\nIt holds {n} seniors in {c} center(s); size {size}.").format(
                path=info.path, n=info.seniors, c=info.centers, size=human_size(info.size)
            ),
            True,
        )
        self.refresh()

    def _backup_failed(self, error: object) -> None:
        message = refusal_text(error, _("The backup failed: {error}"))
        self._show_result(message, False)
        if not isinstance(error, BackupCancelled):
            inform(self, _("No backup made"), message, _("OK"))

    # ---- restore -------------------------------------------------------------------------

    def restore_from_file(self) -> None:
        """从备份恢复: choose a file, check it, say what it holds and ask, then restore off the UI thread."""
        if self.backups_folder is None or self.restore_button is None or self.is_busy():
            return
        source = self.ask_restore_source(self.backups_folder)
        if source is None:
            return
        self._show_result("", None)
        self._run(
            lambda _progress, _cancelled: backups.inspect_backup(source),
            self._confirm_restore,
            self._restore_failed,
            title=_("Restore from a backup"),
            label=_("Checking {path}…").format(path=source),
            cancellable=False,
        )

    def ask_restore_source(self, folder: Path) -> Path | None:
        """The open dialog, in the backups folder (tests replace this method)."""
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the backup to restore"), str(folder), _("CareCenter backups (*.db);;All files (*)")
        )
        return Path(name) if name else None

    def _confirm_restore(self, info: object) -> None:
        assert isinstance(info, BackupInfo) and self.backups_folder is not None
        if not confirm_restore(self, info, self.backups_folder):
            self._show_result(_("Nothing was restored."), None)
            return
        url, now, actor = self._cc.url, self._cc.clock.now(), self._actor
        self._run(
            lambda progress, cancelled: backups.restore_from(
                url, info.path, now, actor, progress=progress, cancelled=cancelled
            ),
            self._restored,
            self._restore_failed,
            title=_("Restore from a backup"),
            label=_("Restoring the copy of {date}…").format(date=when(info.taken_at)),
        )

    def _restored(self, report: object) -> None:
        assert isinstance(report, RestoreReport)
        self._show_result(restored_text(report), True)
        self.refresh()
        self.database_replaced.emit()

    def _restore_failed(self, error: object) -> None:
        message = refusal_text(error, _("The restore failed: {error}"))
        self._show_result(message, False)
        self.refresh()  # a copy of the current database may have been made before the refusal
        if not isinstance(error, BackupCancelled):
            inform(self, _("Not restored"), message, _("OK"))

    # ---- daily backup and the second place -----------------------------------------------

    def start_daily_backup(self) -> None:
        """Make today's automatic backup (once a day) and mirror it to the second place, off the UI thread.

        Does nothing on PostgreSQL or while another copy runs. Afterwards the page,
        the banner and ``warning_changed`` say whether the backups are at risk.
        """
        if self.backups_folder is None or self.is_busy():
            return
        url, now, second = self._cc.url, self._cc.clock.now(), self.second_destination()
        self.daily_label.setText(_("Today's automatic backup is running…"))
        self._run(
            lambda _progress, _cancelled: backups.daily_backup(url, now, second_destination=second),
            self._daily_done,
            self._daily_failed,
            title=_("Automatic daily backup"),
            cancellable=False,
            show_progress=False,
        )

    def _daily_done(self, report: object) -> None:
        assert isinstance(report, DailyReport)
        self._daily_done_text = daily_text(report)
        self._set_warning(report.warning, about_second_place=True)
        self.refresh()

    def _daily_failed(self, error: object) -> None:
        self._daily_done_text = _("Today's automatic backup failed: {error}").format(error=error)
        self._set_warning(self._daily_done_text)
        self.refresh()

    def choose_second_destination(self) -> None:
        """Pick the folder on a USB drive or network share; saved for this PC, then copied to at once."""
        if self.second_button is None or self.backups_folder is None or self.is_busy():
            return
        current = self.second_destination()
        folder = self.ask_second_destination(current if current is not None else Path.home())
        if folder is None:
            return
        if same_disk(folder, self.backups_folder.parent) and not confirm(  # the database's folder
            self,
            _("Second backup place"),
            _(
                "{folder} is on the same disk as the database. If that disk breaks, the copies there are lost "
                "with it. A USB drive or a network folder is safer. Use this folder anyway?"
            ).format(folder=folder),
            _("Use it anyway"),
            _("Choose another"),
            warning=True,
        ):
            return
        settings = settings_store.load(self._settings_path).with_second_destination(str(folder))
        try:
            settings_store.save(settings, self._settings_path)
        except OSError as exc:
            inform(self, _("Not saved"), _("The setting could not be saved: {error}").format(error=exc), _("OK"))
            return
        self.refresh()
        self.start_daily_backup()  # copy there now; clears the banner when it worked

    def ask_second_destination(self, start: Path) -> Path | None:
        """The folder picker (tests replace this method)."""
        name = QFileDialog.getExistingDirectory(self, _("Choose the second backup place"), str(start))
        return Path(name) if name else None
