"""What genims shows while it works.

On a terminal (stdout and stderr both), rich draws progress bars: seeding (each domain's
tables, rows and rows/s), dbt (nodes done of total, failures so far) and checks (suites
done), then a summary table. Anywhere else (CI logs, pipes, files) the same information comes
as plain lines on stderr prefixed `genims:`, without colour or cursor movement. The summary
table goes to stdout in both cases.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn
from rich.table import Column, Table
from rich.text import Text

from genims.report import Check, Report

MAX_FAILURES_LISTED = 20
PLAIN_WIDTH = 120


def _is_terminal() -> bool:
    return sys.stdout.isatty() and sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


class _StatusColumn(SpinnerColumn):
    """A spinner while a task runs, then a green tick, or a red cross if it had failures."""

    def render(self, task: Task) -> Any:
        if not task.finished:
            return super().render(task)
        return Text("✗", style="bold red") if task.fields.get("failed") else Text("✓", style="green")


class _SecondsColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        return Text(f"{elapsed or 0:5.1f}s", style="progress.elapsed")


class Terminal:
    """The run's output: progress, failures and the summary, interactive or plain."""

    def __init__(self, verbose: bool = False, interactive: bool | None = None) -> None:
        self.verbose = verbose
        self.interactive = _is_terminal() if interactive is None else interactive
        if self.interactive:
            self.err = Console(stderr=True, highlight=False)
            self.out = Console(highlight=False)
        else:
            self.err = Console(stderr=True, highlight=False, no_color=True, width=PLAIN_WIDTH)
            self.out = Console(highlight=False, no_color=True, width=PLAIN_WIDTH)

    def log(self, message: str, style: str | None = None) -> None:
        if self.interactive:
            self.err.print(message, style=style, markup=False)
        else:
            print(f"genims: {message}", file=sys.stderr, flush=True)

    @contextmanager
    def step(self, title: str) -> Iterator[None]:
        """Plain output announces a step and its time; on a terminal its progress bar does."""
        started = time.monotonic()
        if not self.interactive:
            self.log(f"{title} ...")
        yield
        if not self.interactive:
            self.log(f"{title} done in {time.monotonic() - started:.1f}s")

    def progress(self) -> Progress:
        """Bars with the same columns for every phase, so that they line up."""
        return Progress(
            _StatusColumn(), TextColumn("{task.description}", table_column=Column(width=17)),
            BarColumn(bar_width=20),
            TextColumn("{task.fields[count]}", justify="right", table_column=Column(width=14)),
            _SecondsColumn(),
            # last, so that a narrow terminal cuts it rather than the numbers before it
            TextColumn("{task.fields[detail]}", table_column=Column(no_wrap=True, overflow="ellipsis")),
            console=self.err, refresh_per_second=8, disable=not self.interactive,
        )

    def failures(self, failures: Sequence[Check], report_index: Path) -> None:
        """Each failure (the first MAX_FAILURES_LISTED) with its sample rows: plain output puts
        them on the failure's line, a terminal in a small table under it."""
        for c in failures[:MAX_FAILURES_LISTED]:
            label = "observed " if c.kind == "expectation" and c.status != "error" else ""
            observed = f" ({label}{c.message})" if c.message else ""
            # an error (the check could not run) is not a rule that found rows
            line = (f"{'ERROR' if c.status == 'error' else 'FAILED'} {c.kind} {c.table}: "
                    f"{c.name if c.kind != 'expectation' else c.description}"
                    f"{observed}")
            if not self.interactive:
                self.log(line + (f"; e.g. {json.dumps(c.rows, default=str)}" if c.rows else ""))
                continue
            self.log(line, style="bold red")
            if c.rows:
                columns = list(dict.fromkeys(k for r in c.rows for k in r))
                rows = Table(*columns, box=None, header_style="dim")
                for r in c.rows:
                    rows.add_row(*(str(r.get(column, "")) for column in columns))
                self.err.print(Padding(rows, (0, 0, 0, 4)))
        if len(failures) > MAX_FAILURES_LISTED:
            self.log(f"... and {len(failures) - MAX_FAILURES_LISTED} more failures in {report_index}",
                     style="red")

    def unjudged(self, checks: Sequence[Check]) -> None:
        """Each statistical check skipped for want of samples, with its reason: never silently."""
        for c in checks:
            self.log(f"SKIPPED {c.kind} {c.table}: {c.description} ({c.message})",
                     style="yellow")

    def summary(self, report: Report, facts: Sequence[tuple[str, str]]) -> None:
        """Per domain: tables, rows, tables outside the plan, dbt tests and expectations."""
        table = Table(box=box.SIMPLE_HEAD if self.interactive else box.ASCII2, show_footer=True)
        totals = {"tables": 0, "rows": 0, "outside": 0}
        rows = []
        for domain in report.domains:
            tables = report.tables_of(domain)
            outside = sum(t.outside_plan for t in tables + report.tables_of(domain, raw=True))
            count = sum(t.rows or 0 for t in tables)
            totals["tables"] += len(tables)
            totals["rows"] += count
            totals["outside"] += outside
            rows.append((domain, f"{len(tables) or '-'}", f"{count:,}" if tables else "-", _flag(outside),
                         _tally(report, "dbt test", domain), _tally(report, "expectation", domain)))
        footer = ("total", f"{totals['tables']}", f"{totals['rows']:,}", _flag(totals["outside"]),
                  _tally(report, "dbt test"), _tally(report, "expectation"))
        headers = ("domain", "tables", "rows", "outside plan", "dbt tests", "expectations")
        for i, (header, total) in enumerate(zip(headers, footer, strict=True)):
            table.add_column(header, footer=total, justify="right" if 0 < i < 4 else "left")
        for row in rows:
            table.add_row(*row)
        self.out.print(table)
        for note in report.notes:
            self.out.print(note, style="yellow", markup=False)
        width = max(len(label) for label, _ in facts)
        for label, value in facts:
            self.out.print(f"{label:<{width}}  {value}", markup=False, soft_wrap=True)


def _flag(outside: int) -> Text:
    return Text(str(outside), style="yellow" if outside else "")


def _tally(report: Report, kind: str, domain: str | None = None) -> Text:
    tally = report.tally(kind, domain)
    if not tally.total:
        return Text("-", style="dim")
    text = Text(f"{tally.passed} passed")
    if tally.failed:
        text.append(f", {tally.failed} failed", style="bold red")
    if tally.errored:
        text.append(f", {tally.errored} errored", style="bold red")
    if tally.skipped:
        text.append(f", {tally.skipped} skipped", style="yellow")
    return text


class SeedProgress:
    """The seeder engine's `progress(table, rows)` callback: per domain (in load order), its
    tables done, rows and rows/s."""

    def __init__(self, terminal: Terminal, tables_per_schema: dict[str, int]) -> None:
        self.terminal = terminal
        self.bars = terminal.progress()
        self.order = list(tables_per_schema)
        self.tasks = {schema: self.bars.add_task(schema, total=n, start=False, visible=False,
                                                 count="", detail="")
                      for schema, n in tables_per_schema.items()}
        self.started: dict[str, float] = {}
        self.rows: dict[str, int] = dict.fromkeys(tables_per_schema, 0)
        self.tables: dict[str, list[str]] = {schema: [] for schema in tables_per_schema}
        self.current: str | None = None

    def __enter__(self) -> SeedProgress:
        self.bars.start()
        self._begin(self.order[0])
        return self

    def __exit__(self, *exc: Any) -> None:
        if exc[0] is None:
            self._finish_until(None)
        self.bars.stop()

    def _begin(self, schema: str) -> None:
        self.current = schema
        self.started[schema] = time.monotonic()
        self.bars.start_task(self.tasks[schema])
        self.bars.update(self.tasks[schema], visible=True, count=self._count(schema))

    def _count(self, schema: str) -> str:
        return f"{len(self.tables[schema])}/{self.bars.tasks[self.tasks[schema]].total:.0f} tables"

    def _finish_until(self, schema: str | None) -> None:
        """Finish the current domain and any before `schema` (None: all) that loaded nothing."""
        while self.current is not None and self.current != schema:
            done = self.current
            task = self.tasks[done]
            seconds = time.monotonic() - self.started[done]
            rate = f"{self.rows[done] / seconds:,.0f} rows/s" if seconds > 0 else ""
            self.bars.update(task, completed=self.bars.tasks[task].total, count=self._count(done),
                             detail=f"{self.rows[done]:,} rows, {rate}")
            self.bars.stop_task(task)
            if not self.terminal.interactive:
                self.terminal.log(f"  {done}: {len(self.tables[done])} tables, {self.rows[done]:,} rows "
                                  f"in {seconds:.1f}s ({rate or '-'})")
            following = self.order.index(done) + 1
            self.current = None
            if following < len(self.order):
                self._begin(self.order[following])

    def __call__(self, table: str, rows: int) -> None:
        schema, name = table.split(".", 1)
        if schema != self.current:
            self._finish_until(schema)
        if name not in self.tables[schema]:
            self.tables[schema].append(name)
        self.rows[schema] += rows
        seconds = time.monotonic() - self.started[schema]
        rate = self.rows[schema] / seconds if seconds > 0 else 0
        self.bars.update(self.tasks[schema], completed=len(self.tables[schema]) - 1,
                         count=self._count(schema),
                         detail=f"{self.rows[schema]:,} rows, {rate:,.0f} rows/s: {name}")


class DbtProgress:
    """A dbt callback (`EventMsg`s, from dbt's worker threads): nodes done of total and
    failures so far. With `verbose`, dbt's own log lines are shown as they come."""

    PLAIN_STEPS = 10  # plain output: a line per tenth of the nodes

    def __init__(self, terminal: Terminal, log_file: Path) -> None:
        self.terminal = terminal
        self.log_file = log_file
        self.bars = terminal.progress()
        self.task = self.bars.add_task("dbt build", total=None, count="", detail="")
        self.lock = threading.Lock()
        self.total: int | None = None
        self.done = 0
        self.failed = 0
        self.reported_step = 0

    def __enter__(self) -> DbtProgress:
        self.bars.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.bars.stop()

    def _detail(self) -> str:
        return f"{self.failed} failed" if self.total is not None else "parsing the project"

    def __call__(self, msg: Any) -> None:
        name = msg.info.name
        if self.terminal.verbose and msg.info.level in ("info", "warn", "error") and msg.info.msg:
            line = f"{time.strftime('%H:%M:%S')}  {msg.info.msg}"
            if self.terminal.interactive:
                self.bars.console.print(line, markup=False, highlight=False)
            else:
                print(line, file=sys.stderr, flush=True)
        if name == "LogStartLine" and self.total is None:
            self.total = msg.data.total
        elif name == "NodeFinished" and msg.data.node_info.resource_type != "operation":  # hooks
            with self.lock:
                self.done += 1
                self.failed += msg.data.node_info.node_status in ("error", "fail")
                self._report_plain()
        else:
            return
        self.bars.update(self.task, total=self.total, completed=self.done, failed=self.failed,
                         count=f"{self.done}/{self.total} nodes", detail=self._detail())

    def _report_plain(self) -> None:
        if self.terminal.interactive or not self.total:
            return
        step = self.done * self.PLAIN_STEPS // self.total
        if step > self.reported_step:
            self.reported_step = step
            self.terminal.log(f"  dbt: {self.done}/{self.total} nodes done, {self.failed} failed")


class CheckProgress:
    """The checks' `progress(suite, done, total)` callback: suites done of total."""

    def __init__(self, terminal: Terminal) -> None:
        self.bars = terminal.progress()
        self.task = self.bars.add_task("checks", total=None, count="", detail="")

    def __enter__(self) -> CheckProgress:
        self.bars.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.bars.stop()

    def __call__(self, suite: str, done: int, total: int) -> None:
        self.bars.update(self.task, total=total, completed=done, count=f"{done}/{total} suites",
                         detail=suite)

    def finish(self, checks: Sequence[Check]) -> None:
        failed = sum(c.failed for c in checks)
        errored = sum(c.status == "error" for c in checks)
        self.bars.update(self.task, failed=failed,
                         detail=f"{len(checks)} expectations, {failed - errored} failed"
                         + (f", {errored} errored" if errored else ""))
