"""The desk's operations at district scale, timed through the real main window, and the app's peak memory.

:func:`desk_figures` opens the app's :class:`~ui.main_window.MainWindow` on a working copy
of the district as the front desk of the first center (C001) and does what the desk does
all day, the way a user does it: keys typed into the page's search line, Enter, the form
filled and saved. Each operation is timed with ``time.perf_counter()`` from the first key
to the moment the result is committed and the page's model holds it, after the event
loop has turned (so the view has been told and repainted); nothing sleeps. Each runs on
a few different 在册 seniors of C001, drawn with the scale's seed; the figure is the median,
the note gives the 95th percentile. After every operation the database is read apart to
check the write really happened: a figure can never be fast by doing nothing.

:func:`memory_figure` runs :mod:`ui.bench.memory_probe` in a fresh process: the director's
window listing every senior of the district, scrolled end to end, and its peak RSS.

Member numbers are what the desk types here. On the desk pages a complete one chooses the
senior at once (as a card scanner does), so the Enter after it falls on an empty search
line (助餐 ignores it as the scanner's own); in 老人档案 the Enter opens the senior.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from carecenter.actor import Actor, Role
from carecenter.bench.district import DESK_USER
from carecenter.bench.figures import Figure, Target, median, percentile
from carecenter.bench.scale import BENCH_TODAY, SMALL, Scale
from carecenter.clock import CENTER_TZ, FixedClock
from carecenter.db import engine as engines
from carecenter.domain.vocab import StaffPosition
from carecenter.facade import CareCenter
from ui import settings_store
from ui.dialogs.visit_dialog import VisitDialog
from ui.main_window import MainWindow

Say = Callable[[str], None]
D = TypeVar("D", bound=QDialog)

FIRST_CENTER = "C001"
SHOWN_WITHIN_S = 30.0  # a result not shown by then is a failure, not a slow figure
MODAL_WITHIN_S = 60.0  # the same for a dialog that never opens
PROBE_TIMEOUT_S = 1800.0
VISIT_MINUTES = 40
VISIT_WORK = "打扫卧室和厨房，陪老人聊天"


class BenchError(RuntimeError):
    """An operation did not do what it should (nothing committed, never shown): the figure would lie."""


@dataclass(frozen=True)
class Senior:
    id: int
    member_no: str
    name: str


# ---- driving the widgets ---------------------------------------------------------------------


def settle(shown: Callable[[], bool], what: str, within: float = SHOWN_WITHIN_S) -> None:
    """Turn the event loop until ``shown()`` holds (at least once: pending repaints happen first)."""
    started = time.perf_counter()
    while True:
        QCoreApplication.processEvents()
        if shown():
            return
        if time.perf_counter() - started > within:
            raise BenchError(f"{what}: not shown after {within:g} s")


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, Chinese included (QTest only types ASCII safely)."""
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    for ch in text:
        if ch.isascii() and ch.isprintable():
            QTest.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def press_enter(widget: QWidget, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, Qt.Key.Key_Return, modifier)


class ModalWatch(Generic[D]):
    """Runs ``action`` on the modal dialog of type ``kind`` as soon as its event loop turns (inside ``exec``).

    Whatever happens in ``action``, the dialog is closed afterwards (``done`` skips any
    "discard changes?" question), so a failing operation cannot leave the benchmark waiting
    on a dialog; an error (also: another dialog came up, or none within ``within`` seconds)
    is kept in ``error`` for :meth:`check`.
    """

    def __init__(self, kind: type[D], action: Callable[[D], None], within: float = MODAL_WITHIN_S) -> None:
        self._kind = kind
        self._action = action
        self._within = within
        self._started = time.perf_counter()
        self.error: BaseException | None = None
        self.done = False
        self._timer = QTimer()
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            self._timer.stop()
            self.done = True
            try:
                if not isinstance(dialog, self._kind):
                    raise BenchError(f"{type(dialog).__name__} came up: {dialog.windowTitle()}")
                self._action(dialog)
            except BaseException as exc:  # kept for check(): raising inside a Qt slot would be lost
                self.error = exc
            finally:
                if dialog.isVisible():
                    dialog.done(QDialog.DialogCode.Rejected)
        elif time.perf_counter() - self._started > self._within:
            self._timer.stop()
            self.error = BenchError(f"no {self._kind.__name__} within {self._within:g} s")

    def check(self) -> None:
        """Stop watching; raise what went wrong, or that the dialog never came."""
        self._timer.stop()
        if self.error is not None:
            raise BenchError(f"{self._kind.__name__}: {self.error}") from self.error
        if not self.done:
            raise BenchError(f"{self._kind.__name__} never opened")


# ---- the desk's window -----------------------------------------------------------------------


class Desk:
    """The front desk of C001 at its window, on a working copy of the district."""

    def __init__(self, db: Path, settings_path: Path) -> None:
        self.db = db
        self.clock = FixedClock.on(BENCH_TODAY, hour=9)
        self.cc = CareCenter.open(engines.sqlite_url(db), self.clock)
        self.actor = Actor(username=DESK_USER, role=Role.FRONT_DESK)
        center = self.cc.centers.by_code(FIRST_CENTER)
        self.center_id = center.id
        # This PC last showed C001 (a desk works at its own center); the user's own settings stay untouched.
        settings_store.save(settings_store.Settings().with_center(FIRST_CENTER), settings_path)
        try:
            self.window = MainWindow(self.cc, self.actor, self.clock, settings_path)
        except BaseException:
            self.cc.close()
            raise
        self.reader = sqlite3.connect(db)

    def show(self) -> float:
        """Show the window and let the first start's daily backup finish (seconds it took): it copies the
        whole database once a day, off the UI thread, and is not what a desk's operation costs."""
        window = self.window
        window.resize(1280, 800)
        window.show()
        window.activateWindow()
        started = time.perf_counter()
        QCoreApplication.processEvents()  # the backup starts at the first turn of the loop
        task = window.backup_page.task
        if task is not None and task.is_running():
            task.wait()
        settle(lambda: not window.backup_page.is_busy(), "the daily backup", within=3600)
        spent = time.perf_counter() - started
        with contextlib.suppress(BenchError):  # the keys are sent to the widgets themselves anyway
            settle(lambda: QApplication.activeWindow() is window, "the active main window", within=5)
        center = window.current_center()
        if center is None or center.id != self.center_id:
            window.select_center(self.center_id)
        return spent

    def open_page(self, page: QWidget) -> None:
        """Click the page's entry in the sidebar (the page reads what it shows)."""
        self.window.nav.setCurrentRow(self.window.pages.indexOf(page))
        settle(lambda: self.window.pages.currentWidget() is page and page.isVisible(), "the page")

    def at(self, hour: int, minute: int) -> None:
        """The clock moves on between operations (each check-in, meal, visit has its own minute)."""
        self.clock.current = dt.datetime.combine(BENCH_TODAY, dt.time(hour, minute), tzinfo=CENTER_TZ)

    def count(self, sql: str, *args: object) -> int:
        row = self.reader.execute(sql, args).fetchone()
        return int(row[0])

    def require_one_today(self, table: str, senior: Senior, what: str, shown: str, extra: str = "") -> None:
        """The operation wrote exactly one live row of ``table`` for ``senior`` today (read apart from the app)."""
        stored = self.count(
            f"SELECT count(*) FROM {table} WHERE senior_id = ? AND day = ? AND NOT voided{extra}",
            senior.id,
            BENCH_TODAY.isoformat(),
        )
        if stored != 1:
            raise BenchError(f"{senior.name}: {stored} {what} stored today, 1 expected ({shown})")

    def close(self) -> None:
        self.window.close()  # waits for whatever runs in the background
        self.window.deleteLater()
        QCoreApplication.processEvents()
        self.reader.close()
        self.cc.close()


def pick_seniors(db: Path, scale: Scale, n: int) -> list[Senior]:
    """``n`` different 在册 seniors of C001, the same ones on every run."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        rows = conn.execute(
            "SELECT s.id, s.member_no, s.name FROM seniors s JOIN centers c ON c.id = s.center_id "
            "WHERE c.code = ? AND s.status = 'active' ORDER BY s.id",
            (FIRST_CENTER,),
        ).fetchall()
    if len(rows) < n:
        raise BenchError(f"{FIRST_CENTER} has only {len(rows)} active seniors, {n} wanted")
    return [Senior(int(i), str(no), str(name)) for i, no, name in random.Random(scale.seed).sample(rows, n)]


def operations(scale: Scale) -> int:
    """How many seniors each operation is repeated on."""
    return 5 if scale.name == SMALL.name else 20


# ---- the operations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Timed:
    """One operation: the app's time from the first key (``total``, the figure) and from the last key
    (``waited``: what the desk waits for once the number is typed; the rest is search as you type)."""

    total: float
    waited: float


def type_number(box: QWidget, member_no: str) -> float:
    """Type a member number key by key (the line searches at every key); the moment of the last key."""
    type_text(box, member_no[:-1])
    last_key = time.perf_counter()
    type_text(box, member_no[-1:])
    return last_key


def open_detail(desk: Desk, senior: Senior) -> Timed:
    """老人档案: the member number, Enter, until the detail view shows the senior (then Esc)."""
    page = desk.window.seniors_page
    opened: list[float] = []

    def look(dialog: QDialog) -> None:
        from ui.pages.senior_detail import SeniorDetailDialog  # the app loaded it on first use, before this

        if not isinstance(dialog, SeniorDetailDialog):
            raise BenchError(f"{type(dialog).__name__} came up instead of the detail view")
        header = dialog.header
        settle(
            lambda: dialog.isVisible() and dialog.senior_id == senior.id and header.name_label.text() == senior.name,
            f"{senior.name}'s detail view",
        )
        opened.append(time.perf_counter())
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # closes the view (nothing in it holds typing)

    watch = ModalWatch(QDialog, look)
    started = time.perf_counter()
    type_text(page.search_box, senior.member_no)  # the list waits for a pause in the typing to search
    last_key = time.perf_counter()
    press_enter(page.search_box)  # a complete member number and Enter: that senior's view
    watch.check()
    QTest.keyClick(page.search_box, Qt.Key.Key_Escape)  # back in the list: Esc clears the search for the next one
    return Timed(opened[0] - started, opened[0] - last_key)


def check_in(desk: Desk, senior: Senior) -> Timed:
    """日间照料: the member number, Enter, until the check-in is committed and on the day's board."""
    page = desk.window.daycare_page
    model = page.model

    def on_board() -> bool:
        row = model.row_of(senior.id)
        line = model.record(row) if row is not None else None
        return line is not None and line.attendance is not None

    started = time.perf_counter()
    last_key = type_number(page.finder.box, senior.member_no)  # the complete number checks in (a scan)
    press_enter(page.finder.box)  # falls on the emptied line: nothing more happens
    settle(on_board, f"{senior.name}'s check-in")
    ended = time.perf_counter()
    desk.require_one_today("attendance", senior, "check-ins", page.status_text())
    return Timed(ended - started, ended - last_key)


def serve_lunch(desk: Desk, senior: Senior) -> Timed:
    """助餐 › 供餐: the member number, Enter; a warned meal (no order today) takes Enter again, as the card asks."""
    panel = desk.window.meals_page.serving
    box = panel.finder.box

    def served() -> bool:
        last = panel.last
        return (
            last is not None
            and last.senior_id == senior.id
            and any(r.serving_id == last.id for r in panel.model.records())
        )

    started = time.perf_counter()
    last_key = type_number(box, senior.member_no)
    press_enter(box)  # after a complete number (a scan) the first Enter is the scanner's own: ignored
    for _attempt in range(3):
        if panel.pending is None:
            break
        press_enter(box)  # "press Enter again to serve the meal"
    settle(served, f"{senior.name}'s lunch")
    ended = time.perf_counter()
    desk.require_one_today("meal_servings", senior, "lunches", str(panel.card.texts()), " AND meal_type = 'lunch'")
    return Timed(ended - started, ended - last_key)


@dataclass(frozen=True)
class VisitTimes:
    """The app's parts of recording a visit; filling in the form in between is the user's time."""

    to_form: float  # first key of the search → the form open with the senior
    last_key_to_form: float
    to_shown: float  # Ctrl+Enter (保存) → committed and in the week's list

    @property
    def timed(self) -> Timed:
        return Timed(self.to_form + self.to_shown, self.last_key_to_form + self.to_shown)


def record_visit(desk: Desk, senior: Senior, staff_id: int, start: dt.time) -> VisitTimes:
    """上门服务: the member number opens the form; what the user fills in is not timed; Ctrl+Enter saves."""
    page = desk.window.visits_page
    marks: dict[str, float] = {}

    def fill(dialog: VisitDialog) -> None:
        settle(lambda: dialog.isVisible() and senior.name in dialog.windowTitle(), f"{senior.name}'s visit form")
        marks["form"] = time.perf_counter()
        # The user's part: the service, who went, when, how long, what was done.
        dialog.type_combo.setCurrentIndex(0)
        dialog.staff_combo.setCurrentIndex(dialog.staff_combo.findData(staff_id))
        type_text(dialog.start_edit, start.strftime("%H%M"))
        type_text(dialog.minutes_edit, str(VISIT_MINUTES))
        type_text(dialog.work_edit, VISIT_WORK)
        marks["save"] = time.perf_counter()
        press_enter(dialog.minutes_edit, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter saves from anywhere
        if dialog.isVisible():
            raise BenchError(f"not saved: {dialog.banner_text()}")

    def listed() -> bool:
        return any(
            s.senior_id == senior.id and s.day == BENCH_TODAY and s.visit_id is not None for s in page.model.records()
        )

    watch = ModalWatch(VisitDialog, fill)
    started = time.perf_counter()
    last_key = type_number(page.finder.box, senior.member_no)  # the complete number opens the form at once
    watch.check()
    settle(listed, f"{senior.name}'s visit")
    ended = time.perf_counter()
    desk.require_one_today("visits", senior, "done visits", "the visits page", " AND status = 'done'")
    return VisitTimes(marks["form"] - started, marks["form"] - last_key, ended - marks["save"])


# ---- the figures -------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _figure(name: str, target: Target, say: Say, measure: Callable[[], tuple[list[Timed], str]]) -> Figure:
    """Run ``measure`` (its runs and what the note adds); an operation that went wrong is a figure not measured."""
    try:
        runs, extra = measure()
    except BenchError as exc:
        say(f"  {name}: not measured: {exc}")
        return Figure(name, target, note=f"not measured: {exc}")
    # The measure: from the key that completes the search (Enter, or the number's last digit)
    # to committed and shown. The time from the first key adds the searches run while typing.
    waited = [r.waited for r in runs]
    say(f"  {name}: median {_ms(median(waited))}, p95 {_ms(percentile(waited, 95))}")
    note = (
        f"median of {len(runs)}; p95 {_ms(percentile(waited, 95))}; "
        f"from the first key {_ms(median([r.total for r in runs]))} (median); {extra}"
    )
    return Figure(name, target, median(waited), note=note)


NUMBER = "the member number typed key by key (the line searches at each key)"


def desk_figures(db: Path, scale: Scale, say: Say) -> list[Figure]:
    """The desk's four operations through the real window (``db`` is a working copy: they write)."""
    n = operations(scale)
    people = pick_seniors(db, scale, 4 * n)
    for_detail, for_check_in, for_lunch, for_visit = (people[i * n : (i + 1) * n] for i in range(4))

    def details() -> tuple[list[Timed], str]:
        desk.open_page(desk.window.seniors_page)
        runs = [open_detail(desk, s) for s in for_detail]
        return runs, (
            "the member number + Enter in 老人档案 until the view shows the senior; no target in the issue: 0.3 s guide"
        )

    def check_ins() -> tuple[list[Timed], str]:
        desk.at(9, 0)
        desk.open_page(desk.window.daycare_page)
        runs = []
        for i, s in enumerate(for_check_in):
            desk.at(9, i)
            runs.append(check_in(desk, s))
        return runs, NUMBER

    def lunches() -> tuple[list[Timed], str]:
        desk.at(11, 30)
        desk.open_page(desk.window.meals_page)
        runs = []
        for i, s in enumerate(for_lunch):
            desk.at(11, 30 + i)
            runs.append(serve_lunch(desk, s))
        return runs, f"{NUMBER}, Enter, Enter (no lunch is ordered today: the card warns and asks for Enter again)"

    def visits() -> tuple[list[Timed], str]:
        desk.at(17, 0)
        desk.open_page(desk.window.visits_page)
        carers = [
            m.id
            for m in desk.cc.staff.list()
            if m.active and m.center_id == desk.center_id and m.position is StaffPosition.CAREGIVER
        ]
        if not carers:
            raise BenchError(f"{FIRST_CENTER} has no active caregiver to record visits for")
        runs = []
        for i, s in enumerate(for_visit):
            start = dt.time(8 + i // 3, (i % 3) * 20)  # one after the other, all over before 17:00
            runs.append(record_visit(desk, s, carers[i % len(carers)], start))
        return [r.timed for r in runs], (
            f"the app's parts only: {NUMBER} → the form open (median {_ms(median([r.to_form for r in runs]))}) "
            f"+ Ctrl+Enter → in the week's list (median {_ms(median([r.to_shown for r in runs]))}); "
            "filling in the form is the user's time"
        )

    with tempfile.TemporaryDirectory(prefix="carecenter-desk-") as folder:
        desk = Desk(db, Path(folder) / "settings.json")
        try:
            backup = desk.show()
            say(f"  desk window open (the day's first backup took {backup:.1f} s, before the operations)")
            return [
                _figure("open a senior's detail page", Target(seconds=0.3), say, details),
                _figure("check-in (search → committed and shown)", Target(seconds=0.1), say, check_ins),
                _figure("serve a meal (search → committed and shown)", Target(seconds=0.1), say, lunches),
                _figure("record a visit (search → committed and shown)", Target(seconds=0.1), say, visits),
            ]
        finally:
            desk.close()


def memory_figure(db: Path, say: Say) -> Figure:
    """Peak memory of the director's window with every senior of the district listed and scrolled end to end.

    Runs :mod:`ui.bench.memory_probe` in a fresh process (its peak RSS is the window's alone);
    ``db`` should be a working copy: the window makes the day's backup next to it.
    """
    name, target = "peak memory, all seniors listed and scrolled", Target(mb=400)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parents[2]  # where ``ui`` is importable from
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ui.bench.memory_probe", "--db", str(db)],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Figure(name, target, note=f"the probe did not finish within {PROBE_TIMEOUT_S:g} s")
    lines = [line for line in done.stdout.splitlines() if line.strip().startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return Figure(name, target, note=f"the probe failed (exit {done.returncode}): {tail}")
    found = json.loads(lines[-1])
    peak, rows, seconds = float(found["peak_mb"]), int(found["rows"]), float(found["seconds"])
    before = float(found["before_mb"])
    say(f"  memory: {peak:.0f} MB peak, {rows:,} rows listed, scrolled end to end in {seconds:.1f} s")
    return Figure(name, target, app_mb=peak, note=f"{rows:,} rows; {before:.0f} MB before scrolling")
