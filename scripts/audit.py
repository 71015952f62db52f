"""Re-run the data audit of issue 9 against a database and print its figures.

    python scripts/audit.py                  the database genims uses (GENIMS_DSN or embedded)
    python scripts/audit.py --dsn URI        another one
    python scripts/audit.py --finding 2 7    only these findings
    python scripts/audit.py --degenerate     also list each domain's degenerate mart columns

The audit (../shared/reviews/data_audit_default.md: the `default` build, seed 42, as-of
2026-11-22) reports 13 findings with SQL and figures. Each figure here is one query, printed
next to the audit's number as a markdown table (# | figure | audit | now) for the closing note
of issue 9. A query that cannot run on the schema it finds (a column renamed, a table not
built) prints "n/a" and the database's reason, and the others still run. Windows are read
from the data (the operations window from the first SCADA sample, MES from the first work
order), so the figures stay comparable when the history windows change.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

AS_OF = "(select as_of from genims_meta.load_runs order by run_id desc limit 1)"
# days of history a domain holds, from its first event to the as-of instant
OPS_DAYS = (f"(select extract(epoch from {AS_OF} - date_trunc('day', min(timestamp))) / 86400.0 "
            "from operations.scada_machine_data)")
MES_DAYS = (f"(select extract(epoch from {AS_OF} - date_trunc('day', min(actual_start_time))) "
            "/ 86400.0 from manufacturing.work_orders)")
ERP_DAYS = (f"(select ({AS_OF})::date - min(order_date) from erp.sales_orders)")


def _overlap(a: str, b: str) -> str:
    """SQL: the intervals `a` and `b`, each "start, end" (end NULL: still open at the as-of
    instant), overlap."""
    (a_start, a_end), (b_start, b_end) = (x.split(",") for x in (a, b))
    return (f"{a_start.strip()} < coalesce({b_end.strip()}, {AS_OF}) "
            f"and {b_start.strip()} < coalesce({a_end.strip()}, {AS_OF})")


def _pct(value: float | None) -> str:
    return "n/a (no rows)" if value is None else f"{100 * float(value):.1f} %"


def _num(value, digits: int = 0) -> str:
    if value is None:
        return "-"
    return f"{float(value):,.{digits}f}"


@dataclass(frozen=True)
class Figure:
    """One figure of a finding: what it measures, the audit's value, and a query (or a
    function of the connection) returning one row that `show` turns into text."""

    finding: int
    label: str
    audit: str
    sql: str | Callable[[psycopg.Connection], tuple]
    show: Callable[[tuple], str]


def _fraction(row: tuple) -> str:
    part, whole = row[0], row[1]
    if not whole:
        return f"{_num(part)} of 0"
    return f"{_num(part)} of {_num(whole)} ({100 * float(part) / float(whole):.1f} %)"


def _first(digits: int = 0, unit: str = "") -> Callable[[tuple], str]:
    return lambda row: _num(row[0], digits) + unit


def _pair(fmt: str) -> Callable[[tuple], str]:
    return lambda row: fmt.format(*row)


FIGURES: list[Figure] = []


def figure(finding: int, label: str, audit: str, sql: str | Callable[[psycopg.Connection], tuple],
           show: Callable[[tuple], str] | None = None) -> None:
    FIGURES.append(Figure(finding, label, audit, sql, show or _first()))


# ----------------------------------------------------------------------------------- 1
# The PdM labels: fault rate, class balance, false alarms, leaks, lead times.

figure(1, "faults in the operations window; per machine and week", "944; 4.9",
       f"""select count(*), count(*) / (select count(*) from master.machines)::numeric
               / ({OPS_DAYS} / 7) from operations.machine_faults""",
       _pair("{0:,}; {1:.1f}"))
figure(1, "machines with 7 or more faults, of all machines", "57 of 192", """
    select count(*) filter (where faults >= 7), (select count(*) from master.machines)
    from (select machine_id, count(*) as faults from operations.machine_faults
          group by machine_id) as per_machine""", _fraction)
figure(1, "median time between faults on a machine", "23.4 h", """
    select percentile_cont(0.5) within group (order by hours) from (
        select extract(epoch from fault_start_time - lag(fault_end_time) over (
            partition by machine_id order by fault_start_time)) / 3600 as hours
        from operations.machine_faults) as gaps where hours is not null""", _first(1, " h"))
figure(1, "share of calendar time down (fault downtime / machines x window)", "10.25 %",
       f"""select sum(downtime_minutes) / ((select count(*) from master.machines)
               * {OPS_DAYS} * 1440.0) from operations.machine_faults""",
       lambda row: _pct(row[0]))
figure(1, "machines with 2+ bearing failures in one week; the most on one machine", "39; 6", """
    select count(*) filter (where failures >= 2), coalesce(max(failures), 0) from (
        select machine_id, max(in_week) as failures from (
            select machine_id, count(*) over (
                partition by machine_id order by fault_start_time
                range between current row and interval '7 days' following) as in_week
            from operations.machine_faults where fault_code = 'F-BRG') as sliding
        group by machine_id) as machines""", _pair("{0}; {1}"))

# the next fault start on the same machine after each SCADA sample, in one sorted pass
_NEXT_FAULT = """
    with events as (
        select machine_id, "timestamp" as at, 0 as is_fault from operations.scada_machine_data
        union all
        select machine_id, fault_start_time, 1 from operations.machine_faults
    ),
    ahead as (
        select is_fault, at, min(case when is_fault = 1 then at end) over (
            partition by machine_id order by at, is_fault
            rows between current row and unbounded following) as next_fault
        from events
    )"""
figure(1, "class balance: machine half-hours (their next 24 h observed) with a fault starting "
       "within 24 h; within 7 d", "64.5 %; 96.2 %", _NEXT_FAULT + f"""
    select avg(coalesce(next_fault <= at + interval '24 hours', false)::int),
           avg(coalesce(next_fault <= at + interval '7 days', false)::int)
    from ahead where is_fault = 0 and at < {AS_OF} - interval '24 hours'""",
       lambda row: f"{_pct(row[0])}; {_pct(row[1])}")

_CONTRIBUTING = """
    contributing as (
        select distinct trim(sensor) as sensor_id, faults.fault_start_time as at
        from operations.machine_faults as faults,
            unnest(string_to_array(faults.contributing_sensors, ',')) as sensor
    )"""
figure(1, "warning/critical readings followed within 7 d by a fault their sensor contributes to",
       "50,811 of 50,811 (100 %)", "with" + _CONTRIBUTING + """,
    events as (
        select sensor_id, "timestamp" as at, 0 as is_fault from operations.sensor_data
        where status in ('warning', 'critical')
        union all
        select sensor_id, at, 1 from contributing
    ),
    ahead as (
        select is_fault, at, min(case when is_fault = 1 then at end) over (
            partition by sensor_id order by at, is_fault
            rows between current row and unbounded following) as next_fault
        from events
    )
    select count(*) filter (where next_fault <= at + interval '7 days'), count(*)
    from ahead where is_fault = 0""", _fraction)
figure(1, "is_anomaly share of sensors that never contribute to a fault", "0.00 %",
       "with" + _CONTRIBUTING + """
    select avg(is_anomaly::int) from operations.sensor_data
    where sensor_id not in (select sensor_id from contributing)""",
       lambda row: "n/a (no rows)" if row[0] is None else f"{100 * float(row[0]):.2f} %")
figure(1, "readings in a fault window with status 'fault'; all readings with status 'fault'",
       "100 %; 10.6 %", """
    select (select avg((readings.status = 'fault')::int)
            from operations.sensor_data as readings
            inner join operations.machine_faults as faults
                on readings.machine_id = faults.machine_id
                and readings."timestamp" >= faults.fault_start_time
                and readings."timestamp" < coalesce(faults.fault_end_time, 'infinity')),
           (select avg((status = 'fault')::int) from operations.sensor_data)""",
       lambda row: f"{_pct(row[0])}; {_pct(row[1])}")
figure(1, "fault root-cause texts that state the lead time ('... h before the fault')", "all",
       r"""select count(*) filter (where root_cause_description ~* '[0-9.]+ ?h(ours)? before'),
                  count(*) from operations.machine_faults""", _fraction)
figure(1, "bearing (F-BRG) warning lead: median; max (README: 7-21 days)", "19.5 h; 122.6 h", """
    select percentile_cont(0.5) within group (order by advance_warning_hours),
           max(advance_warning_hours)
    from operations.machine_faults where fault_code = 'F-BRG'""",
       _pair("{0:.1f} h; {1:.1f} h"))

# ----------------------------------------------------------------------------------- 2
# Prices against standard cost; the ledger.

_LINE_COST = """
    from erp.sales_order_lines as lines
    inner join erp.materials as materials on lines.material_id = materials.material_id"""
figure(2, "gross margin (revenue, standard COGS)", "-31.2 % (27.59 M, 36.19 M)", f"""
    select 1 - sum(lines.order_quantity * materials.standard_cost) / nullif(sum(lines.net_price), 0),
           sum(lines.net_price) / 1e6, sum(lines.order_quantity * materials.standard_cost) / 1e6
    {_LINE_COST}""",
       lambda row: f"{100 * float(row[0]):.1f} % ({row[1]:.2f} M, {row[2]:.2f} M)")
figure(2, "sales lines priced below standard cost; p10 of price / cost", "390 of 948; 0.105", f"""
    select count(*) filter (where lines.net_price < lines.order_quantity * materials.standard_cost),
           count(*),
           percentile_cont(0.1) within group (
               order by lines.net_price / nullif(lines.order_quantity * materials.standard_cost, 0))
    {_LINE_COST}""", lambda row: f"{_fraction(row)}; {row[2]:.3f}")
figure(2, "sales lines without an active customer-product agreement", "290 of 948", """
    select count(*) filter (where mapping.customer_id is null), count(*)
    from erp.sales_order_lines as lines
    inner join erp.sales_orders as orders on lines.sales_order_id = orders.sales_order_id
    left join master.customer_product_mapping as mapping
        on orders.customer_id = mapping.customer_id and lines.product_id = mapping.product_id
        and mapping.is_active""", _fraction)
figure(2, "widest price spread within one product (max / min unit price)", "18-fold", """
    select max(unit_price) / nullif(min(unit_price), 0) as spread, max(material_description)
    from erp.sales_order_lines group by material_id order by spread desc nulls last limit 1""",
       lambda row: f"{row[0]:.1f}-fold ({row[1]})")
figure(2, "GL accounts used; transaction codes; cleared rows", "10; MIGO only; 0 of 12,766", """
    select count(distinct gl_account), string_agg(distinct transaction_code, ', '),
           count(*) filter (where cleared), count(*) from erp.general_ledger""",
       lambda row: f"{row[0]}; {row[1]}; {row[2]:,} of {row[3]:,}")
figure(2, "GR/IR (191100) balance, never cleared", "-4.99 M", """
    select sum(coalesce(debit_amount, 0) - coalesce(credit_amount, 0)) / 1e6
    from erp.general_ledger where gl_account = '191100'""", _first(2, " M"))

# ----------------------------------------------------------------------------------- 3
# Operations and MES: one floor?

figure(3, "production runs that join a MES work order", "0 of 1,848", """
    select count(*) filter (where exists (
               select 1 from manufacturing.work_orders as orders
               where orders.work_order_id = runs.work_order_number
                  or orders.work_order_number = runs.work_order_number)),
           count(*)
    from operations.production_runs as runs""", _fraction)
figure(3, "units made in the operations window: ops runs; MES final operations",
       "68,160; 39,767", f"""
    with window_start as (select {AS_OF} - make_interval(secs => {OPS_DAYS} * 86400) as at),
    final as (
        select completed_quantity, actual_end_time,
            row_number() over (partition by work_order_id order by operation_sequence desc) as last
        from manufacturing.work_order_operations
    )
    select (select sum(actual_quantity) from operations.production_runs),
           (select sum(completed_quantity) from final
            where last = 1 and actual_end_time >= (select at from window_start))""",
       _pair("{0:,}; {1:,}"))
figure(3, "(line, time) overlaps of ops runs and MES work orders running another product",
       "1,307 of 3,074", f"""
    select count(*) filter (where runs.product_id <> orders.product_id), count(*)
    from operations.production_runs as runs
    inner join manufacturing.work_orders as orders
        on runs.line_id = orders.line_id
        and {_overlap("orders.actual_start_time, orders.actual_end_time",
                      "runs.run_start_time, runs.run_end_time")}""", _fraction)
_MES_MACHINE_FAULTS = """
    with faults as (
        select * from operations.machine_faults
        where machine_id in (select machine_id from manufacturing.work_order_operations)
    )"""
figure(3, "ops faults on machines MES uses that MES books as downtime", "12 of 369",
       _MES_MACHINE_FAULTS + f"""
    select count(*) filter (where exists (
               select 1 from manufacturing.downtime_events as stops
               where stops.machine_id = faults.machine_id
                 and {_overlap("stops.downtime_start, stops.downtime_end",
                               "faults.fault_start_time, faults.fault_end_time")})),
           count(*)
    from faults""", _fraction)
figure(3, "ops faults a MES operation runs through; the efficiency of those operations",
       "115; 91.6 %", _MES_MACHINE_FAULTS + f"""
    select count(distinct faults.fault_id), avg(operations.efficiency_percentage)
    from manufacturing.work_order_operations as operations
    inner join faults
        on operations.machine_id = faults.machine_id
        and {_overlap("operations.actual_start_time, operations.actual_end_time",
                      "faults.fault_start_time, faults.fault_end_time")}
    """, lambda row: f"{row[0]:,}; {_num(row[1], 1)} %")
figure(3, "MES breakdowns in the operations window that overlap an ops fault", "14 of 42", f"""
    select count(*) filter (where exists (
               select 1 from operations.machine_faults as faults
               where faults.machine_id = stops.machine_id
                 and {_overlap("stops.downtime_start, stops.downtime_end",
                               "faults.fault_start_time, faults.fault_end_time")})),
           count(*)
    from manufacturing.downtime_events as stops
    where stops.downtime_category = 'breakdown'
      and stops.downtime_start >= (select min("timestamp") from operations.scada_machine_data)""",
       _fraction)

# ----------------------------------------------------------------------------------- 4
# Maintenance against the master schedule; idle lines.

figure(4, "maintenance events; per machine; share of calendar time in maintenance",
       "2,006; 10.4; 17.0 %", f"""
    select count(*), count(*) / (select count(*) from master.machines)::numeric,
           sum(duration_minutes) / ((select count(*) from master.machines) * {OPS_DAYS} * 1440.0)
    from operations.maintenance_events""",
       lambda row: f"{row[0]:,}; {row[1]:.1f}; {_pct(row[2])}")
figure(4, "planned services (preventive, predictive) per machine and week, by schedule",
       "quarterly 5.6, monthly 5.5", f"""
    select string_agg(schedule || ' ' || round(per_week, 1), ', ' order by schedule desc) from (
        select machines.maintenance_schedule as schedule,
               count(events.maintenance_id)::numeric / count(distinct machines.machine_id)
               / ({OPS_DAYS} / 7) as per_week
        from master.machines as machines
        left join operations.maintenance_events as events
            on machines.machine_id = events.machine_id
            and events.maintenance_type in ('preventive', 'predictive')
        group by machines.maintenance_schedule) as schedules""", lambda row: row[0])
figure(4, "pairs of maintenance events overlapping on a machine; planned ones overlapping a fault",
       "229; 175", f"""
    select (select count(*) from operations.maintenance_events as a
            inner join operations.maintenance_events as b
                on a.machine_id = b.machine_id and a.maintenance_id < b.maintenance_id
                and {_overlap("a.actual_start, a.actual_end", "b.actual_start, b.actual_end")}),
           (select count(distinct events.maintenance_id) from operations.maintenance_events as events
            inner join operations.machine_faults as faults
                on events.machine_id = faults.machine_id
                and {_overlap("events.actual_start, events.actual_end",
                              "faults.fault_start_time, faults.fault_end_time")}
            where events.maintenance_type in ('preventive', 'predictive'))""",
       _pair("{0:,}; {1:,}"))
figure(4, "lines making no product: lines; their faults, lost units, fault cost; maintenance",
       "3; 137, 55,818, $833k; 306", """
    with idle as (
        select line_id from master.production_lines
        where line_id not in (select line_id from master.line_product_mapping)
    )
    select (select count(*) from idle),
           (select count(*) from operations.machine_faults where line_id in (select line_id from idle)),
           (select coalesce(sum(production_loss_units), 0) from operations.machine_faults
            where line_id in (select line_id from idle)),
           (select coalesce(sum(estimated_cost_usd), 0) / 1000 from operations.machine_faults
            where line_id in (select line_id from idle)),
           (select count(*) from operations.maintenance_events
            where line_id in (select line_id from idle))""",
       _pair("{0}; {1:,}, {2:,}, ${3:,.0f}k; {4:,}"))
figure(4, "faults starting while the machine is stopped; mean lost units stopped / running",
       "147; 468 / 475", """
    with events as (
        select machine_id, "timestamp" as at, 0 as is_fault, machine_state,
            null::integer as lost
        from operations.scada_machine_data
        union all
        select machine_id, fault_start_time, 1, null, production_loss_units
        from operations.machine_faults
    ),
    numbered as (
        select *, count(*) filter (where is_fault = 0) over (
            partition by machine_id order by at, is_fault rows unbounded preceding) as sample
        from events
    ),
    stated as (
        select is_fault, lost, max(machine_state) over (partition by machine_id, sample) as state
        from numbered
    )
    select count(*) filter (where state = 'stopped'),
           avg(lost) filter (where state = 'stopped'), avg(lost) filter (where state = 'running')
    from stated where is_fault = 1""",
       lambda row: f"{row[0]:,}; {_num(row[1])} / {_num(row[2])}")
figure(4, "running SCADA samples of inactive machines", "1,090", """
    select count(*) from operations.scada_machine_data as samples
    inner join master.machines as machines on samples.machine_id = machines.machine_id
    where machines.status = 'inactive' and samples.machine_state = 'running'""",
       _first())

# ----------------------------------------------------------------------------------- 5
# "Today" and the history windows.

figure(5, "rows on the as-of day: sensor_data, scada, work orders, sales orders, stock moves",
       "0, 0, 0, 0, 0", f"""
    select (select count(*) from operations.sensor_data where "timestamp"::date = ({AS_OF})::date),
           (select count(*) from operations.scada_machine_data
            where "timestamp"::date = ({AS_OF})::date),
           (select count(*) from manufacturing.work_orders
            where actual_start_time::date = ({AS_OF})::date),
           (select count(*) from erp.sales_orders where order_date = ({AS_OF})::date),
           (select count(*) from erp.inventory_transactions where posting_date = ({AS_OF})::date)""",
       lambda row: ", ".join(f"{v:,}" for v in row))
figure(5, "stamped at or after the as-of instant: sensor_health rows, MRP runs, calibrations",
       "1,457, 4, 8", f"""
    select (select count(*) from operations.sensor_health where "timestamp" >= {AS_OF}),
           (select count(*) from erp.mrp_runs where started_at >= {AS_OF}
                or planning_date >= ({AS_OF})::date),
           (select count(*) from master.sensors where calibration_date >= ({AS_OF})::date)""",
       _pair("{0:,}, {1:,}, {2:,}"))
figure(5, "days of history: operations, MES, ERP", "7, 30, 90",
       f"select {OPS_DAYS}, {MES_DAYS}, {ERP_DAYS}", _pair("{0:.0f}, {1:.0f}, {2}"))
figure(5, "make-to-order lines delivered without a production order", "228", """
    select count(*) from erp.sales_order_lines
    where make_to_order and production_order_id is null and delivered_quantity > 0""", _first())

# ----------------------------------------------------------------------------------- 6
# Weekends and shifts.


def _by_weekday(table_sql: str) -> str:
    """Sat, Sun and the weekday range of a (iso weekday, value) query."""
    return f"""
    with days as ({table_sql})
    select sum(value) filter (where dow = 6), sum(value) filter (where dow = 7),
           min(value) filter (where dow <= 5), max(value) filter (where dow <= 5)
    from days"""


def _weekdays(row: tuple) -> str:
    return f"Sat {_num(row[0])}, Sun {_num(row[1])}, weekdays {_num(row[2])}-{_num(row[3])}"
figure(6, "SCADA share of samples running, by day (percent)", "Sat/Sun 29-30, weekdays 62-64",
       _by_weekday("""select extract(isodow from "timestamp") as dow,
                             100 * avg((machine_state = 'running')::int) as value
                      from operations.scada_machine_data group by 1"""), _weekdays)
figure(6, "MES work-order starts by day", "Sat 121, weekdays 81-107",
       _by_weekday("""select extract(isodow from actual_start_time) as dow, count(*) as value
                      from manufacturing.work_orders where actual_start_time is not null
                      group by 1"""), _weekdays)
figure(6, "MES labour hours by day", "Sat 7,121, Sun 6,212, weekdays 4,384-5,812",
       _by_weekday("""select extract(isodow from clock_in_time) as dow, sum(actual_hours) as value
                      from manufacturing.labor_transactions group by 1"""), _weekdays)
figure(6, "labour entries per shift code (fewest-most; codes)", "2,060-2,291 over 6 codes", """
    select min(entries), max(entries), count(*) from (
        select substring(shift_id from '[^-]+$') as code, count(*) as entries
        from manufacturing.labor_transactions group by 1) as codes""",
       _pair("{0:,}-{1:,} over {2} codes"))
figure(6, "work orders started 22:00-05:00; MES operations on night shift C", "0; 312", """
    select (select count(*) from manufacturing.work_orders
            where extract(hour from actual_start_time) >= 22
               or extract(hour from actual_start_time) < 5),
           (select count(*) from manufacturing.work_order_operations where shift_id like '%-C')""",
       _pair("{0:,}; {1:,}"))
figure(6, "sales orders by day", "Sat 61, Sun 69, weekdays 66-72",
       _by_weekday("""select extract(isodow from order_date) as dow, count(*) as value
                      from erp.sales_orders group by 1"""), _weekdays)
figure(6, "goods receipts on weekends", "169 of 565 (30 %)", """
    select count(*) filter (where extract(isodow from gr_date) >= 6), count(*)
    from erp.goods_receipts""", _fraction)

# ----------------------------------------------------------------------------------- 7
# Degenerate columns.

NOT_MARTS = ("raw_", "staging", "intermediate", "genims_meta", "dbt_", "pg_", "information_schema",
             "public")
UNORDERED = ("json", "jsonb", "point", "xml")


def degenerate_columns(conn: psycopg.Connection) -> list[tuple[str, str, str, int, str | None]]:
    """(schema, table, column, rows, the one value or None if entirely NULL) of every mart
    column that is entirely NULL or single-valued, at any table size: one pass per table
    (count, min, max), as the dbt test no_degenerate_columns does."""
    columns = conn.execute(
        """select c.table_schema, c.table_name, c.column_name, c.data_type
           from information_schema.columns as c
           inner join information_schema.tables as t
               on t.table_schema = c.table_schema and t.table_name = c.table_name
           where t.table_type = 'BASE TABLE'
           order by c.table_schema, c.table_name, c.ordinal_position""").fetchall()
    tables: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for schema, table, column, data_type in columns:
        if not schema.startswith(NOT_MARTS):
            tables.setdefault((schema, table), []).append((column, data_type))
    found = []
    for (schema, table), cols in tables.items():
        parts = ["count(*)"]
        for column, data_type in cols:
            quoted = f'"{column}"'
            value = f"{quoted}::text" if data_type in UNORDERED else quoted
            low, high = ("bool_and", "bool_or") if data_type == "boolean" else ("min", "max")
            parts += [f"count({quoted})", f"{low}({value})::text", f"{high}({value})::text"]
        row = conn.execute(f'select {", ".join(parts)} from "{schema}"."{table}"').fetchone()
        rows = row[0]
        for k, (column, _) in enumerate(cols):
            non_null, low, high = row[1 + 3 * k: 4 + 3 * k]
            if rows and (non_null == 0 or low == high):
                found.append((schema, table, column, rows, None if non_null == 0 else low))
    return found


def _degenerate_counts(conn: psycopg.Connection) -> tuple:
    found = degenerate_columns(conn)
    return (sum(value is None for *_, value in found), sum(value is not None for *_, value in found))


figure(7, "mart columns entirely NULL; single-valued (any table size)", "46; about 110",
       _degenerate_counts, _pair("{0}; {1}"))
figure(7, "sensor_data 1-minute min/max/avg equal to the reading; std_dev_1min NULL",
       "100 %; 100 %", """
    select avg((min_value_1min = measurement_value and max_value_1min = measurement_value
                and avg_value_1min = measurement_value)::int),
           avg((std_dev_1min is null)::int) from operations.sensor_data""",
       lambda row: f"{_pct(row[0])}; {_pct(row[1])}")
figure(7, "sensor_health packet-loss values; rows with noise_level 9999", "0/25/50/75; some", """
    select (select string_agg(distinct trim_scale(packet_loss_percentage)::text, '/')
            from (select packet_loss_percentage from operations.sensor_health
                  group by 1 order by 1 limit 6) as values_),
           (select count(*) from operations.sensor_health where noise_level >= 9999)""",
       _pair("{0}; {1:,}"))
figure(7, "single values that matter: sync_status, downtime status, GR quality status",
       "completed, resolved, unrestricted", """
    select (select string_agg(distinct sync_status, '/') from erp.erp_mes_sync_log),
           (select string_agg(distinct status, '/') from manufacturing.downtime_events),
           (select string_agg(distinct quality_status, '/') from erp.goods_receipts)""",
       _pair("{0}; {1}; {2}"))
figure(7, "MRP runs' purchase reqs / production orders created (max); changeover types",
       "0 / 0; product_change", """
    select (select max(purchase_reqs_created) from erp.mrp_runs),
           (select max(production_orders_created) from erp.mrp_runs),
           (select string_agg(distinct changeover_type, '/') from manufacturing.changeover_events)""",
       _pair("{0} / {1}; {2}"))
figure(7, "schedule rows without material; MES material_shortage downtimes", "0; 106", """
    select (select count(*) from manufacturing.production_schedule where not material_available),
           (select count(*) from manufacturing.downtime_events
            where downtime_category = 'material_shortage')""", _pair("{0:,}; {1:,}"))
figure(7, "inventory balances with quality-inspection, blocked, consignment or transit stock",
       "0 of 748", """
    select count(*) filter (where quality_inspection_stock + blocked_stock + consignment_stock
                                  + in_transit_stock <> 0), count(*)
    from erp.inventory_balances""", _fraction)

# ----------------------------------------------------------------------------------- 8
# Free text.


def _distinct(table: str, column: str) -> str:
    return f"select count(distinct {column}), count({column}) from {table}"


_DISTINCT = _pair("{0:,} distinct in {1:,}")
figure(8, "downtime resolution actions", "8 distinct in 650",
       _distinct("manufacturing.downtime_events", "resolution_action"), _DISTINCT)
figure(8, "downtime reason descriptions of the form '<Category> on MCH-nnnnn'", "all", r"""
    select count(*) filter (where downtime_reason_description ~ '^[A-Za-z ]+ on MCH-[0-9]+$'),
           count(*) from manufacturing.downtime_events""", _fraction)
figure(8, "defect root-cause descriptions", "'Root cause traced to <6M>.'",
       _distinct("manufacturing.defects", "root_cause_description"), _DISTINCT)
figure(8, "defect descriptions", "60 variants",
       _distinct("manufacturing.defects", "defect_description"), _DISTINCT)
figure(8, "operation safety notes", "1 distinct in 2,243",
       _distinct("manufacturing.work_order_operations", "safety_notes"), _DISTINCT)
figure(8, "operation names of the form '<verb> step N'", "all", r"""
    select count(*) filter (where operation_name ~ ' step [0-9]+$'), count(*)
    from manufacturing.work_order_operations""", _fraction)
figure(8, "maintenance event notes", "1 distinct",
       _distinct("operations.maintenance_events", "notes"), _DISTINCT)
figure(8, "fault root-cause descriptions; fault resolution actions", "(not counted)", """
    select count(distinct root_cause_description), count(distinct resolution_action), count(*)
    from operations.machine_faults""", _pair("{0:,} and {1:,} distinct in {2:,}"))

# ----------------------------------------------------------------------------------- 9
# Scales.

_GOOD_PER_DAY = f"(select sum(good_quantity) / {MES_DAYS} from manufacturing.work_orders)"
figure(9, "employees (operators); good units a day; per operator and day",
       "12,833 (7,337); 5,573; 0.76", f"""
    select (select count(*) from master.employees),
           (select count(*) from master.employees where role = 'operator'),
           {_GOOD_PER_DAY},
           {_GOOD_PER_DAY} / (select count(*) from master.employees where role = 'operator')""",
       _pair("{0:,} ({1:,}); {2:,.0f}; {3:.2f}"))
figure(9, "annualised revenue; per employee and year", "$111.9 M; $8,720", f"""
    select sum(net_price) * 365 / {ERP_DAYS} / 1e6,
           sum(net_price) * 365 / {ERP_DAYS} / (select count(*) from master.employees)
    from erp.sales_order_lines""", _pair("${0:,.1f} M; ${1:,.0f}"))
figure(9, "MES good units in its window; units ordered in it; finished-goods stock",
       "167,190; 71,100; 114,796", f"""
    select (select sum(good_quantity) from manufacturing.work_orders),
           (select sum(lines.order_quantity) from erp.sales_order_lines as lines
            inner join erp.sales_orders as orders on lines.sales_order_id = orders.sales_order_id
            where orders.order_date >= ({AS_OF})::date - {MES_DAYS}::integer),
           (select sum(balances.unrestricted_stock) from erp.inventory_balances as balances
            inner join erp.materials as materials on balances.material_id = materials.material_id
            where materials.material_type = 'finished_good')""",
       _pair("{0:,.0f}; {1:,.0f}; {2:,.0f}"))
figure(9, "customers' annual volume estimates; their annualised ordered units (ranges)",
       "6.9k-23.8k; 56k-83k", f"""
    select min(customers.annual_volume_estimate)::float8, max(customers.annual_volume_estimate)::float8,
           min(ordered.units)::float8, max(ordered.units)::float8
    from master.customers as customers
    inner join (
        select orders.customer_id, sum(lines.order_quantity) * 365 / {ERP_DAYS} as units
        from erp.sales_order_lines as lines
        inner join erp.sales_orders as orders on lines.sales_order_id = orders.sales_order_id
        group by orders.customer_id) as ordered
        on customers.customer_id = ordered.customer_id""",
       lambda row: f"{row[0] / 1e3:.1f}k-{row[1] / 1e3:.1f}k; {row[2] / 1e3:.0f}k-{row[3] / 1e3:.0f}k")
figure(9, "ops runs' output / the line's installed capacity; mean product cycle vs line s/unit",
       "27 %; 229 s vs 39 s", """
    select sum(runs.actual_quantity) / nullif(sum(runs.actual_duration_minutes / 60.0
               * lines.installed_capacity_units_per_hour), 0),
           (select avg(standard_cycle_time_seconds) from master.products),
           (select avg(3600.0 / nullif(installed_capacity_units_per_hour, 0))
            from master.production_lines)
    from operations.production_runs as runs
    inner join master.production_lines as lines on runs.line_id = lines.line_id""",
       lambda row: f"{_pct(row[0])}; {_num(row[1])} s vs {_num(row[2])} s")
figure(9, "SCADA running machines' rate / design capacity", "87 %", """
    select avg(3600.0 / nullif(samples.actual_cycle_time_seconds, 0)
               / nullif(machines.design_capacity_units_per_hour, 0))
    from operations.scada_machine_data as samples
    inner join master.machines as machines on samples.machine_id = machines.machine_id
    where samples.machine_state = 'running'""", lambda row: _pct(row[0]))
figure(9, "production runs: median units; median minutes; 1-unit targets; NULL OEE",
       "11; 46; 257; 371 (20 %)", """
    select percentile_cont(0.5) within group (order by actual_quantity),
           percentile_cont(0.5) within group (order by actual_duration_minutes),
           count(*) filter (where target_quantity = 1),
           count(*) filter (where oee_percentage is null), count(*)
    from operations.production_runs""",
       lambda row: f"{row[0]:.0f}; {row[1]:.0f}; {row[2]:,}; {row[3]:,} "
                   f"({100 * row[3] / max(row[4], 1):.0f} %)")

# ----------------------------------------------------------------------------------- 10
# Inventory and purchasing.

figure(10, "materials out of stock; below safety stock; above maximum stock (of materials)",
       "0; 0; 186 of 200", """
    with stock as (
        select material_id, sum(unrestricted_stock) as on_hand
        from erp.inventory_balances group by material_id
    )
    select count(*) filter (where coalesce(stock.on_hand, 0) <= 0),
           count(*) filter (where coalesce(stock.on_hand, 0) < materials.safety_stock),
           count(*) filter (where stock.on_hand > materials.maximum_stock), count(*)
    from erp.materials as materials
    left join stock on materials.material_id = stock.material_id""",
       _pair("{0}; {1}; {2} of {3}"))
figure(10, "bought materials in no BOM; their share of PO spend", "107; 65 % (4.08 M of 6.24 M)",
       """
    with unused as (
        select material_id from erp.materials
        where procurement_type = 'buy'
          and material_id not in (select material_id from erp.bom_components)
    )
    select (select count(*) from unused),
           sum(net_price) filter (where material_id in (select material_id from unused)) / 1e6,
           sum(net_price) / 1e6
    from erp.purchase_order_lines""",
       lambda row: f"{row[0]}; {100 * row[1] / row[2]:.0f} % ({row[1]:.2f} M of {row[2]:.2f} M)")
figure(10, "consumables issued to production", "0 of 22", """
    select count(*) filter (where material_id in (
               select material_id from erp.inventory_transactions where movement_type = '261')),
           count(*)
    from erp.materials where material_type = 'consumable'""", _pair("{0} of {1}"))
figure(10, "BOM components per BOM; components of 'complex' products", "3-8; 31-86", """
    select (select min(n) from (select count(*) as n from erp.bom_components group by bom_id) as b),
           (select max(n) from (select count(*) as n from erp.bom_components group by bom_id) as b),
           (select min(number_of_components) from master.products
            where bill_of_material_complexity = 'complex'),
           (select max(number_of_components) from master.products
            where bill_of_material_complexity = 'complex')""", _pair("{0}-{1}; {2}-{3}"))
figure(10, "balances counted on the most common last_count_date", "747 of 748", """
    select max(n), sum(n) from (
        select count(*) as n from erp.inventory_balances group by last_count_date) as dates""",
       _pair("{0:,} of {1:,}"))

# ----------------------------------------------------------------------------------- 11
# Delivery performance.

figure(11, "customer deliveries on or before the confirmed date", "842 of 842 (100 %)", """
    select count(*) filter (where moves.posting_date <= lines.confirmed_delivery_date), count(*)
    from erp.inventory_transactions as moves
    inner join erp.sales_order_lines as lines
        on moves.sales_order_id = lines.sales_order_id and moves.material_id = lines.material_id
    where moves.movement_type = '601'""", _fraction)
figure(11, "goods receipts on or before the PO line's delivery date; supplier on-time range",
       "30.8 %; 14-60 %", """
    select avg((receipts.gr_date <= lines.delivery_date)::int),
           (select min(on_time_delivery_percentage) from erp.suppliers),
           (select max(on_time_delivery_percentage) from erp.suppliers)
    from erp.goods_receipts as receipts
    inner join erp.purchase_order_lines as lines on receipts.po_line_id = lines.po_line_id""",
       lambda row: f"{_pct(row[0])}; {row[1]:.0f}-{row[2]:.0f} %")
figure(11, "MTO lines with a production order left partially delivered; mean shortfall; overdue",
       "240 of 275; 4.9; 144", f"""
    select count(*) filter (where line_status = 'partially_delivered'), count(*),
           avg(order_quantity - delivered_quantity) filter (where line_status = 'partially_delivered'),
           count(*) filter (where line_status = 'partially_delivered'
                            and requested_delivery_date < ({AS_OF})::date)
    from erp.sales_order_lines where make_to_order and production_order_id is not null""",
       lambda row: f"{_fraction(row)}; {_num(row[2], 1)}; {row[3]:,}")

# ----------------------------------------------------------------------------------- 12
# Quality records.

figure(12, "units in defect records; units scrapped and reworked", "460; 7,606", """
    select (select sum(quantity_affected) from manufacturing.defects),
           (select sum(scrapped_quantity + rework_quantity) from manufacturing.work_orders)""",
       _pair("{0:,}; {1:,}"))
figure(12, "work orders with scrap that have no defect record", "517 of 594", """
    select count(*) filter (where work_order_id not in (
               select work_order_id from manufacturing.defects)), count(*)
    from manufacturing.work_orders where scrapped_quantity > 0""", _fraction)
figure(12, "MES inspections whose plan exists in ERP; characteristics they measure",
       "0 of 1,270; 1", """
    select count(*) filter (where inspection_plan_id in (
               select inspection_plan_id from erp.inspection_plans)), count(*),
           (select count(distinct measured_values ->> 'characteristic')
            from manufacturing.quality_inspections)
    from manufacturing.quality_inspections""", lambda row: f"{_fraction(row)}; {row[2]}")
figure(12, "scrap rate (ppm) of finished work orders against the products' mean target",
       "21,638 vs 380", """
    select 1e6 * sum(scrapped_quantity) / nullif(sum(produced_quantity), 0),
           (select avg(target_quality_ppm) from master.products)
    from manufacturing.work_orders where status in ('completed', 'closed')""",
       _pair("{0:,.0f} vs {1:,.0f}"))

# ----------------------------------------------------------------------------------- 13
# Minor realism.

figure(13, "motor current / speed while stopped vs running (position in the normal band)",
       "current 41 % vs 59 %, speed 41 % vs 57 %", """
    with events as (
        select machine_id, "timestamp" as at, 0 as is_reading, machine_state,
            null::text as sensor_type, null::numeric as level
        from operations.scada_machine_data
        union all
        select readings.machine_id, readings."timestamp", 1, null, sensors.sensor_type,
            (readings.measurement_value - sensors.normal_operating_min)
            / nullif(sensors.normal_operating_max - sensors.normal_operating_min, 0)
        from operations.sensor_data as readings
        inner join master.sensors as sensors on readings.sensor_id = sensors.sensor_id
        where sensors.sensor_type in ('current', 'speed')
    ),
    numbered as (
        select *, count(*) filter (where is_reading = 0) over (
            partition by machine_id order by at, is_reading rows unbounded preceding) as sample
        from events
    ),
    -- the machine's state at a reading: its latest SCADA sample's
    stated as (
        select is_reading, sensor_type, level,
            max(machine_state) over (partition by machine_id, sample) as machine_state
        from numbered
    )
    select avg(level) filter (where sensor_type = 'current' and machine_state = 'stopped'),
           avg(level) filter (where sensor_type = 'current' and machine_state = 'running'),
           avg(level) filter (where sensor_type = 'speed' and machine_state = 'stopped'),
           avg(level) filter (where sensor_type = 'speed' and machine_state = 'running')
    from stated where is_reading = 1""",
       lambda row: f"current {_pct(row[0])} vs {_pct(row[1])}, speed {_pct(row[2])} vs "
                   f"{_pct(row[3])}")
figure(13, "supplier countries / currencies; sales lines taxed G18 for customers outside India",
       "India / USD; all", """
    select (select string_agg(distinct country, ', ') from erp.suppliers),
           (select string_agg(distinct currency, ', ') from erp.suppliers),
           count(*) filter (where lines.tax_code = 'G18' and customers.country <> 'India'),
           count(*) filter (where customers.country <> 'India')
    from erp.sales_order_lines as lines
    inner join erp.sales_orders as orders on lines.sales_order_id = orders.sales_order_id
    inner join master.customers as customers on orders.customer_id = customers.customer_id""",
       lambda row: f"{row[0]} / {row[1]}; {row[2]:,} of {row[3]:,}")
figure(13, "sales orders created by operators; by engineers", "167; 88", """
    select count(*) filter (where employees.role = 'operator'),
           count(*) filter (where employees.role = 'engineer')
    from erp.sales_orders as orders
    inner join master.employees as employees on orders.created_by = employees.employee_id""",
       _pair("{0:,}; {1:,}"))
figure(13, "MES work orders cheaper than standard (lowest actual/standard); ERP favourable variances",
       "0 of 627 (1.009); 23", """
    select count(*) filter (where actual_cost_per_unit < standard_cost_per_unit),
           count(*) filter (where actual_cost_per_unit is not null),
           min(actual_cost_per_unit / nullif(standard_cost_per_unit, 0)),
           (select count(*) from erp.production_orders where variance_amount < 0)
    from manufacturing.work_orders""",
       lambda row: f"{row[0]:,} of {row[1]:,} ({_num(row[2], 3)}); {row[3]:,}")

# ----------------------------------------------------------------------------------- keep
# What the audit calls genuinely good: these must not get worse.

figure(0, "GL debits = credits; unbalanced documents", "157,965,678.20 both; 0", """
    select sum(debit_amount), sum(credit_amount),
           (select count(*) from (select document_number from erp.general_ledger
                                  group by 1 having sum(debit_amount - credit_amount) <> 0) as d)
    from erp.general_ledger""", _pair("{0:,.2f} / {1:,.2f}; {2}"))
figure(0, "inventory balances that differ from their movements; negative balances", "0; 0", """
    with moved as (
        select material_id, plant_id, storage_location, sum(quantity) as quantity
        from erp.inventory_transactions group by 1, 2, 3
    )
    select count(*) filter (where balances.unrestricted_stock + balances.quality_inspection_stock
                                  + balances.blocked_stock <> coalesce(moved.quantity, 0)),
           count(*) filter (where balances.unrestricted_stock < 0)
    from erp.inventory_balances as balances
    left join moved using (material_id, plant_id, storage_location)""", _pair("{0}; {1}"))
figure(0, "SCADA samples where OEE <> availability x performance x quality", "0 of 42,170", """
    select count(*) filter (where abs(oee_percentage - availability_percentage
                                  * performance_percentage * quality_percentage / 10000) > 0.01),
           count(oee_percentage)
    from operations.scada_machine_data""", _pair("{0:,} of {1:,}"))
figure(0, "production orders without exactly one work order", "0 of 658", """
    select count(*) filter (where orders.n <> 1), count(*) from (
        select production_order_id, count(work_orders.work_order_id) as n
        from erp.production_orders
        left join manufacturing.work_orders on work_orders.erp_order_id = production_order_id
        group by production_order_id) as orders""", _pair("{0} of {1:,}"))


# ----------------------------------------------------------------------------------- running

TIMEOUT_SECONDS = 300


def measure(conn: psycopg.Connection, item: Figure) -> str:
    """The figure as text, or "n/a (reason)" when its query cannot run on this schema."""
    try:
        with conn.transaction():  # read only: an audit changes nothing
            conn.execute("set transaction read only")
            conn.execute(f"set local statement_timeout = '{TIMEOUT_SECONDS}s'")
            row = item.sql(conn) if callable(item.sql) else conn.execute(item.sql).fetchone()
    except psycopg.Error as exc:
        reason = (exc.diag.message_primary or str(exc)).splitlines()[0]
        return f"n/a ({reason})"
    try:
        return item.show(row)
    except (TypeError, ValueError, IndexError, ZeroDivisionError) as exc:
        if row is None or None in row:
            return "n/a (no data)"
        return f"n/a (unexpected result {row!r}: {exc})"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def report(conn: psycopg.Connection, findings: Sequence[int] | None, out=sys.stdout) -> None:
    print("| # | figure | audit (before) | now |", file=out)
    print("|---|---|---|---|", file=out)
    for item in FIGURES:
        if findings and item.finding not in findings:
            continue
        number = str(item.finding) if item.finding else "keep"
        print(f"| {number} | {_cell(item.label)} | {_cell(item.audit)} | "
              f"{_cell(measure(conn, item))} |", file=out, flush=True)


def degenerate_report(conn: psycopg.Connection, out=sys.stdout) -> None:
    by_schema: dict[str, list[str]] = {}
    for schema, table, column, rows, value in degenerate_columns(conn):
        what = "NULL" if value is None else f"= {value[:40]!r}"
        by_schema.setdefault(schema, []).append(f"{table}.{column} ({rows:,} rows) {what}")
    for schema, lines in sorted(by_schema.items()):
        print(f"\n{schema}: {len(lines)} degenerate columns", file=out)
        for line in lines:
            print(f"  {line}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dsn", help="libpq URI (default: the database genims uses)")
    parser.add_argument("--finding", type=int, nargs="+", metavar="N",
                        help="only these findings (0: what the audit calls good)")
    parser.add_argument("--degenerate", action="store_true",
                        help="also list the degenerate mart columns per domain")
    args = parser.parse_args(argv)
    from genims.errors import GenimsError

    try:
        if args.dsn:
            conn = psycopg.connect(args.dsn, autocommit=True)
        else:
            from genims.db import connect, resolve_target

            conn = connect(resolve_target(), autocommit=True)
    except (psycopg.Error, GenimsError) as exc:
        print(f"audit: error: cannot connect: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 3
    with conn:
        report(conn, args.finding)
        if args.degenerate:
            degenerate_report(conn)
    return 0


if __name__ == "__main__":
    sys.exit(main())
