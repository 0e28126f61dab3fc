"""One report for each recipient the seed names, and the Markdown problems of issue 13 pinned.

The first seed sends inspection results to the heads of agencies, to the provincial
management-development steering council and the provincial headquarters for citizens' rights,
and, summed up from the provinces, to the High Administrative Council, the Council of Ministers
and the National Social Council. Each report says in its title whom it is for; each reads cleanly
(no heading jumps, a blank line before every list, names and not ids in prose, one date style).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import pytest

from citizenrights import vocabulary
from citizenrights.calendar import JalaliPeriod
from citizenrights.dataset import Dataset, load_demo
from citizenrights.reporting import Report, build_progress_report, build_report
from citizenrights.vocabulary import PEER_GROUPS, RECIPIENTS, Lang, peer_group, role

Q4 = JalaliPeriod.parse("1397-Q4")


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return load_demo()


@pytest.fixture(scope="module")
def province(demo: Dataset) -> Report:
    return build_report(demo, Q4, scope="IR-10")


@pytest.fixture(scope="module")
def nation(demo: Dataset) -> Report:
    return build_report(demo, Q4)


def _pages(demo: Dataset, province: Report, nation: Report) -> dict[str, Callable[[Lang], str]]:
    agency = province.for_agency("isf-abfa")
    progress = build_progress_report(demo, as_of="1397/12/29", group_id="wg-national")
    return {
        "province": province.to_markdown,
        "national": nation.to_markdown,
        "agency": agency.to_markdown,
        "progress": progress.to_markdown,
    }


KINDS = ["province", "national", "agency", "progress"]


@pytest.fixture(scope="module")
def pages(demo: Dataset, province: Report, nation: Report) -> dict[tuple[str, str], str]:
    made = _pages(demo, province, nation)
    return {(kind, lang): made[kind](lang) for kind in KINDS for lang in ("fa", "en")}  # type: ignore[arg-type]


# -- the title says whom each report is for ----------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "recipient"),
    [
        ("province", "province"),
        ("national", "national"),
        ("agency", "agency_head"),
        ("progress", "working_group"),
    ],
)
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_title_names_the_recipient(
    pages: dict[tuple[str, str], str], kind: str, recipient: str, lang: str
) -> None:
    title = next(line for line in pages[kind, lang].splitlines() if line.startswith("# "))
    fa, en = RECIPIENTS[recipient]
    said = fa if lang == "fa" else en[0].lower() + en[1:]
    assert title.endswith(said), title


def test_recipient_wording_is_the_seeds() -> None:
    """The seed's own words for the provincial and national recipients."""
    assert "شورای راهبری توسعه مدیریت استان" in RECIPIENTS["province"][0]
    assert "ستاد صیانت از حریم امنیت عمومی و حقوق شهروندی استان" in RECIPIENTS["province"][0]
    assert RECIPIENTS["national"][0] == "برای شورای عالی اداری، هیئت وزیران و شورای اجتماعی کشور"


# -- the nation by province, the agency head's figures -------------------------------------------


def test_national_report_ranks_provinces_with_coverage(nation: Report) -> None:
    """The demo has one province: rank 1, its mean index, 35 of 35 agencies inspected."""
    en = nation.to_markdown("en")
    section = en.split("## Provinces ranked")[1].split("\n## ")[0]
    row = next(line for line in section.splitlines() if line.endswith("| IR-10 |"))
    mean = nation.roll_ups[0].score
    assert mean is not None
    assert row == f"| 1 | Isfahan | {mean:.2f} | 35 | 35 of 35 (100.0%) | IR-10 |"
    # The nation's report does not list every agency: the ranking is in the data outputs.
    assert "## Agencies ranked within peer groups" not in en


def test_agency_report_has_rank_trend_and_due_dates(province: Report) -> None:
    """isf-abfa: rank 5 of 6 infrastructure agencies, its change, 8 actions past due with days."""
    agency = province.for_agency("isf-abfa")
    en = agency.to_markdown("en")
    row = agency.row
    assert (row.rank, agency.peers) == (5, 6)
    assert "- Rank: 5 of 6 agencies in “Infrastructure agencies”" in en
    assert f"change: +{row.change:.2f}" in en
    overdue = en.split("## Corrective actions past due")[1]
    rows = [line for line in overdue.splitlines() if line.startswith("| ") and "INS-" in line]
    assert len(rows) == len(agency.overdue) == 8
    oldest = max(agency.overdue, key=lambda o: o.age_days)
    assert f"| {oldest.age_days} | {oldest.inspection_id} |" in rows[0]
    assert "1396/04/13 (2017-07-04)" in rows[0]


# -- the Markdown problems of issue 13, each pinned -----------------------------------------------

ALL = [(kind, lang) for kind in KINDS for lang in ("fa", "en")]


@pytest.mark.parametrize(("kind", "lang"), ALL)
def test_no_heading_level_jumps(pages: dict[tuple[str, str], str], kind: str, lang: str) -> None:
    level = 0
    for line in pages[kind, lang].splitlines():
        m = re.match(r"^(#+) ", line)
        if m:
            assert len(m.group(1)) <= level + 1, f"{line!r} after a level-{level} heading"
            level = len(m.group(1))


@pytest.mark.parametrize(("kind", "lang"), ALL)
def test_blank_line_before_every_list(
    pages: dict[tuple[str, str], str], kind: str, lang: str
) -> None:
    lines = pages[kind, lang].splitlines()
    for before, line in itertools.pairwise(lines):
        if line.startswith("- "):
            assert before == "" or before.startswith("- "), f"no blank line before {line!r}"


def _ids(demo: Dataset) -> set[str]:
    ids = {a.id for a in demo.agencies} | {g.id for g in demo.working_groups}
    return ids | {p.id for p in demo.programmes}


@pytest.mark.parametrize(("kind", "lang"), ALL)
def test_ids_only_in_the_last_column(
    demo: Dataset, pages: dict[tuple[str, str], str], kind: str, lang: str
) -> None:
    """No agency, group or programme id in prose or headings; in a table, only its last cell."""
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, _ids(demo))) + r")(?![\w-])")
    for line in pages[kind, lang].splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            for cell in cells[:-1]:
                assert not pattern.search(cell), f"an id in {line!r}"
        else:
            assert not pattern.search(line), f"an id in {line!r}"


@pytest.mark.parametrize("kind", KINDS)
def test_no_english_peer_group_code_or_role_in_persian(
    pages: dict[tuple[str, str], str], kind: str
) -> None:
    fa = pages[kind, "fa"]
    for code in PEER_GROUPS:
        assert not re.search(rf"\b{code}\b", fa), code
    assert not re.search(r"\b(chair|secretary|member)\b", fa)


@pytest.mark.parametrize("kind", KINDS)
def test_one_date_style(pages: dict[tuple[str, str], str], kind: str) -> None:
    """Persian: the long Jalali form only (``۲۹ اسفند ۱۳۹۷``); English: ``1397/12/29 (2019-03-20)``."""
    fa, en = pages[kind, "fa"], pages[kind, "en"]
    # A circular cited by its number and date («بخشنامه … مورخ ۱۳۹۵/۱۲/۲۲») keeps its own form.
    fa = re.sub(r"مورخ [۰-۹/]+", "", fa)
    en = re.sub(r"(dated|of) [0-9/]+", "", en)
    assert not re.search(r"[۰-۹]{4}/[۰-۹]{2}/[۰-۹]{2}", fa)
    assert re.search(
        r"[۰-۹]{1,2} (فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) [۰-۹]{4}",
        fa,
    )
    for m in re.finditer(r"\b1[34]\d\d/\d\d/\d\d\b", en):
        assert re.match(r" \(\d{4}-\d\d-\d\d\)", en[m.end() :]), en[m.start() : m.end() + 20]


def test_each_critical_failure_once_said_as_what_was_wrong(province: Report) -> None:
    """The demo's three critical failures each had an item not met and a finding: three rows."""
    fa = province.to_markdown("fa")
    section = fa.split("## عدم انطباق در بند حیاتی")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if "INS-" in line]
    assert len(province.critical) == 6
    assert [r.rsplit("|", 2)[1].strip() for r in rows] == [
        "INS-1397Q4-012",
        "INS-1397Q4-034",
        "INS-1397Q4-036",
    ]
    for row in rows:
        assert "عدم انطباق در بند حیاتی A" in row
    # The positive statement is quoted after "not met", never given as if it were the finding.
    assert "| در ارائه خدمات هیچ تبعیضی" not in fa
    en = province.to_markdown("en")
    assert "Critical item A05.1 not met: “" in en


def test_upheld_per_thousand_keeps_three_significant_digits(province: Report) -> None:
    rate = province.complaints.upheld_per_1000
    assert rate is not None
    assert round(rate, 4) == 0.0118
    assert "- Upheld per 1,000 services: 0.0118" in province.to_markdown("en")
    assert "در هر هزار خدمت: ۰٫۰۱۱۸" in province.to_markdown("fa")


def test_ranking_split_into_narrow_tables_per_group(province: Report) -> None:
    """One table per peer group, under its name, seven columns, the id last."""
    fa = province.to_markdown("fa")
    section = fa.split("## رتبه‌بندی دستگاه‌ها در گروه‌های همتا")[1].split("\n## ")[0]
    headings = [line[4:] for line in section.splitlines() if line.startswith("### ")]
    groups = list(dict.fromkeys(r.group for r in province.ranking))
    assert headings == [peer_group(g, "fa") for g in groups]
    header = next(line for line in section.splitlines() if line.startswith("| رتبه"))
    assert header == "| رتبه | دستگاه | شاخص | درجه | دوره قبل | تغییر | شناسه |"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("chair", "fa", "رئیس کارگروه"),
        ("Chair", "en", "chair"),
        ("secretary", "fa", "دبیر کارگروه"),
        ("حراست", "fa", "حراست"),
        (None, "fa", "–"),
    ],
)
def test_roles_in_the_readers_language(text: str | None, lang: Lang, expected: str) -> None:
    assert role(text, lang) == expected


def test_peer_group_names() -> None:
    assert peer_group("health_welfare", "fa") == "دستگاه‌های بهداشتی و رفاهی"
    assert peer_group("health_welfare", "en") == "Health and welfare agencies"
    assert peer_group("unknown-code", "fa") == "unknown-code"
    assert peer_group(None, "en") == "–"
    with pytest.raises(ValueError, match="lang"):
        vocabulary.peer_group("social", "de")  # type: ignore[arg-type]
