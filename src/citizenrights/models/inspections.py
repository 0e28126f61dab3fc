"""Inspections: a team's visit to an agency, its answers to a checklist, and its findings.

Examples:
    >>> insp = Inspection.model_validate({
    ...     "id": "I-1", "agency_id": "A-1", "checklist_id": "demo", "checklist_version": "1",
    ...     "kind": "periodic", "date": "1396/07/15",
    ...     "team": [{"name": "مریم احمدی", "affiliation": "areo"},
    ...              {"name": "علی رضایی", "affiliation": "moi", "role": "lead"}],
    ...     "responses": [{"item": "S1.1", "answer": "compliant"}, {"item": "S1.3", "answer": 2}]})
    >>> insp.date, insp.is_joint
    (datetime.date(2017, 10, 7), True)

    A JSON line is read fastest by ``validate_json_line`` (the JSONL readers use it): clean text
    skips the cleaning step, and the record and errors are ``model_validate_json``'s.

    >>> line = insp.model_dump_json()
    >>> Inspection.validate_json_line(line) == Inspection.model_validate_json(line) == insp
    True
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import Annotated, Any, Final, Literal, cast

from pydantic import Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError, SchemaValidator

from citizenrights.calendar import FlexibleDate
from citizenrights.errors import ChecklistMismatchError
from citizenrights.models._base import (
    NUMBER,
    Id,
    Name,
    NonEmpty,
    Record,
    Text,
    UnionError,
    ValueEnum,
)
from citizenrights.models._masking import masked_repr_args
from citizenrights.models._typed import dict_validator
from citizenrights.models.checklists import Checklist, Scale

__all__ = [
    "Affiliation",
    "Answer",
    "Finding",
    "Inspection",
    "InspectionKind",
    "Response",
    "Severity",
    "TeamMember",
]


class InspectionKind(ValueEnum):
    """Why an inspection took place."""

    PERIODIC = "periodic"  # دوره‌ای
    AD_HOC = "ad_hoc"  # نوبه‌ای
    FOLLOW_UP = "follow_up"  # پیگیری


class Affiliation(ValueEnum):
    """Whom a team or working-group member represents."""

    AREO = "areo"  # سازمان اداری و استخدامی کشور
    MOI = "moi"  # وزارت کشور
    NGO = "ngo"  # سازمان مردم‌نهاد
    AGENCY = "agency"
    PRESIDENCY = "presidency"  # the President's special assistant for citizens' rights
    OTHER = "other"


class TeamMember(Record):
    """A member of an inspection team. The name is personal data and never logged.

    ``ngo_id`` names the registered NGO (``ngos.json``) the member represents; a dataset checks it
    against its NGOs (an unknown id is a problem with its file and line).
    """

    name: Name
    affiliation: Affiliation
    role: str | None = None
    ngo_id: Id | None = None

    def __repr_args__(self) -> Any:
        return masked_repr_args(super().__repr_args__(), names=("name",))


class Answer(ValueEnum):
    """A named answer; levelled items take an int level instead (or ``not_applicable``)."""

    COMPLIANT = "compliant"
    PARTIAL = "partial"
    NON_COMPLIANT = "non_compliant"
    NOT_APPLICABLE = "not_applicable"


Level = Annotated[int, Field(ge=0, strict=True), NUMBER]


class Response(Record):
    """The answer to one checklist item."""

    item: Id
    # The two branches never both accept a value (text vs a strict int), so trying them in order
    # gives the same result as pydantic's smart mode, and is cheaper on this hottest field.
    answer: Annotated[
        Answer | Level,
        Field(union_mode="left_to_right"),
        UnionError(
            "answer_invalid",
            "Expected an answer: {expected}",
            "'compliant', 'partial', 'non_compliant', 'not_applicable' or an integer level from 0",
        ),
    ]
    note: str | None = None
    evidence: str | None = None


class Severity(ValueEnum):
    """How serious a finding is."""

    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"


class Finding(Record):
    """A problem an inspection found, with the corrective action's due date."""

    item: Id | None = None
    severity: Severity
    description: Text
    due: FlexibleDate | None = None
    resolved_on: FlexibleDate | None = None


class Inspection(Record):
    """One inspection of one agency against one checklist version."""

    id: Id
    agency_id: Id
    checklist_id: Id
    checklist_version: Id
    kind: InspectionKind
    date: FlexibleDate
    team: Annotated[
        tuple[TeamMember, ...],
        NonEmpty("inspection_no_team", "An inspection's team needs at least one member; got none"),
    ]
    responses: tuple[Response, ...]
    findings: tuple[Finding, ...] = ()

    @model_validator(mode="after")
    def _finding_dates(self) -> Inspection:
        # `fast_dict` checks the same on dicts: keep the two alike.
        for n, f in enumerate(self.findings):
            if f.resolved_on is not None and f.resolved_on < self.date:
                raise PydanticCustomError(
                    "finding_resolved_before_inspection",
                    "findings[{n}]: resolved_on {resolved} is before the inspection date {date}",
                    {"n": n, "resolved": f.resolved_on.isoformat(), "date": self.date.isoformat()},
                )
        return self

    @classmethod
    def fast_dict(cls, data: str | bytes | bytearray) -> dict[str, Any] | None:
        """The fields of a JSON line as plain data, or ``None`` when the fast path refuses it.

        The line is validated by the fast schema (`fast_json_validator`'s) with every nested
        record as a ``dict`` instead of a model (about a fifth cheaper: no forty ``Response``
        models), and the inspection's own check (a finding resolved before the inspection) runs
        on the dicts. Where it returns data, ``model_validate_json`` gives a record whose fields
        hold the same values (``Inspection.model_validate(data)`` equals it); on ``None`` (text
        to clean, or an invalid line) validate with ``model_validate_json`` for the record or the
        model's own errors.

        Args:
            data: one JSON document (a JSONL line), UTF-8 when bytes.

        Returns:
            A ``dict`` of the fields the line gives (a field left to its default is left out;
            ``team``, ``responses`` and ``findings`` as tuples of dicts, enums as members, dates
            as ``datetime.date``), or ``None``.
        """
        try:
            fields = cast("dict[str, Any]", _fast_dicts().validate_json(data))
        except ValidationError:
            return None
        return fields if _findings_fit(fields) else None

    @classmethod
    def _scoring_dict(cls, data: str | bytes | bytearray) -> dict[str, Any] | None:
        """`fast_dict` for the scoring (private): what the checklist checks is left plain.

        ``checklist_id``, ``checklist_version`` and each response's ``item`` are the JSON text
        as given, and each ``answer`` the JSON text or whole number as given (no trimming, no
        cleaning, no constraint, no enum member): the caller must refuse any that is not exactly
        the checklist's id and version, one of its codes and an answer the item takes, which the
        model reads unchanged (``score_json_line`` does, through the compiled checklist). Every
        other field is `fast_dict`'s, and so is ``None``.
        """
        try:
            fields: dict[str, Any] = _scoring_dicts().validate_json(data)
        except ValidationError:
            return None
        return fields if _findings_fit(fields) else None

    @classmethod
    def _counted_scoring_dict(
        cls, data: str | bytes | bytearray
    ) -> dict[str, Any] | Literal[False] | None:
        """`_scoring_dict` by a cheaper validation; ``False`` when it cannot tell (private).

        The line is validated with unknown keys ignored (pydantic-core then never walks an
        object's keys), and its colons are counted: in JSON, every key is followed by one, and
        a colon elsewhere is inside a string. Every object the validation accepts is one of the
        dicts it returns, each holding one entry per distinct key it read; so when the line has
        exactly as many colons as the dicts have entries, it has no unknown or repeated key and
        no colon in a string, and the dicts are `_scoring_dict`'s. Otherwise (an unknown key, or
        just a colon in a note, a link or a timestamp) it returns ``False``: ask
        `_scoring_dict`. ``None`` is `_scoring_dict`'s (what the validation refuses with unknown
        keys ignored, it refuses with them refused).
        """
        try:
            fields: dict[str, Any] = _counted_dicts().validate_json(data)
        except ValidationError:
            return None
        colons = data.count(":") if isinstance(data, str) else data.count(b":")
        entries = len(fields) + sum(map(len, fields["team"])) + sum(map(len, fields["responses"]))
        findings = fields.get("findings")
        if findings:
            entries += sum(map(len, findings))
        if colons != entries:
            return False
        return fields if _findings_fit(fields) else None

    @property
    def is_joint(self) -> bool:
        """Whether the team has at least one AREO and one Ministry of Interior member."""
        return Inspection.joint([m.affiliation for m in self.team])

    @staticmethod
    def joint(affiliations: list[Affiliation]) -> bool:
        """Whether a team of these affiliations is joint: at least one AREO and one MOI member.

        Examples:
            >>> Inspection.joint([Affiliation.MOI, Affiliation.NGO, Affiliation.AREO])
            True
        """
        # A list, not a set: for a handful of members ``in`` on a list is cheaper than hashing.
        return Affiliation.AREO in affiliations and Affiliation.MOI in affiliations

    @property
    def ngo_ids(self) -> tuple[str, ...]:
        """The registered NGOs the team's members represent, sorted, each once."""
        return tuple(sorted({m.ngo_id for m in self.team if m.ngo_id is not None}))

    @property
    def has_ngo_member(self) -> bool:
        """Whether a member represents an NGO (an ``ngo`` affiliation or an ``ngo_id``)."""
        return any(m.affiliation is Affiliation.NGO or m.ngo_id is not None for m in self.team)

    def check_against(self, checklist: Checklist) -> list[str]:
        """Every way this inspection does not fit a checklist (an empty list when it fits).

        Reports, all at once: a checklist id or version that differs, responses for items the
        checklist lacks, a second response for the same item, an answer the item's scale does not
        allow, and ``not_applicable`` where the item forbids it.

        Args:
            checklist: the checklist the inspection claims to answer.

        Returns:
            One readable line per problem, in response order.
        """
        if (self.checklist_id, self.checklist_version) == checklist.key:
            # Most inspections fit: one lookup per response clears them (a second response for
            # an item shows as fewer distinct codes than responses).
            accepts = checklist._accepts
            responses = self.responses
            try:
                if all(r.answer in accepts[r.item] for r in responses) and len(
                    {r.item for r in responses}
                ) == len(responses):
                    return []
            except KeyError:  # an item the checklist lacks: listed below
                pass
        problems: list[str] = []
        if (self.checklist_id, self.checklist_version) != (checklist.id, checklist.version):
            problems.append(
                f"checklist is {self.checklist_id!r} version {self.checklist_version!r}, "
                f"expected {checklist.id!r} version {checklist.version!r}"
            )
        counts = Counter(r.item for r in self.responses)
        reported: set[str] = set()
        for n, response in enumerate(self.responses):
            code = response.item
            where = f"responses[{n}] (item {code!r})"
            if counts[code] > 1 and code not in reported:
                reported.add(code)
                problems.append(f"{where}: {counts[code]} responses for the same item")
            try:
                item = checklist.item(code)
            except KeyError:
                problems.append(f"{where}: the checklist has no such item")
                continue
            answer = response.answer
            if answer is Answer.NOT_APPLICABLE:
                if not item.allow_na:
                    problems.append(f"{where}: not_applicable is not allowed for this item")
            elif isinstance(answer, Answer):
                if item.scale is Scale.BINARY and answer is Answer.PARTIAL:
                    problems.append(
                        f"{where}: 'partial' is not on the binary scale "
                        "(compliant, non_compliant, not_applicable)"
                    )
                elif not isinstance(item.scale, Scale):
                    problems.append(
                        f"{where}: {answer.value!r} given for a {item.levels}-level item; "
                        f"expected a level 0..{item.levels - 1} or not_applicable"
                    )
            elif isinstance(item.scale, Scale):
                problems.append(
                    f"{where}: level {answer} given for a {item.scale.value} item; expected "
                    + (
                        "compliant, non_compliant or not_applicable"
                        if item.scale is Scale.BINARY
                        else "compliant, partial, non_compliant or not_applicable"
                    )
                )
            elif answer >= item.levels:
                problems.append(
                    f"{where}: level {answer} is past the item's {item.levels} levels "
                    f"(0..{item.levels - 1})"
                )
        return problems

    def ensure_matches(self, checklist: Checklist) -> None:
        """Raise if the inspection does not fit the checklist.

        Raises:
            ChecklistMismatchError: listing every problem that [`check_against`][citizenrights.models.inspections.Inspection.check_against] finds.
        """
        problems = self.check_against(checklist)
        if problems:
            raise ChecklistMismatchError(problems, inspection_id=self.id)


def _findings_fit(fields: dict[str, Any]) -> bool:
    """The model's own check (`_finding_dates`) on the dicts.

    ``False`` takes the model path, which raises its error.
    """
    findings = fields.get("findings")
    if findings:
        day = fields["date"]
        for f in findings:
            resolved = f.get("resolved_on")
            if resolved is not None and resolved < day:
                return False
    return True


@functools.cache
def _fast_dicts() -> SchemaValidator:
    """The inspection's fast validator with typed dicts (its model validator re-checked)."""
    return dict_validator(Inspection, frozenset({Inspection}))


# The fields the scoring checks itself (see ``Inspection._scoring_dict``).
_PLAIN: Final[frozenset[tuple[type[Record], str]]] = frozenset(
    {
        (Inspection, "checklist_id"),
        (Inspection, "checklist_version"),
        (Response, "item"),
        (Response, "answer"),
    }
)


@functools.cache
def _scoring_dicts() -> SchemaValidator:
    """`_fast_dicts` with the fields the checklist checks plain (see ``_scoring_dict``)."""
    return dict_validator(Inspection, frozenset({Inspection}), _PLAIN)


@functools.cache
def _counted_dicts() -> SchemaValidator:
    """`_scoring_dicts` with unknown keys ignored (see ``_counted_scoring_dict``)."""
    return dict_validator(Inspection, frozenset({Inspection}), _PLAIN, ignore_extra=True)
