"""Master data: cardinality from the config and a few cross-table business rules."""

from __future__ import annotations

from typing import Any

import great_expectations as gx

from expectations import AssetChecks, count_between, rows_violating, table

E = gx.expectations
DOMAIN = "master"


def checks(config: Any) -> list[AssetChecks]:
    p = config[DOMAIN]
    shifts = len(p["shifts"])
    low, high = (max(1, round(p["products"] * share)) for share in p["customer_product_share"])
    return [
        table(
            DOMAIN, "master.factories",
            E.ExpectTableRowCountToEqual(value=p["factories"]),
            count_between("lines_per_factory", "master.production_lines", "factory_id",
                          p["lines_per_factory"]),
            count_between("employees_per_factory", "master.employees", "factory_id",
                          p["employees_per_factory"]),
            count_between("shifts_per_factory", "master.shifts", "factory_id", (shifts, shifts)),
        ),
        table(
            DOMAIN, "master.production_lines",
            count_between("machines_per_line", "master.machines", "line_id",
                          p["machines_per_line"]),
        ),
        table(
            DOMAIN, "master.machines",
            count_between("sensors_per_machine", "master.sensors", "machine_id",
                          p["sensors_per_machine"]),
        ),
        table(
            DOMAIN, "master.sensors",
            rows_violating(
                "a sensor's line and factory are its machine's",
                "SELECT s.sensor_id, s.line_id, s.factory_id FROM {batch} s "
                "JOIN master.machines m ON m.machine_id = s.machine_id "
                "WHERE s.line_id <> m.line_id OR s.factory_id <> m.factory_id",
            ),
            rows_violating(
                "a sensor's thresholds nest inside its measurement range",
                "SELECT sensor_id FROM {batch} WHERE NOT ("
                "measurement_range_min <= critical_threshold_min"
                " AND critical_threshold_min <= warning_threshold_min"
                " AND warning_threshold_min <= normal_operating_min"
                " AND normal_operating_min < normal_operating_max"
                " AND normal_operating_max <= warning_threshold_max"
                " AND warning_threshold_max <= critical_threshold_max"
                " AND critical_threshold_max <= measurement_range_max)",
            ),
        ),
        table(
            DOMAIN, "master.employees",
            E.ExpectColumnValuesToBeUnique(column="email"),
            rows_violating(
                "an employee's line belongs to the employee's factory",
                "SELECT e.employee_id, e.line_id FROM {batch} e "
                "JOIN master.production_lines l ON l.line_id = e.line_id "
                "WHERE l.factory_id <> e.factory_id",
            ),
        ),
        table(
            DOMAIN, "master.products",
            E.ExpectTableRowCountToEqual(value=p["products"]),
            count_between("lines_per_product", "master.line_product_mapping", "product_id",
                          (1, p["lines_per_product"][1])),
        ),
        table(
            DOMAIN, "master.customers",
            E.ExpectTableRowCountToEqual(value=p["customers"]),
            # a customer buys its share of the products; fewer only when too few products
            # are left that it could have traded (discontinued ones it never bought)
            rows_violating(
                f"products per customer between {low} and {high} (fewer only when fewer "
                "products are not discontinued)",
                "SELECT p.customer_id, count(c.customer_id) AS n FROM {batch} p "
                "LEFT JOIN master.customer_product_mapping c ON c.customer_id = p.customer_id "
                "GROUP BY p.customer_id HAVING count(c.customer_id) > "
                f"{high} OR count(c.customer_id) < least({low}, (SELECT count(*) FROM "
                "master.products WHERE status <> 'discontinued'))",
            ),
        ),
    ]
