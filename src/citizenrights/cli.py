"""The ``citizenrights`` command (optional extra ``cli``: ``pip install "citizenrights[cli]"``).

Exit codes: 0 ok, 1 findings, 2 bad input (with a one-line reason and no traceback).
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["main"]


def _missing_extra(exc: ImportError) -> int:
    print(
        f"citizenrights: the command line needs the 'cli' extra ({exc.name} is missing); "
        'install it with: pip install "citizenrights[cli]"',
        file=sys.stderr,
    )
    return 2


def main(argv: list[str] | None = None) -> Any:
    """Run the command line; returns the exit code when ``standalone`` is off."""
    try:
        from citizenrights._cli_app import app
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise SystemExit(_missing_extra(exc)) from None
    return app(args=argv, prog_name="citizenrights")
