"""Render the sample reports of the docs site from the bundled demo dataset.

Usage: ``python scripts/render_sample_reports.py`` (writes ``docs/samples/*.md``); the pages are
rendered from the committed demo dataset, so after a change that alters it run
``python scripts/regenerate.py``, which rewrites the demo dataset first and then these pages.
``tests/test_sample_reports.py`` checks that the committed pages equal a fresh rendering.
"""

from __future__ import annotations

import sys
from pathlib import Path

from citizenrights import PeriodKind, build_progress_report, build_report, load_demo, period_of

SAMPLES = Path(__file__).resolve().parent.parent / "docs" / "samples"

NOTE = {
    "fa": "> نمونه‌ای از خروجی `citizenrights` بر داده‌های **ساختگی** نسخهٔ نمایشی؛ هیچ‌یک از ارقام واقعی نیست.\n\n",
    "en": "> A sample of what `citizenrights` renders, from the **synthetic** demo dataset; none of "
    "these figures is real.\n\n",
}


def render() -> dict[str, str]:
    """The sample pages by file name."""
    dataset = load_demo()
    latest = period_of(max(i.date for i in dataset.inspections), PeriodKind.QUARTER)
    report = build_report(dataset, latest, scope="IR-10")
    pages = {f"report-{lang}.md": NOTE[lang] + report.to_markdown(lang) for lang in ("fa", "en")}
    # The national joint group's report first: the seed's "documented progress report".
    groups = sorted(dataset.working_groups, key=lambda g: (g.scope.value != "national", g.id))
    if groups:
        progress = build_progress_report(dataset, as_of=latest.end, group_id=groups[0].id)
        for lang in ("fa", "en"):
            pages[f"progress-{lang}.md"] = NOTE[lang] + progress.to_markdown(lang)
    return pages


def main() -> int:
    SAMPLES.mkdir(parents=True, exist_ok=True)
    for name, text in render().items():
        (SAMPLES / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
