"""Printing from the desktop: a printout is rendered off the UI thread, then previewed, printed, saved or exported.

Every 打印 button in the app goes through :func:`preview`: it takes a ``render`` callable
(a core call such as ``cc.reports.care_summary.print`` with its arguments bound) that
writes the PDF to the path it is given, and optionally an ``export`` callable that writes
the same rows to an .xlsx workbook. The render runs in a :class:`ui.workers.Task` (busy
cursor after 300 ms, progress bar with 停止 after 600 ms) into a private temporary folder;
when it succeeds :class:`ui.dialogs.print_preview.PreviewDialog` opens on the file, and
the folder is removed when the preview closes. A refusal or failure (no font, an unknown
senior, nothing to print, a disk error) is shown in a message box with the core's own
Chinese message; a stop by the user just ends quietly (the core wrote nothing).

The print font is chosen per PC (设置 › 打印) and applied at start with
:func:`apply_saved_font`; a saved font that cannot be used does not stop the app — the
problem is remembered for that ``cc.reports`` and said when printing is attempted.

Threading: create and start jobs on the UI thread; only ``render`` runs on the worker.
``PrintJob.synchronous`` (class attribute) runs the render inline, for tests.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from carecenter.errors import CareCenterError
from carecenter.i18n import _
from carecenter.progress import Cancelled, Progress, WorkCancelled
from carecenter.reports.fonts import FontMissingError
from ui.widgets.field_row import ensure_readable_font
from ui.workers import Task

if TYPE_CHECKING:
    from carecenter.actor import Actor
    from carecenter.reports.document import Printed
    from carecenter.reports.listing import Listing
    from carecenter.reports.service import Reports
    from ui.dialogs.print_preview import PreviewDialog

Render = Callable[[Path, Progress, Cancelled], "Printed"]
"""Writes the printout to the given path (worker thread): a core print call with its arguments bound."""
Export = Callable[[Path], Path]
"""Writes the same rows to the given .xlsx path (UI thread) and returns where it went."""

_UNSAFE = str.maketrans({c: "_" for c in '\\/:*?"<>|'})

# The problem with the font saved in this PC's settings, per ``cc.reports`` (gone with it).
_font_problems: weakref.WeakKeyDictionary[object, str] = weakref.WeakKeyDictionary()


def safe_file_name(text: str) -> str:
    """``text`` usable as a file name on Windows too (no \\ / : * ? " < > |)."""
    return " ".join(text.translate(_UNSAFE).split()) or "printout"


# ---- the print font ---------------------------------------------------------------------------


def apply_saved_font(reports: Reports, saved: str) -> str | None:
    """Print with the font file saved in settings ('' : the one found on this PC); the problem, or None.

    Never raises: a font that went missing must not stop the app from starting. The
    problem is remembered and :func:`preview` says it instead of printing.
    """
    try:
        reports.use_font(Path(saved).expanduser() if saved.strip() else None)
    except FontMissingError as exc:
        _font_problems[reports] = str(exc)
        return str(exc)
    _font_problems.pop(reports, None)
    return None


def font_problem(reports: Reports) -> str | None:
    """Why the font chosen in settings cannot be used (None: it can, or none was chosen)."""
    return _font_problems.get(reports)


def saved_font_message(problem: str) -> str:
    return _(
        "The print font chosen in Settings › Printing cannot be used:\n{problem}\n\n"
        "Choose another font there, or go back to the font found on this PC."
    ).format(problem=problem)


# ---- one printout ---------------------------------------------------------------------------


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """The core's message in a box with one 确定 button (modal; tests answer it with ``on_modal``)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setObjectName("printError")
    ensure_readable_font(box)
    box.setDefaultButton(box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole))
    box.exec()


class PrintJob(QObject):
    """Render one printout off the UI thread, then open the preview on it (``dialog``).

    Owned by the widget that asked (its QObject parent) until the preview closes or the
    render fails; ``opened(dialog)`` fires when the preview is up, ``ended()`` when the job is over.
    """

    opened = Signal(object)
    ended = Signal()

    synchronous: ClassVar[bool] = False

    def __init__(
        self,
        parent: QWidget,
        reports: Reports,
        title: str,
        render: Render,
        export: Export | None = None,
        *,
        file_name: str = "",
        name_after: Callable[[], str] | None = None,
        delivered: Callable[[], None] | None = None,
        synchronous: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self._delivered = delivered  # after a print or a save (cards count as printed only then)
        self._parent_widget = parent
        self._reports = reports
        self.title = title
        self._render = render
        self._export = export
        self.file_name = safe_file_name(file_name or title)
        self._name_after = name_after  # a better file name known once rendered (a listing's title and period)
        self._sync = type(self).synchronous if synchronous is None else synchronous
        self._folder: Path | None = None
        self.task: Task | None = None
        self.dialog: PreviewDialog | None = None
        self.error = ""  # the message shown when the job failed

    def is_running(self) -> bool:
        return self.task is not None and self.task.is_running()

    def start(self) -> None:
        """Check the font, then render off the UI thread; the preview opens when the file is written."""
        problem = font_problem(self._reports)
        if problem is not None:
            self._fail(saved_font_message(problem))
            return
        try:
            self._folder = Path(tempfile.mkdtemp(prefix="carecenter-print-"))
        except OSError as exc:
            self._fail(_("Cannot prepare the printout: {error}").format(error=exc))
            return
        target = self._folder / f"{self.file_name}.pdf"
        render = self._render

        def work(progress: Progress, cancelled: Cancelled) -> Printed:
            return render(target, progress, cancelled)

        task = Task(
            work,
            self._parent_widget,
            title=self.title,
            label=_("Preparing “{title}”…").format(title=self.title),
            synchronous=self._sync,
        )
        task.succeeded.connect(self._rendered)
        task.failed.connect(self._failed)
        task.finished.connect(lambda: task.setParent(None))  # not deleteLater() inside its own finished()
        self.task = task
        task.start()

    def _rendered(self, printed: object) -> None:
        from ui.dialogs.print_preview import PreviewDialog  # QtPdf loads with the first printout

        path = getattr(printed, "path", None)
        if not isinstance(path, Path):
            self._fail(_("The printout was not written."))
            return
        if self._name_after is not None and self._name_after():
            self.file_name = safe_file_name(self._name_after())
        try:
            dialog = PreviewDialog(path, self.title, self._parent_widget, export=self._export, file_name=self.file_name)
        except CareCenterError as exc:
            self._fail(str(exc))
            return
        self.dialog = dialog
        if self._delivered is not None:
            dialog.delivered.connect(self._delivered)
        dialog.finished.connect(self._closed)
        dialog.open()  # window-modal without a nested event loop
        self.opened.emit(dialog)

    def _failed(self, error: object) -> None:
        if isinstance(error, WorkCancelled):
            self._cleanup()
            self.ended.emit()
            return
        if isinstance(error, CareCenterError):
            self._fail(str(error))
        else:
            self._fail(_("The printout failed: {error}").format(error=error))

    def _fail(self, text: str) -> None:
        self.error = text
        self._cleanup()
        show_error(self._parent_widget, self.title, text)
        self.ended.emit()

    def _closed(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.release()  # the file must be closed before it can be deleted (Windows)
            dialog.deleteLater()
        self._cleanup()
        self.ended.emit()
        self.setParent(None)

    def _cleanup(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def folder(self) -> Path | None:
        """The temporary folder holding the rendered file (None once cleaned up)."""
        return self._folder


def preview(
    parent: QWidget,
    reports: Reports,
    title: str,
    render: Render,
    export: Export | None = None,
    *,
    file_name: str = "",
    name_after: Callable[[], str] | None = None,
    delivered: Callable[[], None] | None = None,
    synchronous: bool | None = None,
) -> PrintJob:
    """Render ``title`` with ``render`` off the UI thread and open the preview (print, save, export).

    ``delivered`` is called each time the preview prints or saves the file. A job still
    rendering for ``parent`` is returned instead of starting a second one (a double click on 打印).
    """
    for job in parent.findChildren(PrintJob):
        if job.is_running():
            return job
    job = PrintJob(
        parent,
        reports,
        title,
        render,
        export,
        file_name=file_name,
        name_after=name_after,
        delivered=delivered,
        synchronous=synchronous,
    )
    job.start()
    return job


def preview_listing(
    parent: QWidget,
    reports: Reports,
    actor: Actor,
    title: str,
    compute: Callable[[], Listing],
    *,
    exportable: bool = True,
    synchronous: bool | None = None,
) -> PrintJob:
    """Preview a list (``compute`` is a ``cc.reports.lists`` call with its arguments bound).

    The list is computed and printed off the UI thread; 导出Excel… (when ``exportable``)
    writes the very rows that were printed, through ``cc.reports.export_listing``.
    """
    made: list[Listing] = []

    def render(target: Path, progress: Progress, cancelled: Cancelled) -> Printed:
        listing = compute()
        made.append(listing)
        return reports.print_listing(actor, listing, target, progress, cancelled)

    def export(target: Path) -> Path:
        return reports.export_listing(actor, made[-1], target)

    def name() -> str:
        return "-".join(p for p in (made[-1].title, made[-1].period) if p) if made else ""

    return preview(
        parent,
        reports,
        title,
        render,
        export if exportable else None,
        name_after=name,
        synchronous=synchronous,
    )
