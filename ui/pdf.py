"""HTML to PDF with WeasyPrint, fetching nothing: no file, no network, not even an image the HTML names; and the
end of a build recorded on the row that stores the PDF."""

import hashlib


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported on use: it loads Pango, which the web pages do not need
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        # WeasyPrint 70 calls a fetcher through its own class (it reads _fail_on_errors from it): a plain
        # function as url_fetcher crashes the render on the first URL instead of refusing it.
        def fetch(self, url, headers=None):
            raise ValueError(f"Fetching {url} is not allowed when rendering a PDF in Laget.")

    return HTML(string=html, url_fetcher=NoFetching(allowed_protocols=())).write_pdf()


# What recording a build's end changes on a stored-PDF row (collaboration.MinutesPdf, reports.AnnualReport).
PDF_BUILD_RESULT_FIELDS = ["status", "error", "file", "sha256", "size", "finished_at"]


def pdf_build_result(claimed, *, content: bytes | None, error: str, filename: str):
    """The stored-PDF row `claimed` (status BUILDING since its started_at) with the build's end written in,
    unsaved, for the caller to save with PDF_BUILD_RESULT_FIELDS in its transaction; None when a later build has
    taken the row over, or it was deleted: that one decides. The row is locked until the transaction ends."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    model = type(claimed)
    current = model.objects.select_for_update().filter(pk=claimed.pk).first()
    if current is None or current.status != model.Status.BUILDING or current.started_at != claimed.started_at:
        return None
    if content is None:
        current.status, current.error = model.Status.FAILED, error
    else:
        current.file.save(filename, ContentFile(content), save=False)  # named by upload_to, at random
        current.sha256, current.size = hashlib.sha256(content).hexdigest(), len(content)
        current.status = model.Status.READY
    current.finished_at = timezone.now()
    return current
