"""Domain seeders, one module per GenIMS domain, in load order (parents before children)."""

from seeders import erp, manufacturing, master, operations

# ERP plans (materials, BOMs, routings, orders); manufacturing (MES) executes its production
# orders, so it reads raw_erp and comes after it.
DOMAINS = (master, operations, erp, manufacturing)


def domain(name: str):
    for module in DOMAINS:
        if name == module.NAME:
            return module
    raise KeyError(name)
