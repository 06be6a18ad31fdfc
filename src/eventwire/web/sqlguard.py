"""The gate in front of ``/api/sql``: an allow-list, not a block-list (issue 19).

A block-list loses as soon as DuckDB grows a function we did not know about (issue 19
found ``enable_logging(storage_path=...)``, which wrote a file and then crashed the
server, and ``pragma_database_list``, which told the server's paths). So a query is
allowed only when everything in it is known to be harmless:

1. DuckDB's own parser sees exactly one statement, a SELECT;
2. sqlglot (``read="duckdb"``) parses it into a tree whose root is a query (SELECT,
   WITH ... SELECT, UNION/INTERSECT/EXCEPT) with no statement inside it;
3. every table it reads is one of ours (``OUR_TABLES``), a CTE or subquery it defines
   itself, or one of a few table functions that touch no file (``range``,
   ``generate_series``, ``unnest``); a string literal is never a table;
4. every function it calls is in ``ALLOWED_FUNCTIONS`` (aggregates, window functions,
   and scalar functions on text, numbers, dates and JSON);
5. what runs is the SQL *sqlglot writes back from the checked tree*, not the client's
   text, so no difference between the two parsers can smuggle anything past step 4;
6. the connection has ``enable_external_access=false`` and each query is interrupted
   after a time limit, its answer capped in rows and bytes (``run_query``).
"""
from __future__ import annotations

import threading

import duckdb


class SQLRejected(ValueError):
    """The query is not allowed; the message says why, for the 400 response."""


# The store's tables (docs/store.md), plus the two catalogue views a client needs to
# learn them; nothing else (no duckdb_* views, no pragma_* functions: they tell paths).
OUR_TABLES = frozenset({
    "documents", "mentions", "events", "actors", "stories", "story_docs",
    "document_sources", "schema_version",
})
CATALOGUE = frozenset({("information_schema", "tables"), ("information_schema", "columns")})

# Functions by sqlglot's name for them (its expression class) or, for those it does not
# model, by their DuckDB name in lower case. Left out on purpose: anything that reads
# or writes files, the network, settings or the environment, and string builders that
# make one huge value from a small query (repeat, lpad/rpad).
ALLOWED_FUNCTIONS = frozenset({
    # aggregates
    "Count", "Sum", "Avg", "Min", "Max", "Median", "Mode", "Stddev", "StddevPop",
    "StddevSamp", "Variance", "VariancePop", "Corr", "CovarPop", "CovarSamp", "ArgMax",
    "ArgMin", "AnyValue", "ApproxDistinct", "ArrayAgg", "GroupConcat", "CountIf",
    "LogicalAnd", "LogicalOr", "First", "Last", "PercentileCont", "PercentileDisc",
    "ApproxQuantile", "Quantile", "RegrSlope", "RegrIntercept",
    "count_star", "histogram", "string_agg", "list", "bit_and", "bit_or", "sumkahan",
    # window functions
    "RowNumber", "Rank", "DenseRank", "PercentRank", "CumeDist", "Ntile", "Lag", "Lead",
    "FirstValue", "LastValue", "NthValue",
    # conditionals and types
    "Case", "If", "Coalesce", "Nullif", "Greatest", "Least", "Cast", "TryCast", "And",
    "Or", "Not", "ifnull", "typeof",
    # numbers
    "Abs", "Ceil", "Floor", "Round", "Sqrt", "Ln", "Log", "Exp", "Pow", "Sign", "Cbrt",
    "Trunc", "log2", "log10", "isnan", "isinf",
    # text
    "Lower", "Upper", "Length", "Substring", "Trim", "Replace", "Concat", "ConcatWs",
    "Left", "Right", "StartsWith", "EndsWith", "Contains", "StrPosition", "SplitPart",
    "RegexpLike", "RegexpExtract", "RegexpReplace", "RegexpSplit", "RegexpILike",
    "Initcap", "Reverse", "Unicode", "Chr", "MD5", "SHA", "SHA2", "strip_accents",
    "string_split", "len", "ascii", "lcase", "ucase", "prefix", "suffix",
    "levenshtein", "jaro_winkler_similarity", "ilike_escape", "like_escape",
    "format", "printf", "hash",
    # dates
    "TimeToStr", "StrToTime", "StrToDate", "DateTrunc", "TimestampTrunc", "DateDiff",
    "DateAdd", "DateSub", "Extract", "Year", "Month", "Day", "Week", "WeekOfYear",
    "DayOfWeek", "DayOfMonth", "DayOfYear", "Quarter", "CurrentDate", "CurrentTimestamp",
    "TimeToUnix", "UnixToTime", "LastDay", "ToDays", "date_part", "now", "today",
    "dayname", "monthname", "isodow", "yearweek", "make_date", "age",
    # JSON, lists, structs (the record columns are JSON)
    "JSONExtract", "JSONExtractScalar", "JSONArrayLength", "JSONKeys", "JSONType",
    "ParseJSON", "json_extract_string", "json_extract_path", "json_array_length",
    "json_keys", "json_type", "json_valid", "json_contains", "json_structure",
    "Array", "Struct", "ArraySize", "ArrayContains", "ArrayFilter", "Transform",
    "ArrayJoin", "ArraySort", "ArrayUniqueAgg", "ArrayDistinct", "Explode", "Unnest",
    "Bracket", "StructExtract", "list_contains", "list_has", "list_distinct",
    "list_sort", "list_slice", "list_extract", "list_aggregate", "array_length",
    "list_value", "list_filter", "list_transform", "struct_pack", "map",
})
# Table functions that make rows from nothing (no file, no catalogue).
ALLOWED_TABLE_FUNCTIONS = frozenset({"GenerateSeries", "Explode", "Unnest"})


def _sqlglot():
    import sqlglot
    from sqlglot import exp
    return sqlglot, exp


def _fname(node, exp) -> str:
    return node.name.lower() if isinstance(node, exp.Anonymous) else type(node).__name__


def _shown(node, exp) -> str:
    """A function's name as the client wrote it (for the error message)."""
    if isinstance(node, exp.Anonymous):
        return node.name
    try:
        return node.sql_name().lower()
    except Exception:  # noqa: BLE001 - only a message
        return type(node).__name__


def _defined_names(tree, exp) -> set[str]:
    """CTE names and subquery/table-function aliases the query defines itself."""
    names = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    return {n for n in names if n}


def check_sql(query: str, tables: frozenset = OUR_TABLES) -> str:
    """The SQL to run (sqlglot's rendering of the checked tree) or SQLRejected."""
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
    sqlglot, exp = _sqlglot()
    try:
        trees = [t for t in sqlglot.parse(query, read="duckdb") if t is not None]
    except (sqlglot.errors.ParseError, sqlglot.errors.TokenError, RecursionError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise SQLRejected(f"cannot parse SQL: {reason[:200]}") from None
    if len(trees) != 1:
        raise SQLRejected("exactly one statement is allowed")
    tree = trees[0]
    if not isinstance(tree, exp.Query):
        raise SQLRejected("only SELECT (or WITH ... SELECT) queries are allowed")
    defined = _defined_names(tree, exp)
    for node in tree.walk():
        if isinstance(node, (exp.DDL, exp.DML, exp.Command, exp.Pragma, exp.Set)):
            raise SQLRejected(f"{node.key.upper()} is not allowed in a read-only query")
        if isinstance(node, exp.Table):
            _check_table(node, exp, tables, defined)
        elif (isinstance(node, exp.Func) and _fname(node, exp) not in ALLOWED_FUNCTIONS
              and not (isinstance(node.parent, exp.Table) and node.arg_key == "this"
                       and type(node).__name__ in ALLOWED_TABLE_FUNCTIONS)):
            raise SQLRejected(f"function {_shown(node, exp)}() is not allowed "
                              "(see the list of allowed functions in docs/api.md)")
    try:
        return tree.sql(dialect="duckdb")
    except Exception as exc:  # noqa: BLE001 - sqlglot cannot write it back: refuse
        raise SQLRejected(f"cannot re-render the query: {exc.__class__.__name__}") from None


def _check_table(node, exp, tables, defined) -> None:
    target = node.this
    if isinstance(target, exp.Func):  # FROM range(10), FROM read_csv(...)
        if type(target).__name__ not in ALLOWED_TABLE_FUNCTIONS:
            raise SQLRejected(f"table function {_shown(target, exp)}() is not allowed "
                              "(only our tables, range, generate_series and unnest)")
        return
    if not isinstance(target, exp.Identifier):
        raise SQLRejected(f"cannot read from {node.sql(dialect='duckdb')[:80]!r}")
    name, schema, catalog = node.name.lower(), (node.db or "").lower(), node.catalog
    if catalog:
        raise SQLRejected(f"cannot read from another database ({node.sql(dialect='duckdb')[:80]})")
    if (schema, name) in CATALOGUE:
        return
    if schema in ("", "main") and (name in tables or (not schema and name in defined)):
        return
    what = f"{schema}.{name}" if schema else name
    raise SQLRejected(f"table {what!r} is not allowed (tables: {', '.join(sorted(tables))})")


def lock_down(con) -> None:
    """Turn off every file/network access of this DuckDB database instance (irreversible)."""
    con.execute("SET enable_external_access = false")


def _size(value) -> int:
    """About how many bytes a value takes in the JSON answer."""
    if value is None or isinstance(value, (bool, int, float)):
        return 8
    if isinstance(value, (list, tuple)):
        return 2 + sum(_size(v) + 1 for v in value)
    if isinstance(value, dict):
        return 2 + sum(len(str(k)) + _size(v) + 4 for k, v in value.items())
    return len(str(value)) + 2


def run_query(con, query: str, timeout: float, max_rows: int, max_bytes: int = 10_000_000):
    """Run a checked query on ``con``; interrupt it after ``timeout`` seconds.

    Returns (columns, rows, truncated): at most ``max_rows`` rows and about
    ``max_bytes`` bytes of values (a row past the cap is left out, and ``truncated``
    says so). Raises TimeoutError when interrupted, ValueError when even the first row
    is larger than ``max_bytes``.
    """
    timed_out = threading.Event()

    def _interrupt():
        timed_out.set()
        con.interrupt()

    timer = threading.Timer(timeout, _interrupt)
    timer.start()
    rows: list = []
    size, truncated = 0, False
    try:
        cur = con.execute(query)
        columns = [d[0] for d in cur.description or []]
        while len(rows) <= max_rows:
            chunk = cur.fetchmany(min(256, max_rows + 1 - len(rows)))
            if not chunk:
                break
            for row in chunk:
                size += _size(row)
                if size > max_bytes or len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append(row)
            if truncated:
                break
    except duckdb.Error as exc:
        if timed_out.is_set() or isinstance(exc, duckdb.InterruptException):
            raise TimeoutError(f"query interrupted after {timeout:g} s") from None
        raise
    finally:
        timer.cancel()
    if truncated and not rows and size > max_bytes:
        raise ValueError(f"the first row of the answer is larger than {max_bytes} bytes")
    return columns, rows, truncated
