"""Language and look of the Qt side: Qt's own translations, the locale, a big readable font.

CareCenter's own strings go through ``carecenter.i18n`` (one mechanism for the
UI and printed reports). Qt's built-in texts — the buttons of message boxes, the
file picker, the context menu of a text box — come from Qt's ``.qm`` files,
installed here so they appear in Chinese as well.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

from carecenter import i18n

# Families tried in order: Windows, then what Linux packages install, then macOS.
CJK_FAMILIES = (
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "PingFang SC",
    "SimHei",
)
# Staff at the front desk are often around 60: text must read without glasses.
BASE_POINT_SIZE = 14

_QT_CATALOGS = ("qtbase", "qt")
_installed: list[QTranslator] = []


def locale_for(language: str) -> QLocale:
    if language == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def apply_language(language: str) -> None:
    """Switch CareCenter's texts and Qt's own texts to ``language`` (zh_CN or en).

    Safe to call again (e.g. on a restart inside the same process): translators
    installed by an earlier call are removed first.
    """
    i18n.set_language(language)
    language = i18n.current_language()
    QLocale.setDefault(locale_for(language))
    app = QCoreApplication.instance()
    if app is None:
        return
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    if language == "en":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalog in _QT_CATALOGS:
        translator = QTranslator(app)
        if translator.load(f"{catalog}_{language}", folder):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
            break  # qtbase holds everything the widgets use; qt_ is the older umbrella file


def installed_catalogs() -> list[str]:
    """The Qt catalog files currently active (for the settings page and tests)."""
    return [t.filePath() for t in _installed]


def pick_family(available: list[str] | None = None) -> str | None:
    """The first preferred CJK family present on this PC, if any."""
    families = set(available if available is not None else QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in families), None)


def apply_font(app: QApplication, point_size: int = BASE_POINT_SIZE) -> QFont:
    """A large default font with a CJK family first, so Chinese never shows as boxes.

    Tick boxes and radio buttons grow with it: Qt draws them at a fixed 13 px,
    which is hard to see and to hit next to 14 pt text.
    """
    font = QFont(app.font())
    family = pick_family()
    if family is not None:
        font.setFamilies([family, *[f for f in CJK_FAMILIES if f != family]])
    font.setPointSize(point_size)
    app.setFont(font)
    box = max(18, QFontMetrics(font).height() - 4)
    app.setStyleSheet(
        f"QCheckBox::indicator, QRadioButton::indicator {{ width: {box}px; height: {box}px; }}"
        " QPushButton { padding: 4px 14px; }"
    )
    return font
