"""`python -m eventwire ...` is the `eventwire` command."""
import sys

from .cli import main

sys.exit(main())
