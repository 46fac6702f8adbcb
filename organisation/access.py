"""Municipality isolation: the one place that decides which municipalities a person belongs to.

A person belongs to the municipalities that their service positions serve, and to the municipality of each
municipal position (leadership, administrator, privacy officer). They see only objects of those
municipalities. An administrator administers only the municipalities where they hold the administrator
position. Every lookup of a protected object goes through an `access_*` function here (or in the app that
owns the object, built on these), and an object the person may not see answers 404, so a stranger cannot
learn that it exists.

The answers are computed from the database once per request object and never cached across requests, so a
changed position takes effect on the next request.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from organisation.models import Municipality, Position, Service, User

_CACHE_ATTR = "_laget_scope"


class Scope:
    """What one user may see and administer, read once per request."""

    def __init__(self, user) -> None:
        self.municipality_ids: frozenset[int] = frozenset()
        self.administered_ids: frozenset[int] = frozenset()
        self.leadership_ids: frozenset[int] = frozenset()
        self.led_service_ids: frozenset[int] = frozenset()
        self.service_ids: frozenset[int] = frozenset()
        if not (user and user.is_authenticated and user.is_active):
            return
        # One query: each position, once per municipality its service serves (LEFT JOINs, so a municipal position
        # without a service is there once with None).
        rows = list(
            Position.objects.filter(holder=user).values_list(
                "role", "municipality_id", "service_id", "service__municipalities"
            )
        )
        positions = [(role, municipality_id, service_id) for role, municipality_id, service_id, _ in rows]
        service_ids = {service_id for _, _, service_id in positions if service_id}
        served = {served_id for *_, served_id in rows if served_id}
        municipal = {municipality_id for _, municipality_id, _ in positions if municipality_id}
        self.municipality_ids = frozenset(served | municipal)
        self.service_ids = frozenset(service_ids)
        self.led_service_ids = frozenset(
            service_id for role, _, service_id in positions if role == Position.Role.SERVICE_LEADER
        )
        self.administered_ids = frozenset(
            municipality_id for role, municipality_id, _ in positions if role == Position.Role.ADMINISTRATOR
        )
        self.leadership_ids = frozenset(
            municipality_id for role, municipality_id, _ in positions if role == Position.Role.LEADERSHIP
        )

    @property
    def is_administrator(self) -> bool:
        return bool(self.administered_ids)

    @property
    def is_leadership(self) -> bool:
        return bool(self.leadership_ids)


def scope_for(user) -> Scope:
    """Return the user's scope, computed once for this user object (that is, once per request)."""
    scope = getattr(user, _CACHE_ATTR, None)
    if scope is None:
        scope = Scope(user)
        if user is not None:
            setattr(user, _CACHE_ATTR, scope)
    return scope


def _chosen_id(user, wanted: str) -> int:
    ids = scope_for(user).municipality_ids
    if not ids:
        raise Http404
    return int(wanted) if wanted.isascii() and wanted.isdigit() and int(wanted) in ids else min(ids)


def chosen_municipality(user, wanted: str) -> Municipality:
    """The municipality asked for by id (as in ?kommune=), if it is one of the user's; else the user's first.
    Raises Http404 if the user belongs to none."""
    return Municipality.objects.get(pk=_chosen_id(user, wanted))


def chosen_municipality_of(user, wanted: str, choices: list[Municipality]) -> Municipality:
    """chosen_municipality(), picked from `choices` (the user's municipalities, already read for a municipality
    switch) rather than read again."""
    chosen = _chosen_id(user, wanted)
    return next(municipality for municipality in choices if municipality.pk == chosen)


def visible_municipalities(user) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=scope_for(user).municipality_ids)


def visible_services(user) -> QuerySet[Service]:
    return Service.objects.serving(scope_for(user).municipality_ids)


def visible_people(user) -> QuerySet[User]:
    """People employed by one of the user's municipalities, or holding a position there."""
    ids = scope_for(user).municipality_ids
    return User.objects.filter(
        Q(municipality__in=ids) | Q(positions__service__municipalities__in=ids) | Q(positions__municipality__in=ids)
    ).distinct()


def administered_municipalities(user) -> QuerySet[Municipality]:
    """Municipalities where the user holds the administrator position."""
    return Municipality.objects.filter(pk__in=scope_for(user).administered_ids)


def require_administrator(user) -> None:
    """Raise Http404 unless the user administers at least one municipality."""
    if not scope_for(user).is_administrator:
        raise Http404


def position_holder_choices(user, position: Position) -> QuerySet[User]:
    """Whom an administrator may place in a position: active people they administer, never themselves (nobody
    widens their own access), and whoever holds it now."""
    return (
        User.objects.filter(Q(pk__in=administered_people(user)) | Q(pk=position.holder_id), is_active=True)
        .exclude(pk=user.pk)
        .order_by("full_name")
    )


def position_change_error(user, *, held_by_before: int | None, held_by_after: int | None) -> str | None:
    """Why this user may not make this change of a position, or None. Nobody grants or widens their own access:
    an administrator neither places themselves in a position nor changes a position they hold."""
    if held_by_before == user.pk:
        return _("Du har denne stillingen selv og kan ikke endre den. En annen administrator må gjøre det.")
    if held_by_after == user.pk:
        return _("Du kan ikke sette deg selv inn i en stilling. En annen administrator må gjøre det.")
    return None


def administered_services(user) -> QuerySet[Service]:
    """Services an administrator may change: those whose host municipality they administer."""
    return Service.objects.filter(host_municipality__in=scope_for(user).administered_ids)


def administered_people(user) -> QuerySet[User]:
    """People an administrator may edit, deactivate and re-invite: employed by a municipality they administer,
    holding no position outside it, and not platform operators. Otherwise changing someone's e-mail and
    re-inviting them would hand over that person's powers elsewhere."""
    ids = scope_for(user).administered_ids
    elsewhere = Position.objects.filter(holder=OuterRef("pk")).exclude(
        Q(municipality__in=ids) | Q(service__host_municipality__in=ids)
    )
    return User.objects.filter(municipality__in=ids, is_staff=False, is_superuser=False).exclude(Exists(elsewhere))


def administered_positions(user) -> QuerySet[Position]:
    ids = scope_for(user).administered_ids
    return Position.objects.filter(Q(municipality__in=ids) | Q(service__host_municipality__in=ids))


def access_municipality(user, municipality_id: int, *, administer: bool = False) -> Municipality:
    """Return the municipality if the user belongs to it (and administers it, if asked), else raise Http404."""
    scope = scope_for(user)
    allowed = scope.administered_ids if administer else scope.municipality_ids
    if municipality_id not in allowed:
        raise Http404
    return Municipality.objects.get(pk=municipality_id)


def _get_or_404(queryset: QuerySet, pk: int):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def access_service(user, service_id: int, *, administer: bool = False) -> Service:
    """Return the service if it serves one of the user's municipalities (or, to administer, is hosted by one
    the user administers), else raise Http404."""
    queryset = administered_services(user) if administer else visible_services(user)
    return _get_or_404(queryset.select_related("host_municipality"), service_id)


def access_person(user, person_id: int, *, administer: bool = False) -> User:
    """Return the person if visible to the user (or, to administer, employed by a municipality the user
    administers), else raise Http404."""
    queryset = administered_people(user) if administer else visible_people(user)
    return _get_or_404(queryset.select_related("municipality"), person_id)


def access_position(user, position_id: int) -> Position:
    """Return the position if the user administers it, else raise Http404."""
    return _get_or_404(administered_positions(user).select_related("service", "municipality", "holder"), position_id)
