"""Hypothesis strategies for the whole test suite: the one place where they live.

Each part of the library adds its strategies here under its own heading, so that tests of one module
can build on the values of another (an inspection strategy uses the date strategies, and so on).
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from citizenrights.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    JalaliPeriod,
    PeriodKind,
    WorkCalendar,
    days_in_month,
    from_jalali,
)
from citizenrights.models import (
    NGO,
    Affiliation,
    Agency,
    AgencyKind,
    AgencyStats,
    Answer,
    Assignment,
    CandidateRecord,
    Checklist,
    ChecklistItem,
    ChecklistSection,
    Commendation,
    Complaint,
    ComplaintChannel,
    ComplaintOutcome,
    ComplaintSeverity,
    ComplaintStatus,
    Contribution,
    ContributionKind,
    Finding,
    GroupMember,
    GroupScope,
    Inspection,
    InspectionKind,
    Meeting,
    NGOReport,
    PeerGroup,
    Post,
    PostKind,
    PostLevel,
    Programme,
    ProgrammeCourse,
    ProgrammeItem,
    ProgrammeRef,
    Province,
    Publication,
    PublicationKind,
    ReportingEvery,
    Resolution,
    ResolutionStatus,
    Response,
    Scale,
    Severity,
    SurveyResponse,
    TeamMember,
    TrainingAudience,
    TrainingProgramme,
    TrainingRecord,
    TrainingRole,
    WorkingGroup,
)
from citizenrights.scoring import ScoringPolicy

# -- calendar ---------------------------------------------------------------------------------

#: The first and last day of the supported range (1206/01/01 and 1498/12/30).
FIRST_DATE = from_jalali(FIRST_YEAR, 1, 1)
LAST_DATE = from_jalali(LAST_YEAR, 12, 30)


def supported_dates(
    min_value: date = FIRST_DATE, max_value: date = LAST_DATE
) -> st.SearchStrategy[date]:
    """Gregorian dates inside the supported range (or a narrower one)."""
    return st.dates(min_value=max(min_value, FIRST_DATE), max_value=min(max_value, LAST_DATE))


jalali_years = st.integers(min_value=FIRST_YEAR, max_value=LAST_YEAR)
period_kinds = st.sampled_from(PeriodKind)


@st.composite
def jalali_dates(draw: st.DrawFn) -> tuple[int, int, int]:
    """A Jalali (year, month, day) that exists, Esfand 30 of the leap years included."""
    year = draw(jalali_years)
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=days_in_month(year, month)))
    return year, month, day


@st.composite
def periods(draw: st.DrawFn, kind: PeriodKind | None = None) -> JalaliPeriod:
    """A reporting period of the given kind (any kind when ``None``) in the supported range."""
    chosen = draw(period_kinds) if kind is None else kind
    index = draw(st.integers(min_value=1, max_value=chosen.per_year))
    return JalaliPeriod(chosen, draw(jalali_years), index)


def period_position(period: JalaliPeriod) -> tuple[int, int, int]:
    """The period's step number and the lowest and highest step numbers of its kind in range.

    ``period.shift(n)`` stays in range exactly when ``low <= position + n <= high``.
    """
    per_year = period.kind.per_year
    position = period.year * per_year + period.index - 1
    return position, FIRST_YEAR * per_year, (LAST_YEAR + 1) * per_year - 1


weekdays = st.integers(min_value=0, max_value=6)
#: A weekend: any set of weekdays that leaves at least one working day.
weekends = st.frozensets(weekdays, max_size=6)


@st.composite
def work_calendars(draw: st.DrawFn) -> WorkCalendar:
    """A work calendar with a drawn weekend and a few extra holidays around 1396-1397."""
    holidays = draw(
        st.frozensets(supported_dates(date(2017, 3, 21), date(2018, 12, 31)), max_size=40)
    )
    return WorkCalendar(weekend=draw(weekends), holidays=holidays)


# -- text -------------------------------------------------------------------------------------

latin_digit_strings = st.text(alphabet="0123456789", min_size=1, max_size=20)
persian_digit_strings = st.text(alphabet="۰۱۲۳۴۵۶۷۸۹", min_size=1, max_size=20)
arabic_indic_digit_strings = st.text(alphabet="٠١٢٣٤٥٦٧٨٩", min_size=1, max_size=20)
#: Text with the characters normalisation cares about mixed into ordinary letters.
persianish_text = st.text(
    alphabet=st.sampled_from(
        [
            *"ابپتکگیيكى آذرشهر0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩",
            *(" ", "\t", "\n", "\u00a0", "\u200c", "\u200e", "\u200f", "\u0640", "\u2003"),
        ]
    ),
    max_size=40,
)
#: Digits of other scripts, which int() reads but no Iranian text uses: never accepted as digits.
foreign_digits = st.sampled_from("१२३४५६७८९०１２３４５６７８９０১২৩৪৫৬৭৮৯০")
#: Values of any kind but text, for fuzz tests that only documented errors come out.
non_text_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.fractions(),
    st.binary(max_size=12),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(), max_size=3),
    st.tuples(st.integers(), st.integers()),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.builds(object),
)

# -- identifiers ------------------------------------------------------------------------------


def national_id_check_digit(first_nine: str) -> int:
    """The check digit of a national id from its first nine digits (the public rule)."""
    r = sum(int(digit) * (10 - i) for i, digit in enumerate(first_nine)) % 11
    return r if r < 2 else 11 - r


def legal_id_check_digit(first_ten: str) -> int:
    """The check digit of a legal-entity id from its first ten digits (the public rule)."""
    t = int(first_ten[9]) + 2
    weights = (29, 27, 23, 19, 17)
    r = sum((int(digit) + t) * weights[i % 5] for i, digit in enumerate(first_ten)) % 11
    return 0 if r == 10 else r


national_ids = (
    st.text(alphabet="0123456789", min_size=9, max_size=9)
    .map(lambda nine: f"{nine}{national_id_check_digit(nine)}")
    .filter(lambda ten: len(set(ten)) > 1)
)
legal_entity_ids = (
    st.text(alphabet="0123456789", min_size=10, max_size=10)
    .filter(lambda ten: ten[3:9] != "000000")
    .map(lambda ten: f"{ten}{legal_id_check_digit(ten)}")
)


# -- records ----------------------------------------------------------------------------------


#: Dates of the years the records are about (1390–1405 AP), Gregorian.
record_dates = supported_dates(date(2011, 3, 21), date(2027, 3, 20))
#: Record ids: short, no surrounding blanks.
record_ids = st.text(
    alphabet=st.sampled_from("ABCDEFGHKLMNOPRSTXZ0123456789-_./:"), min_size=1, max_size=12
)
#: Free text as people type it: Persian and Latin letters, digits, inner spaces; never blank.
free_text = st.text(
    alphabet=st.sampled_from(list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكءآ abcXYZ019۱۹،.\u200c")),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() == s and bool(s))
optional_text = st.none() | free_text
person_ids = national_ids | record_ids
provinces = st.sampled_from(Province)


@st.composite
def agencies(
    draw: st.DrawFn, *, agency_id: str | None = None, parent_id: str | None = None
) -> Agency:
    """An agency with every optional field sometimes set (a parent only when one is given)."""
    return Agency(
        id=agency_id if agency_id is not None else draw(record_ids),
        name=draw(free_text),
        kind=draw(st.sampled_from(AgencyKind)),
        name_en=draw(optional_text),
        parent_id=parent_id,
        province=draw(st.none() | provinces),
        county=draw(optional_text),
        category=draw(optional_text),
        staff=draw(st.none() | st.integers(min_value=0, max_value=100_000)),
        legal_id=draw(st.none() | legal_entity_ids),
    )


@st.composite
def agency_forests(draw: st.DrawFn, max_size: int = 30) -> list[Agency]:
    """Agencies with unique ids whose parents come earlier in the list: always a valid registry."""
    ids = draw(st.lists(record_ids, min_size=1, max_size=max_size, unique=True))
    out: list[Agency] = []
    for n, agency_id in enumerate(ids):
        parent = draw(st.none() | st.sampled_from(ids[:n])) if n else None
        out.append(draw(agencies(agency_id=agency_id, parent_id=parent)))
    return draw(st.permutations(out))


weights = st.floats(min_value=0.01, max_value=100, allow_nan=False, allow_infinity=False)
scales = st.sampled_from(Scale) | st.integers(min_value=2, max_value=10)


@st.composite
def checklists(draw: st.DrawFn, max_sections: int = 4, max_items: int = 5) -> Checklist:
    """A checklist with unique section and item codes and every item option drawn."""
    sections = []
    for s in range(1, draw(st.integers(min_value=1, max_value=max_sections)) + 1):
        items = tuple(
            ChecklistItem(
                code=f"S{s}.{i}",
                text=draw(free_text),
                weight=draw(weights),
                scale=draw(scales),
                critical=draw(st.booleans()),
                allow_na=draw(st.booleans()),
                reference=draw(st.none() | st.just(f"Res. 1127128 art. {s + 2}")),
                text_en=draw(optional_text),
            )
            for i in range(1, draw(st.integers(min_value=1, max_value=max_items)) + 1)
        )
        sections.append(
            ChecklistSection(
                code=f"S{s}",
                title=draw(free_text),
                weight=draw(weights),
                items=items,
                title_en=draw(optional_text),
            )
        )
    return Checklist(
        id=draw(record_ids),
        version=draw(st.sampled_from(["1", "1.2", "1395.1", "2"])),
        title=draw(free_text),
        effective_from=draw(st.none() | record_dates),
        sections=tuple(sections),
        title_en=draw(optional_text),
    )


team_members = st.builds(
    TeamMember,
    name=free_text,
    affiliation=st.sampled_from(Affiliation),
    role=optional_text,
)


def answers_for(item: ChecklistItem) -> st.SearchStrategy[Answer | int]:
    """The answers an item's scale allows (``not_applicable`` only where the item allows it)."""
    na = [Answer.NOT_APPLICABLE] if item.allow_na else []
    if item.scale is Scale.BINARY:
        return st.sampled_from([Answer.COMPLIANT, Answer.NON_COMPLIANT, *na])
    if item.scale is Scale.TERNARY:
        return st.sampled_from([Answer.COMPLIANT, Answer.PARTIAL, Answer.NON_COMPLIANT, *na])
    levels = st.integers(min_value=0, max_value=item.levels - 1)
    return (levels | st.sampled_from(na)) if na else levels


@st.composite
def inspections(draw: st.DrawFn, checklist: Checklist | None = None) -> Inspection:
    """An inspection; with a checklist, one that fits it (a drawn subset of its items answered)."""
    when = draw(record_dates)
    if checklist is None:
        responses = draw(
            st.lists(
                st.builds(
                    Response,
                    item=record_ids,
                    answer=st.sampled_from(Answer) | st.integers(min_value=0, max_value=9),
                    note=optional_text,
                    evidence=optional_text,
                ),
                max_size=8,
            )
        )
        cl_id, cl_version = draw(record_ids), draw(st.sampled_from(["1", "1.2"]))
    else:
        chosen = draw(
            st.lists(st.sampled_from(list(checklist.items())), unique_by=lambda i: i.code)
        )
        responses = [
            Response(item=i.code, answer=draw(answers_for(i)), note=draw(optional_text))
            for i in chosen
        ]
        cl_id, cl_version = checklist.id, checklist.version
    findings = draw(
        st.lists(
            st.builds(
                Finding,
                item=st.none() | record_ids,
                severity=st.sampled_from(Severity),
                description=free_text,
                due=st.none() | record_dates,
                resolved_on=st.none() | supported_dates(when, date(2027, 3, 20)),
            ),
            max_size=3,
        )
    )
    return Inspection(
        id=draw(record_ids),
        agency_id=draw(record_ids),
        checklist_id=cl_id,
        checklist_version=cl_version,
        kind=draw(st.sampled_from(InspectionKind)),
        date=when,
        team=tuple(draw(st.lists(team_members, min_size=1, max_size=4))),
        responses=tuple(responses),
        findings=tuple(findings),
    )


@st.composite
def complaints(draw: st.DrawFn, respondent_id: str | None = None) -> Complaint:
    """A complaint, open or closed, with dates that agree with its status."""
    received = draw(record_dates)
    status = draw(st.sampled_from(ComplaintStatus))
    closed = status is ComplaintStatus.CLOSED
    return Complaint(
        id=draw(record_ids),
        agency_id=draw(record_ids),
        received=received,
        channel=draw(st.sampled_from(ComplaintChannel)),
        severity=draw(st.sampled_from(ComplaintSeverity)),
        status=status,
        subject=draw(optional_text),
        article=draw(st.none() | st.integers(min_value=1, max_value=19)),
        respondent_id=respondent_id if respondent_id is not None else draw(st.none() | person_ids),
        outcome=draw(st.sampled_from(ComplaintOutcome)) if closed else None,
        closed_on=draw(supported_dates(received, date(2027, 3, 20))) if closed else None,
    )


hours = st.floats(min_value=0.25, max_value=200, allow_nan=False, allow_infinity=False)


@st.composite
def training_records(
    draw: st.DrawFn, person_id: str | None = None, *, optional: bool = False
) -> TrainingRecord:
    """A training attendance (of the given person when one is given); with ``optional``, the
    course code, the provider and the role (attendee or instructor) are drawn too, else left at
    their defaults (an attendance with no code), which the scoring tests rely on."""
    extra: dict[str, object] = {}
    if optional:
        extra = {
            "course_code": draw(st.none() | record_ids),
            "provider": draw(optional_text),
            "role": draw(st.sampled_from(TrainingRole)),
        }
    return TrainingRecord(
        person_id=person_id if person_id is not None else draw(person_ids),
        agency_id=draw(record_ids),
        course=draw(free_text),
        audience=draw(st.sampled_from(TrainingAudience)),
        hours=draw(hours),
        date=draw(record_dates),
        id=draw(st.none() | record_ids),
        **extra,
    )


survey_responses = st.builds(
    SurveyResponse,
    agency_id=record_ids,
    date=record_dates,
    score=st.integers(min_value=1, max_value=5),
)
agency_stats = st.builds(
    AgencyStats,
    agency_id=record_ids,
    period=periods(),
    services=st.integers(min_value=0, max_value=10**7),
    staff=st.integers(min_value=0, max_value=10**5),
)
peer_groups = st.builds(PeerGroup, code=record_ids, name=free_text, name_en=st.none() | free_text)

ngos = st.builds(
    NGO,
    id=record_ids,
    name=free_text,
    registration_no=record_ids,
    fields=st.lists(free_text, max_size=4).map(tuple),
    registered=record_dates,
    active=st.booleans(),
    province=st.none() | provinces,
)
posts = st.builds(
    Post,
    title=free_text,
    kind=st.sampled_from(PostKind),
    level=st.none() | st.sampled_from(PostLevel),
)


@st.composite
def assignments(draw: st.DrawFn) -> Assignment:
    """A post held in an agency, ended or not."""
    start = draw(record_dates)
    return Assignment(
        agency_id=draw(record_ids),
        start=start,
        end=draw(st.none() | supported_dates(start, date(2027, 3, 20))),
        post=draw(st.none() | posts),
    )


commendations = st.builds(Commendation, date=record_dates, title=free_text)


contributions = st.builds(
    Contribution,
    kind=st.sampled_from(ContributionKind),
    date=record_dates,
    title=free_text,
    ref=st.none() | record_ids,
)


@st.composite
def candidate_records(draw: st.DrawFn, *, optional: bool = False) -> CandidateRecord:
    """A candidate whose trainings and named complaints are all their own; with ``optional``,
    trainings with codes and roles, and contributions, are drawn too (they move the record
    score, so the eligibility tests leave them out)."""
    person_id = draw(person_ids)
    return CandidateRecord(
        person_id=person_id,
        name=draw(free_text),
        assignments=tuple(draw(st.lists(assignments(), max_size=3))),
        complaints=tuple(draw(st.lists(complaints(respondent_id=person_id), max_size=3))),
        trainings=tuple(
            draw(st.lists(training_records(person_id=person_id, optional=optional), max_size=3))
        ),
        commendations=tuple(draw(st.lists(commendations, max_size=2))),
        contributions=tuple(draw(st.lists(contributions, max_size=3))) if optional else (),
    )


# -- memorandum -------------------------------------------------------------------------------

ngo_reports = st.builds(
    NGOReport,
    id=record_ids,
    ngo_id=record_ids,
    date=record_dates,
    agency_id=record_ids,
    observations=free_text,
    inspection_id=st.none() | record_ids,
)
#: Web addresses: ASCII, no blanks.
urls = st.builds(
    "https://{}/{}".format,
    st.sampled_from(["example.org", "areo.ir", "mporg.ir"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_/", max_size=20),
)
publications = st.builds(
    Publication,
    id=record_ids,
    agency_id=record_ids,
    kind=st.sampled_from(PublicationKind),
    date=record_dates,
    title=free_text,
    where=free_text,
    url=st.none() | urls,
)
programme_courses = st.builds(
    ProgrammeCourse,
    code=record_ids,
    title=free_text,
    title_en=optional_text,
    min_hours=st.none() | hours,
)


@st.composite
def training_programmes(draw: st.DrawFn) -> TrainingProgramme:
    """A programme of 1 to 4 courses with distinct codes, for some audiences, due on or after
    its issue."""
    issued = draw(record_dates)
    courses = draw(st.lists(programme_courses, min_size=1, max_size=4, unique_by=lambda c: c.code))
    audiences = draw(st.lists(st.sampled_from(TrainingAudience), min_size=1, unique=True))
    return TrainingProgramme(
        code=draw(record_ids),
        title=draw(free_text),
        title_en=draw(optional_text),
        circular=draw(optional_text),
        issued=issued,
        courses=tuple(courses),
        audiences=tuple(audiences),
        deadline=draw(supported_dates(issued, date(2027, 3, 20))),
        reporting=draw(st.sampled_from(ReportingEvery)),
    )


# -- eligibility ------------------------------------------------------------------------------

#: Assessment days whose default window lies inside ``record_dates`` (1393/01/01 to 1405/01/01).
eligibility_days = supported_dates(date(2014, 3, 21), date(2026, 3, 21))


@st.composite
def upheld_complaints(
    draw: st.DrawFn, first: date, last: date, respondent_id: str | None = None
) -> Complaint:
    """A complaint received between ``first`` and ``last`` and upheld by ``last``: one that counts."""
    received = draw(supported_dates(first, last))
    return Complaint(
        id=draw(record_ids),
        agency_id=draw(record_ids),
        received=received,
        channel=draw(st.sampled_from(ComplaintChannel)),
        severity=draw(st.sampled_from(ComplaintSeverity)),
        status=ComplaintStatus.CLOSED,
        respondent_id=respondent_id,
        outcome=ComplaintOutcome.UPHELD,
        closed_on=draw(supported_dates(received, last)),
    )


@st.composite
def unit_scores(
    draw: st.DrawFn, agency_ids: tuple[str, ...]
) -> dict[tuple[str, JalaliPeriod], float | None]:
    """Index scores (or ``None``) of the given agencies for years and quarters of 1390–1405."""
    if not agency_ids:
        return {}
    keys = st.tuples(
        st.sampled_from(agency_ids),
        st.builds(
            JalaliPeriod,
            st.sampled_from([PeriodKind.YEAR, PeriodKind.QUARTER]),
            st.integers(min_value=1390, max_value=1405),
            st.just(1),
        )
        | st.builds(
            JalaliPeriod,
            st.just(PeriodKind.QUARTER),
            st.integers(min_value=1390, max_value=1405),
            st.integers(min_value=1, max_value=4),
        ),
    )
    scores = st.none() | st.floats(min_value=0, max_value=100, allow_nan=False)
    return draw(st.dictionaries(keys, scores, max_size=8))


# -- working groups ---------------------------------------------------------------------------

#: Dates of 1395–1397 AP: narrow, so that meetings, due dates and as_of days overlap often.
group_dates = supported_dates(date(2016, 3, 20), date(2019, 3, 20))


@st.composite
def working_groups(draw: st.DrawFn, group_id: str = "WG") -> WorkingGroup:
    """A working group of any scope, with a quota of meetings sometimes set."""
    scope = draw(st.sampled_from(GroupScope))
    return WorkingGroup(
        id=group_id,
        name=draw(free_text),
        scope=scope,
        province=draw(provinces) if scope is GroupScope.PROVINCE else None,
        agency_id=draw(record_ids) if scope is GroupScope.AGENCY else None,
        members=tuple(
            draw(
                st.lists(
                    st.builds(
                        GroupMember,
                        name=free_text,
                        affiliation=st.sampled_from(Affiliation),
                        role=optional_text,
                    ),
                    min_size=1,
                    max_size=4,
                )
            )
        ),
        meetings_per_year=draw(st.none() | st.integers(min_value=1, max_value=12)),
    )


@st.composite
def programmes(draw: st.DrawFn, programme_id: str = "P") -> Programme:
    """A programme of 1 to 9 items numbered 1..n, in a drawn order."""
    size = draw(st.integers(min_value=1, max_value=9))
    items = [ProgrammeItem(number=n, title=draw(free_text)) for n in range(1, size + 1)]
    return Programme(
        id=programme_id, title=draw(free_text), items=tuple(draw(st.permutations(items)))
    )


@st.composite
def meetings(
    draw: st.DrawFn,
    group_ids: tuple[str, ...] = ("WG",),
    programme: Programme | None = None,
    max_meetings: int = 6,
) -> list[Meeting]:
    """Meetings of the given groups with unique meeting and resolution ids and valid statuses.

    With a programme, some resolutions refer to its items (always to items it has).
    """
    count = draw(st.integers(min_value=0, max_value=max_meetings))
    out: list[Meeting] = []
    serial = 0
    for n in range(count):
        held = draw(group_dates)
        resolutions = []
        for _ in range(draw(st.integers(min_value=0, max_value=4))):
            serial += 1
            status = draw(st.sampled_from(ResolutionStatus))
            ref = None
            if programme is not None and draw(st.booleans()):
                ref = ProgrammeRef(
                    programme_id=programme.id,
                    number=draw(st.integers(min_value=1, max_value=len(programme.items))),
                )
            resolutions.append(
                Resolution(
                    id=f"R-{serial}",
                    text=draw(free_text),
                    owner=draw(free_text),
                    due=draw(st.none() | group_dates),
                    status=status,
                    done_on=draw(supported_dates(held, date(2019, 3, 20)))
                    if status is ResolutionStatus.DONE
                    else None,
                    programme_item=ref,
                )
            )
        out.append(
            Meeting(
                id=f"M-{n}",
                group_id=draw(st.sampled_from(group_ids)),
                date=held,
                resolutions=tuple(resolutions),
            )
        )
    return out


@st.composite
def follow_up_inspections(
    draw: st.DrawFn,
    agency_ids: tuple[str, ...] = ("A-1", "A-2", "A-3"),
    dates: st.SearchStrategy[date] = group_dates,
) -> Inspection:
    """A light inspection for follow-up measures: no responses; agency, kind, date and findings
    (with due and resolution dates near the inspection) vary."""
    when = draw(dates)
    near = supported_dates(when - timedelta(days=60), when + timedelta(days=120))
    findings = draw(
        st.lists(
            st.builds(
                Finding,
                item=st.none() | st.sampled_from(["S1.1", "S1.2", "S4.2"]),
                severity=st.sampled_from(Severity),
                description=st.just("یافته"),
                due=st.none() | near,
                resolved_on=st.none() | supported_dates(when, when + timedelta(days=150)),
            ),
            max_size=4,
        )
    )
    return Inspection(
        id=draw(st.sampled_from(["I-1", "I-2", "I-3", "I-4"])),
        agency_id=draw(st.sampled_from(agency_ids)),
        checklist_id="ref",
        checklist_version="1",
        kind=draw(st.sampled_from(InspectionKind)),
        date=when,
        team=(TeamMember(name="بازرس", affiliation=Affiliation.AREO),),
        responses=(),
        findings=tuple(findings),
    )


# -- scoring ----------------------------------------------------------------------------------


@st.composite
def scoring_policies(draw: st.DrawFn) -> ScoringPolicy:
    """A scoring policy with each rule drawn (the grade bands stay the defaults)."""
    return ScoringPolicy(
        version=draw(st.sampled_from(["1", "what-if"])),
        unanswered=draw(st.sampled_from(["zero", "exclude"])),
        min_completeness=draw(st.floats(min_value=0, max_value=1)),
        critical_cap=draw(st.floats(min_value=0, max_value=100)),
        decimals=draw(st.integers(min_value=0, max_value=4)),
    )


@st.composite
def checklists_with_inspections(
    draw: st.DrawFn, max_sections: int = 4, max_items: int = 5
) -> tuple[Checklist, Inspection]:
    """A checklist and an inspection that fits it (some items may be left unanswered)."""
    checklist = draw(checklists(max_sections=max_sections, max_items=max_items))
    return checklist, draw(inspections(checklist))


#: Scores by id for rankings: 0-100 (ties likely at two decimals) or None.
score_maps = st.dictionaries(
    record_ids,
    st.none()
    | st.floats(min_value=0, max_value=100)
    | st.sampled_from([0.0, 50.0, 74.995, 75.0, 75.004, 100.0]),
    max_size=15,
)
