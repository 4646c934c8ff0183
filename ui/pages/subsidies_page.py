"""补贴发放: a center's monthly subsidy roster — review, approve, compare, export.

One month at a time (◀ 2026年11月 ▶, the current month first). A big status line says
what the list is: 已审批 (the snapshot, with who approved it and when), 未审批（预览）
(computed from today's records), or 预览（尚未开始） for a month not yet begun; below it
the totals per subsidy (people and 元) in large type. Three tabs: 发放名单 (every grant,
filtered by subsidy), 变动名单 (新增 / 停发 / 调档 against the month before) and, for an
approved month, 重新计算对比 (today's records against the snapshot). A double-click or
Enter on a row opens the senior on the 补贴 tab.

Everyone may look; 审批本月 is for administrators (``SUBSIDY_POLICY``), hidden for the
rest and gone once the month is approved; 导出Excel and 打印花名册 (on the 发放名单 tab, previewed
first) need ``IMPORT_EXPORT_ALL``. A roster belongs to one center: with 全部站点 chosen
the page asks for a center.

Threading: computing a month (roster, change list, differences) runs through
``ui.workers.Task`` with a busy bar on the page; approving and exporting too. One task
at a time: a month or center chosen meanwhile is read when the running task ends, and a
result for a month no longer chosen is dropped. ``synchronous`` (or the class attribute,
for tests) runs the work inline.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.domain.months import first_day, month_label, month_text
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from carecenter.subsidies.money import yuan
from carecenter.subsidies.rosters import Roster
from ui.pages.subsidy_models import approve_question, status_words, total_cards
from ui.pages.subsidy_tabs import MonthView, SubsidyTabs, read_month
from ui.widgets.confirm import confirm, inform
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, bold
from ui.widgets.month_page import MonthPage
from ui.workers import Task

if TYPE_CHECKING:
    from ui.printing import PrintJob

CARD_STYLE = "background: #f4f7fa; border: 1px solid #c9d3dd; border-radius: 6px; padding: 8px 18px;"
_UNSAFE = str.maketrans({c: "_" for c in '\\/:*?"<>|'})


class SubsidiesPage(MonthPage):
    """The 补贴发放 page of one center (``set_center``); ``view`` is what it shows, None until read."""

    synchronous: ClassVar[bool] = False

    @classmethod
    def available_to(cls, actor: Actor) -> bool:
        return allowed(actor, Permission.LOOKUP_SENIORS)

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
        *,
        synchronous: bool | None = None,
    ) -> None:
        super().__init__(cc, actor, center_id, clock, parent, month_scale=1.5)
        self._sync = type(self).synchronous if synchronous is None else synchronous
        self.can_approve = allowed(actor, Permission.SUBSIDY_POLICY)
        self.can_export = allowed(actor, Permission.IMPORT_EXPORT_ALL)
        self.view: MonthView | None = None
        self.task: Task | None = None
        self.print_job: PrintJob | None = None  # the last printout asked for (its preview, for tests)
        self._read_after_task = False
        self._build()

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(_("Subsidies"), self)
        bold(title, 1.4)
        self.chooser.month_changed.connect(lambda _month: self._read_again())
        self.refresh_button = self._button(_("Refresh"), self._read_again)
        self.refresh_button.setToolTip(_("Compute the month again from today's records"))
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # moving: how long it takes is not known
        self.busy_bar.setMaximumWidth(140)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.busy_label = QLabel(self)
        self.busy_label.setStyleSheet(f"color: {MUTED_COLOR};")
        # It takes the room that is left and never widens the window (an export names a whole path).
        self.busy_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.approve_button = self._button(_("Approve this month"), self.approve)
        bold(self.approve_button)
        self.approve_button.setVisible(self.can_approve)
        self.export_button = self._button(_("Export to Excel…"), self.export_excel)
        self.export_button.setVisible(self.can_export)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(24)
        top.addWidget(self.chooser)
        top.addSpacing(12)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.approve_button)
        top.addWidget(self.export_button)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("rosterStatus")
        bold(self.status_label, 1.5)
        self.status_detail = QLabel(self)
        self.status_detail.setWordWrap(True)
        self.status_detail.setStyleSheet(f"color: {MUTED_COLOR};")
        self.cards_row = QHBoxLayout()
        self.cards_row.setSpacing(12)
        self.cards: list[QLabel] = []
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.tabs = SubsidyTabs(self)
        self.tabs.open_requested.connect(self.open_senior)
        self.tabs.print_requested.connect(self.print_roster)
        self.tabs.print_button.setVisible(self.can_export)  # the core's rule for the roster on paper and in Excel

        self.center_label = QLabel(_("A subsidy roster belongs to one center: choose a center at the top."), self)
        self.center_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.center_label.setWordWrap(True)
        bold(self.center_label, 1.3)
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        # The status line shares its row with the busy bar: the top row stays within a 1280-pixel window.
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_label)
        status_row.addSpacing(24)
        status_row.addWidget(self.busy_bar)
        status_row.addWidget(self.busy_label, 1)
        column.addLayout(status_row)
        column.addWidget(self.status_detail)
        column.addLayout(self.cards_row)
        column.addWidget(self.notice)
        column.addWidget(self.tabs, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(content)
        self.stack.addWidget(self.center_label)
        self.content = content

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._show_center_needed()

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setMinimumHeight(button.sizeHint().height() + 8)
        button.setMinimumWidth(button.sizeHint().width() + 24)
        button.clicked.connect(slot)
        return button

    # ---- choosing ------------------------------------------------------------------------

    def set_center(self, center_id: int | None) -> None:
        """Show one center's roster (None, 全部站点: ask for a center); the last center's roster and message go."""
        if center_id != self._center_id:
            self.view = None
            self._say("", ok=True)
        super().set_center(center_id)

    def _read_again(self) -> None:
        """Another month, or 刷新: a fresh read, without the last approval's or export's message."""
        self._say("", ok=True)
        self.refresh()

    def refresh(self) -> None:
        """Compute the chosen center's chosen month again, off the UI thread."""
        if self._center_id is None:
            self._show_center_needed()
            return
        self.stack.setCurrentWidget(self.content)
        if self.view is None or self.view.month != self.month() or self.view.center_id != self._center_id:
            self.status_label.setText(_("Computing {month}…").format(month=month_label(self.month())))
            self.status_label.setStyleSheet(f"color: {MUTED_COLOR};")
        cc, actor, center_id, month = self._cc, self._actor, self._center_id, self.month()
        label = _("Computing {month}…").format(month=month_label(month))
        self._run(lambda _p, _c: read_month(cc, actor, center_id, month), self._show_view, label)

    def _show_center_needed(self) -> None:
        self.view = None
        self.stack.setCurrentWidget(self.center_label)
        self._update_buttons()

    # ---- tasks -----------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self.task is not None and self.task.is_running()

    def _run(
        self,
        work: Callable[..., object],
        on_success: Callable[[object], None],
        label: str,
        on_failure: Callable[[object], None] | None = None,
    ) -> None:
        """Start ``work``; with a task still running, read the month again once it has ended instead."""
        if self.is_busy():
            self._read_after_task = True
            return
        task = Task(
            work, self, title=label, label=label, cancellable=False, show_progress=False, synchronous=self._sync
        )
        task.succeeded.connect(on_success)
        task.failed.connect(on_failure or self._failed)
        task.finished.connect(lambda: self._task_finished(task))
        self.task = task
        self.busy_label.setText(label)
        self.busy_label.setToolTip(label)
        self.busy_bar.show()
        self.busy_label.show()
        self._update_buttons()
        task.start()

    def _task_finished(self, task: Task) -> None:
        if self.task is task:
            self.task = None
        task.setParent(None)  # not deleteLater() inside its own finished(): see BackupPage
        self.busy_bar.hide()
        self.busy_label.hide()
        self._update_buttons()
        if self._read_after_task:
            self._read_after_task = False
            self.refresh()

    def _failed(self, error: object) -> None:
        self._say(str(error) if isinstance(error, CareCenterError | OSError) else repr(error), ok=False)
        if self.view is None or self.view.month != self.month():
            self.status_label.setText(_("Could not compute {month}").format(month=month_label(self.month())))
            self.status_label.setStyleSheet(f"color: {ERROR_COLOR};")

    def wait(self) -> None:
        """Let a running computation or export end (the window is closing)."""
        if self.task is not None:
            self.task.wait()

    # ---- showing -----------------------------------------------------------------------------

    def _show_view(self, result: object) -> None:
        assert isinstance(result, MonthView)
        if result.center_id != self._center_id or result.month != self.month():
            self._read_after_task = True  # the user chose another month meanwhile: read that one
            return
        self.view = result
        self._show_status(result)
        self._show_cards(result.roster)
        self.tabs.show_view(result)
        self._update_buttons()

    def _show_status(self, view: MonthView) -> None:
        text, detail, color = status_words(view.roster, view.month, self._clock.today())
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {color};")
        self.status_detail.setText(detail)

    def _show_cards(self, roster: Roster) -> None:
        """A card per subsidy (people, 元) and the month's total, in large type."""
        while (item := self.cards_row.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()  # at once: the deferred delete may come only after the next paint
                widget.deleteLater()
        texts = total_cards(roster.totals) or [_("No one receives a monthly subsidy in this month.")]
        self.cards = []
        for text in texts:
            card = QLabel(text, self.content)
            card.setObjectName("totalCard")
            card.setStyleSheet(CARD_STYLE)
            bold(card, 1.35)
            self.cards_row.addWidget(card)
            self.cards.append(card)
        self.cards_row.addStretch(1)

    def _update_buttons(self) -> None:
        view, busy = self.view, self.is_busy()
        future = view is not None and view.month > first_day(self._clock.today())
        self.approve_button.setVisible(self.can_approve and view is not None and not view.roster.approved)
        self.approve_button.setEnabled(not busy and not future)
        self.approve_button.setToolTip(
            _("A month can be approved once it has begun") if future else _("Approve this month's roster as shown")
        )
        self.export_button.setEnabled(not busy and view is not None)
        self.tabs.print_button.setEnabled(not busy and view is not None)
        self.refresh_button.setEnabled(self._center_id is not None)

    def _say(self, text: str, ok: bool) -> None:
        self.notice.setStyleSheet(f"color: {INFO_COLOR if ok else ERROR_COLOR}; font-weight: bold;")
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # ---- what the user reads (also for tests) ------------------------------------------------

    def status_text(self) -> str:
        return self.status_label.text()

    def card_texts(self) -> list[str]:
        return [card.text() for card in self.cards]

    def notice_text(self) -> str:
        return self.notice.text() if not self.notice.isHidden() else ""

    # ---- opening a senior ----------------------------------------------------------------------

    def open_senior(self, senior_id: int) -> None:
        """The senior's detail view on its 补贴 tab; the month is read again if anything was saved there."""
        from ui.pages.senior_detail import open_senior_detail  # loaded on first use
        from ui.sections.subsidies_section import SubsidiesSection

        if open_senior_detail(self._cc, self._actor, senior_id, self, section=SubsidiesSection):
            self.refresh()

    # ---- approving and exporting -----------------------------------------------------------

    def center_name(self) -> str:
        return next((c.name for c in self._cc.centers.list() if c.id == self._center_id), "")

    def approve(self) -> bool:
        """审批本月: say the month, the count and the total, and approve only when confirmed."""
        view = self.view
        if not self.can_approve or view is None or view.roster.approved or self.is_busy():
            return False
        month = view.month
        text = approve_question(self.center_name(), view.roster)
        if not confirm(self, _("Approve this month"), text, _("Approve"), _("Cancel")):
            return False
        cc, actor, center_id = self._cc, self._actor, view.center_id

        def work(_p: object, _c: object) -> MonthView:
            cc.subsidy_rosters.approve(actor, center_id, month)
            return read_month(cc, actor, center_id, month)

        def done(result: object) -> None:
            assert isinstance(result, MonthView)
            self._show_view(result)
            approved = result.roster
            self._say(
                _("{month} approved: {n} grants, {amount} yuan in all.").format(
                    month=month_label(month), n=len(approved.grants), amount=yuan(approved.total_fen)
                ),
                ok=True,
            )

        def refused(error: object) -> None:
            self._failed(error)
            self._read_after_task = True  # approved meanwhile on another desk? show the month as it is now

        self._run(work, done, _("Approving {month}…").format(month=month_label(month)), refused)
        return True

    def default_export_path(self) -> Path:
        from ui.dialogs.import_wizard import documents_folder

        name = _("Subsidy roster_{center}_{month}.xlsx").format(
            center=self.center_name().translate(_UNSAFE), month=month_text(self.month())
        )
        return documents_folder() / name

    def ask_export_target(self, suggested: Path) -> Path | None:
        """The save dialog (tests replace this method)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the subsidy roster as"), str(suggested), _("Excel workbooks (*.xlsx)")
        )
        return Path(name) if name else None

    def export_excel(self) -> None:
        """导出Excel: the month's roster (approved, else marked as a preview) and its change list."""
        view = self.view
        if not self.can_export or view is None or self.is_busy():
            return
        target = self.ask_export_target(self.default_export_path())
        if target is None:
            return
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        cc, actor, center_id, month = self._cc, self._actor, view.center_id, view.month

        def done(result: object) -> None:
            assert isinstance(result, Roster)
            self._say(
                _("Exported the roster of {month} ({n} grants) to {path}").format(
                    month=month_label(month), n=len(result.grants), path=target
                ),
                ok=True,
            )

        def work(_p: object, _c: object) -> Roster:
            return cc.subsidy_rosters.export_xlsx(actor, center_id, month, target)

        self._run(work, done, _("Writing {path}…").format(path=target), self._export_failed)

    def _export_failed(self, error: object) -> None:
        reason = str(error) if isinstance(error, CareCenterError | OSError) else repr(error)
        message = _("Nothing was exported: {error}").format(error=reason)
        self._say(message, ok=False)
        inform(self, _("Not exported"), message, _("OK"))

    # ---- print -----------------------------------------------------------------------------

    def print_roster(self) -> PrintJob | None:
        """打印花名册: the chosen month's roster (an unapproved month marked 未审批（预览）) in the print preview."""
        from ui.printing import preview_listing  # loaded on first use

        if not self.can_export or self._center_id is None:
            return None
        lists, actor, center_id, month = self._cc.reports.lists, self._actor, self._center_id, self.month()
        self.print_job = preview_listing(
            self,
            self._cc.reports,
            actor,
            _("Subsidy roster"),
            lambda: lists.subsidy_roster(actor, center_id, month),
        )
        return self.print_job
