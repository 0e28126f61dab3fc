"""What the scripts that render generated docs pages share (private)."""

from __future__ import annotations

from pathlib import Path


def write_or_check(page: Path, text: str, *, check: bool, root: Path, script: str) -> int:
    """Write a generated page, or with ``check`` only compare it with the file: the exit status.

    Args:
        page: the page's file.
        text: the page as rendered now.
        check: compare instead of writing.
        root: the folder the page's path is shown relative to.
        script: the script's file name, named in the message for a stale page.

    Returns:
        1 when checking a page that is out of date (or missing), else 0.
    """
    shown = page.relative_to(root)
    if check:
        current = page.read_text(encoding="utf-8") if page.exists() else ""
        if current != text:
            print(f"{shown} is out of date; run {script}")
            return 1
        return 0
    page.write_text(text, encoding="utf-8")
    print(f"wrote {shown}")
    return 0
