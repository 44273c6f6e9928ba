"""Bar charts with matplotlib (the optional ``plot`` extra), imported only when used."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from coso_dang._extras import require
from coso_dang.i18n import N_
from coso_dang.indicators import get_ratio
from coso_dang.rollup import Rollup

from ._build import units_of
from ._writer import Writer

__all__ = ["plot_admissions", "plot_shares"]


def _pyplot() -> Any:
    return require("matplotlib.pyplot", needed_for=N_("vẽ biểu đồ"))


def _units(rollup: Rollup, org_id: str, ratio: str) -> tuple[list[str], list[float | None]]:
    children = units_of(rollup, org_id)
    names = [c.name for c in children]
    shares: list[float | None] = []
    for child in children:
        share = rollup[child.id].share(ratio)
        # Floats only for drawing; the exact value is in the report's tables.
        shares.append(None if share is None else float(share) * 100)
    return names, shares


def _axes(ax: Any, count: int) -> Any:
    if ax is not None:
        return ax
    plt = _pyplot()
    _figure, created = plt.subplots(figsize=(8, max(2.5, 0.35 * count + 1)))
    return created


def _bars(ax: Any, names: list[str], shares: list[float | None], colours: list[str]) -> None:
    positions = list(range(len(names)))
    ax.barh(positions, [s or 0.0 for s in shares], color=colours)
    ax.set_yticks(positions, labels=names)
    ax.invert_yaxis()
    for position, share in zip(positions, shares, strict=True):
        if share is None:
            ax.text(0.5, position, "—", va="center")


def plot_shares(
    rollup: Rollup,
    org_id: str,
    ratio: str = "dang_vien_httnv_tro_len",
    target: Fraction = Fraction(9, 10),
    *,
    ax: Any = None,
    locale: str = "vi",
) -> Any:
    """A horizontal bar per subordinate unit of *org_id*: its *ratio*, and the target line.

    Bars above *target* are green, the others red; a unit whose share is unknown gets
    a "—" and no bar.

    Args:
        rollup: the rolled-up counts.
        org_id: the organization whose subordinate units are drawn.
        ratio: a registered ratio code.
        target: the share drawn as a dashed line.
        ax: matplotlib Axes to draw on (a new figure by default).
        locale: ``"vi"`` or ``"en"`` for the labels.

    Returns:
        The matplotlib Axes.

    Raises:
        MissingExtraError: matplotlib is not installed (``pip install 'coso-dang[plot]'``).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> from coso_dang import Organization, OrgKind, OrgTree, Tally
    >>> tree = OrgTree.build([
    ...     Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
    ...     Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
    ...     Organization("c2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
    ... ])
    >>> good = Tally(dang_vien_htxsnv=2, dang_vien_httnv=17, dang_vien_htnv=1, dang_vien_khtnv=0)
    >>> ax = plot_shares(Rollup.from_tallies(tree, {"c1": good, "c2": good}), "x")
    >>> len(ax.patches)
    2
    """
    w = Writer(locale)
    names, shares = _units(rollup, org_id, ratio)
    ax = _axes(ax, len(names))
    limit = float(target) * 100
    colours = ["#2e7d32" if s is not None and s > limit else "#c62828" for s in shares]
    _bars(ax, names, shares, colours)
    ax.axvline(limit, color="#1b1b1b", linestyle="--", linewidth=1.2)
    ax.set_xlim(0, 100)
    ax.set_xlabel("%")
    ax.set_title(w.label(get_ratio(ratio)))
    ax.figure.tight_layout()
    return ax


def plot_admissions(
    rollup: Rollup,
    org_id: str,
    band: tuple[Fraction, Fraction] = (Fraction(3, 100), Fraction(4, 100)),
    *,
    ax: Any = None,
    locale: str = "vi",
) -> Any:
    """The admission rate of each subordinate unit of *org_id* against a band.

    The band ("từ 3 - 4%" of Nghị quyết 21-NQ/TW by default) is shaded; units below it
    are red, inside it green, above it blue.

    Returns:
        The matplotlib Axes.

    Raises:
        MissingExtraError: matplotlib is not installed (``pip install 'coso-dang[plot]'``).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> from coso_dang import Organization, OrgKind, OrgTree, Tally
    >>> tree = OrgTree.build([
    ...     Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
    ...     Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
    ... ])
    >>> counts = {"c1": Tally(ket_nap=1, dang_vien_cuoi_nam_truoc=30)}
    >>> ax = plot_admissions(Rollup.from_tallies(tree, counts), "x")
    >>> ax.get_xlabel()
    '%'
    """
    w = Writer(locale)
    names, shares = _units(rollup, org_id, "ty_le_ket_nap")
    ax = _axes(ax, len(names))
    low, high = float(band[0]) * 100, float(band[1]) * 100
    colours = []
    for share in shares:
        if share is None or share < low:
            colours.append("#c62828")
        elif share > high:
            colours.append("#1565c0")
        else:
            colours.append("#2e7d32")
    _bars(ax, names, shares, colours)
    ax.axvspan(low, high, color="#9e9e9e", alpha=0.25)
    known = [s for s in shares if s is not None]
    ax.set_xlim(0, max([high * 1.5, *known]) * 1.05)
    ax.set_xlabel("%")
    ax.set_title(w.label(get_ratio("ty_le_ket_nap")))
    ax.figure.tight_layout()
    return ax
