"""The store's errors: one line each, saying what happened to the database file."""
from __future__ import annotations

from ..errors import EventwireError


class StoreError(EventwireError):
    """A store problem shown to users as one line."""


class StoreLockedError(StoreError):
    """Another process holds the database for writing."""


class StorageFailure(StoreError):
    """The disk or the file failed under a write (disk full, I/O error, a damaged file):
    going on with more writes is pointless. What was committed before is kept."""


def storage_error(path: str, exc: BaseException) -> StoreError:
    """One line saying what happened to the database file (issue 19: a full disk said
    "cannot rollback - no transaction is active", a damaged block gave a traceback)."""
    msg = " ".join(str(exc).split()) or exc.__class__.__name__
    low = msg.lower()
    if "no space left" in low or "disk full" in low or "file too large" in low:
        what = "No space left on device" if "no space left" in low or "disk full" in low \
            else "File too large (the file size limit was reached)"
        return StorageFailure(f"{path}: cannot write: {what}; the last transaction was not "
                              "stored, everything committed before it is kept")
    if any(w in low for w in ("corrupt", "checksum", "invalid database", "not a valid duckdb",
                              "serialization", "could not read", "unable to read",
                              "malformed")):
        return StorageFailure(f"{path}: the database file is damaged ({msg[:200]}); restore "
                              "it from a backup or re-ingest into a new file")
    if "could not write" in low or "i/o error" in low or "io error" in low:
        return StorageFailure(f"{path}: cannot write: {msg[:200]}")
    return StoreError(f"{path}: {msg[:300]}")


def _rollback(con) -> None:
    """Roll back if a transaction is still open: after an I/O error DuckDB has already
    ended it, and the ROLLBACK's own error must not hide the real one."""
    try:
        con.execute("ROLLBACK")
    except Exception:  # noqa: BLE001 - the original error is what the user needs
        pass
