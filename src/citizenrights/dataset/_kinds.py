"""The table of file kinds a dataset folder may hold (private).

Each `Kind` says where its records live, which model validates them, what identifies a
record (duplicates are reported), which other records it refers to (checked across files) and how
the loaded records become the `Dataset` attribute of the same name.
Adding a kind of file is one entry in `KINDS` and one field of ``Dataset``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs
from pydantic import BaseModel, ValidationError

from citizenrights.identifiers import mask_identifier
from citizenrights.models.activity import (
    NGO,
    AgencyStats,
    Complaint,
    SurveyResponse,
    TrainingRecord,
)
from citizenrights.models.agencies import Agency, AgencyRegistry, PeerGroup
from citizenrights.models.checklists import Checklist
from citizenrights.models.groups import Meeting, Programme, WorkingGroup
from citizenrights.models.inspections import Inspection, Response
from citizenrights.models.memorandum import NGOReport, Publication, TrainingProgramme
from citizenrights.models.people import CandidateRecord

__all__ = ["KINDS", "KINDS_BY_NAME", "Index", "Kind", "Ref"]

#: A reference from a record to another one: ``(field shown, target kind, target key)``.
Ref = tuple[str, str, Hashable]


@attrs.frozen
class Index:
    """What the checks across files see.

    Attributes:
        keys: each kind's record keys, for the kinds whose files were read whole (references into
            a file that could not be read are not checked: they would only repeat its problem).
        records: each keyed kind's valid records by key, in file order.
        derived: what a check builds once from ``records`` and reuses for every record (by a
            name of the check's choosing), so that checks stay linear in the number of records.
    """

    keys: Mapping[str, frozenset[Hashable]]
    records: Mapping[str, Mapping[Hashable, Any]]
    derived: dict[str, Any] = attrs.field(factory=dict)


def _no_refs(record: Any) -> Iterable[Ref]:
    return ()


@attrs.frozen
class Kind:
    """One kind of file in a dataset folder."""

    #: The Dataset attribute and the file's stem (or folder, for ``dir``).
    name: str
    model: type[BaseModel]
    #: ``json`` (an array of records), ``jsonl``, ``csv``, ``dir`` (a folder of JSON objects).
    formats: tuple[str, ...]
    #: What one record is called in messages.
    label: str
    #: The fields that identify a record; a second record with the same key is a problem.
    key: tuple[str, ...] = ()
    #: The key is a person id: masked in messages.
    personal_key: bool = False
    #: What a record refers to; given a record, or the raw data (a dict) of one that failed.
    refs: Callable[[Any], Iterable[Ref]] = _no_refs
    #: Further checks of a record against the other files: ``(field, message)`` pairs.
    check: Callable[[Any, Index], Iterable[tuple[str, str]]] | None = None
    #: The same checks of the raw data of a record that failed validation, as far as it goes.
    check_raw: Callable[[dict[str, Any], Index], Iterable[tuple[str, str]]] | None = None
    #: The Dataset attribute made of the valid records, in file order.
    build: Callable[[list[Any]], Any] = tuple
    required: bool = False
    #: References to this kind are checked only when it has records (an optional registry:
    #: without ``peer_groups.json``, an agency's category is any label).
    checked_if_listed: bool = False

    def key_of(self, record: Any) -> Hashable | None:
        """The key of a record (or of raw data), ``None`` when it has none."""
        if not self.key:
            return None
        if isinstance(record, dict):
            # Raw data of a record that failed: text as the record would hold it (trimmed).
            values = tuple(
                v.strip() if isinstance(v, str) else v for v in (record.get(f) for f in self.key)
            )
            if any(isinstance(v, dict | list) or v == "" for v in values):  # no usable key
                return None
        else:
            values = tuple(getattr(record, f) for f in self.key)
        if None in values:
            return None
        return values[0] if len(values) == 1 else values

    def show_key(self, key: Hashable) -> str:
        """A key for a message: quoted, named field by field when composite, masked if personal."""
        if self.personal_key:
            return repr(mask_identifier(str(key)))
        if isinstance(key, tuple):
            return ", ".join(f"{f} {str(v)!r}" for f, v in zip(self.key, key, strict=True))
        return repr(str(key))

    @property
    def files(self) -> str:
        """Where the kind lives, for messages: ``checklists/``, ``complaints.jsonl or .csv``."""
        if self.formats == ("dir",):
            return f"{self.name}/"
        return " or ".join(f"{self.name}.{ext}" for ext in self.formats)


# -- references and checks -------------------------------------------------------------------------


def _text(record: Any, name: str) -> str | None:
    """A text field of a record, or of the raw data of one that failed (``None``: unusable)."""
    value = record.get(name) if isinstance(record, dict) else getattr(record, name, None)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _parts(record: Any, name: str) -> Iterable[tuple[int, Any]]:
    """The numbered members of a list field, of a record or of raw data."""
    value = record.get(name) if isinstance(record, dict) else getattr(record, name, ())
    return enumerate(value) if isinstance(value, list | tuple) else ()


def _agency_ref(record: Any) -> Iterable[Ref]:
    agency_id = _text(record, "agency_id")
    return (("agency_id", "agencies", agency_id),) if agency_id else ()


def _agency_record_refs(agency: Any) -> Iterable[Ref]:
    parent_id = _text(agency, "parent_id")
    if parent_id:
        yield ("parent_id", "agencies", parent_id)
    category = _text(agency, "category")
    if category:  # checked only when peer_groups.json lists groups (see Kind.checked_if_listed)
        yield ("category", "peer_groups", category)


def _assignment_refs(candidate: Any) -> Iterable[Ref]:
    for n, assignment in _parts(candidate, "assignments"):
        agency_id = _text(assignment, "agency_id")
        if agency_id:
            yield (f"assignments[{n}].agency_id", "agencies", agency_id)


def _inspection_refs(inspection: Any) -> Iterable[Ref]:
    yield from _agency_ref(inspection)
    for n, member in _parts(inspection, "team"):
        ngo_id = _text(member, "ngo_id")
        if ngo_id:
            yield (f"team[{n}].ngo_id", "ngos", ngo_id)


def _ngo_report_refs(report: Any) -> Iterable[Ref]:
    yield from _agency_ref(report)
    ngo_id = _text(report, "ngo_id")
    if ngo_id:
        yield ("ngo_id", "ngos", ngo_id)
    inspection_id = _text(report, "inspection_id")
    if inspection_id:  # a stream looks it up once the inspections have gone by
        yield ("inspection_id", "inspections", inspection_id)


# Inspection.check_against says "responses[3] (item 'A03.1'): message".
_ITEM_PROBLEM = re.compile(r"^(responses\[(\d+)\]) \((item .*?)\): (.*)$", re.DOTALL)


def _inspection_fits(
    inspection: Inspection, index: Index, numbers: Sequence[int] | None = None
) -> Iterable[tuple[str, str]]:
    """The inspection's checklist and version exist, and its responses fit that checklist.

    ``numbers`` gives the position in the file of each response (when some were left out).
    """
    key = (inspection.checklist_id, inspection.checklist_version)
    known = index.keys.get("checklists")
    if known is None:
        return
    if key not in known:
        have = sorted(k for k in known if isinstance(k, tuple))
        versions = [repr(str(v)) for i, v in have if i == inspection.checklist_id]
        if versions:
            yield (
                "checklist_version",
                f"checklist {inspection.checklist_id!r} has no version "
                f"{inspection.checklist_version!r} in checklists/ (it has {', '.join(versions)})",
            )
        else:
            listed = ", ".join(f"{i!r} version {v!r}" for i, v in have) or "none"
            yield (
                "checklist_id",
                f"unknown checklist {inspection.checklist_id!r}: not in checklists/ "
                f"(it has {listed})",
            )
        return
    checklist = index.records.get("checklists", {}).get(key)
    if checklist is None:  # the checklist file itself is bad, and reported
        return
    for problem in inspection.check_against(checklist):
        match = _ITEM_PROBLEM.match(problem)
        if match is None:
            yield ("responses", problem)
            continue
        field = match[1]
        if numbers is not None:
            field = f"responses[{numbers[int(match[2])]}]"
        yield (field, f"{match[3]}: {match[4]}")


def _raw_inspection_fits(raw: dict[str, Any], index: Index) -> Iterable[tuple[str, str]]:
    """`_inspection_fits` for the raw data of an inspection that failed validation.

    Its checklist, and the responses that are valid on their own, are checked: an unknown item
    code shows in the same run as a bad date.
    """
    checklist_id, version = _text(raw, "checklist_id"), _text(raw, "checklist_version")
    if checklist_id is None or version is None:
        return ()
    responses: list[Response] = []
    numbers: list[int] = []
    for n, response in _parts(raw, "responses"):
        try:
            responses.append(Response.model_validate(response))
        except ValidationError:
            continue  # its problems are reported already
        numbers.append(n)
    # Only what check_against reads is set: the checklist and the valid responses.
    fields: dict[str, Any] = {
        "checklist_id": checklist_id,
        "checklist_version": version,
        "responses": tuple(responses),
    }
    return _inspection_fits(Inspection.model_construct(**fields), index, numbers)


def _group_refs(group: Any) -> Iterable[Ref]:
    return _agency_ref(group)


def _meeting_refs(meeting: Any) -> Iterable[Ref]:
    group_id = _text(meeting, "group_id")
    if group_id:
        yield ("group_id", "working_groups", group_id)
    for n, r in _parts(meeting, "resolutions"):
        ref = r.get("programme_item") if isinstance(r, dict) else r.programme_item
        programme_id = None if ref is None else _text(ref, "programme_id")
        if programme_id:
            field = f"resolutions[{n}].programme_item.programme_id"
            yield (field, "programmes", programme_id)


def _first_meetings(index: Index) -> Mapping[tuple[str, str], str]:
    """(group id, resolution id) → the first meeting (in file order) that uses the resolution id."""
    first: dict[tuple[str, str], str] | None = index.derived.get("first_meetings")
    if first is None:
        first = {}
        for m in index.records.get("meetings", {}).values():
            for r in m.resolutions:
                first.setdefault((m.group_id, r.id), m.id)
        index.derived["first_meetings"] = first
    return first


def _meeting_fits(meeting: Meeting, index: Index) -> Iterable[tuple[str, str]]:
    """Resolution ids are unique within the group; programme references name existing items.

    An unknown programme is a reference problem (`_meeting_refs`), reported there.
    """
    first = _first_meetings(index)
    programmes: Mapping[Hashable, Programme] = index.records.get("programmes", {})
    for n, r in enumerate(meeting.resolutions):
        other = first.get((meeting.group_id, r.id), meeting.id)
        if other != meeting.id:
            yield (
                f"resolutions[{n}].id",
                f"resolution id {r.id!r} is already used by meeting {other!r} of working group "
                f"{meeting.group_id!r}; resolution ids must be unique within a working group",
            )
        ref = r.programme_item
        programme = None if ref is None else programmes.get(ref.programme_id)
        if ref is not None and programme is not None and ref.number > len(programme.items):
            yield (
                f"resolutions[{n}].programme_item.number",
                f"resolution {r.id!r}: programme {programme.id!r} has no item {ref.number} "
                f"(its items are 1..{len(programme.items)})",
            )


# -- building the Dataset attributes ---------------------------------------------------------------


def _registry(agencies: list[Agency]) -> AgencyRegistry:
    # A parent missing from the valid agencies was reported already (unknown, or a bad record);
    # leaving it out lets the registry report only what is left to find: cycles.
    ids = {a.id for a in agencies}
    return AgencyRegistry(
        a if a.parent_id is None or a.parent_id in ids else a.model_copy(update={"parent_id": None})
        for a in agencies
    )


def _by_key(checklists: list[Checklist]) -> Mapping[tuple[str, str], Checklist]:
    return MappingProxyType({c.key: c for c in checklists})


# Files are read in this order; the checks across files run once all are read.
KINDS: tuple[Kind, ...] = (
    Kind(
        "agencies", Agency, ("json",), "agency",
        key=("id",), refs=_agency_record_refs, build=_registry, required=True,
    ),
    Kind(
        "peer_groups", PeerGroup, ("json",), "peer group", key=("code",), checked_if_listed=True,
    ),
    Kind("checklists", Checklist, ("dir",), "checklist", key=("id", "version"), build=_by_key),
    Kind(
        "inspections", Inspection, ("jsonl",), "inspection",
        key=("id",), refs=_inspection_refs, check=_inspection_fits,
        check_raw=_raw_inspection_fits,
    ),
    Kind("complaints", Complaint, ("jsonl", "csv"), "complaint", key=("id",), refs=_agency_ref),
    Kind(
        "trainings", TrainingRecord, ("jsonl", "csv"), "training record",
        key=("id",), refs=_agency_ref,
    ),
    Kind("surveys", SurveyResponse, ("jsonl", "csv"), "survey response", refs=_agency_ref),
    Kind(
        "stats", AgencyStats, ("csv", "jsonl"), "stats row",
        key=("agency_id", "period"), refs=_agency_ref,
    ),
    Kind("ngos", NGO, ("json",), "NGO", key=("id",)),
    Kind(
        "candidates", CandidateRecord, ("jsonl",), "candidate",
        key=("person_id",), personal_key=True, refs=_assignment_refs,
    ),
    Kind(
        "working_groups", WorkingGroup, ("json",), "working group",
        key=("id",), refs=_group_refs,
    ),
    Kind(
        "meetings", Meeting, ("jsonl",), "meeting",
        key=("id",), refs=_meeting_refs, check=_meeting_fits,
    ),
    Kind("programmes", Programme, ("json",), "programme", key=("id",)),
    Kind(
        "ngo_reports", NGOReport, ("jsonl",), "NGO report",
        key=("id",), refs=_ngo_report_refs,
    ),
    Kind(
        "training_programmes", TrainingProgramme, ("json",), "training programme",
        key=("code",),
    ),
    Kind("publications", Publication, ("jsonl",), "publication", key=("id",), refs=_agency_ref),
)  # fmt: skip

KINDS_BY_NAME: Mapping[str, Kind] = MappingProxyType({kind.name: kind for kind in KINDS})
