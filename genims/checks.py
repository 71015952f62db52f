"""`genims check`: run the Great Expectations suites and write the data-quality report.

The report folder gets:
- `index.html`: every expectation with its outcome and sample failing rows, in one
  self-contained page (GX's own pages load their styles and scripts from CDNs, so their
  index is empty without network access);
- `data_docs/`: the Great Expectations Data Docs, one page per suite, linked from it;
- `summary.json`: the same outcomes, machine-readable, for CI to publish or parse.
"""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from genims import PROJECT_ROOT

REPORT_DIR_ENV = "GENIMS_REPORT_DIR"
MAX_ROWS_SHOWN = 5


def default_report_dir() -> Path:
    return Path(os.environ.get(REPORT_DIR_ENV) or PROJECT_ROOT / "reports").resolve()


@dataclass
class Outcome:
    suite: str
    expectation: str
    description: str
    success: bool
    observed: Any = None
    unexpected: list[Any] = field(default_factory=list)


@dataclass
class DomainResult:
    domain: str
    outcomes: list[Outcome]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success]


@dataclass
class CheckReport:
    domains: list[DomainResult]
    index: Path
    summary_file: Path

    @property
    def success(self) -> bool:
        return all(not d.failed for d in self.domains)

    @property
    def evaluated(self) -> int:
        return sum(len(d.outcomes) for d in self.domains)

    @property
    def failed(self) -> int:
        return sum(len(d.failed) for d in self.domains)


def _quiet_gx() -> None:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    warnings.filterwarnings("ignore", module="great_expectations")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)


def _describe(config: Any) -> str:
    """A readable one-liner for an expectation: its description, else type and kwargs."""
    description = getattr(config, "description", None) or config.get("description")
    if description:
        return description
    kwargs = {k: v for k, v in config["kwargs"].items() if k not in ("batch_id",)}
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    return f"{config['type']}({args})"


def _unexpected(result: dict[str, Any]) -> list[Any]:
    details = result.get("details") or {}
    rows = details.get("unexpected_rows")
    if rows is not None:
        return [dict(r) if not isinstance(r, dict) else r for r in list(rows)[:MAX_ROWS_SHOWN]]
    return list(result.get("partial_unexpected_list") or [])[:MAX_ROWS_SHOWN]


def _sample_rows(engine: Any, checks: Any, query: str) -> list[dict[str, Any]]:
    """Up to MAX_ROWS_SHOWN rows that break a row rule, by running its query again."""
    import sqlalchemy

    sql = f"SELECT * FROM ({query.replace('{batch}', checks.table)}) AS broken LIMIT {MAX_ROWS_SHOWN}"
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(sqlalchemy.text(sql))]


def _outcomes(checks: Any, validation: Any, engine: Any) -> list[Outcome]:
    outcomes = []
    for item in validation.results:
        config = item.expectation_config
        result = dict(item.result or {})
        raised = (item.exception_info or {}).get("raised_exception")
        query = config.kwargs.get("unexpected_rows_query")
        if query and not item.success and not raised:
            result["details"] = {"unexpected_rows": _sample_rows(engine, checks, query)}
        observed = result.get("observed_value")
        if observed is None and "unexpected_count" in result:
            observed = f"{result['unexpected_count']} unexpected of {result.get('element_count')}"
        if raised:
            observed = f"error: {item.exception_info.get('exception_message')}"
        outcomes.append(
            Outcome(
                suite=checks.suite_name,
                expectation=config.type,
                description=_describe(config),
                success=bool(item.success),
                observed=_jsonable(observed),
                unexpected=_jsonable(_unexpected(result)),
            )
        )
    return outcomes


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def run_checks(
    sqlalchemy_url: str, config: Any, domains: list[str], report_dir: Path | None = None
) -> CheckReport:
    """Validate the marts of `domains` (those of the latest load) against the config."""
    _quiet_gx()
    import great_expectations as gx

    from expectations import suites

    report_dir = (report_dir or default_report_dir()).resolve()
    docs_dir = report_dir / "data_docs"
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    docs_dir.mkdir(parents=True)

    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    context.add_data_docs_site(
        "genims",
        {
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    source = context.data_sources.add_sql(name="genims", connection_string=sqlalchemy_url)

    engine = source.get_engine()
    results: list[DomainResult] = []
    for domain, build in suites().items():
        domain_checks = build(config) if domain in domains else []
        if not domain_checks:
            continue
        definitions = []
        by_suite = {}
        for checks in domain_checks:
            by_suite[checks.suite_name] = checks
            schema, table_name = checks.table.split(".", 1)
            asset = source.add_table_asset(
                name=checks.suite_name, table_name=table_name, schema_name=schema
            )
            batch = asset.add_batch_definition_whole_table(name=f"{checks.suite_name}.all")
            suite = context.suites.add(gx.ExpectationSuite(name=checks.suite_name))
            for expectation in checks.expectations:
                suite.add_expectation(expectation)
            definitions.append(
                context.validation_definitions.add(
                    gx.ValidationDefinition(name=checks.suite_name, data=batch, suite=suite)
                )
            )
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=f"{domain}_checkpoint",
                validation_definitions=definitions,
                result_format={"result_format": "SUMMARY", "partial_unexpected_count": 20},
            )
        )
        run = checkpoint.run()
        outcomes: list[Outcome] = []
        for validation in run.run_results.values():
            outcomes.extend(_outcomes(by_suite[validation.suite_name], validation, engine))
        results.append(DomainResult(domain, outcomes))

    # Once for all suites: the per-checkpoint action rebuilds the whole site per validation.
    context.build_data_docs(site_names=["genims"])
    summary_file = report_dir / "summary.json"
    summary_file.write_text(
        json.dumps(
            {
                "success": all(not d.failed for d in results),
                "domains": {d.domain: [asdict(o) for o in d.outcomes] for d in results},
            },
            indent=2,
        )
    )
    index = report_dir / "index.html"
    index.write_text(render_index(results, docs_dir, report_dir))
    return CheckReport(results, index, summary_file)


_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2em; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } .pass { color: #1a7f37; } .fail { color: #cf222e; font-weight: bold; }
code { font-size: 12px; }
"""


def _suite_pages(docs_dir: Path, report_dir: Path) -> dict[str, str]:
    """Suite name -> the relative link of its GX validation page."""
    pages = {}
    for page in docs_dir.glob("validations/**/*.html"):
        suite = page.stem.split("-", 1)[-1]
        pages[suite] = page.relative_to(report_dir).as_posix()
    return pages


def render_index(results: list[DomainResult], docs_dir: Path, report_dir: Path) -> str:
    pages = _suite_pages(docs_dir, report_dir)
    total = sum(len(d.outcomes) for d in results)
    failed = sum(len(d.failed) for d in results)
    parts = [
        "<!doctype html><meta charset='utf-8'><title>GenIMS data quality</title>",
        f"<style>{_STYLE}</style><h1>GenIMS data quality</h1>",
        f"<p>{total - failed} of {total} expectations passed"
        f"{f', <span class=fail>{failed} failed</span>' if failed else ''}. "
        "Great Expectations Data Docs: <a href='data_docs/index.html'>data_docs/index.html</a>"
        " (needs network access for its styles).</p>",
    ]
    for domain in results:
        parts.append(f"<h2>{html.escape(domain.domain)}: {len(domain.outcomes) - len(domain.failed)}"
                     f"/{len(domain.outcomes)} passed</h2>")
        parts.append("<table><tr><th>suite</th><th>expectation</th><th>status</th>"
                     "<th>observed</th><th>sample failing rows</th></tr>")
        ordered = sorted(domain.outcomes, key=lambda o: (o.success, o.suite))
        for o in ordered:
            suite = html.escape(o.suite)
            if o.suite in pages:
                suite = f"<a href='{html.escape(pages[o.suite])}'>{suite}</a>"
            status = "<span class=pass>pass</span>" if o.success else "<span class=fail>FAIL</span>"
            rows = "<br>".join(f"<code>{html.escape(json.dumps(r))}</code>" for r in o.unexpected)
            parts.append(
                f"<tr><td>{suite}</td><td>{html.escape(o.description)}</td><td>{status}</td>"
                f"<td>{html.escape(str(o.observed))}</td><td>{rows}</td></tr>"
            )
        parts.append("</table>")
    return "\n".join(parts) + "\n"
