"""The narrative, its tables and chart, and the four renderings."""

from __future__ import annotations

import json
import re
from datetime import date
from fractions import Fraction

import pytest

from coso_dang import Organization, OrgKind, OrgTree, Tally
from coso_dang._html import tally_html, tree_html
from coso_dang.data import load_demo
from coso_dang.report import DEFAULT_TARGET, Narrative, narrate, render, unit_table
from coso_dang.rollup import Rollup, rollup
from coso_dang.rules import (
    BINH_PHUOC_26_KH,
    BINH_THUAN,
    NQ21_2025,
    NQ21_2030,
    Figures,
    Report,
    Rounded,
    Status,
)

BINH_PHUOC = Tally(
    tccsd=737,
    dang_bo_co_so=263,
    chi_bo_co_so=474,
    dang_bo_bo_phan=2,
    chi_bo_truc_thuoc=2416,
    dang_vien=38356,
)


def _province(name: str = "Đảng bộ tỉnh Mẫu") -> Rollup:
    tree = OrgTree.build(
        [
            Organization("t", name, OrgKind.DANG_BO_TINH),
            Organization("h1", "Đảng bộ huyện A", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="t"),
            Organization("h2", "Đảng bộ huyện <B>", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="t"),
        ]
    )
    return Rollup.from_tallies(
        tree,
        {
            "h1": Tally(
                tccsd=10,
                dang_bo_co_so=4,
                chi_bo_co_so=6,
                dang_vien=500,
                dang_vien_htxsnv=50,
                dang_vien_httnv=410,
                dang_vien_htnv=30,
                dang_vien_khtnv=10,
            ),
            "h2": Tally(
                tccsd=8,
                dang_bo_co_so=3,
                chi_bo_co_so=5,
                dang_vien=300,
                dang_vien_htxsnv=20,
                dang_vien_httnv=240,
                dang_vien_htnv=35,
                dang_vien_khtnv=5,
            ),
        },
        year=2024,
    )


class TestSentences:
    def test_structure_sentence_of_the_binh_phuoc_figures(self) -> None:
        """The structure sentence has the shape the party press prints."""
        text = narrate(BINH_PHUOC, subject="Toàn tỉnh").sentences[0].text
        assert text == (
            "Toàn tỉnh có 737 tổ chức cơ sở đảng (263 đảng bộ cơ sở, 474 chi bộ cơ sở), "
            "2 đảng bộ bộ phận, 2.416 chi bộ trực thuộc đảng ủy cơ sở, 38.356 đảng viên."
        )

    def test_province_counts_its_subordinate_party_organizations(self) -> None:
        """A province is "Toàn tỉnh" and counts its đảng bộ trực thuộc from the tree."""
        text = narrate(_province()).sentences[0].text
        assert text.startswith("Toàn tỉnh có 2 đảng bộ trực thuộc, 18 tổ chức cơ sở đảng")

    def test_city_under_the_central_committee(self) -> None:
        """A thành phố trực thuộc Trung ương is "Toàn thành phố"."""
        text = narrate(_province("Đảng bộ thành phố Cần Thơ")).sentences[0].text
        assert text.startswith("Toàn thành phố có")

    def test_lower_levels_are_named(self) -> None:
        """Below the province, the sentence names the organization."""
        assert narrate(_province(), "h1").sentences[0].text.startswith("Đảng bộ huyện A có")

    def test_unknown_counts_are_left_out(self) -> None:
        """Only known counts are written; no "None", no invented zero."""
        narrative = narrate(Tally(dang_vien=12))
        assert [s.text for s in narrative.sentences] == ["Toàn Đảng bộ có 12 đảng viên."]
        assert narrate(Tally.unknown()).sentences == ()
        assert "None" not in narrate(Tally(ket_nap=3)).render("text")

    def test_ratings_with_counts(self) -> None:
        """Rating shares are written with their counts, over those rated."""
        tally = Tally(tccsd_htxsnv=4, tccsd_httnv=26, tccsd_htnv=2, tccsd_khtnv=0)
        (sentence,) = narrate(tally, year=2022).sentences
        assert sentence.text == (
            "Năm 2022, xếp loại hoàn thành tốt nhiệm vụ trở lên có "
            "30/32 tổ chức cơ sở đảng (93,75%)."
        )

    def test_a_percentage_never_crosses_the_target(self) -> None:
        """89,996% is printed below 90%, never as "90%"."""
        tally = Tally(dang_vien_htxsnv=0, dang_vien_httnv=89996, dang_vien_htnv=10004)
        tally = tally.replace(dang_vien_khtnv=0)
        text = narrate(tally).sentences[0].text
        assert "(89,99%)" in text
        assert Fraction(9, 10) == DEFAULT_TARGET

    def test_committee_qualifications_share_the_report_precision(self) -> None:
        """Committee shares are printed like every other share of the report, not
        approximated ("chiếm hơn 96%" beside "(97,01%)" mixed two precisions)."""
        tally = Tally(
            cap_uy_vien=1899,
            cap_uy_vien_cao_dang_tro_len=1837,
            cap_uy_vien_trung_cap_llct_tro_len=1677,
        )
        text = narrate(tally).sentences[0].text
        # 1837/1899 = 96,735…%; 1677/1899 = 88,309…%
        assert "1.837 đồng chí (96,74%)" in text
        assert "1.677 đồng chí (88,31%)" in text
        assert "hơn" not in text
        # One decimal for the whole report when asked: 96,7%, 88,3%.
        text = narrate(tally, decimals=1).sentences[0].text
        assert "(96,7%)" in text
        assert "(88,3%)" in text

    def test_admissions_against_the_target(self) -> None:
        """With a rules report, the admission sentence names the target and the verdict."""
        tally = Tally(ket_nap=320, dang_vien_cuoi_nam_truoc=10000)
        checks = NQ21_2025.check(tally, year=2024)
        texts = [s.text for s in narrate(tally, year=2024, checks=checks).sentences]
        assert texts[0] == (
            "Năm 2024, kết nạp 320 đảng viên mới, bằng 3,2% tổng số đảng viên có đến "
            "31/12 năm trước. So với chỉ tiêu từ 3 - 4%: đạt."
        )

    def test_verdicts_are_the_rules_own_messages(self) -> None:
        """Each verdict with known figures is the rule's message; missing data stays out."""
        tally = Tally(tccsd_htxsnv=1, tccsd_httnv=8, tccsd_htnv=1, tccsd_khtnv=0)
        checks = NQ21_2025.check(tally)
        narrative = narrate(tally, checks=checks)
        verdicts = [s.text for s in narrative.sentences if s.topic == "verdict"]
        failed = checks["nq21.2025.tccsd_httnv_tro_len"][0]
        # The ratings sentence states the figure once, with its verdict and gap; the
        # rule's own message is not written again beside it.
        ratings = next(s.text for s in narrative.sentences if s.topic == "ratings")
        assert "9/10 tổ chức cơ sở đảng (90%, không đạt chỉ tiêu trên 90%, cần thêm 1 TCCSĐ" in (
            ratings
        )
        assert failed.message not in verdicts
        assert verdicts == []
        assert len(narrative.tables[-1].rows) == len(checks)

    def test_a_verdict_no_sentence_states_is_its_own_sentence(self) -> None:
        """A rule whose figure no sentence prints keeps its own message as a sentence."""
        tally = Tally(ket_nap=1950)
        checks = BINH_THUAN.check(tally)
        narrative = narrate(tally, checks=checks)
        verdicts = [s.text for s in narrative.sentences if s.topic == "verdict"]
        assert verdicts == [r.message for r in checks if r.status.value != "missing_data"]

    def test_english(self) -> None:
        """locale="en" writes English sentences with English number style."""
        text = narrate(BINH_PHUOC, locale="en").sentences[0].text
        assert text == (
            "The party organization has 737 grassroots party organizations "
            "(263 grassroots party committees, 474 grassroots party cells), "
            "2 intermediate party committees, 2,416 party cells under grassroots committees "
            "and 38,356 party members."
        )

    def test_english_verdicts(self) -> None:
        """English verdicts are composed from the result: status, observed, target, gap."""
        tally = Tally(tccsd_htxsnv=1, tccsd_httnv=8, tccsd_htnv=1, tccsd_khtnv=0)
        narrative = narrate(tally, checks=NQ21_2025.check(tally), locale="en")
        ratings = next(s.text for s in narrative.sentences if s.topic == "ratings")
        assert (
            "9/10 grassroots party organizations (90%, not met against the target of more "
            "than 90%, short by 1 grassroots party organization)"
        ) in ratings
        other = narrate(
            Tally(ket_nap=1950),
            checks=BINH_THUAN.check(Tally(ket_nap=1950)),
            locale="en",
        )
        verdict = next(s.text for s in other.sentences if s.topic == "verdict")
        assert "not met; observed 1,950; target 2,000; short by 50 party members." in verdict

    def test_bad_locale(self) -> None:
        """An unknown locale is a ValueError."""
        with pytest.raises(ValueError, match="ngôn ngữ 'fr'"):
            narrate(BINH_PHUOC, locale="fr")

    def test_several_roots_need_an_org(self) -> None:
        """A forest has no default organization."""
        tree = OrgTree.build(
            [Organization(i, f"Chi bộ {i}", OrgKind.CHI_BO_CO_SO) for i in ("a", "b")]
        )
        with pytest.raises(ValueError, match="org_id"):
            narrate(Rollup.from_tallies(tree, {}))


@pytest.fixture(scope="module")
def demo() -> Rollup:
    """The bundled province, rolled up with its evaluations."""
    data = load_demo()
    return rollup(data.tree(), year=data.year, evaluations=data.evaluations)


def _texts(source: Rollup, org_id: str) -> list[str]:
    return [s.text for s in narrate(source, org_id).sentences]


# Count phrases and the organization counts they stand for.
_PHRASES = {
    "tổ chức cơ sở đảng": "tccsd",
    "đảng bộ cơ sở": "dang_bo_co_so",
    "chi bộ cơ sở": "chi_bo_co_so",
    "đảng bộ bộ phận": "dang_bo_bo_phan",
    "chi bộ trực thuộc": "chi_bo_truc_thuoc",
    "tổ đảng": "to_dang",
}
_COUNTED = re.compile(r"(?<![\d/.])([\d.]+) (" + "|".join(_PHRASES) + ")")
_RATED = re.compile(r"([\d.]+)/([\d.]+) (tổ chức cơ sở đảng|chi bộ trực thuộc)")
# What a sentence about an organization of each kind must never count: itself.
_ITSELF = {
    OrgKind.DANG_BO_CO_SO: ("tổ chức cơ sở đảng", "đảng bộ cơ sở"),
    OrgKind.CHI_BO_CO_SO: ("tổ chức cơ sở đảng", "chi bộ cơ sở"),
    OrgKind.DANG_BO_BO_PHAN: ("đảng bộ bộ phận", "tổ chức cơ sở đảng"),
    OrgKind.CHI_BO_TRUC_THUOC: ("chi bộ trực thuộc", "tổ chức cơ sở đảng"),
}


def _number(text: str) -> int:
    return int(text.replace(".", ""))


class TestLevels:
    def test_no_organization_counts_itself(self, demo: Rollup) -> None:
        """Every organization of the demo: counts are of what lies below it, never itself."""
        tree = demo.tree
        kinds = set()
        for org in tree.walk():
            kinds.add(org.kind)
            own, total = demo.own(org.id), demo[org.id]
            sentences = narrate(demo, org.id).sentences
            if org.kind in (OrgKind.TO_DANG, OrgKind.DANG_DOAN, OrgKind.BAN_CAN_SU_DANG):
                (sentence,) = sentences
                names = [org.name] + [a.name for a in tree.ancestors(org.id)]
                assert not re.search(
                    r"\d", re.sub("|".join(map(re.escape, names)), "", sentence.text)
                ), org.id
                continue
            for sentence in sentences:
                if sentence.topic == "verdict":
                    continue
                text = sentence.text
                for phrase in _ITSELF.get(org.kind, ()):
                    assert not re.search(rf"\d {phrase}", text), (org.id, text)
                counted = _COUNTED.findall(text) if sentence.topic == "structure" else []
                for number, phrase in counted:
                    code = _PHRASES[phrase]
                    assert _number(number) == total[code] - own[code], (org.id, text)
                for good, rated, phrase in _RATED.findall(text):
                    prefix = _PHRASES[phrase]
                    below = (total.rated(prefix) or 0) - (own.rated(prefix) or 0)
                    assert _number(rated) == below, (org.id, text)
                    assert _number(good) <= below
                if org.is_commune:
                    assert "1/1 có chi bộ" not in text, (org.id, text)
                if org.kind.is_chi_bo:
                    assert "cấp ủy viên cơ sở" not in text, (org.id, text)
            if org.kind.is_chi_bo:
                committee = [s.text for s in sentences if s.topic == "committee"]
                assert all(t.startswith("Cấp ủy chi bộ có ") for t in committee), org.id
        assert len(kinds) == 9  # every kind but Trung ương is in the demo

    def test_golden_province(self, demo: Rollup) -> None:
        """A province: subordinate đảng bộ from the tree, every count of its subtree."""
        assert _texts(demo, "T01") == [
            "Toàn tỉnh có 6 đảng bộ trực thuộc, 80 tổ chức cơ sở đảng (27 đảng bộ cơ sở, "
            "53 chi bộ cơ sở), 1 đảng bộ bộ phận, 279 chi bộ trực thuộc đảng ủy cơ sở, "
            "3.825 đảng viên (3.710 chính thức, 115 dự bị).",
            "Năm 2024, xếp loại hoàn thành tốt nhiệm vụ trở lên có 75/80 tổ chức cơ sở đảng "
            "(93,75%), 251/277 chi bộ trực thuộc (90,61%) và 3.301/3.664 đảng viên được đánh "
            "giá (90,09%).",
            "Không hoàn thành nhiệm vụ: 1 chi bộ trực thuộc và 45 đảng viên.",
            "Năm 2024, kết nạp 109 đảng viên mới, bằng 2,91% tổng số đảng viên có đến 31/12 "
            "năm trước.",
            "Đội ngũ cấp ủy viên cơ sở có 441 đồng chí, trong đó trình độ cao đẳng, đại học "
            "trở lên có 430 đồng chí (97,51%); trình độ trung cấp lý luận chính trị trở "
            "lên có 414 đồng chí (93,88%).",  # 430/441, 414/441
            "Thôn, ấp, bản, tổ dân phố: 131/134 có đảng viên (97,76%), 127/134 có chi bộ "
            "(94,78%) và 114/134 có trưởng thôn, tổ trưởng tổ dân phố là đảng viên (85,07%).",
            "Xã, phường, thị trấn: 12/12 có chi bộ quân sự (100%) và 12/12 có chi bộ công an "
            "(100%).",
            "Có 2.948/3.039 đảng viên đang công tác giữ mối liên hệ với nơi cư trú (97,01%).",
        ]

    def test_golden_superior_level(self, demo: Rollup) -> None:
        """A đảng bộ cấp trên trực tiếp cơ sở: its TCCSĐ and everything below them."""
        assert _texts(demo, "T01.H01") == [
            "Đảng bộ thành phố Quang Hòa có 10 tổ chức cơ sở đảng (4 đảng bộ cơ sở, 6 chi bộ "
            "cơ sở), 1 đảng bộ bộ phận, 41 chi bộ trực thuộc đảng ủy cơ sở, 561 đảng viên "
            "(544 chính thức, 17 dự bị).",
            "Năm 2024, xếp loại hoàn thành tốt nhiệm vụ trở lên có 10/10 tổ chức cơ sở đảng "
            "(100%), 36/41 chi bộ trực thuộc (87,8%) và 481/525 đảng viên được đánh giá "
            "(91,62%).",
            "Không hoàn thành nhiệm vụ: 2 đảng viên.",
            "Năm 2024, kết nạp 17 đảng viên mới, bằng 3,11% tổng số đảng viên có đến 31/12 "
            "năm trước.",
            "Đội ngũ cấp ủy viên cơ sở có 62 đồng chí, trong đó trình độ cao đẳng, đại học "
            "trở lên có 62 đồng chí (100%); trình độ trung cấp lý luận chính trị trở lên "
            "có 58 đồng chí (93,55%).",  # 58/62
            "Thôn, ấp, bản, tổ dân phố: 23/24 có đảng viên (95,83%), 22/24 có chi bộ (91,67%) "
            "và 21/24 có trưởng thôn, tổ trưởng tổ dân phố là đảng viên (87,5%).",
            "Xã, phường, thị trấn: 2/2 có chi bộ quân sự (100%) và 2/2 có chi bộ công an (100%).",
            "Có 435/447 đảng viên đang công tác giữ mối liên hệ với nơi cư trú (97,32%).",
        ]

    def test_golden_commune(self, demo: Rollup) -> None:
        """A đảng bộ xã: its chi bộ, its own rating, and the chi bộ quân sự it has."""
        assert _texts(demo, "T01.H01.C001") == [
            "Đảng bộ xã Tân Phước có 17 chi bộ trực thuộc, 225 đảng viên (219 chính thức, "
            "6 dự bị).",
            "Năm 2024, Đảng bộ xã Tân Phước được xếp loại hoàn thành tốt nhiệm vụ.",
            "Năm 2024, xếp loại hoàn thành tốt nhiệm vụ trở lên có 15/17 chi bộ trực thuộc "
            "(88,24%) và 190/208 đảng viên được đánh giá (91,35%).",
            "Năm 2024, kết nạp 6 đảng viên mới, bằng 2,73% tổng số đảng viên có đến 31/12 "
            "năm trước.",
            "Đội ngũ cấp ủy viên trong đảng bộ có 15 đồng chí, trong đó trình độ cao đẳng, "
            "đại học trở lên có 15 đồng chí (100%); trình độ trung cấp lý luận chính trị "
            "trở lên có 13 đồng chí (86,67%).",  # 13/15
            "Thôn, ấp, bản, tổ dân phố: 14/14 có đảng viên (100%), 14/14 có chi bộ (100%) và "
            "13/14 có trưởng thôn, tổ trưởng tổ dân phố là đảng viên (92,86%).",
            "Đảng bộ xã Tân Phước có chi bộ quân sự và chi bộ công an.",
            "Có 170/175 đảng viên đang công tác giữ mối liên hệ với nơi cư trú (97,14%).",
        ]

    def test_golden_intermediate_committee(self, demo: Rollup) -> None:
        """A đảng bộ bộ phận: its chi bộ trực thuộc, not "1 đảng bộ bộ phận"."""
        assert _texts(demo, "T01.H01.C003.P1") == [
            "Đảng bộ bộ phận Khoa Mỹ Phú có 3 chi bộ trực thuộc, 24 đảng viên chính thức.",
            "Năm 2024, xếp loại hoàn thành tốt nhiệm vụ trở lên có 3/3 chi bộ trực thuộc "
            "(100%) và 21/23 đảng viên được đánh giá (91,3%).",
            "Không hoàn thành nhiệm vụ: 1 đảng viên.",
            "Năm 2024, không kết nạp đảng viên mới.",
            "Đội ngũ cấp ủy viên trong đảng bộ có 4 đồng chí, trong đó trình độ cao đẳng, "
            "đại học trở lên có 4 đồng chí (100%); trình độ trung cấp lý luận chính trị "
            "trở lên có 4 đồng chí (100%).",
            "Có 18/18 đảng viên đang công tác giữ mối liên hệ với nơi cư trú (100%).",
        ]

    def test_golden_chi_bo_truc_thuoc(self, demo: Rollup) -> None:
        """A chi bộ trực thuộc: its members, its own rating and its cấp ủy."""
        assert _texts(demo, "T01.H01.C001.B04") == [
            "Chi bộ Bản 4 có 41 đảng viên (40 chính thức, 1 dự bị).",
            "Năm 2024, Chi bộ Bản 4 được xếp loại hoàn thành xuất sắc nhiệm vụ.",
            "Năm 2024, xếp loại hoàn thành tốt nhiệm vụ trở lên có 34/39 đảng viên được đánh "
            "giá (87,18%).",
            "Năm 2024, kết nạp 1 đảng viên mới, bằng 2,5% tổng số đảng viên có đến 31/12 năm "
            "trước.",
            "Cấp ủy chi bộ có 1 đồng chí, trong đó trình độ cao đẳng, đại học trở lên có 1 "
            "đồng chí (100%); trình độ trung cấp lý luận chính trị trở lên có 1 đồng chí "
            "(100%).",
            "Có 33/33 đảng viên đang công tác giữ mối liên hệ với nơi cư trú (100%).",
        ]

    def test_golden_chi_bo_co_so(self, demo: Rollup) -> None:
        """A chi bộ cơ sở: its tổ đảng and members, not "1/1 tổ chức cơ sở đảng"."""
        assert _texts(demo, "T01.H01.C005") == [
            "Chi bộ Phòng Tư pháp Vĩnh Hiệp có 2 tổ đảng, 22 đảng viên (21 chính thức, 1 dự bị).",
            "Năm 2024, Chi bộ Phòng Tư pháp Vĩnh Hiệp được xếp loại hoàn thành tốt nhiệm vụ.",
            "Năm 2024, xếp loại hoàn thành tốt nhiệm vụ trở lên có 19/20 đảng viên được đánh "
            "giá (95%).",
            "Không hoàn thành nhiệm vụ: 1 đảng viên.",
            "Năm 2024, kết nạp 1 đảng viên mới, bằng 4,76% tổng số đảng viên có đến 31/12 năm "
            "trước.",
            "Cấp ủy chi bộ có 5 đồng chí, trong đó trình độ cao đẳng, đại học trở lên có 5 "
            "đồng chí (100%); trình độ trung cấp lý luận chính trị trở lên có 5 đồng chí "
            "(100%).",
            "Có 18/18 đảng viên đang công tác giữ mối liên hệ với nơi cư trú (100%).",
        ]

    def test_bodies_that_hold_no_counts(self, demo: Rollup) -> None:
        """A tổ đảng, a đảng đoàn and a ban cán sự đảng: no counts, only where they are."""
        assert _texts(demo, "T01.H01.C005.T1") == [
            "Đảng viên của Tổ đảng số 1 được thống kê trong Chi bộ Phòng Tư pháp Vĩnh Hiệp."
        ]
        assert _texts(demo, "T01.D1") == [
            "Ban cán sự đảng Ủy ban nhân dân tỉnh không có đảng viên, tổ chức đảng trực thuộc "
            "để thống kê: đảng đoàn, ban cán sự đảng được tính bên cạnh hệ thống tổ chức đảng."
        ]
        narrative = narrate(demo, "T01.D2")
        assert [s.topic for s in narrative.sentences] == ["structure"]
        assert narrative.title.endswith(demo.tree["T01.D2"].name)

    def test_golden_central_committee(self) -> None:
        """Trung ương is "Toàn Đảng" and counts the đảng bộ directly under it."""
        tree = OrgTree.build(
            [
                Organization("tw", "Trung ương", OrgKind.TRUNG_UONG),
                Organization("a", "Đảng bộ tỉnh A", OrgKind.DANG_BO_TINH, parent_id="tw"),
                Organization("b", "Đảng bộ tỉnh B", OrgKind.DANG_BO_TINH, parent_id="tw"),
            ]
        )
        given = Tally(dang_bo_truc_thuoc=21, tccsd=700, dang_vien=38000)
        rolled = Rollup.from_tallies(tree, {"a": given, "b": given})
        # The tree's two provinces, not the sum of the provinces' own subordinates.
        assert _texts(rolled, "tw") == [
            "Toàn Đảng có 2 đảng bộ trực thuộc, 1.400 tổ chức cơ sở đảng, 76.000 đảng viên."
        ]
        assert _texts(rolled, "a")[0].startswith("Toàn tỉnh có 21 đảng bộ trực thuộc, ")

    def test_unsatisfactory_leaves_out_the_subject(self) -> None:
        """A chi bộ trực thuộc rated KHTNV is not "1 chi bộ trực thuộc" that failed."""
        tree = OrgTree.build(
            [
                Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
                Organization("c", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
            ]
        )
        rated = Tally(
            chi_bo_truc_thuoc=1,
            chi_bo_truc_thuoc_htxsnv=0,
            chi_bo_truc_thuoc_httnv=0,
            chi_bo_truc_thuoc_htnv=0,
            chi_bo_truc_thuoc_khtnv=1,
            dang_vien=9,
            dang_vien_chinh_thuc=9,
            dang_vien_du_bi=0,
        )
        rolled = Rollup.from_tallies(tree, {"c": rated}, year=2024)
        assert _texts(rolled, "c") == [
            "Chi bộ 1 có 9 đảng viên chính thức.",
            "Năm 2024, Chi bộ 1 được xếp loại không hoàn thành nhiệm vụ.",
        ]
        assert "Không hoàn thành nhiệm vụ: 1 chi bộ trực thuộc." in _texts(rolled, "x")

    def test_english_levels(self, demo: Rollup) -> None:
        """The level-aware sentences have their English too."""
        texts = [s.text for s in narrate(demo, "T01.H01.C005", locale="en").sentences]
        assert texts[:2] == [
            "Chi bộ Phòng Tư pháp Vĩnh Hiệp has 2 party groups and 22 party members "
            "(21 full, 1 probationary).",
            "In 2024, Chi bộ Phòng Tư pháp Vĩnh Hiệp was rated “completed tasks well”.",
        ]
        assert texts[5].startswith("The party cell's committee has 5 members, of whom ")


class TestTypedIn:
    def test_the_binh_phuoc_structure_sentence(self) -> None:
        """Seed 000's sentence, from its published figures typed into a Tally."""
        tally = BINH_PHUOC.replace(dang_bo_truc_thuoc=21)
        expected = (
            "Toàn tỉnh có 21 đảng bộ trực thuộc, 737 tổ chức cơ sở đảng (263 đảng bộ cơ sở, "
            "474 chi bộ cơ sở), 2 đảng bộ bộ phận, 2.416 chi bộ trực thuộc đảng ủy cơ sở, "
            "38.356 đảng viên."
        )
        assert narrate(tally, subject="Toàn tỉnh").text == expected
        figures = Figures(counts=tally, name="Đảng bộ tỉnh Bình Phước", kind=OrgKind.DANG_BO_TINH)
        narrative = narrate(figures)
        assert narrative.text == expected
        assert narrative.subject == "Đảng bộ tỉnh Bình Phước"

    def test_the_dong_xoai_published_shares(self) -> None:
        """Seed 004's rounded percentages are written back as published."""
        published = {
            "tccsd_httnv_tro_len": "93,75%",
            "chi_bo_truc_thuoc_httnv_tro_len": "98,3%",
            "dang_vien_htxsnv_tren_danh_gia": "16,2%",
            "dang_vien_httnv_tren_danh_gia": "76,9%",
        }
        figures = Figures(
            shares={code: Rounded.parse(text) for code, text in published.items()},
            name="Đảng bộ thành phố Đồng Xoài",
            kind=OrgKind.DANG_BO_CAP_TREN_CO_SO,
        )
        narrative = narrate(figures, year=2022, checks=NQ21_2025.check(figures, year=2022))
        texts = [s.text for s in narrative.sentences]
        assert texts[:2] == [
            "Năm 2022, xếp loại hoàn thành tốt nhiệm vụ trở lên có 93,75% tổ chức cơ sở đảng "
            "và 98,3% chi bộ trực thuộc.",
            "Trong số đảng viên được đánh giá, 16,2% hoàn thành xuất sắc nhiệm vụ và 76,9% "
            "hoàn thành tốt nhiệm vụ.",
        ]
        assert [s.topic for s in narrative.sentences][2:] == ["verdict"]
        assert narrative.title.endswith("năm 2022: Đảng bộ thành phố Đồng Xoài")

    def test_counts_win_over_published_shares(self) -> None:
        """Where counts give a share, the count sentence is written, with the share as
        published ("94%" for 30/32 = 93,75%), never re-printed to more places."""
        figures = Figures(
            counts=Tally(tccsd_htxsnv=4, tccsd_httnv=26, tccsd_htnv=2, tccsd_khtnv=0),
            shares={"tccsd_httnv_tro_len": Rounded.parse("94%")},
        )
        (sentence,) = narrate(figures).sentences
        assert "30/32 tổ chức cơ sở đảng (94%)" in sentence.text

    def test_published_share_contradicting_its_counts_is_not_printed(self) -> None:
        """A published "96%" that 30/32 cannot give: the counts' own share is printed."""
        figures = Figures(
            counts=Tally(tccsd_htxsnv=4, tccsd_httnv=26, tccsd_htnv=2, tccsd_khtnv=0),
            shares={"tccsd_httnv_tro_len": Rounded.parse("96%")},
        )
        (sentence,) = narrate(figures).sentences
        assert "30/32 tổ chức cơ sở đảng (93,75%)" in sentence.text

    def test_figures_of_a_grassroots_organization(self) -> None:
        """Figures of a TCCSĐ state its own rating, not "1/1 tổ chức cơ sở đảng"."""
        counts = Tally(
            tccsd=1, dang_bo_co_so=1, chi_bo_co_so=0, chi_bo_truc_thuoc=12, dang_vien=240
        ).replace(tccsd_htxsnv=1, tccsd_httnv=0, tccsd_htnv=0, tccsd_khtnv=0)
        figures = Figures(counts=counts, name="Đảng bộ xã An Bình", kind=OrgKind.DANG_BO_CO_SO)
        assert [s.text for s in narrate(figures, year=2023).sentences] == [
            "Đảng bộ xã An Bình có 12 chi bộ trực thuộc, 240 đảng viên.",
            "Năm 2023, Đảng bộ xã An Bình được xếp loại hoàn thành xuất sắc nhiệm vụ.",
        ]

    def test_a_published_share_of_village_heads(self) -> None:
        """Thái Nguyên 2023: "75,9%" of village heads are party members, no counts."""
        figures = Figures(shares={"truong_thon_la_dang_vien": "75,9%"})
        assert (
            "Thôn, ấp, bản, tổ dân phố: 75,9% có trưởng thôn, tổ trưởng tổ dân phố là đảng viên."
            == narrate(figures, year=2023).text
        )
        english = narrate(figures, year=2023, locale="en").text
        assert "Villages and residential groups: 75.9% headed by a party member." == english

    def test_a_published_share_over_its_base(self) -> None:
        """Quảng Nam: "99,1%" of 1.718 villages have a chi bộ; 1.702 to 1.704 give it,
        so no count is printed, the base is, and the verdict (not met) agrees."""
        figures = Figures(shares={"thon_co_chi_bo": "99,1%"}, bases={"thon_co_chi_bo": 1718})
        checks = NQ21_2030.check(figures, year=2026)
        narrative = narrate(figures, checks=checks)
        residential = [s.text for s in narrative.sentences if s.topic == "residential"]
        assert ["Thôn, ấp, bản, tổ dân phố: tổng số 1.718, 99,1% có chi bộ."] == residential
        (result,) = [r for r in checks if getattr(r.rule, "ratio", None) == "thon_co_chi_bo"]
        assert Status.FAIL == result.status

    def test_a_published_share_its_base_narrows_to_one_count(self) -> None:
        """ "99,07%" of 1.718 is 1.702 villages only: the count is printed, with the
        share as published, and beside the verdict the share keeps its side of 100%."""
        figures = Figures(shares={"thon_co_chi_bo": "99,07%"}, bases={"thon_co_chi_bo": 1718})
        assert "1.702/1.718 có chi bộ (99,07%)" in narrate(figures).text
        checks = NQ21_2030.check(figures, year=2026)
        assert "1.702/1.718 có chi bộ (99,07%, không đạt chỉ tiêu 100%" in (
            narrate(figures, checks=checks).text
        )

    def test_an_exact_published_share_never_contradicts_its_verdict(self) -> None:
        """An exact share just short of 100% is not printed "100%" beside a miss."""
        figures = Figures(shares={"truong_thon_la_dang_vien": Fraction(99999, 100000)})
        narrative = narrate(figures, checks=BINH_PHUOC_26_KH.check(figures, year=2025))
        residential = [s.text for s in narrative.sentences if s.topic == "residential"]
        assert ["Thôn, ấp, bản, tổ dân phố: 99,99% có trưởng thôn, tổ trưởng tổ dân phố "
                "là đảng viên."] == residential  # fmt: skip

    def test_published_committee_shares(self) -> None:
        """Bình Thuận 2021: of 1.899 grassroots committee members "hơn 96%" hold a
        degree and "hơn 88%" intermediate political theory or higher."""
        shares = {
            "cap_uy_vien_cao_dang_tro_len": "hơn 96%",
            "cap_uy_vien_trung_cap_llct_tro_len": "hơn 88%",
        }
        kind = OrgKind.DANG_BO_TINH
        based = Figures(shares=shares, bases={"cap_uy_vien_cao_dang_tro_len": 1899}, kind=kind)
        assert (
            "Đội ngũ cấp ủy viên cơ sở có 1.899 đồng chí, trong đó trình độ cao đẳng, đại học "
            "trở lên chiếm hơn 96%; trình độ trung cấp lý luận chính trị trở lên chiếm hơn 88%."
            == narrate(based).text
        )
        alone = Figures(shares=shares, kind=kind)
        assert (
            "Đội ngũ cấp ủy viên cơ sở: trình độ cao đẳng, đại học trở lên chiếm hơn 96%; "
            "trình độ trung cấp lý luận chính trị trở lên chiếm hơn 88%." == narrate(alone).text
        )
        counted = Figures(
            Tally(cap_uy_vien=1899, cap_uy_vien_cao_dang_tro_len=1837),
            shares=shares,
            kind=kind,
        )
        assert "có 1.837 đồng chí (hơn 96%)" in narrate(counted).text

    def test_published_commune_and_contact_shares(self) -> None:
        """Bình Phước 2022: "100%" of communes have a military and a police chi bộ,
        "100%" of working members keep contact with their place of residence."""
        figures = Figures(
            shares={
                "xa_co_chi_bo_quan_su": "100%",
                "xa_co_chi_bo_cong_an": "100%",
                "giu_lien_he_noi_cu_tru": "100%",
            }
        )
        assert [
            "Xã, phường, thị trấn: 100% có chi bộ quân sự và 100% có chi bộ công an.",
            "Có 100% đảng viên đang công tác giữ mối liên hệ với nơi cư trú.",
        ] == [s.text for s in narrate(figures).sentences]
        based = Figures(
            shares={"giu_lien_he_noi_cu_tru": "98,5%"},
            bases={"giu_lien_he_noi_cu_tru": 12000},
        )
        assert (
            "Có 98,5% trong tổng số 12.000 đảng viên đang công tác giữ mối liên hệ với nơi "
            "cư trú." == narrate(based).text
        )

    def test_published_attainment_alone(self) -> None:
        """Cần Thơ 2019, ten months: admissions "đạt 160% kế hoạch", no count."""
        figures = Figures(shares={"ket_nap_so_chi_tieu": "đạt 160% kế hoạch"}, months=10)
        assert (
            "Năm 2019, kết nạp đảng viên mới đạt 160% kế hoạch năm."
            == narrate(figures, year=2019).text
        )

    def test_not_a_source(self) -> None:
        """Anything else is a TypeError naming what narrate reads."""
        with pytest.raises(TypeError, match="Figures"):
            narrate({"dang_vien": 3})  # type: ignore[arg-type]


class TestTables:
    def test_unit_table_has_a_row_per_unit_and_a_total(self) -> None:
        """One row per subordinate unit, then the organization's total."""
        table = unit_table(_province(), "t")
        assert table is not None
        names = [row[0].text for row in table.rows]
        assert names == ["Đảng bộ huyện A", "Đảng bộ huyện <B>", "Tổng cộng"]
        assert table.rows[-1][1].text == "800"
        assert table.rows[0][-1].value == Fraction(460, 500)

    def test_unknown_cells_show_a_dash(self) -> None:
        """An unknown count is "—" with no value."""
        table = unit_table(_province(), "t")
        assert table is not None
        cell = table.rows[0][4]  # ket_nap was not given
        assert (cell.value, cell.text) == (None, "—")

    def test_no_units_no_table(self) -> None:
        """A leaf has no table."""
        assert unit_table(_province(), "h1") is None


class TestRendering:
    def test_json_keeps_exact_shares(self) -> None:
        """JSON holds shares as "num/den" beside the formatted percentage."""
        data = json.loads(narrate(_province()).render("json"))
        row = data["tables"][0]["rows"][0]
        assert row["dang_vien_httnv_tro_len"] == {"value": "23/25", "text": "92,00%"}
        assert data["chart"]["target"] == "9/10"
        assert data["sentences"][0]["topic"] == "structure"

    def test_markdown_table(self) -> None:
        """Markdown has a heading, the sentences and pipe tables."""
        text = narrate(_province()).render("md")
        assert text.startswith("# Báo cáo tình hình")
        assert "| Đảng bộ huyện A | 500 |" in text
        assert "| **Tổng cộng** | **800** |" in text

    def test_html_is_one_escaped_page(self) -> None:
        """The page is standalone, escapes names and draws one bar per unit."""
        page = narrate(_province()).render("html")
        assert page.startswith("<!DOCTYPE html>")
        assert "Đảng bộ huyện &lt;B&gt;" in page
        assert "<B>" not in page
        assert page.count('<rect class="bar"') == 2
        assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
        assert "<script" not in page

    def test_text(self) -> None:
        """Plain text: the title, the sentences and aligned tables."""
        narrative = narrate(_province())
        assert str(narrative).splitlines()[0] == narrative.title
        assert "Tổng cộng" in str(narrative)

    def test_unknown_format(self) -> None:
        """An unknown format is a ValueError."""
        with pytest.raises(ValueError, match="format"):
            render(narrate(BINH_PHUOC), "pdf")

    def test_notebook_html(self) -> None:
        """A narrative shows as an HTML fragment in a notebook."""
        assert isinstance(narrate(BINH_PHUOC), Narrative)
        assert narrate(BINH_PHUOC)._repr_html_().startswith('<div class="cd-report">\n<h1>')


class TestNotebookHtml:
    def test_tally_html_lists_known_counts_and_shares(self) -> None:
        """A tally shows its known counts with labels, then its known shares."""
        html = tally_html(Tally(dang_vien=38356, tccsd_htxsnv=5, tccsd_httnv=10))
        assert "Đảng viên" in html
        assert "38.356" in html
        assert "Tỷ lệ" not in html  # the rated total is unknown

    def test_tally_html_of_nothing(self) -> None:
        """The empty tally says so."""
        assert "chưa có số đếm" in tally_html(Tally())

    def test_tree_html_is_capped(self) -> None:
        """The outline stops at max_children and says how many more there are."""
        orgs = [Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO)] + [
            Organization(f"c{i}", f"Chi bộ {i}", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x")
            for i in range(40)
        ]
        html = tree_html(OrgTree.build(orgs), max_children=10)
        assert html.count("<li>") == 12  # the root, ten chi bộ, the rest
        assert "… và 30 đơn vị khác" in html

    def test_repr_html_methods(self) -> None:
        """Tally and OrgTree render through the same functions."""
        tally = Tally(dang_vien=3)
        assert tally._repr_html_() == tally_html(tally)
        tree = _province().tree
        assert tree._repr_html_() == tree_html(tree)


class TestPlot:
    def test_plot_shares_draws_a_bar_per_unit_and_the_target(self) -> None:
        """One bar per unit and a vertical line at the target."""
        matplotlib = pytest.importorskip("matplotlib")
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from coso_dang.report import plot_admissions, plot_shares

        ax = plot_shares(_province(), "t")
        assert len(ax.patches) == 2
        assert ax.lines[0].get_xdata()[0] == pytest.approx(90.0)
        ax2 = plot_admissions(_province(), "t", locale="en")
        assert ax2.get_title().startswith("New members admitted")
        plt.close("all")


class TestRulesWithoutTitles:
    def test_a_family_used_as_it_is_is_named_by_what_it_counts(self) -> None:
        """A pack of bare family rules, in English: each named by its count or ratio, never
        by the catalogue's header (gettext's entry for the empty text)."""
        from coso_dang.rules import CountAtLeastRule, RuleSet, ShareAtLeastRule

        pack = RuleSet(
            "Nghị quyết Tỉnh ủy X",
            (
                ShareAtLeastRule("chi_bo_truc_thuoc_httnv_tro_len", Fraction(92, 100)),
                CountAtLeastRule(indicator="ket_nap", minimum=1500),
            ),
        )
        tally = Tally(
            chi_bo_truc_thuoc_htxsnv=10,
            chi_bo_truc_thuoc_httnv=81,
            chi_bo_truc_thuoc_htnv=9,
            chi_bo_truc_thuoc_khtnv=0,
            ket_nap=1450,
        )
        english = narrate(tally, checks=pack.check(tally), locale="en")
        assert "Project-Id-Version" not in english.render("text")
        assert english.text.splitlines()[-1] == (
            "Members admitted in the year: not met; observed 1,450; target 1,500; "
            "short by 50 party members."
        )
        targets = narrate(tally, checks=pack.check(tally)).tables[-1]
        assert [row[1].text for row in targets.rows] == [
            "Tỷ lệ chi bộ trực thuộc hoàn thành tốt nhiệm vụ trở lên",
            "Đảng viên mới kết nạp trong năm",
        ]

    def test_the_checks_table_names_them_too(self) -> None:
        """Report.to_html: the rule's cell names what a rule without a title reads."""
        from coso_dang.rules import CountAtLeastRule, RuleSet

        report = RuleSet("X", (CountAtLeastRule(indicator="ket_nap", minimum=1500),)).check(
            Tally(ket_nap=1450)
        )
        assert ">Đảng viên mới kết nạp trong năm</td>" in report.to_html()


def test_markdown_notes_show_a_rule_authors_basis_literally() -> None:
    """A basis is the rule author's text: in Markdown its notes were written raw, so an
    ``<img onerror>`` or a ``javascript:`` link in it ran in the rendered page."""
    from typing import ClassVar

    from attrs import frozen

    from coso_dang.rules import Basis, RuleSet, ShareAboveRule

    @frozen
    class _Noted(ShareAboveRule):
        code: ClassVar[str] = "test.report.noted_basis"
        title: ClassVar[str] = "Tỷ lệ TCCSĐ HTTNV trở lên"
        basis: ClassVar[Basis] = Basis(
            None,
            "mục <img src=x onerror=alert(1)> [xem](javascript:alert(1))",
            source="Kết luận *số 5*",
        )

    demo = load_demo()
    result = rollup(demo.tree(), year=demo.year, evaluations=demo.evaluations)
    checks = RuleSet("Thử", [_Noted(ratio="tccsd_httnv_tro_len", threshold=Fraction(9, 10))])
    markdown = narrate(result, checks=checks.check(result)).render("md")
    assert "Kết luận \\*số 5\\*" in markdown
    assert "<img" not in markdown
    assert "[xem](javascript:" not in markdown
    assert "&lt;img src=x onerror=alert(1)&gt; \\[xem\\](javascript:alert(1))" in markdown


def _same_ids() -> tuple[Rollup, Report]:
    """A commune whose organizations and members are numbered alike, as hand-made files
    number them: member "1" and the đảng bộ "1", member "3" and the chi bộ "3"."""
    from datetime import date

    from coso_dang import Evaluation, Member, Rating
    from coso_dang.evaluation import SubjectKind
    from coso_dang.rules import QD124, STATUS, RatingRound, StatusRound

    orgs = [
        Organization("1", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO),
        Organization("2", "Chi bộ thôn Một", OrgKind.CHI_BO_TRUC_THUOC, "1"),
        Organization("3", "Chi bộ thôn Hai", OrgKind.CHI_BO_TRUC_THUOC, "1"),
    ]
    members = [
        Member(str(n), f"Lê Văn {n}", "2" if n < 4 else "3", admitted_on=date(2001, 1, 1))
        for n in range(1, 7)
    ]
    tree = OrgTree.build(orgs, members)
    org = SubjectKind.ORGANIZATION
    evaluations = [
        *(Evaluation(o.id, 2024, Rating.HTTNV, subject=org) for o in orgs),
        Evaluation("1", 2024, Rating.KHTNV, disciplined=True),
        Evaluation("2", 2024, Rating.HTNV, sick_leave_months=5),
        Evaluation("3", 2023, Rating.KHTNV),
        Evaluation("3", 2024, Rating.KHTNV),
    ]
    result = rollup(tree, year=2024, evaluations=evaluations)
    rated = QD124.check(RatingRound(tree, evaluations, 2024), year=2024)
    status = STATUS.check(StatusRound(tree, 2024, (), evaluations), year=2024)
    return result, Report("Thử", (*rated, *status))


@pytest.mark.parametrize("org", ["1", "2", "3"])
def test_an_organizations_report_holds_no_members_verdict(org: str) -> None:
    """A member whose id was an organization's had their verdicts (discipline, sick
    leave, two years without completing their tasks) printed in that organization's
    report as its own, and in its parent's list of units that fell short."""
    result, checks = _same_ids()
    narrative = narrate(result, org, checks=checks)
    text = narrative.render("text") + narrative.render("json")
    for said in ("Đảng viên bị kỷ luật", "ốm", "hai năm liền", "Lê Văn"):
        assert said not in text, said


class TestWording:
    """Sentences an analyst pastes into a report read as written prose in both languages."""

    def test_a_sentence_starts_with_a_capital(self) -> None:
        """Names typed in lower case ("chi bộ thôn 1") opened a sentence in lower case;
        the name inside a sentence stays as it was given."""
        tree = OrgTree.build(
            [
                Organization("x", "đảng bộ xã tân lập", OrgKind.DANG_BO_CO_SO),
                Organization("c", "chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
            ]
        )
        tally = Tally(
            dang_vien=20,
            dang_vien_chinh_thuc=20,
            dang_vien_du_bi=0,
            chi_bo_truc_thuoc=1,
            chi_bo_truc_thuoc_htxsnv=0,
            chi_bo_truc_thuoc_httnv=1,
            chi_bo_truc_thuoc_htnv=0,
            chi_bo_truc_thuoc_khtnv=0,
        )
        rolled = Rollup.from_tallies(tree, {"c": tally}, year=2025)
        assert [s.text for s in narrate(rolled, "c").sentences] == [
            "Chi bộ thôn 1 có 20 đảng viên chính thức.",
            "Năm 2025, chi bộ thôn 1 được xếp loại hoàn thành tốt nhiệm vụ.",
        ]
        assert [s.text for s in narrate(rolled, "c", locale="en").sentences] == [
            "Chi bộ thôn 1 has 20 full party members.",
            "In 2025, chi bộ thôn 1 was rated “completed tasks well”.",
        ]
        assert narrate(Tally(dang_vien=7), subject="toàn xã").text == "Toàn xã có 7 đảng viên."

    def test_english_lists_its_counts_with_and(self) -> None:
        """ "has 737 grassroots party organizations, 38,356 party members" lacked the "and"
        English needs; Vietnamese lists them with commas, as the Bình Phước report does."""
        tally = Tally(tccsd=737, dang_bo_co_so=263, chi_bo_co_so=474, dang_vien=38356)
        assert narrate(tally, locale="en").text == (
            "The party organization has 737 grassroots party organizations "
            "(263 grassroots party committees, 474 grassroots party cells) "
            "and 38,356 party members."
        )
        assert narrate(tally).text == (
            "Toàn Đảng bộ có 737 tổ chức cơ sở đảng (263 đảng bộ cơ sở, 474 chi bộ cơ sở), "
            "38.356 đảng viên."
        )
        assert narrate(Tally(dang_vien=5), locale="en").text == (
            "The party organization has 5 party members."
        )

    @pytest.mark.parametrize(
        ("published", "vi", "en"),
        [
            ("vượt chỉ tiêu", "vượt chỉ tiêu", "above target"),
            ("chưa đạt chỉ tiêu", "chưa đạt chỉ tiêu", "below target"),
            ("đạt và vượt chỉ tiêu", "đạt và vượt chỉ tiêu", "at or above target"),
            (
                "105%",
                "đạt 105% chỉ tiêu được giao, vượt chỉ tiêu",
                "105% of the assigned target, above target",
            ),
        ],
    )
    def test_attainment_alone_reads_in_english(self, published: str, vi: str, en: str) -> None:
        """Only the attainment published: "In 2025, admissions reached above target" and
        "admissions reached target met or exceeded" were not English."""
        figures = Figures(Tally(), shares={"ket_nap_so_chi_tieu": published})
        assert narrate(figures, year=2025).text == f"Năm 2025, kết nạp đảng viên mới {vi}."
        assert narrate(figures, year=2025, locale="en").text == f"In 2025, admissions were {en}."
        assert narrate(figures, locale="en").text == f"Admissions were {en}."

    def test_no_probationary_member_is_not_of_whom_none(self) -> None:
        """Published with no probationary member and no official count, the members read
        "100 đảng viên (trong đó 0 dự bị)": all of them are official."""
        tally = Tally(dang_vien=100, dang_vien_du_bi=0)
        assert narrate(tally).text == "Toàn Đảng bộ có 100 đảng viên chính thức."
        assert narrate(tally, locale="en").text == (
            "The party organization has 100 full party members."
        )
        some = Tally(dang_vien=100, dang_vien_du_bi=3)
        assert narrate(some).text == "Toàn Đảng bộ có 100 đảng viên (trong đó 3 dự bị)."

    @pytest.mark.parametrize(
        ("published", "vi", "en"),
        [("90%", "90%", "90%"), ("90,0%", "90,0%", "90.0%"), ("93,75%", "93,75%", "93.75%")],
    )
    def test_the_verdict_table_prints_a_rounded_share_as_published(
        self, published: str, vi: str, en: str
    ) -> None:
        """A share published as "90%" is any value of about 90%, its verdict against "trên
        90%" undetermined; the table printed it "90,00%", an exact 90% that fails, while
        the sentence beside it says "90%"."""
        figures = Figures(Tally(), shares={"tccsd_httnv_tro_len": published})
        checks = NQ21_2025.check(figures, year=2025)
        for locale, shown in (("vi", vi), ("en", en)):
            narrative = narrate(figures, checks=checks, year=2025, locale=locale)
            (row,) = [
                r
                for r in narrative.tables[-1].rows
                if r[1].value == "nq21.2025.tccsd_httnv_tro_len"
            ]
            assert row[3].text == shown


@pytest.mark.parametrize(
    ("name", "paragraph"),
    [
        ("1. Chi bộ thôn Đông", "1\\. Chi bộ thôn Đông có 3 đảng viên."),
        ("2) Chi bộ thôn Tây", "2\\) Chi bộ thôn Tây có 3 đảng viên."),
        ("# Chi bộ", "\\# Chi bộ có 3 đảng viên."),
        ("## Chi bộ", "\\## Chi bộ có 3 đảng viên."),
        ("- Chi bộ", "\\- Chi bộ có 3 đảng viên."),
        ("+ Chi bộ", "\\+ Chi bộ có 3 đảng viên."),
        ("Chi bộ 1. Thôn", "Chi bộ 1. Thôn có 3 đảng viên."),
    ],
)
def test_markdown_a_sentence_opening_with_a_name_stays_a_paragraph(
    name: str, paragraph: str
) -> None:
    """A sentence opens with the organization's name: "1. Chi bộ thôn Đông có ..." became
    an ordered list and "# Chi bộ có ..." a heading in the Markdown report."""
    tree = OrgTree.build([Organization("c", name, OrgKind.CHI_BO_CO_SO)])
    rolled = Rollup.from_tallies(tree, {"c": Tally(dang_vien=3)}, year=2025)
    assert narrate(rolled).render("md").splitlines()[2] == paragraph


@pytest.mark.parametrize(
    ("name", "heading", "paragraph"),
    [
        (
            "Chi bộ tổ 1~3 và tổ 4~5",
            "Chi bộ tổ 1\\~3 và tổ 4\\~5",
            "Chi bộ tổ 1\\~3 và tổ 4\\~5 có 3 đảng viên.",
        ),
        ("~~~ Chi bộ A", "\\~\\~\\~ Chi bộ A", "\\~\\~\\~ Chi bộ A có 3 đảng viên."),
        ("Chi bộ số #", "Chi bộ số \\#", "Chi bộ số # có 3 đảng viên."),
        ("Chi bộ \u202eA", "Chi bộ \ufffdA", "Chi bộ \ufffdA có 3 đảng viên."),
    ],
)
def test_markdown_shows_tildes_closing_hashes_and_overrides_literally(
    name: str, heading: str, paragraph: str
) -> None:
    """GitHub's Markdown struck "3 và tổ 4" through in "tổ 1~3 và tổ 4~5"; a name opening
    with "~~~" opened a code block holding the rest of the report; a heading ending in
    " #" lost it (a closing sequence); a direction override turned the sentence around."""
    tree = OrgTree.build([Organization("c", name, OrgKind.CHI_BO_CO_SO)])
    rolled = Rollup.from_tallies(tree, {"c": Tally(dang_vien=3)}, year=2025)
    lines = narrate(rolled).render("md").splitlines()
    assert lines[0] == f"# Báo cáo tình hình tổ chức cơ sở đảng và đảng viên năm 2025: {heading}"
    assert lines[2] == paragraph


def test_an_exact_published_share_prints_as_its_counts_do() -> None:
    """Counts of 89.999/100.000 TCCSĐ printed "(89,99%)", on its side of the 90% line; given
    the same share exactly as published as well, "(90%)"."""
    tally = Tally(tccsd_htxsnv=0, tccsd_httnv=89_999, tccsd_htnv=10_001, tccsd_khtnv=0)
    figures = Figures(tally, shares={"tccsd_httnv_tro_len": Fraction(89_999, 100_000)})
    expected = (
        "Xếp loại hoàn thành tốt nhiệm vụ trở lên có 89.999/100.000 tổ chức cơ sở đảng (89,99%)."
    )
    assert narrate(Figures(tally)).text == expected
    assert narrate(figures).text == expected


def test_english_says_a_limit_is_exceeded_not_short() -> None:
    """A failing "không vượt quá 20%" has too many: 21 HTXSNV for 100 HTTNV is one over
    the limit ("vượt 1 đảng viên so với hạn mức"), which English said as "short by 1 unit"."""
    from coso_dang.rules.generic import QuotaRule

    rule = QuotaRule(ratio="dang_vien_htxsnv_tren_httnv", limit=Fraction(1, 5))
    over = Tally(dang_vien_htxsnv=21, dang_vien_httnv=100)
    text = narrate(over, checks=Report("Thử", (rule.check(over),)), locale="en").text
    assert text.endswith(
        ": not met; observed 21%; target at most 20%; over the limit by 1 party member."
    )
    under = Tally(dang_vien_htxsnv=10, dang_vien_httnv=100)
    text = narrate(under, checks=Report("Thử", (rule.check(under),)), locale="en").text
    # 20 allowed, 10 given: 11 more exceed the limit ("nếu thêm 11 ... thì vượt hạn
    # mức 20"), which is 10 to spare, not 11.
    assert text.endswith(
        ": met; observed 10%; target at most 20%; adding 11 party members would exceed the limit."
    )


@pytest.mark.parametrize(
    ("htxsnv", "httnv", "said"),
    [
        # 2 of 10 is the limit itself: one more exceeds it, none to spare.
        (2, 10, "adding 1 party member would exceed the limit"),
        # 0 of 0: 20% of none allows none.
        (0, 0, "adding 1 party member would exceed the limit"),
    ],
)
def test_english_never_gives_a_quota_at_its_limit_room_to_spare(
    htxsnv: int, httnv: int, said: str
) -> None:
    """A quota met exactly (2 HTXSNV of 10 HTTNV, "không vượt quá 20%"), or over no one,
    has no unit to spare; English said "1 party member to spare" of it."""
    from coso_dang.rules import QD124

    tally = Tally(dang_vien_htxsnv=htxsnv, dang_vien_httnv=httnv, dang_vien_htnv=0)
    (rule,) = [r for r in QD124.rules if r.code == "qd124.htxsnv_quota"]
    result = rule.check(tally)
    assert result.status.value == "pass"
    text = narrate(tally, checks=Report("Thử", (result,)), locale="en").text
    assert text.endswith(f"; {said}.")
    assert "to spare" not in text


def test_english_says_how_many_fewer_would_miss_a_share_target() -> None:
    """91 of 100 TCCSĐ is "trên 90%" with one to lose: one fewer (90%) fails, so none is
    to spare; English said "1 grassroots party organization to spare"."""
    from coso_dang.rules import NQ21_2025

    tally = Tally(tccsd_htxsnv=0, tccsd_httnv=91, tccsd_htnv=9, tccsd_khtnv=0)
    checks = NQ21_2025.check(tally, year=2024)
    (result,) = [r for r in checks if r.code == "nq21.2025.tccsd_httnv_tro_len"]
    from coso_dang.report._build import verdict
    from coso_dang.report._writer import Writer

    sentence = verdict(Writer("en"), result)
    assert sentence.endswith("; losing 1 grassroots party organization would miss the target.")
    assert "to spare" not in sentence


def test_english_says_a_chi_uy_above_its_maximum_is_over() -> None:
    """A chi ủy of 9, "tối đa 7", is two over ("vượt 2 chi ủy viên"), not "short by 2"."""
    from coso_dang.rules import Gap
    from coso_dang.rules.charter import ChiUyRule

    result = ChiUyRule().result(
        Status.FAIL,
        "Chi ủy có 9 đồng chí, quá 7; vượt 2 chi ủy viên.",
        observed=9,
        gap=Gap(2, "vượt 2 chi ủy viên"),
    )
    text = narrate(Tally(), checks=Report("Thử", (result,)), locale="en").text
    assert text.endswith(": not met; observed 9; over the limit by 2 committee members.")


class TestEnglishGaps:
    """English said every gap in "units": "short by 30 units" of admissions was 30 members."""

    def test_a_charter_gap_names_the_full_members(self) -> None:
        """A chi bộ of 2 official members "cần thêm 1 đảng viên chính thức": English said
        "short by 1 unit", the charter rule having no indicator to name its unit."""
        from datetime import date as day

        from attrs import evolve

        from coso_dang import Member
        from coso_dang.rules import DIEU_LE, Structure, SubjectRef

        tree = OrgTree.build(
            [Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)],
            [Member(f"dv{i}", "Nguyễn Văn An", "cb", admitted_on=day(2010, 3, 2)) for i in (1, 2)],
        )
        report = DIEU_LE.check(Structure(tree, day(2024, 12, 31)))
        (few,) = report["dieu_le.toi_thieu_3_dang_vien_chinh_thuc"]
        assert few.gap is not None
        assert few.gap.text == "cần thêm 1 đảng viên chính thức"
        typed_in = evolve(few, subject=SubjectRef.typed_in())  # about the figures narrated
        text = narrate(Tally(), checks=Report("Thử", (typed_in,)), locale="en").text
        assert text.endswith(": not met; observed 2; short by 1 full party member.")

    def test_a_gap_names_what_it_counts(self) -> None:
        tally = Tally(
            tccsd_htxsnv=1,
            tccsd_httnv=8,
            tccsd_htnv=1,
            tccsd_khtnv=0,
            thon=134,
            thon_co_dang_vien=131,
            dang_vien_cuoi_nam_truoc=1000,
            ket_nap=0,
        )
        text = narrate(tally, checks=NQ21_2025.check(tally), locale="en").text
        assert (
            "(90%, not met against the target of more than 90%, short by 1 grassroots "
            "party organization)"
        ) in text
        assert "short by 3 villages or residential groups)" in text
        assert "Against the target of 3%–4%: not met, short by 30 party members." in text

    def test_a_count_rule_names_its_unit(self) -> None:
        tally = Tally(ket_nap=1950)
        text = narrate(tally, checks=BINH_THUAN.check(tally), locale="en").text
        assert text.endswith("not met; observed 1,950; target 2,000; short by 50 party members.")


class TestPartOfTheYear:
    """A rollup to 30/6/2024 counted the admissions of half a year and wrote "Năm 2024,
    kết nạp 3 đảng viên mới", as if the year were over."""

    @staticmethod
    def rolled(on: date | None, admitted: int = 3) -> Rollup:
        tree = OrgTree.build([Organization("c", "Chi bộ thôn 1", OrgKind.CHI_BO_CO_SO)])
        tally = Tally(ket_nap=admitted, dang_vien_cuoi_nam_truoc=60)
        return Rollup.from_tallies(tree, {"c": tally}, year=2024, as_of=on)

    def test_admissions_say_the_period(self) -> None:
        half = self.rolled(date(2024, 6, 30))
        assert narrate(half).text == (
            "Từ đầu năm đến ngày 30/6/2024, kết nạp 3 đảng viên mới, bằng 5% tổng số đảng "
            "viên có đến 31/12 năm trước."
        )
        assert narrate(half, locale="en").text == (
            "From the start of the year to 30 June 2024, 3 new members were admitted, 5% of "
            "the members at 31 December of the previous year."
        )
        early = self.rolled(date(2024, 2, 5), admitted=0)
        assert narrate(early).text == "Từ đầu năm đến ngày 05/02/2024, chưa kết nạp đảng viên mới."
        assert narrate(early, locale="en").text == (
            "From the start of the year to 5 February 2024, no new members were admitted."
        )

    def test_the_title_says_the_day(self) -> None:
        """A report of counts to 30/6/2024 was titled "... năm 2024", as an annual one."""
        half = self.rolled(date(2024, 6, 30))
        assert narrate(half).title == (
            "Báo cáo tình hình tổ chức cơ sở đảng và đảng viên đến ngày 30/6/2024: Chi bộ thôn 1"
        )
        assert narrate(half, locale="en").title == (
            "Report on grassroots party organizations and members to 30 June 2024: Chi bộ thôn 1"
        )
        assert (
            narrate(self.rolled(date(2024, 3, 31)))
            .render("md")
            .startswith(
                "# Báo cáo tình hình tổ chức cơ sở đảng và đảng viên đến ngày 31/3/2024: Chi bộ"
            )
        )
        assert narrate(self.rolled(date(2024, 12, 31))).title == (
            "Báo cáo tình hình tổ chức cơ sở đảng và đảng viên năm 2024: Chi bộ thôn 1"
        )

    def test_the_whole_year_is_the_year(self) -> None:
        expected = (
            "Năm 2024, kết nạp 3 đảng viên mới, bằng 5% tổng số đảng viên có đến 31/12 năm trước."
        )
        assert narrate(self.rolled(date(2024, 12, 31))).text == expected
        assert narrate(self.rolled(None)).text == expected

    def test_half_a_year_against_the_years_target(self) -> None:
        """3 of a target of 6 by 30/6 is half of the year's plan, not "đạt 50% chỉ tiêu
        được giao" said of the year."""
        tree = OrgTree.build([Organization("c", "Chi bộ thôn 1", OrgKind.CHI_BO_CO_SO)])
        tally = Tally(ket_nap=3, chi_tieu_ket_nap=6)
        half = Rollup.from_tallies(tree, {"c": tally}, year=2024, as_of=date(2024, 6, 30))
        assert narrate(half).text == (
            "Từ đầu năm đến ngày 30/6/2024, kết nạp 3 đảng viên mới, đạt 50% kế hoạch năm."
        )

    @pytest.mark.parametrize(("months", "whole"), [(6, False), (9, False), (12, True)])
    def test_figures_of_part_of_the_year_say_so_in_the_title(
        self, months: int, whole: bool
    ) -> None:
        """Typed-in figures of 6 months were titled "... năm 2024", as an annual report,
        though the rules judged them "số liệu 6 tháng, chưa hết năm"."""
        figures = Figures(Tally(ket_nap=60, dang_vien_cuoi_nam_truoc=3500), name="X", months=months)
        title = "Báo cáo tình hình tổ chức cơ sở đảng và đảng viên năm 2024"
        said = "" if whole else f" (số liệu {months} tháng)"
        assert narrate(figures, year=2024).title == f"{title}{said}: X"
        english = narrate(figures, year=2024, locale="en").title
        assert english.endswith(": X")
        assert ("months" in english) is not whole


class TestCommunesAfterTheReform:
    """From 1/7/2025 there is no thị trấn: a commune-level unit is a xã, phường or đặc
    khu. A report on 2025 or later wrote "Xã, phường, thị trấn"."""

    TALLY = Tally(xa=102, xa_co_chi_bo_quan_su=102, xa_co_chi_bo_cong_an=100)

    def test_the_units_of_the_year(self) -> None:
        items = "102/102 có chi bộ quân sự (100%) và 100/102 có chi bộ công an (98,04%)."
        assert narrate(self.TALLY, year=2025).text == f"Xã, phường, đặc khu: {items}"
        assert narrate(self.TALLY, year=2024).text == f"Xã, phường, thị trấn: {items}"
        assert narrate(self.TALLY).text == f"Xã, phường, thị trấn: {items}"
        assert narrate(self.TALLY, year=2026, locale="en").text == (
            "Communes, wards and special zones: 102/102 with a military party cell (100%) "
            "and 100/102 with a police party cell (98.04%)."
        )

    def test_a_rollup_before_the_first_of_july(self) -> None:
        tree = OrgTree.build([Organization("t", "Đảng bộ tỉnh X", OrgKind.DANG_BO_TINH)])
        on = {
            day: Rollup.from_tallies(tree, {"t": self.TALLY}, year=2025, as_of=day)
            for day in (date(2025, 6, 30), date(2025, 7, 1))
        }
        before, after = (narrate(r).sentences[-1].text for r in on.values())
        assert before.startswith("Xã, phường, thị trấn: ")
        assert after.startswith("Xã, phường, đặc khu: ")


@pytest.mark.parametrize(
    ("threshold", "english"),
    [
        # 1/7 rounded is "14.29%", above 1/7: 220/1.539 (14,295…%) would "meet more
        # than 14.29%" while printed "14.29%".
        (Fraction(1, 7), "Against the target of more than 1/7: met."),
        # Three places: "92.13%" would be a bar the rule does not compare with.
        (Fraction(92125, 100000), "more than 92.125%: not met, short by 1,198 party members."),
    ],
)
def test_an_english_target_is_written_as_the_rule_compares(
    threshold: Fraction, english: str
) -> None:
    from coso_dang.rules import RuleSet, ShareAboveRule

    rule = ShareAboveRule(ratio="ty_le_ket_nap", threshold=threshold)
    tally = Tally(ket_nap=220, dang_vien_cuoi_nam_truoc=1539)
    text = narrate(tally, checks=RuleSet("X", (rule,)).check(tally), locale="en").text
    assert text.splitlines()[-1].endswith(english)


class TestAboveTheBand:
    """ "từ 3 - 4%" is a band: above 4% is reported as exceeding it ("vượt"), not failed.
    The rule said "đạt chỉ tiêu từ 3 - 4%, vượt mức trên 4%", and the report's admission
    sentence, which takes the rule's verdict in, printed only "đạt" (in English "met")."""

    def test_admissions_above_the_band_say_so(self) -> None:
        # 358 admitted over 4.704 members at 31/12: 7,61%, above "từ 3 - 4%".
        tally = Tally(ket_nap=358, dang_vien_cuoi_nam_truoc=4704)
        checks = NQ21_2025.check(tally)
        assert narrate(tally, checks=checks).text.endswith(
            "So với chỉ tiêu từ 3 - 4%: đạt, vượt mức trên 4%."
        )
        assert narrate(tally, checks=checks, locale="en").text.endswith(
            "Against the target of 3%–4%: met, above the upper end of 4%."
        )

    def test_admissions_at_the_top_of_the_band_do_not(self) -> None:
        # 40/1.000 is exactly 4%: inside the band, its top included.
        tally = Tally(ket_nap=40, dang_vien_cuoi_nam_truoc=1000)
        assert narrate(tally, checks=NQ21_2025.check(tally)).text.endswith(
            "So với chỉ tiêu từ 3 - 4%: đạt."
        )

    def test_an_english_verdict_on_a_published_rate(self) -> None:
        figures = Figures(shares={"ty_le_ket_nap": "7,61%"})
        text = narrate(figures, checks=NQ21_2025.check(figures), locale="en").text
        assert "3–4% of the membership: met, above the upper end of 4%; observed 7.61%" in text

    def test_a_count_band_in_english_keeps_both_ends(self) -> None:
        """ "từ 90 - 100 đảng viên" was written "target 90" in English."""
        from coso_dang.rules import RuleSet
        from coso_dang.rules.generic import CountAtLeastRule

        rule = CountAtLeastRule(indicator="ket_nap", minimum=90, maximum=100)
        tally = Tally(ket_nap=120)
        text = narrate(tally, checks=RuleSet("X", (rule,)).check(tally), locale="en").text
        assert ": met, above the upper end of 100; observed 120; target 90–100;" in text


def test_the_verdict_table_names_the_target_of_a_rule_without_data() -> None:
    """A rule judged "thiếu số liệu" still asks for what it asks: the table's "Yêu cầu"
    printed "—" beside "100% thôn, tổ dân phố có đảng viên"."""
    tally = Tally(ket_nap=30, dang_vien_cuoi_nam_truoc=1000)
    (table,) = narrate(tally, checks=NQ21_2025.check(tally)).tables
    required = {row[1].text: row[4].text for row in table.rows}
    assert required["100% thôn, tổ dân phố có đảng viên"] == "100%"
    assert required["Trên 90% tổ chức cơ sở đảng xếp loại từ hoàn thành tốt nhiệm vụ trở lên"] == (
        "trên 90%"
    )


@pytest.mark.parametrize(("htxsnv", "shown"), [(0, "0/0"), (3, "3/0")])
def test_a_quota_over_no_one_prints_its_counts_not_a_share(htxsnv: int, shown: str) -> None:
    """HTXSNV "không vượt quá 20%" of no HTTNV has no share: the rule says "3/0 đảng viên
    (không có đảng viên nào làm căn cứ tính hạn mức)", but the verdict table printed
    "300,00%" ("0,00%" for 0 of 0), the English verdict "observed 300%", the checks' HTML
    "300%" and the table of units short "... 300% (chỉ tiêu ...)"."""
    from coso_dang import Evaluation, Member, Rating
    from coso_dang.rules import QD124

    tally = Tally(dang_vien_htxsnv=htxsnv, dang_vien_httnv=0, dang_vien_htnv=0)
    (rule,) = [r for r in QD124.rules if r.code == "qd124.htxsnv_quota"]
    checks = Report("Thử", (rule.check(tally),))
    for locale in ("vi", "en"):
        narrative = narrate(tally, checks=checks, locale=locale)
        (row,) = narrative.tables[-1].rows
        assert row[3].text == shown
        assert row[3].value is None  # no share to give as the value either
        assert "%" not in narrative.text.replace("20%", "")
    assert f"observed {shown};" in narrate(tally, checks=checks, locale="en").text
    assert f"<td>{shown}</td>" in checks.to_html()
    assert "300%" not in checks.to_html()

    members = [Member(f"m{n}", "Lê Văn An", "c", admitted_on=date(2000, 1, 1)) for n in range(3)]
    tree = OrgTree.build(
        [
            Organization("h", "Đảng bộ huyện H", OrgKind.DANG_BO_CAP_TREN_CO_SO),
            Organization("c", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO, "h"),
        ],
        members,
    )
    ratings = [Evaluation(m.id, 2024, Rating.HTXSNV) for m in members]
    rolled = rollup(tree, year=2024, evaluations=ratings)
    short = narrate(rolled, checks=QD124.check(rolled, year=2024)).tables[-1]
    (unit,) = short.rows
    assert "hoàn thành tốt nhiệm vụ 3/0 (chỉ tiêu" in unit[1].text
    assert "%" not in unit[1].text.replace("20%", "")


def test_the_table_of_units_lists_those_of_the_period() -> None:
    """A chi bộ dissolved in 2023 and one founded in 2025 were rows of zeros in the 2024
    report (and bars of the chart), beside "Đảng bộ xã X có 2 chi bộ trực thuộc". One
    dissolved during 2024 existed in it: it keeps its row."""
    organizations = [
        Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
        Organization("c1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "x"),
        Organization(
            "c2", "Chi bộ thôn 2", OrgKind.CHI_BO_TRUC_THUOC, "x", dissolved_on=date(2024, 1, 1)
        ),
        Organization(
            "c3", "Chi bộ thôn 3", OrgKind.CHI_BO_TRUC_THUOC, "x", founded_on=date(2025, 3, 1)
        ),
        Organization(
            "c4", "Chi bộ thôn 4", OrgKind.CHI_BO_TRUC_THUOC, "x", dissolved_on=date(2024, 7, 1)
        ),
        Organization(
            "c5", "Chi bộ thôn 5", OrgKind.CHI_BO_TRUC_THUOC, "x", founded_on=date(2024, 12, 31)
        ),
    ]
    good = Tally(dang_vien_htxsnv=1, dang_vien_httnv=8, dang_vien_htnv=1, dang_vien_khtnv=0)
    tree = OrgTree.build(organizations)
    rolled = Rollup.from_tallies(tree, {"c1": good, "c5": good}, year=2024)
    narrative = narrate(rolled)
    names = [row[0].text for row in narrative.tables[0].rows]
    assert names == ["Chi bộ thôn 1", "Chi bộ thôn 4", "Chi bộ thôn 5", "Tổng cộng"]
    assert narrative.chart is not None
    assert [bar.label for bar in narrative.chart.bars] == names[:-1]
    # To 30/6/2024 the chi bộ founded on 31/12/2024 did not exist yet.
    half = Rollup.from_tallies(tree, {"c1": good}, year=2024, as_of=date(2024, 6, 30))
    assert [row[0].text for row in narrate(half).tables[0].rows] == [
        "Chi bộ thôn 1",
        "Chi bộ thôn 4",
        "Tổng cộng",
    ]


@pytest.mark.parametrize(
    ("published", "said"),
    [
        ("gần 90% trở lên", "about 90% or more"),
        ("khoảng 92% trở lên", "about 92% or more"),
        ("khoảng 5% trở xuống", "about 5% or less"),
        ("từ 90% trở lên", "90% or more"),
        ("khoảng 1%", "about 1%"),
    ],
)
def test_english_keeps_an_approximate_bound_approximate(published: str, said: str) -> None:
    """ "khoảng 92% trở lên" is from about 87,4% up: said "92% or more", it lay wholly
    above "trên 90%", beside a verdict left undetermined on it; "khoảng 5% trở xuống",
    [0%; 6%], was "about 5%", a value of 4% to 6%."""
    figures = Figures(
        shares={"tccsd_httnv_tro_len": published}, name="X", kind=OrgKind.DANG_BO_CAP_TREN_CO_SO
    )
    text = narrate(figures, checks=NQ21_2025.check(figures, year=2024), year=2024, locale="en").text
    assert f": {said} of grassroots party organizations." in text
    assert f"observed {said};" in text


def test_an_organization_outside_the_period_is_not_reported_on_with_todays_members() -> None:
    """The report of a chi bộ founded in 2025 for 2024 said "có 20 đảng viên": its
    members, counted where their records put them today, in a year it did not exist.
    One sentence says why there is nothing to count; a chi bộ dissolved before the
    year likewise, and one that existed some day of the year keeps its sentences."""
    organizations = [
        Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
        Organization(
            "new", "Chi bộ thôn 3", OrgKind.CHI_BO_TRUC_THUOC, "x", founded_on=date(2025, 3, 1)
        ),
        Organization(
            "gone", "Chi bộ thôn 2", OrgKind.CHI_BO_TRUC_THUOC, "x", dissolved_on=date(2024, 1, 1)
        ),
        Organization(
            "late", "Chi bộ thôn 5", OrgKind.CHI_BO_TRUC_THUOC, "x", founded_on=date(2024, 12, 31)
        ),
    ]
    counts = Tally(dang_vien=20, dang_vien_chinh_thuc=20, dang_vien_du_bi=0)
    tree = OrgTree.build(organizations)
    rolled = Rollup.from_tallies(tree, {"new": counts, "gone": counts, "late": counts}, year=2024)
    new = narrate(rolled, "new")
    assert [s.text for s in new.sentences] == [
        "Chi bộ thôn 3 thành lập ngày 01/3/2025, sau kỳ báo cáo: năm 2024 chưa có tổ chức này"
        " để thống kê."
    ]
    assert not new.tables
    assert new.chart is None
    assert [s.text for s in narrate(rolled, "new", locale="en").sentences] == [
        "Chi bộ thôn 3 was founded on 1 March 2025, after the reporting period: it has no"
        " figures for 2024."
    ]
    assert [s.text for s in narrate(rolled, "gone").sentences] == [
        "Chi bộ thôn 2 đã giải thể ngày 01/01/2024, trước kỳ báo cáo: năm 2024 không còn tổ"
        " chức này để thống kê."
    ]
    # Nor is it judged on them: the verdicts a pack gave it are left out with the counts.
    later = OrgTree.build(
        [
            Organization(
                "h",
                "Đảng bộ huyện Mới",
                OrgKind.DANG_BO_CAP_TREN_CO_SO,
                founded_on=date(2025, 3, 1),
            ),
            Organization(
                "c", "Chi bộ xã A", OrgKind.CHI_BO_CO_SO, "h", founded_on=date(2025, 3, 1)
            ),
        ]
    )
    rated = Tally(tccsd_htxsnv=0, tccsd_httnv=1, tccsd_htnv=0, tccsd_khtnv=0, dang_vien=20)
    early = Rollup.from_tallies(later, {"c": rated}, year=2024)
    checks = NQ21_2025.check(early, year=2024)
    assert any(r.subject.id == "h" and r.status is Status.PASS for r in checks)
    judged = narrate(early, "h", checks=checks)
    assert [s.topic for s in judged.sentences] == ["structure"]
    assert "sau kỳ báo cáo" in judged.text
    assert not judged.tables
    # A unit dated before it (a record typed so) gives it no table or chart either.
    older = OrgTree.build(
        [
            Organization(
                "h",
                "Đảng bộ huyện Mới",
                OrgKind.DANG_BO_CAP_TREN_CO_SO,
                founded_on=date(2025, 3, 1),
            ),
            Organization(
                "c", "Chi bộ xã A", OrgKind.CHI_BO_CO_SO, "h", founded_on=date(2020, 3, 1)
            ),
        ]
    )
    alone = narrate(Rollup.from_tallies(older, {"c": rated}, year=2024), "h")
    assert [s.topic for s in alone.sentences] == ["structure"]
    assert not alone.tables
    assert alone.chart is None
    assert "20 đảng viên" in narrate(rolled, "late").text
    # To 30/6/2024 the chi bộ founded on 31/12/2024 did not exist yet.
    half = Rollup.from_tallies(tree, {"late": counts}, year=2024, as_of=date(2024, 6, 30))
    assert "20 đảng viên" not in narrate(half, "late").text
    assert "sau kỳ báo cáo" in narrate(half, "late").text


@pytest.mark.parametrize(
    ("first", "last", "english", "vietnamese"),
    [(2022, None, "from 2022", "từ 2022"), (None, 2030, "until 2030", "đến 2030")],
)
def test_an_open_period_in_force_is_written_in_the_reports_language(
    first: int | None, last: int | None, english: str, vietnamese: str
) -> None:
    """The note under the targets table gave a basis in force from a year on (Bình
    Thuận's "từ 2022", 366-QĐ/TW's "từ 2025") in Vietnamese in an English report."""
    from typing import ClassVar

    from attrs import frozen

    from coso_dang.rules import Basis, RuleSet, ShareAboveRule

    @frozen
    class _Open(ShareAboveRule):
        code: ClassVar[str] = f"test.report.open_basis_{first}_{last}"
        title: ClassVar[str] = "Tỷ lệ TCCSĐ HTTNV trở lên"
        basis: ClassVar[Basis] = Basis(None, "", first, last, source="Kết luận")

    @frozen
    class _Closed(ShareAboveRule):
        code: ClassVar[str] = f"test.report.closed_basis_{first}_{last}"
        title: ClassVar[str] = "Tỷ lệ đảng viên HTTNV trở lên"
        basis: ClassVar[Basis] = Basis(None, "", 2020, 2021, source="Kết luận")

    demo = load_demo()
    result = rollup(demo.tree(), year=demo.year, evaluations=demo.evaluations)
    one = RuleSet("Thử", [_Open(ratio="tccsd_httnv_tro_len", threshold=Fraction(9, 10))])
    both = RuleSet(
        "Thử",
        [
            _Open(ratio="tccsd_httnv_tro_len", threshold=Fraction(9, 10)),
            _Closed(ratio="dang_vien_httnv_tro_len", threshold=Fraction(9, 10)),
        ],
    )
    for checks in (one, both):  # one period in a note, and periods by row
        for form in ("text", "md", "html"):
            english_text = narrate(result, checks=checks.check(result), locale="en").render(form)
            assert english in english_text
            assert vietnamese not in english_text
            vietnamese_text = narrate(result, checks=checks.check(result)).render(form)
            assert vietnamese in vietnamese_text
