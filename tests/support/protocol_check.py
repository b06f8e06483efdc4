"""Whether a class offers what a typing.Protocol asks for, by its methods' signatures: the
same parameter names in the same kinds, defaults where the protocol has them, and nothing more
that a caller must pass. (Annotations are left to mypy.)"""

from __future__ import annotations

import inspect
from typing import Any, Protocol

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
_VARIADIC = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)


def protocol_methods(protocol: type) -> list[str]:
    """The public methods a protocol declares, its base protocols' included."""
    names: set[str] = set()
    for base in protocol.__mro__:
        if base in (Protocol, object) or not getattr(base, "_is_protocol", False):
            continue
        names.update(name for name, value in vars(base).items()
                     if not name.startswith("_") and callable(value))
    return sorted(names)


def _parameters(function: Any) -> list[inspect.Parameter]:
    return list(inspect.signature(function).parameters.values())[1:]  # (without self)


def signature_mismatches(protocol: type, implementation: type) -> list[str]:
    """How `implementation` falls short of `protocol`, one line each (empty when it does not)."""
    problems: list[str] = []
    for name in protocol_methods(protocol):
        wanted = _parameters(getattr(protocol, name))
        found = getattr(implementation, name, None)
        if not callable(found):
            problems.append(f"{implementation.__name__}.{name} is missing")
            continue
        offered = _parameters(found)
        by_name = {p.name: p for p in offered}
        where = f"{implementation.__name__}.{name}"
        for index, want in enumerate(wanted):
            have = by_name.get(want.name)
            if have is None:
                problems.append(f"{where} has no parameter {want.name!r}")
                continue
            if want.kind in _POSITIONAL and (have.kind not in _POSITIONAL
                                            or offered.index(have) != index):
                problems.append(f"{where}: {want.name!r} is not positional at {index}")
            if want.kind is inspect.Parameter.KEYWORD_ONLY and have.kind not in (
                    inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD):
                problems.append(f"{where}: {want.name!r} cannot be passed by keyword")
            if want.default is not inspect.Parameter.empty and (
                    have.default is inspect.Parameter.empty):
                problems.append(f"{where}: {want.name!r} has no default")
        names = {p.name for p in wanted}
        problems += [f"{where}: {p.name!r} is required but the protocol never passes it"
                     for p in offered if p.name not in names and p.kind not in _VARIADIC
                     and p.default is inspect.Parameter.empty]
    return problems
