"""``citizenrights score`` reads each line straight to its score: the same output, byte for byte.

The command hands a `JsonLineScorer` (`score_json_line`, which leaves its fast path when the
first lines of a file keep being refused) to `iter_numbered` as the reader of each line (issue 12,
item 6): no ``Inspection`` model is built for a clean line. The proof that the user sees no
difference: the command is run on the demo inspections, on thousands of mutated lines (text to
clean, wrong types, answers an item does not take, unknown items, another checklist) and on
files with broken lines (not JSON, not UTF-8, endless, UTF-16), in every format, to stdout and
to a file, through the model path (the reader turned off) and through the fast path; their
exit codes, stdout, stderr and output files are equal, and the progress display is fed the same
records at the same byte positions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from citizenrights import Checklist, InspectionScore, JsonLineScorer
from citizenrights.cli import _commands_data
from citizenrights.cli._app import app
from citizenrights.scoring.inspections import PROBE_MISSES, PROBED_LINES
from tests.test_speed_json_line_scoring import SMALL, mutated_lines

DEMO = resources.files("citizenrights") / "data" / "demo"
runner = CliRunner()

Outcome = tuple[int, bytes, bytes, bytes | None, str | None]


def score_run(
    monkeypatch: pytest.MonkeyPatch, path: str, source: Path, *options: str
) -> tuple[Outcome, list[tuple[str, int]], int]:
    """Run ``score`` on one path (``model``: the reader off; ``probed``: as shipped; ``fast``:
    every line tries the fast path, whatever the probe finds): (exit code, stdout, stderr, the
    output file or None, the type of an unexpected exception), what the progress display was
    fed, and the lines that tried the fast path. ``-o`` among the options writes to a file."""
    calls = [0]
    fed: list[tuple[str, int]] = []
    misses = 10**9 if path == "fast" else PROBE_MISSES

    class Counted(JsonLineScorer):
        def __init__(self, checklist: Checklist) -> None:
            super().__init__(checklist, misses=misses)

        def __call__(self, line: str | bytes | bytearray) -> InspectionScore:
            calls[0] += self.fast
            return super().__call__(line)

    def spy(items: Iterable[tuple[str, Any]], label: str, **kwargs: Any) -> Iterator[Any]:
        position: Callable[[tuple[str, Any]], int] = kwargs["position"]
        for item in items:
            fed.append((item[0], position(item)))
            yield item

    out = source.with_name("out")
    out.unlink(missing_ok=True)
    args = ["score", str(source), *(o for o in options if o != "-o")]
    if "-o" in options:
        args += ["-o", str(out)]
    with monkeypatch.context() as patch:
        patch.setattr(_commands_data, "show_progress", spy)
        patch.setattr(_commands_data, "JsonLineScorer", Counted)
        if path == "model":
            patch.setattr(_commands_data, "_line_scorer", lambda cl: None)
        result = runner.invoke(app, args)
    written = out.read_bytes() if out.exists() else None
    error = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = type(result.exception).__name__
    outcome = (result.exit_code, result.stdout_bytes, result.stderr_bytes, written, error)
    return outcome, fed, calls[0]


def both_paths(
    monkeypatch: pytest.MonkeyPatch, source: Path, *options: str
) -> tuple[Outcome, int, int]:
    """The outcome of ``score`` on the model path, asserted equal on the probed and the fast
    path; and the lines that tried the fast path on each of these."""
    model, model_fed, model_calls = score_run(monkeypatch, "model", source, *options)
    assert model_calls == 0
    assert model[4] is None
    calls = []
    for path in ("probed", "fast"):
        outcome, fed, n = score_run(monkeypatch, path, source, *options)
        assert outcome[0] == model[0], (path, outcome[2], model[2])
        assert outcome[2] == model[2], path
        assert outcome[1] == model[1], path
        assert outcome[3] == model[3], path
        assert outcome[4] is None, path
        assert fed == model_fed, path
        calls.append(n)
    return model, calls[0], calls[1]


FORMATS = [("-f", "csv"), ("-f", "json"), ("-f", "table"), ("-f", "csv", "-o")]
FORMATS += [("-f", "json", "-o"), ("-f", "table", "-o")]


def demo_lines() -> list[str]:
    return DEMO.joinpath("inspections.jsonl").read_text("utf-8").splitlines()


@pytest.mark.parametrize("options", FORMATS, ids=" ".join)
def test_the_demo_inspections_score_alike(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, options: tuple[str, ...]
) -> None:
    """Every demo inspection takes the fast path; the output is the model path's."""
    source = tmp_path / "inspections.jsonl"
    lines = demo_lines()
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (code, out, err, written, _), calls, fast = both_paths(monkeypatch, source, *options)
    assert (code, err) == (0, b"")
    assert calls == fast == sum(1 for line in lines if line.strip()) > 300
    shown = written if "-o" in options else out
    assert shown is not None
    if "csv" in options:
        assert len(shown.decode("utf-8").splitlines()) == calls + 1
    if "json" in options:
        assert len(json.loads(shown)) == calls


@pytest.mark.parametrize("seed", [11, 12])
@pytest.mark.parametrize("options", FORMATS, ids=" ".join)
def test_mutated_lines_give_the_same_problems_and_output(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, options: tuple[str, ...], seed: int
) -> None:
    """On 800 mutated lines (about half of them bad), every problem and every byte written is
    the model path's, with every line trying the fast path or (as shipped) the file left to the
    model path once its first lines keep being refused; the command exits 2."""
    source = tmp_path / "mutated.jsonl"
    source.write_text("\n".join(mutated_lines(800, seed)) + "\n", encoding="utf-8")
    (code, out, err, written, _), probed, fast = both_paths(monkeypatch, source, *options)
    assert code == 2
    assert written is None  # a bad line leaves no output file
    assert (fast, PROBE_MISSES <= probed < PROBED_LINES) == (800, True)
    problems = err.decode("utf-8")
    # Both kinds of problem are there: lines that are not inspections, and mismatches.
    assert problems.count("does not match checklist") > 50
    assert problems.count("mutated.jsonl:") > 300
    if "json" in options and "-o" not in options:
        assert out.startswith(b"[\n{")  # scored lines were written before the problems


@pytest.mark.parametrize("options", FORMATS[:3], ids=" ".join)
def test_another_checklist_is_a_mismatch_on_every_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, options: tuple[str, ...]
) -> None:
    """Scored against another checklist (``--checklist FILE``), each line is one mismatch; the
    fast path refuses each, so the file leaves it after the first few."""
    checklist = tmp_path / "small.json"
    checklist.write_text(SMALL.model_dump_json(), encoding="utf-8")
    source = tmp_path / "inspections.jsonl"
    source.write_text("\n".join(demo_lines()[:40]) + "\n", encoding="utf-8")
    (code, _, err, _, _), calls, fast = both_paths(
        monkeypatch, source, "--checklist", str(checklist), *options
    )
    assert (code, calls, fast) == (2, PROBE_MISSES, 40)
    named = {
        int(problem.split(":")[1])
        for problem in err.decode("utf-8").splitlines()
        if "does not match checklist 'demo' version '1'" in problem
    }
    assert named == set(range(1, 41))


def broken_files(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Files with a line end, a byte-order mark, blank lines and broken lines among good ones."""
    good = [line.encode("utf-8") for line in demo_lines()[:30]]
    cases: dict[str, bytes] = {
        "bom-crlf-blank": b"\xef\xbb\xbf"
        + b"\r\n".join(good[:10])
        + b"\r\n\r\n  \n"
        + b"\n".join(good[10:]),
        "not-json": b"\n".join([*good[:5], b"{not json", *good[5:], b"[1, 2]", b'"x"']),
        "not-utf8": b"\n".join([*good[:7], good[7][:40] + b"\xff\xfe" + good[7][40:], *good[8:]]),
        "nul-and-escapes": b"\n".join(
            [
                *good[:3],
                b'{"id": "\\u0000"}',
                good[3].replace(b'"agency_id":"', b'"agency_id":"\\u200f'),
                *good[4:],
            ]
        ),
        "endless": b"\n".join([*good[:12], b'{"id": "' + b"x" * (1 << 21)]),
        "utf16": "\n".join(demo_lines()[:3]).encode("utf-16"),
        "empty": b"",
        "only-blank": b"\n \n\t\n",
    }
    for name, data in cases.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_bytes(data)
        yield name, path


@pytest.mark.parametrize("options", FORMATS, ids=" ".join)
def test_broken_files_fail_alike(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, options: tuple[str, ...]
) -> None:
    """Every broken file gets the same exit code, messages and output on both paths."""
    codes = {}
    for name, path in broken_files(tmp_path):
        (code, _, err, _, _), _, _ = both_paths(monkeypatch, path, *options)
        codes[name] = code
        if code:
            assert err.decode("utf-8").strip(), name
    assert codes == {
        "bom-crlf-blank": 0,
        "not-json": 2,
        "not-utf8": 2,
        "nul-and-escapes": 2,
        "endless": 2,
        "utf16": 2,
        "empty": 0,
        "only-blank": 0,
    }


def test_a_line_number_stays_its_lines(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The problems name the lines by hand: a bad line 3 after a blank line 2, a mismatch on 5."""
    lines = demo_lines()
    other = json.loads(lines[2])
    other["checklist_version"] = "0"
    source = tmp_path / "few.jsonl"
    source.write_text(
        "\n".join([lines[0], "", '{"id": "I-9"}', lines[1], json.dumps(other)]) + "\n",
        encoding="utf-8",
    )
    (code, out, err, _, _), calls, fast = both_paths(monkeypatch, source, "-f", "csv")
    assert (code, calls, fast) == (2, 4, 4)  # every line but the blank one
    problems = err.decode("utf-8")
    assert f"{source}:3: agency_id: " in problems
    assert f"{source}:5: inspection {other['id']!r} does not match checklist " in problems
    assert len(out.decode("utf-8").splitlines()) == 3  # the header and lines 1 and 4


def dirty(line: str) -> str:
    """The line with a right-to-left mark in its agency id: text the model path cleans."""
    changed = line.replace('"agency_id":"', '"agency_id":"\u200f', 1)
    assert changed != line
    return changed


@pytest.mark.parametrize("options", FORMATS[:3], ids=" ".join)
def test_text_to_clean_on_the_first_lines_leaves_the_fast_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, options: tuple[str, ...]
) -> None:
    """A file whose lines all have text to clean: after the 8th, no line is validated twice
    (the model path alone reads them); the scores are the same, with the ids cleaned."""
    lines = [dirty(line) for line in demo_lines()[:100]]
    source = tmp_path / "dirty.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (code, out, err, _, _), probed, fast = both_paths(monkeypatch, source, *options)
    assert (code, err, probed, fast) == (0, b"", PROBE_MISSES, 100)
    assert "\u200f" not in out.decode("utf-8")


def test_text_to_clean_past_the_probe_stays_on_the_fast_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Clean first lines, then text to clean: the file stays on the fast path (which takes
    each such line to the model path), with the same output."""
    lines = demo_lines()[:120]
    lines[70:] = [dirty(line) for line in lines[70:]]
    source = tmp_path / "late.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (code, _, err, _, _), probed, fast = both_paths(monkeypatch, source, "-f", "csv")
    assert (code, err, probed, fast) == (0, b"", 120, 120)
