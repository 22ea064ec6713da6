"""`python -m desk config|edit`: what `make admin-config` and `make edit` run (cli.py)."""

import sys

from .cli import main

sys.exit(main())
