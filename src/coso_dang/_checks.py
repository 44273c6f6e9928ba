"""Field validators shared by the records."""

from __future__ import annotations

from typing import Any

from attrs import Attribute

from coso_dang.errors import RecordError

__all__ = ["non_empty", "where"]


def where(instance: Any) -> str:
    """How an error names a record: its class and id (never a personal field)."""
    ident = getattr(instance, "id", None) or getattr(instance, "subject_id", None)
    return f"{type(instance).__name__} {ident!r}" if ident else type(instance).__name__


def non_empty(instance: Any, attribute: Attribute[Any], value: object) -> None:
    """Refuse anything but a non-empty, non-blank string."""
    if not isinstance(value, str) or not value.strip():
        raise RecordError(where(instance), attribute.name, value, "must be a non-empty text")


def whole_in_range(low: int, high: int) -> Any:
    """A validator for a whole number (not a bool) from *low* to *high* inclusive."""

    def check(instance: Any, attribute: Attribute[Any], value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            reason = f"must be a whole number from {low} to {high}"
            raise RecordError(where(instance), attribute.name, value, reason)

    return check
