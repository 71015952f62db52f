"""`genims check`: run the Great Expectations suites against the marts.

Each expectation becomes a `genims.report.Check` (with sample failing rows); the Great
Expectations Data Docs (one page per suite, styles from CDNs) go to `<report dir>/data_docs/`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import logging
import os
import shutil
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from genims.report import MAX_ROWS_SHOWN, Check, failing_rows_query, jsonable

# Called after each suite (one table's expectations): its name, suites done, suites in all.
SuiteProgress = Callable[[str, int, int], None]


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


def _unexpected(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Sample failing rows; a column expectation's failing values become `{"value": ...}`."""
    details = result.get("details") or {}
    rows = details.get("unexpected_rows")
    if rows is not None:
        return [dict(r) for r in list(rows)[:MAX_ROWS_SHOWN]]
    return [{"value": v} for v in list(result.get("partial_unexpected_list") or [])[:MAX_ROWS_SHOWN]]


def on_table(query: str, table: str) -> str:
    """`query` with `{batch}` as the suite's table (`schema.table`; a suite validates whole
    tables). GX substitutes it itself with an unaliased subquery when the query has a JOIN,
    which PostgreSQL before 16 rejects in FROM ("subquery in FROM must have an alias")."""
    return query.replace("{batch}", table)


def _on_table(expectation: Any, table: str) -> Any:
    """A row rule whose query names the suite's table itself (`on_table`); others as they
    are."""
    query = getattr(expectation, "unexpected_rows_query", None)
    if not isinstance(query, str):
        return expectation
    return expectation.copy(update={"unexpected_rows_query": on_table(query, table)})


def _sample_rows(engine: Any, checks: Any, query: str) -> list[dict[str, Any]]:
    """The first rows that break a row rule, by running its query again."""
    import sqlalchemy

    sql = failing_rows_query(on_table(query, checks.table))
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(sqlalchemy.text(sql))]


def _skipped(engine: Any, checks: Any, judged: Any) -> Check | None:
    """A statistical check with too few samples to judge, as a skipped check with its reason;
    None when it has enough."""
    import sqlalchemy

    config = judged.expectation.configuration
    check = Check(domain=checks.domain, kind="expectation", name=f"{checks.suite_name}: {config.type}",
                  table=checks.table, description=_describe(config), status="skipped")
    try:
        with engine.connect() as conn:
            found = conn.execute(sqlalchemy.text(
                on_table(judged.samples_sql, checks.table))).scalar() or 0
    except sqlalchemy.exc.DBAPIError as exc:  # the sample's query raised: an error, as GX's
        return dataclasses.replace(check, status="error",
                                   message=str(exc).strip().splitlines()[0])
    if found >= judged.minimum:
        return None
    return dataclasses.replace(check, message=judged.reason(int(found)))


def _raised(exception_info: Any) -> str | None:
    """The message of the error an expectation raised, or None. GX reports an error raised
    while validating at the top of `exception_info`, but a metric that failed to compute
    (the expectation's query raised) keyed by the metric's id, one level down."""
    info = dict(exception_info or {})
    found = [info] if "raised_exception" in info else [
        dict(v) for v in info.values() if isinstance(v, dict) and "raised_exception" in v]
    # The first line is the database's message; the rest repeats the SQL and links to docs.
    messages = [(str(f.get("exception_message") or "").strip() or "(no message)").splitlines()[0]
                for f in found if f.get("raised_exception")]
    return "; ".join(dict.fromkeys(messages)) or None


def _checks(checks: Any, validation: Any, engine: Any) -> list[Check]:
    outcomes = []
    for item in validation.results:
        config = item.expectation_config
        result = dict(item.result or {})
        raised = _raised(item.exception_info)
        query = config.kwargs.get("unexpected_rows_query")
        if query and not item.success and not raised:
            result["details"] = {"unexpected_rows": _sample_rows(engine, checks, query)}
        observed = result.get("observed_value")
        if observed is None and "unexpected_count" in result:
            observed = f"{result['unexpected_count']} unexpected of {result.get('element_count')}"
        if raised:
            observed = raised
        if not isinstance(observed, str):
            observed = "" if observed is None else json.dumps(jsonable(observed))
        outcomes.append(Check(
            domain=checks.domain,
            kind="expectation",
            name=f"{checks.suite_name}: {config.type}",
            table=checks.table,
            description=_describe(config),
            status="error" if raised else "pass" if item.success else "fail",
            message=observed,
            rows=jsonable(_unexpected(result)),
        ))
    return outcomes


def run_checks(
    sqlalchemy_url: str, config: Any, domains: list[str], report_dir: Path,
    progress: SuiteProgress = lambda suite, done, total: None, only: list[Any] | None = None,
) -> list[Check]:
    """Validate the marts of `domains` (those of the latest load) against the config; `only`:
    these `AssetChecks` instead of the domains' suites."""
    # GX prints to stdout, each time it rebuilds a suite, that a query without `{batch}` may
    # read outside the batch: ours name the batch's table (`on_table`) on purpose.
    with contextlib.redirect_stdout(io.StringIO()):
        return _run_checks(sqlalchemy_url, config, domains, report_dir, progress, only)


def _run_checks(sqlalchemy_url: str, config: Any, domains: list[str], report_dir: Path,
                progress: SuiteProgress, only: list[Any] | None) -> list[Check]:
    _quiet_gx()
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import ProgressBarsConfig

    from expectations import Judged, suites

    docs_dir = report_dir / "data_docs"
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    docs_dir.mkdir(parents=True)

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
    all_checks = only if only is not None else [
        c for domain, build in suites().items() if domain in domains for c in build(config)]
    run_id = RunIdentifier(run_name="genims")
    results: list[Check] = []
    for done, checks in enumerate(all_checks, 1):
        schema, table_name = checks.table.split(".", 1)
        asset = source.add_table_asset(name=checks.suite_name, table_name=table_name, schema_name=schema)
        suite = context.suites.add(gx.ExpectationSuite(name=checks.suite_name))
        judged = []
        for expectation in checks.expectations:
            if isinstance(expectation, Judged):
                skipped = _skipped(engine, checks, expectation)
                if skipped:
                    results.append(skipped)
                    continue
                expectation = expectation.expectation
            judged.append(suite.add_expectation(_on_table(expectation, checks.table)))
        if not judged:
            progress(checks.suite_name, done, len(all_checks))
            continue
        definition = context.validation_definitions.add(gx.ValidationDefinition(
            name=checks.suite_name, suite=suite,
            data=asset.add_batch_definition_whole_table(name=f"{checks.suite_name}.all"),
        ))
        validation = definition.run(
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": 20}, run_id=run_id
        )
        results.extend(_checks(checks, validation, engine))
        progress(checks.suite_name, done, len(all_checks))

    # Once for all suites: building the site per validation rebuilds every page each time.
    context.build_data_docs(site_names=["genims"])
    return results

