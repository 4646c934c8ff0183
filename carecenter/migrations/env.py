"""Alembic environment: always handed an open connection by :mod:`carecenter.db.migrate`."""

from __future__ import annotations

from alembic import context

from carecenter.db.models import Base

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table=config.attributes.get("version_table", "carecenter_version"),
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)

with context.begin_transaction():
    context.run_migrations()
