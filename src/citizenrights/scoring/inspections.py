"""Scoring one inspection against its checklist: [`score_inspection`][citizenrights.scoring.inspections.score_inspection].

The rules (DESIGN section 4; reasons on the methodology page): an answer's value is 1 for compliant,
0.5 for partial, 0 for non-compliant and ``k/(n-1)`` for level ``k`` of ``n``; ``not_applicable``
leaves the item out; an unanswered item counts 0 (or is left out, by policy) and lowers
completeness; a section's score is the weighted mean of its items × 100 and the inspection's the
weighted mean of the sections that have a counted item; a non-compliant critical item caps the score.

Examples:
    >>> from citizenrights import Checklist, Inspection
    >>> checklist = Checklist.model_validate({"id": "demo", "version": "1", "title": "نمونه",
    ...     "sections": [
    ...         {"code": "S1", "title": "کرامت", "items": [
    ...             {"code": "S1.1", "text": "رفتار محترمانه", "critical": True},
    ...             {"code": "S1.2", "text": "سالن انتظار"}]},
    ...         {"code": "S2", "title": "دسترسی", "weight": 2, "items": [
    ...             {"code": "S2.1", "text": "میز خدمت", "scale": 5}]}]})
    >>> inspection = Inspection.model_validate({"id": "I-1", "agency_id": "A-1",
    ...     "checklist_id": "demo", "checklist_version": "1", "kind": "periodic",
    ...     "date": "1396/07/15", "team": [{"name": "مریم احمدی", "affiliation": "areo"}],
    ...     "responses": [{"item": "S1.1", "answer": "compliant"},
    ...                   {"item": "S1.2", "answer": "partial"}, {"item": "S2.1", "answer": 3}]})
    >>> result = score_inspection(inspection, checklist)
    >>> [(s.code, s.score) for s in result.sections]
    [('S1', 75.0), ('S2', 75.0)]
    >>> result.score, result.grade, result.status, result.score_display
    (75.0, <Grade.GOOD: 'good'>, <InspectionStatus.SCORED: 'scored'>, 75.0)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import Any, Final

from citizenrights.errors import ChecklistMismatchError
from citizenrights.models.checklists import Checklist
from citizenrights.models.inspections import Inspection, InspectionKind
from citizenrights.scoring._basis import ScoreBasis
from citizenrights.scoring._compiled import NA, CompiledChecklist, Value, compile_checklist
from citizenrights.scoring.inspection_results import InspectionScore as InspectionScore
from citizenrights.scoring.inspection_results import InspectionStatus as InspectionStatus
from citizenrights.scoring.inspection_results import ItemScore as ItemScore
from citizenrights.scoring.inspection_results import SectionScore as SectionScore
from citizenrights.scoring.policies import ScoringPolicy

# The results lived here before they had a module of their own: the `X as X` imports above keep
# them importable from here.
__all__ = ["DEFAULT_SCORING_POLICY", "JsonLineScorer", "score_inspection", "score_json_line"]

#: The policy [`score_inspection`][citizenrights.scoring.inspections.score_inspection] uses when none is given: ``ScoringPolicy()``.
DEFAULT_SCORING_POLICY: Final = ScoringPolicy()

#: Checklists by ``(id, version)``, or the one checklist every line answers.
Checklists = Checklist | Mapping[tuple[str, str], Checklist]


def score_inspection(
    inspection: Inspection, checklist: Checklist, policy: ScoringPolicy = DEFAULT_SCORING_POLICY
) -> InspectionScore:
    """Score one inspection against the checklist it answers.

    The checklist is compiled once per fingerprint (and cached), so scoring is a single pass over
    the responses. Sums use ``math.fsum`` (correctly rounded), so the order of the responses, items
    and sections never changes a result, bit for bit; nothing is rounded inside.

    Args:
        inspection: a validated inspection.
        checklist: the checklist version the inspection answers.
        policy: the scoring rules; ``ScoringPolicy()`` by default.

    Returns:
        The score with its section and item breakdown.

    Raises:
        ChecklistMismatchError: when the inspection does not fit the checklist (another checklist
            id or version, an unknown item, two responses for one item, an answer the item's scale
            does not take, or N/A where the item forbids it), listing every problem.
    """
    compiled = compile_checklist(checklist)
    found = None
    if (inspection.checklist_id, inspection.checklist_version) == compiled.key:
        found = compiled.values(inspection.responses)
    if found is None:
        problems = inspection.check_against(checklist)
        raise ChecklistMismatchError(
            problems or ["a response does not fit the checklist"], inspection_id=inspection.id
        )
    return _score(
        compiled,
        policy,
        found,
        inspection.id,
        inspection.agency_id,
        inspection.date,
        inspection.kind,
        inspection.is_joint,
    )


def score_json_line(
    line: str | bytes | bytearray,
    checklist: Checklists,
    policy: ScoringPolicy = DEFAULT_SCORING_POLICY,
) -> InspectionScore:
    """Score an inspection from its JSON line: ``score_inspection`` of ``model_validate_json``.

    The fast path validates the line to plain dicts (the schema of
    [`Inspection.fast_dict`][citizenrights.models.inspections.Inspection.fast_dict], each
    response's item code and answer kept as the JSON gives them) and scores them with the same
    compiled checklist, building no model: a code or an answer counts only when it is, exactly,
    one of the checklist's codes or one of the answers its item takes, which the model reads
    unchanged. On anything it refuses (text to clean, an invalid line, a line that does not fit
    its checklist) the line takes the model path, so the score and every error are exactly those
    of ``score_inspection(Inspection.model_validate_json(line), checklist, policy)``. To score
    the lines of a file, [`JsonLineScorer`][citizenrights.scoring.inspections.JsonLineScorer]
    also leaves the fast path when a file's first lines keep being refused.

    Args:
        line: one JSON document (a JSONL line), UTF-8 when bytes.
        checklist: the checklist the inspection answers, or checklists by ``(id, version)`` to
            pick it from.
        policy: the scoring rules; ``ScoringPolicy()`` by default.

    Returns:
        The score, equal to the model path's.

    Raises:
        pydantic.ValidationError: as ``Inspection.model_validate_json(line)`` raises it.
        KeyError: for a checklist id and version that ``checklist`` (a mapping) lacks.
        ChecklistMismatchError: as `score_inspection` raises it.

    Examples:
        >>> from citizenrights import reference_checklist
        >>> cl = reference_checklist()
        >>> line = ('{"id": "I-1", "agency_id": "A-1", "checklist_id": "%s", '
        ...         '"checklist_version": "%s", "kind": "periodic", "date": "1396/07/15", '
        ...         '"team": [{"name": "مریم احمدی", "affiliation": "areo"}], "responses": [%s]}'
        ...         % (cl.id, cl.version, ", ".join(
        ...             '{"item": "%s", "answer": "compliant"}' % i.code for i in cl.items())))
        >>> fast = score_json_line(line, cl)
        >>> fast == score_inspection(Inspection.model_validate_json(line), cl), fast.score
        (True, 100.0)
    """
    found = _fast_score(Inspection._scoring_dict(line), checklist, policy)
    if isinstance(found, InspectionScore):
        return found
    return _model_score(line, checklist, policy, found)


#: How many first lines `JsonLineScorer` watches, and how many of them the fast path may refuse
#: before the scorer leaves it (each refused line is validated twice).
PROBED_LINES: Final = 64
PROBE_MISSES: Final = 8


class JsonLineScorer:
    r"""`score_json_line` for the lines of one file, learning from its first lines.

    Each call scores one line as `score_json_line` does, with the same score or error. A line
    that the fast path refuses (text to clean, an invalid line, a line that does not fit its
    checklist) is read again on the model path, so it costs two validations: when ``misses`` of
    the first ``probe`` lines are refused, every further line takes the model path alone (the
    file is not clean). Refusals after the first ``probe`` lines never switch. The ``score``
    command reads each line of its file with one.

    The fast path of a scorer is cheaper still: it validates with unknown keys ignored and
    checks that there is none by counting the line's colons against the keys it read (each key
    is followed by one). A colon inside a string (in a note, a link, a timestamp) leaves the
    count unable to tell, and the line is validated again with unknown keys refused: when that
    happens to ``misses`` of the first ``probe`` lines, the scorer stops counting. Neither
    switch changes a score or an error.

    An instance keeps counts: use one per file or stream, from one thread at a time.

    Args:
        checklist: the checklist the inspections answer, or checklists by ``(id, version)``.
        policy: the scoring rules; ``ScoringPolicy()`` by default.
        probe: how many first lines are watched (64 by default).
        misses: how many refusals among them leave the fast path (8 by default).

    Attributes:
        lines: how many lines it has scored (or raised for).
        refused: how many of the first ``probe`` lines the fast path refused.
        uncounted: how many of the first ``probe`` lines the colon count could not tell.

    Examples:
        >>> from citizenrights import reference_checklist
        >>> cl = reference_checklist()
        >>> line = ('{"id": "I-1", "agency_id": "A-1", "checklist_id": "%s", '
        ...         '"checklist_version": "%s", "kind": "periodic", "date": "1396/07/15", '
        ...         '"team": [{"name": "مریم احمدی", "affiliation": "areo"}], "responses": [%s]}'
        ...         % (cl.id, cl.version, ", ".join(
        ...             '{"item": "%s", "answer": "partial"}' % i.code for i in cl.items()
        ...             if i.levels == 3)))
        >>> scorer = JsonLineScorer(cl, misses=2)
        >>> scorer(line).score == score_json_line(line, cl).score
        True
        >>> dirty = line.replace('"A-1"', '"A-1\u200f"')  # a right-to-left mark to clean
        >>> [scorer(dirty).agency_id for _ in range(3)], scorer.refused, scorer.fast
        (['A-1', 'A-1', 'A-1'], 2, False)
    """

    def __init__(
        self,
        checklist: Checklists,
        policy: ScoringPolicy = DEFAULT_SCORING_POLICY,
        *,
        probe: int = PROBED_LINES,
        misses: int = PROBE_MISSES,
    ) -> None:
        self.checklist: Final = checklist
        self.policy: Final = policy
        self.probe: Final = probe
        self.misses: Final = misses
        self.lines = 0
        self.refused = 0
        self.uncounted = 0

    @property
    def fast(self) -> bool:
        """Whether lines still try the fast path."""
        return self.refused < self.misses

    def __call__(self, line: str | bytes | bytearray) -> InspectionScore:
        """The score of one line, as `score_json_line` gives it (same errors)."""
        self.lines += 1
        if self.refused >= self.misses:
            return _model_score(line, self.checklist, self.policy, Inspection.model_validate_json)
        if self.uncounted < self.misses:
            fields = Inspection._counted_scoring_dict(line)
            if fields is False:
                self.uncounted += self.lines <= self.probe
                fields = Inspection._scoring_dict(line)
        else:
            fields = Inspection._scoring_dict(line)
        found = _fast_score(fields, self.checklist, self.policy)
        if isinstance(found, InspectionScore):
            return found
        self.refused += self.lines <= self.probe
        return _model_score(line, self.checklist, self.policy, found)

    def __repr__(self) -> str:
        path = "fast" if self.fast else "model"
        return (
            f"JsonLineScorer(lines={self.lines}, refused={self.refused}, "
            f"uncounted={self.uncounted}, path={path!r})"
        )


Reader = Callable[[str | bytes | bytearray], Inspection]
_AFFILIATION: Final = itemgetter("affiliation")


def _fast_score(
    fields: dict[str, Any] | None, checklist: Checklists, policy: ScoringPolicy
) -> InspectionScore | Reader:
    """The score of a line from its ``Inspection._scoring_dict``, if the fast path takes it.

    Else how the model path should read the line.
    """
    if fields is None:
        return Inspection.model_validate_json
    key = (fields["checklist_id"], fields["checklist_version"])
    # An unknown checklist is the model path's KeyError: only once the line reads as a model.
    the_checklist = checklist if isinstance(checklist, Checklist) else checklist.get(key)
    compiled = None if the_checklist is None else compile_checklist(the_checklist)
    if compiled is not None and key == compiled.key:
        # The look-ups in the compiled checklist are what checks the plain codes and answers.
        found = compiled.values_of(fields["responses"])
        if found is not None:
            return _score(
                compiled,
                policy,
                found,
                fields["id"],
                fields["agency_id"],
                fields["date"],
                fields["kind"],
                Inspection.joint(list(map(_AFFILIATION, fields["team"]))),
            )
    # A line that does not fit (or is invalid after all) reads as a model at the model's fast path.
    return Inspection.validate_json_line


def _model_score(
    line: str | bytes | bytearray, checklist: Checklists, policy: ScoringPolicy, read: Reader
) -> InspectionScore:
    """The model path: the line read as an `Inspection`, then `score_inspection`."""
    inspection = read(line)
    if not isinstance(checklist, Checklist):
        checklist = checklist[(inspection.checklist_id, inspection.checklist_version)]
    return score_inspection(inspection, checklist, policy)


def _score(
    compiled: CompiledChecklist,
    policy: ScoringPolicy,
    found: tuple[list[Value], int],
    inspection_id: str,
    agency_id: str,
    day: dt.date,
    kind: InspectionKind,
    joint: bool,
) -> InspectionScore:
    """The score of item values that fit the compiled checklist (both paths end here)."""
    vals, n_unanswered = found
    n_na = vals.count(NA)
    basis = ScoreBasis.of(compiled, policy)
    means, raw = compiled.outcome(
        vals, na=n_na, unanswered=n_unanswered, zero_unanswered=basis.zero_unanswered
    )
    applicable = len(vals) - n_na
    score = grade = reason = completeness = None
    capped_by: tuple[str, ...] = ()
    if not applicable:
        status, reason = InspectionStatus.NOT_APPLICABLE, "no_applicable_item"
    else:
        completeness = (applicable - n_unanswered) / applicable
        capped_by = compiled.capped_by(vals)
        if raw is None:
            status, reason = InspectionStatus.INCOMPLETE, "no_answered_item"
        else:
            score = min(raw, policy.critical_cap) if capped_by else raw
            if completeness < policy.min_completeness:
                status, reason = InspectionStatus.INCOMPLETE, "below_min_completeness"
            else:
                status, grade = InspectionStatus.SCORED, policy.grade_bands.grade(score)
    # Positional: the order of InspectionScore's fields (a test holds it), cheaper than keywords.
    return InspectionScore(
        inspection_id,
        agency_id,
        day,
        kind,
        joint,
        score,
        grade,
        status,
        completeness,
        capped_by,
        raw,
        reason,
        tuple(vals),
        means,
        basis,
    )
