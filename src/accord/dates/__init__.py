"""Event dates: date expressions in a sentence resolved against the publication date."""

from accord.dates.resolve import DATE_SOURCES, DateResolution, find_dates, nearest_month_day, resolve_date

__all__ = ["DATE_SOURCES", "DateResolution", "find_dates", "nearest_month_day", "resolve_date"]
