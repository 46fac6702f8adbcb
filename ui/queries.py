"""Query helpers that any app's views may use."""

from django.db.models import Count, Subquery, Value


def count_of(queryset) -> Subquery:
    """A correlated COUNT(*) for annotate(): joining two to-many relations and counting DISTINCT multiplies the
    rows; a subquery per count does not."""
    return Subquery(queryset.order_by().values(_group=Value(1)).annotate(n=Count("*")).values("n")[:1])
