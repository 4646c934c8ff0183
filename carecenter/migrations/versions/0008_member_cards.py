"""member cards: the day each senior's card was last printed

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

``seniors.card_printed_on`` is set when a sheet of member cards with the senior on it has
been written; the card sheet's "all new ones" are the current seniors without a date.
Seniors registered before this revision have none, so the first "new" sheet offers every
current senior: the app cannot know which cards were made by hand before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("seniors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("card_printed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("seniors", schema=None) as batch_op:
        batch_op.drop_column("card_printed_on")
