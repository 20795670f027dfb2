"""Contexts of the year-end award documents: ranking per cluster/block, Tờ trình, Quyết định,
and the year-end review's section on clusters and blocks (see templates/README.md).
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .config import ARTICLE_2, ARTICLE_3, Config
from .documents import directive_phrase, doc_context, document_info
from .formatting import document_number, join_names, points_text
from .model import Period, PeriodEvaluation
from .pictures import Picture
from .rank import Proposal, Ranking
from .score import SOURCE_CLUSTER, UnitScore

RANKING_DOC, PROPOSAL_DOC, DECISION_DOC = "Bảng xếp hạng", "Tờ trình", "Quyết định"
CHART_WIDTH_MM = 155           # the text width of a portrait page
# what the pictures depend on besides their data: the drawing code and the bundled font
_DRAWING = hashlib.sha256(b"".join(
    p.read_bytes() for p in (Path(__file__).parent / "charts.py",
                             *sorted((Path(__file__).parent / "fonts").glob("*.ttf"))))).digest()


@dataclass(frozen=True)
class YearEnd:
    """The year's scores, rankings and proposals, as the award documents need them."""

    scores: tuple[UnitScore, ...]
    rankings: tuple[Ranking, ...]
    proposals: tuple[Proposal, ...]


def ranking_rows(ranking: Ranking, names: dict[str, str]) -> list[dict]:
    """Return the rows of one cluster's ranking table, every cell written."""
    return [{"rank": str(e.rank), "unit": names.get(e.score.unit, e.score.name),
             "total": points_text(e.score.total) if e.score.reported else "",
             "exceeded": str(e.score.exceeded), "missed": str(e.score.missed),
             "note": e.score.note or e.score.disqualified_reason}
            for e in ranking.entries]


def _not_proposed(proposals: tuple[Proposal, ...], names: dict[str, str]) -> list[str]:
    """Write one line per unit considered for a title but not proposed, with the reason."""
    return [f"{names.get(p.unit, p.name)} ({p.cluster.name}) chưa được đề nghị tặng {p.title}: "
            f"{p.reason}" for p in proposals if not p.granted]


def _award_lines(proposals: tuple[Proposal, ...], names: dict[str, str]) -> list[str]:
    """Write one line per title naming the units proposed, then the units not proposed."""
    lines = []
    for title in dict.fromkeys(p.title for p in proposals):
        units = [names.get(p.unit, p.name) for p in proposals if p.granted and p.title == title]
        if units:
            lines.append(f"{title} ({document_number(len(units))} tập thể): {join_names(units)}")
    return lines + _not_proposed(proposals, names)


def award_summary(proposals: tuple[Proposal, ...]) -> str:
    """Write the year's commendation figures, counted from the proposals."""
    counts = [f"{title} cho {document_number(n)} tập thể" for title in
              dict.fromkeys(p.title for p in proposals)
              if (n := sum(p.granted and p.title == title for p in proposals))]
    if not counts:
        return "Năm nay không có tập thể đủ điều kiện đề nghị khen thưởng theo kết quả xếp hạng."
    total = sum(p.granted for p in proposals)
    return (f"Từ kết quả chấm điểm, xếp hạng của các cụm, khối thi đua, đề nghị Chủ tịch UBND "
            f"tỉnh tặng {join_names(counts)} (tổng số {total} tập thể).")


def assessed(ranking: Ranking) -> bool:
    """Return True when the cluster/block's own scoring of its members was received and used."""
    return any(p.source == SOURCE_CLUSTER for e in ranking.entries for p in e.score.points)


def scoring_note(rankings: tuple[Ranking, ...]) -> str:
    """Say which clusters/blocks scored and assessed their members and which rankings rest
    on the units' self-scores (checked against their target results)."""
    done = [r.cluster.name for r in rankings if assessed(r)]
    self_only = [r.cluster.name for r in rankings if not assessed(r)]
    if not self_only:
        return ("Xếp hạng dựa trên kết quả chấm điểm, thẩm định của các cụm, khối thi đua và "
                "kết quả thực hiện chỉ tiêu của từng đơn vị.")
    own = ("điểm tự chấm của các đơn vị, đã đối chiếu với kết quả thực hiện chỉ tiêu; các cụm, "
           "khối này chưa gửi kết quả chấm điểm, thẩm định")
    if not done:
        return f"Xếp hạng của tất cả các cụm, khối thi đua dựa trên {own}."
    return (f"Xếp hạng của {join_names(done)} dựa trên kết quả chấm điểm, thẩm định của cụm, "
            f"khối; xếp hạng của {join_names(self_only)} dựa trên {own}.")


def cluster_section(config: Config, year_end: YearEnd, chart_dir: Path) -> dict:
    """Return what the year-end review adds on clusters: rankings, charts, proposals."""
    names = config.units_title
    groups = [{"name": r.cluster.name, "rows": ranking_rows(r, names),
               "chart": Picture(chart_path(chart_dir, "cum", _chart_data(r, names)),
                                CHART_WIDTH_MM, functools.partial(_draw_cluster, r, names)),
               "leader": _leader_line(r, names)} for r in year_end.rankings]
    return {"ranking_groups": groups,
            "award_lines": _award_lines(year_end.proposals, names),
            "award_summary": award_summary(year_end.proposals),
            "scoring_note": scoring_note(year_end.rankings)}


def _chart_data(ranking: Ranking, names: dict[str, str]) -> tuple:
    """Return everything a cluster chart shows, as the key of its cached picture."""
    return tuple((e.rank, names.get(e.score.unit, e.score.name), str(e.score.total),
                  e.score.reported) for e in ranking.entries)


def targets_picture(evaluation: PeriodEvaluation, chart_dir: Path) -> Picture:
    """Return the chart of targets by group for the template (drawn when rendered)."""
    data = tuple((r.target.group.value, r.verdict.value) for r in evaluation.results)
    return Picture(chart_path(chart_dir, "chi_tieu", data), CHART_WIDTH_MM,
                   functools.partial(_draw_targets, evaluation))


def chart_path(folder: Path, kind: str, data: tuple) -> Path:
    """Return where the chart of this data is kept: named by a hash of the data, the
    charts code and the font, so a re-run with the same figures reuses the picture and any
    change to the data, the drawing code or the font gives a new name.
    """
    digest = hashlib.sha256(repr(data).encode() + _DRAWING).hexdigest()[:20]
    return folder / f"{kind}_{digest}.png"


# The charts module (and Pillow) is imported only when a chart must be drawn.
def _draw_cluster(ranking: Ranking, names: dict[str, str], path: Path) -> None:
    from .charts import cluster_chart
    cluster_chart(ranking, path, names)


def _draw_targets(evaluation: PeriodEvaluation, path: Path) -> None:
    from .charts import targets_chart
    targets_chart(evaluation, path)


def _leader_line(ranking: Ranking, names: dict[str, str]) -> str:
    """Write who leads a cluster and with how many points."""
    leaders = ranking.shared(1)
    if not leaders or not leaders[0].score.reported:
        return f"{ranking.cluster.name}: chưa có đơn vị gửi báo cáo cả năm."
    who = ", ".join(names.get(e.score.unit, e.score.name) for e in leaders)
    verb = "cùng dẫn đầu" if len(leaders) > 1 else "dẫn đầu"
    return (f"{ranking.cluster.name}: {who} {verb} với {points_text(leaders[0].score.total)} "
            f"điểm; {len(ranking.entries)} đơn vị được chấm điểm, xếp hạng.")


def ranking_context(config: Config, ranking: Ranking, sample: bool) -> dict:
    """Return the context of one cluster's ranking document (for the cluster meeting)."""
    info = document_info(config, RANKING_DOC, Period.YEAR)
    year = config.directive.year
    summary = f"Kết quả chấm điểm, xếp hạng thi đua năm {year} của {ranking.cluster.name}"
    return {"doc": doc_context(info, "BÁO CÁO", summary), "sample": sample, "year": year,
            "cluster": ranking.cluster.name, "leader": _leader_line(ranking, config.units_title),
            "rows": ranking_rows(ranking, config.units_title), "assessed": assessed(ranking)}


def _award_list(config: Config, proposals: tuple[Proposal, ...], title: str) -> list[dict]:
    granted = [p for p in proposals if p.granted and p.title == title]
    return [{"no": str(i), "unit": config.units_title.get(p.unit, p.name),
             "full_name": _full_name(config, p), "cluster": p.cluster.name,
             "total": points_text(p.total), "rank": str(p.rank)}
            for i, p in enumerate(granted, start=1)]


def _full_name(config: Config, proposal: Proposal) -> str:
    """Return the unit's full official name (certificates are printed from the list)."""
    unit = config.registry.unit(proposal.unit)
    return unit.name if unit and unit.name else proposal.name


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def award_lists(config: Config, year_end: YearEnd) -> list[dict]:
    """Return one list per title with the units proposed for it (titles in the file's order),
    numbered "I.", "II." … in that order."""
    titles = list(dict.fromkeys(p.title for p in year_end.proposals))
    lists = [{"title": t, "units": _award_list(config, year_end.proposals, t)} for t in titles]
    lists = [entry for entry in lists if entry["units"]]
    for index, entry in enumerate(lists):
        entry["count"] = document_number(len(entry["units"]))
        entry["roman"] = ROMAN[index] if index < len(ROMAN) else str(index + 1)
    return lists


def proposal_context(config: Config, year_end: YearEnd, sample: bool) -> dict:
    """Return the context of the Tờ trình đề nghị khen thưởng."""
    info = document_info(config, PROPOSAL_DOC, Period.YEAR)
    year = config.directive.year
    summary = (f"Đề nghị khen thưởng các tập thể có thành tích xuất sắc trong phong trào "
               f"thi đua năm {year}")
    lists = award_lists(config, year_end)
    return {"doc": doc_context(info, "TỜ TRÌNH", summary), "sample": sample, "year": year,
            "legal_bases": config.settings.legal_bases(PROPOSAL_DOC),
            "directive": directive_phrase(config.directive), "award_lists": lists,
            "scoring_note": scoring_note(year_end.rankings),
            "not_proposed": _not_proposed(year_end.proposals, config.units_title),
            "appendix_title": f"DANH SÁCH TẬP THỂ ĐỀ NGHỊ KHEN THƯỞNG NĂM {year}"}


def decision_context(config: Config, year_end: YearEnd, sample: bool) -> dict:
    """Return the context of the draft Quyết định khen thưởng of the Chairman."""
    info = document_info(config, DECISION_DOC, Period.YEAR)
    proposal = document_info(config, PROPOSAL_DOC, Period.YEAR)
    year = config.directive.year
    bases = config.settings.legal_bases(DECISION_DOC)
    proposed = doc_context(proposal, "TỜ TRÌNH", "")
    summary = f"Về việc khen thưởng các tập thể có thành tích xuất sắc trong phong trào thi đua năm {year}"
    return {"doc": doc_context(info, "QUYẾT ĐỊNH", summary), "sample": sample, "year": year,
            "authority": f"CHỦ TỊCH {info.agency}", "legal_bases": bases,
            "proposal": {"agency_name": proposed["agency_name"],
                         "reference": proposed["reference"]},
            "award_lists": award_lists(config, year_end),
            "articles": [" ".join(config.settings.paragraphs(Period.YEAR, part))
                         for part in (ARTICLE_2, ARTICLE_3)
                         if config.settings.paragraphs(Period.YEAR, part)],
            "appendix_title": f"DANH SÁCH TẬP THỂ ĐƯỢC KHEN THƯỞNG NĂM {year}"}
