"""Domain seeders, one module per GenIMS domain, in load order (parents before children)."""

from __future__ import annotations

from collections.abc import Iterable

from genims.errors import ConfigError
from seeders import erp, manufacturing, master, operations

# ERP plans (materials, BOMs, routings, orders); manufacturing (MES) executes its production
# orders, so it reads raw_erp and comes after it.
DOMAINS = (master, operations, erp, manufacturing)

# What a domain cannot be built without: the domains its seeder reads or its dbt models
# reference. ERP's inventory is derived from MES bookings and MES executes ERP's orders, so
# those two always come together.
REQUIRES: dict[str, tuple[str, ...]] = {
    "master": (),
    "operations": ("master",),
    "erp": ("master", "manufacturing"),
    "manufacturing": ("master", "erp"),
}


def domain(name: str):
    for module in DOMAINS:
        if name == module.NAME:
            return module
    raise KeyError(name)


def select(names: Iterable[str] | None = None) -> tuple:
    """The domain modules to build for `names` (all when None), plus everything they require,
    in load order."""
    if names is None:
        return DOMAINS
    known = [module.NAME for module in DOMAINS]
    wanted: set[str] = set()
    pending = list(names)
    if not pending:
        raise ConfigError(f"domains: name at least one of {', '.join(known)}")
    while pending:
        name = pending.pop()
        if name not in known:
            raise ConfigError(f"domains: unknown domain {name!r} (choose from {', '.join(known)})")
        if name not in wanted:
            wanted.add(name)
            pending.extend(REQUIRES[name])
    return tuple(module for module in DOMAINS if module.NAME in wanted)
