"""Who may see and change which measure, built on organisation.access (municipality isolation).

Everyone in a municipality sees its catalogue. Leaders of the responsible service and the municipality's
administrators create, change, evaluate and end a measure; nobody else can. Only a municipality's administrators
import a catalogue into it. A measure outside the user's municipalities answers 404.

Every rule of the measures app lives here: views call these functions, forms only receive the querysets they
return as choices, and services trust their caller to have asked.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from measures.models import CataloguePartner, Measure
from organisation.access import scope_for
from organisation.models import Municipality, Service


def visible_measures(user) -> QuerySet[Measure]:
    """Measures in the user's municipalities: the catalogue they may read."""
    return Measure.objects.in_municipalities(scope_for(user).municipality_ids)


def manageable_measures(user) -> QuerySet[Measure]:
    """Visible measures the user may change, evaluate and end: those in a municipality they administer, and
    those their led services are responsible for."""
    scope = scope_for(user)
    return visible_measures(user).filter(
        Q(municipality__in=scope.administered_ids) | Q(responsible_service__in=scope.led_service_ids)
    )


def can_manage_measures(user) -> bool:
    """Whether the user may create measures at all (administers a municipality or leads a service)."""
    scope = scope_for(user)
    return bool(scope.administered_ids or scope.led_service_ids)


def catalogue_municipalities(user) -> QuerySet[Municipality]:
    """Municipalities whose catalogue the user may read (the municipality switch's choices)."""
    return Municipality.objects.filter(pk__in=scope_for(user).municipality_ids)


def manageable_municipalities(user) -> QuerySet[Municipality]:
    """Municipalities whose catalogue the user may add to: those they administer, and those their led services
    serve."""
    scope = scope_for(user)
    return Municipality.objects.filter(
        Q(pk__in=scope.administered_ids) | Q(services__in=scope.led_service_ids)
    ).distinct()


def importable_municipalities(user) -> QuerySet[Municipality]:
    """Municipalities the user may import a catalogue into: only those they administer."""
    return Municipality.objects.filter(pk__in=scope_for(user).administered_ids)


def responsible_service_choices(user) -> QuerySet[Service]:
    """Services a user may make responsible for a measure: any serving a municipality they administer, and the
    services they lead. Which of them fits the chosen municipality is checked by access_responsible_service."""
    scope = scope_for(user)
    return Service.objects.filter(
        Q(municipalities__in=scope.administered_ids) | Q(pk__in=scope.led_service_ids)
    ).distinct()


def access_measure_create(user) -> None:
    """Return if the user may create measures, else raise Http404 (the page does not exist for them)."""
    if not can_manage_measures(user):
        raise Http404


def access_measure(user, measure_id: int, *, manage: bool = False) -> Measure:
    """Return the measure if the user may see it (or, with manage=True, change it), else raise Http404."""
    queryset = manageable_measures(user) if manage else visible_measures(user)
    measure = queryset.select_related("municipality", "responsible_service").filter(pk=measure_id).first()
    if measure is None:
        raise Http404
    return measure


def access_responsible_service(user, *, municipality: Municipality, service: Service) -> None:
    """The leader rule: return if the user may make `service` responsible for a measure in `municipality`,
    else raise PermissionDenied with a message for the form.

    An administrator of the municipality may pick any of its services; anyone else only a service they lead.
    That the service serves the municipality at all is input validation, left to the form.
    """
    scope = scope_for(user)
    if municipality.pk not in scope.administered_ids and service.pk not in scope.led_service_ids:
        raise PermissionDenied(_("Du kan bare legge inn tiltak for tjenester du leder."))


def access_catalogue_import(user) -> QuerySet[Municipality]:
    """Return the municipalities the user may import into, or raise Http404 if they administer none."""
    if not scope_for(user).is_administrator:
        raise Http404
    return importable_municipalities(user)


def access_partner_municipalities(user) -> QuerySet[Municipality]:
    """The municipalities whose catalogue partners (§11.5, outside the pyramid) the user may add, change and
    delete: those they administer. Raise Http404 if none."""
    if not scope_for(user).is_administrator:
        raise Http404
    return importable_municipalities(user)


def access_partner(user, partner_id: int) -> CataloguePartner:
    """Return the catalogue partner if the user administers its municipality, else raise Http404."""
    partner = (
        CataloguePartner.objects.filter(municipality__in=scope_for(user).administered_ids, pk=partner_id)
        .select_related("municipality")
        .first()
    )
    if partner is None:
        raise Http404
    return partner


def may_manage_partners(user, municipality: Municipality) -> bool:
    return municipality.pk in scope_for(user).administered_ids
