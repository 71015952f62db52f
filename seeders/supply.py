"""ERP's supply planning, simulated day by day over the order history: production orders on
the lines, purchasing and goods receipts, consumable issues, opening stock.

What it plans from (all known to ERP before MES runs):
- make-to-order sales lines: one production order each, on a line of the line's plant that
  makes the product, sized for the BOM's scrap, created by a planner after the order;
- make-to-stock: each finished good's (reorder point, maximum) policy per plant, checked every
  business day against the projected stock (expected output - customer demand due until an
  order planned that day would end on its line, at least the production lead time); a
  replenishment runs up to the maximum;
- lines: each plans its orders back to back over its staffed hours at the planned OEE
  (`commerce.PLANNED_OEE`): an order's basic start and end dates come from that plan;
- purchased materials: the (reorder point, maximum) policy per plant on the inventory
  position (stock + open purchase orders - what released production orders will draw), a
  supplier's needs of a day bundled into purchase orders of `lines_per_purchase_order`
  lines; consumables are checked weekly (period order quantity);
- suppliers deliver around the due date (their on-time rate, late by `supplier_delay_days`);
  `supply_disruption_rate` of the purchase order lines are held up until production runs
  short of them, which then waits: `material_available_at`.

Stock is tracked per lot (goods receipt) with the moment it becomes usable (after a quality
inspection where the material needs one). A production order draws its components at its
basic start (midnight, the earliest MES may book them) at the most MES books (the top of
`ISSUE_OVERRUN` x BOM x (1 + scrap), within `CONSUMPTION_BOUND`), FIFO over lots; when the
lots usable by then do not cover it, it waits for the next ones and `material_available_at`
is the moment the last one it needs becomes usable. So the stock MES really leaves is never
negative, whatever it books, and however late it starts.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from seeders.commerce import PLANNED_OEE
from seeders.gen import DAY, HOUR, MINUTE

# MES books at most this multiple of BOM quantity x (1 + component scrap) per component
# (test assert_manufacturing__material_within_bom_bounds); ERP plans stock for it.
CONSUMPTION_BOUND = 1.10
# MES issues BOM quantity x (1 + component scrap) x a draw from this range (a little over, for
# handling losses); ERP draws stock at its top, what MES books at most. Drawing at the bound
# instead would leave the unbooked margin in the real stock and let it grow over the history.
ISSUE_OVERRUN = (1.0, 1.06)
# Planners, buyers and the receiving dock work these hours on business days.
OFFICE_HOURS = (7, 17)
DOCK_HOURS = (6, 18)
# A held-up delivery arrives this long after production first misses it.
DISRUPTED_ARRIVAL_HOURS = (3, 40)
# ...or this many days after its due date if nothing needs it before.
DISRUPTION_MAX_DAYS = 12
# A delivery comes in two parts this often.
SPLIT_DELIVERY_RATE = 0.1
INSPECTION_HOURS = (4, 100)  # from receipt to usage decision (lab tests take days)
RETURN_DAYS = (3, 15)  # a rejected lot waits blocked for the supplier's pickup
INVOICE_DAYS = (2, 15)  # a supplier's invoice follows its delivery
EXPECTED_YIELD = 0.97  # good units per unit ordered, for the finished-goods projection
# Planned changeover per order: about a product change's setup on the shop floor (a repeat
# order changes less). An hour per order overbooked the lines once orders were many and small,
# so make-to-stock orders queued for weeks behind them while their goods ran out.
CHANGEOVER_HOURS = 0.25
MTO_ALLOWANCE = 0.01  # a make-to-order quantity covers the BOM's scrap and this much more
QUEUE_DAYS = 3  # days a make-to-stock order waits for its line, in the finished good's lead time
MTO_BUFFER_DAYS = 2  # a make-to-order order is planned to end this long before the requested day


def is_business_day(day: np.datetime64) -> bool:
    return dt.date.fromisoformat(str(np.datetime64(day, "D"))).weekday() < 5


def next_business_moment(rng: np.random.Generator, moment: np.datetime64,
                         hours: tuple[int, int]) -> np.datetime64:
    """`moment` if it falls in `hours` of a business day, else a random minute in `hours` of
    the next business day."""
    moment = np.datetime64(moment, "s")
    day = np.datetime64(moment, "D")
    start = day.astype("datetime64[s]") + hours[0] * HOUR
    end = day.astype("datetime64[s]") + hours[1] * HOUR
    if is_business_day(day) and start <= moment < end:
        return moment
    if not (is_business_day(day) and moment < start):
        day = day + DAY
    while not is_business_day(day):
        day = day + DAY
    return day.astype("datetime64[s]") + int(rng.integers(hours[0] * 60, hours[1] * 60)) * MINUTE


def business_day_on_or_after(day: np.datetime64) -> np.datetime64:
    day = np.datetime64(day, "D")
    while not is_business_day(day):
        day = day + DAY
    return day


@dataclass
class Lot:
    """Stock that arrives (or arrived) by a goods receipt, usable from `usable_at`."""

    usable_at: np.datetime64
    remaining: float
    usable: bool = True  # False: rejected in inspection, never usable
    known_bad_at: np.datetime64 | None = None  # when the rejection becomes known


@dataclass
class Held:
    """A delivery held up by its supplier until production misses it."""

    due: np.datetime64
    quantity: float
    receipt: dict[str, Any]  # the goods receipt to complete when it arrives


@dataclass
class Store:
    """One material in one plant: lots in order of usability, held deliveries, and what
    scheduled production orders will draw."""

    lots: list[Lot] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    committed: float = 0.0

    def add(self, lot: Lot) -> None:
        keys = [x.usable_at for x in self.lots]
        self.lots.insert(bisect.bisect_right(keys, lot.usable_at), lot)

    def position(self, now: np.datetime64) -> float:
        """Inventory position: every lot not known to be bad, held deliveries, less what
        scheduled orders will draw."""
        good = sum(x.remaining for x in self.lots
                   if x.usable or (x.known_bad_at is not None and x.known_bad_at > now))
        return good + sum(h.quantity for h in self.held) - self.committed

    def on_hand(self, now: np.datetime64) -> float:
        return sum(x.remaining for x in self.lots if x.usable and x.usable_at <= now)


@dataclass
class LinePlan:
    """A line's order plan: the staffed hours of each day and how many are taken. An order
    fills the free hours from its earliest day on (a gap left by an order planned for later
    is filled by the next)."""

    line_id: str
    factory_id: str
    weekday_hours: float
    weekend_hours: float
    used: dict[np.datetime64, float] = field(default_factory=dict)

    def hours(self, day: np.datetime64) -> float:
        return self.weekday_hours if is_business_day(day) else self.weekend_hours

    def free(self, day: np.datetime64) -> float:
        return self.hours(day) - self.used.get(day, 0.0)

    def first_free(self, earliest: np.datetime64) -> np.datetime64:
        """The first day from `earliest` on with at least half an hour free."""
        day = np.datetime64(earliest, "D")
        while self.free(day) < 0.5:
            day = day + DAY
        return day

    def schedule(self, hours: float, earliest: np.datetime64,
                 book: bool = True) -> tuple[np.datetime64, np.datetime64]:
        """The basic start and end dates of an order of `hours`, in the free hours from
        `earliest` on (taken unless `book` is false: a trial)."""
        day = start = self.first_free(earliest)
        left = hours
        while True:
            take = min(max(self.free(day), 0.0), left)
            if book:
                self.used[day] = self.used.get(day, 0.0) + take
            left -= take
            if left <= 1e-9:
                return start, day
            day = day + DAY


@dataclass
class Route:
    routing_id: str
    line_id: str
    cycle_seconds: float


@dataclass
class Product:
    product_id: str
    material_id: str
    bom_id: str
    bom_scrap: float  # percent
    draws: list[tuple[str, float]]  # (material, stock drawn per unit made, at the bound)
    routes: dict[str, list[Route]]  # plant -> routes on its lines


@dataclass
class Purchased:
    material_id: str
    material_type: str
    supplier_id: str
    lead_time_days: int
    minimum_order_quantity: float
    inspection_required: bool


@dataclass
class Policy:
    safety_stock: float
    reorder_point: float
    maximum_stock: float
    lead_time_days: int
    order_up_to: float = 0.0  # what a replenishment brings the position to (0: the maximum)

    @property
    def target(self) -> float:
        return self.order_up_to or self.maximum_stock


@dataclass
class Settings:
    """The config values the simulation reads (section erp)."""

    safety_stock_days: tuple[float, float]
    purchase_lot_days: tuple[int, int]
    production_lot_hours: tuple[int, int]
    supplier_on_time_rate: tuple[float, float]
    supplier_delay_days: tuple[int, int]
    supply_disruption_rate: float
    requisition_share: tuple[float, float]
    lines_per_purchase_order: tuple[int, int]
    inspection_rejection_rate: float


@dataclass
class Demand:
    """Expected demand ERP plans from: units per day per (product, plant), all of it and the
    make-to-stock part; consumables issued per day per (material, plant)."""

    total: dict[tuple[str, str], float]
    stocked: dict[tuple[str, str], float]
    consumables: dict[tuple[str, str], float]


def _tens(value: float) -> float:
    """Rounded up to a multiple of 10."""
    return float(np.ceil(value / 10.0) * 10)


def _order_quantity(info: Purchased, short: float) -> float:
    """What a purchase orders to cover `short`: packaging in the whole multiples of the
    minimum order quantity that fit, anything else up to the maximum stock (at least the
    minimum)."""
    moq = info.minimum_order_quantity
    if info.material_type == "packaging":
        return float(max(np.floor(short / moq), 1.0) * moq)
    return max(_tens(short), moq)


def _output_day(line: LinePlan, hours: float, start: np.datetime64,
                end: np.datetime64) -> np.datetime64:
    """The day an order's output is in stock: MES runs an order through once it starts it,
    so about its own hours of the line's staffed days after its basic start, although its
    basic dates spread it over the hours other orders leave free."""
    days = int(np.ceil(hours / max(line.weekday_hours, 1.0)))
    return min(end, start + (days - 1) * DAY)


def _whole(value: float) -> int:
    return int(np.ceil(value / 10.0) * 10)


class Simulation:
    """One run of the supply plan. After `run()`, the `*_rows` lists hold plain dicts in
    raw_erp column names (the caller adds ids, people and prices), `policies` each
    material's stock policy and `supplier_on_time` each supplier's on-time rate."""

    def __init__(self, rng: np.random.Generator, settings: Settings, days: np.ndarray,
                 as_of: np.datetime64, lines: list[LinePlan], products: dict[str, Product],
                 purchased: dict[str, Purchased], suppliers: list[str], demand: Demand,
                 sales_lines: list[dict[str, Any]]):
        self.rng, self.s = rng, settings
        self.days = days
        self.as_of = np.datetime64(as_of, "s")
        self.lines = {plan.line_id: plan for plan in lines}
        self.products, self.purchased, self.demand = products, purchased, demand
        self.sales_lines = sales_lines
        self.supplier_on_time = {sup: float(rng.uniform(*settings.supplier_on_time_rate))
                                 for sup in suppliers}
        self.stores: dict[tuple[str, str], Store] = defaultdict(Store)
        self.fg_stock: dict[tuple[str, str], float] = defaultdict(float)
        self.fg_incoming: dict[tuple[str, str], float] = defaultdict(float)
        self.fg_events: dict[np.datetime64, list[tuple[tuple[str, str], float, bool]]] = \
            defaultdict(list)
        self.fg_due: dict[tuple[str, str], list[tuple[np.datetime64, float]]] = defaultdict(list)
        self.starts: dict[np.datetime64, list[dict]] = defaultdict(list)
        self.pending: dict[str, dict[tuple[str, str], dict]] = defaultdict(dict)
        self.production_rows: list[dict] = []
        self.requisition_rows: list[dict] = []
        self.po_rows: list[dict] = []
        self.po_line_rows: list[dict] = []
        self.receipt_rows: list[dict] = []
        self.issue_rows: list[dict] = []
        self.opening_rows: list[dict] = []
        self.usage = self._usage_rates()
        self.policies = self._policies()
        self.by_supplier: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for material, plant in sorted(self.usage):
            self.by_supplier[purchased[material].supplier_id].append((material, plant))

    # ------------------------------------------------------------------ policies

    def _usage_rates(self) -> dict[tuple[str, str], float]:
        """Stock drawn per day per (purchased material, plant): the finished goods' expected
        output at the bound, and the consumables' issue rates."""
        usage: dict[tuple[str, str], float] = defaultdict(float)
        for (product_id, plant), rate in sorted(self.demand.total.items()):
            for material, per_unit in self.products[product_id].draws:
                usage[(material, plant)] += rate * per_unit
        for key, rate in sorted(self.demand.consumables.items()):
            usage[key] += rate
        return {key: rate for key, rate in usage.items() if rate > 0}

    def _policies(self) -> dict[str, Policy]:
        """Each material's (safety stock, reorder point, maximum) from its busiest plant.

        A purchased material's safety stock covers `safety_stock_days` of use plus what one
        typical production order draws of it (orders draw in lumps), its reorder point adds
        the use over the supplier's lead time (a week more for consumables, reviewed weekly).
        A finished good's lot is `production_lot_hours` of its fastest line's output, at least
        a typical make-to-stock call-off; its reorder point covers the demand over the
        production lead time (queue and lot) plus one call-off."""
        rng, s = self.rng, self.s
        policies: dict[str, Policy] = {}
        typical: dict[str, float] = {}  # units of a typical production order per product
        fg_busiest: dict[str, float] = defaultdict(float)
        for (product_id, _), rate in self.demand.stocked.items():
            fg_busiest[product_id] = max(fg_busiest[product_id], rate)
        ordered: dict[str, list[float]] = defaultdict(list)
        call_offs: dict[str, list[float]] = defaultdict(list)
        for line in self.sales_lines:
            kind = ordered if line["make_to_order"] else call_offs
            kind[line["product_id"]].append(float(line["order_quantity"]))
        for product_id, product in sorted(self.products.items()):
            rate = fg_busiest.get(product_id, 0.0)
            cycle = min(r.cycle_seconds for rs in product.routes.values() for r in rs)
            per_hour = 3600 * PLANNED_OEE / cycle
            call_off = float(np.mean(call_offs[product_id])) if call_offs.get(product_id) else 0.0
            lot = max(per_hour * float(rng.uniform(*s.production_lot_hours)), call_off, 10.0)
            lead = QUEUE_DAYS + int(np.ceil(lot / per_hour / 16))
            safety = rate * float(rng.uniform(*s.safety_stock_days))
            reorder = safety + rate * lead + call_off
            # the plan nets call-offs due within the lead time: stock peaks one call-off above
            # the position it orders up to
            policies[product.material_id] = Policy(_tens(safety), _tens(reorder),
                                                   _tens(reorder + lot + call_off), lead,
                                                   order_up_to=_tens(reorder + lot))
            typical[product_id] = max([lot, *ordered.get(product_id, [])])
        lump: dict[str, float] = defaultdict(float)
        for product_id, units in typical.items():
            for material, per_unit in self.products[product_id].draws:
                lump[material] = max(lump[material], units * per_unit)
        busiest: dict[str, float] = defaultdict(float)
        for (material, _), rate in self.usage.items():
            busiest[material] = max(busiest[material], rate)
        for material in sorted(self.purchased):
            info, rate = self.purchased[material], busiest.get(material, 0.0)
            review = 7 if info.material_type == "consumable" else 0
            safety = rate * float(rng.uniform(*s.safety_stock_days)) + lump.get(material, 0.0)
            reorder = safety + rate * (info.lead_time_days + 2 + review)
            lot = max(rate * float(rng.uniform(*s.purchase_lot_days)),
                      info.minimum_order_quantity)
            if info.material_type == "packaging":  # ordered in whole minimum quantities
                lot = float(np.ceil(lot / info.minimum_order_quantity)
                            * info.minimum_order_quantity)
            policies[material] = Policy(_tens(safety), _tens(reorder), _tens(reorder + lot),
                                        info.lead_time_days)
        return policies

    # ------------------------------------------------------------------ the run

    def run(self) -> None:
        start = self.days[0]
        self._opening_stock(start)
        mto_by_day: dict[np.datetime64, list[tuple[np.datetime64, dict]]] = defaultdict(list)
        stock_by_day: dict[np.datetime64, list[dict]] = defaultdict(list)
        for line in self.sales_lines:
            if line["make_to_order"]:
                created = next_business_moment(
                    self.rng, line["created_at"] + int(self.rng.integers(30, 240)) * MINUTE,
                    OFFICE_HOURS)
                if created < self.as_of:
                    mto_by_day[np.datetime64(created, "D")].append((created, line))
            else:
                stock_by_day[np.datetime64(line["created_at"], "D")].append(line)
        issues = self._consumable_schedule()
        for day in self.days:
            midnight = day.astype("datetime64[s]")
            self._release_overdue(day)
            for order in self.starts.pop(day, []):
                self._draw_components(order, midnight)
            for key, delta, output in self.fg_events.pop(day, []):
                self.fg_stock[key] += delta
                if output:
                    self.fg_incoming[key] -= delta
            for line in stock_by_day.get(day, []):
                key = (line["product_id"], line["plant_id"])
                self.fg_due[key].append((line["requested_date"], float(line["order_quantity"])))
                self.fg_events[line["requested_date"]].append(
                    (key, -float(line["order_quantity"]), False))
            for moment, plant, material, cost_center in issues.get(day, []):
                self._issue(moment, plant, material, cost_center)
            if not is_business_day(day):
                continue
            self._check_purchasing(day)
            for created, line in sorted(mto_by_day.get(day, []), key=lambda x: (x[0], x[1]["key"])):
                self._make_to_order(created, line)
            self._check_stock(day)
        for day in sorted(self.starts):  # orders planned to start after the history
            for order in self.starts.pop(day):
                self._draw_components(order, day.astype("datetime64[s]"))

    # ------------------------------------------------------------------ opening stock

    def _opening_stock(self, start: np.datetime64) -> None:
        posted = (start - DAY).astype("datetime64[s]")
        for (material, plant) in sorted(self.usage):
            policy = self.policies[material]
            quantity = _whole(self.rng.uniform(policy.reorder_point, policy.maximum_stock))
            self.stores[(material, plant)].add(Lot(posted, float(quantity)))
            self.opening_rows.append(dict(material_id=material, plant_id=plant,
                                          quantity=quantity, posted_at=posted))
        for (product_id, plant), rate in sorted(self.demand.stocked.items()):
            if rate <= 0:
                continue
            # finished goods start near their reorder point: the lines have work from day one
            policy = self.policies[self.products[product_id].material_id]
            quantity = _whole(self.rng.uniform(policy.safety_stock, policy.reorder_point))
            self.fg_stock[(product_id, plant)] += quantity
            self.opening_rows.append(dict(material_id=self.products[product_id].material_id,
                                          plant_id=plant, quantity=quantity, posted_at=posted))

    # ------------------------------------------------------------------ production

    def _make_to_order(self, created: np.datetime64, line: dict[str, Any]) -> None:
        """Planned backwards from the requested date: to finish MTO_BUFFER_DAYS before it (at
        the earliest the day after it is created)."""
        product = self.products[line["product_id"]]
        quantity = _whole(line["order_quantity"] * (1 + product.bom_scrap / 100 + MTO_ALLOWANCE))
        priority = {"urgent": 1, "high": 2}.get(line["delivery_priority"], 3)
        order = self._plan_order(product, line["plant_id"], quantity, created, priority,
                                 sales_line=line, due=line["requested_date"])
        surplus = quantity * EXPECTED_YIELD - float(line["order_quantity"])
        self.fg_events[order["basic_end_date"]].append(
            ((product.product_id, line["plant_id"]), surplus, False))

    def _check_stock(self, day: np.datetime64) -> None:
        """Make-to-stock: replenish each finished good whose projected stock falls below its
        reorder point within the production lead time."""
        for key, rate in sorted(self.demand.stocked.items()):
            if rate <= 0:
                continue
            product = self.products[key[0]]
            policy = self.policies[product.material_id]
            # demand due until an order planned today would bring its output: after a busy
            # line's queue, not the policy's nominal lead time
            route = self._route(product, key[1], day + DAY)
            line = self.lines[route.line_id]
            lot_hours = self._hours(route, policy.target - policy.reorder_point)
            horizon = _output_day(line, lot_hours, *line.schedule(lot_hours, day + DAY, book=False))
            due = self.fg_due[key] = [(w, q) for w, q in self.fg_due[key] if w > day]
            demand = sum(q for when, q in due if when <= horizon)
            position = self.fg_stock[key] + self.fg_incoming[key] - demand
            if position >= policy.reorder_point:
                continue
            quantity = _whole(policy.target - position)
            created = day.astype("datetime64[s]") + int(
                self.rng.integers(OFFICE_HOURS[0] * 60, 15 * 60)) * MINUTE
            if created >= self.as_of:
                continue
            priority = 3 if position < policy.safety_stock else int(self.rng.integers(4, 6))
            order = self._plan_order(product, key[1], quantity, created, priority)
            expected = quantity * EXPECTED_YIELD
            self.fg_incoming[key] += expected
            output = _output_day(self.lines[order["line_id"]], self._hours(route, quantity),
                                 order["basic_start_date"], order["basic_end_date"])
            self.fg_events[output].append((key, expected, True))

    def _route(self, product: Product, plant: str, earliest: np.datetime64) -> Route:
        """The plant's route whose line is free first from `earliest` on."""
        return min(product.routes[plant],
                   key=lambda r: (self.lines[r.line_id].first_free(earliest), r.line_id))

    @staticmethod
    def _hours(route: Route, quantity: float) -> float:
        return quantity * route.cycle_seconds / 3600 / PLANNED_OEE + CHANGEOVER_HOURS

    def _plan_order(self, product: Product, plant: str, quantity: int, created: np.datetime64,
                    priority: int, sales_line: dict | None = None,
                    due: np.datetime64 | None = None) -> dict[str, Any]:
        """A production order on the plant's line with free hours first, not before the day
        after it is created; one `due` is planned to end about MTO_BUFFER_DAYS before that."""
        earliest = np.datetime64(created, "D") + DAY
        route = self._route(product, plant, earliest)
        line = self.lines[route.line_id]
        hours = self._hours(route, quantity)
        if due is not None:  # as late as still ends in time, else as soon as possible
            days = int(np.ceil(hours / max(line.weekday_hours, 1.0)))
            latest = np.datetime64(due, "D") - (days + MTO_BUFFER_DAYS) * DAY
            if latest > earliest and line.schedule(hours, latest, book=False)[1] \
                    < np.datetime64(due, "D") - DAY:
                earliest = latest
        start, end = line.schedule(hours, earliest)
        # released the same day, before the line starts on it and before the as-of instant
        latest = min(start.astype("datetime64[s]"), self.as_of) - MINUTE
        released = max(min(created + int(self.rng.integers(10, 360)) * MINUTE, latest), created)
        order = dict(
            product_id=product.product_id, material_id=product.material_id, plant_id=plant,
            line_id=route.line_id, routing_id=route.routing_id, bom_id=product.bom_id,
            sales_order_id=None if sales_line is None else sales_line["sales_order_id"],
            sales_order_line=None if sales_line is None else sales_line["line_number"],
            order_type="production", order_quantity=int(quantity), priority=priority,
            basic_start_date=start, basic_end_date=end, created_at=created,
            released_at=released, material_available_at=None,
        )
        self.production_rows.append(order)
        for material, per_unit in product.draws:
            self.stores[(material, plant)].committed += quantity * per_unit
        self.starts[start].append(order)
        return order

    def _draw_components(self, order: dict[str, Any], midnight: np.datetime64) -> None:
        """The order draws its components at its start; it waits for the last one short."""
        ready = midnight
        for material, per_unit in self.products[order["product_id"]].draws:
            need = order["order_quantity"] * per_unit
            store = self.stores[(material, order["plant_id"])]
            store.committed -= need
            ready = max(ready, self._allocate(material, order["plant_id"], need, midnight))
        if ready > midnight:
            order["material_available_at"] = ready

    def _allocate(self, material: str, plant: str, need: float,
                  moment: np.datetime64) -> np.datetime64:
        """Take `need` from the lots FIFO; the moment the last lot taken is usable. Held
        deliveries overdue by now arrive when production misses them."""
        store = self.stores[(material, plant)]
        if store.on_hand(moment) < need:
            for held in [h for h in store.held if h.due <= np.datetime64(moment, "D")]:
                store.held.remove(held)
                arrival = next_business_moment(
                    self.rng, moment + int(self.rng.integers(*DISRUPTED_ARRIVAL_HOURS)) * HOUR,
                    DOCK_HOURS)
                self._receive(material, plant, held.receipt, held.quantity, arrival,
                              expedited=True)
        if sum(x.remaining for x in store.lots if x.usable) < need:
            self._expedite(material, plant, need, moment)
        ready = moment
        left = need
        for lot in store.lots:
            if left <= 1e-9:
                break
            if not lot.usable or lot.remaining <= 0:
                continue
            take = min(lot.remaining, left)
            lot.remaining -= take
            left -= take
            ready = max(ready, lot.usable_at)
        store.lots = [x for x in store.lots if x.remaining > 1e-9 or not x.usable]
        if left > 1e-9:  # a rush purchase not placed before the as-of instant: still waiting
            ready = max(ready, self.as_of) + DAY
        return ready

    def _expedite(self, material: str, plant: str, need: float, moment: np.datetime64) -> None:
        """A rush purchase for a need the plan did not cover (held deliveries not yet due
        come first)."""
        store = self.stores[(material, plant)]
        for held in list(store.held):
            store.held.remove(held)
            arrival = next_business_moment(
                self.rng, moment + int(self.rng.integers(*DISRUPTED_ARRIVAL_HOURS)) * HOUR,
                DOCK_HOURS)
            self._receive(material, plant, held.receipt, held.quantity, arrival, expedited=True)
        short = need - sum(x.remaining for x in store.lots if x.usable)
        if short > 0:
            created = next_business_moment(self.rng, moment, OFFICE_HOURS)
            quantity = _order_quantity(self.purchased[material], short)
            self._purchase(np.datetime64(created, "D"), self.purchased[material].supplier_id,
                           [(material, plant, quantity)], rush=True)

    # ------------------------------------------------------------------ purchasing

    def _check_purchasing(self, day: np.datetime64) -> None:
        """Raise needs for materials at or below their reorder point (consumables on
        Mondays), then order what each supplier has pending."""
        monday = dt.date.fromisoformat(str(day)).weekday() == 0
        moment = day.astype("datetime64[s]")
        for (material, plant) in sorted(self.usage):
            info = self.purchased[material]
            if info.material_type == "consumable" and not monday:
                continue
            pending = self.pending[info.supplier_id]
            if (material, plant) in pending:
                continue
            policy = self.policies[material]
            position = self.stores[(material, plant)].position(moment)
            if position <= policy.reorder_point:
                pending[(material, plant)] = dict(
                    quantity=_order_quantity(info, policy.maximum_stock - position),
                    since=day, urgent=position <= policy.safety_stock)
        low, high = self.s.lines_per_purchase_order
        for supplier in sorted(self.pending):
            pending = self.pending[supplier]
            if not pending:
                continue
            waited = min(v["since"] for v in pending.values()) <= day - 2 * DAY
            if len(pending) < low and not waited and not any(v["urgent"] for v in pending.values()):
                continue
            needs = [(m, p, v["quantity"]) for (m, p), v in sorted(pending.items())]
            pending.clear()
            while needs:
                batch, needs = needs[:high], needs[high:]
                if len(batch) < low:
                    batch += self._pull_in(supplier, batch, low - len(batch), moment)
                self._purchase(day, supplier, batch)

    def _pull_in(self, supplier: str, batch: list[tuple[str, str, float]], wanted: int,
                 moment: np.datetime64) -> list[tuple[str, str, float]]:
        """Other materials of the supplier closest to their reorder point, topped up to their
        maximum, so that the purchase order has enough lines."""
        taken = {(m, p) for m, p, _ in batch}
        candidates = []
        for material, plant in self.by_supplier[supplier]:
            if (material, plant) in taken:
                continue
            policy = self.policies[material]
            position = self.stores[(material, plant)].position(moment)
            if position < policy.maximum_stock - self.purchased[material].minimum_order_quantity:
                candidates.append((position / max(policy.reorder_point, 1.0), material, plant,
                                   _order_quantity(self.purchased[material],
                                                   policy.maximum_stock - position)))
        candidates.sort()
        return [(m, p, q) for _, m, p, q in candidates[:wanted]]

    def _purchase(self, day: np.datetime64, supplier: str,
                  lines: list[tuple[str, str, float]], rush: bool = False) -> None:
        """One purchase order (raised from an MRP requisition for `requisition_share` of
        them) and the deliveries of its lines."""
        rng = self.rng
        share = float(rng.uniform(*self.s.requisition_share))
        requisition = None
        base = day.astype("datetime64[s]")
        if not rush and rng.random() < share:
            raised = base + int(rng.integers(2 * 60, 5 * 60)) * MINUTE  # the nightly MRP run
            approved = base + int(rng.integers(8 * 60, 11 * 60)) * MINUTE
            created = approved + int(rng.integers(20, 300)) * MINUTE
            requisition = dict(requisition_date=day, created_at=raised, approved_at=approved,
                               plant_id=lines[0][1], lines=[], urgent=rush)
        else:
            created = base + int(rng.integers(8 * 60, 16 * 60)) * MINUTE
        if created >= self.as_of:
            for material, plant, quantity in lines:  # not ordered yet: still pending
                self.pending[supplier][(material, plant)] = dict(quantity=quantity, since=day,
                                                                 urgent=False)
            return
        if requisition is not None:
            self.requisition_rows.append(requisition)
        released = created + int(rng.integers(10, 240)) * MINUTE
        po = dict(supplier_id=supplier, po_date=day, created_at=created,
                  released_at=released if released < self.as_of else None,
                  plant_id=lines[0][1], requisition=requisition, lines=[], rush=rush)
        self.po_rows.append(po)
        for material, plant, quantity in lines:
            info = self.purchased[material]
            lead = max(2, info.lead_time_days // 3) if rush else info.lead_time_days
            delivery = business_day_on_or_after(day + lead * DAY)  # the supplier confirms a working day
            line = dict(po=po, material_id=material, plant_id=plant, order_quantity=int(quantity),
                        delivery_date=delivery, created_at=created)
            po["lines"].append(line)
            self.po_line_rows.append(line)
            if requisition is not None:
                requisition["lines"].append(line)
            self._deliveries(line, rush)

    def _deliveries(self, line: dict[str, Any], rush: bool) -> None:
        """When the supplier delivers the line: around its due date by its on-time rate, in
        two parts now and then, or held up (a disruption)."""
        rng, s = self.rng, self.s
        material, plant = line["material_id"], line["plant_id"]
        due = line["delivery_date"]
        quantity = float(line["order_quantity"])
        if not rush and rng.random() < s.supply_disruption_rate:
            self.stores[(material, plant)].held.append(
                Held(due, quantity, dict(line=line, disrupted=True)))
            return
        on_time = self.supplier_on_time[line["po"]["supplier_id"]]
        if rng.random() < on_time:
            arrive = due - int(rng.integers(0, 3)) * DAY
        else:
            arrive = due + int(rng.integers(s.supplier_delay_days[0],
                                            s.supplier_delay_days[1] + 1)) * DAY
        arrive = business_day_on_or_after(max(arrive, line["po"]["po_date"] + DAY))
        parts = [quantity]
        if rng.random() < SPLIT_DELIVERY_RATE and quantity >= 20:
            first = float(int(quantity * float(rng.uniform(0.4, 0.8)) // 10 * 10)) or 10.0
            parts = [first, quantity - first]
        for k, part in enumerate(parts):
            day = arrive if k == 0 else business_day_on_or_after(
                arrive + int(rng.integers(3, 10)) * DAY)
            moment = day.astype("datetime64[s]") + int(
                rng.integers(DOCK_HOURS[0] * 60, DOCK_HOURS[1] * 60)) * MINUTE
            self._receive(material, plant, dict(line=line, disrupted=False), part, moment)

    def _release_overdue(self, day: np.datetime64) -> None:
        """Held deliveries nothing needed arrive DISRUPTION_MAX_DAYS after their due date."""
        for (material, plant), store in sorted(self.stores.items()):
            for held in [h for h in store.held if h.due + DISRUPTION_MAX_DAYS * DAY <= day]:
                store.held.remove(held)
                moment = business_day_on_or_after(day).astype("datetime64[s]") + int(
                    self.rng.integers(DOCK_HOURS[0] * 60, DOCK_HOURS[1] * 60)) * MINUTE
                self._receive(material, plant, held.receipt, held.quantity, moment)

    def _receive(self, material: str, plant: str, receipt: dict[str, Any], quantity: float,
                 moment: np.datetime64, expedited: bool = False) -> None:
        """A goods receipt at `moment` and its lot: usable at once, or after inspection
        (expedited for a delivery production waits for; rejected now and then)."""
        rng = self.rng
        info = self.purchased[material]
        decided = result = returned = None
        usable_at, usable = moment, True
        if info.inspection_required:
            hours = (1, 4) if expedited else INSPECTION_HOURS
            decided = moment + int(rng.integers(hours[0] * 60, hours[1] * 60)) * MINUTE
            usable_at = decided
            if not expedited and rng.random() < self.s.inspection_rejection_rate:
                result, usable = "rejected", False
                returned = next_business_moment(
                    rng, decided + int(rng.integers(*RETURN_DAYS)) * DAY, DOCK_HOURS)
            else:
                result = "accepted"
        invoiced = None
        if usable:
            invoiced = next_business_moment(
                rng, moment + int(rng.integers(*INVOICE_DAYS)) * DAY, OFFICE_HOURS)
        lot = Lot(usable_at, quantity, usable, None if usable else decided)
        self.stores[(material, plant)].add(lot)
        row = dict(line=receipt["line"], received_at=moment, quantity_received=int(quantity),
                   disrupted=receipt["disrupted"], expedited=expedited,
                   inspection_decided_at=decided, inspection_result=result,
                   returned_at=returned, invoice_received_at=invoiced)
        self.receipt_rows.append(row)

    # ------------------------------------------------------------------ consumables

    def _consumable_schedule(self) -> dict[np.datetime64, list[tuple]]:
        """Issues of consumables to maintenance and production, every 1-5 business days per
        (material, plant), sized by the issue rate."""
        rng = self.rng
        out: dict[np.datetime64, list[tuple]] = defaultdict(list)
        business = [d for d in self.days if is_business_day(d)]
        for (material, plant), rate in sorted(self.demand.consumables.items()):
            k = int(rng.integers(0, 5))
            while k < len(business):
                gap = int(rng.integers(1, 6))
                day = business[k]
                moment = day.astype("datetime64[s]") + int(
                    rng.integers(OFFICE_HOURS[0] * 60, OFFICE_HOURS[1] * 60)) * MINUTE
                if moment < self.as_of:
                    quantity = max(1.0, float(round(rate * gap * rng.uniform(0.6, 1.4))))
                    cost_center = "maintenance" if rng.random() < 0.6 else "production"
                    out[day].append((moment, plant, material, (cost_center, quantity)))
                k += gap
        return out

    def _issue(self, moment: np.datetime64, plant: str, material: str,
               purpose: tuple[str, float]) -> None:
        """Issue what the stores hold of the quantity asked for (nothing waits on it)."""
        cost_center, asked = purpose
        store = self.stores[(material, plant)]
        quantity = min(asked, float(np.floor(store.on_hand(moment))))
        if quantity < 1:
            return
        left = quantity
        for lot in store.lots:
            if left <= 0:
                break
            if not lot.usable or lot.usable_at > moment or lot.remaining <= 0:
                continue
            take = min(lot.remaining, left)
            lot.remaining -= take
            left -= take
        store.lots = [x for x in store.lots if x.remaining > 1e-9 or not x.usable]
        self.issue_rows.append(dict(material_id=material, plant_id=plant, quantity=quantity,
                                    issued_at=moment, cost_center=cost_center))
