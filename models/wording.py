"""Small helpers for the words shown to people."""


def plural(count: int, noun: str) -> str:
    """'1 source', '3 sources', '2 parties', '5 aliases', '1,204 events'."""
    if count == 1:
        return f"1 {noun}"
    if noun.endswith("y"):
        plural_noun = noun[:-1] + "ies"
    elif noun.endswith("s"):
        plural_noun = noun + "es"
    else:
        plural_noun = noun + "s"
    return f"{count:,} {plural_noun}"
