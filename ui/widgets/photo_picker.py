"""A senior's photo: a thumbnail, "choose a file…" and "remove".

Staff pick whatever the phone or scanner produced. A JPEG or PNG within the core's
size limit is kept byte for byte; anything bigger, or another format Qt can read, is
shrunk and re-encoded as JPEG so the save is not refused for a reason the user
cannot fix at the desk. A file that is not a picture leaves the current photo alone.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QStandardPaths, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QImageWriter, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from carecenter.i18n import _
from carecenter.seniors.validate import MAX_PHOTO_BYTES, photo_mime
from ui.widgets.field_row import MUTED_COLOR

THUMB_W, THUMB_H = 96, 120
MAX_SIDE = 800  # pixels: plenty for a member card and a care summary
MAX_FILE_BYTES = 40 * 1024 * 1024  # refuse to even read files bigger than any photo


class PhotoError(ValueError):
    """Why a chosen file cannot be used as a photo (translated)."""


def decode(data: bytes) -> QImage:
    """The picture in ``data``, turned upright as the camera meant it (EXIF orientation)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    return reader.read()


def prepare(data: bytes) -> tuple[bytes, bool]:
    """Bytes the core will accept, and whether they had to be shrunk or converted."""
    if photo_mime(data) is not None and len(data) <= MAX_PHOTO_BYTES:
        return data, False
    image = decode(data)
    if image.isNull():
        raise PhotoError(_("this file is not a picture; please choose a JPEG or PNG photo"))
    if max(image.width(), image.height()) > MAX_SIDE:
        image = image.scaled(
            MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    if image.hasAlphaChannel():
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    out = QBuffer()
    out.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(out, QByteArray(b"jpg"))  # (QImage.save's format argument misbehaves in 6.12)
    writer.setQuality(85)
    if not writer.write(image):
        raise PhotoError(_("this picture cannot be converted; please choose a JPEG or PNG photo"))
    return bytes(out.data().data()), True


class PhotoPicker(QWidget):
    """Thumbnail and buttons; ``photo()`` is what will be saved (None = no photo)."""

    changed = Signal()
    failed = Signal(str)  # the reason a chosen file was not taken
    noted = Signal(str)  # a remark for the user (e.g. the picture was made smaller)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: bytes | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.thumbnail = QLabel(self)
        self.thumbnail.setFixedSize(THUMB_W, THUMB_H)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setStyleSheet(f"border: 1px solid #999; color: {MUTED_COLOR}; background: #fafafa;")
        layout.addWidget(self.thumbnail)

        buttons = QVBoxLayout()
        self.choose_button = QPushButton(_("Choose photo…"), self)
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        buttons.addWidget(self.choose_button)
        self.remove_button = QPushButton(_("Remove photo"), self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setFocusProxy(self.choose_button)
        self._show()

    def photo(self) -> bytes | None:
        return self._data

    def set_photo(self, data: bytes | None) -> None:
        self._data = data
        self._show()

    def choose_file(self) -> None:
        """Ask for a file; a usable picture replaces the photo, anything else explains why not."""
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a photo"),
            start,
            _("Pictures (*.jpg *.jpeg *.png *.bmp *.gif *.webp);;All files (*)"),
        )
        if path:
            self.take_file(Path(path))

    def take_file(self, path: Path) -> None:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise PhotoError(_("this file is far too large for a photo"))
            data, converted = prepare(path.read_bytes())
        except OSError as exc:
            self.failed.emit(_("cannot read {name}: {error}").format(name=path.name, error=exc.strerror or exc))
            return
        except PhotoError as exc:
            self.failed.emit(str(exc))
            return
        self.set_photo(data)
        self.noted.emit(_("The picture was made smaller so it can be saved.") if converted else "")
        self.changed.emit()

    def remove(self) -> None:
        self.set_photo(None)
        self.noted.emit("")
        self.changed.emit()
        self.choose_button.setFocus()

    def _show(self) -> None:
        image = decode(self._data) if self._data else QImage()
        if image.isNull():
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(_("No photo") if not self._data else _("Cannot show"))
        else:
            self.thumbnail.setPixmap(
                QPixmap.fromImage(image).scaled(
                    THUMB_W - 4,
                    THUMB_H - 4,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.remove_button.setEnabled(self._data is not None)
        self.thumbnail.setAccessibleName(_("Photo") if self._data else _("No photo"))

    def has_picture_shown(self) -> bool:
        """True when the thumbnail shows an image (not the "no photo" text)."""
        pixmap = self.thumbnail.pixmap()
        return not pixmap.isNull()
