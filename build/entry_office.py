"""The bundle's `patrol-office` executable (build/patrol_app.spec): the office server's CLI.

freeze_support first: `serve --workers N` starts its workers with multiprocessing's spawn, which in a
frozen program re-runs this executable; without it a worker would parse spawn's arguments as ours.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from sync.office.cli import main

    sys.exit(main())
