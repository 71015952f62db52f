"""The data-quality report of a run: dbt tests and Great Expectations suites together.

The report folder (`./reports`, `--report-dir` or `$GENIMS_REPORT_DIR`) gets:
- `index.html`: one self-contained page (no network needed): per domain the tables built,
  their rows next to what `genims plan` predicted, dbt tests and expectations passed and
  failed, and the offending rows of each failure; then every check, filterable;
- `summary.json`: the same content, machine-readable;
- `junit.xml`: one test case per dbt test and per expectation, one test suite per domain,
  for CI systems to show as test results.

dbt's results are read from its own artifacts (`target/run_results.json`, `manifest.json`).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from genims import PROJECT_ROOT

REPORT_DIR_ENV = "GENIMS_REPORT_DIR"
MAX_ROWS_SHOWN = 5
FAILED = ("fail", "error")
# Outside any domain's folder: dbt nodes of the platform itself (run context, load markers).
PLATFORM = "genims_meta"


def default_report_dir() -> Path:
    return Path(os.environ.get(REPORT_DIR_ENV) or PROJECT_ROOT / "reports").resolve()


@dataclass
class Check:
    """One dbt test, failed dbt model or expectation, and how it went."""

    domain: str
    kind: str  # "dbt test", "dbt model" or "expectation"
    name: str
    table: str  # what it checks, `schema.table` (several for some singular tests)
    description: str
    status: str  # pass, fail, error, warn or skipped
    message: str = ""
    rows: list[dict[str, Any]] = field(default_factory=list)  # sample offending rows
    seconds: float | None = None

    @property
    def failed(self) -> bool:
        return self.status in FAILED


@dataclass
class TableRows:
    """A table's row count next to its plan (no plan: expected is None)."""

    domain: str
    table: str
    rows: int | None  # None: the table does not exist
    expected: float | None = None
    low: int | None = None
    high: int | None = None

    @property
    def raw(self) -> bool:
        """A raw table the seeders load (listed when the plan predicts it), not a mart."""
        return self.table.split(".")[0] != self.domain

    @property
    def outside_plan(self) -> bool:
        if self.expected is None:
            return False
        return self.rows is None or not (self.low <= self.rows <= self.high)


@dataclass(frozen=True)
class Tally:
    """How the checks of one kind went: a warning passes; a check fails (it found offending
    rows) or errors (it could not run: its query raised), and either fails the build."""

    passed: int = 0
    failed: int = 0
    errored: int = 0
    warned: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.errored + self.skipped

    def problems(self, noun: str) -> str:
        """What did not pass: '2 of 300 dbt tests failed and 1 errored', or ''."""
        parts = [f"{n} {what}" for n, what in ((self.failed, "failed"), (self.errored, "errored")) if n]
        if not parts:
            return ""
        first, *rest = parts
        count, what = first.split(" ", 1)
        return f"{count} of {self.total} {noun} {what}" + "".join(f" and {r}" for r in rest)


@dataclass
class Report:
    run: dict[str, Any]  # preset, seed, as_of, database, generated_at, dbt command ...
    domains: list[str]
    tables: list[TableRows]
    checks: list[Check]
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Checks of the platform's own nodes get a section of their own, after the domains.
        self.domains = list(dict.fromkeys([*self.domains, *(c.domain for c in self.checks)]))

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if c.failed]

    @property
    def success(self) -> bool:
        return not self.failures

    @property
    def unjudged(self) -> list[Check]:
        """Statistical checks skipped because their sample was too small to judge, each with
        its reason (not dbt nodes skipped after a failure upstream)."""
        return [c for c in self.checks if c.status == "skipped" and c.message.startswith("skipped:")]

    def tally(self, kind: str, domain: str | None = None) -> Tally:
        """How one kind of check (`dbt test`, `expectation`) went, in one domain or all."""
        counts = Counter(c.status for c in self.checks
                         if c.kind == kind and (domain is None or c.domain == domain))
        return Tally(passed=counts["pass"] + counts["warn"], failed=counts["fail"],
                     errored=counts["error"], warned=counts["warn"], skipped=counts["skipped"])

    def tables_of(self, domain: str, raw: bool = False) -> list[TableRows]:
        """A domain's marts, or its raw tables."""
        return [t for t in self.tables if t.domain == domain and t.raw == raw]


def failing_rows_query(query: str) -> str:
    """A query returning the first offending rows of a query that returns all of them."""
    return f"SELECT * FROM (\n{query}\n) AS failing LIMIT {MAX_ROWS_SHOWN}"


def jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


# --------------------------------------------------------------------------- inputs


def node_domain(path: str) -> str:
    """The domain of a dbt node from its file: `models/<layer>/<domain>/...` or
    `tests/<domain>/...`."""
    parts = PurePosixPath(path).parts
    if parts[:1] == ("models",) and len(parts) > 3:
        return parts[2]
    if parts[:1] == ("tests",) and len(parts) > 2:
        return parts[1]
    return PLATFORM


# dbt colours some messages (a unit test's diff) when its console has colours
_ANSI_COLOURS = re.compile(r"\x1b\[[0-9;]*m")


def _relation(node: dict[str, Any]) -> str:
    return f"{node['schema']}.{node.get('alias') or node['name']}"


def _test_description(node: dict[str, Any]) -> str:
    """The test's YAML description; for a generic test its name and arguments; for a
    singular test the comment its SQL starts with."""
    if node.get("description"):
        return node["description"]
    meta = node.get("test_metadata")
    if meta:
        kwargs = {k: v for k, v in meta.get("kwargs", {}).items() if k not in ("model", "column_name")}
        arguments = ", ".join(f"{k}={v}" for k, v in kwargs.items())
        column = node.get("column_name")
        return "".join([meta["name"], f" on {column}" if column else "",
                        f" ({arguments})" if arguments else ""])
    comment = []
    for line in (node.get("raw_code") or "").splitlines():
        if not line.strip().startswith("--"):
            break
        comment.append(line.strip().removeprefix("--").strip())
    return " ".join(comment)


def _tested_tables(node: dict[str, Any], nodes: dict[str, Any]) -> str:
    parents = [node["attached_node"]] if node.get("attached_node") else node["depends_on"]["nodes"]
    if node["resource_type"] == "unit_test":  # the model under test, not its mocked inputs
        parents = [p for p in parents if nodes.get(p, {}).get("name") == node.get("model")]
    return ", ".join(_relation(nodes[p]) for p in parents if p in nodes)


@dataclass
class DbtRun:
    """What dbt's artifacts say about its latest invocation."""

    command: str
    generated_at: dt.datetime
    checks: list[Check]


def read_dbt_run(target_dir: Path, invocation: dict[str, str] | None,
                 sample: Callable[[str], list[dict[str, Any]]]) -> DbtRun | None:
    """The tests (and failed models) of dbt's latest invocation, from `run_results.json` and
    `manifest.json`, if that invocation is `invocation` (its id and database, as genims
    recorded it); `sample(sql)` returns the first offending rows of a failed test's query.
    None when dbt has not run, or its latest results are not that invocation's."""
    results_file, manifest_file = target_dir / "run_results.json", target_dir / "manifest.json"
    if not (invocation and results_file.exists() and manifest_file.exists()):
        return None
    results = json.loads(results_file.read_text())
    if results["metadata"]["invocation_id"] != invocation["invocation_id"]:
        return None
    manifest = json.loads(manifest_file.read_text())
    nodes = {**manifest["nodes"], **manifest.get("unit_tests", {})}
    checks = []
    for result in results["results"]:
        node = nodes.get(result["unique_id"])
        if node is None or node["resource_type"] not in ("test", "unit_test", "model"):
            continue
        status = result["status"]
        is_test = node["resource_type"] != "model"
        if not is_test and status in ("success", "skipped"):
            continue  # built models are counted as tables; only failed builds are checks
        rows = []
        # a data test's query returns the offending rows (a unit test's message has its diff)
        if node["resource_type"] == "test" and status == "fail" and result.get("compiled_code"):
            rows = sample(failing_rows_query(result["compiled_code"]))
        checks.append(Check(
            domain=node_domain(node["original_file_path"]),
            kind="dbt test" if is_test else "dbt model",
            name=node["name"],
            table=_tested_tables(node, nodes) if is_test else _relation(node),
            description=_test_description(node) if is_test else node.get("description", ""),
            status=status,
            message=_ANSI_COLOURS.sub("", result.get("message") or "").strip(),
            rows=jsonable(rows),
            seconds=round(result.get("execution_time") or 0, 3),
        ))
    args = results.get("args", {})
    command = " ".join(["dbt", args.get("which", "?"), *map(str, args.get("select") or [])])
    generated = dt.datetime.fromisoformat(results["metadata"]["generated_at"].replace("Z", "+00:00"))
    return DbtRun(command, generated, checks)


def count_tables(conn: Any, domains: Sequence[str], estimates: Iterable[Any]) -> list[TableRows]:
    """Rows of every table in each domain's schema and of every table the plan predicts
    (raw ones too), next to the plan's expected value and range."""
    from psycopg import sql

    planned = {f"{e.schema}.{e.table}": e for e in estimates}
    existing = {f"{s}.{t}" for s, t in conn.execute(
        "SELECT table_schema, table_name FROM information_schema.tables "
        "WHERE table_type = 'BASE TABLE'"
    )}
    counted = []
    for domain in domains:
        marts = sorted(name for name in existing if name.split(".")[0] == domain)
        raw = sorted(name for name, e in planned.items()
                     if e.schema.removeprefix("raw_") == domain and name not in marts)
        for name in marts + raw:
            rows = None
            if name in existing:
                rows = conn.execute(
                    sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(*name.split(".")))
                ).fetchone()[0]
            e = planned.get(name)
            counted.append(TableRows(domain, name, rows, *(
                (e.expected, e.low, e.high) if e else (None, None, None))))
    return counted


# --------------------------------------------------------------------------- output


@dataclass(frozen=True)
class ReportFiles:
    index: Path
    summary: Path
    junit: Path


def write(report: Report, report_dir: Path) -> ReportFiles:
    report_dir.mkdir(parents=True, exist_ok=True)
    files = ReportFiles(report_dir / "index.html", report_dir / "summary.json",
                        report_dir / "junit.xml")
    files.index.write_text(render_html(report, report_dir))
    files.summary.write_text(json.dumps(to_json(report), indent=2) + "\n")
    files.junit.write_bytes(render_junit(report))
    return files


def to_json(report: Report) -> dict[str, Any]:
    return {
        "success": report.success,
        "run": report.run,
        "notes": report.notes,
        "totals": {
            "tables": len(report.tables),
            "outside_plan": sum(t.outside_plan for t in report.tables),
            "dbt_tests": asdict(report.tally("dbt test")),
            "expectations": asdict(report.tally("expectation")),
            "failures": len(report.failures),
        },
        "domains": {
            domain: {
                "tables": [{**asdict(t), "outside_plan": t.outside_plan}
                           for t in report.tables_of(domain)],
                "dbt_tests": asdict(report.tally("dbt test", domain)),
                "expectations": asdict(report.tally("expectation", domain)),
                "checks": [asdict(c) for c in report.checks if c.domain == domain],
            }
            for domain in report.domains
        },
    }


def _sample_text(rows: list[dict[str, Any]]) -> str:
    return "\n".join(json.dumps(r, default=str) for r in rows)


def render_junit(report: Report) -> bytes:
    """JUnit XML: a `<testsuite>` per domain, a `<testcase>` per dbt test and expectation
    (classname `<domain>.dbt` or `<domain>.expectations`); a failure carries the message and
    the sample rows."""
    suites = ET.Element("testsuites", name="genims data quality")
    totals: Counter = Counter()
    for domain in report.domains:
        checks = [c for c in report.checks if c.domain == domain]
        counts = Counter({
            "tests": len(checks),
            "failures": sum(c.status == "fail" for c in checks),
            "errors": sum(c.status == "error" for c in checks),
            "skipped": sum(c.status == "skipped" for c in checks),
        })
        totals.update(counts)
        time = sum(c.seconds or 0 for c in checks)
        suite = ET.SubElement(suites, "testsuite", name=domain, time=f"{time:.3f}",
                              **{k: str(v) for k, v in counts.items()})
        for c in checks:
            kind = "expectations" if c.kind == "expectation" else "dbt"
            name = c.name if c.kind != "expectation" else f"{c.table}: {c.description}"
            case = ET.SubElement(suite, "testcase", classname=f"{domain}.{kind}", name=name,
                                 time=f"{c.seconds or 0:.3f}")
            if c.failed:
                element = ET.SubElement(case, "failure" if c.status == "fail" else "error",
                                        message=c.message or c.status, type=c.kind)
                element.text = "\n".join(filter(None, [
                    f"{c.table}: {c.description}", c.message,
                    "sample rows:\n" + _sample_text(c.rows) if c.rows else ""]))
            elif c.status == "skipped":
                ET.SubElement(case, "skipped", message=c.message or "skipped")
            elif c.status == "warn":
                ET.SubElement(case, "system-out").text = c.message
    suites.attrib.update({k: str(v) for k, v in totals.items()})
    ET.indent(suites)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True) + b"\n"


# --------------------------------------------------------------------------- HTML

_STYLE = """
:root { --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de;
        --bg-fail: #ffebe9; --bg-pass: #dafbe1; --bg-warn: #fff8c5; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; }
main { max-width: 1280px; margin: 0 auto; padding: 0 24px 48px; }
header.verdict { padding: 20px 24px; color: #fff; }
header.verdict.pass { background: var(--pass); } header.verdict.fail { background: var(--fail); }
header.verdict > div { max-width: 1280px; margin: 0 auto; }
header h1 { margin: 0; font-size: 26px; } header p { margin: 4px 0 0; opacity: .92; }
h2 { margin: 28px 0 8px; font-size: 20px; } h3 { margin: 0 0 4px; font-size: 15px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.badge.pass { background: var(--bg-pass); color: var(--pass); }
.badge.fail { background: var(--bg-fail); color: var(--fail); }
.badge.warn, .badge.skipped { background: var(--bg-warn); color: var(--warn); }
.muted { color: var(--muted); }
tr.outside td { background: var(--bg-warn); }
.unjudged { border: 1px solid var(--warn); border-left-width: 5px; border-radius: 6px;
            padding: 8px 12px; margin: 8px 0; }
.failure { border: 1px solid var(--fail); border-left-width: 5px; border-radius: 6px;
           padding: 10px 14px; margin: 10px 0; }
.failure table { margin-top: 6px; font-size: 12px; }
.failure td, .failure th { font-family: ui-monospace, monospace; }
.domain { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; margin: 12px 0; }
.domain table { font-size: 13px; width: auto; min-width: 720px; } .domain p { margin: 0 0 6px; }
.domain th[colspan] { background: #fff; color: var(--muted); font-weight: normal; padding-top: 10px; }
.filters { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin: 8px 0 10px;
           position: sticky; top: 0; background: #fff; padding: 6px 0; z-index: 1; }
.filters select, .filters input { font: inherit; padding: 3px 6px; }
#checks { font-size: 13px; table-layout: fixed; } #checks th { top: 44px; }
#checks td { overflow-wrap: break-word; } #checks .name { overflow-wrap: anywhere; }
.name { font-family: ui-monospace, monospace; font-size: 11px; color: var(--muted); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
.message { white-space: pre-wrap; }
pre { margin: 0; white-space: pre-wrap; }
a { color: #0969da; }
footer { margin-top: 32px; color: var(--muted); }
"""

_SCRIPT = """
const rows = Array.from(document.querySelectorAll('#checks tr.check'));
const filters = ['domain', 'status', 'kind'].map(id => document.getElementById('filter-' + id));
const search = document.getElementById('filter-text');
const shown = document.getElementById('shown');
function apply() {
  const [domain, status, kind] = filters.map(f => f.value);
  const text = search.value.toLowerCase();
  let n = 0;
  for (const row of rows) {
    const ok = (!domain || row.dataset.domain === domain) && (!status || row.dataset.status === status)
      && (!kind || row.dataset.kind === kind) && (!text || row.textContent.toLowerCase().includes(text));
    row.hidden = !ok;
    if (ok) n++;
  }
  shown.textContent = n + ' of ' + rows.length + ' checks';
}
filters.concat([search]).forEach(f => f.addEventListener('input', apply));
document.querySelectorAll('[data-show]').forEach(link => link.addEventListener('click', () => {
  const [domain, status, kind] = link.dataset.show.split('|');
  filters[0].value = domain; filters[1].value = status; filters[2].value = kind; search.value = '';
  apply();
}));
apply();
"""

_STATUS_GROUP = {"pass": "passed", "warn": "warned", "skipped": "skipped", "fail": "failed",
                 "error": "errored"}


def _e(value: Any) -> str:
    return html.escape(str(value))


def _number(value: float | int | None) -> str:
    return "" if value is None else f"{round(value):,}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _badge(status: str, text: str | None = None) -> str:
    css = "fail" if status in FAILED else status
    return f"<span class='badge {css}'>{_e(text or status)}</span>"


def _tally_cell(tally: Tally, domain: str, kind: str) -> str:
    if not tally.total:
        return "<span class=muted>–</span>"
    parts = [_badge("pass", f"{tally.passed} passed")]
    if tally.failed:
        parts.append(f"<a href='#details' data-show='{_e(domain)}|failed|{_e(kind)}'>"
                     f"{_badge('fail', f'{tally.failed} failed')}</a>")
    if tally.errored:
        parts.append(f"<a href='#details' data-show='{_e(domain)}|errored|{_e(kind)}'>"
                     f"{_badge('error', f'{tally.errored} errored')}</a>")
    if tally.skipped:
        parts.append(_badge("skipped", f"{tally.skipped} skipped"))
    return " ".join(parts)


def _rows_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    columns = list(dict.fromkeys(k for r in rows for k in r))
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_e(r.get(c, ''))}</td>" for c in columns) + "</tr>"
                   for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _plan_range(t: TableRows) -> str:
    if t.expected is None:
        return "<span class=muted>not planned</span>"
    return "exact" if t.low == t.high else f"{t.low:,} – {t.high:,}"


def _overview(report: Report) -> list[str]:
    out = ["<table class=overview><thead><tr><th>domain</th><th class=num>tables</th>"
           "<th class=num>rows</th><th class=num>outside plan</th><th>dbt tests</th>"
           "<th>expectations</th></tr></thead><tbody>"]
    for domain in report.domains:
        tables = report.tables_of(domain)
        outside = sum(t.outside_plan for t in tables + report.tables_of(domain, raw=True))
        out.append(
            f"<tr><td><a href='#domain-{_e(domain)}'>{_e(domain)}</a></td>"
            f"<td class=num>{len(tables) or '–'}</td>"
            f"<td class=num>{_number(sum(t.rows or 0 for t in tables)) if tables else '–'}</td>"
            f"<td class=num>{_badge('warn', str(outside)) if outside else 0}</td>"
            f"<td>{_tally_cell(report.tally('dbt test', domain), domain, 'dbt test')}</td>"
            f"<td>{_tally_cell(report.tally('expectation', domain), domain, 'expectation')}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _observed(c: Check) -> str:
    """dbt's message says what it saw; an expectation's observed value needs a label (its
    error, the database's message, does not)."""
    labelled = c.kind == "expectation" and c.message and c.status != "error"
    return f"observed: {_e(c.message)}" if labelled else _e(c.message)


def _what(c: Check) -> str:
    """What a check checks, then its name in small print (an expectation's is its table's suite)."""
    name = f"<div class=name>{_e(c.name)}</div>" if c.kind != "expectation" else ""
    return f"{_e(c.description or c.name)}{name}"


def _failure(c: Check, kind: str = "failure") -> str:
    return (
        f"<div class={kind}><h3>{_badge(c.status)} {_e(c.table)} "
        f"<span class=muted>· {_e(c.domain)} · {_e(c.kind)}</span></h3><div>{_what(c)}</div>"
        f"<div><code class=message>{_observed(c)}</code></div>{_rows_table(c.rows)}</div>"
    )


def _table_rows(tables: list[TableRows]) -> str:
    return "".join(
        f"<tr class='{'outside' if t.outside_plan else ''}'><td>{_e(t.table)}</td>"
        f"<td class=num>{_number(t.rows) if t.rows is not None else 'missing'}</td>"
        f"<td class=num>{_number(t.expected)}</td><td class=num>{_plan_range(t)}</td>"
        f"<td>{_badge('warn', 'outside plan') if t.outside_plan else ''}</td></tr>"
        for t in tables
    )


def _domain_section(report: Report, domain: str) -> str:
    tables, raw = report.tables_of(domain), report.tables_of(domain, raw=True)
    counts = Counter(_STATUS_GROUP[c.status] for c in report.failures if c.domain == domain)
    note = ", ".join(f"<a href='#details' data-show='{_e(domain)}|{group}|'>"
                     f"{_plural(counts[group], f'{group} check')}</a>"
                     for group in ("failed", "errored") if counts[group]) or "all checks passed"
    body = _table_rows(tables)
    if raw:
        body += f"<tr><th colspan=5>raw tables the plan predicts</th></tr>{_table_rows(raw)}"
    return (
        f"<section class=domain id='domain-{_e(domain)}'><h3>{_e(domain)}</h3>"
        f"<p class=muted>{len(tables)} tables, {_number(sum(t.rows or 0 for t in tables))} rows; {note}</p>"
        "<table><thead><tr><th>table</th><th class=num>rows</th><th class=num>planned</th>"
        f"<th class=num>range</th><th></th></tr></thead><tbody>{body}</tbody></table></section>"
    )


def _details(report: Report) -> list[str]:
    def option(value: str, label: str) -> str:
        return f"<option value='{_e(value)}'>{_e(label)}</option>"

    statuses = sorted({_STATUS_GROUP.get(c.status, c.status) for c in report.checks})
    out = [
        "<section id=details><h2>All checks</h2><div class=filters>",
        "<label>domain <select id=filter-domain>" + option("", "all")
        + "".join(option(d, d) for d in report.domains) + "</select></label>",
        "<label>status <select id=filter-status>" + option("", "all")
        + "".join(option(s, s) for s in statuses) + "</select></label>",
        "<label>kind <select id=filter-kind>" + option("", "all")
        + "".join(option(k, k) for k in sorted({c.kind for c in report.checks})) + "</select></label>",
        "<label>text <input id=filter-text type=search placeholder='table, test, value'></label>",
        "<span id=shown class=muted></span></div>",
        "<table id=checks><colgroup><col style='width:8%'><col style='width:8%'>"
        "<col style='width:20%'><col style='width:34%'><col style='width:6%'><col></colgroup>"
        "<thead><tr><th>domain</th><th>kind</th><th>table</th><th>check</th>"
        "<th>status</th><th>observed</th></tr></thead><tbody>",
    ]
    ordered = sorted(report.checks, key=lambda c: (
        not c.failed, report.domains.index(c.domain), c.kind, c.table, c.name))
    for c in ordered:
        out.append(
            f"<tr class=check data-domain='{_e(c.domain)}' "
            f"data-status='{_STATUS_GROUP.get(c.status, c.status)}' data-kind='{_e(c.kind)}'>"
            f"<td>{_e(c.domain)}</td><td>{_e(c.kind)}</td>"
            f"<td>{_e(c.table)}</td><td>{_what(c)}</td><td>{_badge(c.status)}</td>"
            f"<td><code class=message>{_observed(c)}</code>{_rows_table(c.rows)}</td></tr>"
        )
    out.append("</tbody></table></section>")
    return out


def _links(report_dir: Path) -> str:
    links = ["<a href='summary.json'>summary.json</a>", "<a href='junit.xml'>junit.xml</a>"]
    if (report_dir / "dbt.log").exists():
        links.append("<a href='dbt.log'>dbt log</a>")
    if (report_dir / "data_docs" / "index.html").exists():
        links.append("<a href='data_docs/index.html'>Great Expectations Data Docs</a> "
                     "(loads its styles from the network)")
    return " · ".join(links)


def render_html(report: Report, report_dir: Path) -> str:
    failures = report.failures
    total = len(report.checks)
    skipped = sum(c.status == "skipped" for c in report.checks)
    verdict = (f"{len(failures)} of {total} checks failed" if failures
               else f"all {total - skipped} checks passed" + (f", {skipped} skipped" if skipped else ""))
    run = report.run
    facts = " · ".join(f"{_e(k.replace('_', ' '))} <b>{_e(v)}</b>" for k, v in run.items()
                       if v not in (None, ""))
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        "<meta name=viewport content='width=device-width, initial-scale=1'>",
        f"<title>GenIMS data quality: {_e(verdict)}</title><style>{_STYLE}</style></head><body>",
        f"<header class='verdict {'fail' if failures else 'pass'}'><div>",
        f"<h1>GenIMS data quality: {_e(verdict)}</h1><p>{facts}</p></div></header><main>",
        "<section id=summary><h2>Summary</h2>",
        *_overview(report),
        *(f"<p class=muted>{_e(n)}</p>" for n in report.notes),
    ]
    if failures:
        parts.append(f"<h2>Failures ({len(failures)})</h2>")
        parts.extend(_failure(c) for c in sorted(failures, key=lambda c: report.domains.index(c.domain)))
    if report.unjudged:
        parts.append(f"<h2>Skipped: too few samples to judge ({len(report.unjudged)})</h2>")
        parts.extend(_failure(c, "unjudged") for c in report.unjudged)
    parts.append("<h2>Tables</h2><p class=muted>Rows per table next to what <code>genims plan</code> "
                 "predicted; a table outside the predicted range is highlighted.</p>")
    parts.extend(_domain_section(report, d) for d in report.domains if report.tables_of(d))
    parts.append("</section>")
    parts.extend(_details(report))
    parts.append(f"<footer>{_links(report_dir)}</footer></main><script>{_SCRIPT}</script></body></html>")
    return "\n".join(parts) + "\n"
