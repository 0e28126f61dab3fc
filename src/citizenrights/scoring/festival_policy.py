"""The rules of the Shahid Rajaei Festival's citizens'-rights indicator, as a versioned policy.

The festival (جشنواره شهید رجایی) evaluates the executive bodies every year, at a national and
a provincial level, and compares them within groups. Its evaluation form scores an indicator
by measures (سنجه), each with a weight out of 100 and the evidence behind it, and the points
earned never exceed the indicator's maximum. [`FestivalPolicy`][citizenrights.scoring.festival_policy.FestivalPolicy]
holds those rules as data; every default has its source (see the festival page of the docs):

- **groups**: the six groups one provincial round listed (production and services; cultural,
  scientific and educational; infrastructure and development; economic and financial; health and
  social welfare; public, security and judicial) and the banks another province adds;
- **levels**: ``national`` and ``provincial``;
- **bands**: 90–100 excellent (عالی), 75–89 good (خوب), 60–74 medium (متوسط), as a ministry reported
  its 1397 result; below 60 is ``below_medium`` (پایین‌تر از متوسط);
- **measures**: the four components of the agency index, weighted 50, 20, 15 and 15 out of 100 as
  the index weighs them (``IndexPolicy().weights`` × 100); for 1396 the Administrative and
  Recruitment Organization said the indicator would draw on public-opinion surveys of clients,
  which the ``satisfaction`` measure reads.

Examples:
    >>> policy = FestivalPolicy()
    >>> [g.code for g in policy.groups][:2], policy.levels, policy.max_points
    (['production_services', 'cultural_scientific_educational'], ('national', 'provincial'), 100.0)
    >>> [(m.code, m.weight) for m in policy.measures]
    [('inspection', 50.0), ('complaints', 20.0), ('training', 15.0), ('satisfaction', 15.0)]
    >>> policy.band(89.99), policy.band(90.0), policy.band(59.99)
    (<FestivalBand.GOOD: 'good'>, <FestivalBand.EXCELLENT: 'excellent'>, <FestivalBand.BELOW_MEDIUM: 'below_medium'>)
    >>> policy.group("banks").name("fa"), FestivalBand.MEDIUM.label("en")
    ('بانک‌ها', 'Medium')
"""

from __future__ import annotations

import enum
from itertools import pairwise
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from citizenrights import vocabulary
from citizenrights.scoring.policies import ComponentName
from citizenrights.vocabulary import Lang

__all__ = [
    "FestivalBand",
    "FestivalBands",
    "FestivalGroup",
    "FestivalMeasure",
    "FestivalPolicy",
]


class FestivalBand(enum.StrEnum):
    """The band of a festival score, in the festival's words."""

    EXCELLENT = "excellent"  # عالی
    GOOD = "good"  # خوب
    MEDIUM = "medium"  # متوسط
    BELOW_MEDIUM = "below_medium"  # پایین‌تر از متوسط

    def label(self, lang: Lang = "fa") -> str:
        """The band's name in Persian (``fa``, the default) or English (``en``).

        Raises:
            UnsupportedLanguageError: for another ``lang``.
        """
        return vocabulary.label(self, lang)


class _Policy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Code = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")]
Score = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class FestivalGroup(_Policy):
    """A group the festival compares executive bodies within.

    Attributes:
        code: the code agencies name in ``festival_group`` (lower case, digits, ``_``).
        name_fa: the group's Persian name, as the festival writes it.
        name_en: the group's English name.
    """

    code: Code
    name_fa: str = Field(min_length=1)
    name_en: str = Field(min_length=1)

    def name(self, lang: Lang = "fa") -> str:
        """The group's name in the language asked for.

        Raises:
            UnsupportedLanguageError: for another ``lang``.
        """
        return vocabulary.say(vocabulary.check_lang(lang), fa=self.name_fa, en=self.name_en)


class FestivalMeasure(_Policy):
    """A measure (سنجه) of the citizens'-rights indicator.

    Attributes:
        code: the measure's code.
        title_fa: its Persian title.
        title_en: its English title.
        weight: its weight out of 100 (the weights of a policy add up to 100).
        reads: the component of the agency index whose value (0–100) the measure takes.
    """

    code: Code
    title_fa: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    weight: float = Field(gt=0, le=100, allow_inf_nan=False)
    reads: ComponentName

    def title(self, lang: Lang = "fa") -> str:
        """The measure's title in the language asked for.

        Raises:
            UnsupportedLanguageError: for another ``lang``.
        """
        return vocabulary.say(vocabulary.check_lang(lang), fa=self.title_fa, en=self.title_en)


class FestivalBands(_Policy):
    """Inclusive lower bounds of the bands; a score below ``medium`` is ``below_medium``."""

    excellent: Score = 90.0
    good: Score = 75.0
    medium: Score = 60.0

    @model_validator(mode="after")
    def _descending(self) -> Self:
        bounds = [self.excellent, self.good, self.medium]
        if any(a <= b for a, b in pairwise(bounds)):
            raise PydanticCustomError(
                "festival_bands_order",
                "Festival bands must fall strictly from excellent to medium; got {bounds}",
                {"bounds": bounds},
            )
        return self

    def band(self, score: float) -> FestivalBand:
        """The band of an (unrounded) score."""
        if score >= self.excellent:
            return FestivalBand.EXCELLENT
        if score >= self.good:
            return FestivalBand.GOOD
        if score >= self.medium:
            return FestivalBand.MEDIUM
        return FestivalBand.BELOW_MEDIUM


_GROUPS = (
    FestivalGroup(
        code="production_services", name_fa="تولیدی و خدماتی", name_en="Production and services"
    ),
    FestivalGroup(
        code="cultural_scientific_educational",
        name_fa="فرهنگی، علمی و آموزشی",
        name_en="Cultural, scientific and educational",
    ),
    FestivalGroup(
        code="infrastructure_development",
        name_fa="زیربنایی و توسعه زیرساخت",
        name_en="Infrastructure and development",
    ),
    FestivalGroup(
        code="economic_financial", name_fa="اقتصادی و مالی", name_en="Economic and financial"
    ),
    FestivalGroup(
        code="health_social_welfare",
        name_fa="سلامت و رفاه اجتماعی",
        name_en="Health and social welfare",
    ),
    FestivalGroup(
        code="public_security_judicial",
        name_fa="عمومی، امنیتی و قضایی",
        name_en="Public, security and judicial",
    ),
    FestivalGroup(code="banks", name_fa="بانک‌ها", name_en="Banks"),
)

_MEASURES = (
    FestivalMeasure(
        code="inspection",
        title_fa="نتایج بازرسی‌های مشترک حقوق شهروندی",
        title_en="Results of the joint citizens'-rights inspections",
        weight=50,
        reads=ComponentName.INSPECTION,
    ),
    FestivalMeasure(
        code="complaints",
        title_fa="شکایات واردتشخیص‌داده‌شده و پاسخ به‌موقع",
        title_en="Upheld complaints and timely answers",
        weight=20,
        reads=ComponentName.COMPLAINTS,
    ),
    FestivalMeasure(
        code="training",
        title_fa="آموزش حقوق شهروندی کارکنان",
        title_en="Citizens'-rights training of the staff",
        weight=15,
        reads=ComponentName.TRAINING,
    ),
    FestivalMeasure(
        code="satisfaction",
        title_fa="رضایت ارباب رجوع (نظرسنجی)",
        title_en="Client satisfaction (surveys)",
        weight=15,
        reads=ComponentName.SATISFACTION,
    ),
)


class FestivalPolicy(_Policy):
    """How the festival's citizens'-rights indicator is scored and banded.

    Attributes:
        version: stamped on every festival result; change it whenever a rule changes.
        groups: the groups bodies are compared within (codes unique).
        levels: the levels of the festival (``national``, ``provincial``).
        max_points: the indicator's maximum points on the festival form; a body earns
            ``score × max_points ÷ 100``.
        measures: the measures, their weights out of 100 adding up to 100 (codes unique).
        bands: the inclusive lower bounds of the bands.
        decimals: places for display and for rank ties.
    """

    version: str = Field(default="1", min_length=1)
    groups: tuple[FestivalGroup, ...] = Field(default=_GROUPS, min_length=1)
    levels: tuple[Code, ...] = Field(default=("national", "provincial"), min_length=1)
    max_points: float = Field(default=100.0, gt=0, le=1_000_000, allow_inf_nan=False)
    measures: tuple[FestivalMeasure, ...] = Field(default=_MEASURES, min_length=1)
    bands: FestivalBands = FestivalBands()
    decimals: int = Field(default=2, ge=0, le=10)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        for what, codes in (
            ("group", [g.code for g in self.groups]),
            ("level", list(self.levels)),
            ("measure", [m.code for m in self.measures]),
        ):
            twice = sorted({c for c in codes if codes.count(c) > 1})
            if twice:
                raise PydanticCustomError(
                    "festival_duplicate_code",
                    "Festival {what} codes must be unique; repeated: {codes}",
                    {"what": what, "codes": ", ".join(twice)},
                )
        total = sum(m.weight for m in self.measures)
        if abs(total - 100) > 1e-9:
            raise PydanticCustomError(
                "festival_weights_total",
                "The weights of the festival measures must add up to 100; they add up to {total} "
                "({weights})",
                {
                    "total": round(total, 6),
                    "weights": ", ".join(f"{m.code} {m.weight:g}" for m in self.measures),
                },
            )
        return self

    def group(self, code: str) -> FestivalGroup:
        """The group with a code.

        Raises:
            KeyError: for a code the policy does not list (the message lists those it does).
        """
        for group in self.groups:
            if group.code == code:
                return group
        raise KeyError(
            f"unknown festival group {code!r}; the groups are: "
            + ", ".join(g.code for g in self.groups)
        )

    def band(self, score: float | None) -> FestivalBand | None:
        """The band of an unrounded score by `bands` (``None`` for no score)."""
        return None if score is None else self.bands.band(score)


#: The policy with every default of issue 14 (version ``"1"``).
DEFAULT_FESTIVAL_POLICY = FestivalPolicy()
