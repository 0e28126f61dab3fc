"""Open the HTML reports in headless Chromium: measure their layout, and screenshot the samples.

Usage: ``python scripts/chromium_samples.py`` writes ``docs/samples/report-fa.png`` and
``report-en.png`` (the top of each sample report at 1280 px) from the HTML samples that
``scripts/render_sample_reports.py`` writes to ``docs/samples/html/``. ``tests/test_browser.py`` uses
[`measure`][] to check the pages in a real browser.

Chromium runs with no network, no sandbox (a container has none), no first-run or background
work, and a throwaway profile; a page is opened from a ``file://`` path.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "docs" / "samples"

#: The pages the docs show as screenshots, and how tall a shot is (the top of the report).
SHOTS = ("report-fa", "report-en")
SHOT_HEIGHT = 2000

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
)

# Written into the page: once its fonts are loaded, the layout facts go into a <pre> that
# --dump-dom prints.
_PROBE = """<script>
document.fonts.ready.then(() => {
  const de = document.documentElement;
  const charts = [...document.querySelectorAll("svg")].map((svg) => {
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll("text")];
    const outside = texts.filter((t) => {
      const r = t.getBoundingClientRect();
      return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1);
    }).length;
    return {width: box.width, height: box.height, texts: texts.length, outside: outside,
            shapes: svg.querySelectorAll("path, rect, use").length};
  });
  const wide = [...document.querySelectorAll("table")].filter(
    (t) => t.getBoundingClientRect().width > de.clientWidth + 0.5).length;
  const out = {
    scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, scrollHeight: de.scrollHeight,
    lang: de.lang, dir: de.dir, direction: getComputedStyle(document.body).direction,
    font: document.fonts.check("16px Vazirmatn", "گزارش"),
    fontFamily: getComputedStyle(document.body).fontFamily,
    fontsLoaded: [...document.fonts].filter((f) => f.status === "loaded").length,
    charts: charts, wideTables: wide,
  };
  const pre = document.createElement("pre");
  pre.id = "cr-metrics";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""

_METRICS = re.compile(r'<pre id="cr-metrics">(.*?)</pre>', re.DOTALL)


def find_chromium() -> str | None:
    """The Chromium executable: ``$CHROMIUM``, ``chromium`` on the PATH, or ``None``."""
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


def _run(chromium: str, args: list[str], profile: Path) -> str:
    command = [chromium, *FLAGS, f"--user-data-dir={profile}", *args]
    done = subprocess.run(  # noqa: S603 - a fixed command line with our own file paths
        command, capture_output=True, text=True, timeout=180, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited with {done.returncode}: {done.stderr.strip()[-500:]}")
    return done.stdout


def measure(chromium: str, page: Path, width: int = 1280, height: int = 900) -> dict[str, Any]:
    """Open ``page`` at ``width`` × ``height`` and return its layout facts.

    Keys: ``scrollWidth``, ``clientWidth``, ``scrollHeight`` (of the document element),
    ``lang``, ``dir``, ``direction`` (the body's computed direction), ``font`` (Vazirmatn is
    loaded), ``charts`` (each ``<svg>``: ``width``, ``height``, ``texts``, ``outside`` (text
    drawn past the chart's edges), ``shapes``), and ``wideTables`` (tables wider than the
    window).
    """
    with tempfile.TemporaryDirectory(prefix="cr-chromium-") as tmp:
        probe = Path(tmp) / page.name
        html = page.read_text(encoding="utf-8")
        probe.write_text(html.replace("</body>", _PROBE + "\n</body>", 1), encoding="utf-8")
        out = _run(
            chromium,
            [
                f"--window-size={width},{height}",
                "--virtual-time-budget=10000",
                "--dump-dom",
                probe.as_uri(),
            ],
            Path(tmp) / "profile",
        )
    found = _METRICS.search(out)
    if found is None:
        raise RuntimeError(f"chromium printed no layout facts for {page.name}: {out[:300]!r}")
    facts: dict[str, Any] = json.loads(found.group(1))
    return facts


def screenshot(chromium: str, page: Path, png: Path, width: int = 1280, height: int = 900) -> Path:
    """Save a PNG of the top ``height`` pixels of ``page`` rendered ``width`` pixels wide."""
    with tempfile.TemporaryDirectory(prefix="cr-chromium-") as tmp:
        _run(
            chromium,
            [
                f"--window-size={width},{height}",
                "--virtual-time-budget=10000",
                f"--screenshot={png}",
                page.as_uri(),
            ],
            Path(tmp) / "profile",
        )
    return png


def print_pdf(chromium: str, page: Path, pdf: Path) -> Path:
    """Print ``page`` to ``pdf`` as a reader would from the browser (its print style sheet)."""
    with tempfile.TemporaryDirectory(prefix="cr-chromium-") as tmp:
        _run(
            chromium,
            [
                "--virtual-time-budget=10000",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            Path(tmp) / "profile",
        )
    return pdf


def main() -> int:
    chromium = find_chromium()
    if chromium is None:
        print("chromium not found: install Debian's chromium package", file=sys.stderr)
        return 1
    for name in SHOTS:
        page = SAMPLES / "html" / f"{name}.html"
        if not page.exists():
            print(f"{page} is missing; run scripts/render_sample_reports.py", file=sys.stderr)
            return 1
        png = screenshot(chromium, page, SAMPLES / f"{name}.png", height=SHOT_HEIGHT)
        print(f"wrote {png.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
