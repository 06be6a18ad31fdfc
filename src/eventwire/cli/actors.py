"""``eventwire actors``: the verb lives with the resolver (eventwire.actors.cli)."""
from ..actors.cli import register, run  # noqa: F401
