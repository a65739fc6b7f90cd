"""Entry point of the frozen build: `fivemgmt.exe` with no arguments opens the app."""

import sys

from fivemgmt.cli import main

sys.exit(main())
