"""创建本月生日会 / 编辑生日会: when and where one center's party of one month is held.

The date starts on a sensible day (:func:`default_party_day`: the month's last Friday,
or today when that has passed) and must stay in the month; the weekday is shown under
it, because staff plan by weekday. The place starts as the last party's and suggests
the places used before. A refused save keeps everything typed, puts each reason under
its field (a second party for the same month goes to the banner: it is about the month,
not a field) and saves nothing; closing with unsaved typing asks first.

Creating the party invites the month's birthday list as it is that day (the core does
that); the dialog says how many that will be. Threading: the save is one short core
call on the UI thread.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from carecenter import i18n
from carecenter.actor import Actor
from carecenter.birthdays.parties_dto import FIELD_LABELS, PartyInfo, PartyInput
from carecenter.conflicts import EditConflictError
from carecenter.domain.months import first_day, last_day, month_label
from carecenter.errors import CareCenterError, FieldError, ValidationError, labelled
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.dialogs.edit_conflict_dialog import settle
from ui.qt_i18n import locale_for
from ui.widgets.confirm import confirm, inform
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import (
    ERROR_COLOR,
    MUTED_COLOR,
    FieldRow,
    FieldRows,
    bold,
    ensure_readable_font,
    label_text,
    show_refusal,
)

FRIDAY = calendar.FRIDAY


def default_party_day(month: dt.date, today: dt.date) -> dt.date:
    """The month's last Friday (an afternoon most centers keep for activities); today when that is past."""
    end = last_day(month)
    friday = end - dt.timedelta(days=(end.weekday() - FRIDAY) % 7)
    if first_day(today) == first_day(month) and friday < today:
        return today
    return friday


def weekday_name(day: dt.date) -> str:
    """星期五 (Friday in English), as the language in use writes it."""
    return locale_for(i18n.current_language()).dayName(day.isoweekday())


class PartyDialog(QDialog):
    """Create the party of ``center_id`` and ``month``, or edit ``party``; ``saved`` holds the party after 保存.

    ``listed``: how many seniors the month's list holds (said when creating); ``places``:
    places used before, most recent first (the first is the default for a new party).
    """

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int,
        month: dt.date,
        party: PartyInfo | None = None,
        *,
        center_name: str = "",
        listed: int | None = None,
        places: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id = center_id
        self._month = first_day(month)
        self._party = party
        # The version the form was opened with: a save over another desk's change is stopped (carecenter.conflicts).
        self._expected_version = party.version if party is not None else None
        self.saved: PartyInfo | None = None
        self.rows = FieldRows()
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Edit the birthday party") if party is not None else _("Create this month's party"))

        name = party.center_name if party is not None else center_name
        center_label = QLabel(name, self)
        center_label.setStyleSheet(f"color: {MUTED_COLOR};")
        heading = QLabel(_("Birthday party of {month}").format(month=month_label(self._month)), self)
        heading.setWordWrap(True)
        bold(heading, 1.3)
        hint = QLabel(self._hint_text(listed), self)
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        today = cc.clock.today()
        self.date_edit = DateEdit(default_party_day(self._month, today), parent=self)
        self._add(form, "held_on", self.date_edit, self.date_edit.line, required=True)
        self.place_edit = QLineEdit(self)
        self.place_edit.setPlaceholderText(_("e.g. the activity room on the 2nd floor"))
        self.place_edit.setMinimumWidth(
            self.place_edit.fontMetrics().horizontalAdvance("文化路社区党群服务中心二楼") + 24
        )
        if places:
            completer = QCompleter(list(places), self.place_edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.place_edit.setCompleter(completer)
        self._add(form, "place", self.place_edit)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setPlaceholderText(_("e.g. cake and longevity noodles; families are welcome"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.notes_edit.fontMetrics().height() * 4)
        self._add(form, "notes", self.notes_edit)

        if party is not None:
            self.date_edit.set_date(party.held_on)
            self.place_edit.setText(party.place)
            self.notes_edit.setPlainText(party.notes)
        else:
            self.date_edit.set_date(default_party_day(self._month, today))
            self.place_edit.setText(places[0] if places else "")
        self.date_edit.edited.connect(self._date_edited)
        self.place_edit.textChanged.connect(self.rows["place"].clear_error)
        self.notes_edit.textChanged.connect(self.rows["notes"].clear_error)

        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
        save_text = _("Save") if party is not None else _("Create the party")
        box, self.save_button, self.cancel_button = save_cancel(
            self, save_text, _("Cancel"), self.save, self.reject, bold_save=True
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(center_label)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(box)
        self._date_edited()
        self._baseline = self.state()
        self.resize(680, 480)
        self.date_edit.setFocus()

    def _hint_text(self, listed: int | None) -> str:
        if self._party is not None:
            return _("The date must stay in {month}. Guests are changed on the page.").format(
                month=month_label(self._month)
            )
        if listed:
            return _(
                "The {n} seniors on this month's birthday list are invited when the party is created; "
                "guests can be added or removed afterwards."
            ).format(n=listed)
        return _("Nobody is on this month's birthday list yet; guests can be added once the party is created.")

    def _add(
        self, form: QFormLayout, field: str, widget: QWidget, buddy: QWidget | None = None, required: bool = False
    ) -> None:
        row = FieldRow(widget, self)
        caption = QLabel(label_text(_(FIELD_LABELS[field]), required), self)
        caption.setBuddy(buddy or widget)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        widget.setAccessibleName(_(FIELD_LABELS[field]))
        form.addRow(caption, row)
        self.rows[field] = row

    def _date_edited(self) -> None:
        """The weekday under the date, so a party is not set on a Sunday by mistake."""
        row = self.rows["held_on"]
        row.clear_error()
        try:
            day = self.date_edit.date()
        except DateTextError:
            day = None
        row.set_info(_("{date} is a {weekday}").format(date=day.isoformat(), weekday=weekday_name(day)) if day else "")

    # ---- values --------------------------------------------------------------------------

    def state(self) -> tuple[str, ...]:
        """What was typed, to tell whether closing would lose it."""
        return (self.date_edit.text(), self.place_edit.text(), self.notes_edit.toPlainText())

    def entry(self) -> PartyInput:
        """The form as typed; raises ValidationError for a date the form cannot read."""
        try:
            day = self.date_edit.date()
        except DateTextError as exc:
            raise ValidationError([labelled(FIELD_LABELS, "held_on", str(exc))]) from None
        if day is None:
            raise ValidationError([labelled(FIELD_LABELS, "held_on", _("is required"))])
        return PartyInput(day, self.place_edit.text(), self.notes_edit.toPlainText())

    def error_for(self, field: str) -> str:
        """The message shown under ``field`` right now ('' when none)."""
        return self.rows.error_for(field)

    # ---- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        """保存 / 创建生日会: on refusal show each reason under its field and store nothing."""
        self.rows.clear_errors()
        self.banner.hide()
        try:
            data = self.entry()
            if self._party is None:
                self.saved = self._cc.birthdays.create(self._center_id, self._month, data, self._actor)
            else:
                self.saved = self._cc.birthdays.update(
                    self._party.id, data, self._actor, expected_version=self._expected_version, opened=self._party
                )
        except EditConflictError as exc:
            return settle(self, exc, self._save_over, self._take_theirs)
        except ValidationError as exc:
            errors: list[FieldError] = list(exc.errors)
            show_refusal(self.rows, self.banner, errors, fallback=self.rows["held_on"])
            return False
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self.accept()
        return True

    def _save_over(self, version: int) -> bool:
        """保留我的修改: save again, over the other desk's change."""
        self._expected_version = version
        return self.save()

    def _take_theirs(self) -> None:
        """采用对方的版本: close on the party as stored now (the panel shows it), the typing dropped."""
        if self._party is None:
            return
        try:
            self.saved = self._cc.birthdays.get(self._party.id, self._actor)
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return
        self._baseline = self.state()
        self.accept()

    def reject(self) -> None:
        """Esc / 取消: ask before dropping what was typed."""
        if self.state() != self._baseline and not confirm(
            self,
            _("Discard changes?"),
            _("The birthday party has not been saved. Close and discard what was typed?"),
            _("Discard"),
            _("Keep editing"),
        ):
            return
        super().reject()
