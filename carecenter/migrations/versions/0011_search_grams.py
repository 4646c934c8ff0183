"""search grams: an index for search as you type

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04

Search matches anywhere inside names, pinyin, ID numbers, phones and member numbers, which
no ordinary index serves: at district scale every keystroke read all the seniors. The new
table holds short pieces of each senior's searchable text (carecenter.seniors.search_grams)
so a query finds its candidates by seeks. The upgrade cuts the grams of every senior already
registered; nothing else changes.

The grams are cut by the app's own function, not a copy frozen here: the table is derived
data, and the app must find what its current code expects. Should the cutting ever change,
a later revision rebuilds the table with the same call.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "senior_search_grams",
        sa.Column("gram", sa.String(length=16), nullable=False),
        sa.Column("senior_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("gram", "senior_id", name=op.f("pk_senior_search_grams")),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f("ix_senior_search_grams_senior_id"), "senior_search_grams", ["senior_id"], unique=False)

    from carecenter.seniors.search_grams import rebuild_all

    rebuild_all(op.get_bind())


def downgrade() -> None:
    op.drop_index(op.f("ix_senior_search_grams_senior_id"), table_name="senior_search_grams")
    op.drop_table("senior_search_grams")
