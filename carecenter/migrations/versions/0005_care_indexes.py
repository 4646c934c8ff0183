"""care: per-senior date indexes on assessments and incidents

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

Each senior's latest assessment and a senior's incidents in a window of days are the
hottest care queries (care level, due list, GB/T 42195 adjustment); a (senior, day)
index answers them without a table scan, and replaces the senior-only index.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch_op:
        batch_op.drop_index("ix_assessments_senior_id")
        batch_op.create_index("ix_assessments_senior_day", ["senior_id", "assessed_on"], unique=False)
    with op.batch_alter_table("incidents") as batch_op:
        batch_op.drop_index("ix_incidents_senior_id")
        batch_op.create_index("ix_incidents_senior_day", ["senior_id", "occurred_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("incidents") as batch_op:
        batch_op.drop_index("ix_incidents_senior_day")
        batch_op.create_index("ix_incidents_senior_id", ["senior_id"], unique=False)
    with op.batch_alter_table("assessments") as batch_op:
        batch_op.drop_index("ix_assessments_senior_day")
        batch_op.create_index("ix_assessments_senior_id", ["senior_id"], unique=False)
