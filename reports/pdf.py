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
    from weasyprint import HTML  # imported on use: it loads Pango, which the web pages do not need
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        # WeasyPrint 70 calls a fetcher through its own class (it reads _fail_on_errors from it): a plain
        # function as url_fetcher crashes the render on the first URL instead of refusing it.
        def fetch(self, url, headers=None):
            raise ValueError(f"Fetching {url} is not allowed when rendering the report.")

    return HTML(string=html, url_fetcher=NoFetching(allowed_protocols=())).write_pdf()


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
