"""老人详情: one place for a senior — a header that never scrolls away, then a tab per area.

The header shows the photo, name, member number, age, status and care level, and in
large type the **alert strip**: diet flags and allergies (what whoever serves the senior
must see) and the care risks. Below it a ``QTabWidget`` holds one
:class:`ui.sections.base.Section` per area, built from :data:`SECTION_TYPES`: a later
issue adds its tab (subsidies, attendance, meals, visits) by adding one line there.
Sections a role may not see (``available_to``) are left out. When any section saves
something it emits ``changed``; the view then reloads every section and the header,
so a new assessment shows its care level in the header and a diet change in the strip.

Other pages open it with :func:`open_senior_detail` (modal; returns whether anything
was saved so the opener can refresh its list). Ctrl+1 … Ctrl+9 jump to a tab, Esc closes.
打印照护小结 (for the roles that write care plans) opens the senior's care summary in the print preview.
UI thread only: every load is a handful of single-senior reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.care.health import DietAlert, ordered_flags
from carecenter.domain.vocab import Status
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from carecenter.seniors.dto import SeniorDetail
from ui.sections.assessments_section import AssessmentsSection
from ui.sections.base import Section
from ui.sections.care_plan_section import CarePlanSection
from ui.sections.health_section import HealthSection
from ui.sections.incidents_section import IncidentsSection
from ui.sections.profile_section import WARN_COLOR, ProfileSection
from ui.sections.subsidies_section import SubsidiesSection
from ui.widgets.confirm import inform
from ui.widgets.field_row import MUTED_COLOR, bold, ensure_readable_font
from ui.widgets.photo_picker import THUMB_H, THUMB_W, decode

if TYPE_CHECKING:
    from ui.printing import PrintJob

# The tabs, in order. A later issue adds its section here (one line) and nowhere else.
SECTION_TYPES: list[type[Section]] = [
    ProfileSection,
    AssessmentsSection,
    CarePlanSection,
    IncidentsSection,
    HealthSection,
    SubsidiesSection,
]

ALERT_STYLE = "background: #fff3e0; color: #b71c1c; border: 2px solid #e65100; border-radius: 6px; padding: 6px 12px;"
RISK_STYLE = (
    f"background: #fffde7; color: {WARN_COLOR}; border: 2px solid #f9a825; border-radius: 6px; padding: 6px 12px;"
)


class DetailHeader(QWidget):
    """Photo, name and key facts, and the alert strip (diet, allergies, risks) in large type."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photo = QLabel(self)
        self.photo.setFixedSize(THUMB_W, THUMB_H)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet(f"border: 1px solid #999; color: {MUTED_COLOR}; background: #fafafa;")
        self.name_label = QLabel(self)
        bold(self.name_label, 1.8)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts_label = QLabel(self)
        bold(self.facts_label, 1.15)
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.care_label = QLabel(self)
        self.care_label.setWordWrap(True)
        self.care_label.setObjectName("careLevel")
        self.care_label.setStyleSheet("color: #1d5f99;")
        bold(self.care_label, 1.1)
        self.alert_strip = QLabel(self)
        self.alert_strip.setObjectName("alertStrip")
        self.alert_strip.setWordWrap(True)
        self.alert_strip.setStyleSheet(ALERT_STYLE)
        bold(self.alert_strip, 1.5)
        self.alert_strip.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.risk_strip = QLabel(self)
        self.risk_strip.setObjectName("riskStrip")
        self.risk_strip.setWordWrap(True)
        self.risk_strip.setStyleSheet(RISK_STYLE)
        bold(self.risk_strip, 1.3)

        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.name_label)
        text.addWidget(self.facts_label)
        text.addWidget(self.care_label)
        strips = QHBoxLayout()
        strips.addWidget(self.alert_strip, 3)
        strips.addWidget(self.risk_strip, 1)
        text.addLayout(strips)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        layout.addSpacing(12)
        layout.addLayout(text, 1)

    def show_senior(self, detail: SeniorDetail, care_text: str, alert: DietAlert, risks: tuple[str, ...]) -> None:
        image = decode(detail.photo) if detail.photo else QImage()
        if image.isNull():
            self.photo.setPixmap(QPixmap())
            self.photo.setText(_("No photo"))
        else:
            self.photo.setPixmap(
                QPixmap.fromImage(image).scaled(
                    THUMB_W - 4,
                    THUMB_H - 4,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.name_label.setText(detail.name)
        status = detail.status.label
        if detail.status is not Status.ACTIVE:
            status = _("{status} since {since}").format(status=status, since=detail.status_since.isoformat())
        facts = [detail.member_no, detail.gender.label, _("{n} years old").format(n=detail.age), status]
        self.facts_label.setText("　·　".join(facts))
        self.facts_label.setStyleSheet("" if detail.status is Status.ACTIVE else f"color: {WARN_COLOR};")
        self.care_label.setText(care_text)
        parts = alert.parts()
        self.alert_strip.setText("　".join(parts))
        self.alert_strip.setVisible(bool(parts))
        self.risk_strip.setText("　".join(risks))
        self.risk_strip.setVisible(bool(risks))


class SeniorDetailDialog(QDialog):
    """The detail view of ``senior_id``; ``changed`` is True once any section saved something."""

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        senior_id: int,
        parent: QWidget | None = None,
        section_types: list[type[Section]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self.senior_id = senior_id
        self.changed = False
        ensure_readable_font(self)
        self.setModal(True)

        self.header = DetailHeader(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        tab_font = self.tabs.tabBar().font()
        tab_font.setPointSizeF(tab_font.pointSizeF() * 1.1)
        self.tabs.tabBar().setFont(tab_font)
        self.sections: list[Section] = []
        for kind in section_types if section_types is not None else SECTION_TYPES:
            if kind.available_to(actor):
                section = kind(cc, actor, self.tabs)
                section.changed.connect(self._section_changed)
                self.sections.append(section)
                self.tabs.addTab(section, section.title())
        for number in range(1, min(len(self.sections), 9) + 1):
            QShortcut(QKeySequence(f"Ctrl+{number}"), self).activated.connect(
                lambda n=number: self.tabs.setCurrentIndex(n - 1)
            )

        self.close_button = QPushButton(_("Close"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.setMinimumWidth(120)
        self.close_button.setMinimumHeight(self.close_button.sizeHint().height() + 8)
        self.close_button.clicked.connect(self.close_view)
        hint = QLabel(_("Ctrl+1…{n}: switch tabs   Esc: close").format(n=min(len(self.sections), 9)), self)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        # 打印照护小结: for the roles that write care plans (the core decides in the end)
        self.print_job: PrintJob | None = None  # the last printout asked for (its preview, for tests)
        self.print_button = QPushButton(_("Print care summary"), self)
        self.print_button.setToolTip(_("A summary of this senior's care for the family or a doctor, previewed first"))
        self.print_button.setAutoDefault(False)
        self.print_button.setMinimumHeight(self.close_button.minimumHeight())
        self.print_button.setMinimumWidth(self.print_button.sizeHint().width() + 24)
        self.print_button.clicked.connect(lambda: self.print_care_summary())
        self.print_button.setVisible(allowed(actor, Permission.ASSESSMENTS))
        bottom = QHBoxLayout()
        bottom.addWidget(hint)
        bottom.addStretch(1)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.reload()
        self._fit_to_screen()
        self.tabs.setFocus()

    # ---- showing -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the senior again: header first, then every section."""
        detail = self._cc.seniors.get(self.senior_id, self._actor, with_photo=True)
        health = self._cc.health.get(self.senior_id, self._actor)
        alert = DietAlert(ordered_flags(health.diet_flags), health.allergies, health.diet_notes)
        self.header.show_senior(detail, self._care_text(), alert, health.risks())
        self.setWindowTitle(_("Senior: {name} ({no})").format(name=detail.name, no=detail.member_no))
        for section in self.sections:
            section.load(self.senior_id)

    def _care_text(self) -> str:
        """Care level with where it comes from, and the Barthel band beside it."""
        info = self._cc.assessments.care_level(self.senior_id, self._actor)
        text = _("Care level: {level}").format(level=info.label)
        if info.source == "assessment" and info.assessed_on is not None:
            text += _(" (GB/T 42195, {date})").format(date=info.assessed_on.isoformat())
        elif info.source == "entered":
            text += _(" (entered, not assessed here)")
        if info.barthel_band_label:
            text += "　·　" + _("Barthel {total}: {band}").format(
                total=info.barthel_total, band=info.barthel_band_label
            )
        return text

    def _section_changed(self) -> None:
        self.changed = True
        try:
            self.reload()
        except CareCenterError as error:  # the senior vanished meanwhile (a restore on another desk)
            inform(self, _("Cannot show the senior"), str(error), _("OK"))
            self.close_view()

    def section(self, kind: type[Section]) -> Section | None:
        """The tab of type ``kind``, if this role sees it."""
        return next((s for s in self.sections if isinstance(s, kind)), None)

    def show_section(self, kind: type[Section]) -> bool:
        found = self.section(kind)
        if found is not None:
            self.tabs.setCurrentWidget(found)
        return found is not None

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def alert_text(self) -> str:
        """What the alert strip says ('' when it is hidden)."""
        strip = self.header.alert_strip
        return strip.text() if not strip.isHidden() else ""

    def print_care_summary(self) -> PrintJob:
        """打印照护小结: the senior's care summary, rendered off the UI thread and previewed."""
        from ui.printing import preview  # loaded on first use

        summaries, actor, senior_id = self._cc.reports.care_summary, self._actor, self.senior_id
        name = self.header.name_label.text()
        title = _("Care summary")
        self.print_job = preview(
            self,
            self._cc.reports,
            title,
            lambda target, progress, cancelled: summaries.print(actor, senior_id, target, progress, cancelled),
            file_name=f"{title}-{name}-{self._cc.clock.today().isoformat()}",
        )
        return self.print_job

    def close_view(self) -> None:
        self.done(QDialog.DialogCode.Accepted if self.changed else QDialog.DialogCode.Rejected)

    def reject(self) -> None:
        """Esc or the close box: nothing here holds unsaved typing (each edit is its own dialog)."""
        self.close_view()

    def _fit_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        width, height = 1240, 820
        if screen is not None:
            area = screen.availableGeometry()
            width, height = min(width, area.width() - 40), min(height, area.height() - 60)
        self.resize(width, height)


def open_senior_detail(
    cc: CareCenter,
    actor: Actor,
    senior_id: int,
    parent: QWidget | None = None,
    section: type[Section] | None = None,
) -> bool:
    """Show the detail view of ``senior_id`` (modal, on ``section``'s tab if given); True when anything was saved.

    A senior who cannot be shown (gone meanwhile) is explained in a message box and False returned.
    """
    try:
        dialog = SeniorDetailDialog(cc, actor, senior_id, parent)
    except CareCenterError as error:
        inform(parent, _("Cannot show the senior"), str(error), _("OK"))
        return False
    try:
        if section is not None:
            dialog.show_section(section)
        dialog.exec()
        return dialog.changed
    finally:
        dialog.deleteLater()
