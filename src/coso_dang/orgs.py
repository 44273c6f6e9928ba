"""Organizations of the party tree, their kinds and sectors, and residential units."""

from __future__ import annotations

from datetime import date
from typing import Any, final

from attrs import Attribute, field, frozen
from attrs.validators import optional

from coso_dang._checks import composed, non_empty, normalized, of_type, where
from coso_dang._deprecation import deprecated
from coso_dang._enums import LabelledEnum
from coso_dang.errors import RecordError, UsageError
from coso_dang.i18n import N_

__all__ = [
    "COMMUNE_KINDS",
    "GRASSROOTS_KINDS",
    "SUPERIOR_KINDS",
    "GrassrootsType",
    "OrgKind",
    "Organization",
    "ResidentialUnit",
    "Sector",
    "UnitKind",
]


class OrgKind(LabelledEnum):
    """The level of an organization in the tree (and the bodies counted beside it).

    >>> OrgKind.CHI_BO_CO_SO.label
    'Chi bộ cơ sở'
    >>> OrgKind.CHI_BO_CO_SO.is_grassroots
    True
    """

    #: Trung ương — the Central Committee level.
    TRUNG_UONG = ("trung_uong", "Trung ương")
    #: Đảng bộ tỉnh, thành phố, or another đảng bộ directly under the Central Committee.
    DANG_BO_TINH = ("dang_bo_tinh", "Đảng bộ trực thuộc Trung ương")
    #: Đảng bộ cấp trên trực tiếp cơ sở: huyện (before 2025), xã (2025 pilot), đảng ủy khối.
    DANG_BO_CAP_TREN_CO_SO = ("dang_bo_cap_tren_co_so", "Đảng bộ cấp trên trực tiếp cơ sở")
    #: Đảng bộ cơ sở — a grassroots organization with an đảng ủy (usually ≥ 30 members).
    DANG_BO_CO_SO = ("dang_bo_co_so", "Đảng bộ cơ sở")
    #: Chi bộ cơ sở — a grassroots organization that is a single chi bộ (usually < 30).
    CHI_BO_CO_SO = ("chi_bo_co_so", "Chi bộ cơ sở")
    #: Đảng bộ bộ phận — an optional middle level inside a đảng bộ cơ sở.
    DANG_BO_BO_PHAN = ("dang_bo_bo_phan", "Đảng bộ bộ phận")
    #: Chi bộ trực thuộc — a chi bộ inside a đảng bộ cơ sở or đảng bộ bộ phận.
    CHI_BO_TRUC_THUOC = ("chi_bo_truc_thuoc", "Chi bộ trực thuộc")
    #: Tổ đảng — a group of members inside a chi bộ.
    TO_DANG = ("to_dang", "Tổ đảng")
    #: Đảng đoàn — a leadership body in a state or mass organization, beside the tree.
    DANG_DOAN = ("dang_doan", "Đảng đoàn")
    #: Ban cán sự đảng — a leadership body in a state agency, beside the tree.
    BAN_CAN_SU_DANG = ("ban_can_su_dang", "Ban cán sự đảng")

    @property
    def is_grassroots(self) -> bool:
        """True for the two kinds of tổ chức cơ sở đảng (TCCSĐ)."""
        return self in (OrgKind.DANG_BO_CO_SO, OrgKind.CHI_BO_CO_SO)

    @property
    def is_superior(self) -> bool:
        """True for the levels above the grassroots: Trung ương, the đảng bộ directly
        under it, and the đảng bộ directly above the grassroots (they set and report
        targets).

        >>> OrgKind.DANG_BO_TINH.is_superior, OrgKind.DANG_BO_CO_SO.is_superior
        (True, False)
        """
        return self in (OrgKind.TRUNG_UONG, OrgKind.DANG_BO_TINH, OrgKind.DANG_BO_CAP_TREN_CO_SO)

    @property
    def is_chi_bo(self) -> bool:
        """True for the kinds members belong to: chi bộ cơ sở and chi bộ trực thuộc."""
        return self in (OrgKind.CHI_BO_CO_SO, OrgKind.CHI_BO_TRUC_THUOC)

    @property
    def is_beside_tree(self) -> bool:
        """True for đảng đoàn and ban cán sự đảng: counted beside the tree, hold nothing."""
        return self in (OrgKind.DANG_DOAN, OrgKind.BAN_CAN_SU_DANG)

    @classmethod
    def _what(cls) -> str:
        return N_("loại tổ chức")


class Sector(LabelledEnum):
    """The loại hình of an organization.

    >>> Sector.parse("doanh nghiep nha nuoc") is Sector.DOANH_NGHIEP_NHA_NUOC
    True
    """

    #: Xã, phường, thị trấn, đặc khu — organizations of a residential area.
    XA_PHUONG = ("xa_phuong", "Xã, phường, thị trấn")
    #: Cơ quan — party, state and mass-organization agencies.
    CO_QUAN = ("co_quan", "Cơ quan")
    #: Doanh nghiệp nhà nước — state-owned enterprises.
    DOANH_NGHIEP_NHA_NUOC = ("doanh_nghiep_nha_nuoc", "Doanh nghiệp nhà nước")
    #: Doanh nghiệp ngoài khu vực nhà nước — private and foreign-invested enterprises.
    DOANH_NGHIEP_NGOAI_NHA_NUOC = (
        "doanh_nghiep_ngoai_nha_nuoc",
        "Doanh nghiệp ngoài khu vực nhà nước",
    )
    #: Đơn vị sự nghiệp — schools, hospitals and other public service units.
    DON_VI_SU_NGHIEP = ("don_vi_su_nghiep", "Đơn vị sự nghiệp")
    #: Quân đội — the army.
    QUAN_DOI = ("quan_doi", "Quân đội")
    #: Công an — the police.
    CONG_AN = ("cong_an", "Công an")
    #: Khác — anything else.
    KHAC = ("khac", "Khác")

    @classmethod
    def _what(cls) -> str:
        return N_("loại hình")


class GrassrootsType(LabelledEnum):
    """Loại hình tổ chức cơ sở đảng: the rows of Biểu 5 (2021), each inside a :class:`Sector`.

    ``Sector`` keeps the coarse groups; a grassroots type says which row of the form an
    organization falls in, and :attr:`sector` names its group, so data that gives only
    the type still answers every question asked of the sector.

    >>> GrassrootsType.parse("Phường").sector is Sector.XA_PHUONG
    True
    >>> GrassrootsType.CONG_TY_CO_PHAN.sector.label
    'Doanh nghiệp ngoài khu vực nhà nước'
    """

    _sector_: Sector

    def __new__(cls, code: str, label: str, sector: Sector) -> Any:
        member = object.__new__(cls)
        member._value_ = code
        member._label_ = label
        member._sector_ = sector
        return member

    @property
    def sector(self) -> Sector:
        """The coarse loại hình this row belongs to."""
        return self._sector_

    XA = ("xa", "Xã", Sector.XA_PHUONG)
    PHUONG = ("phuong", "Phường", Sector.XA_PHUONG)
    THI_TRAN = ("thi_tran", "Thị trấn", Sector.XA_PHUONG)
    #: Đặc khu (since 1/7/2025): no row of the 2021 forms names it.
    DAC_KHU = ("dac_khu", "Đặc khu", Sector.XA_PHUONG)
    CO_QUAN_DANG_DOAN_THE = (
        "co_quan_dang_doan_the",
        "Cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể chính trị - xã hội",
        Sector.CO_QUAN,
    )
    CO_QUAN_NHA_NUOC = ("co_quan_nha_nuoc", "Cơ quan Nhà nước", Sector.CO_QUAN)
    SU_NGHIEP_CONG_LAP = (
        "su_nghiep_cong_lap",
        "Đơn vị sự nghiệp công lập",
        Sector.DON_VI_SU_NGHIEP,
    )
    SU_NGHIEP_NGOAI_CONG_LAP = (
        "su_nghiep_ngoai_cong_lap",
        "Đơn vị sự nghiệp ngoài công lập",
        Sector.DON_VI_SU_NGHIEP,
    )
    QUAN_DOI = ("quan_doi", "Quân đội", Sector.QUAN_DOI)
    CONG_AN = ("cong_an", "Công an", Sector.CONG_AN)
    #: Nhà nước nắm giữ 100% vốn điều lệ.
    DN_NHA_NUOC_100 = (
        "dn_nha_nuoc_100",
        "Doanh nghiệp Nhà nước nắm giữ 100% vốn điều lệ",
        Sector.DOANH_NGHIEP_NHA_NUOC,
    )
    #: From 50% to under 100%: the form prints "từ 50% trở lên", which read literally
    #: would overlap the 100% row.
    DN_NHA_NUOC_TU_50 = (
        "dn_nha_nuoc_tu_50",
        "Doanh nghiệp Nhà nước nắm giữ từ 50% vốn điều lệ trở lên",
        Sector.DOANH_NGHIEP_NHA_NUOC,
    )
    #: Under 50%: the form counts it with the enterprises "có vốn Nhà nước".
    DN_NHA_NUOC_DUOI_50 = (
        "dn_nha_nuoc_duoi_50",
        "Doanh nghiệp Nhà nước nắm giữ dưới 50% vốn điều lệ",
        Sector.DOANH_NGHIEP_NHA_NUOC,
    )
    CONG_TY_CO_PHAN = ("cong_ty_co_phan", "Công ty cổ phần", Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC)
    DN_TU_NHAN = ("dn_tu_nhan", "Doanh nghiệp tư nhân", Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC)
    CONG_TY_TNHH = (
        "cong_ty_tnhh",
        "Công ty trách nhiệm hữu hạn",
        Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC,
    )
    CONG_TY_HOP_DANH = (
        "cong_ty_hop_danh",
        "Công ty hợp danh",
        Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC,
    )
    #: Foreign-invested, with a foreign share under 100%.
    DN_VON_NUOC_NGOAI = (
        "dn_von_nuoc_ngoai",
        "Doanh nghiệp có vốn nước ngoài",
        Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC,
    )
    #: The form's "trong đó" line under the foreign-invested row.
    DN_100_VON_NUOC_NGOAI = (
        "dn_100_von_nuoc_ngoai",
        "Doanh nghiệp 100% vốn nước ngoài",
        Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC,
    )
    HOP_TAC_XA = ("hop_tac_xa", "Hợp tác xã", Sector.KHAC)
    NGOAI_NUOC = ("ngoai_nuoc", "Tổ chức cơ sở đảng ở ngoài nước", Sector.KHAC)
    KHAC = ("khac", "Loại hình cơ sở khác", Sector.KHAC)

    @classmethod
    def _what(cls) -> str:
        return N_("loại hình cơ sở")


class UnitKind(LabelledEnum):
    """The kind of a residential unit (not a party body, but targets count them)."""

    #: Thôn.
    THON = ("thon", "Thôn")
    #: Ấp.
    AP = ("ap", "Ấp")
    #: Bản.
    BAN = ("ban", "Bản")
    #: Làng.
    LANG = ("lang", "Làng")
    #: Xóm.
    XOM = ("xom", "Xóm")
    #: Khu phố.
    KHU_PHO = ("khu_pho", "Khu phố")
    #: Tổ dân phố.
    TO_DAN_PHO = ("to_dan_pho", "Tổ dân phố")

    @classmethod
    def _what(cls) -> str:
        return N_("loại đơn vị dân cư")


def _not_before_founding(instance: Organization, attribute: Attribute[Any], value: object) -> None:
    if isinstance(value, date) and instance.founded_on is not None and value < instance.founded_on:
        raise RecordError(where(instance), attribute.name, value, N_("trước ngày thành lập"))


def _not_itself(instance: Organization, attribute: Attribute[Any], value: object) -> None:
    if value is not None and value == instance.id:
        raise RecordError(where(instance), attribute.name, value, N_("là mã của chính tổ chức này"))


#: The kinds of the tổ chức cơ sở đảng (:attr:`OrgKind.is_grassroots`), as a set.
GRASSROOTS_KINDS: frozenset[OrgKind] = frozenset(k for k in OrgKind if k.is_grassroots)
#: The levels above the grassroots (:attr:`OrgKind.is_superior`), as a set.
SUPERIOR_KINDS: frozenset[OrgKind] = frozenset(k for k in OrgKind if k.is_superior)

#: The kinds a commune's party organization can be (with sector xã/phường): a đảng bộ
#: or chi bộ cơ sở, or since 1/7/2025 a đảng bộ xã directly under the province.
COMMUNE_KINDS = frozenset(
    {OrgKind.DANG_BO_CO_SO, OrgKind.CHI_BO_CO_SO, OrgKind.DANG_BO_CAP_TREN_CO_SO}
)

_optional_date = of_type(date, optional=True)
_optional_bool = of_type(bool, optional=True)


@final
@frozen
class Organization:
    """One party organization, pointing up to its parent by id.

    Args:
        id: a stable identifier, unique in the tree.
        name: the name, normalized to NFC.
        kind: the level (:class:`OrgKind`).
        parent_id: the id of the organization directly above, or ``None`` for a root.
        sector: the loại hình.
        founded_on, dissolved_on: when it existed; ``None`` when unknown or still active.
        has_chi_bo_quan_su, has_chi_bo_cong_an: for communes, whether the commune has a
            chi bộ quân sự / chi bộ công an (``None``: not recorded).
        grassroots_type: the row of the statistics forms (:class:`GrassrootsType`); it
            fills ``sector`` when that is not given, and must lie inside it when it is.

    >>> Organization("cb1", "Chi bộ Thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa1")
    Organization(id='cb1', name='Chi bộ Thôn 1', kind=<OrgKind.CHI_BO_TRUC_THUOC: ...>, ...)
    """

    id: str = field(converter=composed, validator=non_empty)
    name: str = field(converter=normalized, validator=non_empty)
    kind: OrgKind = field(validator=of_type(OrgKind))
    parent_id: str | None = field(
        default=None, converter=composed, validator=[optional(non_empty), _not_itself]
    )
    sector: Sector | None = field(default=None, validator=of_type(Sector, optional=True))
    founded_on: date | None = field(default=None, validator=_optional_date)
    dissolved_on: date | None = field(
        default=None, validator=[_optional_date, _not_before_founding]
    )
    has_chi_bo_quan_su: bool | None = field(default=None, validator=_optional_bool)
    has_chi_bo_cong_an: bool | None = field(default=None, validator=_optional_bool)
    grassroots_type: GrassrootsType | None = field(
        default=None,
        validator=of_type(GrassrootsType, optional=True),
    )

    def __attrs_post_init__(self) -> None:
        # The type is the finer fact: it gives the sector when none was given, and the
        # two must not disagree when both were.
        if self.grassroots_type is None:
            return
        if self.sector is None:
            object.__setattr__(self, "sector", self.grassroots_type.sector)
        elif self.sector is not self.grassroots_type.sector:
            raise RecordError(
                where(self),
                "grassroots_type",
                self.grassroots_type.value,
                N_("không thuộc khu vực (sector) của tổ chức"),
            )

    @property
    def is_commune(self) -> bool:
        """True for the party organization of a xã, phường or thị trấn."""
        return self.sector is Sector.XA_PHUONG and self.kind in COMMUNE_KINDS

    def is_active(self, on: date) -> bool:
        """True when the organization exists on *on* (founded, not yet dissolved).

        The same question as :meth:`Member.is_active <coso_dang.Member.is_active>`.

        >>> org = Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO,
        ...                    founded_on=date(2020, 1, 1))
        >>> org.is_active(date(2019, 12, 31)), org.is_active(date(2020, 1, 1))
        (False, True)
        """
        if not isinstance(on, date):
            # An organization with neither date said True to a text ("2020-01-01"), any
            # day; one with a date failed with Python's English "'<' not supported".
            raise UsageError("Organization.is_active", "on", N_("một ngày (date)"), on)
        try:
            if self.founded_on is not None and on < self.founded_on:
                return False
            return self.dissolved_on is None or on < self.dissolved_on
        except TypeError:  # a datetime, never compared with a date
            raise UsageError("Organization.is_active", "on", N_("một ngày (date)"), on) from None

    def active_on(self, on: date) -> bool:
        """Deprecated: the old name of :meth:`is_active`."""
        deprecated("Organization.active_on", "Organization.is_active")
        return self.is_active(on)


@final
@frozen
class ResidentialUnit:
    """A thôn, ấp, bản, khu phố or tổ dân phố, and what the targets ask of it.

    Args:
        id: unique among units.
        name: the name, normalized to NFC.
        commune_id: the organization of the commune it lies in.
        kind: thôn, tổ dân phố...
        chi_bo_id: the chi bộ that covers it, if any.
        has_member: whether a party member lives there (``None``: derive it from members'
            ``residence_unit_id`` where given).
        head_is_member: whether its head (trưởng thôn, tổ trưởng) is a party member.

    >>> ResidentialUnit("t1", "Thôn 1", commune_id="xa1", chi_bo_id="cb1").has_chi_bo
    True
    """

    id: str = field(converter=composed, validator=non_empty)
    name: str = field(converter=normalized, validator=non_empty)
    commune_id: str = field(converter=composed, validator=non_empty)
    kind: UnitKind = field(default=UnitKind.THON, validator=of_type(UnitKind))
    chi_bo_id: str | None = field(default=None, converter=composed, validator=optional(non_empty))
    has_member: bool | None = field(default=None, validator=_optional_bool)
    head_is_member: bool | None = field(default=None, validator=_optional_bool)

    @property
    def has_chi_bo(self) -> bool:
        """True when a chi bộ covers the unit."""
        return self.chi_bo_id is not None
