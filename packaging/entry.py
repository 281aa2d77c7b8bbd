"""The bundle's entry point: the same program as the `annotator` command."""

from annotator.app.cli import main

raise SystemExit(main())
