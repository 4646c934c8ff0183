"""birthdays and subsidies: parties and guests, subsidy rules with versions, meal prices, approved rosters

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

The default subsidy policy is not written here: the app loads resources/subsidy_policy.json
into the empty rule tables at its first start, as an audited change (carecenter.subsidies).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meal_prices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meal_type", sa.String(length=16), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("price_fen", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meal_prices")),
        sa.UniqueConstraint("meal_type", "starts_on", name="uq_meal_prices_type_start"),
    )
    op.create_table(
        "subsidy_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("per_meal", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subsidy_rules")),
        sa.UniqueConstraint("code", name=op.f("uq_subsidy_rules_code")),
    )
    op.create_table(
        "birthday_parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("center_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=60), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["center_id"], ["centers.id"], name=op.f("fk_birthday_parties_center_id_centers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_birthday_parties")),
        sa.UniqueConstraint("center_id", "month", name="uq_birthday_parties_center_month"),
    )
    with op.batch_alter_table("birthday_parties", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_birthday_parties_month"), ["month"], unique=False)

    op.create_table(
        "subsidy_rosters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("center_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("grants_count", sa.Integer(), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=False),
        sa.Column("approver_name", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(["center_id"], ["centers.id"], name=op.f("fk_subsidy_rosters_center_id_centers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subsidy_rosters")),
        sa.UniqueConstraint("center_id", "month", name="uq_subsidy_rosters_center_month"),
    )
    with op.batch_alter_table("subsidy_rosters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_subsidy_rosters_month"), ["month"], unique=False)

    op.create_table(
        "subsidy_rule_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["rule_id"], ["subsidy_rules.id"], name=op.f("fk_subsidy_rule_versions_rule_id_subsidy_rules")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subsidy_rule_versions")),
        sa.UniqueConstraint("rule_id", "starts_on", name="uq_subsidy_rule_versions_rule_start"),
    )
    op.create_table(
        "party_guests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("senior_id", sa.Integer(), nullable=False),
        sa.Column("celebrates_on", sa.Date(), nullable=True),
        sa.Column("age", sa.SmallInteger(), nullable=True),
        sa.Column("lunar", sa.Boolean(), nullable=False),
        sa.Column("milestone", sa.Boolean(), nullable=False),
        sa.Column("added", sa.Boolean(), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("removed_reason", sa.String(length=200), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=False),
        sa.Column("gift", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["birthday_parties.id"], name=op.f("fk_party_guests_party_id_birthday_parties")
        ),
        sa.ForeignKeyConstraint(["senior_id"], ["seniors.id"], name=op.f("fk_party_guests_senior_id_seniors")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_guests")),
        sa.UniqueConstraint("party_id", "senior_id", name="uq_party_guests_party_senior"),
    )
    with op.batch_alter_table("party_guests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_guests_senior_id"), ["senior_id"], unique=False)

    op.create_table(
        "subsidy_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roster_id", sa.Integer(), nullable=False),
        sa.Column("senior_id", sa.Integer(), nullable=False),
        sa.Column("rule_code", sa.String(length=32), nullable=False),
        sa.Column("rule_name", sa.String(length=40), nullable=False),
        sa.Column("tier", sa.String(length=40), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("member_no", sa.String(length=7), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(
            ["roster_id"], ["subsidy_rosters.id"], name=op.f("fk_subsidy_grants_roster_id_subsidy_rosters")
        ),
        sa.ForeignKeyConstraint(["senior_id"], ["seniors.id"], name=op.f("fk_subsidy_grants_senior_id_seniors")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subsidy_grants")),
    )
    with op.batch_alter_table("subsidy_grants", schema=None) as batch_op:
        batch_op.create_index("ix_subsidy_grants_roster_rule", ["roster_id", "rule_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_subsidy_grants_senior_id"), ["senior_id"], unique=False)

    with op.batch_alter_table("centers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("count_xusui", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("centers", schema=None) as batch_op:
        batch_op.drop_column("count_xusui")

    with op.batch_alter_table("subsidy_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subsidy_grants_senior_id"))
        batch_op.drop_index("ix_subsidy_grants_roster_rule")

    op.drop_table("subsidy_grants")
    with op.batch_alter_table("party_guests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_party_guests_senior_id"))

    op.drop_table("party_guests")
    op.drop_table("subsidy_rule_versions")
    with op.batch_alter_table("subsidy_rosters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subsidy_rosters_month"))

    op.drop_table("subsidy_rosters")
    with op.batch_alter_table("birthday_parties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_birthday_parties_month"))

    op.drop_table("birthday_parties")
    op.drop_table("subsidy_rules")
    op.drop_table("meal_prices")
