"""HTML to PDF with WeasyPrint, fetching nothing: no file, no network, not even an image the HTML names."""


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported on use: it loads Pango, which the web pages do not need
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        # WeasyPrint 70 calls a fetcher through its own class (it reads _fail_on_errors from it): a plain
        # function as url_fetcher crashes the render on the first URL instead of refusing it.
        def fetch(self, url, headers=None):
            raise ValueError(f"Fetching {url} is not allowed when rendering a PDF in Laget.")

    return HTML(string=html, url_fetcher=NoFetching(allowed_protocols=())).write_pdf()
