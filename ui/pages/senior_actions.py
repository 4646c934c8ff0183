"""The buttons and filters above the seniors list, as the acting role may use them.

The core refuses what a role may not do whatever the screen; this module only makes
sure staff are not offered it in the first place (前台 sees no 变更状态). The
只看未签同意书 filter is the follow-up list of seniors whose personal-data consent is
missing or withdrawn (``cc.consent.missing``), narrowed by whatever is typed. 打印会员卡
prints the cards of the selected seniors, 新会员卡 those of everyone at the center who has
none yet (``cc.reports.cards``), through the print preview.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QWidget

from carecenter.actor import Actor
from carecenter.domain.vocab import CURRENT_STATUSES, Status
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed

if TYPE_CHECKING:
    from carecenter.facade import CareCenter
    from ui.printing import PrintJob


def only_missing(ids: Sequence[int], missing: Iterable[int]) -> list[int]:
    """``ids`` (in the search's order) that are also in ``missing``."""
    wanted = set(missing)
    return [i for i in ids if i in wanted]


def count_text(n: int, missing_only: bool) -> str:
    """The count beside the buttons: how many are listed, or how many still need consent."""
    if missing_only:
        return _("{n} seniors still need a consent form").format(n=n)
    return _("{n} seniors").format(n=n)


class SeniorActions(QWidget):
    """新增老人 · 详情 · 编辑 · 变更状态 · 同意书, in one row; 变更状态 only for roles that may change status."""

    add_requested = Signal()
    detail_requested = Signal()
    edit_requested = Signal()
    status_requested = Signal()
    consent_requested = Signal()

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add_button = QPushButton(_("Add senior"), self)
        self.add_button.setShortcut(QKeySequence("Ctrl+N"))
        self.add_button.setToolTip(_("Register a new senior (Ctrl+N)"))
        self.add_button.clicked.connect(self.add_requested)
        self.detail_button = QPushButton(_("Details"), self)
        self.detail_button.setToolTip(_("Everything about the selected senior in one place (Enter or double-click)"))
        self.detail_button.clicked.connect(self.detail_requested)
        self.edit_button = QPushButton(_("Edit"), self)
        self.edit_button.setToolTip(_("Change the selected senior's details in the edit form"))
        self.edit_button.clicked.connect(self.edit_requested)
        self.status_button = QPushButton(_("Change status"), self)
        self.status_button.setToolTip(_("Pause, withdraw or record a death, with the date"))
        self.status_button.clicked.connect(self.status_requested)
        self.consent_button = QPushButton(_("Consent form"), self)
        self.consent_button.setShortcut(QKeySequence("Ctrl+T"))
        self.consent_button.setToolTip(_("See or record the selected senior's personal-data consent (Ctrl+T)"))
        self.consent_button.clicked.connect(self.consent_requested)

        self.add_button.setVisible(allowed(actor, Permission.EDIT_SENIOR_BASICS))
        self.status_button.setVisible(allowed(actor, Permission.EDIT_CATEGORIES_STATUS))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in self.buttons():
            button.setMinimumHeight(button.sizeHint().height() + 8)
            button.setMinimumWidth(button.sizeHint().width() + 24)
            layout.addWidget(button)

    def buttons(self) -> list[QPushButton]:
        """Every button, left to right (hidden ones included)."""
        return [self.add_button, self.detail_button, self.edit_button, self.status_button, self.consent_button]

    def set_has_selection(self, has: bool) -> None:
        """The buttons that act on the selected senior work only when one is selected."""
        for button in (self.detail_button, self.edit_button, self.status_button, self.consent_button):
            button.setEnabled(has)


class RosterActions(QWidget):
    """导入花名册… · 导出花名册…, beside the page title; only for roles that import and export rosters."""

    import_requested = Signal()
    export_requested = Signal()

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.import_button = QPushButton(_("Import roster…"), self)
        self.import_button.setToolTip(_("Add or update seniors from an Excel roster; every row is shown before import"))
        self.import_button.clicked.connect(self.import_requested)
        self.export_button = QPushButton(_("Export roster…"), self)
        self.export_button.setToolTip(_("Save the listed center's seniors as an Excel roster"))
        self.export_button.clicked.connect(self.export_requested)
        permitted = allowed(actor, Permission.IMPORT_EXPORT_ALL)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in self.buttons():
            button.setMinimumHeight(button.sizeHint().height() + 8)
            button.setMinimumWidth(button.sizeHint().width() + 24)
            button.setVisible(permitted)
            layout.addWidget(button)

    def buttons(self) -> list[QPushButton]:
        return [self.import_button, self.export_button]


class ListFilters(QWidget):
    """显示退出/去世 and 只看未签同意书, side by side next to the search box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_all = QCheckBox(_("Show withdrawn/deceased"), self)
        self.missing_consent = QCheckBox(_("Only without consent form"), self)
        self.missing_consent.setToolTip(
            _("Active and paused seniors whose personal-data consent is missing or was withdrawn")
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.show_all)
        layout.addWidget(self.missing_consent)

    def statuses(self) -> tuple[Status, ...] | None:
        """The statuses to list (None: every status)."""
        return None if self.show_all.isChecked() else CURRENT_STATUSES

    def missing_only(self) -> bool:
        return self.missing_consent.isChecked()


class CardActions(QWidget):
    """打印会员卡 (the selected seniors) · 新会员卡 (everyone at the center without a card), for registration roles."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self.print_job: PrintJob | None = None  # the last printout asked for (its preview, for tests)
        self.selected_button = QPushButton(_("Print member cards"), self)
        self.selected_button.setToolTip(
            _("Cards for the selected seniors (Ctrl+click or Shift+click chooses several), previewed first")
        )
        self.new_button = QPushButton(_("New member cards"), self)
        self.new_button.setToolTip(_("Cards for every senior at this center who has none yet, previewed first"))
        permitted = allowed(actor, Permission.EDIT_SENIOR_BASICS)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in self.buttons():
            button.setMinimumHeight(button.sizeHint().height() + 8)
            button.setMinimumWidth(button.sizeHint().width() + 24)
            button.setVisible(permitted)
            layout.addWidget(button)

    def buttons(self) -> list[QPushButton]:
        return [self.selected_button, self.new_button]

    def set_state(self, center_chosen: bool, has_selection: bool) -> None:
        """Cards are printed per center: with 全部站点 chosen both buttons wait for a center."""
        self.selected_button.setEnabled(center_chosen and has_selection)
        self.new_button.setEnabled(center_chosen)

    def print_cards(self, center_id: int | None, senior_ids: Sequence[int] | None) -> PrintJob | None:
        """Preview the cards of ``senior_ids`` (None: every senior of the center without a card)."""
        from ui.printing import preview  # loaded on first use

        if center_id is None or (senior_ids is not None and not senior_ids):
            return None
        cards, actor = self._cc.reports.cards, self._actor
        title = _("Member cards") if senior_ids is not None else _("New member cards")
        # "New" is decided now, so the cards previewed are the ones noted as printed; and they
        # are noted only when printed or saved: a preview closed unprinted leaves them new.
        chosen = list(senior_ids) if senior_ids is not None else [h.senior_id for h in cards.pending(actor, center_id)]
        self.print_job = preview(
            self,
            self._cc.reports,
            title,
            lambda target, progress, cancelled: cards.print(
                actor, center_id, target, chosen, progress, cancelled, mark=False
            ),
            file_name=f"{title}-{self._cc.clock.today().isoformat()}",
            delivered=lambda: cards.mark_printed(actor, chosen),
        )
        return self.print_job
