"""Each class of bad input in docs/bad-input.md, as a test of what the library says."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coso_dang import (
    CosoDangError,
    Evaluation,
    Member,
    Organization,
    OrgKind,
    OrgTree,
    ParseError,
    RecordError,
    ResidentialUnit,
    Tally,
    TreeError,
)
from coso_dang.errors import record_kind, record_where
from coso_dang.io import REDACTED, LoadError, LoadResult, load_csv, load_json
from coso_dang.ratings import Rating
from coso_dang.testing import generate_province
from coso_dang.vi import parse_number, parse_percent
from coso_dang.vi.dates import parse_date
from coso_dang.vi.legacy import (
    LegacyEncodingError,
    convert_legacy,
    detect_legacy_encoding,
    encode_legacy,
    repair_misread_utf8,
)

XA = Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)
CB1 = Organization("cb1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")
CB2 = Organization("cb2", "Chi bộ thôn 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")
AN = Member("dv1", "Nguyễn Văn An", "cb1", admitted_on=date(2010, 3, 2))


def _csv(text: str, kind: str, *, validate: bool = False) -> LoadResult:
    return load_csv(io.StringIO(text, newline=""), kind=kind, validate=validate, progress=False)


class TestImpossibleDates:
    @pytest.mark.parametrize("text", ["30/02/2024", "31/4/2024", "29/02/2023", "0/1/2024"])
    def test_parse(self, text: str) -> None:
        """A day that does not exist is a ParseError quoting the text."""
        with pytest.raises(ParseError) as caught:
            parse_date(text)
        assert repr(text) in str(caught.value)

    def test_admitted_before_born(self) -> None:
        """Admission on or before the birth date is a RecordError that hides the birth date."""
        with pytest.raises(RecordError) as caught:
            Member("dv1", "Nguyễn Văn An", "cb1", admitted_on=date(1990, 1, 1),
                   birth_date=date(1995, 5, 5))  # fmt: skip
        assert str(caught.value) == "Đảng viên 'dv1': admitted_on: không sau ngày sinh"
        assert caught.value.message("en") == "Member 'dv1': admitted_on: not after the birth date"
        assert "1995" not in str(caught.value)

    def test_ceremony_before_admission(self) -> None:
        """A ceremony before the admission decision names the field and value."""
        with pytest.raises(RecordError, match="ceremony_on = '2020-01-01': trước ngày vào Đảng"):
            Member("dv1", "Nguyễn Văn An", "cb1", admitted_on=date(2020, 3, 2),
                   ceremony_on=date(2020, 1, 1))  # fmt: skip

    def test_in_a_file(self) -> None:
        """In a file, an impossible date is its row's problem; a personal one is redacted."""
        text = (
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ngày sinh\r\n"
            "dv1,Nguyễn Văn An,cb1,31/02/2010,\r\n"
            "dv2,Lê Thị Hoa,cb1,02/03/2010,31/02/1990\r\n"
            "dv3,Trần Văn Minh,cb1,02/03/2010,14/07/1985\r\n"
        )
        result = _csv(text, "members")
        assert [m.id for m in result.dataset.members] == ["dv3"]
        assert [(p.row, p.column, p.value) for p in result.problems] == [
            (2, "Ngày vào Đảng", "31/02/2010"),
            (3, "Ngày sinh", REDACTED),
        ]


class TestTreeShape:
    def test_unknown_parent(self) -> None:
        """An unknown parent is named with the organization and the missing id."""
        orphan = Organization("cb1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa-cu")
        with pytest.raises(TreeError) as caught:
            OrgTree.build([XA, orphan])
        problem = caught.value.problems[0]
        assert (problem.where, problem.field, problem.value, problem.reason) == (
            "Tổ chức 'cb1'",
            "parent_id",
            "xa-cu",
            "không có tổ chức cấp trên mang mã này",
        )

    def test_cycle(self) -> None:
        """A cycle is reported once, with its loop spelled out."""
        with pytest.raises(TreeError) as caught:
            OrgTree.build([
                Organization("a", "Đảng ủy Khối A", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="b"),
                Organization("b", "Đảng ủy Khối B", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="a"),
            ])  # fmt: skip
        assert [(p.value, p.reason) for p in caught.value.problems] == [
            ("a → b → a", "các tổ chức là cấp trên của nhau thành vòng")
        ]

    def test_every_problem_listed(self) -> None:
        """A tree with several problems lists them all, not just the first."""
        with pytest.raises(TreeError) as caught:
            OrgTree.build(
                [XA, XA, Organization("cb9", "Chi bộ 9", OrgKind.CHI_BO_TRUC_THUOC, parent_id="?")],
                [AN, Member("dv2", "Lê Thị Hoa", "khong-co", admitted_on=date(2011, 1, 1))],
            )
        reasons = sorted(p.reason for p in caught.value.problems)
        # The duplicate organization, the unknown parent, and both members' chi bộ
        # (dv1's "cb1" is not in this tree either).
        assert reasons == [
            "không có tổ chức cấp trên mang mã này",
            "không có tổ chức mang mã này",
            "không có tổ chức mang mã này",
            "mã bị trùng",
        ]


class TestRatings:
    @pytest.mark.parametrize("text", ["Khá", "Tốt", "A", "", "HTT NV X"])
    def test_unknown(self, text: str) -> None:
        """A rating that does not exist is a ParseError listing the real ones."""
        with pytest.raises(ParseError, match="HTXSNV, HTTNV, HTNV, KHTNV"):
            Rating.parse(text)

    def test_in_a_file(self) -> None:
        """In a file, an unknown rating is its row's problem and the other rows load."""
        result = _csv("Mã,Năm,Xếp loại\r\ndv1,2024,HTTNV\r\ndv2,2024,Khá\r\n", "evaluations")
        assert [e.subject_id for e in result.dataset.evaluations] == ["dv1"]
        assert [(p.row, p.column, p.value) for p in result.problems] == [(3, "Xếp loại", "Khá")]


class TestCounts:
    def test_parts_not_adding_up(self) -> None:
        """Parts that do not add up to their whole are reported, not refused."""
        problems = Tally(tccsd=737, dang_bo_co_so=263, chi_bo_co_so=475).problems()
        assert [str(p) for p in problems] == [
            "Tally: tccsd = '737': dang_bo_co_so + chi_bo_co_so = 738, không bằng số này"
        ]

    def test_part_above_whole(self) -> None:
        """A part larger than its whole is reported."""
        problems = Tally(dang_vien=100, ket_nap=120).problems(published=True)
        assert [p.reason for p in problems] == ["ket_nap = 120, lớn hơn số này"]

    def test_negative_count(self) -> None:
        """A negative count cannot be a tally."""
        with pytest.raises(RecordError, match="số đếm không được âm"):
            Tally(dang_vien=-1)


class TestNumberConventions:
    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("1,234.5", "lẫn hai cách viết"),
            ("1.23", "tách đúng ba chữ số"),
            ("1,2,3", "hơn một dấu phẩy thập phân"),
            ("12 345", "không phải số viết theo kiểu 1.234,5"),
        ],
    )
    def test_refused(self, text: str, reason: str) -> None:
        """English-style or malformed numbers are refused with the reason, never misread."""
        with pytest.raises(ParseError, match=reason) as caught:
            parse_number(text)
        assert repr(text) in str(caught.value)

    def test_percent(self) -> None:
        """A percentage with a decimal point is refused, with the Vietnamese form read."""
        with pytest.raises(ParseError):
            parse_percent("93.75%")
        assert parse_percent("93,75%") * 100 == parse_number("93,75")


class TestLegacyEncodings:
    @pytest.mark.parametrize(
        ("unicode", "tcvn3", "vni"),
        [
            ("Nguyễn Văn An", "NguyÔn V¨n An", "Nguyeãn Vaên An"),
            ("Đảng bộ xã Tân Lập", "§¶ng bé x· T©n LËp", "Ñaûng boä xaõ Taân Laäp"),
            ("Người", "Ng\xadêi", "Ngöôøi"),
            ("Hoàng Thị Thủy", "Hoµng ThÞ Thñy", "Hoaøng Thò Thuûy"),
            ("Lê Hữu Nghĩa", "Lª H÷u NghÜa", "Leâ Höõu Nghóa"),
            ("Trường Tiểu học", "Tr\xadêng TiÓu häc", "Tröôøng Tieåu hoïc"),
        ],
    )
    def test_both_ways(self, unicode: str, tcvn3: str, vni: str) -> None:
        """Published-chart words convert to Unicode and back, and are detected."""
        assert encode_legacy(unicode, "tcvn3") == tcvn3
        assert encode_legacy(unicode, "vni") == vni
        assert convert_legacy(tcvn3, "tcvn3") == unicode
        assert convert_legacy(vni, "vni") == unicode
        assert detect_legacy_encoding(tcvn3) == "tcvn3"
        assert detect_legacy_encoding(vni) == "vni"
        assert detect_legacy_encoding(unicode) is None

    @pytest.mark.parametrize(
        "text",
        ["Hoà Bình", "Cà Mau", "Tây Ninh", "Hà Nội", "An Giang", "Le Van An", "", "1.234,5",
         "Khóa XIII", "Nguyễn Thị Ánh", "Ông Bà", "Tôi là ai", "«Tốt»"],
    )  # fmt: skip
    def test_genuine_text_is_left_alone(self, text: str) -> None:
        """Genuine Unicode, even with only Latin-1 letters ("Hoà" is also VNI "Hồ"), is None."""
        assert detect_legacy_encoding(text) is None

    @pytest.mark.parametrize(
        "unicode", ["Đinh Minh Dung", "Đinh Thanh An", "Phan Kim Đinh", "Đoan Trinh"]
    )
    def test_vni_d_is_no_n_with_a_tone(self, unicode: str) -> None:
        """VNI writes Đ as "Ñ", which decomposes into an n and a tilde, the ngã tone: a
        name whose one Vietnamese letter is Đ ("Ñinh Minh Dung") read as Vietnamese
        as given, "ñinh" a syllable with its tone on the n, and was not detected."""
        vni = encode_legacy(unicode, "vni")
        assert detect_legacy_encoding(vni) == "vni"
        assert convert_legacy(vni, "vni") == unicode

    def test_generated_names(self) -> None:
        """On generated names: no genuine text flagged, 95% or more of legacy forms found."""
        data = generate_province(seed=3, scale=0.05)
        texts = {m.full_name for m in data.members} | {o.name for o in data.organizations}
        assert [t for t in texts if detect_legacy_encoding(t) is not None] == []
        for encoding in ("tcvn3", "vni"):
            forms = []
            for text in texts:
                try:
                    forms.append(encode_legacy(text, encoding))
                except LegacyEncodingError:
                    continue  # a capital with a tone mark: TCVN3 cannot write it
            found = sum(detect_legacy_encoding(form) == encoding for form in forms)
            assert found >= 0.95 * len(forms), (encoding, found, len(forms))

    def test_unknown_encoding(self) -> None:
        """An encoding other than tcvn3 or vni is the library's error."""
        with pytest.raises(LegacyEncodingError, match="'tcvn3' hoặc 'vni'"):
            convert_legacy("x", "viscii")  # type: ignore[arg-type]

    def test_tcvn3_has_no_toned_capitals(self) -> None:
        """TCVN3 cannot write a capital with a tone mark: encoding it is refused."""
        with pytest.raises(LegacyEncodingError, match="'Ả'"):
            encode_legacy("ĐẢNG", "tcvn3")


def _misread(text: str, codepage: str) -> str:
    """*text*'s UTF-8 bytes as Windows shows them in *codepage* (an undefined byte as the
    C1 control of its number)."""
    return "".join(bytes([b]).decode(codepage, errors="ignore") or chr(b) for b in text.encode())


class TestMisreadUtf8:
    """A UTF-8 file without a BOM opened in Excel and saved again: each letter's bytes
    read as Windows-1252 (or -1258) letters."""

    @pytest.mark.parametrize(
        ("misread", "meant"),
        [
            # ễ = E1 BB 85, ă = C4 83: the same in both code pages.
            ("Nguyá»…n VÄƒn An", "Nguyễn Văn An"),
            # ê = C3 AA, ị = E1 BB 8B, ì = C3 AC: C3 is Ã in 1252, Ă in 1258.
            ("LÃª Thá»‹ BÃ¬nh", "Lê Thị Bình"),
            ("LĂª Thá»‹ BĂ¬nh", "Lê Thị Bình"),
            # Đ = C4 90, whose 90 Windows-1252 leaves undefined; ả = E1 BA A3.
            ("Ä\x90áº£ng bá»™", "Đảng bộ"),
            # à = C3 A0: its no-break space trimmed off the cell's end.
            ("Tráº§n Thá»‹ HÃ", "Trần Thị Hà"),
        ],
    )
    def test_repaired(self, misread: str, meant: str) -> None:
        assert repair_misread_utf8(misread) == meant

    @pytest.mark.parametrize(
        "text",
        ["Hoà Bình", "Cà Mau", "Le Van An", "", "Khóa XIII", "Ông Bà", "«Tốt»", "Hoang Thi Ă",
         "Đào Văn Hà", "Lê Văn Â", "NguyÔn V¨n An", "Nguyeãn Vaên An", "Café ©"],
    )  # fmt: skip
    def test_genuine_text_is_left_alone(self, text: str) -> None:
        assert repair_misread_utf8(text) is None

    def test_generated_names(self) -> None:
        """No genuine name (composed or not) taken for a misreading; every misreading of one
        repaired, in either code page."""
        data = generate_province(seed=3, scale=0.05)
        texts = {m.full_name for m in data.members} | {o.name for o in data.organizations}
        assert [t for t in texts if repair_misread_utf8(t) is not None] == []
        decomposed = {unicodedata.normalize("NFD", t) for t in texts}
        assert [t for t in decomposed if repair_misread_utf8(t) is not None] == []
        for codepage in ("cp1252", "cp1258"):
            wrong = [t for t in texts if not t.isascii()]
            assert [t for t in wrong if repair_misread_utf8(_misread(t, codepage)) != t] == []

    @given(
        words=st.lists(
            st.text("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậềếểễệọồốổỗộờớởỡợừứửữựĐĂƯ",
                    min_size=1, max_size=7),
            min_size=1, max_size=4,
        ),
        codepage=st.sampled_from(["cp1252", "cp1258"]),
    )  # fmt: skip
    def test_any_vietnamese_words(self, words: list[str], codepage: str) -> None:
        """Any words with a letter past ASCII, misread, are repaired to themselves."""
        text = " ".join(words)
        expected = None if text.isascii() else text
        assert repair_misread_utf8(_misread(text, codepage)) == expected

    def test_loader_warns_with_the_repair(self) -> None:
        text = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\r\ndv1,Nguyá»…n VÄƒn An,cb1,02/03/2010\r\n"
        result = _csv(text, "members")
        assert [m.full_name for m in result.dataset.members] == ["Nguyá»…n VÄƒn An"]
        (problem,) = result.problems
        assert (problem.row, problem.column, problem.severity.value) == (2, "Họ và tên", "warning")
        assert "«Nguyễn Văn An»" in problem.reason
        assert "UTF-8" in problem.reason


class TestTruncatedFiles:
    def test_json(self) -> None:
        """A JSON document cut short is a LoadError naming the stream and line."""
        with pytest.raises(LoadError) as caught:
            load_json(io.StringIO('{"schema_version": 1, "members": [{"id": "dv1", "full_n'))
        problem = caught.value.problems[0]
        assert (problem.file, problem.row) == ("<stream>", 1)
        assert "JSON không hợp lệ" in problem.reason

    def test_csv(self) -> None:
        """A CSV file cut inside a row loads the rows before and names the cut one."""
        result = _csv("Mã,Năm,Xếp loại\r\ndv1,2024,HTTNV\r\ndv2,20", "evaluations")
        assert [e.subject_id for e in result.dataset.evaluations] == ["dv1"]
        assert [p.row for p in result.problems] == [3]
        assert "tệp bị cắt" in result.problems[0].reason

    def test_json_depth(self) -> None:
        """Nesting too deep is refused before parsing."""
        with pytest.raises(LoadError, match="quá giới hạn"):
            load_json(io.StringIO('{"schema_version": 1, "x": ' + "[" * 100 + "]" * 100 + "}"))


class TestWhereIsVietnamese:
    """A problem names its record in Vietnamese, and as before in English: the kind
    was the class name ("Organization 'cb1'") inside a Vietnamese message."""

    def test_tree_names_each_kind(self) -> None:
        unit = ResidentialUnit("t1", "Thôn Đông", "zz")
        with pytest.raises(TreeError) as caught:
            OrgTree.build([XA, CB1, CB1], [AN, AN], [unit])
        found = {(str(p.where), p.text("en").split(":")[0]) for p in caught.value.problems}
        assert found == {
            ("Tổ chức 'cb1'", "Organization 'cb1'"),
            ("Đảng viên 'dv1'", "Member 'dv1'"),
            ("Đơn vị dân cư 't1'", "ResidentialUnit 't1'"),
        }
        assert "Organization" not in str(caught.value)
        assert "Organization 'cb1'" in caught.value.message("en")

    def test_record_names_its_kind(self) -> None:
        with pytest.raises(RecordError) as caught:
            Evaluation("dv1", 2024, "HTTNV")  # type: ignore[arg-type]
        assert str(caught.value).startswith("Đánh giá 'dv1': rating: ")
        assert caught.value.message("en").startswith("Evaluation 'dv1': rating: ")

    @pytest.mark.parametrize("kind", ["Organization", "Member", "Evaluation", "ResidentialUnit"])
    def test_kind_read_back(self, kind: str) -> None:
        """The loader groups and locates problems by the kind a location names."""
        assert record_kind(record_where(kind, "x y")) == kind


class TestDuplicates:
    def test_same_member_twice(self) -> None:
        """The same member twice is a duplicate id."""
        with pytest.raises(TreeError) as caught:
            OrgTree.build([XA, CB1, CB2], [AN, AN])
        assert [str(p) for p in caught.value.problems] == [
            "Đảng viên 'dv1': id = 'dv1': mã bị trùng"
        ]
        assert caught.value.problems[0].text("en") == "Member 'dv1': id = 'dv1': duplicate id"

    def test_member_in_two_chi_bo(self) -> None:
        """A member in a second chi bộ is refused: the tree is not built."""
        again = Member("dv1", "Nguyễn Văn An", "cb2", admitted_on=date(2010, 3, 2))
        with pytest.raises(TreeError) as caught:
            OrgTree.build([XA, CB1, CB2], [AN, again])
        assert [(p.where, p.reason) for p in caught.value.problems] == [
            ("Đảng viên 'dv1'", "mã bị trùng")
        ]

    def test_member_in_two_chi_bo_in_a_file(self) -> None:
        """Loaded with validate=True, the second row is the problem."""
        text = (
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\r\n"
            "dv1,Nguyễn Văn An,cb1,02/03/2010\r\n"
            "dv1,Nguyễn Văn An,cb2,02/03/2010\r\n"
        )
        result = _csv(text, "members", validate=True)
        assert [(p.row, p.value) for p in result.problems if p.column == "Mã"] == [(3, "dv1")]

    def test_every_error_is_the_librarys(self) -> None:
        """All the errors above share one base, CosoDangError."""
        for error in (ParseError, RecordError, TreeError, LoadError, LegacyEncodingError):
            assert issubclass(error, CosoDangError)
