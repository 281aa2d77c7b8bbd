"""`python -m annotator` is the same program as the `annotator` command."""

from annotator.app.cli import main

raise SystemExit(main())
