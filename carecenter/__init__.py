"""CareCenter core: seniors, care, services and reports, without any Qt.

Everything a user can do is a call on :class:`carecenter.facade.CareCenter`;
the desktop UI in ``ui/`` and the command line both sit on top of it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("carecenter")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0"
