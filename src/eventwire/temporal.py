"""Former home of the date stage, kept so that 0.1 imports go on working.

The stage is the package :mod:`eventwire.dates` now (issue 15).
"""
from .dates import *  # noqa: F401,F403
from .dates import __all__  # noqa: F401
from .syntax import clause_head, event_verb  # noqa: F401
