"""Domain seeders: every module of this package that declares `NAME` is a domain.

A domain module declares `NAME`, `REQUIRES` (the domains that must be loaded before it: its
seeder reads their raw tables, or its models build on theirs), `PARAMETERS`, `RAW_TABLES`,
`plan(config)` and `generate(ctx)`; optionally `BUILT_WITH`, domains its marts need in the
same build although its seeder does not read them (ERP's inventory is derived from MES
bookings, while MES reads ERP's orders: erp has `BUILT_WITH = ("manufacturing",)` and
manufacturing `REQUIRES` erp). Helper modules (engine, gen, plan) declare no `NAME`.

`DOMAINS` is the load order: a topological sort of `REQUIRES`, ties broken by name, so
adding a domain means adding its module, nothing here.
"""

from __future__ import annotations

import functools
import heapq
import importlib
import pkgutil
from collections.abc import Iterable
from types import ModuleType

from genims.errors import ConfigError, DomainError

CONTRACT = ("NAME", "REQUIRES", "PARAMETERS", "RAW_TABLES", "plan", "generate")


def __getattr__(name: str):
    if name == "DOMAINS":
        return _domains()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _domains() -> tuple[ModuleType, ...]:
    return _discover(tuple(__path__))


@functools.cache
def _discover(path: tuple[str, ...]) -> tuple[ModuleType, ...]:
    """The domain modules on `path` (this package's search path), in load order."""
    modules = {}
    for info in sorted(pkgutil.iter_modules(list(path)), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if not hasattr(module, "NAME"):
            continue
        for attribute in CONTRACT:
            if not hasattr(module, attribute):
                raise DomainError(f"{module.__name__}: a domain module must declare {attribute}")
        if module.NAME in modules:
            raise DomainError(f"{module.__name__}: domain {module.NAME!r} is declared twice")
        modules[module.NAME] = module
    for module in modules.values():
        for attribute in ("REQUIRES", "BUILT_WITH"):
            for name in getattr(module, attribute, ()):
                if name not in modules:
                    raise DomainError(f"{module.__name__}: {attribute} names unknown domain "
                                      f"{name!r}")
    return tuple(modules[name] for name in _load_order(
        {name: tuple(module.REQUIRES) for name, module in modules.items()}))


def _load_order(requires: dict[str, tuple[str, ...]]) -> list[str]:
    """Every domain after the domains it requires; among those ready, by name."""
    waiting = {name: set(needs) for name, needs in requires.items()}
    ready = [name for name, needs in waiting.items() if not needs]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        name = heapq.heappop(ready)
        order.append(name)
        for other, needs in waiting.items():
            if name in needs:
                needs.remove(name)
                if not needs:
                    heapq.heappush(ready, other)
    if len(order) < len(requires):
        raise DomainError(f"domains require each other in a cycle: {_cycle(requires, order)}")
    return order


def _cycle(requires: dict[str, tuple[str, ...]], ordered: list[str]) -> str:
    """One cycle among the domains left out of the load order, as `a -> b -> a`."""
    name = min(set(requires) - set(ordered))
    path: list[str] = []
    while name not in path:
        path.append(name)
        name = min(n for n in requires[name] if n not in ordered)
    return " -> ".join([*path[path.index(name):], name])


def domain(name: str) -> ModuleType:
    for module in _domains():
        if name == module.NAME:
            return module
    raise KeyError(name)


def select(names: Iterable[str] | None = None) -> tuple[ModuleType, ...]:
    """The domain modules to build for `names` (all when None), plus everything they require
    or are built with, in load order."""
    domains = _domains()
    if names is None:
        return domains
    known = {module.NAME: module for module in domains}
    pending = list(names)
    if not pending:
        raise ConfigError(f"domains: name at least one of {', '.join(known)}")
    wanted: set[str] = set()
    while pending:
        name = pending.pop()
        if name not in known:
            raise ConfigError(f"domains: unknown domain {name!r} (choose from {', '.join(known)})")
        if name not in wanted:
            wanted.add(name)
            pending.extend(known[name].REQUIRES)
            pending.extend(getattr(known[name], "BUILT_WITH", ()))
    return tuple(module for module in domains if module.NAME in wanted)
