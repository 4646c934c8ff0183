"""The roster export: every canonical column in the layout the import reads best.

An exported roster can be edited in Excel and imported back without losing a
column: the headers are the canonical Chinese names (:data:`carecenter.roster.columns.CANONICAL`),
ID numbers, member numbers and phones are text cells (so Excel never turns
``410105194503020421`` into ``4.10105E+17``), dates are real date cells, and
lists use fixed separators ("、" between names, ";" between phones and contacts).

The file is a 民政 document: its headers and title are Chinese whatever the UI
language. It carries full ID numbers, so only roles allowed to import and export
rosters may write it, and each export is recorded in the audit trail.

Threading: :func:`export_seniors` may run on a worker thread; it opens its own
sessions and calls ``progress``/``cancelled`` on that thread. openpyxl is loaded
only when a file is written, so opening the app never pays for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.db import audit_hook
from carecenter.db.models import Center, EmergencyContact, Senior, SeniorCategory, SeniorDietFlag, SeniorPhone
from carecenter.db.sessions import Sessions
from carecenter.domain.vocab import CURRENT_STATUSES, DietFlag, Status
from carecenter.errors import NotFoundError
from carecenter.i18n import N_, _, zh
from carecenter.permissions import Permission, require
from carecenter.progress import Cancelled, Progress, WorkCancelled
from carecenter.roster.columns import CANONICAL
from carecenter.roster.model import ExportResult, RosterFileError

Cell = str | dt.date | None

NAME_SEP = "、"  # between categories and diet entries
ITEM_SEP = ";"  # between phones, contacts and their phones

# Columns written as text cells: Excel must keep their digits exactly as they are.
TEXT_COLUMNS = frozenset({"member_no", "id_number", "phones", "contact_phone"})
DATE_COLUMNS = frozenset({"birth_date", "status_date", "registered_on"})
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60  # characters; longer cells are cut off on screen rather than making the sheet unreadable
CANCEL_EVERY = 200  # rows between two looks at ``cancelled()``

# The file's own texts: Chinese whatever the UI language, like the headers below them.
_TITLE = N_("{center} senior roster, exported {date}")
_SHEET = N_("Senior roster")
_ALL_CENTERS = N_("All centers")


@dataclass(frozen=True)
class _Scope:
    """What is exported: one center or all, current seniors or everyone."""

    center_id: int | None
    center_code: str
    center_name: str  # "" for several centers
    statuses: tuple[Status, ...] | None


def export_seniors(
    sessions: Sessions,
    clock: Clock,
    path: Path,
    actor: Actor,
    *,
    center_id: int | None = None,
    include_all: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportResult:
    """Write the canonical roster of current seniors (``include_all``: every status) to ``path``, by member number.

    The workbook is written to a temporary file beside ``path`` and renamed over it,
    so a failure or a cancel (:class:`WorkCancelled`) leaves no file and no record;
    a file that was written is always on the audit trail. Raises RosterFileError
    when ``path`` cannot be written, NotFoundError for an unknown ``center_id``.
    """
    require(actor, Permission.IMPORT_EXPORT_ALL)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise RosterFileError(
            _("{file}: the roster is an Excel workbook; please choose a name ending in .xlsx").format(file=path)
        )
    today = clock.today()
    statuses = None if include_all else CURRENT_STATUSES
    with sessions() as session:
        scope = _scope(session, center_id, statuses)
        seniors = _rows(session, scope, today)
    _stop_if(cancelled)
    rows = [cells for _id, cells in seniors]
    center_text = scope.center_name or zh(_ALL_CENTERS)
    title = zh(_TITLE).format(center=center_text, date=today.isoformat())
    tmp = _write_temp(path, title, rows, progress, cancelled)
    try:
        _stop_if(cancelled)
        _publish(sessions, actor, tmp, path, _disclosure(path, [i for i, _c in seniors], scope, include_all))
    finally:
        tmp.unlink(missing_ok=True)
    if progress is not None:
        progress(len(rows), len(rows))
    return ExportResult(
        file=path,
        seniors=len(rows),
        center_name=scope.center_name or _(_ALL_CENTERS),
        columns=tuple(c.header for c in CANONICAL),
    )


# ---- reading ---------------------------------------------------------------------------------


def _scope(session: Session, center_id: int | None, statuses: tuple[Status, ...] | None) -> _Scope:
    if center_id is not None:
        center = session.get(Center, center_id)
        if center is None:
            raise NotFoundError(_("No center with id {id}.").format(id=center_id))
        return _Scope(center.id, center.code, center.name, statuses)
    centers = session.execute(select(Center.code, Center.name).limit(2)).all()
    if len(centers) == 1:  # the usual single-center database: its name is the roster's
        return _Scope(None, "", centers[0].name, statuses)
    return _Scope(None, "", "", statuses)


def _ids(scope: _Scope) -> Select[int]:
    """The exported seniors' ids, as a subquery the detail queries filter on (no id lists as parameters)."""
    stmt = select(Senior.id)
    if scope.center_id is not None:
        stmt = stmt.where(Senior.center_id == scope.center_id)
    if scope.statuses is not None:
        stmt = stmt.where(Senior.status.in_(scope.statuses))
    return stmt


def _rows(session: Session, scope: _Scope, today: dt.date) -> list[tuple[int, list[Cell]]]:
    """Every exported senior's id and cells, in canonical order: five queries whatever the number of seniors."""
    ids = _ids(scope)

    def by_senior(*columns: Any, order: Any, where: Any = True) -> dict[int, list[Any]]:
        owner = columns[0]  # the senior_id column; the second is the value
        stmt = select(*columns).where(owner.in_(ids)).where(where).order_by(owner, order)
        return _grouped(session.execute(stmt))

    phones = by_senior(SeniorPhone.senior_id, SeniorPhone.number, order=SeniorPhone.position)
    categories = by_senior(
        SeniorCategory.senior_id, SeniorCategory.category, order=SeniorCategory.id, where=_valid_on(today)
    )
    diets = by_senior(SeniorDietFlag.senior_id, SeniorDietFlag.flag, order=SeniorDietFlag.flag)
    contacts = by_senior(EmergencyContact.senior_id, EmergencyContact, order=EmergencyContact.position)
    seniors = session.execute(select(Senior.__table__).where(Senior.id.in_(ids)).order_by(Senior.member_no))
    return [
        (s.id, _cells(s, phones.get(s.id, []), categories.get(s.id, []), diets.get(s.id, []), contacts.get(s.id, [])))
        for s in seniors
    ]


def _valid_on(day: dt.date) -> Any:
    """SQL for :meth:`CategoryPeriod.valid_on`: the categories held on ``day`` (either end may be open)."""
    start, end = SeniorCategory.valid_from, SeniorCategory.valid_to
    return (start.is_(None) | (start <= day)) & (end.is_(None) | (end >= day))


def _grouped(rows: Iterable[Any]) -> dict[int, list[Any]]:
    """(senior_id, value) rows as senior_id → values, keeping the query's order."""
    grouped: dict[int, list[Any]] = defaultdict(list)
    for senior_id, value in rows:
        grouped[senior_id].append(value)
    return grouped


# ---- the cells -------------------------------------------------------------------------------


def _cells(
    s: Any,
    phones: Sequence[str],
    categories: Sequence[Any],
    diets: Sequence[DietFlag],
    contacts: Sequence[EmergencyContact],
) -> list[Cell]:
    """One senior's row (``s``: a row of the seniors table), in the order of CANONICAL; empty values are None."""
    values: dict[str, Cell] = {
        "member_no": s.member_no,
        "name": s.name,
        "id_number": s.id_number,
        "gender": s.gender.zh,
        "birth_date": s.birth_date,
        "phones": ITEM_SEP.join(phones),
        "address": s.address,
        "community": s.community,
        "residence": s.residence.zh,
        "categories": NAME_SEP.join(c.zh for c in categories),
        "care_level": s.care_level.zh if s.care_level is not None else None,
        "lunar_birthday": "是" if s.lunar_birthday else "否",
        "lunar_birth": lunar_text(s.lunar_birth_month, s.lunar_birth_day, s.lunar_birth_leap),
        "diet": diet_text(diets, s.diet_notes),
        "contact_name": ITEM_SEP.join(contact_text(c.name, c.relation) for c in contacts),
        "contact_phone": ITEM_SEP.join(c.phone for c in contacts),  # a contact always has a phone
        "status": s.status.zh,
        "status_date": s.status_since,
        "registered_on": s.registered_on,
        "notes": s.notes,
    }
    return [values[c.key] or None for c in CANONICAL]


def lunar_text(month: int, day: int, leap: bool) -> str:
    """农历生日日期 as the roster writes it: "09-19", or "闰04-15" in a leap month."""
    return f"{'闰' if leap else ''}{month:02d}-{day:02d}"


def diet_text(flags: Iterable[DietFlag], notes: str) -> str:
    """饮食禁忌: the flags' Chinese names in DietFlag order, then the free-text notes, joined by "、"."""
    held = set(flags)
    parts = [f.zh for f in DietFlag if f in held]
    if notes:
        parts.append(notes)
    return NAME_SEP.join(parts)


def contact_text(name: str, relation: str) -> str:
    """紧急联系人 entry: "李强", or "李强（儿子）" with full-width brackets when the relation is known."""
    return f"{name}（{relation}）" if relation else name


# ---- writing ---------------------------------------------------------------------------------


def _stop_if(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise WorkCancelled(_("The export was stopped; no file was written."))


def _write_temp(
    path: Path, title: str, rows: list[list[Cell]], progress: Progress | None, cancelled: Cancelled | None
) -> Path:
    """The workbook, saved to a new temporary file beside ``path`` (removed again on any failure)."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        _write_book(tmp, title, rows, progress, cancelled)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _unwritable(path, exc) from exc
        raise
    return tmp


def _write_book(
    target: Path, title: str, rows: list[list[Cell]], progress: Progress | None, cancelled: Cancelled | None
) -> None:
    """Stream the rows into a write-only workbook: each row is serialized as it is appended.

    Streaming makes progress and cancelling follow the real work (saving a normal
    workbook is one long uninterruptible step) and keeps memory flat. Column widths
    and formats must be set before the first row, hence the widths pass first.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(zh(_SHEET))
    for index, (column, chars) in enumerate(zip(CANONICAL, _widths(rows), strict=True), 1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = chars
        if column.key in TEXT_COLUMNS:  # rows typed in below the export are text cells too
            dimension.number_format = "@"
    last = get_column_letter(len(CANONICAL))
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{last}{len(rows) + 2}"
    sheet.print_title_rows = "1:2"
    sheet.page_setup.orientation = "landscape"
    sheet.merged_cells.add(f"A1:{last}1")  # a write-only sheet has no merge_cells(); this is what it saves
    heading = WriteOnlyCell(sheet, title)
    heading.font = Font(bold=True, size=14)
    sheet.append([heading])
    sheet.append([_styled(WriteOnlyCell(sheet, c.header), font=Font(bold=True)) for c in CANONICAL])
    # One styled cell per formatted column, refilled for every row: a row is written out as it is appended.
    templates = {
        i: _styled(WriteOnlyCell(sheet), number_format="@" if c.key in TEXT_COLUMNS else DATE_FORMAT)
        for i, c in enumerate(CANONICAL)
        if c.key in TEXT_COLUMNS | DATE_COLUMNS
    }
    wrap = Alignment(wrap_text=True, vertical="top")
    total = len(rows)
    try:
        for done, cells in enumerate(rows, 1):
            out: list[Any] = list(cells)
            for index, template in templates.items():
                if out[index] is not None:
                    template.value = out[index]
                    out[index] = template
            for index, value in enumerate(cells):
                if isinstance(value, str) and "\n" in value and index not in templates:
                    out[index] = _styled(WriteOnlyCell(sheet, value), alignment=wrap)
            sheet.append(out)
            if done % CANCEL_EVERY == 0:
                _stop_if(cancelled)
            if progress is not None and done < total:  # the last step is reported once the file is in place
                progress(done, total)
        book.save(target)
    except BaseException:
        _discard(book)
        raise


def _styled(cell: Any, **style: Any) -> Any:
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


def _discard(book: Any) -> None:
    """Finish an abandoned write-only workbook in memory: openpyxl then deletes the rows it streamed to a temp file."""
    with contextlib.suppress(Exception):
        book.save(io.BytesIO())


def _widths(rows: list[list[Cell]]) -> list[int]:
    """Each column's width in characters: the canonical width, wider for the header or long content."""
    widths = [max(c.width, _text_width(c.header) + 2) for c in CANONICAL]
    for cells in rows:
        for index, value in enumerate(cells):
            # ``len * 2`` bounds the display width: most cells are settled without measuring them.
            if isinstance(value, str) and len(value) * 2 + 2 > widths[index]:
                widths[index] = max(widths[index], min(_text_width(value) + 2, MAX_WIDTH))
    return widths


def _text_width(text: str) -> int:
    """How many character widths ``text`` takes in Excel: CJK characters count two; the longest line counts."""
    return max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in text.split("\n"))


def _unwritable(path: Path, exc: OSError) -> RosterFileError:
    """The refusal in words a user can act on; the operating system's own text only for rare cases."""
    if isinstance(exc, FileNotFoundError):
        reason = _("the folder does not exist")
    elif isinstance(exc, PermissionError):
        reason = _("no permission to write there, or the file is open in another program such as Excel")
    elif isinstance(exc, IsADirectoryError):
        reason = _("a folder already has that name")
    else:
        reason = exc.strerror or str(exc)
    return RosterFileError(_("Cannot write {file}: {reason}").format(file=path, reason=reason))


def _publish(sessions: Sessions, actor: Actor, tmp: Path, path: Path, what: tuple[str, int | None]) -> None:
    """Record the disclosure and move the file into place: both happen, or neither stays."""
    text, senior_id = what
    with sessions(actor) as session:
        if text:
            audit_hook.record_event(session, "export", "seniors", senior_id, senior_id=senior_id, after=text)
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise _unwritable(path, exc) from exc
        try:
            session.commit()
        except BaseException:
            path.unlink(missing_ok=True)  # a roster with full IDs never stays off the record
            raise


def _disclosure(path: Path, ids: Sequence[int], scope: _Scope, include_all: bool) -> tuple[str, int | None]:
    """The audit line's text (empty when no senior was written) and the senior it is about, if only one."""
    if not ids:
        return "", None
    parts = [f"{path.name}: {len(ids)} rows"]
    if scope.center_code:
        parts.append(f"center {scope.center_code}")
    if include_all:
        parts.append("all statuses")
    return "; ".join(parts), ids[0] if len(ids) == 1 else None
