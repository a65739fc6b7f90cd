import sys

from fivemgmt.cli import main

sys.exit(main())
