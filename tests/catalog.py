"""The GenIMS catalog (spec/genims_tables.csv) as the marts must reproduce it."""

from __future__ import annotations

import csv
import re
import subprocess

import psycopg

from .conftest import REPO

PG_TYPES = {
    "INTEGER": "integer", "BIGINT": "bigint", "TEXT": "text", "DATE": "date",
    "BOOLEAN": "boolean", "JSONB": "jsonb", "TIMESTAMP": "timestamp without time zone",
    "TIME": "time without time zone",
    # a dbt contract cannot create a serial: BIGSERIAL keys are plain bigints in the marts
    "BIGSERIAL": "bigint",
}


def catalog_columns(domain: str) -> dict[str, list[tuple[str, str]]]:
    """The catalog's columns per table of `domain`, with types as PostgreSQL prints them."""
    tables: dict[str, list[tuple[str, str]]] = {}
    with open(REPO / "spec" / "genims_tables.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["domain"] != domain:
                continue
            declared = row["type"].upper().replace(" ", "")
            if m := re.fullmatch(r"VARCHAR\((\d+)\)", declared):
                pg_type = f"character varying({m.group(1)})"
            elif m := re.fullmatch(r"DECIMAL\((\d+),(\d+)\)", declared):
                pg_type = f"numeric({m.group(1)},{m.group(2)})"
            else:
                pg_type = PG_TYPES[declared]
            tables.setdefault(row["table"], []).append((row["column"], pg_type))
    return tables


def database_columns(conn: psycopg.Connection, schema: str, table: str) -> list[tuple[str, str]]:
    return [tuple(r) for r in conn.execute(
        """
        SELECT a.attname, format_type(a.atttypid, a.atttypmod)
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %s AND c.relname = %s AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
        """, (schema, table),
    )]


def assert_marts_match_the_catalog(conn: psycopg.Connection, domain: str, tables) -> None:
    """Every catalog table of `domain` is a mart with exactly its columns and types."""
    catalog = catalog_columns(domain)
    assert set(catalog) == set(tables)
    for table, columns in catalog.items():
        assert database_columns(conn, domain, table) == columns, table


def assert_build_populated(built: subprocess.CompletedProcess, conn: psycopg.Connection,
                           domain: str, tables) -> None:
    """The build passed its dbt tests and expectations, and its report lists every table of
    `domain` with the row count the database holds (at least one)."""
    from .reports import summary_json

    summary = summary_json(built)["domains"][domain]
    assert summary["dbt_tests"]["failed"] == 0 < summary["dbt_tests"]["passed"], summary["dbt_tests"]
    assert summary["expectations"]["failed"] == 0 < summary["expectations"]["passed"]
    reported = {t["table"]: t["rows"] for t in summary["tables"]}
    for table in tables:
        count = conn.execute(f"SELECT count(*) FROM {domain}.{table}").fetchone()[0]
        assert count > 0, table
        assert reported[f"{domain}.{table}"] == count, table
