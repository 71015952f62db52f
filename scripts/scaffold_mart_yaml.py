"""Write a mart's dbt YAML from the GenIMS catalog, or report how existing YAML drifts from it.

    python scripts/scaffold_mart_yaml.py DOMAIN [TABLE ...]   write the missing <domain>__<table>.yml
    python scripts/scaffold_mart_yaml.py --check [DOMAIN ...]  report drift, exit 1 if there is any

The catalog is spec/genims_tables.csv (columns, types, key flags, comments) and
spec/genims_relationships.csv (foreign-key hints resolved to a table). A scaffolded file holds
what the catalog knows: every column with its data_type (contract-ready), the catalog comment as
description (a doc block from models/_shared__docs.md for shared columns), the key flags as
contract constraints (primary_key, unique, not_null: PostgreSQL enforces them as the table is
built, so they cost no test query), and a relationships test for every unambiguous hint whose
target mart exists.
People then add what the catalog cannot know: accepted_values, ranges, derived-column prose.
Existing files are never overwritten; --check compares them with the catalog instead:

- columns, their order and data_type equal the catalog's;
- the catalog's primary key / not_null / unique / composite-unique flags are constraints;
- every catalog relationship into an existing mart is tested, and every relationships test goes
  where the catalog says (for an ambiguous hint: the resolved table or one the note names),
  unless the column carries `config: {meta: {relationship_waiver: "<why>"}}`;
- a description that lists values ("One of: a, b.") lists exactly its accepted_values;
- the model declares `no_degenerate_columns` (no column entirely NULL or single-valued), and a
  column exempt from it says why: `config: {meta: {degenerate: "<why>"}}`, or
  `degenerate: {min_rows: N, reason: "<why>"}` for values rare by design.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
MARTS = REPO / "dbt_project" / "models" / "marts"
SHARED_DOCS = REPO / "dbt_project" / "models" / "_shared__docs.md"
WAIVER = "relationship_waiver"
DEGENERATE_TEST = "no_degenerate_columns"
EXEMPTION = "degenerate"

# a dbt contract cannot create a serial: BIGSERIAL keys are plain bigints in the marts
TYPE_ALIASES = {"bigserial": "bigint"}


@dataclass(frozen=True)
class Relation:
    column: str
    target_domain: str
    target_table: str
    target_column: str
    note: str

    @property
    def model(self) -> str:
        return f"{self.target_domain}__{self.target_table}"

    @property
    def ambiguous(self) -> bool:
        return self.note.startswith("ambiguous")

    def allowed_targets(self) -> set[tuple[str, str]]:
        """(model, field) pairs a test may point at: the resolved target, and for an ambiguous
        hint the same table in each domain the note names."""
        targets = {(self.model, self.target_column)}
        if self.ambiguous:
            for domain in re.findall(r"\w+", self.note.split(":", 1)[1].replace("also in", "")):
                targets.add((f"{domain}__{self.target_table}", self.target_column))
        return targets


@dataclass
class Column:
    name: str
    type: str
    pk: bool
    not_null: bool
    unique: bool
    composite: tuple[str, ...]
    comment: str


@dataclass
class Table:
    domain: str
    name: str
    columns: list[Column] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    @property
    def model(self) -> str:
        return f"{self.domain}__{self.name}"

    @property
    def composites(self) -> list[tuple[str, ...]]:
        return sorted({c.composite for c in self.columns if len(c.composite) > 1})


# what each constraint the catalog's key flags give stands for, as the drift report words it
KEY_FLAGS = {"primary_key": "PRIMARY KEY", "unique": "UNIQUE", "not_null": "NOT NULL"}


def column_constraints(column: Column) -> list[dict]:
    """The contract constraints of a column's key flags: a primary key is unique and not null."""
    if column.pk:
        return [{"type": "primary_key"}]
    return [{"type": kind} for kind, flag in (("unique", column.unique), ("not_null", column.not_null))
            if flag]


def _constraint_types(entry: dict) -> set[str]:
    return {c.get("type") for c in entry.get("constraints") or []}


def _enforced_by(constraints: set[str]) -> set[str]:
    """The generic tests a column's constraints make redundant."""
    enforced = set(constraints) - {"primary_key"}
    return enforced | ({"unique", "not_null"} if "primary_key" in constraints else set())


def dbt_type(catalog_type: str) -> str:
    """The catalog's type as the YAML's data_type: `VARCHAR(50)` -> `varchar(50)`."""
    declared = catalog_type.strip().lower().replace(", ", ",")
    return TYPE_ALIASES.get(declared, declared)


def load_catalog(spec: Path = REPO / "spec") -> dict[tuple[str, str], Table]:
    tables: dict[tuple[str, str], Table] = {}
    with open(spec / "genims_tables.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            table = tables.setdefault((row["domain"], row["table"]), Table(row["domain"], row["table"]))
            unique = row["unique"]
            composite = tuple(c.strip() for c in unique.removeprefix("composite:").split(",")) \
                if unique.startswith("composite:") else ()
            table.columns.append(Column(
                name=row["column"], type=row["type"], pk=row["pk"] == "Y",
                not_null=row["not_null"] == "Y", unique=unique == "Y" or composite == (row["column"],),
                composite=composite, comment=row["comment"].strip(),
            ))
    with open(spec / "genims_relationships.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            tables[(row["domain"], row["table"])].relations.append(Relation(
                row["column"], row["target_domain"], row["target_table"], row["target_column"],
                row["note"],
            ))
    return tables


def shared_docs(path: Path = SHARED_DOCS) -> dict[str, str]:
    """The doc blocks for columns shared by many tables: name -> text."""
    text = path.read_text() if path.exists() else ""
    return dict(re.findall(r"{%-?\s*docs\s+(\w+)\s*-?%}(.*?){%-?\s*enddocs\s*-?%}", text, re.S))


def existing_models(marts: Path = MARTS) -> set[str]:
    return {p.stem for p in marts.glob("*/*.sql")}


# --- scaffolding -----------------------------------------------------------------------------

def echoes(text: str, name: str) -> bool:
    """The text only restates the column name ("Weight kg." for weight_kg, "Line." for line_id)."""
    def letters(value: str) -> str:
        return re.sub(r"[^a-z0-9]", "", value.lower())
    return letters(text) in (letters(name), letters(name.removesuffix("_id")))


def shared_doc(column: str, pk: bool, relations: list[Relation], docs: dict[str, str]) -> str | None:
    """The shared doc block that describes this column, if one does: not for a table's own key,
    and for a foreign key only a block naming its target (domain.table)."""
    if column not in docs or pk:
        return None
    if any(f"({r.target_domain}.{r.target_table}" not in docs[column] for r in relations):
        return None
    return f'{{{{ doc("{column}") }}}}'


def _description(column: Column, relations: list[Relation], docs: dict[str, str]) -> str | None:
    generic = not column.comment or column.comment.startswith("FK")
    if generic and (doc := shared_doc(column.name, column.pk, relations, docs)) is not None:
        return doc
    if not column.comment or echoes(column.comment, column.name):
        return None
    return column.comment


def scaffold_model(table: Table, docs: dict[str, str], models: set[str]) -> tuple[dict, dict[str, list[str]]]:
    """The model's YAML entry, and comments to place after a column's entry."""
    comments: dict[str, list[str]] = defaultdict(list)
    relations = defaultdict(list)
    for relation in table.relations:
        relations[relation.column].append(relation)
    columns = []
    for column in table.columns:
        entry: dict = {"name": column.name}
        if (description := _description(column, relations[column.name], docs)) is not None:
            entry["description"] = description
        entry["data_type"] = dbt_type(column.type)
        if constraints := column_constraints(column):
            entry["constraints"] = constraints
        tests: list = []
        for relation in relations[column.name]:
            target = f"{relation.model}.{relation.target_column}"
            if not relation.target_table or relation.note and not relation.ambiguous:
                comments[column.name].append(f"catalog: {column.name}: {relation.note}")
            elif relation.ambiguous:
                comments[column.name].append(
                    f"catalog: {column.name} -> {target} is ambiguous ({relation.note}): "
                    f"add a relationships test or a {WAIVER}")
            elif relation.model not in models:
                comments[column.name].append(
                    f"catalog: {column.name} -> {target}, a mart not built yet: test it once it is")
            else:
                tests.append({"relationships": {"arguments": {
                    "to": f"ref('{relation.model}')", "field": relation.target_column}}})
        if tests:
            entry["data_tests"] = tests
        columns.append(entry)
    model: dict = {"name": table.model}
    model["data_tests"] = [DEGENERATE_TEST]
    if table.composites:
        model["constraints"] = [{"type": "unique", "columns": list(c)} for c in table.composites]
    model["columns"] = columns
    return model, comments


class _Dumper(yaml.SafeDumper):
    """Indents a list under its key, as dbt's documentation writes YAML."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


class _Inline(list):
    """A list of values written on one line: accepted values, a unique constraint's columns."""


_Dumper.add_representer(
    _Inline, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))


def _inline_lists(value):
    if isinstance(value, dict):
        # a constraint's `columns` is a list of names; a model's `columns` is written by render
        return {k: _Inline(v) if k in ("values", "columns") and isinstance(v, list)
                and all(isinstance(name, str) for name in v)
                else _inline_lists(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_inline_lists(v) for v in value]
    return value


def _block(value, indent: int) -> list[str]:
    text = yaml.dump(_inline_lists(value), Dumper=_Dumper, default_flow_style=False,
                     sort_keys=False, width=100, allow_unicode=True)
    return [" " * indent + line if line else line for line in text.rstrip("\n").split("\n")]


def render(model: dict, comments: dict[str, list[str]] | None = None, top: list[str] | None = None,
           extra: dict | None = None) -> str:
    """One model's YAML file: `version`, `models: [model]` and any extra top-level keys
    (unit_tests), with `# comments` after the columns they concern."""
    comments = comments or {}
    lines = ["version: 2", "", "models:"]
    lines += [f"  # {c}" for c in top or []]
    head = {k: v for k, v in model.items() if k != "columns"}
    entry = _block([head], 2)
    lines += entry
    if "columns" in model:
        lines.append("    columns:")
        for column in model["columns"]:
            lines += _block([column], 6)
            lines += [f"        # {c}" for c in comments.get(column["name"], [])]
    for key, value in (extra or {}).items():
        lines += ["", *_block({key: value}, 0)]
    return "\n".join(lines) + "\n"


def scaffold(domain: str, names: list[str], catalog: dict[tuple[str, str], Table],
             marts: Path = MARTS, models: set[str] | None = None) -> list[Path]:
    """Write <domain>__<table>.yml for the named tables (all of the domain's if none) that
    have no YAML yet; returns the files written. Relationships are tested into `models`
    (default: the marts that exist) and the domain's own tables."""
    tables = [t for (d, _), t in catalog.items() if d == domain and (not names or t.name in names)]
    unknown = set(names) - {t.name for t in tables}
    if not tables or unknown:
        raise SystemExit(f"scaffold_mart_yaml: error: no catalog table {domain}."
                         f"{', '.join(sorted(unknown)) or '*'}")
    docs = shared_docs()
    models = (existing_models(marts) if models is None else models) | {t.model for t in tables}
    written = []
    for table in tables:
        path = marts / domain / f"{table.model}.yml"
        if path.exists():
            continue
        model, comments = scaffold_model(table, docs, models)
        path.parent.mkdir(parents=True, exist_ok=True)
        top = ["description: what one row is and how it is derived (tests/test_dbt_conventions.py "
               "requires one)"]
        path.write_text(render(model, comments, top))
        written.append(path)
    return written


# --- checking --------------------------------------------------------------------------------

def _tests(entry: dict) -> list[tuple[str, dict]]:
    """(test name, arguments) of a model's or column's generic tests."""
    found = []
    for test in entry.get("data_tests") or entry.get("tests") or []:
        if isinstance(test, str):
            found.append((test, {}))
        else:
            (name, spec), = test.items()
            spec = spec or {}
            found.append((name, spec.get("arguments", spec)))
    return found


def _ref(expression: str) -> str:
    match = re.fullmatch(r"""ref\(\s*['"](\w+)['"]\s*\)""", expression.strip())
    return match.group(1) if match else expression


LISTING = re.compile(r"^One of: (.+)\.$")


def exemption_problems(meta: dict) -> list[str]:
    """What is wrong with a column's `degenerate` exemption from no_degenerate_columns: a
    reason (never judged), or {min_rows, per, reason} (judged only from min_rows draws: rows,
    or distinct values of the column `per` when the value is drawn once per entity)."""
    exemption = meta.get(EXEMPTION)
    if exemption is None:
        return []
    if isinstance(exemption, dict):
        unknown = set(exemption) - {"min_rows", "per", "reason"}
        if unknown:
            return [f"{EXEMPTION} has unknown keys {sorted(unknown)} (min_rows, per, reason)"]
        if "per" in exemption and not isinstance(exemption["per"], str):
            return [f"{EXEMPTION}.per must name a column, not {exemption['per']!r}"]
        rows = exemption.get("min_rows")
        if not isinstance(rows, int) or isinstance(rows, bool) or rows < 1:
            return [f"{EXEMPTION}.min_rows must be a positive whole number, not {rows!r}"]
        exemption = exemption.get("reason")
    if not isinstance(exemption, str) or not exemption.strip():
        return [f"{EXEMPTION} needs a reason"]
    return []


def model_drift(model: dict, table: Table, models: set[str]) -> list[str]:
    """How a mart's YAML entry differs from the catalog; empty when it does not."""
    name = model["name"]
    problems = []
    declared = [c["name"] for c in model.get("columns", [])]
    expected = [c.name for c in table.columns]
    if declared != expected:
        missing, extra = set(expected) - set(declared), set(declared) - set(expected)
        detail = (f"missing {sorted(missing)}" if missing else "") + \
                 (f" extra {sorted(extra)}" if extra else "") or "order differs"
        problems.append(f"{name}: columns differ from the catalog: {detail.strip()}")
    catalog = {c.name: c for c in table.columns}
    relations = defaultdict(list)
    for relation in table.relations:
        if relation.target_table and (not relation.note or relation.ambiguous):
            relations[relation.column].append(relation)
    for column in model.get("columns", []):
        where = f"{name}.{column['name']}"
        spec = catalog.get(column["name"])
        tests = _tests(column)
        names = {t for t, _ in tests}
        meta = {**(column.get("meta") or {}), **((column.get("config") or {}).get("meta") or {})}
        if spec is not None:
            if str(column.get("data_type", "")).replace(" ", "").lower() != dbt_type(spec.type):
                problems.append(f"{where}: data_type {column.get('data_type')!r}, "
                                f"catalog {dbt_type(spec.type)!r}")
            declared_constraints = _constraint_types(column)
            for expected in column_constraints(spec):
                if expected["type"] not in declared_constraints:
                    problems.append(f"{where}: catalog says {KEY_FLAGS[expected['type']]}; "
                                    f"no {expected['type']} constraint")
            for test in sorted(names & _enforced_by(declared_constraints)):
                problems.append(f"{where}: the {test} test repeats a constraint; drop it")
        problems += [f"{where}: {p}" for p in exemption_problems(meta)]
        per = (meta.get(EXEMPTION) or {}).get("per") if isinstance(meta.get(EXEMPTION), dict) else None
        if isinstance(per, str) and per not in declared:
            problems.append(f"{where}: {EXEMPTION}.per names {per!r}, not a column of {name}")
        waiver = meta.get(WAIVER)
        tested = {(_ref(args.get("to", "")), args.get("field")) for t, args in tests
                  if t == "relationships"}
        # catalog relationships into marts that exist (a target domain may not be built yet)
        hints = [r for r in relations[column["name"]]
                 if any(target in models for target, _ in r.allowed_targets())]
        allowed = set().union(*(r.allowed_targets() for r in relations[column["name"]]))
        if waiver is not None:
            if not str(waiver).strip():
                problems.append(f"{where}: {WAIVER} needs a reason")
            elif not hints and not tested:
                problems.append(f"{where}: {WAIVER} waives nothing (no catalog relationship, "
                                f"no relationships test)")
            continue
        for relation in hints:
            if not tested & relation.allowed_targets():
                problems.append(f"{where}: catalog relationship to {relation.model}."
                                f"{relation.target_column} is neither tested nor waived "
                                f"(meta {WAIVER})")
        for target, target_field in sorted(tested - allowed):
            problems.append(f"{where}: relationships test to {target}.{target_field} is not in the "
                            f"catalog; give the reason in meta {WAIVER}")
        accepted = [args.get("values") for t, args in tests if t == "accepted_values"]
        listing = LISTING.match(str(column.get("description", "")))
        if listing and accepted and [v.strip() for v in listing.group(1).split(",")] != \
                [str(v) for v in accepted[0]]:
            problems.append(f"{where}: description lists {listing.group(1)!r}, accepted_values "
                            f"{accepted[0]}")
    if DEGENERATE_TEST not in {t for t, _ in _tests(model)}:
        problems.append(f"{name}: no {DEGENERATE_TEST} test (every mart declares it)")
    declared_composites = {tuple(sorted(c.get("columns") or [])) for c in model.get("constraints") or []
                           if c.get("type") in ("unique", "primary_key")}
    for composite in table.composites:
        if tuple(sorted(composite)) not in declared_composites:
            problems.append(f"{name}: catalog says {', '.join(composite)} are unique together; "
                            f"no unique constraint on them")
    return problems


def check(domains: list[str] | None = None, catalog: dict[tuple[str, str], Table] | None = None,
          marts: Path = MARTS) -> tuple[list[str], list[str]]:
    """(drift of existing mart YAML, catalog tables of those domains without YAML)."""
    catalog = catalog or load_catalog()
    models = existing_models(marts)
    problems, missing = [], []
    folders = sorted(p for p in marts.iterdir() if p.is_dir() and (not domains or p.name in domains))
    for folder in folders:
        domain = folder.name
        # `_<domain>__*.yml` files hold the folder's other properties (access groups), not a model
        model_files = sorted(p for p in folder.glob("*.yml") if not p.name.startswith("_"))
        for path in model_files:
            entries = (yaml.safe_load(path.read_text()) or {}).get("models") or []
            if [m["name"] for m in entries] != [path.stem]:
                problems.append(f"{path}: must describe exactly model {path.stem}")
                continue
            table = catalog.get((domain, path.stem.removeprefix(f"{domain}__")))
            if table is None or not path.stem.startswith(f"{domain}__"):
                problems.append(f"{path}: {path.stem} is not a catalog table of {domain}")
                continue
            problems += model_drift(entries[0], table, models)
        described = {p.stem for p in model_files}
        missing += [f"{t.domain}.{t.name}" for (d, _), t in catalog.items()
                    if d == domain and t.model not in described]
    return problems, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report drift instead of writing")
    parser.add_argument("domain", nargs="?", help="domain to scaffold (to check: all if none)")
    parser.add_argument("tables", nargs="*", help="tables to scaffold (all of the domain's if none)")
    args = parser.parse_args(argv)
    if not args.check and not args.domain:
        parser.error("name the domain to scaffold")
    if args.check:
        problems, missing = check([args.domain, *args.tables] if args.domain else None)
        for line in problems:
            print(f"drift: {line}")
        for table in missing:
            print(f"no YAML yet: {table}")
        print(f"{len(problems)} drift finding(s)")
        return 1 if problems else 0
    for path in scaffold(args.domain, args.tables, load_catalog()):
        print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
