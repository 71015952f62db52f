"""The economy's shared rules: countries (currency, tax, addresses), exchange rates, prices
from standard cost, and demand from line capacity.

Master (customer agreements) and ERP (orders, suppliers, the ledger's tax and currency) both
read these, so a customer price in `raw_master.customer_agreements` and the ERP's sales price
come from one rule:

- list price = standard cost / (1 - gross margin), the margin drawn per product from its
  family's band (`master.gross_margin_by_family`);
- a customer's price = list price x (1 + a draw from `master.customer_price_band`), never
  below standard cost x (1 + `MIN_MARKUP`) except for the share `master.below_cost_rate` of
  agreements priced under cost on purpose (a strategic deal);
- a customer's annual volume is its share of what the lines making the product can produce
  in a year at `master.demand_share_of_capacity` of their staffed, planned-efficiency output.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

# A line produces at this overall equipment effectiveness when ERP plans it: the middle of
# the 0.6-0.85 band the shop floor runs at.
PLANNED_OEE = 0.72
# Prices under contract clear standard cost by at least this markup, unless below cost on
# purpose.
MIN_MARKUP = 0.02
# A below-cost agreement sells at this share of standard cost.
BELOW_COST_PRICE = (0.88, 0.99)
# Each renewal of an agreement raises its price by this share and its volume by VOLUME_GROWTH.
PRICE_ESCALATION = 0.03
VOLUME_GROWTH = 0.08
FUNCTIONAL_CURRENCY = "USD"


@dataclass(frozen=True)
class Country:
    currency: str
    usd_per_unit: float  # reference exchange rate: US dollars per unit of the currency
    tax_code: str  # the country's standard VAT / GST / sales-tax code on invoices
    tax_rate: float  # percent
    cities: tuple[tuple[str, str], ...]  # (city, state or region)
    tax_id: str  # a company's tax id: '#' a digit, '?' a letter (as in `pattern`)
    phone: str  # international phone number pattern
    postal: str  # postal code pattern
    legal_forms: tuple[str, ...]  # company name suffixes
    locale: str | None = None  # Faker locale for streets and names, if it has a Latin one
    surnames: tuple[str, ...] = ()  # romanized family names where there is no such locale


# street names for countries without a Latin Faker locale
STREET_NAMES = ("Industrial Park Road", "Technology Avenue", "Export Zone Street",
                "Auto Parts Avenue", "Development Road")

COUNTRIES: dict[str, Country] = {
    "India": Country("INR", 0.01195, "IN-GST18", 18.0,
                     (("Pune", "Maharashtra"), ("Chennai", "Tamil Nadu"),
                      ("Gurugram", "Haryana"), ("Bengaluru", "Karnataka")),
                     "27?????####?#Z#", "+91 ## #### ####", "######",
                     ("Pvt Ltd", "Ltd", "LLP"), "en_IN"),
    "United States": Country("USD", 1.0, "US-EXM", 0.0,
                             (("Detroit", "Michigan"), ("Toledo", "Ohio"),
                              ("Greenville", "South Carolina"), ("Nashville", "Tennessee")),
                             "##-#######", "+1 ### ### ####", "#####", ("Inc.", "LLC", "Corp."),
                             "en_US"),
    "Canada": Country("CAD", 0.73, "CA-GST5", 5.0,
                      (("Windsor", "Ontario"), ("Guelph", "Ontario"), ("Montreal", "Quebec")),
                      "#########RT0001", "+1 ### ### ####", "?#? #?#", ("Inc.", "Ltd."),
                      "en_CA"),
    "Mexico": Country("MXN", 0.058, "MX-IVA16", 16.0,
                      (("Monterrey", "Nuevo Leon"), ("Queretaro", "Queretaro"),
                       ("Saltillo", "Coahuila")), "???######??#", "+52 ## #### ####", "#####",
                      ("S.A. de C.V.", "S. de R.L. de C.V."), "es_MX"),
    "Brazil": Country("BRL", 0.20, "BR-ICMS18", 18.0,
                      (("Curitiba", "Parana"), ("Sao Paulo", "Sao Paulo"),
                       ("Betim", "Minas Gerais")), "##.###.###/0001-##", "+55 ## #####-####",
                      "#####-###", ("Ltda.", "S.A."), "pt_BR"),
    "Germany": Country("EUR", 1.08, "DE-VAT19", 19.0,
                       (("Stuttgart", "Baden-Wuerttemberg"), ("Wolfsburg", "Lower Saxony"),
                        ("Schweinfurt", "Bavaria"), ("Dortmund", "North Rhine-Westphalia")),
                       "DE#########", "+49 ### #######", "#####", ("GmbH", "AG", "GmbH & Co. KG"),
                       "de_DE"),
    "Italy": Country("EUR", 1.08, "IT-VAT22", 22.0,
                     (("Turin", "Piedmont"), ("Brescia", "Lombardy"), ("Modena", "Emilia-Romagna")),
                     "IT###########", "+39 ### ### ####", "#####", ("S.p.A.", "S.r.l."), "it_IT"),
    "Spain": Country("EUR", 1.08, "ES-VAT21", 21.0,
                     (("Valladolid", "Castile and Leon"), ("Vigo", "Galicia"),
                      ("Barcelona", "Catalonia")), "ES?########", "+34 ### ### ###", "#####",
                     ("S.A.", "S.L."), "es_ES"),
    "United Kingdom": Country("GBP", 1.27, "GB-VAT20", 20.0,
                              (("Sunderland", "Tyne and Wear"), ("Coventry", "West Midlands"),
                               ("Derby", "Derbyshire")), "GB#########", "+44 #### ######",
                              "??# #??", ("Ltd", "plc"), "en_GB"),
    "Hungary": Country("HUF", 0.0028, "HU-VAT27", 27.0,
                       (("Gyor", "Gyor-Moson-Sopron"), ("Kecskemet", "Bacs-Kiskun")),
                       "HU########", "+36 ## ### ####", "####", ("Kft.", "Zrt."), "hu_HU"),
    "Poland": Country("PLN", 0.25, "PL-VAT23", 23.0,
                      (("Katowice", "Silesia"), ("Poznan", "Greater Poland"),
                       ("Wroclaw", "Lower Silesia")), "PL##########", "+48 ### ### ###", "##-###",
                      ("Sp. z o.o.", "S.A."), "pl_PL"),
    "Czech Republic": Country("CZK", 0.043, "CZ-VAT21", 21.0,
                              (("Mlada Boleslav", "Central Bohemia"),
                               ("Ostrava", "Moravia-Silesia")), "CZ########", "+420 ### ### ###",
                              "### ##", ("s.r.o.", "a.s."), "cs_CZ"),
    "Turkey": Country("TRY", 0.031, "TR-KDV20", 20.0,
                      (("Bursa", "Bursa"), ("Kocaeli", "Kocaeli"), ("Izmir", "Izmir")),
                      "##########", "+90 ### ### ####", "#####", ("A.S.", "Ltd. Sti."),
                      surnames=("Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Ozturk",
                                "Aydin", "Arslan", "Dogan", "Kilic")),
    "Japan": Country("JPY", 0.0067, "JP-CT10", 10.0,
                     (("Toyota City", "Aichi"), ("Hamamatsu", "Shizuoka"),
                      ("Hiroshima", "Hiroshima")), "T#############", "+81 ## #### ####",
                     "###-####", ("Co., Ltd.", "K.K."),
                     surnames=("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito",
                               "Yamamoto", "Nakamura", "Kobayashi", "Kato")),
    "South Korea": Country("KRW", 0.00074, "KR-VAT10", 10.0,
                           (("Ulsan", "Ulsan"), ("Changwon", "South Gyeongsang")),
                           "###-##-#####", "+82 ## #### ####", "#####", ("Co., Ltd.",),
                           surnames=("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho",
                                     "Yoon", "Jang", "Lim")),
    "Thailand": Country("THB", 0.028, "TH-VAT7", 7.0,
                        (("Rayong", "Rayong"), ("Chonburi", "Chonburi")),
                        "#############", "+66 ## ### ####", "#####", ("Co., Ltd.", "PCL"),
                        surnames=("Saetang", "Srisuk", "Wongsa", "Chaiyaporn", "Boonmee",
                                  "Thongchai", "Rattanakul", "Sukprasert")),
    "China": Country("CNY", 0.138, "CN-VAT13", 13.0,
                     (("Ningbo", "Zhejiang"), ("Suzhou", "Jiangsu"), ("Wuhan", "Hubei"),
                      ("Changchun", "Jilin")), "91##############?#", "+86 ### #### ####",
                     "######", ("Co., Ltd.",),
                     surnames=("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang",
                               "Zhao", "Wu", "Zhou")),
}

# Where automotive suppliers of the enterprise sit, by relative weight.
SUPPLIER_COUNTRIES = {
    "Germany": 5, "China": 5, "India": 4, "Mexico": 3, "United States": 4, "Japan": 2,
    "South Korea": 2, "Poland": 2, "Czech Republic": 2, "Italy": 2, "Spain": 1,
    "Turkey": 2, "Hungary": 1, "Brazil": 1, "Thailand": 1, "United Kingdom": 1, "Canada": 1,
}


def country(name: str) -> Country:
    """A country's reference data (a KeyError names a country missing from COUNTRIES)."""
    return COUNTRIES[name]


def currencies() -> list[str]:
    """Every currency of the reference countries, sorted."""
    return sorted({c.currency for c in COUNTRIES.values()})


def pattern(rng: np.random.Generator, template: str) -> str:
    """`template` with each '#' a random digit and each '?' a random capital letter."""
    out = []
    for ch in template:
        if ch == "#":
            out.append(str(int(rng.integers(10))))
        elif ch == "?":
            out.append(chr(65 + int(rng.integers(26))))
        else:
            out.append(ch)
    return "".join(out)


def exchange_rates(rng: np.random.Generator, days: np.ndarray,
                   daily_volatility: float = 0.003) -> dict[str, np.ndarray]:
    """US dollars per unit of each currency on each of `days`: a random walk around the
    reference rate (the functional currency stays 1)."""
    rates = {}
    for currency in currencies():
        reference = next(c.usd_per_unit for c in COUNTRIES.values() if c.currency == currency)
        steps = rng.normal(0.0, daily_volatility, len(days))
        if currency == FUNCTIONAL_CURRENCY:
            steps[:] = 0.0
        rates[currency] = reference * np.exp(np.cumsum(steps) - steps[0])
    return rates


# --------------------------------------------------------------------------- prices


def list_prices(rng: np.random.Generator, standard_cost: Sequence[float],
                families: Sequence[str],
                margin_by_family: Mapping[str, tuple[float, float]]) -> np.ndarray:
    """Per product: standard cost / (1 - margin), the margin drawn from its family's band."""
    low = np.array([margin_by_family[f][0] for f in families])
    high = np.array([margin_by_family[f][1] for f in families])
    margin = low + rng.random(len(low)) * (high - low)
    return np.asarray(standard_cost, dtype=float) / (1 - margin)


def customer_price(rng: np.random.Generator, list_price: float, standard_cost: float,
                   band: tuple[float, float], below_cost_rate: float) -> float:
    """A customer's price for a product: list price moved within `band`, kept above standard
    cost, or below it for the share `below_cost_rate` of deals."""
    if rng.random() < below_cost_rate:
        return standard_cost * float(rng.uniform(*BELOW_COST_PRICE))
    price = list_price * (1 + float(rng.uniform(*band)))
    return max(price, floor_price(standard_cost))


def floor_price(standard_cost: float) -> float:
    """The lowest price a regular agreement may carry."""
    return standard_cost * (1 + MIN_MARKUP)


# --------------------------------------------------------------------------- capacity


def staffed_hours(shifts: Sequence[Mapping[str, Any]],
                  weekend_staffing: tuple[float, float]) -> tuple[float, float]:
    """Hours a line produces on an average weekday and weekend day: every regular shift,
    the expected share of weekend shifts, no overtime; breaks excluded."""
    staffing = (weekend_staffing[0] + weekend_staffing[1]) / 2
    weekday = weekend = 0.0
    for shift in shifts:
        if shift["type"] == "overtime":
            continue
        start_h, start_m = (int(x) for x in str(shift["start"]).split(":")[:2])
        end_h, end_m = (int(x) for x in str(shift["end"]).split(":")[:2])
        length = ((end_h * 60 + end_m) - (start_h * 60 + start_m)) % (24 * 60) or 24 * 60
        net = (length - int(shift["break_minutes"])) / 60
        share = staffing if shift["type"] == "weekend" else 1.0
        for day in shift["days"]:
            if day in ("sat", "sun"):
                weekend += net * share / 2
            else:
                weekday += net * share / 5
    return weekday, weekend


def staffed_hours_per_week(shifts: Sequence[Mapping[str, Any]],
                           weekend_staffing: tuple[float, float]) -> float:
    weekday, weekend = staffed_hours(shifts, weekend_staffing)
    return 5 * weekday + 2 * weekend


def weekend_staffing(config: Any) -> tuple[float, float]:
    """The share of weekend shifts a line is staffed for, wherever the config keeps it."""
    for section in ("manufacturing", "operations"):
        value = config[section].get("weekend_shift_staffing")
        if value is not None:
            return value
    raise KeyError("weekend_shift_staffing")


@dataclass(frozen=True)
class LineRate:
    """What a line can make of one product per year at full planned load, when its time is
    shared equally among the products it makes for customers."""

    line_id: str
    factory_id: str
    product_id: str
    cycle_seconds: float
    units_per_year: float


def line_rates(lines: Mapping[str, str], cycle: Mapping[tuple[str, str], float],
               sold: set[str], hours_per_week: float) -> list[LineRate]:
    """Per (line, product sold under an active agreement): yearly units at planned OEE,
    the line's staffed time split equally among its sold products. `lines` maps line to
    factory; `cycle` (line, product) to seconds per unit."""
    products: dict[str, list[str]] = defaultdict(list)
    for line_id, product_id in sorted(cycle):
        if product_id in sold:
            products[line_id].append(product_id)
    seconds = hours_per_week * 52 * 3600 * PLANNED_OEE
    rates = []
    for line_id, made in sorted(products.items()):
        for product_id in made:
            c = cycle[(line_id, product_id)]
            rates.append(LineRate(line_id, lines[line_id], product_id, c,
                                  seconds / len(made) / c))
    return rates


def product_plants(rates: Sequence[LineRate]) -> dict[str, dict[str, float]]:
    """Per product: each factory's share of the product's capacity (sums to 1)."""
    per: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in rates:
        per[r.product_id][r.factory_id] += r.units_per_year
    return {p: {f: v / sum(fs.values()) for f, v in sorted(fs.items())}
            for p, fs in per.items()}
