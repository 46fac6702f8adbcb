"""Links to many objects of one kind on one page."""

from collections.abc import Callable

from django.urls import reverse

_PK_PLACEHOLDER = 987654321


def url_for_each(viewname: str) -> Callable[[int], str]:
    """A function from an object's id to the URL of `viewname` for it (a view taking one id), reversing the URL
    once a page rather than once a row: reverse() was a tenth of the time of a list page."""
    template = reverse(viewname, args=[_PK_PLACEHOLDER])
    return lambda pk: template.replace(str(_PK_PLACEHOLDER), str(pk))
