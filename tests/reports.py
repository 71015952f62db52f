"""Reading the data-quality report as a browser, a CI system and a script would."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .conftest import REPO


@dataclass
class Page:
    """index.html as parsed by html.parser: the verdict, the text of its summary section and
    of each failure, the rows of the summary's tables, and every link and source."""

    verdict: str = ""
    summary: str = ""
    failures: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    details: int = 0  # checks in the filterable table of all checks


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = Page()
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.failure: list[str] | None = None

    def _inside(self, key: str, value: str) -> bool:
        return any(value in attrs.get(key, "").split() for _, attrs in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.page.references += [values[k] for k in ("href", "src") if k in values]
        if tag in ("meta", "br", "col", "input", "img", "link"):
            return
        self.stack.append((tag, values))
        if tag == "tr" and self._inside("id", "summary"):
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "tr" and "check" in values.get("class", "").split():
            self.page.details += 1
        if "failure" in values.get("class", "").split():
            self.failure = []

    def _inside_tag(self, tag: str) -> bool:
        return any(t == tag for t, _ in self.stack)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, attrs = self.stack.pop()
            if open_tag in ("td", "th") and self.cell is not None and self.row is not None:
                self.row.append(" ".join("".join(self.cell).split()))
                self.cell = None
            if open_tag == "tr" and self.row is not None:
                self.page.rows.append(self.row)
                self.row = None
            if "failure" in attrs.get("class", "").split() and self.failure is not None:
                self.page.failures.append(" ".join("".join(self.failure).split()))
                self.failure = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._inside_tag("h1"):
            self.page.verdict += data
        if self._inside("id", "summary"):
            self.page.summary += data + " "
        for sink in (self.cell, self.failure):
            if sink is not None:
                sink.append(data)


def read_page(index: Path) -> Page:
    parser = _Parser()
    parser.feed(index.read_text())
    return parser.page


def printed_report(result: subprocess.CompletedProcess) -> Path:
    """The index.html whose path the command printed in its summary."""
    match = re.search(r"^report\s+(\S+index\.html)\s*$", result.stdout, re.M)
    assert match, result.stdout[-3000:]
    return Path(match.group(1))


def summary_json(result: subprocess.CompletedProcess) -> dict[str, Any]:
    return json.loads((printed_report(result).parent / "summary.json").read_text())


@dataclass
class Case:
    suite: str
    classname: str
    name: str
    outcome: str  # passed, failure, error or skipped
    message: str
    text: str


def junit_cases(path: Path) -> list[Case]:
    cases = []
    for suite in ET.parse(path).getroot().iter("testsuite"):
        for case in suite.iter("testcase"):
            problem = next((child for child in case if child.tag in ("failure", "error", "skipped")), None)
            cases.append(Case(suite.get("name"), case.get("classname"), case.get("name"),
                              "passed" if problem is None else problem.tag,
                              "" if problem is None else problem.get("message", ""),
                              "" if problem is None else problem.text or ""))
    return cases


def dbt_test_results(report_dir: Path | None = None) -> dict[str, str]:
    """Test name -> status, from dbt's own run_results.json: the copy the build's fixture kept
    in its report folder (`report_dir`), else dbt's latest invocation."""
    folder = report_dir if report_dir is not None else REPO / "dbt_project" / "target"
    results = json.loads((folder / "run_results.json").read_text())["results"]
    # data tests: test.<project>.<name>.<hash>; unit tests: unit_test.<project>.<model>.<name>
    names = {"test": 2, "unit_test": 3}
    return {r["unique_id"].split(".")[names[kind]]: r["status"] for r in results
            if (kind := r["unique_id"].split(".")[0]) in names}


def expectation_count(config: Any, domains: list[str]) -> int:
    """How many expectations the suites of `domains` declare for `config`."""
    from expectations import suites

    return sum(len(checks.expectations) for domain, build in suites().items() if domain in domains
               for checks in build(config))
