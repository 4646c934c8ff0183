"""front desk: day-care attendance, meal menus, orders, servings and prepaid balances, 九助 visits, calls, activities

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

Every desk record can be voided (never deleted); ``void_key`` is 0 while a row is live,
so "one live record per senior and day" is a plain unique constraint (see desk_models).

Data: every birthday party held before this revision becomes its month's 生日会 activity,
as the app makes one with every new party (carecenter.desk.activities.party_activity),
recorded in the audit trail as created by ``system:migration``.
"""

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meal_menus",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("center_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("meal_type", sa.String(length=16), nullable=False),
        sa.Column("offered", sa.Boolean(), nullable=False),
        sa.Column("dishes", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["center_id"], ["centers.id"], name=op.f("fk_meal_menus_center_id_centers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meal_menus")),
        sa.UniqueConstraint("center_id", "day", "meal_type", name="uq_meal_menus_center_day_type"),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("center_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=60), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "recreation",
                "health_talk",
                "rehab",
                "birthday",
                "learning",
                "volunteer",
                "other",
                name="activitykind",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=True),
        sa.Column("place", sa.String(length=60), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("birthday_party_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("voided", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("void_reason", sa.String(length=200), server_default="", nullable=False),
        sa.Column("void_key", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["birthday_party_id"],
            ["birthday_parties.id"],
            name=op.f("fk_activities_birthday_party_id_birthday_parties"),
        ),
        sa.ForeignKeyConstraint(["center_id"], ["centers.id"], name=op.f("fk_activities_center_id_centers")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_activities_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
        sa.UniqueConstraint("birthday_party_id", name=op.f("uq_activities_birthday_party_id")),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index("ix_activities_center_day", ["center_id", "held_on"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("senior_id", sa.Integer(), nullable=False),
        sa.Column("center_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(), nullable=False),
        sa.Column("checked_out_at", sa.DateTime(), nullable=True),
        sa.Column("picked_up_by", sa.String(length=30), nullable=False),
        sa.Column("correction_reason", sa.String(length=200), nullable=False),
        sa.Column("voided", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("void_reason", sa.String(length=200), server_default="", nullable=False),
        sa.Column("void_key", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["center_id"], ["centers.id"], name=op.f("fk_attendance_center_id_centers")),
        sa.ForeignKeyConstraint(["senior_id"], ["seniors.id"], name=op.f("fk_attendance_senior_id_seniors")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("senior_id", "day", "void_key", name="uq_attendance_senior_day"),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index("ix_attendance_center_day", ["center_id", "day"], unique=False)

    op.create_table(
        "meal_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("senior_id", sa.Integer(), nullable=False),
        sa.Column("center_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("meal_type", sa.String(length=16), nullable=False),
        sa.Column("delivery", sa.Boolean(), nullable=False),
        sa.Column("address", sa.String(length=120), nullable=False),
        sa.Column("courier_staff_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(length=200), nullable=False),
        sa.Column("voided", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("void_reason", sa.String(length=200), server_default="", nullable=False),
        sa.Column("void_key", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["center_id"], ["centers.id"], name=op.f("fk_meal_orders_center_id_centers")),
        sa.ForeignKeyConstraint(["courier_staff_id"], ["staff.id"], name=op.f("fk_meal_orders_courier_staff_id_staff")),
        sa.ForeignKeyConstraint(["senior_id"], ["seniors.id"], name=op.f("fk_meal_orders_senior_id_seniors")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meal_orders")),
        sa.UniqueConstraint("senior_id", "day", "meal_type", "void_key", name="uq_meal_orders_senior_day_type"),
    )
    with op.batch_alter_table("meal_orders", schema=None) as batch_op:
        batch_op.create_index("ix_meal_orders_center_day", ["center_id", "day"], unique=False)

    op.create_table(
        "activity_attendees",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("senior_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["activities.id"], name=op.f("fk_activity_attendees_activity_id_activities")
        ),
        sa.ForeignKeyConstraint(["senior_id"], ["seniors.id"], name=op.f("fk_activity_attendees_senior_id_seniors")),
        sa.PrimaryKeyConstraint("activity_id", "senior_id", name=op.f("pk_activity_attendees")),
    )
    with op.batch_alter_table("activity_attendees", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_attendees_senior_id"), ["senior_id"], unique=False)

    op.create_table(
        "calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("center_id", sa.Integer(), nullable=False),
        sa.Column("senior_id", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column(
            "caller_kind",
            sa.Enum("senior", "family", "neighbour", "other", name="callerkind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("caller_name", sa.String(length=30), nullable=False),
        sa.Column("caller_phone", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("urgency", sa.Enum("normal", "urgent", name="urgency", native_enum=False, length=16), nullable=False),
        sa.Column("action_taken", sa.Text(), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closing_note", sa.String(length=200), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("voided", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("void_reason", sa.String(length=200), server_default="", nullable=False),
        sa.Column("void_key", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["center_id"], ["centers.id"], name=op.f("fk_calls_center_id_centers")),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name=op.f("fk_calls_incident_id_incidents")),
        sa.ForeignKeyConstraint(["senior_id"], ["seniors.id"], name=op.f("fk_calls_senior_id_seniors")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calls")),
    )
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.create_index("ix_calls_center_received", ["center_id", "received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_calls_senior_id"), ["senior_id"], unique=False)

    op.create_table(
        "meal_servings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("senior_id", sa.Integer(), nullable=False),
        sa.Column("center_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("meal_type", sa.String(length=16), nullable=False),
        sa.Column("delivery", sa.Boolean(), nullable=False),
        sa.Column("courier_staff_id", sa.Integer(), nullable=True),
        sa.Column("served_at", sa.DateTime(), nullable=False),
        sa.Column("price_fen", sa.Integer(), nullable=False),
        sa.Column("subsidy_fen", sa.Integer(), nullable=False),
        sa.Column("pays_fen", sa.Integer(), nullable=False),
        sa.Column("subsidy_tier", sa.String(length=40), nullable=False),
        sa.Column("subsidy_reason", sa.String(length=300), nullable=False),
        sa.Column(
            "payment",
            sa.Enum("cash", "wechat", "alipay", "balance", "none", name="payment", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("warnings", sa.String(length=200), nullable=False),
        sa.Column("voided", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("void_reason", sa.String(length=200), server_default="", nullable=False),
        sa.Column("void_key", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["center_id"], ["centers.id"], name=op.f("fk_meal_servings_center_id_centers")),
        sa.ForeignKeyConstraint(
            ["courier_staff_id"], ["staff.id"], name=op.f("fk_meal_servings_courier_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(["order_id"], ["meal_orders.id"], name=op.f("fk_meal_servings_order_id_meal_orders")),
        sa.ForeignKeyConstraint(["senior_id"], ["seniors.id"], name=op.f("fk_meal_servings_senior_id_seniors")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meal_servings")),
        sa.UniqueConstraint("senior_id", "day", "meal_type", "void_key", name="uq_meal_servings_senior_day_type"),
    )
    with op.batch_alter_table("meal_servings", schema=None) as batch_op:
        batch_op.create_index("ix_meal_servings_center_day", ["center_id", "day"], unique=False)

    op.create_table(
        "meal_balance_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("senior_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind", sa.Enum("top_up", "meal", name="balanceentrykind", native_enum=False, length=16), nullable=False
        ),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("receipt_no", sa.String(length=32), nullable=False),
        sa.Column("serving_id", sa.Integer(), nullable=True),
        sa.Column(
            "payment",
            sa.Enum("cash", "wechat", "alipay", "balance", "none", name="payment", native_enum=False, length=16),
            nullable=True,
        ),
        sa.Column("overdrawn", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("voided", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("void_reason", sa.String(length=200), server_default="", nullable=False),
        sa.Column("void_key", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["senior_id"], ["seniors.id"], name=op.f("fk_meal_balance_entries_senior_id_seniors")),
        sa.ForeignKeyConstraint(
            ["serving_id"], ["meal_servings.id"], name=op.f("fk_meal_balance_entries_serving_id_meal_servings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meal_balance_entries")),
    )
    with op.batch_alter_table("meal_balance_entries", schema=None) as batch_op:
        batch_op.create_index("ix_meal_balance_entries_senior", ["senior_id"], unique=False)

    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("senior_id", sa.Integer(), nullable=False),
        sa.Column("center_id", sa.Integer(), nullable=False),
        sa.Column("service_type_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("planned_service_id", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("planned", "done", "missed", "cancelled", name="visitstatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("minutes", sa.SmallInteger(), nullable=True),
        sa.Column("place", sa.Enum("home", "center", name="visitplace", native_enum=False, length=16), nullable=False),
        sa.Column("work_done", sa.Text(), nullable=False),
        sa.Column(
            "confirmation",
            sa.Enum("senior", "family", "none", name="confirmation", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("confirmed_by_name", sa.String(length=30), nullable=False),
        sa.Column("status_reason", sa.String(length=200), nullable=False),
        sa.Column("voided", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("void_reason", sa.String(length=200), server_default="", nullable=False),
        sa.Column("void_key", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["center_id"], ["centers.id"], name=op.f("fk_visits_center_id_centers")),
        sa.ForeignKeyConstraint(
            ["planned_service_id"], ["planned_services.id"], name=op.f("fk_visits_planned_service_id_planned_services")
        ),
        sa.ForeignKeyConstraint(["senior_id"], ["seniors.id"], name=op.f("fk_visits_senior_id_seniors")),
        sa.ForeignKeyConstraint(
            ["service_type_id"], ["service_types.id"], name=op.f("fk_visits_service_type_id_service_types")
        ),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_visits_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
        sa.UniqueConstraint("planned_service_id", "day", "void_key", name="uq_visits_planned_day"),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index("ix_visits_center_day", ["center_id", "day"], unique=False)
        batch_op.create_index("ix_visits_senior_day", ["senior_id", "day"], unique=False)
        batch_op.create_index("ix_visits_staff_day", ["staff_id", "day"], unique=False)

    _party_activities()


MIGRATION_ACTOR = "system:migration"


def _party_activities() -> None:
    """One 生日会 activity per existing birthday party (its date and place), with its 'create' line in the trail.

    Plain inserts and selects only (no SQL date functions), so SQLite and PostgreSQL run the same.
    """
    conn = op.get_bind()
    parties = sa.table(
        "birthday_parties",
        sa.column("id", sa.Integer),
        sa.column("center_id", sa.Integer),
        sa.column("month", sa.Date),
        sa.column("held_on", sa.Date),
        sa.column("place", sa.String),
    )
    rows = conn.execute(sa.select(parties).order_by(parties.c.id)).all()
    if not rows:
        return
    activities = sa.table(
        "activities",
        sa.column("id", sa.Integer),
        sa.column("center_id", sa.Integer),
        sa.column("title", sa.String),
        sa.column("kind", sa.String),
        sa.column("held_on", sa.Date),
        sa.column("place", sa.String),
        sa.column("birthday_party_id", sa.Integer),
        sa.column("notes", sa.Text),
        sa.column("voided", sa.Boolean),
        sa.column("void_reason", sa.String),
        sa.column("void_key", sa.Integer),
        sa.column("created_at", sa.DateTime),
        sa.column("created_by", sa.String),
        sa.column("updated_at", sa.DateTime),
        sa.column("updated_by", sa.String),
    )
    now = dt.datetime.now(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None, microsecond=0)
    conn.execute(
        sa.insert(activities),
        [
            {
                "center_id": r.center_id,
                "title": f"{r.month.month}月集体生日会",
                "kind": "birthday",
                "held_on": r.held_on,
                "place": r.place,
                "birthday_party_id": r.id,
                "notes": "",
                "voided": False,
                "void_reason": "",
                "void_key": 0,
                "created_at": now,
                "created_by": MIGRATION_ACTOR,
                "updated_at": now,
                "updated_by": MIGRATION_ACTOR,
            }
            for r in rows
        ],
    )
    made = conn.execute(
        sa.select(activities.c.id, activities.c.birthday_party_id).where(activities.c.created_by == MIGRATION_ACTOR)
    ).all()
    audit = sa.table(
        "audit_log",
        sa.column("at", sa.DateTime),
        sa.column("actor", sa.String),
        sa.column("staff_id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.Integer),
        sa.column("senior_id", sa.Integer),
        sa.column("field", sa.String),
        sa.column("before", sa.Text),
        sa.column("after", sa.Text),
    )
    conn.execute(
        sa.insert(audit),
        [
            {
                "at": now,
                "actor": MIGRATION_ACTOR,
                "staff_id": None,
                "action": "create",
                "entity": "activity",
                "entity_id": m.id,
                "senior_id": None,
                "field": "birthday_party_id",
                "before": "",
                "after": str(m.birthday_party_id),
            }
            for m in made
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_staff_day")
        batch_op.drop_index("ix_visits_senior_day")
        batch_op.drop_index("ix_visits_center_day")

    op.drop_table("visits")
    with op.batch_alter_table("meal_balance_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_meal_balance_entries_senior")

    op.drop_table("meal_balance_entries")
    with op.batch_alter_table("meal_servings", schema=None) as batch_op:
        batch_op.drop_index("ix_meal_servings_center_day")

    op.drop_table("meal_servings")
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calls_senior_id"))
        batch_op.drop_index("ix_calls_center_received")

    op.drop_table("calls")
    with op.batch_alter_table("activity_attendees", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_attendees_senior_id"))

    op.drop_table("activity_attendees")
    with op.batch_alter_table("meal_orders", schema=None) as batch_op:
        batch_op.drop_index("ix_meal_orders_center_day")

    op.drop_table("meal_orders")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_center_day")

    op.drop_table("attendance")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index("ix_activities_center_day")

    op.drop_table("activities")
    op.drop_table("meal_menus")
