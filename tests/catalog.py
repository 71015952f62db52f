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


def catalog_keys(domain: str) -> dict[str, dict[str, set]]:
    """Per table of `domain`: its primary key column, and its NOT NULL and UNIQUE columns."""
    keys: dict[str, dict[str, set]] = {}
    with open(REPO / "spec" / "genims_tables.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["domain"] != domain:
                continue
            table = keys.setdefault(row["table"], {"p": set(), "not_null": set(), "u": set()})
            if row["pk"] == "Y":
                table["p"].add((row["column"],))
            if row["pk"] == "Y" or row["not_null"] == "Y":
                table["not_null"].add(row["column"])
            if row["unique"] == "Y":
                table["u"].add((row["column"],))
    return keys


def database_keys(conn: psycopg.Connection, schema: str, table: str) -> dict[str, set]:
    """The table's primary key and unique constraints (as column tuples) and NOT NULL columns."""
    keys: dict[str, set] = {"p": set(), "not_null": set(), "u": set()}
    for kind, columns in conn.execute(
        """
        SELECT k.contype, array_agg(a.attname::text ORDER BY k.position)
        FROM (SELECT c.oid, c.contype, c.conrelid, u.attnum, u.position
              FROM pg_constraint c CROSS JOIN unnest(c.conkey) WITH ORDINALITY u(attnum, position)
              WHERE c.conrelid = format('%%I.%%I', %s::text, %s::text)::regclass
                AND c.contype IN ('p', 'u')) k
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.attnum
        GROUP BY k.oid, k.contype
        """, (schema, table),
    ):
        keys[kind].add(tuple(columns))
    keys["not_null"] = {name for (name,) in conn.execute(
        "SELECT attname::text FROM pg_attribute WHERE attrelid = format('%%I.%%I', %s::text, "
        "%s::text)::regclass AND attnum > 0 AND NOT attisdropped AND attnotnull",
        (schema, table))}
    return keys


def assert_marts_match_the_catalog(conn: psycopg.Connection, domain: str, tables) -> None:
    """Every catalog table of `domain` is a mart with exactly its columns and types, and
    PostgreSQL enforces the catalog's keys on it: its primary key, every NOT NULL column and
    every UNIQUE column (a mart may declare more, such as a natural key)."""
    catalog = catalog_columns(domain)
    assert set(catalog) == set(tables)
    for table, columns in catalog.items():
        assert database_columns(conn, domain, table) == columns, table
    for table, expected in catalog_keys(domain).items():
        declared = database_keys(conn, domain, table)
        assert declared["p"] == expected["p"], table
        assert expected["not_null"] <= declared["not_null"], table
        assert expected["u"] <= declared["u"], table


def assert_build_populated(built: subprocess.CompletedProcess, conn: psycopg.Connection,
                           domain: str, tables) -> None:
    """The build passed its dbt tests and expectations, and its report lists every table of
    `domain` with the row count the database holds (at least one)."""
    from .reports import summary_json

    summary = summary_json(built)["domains"][domain]
    for kind in ("dbt_tests", "expectations"):
        tally = summary[kind]
        assert tally["failed"] == tally["errored"] == 0 < tally["passed"], (kind, tally)
    reported = {t["table"]: t["rows"] for t in summary["tables"]}
    for table in tables:
        count = conn.execute(f"SELECT count(*) FROM {domain}.{table}").fetchone()[0]
        assert count > 0, table
        assert reported[f"{domain}.{table}"] == count, table
