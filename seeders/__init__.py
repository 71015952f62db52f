"""Domain seeders, one module per GenIMS domain, in load order (parents before children)."""

from seeders import master

DOMAINS = (master,)


def domain(name: str):
    for module in DOMAINS:
        if name == module.NAME:
            return module
    raise KeyError(name)
