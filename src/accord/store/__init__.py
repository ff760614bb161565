"""The store: coded documents in DuckDB, deduplicated event clusters, dyad analytics and exports."""

from accord.store.core import AddResult, Store
from accord.store.filters import Filters

__all__ = ["AddResult", "Filters", "Store"]
