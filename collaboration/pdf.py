"""Minutes as PDF with WeasyPrint, from a template of our own. Nothing outside the document is fetched."""

from django.template.loader import render_to_string
from django.utils import translation

from ui.pdf import html_to_pdf


def minutes_pdf(context: dict) -> bytes:
    with translation.override("nb"):
        html = render_to_string("collaboration/minutes_pdf.html", context)
    return html_to_pdf(html)
