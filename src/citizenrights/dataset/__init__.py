"""Load a folder of records (JSON, JSONL, CSV), with the file, line and field of every problem.

A dataset folder holds one file per kind of record; only ``agencies.json`` is required::

    agencies.json          a JSON array of agencies
    checklists/*.json      one checklist per file
    inspections.jsonl      one inspection per line
    complaints.jsonl|csv   one complaint per line (or CSV row)
    trainings.jsonl|csv    one training record per line (or CSV row)
    surveys.jsonl|csv      one survey response per line (or CSV row)
    stats.csv|jsonl        one row per agency and period: services and staff
    ngos.json              a JSON array of NGOs
    candidates.jsonl       one candidate record per line
    working_groups.json    a JSON array of working groups
    meetings.jsonl         one working-group meeting per line, with its resolutions
    programmes.json        a JSON array of numbered programmes
    ngo_reports.jsonl      one NGO report on an agency per line
    training_programmes.json  a JSON array of training programmes (courses, audiences, deadline)
    publications.jsonl     one publication of an agency per line

Any other file is ignored. `Dataset.load` validates every record and the references across
files, and raises one [`DatasetError`][citizenrights.errors.DatasetError] listing every problem as
``file:line: field: message``; `Dataset.validate` returns that list instead. Both also take a database URL
(``sqlite:///records.db``, or any SQLAlchemy ``dialect+driver://`` URL; the extra ``sql``) that
`Dataset.to_sql` (or ``citizenrights import DIR --to URL``) wrote: one table per kind above,
read back record for record, its problems named ``URL#table:row_id: field: message``.
`iter_inspections` and `iter_records` stream a JSONL file of any size in flat memory
(`iter_numbered` with each record's line number);
`read_records` reads a file holding a JSON object, a JSON array or JSON Lines of records.
Every file is read with the same limits: a regular file (a folder, FIFO or dangling link in its
place is a problem), UTF-8, lines of at most 1 MiB, JSON documents of at most 64 MiB, arrays and
objects nested at most 64 levels.
`load_demo` loads the bundled synthetic demo dataset.

Examples:
    >>> demo = load_demo()
    >>> [checklist_id for checklist_id, _ in demo.checklists], len(demo.inspections) > 200
    (['reference'], True)
"""

from citizenrights.dataset._demo import demo_dataset_path, load_demo
from citizenrights.dataset._loader import Dataset, DatasetStream
from citizenrights.dataset._streaming import (
    iter_inspections,
    iter_numbered,
    iter_records,
    read_records,
)

__all__ = [
    "Dataset",
    "DatasetStream",
    "demo_dataset_path",
    "iter_inspections",
    "iter_numbered",
    "iter_records",
    "load_demo",
    "read_records",
]
