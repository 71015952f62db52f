"""Free text composed from an event's facts: what people write in MES, CMMS and ERP notes.

A *kind* of text (a downtime's resolution action, a defect's description ...) is a small
grammar: several sentence structures, each a template that weaves in the event's facts and
picks phrases from its domain's vocabulary, so a thousand events read like a thousand notes
and not like one sentence with slots. Composition is deterministic: the same generator state
and facts give the same texts.

Call it per row or per batch (a batch is much faster; both draw one 64-bit number per text
from the generator, so a batch of n gives the same texts as n single calls in a row):

    from seeders import text
    text.compose(rng, "downtime_resolution", category="breakdown",
                 failure_mode="bearing_failure", part="BRG-6205", duration_minutes=95)
    text.compose_many(rng, "defect_description", defect_category=cats, measured=values,
                      spec_min=low, spec_max=high, unit="mm", quantity=qty)  # -> list[str]

Facts are keyword arguments: a scalar applies to every row, a sequence gives one value per
row. A fact that is None, NaN or "" is absent for that row, and the structures and phrases
that need it are not used; a row whose facts allow no structure at all raises TextError.
`text.facts(kind)` lists the facts a kind can use. Names shared by the kinds:

    machine (id or name, written verbatim), machine_type (CNC, press, robot, conveyor,
    welding, assembly, testing), failure_mode (a fault pattern: bearing_failure ...),
    category (a downtime category), part (part replaced), material, product, family,
    product_category, product_type, duration_minutes, quantity, characteristic, measured,
    spec_min, spec_max, nominal, unit, result, severity, defect_category, detection_method,
    stage, root_cause_category (the 6M), cause (a 6M category or a downtime category),
    maintenance_type, schedule, sensor_type, reading, step, technician, lot, sample_size,
    supplier, customer, due_date, priority, quality_status, exception, delivery,
    activity_type, work_order, batch, has_deviations, deviation_count, temperature,
    document_type, document_id

Kinds (`text.kinds()`), by vocabulary domain:

    mes          downtime_reason, downtime_resolution, downtime_root_cause,
                 defect_description, defect_root_cause, defect_corrective_action,
                 preventive_action, inspection_note, disposition_reason, safety_note,
                 labor_note, planning_note, batch_record_note
    maintenance  fault_root_cause, fault_resolution, maintenance_work_description,
                 maintenance_note
    erp          operation_short_text, sales_order_note, shipping_instructions,
                 purchase_order_note, requisition_remark, goods_receipt_note,
                 mrp_exception, sync_error
    master       product_description

Kinds that state a measurement (defect_description, inspection_note) derive from measured,
spec_min, spec_max, nominal and unit the facts measured_text, spec, deviation, limit_text
and past_limit (`MEASUREMENT`), so a value above the upper limit never reads "low".

Template syntax (templates and vocabulary phrases alike):

    {fact}          the fact's value; strings show underscores as spaces, numbers trimmed
    {fact|fmt}      formatted: raw, lower, lc (first letter, unless an acronym), 0-3
                    (decimals), int, units, duration (minutes), a (with its article)
    <group>         a phrase of that vocabulary group (the kind's, its domain's, or common)
    <group:fact>    a phrase of group "group.<fact value>" if defined, else of "group"
                    (booleans select "group.yes" / "group.no", numbers their plain text)
    (a|b|c)         one of the alternatives; parentheses without "|" are literal
    [...]           included only when every fact inside is present
    [?...]          and then only half of the time

Add a kind with `define(name, domain, templates, vocabulary, derive)`, and a domain's
shared phrases with `vocabulary(domain, groups)`; a later domain's module can do both at
import (e.g. a "service" domain: `vocabulary("service", {...})`, then
`define("service_ticket_note", "service", (...))`). Aim for at least four structures per
kind and three or more phrases per group, and add the kind to tests/test_text.py's variety
table.

Speed (2-core machine): 50,000-100,000 texts/s in batches, about 15,000/s one at a time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["MEASUREMENT", "Derivation", "TextError", "compose", "compose_many", "define",
           "facts", "kinds", "vocabulary"]

_MASK64 = (1 << 64) - 1
_LCG_MUL = 6364136223846793005
_LCG_ADD = 1442695040888963407


class TextError(ValueError):
    """A kind, template or call that cannot compose text."""


# --------------------------------------------------------------------------- random draws


class _Draw:
    """The choices of one text: a 64-bit LCG seeded from one draw of the caller's generator
    (cheaper per choice than indexing a block of NumPy uniforms, and one draw per text)."""

    __slots__ = ("state",)

    def __init__(self, seed: int) -> None:
        self.state = seed

    def below(self, k: int) -> int:
        self.state = (self.state * _LCG_MUL + _LCG_ADD) & _MASK64
        return ((self.state >> 32) * k) >> 32

    def coin(self) -> bool:
        return self.below(2) == 1


# --------------------------------------------------------------------------- formatting


def _trim(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _plain(value: Any) -> str:
    if isinstance(value, str):
        return value.replace("_", " ")
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return _trim(float(value))
    return str(value)


def _duration(minutes: Any, draw: _Draw) -> str:
    m = max(1, int(round(float(minutes))))
    h, rest = divmod(m, 60)
    if h == 0:
        return (f"{m} min", f"{m} minutes", f"{m} mins")[draw.below(3)]
    style = draw.below(3)
    if style == 0:
        return f"{h} h {rest} min" if rest else f"{h} h"
    if style == 1:
        return f"{m / 60:.1f} h".replace(".0 h", " h")
    halves = round(m / 30) / 2
    if halves == 1:
        return "about an hour"
    return f"about {_trim(halves)} hours"


def _units(value: Any, draw: _Draw) -> str:
    n = int(round(float(value)))
    words = ("pcs", "parts", "units") if n != 1 else ("pc", "part", "unit")
    return f"{n} {words[draw.below(3)]}"


def _lowered(value: Any) -> str:
    """Lower-case first letter for mid-sentence use, unless the word is an acronym (CMM)."""
    text = _plain(value)
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _article(value: Any) -> str:
    text = _plain(value)
    return ("an " if text[:1].lower() in "aeio" else "a ") + text


# name -> (function, whether it draws)
_FORMATS: dict[str, tuple[Callable[..., str], bool]] = {
    "raw": (lambda v: str(v), False),
    "lower": (lambda v: _plain(v).lower(), False),
    "lc": (_lowered, False),
    "int": (lambda v: f"{int(round(float(v))):,}", False),
    "a": (_article, False),
    "duration": (_duration, True),
    "units": (_units, True),
    **{str(d): ((lambda v, d=d: f"{float(v):.{d}f}"), False) for d in range(4)},
}


def _absent(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    if isinstance(value, str):
        return value == ""
    return False


# --------------------------------------------------------------------------- grammar nodes
# A node is pruned once per combination of present facts (`prune` returns None when it
# cannot be rendered without a missing fact), then rendered per row by `emit`.


class _Node:
    def facts(self) -> set[str]:
        return set()

    def prune(self, present: frozenset[str]) -> _Node | None:
        return self

    def emit(self, cols: Mapping[str, list], i: int, draw: _Draw, out: list[str]) -> None:
        raise NotImplementedError


class _Text(_Node):
    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def emit(self, cols, i, draw, out):
        out.append(self.value)


class _Fact(_Node):
    __slots__ = ("name", "format", "draws")

    def __init__(self, name: str, fmt: str | None) -> None:
        if fmt is not None and fmt not in _FORMATS:
            raise TextError(f"unknown format {fmt!r} in {{{name}|{fmt}}}")
        self.name = name
        self.format, self.draws = _FORMATS[fmt] if fmt else (_plain, False)

    def facts(self):
        return {self.name}

    def prune(self, present):
        return self if self.name in present else None

    def emit(self, cols, i, draw, out):
        value = cols[self.name][i]
        out.append(self.format(value, draw) if self.draws else self.format(value))


class _Seq(_Node):
    __slots__ = ("parts",)

    def __init__(self, parts: Sequence[_Node]) -> None:
        self.parts = tuple(parts)

    def facts(self):
        return set().union(*(p.facts() for p in self.parts)) if self.parts else set()

    def prune(self, present):
        kept = []
        for part in self.parts:
            pruned = part.prune(present)
            if pruned is None:
                return None
            if pruned is not _EMPTY:
                kept.append(pruned)
        if len(kept) == 1:
            return kept[0]
        return _Seq(kept) if kept else _EMPTY

    def emit(self, cols, i, draw, out):
        for part in self.parts:
            part.emit(cols, i, draw, out)


_EMPTY = _Seq(())


class _Choice(_Node):
    __slots__ = ("options",)

    def __init__(self, options: Sequence[_Node]) -> None:
        self.options = tuple(options)

    def facts(self):
        return set().union(*(o.facts() for o in self.options))

    def prune(self, present):
        kept = [p for p in (o.prune(present) for o in self.options) if p is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else _Choice(kept)

    def emit(self, cols, i, draw, out):
        self.options[draw.below(len(self.options))].emit(cols, i, draw, out)


class _ByFact(_Node):
    """`<group:fact>`: the phrases of `group.<value>`, or of `group` for other values."""

    __slots__ = ("fact", "variants", "fallback")

    def __init__(self, fact: str, variants: dict[str, _Node], fallback: _Node) -> None:
        self.fact, self.variants, self.fallback = fact, variants, fallback

    def facts(self):
        return {self.fact}.union(self.fallback.facts(), *(v.facts() for v in self.variants.values()))

    def prune(self, present):
        if self.fact not in present:
            return None
        fallback = self.fallback.prune(present)
        variants = {k: p for k, v in self.variants.items() if (p := v.prune(present)) is not None}
        if fallback is None:
            # values without a usable variant leave the row unrenderable: keep the variants
            # and let the fallback say so at render time
            if not variants:
                return None
            fallback = _Missing(self.fact)
        return _ByFact(self.fact, variants, fallback)

    def emit(self, cols, i, draw, out):
        value = cols[self.fact][i]
        key = value if isinstance(value, str) else _plain(value)
        self.variants.get(key, self.fallback).emit(cols, i, draw, out)


class _Missing(_Node):
    def __init__(self, fact: str) -> None:
        self.fact = fact

    def emit(self, cols, i, draw, out):
        raise TextError(f"no phrase for {self.fact}={cols[self.fact][i]!r} with the facts given")


class _Optional(_Node):
    __slots__ = ("body", "coin")

    def __init__(self, body: _Node, coin: bool) -> None:
        self.body, self.coin = body, coin

    def facts(self):
        return self.body.facts()

    def prune(self, present):
        body = self.body.prune(present)
        if body is None or body is _EMPTY:
            return _EMPTY
        return _Optional(body, self.coin) if self.coin else body

    def emit(self, cols, i, draw, out):
        if draw.coin():
            self.body.emit(cols, i, draw, out)


# --------------------------------------------------------------------------- parsing

_SPECIAL = re.compile(r"[{<(\[|)\]]")


class _Parser:
    """Parses a template into nodes; `<group>` references resolve through `lookup`."""

    def __init__(self, lookup: _Lookup, depth: int = 0) -> None:
        self.lookup = lookup
        self.depth = depth
        self.cache: dict[str, _Node] = {}

    def parse(self, template: str) -> _Node:
        node, end = self._sequence(template, 0, closers="")
        if end != len(template):
            raise TextError(f"unbalanced {template[end]!r} in template {template!r}")
        return node

    def _sequence(self, s: str, pos: int, closers: str) -> tuple[_Node, int]:
        parts: list[_Node] = []
        while pos < len(s):
            m = _SPECIAL.search(s, pos)
            stop = m.start() if m else len(s)
            if stop > pos:
                parts.append(_Text(s[pos:stop]))
            if not m:
                pos = len(s)
                break
            ch, pos = s[stop], stop + 1
            if ch in closers:
                return _compact(parts), stop
            if ch == "{":
                end = self._close(s, pos, "}")
                name, _, fmt = s[pos:end].partition("|")
                parts.append(_Fact(name.strip(), fmt.strip() or None))
                pos = end + 1
            elif ch == "<":
                end = self._close(s, pos, ">")
                parts.append(self._group(s[pos:end]))
                pos = end + 1
            elif ch == "(":
                options = []
                while True:
                    node, pos = self._sequence(s, pos, closers="|)")
                    options.append(node)
                    if pos >= len(s):
                        raise TextError(f"unclosed '(' in template {s!r}")
                    pos += 1
                    if s[pos - 1] == ")":
                        break
                parts.extend([_Text("("), options[0], _Text(")")] if len(options) == 1
                             else [_Choice(options)])
            elif ch == "[":
                coin = s.startswith("?", pos)
                node, pos = self._sequence(s, pos + coin, closers="]")
                if pos >= len(s):
                    raise TextError(f"unclosed '[' in template {s!r}")
                parts.append(_Optional(node, coin))
                pos += 1
            else:  # a "|", ")" or "]" outside its bracket is literal text
                parts.append(_Text(ch))
        return _compact(parts), pos

    @staticmethod
    def _close(s: str, pos: int, closer: str) -> int:
        end = s.find(closer, pos)
        if end < 0:
            raise TextError(f"unclosed {s[pos - 1]!r} in template {s!r}")
        return end

    def _group(self, spec: str) -> _Node:
        name, _, fact = (x.strip() for x in spec.partition(":"))
        if self.depth > 8:
            raise TextError(f"vocabulary group <{name}> refers to itself")
        if not fact:
            return self._phrases(name, required=True)
        prefix = f"{name}."
        variants = {}
        for key in self._variant_keys(prefix):
            variants[key[len(prefix):]] = self._phrases(key, required=True)
        fallback = self._phrases(name, required=not variants)
        return _ByFact(fact, variants, fallback if fallback is not None else _Missing(fact))

    def _variant_keys(self, prefix: str) -> list[str]:
        keys = self.lookup.keys()
        return sorted(k for k in keys if k.startswith(prefix) and "." not in k[len(prefix):])

    def _phrases(self, name: str, required: bool) -> _Node | None:
        key = f"<{name}>"
        if key in self.cache:
            return self.cache[key]
        phrases = self.lookup(name)
        if not phrases:
            if required:
                raise TextError(f"no vocabulary group <{name}>")
            return None
        inner = _Parser(self.lookup, self.depth + 1)
        inner.cache = self.cache
        node = _Choice([inner.parse(p) for p in phrases])
        node = node.options[0] if len(node.options) == 1 else node
        self.cache[key] = node
        return node


def _compact(parts: Sequence[_Node]) -> _Node:
    """A parsed sequence: adjacent texts merged, empty ones dropped, a lone part unwrapped."""
    merged: list[_Node] = []
    for part in parts:
        if isinstance(part, _Text) and merged and isinstance(merged[-1], _Text):
            merged[-1] = _Text(merged[-1].value + part.value)
        elif not (isinstance(part, _Text) and not part.value):
            merged.append(part)
    return merged[0] if len(merged) == 1 else _Seq(merged)


# --------------------------------------------------------------------------- kinds

_COMMON = "common"
_VOCABULARY: dict[str, dict[str, tuple[str, ...]]] = {_COMMON: {}}
_KINDS: dict[str, Kind] = {}

_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:)])")
_DOUBLE_PUNCT = re.compile(r"([.;,:])[.;,]+")


def _finish(text: str) -> str:
    """Single spaces, no space before punctuation, no doubled punctuation (where an omitted
    part leaves them), and capitals at the start of each sentence."""
    text = " ".join(text.split())
    if " ," in text or " ." in text or " ;" in text or " :" in text or " )" in text:
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    if ".." in text or ",," in text or ";;" in text or ".," in text or ",." in text:
        text = _DOUBLE_PUNCT.sub(r"\1", text)
    return ". ".join(s[:1].upper() + s[1:] for s in text.split(". "))


class _Lookup:
    """A kind's vocabulary: its own groups, then its domain's, then the common ones."""

    def __init__(self, own: Mapping[str, Sequence[str]], domain: str) -> None:
        self.layers = (own, _VOCABULARY.setdefault(domain, {}), _VOCABULARY[_COMMON])

    def __call__(self, name: str) -> Sequence[str] | None:
        for layer in self.layers:
            if name in layer:
                return layer[name]
        return None

    def keys(self) -> set[str]:
        return set().union(*(layer.keys() for layer in self.layers))


@dataclass(frozen=True)
class Derivation:
    """Facts computed from given ones before composing: `function(columns, n)` reads the
    columns named in `needs` (absent ones are missing from `columns`) and returns those named
    in `provides` (lists of n values, None where it cannot tell)."""

    needs: tuple[str, ...]
    provides: tuple[str, ...]
    function: Callable[[dict[str, list], int], dict[str, list]]


@dataclass
class Kind:
    """One kind of text: its domain, sentence structures, own vocabulary and derivations."""

    name: str
    domain: str
    templates: tuple[str, ...]
    own_vocabulary: dict[str, tuple[str, ...]] = field(default_factory=dict)
    derive: tuple[Derivation, ...] = ()
    _root: _Node | None = field(default=None, repr=False)
    _pruned: dict[frozenset[str], _Node | None] = field(default_factory=dict, repr=False)

    def root(self) -> _Node:
        if self._root is None:
            parser = _Parser(_Lookup(self.own_vocabulary, self.domain))
            self._root = _Choice([parser.parse(t) for t in self.templates])
        return self._root

    def for_facts(self, present: frozenset[str]) -> _Node:
        if present not in self._pruned:
            self._pruned[present] = self.root().prune(present)
        node = self._pruned[present]
        if node is None:
            raise TextError(f"text kind {self.name!r}: no structure can be written with only "
                            f"the facts {sorted(present) or 'none'}")
        return node


def vocabulary(domain: str, groups: Mapping[str, Iterable[str]]) -> None:
    """Add phrase groups to a domain's vocabulary (`"common"`: every domain's)."""
    target = _VOCABULARY.setdefault(domain, {})
    for name, phrases in groups.items():
        target[name] = tuple(phrases)
    for kind in _KINDS.values():  # recompiled on next use
        kind._root, kind._pruned = None, {}


def define(name: str, domain: str, templates: Iterable[str],
           vocabulary: Mapping[str, Iterable[str]] | None = None,
           derive: Iterable[Derivation] = ()) -> Kind:
    """Declare a kind of text (replacing one of the same name); its templates are parsed
    now, so a mistake in them fails at import."""
    kind = Kind(name, domain, tuple(templates),
                {k: tuple(v) for k, v in (vocabulary or {}).items()}, tuple(derive))
    if not kind.templates:
        raise TextError(f"text kind {name!r} has no templates")
    kind.root()
    _KINDS[name] = kind
    return kind


def kinds() -> tuple[str, ...]:
    """The names of the kinds of text defined."""
    return tuple(sorted(_KINDS))


def facts(kind: str) -> tuple[str, ...]:
    """The facts a kind's texts can weave in (any subset may be given)."""
    k = _kind(kind)
    derived = {name for d in k.derive for name in d.provides}
    needed = {name for d in k.derive for name in d.needs}
    return tuple(sorted((k.root().facts() - derived) | needed))


def _kind(name: str) -> Kind:
    if name not in _KINDS:
        raise TextError(f"unknown text kind {name!r}; known: {', '.join(kinds())}")
    return _KINDS[name]


# --------------------------------------------------------------------------- composing


def compose(rng: np.random.Generator, kind: str, **facts: Any) -> str:
    """One text of `kind` from scalar facts."""
    return compose_many(rng, kind, n=1, **facts)[0]


def compose_many(rng: np.random.Generator, kind: str, n: int | None = None,
                 **facts: Any) -> list[str]:
    """`n` texts of `kind`, row i from the i-th value of each sequence fact (scalars apply to
    every row). `n` defaults to the length of the sequence facts."""
    k = _kind(kind)
    cols, n = _columns(facts, n)
    if n == 0:
        return []
    for derivation in k.derive:
        cols.update(derivation.function(cols, n))
    names = sorted(cols)
    present = np.zeros(n, dtype=np.int64)
    for bit, name in enumerate(names):
        present |= _presence(cols[name], n).astype(np.int64) << bit
    seeds = rng.bit_generator.random_raw(n).tolist()
    out: list[str] = [""] * n
    for signature in np.unique(present).tolist():
        node = k.for_facts(frozenset(nm for b, nm in enumerate(names) if signature >> b & 1))
        rows = np.flatnonzero(present == signature).tolist() if len(names) else range(n)
        for i in rows:
            parts: list[str] = []
            node.emit(cols, i, _Draw(seeds[i]), parts)
            out[i] = _finish("".join(parts))
    return out


def _presence(values: list, n: int) -> np.ndarray:
    """Which rows have the fact (a constant column is checked once)."""
    first = values[0]
    if all(v is first for v in values):
        return np.full(n, not _absent(first))
    return np.fromiter((not _absent(v) for v in values), dtype=bool, count=n)


def _columns(facts: Mapping[str, Any], n: int | None) -> tuple[dict[str, list], int]:
    lengths = {name: len(v) for name, v in facts.items()
               if isinstance(v, Sequence | np.ndarray) and not isinstance(v, str)}
    if n is None:
        if not lengths:
            raise TextError("compose_many needs n when every fact is a scalar")
        n = next(iter(lengths.values()))
    wrong = {name: size for name, size in lengths.items() if size != n}
    if wrong:
        name, size = next(iter(wrong.items()))
        raise TextError(f"fact {name!r} has {size} values for {n} texts")
    cols = {}
    for name, v in facts.items():
        if name in lengths:
            cols[name] = v.tolist() if isinstance(v, np.ndarray) else list(v)
        else:
            cols[name] = [v.item() if isinstance(v, np.generic) else v] * n
    return cols, n


# =========================================================================== vocabulary
# Phrases people write, by domain. A group named `x.<value>` specialises `x` for a fact
# value (`<x:fact>`); keep the plain `x` as the fallback for values not listed.

vocabulary(_COMMON, {
    "machine": ("machine", "station", "unit"),
    "machine.CNC": ("CNC", "machining center", "CNC machining center", "CNC mill"),
    "machine.press": ("press", "hydraulic press", "press"),
    "machine.robot": ("robot", "handling robot", "robot cell"),
    "machine.conveyor": ("conveyor", "transfer conveyor", "belt conveyor"),
    "machine.welding": ("welding cell", "welder", "weld cell", "MIG cell"),
    "machine.assembly": ("assembly station", "assembly cell", "fixture station"),
    "machine.testing": ("test bench", "tester", "test rig", "EOL tester"),

    "fault": ("fault", "breakdown", "machine fault"),
    "fault.bearing_failure": ("bearing failure", "spindle bearing failure", "worn drive bearing",
                              "bearing seizure", "failed drive-end bearing"),
    "fault.motor_overheating": ("motor over-temperature", "drive motor overheating",
                                "motor thermal trip", "overheated spindle motor"),
    "fault.hydraulic_leak": ("hydraulic leak", "oil leak on the hydraulic circuit",
                             "leaking hydraulic hose", "loss of hydraulic pressure"),
    "fault.tool_wear": ("tool wear", "worn cutting tool", "insert worn past its limit",
                        "chipped insert"),
    "fault.welding_drift": ("weld current drift", "weld parameters out of schedule",
                            "unstable arc", "weld voltage drift"),
    "fault.pneumatic_failure": ("compressed air failure", "low air pressure",
                                "pneumatic valve failure", "air leak at the valve manifold"),
    "fault.coolant_failure": ("coolant flow failure", "coolant pump failure",
                              "blocked coolant line", "no coolant flow"),
    "fault.robot_positioning_drift": ("robot position drift", "axis positioning error",
                                      "repeatability drift", "lost robot reference"),
    "fault.electrical_fault": ("electrical fault", "drive fault", "blown fuse",
                               "contactor failure", "power supply fault"),
    "fault.sensor_drift": ("sensor drift", "implausible sensor readings",
                           "sensor out of calibration", "faulty transducer signal"),

    "symptom": ("alarm on the HMI", "machine stopped with an alarm", "unexpected stop",
                "machine would not cycle"),
    "symptom.bearing_failure": ("grinding noise from the spindle", "high vibration alarm",
                                "rumbling from the drive end", "spindle running rough"),
    "symptom.motor_overheating": ("motor temperature alarm", "drive tripped on overtemperature",
                                  "burning smell from the motor", "motor too hot to touch"),
    "symptom.hydraulic_leak": ("oil on the floor under the machine", "pressure low alarm",
                               "slow ram movement", "oil mist around the cylinder"),
    "symptom.tool_wear": ("poor surface finish", "parts running oversize", "chatter marks",
                          "tool life alarm"),
    "symptom.welding_drift": ("spatter and porosity on the welds", "weld monitor out of band",
                              "arc unstable, welds rejected"),
    "symptom.pneumatic_failure": ("air pressure low alarm", "cylinders not reaching end position",
                                  "hissing at the valve manifold", "gripper not closing"),
    "symptom.coolant_failure": ("coolant low-flow alarm", "spindle running hot",
                                "no coolant at the tool", "steam from the cutting zone"),
    "symptom.robot_positioning_drift": ("robot missing the pick position",
                                        "position deviation alarm", "gripper misplacing parts"),
    "symptom.electrical_fault": ("drive fault alarm", "machine lost power", "breaker tripped",
                                 "control cabinet fault light on"),
    "symptom.sensor_drift": ("readings jumping on the HMI", "implausible sensor value",
                             "sensor signal frozen", "measurement not plausible"),

    "repair": ("repaired the fault", "fixed the fault and tested", "repaired and function-tested"),
    "repair.bearing_failure": (
        "replaced the bearing set[ ({part})], realigned the shaft and relubricated",
        "changed the spindle bearings and checked runout",
        "fitted new bearings[ {part}] and regreased",
        "replaced the drive-end bearing and re-tensioned the belt"),
    "repair.motor_overheating": (
        "cleaned the motor fan and filters and checked the winding insulation",
        "replaced the cooling fan[ ({part})]",
        "cleared the blocked air intake and reset the thermal relay",
        "cleaned the cooling fins and checked the motor current"),
    "repair.hydraulic_leak": (
        "replaced the hydraulic hose and seals and topped up the oil",
        "changed the leaking fitting[ ({part})] and bled the circuit",
        "replaced the cylinder seal kit", "replaced the hose and refilled the oil"),
    "repair.tool_wear": (
        "replaced the tool and reset the offsets",
        "changed the insert[ ({part})] and measured the first part",
        "swapped the worn tool and reset the tool life counter",
        "indexed the inserts and re-zeroed"),
    "repair.welding_drift": (
        "replaced the contact tip and recalibrated the weld controller",
        "changed the contact tip[ ({part})] and cleaned the nozzle",
        "re-taught the weld schedule and checked the ground clamp",
        "replaced the liner and contact tip"),
    "repair.pneumatic_failure": (
        "replaced the pneumatic valve and fittings",
        "changed the valve[ ({part})] on the manifold",
        "fixed the air leak and replaced the regulator",
        "replaced the leaking push-in fittings"),
    "repair.coolant_failure": (
        "replaced the coolant pump and flushed the lines",
        "cleared the blocked nozzle and cleaned the filter",
        "changed the coolant pump[ ({part})] and topped up the concentrate",
        "cleaned the chip tray and the coolant filter"),
    "repair.robot_positioning_drift": (
        "re-mastered the robot axes", "re-taught the pick positions and checked the TCP",
        "replaced the reducer grease and re-mastered",
        "recalibrated the robot against the reference pins"),
    "repair.electrical_fault": (
        "replaced the contactor and fuse and checked the supply voltage",
        "changed the blown fuse[ ({part})] and reset the drive",
        "replaced the failed contactor", "reseated the drive connector and reset"),
    "repair.sensor_drift": (
        "recalibrated the sensor against the reference", "replaced the sensor cable",
        "cleaned and recalibrated the transducer",
        "replaced the sensor[ ({part})] and checked the signal"),

    "mode_cause": ("component wear",),
    "mode_cause.bearing_failure": ("lubrication starvation", "contaminated grease",
                                   "bearing worn past its service life", "misalignment"),
    "mode_cause.motor_overheating": ("clogged cooling fan", "motor overload",
                                     "blocked air intake"),
    "mode_cause.hydraulic_leak": ("aged hose", "seal wear", "loose fitting"),
    "mode_cause.tool_wear": ("tool life exceeded", "wrong feed rate", "hard spot in the material"),
    "mode_cause.welding_drift": ("worn contact tip", "poor ground connection",
                                 "spatter build-up in the nozzle"),
    "mode_cause.pneumatic_failure": ("worn valve seal", "leaking fitting",
                                     "water in the air supply"),
    "mode_cause.coolant_failure": ("pump wear", "chips blocking the filter", "low coolant level"),
    "mode_cause.robot_positioning_drift": ("reducer wear", "collision after a jam",
                                           "encoder battery low"),
    "mode_cause.electrical_fault": ("worn contactor", "loose terminal", "supply voltage dip"),
    "mode_cause.sensor_drift": ("sensor aging", "damaged cable", "contamination on the sensor"),
    "finding": ("wear found on the failed component", "damage found on inspection"),
    "finding.bearing_failure": ("grease dark and dry on the drive-end bearing",
                                "outer race spalling", "radial play in the spindle bearing",
                                "cage damage on the bearing"),
    "finding.motor_overheating": ("fan cover clogged with dust", "cooling fins packed with dirt",
                                  "motor current above nameplate", "thermal relay tripped repeatedly"),
    "finding.hydraulic_leak": ("hose chafed through at the clamp", "seal extruded on the cylinder",
                               "fitting loose at the manifold", "oil level below minimum"),
    "finding.tool_wear": ("flank wear on the insert", "built-up edge on the tool",
                          "chipped cutting edge", "tool past its counted life"),
    "finding.welding_drift": ("contact tip worn oval", "spatter build-up in the nozzle",
                              "ground clamp loose", "wire feed slipping"),
    "finding.pneumatic_failure": ("valve seal worn", "water in the air line",
                                  "push-in fitting leaking", "regulator set too low"),
    "finding.coolant_failure": ("pump impeller worn", "coolant filter full of chips",
                                "coolant level low", "nozzle blocked"),
    "finding.robot_positioning_drift": ("backlash on the wrist axis", "encoder battery low",
                                        "mastering marks out of line", "gripper loose on its flange"),
    "finding.electrical_fault": ("burnt contacts on the contactor", "loose terminal in the cabinet",
                                 "fuse blown on the drive supply", "connector corroded"),
    "finding.sensor_drift": ("sensor cable damaged", "offset drift against the reference",
                             "sensor face contaminated", "loose sensor mounting"),
    "restart": ("machine restarted", "production resumed", "back in production",
                "released back to production", "cycle restarted", "running again"),
    "verify": ("first part checked OK", "test run OK", "dry cycle ran without alarms",
               "verified with a test part", "no alarms after the restart",
               "first-off part in tolerance"),
    "followup": ("monitor on the next shift", "spare to be reordered for stores",
                 "reported to the maintenance planner", "check again at the next PM",
                 "follow-up work order raised", "handed over to the next shift"),
    "who": ("maintenance", "the technician", "the shift electrician", "the fitter",
            "the maintenance crew"),
})

vocabulary("mes", {
    "reason": ("unplanned stop", "machine stopped", "stop logged by the operator"),
    "reason.breakdown": (
        "<fault:failure_mode>", "<symptom:failure_mode>, machine stopped",
        "<fault:failure_mode> on the <machine:machine_type>",
        "breakdown: <symptom:failure_mode>",
        "machine down with an alarm, maintenance called",
        "breakdown, cause under investigation",
        "<machine:machine_type> tripped, will not restart"),
    "reason.material_shortage": (
        "no {material} at the line", "waiting for {material} from the warehouse",
        "line starved: {material} short", "material shortage, {material} not kitted",
        "kanban for {material} empty", "waiting for material", "component shortage",
        "material not staged for the next order"),
    "reason.quality_hold": (
        "quality hold on the running lot", "held for first-article inspection",
        "stopped by quality: parts out of tolerance", "waiting for the CMM result",
        "suspect parts quarantined, line on hold", "quality hold[ on {product}]"),
    "reason.maintenance": (
        "planned maintenance", "preventive maintenance window", "scheduled service",
        "PM due on the <machine:machine_type>", "lubrication and inspection round",
        "planned stop for maintenance"),
    "reason.no_operator": (
        "no operator available", "operator called to another station",
        "crew short on this shift", "operator absent, no relief",
        "waiting for a qualified operator", "operator on break, no cover"),
    "reason.waiting_for_approval": (
        "waiting for setup approval", "first-off part waiting for sign-off",
        "waiting for quality release", "engineering change waiting for approval",
        "waiting for the supervisor to release the job"),
    "reason.power_failure": (
        "power dip tripped the <machine:machine_type>", "power outage in the hall",
        "main breaker tripped", "voltage drop, drives faulted", "plant power interruption"),
    "reason.tool_change": (
        "tool change", "worn insert replaced", "tool change at the tool life limit",
        "die change", "broken tool, replacement fitted", "scheduled tool change"),
    "reason.changeover": (
        "changeover[ to {product}]", "product change", "setup for the next order",
        "changeover: fixtures and program"),

    "fix": ("<repair>", "cleared the stop"),
    "fix.breakdown": (
        "<who> <repair:failure_mode>", "<repair:failure_mode>",
        "replaced {part}", "<repair:failure_mode>[ after {duration_minutes|duration}]"),
    "fix.material_shortage": (
        "{material} delivered from the warehouse", "expedited {material} from stores",
        "kitted {material}", "borrowed {material} from another line",
        "material arrived", "forklift brought the missing material",
        "stores released the next lot[ of {material}]"),
    "fix.quality_hold": (
        "lot released after re-inspection", "sorted the suspect parts and released the good ones",
        "CMM result in tolerance, hold lifted", "adjusted the offsets and re-measured the first-off part",
        "quality engineer released the lot"),
    "fix.maintenance": (
        "PM completed", "service completed to the checklist",
        "lubricated, inspected and signed off", "planned work finished, machine handed back"),
    "fix.no_operator": (
        "relief operator assigned", "supervisor moved an operator from another line",
        "shift lead covered the station", "trained operator called in"),
    "fix.waiting_for_approval": (
        "setup approved by quality", "first-off part signed off",
        "supervisor released the job", "approval received"),
    "fix.power_failure": (
        "power restored and drives reset", "reset the breaker and re-homed the axes",
        "electrician reset the main breaker", "supply back, machine re-referenced"),
    "fix.tool_change": (
        "new tool fitted and offsets set", "insert replaced, tool life counter reset",
        "tool changed and first part measured", "die changed and set up"),
    "fix.changeover": (
        "changeover completed", "fixtures changed and program loaded",
        "setup done, first part approved"),

    "cause": ("not determined", "under investigation", "operator report only"),
    "cause.breakdown": ("<mode_cause:failure_mode>", "component wear", "worn component",
                        "unknown, part sent for analysis"),
    "cause.material_shortage": (
        "late delivery from the warehouse", "kanban signal missed", "stock booked but not on hand",
        "supplier delivery late[ for {material}]", "wrong material staged",
        "MRP did not release the replenishment in time"),
    "cause.quality_hold": ("parts out of tolerance", "suspect gauge reading",
                           "customer complaint on the same part", "first-article failure"),
    "cause.maintenance": ("planned maintenance", "PM interval reached", "scheduled service"),
    "cause.no_operator": ("absenteeism", "crew shortage", "training session", "operator reassigned"),
    "cause.waiting_for_approval": ("approval process", "quality sign-off pending",
                                   "engineering change pending"),
    "cause.power_failure": ("grid disturbance", "overloaded supply circuit", "breaker trip"),
    "cause.tool_change": ("tool life reached", "tool breakage", "planned tool change"),
    "cause.changeover": ("product change", "order sequence"),

})

vocabulary("mes", {
    "defect": ("nonconforming parts", "parts out of specification"),
    "defect.dimensional": (
        "{characteristic|lc} out of tolerance", "{characteristic|lc} {deviation} at {measured_text}",
        "{characteristic|lc} {measured_text}, {past_limit}",
        "{characteristic|lc} {measured_text} against {spec}[?, {deviation}]",
        "dimension out of tolerance", "hole position off", "flatness out of spec",
        "oversize bore"),
    "defect.visual": (
        "scratches on the sealing face", "dent on the housing", "burr on the edge",
        "paint run", "surface porosity", "rust spots", "scuff marks", "discoloration",
        "chipped coating"),
    "defect.functional": (
        "leak at test pressure", "noise on the function test", "no continuity at the connector",
        "actuation force too high", "failed the end-of-line test", "intermittent signal",
        "{characteristic|lc} check failed"),
    "defect.material": (
        "crack[ in the {material}]", "hardness below spec", "inclusion in the material",
        "wrong material grade", "porosity in the casting", "lamination in the sheet",
        "{characteristic|lc} {deviation} at {measured_text}"),
    "defect.assembly": (
        "missing clip", "fasteners under-torqued", "seal not seated",
        "connector not fully latched", "washer fitted upside down", "wrong part fitted",
        "missing O-ring", "{characteristic|lc} {deviation} at {measured_text}"),
    "sev": ("{severity}",),
    "sev.critical": ("critical", "safety-relevant", "critical, customer-relevant"),
    "sev.major": ("major", "functional impact", "major nonconformity"),
    "sev.minor": ("minor", "low risk", "minor, reworkable"),
    "method": ("{detection_method} check",),
    "method.visual": ("visual check", "the operator's visual check", "light-booth inspection"),
    "method.measurement": ("CMM", "gauge check", "the measuring station", "caliper check"),
    "method.testing": ("the leak test", "the function test", "the end-of-line tester"),
    "stage": ("{stage} inspection",),
    "stage.final": ("final inspection", "the final audit", "end of line"),
    "stage.in_process": ("in-process inspection", "the patrol check", "the in-process check"),
    "stage.incoming": ("incoming inspection", "goods-in inspection"),

    "cause6m": ("cause not yet confirmed",),
    "cause6m.machine": (
        "worn fixture locator on the <machine:machine_type>", "spindle runout",
        "thermal growth of the <machine:machine_type>", "tool offset drift",
        "low clamping pressure", "worn guide bushing"),
    "cause6m.method": (
        "work instruction missing the torque sequence", "setup sheet out of date",
        "cycle shortened, cure time not met", "wrong inspection frequency in the control plan",
        "handling method damages the surface"),
    "cause6m.man": (
        "new operator not trained on the gauge", "step skipped during changeover",
        "wrong program selected at setup", "parts loaded the wrong way round"),
    "cause6m.material": (
        "supplier lot[ of {material}] with hardness at the lower limit",
        "bar stock with inclusions[ ({material})]", "incoming parts with uneven coating",
        "casting porosity from the supplier"),
    "cause6m.measurement": (
        "gauge out of calibration", "loose CMM fixture", "wrong gauge used",
        "gauge repeatability too poor for the tolerance"),
    "cause6m.environment": (
        "high humidity in the paint area", "hall temperature swing overnight",
        "dust from the neighbouring grinding cell", "vibration from the press next door"),
    "evidence": (
        "confirmed by re-measuring retained samples", "reproduced on a trial run",
        "seen on all affected parts from the same shift", "matches the last process change",
        "agreed in the 8D review"),
    "action": ("corrective action defined in the 8D",),
    "action.machine": (
        "replaced the worn locator and re-qualified the fixture",
        "adjusted the offsets and added an SPC check", "repaired the clamp and verified the pressure"),
    "action.method": (
        "updated the work instruction[ for the {characteristic|lc} check]",
        "added a poka-yoke check at the station", "revised the setup sheet"),
    "action.man": (
        "retrained the operator", "added the step to the shift briefing",
        "certified the operator on the gauge"),
    "action.material": (
        "blocked the supplier lot[ of {material}] and raised a complaint",
        "added incoming inspection for the material", "sorted the stock from the same lot"),
    "action.measurement": (
        "recalibrated the gauge", "replaced the gauge", "ran an MSA on the measuring station"),
    "action.environment": (
        "added temperature control in the area", "screened the station from the grinding dust",
        "adjusted the humidity set point"),
    "contain": (
        "suspect stock sorted", "affected lot quarantined", "100 % check on the next three lots",
        "stock at the customer checked", "parts in WIP sorted"),

    "inote": ("inspection recorded", "see attached report"),
    "inote.pass": (
        "all samples within spec", "{characteristic|lc} {measured_text}, within {spec}",
        "no findings", "OK, parts released", "conforms[, {sample_size} samples measured]"),
    "inote.fail": (
        "{characteristic|lc} {deviation} at {measured_text} (limit {limit_text}), lot rejected",
        "lot rejected: {characteristic|lc} out of tolerance",
        "reject, {measured_text} {past_limit}",
        "failed, parts to quarantine"),
    "inote.hold": (
        "lot on hold pending engineering review", "held: {characteristic|lc} at {measured_text}",
        "on hold, retest requested", "held until the gauge is checked"),
    "inote.rework_required": (
        "rework required: {characteristic|lc} {deviation}", "parts to rework, re-inspect after",
        "rework: {measured_text} against {spec}[?, {deviation}]"),
    "inote.conditional_pass": (
        "accepted under deviation", "conditional release, {characteristic|lc} at {measured_text}",
        "released with a concession", "minor finding, released"),

    "hazard": ("moving parts: keep guards closed",),
    "hazard.press": ("crush hazard in the die area", "never reach past the light curtain",
                     "two-hand control must stay active"),
    "hazard.welding": ("arc flash and hot spatter", "welding fumes: keep the extraction running",
                       "parts stay hot after welding"),
    "hazard.robot": ("do not enter the cell in automatic mode",
                     "use the enabling switch in teach mode", "stored energy in the gripper"),
    "hazard.CNC": ("keep the guards closed while the spindle turns",
                   "clear chips with a hook, never by hand", "coolant mist: keep the door shut"),
    "hazard.conveyor": ("pinch points at the rollers and belts",
                        "stop the conveyor before clearing a jam", "no loose clothing near the belt"),
    "hazard.assembly": ("keep hands clear of the nutrunner", "pinch points at the press-fit fixture",
                        "sharp edges on stamped parts"),
    "hazard.testing": ("the part is pressurised during the leak test",
                       "high-voltage test: stay outside the guard", "parts hot after the run-in test"),
    "ppe": ("safety glasses and safety shoes", "cut-resistant gloves and safety glasses",
            "hearing protection and safety glasses", "safety shoes, gloves and glasses"),
    "ppe.welding": ("welding helmet, leather gloves and a flame-retardant jacket",
                    "auto-darkening helmet and welding gloves"),
    "loto": ("lock out the machine before clearing jams", "apply LOTO before opening the guards",
             "isolate all energy sources before maintenance", "E-stop first, then open the door"),
})

vocabulary("maintenance", {
    "pm": ("inspect, clean and lubricate to the checklist",
           "check fasteners, guards and safety devices"),
    "pm.CNC": ("check spindle runout, lubricate the way covers and clean the coolant tank",
               "replace the spindle air filter, check the way lube and the axis backlash",
               "clean the chip conveyor, check the coolant concentration and the tool clamping force"),
    "pm.press": ("check the hydraulic oil level and filter, inspect the hoses and test the light curtain",
                 "lubricate the slide gibs, check the clutch/brake and the die clamps",
                 "sample the hydraulic oil and check the accumulator pre-charge"),
    "pm.robot": ("check the cable dress pack, grease the reducers and back up the controller",
                 "check the mastering marks, replace the controller battery and test the E-stops",
                 "inspect the gripper fingers and check the axis backlash"),
    "pm.conveyor": ("check belt tension and tracking and lubricate the bearings",
                    "inspect the rollers and drive chain and clean the photo eyes",
                    "check the gearbox oil and the emergency pull-cords"),
    "pm.welding": ("replace the contact tips and liners, clean the torch and check the ground cables",
                   "check the wire feeder rollers and the gas flow",
                   "clean the fume extraction filter and verify the weld current against the schedule"),
    "pm.assembly": ("check the nutrunner torque calibration and the fixture locators",
                    "inspect the pneumatic cylinders and clean the sensors",
                    "verify the press-fit force monitor and lubricate the slides"),
    "pm.testing": ("verify the leak tester against the master leak",
                   "calibrate the load cell and check the test fixtures",
                   "run the gauge R&R sample and clean the probes"),
    "interval": ("scheduled",),
    "interval.daily": ("daily", "daily round"),
    "interval.weekly": ("weekly",),
    "interval.monthly": ("monthly", "1-month"),
    "interval.quarterly": ("quarterly", "3-month"),
    "interval.yearly": ("annual", "yearly"),
    "trend": ("condition trend",),
    "trend.vibration": ("vibration", "vibration velocity"),
    "trend.temperature": ("temperature", "bearing temperature"),
    "trend.pressure": ("pressure",), "trend.current": ("motor current", "current draw"),
    "trend.voltage": ("supply voltage",), "trend.flow": ("flow",), "trend.speed": ("speed",),
    "trend.torque": ("torque",),
    "work": ("maintenance to the work order",),
    "work.preventive": (
        "<interval:schedule> PM: <pm:machine_type>", "preventive maintenance: <pm:machine_type>",
        "<pm:machine_type> (planned service)", "PM to the checklist - <pm:machine_type>"),
    "work.predictive": (
        "condition-based: <finding:failure_mode>, <repair:failure_mode>",
        "<trend:sensor_type> trend rising, inspected for <fault:failure_mode>",
        "predictive maintenance after a <fault:failure_mode> warning: <repair:failure_mode>",
        "inspection on condition alert: <pm:machine_type>"),
    "work.corrective": (
        "<fault:failure_mode>: <repair:failure_mode>",
        "corrective repair of the <fault:failure_mode> - <repair:failure_mode>",
        "<symptom:failure_mode>; <repair:failure_mode>", "breakdown repair: <repair>"),
    "mnote": ("work completed",),
    "mnote.preventive": (
        "all points OK", "no findings, machine in good condition",
        "minor oil seepage noted, monitor", "belt slightly worn, replace at the next PM",
        "checklist completed[, {part} replaced]", "grease points done, two guards re-fixed"),
    "mnote.predictive": (
        "found <finding:failure_mode>; <repair:failure_mode>",
        "<finding:failure_mode>, planned repair before failure",
        "[{reading} {unit} on the {sensor_type|lower} sensor; ]<finding:failure_mode>",
        "no defect found, trend to be watched"),
    "mnote.corrective": (
        "found <finding:failure_mode>", "<finding:failure_mode>; <repair:failure_mode>",
        "<finding:failure_mode>[, {part} fitted]", "<repair:failure_mode>, <verify>"),
})

vocabulary("erp", {
    "feature": ("housing", "mounting face", "main bore", "flange"),
    "feature.suspension": ("piston rod", "mounting eye", "ball stud seat", "spring seat",
                           "bushing bore"),
    "feature.brake": ("piston bore", "caliper bracket", "friction faces", "bleed port",
                      "mounting holes"),
    "feature.electrical": ("housing", "terminal block", "connector pins", "PCB carrier",
                           "heat sink"),
    "feature.steering": ("rack teeth", "tie rod thread", "pinion housing", "column tube",
                         "yoke bore"),
    "feature.transmission": ("gear teeth", "shaft journal", "spline", "housing face",
                             "bearing seat"),
    "op": ("process part", "operation to the drawing"),
    "op.CNC": ("rough turn <feature:product_category>", "finish turn <feature:product_category>",
               "mill <feature:product_category>", "drill and tap <feature:product_category>",
               "face and chamfer", "finish machine <feature:product_category>",
               "deburr <feature:product_category>"),
    "op.press": ("press-fit bushing", "press in bearing", "blank and pierce", "form bracket",
                 "stamp <feature:product_category>", "coin and restrike"),
    "op.robot": ("robot load/unload", "pick and place", "robot transfer to next station",
                 "palletize", "apply sealant bead"),
    "op.conveyor": ("transfer to next station", "buffer and transfer", "convey to packing",
                    "index to assembly"),
    "op.welding": ("MIG weld <feature:product_category>", "spot weld bracket",
                   "tack and seam weld", "weld <feature:product_category>"),
    "op.assembly": ("assemble <feature:product_category>", "fit seal and O-ring",
                    "fasten and torque", "final assembly", "pre-assemble <feature:product_category>",
                    "install <feature:product_category>"),
    "op.testing": ("leak test", "function test", "end-of-line test", "torque audit",
                   "electrical test", "dimensional check", "run-in test"),

    "so_shipping": (
        "ship complete", "partial shipments accepted", "ship on returnable racks",
        "pallet height max 1.2 m", "customer pickup at the dock", "deliver to the plant gate 3",
        "direct to the assembly line, JIT window 2 h", "deliver Monday to Friday, 06:00-14:00",
        "consolidate with the next order", "ship by express, freight prepaid",
        "stack max two pallets high", "call the receiving dock 2 h before arrival",
        "use the customer's returnable bins"),
    "so_paperwork": (
        "labels to the customer's spec", "advance shipping notice required",
        "certificate of conformance with each shipment", "customer PO number on every label",
        "invoice to the central payables address", "packing list inside and outside",
        "batch numbers on the delivery note", "export documents with the shipment"),
    "po_delivery": (
        "confirm the delivery date by return", "partial deliveries accepted",
        "deliver to receiving dock 2, 07:00-15:00", "packaging: returnable boxes",
        "no deliveries on Saturdays", "deliver in two equal call-offs",
        "ship by truck, FCA supplier's works", "book the delivery slot 24 h ahead",
        "max 12 pallets per delivery"),
    "po_terms": (
        "certificate of conformity required with each lot", "price as per the frame agreement",
        "PPAP level 3 on file", "material certificates 3.1 required", "quote reference on the invoice",
        "drawing revision C applies", "RoHS and REACH declaration with the first delivery",
        "payment 60 days net", "first-article report required"),
    "gr_note": ("received", "goods received and booked"),
    "gr_note.unrestricted": (
        "received complete, packaging OK", "quantity and labels checked, booked to stock",
        "received in good condition", "count OK, put away"),
    "gr_note.quality_inspection": (
        "moved to quality inspection: certificate missing", "held for incoming inspection",
        "sample sent to the lab", "first delivery from this supplier, inspect before use"),
    "gr_note.blocked": (
        "blocked: packaging damaged", "label mismatch, blocked for clarification",
        "wrong material delivered, blocked for return", "blocked: corrosion on the parts"),
    "exc": ("check the planning situation",),
    "exc.reschedule_in": ("reschedule in: needed[ by {due_date}]",
                          "bring the receipt forward[ to {due_date}]",
                          "receipt too late for the requirement"),
    "exc.reschedule_out": ("reschedule out: receipt earlier than needed",
                           "push the receipt out[ to {due_date}]", "stock covers the requirement"),
    "exc.cancel": ("cancel: no requirement left", "order proposal no longer needed",
                   "excess supply, cancel the receipt"),
    "exc.shortage": ("shortage[ of {quantity|int}][ {unit}][ on {due_date}]",
                     "available stock below the requirement", "coverage gap, expedite"),
    "exc.below_safety_stock": ("projected stock below safety stock",
                               "safety stock breached[ on {due_date}]"),
    "exc.past_due": ("order proposal past due, release now", "start date in the past"),
})

vocabulary("master", {
    "application": ("passenger cars", "light vehicles"),
    "application.suspension": ("passenger car front axles", "SUV and light truck suspensions",
                               "rear axle modules"),
    "application.brake": ("passenger car disc brakes", "light commercial vehicle brakes",
                          "front and rear brake systems"),
    "application.electrical": ("12 V vehicle electrical systems", "engine management",
                               "vehicle lighting and body electronics"),
    "application.steering": ("rack-and-pinion steering", "electric power steering systems",
                             "passenger car steering"),
    "application.transmission": ("manual and dual-clutch transmissions",
                                 "front-wheel-drive drivelines", "passenger car gearboxes"),
    "build": ("single part",),
    "build.assembly": ("complete assembly", "ready-to-fit assembly", "assembled unit"),
    "build.sub-assembly": ("sub-assembly", "pre-assembled module", "module"),
    "build.component": ("component", "single component", "machined part"),
    "trait": ("made to the customer's drawing", "tested to specification"),
    "trait.Shock Absorber": ("twin-tube, gas-charged", "monotube design with rebound stop",
                             "valving tuned per platform"),
    "trait.Coil Spring": ("shot-peened and powder-coated", "progressive rate, cold-coiled",
                          "barrel-shaped for package space"),
    "trait.Control Arm": ("with pressed-in rubber bushings", "forged and machined, ball joint fitted",
                          "lightweight one-piece design"),
    "trait.Strut Assembly": ("complete with spring, top mount and bearing", "ready to fit, pre-loaded",
                             "with integrated bump stop"),
    "trait.Stabilizer Link": ("with ball joints at both ends", "corrosion-protected, sealed joints"),
    "trait.Ball Joint": ("greased-for-life, sealed boot", "press-in design with circlip"),
    "trait.Brake Caliper": ("single-piston floating caliper", "twin-piston fixed caliper",
                            "with integrated parking brake actuator"),
    "trait.Brake Disc": ("vented, balanced and coated", "solid disc, anti-corrosion coating",
                         "cross-drilled and vented"),
    "trait.Brake Pad Set": ("low-dust, low-noise compound", "with wear indicator and shims",
                            "ECE R90 approved"),
    "trait.Master Cylinder": ("tandem design with reservoir", "with integrated level sensor"),
    "trait.ABS Module": ("hydraulic unit with integrated ECU", "four-channel, with ESC function"),
    "trait.Brake Booster": ("single-diaphragm vacuum booster", "tandem vacuum booster"),
    "trait.Alternator": ("14 V, with voltage regulator", "high-output, with decoupler pulley"),
    "trait.Starter Motor": ("start-stop capable, reinforced pinion", "gear-reduction design"),
    "trait.Wiring Harness": ("taped and convoluted, with sealed connectors",
                             "engine compartment harness, high-temperature insulation"),
    "trait.Engine Control Unit": ("32-bit controller, flash-programmable",
                                  "sealed housing, CAN and LIN interfaces"),
    "trait.Ignition Coil": ("pencil coil, direct ignition", "coil pack for four cylinders"),
    "trait.LED Headlamp": ("LED low and high beam with DRL", "adaptive LED module, leveling motor"),
    "trait.Steering Rack": ("with inner tie rods and boots", "variable ratio, hydraulic assist"),
    "trait.Tie Rod End": ("with castle nut and cotter pin", "greased, sealed ball joint"),
    "trait.Power Steering Pump": ("vane pump with pressure relief valve",
                                  "with integrated reservoir"),
    "trait.Steering Column": ("collapsible, tilt and telescopic", "with electric lock"),
    "trait.EPS Motor": ("brushless motor with position sensor", "column-mounted assist motor"),
    "trait.Gear Set": ("case-hardened and ground", "helical gears, honed"),
    "trait.Clutch Plate": ("with torsional damper springs", "organic facing, riveted"),
    "trait.Drive Shaft": ("with CV joints at both ends", "balanced tubular shaft"),
    "trait.Transmission Housing": ("die-cast, machined bearing seats", "pressure-tested casting"),
    "trait.Synchronizer Ring": ("molybdenum-coated cone", "triple-cone design"),
    "trait.CV Joint": ("with boot and clamp kit", "six-ball fixed joint"),
})

vocabulary("mes", {
    "lnote": ("booked to the shift plan", "no remarks", "as planned"),
    "lnote.setup": ("setup and first-off check[ on {machine}]", "changed fixtures and loaded the program",
                    "setup for the next order, first part measured OK",
                    "tooling changeover[, {duration_minutes|duration}]"),
    "lnote.direct_labor": ("ran {quantity|units}[ on {machine}]", "normal run, no issues",
                           "covered the break relief at the station", "ran the order to plan",
                           "short stops for chip clearing, otherwise OK"),
    "lnote.rework": ("reworked {quantity|units}", "rework of the previous shift's rejects",
                     "deburred and re-inspected the held parts"),
    "lnote.indirect_labor": ("5S of the work area", "material staging for the next shift",
                             "cleaned the line and emptied the scrap bins",
                             "kanban round and label printing"),
    "lnote.training": ("trained on the new work instruction", "forklift refresher",
                       "safety training: lockout/tagout", "on-the-job training with the line lead"),
    "lnote.maintenance": ("helped maintenance on the <machine:machine_type>",
                          "autonomous maintenance: cleaning and lubrication",
                          "checked the air and oil levels"),
    "lnote.meeting": ("shift start meeting", "quality review of yesterday's rejects",
                      "kaizen workshop", "safety walk with the supervisor"),
    "pnote": ("planned to the standard sequence",),
    "pnote_any": (
        "sequenced after the changeover to save a setup", "run on the primary line",
        "split across two shifts", "hold until quality releases the previous lot",
        "material staged the shift before", "customer rush, keep the slot",
        "fill order for stock", "needs the qualified crew of shift A"),
    "ebr": ("batch record reviewed",),
    "ebr.no": ("no deviations, released", "reviewed, all steps signed", "complete, no findings",
               "record complete[; temperature {temperature} within limits]",
               "all in-process checks in tolerance", "signed off by production and QA",
               "reviewed by exception, nothing to report", "release checklist complete",
               "parameters within limits throughout[, {temperature} max]",
               "checked against the master record, no exceptions",
               "line clearance and reconciliation complete"),
    "ebr.yes": ("{deviation_count} deviation(s) recorded and assessed",
                "deviation: <dev_kind>, assessed and closed",
                "released after QA review of <dev_kind>", "<dev_kind> documented; impact assessed as none"),
    "dev_kind": ("a late in-process check", "a torque re-check", "a missing signature",
                 "an out-of-range room temperature", "a replaced component lot"),
    "prevent": ("update the FMEA and the control plan",),
    "prevent.material": ("add the material to incoming inspection", "agree a tighter spec with the supplier",
                         "supplier audit scheduled[ for {material}]"),
    "prevent.machine": ("add the fixture check to the PM plan", "shorten the PM interval",
                        "install a wear monitor on the <machine:machine_type>"),
    "prevent.method": ("update the work instruction and retrain", "add a poka-yoke to the fixture",
                       "add the step to the setup checklist"),
    "prevent.man": ("add the skill to the training matrix", "buddy system for new operators",
                    "refresher training every quarter"),
    "prevent.measurement": ("add the gauge to the calibration plan", "run MSA twice a year",
                            "replace manual gauging with an in-line check"),
    "prevent.environment": ("monitor hall temperature and humidity", "seal the area from dust",
                            "schedule the process away from the press vibration"),
    "prevent.breakdown": ("add to the preventive maintenance plan", "shorten the PM interval",
                          "keep <part_word:failure_mode> in stores", "add condition monitoring"),
    "prevent.material_shortage": ("raise the safety stock[ of {material}]", "review the kanban size",
                                  "second source for the material", "stage material a shift ahead"),
    "prevent.quality_hold": ("add an in-process check", "first-article check after every setup",
                             "tighten the SPC reaction plan"),
    "prevent.maintenance": ("move the PM to a non-production shift", "plan PM with the schedule"),
    "prevent.no_operator": ("cross-train a second operator", "keep a relief operator per shift"),
    "prevent.waiting_for_approval": ("delegate setup approval to the shift lead",
                                     "pre-approve standard setups"),
    "prevent.power_failure": ("check the UPS for the controls", "review the supply with the utility"),
    "prevent.tool_change": ("set the tool life counter to 80 %", "pre-set tools off the machine"),
    "part_word": ("spares",),
    "part_word.bearing_failure": ("spare bearings",),
    "part_word.hydraulic_leak": ("hoses and seal kits",),
    "part_word.tool_wear": ("spare tools",),
    "part_word.pneumatic_failure": ("spare valves",),
    "part_word.coolant_failure": ("a spare coolant pump",),
    "part_word.electrical_fault": ("contactors and fuses",),
    "part_word.welding_drift": ("contact tips",),
    "part_word.motor_overheating": ("fan and filter sets",),
    "disp": ("dispositioned by quality",),
    "disp.pass": ("conforms, released to the next operation", "accepted"),
    "disp.fail": ("scrap: not reworkable", "return to the previous operation", "quarantine and sort 100 %"),
    "disp.hold": ("hold pending engineering review", "held for re-measurement on the CMM"),
    "disp.rework_required": ("rework per the rework instruction, then re-inspect",
                             "rework: re-machine {characteristic|lc}"),
    "disp.conditional_pass": ("use as is under concession", "accepted with a deviation permit",
                              "released, customer informed"),
})

vocabulary("erp", {
    "sync_fail": (
        "MES did not answer within 30 s", "connection to the MES interface reset",
        "MES rejected the message: <sync_reason:document_type>",
        "posting period closed, retried in the next period", "object locked by another user",
        "message queue full, resent automatically", "duplicate message ignored",
        "interface user password expired", "MES down for its release window"),
    "sync_reason": ("invalid data",),
    "sync_reason.production_order": ("routing not released", "work center unknown in MES",
                                     "order already released"),
    "sync_reason.work_order": ("order status does not allow confirmation", "order unknown in ERP"),
    "sync_reason.material_consumption": ("material blocked for production",
                                         "batch not found in ERP", "quantity exceeds the reservation"),
    "sync_reason.production_confirmation": ("confirmed quantity exceeds the order quantity",
                                            "operation already confirmed"),
    "req_remark": (
        "stock below the reorder point", "for the next production run",
        "replacement for a damaged delivery", "safety stock top-up",
        "requested by maintenance for the PM plan", "trial quantity for a new part",
        "covers the forecast for next month", "buyer to check alternative suppliers",
        "urgent: line stops without it", "consolidate with open requisitions"),
})


# =========================================================================== derivations


def _decimals(values: np.ndarray) -> np.ndarray:
    """Per value, the fewest decimals (up to 3) that show it exactly; 0 for NaN."""
    out = np.full(len(values), 3)
    for d in (2, 1, 0):
        out[np.abs(values - np.round(values, d)) < 1e-9] = d
    out[np.isnan(values)] = 0
    return out


def _floats(cols: dict[str, list], name: str, n: int) -> np.ndarray:
    values = cols.get(name)
    if values is None:
        return np.full(n, np.nan)
    return np.array([np.nan if _absent(v) else float(v) for v in values], dtype=float)


def _spec_facts(cols: dict[str, list], n: int) -> dict[str, list]:
    """A measurement against its spec, in words: `measured_text` ("25.09 mm", at the spec's
    precision), `spec` ("24.95-25.05 mm", or "25.00 ±0.05 mm" when symmetric about a
    `nominal`); out of spec only: `deviation` ("high"/"low"), `limit_text` (the limit passed,
    "25.05 mm") and `past_limit` ("above the 25.05 mm limit")."""
    m, lo, hi, nom = (_floats(cols, k, n) for k in ("measured", "spec_min", "spec_max", "nominal"))
    digits = np.maximum(_decimals(lo), _decimals(hi))
    digits = np.where(np.isnan(lo) & np.isnan(hi), _decimals(m), digits).tolist()
    symmetric = (np.abs((hi - nom) - (nom - lo)) < 1e-9).tolist()
    above, below = (m > hi).tolist(), (m < lo).tolist()
    m, lo, hi, nom = m.tolist(), lo.tolist(), hi.tolist(), nom.tolist()
    units = cols.get("unit", [None] * n)
    out: dict[str, list] = {k: [None] * n for k in MEASUREMENT_FACTS}
    texts, specs, deviations, limits, pasts = (out[k] for k in MEASUREMENT_FACTS)
    for i in range(n):
        if m[i] != m[i]:  # NaN: nothing measured
            continue
        d = digits[i]
        u = "" if _absent(units[i]) else " " + str(units[i])
        texts[i] = f"{m[i]:.{d}f}{u}"
        has_lo, has_hi = lo[i] == lo[i], hi[i] == hi[i]
        if has_lo and has_hi:
            specs[i] = (f"{nom[i]:.{d}f} ±{hi[i] - nom[i]:.{d}f}{u}" if symmetric[i]
                        else f"{lo[i]:.{d}f}-{hi[i]:.{d}f}{u}")
        elif has_lo or has_hi:
            specs[i] = f"min {lo[i]:.{d}f}{u}" if has_lo else f"max {hi[i]:.{d}f}{u}"
        for passed, limit, word, side in ((above[i], hi[i], "high", "above"),
                                          (below[i], lo[i], "low", "below")):
            if passed:
                deviations[i], limits[i] = word, f"{limit:.{d}f}{u}"
                pasts[i] = f"{side} the {limit:.{d}f}{u} limit"
    return out


MEASUREMENT_FACTS = ("measured_text", "spec", "deviation", "limit_text", "past_limit")
MEASUREMENT = Derivation(("measured", "spec_min", "spec_max", "nominal", "unit"),
                         MEASUREMENT_FACTS, _spec_facts)


# =========================================================================== kinds

# --- MES (manufacturing): downtime, defects, inspections, operations

define("downtime_reason", "mes", (
    "<reason:category>",
    "<reason:category> on {machine}",
    "{machine}: <reason:category>",
    "<reason:category> (<machine:machine_type>[ {machine}])",
    "<reason:category>[?, {duration_minutes|duration} lost]",
))

define("downtime_resolution", "mes", (
    "<fix:category>, <restart>.",
    "<fix:category>. <verify>[?, <restart>].",
    "<fix:category>; <restart>[ after {duration_minutes|duration}].",
    "<fix:category>; <verify>.[? <followup>.]",
    "[{duration_minutes|duration} stop. ]<fix:category>, <restart>.",
))

define("downtime_root_cause", "mes", (
    "<cause:category>",
    "<cause:category>[?; <fault:failure_mode>]",
    "<cause:category>[ (<machine:machine_type>)]",
))

define("defect_description", "mes", (
    "<defect:defect_category>[ on {quantity|units}][, found at <stage:stage>].",
    "{quantity|units} with <defect:defect_category>[ (<sev:severity>)].",
    "<sev:severity>: <defect:defect_category>[, {quantity|units} affected][; detected by "
    "<method:detection_method>].",
    "[{product}: ]<defect:defect_category>[?, <sev:severity>].",
    "<defect:defect_category>; found by <method:detection_method>[ at <stage:stage>]"
    "[?, {quantity|units}].",
), derive=(MEASUREMENT,))

define("defect_root_cause", "mes", (
    "<cause6m:root_cause_category>.",
    "Root cause: <cause6m:root_cause_category>[?, <evidence>].",
    "5-why analysis points to <cause6m:root_cause_category>[ on {machine}].",
    "Traced to <cause6m:root_cause_category>; <evidence>.",
))

define("defect_corrective_action", "mes", (
    "Containment: <contain>. Correction: <action:root_cause_category>.",
    "<action:root_cause_category>[?; {quantity|units} sorted].",
    "<contain>, <action:root_cause_category>.",
    "<action:root_cause_category>; effectiveness check after three lots.",
))

define("inspection_note", "mes", (
    "<inote:result>.",
    "<inote:result>[; {sample_size} samples checked].",
    "[Lot {lot}: ]<inote:result>.",
    "<inote:result>[?, {product}].",
), derive=(MEASUREMENT,))

define("safety_note", "mes", (
    "<hazard:machine_type>. Wear <ppe:machine_type>.",
    "Wear <ppe:machine_type>; <hazard:machine_type>.",
    "<loto>; <hazard:machine_type>.",
    "<hazard:machine_type>; <loto>. PPE: <ppe:machine_type>.",
    "PPE: <ppe:machine_type>. <loto>.",
))

define("labor_note", "mes", (
    "<lnote:activity_type>.",
    "<lnote:activity_type>[?; {duration_minutes|duration}].",
    "[{work_order}: ]<lnote:activity_type>.",
))

define("planning_note", "mes", (
    "<pnote_any>.",
    "Due {due_date}[ for {customer}]; <pnote_any>.",
    "[Priority {priority}: ]<pnote_any>.",
    "Waiting for {material}; start after delivery.",
))

define("batch_record_note", "mes", (
    "<ebr:has_deviations>.",
    "[Batch {batch}: ]<ebr:has_deviations>.",
    "<ebr:has_deviations>[?; reviewed by QA].",
))

define("preventive_action", "mes", (
    "<prevent:cause>.",
    "<prevent:cause>; review in the next 8D meeting.",
    "Preventive: <prevent:cause>[ ({product})].",
))

define("disposition_reason", "mes", (
    "<disp:result>.",
    "<disp:result>[; {characteristic|lc} at {measured_text}].",
    "<disp:result>[?, lot {lot}].",
), derive=(MEASUREMENT,))

# --- operations and maintenance: faults, maintenance work

define("fault_root_cause", "maintenance", (
    "<finding:failure_mode>, caused by <mode_cause:failure_mode>.",
    "<fault:failure_mode> due to <mode_cause:failure_mode>.",
    "Root cause: <mode_cause:failure_mode> (<finding:failure_mode>).",
    "<mode_cause:failure_mode> led to <fault:failure_mode>[ on the <machine:machine_type>].",
))

define("fault_resolution", "maintenance", (
    "<repair:failure_mode>; <verify>.",
    "<repair:failure_mode>, <restart>.",
    "<who> <repair:failure_mode>[ in {duration_minutes|duration}].",
    "<repair:failure_mode>.[? <followup>.]",
))

define("maintenance_work_description", "maintenance", (
    "<work:maintenance_type>.",
    "<work:maintenance_type>[ on {machine}].",
    "<work:maintenance_type>[?; {part} replaced].",
))

define("maintenance_note", "maintenance", (
    "<mnote:maintenance_type>.",
    "<mnote:maintenance_type>.[? <followup>.]",
    "<mnote:maintenance_type>[; {duration_minutes|duration} on the job].",
    "[{technician}: ]<mnote:maintenance_type>.",
))

# --- ERP: routings, orders, receipts, planning

define("operation_short_text", "erp", (
    "<op:machine_type>",
    "<op:machine_type>",
    "<op:machine_type>[? (op {step})]",
))

define("sales_order_note", "erp", (
    "<so_shipping>.",
    "<so_shipping>; <so_paperwork>.",
    "Call-off against the frame agreement[ for {product}]; <so_shipping>.",
    "Customer requests delivery by {due_date}[?; <so_paperwork>].",
    "[{customer}: ]<so_paperwork>.",
))

define("purchase_order_note", "erp", (
    "<po_delivery>.",
    "<po_terms>; <po_delivery>.",
    "Expedite[ {material}]: line stock low; <po_delivery>.",
    "[{supplier}: ]<po_terms>.",
    "<po_delivery>[?; {material}: <po_terms>].",
))

define("goods_receipt_note", "erp", (
    "<gr_note:quality_status>.",
    "<gr_note:quality_status>[; {quantity|units}].",
    "[Delivery {delivery}: ]<gr_note:quality_status>.",
))

define("mrp_exception", "erp", (
    "<exc:exception>.",
    "{material}: <exc:exception>.",
))

define("sync_error", "erp", (
    "<sync_fail>.",
    "{document_type} {document_id}: <sync_fail>.",
    "<sync_fail>[ ({document_type} {document_id})].",
))

define("shipping_instructions", "erp", (
    "<so_shipping>.",
    "<so_shipping>; <so_paperwork>.",
    "<so_paperwork>.",
))

define("requisition_remark", "erp", (
    "<req_remark>.",
    "{material}: <req_remark>.",
    "<req_remark>[; needed by {due_date}].",
))

# --- master data

define("product_description", "master", (
    "{family} for <application:product_category>: <trait:family>. Material: {material}.",
    "{family} in {material}, <trait:family>. For <application:product_category>.",
    "{family} (<build:product_type>) for <application:product_category>, <trait:family>"
    "[, {components} components].",
    "{material} {family|lower}, <trait:family>[; {weight_kg|2} kg].",
    "<build:product_type>: {family|lower} for <application:product_category>, <trait:family>.",
))
