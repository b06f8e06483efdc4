"""Chronolens domain: dates, the store, search and interchange. Never imports Qt."""

__version__ = "0.1.0"
