"""Actor resolution: names in text -> coded actors (issue 3; docs/actors.md).

``get_resolver(extra_files=())`` gives the cached :class:`ActorResolver`; the spaCy
component ``eventwire_actors`` lives in :mod:`eventwire.actors.component`.
"""
from .resolver import ActorResolver, get_resolver

__all__ = ["ActorResolver", "get_resolver"]
