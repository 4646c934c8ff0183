"""新增老人 / 编辑老人档案: the add/edit dialog for one senior.

The dialog owns the decision to save; ``SeniorForm`` owns the widgets. A refused save
(ValidationError) keeps every keystroke on screen, puts each reason under its field,
and moves the cursor to the first one; nothing reaches the database until the core
accepts the whole record. Closing with unsaved typing asks first.

Threading: a save is one short core call made on the UI thread (a single-row write).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.conflicts import EditConflictError
from carecenter.domain.vocab import Status
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from carecenter.seniors.dto import SeniorDetail, SeniorInput
from ui.dialogs.edit_conflict_dialog import settle
from ui.dialogs.senior_form_sections import SeniorForm
from ui.widgets.confirm import confirm, inform
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR, bold, ensure_readable_font


class SeniorDialog(QDialog):
    """Add a senior (``senior_id`` None) or edit one; on success ``saved`` holds the result."""

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        senior_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._senior_id = senior_id
        self.saved: SeniorDetail | None = None
        self._detail = cc.seniors.get(senior_id, actor, with_photo=True) if senior_id is not None else None
        # The version the form was opened with: a save over another desk's change is stopped (carecenter.conflicts).
        self._expected_version = self._detail.version if self._detail is not None else None
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(
            _("Edit senior: {name}").format(name=self._detail.name) if self._detail else _("New senior")
        )

        layout = QVBoxLayout(self)
        if self._detail is not None:
            layout.addWidget(self._record_header(self._detail))

        self.form = SeniorForm(
            cc.centers.list(),
            cc.clock.today(),
            can_edit_categories=allowed(actor, Permission.EDIT_CATEGORIES_STATUS),
        )
        self.form.suggest_communities(cc.seniors.communities())
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.form)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(self.scroll_area, 1)

        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
        layout.addWidget(self.banner)
        layout.addLayout(self._buttons())

        if self._detail is not None:
            self.form.load(self._detail.as_input())
        else:
            self.form.load(SeniorInput(name="", id_number="", registered_on=cc.clock.today()), blank_contact=True)
        self._baseline = self.form.state()
        self._close_tab_ring()
        self.form.rows_reordered.connect(self._close_tab_ring)
        self._fit_to_screen()
        self.form.name_edit.setFocus()

    # ---- building ------------------------------------------------------------------------

    def _record_header(self, detail: SeniorDetail) -> QWidget:
        """What the record is and who touched it: read-only, above the form."""
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 0, 4, 4)
        self.member_label = QLabel(
            _("Member no. {member_no}   Status: {status} (since {since})").format(
                member_no=detail.member_no, status=detail.status.label, since=detail.status_since.isoformat()
            ),
            box,
        )
        bold(self.member_label, 1.1)
        self.member_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if detail.status is not Status.ACTIVE:
            self.member_label.setStyleSheet("color: #e65100;")
        layout.addWidget(self.member_label)
        self.stamp_label = QLabel(
            _("Created by {who} at {when}; last changed by {who2} at {when2}").format(
                who=detail.created_by,
                when=detail.created_at.strftime("%Y-%m-%d %H:%M"),
                who2=detail.updated_by,
                when2=detail.updated_at.strftime("%Y-%m-%d %H:%M"),
            ),
            box,
        )
        self.stamp_label.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(self.stamp_label)
        return box

    def _buttons(self) -> QHBoxLayout:
        line = QHBoxLayout()
        hint = QLabel(_("Enter: next field   Ctrl+S: save   Esc: close"), self)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        line.addWidget(hint)
        line.addStretch(1)
        self.save_button = QPushButton(_("Save"), self)
        self.cancel_button = QPushButton(_("Cancel"), self)
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setMinimumWidth(120)
            line.addWidget(button)
        bold(self.save_button)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        for keys in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        return line

    def _close_tab_ring(self) -> None:
        """After the last field come 保存 and 取消, then back to 姓名."""
        QWidget.setTabOrder(self.form.last_field(), self.save_button)
        QWidget.setTabOrder(self.save_button, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.form.name_edit)

    def _fit_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        width, height = 1200, 760
        if area is not None:
            width, height = min(width, area.width() - 40), min(height, area.height() - 60)
        self.resize(width, height)

    # ---- public --------------------------------------------------------------------------

    @property
    def senior_id(self) -> int | None:
        return self._senior_id

    def preselect_center(self, center_id: int | None) -> None:
        """For a new senior, start on the center the list is showing (not counted as typing)."""
        if self._detail is None:
            self.form.select_center(center_id)
            self._baseline = self.form.state()

    def is_dirty(self) -> bool:
        """True once anything on screen differs from what the dialog opened with."""
        return self.form.state() != self._baseline

    def error_for(self, field: str) -> str:
        """The message shown under ``field`` right now ('' when none)."""
        row = self.form.rows.get(field)
        return row.error_text() if row is not None else ""

    def save(self) -> bool:
        """Send the whole form to the core; on refusal show why and keep the dialog open."""
        self.form.clear_errors()
        self.banner.hide()
        try:
            data = self.form.build()
            if self._senior_id is None:
                detail = self._cc.seniors.create(data, self._actor)
            else:
                detail = self._cc.seniors.update(
                    self._senior_id, data, self._actor, expected_version=self._expected_version, opened=self._detail
                )
        except ValidationError as exc:
            self._show_refusal(exc.errors)
            return False
        except EditConflictError as exc:
            return settle(self, exc, self._save_over, self._take_theirs)
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self.saved = detail
        self._senior_id = detail.id
        self._baseline = self.form.state()
        self.accept()
        return True

    def _save_over(self, version: int) -> bool:
        """保留我的修改: save again, over the other desk's change."""
        self._expected_version = version
        return self.save()

    def _take_theirs(self) -> None:
        """采用对方的版本: close on the senior as stored now (the page shows it), the typing dropped."""
        if self._senior_id is None:
            return
        try:
            self.saved = self._cc.seniors.get(self._senior_id, self._actor)
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return
        self._baseline = self.form.state()
        self.accept()

    def _show_refusal(self, errors: list[FieldError]) -> None:
        first, elsewhere = self.form.show_errors(errors)
        count = len({e.field for e in errors})
        lines = [_("Not saved: {n} field(s) need fixing (see the red text).").format(n=count)]
        lines += elsewhere
        self.banner.setText("\n".join(lines))
        self.banner.show()
        if first is not None:
            first.bring_into_view()

    # ---- closing and keys ----------------------------------------------------------------

    def reject(self) -> None:
        """Esc, 取消 or the window's close box: ask before throwing typing away."""
        if self.is_dirty() and not confirm(
            self,
            _("Discard changes?"),
            _("What you typed has not been saved. Close and discard it?"),
            _("Discard"),
            _("Keep editing"),
            warning=True,
        ):
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter moves to the next field, as on paper forms; only Ctrl+S / 保存 saves."""
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            focus = self.focusWidget()
            if isinstance(focus, QAbstractButton) and not isinstance(focus, QCheckBox | QRadioButton):
                focus.click()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)
