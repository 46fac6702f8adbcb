"""Query helpers that any app's views may use."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Subquery, Value, Window


def count_of(queryset) -> Subquery:
    """A correlated COUNT(*) for annotate(): joining two to-many relations and counting DISTINCT multiplies the
    rows; a subquery per count does not."""
    return Subquery(queryset.order_by().values(_group=Value(1)).annotate(n=Count("*")).values("n")[:1])


# Past this no list has a page; a larger number would overflow the database's OFFSET (a bigint).
MAX_PAGE_NUMBER = 1_000_000


def page_of(queryset, per_page: int, number) -> Page:
    """Paginator(queryset, per_page).get_page(number) in one query rather than two: the rows of the page carry the
    count of all as a window (COUNT(*) OVER ()). A filter that must look at every row (a NOT EXISTS, a search)
    then runs once, not once for the count and again for the page. A page past the end, or not a page number,
    falls back to get_page (the last or the first page), as Django answers it."""
    paginator = Paginator(queryset, per_page)
    try:
        wanted = 1 if number is None else int(number)
    except (TypeError, ValueError):
        wanted = 1
    if 1 <= wanted <= MAX_PAGE_NUMBER:
        bottom = (wanted - 1) * per_page
        rows = list(queryset.annotate(page_of_total=Window(Count("*")))[bottom : bottom + per_page])
        if rows or wanted == 1:
            paginator.count = rows[0].page_of_total if rows else 0
            return Page(rows, wanted, paginator)
    return paginator.get_page(number)
