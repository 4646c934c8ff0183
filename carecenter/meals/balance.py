"""The prepaid meal balance (预存餐费): top-ups with receipt numbers, meals paid from it, and its ledger.

The balance is the sum of a senior's live :class:`MealBalanceEntry` lines: top-ups are
positive, meals paid from the balance negative (written by :mod:`.serving` in the
serving's own transaction). It never goes below zero without an explicit override: a
meal let through is marked ``overdrawn``; voiding a top-up that would leave the balance
negative needs the override too. Mistakes are voided, never deleted.
The functions here run inside the caller's session.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import Clock, stamp
from carecenter.db.desk_models import MealBalanceEntry, MealServing
from carecenter.desk.voiding import void
from carecenter.domain.desk_vocab import BalanceEntryKind, Payment
from carecenter.domain.months import shift
from carecenter.domain.text import normalize_line, text_reason, to_halfwidth
from carecenter.errors import FieldError, NotFoundError, ValidationError
from carecenter.i18n import _
from carecenter.meals.dto import TOP_UP_PAYMENTS, BalanceInfo, LedgerLine, TopUpInput, field_error, refusal
from carecenter.seniors.records import load as load_senior
from carecenter.subsidies.money import yuan
from carecenter.subsidies.policy import MealType

RECEIPT_LENGTH = 32
MAX_TOP_UP_FEN = 10_000_00  # 10,000 元: more is a typing slip (an extra zero), not a top-up


def balance_of(session: Session, senior_id: int) -> int:
    return int(
        session.scalar(
            select(func.coalesce(func.sum(MealBalanceEntry.amount_fen), 0)).where(
                MealBalanceEntry.senior_id == senior_id, MealBalanceEntry.voided.is_(False)
            )
        )
        or 0
    )


def balances_of(session: Session, senior_ids: Collection[int]) -> dict[int, int]:
    """Every id with its balance (0 without lines), in one query."""
    ids = list(senior_ids)
    found: dict[int, int] = dict.fromkeys(ids, 0)
    if not ids:
        return found
    stmt = (
        select(MealBalanceEntry.senior_id, func.sum(MealBalanceEntry.amount_fen))
        .where(MealBalanceEntry.senior_id.in_(ids), MealBalanceEntry.voided.is_(False))
        .group_by(MealBalanceEntry.senior_id)
    )
    for senior_id, total in session.execute(stmt):
        found[senior_id] = int(total or 0)
    return found


def balance_before(session: Session, senior_id: int, moment: dt.datetime) -> int:
    """The balance of the live lines written before ``moment`` (naive center time)."""
    return int(
        session.scalar(
            select(func.coalesce(func.sum(MealBalanceEntry.amount_fen), 0)).where(
                MealBalanceEntry.senior_id == senior_id,
                MealBalanceEntry.voided.is_(False),
                MealBalanceEntry.created_at < moment,
            )
        )
        or 0
    )


def normalize_receipt(raw: str) -> str:
    """Half-width, no spaces, upper case: "no. 00１２ 3" → "NO.00123"."""
    return re.sub(r"\s+", "", to_halfwidth(raw)).upper()


def _check_top_up(session: Session, data: TopUpInput) -> tuple[str, str]:
    """The (receipt no., note) to store, or ValidationError naming every refused field."""
    errors: list[FieldError] = []
    if isinstance(data.amount_fen, bool) or not isinstance(data.amount_fen, int) or data.amount_fen <= 0:
        errors.append(field_error("amount_fen", _("must be more than zero")))
    elif data.amount_fen > MAX_TOP_UP_FEN:
        errors.append(field_error("amount_fen", _("at most {max} 元 at a time").format(max=yuan(MAX_TOP_UP_FEN))))
    receipt = normalize_receipt(data.receipt_no)
    if not receipt:
        errors.append(field_error("receipt_no", _("is required (the number on the paper receipt)")))
    elif len(receipt) > RECEIPT_LENGTH:
        errors.append(
            field_error("receipt_no", _("at most {n} characters (now {m})").format(n=RECEIPT_LENGTH, m=len(receipt)))
        )
    elif bad := text_reason(receipt, "reason"):
        errors.append(field_error("receipt_no", bad))
    else:
        used = session.scalar(
            select(MealBalanceEntry).where(
                MealBalanceEntry.receipt_no == receipt,
                MealBalanceEntry.kind == BalanceEntryKind.TOP_UP,
                MealBalanceEntry.voided.is_(False),
            )
        )
        if used is not None:
            errors.append(
                field_error(
                    "receipt_no",
                    _("receipt {no} was already entered on {day} ({amount} 元)").format(
                        no=receipt, day=used.created_at.date().isoformat(), amount=yuan(used.amount_fen)
                    ),
                )
            )
    if data.payment not in TOP_UP_PAYMENTS:
        errors.append(field_error("payment", _("a top-up is paid in cash, by WeChat Pay or by Alipay")))
    note = normalize_line(data.note)
    if bad := text_reason(note, "reason"):
        errors.append(field_error("note", bad))
    if errors:
        raise ValidationError(errors)
    return receipt, note


def top_up(session: Session, clock: Clock, actor: Actor, data: TopUpInput) -> BalanceInfo:
    """Write a top-up after every check; nothing is written when refused."""
    load_senior(session, data.senior_id)
    receipt, note = _check_top_up(session, data)
    now = stamp(clock)
    entry = MealBalanceEntry(
        senior_id=data.senior_id,
        kind=BalanceEntryKind.TOP_UP,
        amount_fen=data.amount_fen,
        receipt_no=receipt,
        payment=data.payment,
        note=note,
        created_at=now,
        created_by=actor.username,
        updated_at=now,
        updated_by=actor.username,
    )
    session.add(entry)
    session.commit()
    return info(entry, balance_of(session, data.senior_id))


def load_entry(session: Session, entry_id: int) -> MealBalanceEntry:
    entry = session.get(MealBalanceEntry, entry_id)
    if entry is None:
        raise NotFoundError(_("No balance entry with id {id}.").format(id=entry_id))
    return entry


def void_top_up(
    session: Session, clock: Clock, actor: Actor, entry_id: int, reason: str, override: bool
) -> BalanceInfo:
    """Void a top-up; refused when the balance would fall below zero (unless ``override``)."""
    entry = load_entry(session, entry_id)
    if entry.kind is not BalanceEntryKind.TOP_UP:
        raise refusal("entry_id", _("a meal paid from the balance is taken back by voiding the meal served"))
    if not entry.voided:
        after = balance_of(session, entry.senior_id) - entry.amount_fen
        if after < 0 and not override:
            raise refusal(
                "entry_id",
                _("voiding this top-up would leave the balance at {after} 元; meals were already paid from it").format(
                    after=yuan(after)
                ),
            )
    try:
        void(entry, reason)
    except FieldError as exc:
        raise ValidationError([exc]) from exc
    entry.updated_at, entry.updated_by = stamp(clock), actor.username
    session.commit()
    return info(entry, balance_of(session, entry.senior_id))


def meal_entry(session: Session, clock: Clock, actor: Actor, serving: MealServing, overdrawn: bool) -> MealBalanceEntry:
    """The line of a meal paid from the balance (added to the session; the caller commits)."""
    now = stamp(clock)
    entry = MealBalanceEntry(
        senior_id=serving.senior_id,
        kind=BalanceEntryKind.MEAL,
        amount_fen=-serving.pays_fen,
        serving_id=serving.id,
        overdrawn=overdrawn,
        created_at=now,
        created_by=actor.username,
        updated_at=now,
        updated_by=actor.username,
    )
    session.add(entry)
    return entry


def live_meal_entry(session: Session, serving_id: int) -> MealBalanceEntry | None:
    return session.scalar(
        select(MealBalanceEntry).where(MealBalanceEntry.serving_id == serving_id, MealBalanceEntry.voided.is_(False))
    )


def ledger(session: Session, senior_id: int, month: dt.date | None, include_voided: bool) -> list[LedgerLine]:
    """The account's lines in the order written, each with the balance after it (one query)."""
    stmt = (
        select(MealBalanceEntry, MealServing.day, MealServing.meal_type)
        .outerjoin(MealServing, MealServing.id == MealBalanceEntry.serving_id)
        .where(MealBalanceEntry.senior_id == senior_id)
        .order_by(MealBalanceEntry.created_at, MealBalanceEntry.id)
    )
    start = end = None
    if month is not None:
        start = dt.datetime.combine(month.replace(day=1), dt.time())
        end = dt.datetime.combine(shift(month, 1), dt.time())
        stmt = stmt.where(MealBalanceEntry.created_at < end)
    running = 0
    lines: list[LedgerLine] = []
    for entry, meal_day, meal_type in session.execute(stmt):
        if not entry.voided:
            running += entry.amount_fen
        if start is not None and entry.created_at < start:
            continue
        if entry.voided and not include_voided:
            continue
        lines.append(
            LedgerLine(
                entry_id=entry.id,
                senior_id=entry.senior_id,
                at=entry.created_at,
                kind=entry.kind,
                amount_fen=entry.amount_fen,
                receipt_no=entry.receipt_no,
                payment=entry.payment if entry.kind is BalanceEntryKind.TOP_UP else Payment.BALANCE,
                serving_id=entry.serving_id,
                meal_day=meal_day,
                meal_type=MealType.of(meal_type) if meal_type else None,
                overdrawn=entry.overdrawn,
                note=entry.note,
                voided=entry.voided,
                void_reason=entry.void_reason,
                balance_fen=running,
                created_by=entry.created_by,
            )
        )
    return lines


def info(entry: MealBalanceEntry, balance_fen: int) -> BalanceInfo:
    return BalanceInfo(
        senior_id=entry.senior_id,
        entry_id=entry.id,
        kind=entry.kind,
        amount_fen=entry.amount_fen,
        receipt_no=entry.receipt_no,
        payment=entry.payment,
        voided=entry.voided,
        balance_fen=balance_fen,
    )
