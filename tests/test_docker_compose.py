"""docker-compose.yml: there is no Docker engine here, so check what it declares."""

from __future__ import annotations

import re

import yaml

from .conftest import REPO


def test_compose_defines_a_healthy_postgres_service():
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    service = compose["services"]["postgres"]
    image, tag = service["image"].split(":")
    assert image == "postgres"
    assert int(re.match(r"\d+", tag).group()) >= 16
    env = service["environment"]
    readme = (REPO / "README.md").read_text()
    documented = f"postgresql://{env['POSTGRES_USER']}:{env['POSTGRES_PASSWORD']}@localhost:5432/"
    assert documented + env["POSTGRES_DB"] in readme, "README must show the compose DSN"
    assert "pg_isready" in " ".join(service["healthcheck"]["test"])
    volume = service["volumes"][0].split(":")[0]
    assert volume in compose["volumes"], "data must live in a named volume"
    assert any(p.endswith(":5432") for p in service["ports"])
