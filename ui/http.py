"""Request helpers that any app's views may use."""


def base_url(request) -> str:
    """The site's absolute root URL as the browser reached it, for links in e-mails and calendar files."""
    return request.build_absolute_uri("/")
