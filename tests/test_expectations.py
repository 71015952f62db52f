"""The statistical bands of the expectations keep their promise: a correct build leaves each
with probability at most LEVEL, checked against the exact binomial and Poisson tails (no
database: this is arithmetic about the bands the suites' SQL computes)."""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest

from expectations import CONTINUITY, LEVEL, Judged, smallest_sample, z_score

SIZES = (1, 2, 5, 10, 20, 50, 100, 300, 1000, 3000, 10000)
SHARES = (0.001, 0.01, 0.02, 0.05, 0.1, 0.15, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999)
MEANS = (0.01, 0.1, 0.3, 1, 2, 3, 5, 8, 10, 20, 50, 100, 1000, 10000)


def _binomial_pmf(n: int, p: float, k: int) -> float:
    return math.exp(math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
                    + k * math.log(p) + (n - k) * math.log1p(-p))


def binomial_outside(n: int, p: float, half_width: float) -> float:
    """P(|X - np| > half_width) for X ~ Binomial(n, p)."""
    return sum(_binomial_pmf(n, p, k) for k in range(n + 1) if abs(k - n * p) > half_width)


def poisson_outside(mean: float, half_width: float) -> float:
    """P(|X - mean| > half_width) for X ~ Poisson(mean), summed until the terms vanish."""
    total, k, pmf = 0.0, 0, math.exp(-mean)
    while k < mean + 50 * math.sqrt(mean) + 100:
        if abs(k - mean) > half_width:
            total += pmf
        k += 1
        pmf *= mean / k
    return total


@pytest.mark.parametrize("comparisons", [1, 10])
def test_binomial_bands_fail_a_correct_build_at_most_at_the_level(comparisons):
    z = z_score(comparisons)
    worst = max(
        (binomial_outside(n, p, z * math.sqrt(n * p * (1 - p)) + CONTINUITY), n, p)
        for n in SIZES for p in SHARES)
    assert worst[0] <= LEVEL / comparisons, worst


@pytest.mark.parametrize("comparisons", [1, 10])
def test_poisson_bands_fail_a_correct_build_at_most_at_the_level(comparisons):
    z = z_score(comparisons)
    worst = max((poisson_outside(mean, z * math.sqrt(mean) + CONTINUITY), mean) for mean in MEANS)
    assert worst[0] <= LEVEL / comparisons, worst


def test_the_continuity_counts_are_needed():
    """Without them the normal approximation breaks the level for rare events, so the bands
    above test something."""
    z = z_score()
    assert poisson_outside(0.3, z * math.sqrt(0.3)) > LEVEL
    assert binomial_outside(1000, 0.001, z * math.sqrt(1000 * 0.001 * 0.999) + 2) > LEVEL


def test_one_sided_bands_fail_at_most_at_the_level():
    z = NormalDist().inv_cdf(1 - LEVEL)
    for n in SIZES:
        for p in SHARES:
            limit = n * p + z * math.sqrt(n * p * (1 - p)) + CONTINUITY
            upper = sum(_binomial_pmf(n, p, k) for k in range(n + 1) if k > limit)
            assert upper <= LEVEL, (n, p, upper)


def test_a_sample_too_small_to_judge_is_skipped_with_its_reason():
    minimum = smallest_sample(0.25, slack=0.1)
    z = z_score()
    # the smallest sample's band excludes all (or none); one sample fewer admits both
    band = z * math.sqrt(minimum * 0.25 * 0.75) + 0.1 * minimum + CONTINUITY
    assert band < 0.75 * minimum
    fewer = minimum - 1
    assert z * math.sqrt(fewer * 0.25 * 0.75) + 0.1 * fewer + CONTINUITY >= 0.75 * fewer
    reason = Judged(None, "SELECT 1", minimum, "warning episodes").reason(7)
    assert reason.startswith("skipped: 7 warning episodes") and f"{minimum:,}" in reason
    with pytest.raises(ValueError):
        smallest_sample(0.5, slack=0.5)


def test_a_skipped_check_shows_its_reason_everywhere(enterprise_build, enterprise_dsn, config,
                                                     tmp_path, capsys):
    """A statistical check whose sample is too small is skipped, and the terminal, the HTML
    report, summary.json and JUnit say why (the real checks runner on the shared build)."""
    import json

    from expectations import share_near, table
    from genims.checks import run_checks
    from genims.console import Terminal
    from genims.db import Target
    from genims.report import Report, write

    from .reports import junit_cases

    only = [table("operations", "operations.machine_faults", share_near(
        "share of faults on a Sunday", "SELECT count(*) FILTER (WHERE extract(isodow FROM "
        "fault_start_time) = 7) AS hits, count(*) AS n FROM {batch}", 0.5, "faults",
        slack=0.49))]  # a band this wide needs tens of thousands of faults to judge anything
    url = Target(enterprise_dsn, embedded=False).sqlalchemy_url()
    [check] = run_checks(url, config, ["operations"], tmp_path / "run", only=only)
    faults = int(check.message.split()[1].replace(",", ""))
    assert check.status == "skipped" and faults > 0
    assert check.message.startswith(f"skipped: {faults:,} faults; it takes ")
    report = Report(run={}, domains=["operations"], tables=[], checks=[check])
    files = write(report, tmp_path / "report")
    [case] = junit_cases(files.junit)
    assert (case.outcome, case.message) == ("skipped", check.message)
    [listed] = json.loads(files.summary.read_text())["domains"]["operations"]["checks"]
    assert (listed["status"], listed["message"]) == ("skipped", check.message)
    page = files.index.read_text()
    assert "Skipped: too few samples to judge (1)" in page and "all 0 checks passed, 1 skipped" in page
    Terminal(interactive=False).unjudged(report.unjudged)
    assert f"SKIPPED expectation operations.machine_faults: {check.description}" in capsys.readouterr().err
