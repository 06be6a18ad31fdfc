"""The gate in front of ``/api/sql``: one read-only query, nothing that touches files.

Defence in depth, because the endpoint takes arbitrary text from the network:
1. DuckDB's own parser must see exactly one statement, and it must be a SELECT
   (``WITH ... SELECT`` parses as one);
2. the text must start with SELECT or WITH (no PRAGMA/SUMMARIZE/... shortcuts);
3. no table function that reads files, URLs or other databases, and no string
   literal used as a table (DuckDB's "replacement scan" of ``FROM 'x.csv'``);
4. the connection runs with ``enable_external_access=false`` and is interrupted after
   a time limit (see ``run_query``), so what slips past 1-3 still cannot read files.
"""
from __future__ import annotations

import re
import threading

import duckdb


class SQLRejected(ValueError):
    """The query is not allowed; the message says why, for the 400 response."""


# Table/scalar functions that read the file system, the network or other databases.
_FORBIDDEN_FUNCS = {
    "glob", "read_text", "read_blob", "read_csv", "read_csv_auto", "sniff_csv",
    "read_parquet", "parquet_scan", "parquet_metadata", "parquet_schema",
    "parquet_file_metadata", "parquet_kv_metadata", "read_json", "read_json_auto",
    "read_json_objects", "read_json_objects_auto", "read_ndjson", "read_ndjson_auto",
    "read_ndjson_objects", "json_execute_serialized_sql", "read_xlsx", "st_read",
    "sqlite_scan", "sqlite_attach", "postgres_scan", "postgres_attach", "mysql_scan",
    "iceberg_scan", "delta_scan", "query", "query_table", "getenv", "load_extension",
    # server configuration: home/temp/extension directories, secrets (issue 9)
    "duckdb_settings", "current_setting", "duckdb_secrets", "which_secret",
    "duckdb_extensions",
}
# Statement keywords that have no business inside a SELECT (the parser check already
# refuses such statements; this catches them hidden in odd places).
_FORBIDDEN_WORDS = {"attach", "detach", "copy", "install", "load", "pragma", "call",
                    "checkpoint", "vacuum", "insert", "delete", "drop", "alter", "truncate"}

_COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)
_STRING = re.compile(r"'(?:[^']|'')*'")
_QUOTED_IDENT = re.compile(r'"(?:[^"]|"")*"')
_FUNC_CALL = re.compile(r"\b([a-z_][a-z0-9_]*)\s*\(", re.I)
_WORD = re.compile(r"\b([a-z_][a-z0-9_]*)\b", re.I)
_TABLE_FROM_STRING = re.compile(r"\b(from|join)\s*(\(\s*)*'", re.I)


def check_sql(query: str) -> str:
    """Return the query stripped of a trailing ';' or raise SQLRejected with a reason."""
    if not isinstance(query, str) or not query.strip():
        raise SQLRejected("empty query")
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise SQLRejected(f"cannot parse SQL: {str(exc).splitlines()[0]}") from None
    if len(statements) != 1:
        raise SQLRejected("exactly one statement is allowed")
    if statements[0].type != duckdb.StatementType.SELECT:
        raise SQLRejected("only SELECT (or WITH ... SELECT) queries are allowed")

    # Look at the code only: comments dropped, literals blanked (their words don't count).
    code = _COMMENT.sub(" ", query)
    if _TABLE_FROM_STRING.search(code):
        raise SQLRejected("a string literal cannot be used as a table (no file access)")
    code = _STRING.sub("''", code)
    bare = _QUOTED_IDENT.sub(lambda m: m.group(0).strip('"'), code)
    first = bare.lstrip(" \t\r\n(").split(None, 1)[0].lower() if bare.strip(" \t\r\n(") else ""
    if first not in ("select", "with"):
        raise SQLRejected("the query must start with SELECT or WITH")
    for name in _FUNC_CALL.findall(bare):
        if name.lower() in _FORBIDDEN_FUNCS or name.lower().startswith("read_"):
            raise SQLRejected(f"function {name}() is not allowed (no file or network access)")
    for word in _WORD.findall(_QUOTED_IDENT.sub(" ", code)):
        if word.lower() in _FORBIDDEN_WORDS:
            raise SQLRejected(f"keyword {word.upper()} is not allowed in a read-only query")
    return query.strip().rstrip(";").strip()


def lock_down(con) -> None:
    """Turn off every file/network access of this DuckDB database instance (irreversible)."""
    con.execute("SET enable_external_access = false")


def run_query(con, query: str, timeout: float, max_rows: int):
    """Run a checked query on ``con``; interrupt it after ``timeout`` seconds.

    Returns (columns, rows, truncated). Raises TimeoutError when interrupted.
    """
    timed_out = threading.Event()

    def _interrupt():
        timed_out.set()
        con.interrupt()

    timer = threading.Timer(timeout, _interrupt)
    timer.start()
    try:
        cur = con.execute(query)
        columns = [d[0] for d in cur.description or []]
        rows = cur.fetchmany(max_rows + 1)
    except duckdb.Error as exc:
        if timed_out.is_set() or isinstance(exc, duckdb.InterruptException):
            raise TimeoutError(f"query interrupted after {timeout:g} s") from None
        raise
    finally:
        timer.cancel()
    return columns, rows[:max_rows], len(rows) > max_rows
