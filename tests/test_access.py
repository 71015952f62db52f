"""Access roles: what every role may read and write on every table, the rows the row-scoped
roles see, and grants and policies that survive rebuilds, subset builds and a build user
without SUPERUSER.

The expected matrix is written here from the role descriptions of the seed document
(`shared/seeds/000_...`, section 2), independently of the declarations in
`dbt_project/models/marts/<domain>/_<domain>__access.yml`; so are the row rules.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from .conftest import Genims

MASTER = {
    "factories", "production_lines", "machines", "sensors", "employees", "shifts", "products",
    "customers", "line_product_mapping", "customer_product_mapping",
}
OPERATIONS = {
    "sensor_data", "scada_machine_data", "machine_faults", "maintenance_events",
    "production_runs", "sensor_health",
}
MANUFACTURING = {
    "work_orders", "work_order_operations", "material_transactions", "quality_inspections",
    "defects", "labor_transactions", "downtime_events", "changeover_events",
    "electronic_batch_records", "production_schedule",
}
ERP_PURCHASING = {
    "suppliers", "purchase_requisitions", "purchase_requisition_lines", "purchase_orders",
    "purchase_order_lines", "goods_receipts",
}
ERP_SALES = {"sales_orders", "sales_order_lines"}
ERP_STOCK = {"materials", "inventory_balances", "inventory_transactions", "goods_receipts"}
ERP_MRP = {"mrp_runs", "mrp_elements"}
ERP_ROUTINGS = {"routing", "routing_operations", "work_centers"}
ERP = ERP_PURCHASING | ERP_SALES | ERP_STOCK | ERP_MRP | ERP_ROUTINGS | {
    "bill_of_materials", "bom_components", "production_orders", "cost_centers",
    "general_ledger", "inspection_plans", "inspection_characteristics", "erp_mes_sync_log",
}
DOMAINS = {"master": MASTER, "operations": OPERATIONS, "erp": ERP, "manufacturing": MANUFACTURING}


def grant(privileges: str, schema: str, tables: set[str]) -> dict[str, str]:
    return {f"{schema}.{table}": privileges for table in tables}


# S select, I insert, U update, D delete; s = select on some columns only. A table not named
# is out of reach.
EXPECTED = {
    # Admin: full access to master data.
    "master_admin": grant("SIUD", "master", MASTER),
    # Data Manager: creates and edits organizations (the factories), products, customers and
    # employees; reads the rest; deletes nothing.
    "master_data_manager": grant("S", "master", MASTER)
    | grant("SIU", "master", {"factories", "products", "customers", "employees"}),
    # Viewer: reads all master data.
    "master_viewer": grant("S", "master", MASTER),
    # Plant Manager: full access to operations.
    "operations_plant_manager": grant("SIUD", "operations", OPERATIONS),
    # Equipment Technician: views sensor data, equipment status (SCADA, faults) and
    # maintenance; in master only which factory an employee or machine belongs to.
    "operations_equipment_technician": grant("S", "operations", OPERATIONS - {"production_runs"})
    | {"master.employees": "s", "master.machines": "s"},
    # Supervisor: production metrics, downtime, shift analytics; no sensor readings.
    "operations_supervisor": grant(
        "S", "operations",
        {"production_runs", "scada_machine_data", "machine_faults", "maintenance_events"},
    ) | {"master.employees": "s"},
    # Analyst: reads all operations history.
    "operations_analyst": grant("S", "operations", OPERATIONS),
    # Production Manager: full access to manufacturing.
    "manufacturing_production_manager": grant("SIUD", "manufacturing", MANUFACTURING),
    # Shift Supervisor: views all, updates work orders, assigns labor, records quality
    # checks; reads the employees and shifts it assigns.
    "manufacturing_shift_supervisor": grant("S", "manufacturing", MANUFACTURING)
    | grant("SU", "manufacturing", {"work_orders", "work_order_operations"})
    | grant("SIU", "manufacturing", {"labor_transactions", "quality_inspections"})
    | grant("S", "master", {"employees", "shifts"}),
    # Shop Floor Operator: views its work orders, records completion and its labor.
    "manufacturing_shop_floor_operator": {
        "manufacturing.work_orders": "S", "manufacturing.work_order_operations": "SU",
        "manufacturing.labor_transactions": "SI",
    },
    # Planner: reads manufacturing and the ERP routings it optimizes.
    "manufacturing_planner": grant("S", "manufacturing", MANUFACTURING)
    | grant("S", "erp", ERP_ROUTINGS),
    # The three ERP managers: full access to their area, read access to the rest of ERP.
    "erp_procurement_manager": grant("S", "erp", ERP) | grant("SIUD", "erp", ERP_PURCHASING),
    "erp_inventory_manager": grant("S", "erp", ERP) | grant("SIUD", "erp", ERP_STOCK | ERP_MRP),
    "erp_sales_manager": grant("S", "erp", ERP) | grant("SIUD", "erp", ERP_SALES),
    # ERP Planner: views demand (sales orders, MRP) and inventory levels.
    "erp_planner": grant("S", "erp", ERP_SALES | ERP_MRP | ERP_STOCK - {"goods_receipts"}),
    # ERP Viewer: reads procurement and sales data (and the materials they name).
    "erp_viewer": grant("S", "erp", ERP_PURCHASING | ERP_SALES | {"materials"}),
}
READ_ONLY = {
    "master_viewer", "operations_equipment_technician", "operations_supervisor",
    "operations_analyst", "manufacturing_planner", "erp_planner", "erp_viewer",
}

# The rows a row-scoped role sees, restated for the table owner: a WHERE clause over the
# table `t` with the subject (an employee_id) as %(subject)s.
FACTORY = "(SELECT e.factory_id FROM master.employees e WHERE e.employee_id = %(subject)s)"
OF_FACTORY = f"t.factory_id = {FACTORY}"


def of_factory_work_order(column: str) -> str:
    return (f"EXISTS (SELECT 1 FROM manufacturing.work_orders w WHERE w.work_order_id = "
            f"t.{column} AND w.factory_id = {FACTORY})")


OF_OWN_LABOR = ("EXISTS (SELECT 1 FROM manufacturing.labor_transactions l "
                "WHERE l.work_order_id = t.work_order_id AND l.employee_id = %(subject)s)")
ROW_RULES = {
    # The operator's own labor, the work orders it booked labor on and their operations.
    "manufacturing_shop_floor_operator": {
        "manufacturing.labor_transactions": "t.employee_id = %(subject)s",
        "manufacturing.work_orders": OF_OWN_LABOR,
        "manufacturing.work_order_operations": OF_OWN_LABOR,
    },
    # The shift supervisor's factory: its work orders and what hangs off them, the labor of
    # its employees.
    "manufacturing_shift_supervisor": {
        **{f"manufacturing.{table}": OF_FACTORY for table in (
            "work_orders", "downtime_events", "electronic_batch_records", "production_schedule")},
        **{f"manufacturing.{table}": of_factory_work_order("work_order_id") for table in (
            "work_order_operations", "material_transactions", "quality_inspections", "defects")},
        "manufacturing.changeover_events": of_factory_work_order("to_work_order_id"),
        "manufacturing.labor_transactions": (
            f"EXISTS (SELECT 1 FROM master.employees f WHERE f.employee_id = t.employee_id "
            f"AND f.factory_id = {FACTORY})"),
    },
    # The technician's factory's machines, and maintenance it did anywhere.
    "operations_equipment_technician": {
        **{f"operations.{table}": OF_FACTORY for table in (
            "sensor_data", "scada_machine_data", "machine_faults")},
        "operations.maintenance_events": f"({OF_FACTORY} OR t.technician_id = %(subject)s)",
        "operations.sensor_health": (
            f"EXISTS (SELECT 1 FROM master.machines m WHERE m.machine_id = t.machine_id "
            f"AND m.factory_id = {FACTORY})"),
    },
    # The operations supervisor's factory.
    "operations_supervisor": {
        f"operations.{table}": OF_FACTORY for table in (
            "production_runs", "scada_machine_data", "machine_faults", "maintenance_events")
    },
}


def relation(qualified: str) -> sql.Composable:
    return sql.Identifier(*qualified.split("."))


def allowed(conn: psycopg.Connection, statement: sql.Composable) -> bool:
    """Whether the current role may run `statement` (inside a savepoint, undone)."""
    try:
        with conn.transaction():
            conn.execute(statement)
            raise psycopg.Rollback
    except psycopg.errors.InsufficientPrivilege:
        return False
    return True


@contextmanager
def acting(conn: psycopg.Connection, role: str, subject: str | None = None) -> Iterator[None]:
    """A transaction, rolled back at its end, in which the session acts as `role` for
    `subject` (SET ROLE and genims.subject_id, as a user would in psql)."""
    with conn.transaction(force_rollback=True):
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(role)))
        if subject is not None:
            conn.execute("SELECT set_config('genims.subject_id', %s, true)", (subject,))
        yield


def probe(conn: psycopg.Connection, table: str, oid: int, column: str) -> str:
    """The privileges the current role has on `table`, found by running each kind of
    statement (on no rows: a privilege is checked before any row is read). `oid` and
    `column` (its first) are looked up by the owner: a role may not see the schema."""
    target, first = relation(table), sql.Identifier(column)
    found = ""
    if allowed(conn, sql.SQL("SELECT * FROM {} LIMIT 0").format(target)):
        found += "S"
    elif conn.execute("SELECT has_any_column_privilege(%s, 'SELECT')", (oid,)).fetchone()[0]:
        found += "s"
    statements = {
        "I": "INSERT INTO {t} ({c}) SELECT NULL WHERE false",
        "U": "UPDATE {t} SET {c} = NULL WHERE false",
        "D": "DELETE FROM {t} WHERE false",
    }
    for letter, statement in statements.items():
        if allowed(conn, sql.SQL(statement).format(t=target, c=first)):
            found += letter
    return found


def all_tables() -> list[str]:
    return sorted(f"{schema}.{table}" for schema, tables in DOMAINS.items() for table in tables)


def fingerprint(conn: psycopg.Connection, table: str, where: str = "true",
                params: dict | None = None) -> tuple[int, str]:
    """Row count and a digest of the rows of `table` the current role sees (WHERE `where`)."""
    query = sql.SQL(
        "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "
        "FROM {} AS t WHERE " + where).format(relation(table))
    return tuple(conn.execute(query, params or {}).fetchone())


def matrix_text(matrix: dict[str, dict[str, str]]) -> str:
    return "\n".join(f"{role:<36} {table:<42} {privileges or '-'}"
                     for role, tables in sorted(matrix.items())
                     for table, privileges in sorted(tables.items()) if privileges)


@pytest.fixture(scope="module")
def matrix(conn) -> dict[str, dict[str, str]]:
    """The privileges every role has on every table of the four domains, by acting as it."""
    first_columns = {table: conn.execute(
        "SELECT %s::regclass::oid, attname FROM pg_attribute "
        "WHERE attrelid = %s::regclass AND attnum = 1", (table, table)).fetchone()
        for table in all_tables()}
    found: dict[str, dict[str, str]] = {}
    for role in EXPECTED:
        with acting(conn, role):
            found[role] = {table: probe(conn, table, *first_columns[table])
                           for table in all_tables()}
    return found


@pytest.fixture(scope="module")
def subjects(conn) -> dict[str, tuple[str, str]]:
    """Two subjects per row-scoped role: employees with the most labor on work orders (for
    the operator), one employee of each of two factories (for the factory-scoped roles)."""
    workers = [r[0] for r in conn.execute(
        "SELECT employee_id FROM manufacturing.labor_transactions WHERE work_order_id IS NOT NULL "
        "GROUP BY employee_id ORDER BY count(*) DESC, employee_id LIMIT 2")]
    per_factory = [r[0] for r in conn.execute(
        "SELECT min(employee_id) FROM master.employees GROUP BY factory_id ORDER BY 1 LIMIT 2")]
    assert len(workers) == 2 and len(per_factory) == 2
    return {role: tuple(workers if role == "manufacturing_shop_floor_operator" else per_factory)
            for role in ROW_RULES}


def test_the_build_creates_every_role_and_table(built, conn):
    roles = {r[0] for r in conn.execute(
        "SELECT rolname FROM pg_roles WHERE rolname ~ '^(master|operations|erp|manufacturing)_'")}
    assert roles == set(EXPECTED)
    for schema, tables in DOMAINS.items():
        found = {r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,))}
        assert found == tables, schema  # a new table needs its row in the matrix above


def test_every_role_has_exactly_its_privileges_on_every_table(matrix):
    wrong = [f"{role} on {table}: has {matrix[role][table] or '-'}, expected "
             f"{EXPECTED[role].get(table) or '-'}"
             for role in EXPECTED for table in all_tables()
             if matrix[role][table] != EXPECTED[role].get(table, "")]
    assert not wrong, "\n".join(wrong) + "\n\nfound:\n" + matrix_text(matrix)


def test_read_only_roles_cannot_write_anywhere(matrix):
    for role in READ_ONLY:
        writes = {table: p for table, p in matrix[role].items() if set(p) & set("IUD")}
        assert not writes, role
        assert any("S" in p for p in matrix[role].values()), role


def test_column_grants_expose_only_the_factory_of_employees_and_machines(conn, built):
    for role in ("operations_equipment_technician", "operations_supervisor"):
        with acting(conn, role):
            assert allowed(conn, sql.SQL("SELECT employee_id, factory_id FROM master.employees"))
            assert not allowed(conn, sql.SQL("SELECT first_name FROM master.employees"))


def test_unscoped_readers_see_every_row(conn, matrix):
    """Row-level security is on for some tables: a role without a row rule there still sees
    every row (it has a policy too), without any subject set."""
    checked = 0
    for role, tables in matrix.items():
        for table, privileges in tables.items():
            if "S" not in privileges or table in ROW_RULES.get(role, {}):
                continue
            owner_count = fingerprint(conn, table)[0]
            with acting(conn, role):
                assert fingerprint(conn, table)[0] == owner_count, (role, table)
            checked += 1
    assert checked == sum("S" in privileges and table not in ROW_RULES.get(role, {})
                          for role, tables in EXPECTED.items()
                          for table, privileges in tables.items())


@pytest.mark.parametrize("role", sorted(ROW_RULES))
def test_row_scoped_roles_see_their_subjects_rows(conn, built, subjects, role):
    first, second = subjects[role]
    seen = {}
    for subject in (first, second):
        for table, rule in ROW_RULES[role].items():
            expected = fingerprint(conn, table, rule, {"subject": subject})
            with acting(conn, role, subject):
                seen[subject, table] = fingerprint(conn, table)
            assert seen[subject, table] == expected, (role, subject, table)
    assert sum(seen[first, table][0] for table in ROW_RULES[role]) > 0, role
    assert any(seen[first, t] != seen[second, t] for t in ROW_RULES[role]), role
    assert any(seen[first, t][0] < fingerprint(conn, t)[0] for t in ROW_RULES[role]), role
    for table in ROW_RULES[role]:
        with acting(conn, role):  # no subject: nothing
            assert fingerprint(conn, table)[0] == 0, (role, table)
        with acting(conn, role, ""):
            assert fingerprint(conn, table)[0] == 0, (role, table)


def test_the_operator_writes_only_its_own_rows(conn, subjects):
    operator = "manufacturing_shop_floor_operator"
    subject, other = subjects[operator]
    own_operations = fingerprint(conn, "manufacturing.work_order_operations",
                                 ROW_RULES[operator]["manufacturing.work_order_operations"],
                                 {"subject": subject})[0]
    copy = ("INSERT INTO manufacturing.labor_transactions SELECT r.* FROM "
            "manufacturing.labor_transactions l, jsonb_populate_record(l, jsonb_build_object("
            "'labor_transaction_id', 'LT-COPY', 'employee_id', %s::text)) r LIMIT 1")
    with acting(conn, operator, subject):
        updated = conn.execute("UPDATE manufacturing.work_order_operations SET status = status")
        assert updated.rowcount == own_operations > 0
        assert conn.execute(copy, (subject,)).rowcount == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(copy, (other,))


def test_the_table_owner_is_not_subject_to_row_security(conn, built):
    """dbt tests and the expectations run as the owner: with row_security off, a query that
    row-level security would filter raises instead of returning fewer rows."""
    secured = [f"{s}.{t}" for s, t in conn.execute(
        "SELECT schemaname, tablename FROM pg_tables WHERE rowsecurity")]
    assert len(secured) >= 10
    with conn.transaction(force_rollback=True):
        conn.execute("SET LOCAL row_security = off")
        for table in secured:
            assert fingerprint(conn, table)[0] > 0, table


def _access_state(conn: psycopg.Connection) -> tuple[list, list]:
    """Every policy, and every table's row security, grants and column grants."""
    policies = conn.execute(
        "SELECT schemaname, tablename, policyname, roles::text, qual, with_check FROM pg_policies "
        "ORDER BY 1, 2, 3").fetchall()
    tables = conn.execute(
        """
        SELECT n.nspname, c.relname, c.relrowsecurity,
               (SELECT array_agg(acl::text ORDER BY acl::text) FROM unnest(c.relacl) acl),
               (SELECT array_agg(a.attname || a.attacl::text ORDER BY a.attname)
                FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attacl IS NOT NULL)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(%s) AND c.relkind = 'r' ORDER BY 1, 2
        """, (list(DOMAINS),)).fetchall()
    return policies, tables


def test_policies_and_grants_survive_a_rebuild(enterprise, conn, subjects):
    """A second dbt build recreates the tables (and drops the policies of other tables that
    read them, such as the operator's on work_orders, which reads labor_transactions). It
    rebuilds a few tables of the shared build from the same data."""
    before = _access_state(conn)
    operator = "manufacturing_shop_floor_operator"
    with acting(conn, operator, subjects[operator][0]):
        visible = fingerprint(conn, "manufacturing.work_orders")
    enterprise.ok("dbt", "build", "--select", "master__employees", "manufacturing__labor_transactions",
              "manufacturing__work_orders", "operations__sensor_data")
    after = _access_state(conn)
    assert len(before[0]) > 40 and len(before[1]) == sum(map(len, DOMAINS.values()))
    assert after == before
    with acting(conn, operator, subjects[operator][0]):
        assert fingerprint(conn, "manufacturing.work_orders") == visible


def test_a_subset_build_keeps_the_access_of_what_it_built(genims, db):
    genims.build("tiny", 42, "--domains", "master")
    assert db.execute("SELECT count(*) FROM pg_policies").fetchone()[0] == 0
    with acting(db, "master_viewer"):
        assert fingerprint(db, "master.employees")[0] > 0
        assert not allowed(db, sql.SQL("DELETE FROM master.employees"))
    with acting(db, "operations_supervisor"):
        assert allowed(db, sql.SQL("SELECT employee_id, factory_id FROM master.employees"))


@pytest.mark.parametrize(("grants", "row_filter", "message"), [
    ({"purchase_ordrs": ["select"]}, {}, "grants pattern 'purchase_ordrs' matches no mart"),
    ({"suppliers": ["selct"]}, {}, "unknown privilege 'selct'"),
    ({"suppliers": ["all"]}, {"suppliers": "supplier_id = :subject"},
     "TRUNCATE ignores row-level security"),
])
def test_a_wrong_declaration_stops_with_a_message(genims, grants, row_filter, message):
    role = {"name": "erp_clerk", "domain": "erp", "grants": grants, "row_filter": row_filter}
    result = genims.run("dbt", "run-operation", "access_plan", "--args",
                        json.dumps({"roles": [role]}))
    assert result.returncode == 1
    assert "access: role erp_clerk" in result.stdout and message in result.stdout, result.stdout


# ----------------------------------------- a build user with CREATEROLE but not SUPERUSER


@pytest.fixture(scope="module")
def builder(genims) -> Iterator[tuple[Genims, str, str]]:
    """A server of its own (roles are cluster-wide), whose build user `builder` owns the
    database and may create roles but is no superuser: a GENIMS_DSN setup. Its folder is
    outside pytest's, whose root another pytest session may close to the server's user."""
    from genims.embedded import EmbeddedServer

    root = Path(tempfile.mkdtemp(prefix="genims-builder-"))
    server = EmbeddedServer(root)
    port = server.start().port
    admin = server.uri(port)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE ROLE builder LOGIN CREATEROLE PASSWORD 'builder'")
        conn.execute("CREATE DATABASE builder OWNER builder")
    dsn = f"postgresql://builder:builder@127.0.0.1:{port}/builder"
    try:
        yield Genims(env={**genims.env, "GENIMS_DSN": dsn}, report_dir=genims.report_dir), dsn, admin
    finally:
        server.stop()
        shutil.rmtree(root)


def test_a_createrole_build_user_can_act_as_its_roles(builder):
    runner, dsn, _ = builder
    runner.build("tiny", 42, "--domains", "operations")  # its expectations pass: owner sees all
    with psycopg.connect(dsn, autocommit=True) as conn:
        assert not conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
                                ).fetchone()[0]
        table = "operations.production_runs"
        rule = ROW_RULES["operations_supervisor"][table]
        subject = conn.execute("SELECT min(employee_id) FROM master.employees").fetchone()[0]
        total = fingerprint(conn, table)[0]
        with conn.transaction(force_rollback=True):
            conn.execute("SET LOCAL row_security = off")  # raises if the owner were filtered
            assert fingerprint(conn, table)[0] == total
        expected = fingerprint(conn, table, rule, {"subject": subject})
        with acting(conn, "operations_supervisor", subject):
            assert fingerprint(conn, table) == expected and 0 < expected[0] < total


def test_without_createrole_the_build_skips_roles_and_grants_to_existing_ones(builder):
    runner, dsn, admin = builder
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("ALTER ROLE builder NOCREATEROLE")
    result = runner.ok("dbt", "run", "--select", "master__employees")
    assert result.stdout.count("has neither CREATEROLE nor SUPERUSER") == 1, result.stdout[-3000:]
    # master.employees was rebuilt, which dropped the policies reading it; both came back
    with psycopg.connect(dsn, autocommit=True) as conn:
        subject = conn.execute("SELECT min(employee_id) FROM master.employees").fetchone()[0]
        with acting(conn, "operations_supervisor", subject):
            assert allowed(conn, sql.SQL("SELECT employee_id, factory_id FROM master.employees"))
            assert fingerprint(conn, "operations.production_runs")[0] > 0
