"""Errors a person can act on. Each message names the file, record or field at fault."""


class StoreError(Exception):
    """A problem with the store file, said so a person can act on it."""
