"""Errors a person can act on. Each message names the file, record or field at fault."""


class StoreError(Exception):
    """A problem with the store file, said so a person can act on it."""


class StoreInterrupted(StoreError):
    """A query stopped by `Store.interrupt()` because its answer is no longer wanted."""


class StoreInUse(StoreError):
    """Another Chronolens is writing this store; it can still be opened read-only."""


class StoreReadOnly(StoreError):
    """A write was asked of a store opened read-only."""


class ImportCancelled(StoreError):
    """An import stopped by the person who started it; nothing was written."""
