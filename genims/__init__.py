"""GenIMS: a reproducible synthetic manufacturing enterprise in PostgreSQL."""

from pathlib import Path

__version__ = "0.1.0"

# The repository root: dbt_project/, expectations/ and spec/ live beside the packages.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
