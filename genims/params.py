"""Config parameter types: what a domain seeder declares in `PARAMETERS`.

A leaf module: it imports neither `genims.config` nor the seeders, so both can import it.
Each type validates one config value and names the offending key in its error, e.g.
`master.lines_per_factory: min 6 is greater than max 4`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from genims.errors import ConfigError


@dataclass(frozen=True)
class Count:
    """A whole number, at least `minimum`."""

    help: str
    minimum: int = 0

    def validate(self, key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{key}: expected a whole number, got {value!r}")
        if value < self.minimum:
            raise ConfigError(f"{key}: must be at least {self.minimum}, got {value}")
        return value


@dataclass(frozen=True)
class HistoryDays:
    """A domain's days of history: null inherits the top-level `history_days` (the one
    timeline the transactional domains share), a whole number of at least 1 overrides it.
    `genims.config.validate` resolves null, so seeders read a plain number."""

    help: str

    def validate(self, key: str, value: Any) -> int | None:
        if value is None:
            return None
        return Count(self.help, minimum=1).validate(key, value)


@dataclass(frozen=True)
class Range:
    """A `[min, max]` pair of numbers (whole numbers unless `fraction`)."""

    help: str
    minimum: float = 0
    maximum: float | None = None
    fraction: bool = False

    def validate(self, key: str, value: Any) -> tuple:
        if not isinstance(value, list | tuple) or len(value) != 2:
            raise ConfigError(f"{key}: expected a [min, max] pair, got {value!r}")
        low, high = value
        for bound in (low, high):
            numeric = isinstance(bound, int | float) and not isinstance(bound, bool)
            if not numeric or (not self.fraction and not isinstance(bound, int)):
                kind = "numbers" if self.fraction else "whole numbers"
                raise ConfigError(f"{key}: expected {kind} in [min, max], got {value!r}")
            if bound < self.minimum:
                raise ConfigError(f"{key}: values must be at least {self.minimum}, got {bound}")
            if self.maximum is not None and bound > self.maximum:
                raise ConfigError(f"{key}: values must be at most {self.maximum}, got {bound}")
        if low > high:
            raise ConfigError(f"{key}: min {low} is greater than max {high}")
        return (float(low), float(high)) if self.fraction else (int(low), int(high))

    def mean(self, value: tuple) -> float:
        return (value[0] + value[1]) / 2


@dataclass(frozen=True)
class Flag:
    """true or false."""

    help: str

    def validate(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{key}: expected true or false, got {value!r}")
        return value


@dataclass(frozen=True)
class Rate:
    """A share between 0 and 1."""

    help: str

    def validate(self, key: str, value: Any) -> float:
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if not numeric or not 0 <= value <= 1:
            raise ConfigError(f"{key}: expected a number between 0 and 1, got {value!r}")
        return float(value)


@dataclass(frozen=True)
class Weights:
    """Relative weights of named kinds (`names`); a kind left out weighs 0, and the kinds in
    `positive` must weigh more than 0."""

    help: str
    kind: str
    names: tuple[str, ...]
    positive: tuple[str, ...] = ()

    def validate(self, key: str, value: Any) -> dict[str, float]:
        if not isinstance(value, dict):
            raise ConfigError(f"{key}: expected a mapping of {self.kind} to weight")
        for name in value:
            if name not in self.names:
                raise ConfigError(f"{key}.{name}: unknown {self.kind} "
                                  f"(choose from {', '.join(self.names)})")
        weights = {}
        for name in self.names:
            weight = value.get(name, 0)
            if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
                raise ConfigError(f"{key}.{name}: expected a non-negative number, got {weight!r}")
            if name in self.positive and weight <= 0:
                raise ConfigError(f"{key}.{name}: must be positive")
            weights[name] = float(weight)
        if sum(weights.values()) <= 0:
            raise ConfigError(f"{key}: at least one weight must be positive")
        return weights


@dataclass(frozen=True)
class RangesByName:
    """A `[min, max]` fraction range per named kind (`names`), every kind given."""

    help: str
    kind: str
    names: tuple[str, ...]
    minimum: float = 0
    maximum: float | None = None

    def validate(self, key: str, value: Any) -> dict[str, tuple[float, float]]:
        if not isinstance(value, dict):
            raise ConfigError(f"{key}: expected a mapping of {self.kind} to [min, max]")
        for name in value:
            if name not in self.names:
                raise ConfigError(f"{key}.{name}: unknown {self.kind} "
                                  f"(choose from {', '.join(self.names)})")
        bounds = Range("", minimum=self.minimum, maximum=self.maximum, fraction=True)
        out = {}
        for name in self.names:
            if name not in value:
                raise ConfigError(f"{key}.{name}: missing")
            out[name] = bounds.validate(f"{key}.{name}", value[name])
        return out


_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SHIFT_NAMES = ("shift_a", "shift_b", "shift_c")  # the GenIMS catalog's shift names


@dataclass(frozen=True)
class ShiftTemplates:
    """The shift pattern every factory runs: a list of shift definitions."""

    help: str
    fields = ("name", "code", "start", "end", "break_minutes", "type", "days")

    def validate(self, key: str, value: Any) -> tuple:
        if not isinstance(value, list) or not value:
            raise ConfigError(f"{key}: expected a non-empty list of shifts")
        shifts = []
        for index, shift in enumerate(value):
            where = f"{key}[{index}]"
            if not isinstance(shift, dict):
                raise ConfigError(f"{where}: expected a mapping with keys {', '.join(self.fields)}")
            unknown = sorted(set(shift) - set(self.fields))
            if unknown:
                raise ConfigError(f"{where}.{unknown[0]}: unknown key")
            missing = [f for f in self.fields if f not in shift]
            if missing:
                raise ConfigError(f"{where}.{missing[0]}: missing")
            for field in ("start", "end"):
                if not isinstance(shift[field], str) or not _TIME.match(shift[field]):
                    raise ConfigError(f"{where}.{field}: expected HH:MM, got {shift[field]!r}")
            if shift["type"] not in ("regular", "overtime", "weekend"):
                raise ConfigError(
                    f"{where}.type: expected regular, overtime or weekend, got {shift['type']!r}"
                )
            days = shift["days"]
            if not isinstance(days, list) or not days or any(d not in _DAYS for d in days):
                raise ConfigError(f"{where}.days: expected a list of {', '.join(_DAYS)}")
            Count("").validate(f"{where}.break_minutes", shift["break_minutes"])
            if shift["name"] not in SHIFT_NAMES:
                raise ConfigError(
                    f"{where}.name: expected one of {', '.join(SHIFT_NAMES)}, got {shift['name']!r}"
                )
            if not isinstance(shift["code"], str) or not shift["code"]:
                raise ConfigError(f"{where}.code: expected a non-empty string")
            shifts.append({**shift, "days": list(days)})
        codes = [s["code"] for s in shifts]
        if len(set(codes)) != len(codes):
            raise ConfigError(f"{key}: shift codes must be unique, got {codes}")
        return tuple(shifts)


Parameter = Count | HistoryDays | Range | Flag | Rate | Weights | RangesByName | ShiftTemplates
