"""Numbers read exactly, as every formatter of :mod:`coso_dang.vi` reads them."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from coso_dang.errors import ArgumentError, ArgumentTypeError
from coso_dang.i18n import N_

__all__ = ["exact_value"]


def exact_value(x: object) -> Decimal | Fraction:
    """Read *x* as an exact Decimal or Fraction; a float by its shortest repr (0.9 is
    9/10, not the binary 0.9000000000000000222...), so a share and the threshold it is
    printed beside are read alike.

    Raises:
        TypeError: *x* is a bool or no number.
        ValueError: *x* is not finite.
    """
    if isinstance(x, bool) or not isinstance(x, (int, Decimal, Fraction, float)):
        raise ArgumentTypeError(
            N_(
                "cần một số int, Decimal, Fraction hoặc float, không phải {kind}",
                kind=type(x).__name__,
            )
        )
    if isinstance(x, Fraction):
        return x
    value = Decimal(repr(x)) if isinstance(x, float) else Decimal(x)
    if not value.is_finite():
        raise ArgumentError(N_("không viết được {x}: không phải một số hữu hạn", x=repr(x)))
    return value
