"""Damage done to store files in tests, the way another program (or a bad disk) would."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def miscount(path: Path, by: int = 1) -> None:
    """The timeline counts of the first day off by `by`: a store `check` calls damaged whose
    quick_check still passes."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE event_counts SET n = n + ? WHERE level = 0 AND bucket = "
                 "(SELECT min(bucket) FROM event_counts WHERE level = 0)", [by])
    conn.commit()
    conn.close()
