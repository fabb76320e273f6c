"""Read the output of policy-targets with DuckDB, as an analyst would, and report what it sees.

Usage: python3 tests/duckdb_check.py TARGETS_JSONL COMPARE_CSV TARGETS_CSV

Prints one JSON object: for each input, the row counts of GROUP BY indicator_id, region, the
column types DuckDB inferred, and how many values are NULL in a few columns. tests/duckdb.rs
runs it and checks the answers against the tool's own output. Fails (exit 1) when the duckdb
package is missing: CI installs it (`python3 -m pip install duckdb`).
"""

import json
import sys

try:
    import duckdb
except ImportError as e:
    sys.exit(f"duckdb_check.py: cannot import duckdb ({e}); run: python3 -m pip install duckdb")


def literal(path):
    return "'" + path.replace("'", "''") + "'"


def one(con, sql):
    return con.execute(sql).fetchall()[0][0]


def report(con, relation, null_columns):
    counts = con.execute(
        f"SELECT indicator_id, region, count(*) AS n FROM {relation} "
        "GROUP BY indicator_id, region ORDER BY indicator_id NULLS FIRST, region NULLS FIRST"
    ).fetchall()
    described = con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
    types = {name: kind for name, kind, *_ in described}
    nulls = {}
    for c in null_columns:
        nulls[c] = one(con, f"SELECT count(*) FROM {relation} WHERE {c} IS NULL")
    total = one(con, f"SELECT count(*) FROM {relation}")
    return {
        "counts": [[i, r, n] for i, r, n in counts],
        "types": types,
        "nulls": nulls,
        "rows": total,
    }


def main():
    targets_jsonl, compare_csv, targets_csv = sys.argv[1:4]
    con = duckdb.connect()
    out = {
        "duckdb": duckdb.__version__,
        "targets_jsonl": report(
            con,
            f"read_json_auto({literal(targets_jsonl)}, format = 'newline_delimited')",
            ["indicator_id", "region", "value_max", "duplicate_of"],
        ),
        "compare_csv": report(
            con,
            f"read_csv_auto({literal(compare_csv)}, header = true)",
            ["indicator_id", "region", "value_max", "mark"],
        ),
        "targets_csv": report(
            con,
            f"read_csv_auto({literal(targets_csv)}, header = true)",
            ["indicator_id", "region", "value_max", "duplicate_of"],
        ),
    }
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
