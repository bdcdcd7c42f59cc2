"""``python -m checker`` runs the claimdiff command."""

from checker.cli import main

raise SystemExit(main())
