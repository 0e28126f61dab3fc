"""The ``citizenrights`` command (optional extra ``cli``: ``pip install -e ".[cli]"`` in a clone).

Commands: ``demo``, ``validate``, ``score``, ``report``, ``eligibility``, ``progress``, ``schema``.
Exit codes: 0 ok, 1 findings (``validate``), 2 bad input, with a one-line reason on stderr and no
traceback. Output files are written atomically: a failed run leaves no half-written file.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    """Run the command line with ``argv`` (``sys.argv[1:]`` by default)."""
    try:
        from citizenrights.cli._app import app
    except ImportError as exc:  # pragma: no cover - only without the extra
        if (exc.name or "").split(".")[0] not in {"typer", "rich", "click"}:
            raise
        print(
            f"citizenrights: the command line needs the 'cli' extra ({exc.name} is missing); "
            'install it with: pip install -e ".[cli]" in a clone, or pip install '
            '"citizenrights-VERSION-py3-none-any.whl[cli]" from a wheel',
            file=sys.stderr,
        )
        raise SystemExit(2) from None
    app(args=argv, prog_name="citizenrights")
