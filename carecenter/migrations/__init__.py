"""Alembic migrations, shipped inside the package (script_location ``carecenter:migrations``)."""
