"""Who may see and change which measure, built on organisation.access (municipality isolation).

Everyone in a municipality sees its catalogue. Leaders of the responsible service and the municipality's
administrators create, change, evaluate and end a measure; nobody else can. A measure outside the user's
municipalities answers 404.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from measures.models import Measure
from organisation.access import scope_for
from organisation.models import Service


def visible_measures(user) -> QuerySet[Measure]:
    return Measure.objects.in_municipalities(scope_for(user).municipality_ids)


def manageable_measures(user) -> QuerySet[Measure]:
    scope = scope_for(user)
    return visible_measures(user).filter(
        Q(municipality__in=scope.administered_ids) | Q(responsible_service__in=scope.led_service_ids)
    )


def can_manage_measures(user) -> bool:
    scope = scope_for(user)
    return bool(scope.administered_ids or scope.led_service_ids)


def responsible_service_choices(user) -> QuerySet[Service]:
    """Services a user may make responsible for a measure: any serving a municipality they administer, and the
    services they lead."""
    scope = scope_for(user)
    return Service.objects.filter(
        Q(municipalities__in=scope.administered_ids) | Q(pk__in=scope.led_service_ids)
    ).distinct()


def access_measure(user, measure_id: int, *, manage: bool = False) -> Measure:
    """Return the measure if the user may see it (or, with manage=True, change it), else raise Http404."""
    queryset = manageable_measures(user) if manage else visible_measures(user)
    measure = queryset.select_related("municipality", "responsible_service").filter(pk=measure_id).first()
    if measure is None:
        raise Http404
    return measure
