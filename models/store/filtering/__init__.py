"""A Filter (models.filters) against the store: predicate.py (the filter as SQL, and which rows a
query walks), counts.py (facet counts and labels), windows.py (the timeline through a filter,
FilteredSource), pages.py (the results table's sorted pages, narrowed exports) and queries.py
(the query language, the search box). FilteredReads is all of them, mixed into Store.
"""

from models.store.filtering.counts import FacetCounts, FacetValue
from models.store.filtering.pages import SORT_KEYS, SortKey
from models.store.filtering.predicate import Collection
from models.store.filtering.queries import QueryReads
from models.store.filtering.windows import FilteredReader, FilteredSource

FilteredReads = QueryReads

__all__ = ["SORT_KEYS", "Collection", "FacetCounts", "FacetValue", "FilteredReader",
           "FilteredReads", "FilteredSource", "SortKey"]
