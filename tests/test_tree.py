"""OrgTree: every problem reported with its culprit, navigation, and laws on random trees."""

from __future__ import annotations

import ast
import re
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import organizations, trees

from coso_dang.errors import Problem, TreeError
from coso_dang.members import Member
from coso_dang.orgs import Organization, OrgKind, ResidentialUnit
from coso_dang.tree import ALLOWED_PARENTS, OrgTree, structure_problems

K = OrgKind


def org(ident: str, kind: OrgKind, parent: str | None = None, name: str = "") -> Organization:
    return Organization(ident, name or f"Tổ chức {ident}", kind, parent_id=parent)


def person(ident: str, org_id: str, to_dang_id: str | None = None) -> Member:
    return Member(ident, "Trần Thị Bình", org_id, date(2010, 3, 2), to_dang_id=to_dang_id)


def problems(
    orgs: list[Organization],
    members: list[Member] | None = None,
    units: list[ResidentialUnit] | None = None,
) -> list[tuple[str, str, str]]:
    """The (where, field, value) of every problem OrgTree.build reports."""
    with pytest.raises(TreeError) as caught:
        OrgTree.build(orgs, members or (), units or ())
    return [(p.where, p.field, p.value) for p in caught.value.problems]


# A small province: xã (đảng bộ cơ sở) with a đảng bộ bộ phận, chi bộ and a tổ đảng.
PROVINCE = [
    org("tinh", K.DANG_BO_TINH, name="Đảng bộ tỉnh Hòa Bình"),
    org("huyen", K.DANG_BO_CAP_TREN_CO_SO, "tinh", "Đảng bộ huyện Tân Lập"),
    org("xa", K.DANG_BO_CO_SO, "huyen", "Đảng bộ xã Phú Hưng"),
    org("cb1", K.CHI_BO_TRUC_THUOC, "xa", "Chi bộ Thôn 1"),
    org("bp", K.DANG_BO_BO_PHAN, "xa", "Đảng bộ bộ phận Khối trường"),
    org("cb2", K.CHI_BO_TRUC_THUOC, "bp", "Chi bộ Trường Mầm non"),
    org("cb3", K.CHI_BO_TRUC_THUOC, "xa", "Chi bộ Thôn 3"),
    org("to1", K.TO_DANG, "cb1", "Tổ đảng số 1"),
    org("cbcs", K.CHI_BO_CO_SO, "huyen", "Chi bộ Trường Tiểu học An Bình"),
    org("dd", K.DANG_DOAN, "tinh", "Đảng đoàn Hội đồng nhân dân tỉnh"),
]
MEMBERS = [
    person("dv1", "cb1", "to1"),
    person("dv2", "cb1"),
    person("dv3", "cb2"),
    person("dv4", "cbcs"),
]


@pytest.fixture
def tree() -> OrgTree:
    unit = ResidentialUnit("u1", "Thôn 1", commune_id="xa", chi_bo_id="cb1")
    return OrgTree.build(PROVINCE, MEMBERS, [unit])


class TestProblems:
    def test_duplicate_org_id(self) -> None:
        """A repeated organization id is reported."""
        orgs = [org("a", K.CHI_BO_CO_SO), org("a", K.CHI_BO_CO_SO)]
        assert problems(orgs) == [("Tổ chức 'a'", "id", "a")]

    def test_unknown_parent(self) -> None:
        """A parent id that names no organization is reported."""
        assert problems([org("a", K.CHI_BO_CO_SO, "nowhere")]) == [
            ("Tổ chức 'a'", "parent_id", "nowhere")
        ]

    def test_two_cycle(self) -> None:
        """Two organizations that are each other's parent make a cycle."""
        orgs = [org("a", K.DANG_BO_CAP_TREN_CO_SO, "b"), org("b", K.DANG_BO_CAP_TREN_CO_SO, "a")]
        assert problems(orgs) == [("Tổ chức 'a'", "parent_id", "a → b → a")]

    def test_three_cycle(self) -> None:
        """A three-step loop is one cycle, reported once."""
        orgs = [
            org("a", K.DANG_BO_CAP_TREN_CO_SO, "c"),
            org("b", K.DANG_BO_CAP_TREN_CO_SO, "a"),
            org("c", K.DANG_BO_CAP_TREN_CO_SO, "b"),
        ]
        found = problems(orgs)
        assert (len(found), found[0][1], sorted(found[0][2].split(" → ")[:3])) == (
            1,
            "parent_id",
            ["a", "b", "c"],
        )

    def test_node_under_cycle_not_a_cycle(self) -> None:
        """An organization hanging under a cycle is not reported as a cycle itself."""
        orgs = [
            org("a", K.DANG_BO_CAP_TREN_CO_SO, "b"),
            org("b", K.DANG_BO_CAP_TREN_CO_SO, "a"),
            org("leaf", K.CHI_BO_CO_SO, "a"),
        ]
        assert [where for where, _, _ in problems(orgs)] == ["Tổ chức 'a'"]

    @pytest.mark.parametrize(
        ("kind", "parent_kind"),
        [
            (K.TO_DANG, K.DANG_BO_CO_SO),
            (K.TO_DANG, K.DANG_BO_BO_PHAN),
            (K.CHI_BO_TRUC_THUOC, K.DANG_BO_CAP_TREN_CO_SO),
            (K.CHI_BO_TRUC_THUOC, K.CHI_BO_CO_SO),
            (K.DANG_BO_BO_PHAN, K.DANG_BO_CAP_TREN_CO_SO),
            (K.DANG_BO_BO_PHAN, K.DANG_BO_BO_PHAN),
            (K.DANG_BO_CO_SO, K.DANG_BO_CO_SO),
            (K.CHI_BO_CO_SO, K.DANG_BO_CO_SO),
            (K.DANG_BO_TINH, K.DANG_BO_TINH),
            (K.TRUNG_UONG, K.TRUNG_UONG),
            (K.CHI_BO_CO_SO, K.DANG_DOAN),
            (K.TO_DANG, K.DANG_DOAN),
            (K.DANG_DOAN, K.BAN_CAN_SU_DANG),
        ],
    )
    def test_impossible_nesting(self, kind: OrgKind, parent_kind: OrgKind) -> None:
        """A kind under a parent its rule does not allow is reported on the child."""
        orgs = [org("p", parent_kind), org("c", kind, "p")]
        assert problems(orgs) == [("Tổ chức 'c'", "parent_id", "p")]

    @pytest.mark.parametrize("kind", list(OrgKind))
    def test_allowed_nesting(self, kind: OrgKind) -> None:
        """Every pairing in ALLOWED_PARENTS builds."""
        orgs = [org(f"p{i}", parent) for i, parent in enumerate(ALLOWED_PARENTS[kind])]
        orgs += [org(f"c{i}", kind, p.id) for i, p in enumerate(orgs)]
        assert len(OrgTree.build(orgs)) == len(orgs)

    def test_nothing_under_beside_bodies(self) -> None:
        """Đảng đoàn and ban cán sự đảng may hold no kind at all."""
        beside = {K.DANG_DOAN, K.BAN_CAN_SU_DANG}
        assert [k for k, parents in ALLOWED_PARENTS.items() if parents & beside] == []

    def test_member_outside_chi_bo(self) -> None:
        """A member attached to a đảng bộ is reported."""
        orgs = [org("xa", K.DANG_BO_CO_SO)]
        assert problems(orgs, [person("dv1", "xa")]) == [("Đảng viên 'dv1'", "org_id", "xa")]

    def test_member_unknown_org(self) -> None:
        """A member of an unknown organization is reported."""
        orgs = [org("cb", K.CHI_BO_CO_SO)]
        assert problems(orgs, [person("dv1", "zz")]) == [("Đảng viên 'dv1'", "org_id", "zz")]

    def test_duplicate_member(self) -> None:
        """A repeated member id is reported."""
        orgs = [org("cb", K.CHI_BO_CO_SO)]
        members = [person("dv1", "cb"), person("dv1", "cb")]
        assert problems(orgs, members) == [("Đảng viên 'dv1'", "id", "dv1")]

    @pytest.mark.parametrize("group", ["zz", "cb", "to_other"])
    def test_bad_to_dang(self, group: str) -> None:
        """A tổ đảng that is unknown, not a tổ đảng, or another chi bộ's is reported."""
        orgs = [
            org("xa", K.DANG_BO_CO_SO),
            org("cb", K.CHI_BO_TRUC_THUOC, "xa"),
            org("cb_other", K.CHI_BO_TRUC_THUOC, "xa"),
            org("to_other", K.TO_DANG, "cb_other"),
        ]
        assert problems(orgs, [person("dv1", "cb", group)]) == [
            ("Đảng viên 'dv1'", "to_dang_id", group)
        ]

    def test_unit_unknown_commune(self) -> None:
        """A unit in an unknown commune is reported."""
        unit = ResidentialUnit("u1", "Thôn 1", commune_id="zz")
        assert problems([org("xa", K.DANG_BO_CO_SO)], units=[unit]) == [
            ("Đơn vị dân cư 'u1'", "commune_id", "zz")
        ]

    def test_unit_unknown_chi_bo(self) -> None:
        """A unit covered by an unknown chi bộ is reported."""
        unit = ResidentialUnit("u1", "Thôn 1", commune_id="xa", chi_bo_id="zz")
        assert problems([org("xa", K.DANG_BO_CO_SO)], units=[unit]) == [
            ("Đơn vị dân cư 'u1'", "chi_bo_id", "zz")
        ]

    def test_unit_covered_by_non_chi_bo(self) -> None:
        """A unit covered by a đảng bộ is reported."""
        unit = ResidentialUnit("u1", "Thôn 1", commune_id="xa", chi_bo_id="xa")
        assert problems([org("xa", K.DANG_BO_CO_SO)], units=[unit]) == [
            ("Đơn vị dân cư 'u1'", "chi_bo_id", "xa")
        ]

    def test_unit_covered_by_a_chi_bo_of_another_commune(self) -> None:
        """A unit is counted in its commune ("thôn có chi bộ"): a chi bộ of another
        commune was counted there as this commune's, without a word."""
        orgs = [
            org("huyen", K.DANG_BO_CAP_TREN_CO_SO),
            org("xa", K.DANG_BO_CO_SO, "huyen"),
            org("cb", K.CHI_BO_TRUC_THUOC, "xa"),
            org("xa2", K.DANG_BO_CO_SO, "huyen"),
            org("cb2", K.CHI_BO_TRUC_THUOC, "xa2"),
            org("cs", K.CHI_BO_CO_SO, "huyen"),  # a commune whose party body is a chi bộ
            org("bp", K.DANG_BO_BO_PHAN, "xa"),
            org("cb3", K.CHI_BO_TRUC_THUOC, "bp"),  # three levels under the district
        ]
        units = [
            ResidentialUnit("u1", "Thôn 1", commune_id="xa", chi_bo_id="cb2"),
            ResidentialUnit("u2", "Thôn 2", commune_id="xa", chi_bo_id="cs"),
            ResidentialUnit("u3", "Thôn 3", commune_id="xa", chi_bo_id="cb"),
            ResidentialUnit("u4", "Thôn 4", commune_id="cs", chi_bo_id="cs"),
            ResidentialUnit("u5", "Thôn 5", commune_id="huyen", chi_bo_id="cb2"),
            ResidentialUnit("u6", "Thôn 6", commune_id="huyen", chi_bo_id="cb3"),
            ResidentialUnit("u7", "Thôn 7", commune_id="xa", chi_bo_id="cb3"),
            ResidentialUnit("u8", "Thôn 8", commune_id="xa2", chi_bo_id="cb3"),
        ]
        assert problems(orgs, units=units) == [
            ("Đơn vị dân cư 'u1'", "chi_bo_id", "cb2"),
            ("Đơn vị dân cư 'u2'", "chi_bo_id", "cs"),
            ("Đơn vị dân cư 'u8'", "chi_bo_id", "cb3"),
        ]
        with pytest.raises(TreeError, match="không thuộc tổ chức đảng của xã"):
            OrgTree.build(orgs, (), units)

    def test_duplicate_unit(self) -> None:
        """A repeated unit id is reported."""
        units = [ResidentialUnit("u1", "Thôn 1", commune_id="xa")] * 2
        assert problems([org("xa", K.DANG_BO_CO_SO)], units=units) == [
            ("Đơn vị dân cư 'u1'", "id", "u1")
        ]

    def test_all_problems_at_once(self) -> None:
        """Five different problems are all listed."""
        orgs = [
            org("xa", K.DANG_BO_CO_SO),
            org("xa", K.DANG_BO_CO_SO),
            org("lost", K.CHI_BO_CO_SO, "nowhere"),
            org("bad", K.TO_DANG, "xa"),
        ]
        members = [person("dv1", "xa")]
        units = [ResidentialUnit("u1", "Thôn 1", commune_id="zz")]
        assert [field for _, field, _ in problems(orgs, members, units)] == [
            "id",
            "parent_id",
            "parent_id",
            "org_id",
            "commune_id",
        ]

    def test_message_counts_problems(self) -> None:
        """The error message says how many problems there are."""
        with pytest.raises(TreeError, match=r"^2 lỗi trong cây tổ chức"):
            OrgTree.build([org("a", K.CHI_BO_CO_SO, "x"), org("b", K.CHI_BO_CO_SO, "y")])

    def test_problem_is_a_record(self) -> None:
        """Problems are values with where, field, value and reason."""
        with pytest.raises(TreeError) as caught:
            OrgTree.build([org("a", K.CHI_BO_CO_SO, "x")])
        assert caught.value.problems[0] == Problem(
            "Tổ chức 'a'", "parent_id", "x", "không có tổ chức cấp trên mang mã này"
        )

    def test_forest_allowed(self) -> None:
        """Several roots make a valid forest."""
        tree = OrgTree.build([org("a", K.CHI_BO_CO_SO), org("b", K.DANG_BO_CO_SO)])
        assert [root.id for root in tree.roots] == ["a", "b"]


class TestNavigation:
    def test_parent(self, tree: OrgTree) -> None:
        """parent() is the organization above, None for a root."""
        parent = tree.parent("cb2")
        assert (parent.id if parent else None, tree.parent("tinh")) == ("bp", None)

    def test_children_in_input_order(self, tree: OrgTree) -> None:
        """children() keeps the input order."""
        assert [o.id for o in tree.children("xa")] == ["cb1", "bp", "cb3"]

    def test_children_of_leaf(self, tree: OrgTree) -> None:
        """A leaf has no children."""
        assert tree.children("cb3") == ()

    def test_children_unknown(self, tree: OrgTree) -> None:
        """An unknown id raises KeyError."""
        with pytest.raises(KeyError):
            tree.children("zz")

    def test_ancestors(self, tree: OrgTree) -> None:
        """ancestors() lists the chain up, nearest first."""
        assert [o.id for o in tree.ancestors("cb2")] == ["bp", "xa", "huyen", "tinh"]

    def test_subtree(self, tree: OrgTree) -> None:
        """subtree() is the organization and all below it, in pre-order."""
        assert [o.id for o in tree.subtree("xa")] == ["xa", "cb1", "to1", "bp", "cb2", "cb3"]

    def test_walk_pre(self, tree: OrgTree) -> None:
        """Pre-order visits parents before children."""
        assert [o.id for o in tree.walk()] == [
            "tinh", "huyen", "xa", "cb1", "to1", "bp", "cb2", "cb3", "cbcs", "dd",
        ]  # fmt: skip

    def test_walk_post(self, tree: OrgTree) -> None:
        """Post-order visits children before parents."""
        assert [o.id for o in tree.walk("xa", order="post")] == [
            "to1", "cb1", "cb2", "bp", "cb3", "xa",
        ]  # fmt: skip

    def test_walk_bad_order(self, tree: OrgTree) -> None:
        """An unknown order or organization raises at the call, not at the first step."""
        with pytest.raises(ValueError, match="order"):
            tree.walk(order="level")  # type: ignore[arg-type]
        with pytest.raises(KeyError):
            tree.walk("no-such-id")

    def test_members_of(self, tree: OrgTree) -> None:
        """members_of() gives a chi bộ's own members."""
        assert [m.id for m in tree.members_of("cb1")] == ["dv1", "dv2"]

    def test_members_of_recursive(self, tree: OrgTree) -> None:
        """recursive=True gathers every chi bộ below."""
        assert [m.id for m in tree.members_of("xa", recursive=True)] == ["dv1", "dv2", "dv3"]

    def test_members_of_non_chi_bo(self, tree: OrgTree) -> None:
        """A đảng bộ has no members of its own."""
        assert tree.members_of("xa") == ()

    def test_find_ignores_diacritics(self, tree: OrgTree) -> None:
        """find() matches without diacritics or case."""
        assert [o.id for o in tree.find("THON 1")] == ["cb1"]

    def test_find_with_diacritics(self, tree: OrgTree) -> None:
        """find() matches diacritic text too."""
        assert [o.id for o in tree.find("Tân Lập")] == ["huyen"]

    def test_len(self, tree: OrgTree) -> None:
        """len() counts organizations."""
        assert len(tree) == len(PROVINCE)

    def test_contains(self, tree: OrgTree) -> None:
        """`in` tests organization ids."""
        assert ("xa" in tree, "zz" in tree) == (True, False)

    def test_getitem(self, tree: OrgTree) -> None:
        """tree[id] is the organization."""
        assert tree["cb3"].name == "Chi bộ Thôn 3"

    def test_iter_is_pre_order(self, tree: OrgTree) -> None:
        """Iterating a tree walks it in pre-order."""
        assert [o.id for o in tree] == [o.id for o in tree.walk()]

    def test_repr(self, tree: OrgTree) -> None:
        """repr gives the counts and no personal data."""
        assert repr(tree) == (
            "<OrgTree: 10 organizations, 1 root(s), 4 members, 1 residential units>"
        )

    def test_member_count(self, tree: OrgTree) -> None:
        """member_count counts member records."""
        assert tree.member_count == 4

    def test_units(self, tree: OrgTree) -> None:
        """units keeps the residential units."""
        assert [u.id for u in tree.units] == ["u1"]


class TestLaws:
    @given(trees())
    @settings(max_examples=60, deadline=None)
    def test_generated_tree_builds(self, data: tuple[list[Organization], list[Member]]) -> None:
        """A generated tree always validates, with every member."""
        orgs, members = data
        assert OrgTree.build(orgs, members).member_count == len(members)

    @given(organizations())
    @settings(max_examples=60, deadline=None)
    def test_children_match_parent_ids(self, orgs: list[Organization]) -> None:
        """children(p) are exactly the organizations whose parent_id is p, in input order."""
        tree = OrgTree.build(orgs)
        assert {o.id: [c.id for c in tree.children(o.id)] for o in orgs} == {
            o.id: [c.id for c in orgs if c.parent_id == o.id] for o in orgs
        }

    @given(organizations())
    @settings(max_examples=60, deadline=None)
    def test_ancestors_end_at_a_root(self, orgs: list[Organization]) -> None:
        """Every ancestor chain ends at a root."""
        tree = OrgTree.build(orgs)
        ends = {(tree.ancestors(o.id) or (o,))[-1].parent_id for o in orgs}
        assert ends == {None}

    @given(organizations())
    @settings(max_examples=60, deadline=None)
    def test_pre_order_visits_once_parents_first(self, orgs: list[Organization]) -> None:
        """Pre-order visits each organization once, parents before children."""
        order = [o.id for o in OrgTree.build(orgs).walk()]
        position = {ident: i for i, ident in enumerate(order)}
        late = [o.id for o in orgs if o.parent_id and position[o.parent_id] > position[o.id]]
        assert (sorted(order), late) == (sorted(o.id for o in orgs), [])

    @given(organizations())
    @settings(max_examples=60, deadline=None)
    def test_post_order_children_first(self, orgs: list[Organization]) -> None:
        """Post-order visits each organization once, children before parents."""
        order = [o.id for o in OrgTree.build(orgs).walk(order="post")]
        position = {ident: i for i, ident in enumerate(order)}
        early = [o.id for o in orgs if o.parent_id and position[o.parent_id] < position[o.id]]
        assert (sorted(order), early) == (sorted(o.id for o in orgs), [])


@st.composite
def _broken(draw: st.DrawFn) -> tuple[list[Organization], list[Member], list[ResidentialUnit]]:
    """A generated forest, then members and units with ids given twice or thrice, unknown
    organizations, organizations that are no chi bộ and a duplicated organization."""
    orgs, members = draw(trees(max_size=12))
    ids = [o.id for o in orgs] + ["nowhere"]
    more = draw(st.lists(st.tuples(st.sampled_from(["dv0", "dv1", "x", "y"]),
                                   st.sampled_from(ids)), max_size=8))  # fmt: skip
    members += [Member(i, "Lê Văn An", org, admitted_on=date(2001, 1, 1)) for i, org in more]
    if draw(st.booleans()):
        orgs.append(orgs[0])
    units = [ResidentialUnit(f"u{i % 3}", "Thôn", draw(st.sampled_from(ids)))
             for i in range(draw(st.integers(0, 5)))]  # fmt: skip
    return draw(st.permutations(orgs)), draw(st.permutations(members)), units


@given(_broken())
@settings(max_examples=200, deadline=None)
def test_structure_problems_are_the_builds(
    data: tuple[list[Organization], list[Member], list[ResidentialUnit]],
) -> None:
    """The problems found without keeping a tree are the build's, in its order; an id
    given three times is named twice, as the build names it."""
    orgs, members, units = data
    try:
        OrgTree.build(orgs, members, units)
        expected: list[Problem] = []
    except TreeError as error:
        expected = list(error.problems)
    assert structure_problems(orgs, members, units) == expected
    ids = sorted(m.id for m in members)
    assert structure_problems(orgs, members, units, sorted_member_ids=ids) == expected


class TestHostileIds:
    """Ids that look alike but are not one id, and shapes no tree has."""

    @pytest.mark.parametrize("mark", ["\u200b", "\ufeff", "\u200e", "\u00ad", "\u2060", "\x00"])
    def test_invisible_character_in_an_organization_id(self, mark: str) -> None:
        """An organization "cb1" beside "cb1" holding a zero-width space (a BOM, a
        direction mark, a soft hyphen, a NUL) looked like one organization twice and
        was kept as two: every report showed two "cb1". The loaders refuse such an id;
        the build refuses it too, naming it escaped, with the reason in Vietnamese."""
        hidden = f"cb{mark}1"
        orgs = [org("xa", K.DANG_BO_CO_SO), org("cb1", K.CHI_BO_TRUC_THUOC, "xa"),
                org(hidden, K.CHI_BO_TRUC_THUOC, "xa")]  # fmt: skip
        unit = f"u{mark}1"
        units = [ResidentialUnit(unit, "Thôn 1", commune_id="xa")]
        with pytest.raises(TreeError) as caught:
            OrgTree.build(orgs, (), units)
        found = [(p.where, p.field, p.value) for p in caught.value.problems]
        assert found == [
            (f"Tổ chức {hidden!r}", "id", hidden),
            (f"Đơn vị dân cư {unit!r}", "id", unit),
        ]
        assert all("ký tự vô hình" in p.reason for p in caught.value.problems)
        assert repr(hidden)[1:-1] != hidden  # the message shows the mark escaped
        assert repr(hidden) in str(caught.value)
        assert structure_problems(orgs, (), units) == list(caught.value.problems)

    def test_case_and_forms(self) -> None:
        """NFC and NFD are one id (given twice); ids differing in case are two ids."""
        nfd = "ca\u0301"  # "cá" decomposed
        assert problems([org("cá", K.CHI_BO_CO_SO), org(nfd, K.CHI_BO_CO_SO)]) == [
            ("Tổ chức 'cá'", "id", "cá")
        ]
        tree = OrgTree.build([org("CB1", K.CHI_BO_CO_SO), org("cb1", K.CHI_BO_CO_SO)])
        assert [o.id for o in tree.roots] == ["CB1", "cb1"]

    def test_spaces_around_an_id(self) -> None:
        """An organization's or unit's id with spaces around it (a cell copied with them,
        a no-break space from a web page) looks like the id without them, and a CSV or
        Excel file reads it without them: "cb1 " and "cb1" were two organizations."""
        orgs = [
            org("cb1 ", K.CHI_BO_CO_SO),
            org("cb1", K.CHI_BO_CO_SO),
            org("\u00a0xa", K.DANG_BO_CO_SO),
        ]
        units = [ResidentialUnit(" th1", "Thôn 1", commune_id="cb1")]
        with pytest.raises(TreeError) as caught:
            OrgTree.build(orgs, (), units)
        found = [(p.where, p.field, p.value) for p in caught.value.problems]
        assert found == [
            ("Tổ chức 'cb1 '", "id", "cb1 "),
            ("Tổ chức '\\xa0xa'", "id", "\u00a0xa"),
            ("Đơn vị dân cư ' th1'", "id", " th1"),
        ]
        assert all("dấu cách ở đầu hoặc cuối" in p.reason for p in caught.value.problems)
        assert structure_problems(orgs, (), units) == list(caught.value.problems)
        tree = OrgTree.build([org("chi bộ 1", K.CHI_BO_CO_SO)])  # a space inside is the id's
        assert [o.id for o in tree.roots] == ["chi bộ 1"]

    def test_shapes_refused_by_id(self) -> None:
        """A chi bộ trực thuộc under a chi bộ, a tổ đảng directly under a đảng bộ, a
        member of a tổ đảng or of a đảng bộ, a cycle: each named by its id."""
        orgs = [
            org("cs", K.CHI_BO_CO_SO),
            org("cbtt", K.CHI_BO_TRUC_THUOC, "cs"),
            org("db", K.DANG_BO_CO_SO),
            org("to", K.TO_DANG, "db"),
            org("a", K.DANG_BO_CAP_TREN_CO_SO, "b"),
            org("b", K.DANG_BO_CAP_TREN_CO_SO, "a"),
        ]
        members = [person("m1", "to"), person("m2", "db"), person("m3", "khong-co")]
        assert problems(orgs, members) == [
            ("Tổ chức 'cbtt'", "parent_id", "cs"),
            ("Tổ chức 'to'", "parent_id", "db"),
            ("Tổ chức 'a'", "parent_id", "a → b → a"),
            ("Đảng viên 'm1'", "org_id", "to"),
            ("Đảng viên 'm2'", "org_id", "db"),
            ("Đảng viên 'm3'", "org_id", "khong-co"),
        ]

    def test_a_long_cycle_is_named_briefly(self) -> None:
        """A cycle of 100.000 organizations is found without recursion, and its message
        names where it starts and how long it is, not 100.000 ids (700 kB of text)."""
        n = 100_000
        orgs = [org(f"n{i}", K.DANG_BO_CAP_TREN_CO_SO, f"n{(i + 1) % n}") for i in range(n)]
        with pytest.raises(TreeError) as caught:
            OrgTree.build(orgs)
        (problem,) = caught.value.problems
        assert problem.where == "Tổ chức 'n0'"
        assert len(str(caught.value)) < 500
        assert "n0 → n1" in problem.value
        assert "100000 tổ chức" in problem.text()

    def test_deep_chain(self) -> None:
        """A chain 100.000 deep builds and walks without recursion."""
        n = 100_000
        orgs = [org("r", K.DANG_BO_TINH)]
        orgs += [org(f"n{i}", K.DANG_BO_CAP_TREN_CO_SO, f"n{i - 1}" if i else "r")
                 for i in range(n)]  # fmt: skip
        orgs.append(org("cb", K.CHI_BO_CO_SO, f"n{n - 1}"))
        tree = OrgTree.build(orgs, [person("m", "cb")])
        assert len(tree.ancestors("cb")) == n + 1
        assert len(tree.members_of("r", recursive=True)) == 1
        assert [o.id for o in tree.walk("r", order="post")][-1] == "r"


class TestAfter2025:
    """294-QĐ/TW (from 1/7/2025): no district level; communes sit under the province."""

    def test_communes_directly_under_the_province(self) -> None:
        orgs = [
            org("tinh", K.DANG_BO_TINH, name="Đảng bộ thành phố Đà Nẵng"),
            org("xa", K.DANG_BO_CO_SO, "tinh", "Đảng bộ xã Hòa Vang"),
            org("xa.cb1", K.CHI_BO_TRUC_THUOC, "xa", "Chi bộ thôn 1"),
            # A commune given the powers of the level above, with TCCSĐ under it.
            org("phuong", K.DANG_BO_CAP_TREN_CO_SO, "tinh", "Đảng bộ phường Hải Châu"),
            org("phuong.cs", K.CHI_BO_CO_SO, "phuong", "Chi bộ Trường Tiểu học"),
            org("phuong.db", K.DANG_BO_CO_SO, "phuong", "Đảng bộ Bệnh viện"),
            org("hoang-sa", K.CHI_BO_CO_SO, "tinh", "Chi bộ đặc khu Hoàng Sa"),
        ]
        tree = OrgTree.build(orgs, [person("dv1", "xa.cb1"), person("dv2", "hoang-sa")])
        assert [o.id for o in tree.ancestors("xa.cb1")] == ["xa", "tinh"]
        assert [o.id for o in tree.children("tinh")] == ["xa", "phuong", "hoang-sa"]

    def test_a_chi_bo_truc_thuoc_needs_a_dang_bo_co_so(self) -> None:
        """A chi bộ directly under the province or a commune given the powers above is a
        chi bộ cơ sở, never a chi bộ trực thuộc."""
        orgs = [
            org("tinh", K.DANG_BO_TINH),
            org("phuong", K.DANG_BO_CAP_TREN_CO_SO, "tinh"),
            org("a", K.CHI_BO_TRUC_THUOC, "tinh"),
            org("b", K.CHI_BO_TRUC_THUOC, "phuong"),
            org("c", K.DANG_BO_BO_PHAN, "phuong"),
        ]
        assert problems(orgs) == [
            ("Tổ chức 'a'", "parent_id", "tinh"),
            ("Tổ chức 'b'", "parent_id", "phuong"),
            ("Tổ chức 'c'", "parent_id", "phuong"),
        ]


class TestWrongRecords:
    """Records of the wrong kind given to the build (members and organizations swapped,
    a None from a failed look-up) raised AttributeError ("'Member' object has no
    attribute 'parent_id'"); each is now a problem naming the record and its kind."""

    def test_swapped_and_missing_records(self) -> None:
        cb = org("cb", K.CHI_BO_CO_SO)
        member = person("dv1", "cb")
        unit = ResidentialUnit("u1", "Thôn 1", commune_id="cb")
        with pytest.raises(TreeError) as caught:
            OrgTree.build([cb, member, None], [cb, member, unit, None], [member, unit])  # type: ignore[list-item]
        found = [(p.where, p.field, p.reason) for p in caught.value.problems]
        assert found == [
            ("Đảng viên 'dv1'", "organizations", "phải là Organization, không phải Member"),
            ("NoneType", "organizations", "phải là Organization, không phải NoneType"),
            ("Tổ chức 'cb'", "members", "phải là Member, không phải Organization"),
            ("Đơn vị dân cư 'u1'", "members", "phải là Member, không phải ResidentialUnit"),
            ("NoneType", "members", "phải là Member, không phải NoneType"),
            ("Đảng viên 'dv1'", "units", "phải là ResidentialUnit, không phải Member"),
        ]
        assert caught.value.message("en").startswith("6 problem(s) in the tree: Member 'dv1'")
        orgs: list[object] = [cb, member, None]
        members: list[object] = [cb, member, unit, None]
        assert structure_problems(orgs, members, [member, unit]) == list(caught.value.problems)  # type: ignore[arg-type]


class TestLookupsInAnyForm:
    """The build composes ids to NFC, so an id typed in NFD was one the tree refused to
    look up: ``tree[nfd]`` raised KeyError for an organization it showed. Every look-up
    by id now takes either form."""

    def test_nfd_ids_are_found(self) -> None:
        import unicodedata

        nfc = "xãĐông"
        nfd = unicodedata.normalize("NFD", nfc)
        assert nfd != nfc
        orgs = [org(nfc, K.DANG_BO_CO_SO), org("cb", K.CHI_BO_TRUC_THUOC, nfc)]
        tree = OrgTree.build(orgs, [person("dv1", "cb")])
        assert nfd in tree
        assert tree[nfd].id == nfc
        assert [o.id for o in tree.children(nfd)] == ["cb"]
        assert tree.parent(nfd) is None
        assert [o.id for o in tree.subtree(nfd)] == [nfc, "cb"]
        assert [o.id for o in tree.walk(nfd, order="post")] == ["cb", nfc]
        assert [m.id for m in tree.members_of(nfd, recursive=True)] == ["dv1"]
        assert tree.members_of(nfd) == ()
        with pytest.raises(KeyError):
            tree["khong-co"]
        assert 3 not in tree


_IDS = ["a", "b", "c", "A", "cá", "ca\u0301", "c\u200ba", "d\x00"]


@st.composite
def _hostile(draw: st.DrawFn) -> tuple[list[Organization], list[Member]]:
    """Organizations with any parent among look-alike ids (cycles, unknown parents,
    duplicates in NFD, case and invisible variants), and members of any of them."""
    orgs = []
    for ident in draw(st.lists(st.sampled_from(_IDS), max_size=10)):
        parent = draw(st.none() | st.sampled_from([i for i in _IDS if i != ident]))
        nfc = unicodedata.normalize
        if parent is not None and nfc("NFC", parent) == nfc("NFC", ident):
            parent = None  # the record itself refuses its own id as parent
        orgs.append(org(ident, draw(st.sampled_from(list(OrgKind))), parent))
    members = [
        person(f"dv{i}", draw(st.sampled_from(_IDS))) for i in range(draw(st.integers(0, 4)))
    ]
    return orgs, members


@given(_hostile())
@settings(max_examples=300, deadline=None)
def test_hostile_forests_give_a_tree_or_problems(
    data: tuple[list[Organization], list[Member]],
) -> None:
    """Any records give a tree or a TreeError (never another exception), whose every
    problem names a record given and whose message is Vietnamese."""
    orgs, members = data
    given_ids = {o.id for o in orgs} | {m.id for m in members}
    found: list[Problem] = []
    try:
        tree = OrgTree.build(orgs, members)
    except TreeError as error:
        found = list(error.problems)
        message = str(error)
    if not found:
        assert len(tree) == len(orgs)
        assert sorted(o.id for o in tree.walk(order="post")) == sorted(o.id for o in orgs)
        return
    for problem in found:
        named = re.fullmatch(r"(Tổ chức|Đảng viên) ('.*'|\".*\")", problem.where, re.DOTALL)
        assert named is not None, problem.where
        assert ast.literal_eval(named.group(2)) in given_ids
    assert message.startswith(f"{len(found)} lỗi trong cây tổ chức")


def test_structure_problems_of_members_given_once() -> None:
    """Members given as a generator (read once): the sort of their ids used it up, and
    the check then saw no member at all and found no problem ("all fine")."""
    orgs = [org("cb", K.CHI_BO_CO_SO)]
    members = [person("m", "khong-co"), person("m", "cb")]
    expected = [("Đảng viên 'm'", "org_id", "khong-co"), ("Đảng viên 'm'", "id", "m")]
    assert problems(orgs, members) == expected
    found = structure_problems(iter(orgs), (m for m in members))  # type: ignore[arg-type]
    assert [(p.where, p.field, p.value) for p in found] == expected
