"""The memorandum's report sections: NGOs in monitoring, training coverage, transparency.

The progress report ([`build_progress_report`][citizenrights.reporting.progress.build_progress_report])
carries these sections for its group's scope; this module gives them on their own:

- [`memorandum_figures`][citizenrights.reporting.memorandum.memorandum_figures]: the figures for a
  set of agencies, a period and a day ([`MemorandumFigures`][citizenrights.reporting.memorandum.MemorandumFigures]);
- [`memorandum_markdown`][citizenrights.reporting.memorandum.memorandum_markdown]: the three
  sections as one Markdown page (transparency with the checklist item each publication answers,
  NGOs, each training programme);
- [`training_markdown`][citizenrights.reporting.memorandum.training_markdown]: the training
  programmes' coverage alone, as ``citizenrights training`` prints it.

Examples:
    >>> from citizenrights import load_demo
    >>> demo = load_demo()
    >>> (programme,) = demo.training_programmes
    >>> from citizenrights.followup import training_coverage
    >>> c = training_coverage(programme, demo.trainings, demo.stats, demo.agencies, "1397-Q4")
    >>> print(training_markdown([c], "en").splitlines()[0])
    ## Training: Citizens'-rights training of managers and staff (circular 1091808 of 1395/12/22)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from citizenrights.followup import TrainingCoverage
from citizenrights.models.agencies import Agency
from citizenrights.reporting._memorandum import (
    MemorandumFigures,
    memorandum_figures,
    memorandum_lines,
    training_lines,
)
from citizenrights.reporting._render import page
from citizenrights.vocabulary import Lang, check_lang

__all__ = ["MemorandumFigures", "memorandum_figures", "memorandum_markdown", "training_markdown"]


def training_markdown(coverages: Iterable[TrainingCoverage], lang: Lang = "fa") -> str:
    """The coverage of training programmes as Markdown: a section per programme.

    Raises:
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
    """
    lang = check_lang(lang)
    lines: list[str] = []
    for coverage in coverages:
        lines += training_lines(coverage, lang)
    return page("\n".join(lines).strip() + "\n", lang)


def memorandum_markdown(
    figures: MemorandumFigures, agencies: Mapping[str, Agency], lang: Lang = "fa"
) -> str:
    """The memorandum's sections as one Markdown page (Persian right-to-left, or English).

    Args:
        figures: from [`memorandum_figures`][citizenrights.reporting.memorandum.memorandum_figures].
        agencies: the agencies by id, for their names.
        lang: ``fa`` or ``en``.

    Raises:
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
    """
    lang = check_lang(lang)
    return page("\n".join(memorandum_lines(figures, agencies, lang)).strip() + "\n", lang)
