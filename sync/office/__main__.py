"""`python -m sync.office` is `patrol-office`."""

import sys

from sync.office.cli import main

sys.exit(main())
