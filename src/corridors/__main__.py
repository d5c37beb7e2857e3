"""``python -m corridors`` runs the command line."""

from corridors.cli import main

raise SystemExit(main())
