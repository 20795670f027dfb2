"""Stage 4b, year end: rank units inside each cluster/block and propose titles.

Ranking: total descending, then more targets Vượt; units equal on both share the rank
(1, 1, 3). Units without a year-end workbook come last, share that rank, are never proposed.

Proposals, title by title in the scoring file's order, within each title's quota per
cluster/block; a unit gets at most one title. A title that must go to the leader is considered
only for rank 1: a leader missing a condition is named with the reason and the title does not
pass to the runner-up. Other titles go down the ranking to the units meeting the conditions.
Units tied at one rank that meet the conditions but do not all fit in the places left get
nothing, are named, and the places left wait for the cluster/block's vote.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from .model import Cluster, Registry
from .criteria import Scoring, Title
from .formatting import join_names, points_text
from .score import UnitScore


@dataclass(frozen=True)
class Ranked:
    """A unit's place in its cluster/block."""

    score: UnitScore
    rank: int


@dataclass(frozen=True)
class Ranking:
    """The ranking of one cluster/block, best first."""

    cluster: Cluster
    entries: tuple[Ranked, ...]

    def shared(self, rank: int) -> tuple[Ranked, ...]:
        """Return the entries holding a rank (more than one when tied)."""
        return tuple(e for e in self.entries if e.rank == rank)


@dataclass(frozen=True)
class Proposal:
    """A unit considered for a title: proposed, or named with the reason it is not."""

    cluster: Cluster
    unit: str
    name: str
    rank: int
    total: Decimal
    title: str
    granted: bool
    reason: str                   # Vietnamese; "" when granted


def _key(score: UnitScore) -> tuple[Decimal, int]:
    return -score.total, -score.exceeded


def rank(scores: tuple[UnitScore, ...], registry: Registry) -> tuple[Ranking, ...]:
    """Rank the units of each cluster/block, in the registry's order of clusters."""
    rankings = []
    by_cluster: dict[str, list[UnitScore]] = {}      # grouped once: per cluster was quadratic
    for s in scores:
        by_cluster.setdefault(s.cluster, []).append(s)
    for cluster in registry.clusters:
        members = by_cluster.get(cluster.code, [])
        reported = sorted((s for s in members if s.reported), key=_key)   # stable: registry order
        entries: list[Ranked] = []
        for position, score in enumerate(reported, 1):
            tied = entries and _key(entries[-1].score) == _key(score)
            entries.append(Ranked(score, entries[-1].rank if tied else position))
        entries += [Ranked(s, len(reported) + 1) for s in members if not s.reported]
        if entries:
            rankings.append(Ranking(cluster, tuple(entries)))
    return tuple(rankings)


def propose(rankings: tuple[Ranking, ...], scoring: Scoring) -> tuple[Proposal, ...]:
    """Propose titles per cluster/block within quotas and conditions; name who misses and why."""
    proposals: list[Proposal] = []
    for ranking in rankings:
        given: set[str] = set()
        for title in scoring.titles:
            made = _award(ranking, title, given)
            given.update(p.unit for p in made if p.granted)
            proposals += made
    return tuple(proposals)


def _award(ranking: Ranking, title: Title, given: set[str]) -> list[Proposal]:
    """Go down one ranking for one title until its quota is filled."""
    pool = [e for e in ranking.entries if e.score.reported and e.score.unit not in given
            and (e.rank == 1 or not title.must_lead)]
    made, left = [], title.quota
    for _, group in groupby(pool, key=lambda e: e.rank):
        tied = list(group)
        if left <= 0 or (not title.must_lead and tied[0].score.total < title.min_score):
            break                   # the rest score lower still: nobody else is named
        fit = [e for e in tied if not _failures(e.score, title)]
        for entry in tied:
            reason = _reason(entry, fit, left, title)
            made.append(Proposal(ranking.cluster, entry.score.unit, entry.score.name, entry.rank,
                                 entry.score.total, title.name, not reason, reason))
        if len(fit) > left:
            break                   # the places left wait for the cluster's vote on the tie
        left -= len(fit)
    return made


def _reason(entry: Ranked, fit: list[Ranked], left: int, title: Title) -> str:
    """Return why a unit does not get the title, or "" when it does."""
    failures = _failures(entry.score, title)
    if failures:
        return "không đủ điều kiện: " + "; ".join(failures)
    if len(fit) > left:
        others = join_names([e.score.name for e in fit if e is not entry])
        return (f"đồng hạng {entry.rank} với {others} mà danh hiệu chỉ còn {left} suất: "
                f"cụm, khối cần bình xét, biểu quyết lại")
    return ""


def _failures(score: UnitScore, title: Title) -> list[str]:
    """List the conditions of a title the unit does not meet, in Vietnamese."""
    failures = []
    if score.total < title.min_score:
        failures.append(f"tổng điểm {points_text(score.total)} thấp hơn điểm tối thiểu "
                        f"{points_text(title.min_score)}")
    if title.no_missed and score.missed:
        failures.append(f"có {score.missed} chỉ tiêu không đạt")
    if title.needs_exceeded and score.assigned and not score.exceeded:
        failures.append("không có chỉ tiêu nào vượt kế hoạch" if score.with_data
                        else "chưa có số liệu chỉ tiêu nào")
    if title.no_disqualifying and score.disqualified:
        failures.append(score.disqualified_reason)
    return failures
