"""Minutes as PDF with WeasyPrint, from a template of our own. Nothing outside the document is fetched."""

from django.template.loader import render_to_string
from django.utils import translation


def _no_fetching(url, *args, **kwargs):
    raise ValueError(f"Fetching {url} is not allowed when rendering minutes.")


def minutes_pdf(context: dict) -> bytes:
    from weasyprint import HTML  # imported on use: it loads Pango, which the web pages do not need

    with translation.override("nb"):
        html = render_to_string("collaboration/minutes_pdf.html", context)
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()
