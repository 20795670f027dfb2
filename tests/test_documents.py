"""What the documents say: units' texts grouped in the body and kept whole in an appendix,
nothing printed twice, the ranking's basis told truthfully, the Quyết định list by award."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from docx import Document

from pipeline.awards import assessed, award_lists, scoring_note
from pipeline.documents import directive_phrase, group_texts, grouped_lines, period_phrase
from pipeline.model import Directive, Period
from pipeline.report import check_inputs, make_report

ROOT = Path(__file__).resolve().parent.parent
NAMES = {"A": "Sở A", "B": "Sở B", "C": "Sở C", "D": "Sở D", "E": "Sở E", "SNV": "Sở Nội vụ"}


# --------------------------------------------------------------------------- grouping
def test_identical_texts_are_one_group_naming_every_unit():
    groups = group_texts([("A", "Biên chế còn thiếu."), ("B", "biên chế  còn thiếu"),
                          ("C", "Thu ngân sách đạt thấp."), ("D", "Biên chế còn thiếu;")])
    assert groups == [{"text": "Biên chế còn thiếu", "units": ["A", "B", "D"], "order": 0},
                      {"text": "Thu ngân sách đạt thấp", "units": ["C"], "order": 1}]


def test_nearly_identical_texts_are_one_group_and_different_ones_are_not():
    groups = group_texts([
        ("A", "Tiến độ giải phóng mặt bằng một số dự án còn chậm."),
        ("B", "Tiến độ giải phóng mặt bằng một số dự án còn chậm trễ."),
        ("C", "Tiến độ giải ngân vốn đầu tư công còn chậm.")])
    assert [g["units"] for g in groups] == [["A", "B"], ["C"]]


def test_texts_with_different_figures_are_never_one_group():
    groups = group_texts([("A", "Giải ngân vốn đầu tư công đạt 60% kế hoạch."),
                          ("B", "Giải ngân vốn đầu tư công đạt 80% kế hoạch.")])
    assert [g["units"] for g in groups] == [["A"], ["B"]]


def test_groups_are_sorted_by_weight_capped_and_the_author_is_not_named():
    entries = ([(u, "Đề nghị bổ sung biên chế.") for u in ("A", "B", "SNV")]
               + [(u, "Đề nghị hỗ trợ kinh phí.") for u in ("C", "D", "E", "A", "B")]
               + [("SNV", "Đề nghị tập huấn nghiệp vụ.")] + [("A", f"Ý kiến riêng {i}.") for i in range(9)])
    lines = grouped_lines(entries, NAMES, author="SNV", cap=3)
    assert lines == ["Đề nghị hỗ trợ kinh phí (5 đơn vị: Sở C, Sở D, Sở E, Sở A và Sở B)",
                     "Đề nghị bổ sung biên chế (Sở A và Sở B)",
                     "Ý kiến riêng 0 (Sở A)"]
    assert not any("Sở Nội vụ" in line for line in grouped_lines(entries, NAMES, "SNV", 20))
    assert "Đề nghị tập huấn nghiệp vụ" in grouped_lines(entries, NAMES, "SNV", 20)


def test_a_period_and_the_directive_read_as_official_text():
    assert period_phrase(Period.Q1, 2024) == "quý I năm 2024"
    assert period_phrase(Period.H1, 2024) == "6 tháng đầu năm 2024"
    directive = Directive(2024, "Chỉ thị của Chủ tịch UBND tỉnh về phát động thi đua năm 2024",
                          "01/CT-UBND ngày 15/01/2024", ())
    assert directive_phrase(directive) == ("Chỉ thị số 01/CT-UBND ngày 15/01/2024 của Chủ tịch "
                                           "UBND tỉnh về phát động thi đua năm 2024")


# --------------------------------------------------------------------------- the sample run
@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("documents")
    checked = check_inputs(ROOT / "input", ROOT / "config", 2024)
    make_report(checked, out, ROOT / "templates")
    return checked, out


def body_paragraphs(path: Path) -> list[str]:
    """Return the printed paragraphs outside tables (body and appendix headings)."""
    return [p.text.strip() for p in Document(str(path)).paragraphs if p.text.strip()]


def sentences(text: str) -> list[str]:
    """Return the sentences of 40 characters or more, and the clauses (between ";") of 80 or
    more: a list of names is a long clause, a verdict ("đánh giá: Đạt") a short one."""
    text = re.sub(r"\.{2,}", "_", text)           # a blank to fill ("số ....../QĐ") ends nothing
    whole = [s.strip() for s in re.split(r"(?<=\.)\s+", text) if len(s.strip()) >= 40]
    clauses = [c.strip(" .") for c in re.split(r";\s+", text) if len(c.strip(" .")) >= 80]
    return whole + [c for c in clauses if c not in whole]


def test_no_paragraph_or_sentence_is_printed_twice(sample):
    _, out = sample
    documents = sorted(out.glob("*.docx"))
    assert len(documents) == 11
    for path in documents:
        paragraphs = [p for p in body_paragraphs(path) if not p.startswith("(Kèm theo")]
        twice = [p for p, n in Counter(paragraphs).items() if n > 1 and len(p) > 20]
        assert twice == [], path.name
        repeated = [s for s, n in Counter(s for p in paragraphs for s in sentences(p)).items()
                    if n > 1]
        assert repeated == [], path.name


def test_no_list_of_units_longer_than_a_dozen_in_the_body(sample):
    checked, out = sample
    names = set(checked.config.units_title.values())
    for path in out.glob("*.docx"):
        run, longest = 0, 0
        for text in body_paragraphs(path):
            if text.startswith("Phụ lục"):
                break
            run = run + 1 if text.startswith("- ") and any(n in text for n in names) else 0
            longest = max(longest, run)
        assert longest <= 12, path.name


def test_the_body_groups_and_the_appendix_keeps_every_text(sample):
    checked, out = sample
    path = out / "bao_cao_tong_ket_thi_dua_2024.docx"
    text = "\n".join(body_paragraphs(path))
    assert "- Sở Nội vụ:" not in text and "Sở Nội vụ:" not in text
    assert "toàn văn ý kiến của từng đơn vị tại Phụ lục II" in text
    table = Document(str(path)).tables[-2]               # Phụ lục II, before the rankings
    cells = "\n".join(c.text for row in table.rows for c in row.cells)
    year = next(e for e in checked.evaluations if e.period is Period.YEAR)
    for submission in year.submissions:
        for line in submission.narrative.proposals + submission.narrative.models:
            assert line in cells
    assert "giao trong kỳ" not in text


def test_results_are_not_listed_as_models(sample):
    _, out = sample
    paragraphs = body_paragraphs(out / "bao_cao_tong_ket_thi_dua_2024.docx")
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("Các mô hình mới"))
    models = [p for p in paragraphs[start + 1:] if p.startswith("- ")]
    models = models[:next(i for i, p in enumerate(paragraphs[start + 1:]) if not p.startswith("- "))]
    assert models and all(p.startswith("- Mô hình") for p in models)


def test_the_year_end_review_has_every_part(sample):
    _, out = sample
    text = "\n".join(body_paragraphs(out / "bao_cao_tong_ket_thi_dua_2024.docx"))
    for part in ("ĐẶC ĐIỂM TÌNH HÌNH", "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "Các phong trào thi đua"
                 " chuyên đề", "điển hình tiên tiến", "CÔNG TÁC KHEN THƯỞNG", "Ưu điểm",
                 "Tồn tại, hạn chế", "Nguyên nhân", "Bài học kinh nghiệm", "PHƯƠNG HƯỚNG",
                 "ĐỀ XUẤT, KIẾN NGHỊ"):
        assert part in text, part
    # the commendation figures are counted from the run's own proposals
    checked, _ = sample
    granted = [p for p in checked.year_end.proposals if p.granted]
    flags = sum(p.title.startswith("Cờ thi đua") for p in granted)
    assert flags and len(granted) > flags
    assert (f"tặng Cờ thi đua của UBND tỉnh cho {flags:02d} tập thể và Bằng khen của Chủ tịch "
            f"UBND tỉnh cho {len(granted) - flags:02d} tập thể (tổng số {len(granted)} tập thể)"
            ) in text


# --------------------------------------------------------------------------- cluster scoring
def test_the_ranking_says_what_it_rests_on_both_ways(sample):
    checked, out = sample
    by_code = {r.cluster.code: r for r in checked.year_end.rankings}
    assert assessed(by_code["CUM1"]) and not assessed(by_code["CUM2"])
    cum1 = "\n".join(body_paragraphs(out / "xep_hang_cum1_2024.docx"))
    cum2 = "\n".join(body_paragraphs(out / "xep_hang_cum2_2024.docx"))
    assert "kết quả chấm điểm, thẩm định của Cụm thi đua các huyện biên giới" in cum1
    assert "chưa gửi kết quả chấm điểm" not in cum1
    assert "thẩm định của Cụm" not in cum2
    assert ("Cụm thi đua các huyện, thành phố nội địa chưa gửi kết quả chấm điểm, thẩm định"
            in cum2 and "dựa trên điểm tự chấm" in cum2)
    note = scoring_note(checked.year_end.rankings)
    assert note.startswith("Xếp hạng của Cụm thi đua các huyện biên giới dựa trên kết quả chấm"
                           " điểm, thẩm định")
    for document in ("to_trinh_khen_thuong_2024.docx", "bao_cao_tong_ket_thi_dua_2024.docx"):
        assert note in body_paragraphs(out / document), document
    assert scoring_note(checked.year_end.rankings[1:]).startswith("Xếp hạng của tất cả")


# --------------------------------------------------------------------------- quyết định
def test_the_decision_list_is_grouped_by_award_with_full_names(sample):
    checked, out = sample
    lists = award_lists(checked.config, checked.year_end)
    granted = [p for p in checked.year_end.proposals if p.granted]
    flags = [p for p in granted if p.title.startswith("Cờ thi đua")]
    assert [(a["roman"], a["title"], a["count"]) for a in lists] == [
        ("I", "Cờ thi đua của UBND tỉnh", f"{len(flags):02d}"),
        ("II", "Bằng khen của Chủ tịch UBND tỉnh", f"{len(granted) - len(flags):02d}")]
    full = {u.code: u.name for u in checked.config.registry.units}
    assert lists[0]["units"][0]["full_name"] == full[flags[0].unit]
    assert not lists[0]["units"][0]["full_name"].startswith(("UBND", "Sở NN"))   # not abbreviated
    table = Document(str(out / "du_thao_quyet_dinh_khen_thuong_2024.docx")).tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["TT", "Tên tập thể"]
    assert rows[1][0] == f"I. CỜ THI ĐUA CỦA UBND TỈNH ({len(flags):02d} tập thể)"
    second = 2 + len(flags)
    assert rows[second][0] == (f"II. BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH "
                               f"({len(granted) - len(flags):02d} tập thể)")
    assert [["1", full[flags[0].unit]]] == [r[:2] for r in rows[2:3]]
    assert not any(re.fullmatch(r"\d+,\d", c) for row in rows for c in row)     # no scores


def test_the_decision_keeps_every_act_the_proposal_cites(sample):
    _, out = sample
    proposal = "\n".join(body_paragraphs(out / "to_trinh_khen_thuong_2024.docx"))
    decision = "\n".join(body_paragraphs(out / "du_thao_quyet_dinh_khen_thuong_2024.docx"))
    for act in re.findall(r"\d+/\d{4}/[A-ZĐ0-9-]+", proposal):
        assert act in decision, act
    assert "Điều 3. Quyết định này có hiệu lực kể từ ngày ký." in decision
