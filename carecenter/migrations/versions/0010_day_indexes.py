"""day indexes: the desk's tables read by day across all centers, the audit trail's people, the list by name

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04

The (center, day) indexes serve a center's day or month; a district office looks at a day
of every center at once (the day at a glance, the month's totals) and those reads scanned
millions of rows; so did the open calls of every center. The audit trail's "staff member"
filter lists who appears in the trail: (actor, staff_id) finds them without reading every
line. The seniors list opens on the current seniors by name: (status, name_sort) gives their
ids without reading the table. Indexes only: no data changes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (index name, table, columns): the names SQLAlchemy gives the models' Index() declarations.
INDEXES = (
    ("ix_attendance_day", "attendance", ["day"]),
    ("ix_meal_orders_day", "meal_orders", ["day"]),
    ("ix_meal_servings_day", "meal_servings", ["day"]),
    ("ix_visits_day", "visits", ["day"]),
    ("ix_calls_closed_at", "calls", ["closed_at"]),
    ("ix_audit_log_actor_staff", "audit_log", ["actor", "staff_id"]),
    ("ix_seniors_status_name", "seniors", ["status", "name_sort"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
