#!/usr/bin/env python
"""Write the SYNTHETIC demo dataset of citizenrights (package data under data/demo/).

One invented province dataset: the provincial governorate of Isfahan, four county governorates and
30 provincial offices in five peer groups, over the Jalali years 1396–1397 by quarter. Every person,
name, id, answer and count is made up by a seeded random generator; no real person appears and no
figure describes a real agency. Running the script twice writes identical bytes.

Usage:
    python scripts/make_demo_dataset.py [OUT_DIR]   # default: src/citizenrights/data/demo
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
from collections.abc import Iterable
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from citizenrights.calendar import (
    JalaliPeriod,
    PeriodKind,
    WorkCalendar,
    add_working_days,
    format_jalali,
    from_jalali,
)
from citizenrights.dataset import Dataset
from citizenrights.followup import group_progress
from citizenrights.models.activity import NGO, Complaint, SurveyResponse, TrainingRecord
from citizenrights.models.agencies import Agency
from citizenrights.models.checklists import Checklist, Scale
from citizenrights.models.groups import Meeting, Programme, WorkingGroup, check_programme_refs
from citizenrights.models.inspections import Inspection
from citizenrights.models.memorandum import NGOReport, Publication, TrainingProgramme
from citizenrights.models.people import CandidateRecord
from citizenrights.models.provinces import Province
from citizenrights.models.reference import REFERENCE_CHECKLIST_FILE
from citizenrights.vocabulary import PEER_GROUPS

SEED = 13960715
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "citizenrights" / "data" / "demo"
PROVINCE = Province.ISFAHAN
QUARTERS = [JalaliPeriod(PeriodKind.QUARTER, y, q) for y in (1396, 1397) for q in (1, 2, 3, 4)]
FIRST_DAY, LAST_DAY = QUARTERS[0].start, QUARTERS[-1].end
CAL = WorkCalendar()

# -- invented people ---------------------------------------------------------------------------------

FIRST_NAMES = (
    "مریم", "علی", "زهرا", "محمد", "فاطمه", "حسین", "سارا", "رضا", "نرگس", "مهدی", "لیلا", "امیر",
    "شیما", "حامد", "الهام", "سعید", "نازنین", "مجید", "پریسا", "کاوه", "مینا", "بهروز", "آزاده",
    "فرهاد", "ندا", "وحید", "سمیه", "یاسر", "مهسا", "بابک", "طاهره", "کامران",
)  # fmt: skip
LAST_NAMES = (
    "احمدی", "رضایی", "کریمی", "موسوی", "حسینی", "جعفری", "صادقی", "نوری", "قاسمی", "رحیمی",
    "سلطانی", "کاظمی", "یزدانی", "فراهانی", "نیک‌نام", "بهرامی", "امینی", "شریفی", "توکلی",
    "پاکزاد", "آقایی", "مرادی", "زارعی", "اکبری", "ملکی", "نظری", "دهقانی", "خسروی", "باقری",
    "نادری", "فتحی", "شجاعی", "طاهری", "منصوری", "اصفهانی‌نژاد", "کیانی",
)  # fmt: skip


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


# -- agencies ----------------------------------------------------------------------------------------

GOVERNORATE = ("isf-gov", "استانداری اصفهان", "Isfahan Provincial Governorate", 260)
COUNTIES = (
    ("isf-fr-kashan", "فرمانداری کاشان", "Kashan County Governorate", "کاشان", 64),
    ("isf-fr-najafabad", "فرمانداری نجف‌آباد", "Najafabad County Governorate", "نجف‌آباد", 52),
    ("isf-fr-khomeinishahr", "فرمانداری خمینی‌شهر", "Khomeinishahr County Governorate",
     "خمینی‌شهر", 47),
    ("isf-fr-shahinshahr", "فرمانداری شاهین‌شهر و میمه", "Shahinshahr and Meymeh County Governorate",
     "شاهین‌شهر و میمه", 41),
)  # fmt: skip
# Peer groups (category) of the provincial offices: id, Persian name, English name, staff.
OFFICES: dict[str, tuple[tuple[str, str, str, int], ...]] = {
    "economic": (
        ("isf-tax", "اداره کل امور مالیاتی", "Tax Affairs Directorate", 210),
        ("isf-finance", "اداره کل امور اقتصادی و دارایی", "Economic Affairs and Finance Directorate", 95),
        ("isf-smt", "سازمان صنعت، معدن و تجارت", "Industry, Mine and Trade Organization", 130),
        ("isf-agri", "سازمان جهاد کشاورزی", "Agriculture Jihad Organization", 180),
        ("isf-customs", "اداره کل گمرک", "Customs Directorate", 85),
        ("isf-labour", "اداره کل تعاون، کار و رفاه اجتماعی", "Cooperatives, Labour and Social Welfare Directorate", 120),
    ),
    "infrastructure": (
        ("isf-roads", "اداره کل راه و شهرسازی", "Roads and Urban Development Directorate", 150),
        ("isf-transport", "اداره کل راهداری و حمل و نقل جاده‌ای", "Road Maintenance and Transport Directorate", 140),
        ("isf-water", "شرکت آب منطقه‌ای", "Regional Water Company", 170),
        ("isf-abfa", "شرکت آب و فاضلاب", "Water and Wastewater Company", 220),
        ("isf-power", "شرکت توزیع نیروی برق", "Electricity Distribution Company", 200),
        ("isf-gas", "شرکت گاز", "Gas Company", 160),
    ),
    "social": (
        ("isf-education", "اداره کل آموزش و پرورش", "Education Directorate", 240),
        ("isf-culture", "اداره کل فرهنگ و ارشاد اسلامی", "Culture and Islamic Guidance Directorate", 70),
        ("isf-sport", "اداره کل ورزش و جوانان", "Sport and Youth Directorate", 65),
        ("isf-heritage", "اداره کل میراث فرهنگی، صنایع دستی و گردشگری", "Cultural Heritage, Handicrafts and Tourism Directorate", 90),
        ("isf-libraries", "اداره کل کتابخانه‌های عمومی", "Public Libraries Directorate", 45),
        ("isf-tvto", "اداره کل آموزش فنی و حرفه‌ای", "Technical and Vocational Training Directorate", 80),
    ),
    "health_welfare": (
        ("isf-ssio", "اداره کل تأمین اجتماعی", "Social Security Directorate", 230),
        ("isf-health-ins", "اداره کل بیمه سلامت", "Health Insurance Directorate", 75),
        ("isf-welfare", "اداره کل بهزیستی", "Welfare Directorate", 125),
        ("isf-housing", "بنیاد مسکن انقلاب اسلامی", "Housing Foundation", 70),
        ("isf-medical", "دانشگاه علوم پزشکی و خدمات بهداشتی درمانی", "University of Medical Sciences and Health Services", 250),
        ("isf-pension", "اداره کل صندوق بازنشستگی کشوری", "Civil Servants Pension Fund Directorate", 50),
    ),
    "registration": (
        ("isf-deeds", "اداره کل ثبت اسناد و املاک", "Deeds and Property Registration Directorate", 160),
        ("isf-civil-reg", "اداره کل ثبت احوال", "Civil Registration Directorate", 90),
        ("isf-post", "شرکت پست", "Post Company", 110),
        ("isf-environment", "اداره کل حفاظت محیط زیست", "Environmental Protection Directorate", 60),
        ("isf-resources", "اداره کل منابع طبیعی و آبخیزداری", "Natural Resources and Watershed Directorate", 85),
        ("isf-standards", "اداره کل استاندارد", "Standards Directorate", 55),
    ),
}  # fmt: skip
# Services per quarter scale with what an office does (a rough, invented magnitude).
SERVICE_SCALE = {
    "governorate": 4_000, "economic": 12_000, "infrastructure": 20_000, "social": 6_000,
    "health_welfare": 25_000, "registration": 18_000,
}  # fmt: skip
# Offices whose work has no standard contracts with clients: section A10 (article 10, unfair
# contract terms) does not apply to them.
NO_CONTRACTS = {
    "isf-gov", "isf-culture", "isf-sport", "isf-libraries", "isf-environment", "isf-civil-reg",
    "isf-heritage", *(c[0] for c in COUNTIES),
}  # fmt: skip


# The festival group of each agency (FestivalPolicy's codes: the groups a provincial round of the
# Shahid Rajaei Festival listed). The governorates go with public, security and judicial bodies.
FESTIVAL_GROUPS = {
    "production_services": (
        "isf-smt", "isf-agri", "isf-post", "isf-resources", "isf-standards",
    ),
    "cultural_scientific_educational": (
        "isf-education", "isf-culture", "isf-sport", "isf-heritage", "isf-libraries", "isf-tvto",
    ),
    "infrastructure_development": (
        "isf-roads", "isf-transport", "isf-water", "isf-abfa", "isf-power", "isf-gas",
        "isf-environment",
    ),
    "economic_financial": ("isf-tax", "isf-finance", "isf-customs"),
    "health_social_welfare": (
        "isf-labour", "isf-ssio", "isf-health-ins", "isf-welfare", "isf-housing", "isf-medical",
        "isf-pension",
    ),
    "public_security_judicial": (
        "isf-gov", *(c[0] for c in COUNTIES), "isf-deeds", "isf-civil-reg",
    ),
}  # fmt: skip
FESTIVAL_GROUP_OF = {a: group for group, ids in FESTIVAL_GROUPS.items() for a in ids}


def agencies() -> list[dict[str, Any]]:
    gov_id, gov_fa, gov_en, gov_staff = GOVERNORATE
    out: list[dict[str, Any]] = [
        {"id": gov_id, "name": gov_fa, "name_en": gov_en, "kind": "provincial_governorate",
         "province": PROVINCE.value, "category": "governorate", "staff": gov_staff},
    ]  # fmt: skip
    for agency_id, name, name_en, county, staff in COUNTIES:
        out.append(
            {"id": agency_id, "name": name, "name_en": name_en, "kind": "county_governorate",
             "parent_id": gov_id, "province": PROVINCE.value, "county": county,
             "category": "governorate", "staff": staff}
        )  # fmt: skip
    for category, offices in OFFICES.items():
        for agency_id, name, name_en, staff in offices:
            out.append(
                {"id": agency_id, "name": f"{name} استان اصفهان", "name_en": f"{name_en}, Isfahan",
                 "kind": "provincial_office", "parent_id": gov_id, "province": PROVINCE.value,
                 "category": category, "staff": staff}
            )  # fmt: skip
    for record in out:
        record["festival_group"] = FESTIVAL_GROUP_OF[record["id"]]
        Agency.model_validate(record)
    return out


class Profile:
    """An agency's invented character: how well it observes citizens' rights, and its staff."""

    def __init__(self, record: dict[str, Any], number: int, rng: random.Random) -> None:
        self.id: str = record["id"]
        self.category: str = record["category"]
        self.staff: int = record["staff"]
        self.quality = rng.uniform(0.5, 0.93)
        self.trend = rng.uniform(-0.01, 0.03)
        self.roster = [f"DEMO-{number:02d}{n:03d}" for n in range(1, self.staff + 1)]
        self.managers = self.roster[: max(3, self.staff // 15)]
        self.services = int(SERVICE_SCALE[self.category] * rng.uniform(0.4, 1.6))

    def quality_in(self, quarter: int, rng: random.Random) -> float:
        return min(0.98, max(0.2, self.quality + self.trend * quarter + rng.gauss(0, 0.03)))


def profiles(records: list[dict[str, Any]]) -> list[Profile]:
    rng = random.Random(f"{SEED}-profiles")
    out = [Profile(r, n, rng) for n, r in enumerate(records, 1)]
    # A few fixed characters, so that the demo always has a weak, a declining and a model office.
    by_id = {p.id: p for p in out}
    by_id["isf-transport"].quality, by_id["isf-transport"].trend = 0.42, 0.0
    by_id["isf-customs"].quality, by_id["isf-customs"].trend = 0.8, -0.04
    by_id["isf-civil-reg"].quality, by_id["isf-civil-reg"].trend = 0.93, 0.005
    by_id["isf-fr-shahinshahr"].quality, by_id["isf-fr-shahinshahr"].trend = 0.48, 0.04
    return out


# -- dates -------------------------------------------------------------------------------------------


def jalali(d: date) -> str:
    return format_jalali(d, "%Y/%m/%d")


def working_days(first: date, last: date) -> list[date]:
    days = (first + timedelta(n) for n in range((last - first).days + 1))
    return [d for d in days if CAL.is_working_day(d)]


QUARTER_DAYS = [working_days(q.start, q.end) for q in QUARTERS]


# -- inspections -------------------------------------------------------------------------------------

# How much harder than average an item is to meet (subtracted from the agency's quality).
DIFFICULTY = {
    "A03.2": 0.08, "A03.4": -0.05, "A04.1": 0.05, "A06.3": 0.1, "A06.4": 0.12, "A08.1": 0.12,
    "A09.2": 0.1, "A11.1": 0.22, "A11.3": 0.15, "A12.4": 0.1, "A13.1": 0.15, "A13.2": 0.2,
    "ORG.1": 0.05, "ORG.4": 0.08,
}  # fmt: skip
NOTES = (
    "در بازدید مشاهده نشد.",
    "مستندات ارائه نشد.",
    "به‌صورت ناقص اجرا شده است.",
    "نیازمند اقدام اصلاحی است.",
)
FINDINGS = {
    "A03.1": "برخورد نامناسب با مراجعان در واحد پذیرش؛ تذکر کتبی و آموزش کارکنان لازم است.",
    "A05.1": "شرط غیرقانونی برای ارائه خدمت به گروهی از مراجعان؛ رفع فوری لازم است.",
    "A07.1": "افشای اطلاعات شخصی مراجعان بدون مجوز قانونی؛ بررسی و رفع فوری لازم است.",
    "A12.1": "مجرای اعلام‌شده برای ثبت شکایت وجود ندارد.",
    "A03.2": "فضای انتظار فاقد صندلی کافی و آب آشامیدنی است.",
    "A06.1": "فهرست خدمات و مدارک لازم در محل و وب‌سایت منتشر نشده است.",
    "A06.2": "میز خدمت در ساعات اداری دایر نیست.",
    "A11.1": "سطح شیب‌دار و سرویس بهداشتی ویژه افراد دارای معلولیت وجود ندارد.",
    "A12.2": "شکایات بدون شماره پیگیری ثبت می‌شود.",
}
TEAM_ROLES = ("lead", "member")


def team(rng: random.Random, *, joint: bool) -> list[dict[str, str]]:
    members = [
        {"name": person_name(rng), "affiliation": "areo", "role": "lead"},
        {"name": person_name(rng), "affiliation": "moi", "role": "member"},
    ]
    if rng.random() < 0.5:
        members[0]["role"], members[1]["role"] = "member", "lead"
    if not joint:
        del members[rng.randrange(2)]
        members[0]["role"] = "lead"
        members.append({"name": person_name(rng), "affiliation": "agency", "role": "liaison"})
    elif rng.random() < 0.35:
        members.append({"name": person_name(rng), "affiliation": "ngo", "role": "observer"})
    return members


def answer(item: Any, quality: float, rng: random.Random) -> str:
    if item.critical:
        fails = rng.random() < (0.05 if quality < 0.6 else 0.006)
        if fails:
            return "non_compliant"
        if item.scale is Scale.TERNARY and rng.random() < (1 - quality) * 0.5:
            return "partial"
        return "compliant"
    p = min(0.99, max(0.05, quality - DIFFICULTY.get(item.code, 0.0)))
    u = rng.random()
    if u < p:
        return "compliant"
    if item.scale is Scale.TERNARY and u < p + (1 - p) * 0.55:
        return "partial"
    return "non_compliant"


def inspection(
    checklist: Checklist,
    profile: Profile,
    quality: float,
    day: date,
    *,
    ident: str,
    kind: str,
    joint: bool,
    rng: random.Random,
) -> dict[str, Any]:
    na = (
        {i.code for s in checklist.sections if s.code == "A10" for i in s.items}
        if profile.id in NO_CONTRACTS
        else set()
    )
    if profile.category == "governorate":
        na |= {"A13.2"}
    items = list(checklist.items())
    skipped: set[str] = set()
    if rng.random() < 0.05:  # an incomplete inspection: the team ran out of time
        optional = [i.code for i in items if not i.critical]
        skipped = set(rng.sample(optional, k=int(len(items) * rng.uniform(0.25, 0.4))))
    responses: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    for item in items:
        if item.code in skipped:
            continue
        value = "not_applicable" if item.code in na else answer(item, quality, rng)
        response: dict[str, Any] = {"item": item.code, "answer": value}
        if value == "non_compliant" and rng.random() < 0.25:
            response["note"] = rng.choice(NOTES)
        responses.append(response)
        if value == "non_compliant" and (item.critical or rng.random() < 0.2):
            findings.append(finding(item.code, item.critical, day, quality, rng))
    record: dict[str, Any] = {
        "id": ident,
        "agency_id": profile.id,
        "checklist_id": checklist.id,
        "checklist_version": checklist.version,
        "kind": kind,
        "date": jalali(day),
        "team": team(rng, joint=joint),
        "responses": responses,
    }
    if findings:
        record["findings"] = findings
    Inspection.model_validate(record).ensure_matches(checklist)
    return record


def finding(
    code: str, critical: bool, day: date, quality: float, rng: random.Random
) -> dict[str, Any]:
    severity = "critical" if critical else rng.choice(("major", "minor", "minor"))
    allowed = 10 if critical else rng.choice((20, 40))
    due = add_working_days(day, allowed, CAL)
    description = FINDINGS.get(code, f"رفع نقص مشاهده‌شده در بند {code} چک‌لیست.")
    out: dict[str, Any] = {"item": code, "severity": severity, "description": description}
    out["due"] = jalali(due)
    if rng.random() < 0.45 + 0.45 * quality:
        # Mostly on time; some late (past due, then resolved).
        taken = (
            rng.randint(3, allowed) if rng.random() < 0.8 else rng.randint(allowed + 1, allowed * 2)
        )
        resolved = add_working_days(day, taken, CAL)
        if resolved <= LAST_DAY:
            out["resolved_on"] = jalali(resolved)
    return out


def inspections(checklist: Checklist, agency_profiles: list[Profile]) -> list[dict[str, Any]]:
    rng = random.Random(f"{SEED}-inspections")
    out: list[dict[str, Any]] = []
    for q, quarter in enumerate(QUARTERS):
        days = QUARTER_DAYS[q]
        serial = 0

        def next_id(quarter: JalaliPeriod = quarter) -> str:
            nonlocal serial
            serial += 1
            return f"INS-{quarter.year}Q{quarter.index}-{serial:03d}"

        for profile in agency_profiles:
            quality = profile.quality_in(q, rng)
            day = rng.choice(days[len(days) // 3 :])  # periodic visits fall in the 2nd-3rd month
            joint = rng.random() >= 0.06
            record = inspection(checklist, profile, quality, day, ident=next_id(),
                                kind="periodic", joint=joint, rng=rng)  # fmt: skip
            out.append(record)
            critical = any(f["severity"] == "critical" for f in record.get("findings", ()))
            if critical:  # a follow-up visit a month or so later, if it falls in the data
                later = add_working_days(day, rng.randint(15, 30), CAL)
                if later <= LAST_DAY:
                    out.append(
                        inspection(checklist, profile, min(0.98, quality + 0.1), later,
                                   ident=next_id(), kind="follow_up", joint=True, rng=rng)
                    )  # fmt: skip
            if rng.random() < 0.08 + 0.25 * (1 - quality):  # ad hoc, after complaints
                out.append(
                    inspection(checklist, profile, quality, rng.choice(days), ident=next_id(),
                               kind="ad_hoc", joint=True, rng=rng)
                )  # fmt: skip
    out.sort(key=lambda r: r["id"])
    return out


# -- complaints, trainings, surveys, stats -----------------------------------------------------------

SUBJECTS = (
    ("برخورد نامناسب کارمند با مراجعه‌کننده", 3),
    ("عدم رعایت نوبت در ارائه خدمت", 4),
    ("تبعیض در ارائه خدمات", 5),
    ("تأخیر در رسیدگی به درخواست", 6),
    ("غیبت کارمند مسئول بدون جانشین", 6),
    ("افشای اطلاعات شخصی بدون مجوز", 7),
    ("درخواست مدارک غیرضروری", 7),
    ("عدم پاسخ کتبی به درخواست", 8),
    ("بی‌توجهی به انتقاد و پیشنهاد", 9),
    ("شرط ناعادلانه در قرارداد", 10),
    ("نبود دسترسی برای افراد دارای معلولیت", 11),
    ("عدم رسیدگی به شکایت قبلی", 12),
    ("عدم جبران خسارت ناشی از قصور", 13),
)
GRAVE_ARTICLES = {3, 5, 7}
CHANNELS = ("in_person", "phone", "web", "letter", "other")
CHANNEL_WEIGHTS = (30, 20, 30, 15, 5)


class Counter:
    def __init__(self, prefix: str) -> None:
        self.prefix, self.n = prefix, 0

    def __call__(self, year: int) -> str:
        self.n += 1
        return f"{self.prefix}-{year}-{self.n:04d}"


def complaint(
    ident: str,
    agency_id: str,
    received: date,
    rng: random.Random,
    *,
    quality: float,
    respondent: str | None,
    subject: tuple[str, int] | None = None,
    severity: str | None = None,
    outcome: str | None = None,
    days_to_close: int | None = None,
) -> dict[str, Any]:
    text, article = subject or rng.choice(SUBJECTS)
    if severity is None:
        grave = 0.12 if article in GRAVE_ARTICLES else 0.02
        u = rng.random()
        severity = "grave" if u < grave else "major" if u < grave + 0.3 else "minor"
    record: dict[str, Any] = {
        "id": ident,
        "agency_id": agency_id,
        "received": jalali(received),
        "channel": rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0],
        "subject": text,
        "article": article,
        "severity": severity,
    }
    if respondent is not None:
        record["respondent_id"] = respondent
    if days_to_close is None:
        fast = rng.random() < quality
        days_to_close = rng.randint(2, 9) if fast else rng.randint(11, 40)
    closed = add_working_days(received, days_to_close, CAL)
    if closed > LAST_DAY or (outcome is None and rng.random() < 0.03):
        record["status"] = "open"
    else:
        if outcome is None:
            u = rng.random()
            upheld = 0.15 + 0.5 * (1 - quality)
            outcome = "upheld" if u < upheld else "withdrawn" if u < upheld + 0.06 else "dismissed"
        record.update(status="closed", outcome=outcome, closed_on=jalali(closed))
    Complaint.model_validate(record)
    return record


def complaints(agency_profiles: list[Profile], reserved: set[str]) -> list[dict[str, Any]]:
    rng = random.Random(f"{SEED}-complaints")
    next_id = Counter("CMP")
    out = []
    for q, quarter in enumerate(QUARTERS):
        if quarter.index == 1:
            next_id.n = 0
        for profile in agency_profiles:
            quality = profile.quality_in(q, rng)
            expected = profile.services / 8_000 * (1.6 - quality)
            count = sum(1 for _ in range(12) if rng.random() < expected / 12)
            for _ in range(count):
                received = rng.choice(QUARTER_DAYS[q])
                staff = [p for p in profile.roster if p not in reserved]
                respondent = rng.choice(staff) if rng.random() < 0.55 else None
                out.append(
                    complaint(next_id(quarter.year), profile.id, received, rng,
                              quality=quality, respondent=respondent)
                )  # fmt: skip
    return out


COURSES = {
    "manager": (("حقوق شهروندی در نظام اداری (مدیران)", (6, 8, 8, 12)),),
    "employee": (
        ("آشنایی با منشور حقوق شهروندی", (2, 4, 4, 4, 6)),
        ("ارتباط مؤثر با ارباب رجوع", (2, 3, 4)),
    ),
}


def trainings(agency_profiles: list[Profile], reserved: set[str]) -> list[dict[str, Any]]:
    rng = random.Random(f"{SEED}-trainings")
    out = []
    for q in range(len(QUARTERS)):
        for profile in agency_profiles:
            quality = profile.quality_in(q, rng)
            staff = [p for p in profile.roster if p not in reserved]
            share = 0.05 + 0.22 * quality + rng.uniform(-0.03, 0.03)
            attendees = sorted(rng.sample(staff, k=round(share * len(staff))))
            session = {  # a course is held on one or two days of the quarter
                audience: [rng.choice(QUARTER_DAYS[q]) for _ in range(2)] for audience in COURSES
            }
            for person in attendees:
                audience = "manager" if person in profile.managers else "employee"
                course, hours = rng.choice(COURSES[audience])
                out.append(
                    {"person_id": person, "agency_id": profile.id, "course": course,
                     "audience": audience, "hours": rng.choice(hours),
                     "date": jalali(rng.choice(session[audience]))}
                )  # fmt: skip
    return out


def surveys(agency_profiles: list[Profile]) -> list[dict[str, Any]]:
    rng = random.Random(f"{SEED}-surveys")
    out = []
    for q in range(len(QUARTERS)):
        for profile in agency_profiles:
            mean = 1.5 + 3.2 * profile.quality_in(q, rng)
            days = QUARTER_DAYS[q]
            for day in sorted(rng.choice(days) for _ in range(rng.randint(10, 24))):
                score = min(5, max(1, round(rng.gauss(mean, 0.9))))
                out.append({"agency_id": profile.id, "date": jalali(day), "score": score})
    return out


def stats(agency_profiles: list[Profile]) -> list[dict[str, Any]]:
    rng = random.Random(f"{SEED}-stats")
    season = (1.0, 0.85, 1.1, 1.05)  # summer is quieter, autumn busier
    out = []
    for q, quarter in enumerate(QUARTERS):
        for profile in agency_profiles:
            services = profile.services * season[quarter.index - 1] * (1 + 0.03 * q)
            out.append(
                {"agency_id": profile.id, "period": str(quarter),
                 "services": round(services * rng.uniform(0.9, 1.1)),
                 "staff": profile.staff - rng.randint(0, 3)}
            )  # fmt: skip
    return out


# -- NGOs --------------------------------------------------------------------------------------------

NGO_FORMS = ("انجمن", "کانون", "مؤسسه", "جمعیت", "خانه")
NGO_CORES = (
    "شهروند آگاه", "یاوران قانون", "دیده‌بان خدمت عمومی", "پاسداشت کرامت", "همیاران ارباب رجوع",
    "مشارکت مدنی", "حامیان حقوق توان‌خواهان", "صدای مردم", "گفت‌وگوی شهروندی", "عدالت اداری",
    "شفافیت و پاسخ‌گویی", "حقوق مصرف‌کننده",
)  # fmt: skip
NGO_FIELDS = (
    "citizens_rights", "administrative_transparency", "disability_rights", "consumer_rights",
    "legal_aid", "women_and_family", "children", "environment",
)  # fmt: skip
# The 56 NGOs of the first seed, spread over the provinces: one each, and more in large ones.
NGO_EXTRA = {
    Province.TEHRAN: 6, Province.ISFAHAN: 4, Province.RAZAVI_KHORASAN: 3, Province.FARS: 3,
    Province.EAST_AZERBAIJAN: 2, Province.KHUZESTAN: 2, Province.ALBORZ: 2, Province.KERMAN: 1,
    Province.GILAN: 1, Province.MAZANDARAN: 1,
}  # fmt: skip


def ngos() -> list[dict[str, Any]]:
    rng = random.Random(f"{SEED}-ngos")
    provinces = [p for p in Province for _ in range(1 + NGO_EXTRA.get(p, 0))]
    if len(provinces) != 56:
        raise ValueError(f"expected the seed's 56 NGOs, got {len(provinces)}")
    names: set[str] = set()
    out = []
    for n, province in enumerate(provinces, 1):
        name = ""
        while not name or name in names:
            name = f"{rng.choice(NGO_FORMS)} {rng.choice(NGO_CORES)} {province.name_fa}"
        names.add(name)
        registered = from_jalali(rng.randint(1388, 1395), rng.randint(1, 12), rng.randint(1, 29))
        fields = ["citizens_rights", *rng.sample(NGO_FIELDS[1:], k=rng.randint(0, 2))]
        record = {
            "id": f"NGO-{n:02d}",
            "name": name,
            "registration_no": f"DEMO-{province.number:02d}-{rng.randint(1000, 9999)}",
            "province": province.value,
            "fields": fields,
            "registered": jalali(registered),
            "active": True,
            "registration_authority": "وزارت کشور",
        }
        NGO.model_validate(record)
        out.append(record)
    return out


# -- candidates --------------------------------------------------------------------------------------

MANAGER = {"title": "مدیر کل", "kind": "managerial", "level": "senior"}
DEPUTY = {"title": "معاون", "kind": "managerial", "level": "middle"}
HEAD = {"title": "رئیس اداره", "kind": "managerial", "level": "basic"}
SENSITIVE = {"title": "مسئول حراست", "kind": "sensitive", "level": "middle"}
# (agency, post, what the record is meant to show, [(complaint: date, severity, outcome)],
#  [training hours with their dates], commendation)
CANDIDATES: tuple[tuple[str, dict[str, str], str, list[tuple[str, str, str]], list[tuple[int, str]], bool], ...] = (
    ("isf-civil-reg", MANAGER, "clean record, well trained, a commendation, a course taught and a working group: the full positive part", [], [(12, "1396/03/20"), (8, "1397/02/10")], True),
    ("isf-tax", DEPUTY, "one upheld minor complaint; an NGO cooperation earns part of the positive part", [("1396/05/14", "minor", "upheld")], [(8, "1396/04/05"), (6, "1396/11/18")], False),
    ("isf-transport", MANAGER, "an upheld grave complaint; heads a unit with a low index (mean 50.81 of 8 quarters, minimum 60)", [("1396/08/22", "grave", "upheld")], [(12, "1396/02/25")], False),
    ("isf-abfa", HEAD, "three upheld complaints; heads a unit with an index just below the minimum (mean 58.56)", [("1396/02/09", "minor", "upheld"), ("1396/06/30", "major", "upheld"), ("1396/10/03", "minor", "upheld")], [(8, "1396/03/01"), (4, "1396/09/12")], False),
    ("isf-welfare", DEPUTY, "too little training (6 of the 12 hours of a managerial post)", [], [(4, "1396/07/18"), (2, "1397/01/28")], False),
    ("isf-deeds", SENSITIVE, "14 hours: enough for a managerial post, not for a sensitive one", [], [(8, "1396/02/11"), (6, "1396/09/27")], False),
    ("isf-fr-shahinshahr", MANAGER, "clean and trained, heads a unit whose index passes the minimum (mean 65 of 8 quarters, low only in 1396-Q1); no positive record", [], [(12, "1396/04/19"), (4, "1396/12/05")], False),
    ("isf-ssio", DEPUTY, "an open complaint pending (listed, not counted), others dismissed", [("1396/06/12", "major", "dismissed"), ("1396/11/02", "minor", "dismissed"), ("1397/12/20", "major", "open")], [(8, "1396/05/30"), (8, "1397/03/14")], False),
    ("isf-post", HEAD, "only withdrawn and dismissed complaints", [("1396/03/07", "major", "withdrawn"), ("1396/09/19", "grave", "dismissed")], [(12, "1396/08/08")], False),
    ("isf-gas", MANAGER, "an upheld complaint from before the window", [("1393/05/10", "major", "upheld")], [(8, "1396/01/20"), (8, "1396/10/11")], True),
    ("isf-medical", MANAGER, "senior manager with a commendation", [], [(12, "1396/06/06"), (8, "1397/04/22")], True),
    ("isf-customs", DEPUTY, "two upheld complaints and a training gap", [("1396/04/26", "major", "upheld"), ("1396/12/10", "minor", "upheld")], [(6, "1396/08/15")], False),
)  # fmt: skip


def candidates(
    agency_profiles: list[Profile],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], set[str]]:
    """Candidate records, and their complaints and trainings dated in the data's two years."""
    rng = random.Random(f"{SEED}-candidates")
    by_id = {p.id: p for p in agency_profiles}
    next_id = Counter("CMP-C")
    out, their_complaints, their_trainings = [], [], []
    reserved: set[str] = set()
    for agency_id, post, _meant, history, hours, commended in CANDIDATES:
        profile = by_id[agency_id]
        person = profile.managers[0 if post is MANAGER else 1]
        reserved.add(person)
        start = from_jalali(rng.randint(1391, 1394), rng.randint(1, 12), rng.randint(1, 28))
        assignments = [{"agency_id": agency_id, "start": jalali(start), "post": post}]
        if rng.random() < 0.5:  # an earlier post in another office
            other = rng.choice([p.id for p in agency_profiles if p.id != agency_id])
            before = from_jalali(rng.randint(1386, 1389), rng.randint(1, 12), rng.randint(1, 28))
            assignments.insert(
                0,
                {"agency_id": other, "start": jalali(before), "end": jalali(start - timedelta(1)),
                 "post": HEAD},
            )  # fmt: skip
        complaints_of = []
        for received, severity, outcome in history:
            day = from_jalali(*map(int, received.split("/")))
            record = complaint(
                next_id(int(received[:4])), agency_id, day, rng, quality=profile.quality,
                respondent=person, severity=severity,
                outcome=None if outcome == "open" else outcome,
                days_to_close=10_000 if outcome == "open" else rng.randint(4, 15),
            )  # fmt: skip
            complaints_of.append(record)
            if FIRST_DAY <= day <= LAST_DAY:
                their_complaints.append(record)
        trainings_of = []
        for n, (h, when) in enumerate(hours):
            audience = "manager" if post["kind"] == "managerial" or n == 0 else "employee"
            course = (
                COURSES["manager"][0][0] if audience == "manager" else COURSES["employee"][0][0]
            )
            record = {"person_id": person, "agency_id": agency_id, "course": course,
                      "audience": audience, "hours": h, "date": when}  # fmt: skip
            trainings_of.append(record)
            their_trainings.append(record)
        candidate: dict[str, Any] = {
            "person_id": person,
            "name": person_name(rng),
            "assignments": assignments,
            "complaints": complaints_of,
            "trainings": trainings_of,
        }
        if commended:
            candidate["commendations"] = [
                {
                    "date": "1396/12/15",
                    "title": "تقدیر در جشنواره شهید رجایی برای رعایت حقوق شهروندی",
                }
            ]
        CandidateRecord.model_validate(candidate)
        out.append(candidate)
    return out, their_complaints, their_trainings, reserved


# -- working groups, meetings, programme -------------------------------------------------------------

# The 9-item programme of the second seed. Its items are written for the demo (what such a programme
# asks of an agency, after the seeds and the checklist), not the text of the real circular.
PROGRAMME_ID = "prg-protection-9"
PROGRAMME_ITEMS = (
    ("تدوین و انتشار منشور حقوق شهروندی دستگاه", "Draft and publish the agency's citizens'-rights charter"),
    ("آموزش مدیران و کارکنان در زمینه حقوق شهروندی", "Train managers and staff on citizens' rights"),
    ("نصب تابلوهای راهنما و هشدار در همه طبقات", "Guidance and warning signs on every floor"),
    ("انتشار فهرست خدمات و دستورالعمل‌ها در وب‌سایت", "Publish the services and every instruction on the website"),
    ("نظرخواهی از ارباب رجوع", "Ask clients for feedback"),
    ("ثبت و پیگیری شکایات مردمی", "Register and follow up citizens' complaints"),
    ("حفاظت از اطلاعات شخصی مراجعان", "Protect clients' personal data"),
    ("دسترسی افراد دارای معلولیت به خدمات", "Access to services for people with disabilities"),
    ("گزارش دوره‌ای اجرای برنامه و انتشار مصوبات کارگروه", "Periodic reports on the programme; publish the working group's resolutions"),
)  # fmt: skip

AREO, MOI = "سازمان اداری و استخدامی کشور", "وزارت کشور (سازمان امور اجتماعی)"
ASSISTANT = "دفتر دستیار ویژه رئیس‌جمهور در امور حقوق شهروندی"
NGO_DELEGATE = "نماینده سازمان‌های مردم‌نهاد"
HR, PR, TRAINING, SECURITY = "منابع انسانی و پشتیبانی", "روابط عمومی", "آموزش و پژوهش", "حراست"
# A group: its record without members, the members' (affiliation, role), and its meetings: the
# date and the resolutions, each (text, owner, due, status, done_on, programme item number).
Resolutions = tuple[tuple[str, str, str, str, str | None, int | None], ...]
GROUPS: tuple[tuple[dict[str, Any], tuple[tuple[str, str], ...], tuple[tuple[str, Resolutions], ...]], ...] = (
    (
        {"id": "wg-national", "name": "کارگروه مشترک حقوق شهروندی در نظام اداری",
         "name_en": "Joint working group on citizens' rights in the administrative system",
         "scope": "national", "meetings_per_year": 4},
        (("areo", "رئیس کارگروه"), ("moi", "نماینده وزارت کشور"),
         ("presidency", "دستیار ویژه رئیس‌جمهور در امور حقوق شهروندی"),
         ("ngo", "نماینده سازمان‌های مردم‌نهاد فعال")),
        (
            ("1396/02/12", (
                ("طراحی چک‌لیست‌های واحد بازرسی حقوق شهروندی", AREO, "1396/03/31", "done", "1396/03/28", None),
                ("تشکیل ساختار پیگیری حقوق شهروندی در استانداری‌ها و فرمانداری‌ها", MOI, "1396/04/31", "done", "1396/05/10", None),
                ("تهیه فهرست سازمان‌های مردم‌نهاد فعال در حقوق شهروندی", MOI, "1396/04/15", "done", "1396/04/12", None),
            )),
            ("1396/05/17", (
                ("برگزاری دوره‌های آموزشی حقوق شهروندی در مراکز آموزش مدیریت دولتی استان‌ها", AREO, "1396/08/30", "done", "1396/09/20", None),
                ("آغاز بازرسی‌های مشترک دوره‌ای و نوبه‌ای از ادارات کل استانی", AREO, "1396/06/29", "done", "1396/06/25", None),
                ("طراحی سامانه جداگانه ثبت نتایج بازرسی‌ها", AREO, "1396/09/30", "dropped", None, None),
            )),
            ("1396/08/16", (
                ("ارسال نتایج تجمیعی بازرسی استان‌ها به شورای عالی اداری", AREO, "1396/10/30", "done", "1396/10/26", None),
                ("به‌کارگیری نتایج بازرسی‌ها در ارزیابی جشنواره شهید رجایی", AREO, "1396/12/15", "done", "1397/02/10", None),
            )),
            ("1396/11/08", (
                ("تدوین گزارش مستند پیشرفت برای طرفین تفاهم‌نامه", ASSISTANT, "1397/01/29", "done", "1397/01/28", None),
                ("حضور نمایندگان سازمان‌های مردم‌نهاد در تیم‌های بازرسی به عنوان ناظر", NGO_DELEGATE, "1397/03/31", "in_progress", None, None),
            )),
            ("1397/02/18", (
                ("ابلاغ شاخص سوابق حقوق شهروندی در انتصاب مدیران به دستگاه‌ها", AREO, "1397/04/31", "done", "1397/04/20", None),
                ("بهره‌گیری از ظرفیت معتمدان محلی و نخبگان در ترویج حقوق شهروندی", MOI, "1397/06/31", "dropped", None, None),
            )),
            ("1397/05/21", (
                ("برگزاری دوره آموزشی ویژه بازرسان و سازمان‌های مردم‌نهاد", AREO, "1397/08/30", "open", None, None),
                ("گزارش سالانه حقوق شهروندی در نظام اداری به رئیس‌جمهور و هیئت وزیران", AREO, "1397/12/20", "done", "1397/12/25", None),
            )),
            ("1397/08/20", (
                ("بازنگری چک‌لیست واحد بر پایه نتایج بازرسی‌های سال ۱۳۹۶", AREO, "1397/10/30", "done", "1397/10/15", None),
                ("ثبت سازمان‌های مردم‌نهاد تازه فعال در حقوق شهروندی", MOI, "1398/03/30", "open", None, None),
            )),
            ("1397/11/14", (
                ("تدوین گزارش مستند پیشرفت سال ۱۳۹۷", ASSISTANT, "1398/01/31", "in_progress", None, None),
                ("پیگیری اقدامات اصلاحی معوق ادارات کل استانی", MOI, "1397/12/20", "open", None, None),
            )),
        ),
    ),
    (
        {"id": "wg-isf-smt", "name": "کارگروه حقوق شهروندی سازمان صنعت، معدن و تجارت استان اصفهان",
         "name_en": "Citizens' rights working group of the Industry, Mine and Trade Organization, Isfahan",
         "scope": "agency", "agency_id": "isf-smt", "meetings_per_year": 4},
        (("agency", "رئیس سازمان (رئیس کارگروه)"), ("agency", f"{HR} (دبیر کارگروه)"),
         ("agency", PR), ("agency", TRAINING), ("agency", SECURITY)),
        (  # three meetings in 1397, one short of the four a year it must hold
            ("1397/02/17", (
                ("بازنگری و انتشار منشور حقوق شهروندی سازمان در وب‌سایت", PR, "1397/03/31", "done", "1397/03/20", 1),
                ("برگزاری دوره آموزشی حقوق شهروندی برای مدیران و کارکنان", TRAINING, "1397/05/31", "done", "1397/06/18", 2),
                ("نصب تابلوهای راهنما و هشدار در همه طبقات", HR, "1397/04/31", "done", "1397/04/25", 3),
                ("طراحی فرم نظرخواهی از ارباب رجوع", PR, "1397/04/12", "done", "1397/04/13", 5),
            )),
            ("1397/06/25", (
                ("انتشار کلیه دستورالعمل‌ها و فهرست خدمات در وب‌سایت سازمان", PR, "1397/08/30", "in_progress", None, 4),
                ("راه‌اندازی سامانه جداگانه ثبت شکایات (سامانه وزارتخانه به کار می‌رود)", HR, "1397/09/28", "dropped", None, 6),
                ("تدوین دستورالعمل حفاظت از اطلاعات شخصی مراجعان", SECURITY, "1397/09/15", "done", "1397/09/10", 7),
            )),
            ("1397/10/23", (
                ("انتشار گزارش دوره‌ای مصوبات کارگروه در وب‌سایت", PR, "1397/11/15", "open", None, 9),
                ("ارزیابی اثربخشی دوره‌های آموزشی برگزارشده", TRAINING, "1398/02/31", "open", None, 2),
                ("تقدیر از کارکنان نمونه در رعایت حقوق شهروندی", HR, "1397/12/19", "done", "1397/12/19", None),
            )),
        ),
    ),
)  # fmt: skip
# The day the demo's figures in the README are taken: the last day of the data.
GROUPS_AS_OF = "1397/12/29"


def working_groups() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The working groups, their meetings (by date) and the programme their resolutions follow."""
    rng = random.Random(f"{SEED}-groups")
    programme = {
        "id": PROGRAMME_ID,
        "title": "برنامه صیانت از حقوق شهروندی",
        "title_en": "Programme for protecting citizens' rights",
        "items": [
            {"number": n, "title": title, "title_en": title_en}
            for n, (title, title_en) in enumerate(PROGRAMME_ITEMS, 1)
        ],
    }
    groups, meetings = [], []
    for record, members, schedule in GROUPS:
        group = {
            **record,
            "members": [
                {"name": person_name(rng), "affiliation": affiliation, "role": role}
                for affiliation, role in members
            ],
        }
        WorkingGroup.model_validate(group)
        groups.append(group)
        serial = 0
        for m, (day, passed) in enumerate(schedule, 1):
            resolutions = []
            for text, owner, due, status, done_on, item in passed:
                serial += 1
                r: dict[str, Any] = {"id": f"{group['id']}-R{serial:02d}", "text": text,
                                     "owner": owner, "due": due, "status": status}  # fmt: skip
                if done_on is not None:
                    r["done_on"] = done_on
                if item is not None:
                    r["programme_item"] = {"programme_id": PROGRAMME_ID, "number": item}
                resolutions.append(r)
            meeting = {"id": f"{group['id']}-M{m:02d}", "group_id": group["id"], "date": day,
                       "resolutions": resolutions}  # fmt: skip
            # Meetings are held, and resolutions done, on working days.
            held = Meeting.model_validate(meeting)
            worked = [held.date, *(r.done_on for r in held.resolutions if r.done_on)]
            if not all(CAL.is_working_day(d) for d in worked):
                raise ValueError(f"meeting {meeting['id']}: a date falls on a holiday")
            meetings.append(meeting)
    meetings.sort(key=lambda m: (m["date"].replace("/", ""), m["id"]))
    problems = check_programme_refs(
        [Meeting.model_validate(m) for m in meetings], [Programme.model_validate(programme)]
    )
    if problems:
        raise ValueError("; ".join(problems))
    return groups, meetings, [programme]


# -- memorandum: NGOs on teams and their reports, the training programme, publications --------------
# Added after the rest, each from its own random stream (or none), so that the records above and
# the scores they give stay as they were.

#: Circular 1091808 of 1395/12/22: two courses for all managers and staff by the end of 1397.
TRAINING_PROGRAMME = {
    "code": "circular-1091808",
    "title": "آموزش حقوق شهروندی مدیران و کارکنان (بخشنامه ۱۰۹۱۸۰۸ مورخ ۱۳۹۵/۱۲/۲۲)",
    "title_en": "Citizens'-rights training of managers and staff (circular 1091808 of 1395/12/22)",
    "circular": "1091808 — 1395/12/22",
    "issued": "1395/12/22",
    "courses": [
        {"code": "CR-CHARTER", "title": "منشور حقوق شهروندی", "title_en": "The charter of citizens' rights"},
        {"code": "CR-ADMIN", "title": "حقوق شهروندی در نظام اداری", "title_en": "Citizens' rights in the administrative system"},
    ],
    "audiences": ["manager", "employee"],
    "deadline": "1397/12/29",
    "reporting": "quarter",
}  # fmt: skip
#: The demo's course titles (COURSES) that are courses of the programme, by code.
COURSE_CODES = {
    "آشنایی با منشور حقوق شهروندی": "CR-CHARTER",
    "حقوق شهروندی در نظام اداری (مدیران)": "CR-ADMIN",
}
PROVIDER = f"مرکز آموزش مدیریت دولتی استان {PROVINCE.name_fa}"
TRAINING_COLUMNS = [
    "person_id", "agency_id", "course", "audience", "hours", "date", "course_code", "provider",
]  # fmt: skip


def code_trainings(records: list[dict[str, Any]], candidates_: list[dict[str, Any]]) -> None:
    """Give the trainings of the programme's courses their course code (in place), and the
    candidates' ones the provider too (on every row it would make the file too big to ship)."""
    people = {c["person_id"] for c in candidates_}
    for record in records:
        code = COURSE_CODES.get(record["course"])
        if code is not None:
            record["course_code"] = code
            if record["person_id"] in people:
                record["provider"] = PROVIDER


def ngo_members(inspections_: list[dict[str, Any]], ngos_: list[dict[str, Any]]) -> None:
    """Point each NGO observer of a team at a registered NGO of the province (in place)."""
    local = [n["id"] for n in ngos_ if n.get("province") == PROVINCE.value]
    n = 0
    for inspection_ in inspections_:
        for member in inspection_["team"]:
            if member["affiliation"] == "ngo":
                member["ngo_id"] = local[n % len(local)]
                n += 1


NGO_OBSERVATIONS = (
    "تابلوی راهنمای خدمات در طبقهٔ همکف نصب نشده است.",
    "فرم نظرخواهی از ارباب رجوع در دسترس نبود.",
    "مدت انتظار مراجعان در صف بیش از یک ساعت بود.",
    "کارکنان با مراجعان با احترام و حوصله رفتار کردند.",
    "فهرست مدارک لازم هر خدمت روی وب‌سایت به‌روز نیست.",
    "برای مراجعان دارای معلولیت سطح شیب‌دار وجود ندارد.",
)


def ngo_reports(inspections_: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reports of the province's NGOs: one for each inspection they sat on, and a few of their own."""
    rng = random.Random(f"{SEED}-ngo-reports")
    out = []
    for inspection_ in inspections_:
        for member in inspection_["team"]:
            if "ngo_id" in member and rng.random() < 0.5:
                out.append({
                    "ngo_id": member["ngo_id"], "date": inspection_["date"],
                    "agency_id": inspection_["agency_id"],
                    "observations": rng.choice(NGO_OBSERVATIONS),
                    "inspection_id": inspection_["id"],
                })  # fmt: skip
    agencies_ = sorted({i["agency_id"] for i in inspections_})
    ngo_ids = sorted({r["ngo_id"] for r in out})
    for year in (1396, 1397):
        for _ in range(4):
            day = from_jalali(year, rng.randint(1, 12), rng.randint(1, 29))
            out.append({
                "ngo_id": rng.choice(ngo_ids), "date": jalali(day),
                "agency_id": rng.choice(agencies_), "observations": rng.choice(NGO_OBSERVATIONS),
            })  # fmt: skip
    out.sort(key=lambda r: (r["date"].replace("/", ""), r["agency_id"], r["ngo_id"]))
    records = [{"id": f"NR-{n:03d}", **r} for n, r in enumerate(out, 1)]
    for record in records:
        NGOReport.model_validate(record)
    return records


# (agency, kind, Jalali date, title, where): the second seed's acts, by the office with a group.
PUBLICATIONS = (
    ("isf-smt", "charter", "1396/07/10", "منشور حقوق شهروندی سازمان", "وب‌سایت سازمان"),
    ("isf-smt", "structure", "1396/09/01", "ساختار، چیدمان کارکنان و اهداف سازمان", "وب‌سایت سازمان"),
    ("isf-smt", "charter", "1397/03/20", "منشور بازنگری‌شدهٔ حقوق شهروندی سازمان", "وب‌سایت سازمان"),
    ("isf-smt", "instructions", "1397/09/10", "دستورالعمل حفاظت از اطلاعات شخصی مراجعان", "وب‌سایت سازمان"),
    ("isf-smt", "other", "1397/04/25", "تابلوهای راهنما و هشدار در همهٔ طبقات", "ساختمان سازمان"),
    ("isf-tax", "charter", "1396/08/15", "منشور حقوق شهروندی اداره کل", "وب‌سایت اداره کل"),
    ("isf-gov", "resolutions", "1397/06/05", "مصوبات ستاد صیانت از حقوق شهروندی استان", "وب‌سایت استانداری"),
    ("isf-civil-reg", "instructions", "1397/02/01", "فهرست خدمات و مدارک لازم", "وب‌سایت اداره کل"),
)  # fmt: skip
#: The office group's next meeting, set for Ordibehesht as in the second seed: after the data.
SCHEDULED_MEETING = {"id": "wg-isf-smt-M04", "group_id": "wg-isf-smt", "date": "1398/02/16"}


def publications() -> list[dict[str, Any]]:
    out = [
        {"id": f"PUB-{n:02d}", "agency_id": a, "kind": k, "date": d, "title": t, "where": w}
        for n, (a, k, d, t, w) in enumerate(PUBLICATIONS, 1)
    ]
    for record in out:
        Publication.model_validate(record)
    return out


#: Positive evidence of two candidates (the positive part of the eligibility record score).
CONTRIBUTIONS = {
    "isf-civil-reg": [
        {"kind": "working_group", "date": "1396/06/01", "title": "عضو کارگروه حقوق شهروندی اداره کل"},
        {"kind": "training_given", "date": "1397/05/10", "title": "تدریس دورهٔ منشور حقوق شهروندی برای کارکنان", "ref": "CR-CHARTER"},
    ],
    "isf-tax": [
        {"kind": "ngo_cooperation", "date": "1397/03/12", "title": "همکاری با سازمان مردم‌نهاد در نظرسنجی از مراجعان"},
    ],
}  # fmt: skip


def add_contributions(candidates_: list[dict[str, Any]]) -> None:
    """Add the positive evidence of CONTRIBUTIONS to the candidates of those agencies (in place)."""
    for candidate in candidates_:
        extra = CONTRIBUTIONS.get(candidate["assignments"][-1]["agency_id"])
        if extra:
            candidate["contributions"] = extra
            CandidateRecord.model_validate(candidate)


# -- writing -----------------------------------------------------------------------------------------


def json_array(records: Iterable[dict[str, Any]]) -> str:
    return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"


def json_lines(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)


def csv_text(records: list[dict[str, Any]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([r.get(c, "") for c in columns] for r in records)
    return buffer.getvalue()


README = """\
# Demo dataset — SYNTHETIC

**Everything in this folder is invented.** It was written by `scripts/make_demo_dataset.py`
(seed {seed}) to show and test the library. No person in it exists: every name is a random
combination of common first and last names, and every person id is a made-up employee number
starting with `DEMO-` (not a national id, so none can belong to a real person). The agencies are
the kinds of office a province has, but every answer, finding, complaint, training, survey score
and count is random and says nothing about any real office. NGO names and registration numbers
(`DEMO-…`) are invented too.

Regenerate it with `python scripts/make_demo_dataset.py`; the same seed gives the same bytes, and
the test suite checks that the files here equal a fresh generation.

## What it holds

One province ({province_fa}, {province_code}) over the Jalali years 1396–1397, by quarter:

| file | records |
|---|---|
| `agencies.json` | {agencies} agencies: the provincial governorate (استانداری), 4 county governorates (فرمانداری) and 30 provincial offices in five peer groups (`category`: economic, infrastructure, social, health_welfare, registration; the governorates form a sixth, `governorate`) |
| `peer_groups.json` | the six peer groups the agencies' `category` names, with their Persian and English names (the reports name them so; a category not listed here is a problem) |
| `checklists/reference.json` | the library's reference checklist (a copy of the packaged one) |
| `inspections.jsonl` | {inspections} inspections: a periodic one of every agency each quarter, ad-hoc ones, and follow-ups after critical failures; joint AREO + Ministry of Interior teams (sometimes with an NGO observer), a few non-joint; some incomplete, some with critical failures; findings with due dates, some resolved, some overdue |
| `complaints.jsonl` | {complaints} complaints: channels, articles, severities, open and closed, upheld, dismissed, withdrawn |
| `trainings.csv` | {trainings} attendances of citizens'-rights courses (managers and employees, hours) |
| `surveys.csv` | {surveys} client feedback scores (1–5) |
| `stats.csv` | {stats} rows: services and staff per agency per quarter |
| `ngos.json` | the {ngos} NGOs active on citizens' rights that the first seed reports, across the provinces |
| `candidates.jsonl` | {candidates} candidate records for managerial and sensitive posts |
| `working_groups.json` | {working_groups} working groups: the national joint group (AREO, Ministry of Interior, the President's special assistant for citizens' rights, an NGO representative) and the citizens'-rights group of one provincial office |
| `meetings.jsonl` | {meetings} meetings of those groups in 1396–1397 with their {resolutions} resolutions: done on time or late, dropped, open, in progress, overdue; and the office group's next meeting, scheduled for Ordibehesht 1398 |
| `ngo_reports.jsonl` | {ngo_reports} observations of agencies by the province's NGOs, most made on an inspection team they sat on (each NGO observer of a team names its NGO, `ngo_id`) |
| `training_programmes.json` | circular 1091808 of 1395/12/22: the courses «منشور حقوق شهروندی» (`CR-CHARTER`) and «حقوق شهروندی در نظام اداری» (`CR-ADMIN`) for all managers and staff by the end of 1397, reported every quarter; the trainings of these courses carry their `course_code`, and the candidates' ones the provincial public-management training centre as `provider` |
| `publications.jsonl` | {publications} publications: the office group's agency's charter (Mehr 1396, as in the second seed), structure, revised charter and an instruction, and a few of other offices |
| `programmes.json` | {programmes} numbered programme: the 9-item «برنامه صیانت از حقوق شهروندی» that the office group's resolutions carry out |

The candidates are built to show the appointment rule's cases; their complaints and trainings dated
in 1396–1397 also appear in `complaints.jsonl` and `trainings.csv`. `record` is the line of
`candidates.jsonl` (the `record` column of `citizenrights demo` and `citizenrights eligibility`,
which tells apart the masked ids that look alike). `citizenrights demo` assesses each candidate for
the post of their latest assignment as of 1397/12/29, with every quarter's index of their units
(1396-Q1 to 1397-Q4); the last column is its decision: the status, the record score and the codes
of the reasons other than a plain pass (a record with no positive evidence keeps 90 of 100):

{candidate_table}

## Working groups

Both groups must meet four times a Jalali year. The national joint group of the first seed meets
every quarter of 1396–1397; the office group (`isf-smt`), made like the second seed's of the head,
human resources and support, public relations, training and research, and security, met three
times in 1397. Their members are invented people. Their progress as of {as_of}, from
`group_progress`:

{group_table}

The programme's items, which the office group's resolutions point at (`programme_item`), were
written for the demo after the seeds and the checklist; they are not the text of the real circular:

{programme_table}

This README and any other file the loader does not know are ignored by `Dataset.load`.
"""


def group_table(groups: list[dict[str, Any]], meetings: list[dict[str, Any]],
                programmes: list[dict[str, Any]]) -> str:  # fmt: skip
    rows = [
        "| group | meetings held | resolutions | done | dropped | open | overdue | late "
        "| implementation rate |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    held = [Meeting.model_validate(m) for m in meetings]
    programme_list = [Programme.model_validate(p) for p in programmes]
    for record in groups:
        group = WorkingGroup.model_validate(record)
        p = group_progress(group, held, as_of=GROUPS_AS_OF, programmes=programme_list)
        years = ", ".join(f"{y}: {n}" for y, n in sorted(p.meetings_held.items()))
        rate = "–" if p.implementation_rate is None else f"{p.implementation_rate:.0%}"
        rows.append(
            f"| `{group.id}` | {years} | {p.resolutions} | {p.done} | {p.dropped} | {p.open} "
            f"| {len(p.overdue)} | {len(p.late)} | {rate} ({p.due_done} of {p.due_count} due) |"
        )
    return "\n".join(rows)


def programme_table(programme: dict[str, Any]) -> str:
    rows = ["| item | title | in English |", "|---|---|---|"]
    rows.extend(f"| {i['number']} | {i['title']} | {i['title_en']} |" for i in programme["items"])
    return "\n".join(rows)


#: What ``citizenrights demo`` decides for each candidate (by agency): the status, the record score,
#: and the codes of the reasons other than a plain pass (``PLAIN_PASS``). The README shows them;
#: tests/test_demo_dataset.py checks every row against ``assess_eligibility``.
OUTCOMES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "isf-civil-reg": ("eligible", "100.00", ("ELIG_POSITIVE_RECORD",)),
    "isf-tax": ("conditional", "83.00", ("ELIG_UPHELD_COMPLAINTS", "ELIG_POSITIVE_RECORD")),
    "isf-transport": ("ineligible", "46.94", ("ELIG_GRAVE_COMPLAINT", "ELIG_UPHELD_COMPLAINTS", "ELIG_LOW_UNIT_INDEX", "ELIG_NO_POSITIVE_RECORD")),
    "isf-abfa": ("ineligible", "49.52", ("ELIG_UPHELD_COMPLAINTS", "ELIG_LOW_UNIT_INDEX", "ELIG_NO_POSITIVE_RECORD")),
    "isf-welfare": ("conditional", "80.00", ("ELIG_TRAINING_SHORTFALL", "ELIG_NO_POSITIVE_RECORD")),
    "isf-deeds": ("conditional", "87.50", ("ELIG_TRAINING_SHORTFALL", "ELIG_NO_POSITIVE_RECORD")),
    "isf-fr-shahinshahr": ("eligible", "90.00", ("ELIG_NO_POSITIVE_RECORD",)),
    "isf-ssio": ("eligible", "90.00", ("ELIG_PENDING_COMPLAINTS", "ELIG_NO_POSITIVE_RECORD")),
    "isf-post": ("eligible", "90.00", ("ELIG_NO_POSITIVE_RECORD",)),
    "isf-gas": ("eligible", "94.00", ("ELIG_POSITIVE_RECORD",)),
    "isf-medical": ("eligible", "94.00", ("ELIG_POSITIVE_RECORD",)),
    "isf-customs": ("conditional", "50.00", ("ELIG_UPHELD_COMPLAINTS", "ELIG_TRAINING_SHORTFALL", "ELIG_NO_POSITIVE_RECORD")),
}  # fmt: skip

#: The reason codes of a rule passed with nothing to note: the README leaves them out.
PLAIN_PASS = ("ELIG_NO_UPHELD_COMPLAINTS", "ELIG_TRAINING_MET", "ELIG_UNIT_INDEX_MET")


def readme(counts: dict[str, int], people: list[str], groups: str, programme: str) -> str:
    rows = [
        "| record | person id | agency | post | meant to show | in `citizenrights demo` |",
        "|---|---|---|---|---|---|",
    ]
    for n, ((agency_id, post, meant, *_), person) in enumerate(
        zip(CANDIDATES, people, strict=True), 1
    ):
        status, score, codes = OUTCOMES[agency_id]
        shown = ", ".join(f"`{code}`" for code in codes)
        rows.append(
            f"| {n} | `{person}` | `{agency_id}` | {post['kind']}, {post['level']} | {meant} "
            f"| {status}, {score}: {shown} |"
        )
    return README.format(
        seed=SEED, province_fa=PROVINCE.name_fa, province_code=PROVINCE.value,
        candidate_table="\n".join(rows), as_of=GROUPS_AS_OF, group_table=groups,
        programme_table=programme, **counts,
    )  # fmt: skip


def build() -> dict[str, bytes]:
    """Every file of the demo dataset: relative path → bytes."""
    checklist_bytes = (
        resources.files("citizenrights").joinpath(REFERENCE_CHECKLIST_FILE).read_bytes()
    )
    checklist = Checklist.model_validate_json(checklist_bytes)
    agency_records = agencies()
    agency_profiles = profiles(agency_records)
    candidate_records, their_complaints, their_trainings, reserved = candidates(agency_profiles)
    complaint_records = complaints(agency_profiles, reserved) + their_complaints
    complaint_records.sort(key=lambda r: (r["received"].replace("/", ""), r["id"]))
    training_records = trainings(agency_profiles, reserved) + their_trainings
    training_records.sort(key=lambda r: (r["date"], r["agency_id"], r["person_id"]))
    inspection_records = inspections(checklist, agency_profiles)
    survey_records = surveys(agency_profiles)
    stats_records = stats(agency_profiles)
    ngo_records = ngos()
    group_records, meeting_records, programme_records = working_groups()
    code_trainings(training_records, candidate_records)
    ngo_members(inspection_records, ngo_records)
    ngo_report_records = ngo_reports(inspection_records)
    publication_records = publications()
    meeting_records.append(SCHEDULED_MEETING)
    add_contributions(candidate_records)
    TrainingProgramme.model_validate(TRAINING_PROGRAMME)
    for record in training_records:
        TrainingRecord.model_validate(record)
    for record in survey_records:
        SurveyResponse.model_validate(record)
    counts = {
        "agencies": len(agency_records), "inspections": len(inspection_records),
        "complaints": len(complaint_records), "trainings": len(training_records),
        "surveys": len(survey_records), "stats": len(stats_records), "ngos": len(ngo_records),
        "candidates": len(candidate_records), "working_groups": len(group_records),
        "meetings": len(meeting_records), "programmes": len(programme_records),
        "resolutions": sum(len(m.get("resolutions", ())) for m in meeting_records),
        "ngo_reports": len(ngo_report_records), "publications": len(publication_records),
    }  # fmt: skip
    people = [c["person_id"] for c in candidate_records]
    files = {
        "README.md": readme(
            counts,
            people,
            group_table(group_records, meeting_records, programme_records),
            programme_table(programme_records[0]),
        ),
        "agencies.json": json_array(agency_records),
        "peer_groups.json": json_array(peer_group_records(agency_records)),
        "inspections.jsonl": json_lines(inspection_records),
        "complaints.jsonl": json_lines(complaint_records),
        "trainings.csv": csv_text(training_records, TRAINING_COLUMNS),
        "surveys.csv": csv_text(survey_records, ["agency_id", "date", "score"]),
        "stats.csv": csv_text(stats_records, ["agency_id", "period", "services", "staff"]),
        "ngos.json": json_array(ngo_records),
        "candidates.jsonl": json_lines(candidate_records),
        "working_groups.json": json_array(group_records),
        "meetings.jsonl": json_lines(meeting_records),
        "programmes.json": json_array(programme_records),
        "ngo_reports.jsonl": json_lines(ngo_report_records),
        "training_programmes.json": json_array([TRAINING_PROGRAMME]),
        "publications.jsonl": json_lines(publication_records),
    }
    out = {name: text.encode("utf-8") for name, text in files.items()}
    out["checklists/reference.json"] = checklist_bytes
    return out


def peer_group_records(agency_records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The peer groups the agencies use, named as the library's reference data names them."""
    used = sorted({a["category"] for a in agency_records if a.get("category")})
    return [
        {"code": code, "name": PEER_GROUPS[code][0], "name_en": PEER_GROUPS[code][1]}
        for code in used
    ]


def write(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in sorted(files.items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    files = build()
    write(folder, files)
    problems = Dataset.validate(folder)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    size = sum(len(b) for b in files.values())
    print(f"wrote {len(files)} files, {size:,} bytes, to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
