"""Storage: models, engines, migrations."""
