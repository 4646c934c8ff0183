"""The scan of a signed paper form: which file was chosen, and a way to clear it.

Staff pick whatever the scanner or phone produced. The file is read once, when chosen,
and checked right away with the core's own rules (PDF, JPEG or PNG, at most 5 MB), so
the person at the desk hears about a wrong file at once rather than at 登记. The core
checks again when the consent is saved.

Choosing is asked of the owner (``choose_requested``), which shows the file dialog: the
dialog owns that question so tests can answer it without a real file dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from carecenter.consent import MAX_SCAN_BYTES, scan_mime
from carecenter.i18n import _
from ui.widgets.field_row import MUTED_COLOR

# What the file dialog offers (the core accepts exactly these types).
SCAN_FILTER_PATTERNS = "*.pdf *.jpg *.jpeg *.png"


class ScanPicker(QWidget):
    """The chosen file's name, 选择文件… and 清除; ``data()`` is what will be saved (None: no scan)."""

    choose_requested = Signal()
    changed = Signal()
    failed = Signal(str)  # why a chosen file was not taken (translated)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: bytes | None = None
        self._name = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name_label = QLabel(self)
        self.name_label.setWordWrap(True)
        layout.addWidget(self.name_label, 1)
        self.choose_button = QPushButton(_("Choose file…"), self)
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_requested)
        layout.addWidget(self.choose_button)
        self.clear_button = QPushButton(_("Clear"), self)
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.choose_button)
        self._show()

    def data(self) -> bytes | None:
        return self._data

    def file_name(self) -> str:
        """The chosen file's name ('' when none)."""
        return self._name

    def take_file(self, path: Path) -> bool:
        """Read ``path`` as the scan; a file the core would refuse is not taken and ``failed`` says why."""
        try:
            size = path.stat().st_size
            if size > MAX_SCAN_BYTES:
                self.failed.emit(_("at most 5 MB (this file is {n:.1f} MB)").format(n=size / 2**20))
                return False
            data = path.read_bytes()
        except OSError as exc:
            self.failed.emit(_("cannot read {name}: {error}").format(name=path.name, error=exc.strerror or exc))
            return False
        if scan_mime(data) is None:
            self.failed.emit(_("must be a PDF, JPEG or PNG file"))
            return False
        self._data, self._name = data, path.name
        self._show()
        self.changed.emit()
        return True

    def clear(self) -> None:
        """No scan: the paper form alone is kept."""
        had = self._data is not None
        self._data, self._name = None, ""
        self._show()
        if had:
            self.changed.emit()
        self.choose_button.setFocus()

    def _show(self) -> None:
        if self._data is None:
            self.name_label.setText(_("No file chosen (optional)"))
            self.name_label.setStyleSheet(f"color: {MUTED_COLOR}; font-weight: normal;")
        else:
            self.name_label.setText(self._name)
            self.name_label.setStyleSheet("font-weight: normal;")
        self.clear_button.setEnabled(self._data is not None)
