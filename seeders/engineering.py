"""ERP engineering data: the material master, bills of materials, routings and the standard
cost of every finished good, from master data and the config alone.

ERP owns these tables (`RAW_TABLES` here are part of raw_erp), but master prices its customer
agreements from the standard costs (`seeders.commerce`): master seeds before ERP, so both run
`design()` on the same inputs (`MasterView`, built from master's chunks or from raw_master)
with ERP's random streams, and get the same costs.

- Purchased materials: `erp.materials - products`, split by `erp.material_type_mix`.
- A BOM per product: one packaging item, raw materials whose weight adds up to about the
  product's, and component lines whose pieces add up to the product's
  `number_of_components`; every purchased material except consumables is on some BOM
  (consumables go to cost centers).
- A routing per line qualified for the product: `manufacturing.operations_per_order`
  operations on machines of the line; the bottleneck operation's machine time is the
  product's cycle time on that line (the mean of its qualification trials), the others are
  shorter; labor time spreads the line's crew (OPERATORS_PER_MACHINE per machine) over the
  operations.
- Standard cost = BOM components (with scrap) at standard cost + machine time at the work
  center's hourly rate + labor time at LABOR_RATE, on the product's first routing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from seeders import text
from seeders.engine import history_days, raw_table
from seeders.gen import DAY, HOUR, MINUTE, count, id_of, ids, within_hours

MATERIAL_TYPES = ("raw_material", "component", "consumable", "packaging")
BOM_TYPES = ("raw_material", "component", "packaging")  # what a BOM draws from

RAW_TABLES = (
    raw_table(
        "materials",
        "material_id VARCHAR(50)", "material_code VARCHAR(50)", "material_name VARCHAR(200)",
        "material_type VARCHAR(50)", "material_group VARCHAR(50)", "product_family VARCHAR(50)",
        "base_unit_of_measure VARCHAR(20)", "weight_kg DECIMAL(10,4)",
        "procurement_type VARCHAR(30)", "default_supplier_id VARCHAR(50)",
        "lead_time_days INTEGER", "minimum_order_quantity DECIMAL(15,4)",
        "safety_stock DECIMAL(15,4)", "reorder_point DECIMAL(15,4)",
        "maximum_stock DECIMAL(15,4)", "standard_cost DECIMAL(15,2)",
        "inspection_required BOOLEAN", "shelf_life_days INTEGER", "mrp_type VARCHAR(30)",
        "lot_sizing_procedure VARCHAR(30)", "product_id VARCHAR(50)", "created_by VARCHAR(50)",
        "created_at TIMESTAMP",
    ),
    raw_table(
        "bill_of_materials",
        "bom_id VARCHAR(50)", "bom_number VARCHAR(50)", "parent_material_id VARCHAR(50)",
        "product_id VARCHAR(50)", "base_quantity DECIMAL(15,3)", "base_unit VARCHAR(20)",
        "lot_size DECIMAL(15,4)", "scrap_percentage DECIMAL(5,2)", "valid_from DATE",
        "revision VARCHAR(20)", "is_current_revision BOOLEAN", "created_by VARCHAR(50)",
        "created_at TIMESTAMP",
    ),
    raw_table(
        "bom_components",
        "component_id VARCHAR(50)", "bom_id VARCHAR(50)", "item_number INTEGER",
        "material_id VARCHAR(50)", "component_quantity DECIMAL(15,3)",
        "component_unit VARCHAR(20)", "component_scrap_percentage DECIMAL(5,2)",
        "operation_number INTEGER", "backflush BOOLEAN", "valid_from DATE",
        # an alternative of the same type the plant may use instead (NULL: none)
        "substitute_material_id VARCHAR(50)", "created_at TIMESTAMP",
    ),
    raw_table(
        "routing",
        "routing_id VARCHAR(50)", "routing_number VARCHAR(50)", "material_id VARCHAR(50)",
        "product_id VARCHAR(50)", "plant_id VARCHAR(50)", "line_id VARCHAR(50)",
        "base_quantity DECIMAL(15,3)", "lot_size_from DECIMAL(15,4)",
        "lot_size_to DECIMAL(15,4)", "valid_from DATE", "created_by VARCHAR(50)",
        "created_at TIMESTAMP",
    ),
    raw_table(
        "routing_operations",
        "operation_id VARCHAR(50)", "routing_id VARCHAR(50)", "operation_number INTEGER",
        "operation_short_text VARCHAR(200)", "work_center_id VARCHAR(50)",
        "control_key VARCHAR(10)", "setup_time DECIMAL(10,2)", "machine_time DECIMAL(10,2)",
        "labor_time DECIMAL(10,2)", "base_quantity DECIMAL(15,3)", "activity_type VARCHAR(50)",
        "created_at TIMESTAMP",
    ),
)

# material type -> unit, cost range (USD per unit), names, storage location, lead time days,
# minimum order quantity
TYPE_SPECS: dict[str, dict[str, Any]] = {
    "raw_material": {
        "unit": "KG", "cost": (0.8, 12.0), "location": "RM01", "lead": (7, 21),
        "moq": (200, 1000),
        "names": ("Steel Coil", "Aluminium Ingot", "Copper Wire", "Cast Iron Billet",
                  "Spring Steel Rod", "Brass Bar", "Polycarbonate Granulate",
                  "Alloy Steel Bar", "Rubber Compound", "Ceramic Friction Mix", "Zinc Alloy",
                  "Die-Cast Aluminium Alloy"),
    },
    "component": {
        "unit": "EA", "cost": (0.05, 60.0), "location": "CP01", "lead": (5, 25),
        "moq": (100, 1000),
        "names": ("Bearing", "Seal Kit", "Piston", "Housing", "Bracket", "Fastener Set",
                  "Gasket", "Bushing", "PCB Assembly", "Connector", "Valve", "Sensor Module",
                  "Gear Blank", "Shaft", "Spring", "Cable Harness", "Magnet Set", "Rotor"),
    },
    "consumable": {
        "unit": "EA", "cost": (1.0, 45.0), "location": "MR01", "lead": (2, 10),
        "moq": (10, 100),
        "names": ("Cutting Insert", "Welding Wire", "Grinding Disc", "Lubricant",
                  "Coolant Concentrate", "Safety Gloves", "Cleaning Solvent", "Drill Bit"),
    },
    "packaging": {
        "unit": "EA", "cost": (0.1, 6.0), "location": "PK01", "lead": (3, 12),
        "moq": (500, 2000),
        "names": ("Carton Box", "Pallet", "Foam Insert", "Stretch Film Roll", "Label Set",
                  "VCI Bag", "Returnable Crate"),
    },
}
FG_LOCATION = "FG01"
WORK_CENTER_RATES = {  # machine type -> (category, USD per hour)
    "CNC": ("machine", (70, 120)), "press": ("machine", (90, 160)),
    "robot": ("machine", (50, 90)), "conveyor": ("machine", (15, 30)),
    "welding": ("machine", (55, 95)), "assembly": ("labor", (35, 60)),
    "testing": ("both", (45, 80)),
}
OPERATION_TEXT = {
    "CNC": "Machine", "press": "Press", "robot": "Robot handling", "conveyor": "Transfer",
    "welding": "Weld", "assembly": "Assemble", "testing": "Test",
}
LABOR_RATE = 32.0  # USD per labor hour, for standard costs
OPERATORS_PER_MACHINE = 0.75  # a line's crew per machine while it runs (standard labor)
PACK_SIZES = (1, 2, 4, 5, 10, 20, 50)  # units of a product per packaging item
SUBSTITUTE_SHARE = 0.1  # component lines with an approved alternative part
# Storage life of the finished goods that age on the shelf, by product family (the start of
# the product's name, seeders/master.py PRODUCT_FAMILIES): units sealed with elastomers or
# filled with grease or fluid (seals and boots harden, ISO 2230: five years), friction
# material (binders age: three years) and electronic modules (moisture, solderability: two
# years). The other families (machined, forged, cast, wound parts) keep indefinitely: NULL.
SHELF_LIFE_DAYS = {
    "Shock Absorber": 1825, "Strut Assembly": 1825, "Ball Joint": 1825,
    "Stabilizer Link": 1825, "Tie Rod End": 1825, "CV Joint": 1825, "Brake Caliper": 1825,
    "Master Cylinder": 1825, "Brake Booster": 1825, "Power Steering Pump": 1825,
    "Brake Pad Set": 1095, "Clutch Plate": 1095,
    "Engine Control Unit": 730, "ABS Module": 730,
}


@dataclass(frozen=True)
class MasterView:
    """The master data engineering is designed from, in id order, plain Python values.

    `trials` are (line_id, product_id, cycle seconds, setup minutes) in trial id order;
    decimals are rounded to their column's scale so that master's in-memory values and the
    values read back from raw_master are equal.
    """

    products: list[dict[str, Any]]  # product_id, product_code, product_name, category,
    # product_type, number_of_components, weight
    machines: list[dict[str, Any]]  # machine_id, line_id, machine_code, machine_type
    line_factory: dict[str, str]
    trials: list[tuple[str, str, float, int]]

    @classmethod
    def of(cls, products: dict, machines: dict, lines: dict, trials: dict) -> MasterView:
        """From column mappings (master's chunks, or raw_master read back)."""
        return cls(
            products=[
                {"product_id": str(pid), "product_code": str(code), "product_name": str(name),
                 "category": str(cat), "product_type": str(kind),
                 "number_of_components": int(n), "weight": round(float(w), 3)}
                for pid, code, name, cat, kind, n, w in zip(
                    products["product_id"], products["product_code"],
                    products["product_name"], products["product_category"],
                    products["product_type"], products["number_of_components"],
                    products["unit_weight_kg"], strict=True)
            ],
            machines=[
                {"machine_id": str(m), "line_id": str(line), "machine_code": str(code),
                 "machine_type": str(kind)}
                for m, line, code, kind in zip(machines["machine_id"], machines["line_id"],
                                               machines["machine_code"],
                                               machines["machine_type"], strict=True)
            ],
            line_factory={str(line): str(f) for line, f in zip(lines["line_id"],
                                                               lines["factory_id"], strict=True)},
            trials=[(str(line), str(p), round(float(c), 2), int(s)) for line, p, c, s in zip(
                trials["line_id"], trials["product_id"], trials["cycle_time_seconds"],
                trials["setup_time_minutes"], strict=True)],
        )

    def cycles(self) -> dict[tuple[str, str], float]:
        """(line, product) -> cycle seconds per unit: the mean of its qualification trials."""
        runs: dict[tuple[str, str], list[float]] = defaultdict(list)
        for line, product, cycle, _ in self.trials:
            runs[(line, product)].append(cycle)
        return {pair: float(np.mean(values)) for pair, values in sorted(runs.items())}

    def setups(self) -> dict[tuple[str, str], float]:
        """(line, product) -> setup minutes: the median of its qualification trials."""
        runs: dict[tuple[str, str], list[int]] = defaultdict(list)
        for line, product, _, setup in self.trials:
            runs[(line, product)].append(setup)
        return {pair: float(np.median(values)) for pair, values in sorted(runs.items())}


@dataclass
class Design:
    """`design()`'s result: raw_erp chunks (materials without suppliers and stock policy,
    which ERP adds) and what ERP and master need from them."""

    materials: dict[str, list]
    boms: dict[str, list]
    components: dict[str, list]
    routing: dict[str, list]
    operations: dict[str, list]
    work_center_rates: list[float]  # per MasterView.machines entry
    work_center_categories: list[str]
    standard_cost: dict[str, float]  # product_id -> finished good's standard cost
    finished_good: dict[str, str]  # product_id -> material_id


def material_type_counts(p: dict[str, Any], products: int) -> dict[str, int]:
    """Purchased materials per type: `materials - products` split by the mix (at least one
    raw material, component and packaging item, which every BOM draws from)."""
    mix = p["material_type_mix"]
    total = max(p["materials"] - products, 0)
    weights = np.array([mix[t] for t in MATERIAL_TYPES], dtype=float)
    share = weights / weights.sum() * total
    whole = np.floor(share).astype(int)
    for i in np.argsort(-(share - whole), kind="stable")[: total - whole.sum()]:
        whole[i] += 1
    out = dict(zip(MATERIAL_TYPES, whole.tolist(), strict=True))
    for needed in BOM_TYPES:
        out[needed] = max(out[needed], 1)
    return out


def erp_history_start(config: Any) -> np.datetime64:
    """The first day of ERP's order history."""
    return history_days(config.as_of, config["erp"]["days_of_history"])[0]


def setup_day(history_start: np.datetime64) -> np.datetime64:
    """ERP's master data is older than its history: it was set up 30 days before."""
    return np.datetime64(history_start, "D") - 30 * DAY


def design(config: Any, master: MasterView, rng: Callable[[str], np.random.Generator],
           setup: np.datetime64) -> Design:
    """The engineering data, deterministic in the config, `master` and ERP's streams `rng`."""
    p = config["erp"]
    operations_per_order = config["manufacturing"]["operations_per_order"]
    materials = _purchased_materials(rng("materials"), p, len(master.products), setup)
    rates, categories = _work_center_rates(rng("work_center_rates"), master)
    n_ops = _operations_per_product(rng("operations_per_product"), master, operations_per_order)
    routing, operations = _routings(rng("routing"), rng("routing/text"), master, n_ops, setup)
    boms, components = _boms(rng("bill_of_materials"), master, materials, n_ops, setup)
    fg = dict(zip([pr["product_id"] for pr in master.products],
                  ids("MAT", len(master.products), 5, start=len(materials["material_id"]) + 1),
                  strict=True))
    cost = _standard_costs(master, materials, boms, components, routing, operations, rates)
    goods = _finished_goods(rng("finished_goods"), master, fg, cost, setup)
    routing["material_id"] = [fg[pid] for pid in routing["product_id"]]
    boms["parent_material_id"] = [fg[pid] for pid in boms["product_id"]]
    merged = {name: list(materials[name]) + list(goods[name]) for name in materials}
    return Design(merged, boms, components, routing, operations, rates, categories, cost, fg)


def _purchased_materials(rng: np.random.Generator, p: dict, products: int,
                         setup: np.datetime64) -> dict[str, list]:
    per_type = material_type_counts(p, products)
    out: dict[str, list] = defaultdict(list)
    created = []
    for mtype in MATERIAL_TYPES:
        spec = TYPE_SPECS[mtype]
        for k in range(per_type[mtype]):
            index = len(out["material_id"]) + 1
            base = spec["names"][k % len(spec["names"])]
            variant = k // len(spec["names"])
            grade = f" {chr(65 + variant % 26)}{variant // 26 + 1}" if variant else ""
            size = int(rng.integers(1, 99))
            cost = float(np.exp(rng.uniform(*np.log(spec["cost"]))))
            row = dict(
                material_id=id_of("MAT", index, 5),
                material_code=f"{mtype[:2].upper()}-{index:05d}",
                material_name=f"{base}{grade} {size:02d}", material_type=mtype,
                material_group=base.split()[0].lower(), product_family=None,
                base_unit_of_measure=spec["unit"],
                weight_kg=1.0 if spec["unit"] == "KG" else round(float(rng.uniform(0.01, 3.0)), 4),
                procurement_type="buy", default_supplier_id=None,
                lead_time_days=int(rng.integers(*spec["lead"])),
                minimum_order_quantity=float(rng.integers(*spec["moq"]) // 10 * 10),
                safety_stock=None, reorder_point=None, maximum_stock=None,
                standard_cost=max(round(cost, 2), 0.01),
                inspection_required=mtype in ("raw_material", "component")
                and bool(rng.random() < 0.5),
                shelf_life_days=int(rng.integers(180, 720))
                if mtype in ("consumable", "raw_material") else None,
                mrp_type="reorder_point",
                lot_sizing_procedure="fixed" if mtype == "packaging" else "replenish_to_max",
                product_id=None, created_by="SYSTEM",
            )
            for name, value in row.items():
                out[name].append(value)
            created.append(setup - int(rng.integers(60, 900)) * DAY)
    out["created_at"] = list(within_hours(rng, np.array(created, dtype="datetime64[D]"), (8, 18)))
    return dict(out)


def _work_center_rates(rng: np.random.Generator, master: MasterView) -> tuple[list, list]:
    """Per machine: its work center's category and hourly rate (USD)."""
    rates, categories = [], []
    for machine in master.machines:
        category, (lo, hi) = WORK_CENTER_RATES.get(machine["machine_type"], ("machine", (40, 80)))
        categories.append(category)
        rates.append(round(float(rng.uniform(lo, hi)), 2))
    return rates, categories


def work_center_ids(master: MasterView) -> list[str]:
    """One work center per machine, in machine order."""
    return ids("WC", len(master.machines), 5)


def _operations_per_product(rng: np.random.Generator, master: MasterView,
                            bounds: tuple[int, int]) -> dict[str, int]:
    return {pr["product_id"]: count(rng, bounds) for pr in master.products}


def _routings(rng: np.random.Generator, text_rng: np.random.Generator, master: MasterView,
              n_ops: dict[str, int], setup: np.datetime64) -> tuple[dict, dict]:
    """One routing per qualified (line, product); the bottleneck operation runs at the
    product's cycle time on the line, the others faster."""
    line_machines: dict[str, list[int]] = defaultdict(list)
    for i, machine in enumerate(master.machines):
        line_machines[machine["line_id"]].append(i)
    wc_ids = work_center_ids(master)
    cycles, setups = master.cycles(), master.setups()
    routing: dict[str, list] = defaultdict(list)
    ops: dict[str, list] = defaultdict(list)
    visits: dict[int, int] = defaultdict(int)  # routings on each machine
    for r, (line_id, product_id) in enumerate(cycles, 1):
        routing_id = id_of("RTG", r, 5)
        valid = setup - int(rng.integers(30, 400)) * DAY
        for name, value in dict(
            routing_id=routing_id, routing_number=f"{50000000 + r}", material_id=None,
            product_id=product_id, plant_id=master.line_factory[line_id], line_id=line_id,
            base_quantity=1.0, lot_size_from=1.0, lot_size_to=99999.0, valid_from=valid,
            created_by="SYSTEM",
        ).items():
            routing[name].append(value)
        machines = line_machines[line_id]
        k = n_ops[product_id]
        # machines no routing of the line visits yet come first, so that every machine of a
        # line runs something; then the rest at random; the steps follow the line's order
        order = rng.permutation(len(machines))
        order = sorted(order, key=lambda c: visits[machines[c]] > 0)
        chosen = [machines[c] for c in sorted(order[:min(k, len(machines))])]
        for c in chosen:
            visits[c] += 1
        while len(chosen) < k:  # a short line: the last machine does several steps
            chosen.append(machines[-1])
        cycle_minutes = cycles[(line_id, product_id)] / 60.0
        bottleneck = int(rng.integers(k))
        crew = len(machines) * OPERATORS_PER_MACHINE / k  # operators per operation
        setup_each = setups[(line_id, product_id)] / k
        for step, w in enumerate(chosen, 1):
            mtype = master.machines[w]["machine_type"]
            share = 1.0 if step - 1 == bottleneck else float(rng.uniform(0.45, 0.95))
            machine = max(round(cycle_minutes * share, 2), 0.01)
            for name, value in dict(
                operation_id=id_of("OPR", len(ops["operation_id"]) + 1, 6),
                routing_id=routing_id, operation_number=10 * step,
                operation_short_text=None,
                work_center_id=wc_ids[w],
                control_key="PP01" if mtype != "testing" else "QM01",
                setup_time=round(setup_each * float(rng.uniform(0.7, 1.3)), 2),
                machine_time=machine,
                labor_time=max(round(cycle_minutes * crew * float(rng.uniform(0.8, 1.2)), 2), 0.01),
                base_quantity=1.0,
                activity_type="machine" if mtype != "assembly" else "labor",
                machine_type=mtype,
            ).items():
                ops[name].append(value)
    routing = dict(routing)
    # what each step does, written as planners name operations (seeders/text.py)
    category = {pr["product_id"]: pr["category"] for pr in master.products}
    routing_product = dict(zip(routing["routing_id"], routing["product_id"], strict=True))
    ops["operation_short_text"] = [t[:200] for t in text.compose_many(
        text_rng, "operation_short_text", machine_type=ops["machine_type"],
        product_category=[category[routing_product[r]] for r in ops["routing_id"]],
        step=ops["operation_number"])]
    del ops["machine_type"]
    valid = np.array(routing["valid_from"], dtype="datetime64[D]")
    routing["created_at"] = list(within_hours(rng, valid - 5 * DAY, (8, 18)))
    operations = dict(ops)
    created = dict(zip(routing["routing_id"], routing["created_at"], strict=True))
    operations["created_at"] = list(np.array(
        [created[r] for r in operations["routing_id"]], dtype="datetime64[s]"
    ) + rng.integers(1, 120, len(operations["routing_id"])) * MINUTE)
    return routing, operations


def _bom_shape(rng: np.random.Generator, product: dict[str, Any]) -> dict[str, int]:
    """BOM lines per material type for a product: more component lines for more components."""
    pieces = max(product["number_of_components"], 1)
    components = int(np.clip(round(1.5 * np.sqrt(pieces)), 1, pieces))
    raw = 1 + int(rng.random() < 0.5) + int(product["product_type"] == "assembly")
    return {"raw_material": raw, "component": components, "packaging": 1}


def _cover(rng: np.random.Generator, shapes: list[dict[str, int]],
           products: list[dict[str, Any]], available: dict[str, int]) -> None:
    """Add BOM lines (to the most complex products first) until every purchased material of
    a BOM type can be on some BOM; component lines never outnumber a product's pieces."""
    order = sorted(range(len(products)), key=lambda i: (-products[i]["number_of_components"], i))
    for mtype in BOM_TYPES:
        while sum(s[mtype] for s in shapes) < available[mtype]:
            grown = False
            for i in order:
                if sum(s[mtype] for s in shapes) >= available[mtype]:
                    break
                if mtype == "component" and shapes[i][mtype] >= products[i]["number_of_components"]:
                    continue
                if shapes[i][mtype] >= available[mtype]:
                    continue
                shapes[i][mtype] += 1
                grown = True
            if not grown:
                break


def _boms(rng: np.random.Generator, master: MasterView, materials: dict, n_ops: dict,
          setup: np.datetime64) -> tuple[dict, dict]:
    mids = np.array(materials["material_id"], dtype=object)
    mtype = np.array(materials["material_type"], dtype=object)
    pools = {t: list(mids[mtype == t]) for t in BOM_TYPES}
    cost = dict(zip(materials["material_id"], materials["standard_cost"], strict=True))
    units = dict(zip(materials["material_id"], materials["base_unit_of_measure"], strict=True))
    shapes = [_bom_shape(rng, pr) for pr in master.products]
    _cover(rng, shapes, master.products, {t: len(pools[t]) for t in BOM_TYPES})
    # Every material goes on a BOM once before any goes on a second one.
    queues = {t: list(rng.permutation(pools[t])) for t in BOM_TYPES}
    boms: dict[str, list] = defaultdict(list)
    comps: dict[str, list] = defaultdict(list)
    for b, (product, shape) in enumerate(zip(master.products, shapes, strict=True), 1):
        pid = product["product_id"]
        bom_id = id_of("BOM", b, 5)
        valid = setup - int(rng.integers(30, 400)) * DAY
        for name, value in dict(
            bom_id=bom_id, bom_number=f"{30000000 + b}", parent_material_id=None,
            product_id=pid, base_quantity=1.0, base_unit="EA",
            lot_size=float(rng.choice((50, 100, 200, 500))),
            scrap_percentage=round(float(rng.uniform(0, 3)), 2), valid_from=valid,
            revision=f"R{int(rng.integers(1, 6))}", is_current_revision=True,
            created_by="SYSTEM",
        ).items():
            boms[name].append(value)
        chosen: dict[str, list[str]] = {}
        for t in BOM_TYPES:
            picked: list[str] = []
            while len(picked) < shape[t]:
                queue = queues[t]
                candidate = next((m for m in queue if m not in picked), None)
                if candidate is not None:
                    queue.remove(candidate)
                else:
                    rest = [m for m in pools[t] if m not in picked]
                    if not rest:
                        break
                    candidate = rest[int(rng.integers(len(rest)))]
                picked.append(candidate)
            chosen[t] = picked
        # Raw materials weigh about what the product weighs; the pieces add up to its
        # number of components, the cheapest parts (fasteners, seals) in the largest numbers.
        raw_kg = product["weight"] * float(rng.uniform(0.6, 1.1))
        raw_split = rng.dirichlet(np.ones(len(chosen["raw_material"]))) * raw_kg
        pieces = _composition(rng, max(product["number_of_components"], 1),
                              len(chosen["component"]))
        by_cost = sorted(chosen["component"], key=lambda m: (cost[m], m))
        piece_of = dict(zip(by_cost, sorted(pieces, reverse=True), strict=True))
        last_op = n_ops[pid]
        lines = [(m, max(round(float(kg), 3), 0.01), 1) for m, kg in
                 zip(chosen["raw_material"], raw_split, strict=True)]
        lines += [(m, float(piece_of[m]), int(rng.integers(1, last_op + 1)))
                  for m in chosen["component"]]
        lines += [(m, round(1 / float(rng.choice(PACK_SIZES)), 3), last_op)
                  for m in chosen["packaging"]]
        for item, (mid, qty, op) in enumerate(lines, 1):
            substitute = None
            if units[mid] == "EA" and mid in chosen["component"] \
                    and rng.random() < SUBSTITUTE_SHARE:
                others = [m for m in pools["component"] if m not in chosen["component"]]
                substitute = others[int(rng.integers(len(others)))] if others else None
            for name, value in dict(
                component_id=id_of("BOMC", len(comps["component_id"]) + 1, 6), bom_id=bom_id,
                item_number=10 * item, material_id=mid, component_quantity=qty,
                component_unit=units[mid],
                component_scrap_percentage=round(float(rng.uniform(0, 5)), 2),
                operation_number=10 * op, backflush=units[mid] != "KG", valid_from=valid,
                substitute_material_id=substitute,
            ).items():
                comps[name].append(value)
    bom_chunk, comp_chunk = dict(boms), dict(comps)
    bom_chunk["created_at"] = list(within_hours(
        rng, np.array(bom_chunk["valid_from"], dtype="datetime64[D]") - 3 * DAY, (8, 18)))
    comp_chunk["created_at"] = list(within_hours(
        rng, np.array(comp_chunk["valid_from"], dtype="datetime64[D]") - 3 * DAY, (8, 18)
    ) + 23 * HOUR)
    return bom_chunk, comp_chunk


def _composition(rng: np.random.Generator, total: int, parts: int) -> list[int]:
    """`total` split into `parts` positive whole numbers, at random."""
    if parts <= 1:
        return [total]
    cuts = np.sort(rng.choice(np.arange(1, total), size=parts - 1, replace=False))
    return np.diff(np.concatenate(([0], cuts, [total]))).astype(int).tolist()


def _standard_costs(master: MasterView, materials: dict, boms: dict, components: dict,
                    routing: dict, operations: dict, rates: list[float]) -> dict[str, float]:
    """Per product: BOM components (with scrap) at standard cost + machine and labor time of
    its first routing at the work center rate and LABOR_RATE."""
    cost = dict(zip(materials["material_id"], materials["standard_cost"], strict=True))
    bom_product = dict(zip(boms["bom_id"], boms["product_id"], strict=True))
    material_cost: dict[str, float] = defaultdict(float)
    for bom, mid, qty, scrap in zip(components["bom_id"], components["material_id"],
                                    components["component_quantity"],
                                    components["component_scrap_percentage"], strict=True):
        material_cost[bom_product[bom]] += qty * (1 + scrap / 100) * cost[mid]
    rate = dict(zip(work_center_ids(master), rates, strict=True))
    first: dict[str, str] = {}
    for rid, pid in zip(routing["routing_id"], routing["product_id"], strict=True):
        first.setdefault(pid, rid)
    routing_product = dict(zip(routing["routing_id"], routing["product_id"], strict=True))
    conversion: dict[str, float] = defaultdict(float)
    for rid, wc, machine, labor in zip(operations["routing_id"], operations["work_center_id"],
                                       operations["machine_time"], operations["labor_time"],
                                       strict=True):
        pid = routing_product[rid]
        if first[pid] == rid:
            conversion[pid] += machine / 60 * rate[wc] + labor / 60 * LABOR_RATE
    return {pr["product_id"]: round(material_cost[pr["product_id"]]
                                    + conversion[pr["product_id"]], 2)
            for pr in master.products}


def shelf_life_days(product_name: str) -> int | None:
    """A finished good's storage life in days by its product family (SHELF_LIFE_DAYS), None
    for the families that keep indefinitely."""
    return next((days for family, days in SHELF_LIFE_DAYS.items()
                 if product_name.startswith(family + " ")), None)


def _finished_goods(rng: np.random.Generator, master: MasterView, fg: dict[str, str],
                    cost: dict[str, float], setup: np.datetime64) -> dict[str, list]:
    """One finished-good material per master product (stock policy added by ERP)."""
    out: dict[str, list] = defaultdict(list)
    for product in master.products:
        pid = product["product_id"]
        for name, value in dict(
            material_id=fg[pid], material_code=f"FG-{product['product_code']}",
            material_name=product["product_name"][:200], material_type="finished_good",
            material_group=product["category"], product_family=product["category"],
            base_unit_of_measure="EA", weight_kg=round(product["weight"], 4),
            procurement_type="make", default_supplier_id=None, lead_time_days=None,
            minimum_order_quantity=10.0, safety_stock=None, reorder_point=None,
            maximum_stock=None, standard_cost=cost[pid], inspection_required=True,
            shelf_life_days=shelf_life_days(product["product_name"]), mrp_type="reorder_point",
            lot_sizing_procedure="replenish_to_max", product_id=pid, created_by="SYSTEM",
            created_at=np.datetime64(setup - int(rng.integers(400, 800)) * DAY, "s") + 9 * HOUR,
        ).items():
            out[name].append(value)
    return dict(out)
