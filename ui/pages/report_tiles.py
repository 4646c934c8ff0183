"""The key figures of the 月度报表 screen: six tiles across the top, each opening its section's tab.

在册老人, 日间照料人次, 供餐人次, 九助上门人次, 呼叫助急 and 补贴金额（元）, with a line of
detail under each, from the same :class:`~carecenter.reports.monthly_figures.CenterSection`
the tabs and the printout show. The tiles are :class:`ui.widgets.stat_tile.StatTile`
buttons (Tab, then Space) with a somewhat smaller number than the 今天 page's, so six fit
a 1280-pixel window with a district's amounts in them. UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QWidget

from carecenter.i18n import _
from carecenter.reports.monthly_figures import CenterSection
from carecenter.reports.numbers import hours, money
from ui.pages.report_tables import count
from ui.widgets.stat_tile import StatTile

VALUE_SCALE = 1.9  # the number, against the page's font (the 今天 page's tiles use 2.6)
TITLE_SCALE = 1.08

# (tab attribute of the page, title, value and detail of a section)
TileSpec = tuple[str, Callable[[], str], Callable[[CenterSection], tuple[str, str]]]


def _registered(s: CenterSection) -> tuple[str, str]:
    r = s.summary
    return count(r.registered), _("80 and over: {n}").format(n=r.aged_80_plus)


def _day_care(s: CenterSection) -> tuple[str, str]:
    d = s.day_care
    return count(d.visits), _("{n} different seniors").format(n=d.people)


def _meals(s: CenterSection) -> tuple[str, str]:
    m = s.meals
    return count(m.served), _("Of them delivered: {n}").format(n=m.delivered)


def _visits(s: CenterSection) -> tuple[str, str]:
    v = s.visits
    return count(v.home_visits), _("{hours} hours").format(hours=hours(v.minutes))


def _calls(s: CenterSection) -> tuple[str, str]:
    c = s.calls
    return count(c.total), _("Urgent {urgent} · still open {open}").format(urgent=c.urgent, open=c.still_open)


def _subsidies(s: CenterSection) -> tuple[str, str]:
    r = s.roster
    detail = _("{n} grants") if r.approved else _("{n} grants (preview)")
    return money(r.total_fen), detail.format(n=r.count)


TILES: tuple[TileSpec, ...] = (
    ("overview", lambda: _("Registered seniors"), _registered),
    ("day_care", lambda: _("Day-care visits"), _day_care),
    ("meals", lambda: _("Meals served"), _meals),
    ("visits", lambda: _("Home visits (person-times)"), _visits),
    ("calls", lambda: _("Calls"), _calls),
    ("roster", lambda: _("Subsidies (yuan)"), _subsidies),
)


class ReportTiles(QWidget):
    """Six tiles; ``open_section(name)`` asks the page to show the tab named ``name`` (its attribute)."""

    open_section = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: dict[str, StatTile] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        for name, title, _read in TILES:
            tile = StatTile(title(), self)
            for label, scale in ((tile.value_label, VALUE_SCALE), (tile.title_label, TITLE_SCALE)):
                font = QFont(label.font())
                font.setPointSizeF(self.font().pointSizeF() * scale)
                label.setFont(font)
            inner = tile.layout()
            assert inner is not None  # StatTile lays out its labels itself
            inner.setContentsMargins(14, 8, 14, 8)
            inner.setSpacing(2)
            tile.detail_label.setWordWrap(False)
            tile.setMinimumHeight(inner.sizeHint().height() + 4)
            tile.setToolTip(_("Show this section"))
            tile.clicked.connect(lambda _checked=False, name=name: self.open_section.emit(name))
            row.addWidget(tile, 5 if name == "roster" else 4)  # the amount has the most digits
            self.tiles[name] = tile

    def show_section(self, section: CenterSection) -> None:
        for name, _title, read in TILES:
            value, detail = read(section)
            self.tiles[name].set_value(value, detail)

    def texts(self) -> dict[str, tuple[str, str]]:
        """Tile title → (value, detail), as the user reads them."""
        return {t.title_label.text(): (t.value(), t.detail()) for t in self.tiles.values()}
