"""The report as PDF with WeasyPrint, rendered in a child process that exits afterwards.

WeasyPrint keeps what it loaded (fonts, layout caches) for the life of the process; a long-running Celery
worker would carry that after every report. The HTML is made here, from the database; the child only turns it
into PDF, gets no database and fetches nothing (every URL is refused).
"""

import resource
import subprocess
import sys
from pathlib import Path

RENDER_TIMEOUT_SECONDS = 200


class RenderError(RuntimeError):
    pass


def html_to_pdf(html: str) -> bytes:
    """Render in-process (used by the child)."""
    from ui.pdf import html_to_pdf as render

    return render(html)


def render_pdf(html: str) -> bytes:
    """Render `html` to PDF in a fresh Python process; raises RenderError with the child's reason."""
    result = subprocess.run(  # noqa: S603 (our own interpreter and module, no shell)
        [sys.executable, "-m", "reports.pdf"],
        input=html.encode(),
        capture_output=True,
        timeout=RENDER_TIMEOUT_SECONDS,
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
    )
    if result.returncode != 0 or not result.stdout.startswith(b"%PDF"):
        reason = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise RenderError(f"PDF rendering failed ({result.returncode}): {reason[0]}"[:400])
    return result.stdout


def children_peak_memory_mb() -> float:
    """The largest resident size of any child process that has ended (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


if __name__ == "__main__":
    sys.stdout.buffer.write(html_to_pdf(sys.stdin.buffer.read().decode()))
