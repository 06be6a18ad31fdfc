"""eventwire: political event data from news text.

Who did what to whom, when and where, with the sentence that says so.
"""
__version__ = "0.1.1"


def open(db="eventwire.duckdb", read_only=True):  # noqa: A001 - mirrors duckdb/sqlite-utils
    """Open an eventwire DuckDB store for analysis: ``eventwire.open(db).events(...)``."""
    from .store import Store

    return Store(db, read_only=read_only)
