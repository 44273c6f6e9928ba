"""coso-dang danh-sach: the office's lists on the command line, their files and exit codes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coso_dang import Evaluation, Member, Organization, OrgKind, Rating
from coso_dang.cli import main
from coso_dang.dataset import Dataset
from coso_dang.io import dump
from coso_dang.members import LeaveReason


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A chi bộ with a 40-year member, a probationer, a transfer out and a KHTNV pair."""
    orgs = [Organization("cb", "Chi bộ Thôn 1", OrgKind.CHI_BO_CO_SO)]
    members = [
        Member("a", "Trần Văn An", "cb", admitted_on=date(1986, 9, 2)),
        Member("b", "Lê Thị Bình", "cb", admitted_on=date(2025, 7, 1),
               ceremony_on=date(2025, 7, 20)),
        Member("c", "Phạm Văn Cường", "cb", admitted_on=date(2000, 1, 1),
               left_on=date(2026, 8, 20), leave_reason=LeaveReason.CHUYEN_DI),
        Member("k", "Đỗ Văn Khánh", "cb", admitted_on=date(2000, 1, 1)),
    ]  # fmt: skip
    evs = [Evaluation("k", 2024, Rating.KHTNV), Evaluation("k", 2025, Rating.KHTNV)]
    path = tmp_path_factory.mktemp("lists") / "chi_bo.json"
    dump(Dataset(orgs, members, (), evs), path)
    return path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestLists:
    def test_badges_to_xlsx(
        self, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The 2/9/2026 round: the member reaching 40 years that day, written to XLSX."""
        target = tmp_path / "huy_hieu.xlsx"
        args = ["danh-sach", str(data), "--loai", "huy-hieu", "--dot", "2/9/2026"]
        code, out, _ = run([*args, "--output", str(target)], capsys)
        assert code == 0
        assert out.splitlines()[:3] == [
            "DANH SÁCH ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG ĐỢT 02/9/2026",
            "I. Huy hiệu 40 năm tuổi Đảng: 1 đồng chí",
            "1. Đồng chí Trần Văn An, Chi bộ Thôn 1; vào Đảng ngày 02/9/1986; "
            "đủ 40 năm tuổi Đảng ngày 02/9/2026",
        ]
        from openpyxl import load_workbook

        sheet = load_workbook(target).active
        assert sheet is not None
        assert sheet["C3"].value == "Trần Văn An"

    def test_due_official_to_csv(
        self, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A probationer whose mark falls in Q3 2026, with the chi bộ's deadline, to CSV."""
        target = tmp_path / "chinh_thuc.csv"
        args = ["danh-sach", str(data), "--loai", "chinh-thuc", "--dot", "30/9/2026"]
        code, out, _ = run([*args, "--tu", "1/7/2026", "--output", str(target)], capsys)
        assert code == 0
        # 20/7/2026 is a Monday: 30 working days, with Saturday 22/8 worked, end on 28/8.
        assert "đủ 12 tháng dự bị ngày 20/7/2026; chi bộ xét trước ngày 28/8/2026" in out
        rows = target.read_text(encoding="utf-8-sig").splitlines()
        assert rows[0].startswith("STT,Mã,Họ và tên")
        assert rows[1].startswith("1,b,Lê Thị Bình")

    def test_due_official_without_the_chi_bos_resolutions(
        self, data: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The data hold no chi bộ resolution: past the chi bộ's deadline (28/8/2026) a
        probationer with no decision was "chưa có nghị quyết chi bộ, quá hạn", though the
        chi bộ may have met in time and the committee have until 60 working days after.
        The line says what the data lack; past that latest deadline, it is overdue."""
        args = ["danh-sach", str(data), "--loai", "chinh-thuc", "--tu", "1/7/2026"]
        code, out, _ = run([*args, "--dot", "15/10/2026"], capsys)
        assert code == 0
        [line] = [x for x in out.splitlines() if "Lê Thị Bình" in x]
        assert "không có ngày nghị quyết chi bộ trong dữ liệu" in line
        assert "quá hạn" not in line
        code, out, _ = run([*args, "--dot", "31/12/2026"], capsys)
        assert code == 0
        [line] = [x for x in out.splitlines() if "Lê Thị Bình" in x]
        assert "chưa có quyết định của cấp ủy, quá hạn" in line

    def test_deadlines(self, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A transfer paper issued on 20/8/2026 is due within 30 days."""
        args = ["danh-sach", str(data), "--loai", "han-chuyen", "--dot", "30/9/2026"]
        code, out, _ = run(args, capsys)
        assert code == 0
        assert "Nộp giấy giới thiệu sinh hoạt đảng: đồng chí Phạm Văn Cường" in out
        assert "hạn 19/9/2026 — quá hạn" in out

    def test_removal(self, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """KHTNV in 2024 and 2025: a removal candidate in the 2025 check."""
        args = ["danh-sach", str(data), "--loai", "xoa-ten", "--dot", "31/12/2025"]
        code, out, _ = run(args, capsys)
        assert code == 0
        assert "1. Đỗ Văn Khánh: Xếp loại không hoàn thành nhiệm vụ năm 2024 và năm 2025" in out

    def test_dues(self, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The dues book from CSV; a bad row stops with exit 2 and names the row."""
        profiles = tmp_path / "dang_phi.csv"
        profiles.write_text("Mã,Đối tượng,Thu nhập\nk,bao_hiem,6000000\n", encoding="utf-8")
        paid = tmp_path / "da_nop.csv"
        paid.write_text("Mã,Tháng,Số tiền\nk,2/2026,60000\n", encoding="utf-8")
        args = ["danh-sach", str(data), "--loai", "dang-phi", "--dot", "30/4/2026"]
        code, out, _ = run([*args, "--dang-phi", str(profiles), "--da-nop", str(paid)], capsys)
        assert code == 0
        assert "Đồng chí Đỗ Văn Khánh: 60.000 đ/tháng; còn nợ 120.000 đ." in out
        profiles.write_text("Mã,Đối tượng,Thu nhập\nk,bao_hiem,sáu triệu\n", encoding="utf-8")
        code, _, err = run([*args, "--dang-phi", str(profiles)], capsys)
        assert code == 2
        assert "dang_phi.csv, dòng 2, cột Thu nhập" in err
        assert "sáu triệu" not in err
        code, _, err = run([*args, "--dang-phi", str(tmp_path / "khong_co.csv")], capsys)
        assert (code, "không tìm thấy tệp" in err) == (2, True)

    def test_dues_before_the_rules(
        self, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Dues before 02/2026: a Vietnamese error line, exit 2."""
        profiles = tmp_path / "dang_phi.csv"
        profiles.write_text("Mã,Đối tượng,Thu nhập\nk,bao_hiem,6000000\n", encoding="utf-8")
        args = ["danh-sach", str(data), "--loai", "dang-phi", "--dot", "31/12/2025"]
        code, _, err = run([*args, "--dang-phi", str(profiles)], capsys)
        assert code == 2
        assert err == (
            "coso-dang: lỗi: quy định đảng phí áp dụng từ tháng 02/2026, "
            "không áp dụng cho tháng 12/2025\n"
        )

    @pytest.mark.parametrize(
        ("extra", "says"),
        [
            (["--dot", "31/2/2026"], "không đọc được ngày"),
            (["--dot", "2/9/2026", "--output", "x.txt"], ".csv hoặc .xlsx"),
            (["--dot", "2/9/2026", "--loai", "khac"], "không có lựa chọn 'khac'"),
        ],
    )
    def test_bad_input(
        self, data: Path, extra: list[str], says: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A bad day, a bad output suffix or an unknown list: exit 2, nothing written."""
        args = ["danh-sach", str(data), "--loai", "huy-hieu", *extra]
        code, out, err = run(args, capsys)
        assert code == 2
        assert says in err or says in out
        assert not Path("x.txt").exists()


class TestRegisters:
    def test_badges_with_member_facts(
        self, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A badge recorded as awarded is not proposed; a bad discipline row stops."""
        facts = tmp_path / "ho_so.csv"
        facts.write_text('Mã,Huy hiệu đã tặng,Kỷ luật\na,"30, 40",\n', encoding="utf-8")
        args = ["danh-sach", str(data), "--loai", "huy-hieu", "--dot", "2/9/2026"]
        code, out, _ = run([*args, "--ho-so", str(facts)], capsys)
        assert code == 0
        assert "Không có đảng viên nào đủ điều kiện" in out
        facts.write_text("Mã,Kỷ luật\na,cảnh cáo\na,nhắc nhở 1/5/2026\n", encoding="utf-8")
        code, _, err = run([*args, "--ho-so", str(facts)], capsys)
        assert code == 2
        assert "ho_so.csv, dòng 2, cột Kỷ luật: cần hình thức và ngày" in err
        assert "ho_so.csv, dòng 3, cột Kỷ luật: không đọc được giá trị" in err
        assert "nhắc nhở" not in err

    def test_removal_from_follow_up_and_dues(
        self, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Months absent from the follow-up file, months unpaid from the dues book."""
        follow = tmp_path / "theo_doi.csv"
        follow.write_text(
            "Mã,Năm,Số tháng bỏ sinh hoạt,Lý do chính đáng,Giúp đỡ từ ngày,Tiến bộ\n"
            "a,2026,3,,,\n"
            "b,2026,4,x,,\n"
            "k,2026,,,01/3/2025,không\n",
            encoding="utf-8",
        )
        profiles = tmp_path / "dang_phi.csv"
        profiles.write_text("Mã,Đối tượng,Thu nhập\nb,bao_hiem,5000000\n", encoding="utf-8")
        args = ["danh-sach", str(data), "--loai", "xoa-ten", "--dot", "30/6/2026"]
        code, out, _ = run([*args, "--theo-doi", str(follow), "--dang-phi", str(profiles)], capsys)
        assert code == 0
        assert out.splitlines() == [
            "ĐẢNG VIÊN THUỘC DIỆN XEM XÉT XÓA TÊN NĂM 2026",
            "1. Trần Văn An: Bỏ sinh hoạt 3 tháng trong năm 2026, không có lý do chính đáng: "
            "thuộc diện xem xét xóa tên.",
            "2. Đỗ Văn Khánh: Được giúp đỡ từ ngày 01/3/2025, sau 12 tháng không tiến bộ: "
            "thuộc diện xem xét xóa tên.",
        ]

    def test_dues_of_a_member_transferred_in(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A member transferred in on 12/6/2026 who paid June here: the months before,
        paid at the chi bộ it came from, are not unpaid here (they made 4 months unpaid
        through June and a removal candidate)."""
        from coso_dang.history import MemberEvent, MemberEventKind, TransferScope

        orgs = [Organization("cb", "Chi bộ Thôn 1", OrgKind.CHI_BO_CO_SO)]
        members = [Member("t", "Vũ Văn Tâm", "cb", admitted_on=date(2000, 1, 1))]
        events = [
            MemberEvent("t", MemberEventKind.CHUYEN_DI, date(2026, 6, 1), org_id="cbx",
                        other_org_id="cb", scope=TransferScope.TINH_KHAC),
            MemberEvent("t", MemberEventKind.CHUYEN_DEN, date(2026, 6, 12), org_id="cb",
                        other_org_id="cbx", scope=TransferScope.TINH_KHAC),
        ]  # fmt: skip
        path = tmp_path / "chi_bo.json"
        dump(Dataset(orgs, members, (), (), member_events=events), path)
        profiles = tmp_path / "dang_phi.csv"
        profiles.write_text("Mã,Đối tượng,Thu nhập\nt,bao_hiem,5000000\n", encoding="utf-8")
        paid = tmp_path / "da_nop.csv"
        paid.write_text("Mã,Tháng,Số tiền\nt,6/2026,50000\n", encoding="utf-8")
        books = ["--dang-phi", str(profiles), "--da-nop", str(paid)]
        args = ["danh-sach", str(path), "--loai", "dang-phi", "--dot", "30/6/2026", *books]
        code, out, _ = run(args, capsys)
        assert (code, out.splitlines()[1]) == (0, "1. Đồng chí Vũ Văn Tâm: 50.000 đ/tháng.")
        args = ["danh-sach", str(path), "--loai", "xoa-ten", "--dot", "30/6/2026", *books]
        code, out, _ = run(args, capsys)
        assert (code, out.splitlines()[1:3]) == (
            0, ["Không có đảng viên nào thuộc diện xem xét xóa tên.", "Chưa đủ số liệu để xem xét:"]
        )  # fmt: skip
        # No follow-up file: the months absent and the help given are not known, and the
        # list says so rather than "no candidate" alone; the dues book answers for June.
        assert "Dữ liệu không có hồ sơ theo dõi đảng viên năm 2026" in out
        assert "Vũ Văn Tâm" not in out

    def test_due_official_of_a_re_admitted_member(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A member re-admitted on 4/8/2025 is due to become official on 4/8/2026: the
        list reads the data's events (the record alone holds the first admission)."""
        from coso_dang.history import MemberEvent, MemberEventKind
        from coso_dang.members import InactivePeriod

        orgs = [Organization("cb", "Chi bộ Thôn 1", OrgKind.CHI_BO_CO_SO)]
        back = Member(
            "r", "Ngô Văn Rạng", "cb", admitted_on=date(2010, 3, 1),
            ceremony_on=date(2010, 3, 15), official_on=date(2011, 3, 20),
            inactive_periods=[InactivePeriod(date(2020, 5, 1), date(2025, 8, 4))],
        )  # fmt: skip
        events = [
            MemberEvent("r", MemberEventKind.KET_NAP, date(2010, 3, 1), org_id="cb"),
            MemberEvent("r", MemberEventKind.XOA_TEN, date(2020, 5, 1), org_id="cb"),
            MemberEvent("r", MemberEventKind.KET_NAP_LAI, date(2025, 8, 4), org_id="cb"),
        ]
        path = tmp_path / "chi_bo.json"
        dump(Dataset(orgs, [back], (), (), member_events=events), path)
        args = ["danh-sach", str(path), "--loai", "chinh-thuc", "--tu", "1/7/2026"]
        code, out, _ = run([*args, "--dot", "30/9/2026"], capsys)
        assert code == 0
        assert "1. Đồng chí Ngô Văn Rạng, Chi bộ Thôn 1: đủ 12 tháng dự bị ngày 04/8/2026" in out

    def test_dues_list_needs_the_book(self, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --dang-phi the dues list cannot be made: exit 2."""
        args = ["danh-sach", str(data), "--loai", "dang-phi", "--dot", "30/4/2026"]
        code, _, err = run(args, capsys)
        assert (code, "cần --dang-phi" in err) == (2, True)

    def test_a_book_without_rows(
        self, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A dues book with its header alone: the list said "cần --dang-phi" of the
        --dang-phi just given. Now the statement is made, nobody's dues known."""
        book = tmp_path / "dang_phi.csv"
        book.write_text("Mã,Đối tượng,Thu nhập\n", encoding="utf-8")
        args = ["danh-sach", str(data), "--loai", "dang-phi", "--dot", "30/4/2026"]
        code, out, err = run([*args, "--dang-phi", str(book)], capsys)
        assert (code, err) == (0, "")
        assert "Đồng chí Đỗ Văn Khánh: chưa xác định được mức đóng." in out

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("", "dang_phi.csv: tệp trống: không có dòng tiêu đề"),
            (
                "k,bao_hiem,6235001\nb,bao_hiem,5000000\n",
                "dang_phi.csv, dòng 1: dòng tiêu đề không có cột «Mã» (mã đảng viên)",
            ),
        ],
    )
    def test_a_book_without_its_header(
        self,
        data: Path,
        tmp_path: Path,
        text: str,
        reason: str,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """A book saved without its header row: each row was "member_id: không được để
        trống", the first row lost as a header; an empty file was a book of nobody. Now
        one problem names the file's fault, without quoting the first row (an income)."""
        book = tmp_path / "dang_phi.csv"
        book.write_text(text, encoding="utf-8")
        args = ["danh-sach", str(data), "--loai", "dang-phi", "--dot", "30/4/2026"]
        code, out, err = run([*args, "--dang-phi", str(book)], capsys)
        assert (code, out) == (2, "")
        assert (
            err
            == f"coso-dang: lỗi: dang_phi.csv: có dòng không đọc được\n  - {reason}\n  (1 lỗi)\n"
        )
        assert "6235001" not in err

    def test_a_folder_for_a_book(
        self, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A folder given as --dang-phi was "không tìm thấy tệp", though it is there."""
        args = ["danh-sach", str(data), "--loai", "dang-phi", "--dot", "30/4/2026"]
        code, _, err = run([*args, "--dang-phi", str(tmp_path)], capsys)
        assert (code, err) == (
            2,
            f"coso-dang: lỗi: {tmp_path}: là một thư mục, không phải tệp .csv\n",
        )


def test_days_the_office_adds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--ngay-nghi moves a ceremony's deadline by the day off the province declares."""
    orgs = [Organization("cb", "Chi bộ Thôn 1", OrgKind.CHI_BO_CO_SO)]
    members = [Member("n", "Mai Văn Nam", "cb", admitted_on=date(2026, 3, 2))]
    path = tmp_path / "moi.json"
    dump(Dataset(orgs, members), path)
    args = ["danh-sach", str(path), "--loai", "han-chuyen", "--dot", "30/4/2026"]
    code, out, _ = run(args, capsys)
    assert (code, "hạn 13/4/2026" in out) == (0, True)
    code, out, _ = run([*args, "--ngay-nghi", "10/4/2026"], capsys)
    assert (code, "hạn 14/4/2026" in out) == (0, True)
    code, out, _ = run([*args, "--ngay-nghi", "10/4/2026", "--ngay-lam", "11/4/2026"], capsys)
    assert (code, "hạn 13/4/2026" in out) == (0, True)


def test_output_on_an_input_refused(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list written over a register it read is refused (exit 2) and the file kept."""
    book = tmp_path / "dang_phi.csv"
    book.write_text("Mã,Đối tượng,Thu nhập\nk,bao_hiem,6000000\n", encoding="utf-8")
    args = ["danh-sach", str(data), "--loai", "dang-phi", "--dot", "30/4/2026"]
    code, _, err = run([*args, "--dang-phi", str(book), "--output", str(book)], capsys)
    assert (code, "dữ liệu vào" in err) == (2, True)
    assert book.read_text(encoding="utf-8").startswith("Mã,Đối tượng")


def test_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--strict makes a warning (an unknown column) an error here too: exit 2."""
    (tmp_path / "organizations.csv").write_text(
        "Mã,Tên,Loại tổ chức\ncb,Chi bộ Thôn 1,Chi bộ cơ sở\n", encoding="utf-8"
    )
    (tmp_path / "members.csv").write_text(
        "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ghi chú\na,Trần Văn An,cb,02/9/1986,x\n",
        encoding="utf-8",
    )
    args = ["danh-sach", str(tmp_path), "--loai", "huy-hieu", "--dot", "2/9/2026"]
    code, out, err = run(args, capsys)
    assert (code, "Trần Văn An" in out, "Ghi chú" in err) == (0, True, True)
    code, out, err = run([*args, "--strict"], capsys)
    assert (code, out, "Ghi chú" in err) == (2, "", True)


def test_badges_from_a_day_include_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--tu`` is "từ ngày", the day included, as chinh-thuc and han-chuyen read it: a
    catch-up list from 1/1/2026 holds the member reaching 30 years on 1/1/2026 (it
    listed only the badges due after that day, so that one was on no list), and a
    list of one day (``--tu`` = ``--dot``) holds the badges due that day."""
    orgs = [Organization("cb", "Chi bộ Thôn 1", OrgKind.CHI_BO_CO_SO)]
    members = [
        Member("a", "Trần Văn An", "cb", admitted_on=date(1996, 1, 1)),
        Member("b", "Lê Văn Bình", "cb", admitted_on=date(1996, 1, 2)),
        Member("c", "Phạm Văn Cường", "cb", admitted_on=date(1995, 12, 31)),
    ]
    path = tmp_path / "chi_bo.json"
    dump(Dataset(orgs, members, (), ()), path)
    args = ["danh-sach", str(path), "--loai", "huy-hieu"]
    code, out, _ = run([*args, "--dot", "3/2/2026", "--tu", "1/1/2026"], capsys)
    assert code == 0
    names = [line.split(",")[0] for line in out.splitlines() if line[:1].isdigit()]
    assert names == ["1. Đồng chí Trần Văn An", "2. Đồng chí Lê Văn Bình"]
    code, out, _ = run([*args, "--dot", "1/1/2026", "--tu", "1/1/2026"], capsys)
    assert code == 0
    assert "Đồng chí Trần Văn An" in out
    assert "Lê Văn Bình" not in out
    assert "Phạm Văn Cường" not in out


def test_register_rows_of_members_not_in_the_data(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A payment typed under a mistyped id ("kk" for "k") was dropped without a word,
    and the member it was meant for read as three months unpaid: a removal candidate.
    The list is still made, and a warning names the file and the ids it does not use;
    with --strict the command stops (exit 2), in English with --locale en."""
    profiles = tmp_path / "dang_phi.csv"
    profiles.write_text("Mã,Đối tượng,Thu nhập\nk,bao_hiem,6000000\n", encoding="utf-8")
    paid = tmp_path / "da_nop.csv"
    paid.write_text(
        "Mã,Tháng,Số tiền\nk,2/2026,60000\nkk,3/2026,60000\nkk,4/2026,60000\nzz,4/2026,1\n",
        encoding="utf-8",
    )
    args = ["danh-sach", str(data), "--loai", "dang-phi", "--dot", "30/4/2026"]
    args += ["--dang-phi", str(profiles), "--da-nop", str(paid)]
    code, out, err = run(args, capsys)
    assert code == 0
    assert "Đồng chí Đỗ Văn Khánh: 60.000 đ/tháng; còn nợ 120.000 đ." in out
    assert err == (
        "coso-dang: cảnh báo: da_nop.csv: 2 mã không có trong dữ liệu, các dòng của mã đó "
        "không được dùng: kk, zz\n"
    )
    code, out, err = run([*args, "--strict", "--locale", "en"], capsys)
    assert (code, out) == (2, "")
    assert "da_nop.csv: ids of members not in the data (2), their rows are not used: kk, zz" in err
    # Every register of the data's members: no warning.
    paid.write_text("Mã,Tháng,Số tiền\nk,2/2026,60000\n", encoding="utf-8")
    code, _, err = run(args, capsys)
    assert (code, err) == (0, "")


@pytest.mark.parametrize("kind", ["dang-phi", "xoa-ten"])
def test_a_start_day_for_a_yearly_list_is_refused(
    data: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The dues and the removal checks run over the year of --dot from its first month:
    "--tu 1/3/2026" was ignored without a word, and February still counted (unpaid)."""
    profiles = tmp_path / "dang_phi.csv"
    profiles.write_text("Mã,Đối tượng,Thu nhập\nk,bao_hiem,6000000\n", encoding="utf-8")
    args = ["danh-sach", str(data), "--loai", kind, "--dot", "30/4/2026", "--tu", "1/3/2026"]
    code, out, err = run([*args, "--dang-phi", str(profiles)], capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"coso-dang: lỗi: --tu không dùng với --loai {kind}: danh sách tính theo năm của "
        "--dot, từ đầu năm\n"
    )
    code, _, err = run([*args, "--dang-phi", str(profiles), "--locale", "en"], capsys)
    assert code == 2
    assert err.startswith("coso-dang: error: --tu is not used with --loai")


def test_register_problems_in_english(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--locale en is the language of the data's errors: a register's rows were listed
    in Vietnamese under an English heading ("some rows cannot be read"). Each row's
    problem is English now, but for the file's own column names and values."""
    profiles = tmp_path / "dang_phi.csv"
    profiles.write_text(
        "Mã,Đối tượng,Thu nhập,Giảm,Giảm từ,Giảm đến\n"
        "k,bao_hiem,sáu triệu,,,\n"
        "a,khong_co,6000000,,,\n"
        "b,,6000000,,,\n"
        "c,bao_hiem,6000000,40,1/2026,3/2026\n",
        encoding="utf-8",
    )
    args = ["danh-sach", str(data), "--loai", "dang-phi", "--dot", "30/4/2026"]
    code, _, err = run([*args, "--dang-phi", str(profiles), "--locale", "en"], capsys)
    assert code == 2
    assert err.splitlines() == [
        "coso-dang: error: dang_phi.csv: some rows cannot be read",
        "  - dang_phi.csv, row 2, column Thu nhập: cannot read the value",
        "  - dang_phi.csv, row 3, column Đối tượng: cannot read the value",
        "  - dang_phi.csv, row 4, column Đối tượng: required, must not be blank",
        "  - dang_phi.csv, row 5, column Giảm: not an allowed reduction",
        "  (4 errors)",
    ]
    profiles.write_text("Đối tượng,Thu nhập\nbao_hiem,6000000\n", encoding="utf-8")
    code, _, err = run([*args, "--dang-phi", str(profiles), "--locale", "en"], capsys)
    assert code == 2
    assert "  - dang_phi.csv, row 1: the header has no column «Mã» (the member id)" in err
    # In Vietnamese, as before.
    code, _, err = run([*args, "--dang-phi", str(profiles)], capsys)
    assert "  - dang_phi.csv, dòng 1: dòng tiêu đề không có cột «Mã» (mã đảng viên)" in err


@pytest.mark.parametrize(
    ("kind", "option", "value"),
    [
        ("xoa-ten", "--ho-so", "ho_so.csv"),
        ("dang-phi", "--ho-so", "ho_so.csv"),
        ("huy-hieu", "--theo-doi", "theo_doi.csv"),
        ("dang-phi", "--theo-doi", "theo_doi.csv"),
        ("huy-hieu", "--dang-phi", "dang_phi.csv"),
        ("chinh-thuc", "--da-nop", "da_nop.csv"),
        ("huy-hieu", "--ngay-nghi", "10/4/2026"),
        ("xoa-ten", "--ngay-lam", "11/4/2026"),
    ],
)
def test_an_option_the_list_does_not_read_is_refused(
    data: Path,
    tmp_path: Path,
    kind: str,
    option: str,
    value: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A register or a day the list does not read was left out without a word: a removal
    list given the discipline register (--ho-so) looked as if it had weighed it."""
    if value.endswith(".csv"):
        register = tmp_path / value
        register.write_text("Mã\nk\n", encoding="utf-8")
        value = str(register)
    args = ["danh-sach", str(data), "--loai", kind, "--dot", "30/4/2026", option, value]
    code, out, err = run(args, capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"coso-dang: lỗi: {option} không dùng với --loai {kind}: danh sách này không đọc nó\n"
    )
    code, _, err = run([*args, "--locale", "en"], capsys)
    assert code == 2
    assert err == (
        f"coso-dang: error: {option} is not used with --loai {kind}: that list does not read it\n"
    )


@pytest.mark.parametrize("name", ["members.csv", "Evaluations.CSV", "huy_hieu.csv"])
def test_an_output_among_the_tables_of_an_input_folder_is_refused(
    data: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder of CSV tables is read whole: ``--output du_lieu/members.csv`` replaced the
    members' table with the list (the data lost), and a new CSV there made the folder
    fail to load ("không biết tệp này chứa gì")."""
    folder = tmp_path / "du_lieu"
    assert main(["convert", str(data), str(folder)]) == 0
    capsys.readouterr()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    target = folder / name
    args = ["danh-sach", str(folder), "--loai", "huy-hieu", "--dot", "2/9/2026"]
    code, out, err = run([*args, "--output", str(target)], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(
        f"coso-dang: lỗi: không ghi ra {target}: tệp nằm trong thư mục dữ liệu vào {folder}"
    )
    code, _, err = run([*args, "--output", str(target), "--locale", "en"], capsys)
    assert code == 2
    assert err.startswith(f"coso-dang: error: not writing {target}: it is in the input data")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    for other in ("report", "thong-ke"):
        code, _, err = run([other, str(folder), "--output", str(folder / "x.csv")], capsys)
        assert code == 2
    # Elsewhere in the folder, or written on purpose with --force, it is written.
    assert run([*args, "--output", str(folder / "huy_hieu.xlsx")], capsys)[0] == 0
    assert run([*args, "--output", str(target), "--force"], capsys)[0] == 0


def test_the_line_saying_the_file_is_written_follows_locale(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The list stays Vietnamese, but the command's own line after it ("Đã ghi …") was
    Vietnamese under --locale en too, where its error lines are English."""
    args = ["danh-sach", str(data), "--loai", "huy-hieu", "--dot", "2/9/2026", "-q"]
    for locale, said in (("vi", "Đã ghi"), ("en", "Written:")):
        target = tmp_path / f"huy_hieu_{locale}.csv"
        code, out, _ = run([*args, "--output", str(target), "--locale", locale], capsys)
        assert code == 0
        assert out.startswith("DANH SÁCH ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG ĐỢT 02/9/2026\n")
        assert out.splitlines()[-1] == f"{said} {target}"
        assert target.exists()


@pytest.mark.parametrize("kind", ["huy-hieu", "chinh-thuc", "han-chuyen", "xoa-ten"])
def test_no_members_table_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """Data without a members table made every list "nobody is due", as if the
    organization had no member; refused now, naming the table. A table of a header
    alone is a list of no one."""
    org = Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)
    dump(Dataset(organizations=[org]), tmp_path / "csv")
    args = ["danh-sach", str(tmp_path / "csv"), "--loai", kind, "--dot", "2/9/2026"]
    code, _, _ = run(args, capsys)
    assert code == 0
    (tmp_path / "csv" / "members.csv").unlink()
    code, out, err = run(args, capsys)
    assert code == 2
    assert not out
    assert "không có bảng đảng viên" in err


@pytest.mark.parametrize(
    ("option", "kind", "columns"),
    [
        ("--ho-so", "huy-hieu", "«Huy hiệu đã tặng», «Kỷ luật»"),
        ("--theo-doi", "xoa-ten", "«Năm», «Số tháng bỏ sinh hoạt»"),
        ("--da-nop", "dang-phi", "«Tháng», «Số tiền»"),
    ],
)
def test_a_register_without_its_columns(
    data: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    option: str,
    kind: str,
    columns: str,
) -> None:
    """The members table given as ``--ho-so`` (or a register whose headers were all
    misspelt, "Huy hieu") was read as every member with no badge awarded and no
    discipline: the list was made, exit 0, without a word. The header is refused."""
    register = tmp_path / "so.csv"
    register.write_text("Mã,Họ và tên,Huy hieu\nk,Đỗ Văn Khánh,1996\n", encoding="utf-8")
    args = ["danh-sach", str(data), "--loai", kind, "--dot", "30/4/2026", option, str(register)]
    if kind == "dang-phi":  # the payments read against profiles that are right
        profiles = tmp_path / "dang_phi.csv"
        profiles.write_text("Mã,Đối tượng,Thu nhập\nk,bao_hiem,6000000\n", encoding="utf-8")
        args += ["--dang-phi", str(profiles)]
    code, out, err = run(args, capsys)
    assert (code, out) == (2, "")
    assert "so.csv, dòng 1: dòng tiêu đề không có cột nào của sổ này; cần «Mã» và các cột " in err
    assert columns in err
    code, _, err = run([*args, "--locale", "en"], capsys)
    assert code == 2
    assert "so.csv, row 1: the header has none of this register's columns" in err
