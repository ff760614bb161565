"""Event dates: date expressions in a sentence resolved against the publication date."""

from accord.dates.resolve import DateResolution, find_dates, resolve_date

__all__ = ["DateResolution", "find_dates", "resolve_date"]
