"""Master data's free text on the shared enterprise build: product descriptions read like a
catalog's, one per product, each naming the part."""

from __future__ import annotations

import re


def test_product_descriptions_are_varied_and_name_the_part(conn):
    products = conn.execute("SELECT product_name, description FROM master.products").fetchall()
    descriptions = [d for _, d in products]
    assert len(set(descriptions)) == len(descriptions)
    for name, description in products:
        family = re.sub(r" \S+-\d+\d*$", "", name)  # "Brake Caliper HD-880" -> "Brake Caliper"
        assert family.lower() in description.lower(), (name, description)
        assert description[0].isupper() and description.endswith(".")
        assert not re.search(r"[_{}<>\[\]]", description), description
    # not one sentence with slots: the descriptions are built in several ways
    assert len({d.split()[0] for d in descriptions}) >= 3
