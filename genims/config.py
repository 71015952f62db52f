"""Run configuration: YAML presets and files, validated before anything touches the database.

A config has top-level keys `seed`, `as_of` (the instant history runs up to: a date means
midnight at its start; default: now, to the hour) and `history_days` (the days of history the
transactional domains share: one timeline), and one section per domain. A domain's own days
key (a `HistoryDays` parameter) overrides `history_days`, or inherits it when null. Each domain's
seeder declares its parameters (`PARAMETERS` in `seeders/<domain>.py`); the `default` preset
supplies every value, and a preset or user file overrides some of them. Validation errors
name the offending key, e.g. `master.lines_per_factory: min 6 is greater than max 4`.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from genims.errors import ConfigError
from genims.params import Count, HistoryDays, Parameter

PRESET_DIR = Path(__file__).resolve().parent / "presets"
BASE_PRESET = "default"


# --------------------------------------------------------------------------- the config


@dataclass(frozen=True)
class Config:
    """A validated configuration. Sections are plain dicts keyed by parameter name."""

    preset: str
    seed: int
    as_of: dt.datetime
    history_days: int
    sections: dict[str, dict[str, Any]]

    def __getitem__(self, domain: str) -> dict[str, Any]:
        return self.sections[domain]

    def to_dict(self) -> dict[str, Any]:
        return {
            "preset": self.preset,
            "seed": self.seed,
            "as_of": self.as_of.isoformat(),
            "history_days": self.history_days,
            **{
                domain: {k: _plain(v) for k, v in values.items()}
                for domain, values in self.sections.items()
            },
        }

    def fingerprint(self) -> str:
        """A short hash of everything that determines the generated data."""
        body = {k: v for k, v in self.to_dict().items() if k != "preset"}
        text = json.dumps(body, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def domain_parameters() -> dict[str, dict[str, Parameter]]:
    """Every domain's declared parameters, in load order."""
    from seeders import DOMAINS

    return {domain.NAME: domain.PARAMETERS for domain in DOMAINS}


def available_presets() -> list[str]:
    return sorted(p.stem for p in PRESET_DIR.glob("*.yaml"))


def _read_yaml(path: Path, what: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text())
    except FileNotFoundError:
        raise ConfigError(f"{what} not found: {path}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise ConfigError(f"{what} {path} is not valid YAML{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{what} {path} must be a mapping of keys to values")
    return data


def _preset(name: str) -> dict[str, Any]:
    if name not in available_presets():
        raise ConfigError(
            f"preset: unknown preset {name!r} (choose from {', '.join(available_presets())})"
        )
    return _read_yaml(PRESET_DIR / f"{name}.yaml", "preset")


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


_AS_OF = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$")


def _parse_as_of(value: Any, now: Callable[[], dt.datetime]) -> dt.datetime:
    """The as-of instant: a date is midnight at its start; no value is now, to the hour."""
    if value is None:
        return now().replace(minute=0, second=0, microsecond=0)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None and not value.microsecond:
            return value
    elif isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    elif isinstance(value, str) and _AS_OF.match(value.strip()):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ConfigError(f"as_of: expected a date (YYYY-MM-DD) or a local date-time "
                      f"(YYYY-MM-DDTHH:MM[:SS]), got {value!r}")


def instant_text(instant: dt.date) -> str:
    """An as-of instant for people: `2026-06-30 14:30` (seconds only when there are some; a
    date, as recorded by older versions, is midnight)."""
    if not isinstance(instant, dt.datetime):
        instant = dt.datetime.combine(instant, dt.time())
    return instant.isoformat(sep=" ", timespec="seconds" if instant.second else "minutes")


def load_config(
    preset: str | None = None,
    config_file: str | Path | None = None,
    seed: int | None = None,
    as_of: str | dt.date | None = None,
    now: Callable[[], dt.datetime] = dt.datetime.now,
) -> Config:
    """Resolve preset -> config file -> command-line overrides, then validate all of it.

    A config file may name its own base with `preset:`; without one it extends `default`.
    """
    user: dict[str, Any] = {}
    if config_file is not None:
        user = _read_yaml(Path(config_file), "config file")
    file_preset = user.pop("preset", None)
    if file_preset is not None and not isinstance(file_preset, str):
        raise ConfigError(f"preset: expected a preset name, got {file_preset!r}")
    if preset is not None and file_preset is not None and preset != file_preset:
        raise ConfigError(f"preset: --preset {preset} conflicts with {file_preset!r} in the file")
    chosen = preset or file_preset or BASE_PRESET

    raw = _merge(_preset(BASE_PRESET), _preset(chosen))
    raw = _merge(raw, user)
    if seed is not None:
        raw["seed"] = seed
    if as_of is not None:
        raw["as_of"] = as_of
    return validate(raw, chosen, now)


def validate(
    raw: dict[str, Any], preset: str, now: Callable[[], dt.datetime] = dt.datetime.now
) -> Config:
    parameters = domain_parameters()
    known_top = {"seed", "as_of", "history_days", *parameters}
    for key in raw:
        if key not in known_top:
            raise ConfigError(f"{key}: unknown key (expected one of {', '.join(sorted(known_top))})")
    if "seed" not in raw:
        raise ConfigError("seed: missing")
    seed = Count("random seed").validate("seed", raw["seed"])
    as_of = _parse_as_of(raw.get("as_of"), now)
    if "history_days" not in raw:
        raise ConfigError("history_days: missing")
    shared_days = Count("days of history", minimum=1).validate("history_days",
                                                               raw["history_days"])

    sections: dict[str, dict[str, Any]] = {}
    for domain, params in parameters.items():
        values = raw.get(domain) or {}
        if not isinstance(values, dict):
            raise ConfigError(f"{domain}: expected a mapping of parameters")
        for key in values:
            if key not in params:
                raise ConfigError(f"{domain}.{key}: unknown key")
        section = {}
        for key, param in params.items():
            if key not in values:
                raise ConfigError(f"{domain}.{key}: missing")
            section[key] = param.validate(f"{domain}.{key}", values[key])
            if isinstance(param, HistoryDays) and section[key] is None:
                section[key] = shared_days
        sections[domain] = section
    return Config(preset=preset, seed=seed, as_of=as_of, history_days=shared_days,
                  sections=sections)
