"""``python -m carecenter`` is the CLI."""

from carecenter.cli import main

raise SystemExit(main())
