"""Errors the command line turns into one line on stderr and a distinct exit code."""


class GenimsError(Exception):
    """Base class: the message is shown to the user as is, on one line."""

    exit_code = 1


class ConfigError(GenimsError):
    exit_code = 2


class DomainError(GenimsError):
    """A seeder module breaks the domain contract (see `seeders/__init__.py`)."""

    exit_code = 1


class DatabaseUnavailable(GenimsError):
    exit_code = 3


class ConcurrentRunError(GenimsError):
    exit_code = 4


class PipelineFailed(GenimsError):
    """dbt or the data-quality checks reported failures."""

    exit_code = 1


class Interrupted(GenimsError):
    exit_code = 130
