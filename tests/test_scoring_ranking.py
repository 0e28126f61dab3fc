"""rank and roll_up: competition ties at the displayed precision, groups, and area means."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citizenrights import (
    Agency,
    AgencyIndex,
    AgencyRegistry,
    JalaliPeriod,
    UnknownAgencyError,
    rank,
    roll_up,
    round_half_up,
)

from .strategies import score_maps

Q3 = JalaliPeriod.parse("1396-Q3")


def test_competition_ranking_with_ties_at_two_decimals() -> None:
    """Scores equal after rounding half up share a rank; the next rank skips (1, 2, 2, 4)."""
    ranked = rank({"a": 80.0, "b": 74.995, "c": 75.0, "d": 74.994, "e": None})
    assert [(r.id, r.rank, r.display) for r in ranked] == [
        ("a", 1, 80.0),
        ("b", 2, 75.0),
        ("c", 2, 75.0),
        ("d", 4, 74.99),
        ("e", None, None),
    ]


def test_decimals_decide_ties() -> None:
    """With 0 decimals, 74.6 and 75.4 both show 75 and tie."""
    ranked = rank({"a": 74.6, "b": 75.4}, decimals=0)
    assert [r.rank for r in ranked] == [1, 1]
    assert [r.id for r in ranked] == ["a", "b"]


def test_groups_rank_separately_and_order_by_group() -> None:
    """Each group has its own ranks; output is by group (None last), then rank, then id."""
    ranked = rank(
        {"a": 60.0, "b": 90.0, "c": 70.0, "d": 50.0},
        groups={"a": "z-group", "b": "a-group", "c": "z-group"},
    )
    assert [(r.group, r.rank, r.id) for r in ranked] == [
        ("a-group", 1, "b"),
        ("z-group", 1, "c"),
        ("z-group", 2, "a"),
        (None, 1, "d"),
    ]


def test_non_finite_scores_are_rejected() -> None:
    """NaN is not a score: a ValueError rather than a silent misplacement."""
    with pytest.raises(ValueError, match="finite"):
        rank({"a": float("nan")})


@given(score_maps, st.randoms(use_true_random=False))
def test_rank_properties(scores: dict[str, float | None], rnd: random.Random) -> None:
    """Every id once; rank = 1 + count of strictly higher displays; order-independent."""
    ranked = rank(scores)
    assert sorted(r.id for r in ranked) == sorted(scores)
    displays = [round_half_up(s, 2) for s in scores.values() if s is not None]
    for r in ranked:
        if r.score is None:
            assert r.rank is None
        else:
            assert r.rank == 1 + sum(1 for d in displays if d > (r.display or 0.0))
    items = list(scores.items())
    rnd.shuffle(items)
    assert rank(dict(items)) == ranked
    ranks = [r.rank for r in ranked]
    known = [k for k in ranks if k is not None]
    assert known == sorted(known)
    assert ranks[len(known) :] == [None] * (len(ranks) - len(known))


REGISTRY = AgencyRegistry(
    [
        Agency(id="A", name="الف", kind="provincial_office", province="IR-23", staff=30),
        Agency(id="B", name="ب", kind="provincial_office", province="IR-23", staff=10),
        Agency(id="C", name="پ", kind="provincial_office", province="IR-10", staff=50),
        Agency(id="D", name="ت", kind="ministry"),
    ]
)


def _index(agency_id: str, score: float | None, period: JalaliPeriod = Q3) -> AgencyIndex:
    return AgencyIndex(
        agency_id=agency_id,
        period=period,
        score=score,
        coverage=1.0,
        components=(),
        missing=(),
        reason=None,
        policy_version="1",
        library_version="0",
    )


def test_roll_up_by_province_equal_weights() -> None:
    """Province means with equal weights; None scores left out and listed; unknown province."""
    results = roll_up(
        [_index("A", 80.0), _index("B", 60.0), _index("C", None), _index("D", 40.0)], REGISTRY
    )
    assert [(r.area, r.score, r.agencies, r.left_out) for r in results] == [
        ("IR-10", None, (), ("C",)),
        ("IR-23", 70.0, ("A", "B"), ()),
        ("unknown", 40.0, ("D",), ()),
    ]


def test_roll_up_national_staff_weighted() -> None:
    """National mean weighted by staff; an agency without a staff count is left out."""
    (result,) = roll_up(
        [_index("A", 80.0), _index("B", 60.0), _index("C", 50.0), _index("D", 100.0)],
        REGISTRY,
        level="national",
        weights="staff",
    )
    assert result.area == "IR"
    assert result.score == pytest.approx((30 * 80 + 10 * 60 + 50 * 50) / 90)
    assert result.total_weight == 90.0
    assert result.left_out == ("D",)
    assert result.to_dict()["period"] == "1396-Q3"


def test_roll_up_keeps_periods_apart_and_rejects_duplicates() -> None:
    """Each period rolls up on its own; two indices of one agency and period are an error."""
    q4 = Q3.next()
    results = roll_up([_index("A", 80.0), _index("A", 60.0, q4)], REGISTRY, level="national")
    assert [(str(r.period), r.score) for r in results] == [("1396-Q3", 80.0), ("1396-Q4", 60.0)]
    with pytest.raises(ValueError, match="two indices"):
        roll_up([_index("A", 80.0), _index("A", 60.0)], REGISTRY)
    with pytest.raises(UnknownAgencyError):
        roll_up([_index("Z", 80.0)], REGISTRY)
    with pytest.raises(ValueError, match="level"):
        roll_up([], REGISTRY, level="county")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="weights"):
        roll_up([], REGISTRY, weights="size")  # type: ignore[arg-type]


@given(st.lists(st.none() | st.floats(min_value=0, max_value=100), min_size=3, max_size=3))
def test_roll_up_order_never_matters(scores: list[float | None]) -> None:
    """The roll-up of indices in any order is the same, bit for bit."""
    indices = [_index(a, s) for a, s in zip("ABC", scores, strict=True)]
    forward = roll_up(indices, REGISTRY, level="national", weights="staff")
    backward = roll_up(indices[::-1], REGISTRY, level="national", weights="staff")
    assert forward == backward


# -- explain ---------------------------------------------------------------------------------------


def test_ranked_explain_names_the_group_the_ties_and_the_rule() -> None:
    """A rank is explained by its group, the rounded score it was decided on, the entries tied
    with it and the competition-ranking rule, in both languages; the extra facts stay out of
    `to_dict`."""
    ranked = rank(
        {"A": 91.234, "B": 88.0, "C": 88.004, "D": None},
        groups={"A": "وزارتخانه", "B": "وزارتخانه", "C": "وزارتخانه", "D": "وزارتخانه"},
    )
    b = ranked[1]
    fa, en = b.explain("fa").splitlines(), b.explain("en").splitlines()
    assert (
        fa[0] == "B: رتبهٔ ۲ از ۳ در گروه «وزارتخانه»، با امتیاز ۸۸٫۰۰ (۸۸ گرد‌شده به ۲ رقم اعشار)."
    )
    assert fa[1] == "هم‌رتبه با C: امتیاز گرد‌شدهٔ برابر."
    assert fa[2].startswith("رتبه‌بندی رقابتی (۱، ۲، ۲، ۴)")
    assert (
        en[0] == 'B: rank 2 of 3 in group "وزارتخانه", with score 88.00 (88 rounded to 2 places).'
    )
    assert en[1] == "Tied with C: the same rounded score."
    assert en[2].startswith("Competition ranking (1, 2, 2, 4)")
    assert "نمره" not in b.explain("fa")
    assert set(b.to_dict()) == {"id", "group", "rank", "score", "display"}
    (d,) = [r for r in ranked if r.id == "D"]
    assert (
        d.explain("en") == 'D, group "وزارتخانه": no score; no rank, listed after the ranked ones.'
    )
    assert "رتبه ندارد" in d.explain("fa")
    (alone,) = rank({"X": 50.0})
    assert (
        alone.explain("fa")
        .splitlines()[0]
        .endswith("در بدون گروه همتا، با امتیاز ۵۰٫۰۰ (۵۰ گرد‌شده به ۲ رقم اعشار).")
    )
    assert len(alone.explain("en").splitlines()) == 2  # no ties line


def test_roll_up_explain_says_what_was_aggregated_and_how() -> None:
    """A roll-up is explained by its area, the mean (plain or by staff), the agencies averaged,
    those left out and the rules' version, in both languages."""
    province = roll_up(
        [_index("A", 80.0), _index("B", 60.0), _index("C", None), _index("D", 40.0)], REGISTRY
    )
    ir10, ir23, unknown = province
    assert ir23.explain("fa").splitlines() == [
        "استان IR-23، پاییز ۱۳۹۶: امتیاز ۷۰٫۰۰، میانگین ساده امتیاز ۲ دستگاه (هر دستگاه یک بار).",
        "دستگاه‌ها: A، B.",
        "طبق ضوابط امتیازدهی، نسخهٔ ۱.",
    ]
    assert ir23.explain("en").splitlines()[0] == (
        "Province IR-23, Autumn 1396: score 70.00, the plain mean score of 2 agencies (each once)."
    )
    assert ir10.explain("en").splitlines()[:2] == [
        "Province IR-10, Autumn 1396: no score; no agency has one.",
        "Left out (no score): C.",
    ]
    assert unknown.explain("fa").startswith("دستگاه‌های بدون استان")
    (national,) = roll_up(
        [_index("A", 80.0), _index("B", 60.0), _index("D", 100.0)],
        REGISTRY,
        level="national",
        weights="staff",
    )
    fa = national.explain("fa")
    assert fa.splitlines()[0] == (
        "کل کشور، پاییز ۱۳۹۶: امتیاز ۷۵٫۰۰، میانگین امتیاز ۲ دستگاه، وزن‌دار به تعداد کارکنان "
        "(مجموع ۴۰ نفر)."
    )
    assert "کنار گذاشته (بدون امتیاز یا بدون تعداد کارکنان): D." in fa
    assert "Left out (no score, or no staff count): D." in national.explain("en")
