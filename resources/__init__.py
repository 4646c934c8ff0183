"""Data files shipped inside the package as ``carecenter.resources`` (see pyproject.toml)."""
