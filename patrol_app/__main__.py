"""`python -m patrol_app` is the same as the `patrol-app` command."""

import sys

from patrol_app.cli import main

sys.exit(main())
