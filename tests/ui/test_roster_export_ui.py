"""导出花名册 from the seniors page: the file has the canonical columns, 退出/去世 only when asked, Stop writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.domain import idnumber
from carecenter.domain.vocab import Status
from carecenter.facade import CareCenter
from carecenter.roster.columns import CANONICAL
from carecenter.seniors.dto import SeniorInput
from tests.conftest import TODAY
from tests.ui.conftest import on_modal
from ui.dialogs.roster_export import ExportDialog
from ui.pages.seniors_page import SeniorsPage
from ui.workers import Task

NAMES = ["张桂兰", "王秀英", "李建国"]


@pytest.fixture
def seniors(center: CareCenter, admin: Actor) -> list[int]:
    """Three seniors; the last one has withdrawn."""
    ids = []
    for i, name in enumerate(NAMES):
        number = idnumber.make("410105", dt.date(1940, 2, 1) + dt.timedelta(days=40 * i), 20 + i)
        ids.append(center.seniors.create(SeniorInput(name=name, id_number=number), admin).id)
    center.seniors.change_status(ids[-1], Status.WITHDRAWN, TODAY, "搬走", admin)
    return ids


@pytest.fixture
def sync(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ExportDialog, "synchronous", True)


@pytest.fixture
def page(qtbot: QtBot, center: CareCenter, social_worker: Actor, seniors: list[int]) -> Iterator[SeniorsPage]:
    widget = SeniorsPage(center, social_worker, center_id=center.centers.list()[0].id)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.close()


def sheet_rows(path: Path) -> list[list[str]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [["" if v is None else str(v) for v in row] for row in book.active.iter_rows(values_only=True)]
    finally:
        book.close()


def export_from_page(
    qtbot: QtBot, page: SeniorsPage, target: Path, prepare: Callable[[ExportDialog], None] | None = None
) -> list[str]:
    """Click 导出花名册…, save to ``target``; returns what the dialog said afterwards."""
    said: list[str] = []

    def run(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.path_edit.setText(str(target))
        if prepare is not None:
            prepare(dialog)
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        said.append(dialog.result_label.text())

    seen = on_modal(run)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    return said


def test_export_writes_the_canonical_header_and_the_current_seniors(
    qtbot: QtBot, page: SeniorsPage, tmp_path: Path, sync: None
) -> None:
    target = tmp_path / "花名册.xlsx"
    said = export_from_page(qtbot, page, target)
    assert said == [f"已导出 2 位老人，文件保存在：\n{target}"]
    rows = sheet_rows(target)
    canonical = [c.header for c in CANONICAL]
    header_at = next(i for i, row in enumerate(rows) if row[: len(canonical)] == canonical)
    names = sorted(row[1] for row in rows[header_at + 1 :] if any(row))
    assert names == ["张桂兰", "王秀英"]  # 退出 left out by default


def test_withdrawn_and_deceased_only_when_ticked(qtbot: QtBot, page: SeniorsPage, tmp_path: Path, sync: None) -> None:
    target = tmp_path / "全部.xlsx"

    def tick(dialog: ExportDialog) -> None:
        assert not dialog.include_all.isChecked()
        dialog.include_all.setFocus()
        qtbot.keyClick(dialog.include_all, Qt.Key.Key_Space)

    said = export_from_page(qtbot, page, target, tick)
    assert said[0].startswith("已导出 3 位老人")
    assert "李建国" in {cell for row in sheet_rows(target) for cell in row}

    page.show_all.setChecked(True)  # the list shows everyone: the box starts ticked
    seen_ticked: list[bool] = []
    export_from_page(qtbot, page, tmp_path / "again.xlsx", lambda d: seen_ticked.append(d.include_all.isChecked()))
    assert seen_ticked == [True]


def test_the_default_name_says_which_center_and_when(
    qtbot: QtBot, center: CareCenter, social_worker: Actor, seniors: list[int], tmp_path: Path
) -> None:
    dialog = ExportDialog(center, social_worker, center.centers.list()[0].id, synchronous=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert Path(dialog.path_edit.text()).name == "花名册-文化路日间照料中心-2026-11-22.xlsx"

    chosen = tmp_path / "给民政"
    asked: list[Path] = []

    def ask(suggested: Path) -> Path:
        asked.append(suggested)
        return chosen

    dialog.ask_target = ask  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert asked[0].name == "花名册-文化路日间照料中心-2026-11-22.xlsx"
    assert dialog.path_edit.text() == str(chosen.with_suffix(".xlsx"))  # the extension is added
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # Enter exports (once)
    assert (tmp_path / "给民政.xlsx").is_file()
    assert dialog.isVisible() and dialog.open_folder_button.isVisible()
    opened: list[Path] = []
    dialog.open_folder = opened.append  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [tmp_path]
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # now Enter closes
    assert not dialog.isVisible()


def test_stop_writes_no_file(
    qtbot: QtBot, center: CareCenter, social_worker: Actor, seniors: list[int], tmp_path: Path
) -> None:
    dialog = ExportDialog(center, social_worker, None, synchronous=True)
    qtbot.addWidget(dialog)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "停.xlsx"
    dialog.path_edit.setText(str(target))

    def stop_at_once(task: Task) -> None:
        task.progressed.connect(lambda _d, _t: task.cancel())

    dialog.task_started.connect(stop_at_once)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result_label.text() == "导出已停止，未写入任何文件。"
    assert list(folder.iterdir()) == []  # neither the roster nor a half-written temporary file
    assert dialog.export_button.isEnabled()  # try again at once


def test_a_missing_folder_is_said_before_anything_runs(
    qtbot: QtBot, center: CareCenter, social_worker: Actor, tmp_path: Path
) -> None:
    dialog = ExportDialog(center, social_worker, None, synchronous=True)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "没有" / "x.xlsx"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result_label.text() == f"文件夹 {tmp_path / '没有'} 不存在。"
    assert dialog.task is None
