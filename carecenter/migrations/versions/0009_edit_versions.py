"""edit versions: a counter on every record an edit form saves, so a stale form cannot overwrite

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

Each table behind an edit form gets a ``version`` column that the app counts up on every
change (optimistic locking, see carecenter.conflicts); care plans call it ``edit_version``
because their ``version`` is the plan's own numbering. Rows written before this revision
start at 1; nothing else changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column) of every versioned record.
VERSIONED = (
    ("seniors", "version"),
    ("staff", "version"),
    ("incidents", "version"),
    ("care_plans", "edit_version"),
    ("birthday_parties", "version"),
    ("meal_orders", "version"),
    ("visits", "version"),
    ("calls", "version"),
    ("activities", "version"),
)


def upgrade() -> None:
    for table, column in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column(column, sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    for table, column in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column(column)
