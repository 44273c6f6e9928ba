"""The words around a published figure: what it counts stands where Vietnamese puts it,
and a share of a part stays within its whole.

A count published with a closing "trở lên" or "trở xuống" ("từ 2.000 trở lên", "120 đảng
viên trở lên") is said with its noun before those words: "từ 2.000 đảng viên trở lên".
"""

from __future__ import annotations

import pytest

from coso_dang import OrgKind, Tally
from coso_dang.rules import (
    BinhThuanKetNapRule,
    Figures,
    NQ21AdmissionBand2025Rule,
    NQ21TccsdHttnv2025Rule,
    NQ21ThonCoChiBo2030Rule,
    Status,
    read_ratio,
    with_noun,
)


@pytest.mark.parametrize(
    ("published", "said"),
    [
        ("từ 2.000 trở lên", "từ 2.000 đảng viên trở lên"),
        ("2.000 đảng viên trở lên", "2.000 đảng viên trở lên"),
        ("2.000 trở lên", "2.000 đảng viên trở lên"),
        ("từ 2.500 đảng viên trở xuống", "từ 2.500 đảng viên trở xuống"),
        ("trên 2.000", "trên 2.000 đảng viên"),
        ("gần 2.000", "gần 2.000 đảng viên"),
    ],
)
def test_a_count_within_bounds_is_said_with_its_unit_before_tro_len(
    published: str, said: str
) -> None:
    figures = Figures(ranges={"ket_nap": published}, kind=OrgKind.DANG_BO_TINH)
    message = BinhThuanKetNapRule().check(figures).message
    assert f"trong năm: {said} theo số liệu công bố" in message
    assert "trở lên đảng viên" not in message
    assert "trở xuống đảng viên" not in message


def test_a_share_read_from_counts_within_bounds_names_them_before_tro_len() -> None:
    # The label names a rating ("hoàn thành tốt nhiệm vụ"): "trở lên" after it would
    # name HTTNV or better, another count; the label goes first.
    figures = Figures(
        ranges={"tccsd_httnv": "từ 120 trở lên"},
        counts=Tally(tccsd_htxsnv=0, tccsd_htnv=2, tccsd_khtnv=0),
    )
    message = NQ21TccsdHttnv2025Rule().check(figures).message
    assert "tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ từ 120 trở lên theo số liệu" in message
    assert "trở lên tổ chức" not in message

    figures = Figures(ranges={"ket_nap": "gần 120"}, counts=Tally(dang_vien_cuoi_nam_truoc=4000))
    message = NQ21AdmissionBand2025Rule().check(figures).message
    assert "gần 120 đảng viên mới kết nạp trong năm theo số liệu" in message


def test_with_noun_reads_the_closing_words_folded() -> None:
    assert with_noun("TỪ 5 TRỞ XUỐNG", "chi bộ") == "TỪ 5 chi bộ TRỞ XUỐNG"
    assert with_noun("từ 5 tro len", "chi bộ") == "từ 5 chi bộ tro len"
    # "lên" alone, or "trở lên" inside the words, is no closing turn.
    assert with_noun("khoảng 5", "chi bộ") == "khoảng 5 chi bộ"


@pytest.mark.parametrize(
    ("published", "base"),
    [
        # Over each base, the one whole count the words allow within the whole is all
        # of it: 99/100 is not "trên 99%", 49/50 not "trên 98%", 199/200 not "hơn 99,5%".
        ("trên 99%", 100),
        ("trên 98%", 50),
        ("hơn 99,5%", 200),
        ("từ 99,1% trở lên", 100),
    ],
)
def test_a_share_above_all_but_the_whole_over_a_known_base_is_the_whole(
    published: str, base: int
) -> None:
    villages = Figures(shares={"thon_co_chi_bo": published}, counts=Tally(thon=base))
    result = NQ21ThonCoChiBo2030Rule().check(villages)
    assert result.status is Status.PASS
    assert result.counts == (base, base)
    rated = Figures(shares={"tccsd_httnv_tro_len": published}, bases={"tccsd_httnv_tro_len": base})
    assert read_ratio(rated, "tccsd_httnv_tro_len").counts == (base, base)


def test_a_share_that_allows_several_counts_stays_undecided() -> None:
    # Over 1.000 villages "trên 99%" is 991 to 1.000 of them: not known to be all.
    villages = Figures(shares={"thon_co_chi_bo": "trên 99%"}, counts=Tally(thon=1000))
    assert NQ21ThonCoChiBo2030Rule().check(villages).status is Status.UNDETERMINED


@pytest.mark.parametrize(
    ("code", "share"),
    [
        ("thon_co_chi_bo", "101%"),
        ("truong_thon_la_dang_vien", "trên 100%"),
        ("cap_uy_vien_cao_dang_tro_len", "100,5%"),
        ("giu_lien_he_noi_cu_tru", "từ 101% trở lên"),
    ],
)
def test_a_published_share_of_a_part_above_its_whole_is_a_problem(code: str, share: str) -> None:
    # Villages with a chi bộ are some of the villages, as the rated HTTNV or better are
    # some of those rated: above 100% is a typing error either way.
    problems = Figures(shares={code: share}).problems()
    assert [p.field for p in problems] == [code]
    assert "trên 100%, mà tử số là một phần của mẫu số" in problems[0].reason


@pytest.mark.parametrize(
    ("code", "pair"),
    [("thon_co_chi_bo", "121/120"), ("cap_uy_vien_cao_dang_tro_len", "1.937/1.899")],
)
def test_a_published_pair_with_a_part_above_its_whole_is_a_problem(code: str, pair: str) -> None:
    problems = Figures(ratio_counts={code: pair}).problems()
    assert [p.field for p in problems] == [code]
    assert "lớn hơn mẫu số" in problems[0].reason


def test_a_share_that_may_exceed_its_base_is_no_problem() -> None:
    # Admissions against the target assigned may pass it: "đạt 105% chỉ tiêu".
    assert Figures(shares={"ket_nap_so_chi_tieu": "105%"}).problems() == []
    assert Figures(ratio_counts={"ket_nap_so_chi_tieu": "2.100/2.000"}).problems() == []
